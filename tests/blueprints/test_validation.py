"""Validation: every broken blueprint in the corpus gets its exact message, file and line, and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sopgen.blueprints.validation import build_library
from sopgen.blueprints.yaml_loading import parse_yaml
from sopgen.cli.app import app
from sopgen.errors import InputError

CORPUS = Path(__file__).parents[1] / "corpus" / "blueprints"
EXPECTED = yaml.safe_load((CORPUS.parent / "blueprints.expected.yaml").read_text(encoding="utf-8"))


def test_corpus_has_a_message_for_every_file():
    assert sorted(EXPECTED) == sorted(path.name for path in CORPUS.glob("*.yaml"))
    assert len(EXPECTED) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_blueprint_is_reported_exactly(name: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CORPUS)
    result = CliRunner().invoke(app, ["validate", name])
    assert result.exit_code == 2
    assert result.stderr == EXPECTED[name]
    assert "Traceback" not in result.output


def test_all_problems_of_all_files_are_reported_at_once(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CORPUS)
    result = CliRunner().invoke(app, ["validate", "bad-phase.yaml", "flow-cycle.yaml", "unknown-field.yaml"])
    assert result.exit_code == 2
    assert result.stderr == EXPECTED["bad-phase.yaml"] + EXPECTED["flow-cycle.yaml"] + EXPECTED["unknown-field.yaml"]


def test_builtin_library_is_valid():
    result = CliRunner().invoke(app, ["validate", str(Path(__file__).parents[2] / "blueprints")])
    assert result.exit_code == 0, result.output
    assert "SOPs and" in result.stdout


def test_missing_path_is_an_input_error():
    result = CliRunner().invoke(app, ["validate", "no/such/folder"])
    assert result.exit_code == 2
    assert result.stderr.startswith("no/such/folder: error: no such file or folder")


def _flow(edges: str, steps: str = "  - {id: a, lane: l, title: A}\n  - {id: b, lane: l, title: B}\n  - {id: c, lane: l, title: C}\n") -> str:
    return f"kind: flow\nid: f\ntitle: F\nvolume: 1\nlanes:\n  - {{id: l, title: L}}\nsteps:\n{steps}edges:\n{edges}"


def test_cycle_names_every_step_on_it():
    text = _flow("  - {from: a, to: b}\n  - {from: b, to: c}\n  - {from: c, to: a}\n")
    with pytest.raises(InputError) as caught:
        build_library([parse_yaml(text, "f.yaml")])
    assert "a → b → c → a" in str(caught.value)


def test_rework_edge_makes_a_loop_valid():
    text = _flow("  - {from: a, to: b}\n  - {from: b, to: c}\n  - {from: c, to: a, rework: true}\n")
    library = build_library([parse_yaml(text, "f.yaml")])
    assert [flow.id for flow in library.flows] == ["f"]


def test_mode_follows_lane_type_when_unset():
    text = (
        "kind: flow\nid: f\ntitle: F\nvolume: 1\nlanes:\n  - {id: p, title: P, type: person}\n"
        "  - {id: s, title: S, type: system}\nsteps:\n  - {id: a, lane: p, title: A}\n  - {id: b, lane: s, title: B}\n"
        "edges:\n  - {from: a, to: b}\n"
    )
    flow = build_library([parse_yaml(text, "f.yaml")]).flows[0]
    assert [flow.mode_of(step) for step in flow.steps] == ["manual", "automated"]


def test_same_id_twice_in_one_set_is_reported_with_both_places():
    sop = "kind: sop\nid: s\nphase: sale\ntitle: T\npurpose: P\nscope: S\nroles: [r]\nsteps:\n  - {id: a, title: A}\nreview_every: 1 year\n"
    with pytest.raises(InputError) as caught:
        build_library([parse_yaml(sop, "one.yaml"), parse_yaml(sop, "two.yaml")])
    assert "two.yaml:2: error: id 's' is already used by one.yaml:2" in str(caught.value)


PROFILES = CORPUS.parent / "profiles"
PROFILE_EXPECTED = yaml.safe_load((CORPUS.parent / "profiles.expected.yaml").read_text(encoding="utf-8"))


def test_profile_corpus_is_complete():
    assert sorted(PROFILE_EXPECTED) == sorted(path.name for path in PROFILES.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(PROFILE_EXPECTED))
def test_broken_profile_is_reported_exactly_and_nothing_is_written(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(PROFILES)
    out = tmp_path / "pack"
    result = CliRunner().invoke(app, ["pack", "--profile", name, "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == PROFILE_EXPECTED[name]
    assert not out.exists()
