"""One bounded reader for every input: devices, pipes, standard input, huge files and zip bombs are refused without being read whole."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sopgen.cli.app import app

SOP = "kind: sop\nid: sample\nphase: sale\ntitle: T\npurpose: P\nscope: S\nroles: [shop-owner]\nsteps:\n  - {id: a, title: A}\nreview_every: 1 year\n"


def _sopgen(*arguments: str, **options) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "SOPGEN_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "sopgen", *arguments], capture_output=True, env=environment, timeout=60, **options)


@pytest.mark.parametrize(
    "target, message",
    [("/dev/zero", "is a device, not a file; sopgen reads only regular files"), ("fifo", "is a pipe or socket, not a file; sopgen reads only regular files")],
)
def test_a_blueprint_or_profile_that_is_a_device_or_a_pipe_is_refused_unread(target: str, message: str, tmp_path: Path):
    if target == "fifo":
        target = str(tmp_path / "fifo")
        os.mkfifo(target)  # nobody writes to it: reading it would hang
    blueprint = tmp_path / "blueprint.yaml"
    blueprint.symlink_to(target)
    validate = _sopgen("validate", str(blueprint))
    assert validate.returncode == 2
    assert validate.stderr.decode() == f"{blueprint}: error: {message}\n"
    out = tmp_path / "pack"
    pack = _sopgen("pack", "--profile", str(blueprint), "--out", str(out))
    assert pack.returncode == 2 and message in pack.stderr.decode()
    assert not out.exists()


def test_standard_input_is_refused_without_reading_it(tmp_path: Path):
    endless = subprocess.Popen(["yes", "kind: sop"], stdout=subprocess.PIPE)
    try:
        result = _sopgen("validate", "/dev/stdin", stdin=endless.stdout)
    finally:
        endless.kill()
        endless.wait()
        endless.stdout.close()
    assert result.returncode == 2
    assert result.stderr.decode() == "/dev/stdin: error: is a pipe or socket, not a file; sopgen reads only regular files\n"


def test_a_file_over_the_limit_is_refused(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_text(SOP + "# padding\n" * 300_000, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(big)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{big}: error: file is 2.9 MB; blueprint and profile files are limited to 2 MB\n  hint: split it into one file per SOP or flow\n"
    )


def _zip_bomb(path: Path, megabytes: int) -> None:
    """A .docx-looking zip whose one part inflates to `megabytes` of zeros."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            block = b"\0" * 1_048_576
            for _ in range(megabytes):
                part.write(block)


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(tmp_path: Path):
    bomb = tmp_path / "corporate.docx"
    _zip_bomb(bomb, 300)
    assert bomb.stat().st_size < 1_048_576
    out = tmp_path / "out"
    for command in (["sop", "shipping", "--lang", "en"], ["pack", "--lang", "en"]):
        result = _sopgen(*command, "--template", str(bomb), "--out", str(out))
        assert result.returncode == 2
        assert result.stderr.decode().strip().endswith(
            f"{bomb}: error: would unpack to 300 MB; Word templates are limited to 100 MB, at most 200 times their packed size\n"
            "  hint: use a .docx file saved by Word or LibreOffice"
        )
        assert not out.exists()


def test_a_missing_template_is_found_before_anything_is_drawn(tmp_path: Path):
    out = tmp_path / "pack"
    result = CliRunner().invoke(app, ["pack", "--lang", "en", "--template", str(tmp_path / "missing.docx"), "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'missing.docx'}: error: no such template file\n  hint: give the path of a Word document (.docx)"
    assert not out.exists()


def test_a_pipe_in_a_blueprint_folder_is_reported_not_skipped(tmp_path: Path):
    (tmp_path / "good.yaml").write_text(SOP, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.yaml")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'pipe.yaml'}: error: is a pipe or socket, not a file; sopgen reads only regular files\n"
