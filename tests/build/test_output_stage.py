"""The output folder is checked before anything is rendered: what cannot be written, and what stands in the way, is refused up front."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sopgen.cli.app import app

SOP = ["sop", "shipping", "--lang", "en"]
DOCUMENT = "SOP-SAL-002-shipping.en.docx"


def _run(*arguments: str):
    return CliRunner().invoke(app, list(arguments))


def _mounted(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True).returncode:
        pytest.skip("mounting a small file system needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    yield from _mounted(tmp_path / "read-only", "ro,size=1m")


@pytest.fixture
def full(tmp_path: Path) -> Iterator[Path]:
    for folder in _mounted(tmp_path / "full", "size=64k"):
        with (folder / "filler").open("wb") as filler:
            try:
                filler.write(b"\0" * 100_000)
            except OSError:
                pass
        yield folder


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "immutable"
    folder.mkdir()
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.parametrize(
    "kind, reason",
    [
        ("read_only", "cannot be written: the file system is read-only"),
        ("full", "cannot be written: the disk is full"),
        ("immutable", "cannot be written: not permitted (is the folder immutable?)"),
    ],
)
def test_a_folder_that_cannot_be_written_is_reported_before_any_rendering(kind: str, reason: str, request: pytest.FixtureRequest):
    folder = request.getfixturevalue(kind)
    for out in (folder, folder / "pack"):
        result = _run("pack", "--lang", "en", "--out", str(out))
        assert result.exit_code == 2
        assert result.stderr == f"{out}: error: {reason}\n  hint: choose another --out, or free the folder and run the command again\n"


def test_a_parent_that_is_a_file_is_named(tmp_path: Path):
    (tmp_path / "notes").write_text("mine", encoding="utf-8")
    result = _run(*SOP, "--out", str(tmp_path / "notes" / "sops"))
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'notes'}: error: is a file, so the folder {tmp_path / 'notes' / 'sops'} cannot be made\n  hint: choose another --out\n"


def _pack(out: Path, *extra: str):
    return _run("pack", "--lang", "en", "--out", str(out), *extra)


def test_an_index_in_the_way_is_noticed_before_any_document_is_written(tmp_path: Path):
    out = tmp_path / "pack"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_text("mine", encoding="utf-8")
    (out / "index.html").symlink_to(elsewhere)
    result = _pack(out)
    assert result.exit_code == 2
    assert f"{out.resolve()}/index.html: error: is a symbolic link; sopgen does not write through links" in result.stderr
    assert not list(out.rglob("*.docx")) and elsewhere.read_text(encoding="utf-8") == "mine"
    (out / "index.html").unlink()
    (out / "index.html").mkdir()
    result = _pack(out)
    assert result.exit_code == 2 and "index.html: error: is a folder where sopgen writes a file" in result.stderr
    assert not list(out.rglob("*.docx"))


def test_a_hand_edited_index_or_manifest_is_noticed_up_front(tmp_path: Path):
    out = tmp_path / "pack"
    assert _pack(out).exit_code == 0
    (out / "index.html").write_text("<p>my own notes</p>", encoding="utf-8")
    shutil.rmtree(out / "en")
    result = _pack(out)
    assert result.exit_code == 2 and "index.html: error: was changed since sopgen wrote it" in result.stderr
    assert not (out / "en").exists()
    (out / "index.html").unlink()
    (out / ".sopgen-manifest.json").write_text("{ not json", encoding="utf-8")
    result = _pack(out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{out / '.sopgen-manifest.json'}: error: was changed by hand and cannot be read (")
    assert not (out / "en").exists()
    assert _pack(out, "--force").exit_code == 0
    assert _pack(out).exit_code == 0


def test_a_manifest_that_is_a_folder_is_reported(tmp_path: Path):
    out = tmp_path / "pack"
    (out / ".sopgen-manifest.json").mkdir(parents=True)
    result = _pack(out)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{out / '.sopgen-manifest.json'}: error: is not a file; sopgen keeps its record of the files it wrote here\n"
        "  hint: delete it and run the command again with --force: sopgen then rewrites every file it makes here\n"
    )


def test_files_get_the_usual_permissions(tmp_path: Path):
    previous = os.umask(0o022)
    try:
        assert _run(*SOP, "--out", str(tmp_path)).exit_code == 0
    finally:
        os.umask(previous)
    assert (tmp_path / DOCUMENT).stat().st_mode & 0o777 == 0o644
    assert (tmp_path / ".sopgen-manifest.json").stat().st_mode & 0o777 == 0o644


def test_stray_part_files_of_sopgen_are_cleaned_and_others_kept(tmp_path: Path):
    stray = tmp_path / f".{DOCUMENT}.k2j4_x9a.part"
    stray.write_bytes(b"half a document")
    mine = tmp_path / ".notes.part"
    mine.write_text("mine", encoding="utf-8")
    assert _run(*SOP, "--out", str(tmp_path)).exit_code == 0
    assert not stray.exists() and mine.exists()


def test_a_file_renamed_before_its_record_was_kept_is_taken_over_by_a_rerun(tmp_path: Path):
    """The manifest records intent before the rename: killed in between, either bytes on disk are sopgen's."""
    assert _run(*SOP, "--out", str(tmp_path)).exit_code == 0
    manifest = tmp_path / ".sopgen-manifest.json"
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    written = entries[DOCUMENT]["sha256"]
    # As a run leaves it when killed after recording a new version and before renaming it into place:
    entries[DOCUMENT] = {"sha256": hashlib.sha256(b"the next version").hexdigest(), "inputs": "", "earlier": written}
    manifest.write_text(json.dumps(entries), encoding="utf-8")
    result = _run(*SOP, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert json.loads(manifest.read_text(encoding="utf-8"))[DOCUMENT]["sha256"] == written
