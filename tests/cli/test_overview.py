"""`sopgen --help` printed from the command index, without the command framework, and a command line loading its area only."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.main import get_command

from sopgen.cli.app import app, app_for
from sopgen.cli.command_index import COMMANDS, area_of
from sopgen.i18n.display_text import display_width


def _sopgen(*arguments: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOPGEN_LANG": "en", **environment}
    return subprocess.run([sys.executable, "-m", "sopgen", *arguments], capture_output=True, text=True, env=env, timeout=60)


def test_the_index_is_every_command_of_the_app_with_its_own_help():
    group = get_command(app)
    assert [command.name for command in COMMANDS] == group.list_commands(None)
    for command in COMMANDS:
        assert group.commands[command.name].help == command.help


def test_help_lists_every_command_with_all_of_its_help():
    helped = _sopgen("--help", COLUMNS="200")
    assert helped.returncode == 0 and helped.stderr == ""
    assert helped.stdout.startswith("Usage: sopgen [OPTIONS] COMMAND [ARGS]...\n")
    for command in COMMANDS:
        assert f"  {command.name}  " in helped.stdout
        assert " ".join(command.help.split()) in " ".join(helped.stdout.split())


def test_help_without_a_command_is_a_usage_error_on_stderr():
    bare = _sopgen()
    assert bare.returncode == 2 and bare.stdout == ""
    assert bare.stderr == _sopgen("--help").stdout


def test_the_app_prints_the_same_overview():
    from typer.testing import CliRunner

    assert CliRunner().invoke(app, ["--help"], env={"SOPGEN_LANG": "en", "COLUMNS": "80"}).stdout == _sopgen("--help", COLUMNS="80").stdout


@pytest.mark.parametrize("language", ["da", "zh_TW", "id"])
def test_the_overview_is_translated_and_fits_the_terminal(language: str):
    helped = _sopgen("--help", SOPGEN_LANG=language, COLUMNS="60")
    assert helped.returncode == 0
    assert "Write a shop profile" not in helped.stdout
    assert all(display_width(line) <= 58 for line in helped.stdout.splitlines())


def test_help_and_version_load_no_command_framework():
    code = (
        "import sys; from sopgen.cli.console import main\n"
        "for arguments in (['--help'], ['--version']):\n"
        "    sys.argv = ['sopgen', *arguments]\n"
        "    try: main()\n"
        "    except SystemExit: pass\n"
        "print(sorted(m for m in ('typer', 'click', 'pydantic', 'yaml', 'babel', 'graphviz') if m in sys.modules), file=sys.stderr)"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert loaded.stderr.strip() == "[]"
    assert "sopgen 0." in loaded.stdout


def test_a_command_line_loads_only_its_commands_area():
    flow_app = get_command(app_for("flow"))
    assert set(flow_app.list_commands(None)) == {command.name for command in COMMANDS if command.area == area_of("flow")}
    assert get_command(app_for("no-such-command")).list_commands(None) == [command.name for command in COMMANDS]
    misspelt = _sopgen("flw")
    assert misspelt.returncode == 2 and "Did you mean 'flow'?" in misspelt.stderr
