"""Rewrite the corpus's expected messages from what sopgen says today: `python tests/corpus/regenerate.py`.

Read the diff before committing it: every changed message is a change users see.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from typer.testing import CliRunner

os.environ["SOPGEN_LANG"] = "en"

from sopgen.cli.app import app  # noqa: E402  (the interface language is set first)

CORPUS = Path(__file__).parent


def messages(folder: str, command: list[str]) -> dict[str, str]:
    found = {}
    previous = Path.cwd()
    os.chdir(CORPUS / folder)
    try:
        for path in sorted(Path(".").glob("*.yaml")):
            with tempfile.TemporaryDirectory() as out:
                arguments = [part.format(name=path.name, out=out + "/pack") for part in command]
                found[path.name] = CliRunner().invoke(app, arguments).stderr
    finally:
        os.chdir(previous)
    return found


def write(name: str, data: dict[str, str]) -> None:
    path = CORPUS / name
    header = "".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if line.startswith("#"))
    body = "".join(f"{key}: |\n" + "".join(f"  {line}\n" for line in value.splitlines()) for key, value in sorted(data.items()))
    path.write_text(header + body, encoding="utf-8")


if __name__ == "__main__":
    write("blueprints.expected.yaml", messages("blueprints", ["validate", "{name}"]))
    write("profiles.expected.yaml", messages("profiles", ["pack", "--profile", "{name}", "--out", "{out}"]))
