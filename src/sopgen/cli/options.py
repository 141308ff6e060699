"""Options shared by several commands, and the conversion of their values."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer

from sopgen.i18n.interface import _

BlueprintsOption = Annotated[
    Path | None,
    typer.Option("--blueprints", help=_("A folder of your own blueprints; its catalogs live in its 'locales' folder.")),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help=_("Languages, comma-separated: da,en,zh-TW,id; for sop and pack, two joined by '+' (da+id) make a bilingual edition.")),
]

ProfileOption = Annotated[Path | None, typer.Option("--profile", help=_("The shop profile (shop.yaml); without it, the built-in demo shop."))]
StrictOption = Annotated[bool, typer.Option("--strict", help=_("Fail on a missing translation instead of falling back to English."))]
TemplateOption = Annotated[Path | None, typer.Option("--template", help=_("A Word document (.docx) whose styles, header logo and page set-up to use."))]
ForceOption = Annotated[bool, typer.Option("--force", help=_("Overwrite output files that were changed by hand."))]
PdfOption = Annotated[bool, typer.Option("--pdf", help=_("Also write a PDF of every document beside it (needs LibreOffice)."))]
FontOption = Annotated[str | None, typer.Option("--east-asian-font", help=_("The font for Chinese text in Word documents."))]

def parse_languages(text: str, option: str = "--lang", pairs: bool = True) -> tuple[str, ...]:
    """Locales from `da,en,zh-TW`, where `da+id` asks for a bilingual edition of the two; without `pairs` that is refused."""
    from sopgen.errors import InputError, Source
    from sopgen.i18n.locales import PAIR_SEPARATOR, BadLanguagePair, UnknownLocale, choices_text, parse_locale_list

    try:
        locales = parse_locale_list(text)
    except UnknownLocale as error:
        raise InputError.single(
            Source(option),
            _("unknown language '{language}'").format(language=error.text.strip()),
            _("choose from: {choices}").format(choices=choices_text()),
        ) from None
    except BadLanguagePair as error:
        raise InputError.single(Source(option), _bad_pair_message(error.text, error.reason), _pair_hint(choices_text())) from None
    paired = next((locale for locale in locales if PAIR_SEPARATOR in locale), None)
    if paired is not None and not pairs:
        raise InputError.single(
            Source(option),
            _("'{pair}' asks for a bilingual edition, which only 'sopgen sop' and 'sopgen pack' write").format(
                pair=next(part.strip() for part in text.split(",") if PAIR_SEPARATOR in part)
            ),
            _("give single languages here, such as da,id"),
        )
    return locales


def _bad_pair_message(text: str, reason: str) -> str:
    if reason == "same":
        return _("'{pair}' names the same language twice; a bilingual edition pairs two different languages").format(pair=text)
    return _("'{pair}' names more than two languages; a bilingual edition pairs exactly two").format(pair=text)


def _pair_hint(choices: str) -> str:
    return _("write two different languages joined by '+', such as da+id; choose from: {choices}").format(choices=choices)

def one_language(lang: str | None) -> str:
    from sopgen.i18n.locales import interface_locale

    if lang is None:
        return interface_locale()
    locales = parse_languages(lang, pairs=False)
    if len(locales) != 1:
        from sopgen.errors import InputError, Source

        raise InputError.single(Source("--lang"), _("give one language for this command"))
    return locales[0]

def split_list(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def key_value_pairs(values: list[str] | None, option: str) -> dict[str, str]:
    from sopgen.errors import InputError, Source

    pairs: dict[str, str] = {}
    for value in values or ():
        key, separator, name = value.partition("=")
        if not separator or not key.strip() or not name.strip():
            raise InputError.single(Source(option), _("'{value}' should look like key=name").format(value=value))
        pairs[key.strip()] = name.strip()
    return pairs


def parse_date(text: str | None, option: str) -> datetime.date | None:
    from sopgen.errors import InputError, Source

    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError.single(Source(option), _("'{value}' is not a date").format(value=text), _("write it as YYYY-MM-DD")) from None
