"""A pack killed at any moment is finished by a plain rerun, leaves no process behind, and two packs at once end consistent."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

KILLS = 8
ENVIRONMENT = {**os.environ, "SOPGEN_LANG": "en"}


def _pack(out: Path, languages: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sopgen", "pack", "--lang", languages, "--out", str(out), *extra]


def _undated_profile(folder: Path) -> Path:
    """The demo shop without an effective date, so that SOURCE_DATE_EPOCH dates its documents."""
    from sopgen.blueprints.profile import demo_profile_path

    text = demo_profile_path().read_text(encoding="utf-8")
    profile = folder / "shop.yaml"
    profile.write_text("".join(line for line in text.splitlines(keepends=True) if "effective:" not in line), encoding="utf-8")
    return profile


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _assert_consistent(out: Path) -> dict[str, dict[str, str]]:
    """Every file the manifest names is on disk with the recorded bytes, every document a whole zip, no temporary file left."""
    assert not list(out.rglob("*.part"))
    manifest = json.loads((out / ".sopgen-manifest.json").read_text(encoding="utf-8"))
    for relative, entry in manifest.items():
        data = (out / relative).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], relative
        if relative.endswith(".docx"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                assert archive.testzip() is None
    return manifest


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_pack_killed_at_random_moments_is_finished_by_a_plain_rerun(tmp_path: Path):
    out = tmp_path / "pack"
    command = _pack(out, "en,da", "--profile", str(_undated_profile(tmp_path)))
    seed = random.randrange(1_000_000)
    chance = random.Random(seed)
    for attempt in range(KILLS):
        kind = (signal.SIGTERM, signal.SIGKILL)[attempt % 2]
        # Each attempt dates the documents a day later, so each has every document to write again.
        environment = {**ENVIRONMENT, "SOURCE_DATE_EPOCH": str(1_767_225_600 + 86_400 * attempt)}
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
        deadline = time.monotonic() + chance.uniform(0.5, 4.0)
        workers: set[int] = set()
        while time.monotonic() < deadline and run.poll() is None:
            workers |= _descendants(run.pid)
            time.sleep(0.02)
        run.send_signal(kind)  # the pack alone, not its process group: the workers must follow by themselves
        _stdout, stderr = run.communicate(timeout=120)
        context = f"seed {seed}, attempt {attempt}, {kind.name}: {stderr.decode()}"
        assert b"Traceback" not in stderr, context
        if kind == signal.SIGTERM:  # handled once the command runs; before that it ends Python at once, with nothing written yet
            assert run.returncode in (0, 143, -signal.SIGTERM), context
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)], f"orphans left: {context}"
    finished = subprocess.run(command, capture_output=True, env=environment, timeout=600)
    assert finished.returncode == 0, f"seed {seed}: {finished.stderr.decode()}"
    manifest = _assert_consistent(out)
    documents = [name for name in manifest if name.endswith(".docx")]
    assert len(documents) == 2 * len(list((out / "en").rglob("*.docx")))
    again = subprocess.run(command, capture_output=True, env=environment, timeout=600)
    assert again.returncode == 0 and b"(0 written" in again.stdout


@pytest.mark.slow
def test_two_packs_into_one_folder_at_once_end_complete_and_consistent(tmp_path: Path):
    out = tmp_path / "pack"
    runs = [subprocess.Popen(_pack(out, language), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENVIRONMENT) for language in ("en", "da")]
    results = [(run.wait(timeout=600), run.stderr.read().decode()) for run in runs]
    for run in runs:
        run.stdout.close()
        run.stderr.close()
    assert results == [(0, ""), (0, "")]
    manifest = _assert_consistent(out)
    for language in ("en", "da"):
        files = {str(path.relative_to(out)) for path in (out / language).rglob("*") if path.is_file()}
        assert files and files <= set(manifest), language
    rerun = subprocess.run(_pack(out, "en,da"), capture_output=True, env=ENVIRONMENT, timeout=600)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert b"(1 written" in rerun.stdout  # only the index, now for both languages
