"""Every built-in flow in every language, a 500-step flow and a flow of hostile labels, exported to real files,
and the reports of the parsers that bpmn-js and Mermaid use, run under Node on them: once per test run,
shared by the workers (a lock in the run's own temporary folder)."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from sample_flows import BRANCHING, chain_flow, flow_from, hostile_flow
from sopgen.analysis.figures import FlowAnalysis, analyse
from sopgen.blueprints.model import FlowBlueprint
from sopgen.export import EXPORT_FORMATS, export_flow
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization

NODE_CHECKS = Path(__file__).parents[1] / "node"
LOCALES = ("en", "da", "zh_Hant_TW", "id")


@dataclass
class Export:
    """One flow in one language, exported to every format."""

    name: str
    locale: str
    flow: FlowBlueprint  # localized
    analysis: FlowAnalysis
    files: dict[str, Path] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.name} ({self.locale})"


@contextmanager
def made_once(folder: Path, name: str) -> Iterator[bool]:
    """Across the workers of one run: True for the first to get here (it makes `name`), False for the rest."""
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / f"{name}.done"
        first = not done.exists()
        yield first
        done.touch()


@pytest.fixture(scope="session")
def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for all the workers of this run, so that the exports and the Node parsers run once."""
    base = tmp_path_factory.getbasetemp()
    # A worker's temporary folder lies in the run's own; without workers the run has only its own.
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "sopgen-exports"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def exports(shared_folder: Path, library, demo_profile) -> list[Export]:
    """The built-in flows in all four languages (localized as the pack does), then the hand-made flows."""
    cases = []
    for locale in LOCALES:
        localization = Localization(Localizer.for_locale(locale), demo_profile)
        for flow in library.flows:
            cases.append((flow.id, locale, localization.record(flow), localization.localizer))
    english = Localizer.for_locale("en")
    for name, text in (("branching", BRANCHING), ("chain-500", chain_flow(500, 5)), ("hostile", hostile_flow())):
        cases.append((name, "en", flow_from(text), english))
    cases.append(("hostile", "zh_Hant_TW", flow_from(hostile_flow()), Localizer.for_locale("zh_Hant_TW")))
    exported = []
    with made_once(shared_folder, "exports") as first:
        for name, locale, flow, localizer in cases:
            case = Export(name, locale, flow, analyse(flow))
            for fmt, extension in EXPORT_FORMATS.items():
                case.files[fmt] = shared_folder / f"{name}.{locale}.{extension}"
                if first:
                    case.files[fmt].write_bytes(export_flow(flow, case.analysis, localizer, fmt))
            exported.append(case)
    return exported


@pytest.fixture(scope="session")
def hostile(exports: list[Export]) -> Export:
    return next(case for case in exports if case.name == "hostile" and case.locale == "en")


def run_node_checks(kind: str, files: list[Path]) -> dict[Path, dict[str, Any]]:
    """One Node process parses all `files` (bpmn or mermaid); its report per file."""
    node = shutil.which("node")
    if node is None or not (NODE_CHECKS / "node_modules").is_dir():
        pytest.fail("the export checks need Node and the packages in tests/node: run `make test`, or `npm ci` in tests/node")
    result = subprocess.run(
        [node, str(NODE_CHECKS / "check_exports.mjs"), kind, *map(str, files)],
        cwd=NODE_CHECKS, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    return {Path(report["file"]): report for report in json.loads(result.stdout)}


def node_reports(kind: str, exports: list[Export], folder: Path) -> dict[Path, dict[str, Any]]:
    saved = folder / f"{kind}-reports.json"
    with made_once(folder, f"{kind}-reports") as first:
        if first:
            reports = run_node_checks(kind, [case.files[kind] for case in exports])
            saved.write_text(json.dumps({str(path): report for path, report in reports.items()}), encoding="utf-8")
    return {Path(path): report for path, report in json.loads(saved.read_text(encoding="utf-8")).items()}


@pytest.fixture(scope="session")
def moddle_reports(exports: list[Export], shared_folder: Path) -> dict[Path, dict[str, Any]]:
    return node_reports("bpmn", exports, shared_folder)


@pytest.fixture(scope="session")
def mermaid_reports(exports: list[Export], shared_folder: Path) -> dict[Path, dict[str, Any]]:
    return node_reports("mermaid", exports, shared_folder)
