"""Catalogs and localization: fallbacks, --strict, placeholder checks, the extractor, locale formats."""

from __future__ import annotations

import datetime as dt
import gettext
import json
import subprocess
import sys
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_decimal
from typer.testing import CliRunner

from sopgen.blueprints.library import user_library
from sopgen.cli.app import app
from sopgen.errors import TranslationError
from sopgen.i18n.localizer import Localizer
from sopgen.localize.catalog_upkeep import CatalogSet, check, placeholders
from sopgen.localize.localization import Localization, fill_placeholders

ROOT = Path(__file__).parents[2]
SOP = """kind: sop
id: gift-wrap
phase: sale
title: Gift wrapping
purpose: Every gift order from {{ shop.name }} leaves wrapped.
scope: Orders with the gift option.
roles: [warehouse]
tools: [shipping]
steps:
  - id: wrap
    title: Wrap the item
    text: Use the paper from shelf B and add the card.
  - {id: label, title: Print the label, text: "Print it in {{ tools.shipping }}."}
  - {id: check, title: Check the card}
  - {id: photo, title: Take a photo}
  - {id: ship, title: Hand over}
review_every: 1 year
"""


@pytest.fixture
def own_blueprints(tmp_path: Path) -> Path:
    folder = tmp_path / "my-blueprints"
    folder.mkdir()
    (folder / "gift-wrap.yaml").write_text(SOP, encoding="utf-8")
    return folder


def _translate(po_file: Path, translations: dict[str, str]) -> None:
    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id in translations:
            message.string = translations[message.id]
    with po_file.open("wb") as handle:
        write_po(handle, catalog)


def test_locale_formats_are_babels_own():
    day = dt.date(2027, 3, 14)
    for locale, babel_name in (("da", "da"), ("zh_Hant_TW", "zh_Hant_TW"), ("id", "id")):
        localizer = Localizer(locale, gettext.NullTranslations(), gettext.NullTranslations())
        assert localizer.date(day) == format_date(day, format="long", locale=babel_name)
        assert localizer.number(1234567.891, 3) == format_decimal(1234567.891, locale=babel_name)
    assert Localizer("da", gettext.NullTranslations(), gettext.NullTranslations()).date(day) == "14. marts 2027"
    assert Localizer("id", gettext.NullTranslations(), gettext.NullTranslations()).date(day) == "14 Maret 2027"
    assert Localizer("zh_Hant_TW", gettext.NullTranslations(), gettext.NullTranslations()).date(day) == "2027年3月14日"
    assert Localizer("da", gettext.NullTranslations(), gettext.NullTranslations()).percent(0.26) == "26\xa0%"


def test_missing_translation_falls_back_with_a_warning_naming_string_and_line(own_blueprints: Path, demo_profile):
    sop = user_library([own_blueprints]).sops[0]
    localization = Localization(Localizer.for_locale("da", [own_blueprints / "locales"]), demo_profile)
    localized = localization.record(sop)
    assert localized.title == "Gift wrapping"
    assert localized.purpose == "Every gift order from Nordlys Keramik leaves wrapped."
    messages = [str(problem) for problem in localization.missing]
    assert any(message.endswith('gift-wrap.yaml:4: warning: no da translation for title: "Gift wrapping"') for message in messages), messages
    localization.check()  # not strict: warnings only


def test_strict_makes_a_missing_translation_an_error(own_blueprints: Path, demo_profile):
    sop = user_library([own_blueprints]).sops[0]
    localization = Localization(Localizer.for_locale("da", [own_blueprints / "locales"], strict=True), demo_profile)
    localization.record(sop)
    with pytest.raises(TranslationError) as caught:
        localization.check()
    assert "gift-wrap.yaml:4: error: no da translation for title" in str(caught.value)


def test_strict_cli_exits_2_and_writes_nothing(own_blueprints: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["sop", str(own_blueprints / "gift-wrap.yaml"), "--lang", "da", "--out", str(out), "--strict"])
    assert result.exit_code == 2
    assert "error: no da translation for title" in result.stderr
    assert not out.exists()


def test_own_catalog_translates_and_a_dropped_placeholder_is_reported(own_blueprints: Path, demo_profile):
    runner = CliRunner()
    assert runner.invoke(app, ["i18n", "update", "--blueprints", str(own_blueprints)]).exit_code == 0
    po_file = own_blueprints / "locales" / "da" / "LC_MESSAGES" / "blueprints.po"
    assert po_file.is_file()
    _translate(
        po_file,
        {
            "Gift wrapping": "Gaveindpakning",
            "Every gift order from {{ shop.name }} leaves wrapped.": "Alle gaveordrer bliver pakket ind.",
        },
    )
    result = runner.invoke(app, ["i18n", "check", "--blueprints", str(own_blueprints), "--lang", "da"])
    assert result.exit_code == 2
    assert "blueprints.po:" in result.stderr
    assert "placeholders differ from the source text" in result.stderr
    assert "gift-wrap.yaml:5" in result.stderr and "expected {{ shop.name }}, found -" in result.stderr

    with pytest.raises(TranslationError) as refused:  # a translation that drops a placeholder is not rendered either
        Localizer.for_locale("da", [own_blueprints / "locales"])
    assert "has the placeholders -, the English text {{ shop.name }}" in str(refused.value)
    _translate(po_file, {"Every gift order from {{ shop.name }} leaves wrapped.": "Alle gaveordrer fra {{ shop.name }} bliver pakket ind."})
    sop = user_library([own_blueprints]).sops[0]
    localization = Localization(Localizer.for_locale("da", [own_blueprints / "locales"]), demo_profile)
    assert localization.record(sop).title == "Gaveindpakning"


def test_check_json_counts(own_blueprints: Path):
    CliRunner().invoke(app, ["i18n", "update", "--blueprints", str(own_blueprints)])
    result = CliRunner().invoke(app, ["i18n", "check", "--blueprints", str(own_blueprints), "--json"])
    assert result.exit_code == 2
    reports = json.loads(result.stdout)
    assert {report["locale"] for report in reports} == {"da", "zh_Hant_TW", "id"}
    assert all(report["untranslated"] == report["total"] == 10 for report in reports)


def test_plural_forms_follow_cldr(own_blueprints: Path):
    CliRunner().invoke(app, ["i18n", "update", "--blueprints", str(own_blueprints)])
    headers = {
        locale: (own_blueprints / "locales" / locale / "LC_MESSAGES" / "blueprints.po").read_text(encoding="utf-8")
        for locale in ("da", "id", "zh_Hant_TW")
    }
    assert "nplurals=2; plural=(n != 1);" in headers["da"]
    assert "nplurals=1; plural=0;" in headers["id"]
    assert "nplurals=1; plural=0;" in headers["zh_Hant_TW"]


def test_pybabel_finds_the_extractor_entry_point(own_blueprints: Path, tmp_path: Path):
    pot = tmp_path / "out.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "locales" / "babel-blueprints.cfg"), "-o", str(pot), str(own_blueprints)],
        check=True,
        capture_output=True,
    )
    text = pot.read_text(encoding="utf-8")
    assert 'msgid "Gift wrapping"' in text
    assert "#. gift-wrap: title" in text
    assert "gift-wrap.yaml:4" in text


def test_placeholders_are_normalised():
    assert placeholders("Use {{tools.shipping}} and {count} of {{ shop.name }}") == ["{count}", "{{ shop.name }}", "{{ tools.shipping }}"]


@pytest.mark.parametrize(
    ("locale", "one_day", "two_days"),
    [
        ("en", "1 working day", "2 working days"),
        ("da", "1 arbejdsdag", "2 arbejdsdage"),
        ("zh_Hant_TW", "1 個工作天", "2 個工作天"),
        ("id", "1 hari kerja", "2 hari kerja"),
    ],
)
def test_policy_placeholders_with_units_agree_with_the_number(locale: str, one_day: str, two_days: str, demo_profile):
    text = "Ship within {{ policy.dispatch_time }}."
    for days, expected in ((1, one_day), (2, two_days)):
        profile = demo_profile.model_copy(update={"policy": demo_profile.policy.model_copy(update={"dispatch_days": days})})
        localization = Localization(Localizer.for_locale(locale), profile)
        assert localization.placeholder_values["policy"]["dispatch_time"] == expected
        if locale == "en":
            assert localization.text(text, None, "title") == f"Ship within {expected}."


def test_policy_placeholders_read_as_sentences_in_the_demo_pack(demo_profile):
    library = user_library([ROOT / "blueprints"])
    shipping = next(sop for sop in library.sops if sop.id == "shipping")
    danish = Localization(Localizer.for_locale("da"), demo_profile).record(shipping)
    assert "inden for 1 arbejdsdag efter betaling" in danish.kpis[0].name
    english = Localization(Localizer.for_locale("en"), demo_profile).record(shipping)
    assert english.kpis[0].name == "Orders handed to the carrier within 1 working day of payment"


def test_placeholders_are_sandboxed():
    values = {"shop": {"name": "Nordlys"}}
    assert fill_placeholders("Hi {{ shop.name }}", values) == "Hi Nordlys"
    from jinja2.exceptions import SecurityError, UndefinedError

    with pytest.raises((SecurityError, UndefinedError)):
        fill_placeholders("{{ ''.__class__.__mro__[1].__subclasses__() }}", values)


@pytest.mark.parametrize("locale", ["da", "zh_Hant_TW", "id"])
def test_builtin_catalogs_are_complete(locale: str):
    reports = check(CatalogSet.builtin(), [locale])
    for report in reports:
        assert report.untranslated == 0 and report.fuzzy == 0, (report.domain, report.untranslated, report.fuzzy)
        assert report.problems == [], [str(problem) for problem in report.problems[:5]]


def test_interface_speaks_the_users_language(monkeypatch: pytest.MonkeyPatch):
    from sopgen.i18n import interface as uitext

    monkeypatch.setenv("SOPGEN_LANG", "da")
    uitext.reset()
    result = CliRunner().invoke(app, ["analyze", "no-such-flow"])
    assert result.exit_code == 2
    assert "no built-in blueprint or file with this name" not in result.stderr
