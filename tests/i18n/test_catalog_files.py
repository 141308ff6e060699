"""Catalogs are untrusted: template code, changed placeholders and broken files are refused with the catalog's line, before anything is written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from typer.testing import CliRunner

from sopgen.cli.app import app

TITLE = "Gift wrapping"
PURPOSE = "Every gift order from {{ shop.name }} leaves wrapped."
SOP = f"""kind: sop
id: gift-wrap
phase: sale
number: 20
title: {TITLE}
purpose: {PURPOSE}
scope: Orders with the gift option.
roles: [warehouse]
steps:
  - {{id: wrap, title: Wrap the item}}
review_every: 1 year
"""
HOSTILE = {
    "shop-dict": "Alle gaveordrer fra {{ shop }} pakkes ind.",
    "class-walk": "Alle gaveordrer fra {{ ''.__class__ }} pakkes ind.",
    "nested-loops": "{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}{% endfor %} {{ shop.name }}",
    "dropped": "Alle gaveordrer pakkes ind.",
    "other-placeholder": "Alle gaveordrer fra {{ shop.email }} pakkes ind.",
}


def _own(tmp_path: Path, purpose: str | None) -> tuple[Path, Path]:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "gift-wrap.yaml").write_text(SOP, encoding="utf-8")
    assert CliRunner().invoke(app, ["i18n", "update", "--blueprints", str(folder)]).exit_code == 0
    po_file = folder / "locales" / "da" / "LC_MESSAGES" / "blueprints.po"
    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    catalog[TITLE].string = "Gaveindpakning"
    if purpose is not None:
        catalog[PURPOSE].string = purpose
    with po_file.open("wb") as handle:
        write_po(handle, catalog)
    return folder, po_file


def _line_of(po_file: Path, msgid: str) -> int:
    lines = po_file.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line == f'msgid "{msgid}"')


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_translation_stops_pack_check_and_compile_before_anything_is_written(case: str, tmp_path: Path):
    folder, po_file = _own(tmp_path, HOSTILE[case])
    where = f"{po_file}:{_line_of(po_file, PURPOSE)}: error: the translation of \"{PURPOSE[:49]}…\""
    out = tmp_path / "pack"
    runner = CliRunner()
    pack = runner.invoke(app, ["pack", "--blueprints", str(folder), "--lang", "en,da", "--out", str(out)])
    assert pack.exit_code == 2, pack.output
    assert pack.stderr.startswith(where)
    assert not out.exists()
    check = runner.invoke(app, ["i18n", "check", "--blueprints", str(folder), "--lang", "da"])
    assert check.exit_code == 2
    assert f"{po_file}:" in check.stderr and "Traceback" not in check.output
    compiled = runner.invoke(app, ["i18n", "compile", "--blueprints", str(folder)])
    assert compiled.exit_code == 2
    assert where in compiled.stderr
    assert not list(folder.rglob("*.mo"))


def test_template_code_is_named_for_what_it_is(tmp_path: Path):
    folder, po_file = _own(tmp_path, HOSTILE["class-walk"])
    result = CliRunner().invoke(app, ["pack", "--blueprints", str(folder), "--lang", "da", "--out", str(tmp_path / "pack")])
    assert result.stderr == (
        f"{po_file}:{_line_of(po_file, PURPOSE)}: error: the translation of \"{PURPOSE[:49]}…\" holds template code; "
        "only placeholders such as {{ shop.name }} may appear\n"
        "  hint: keep every placeholder exactly as in the English text\n"
    )
    (tmp_path / "b").mkdir()
    dropped, _po_dropped = _own(tmp_path / "b", HOSTILE["other-placeholder"])
    result = CliRunner().invoke(app, ["pack", "--blueprints", str(dropped), "--lang", "da", "--out", str(tmp_path / "b" / "pack")])
    assert "has the placeholders {{ shop.email }}, the English text {{ shop.name }}" in result.stderr


def test_a_good_translation_is_used(tmp_path: Path):
    folder, _po_file = _own(tmp_path, "Alle gaveordrer fra {{ shop.name }} pakkes ind.")
    out = tmp_path / "pack"
    result = CliRunner().invoke(app, ["pack", "--blueprints", str(folder), "--lang", "da", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "da" / "sale" / "SOP-SAL-020-gift-wrap.docx").is_file()


BROKEN_FILES = {
    "bad-magic": ("blueprints.mo", b"\0" * 64, r"blueprints\.mo: error: is not a compiled catalog \(\.mo\): Bad magic number"),
    "latin-1": ("blueprints.po", None, r"blueprints\.po:\d+: error: is not valid UTF-8 \(byte 0xe6\)"),
    "garbage": ("blueprints.po", b"this is not a catalog\n" * 3, r"blueprints\.po:1: error: is not a gettext catalog \(\.po\): "),
}


@pytest.mark.parametrize("case", sorted(BROKEN_FILES))
def test_a_broken_catalog_file_is_one_clear_message_everywhere(case: str, tmp_path: Path):
    folder, po_file = _own(tmp_path, "Alle gaveordrer fra {{ shop.name }} pakkes ind.")
    name, data, expected = BROKEN_FILES[case]
    if data is None:
        data = po_file.read_text(encoding="utf-8").replace("Gaveindpakning", "Gaveindpakning æ").encode("latin-1")
    (po_file.parent / name).write_bytes(data)
    runner = CliRunner()
    commands = {
        "pack": ["pack", "--blueprints", str(folder), "--lang", "da", "--out", str(tmp_path / "pack")],
        "check": ["i18n", "check", "--blueprints", str(folder), "--lang", "da"],
        "compile": ["i18n", "compile", "--blueprints", str(folder)],
    }
    for command, arguments in commands.items():
        if case == "bad-magic" and command == "compile":
            continue  # compile reads the .po and writes the .mo afresh
        result = runner.invoke(app, arguments)
        assert result.exit_code == 2, (command, result.output)
        assert re.search(expected, result.stderr), (command, result.stderr)
        assert "Traceback" not in result.output
    assert not (tmp_path / "pack").exists()


def test_flow_and_sop_refuse_a_damaged_builtin_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from sopgen import resources

    locales = tmp_path / "locales"
    shutil.copytree(resources.locales_dir(), locales)
    po_file = locales / "da" / "LC_MESSAGES" / "blueprints.po"
    (locales / "da" / "LC_MESSAGES" / "blueprints.mo").unlink()
    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    [victim] = [message for message in catalog if message.id == "Order flow of a small Shopify shop with a part-time virtual assistant"]
    victim.string = "{{ shop }}"
    with po_file.open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(resources, "locales_dir", lambda: locales)
    runner = CliRunner()
    flow = runner.invoke(app, ["flow", "shopify-owner-va", "--lang", "da", "--out", str(tmp_path / "chart.svg")])
    assert flow.exit_code == 2
    assert flow.stderr.startswith(f"{po_file}:{_line_of(po_file, victim.id)}: error: the translation of")
    sop = runner.invoke(app, ["sop", "order-processing", "--lang", "da", "--out", str(tmp_path / "sop")])
    assert sop.exit_code == 2 and "holds template code" in sop.stderr
    assert not (tmp_path / "chart.svg").exists() and not (tmp_path / "sop").exists()


def test_compiling_an_unchanged_catalog_leaves_it_current_for_the_loader(tmp_path: Path):
    """A .po saved or checked out again, its translations unchanged: compile keeps the .mo's bytes and makes it newer than the .po."""
    import os

    from sopgen.i18n.catalog_files import checked_translations

    folder, po_file = _own(tmp_path, "Alle gaveordrer fra {{ shop.name }} pakkes ind.")
    runner = CliRunner()
    assert runner.invoke(app, ["i18n", "compile", "--blueprints", str(folder)]).exit_code == 0
    mo_file = po_file.with_suffix(".mo")
    compiled = mo_file.read_bytes()
    earlier = po_file.stat().st_mtime - 60
    os.utime(mo_file, (earlier, earlier))  # the .po newer, as after a checkout or an editor's save
    assert runner.invoke(app, ["i18n", "compile", "--blueprints", str(folder)]).exit_code == 0
    assert mo_file.read_bytes() == compiled
    assert mo_file.stat().st_mtime >= po_file.stat().st_mtime
    stamp = po_file.stat().st_mtime
    po_file.write_text("not a catalog\n", encoding="utf-8")  # were it compiled again, this would fail
    os.utime(po_file, (stamp, stamp))
    assert checked_translations(folder / "locales", "blueprints", "da").gettext(TITLE) == "Gaveindpakning"
