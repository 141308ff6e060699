"""The console script as users run it: a terminal that cannot print every character, SIGTERM, options named as typed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sopgen.cli.app import app


def test_an_ascii_terminal_gets_replacement_characters_not_a_traceback(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: sop\nid: x\nphase: sael\n", encoding="utf-8")
    environment = {**os.environ, "SOPGEN_LANG": "zh_TW", "PYTHONIOENCODING": "ascii"}
    validate = subprocess.run([sys.executable, "-m", "sopgen", "validate", str(broken)], capture_output=True, env=environment, timeout=60)
    assert validate.returncode == 2
    assert validate.stderr.startswith(f"{broken}:1: error: ".encode()) and b"Traceback" not in validate.stderr
    analyze = subprocess.run([sys.executable, "-m", "sopgen", "analyze", "shopify-owner-va", "--lang", "zh-TW"], capture_output=True, env=environment, timeout=60)
    assert analyze.returncode == 0, analyze.stderr
    assert b"Traceback" not in analyze.stderr
    assert b"?" in analyze.stdout  # the Chinese the terminal cannot show


def test_init_reports_a_language_under_its_own_option(tmp_path: Path):
    result = CliRunner().invoke(app, ["init", "--no-input", "--name", "X", "--languages", "no", "--out", str(tmp_path / "shop.yaml")])
    assert result.exit_code == 2
    assert result.stderr == "--languages: error: unknown language 'no'\n  hint: choose from: da, en, zh-TW, id\n"


def test_a_source_date_epoch_no_document_can_carry_is_an_input_error(tmp_path: Path, monkeypatch):
    profile = tmp_path / "shop.yaml"
    profile.write_text("kind: profile\nshop:\n  name: Shop\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")
    result = CliRunner().invoke(app, ["sop", "shipping", "--profile", str(profile), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (
        "SOURCE_DATE_EPOCH: error: '99999999999999' is not a time from 1980-01-01 to 2099-12-31 in seconds since 1970\n"
        "  hint: set it to the time of the last change, such as $(git log -1 --format=%ct), or unset it\n"
    )
    assert not (tmp_path / "out").exists()


def test_sop_with_a_profile_without_languages_says_so(tmp_path: Path):
    profile = tmp_path / "shop.yaml"
    profile.write_text("kind: profile\nshop:\n  name: Shop\nlanguages: []\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["sop", "shipping", "--profile", str(profile), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == f"{profile}:4: error: languages: must not be empty\n"
