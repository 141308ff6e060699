"""One locale at work: its catalogs, for blueprint text and for the interface, and its formats."""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sopgen import resources
from sopgen.errors import Source, TranslationError
from sopgen.i18n import formats
from sopgen.i18n.catalog_files import checked_translations
from sopgen.i18n.catalogs import CONTENT_DOMAIN, has_message, load_translations
from sopgen.i18n.interface import UI_DOMAIN
from sopgen.i18n.interface import _ as ui_
from sopgen.i18n.locales import LANGUAGE_TAGS, SOURCE_LOCALE, WORD_LANGUAGE_IDS


@dataclass(frozen=True)
class Localizer:
    """Translations and formats for one locale: the content (blueprints) and the interface."""

    locale: str
    content: gettext.NullTranslations
    ui: gettext.NullTranslations
    strict: bool = False

    @classmethod
    def for_locale(cls, locale: str, extra_locales_dirs: Iterable[Path] = (), strict: bool = False) -> Localizer:
        builtin = resources.locales_dir()
        ui = load_translations(builtin, UI_DOMAIN, locale) if locale != SOURCE_LOCALE else gettext.NullTranslations()
        content = gettext.NullTranslations()
        if locale != SOURCE_LOCALE:
            content = checked_translations(builtin, CONTENT_DOMAIN, locale)
            for folder in extra_locales_dirs:
                own = checked_translations(folder, CONTENT_DOMAIN, locale)
                if isinstance(own, gettext.GNUTranslations):
                    own.add_fallback(content)
                    content = own
        if locale != SOURCE_LOCALE and not isinstance(ui, gettext.GNUTranslations):
            raise TranslationError.single(
                Source(str(builtin / locale)),
                ui_("no compiled interface catalog for {locale}").format(locale=locale),
                ui_("run 'make' or 'sopgen i18n compile'"),
            )
        return cls(locale, content, ui, strict)

    # ---- interface text

    def _(self, message: str) -> str:
        return self.ui.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.ui.ngettext(singular, plural, count)

    @property
    def tag(self) -> str:
        return LANGUAGE_TAGS[self.locale]

    @property
    def word_language(self) -> str:
        return WORD_LANGUAGE_IDS[self.locale]

    @property
    def babel_locale(self) -> Any:
        return formats.babel_locale(self.locale)

    # ---- formats (a chart or document formats the same few values many times)

    def date(self, value: dt.date) -> str:
        return formats.date(self.locale, value)

    def number(self, value: float, digits: int = 1) -> str:
        return formats.number(self.locale, value, digits)

    def percent(self, fraction: float) -> str:
        return formats.percent(self.locale, fraction)

    def duration(self, minutes: float) -> str:
        """The most readable single unit: seconds, minutes, hours or days, one decimal at most."""
        return formats.duration(self.locale, minutes)

    def cadence(self, count: int, unit: str) -> str:
        forms = {
            "day": self.ngettext("every {count} day", "every {count} days", count),
            "week": self.ngettext("every {count} week", "every {count} weeks", count),
            "month": self.ngettext("every {count} month", "every {count} months", count),
            "year": self.ngettext("every {count} year", "every {count} years", count),
        }
        return forms[unit].format(count=count)

    def country(self, code: str) -> str:
        return self.babel_locale.territories.get(code, code)

    def names(self, items: list[str]) -> str:
        """Names joined the locale's way ("Tokopedia og Shopee", "Tokopedia和Shopee"); generic ones translated."""
        return formats.joined(self.locale, tuple(self._(item) for item in items))

    def quoted(self, text: str) -> str:
        return formats.quoted(self.locale, text)

    def working_hours(self, text: str) -> str:
        """`Mon–Fri 08:00–16:00` with the locale's day names and times; other wordings as written."""
        return formats.working_hours(self.locale, text)

    # ---- content text

    def translate(self, text: str) -> str | None:
        """The translation of a blueprint text, or None when the catalog lacks it."""
        if self.locale == SOURCE_LOCALE:
            return text
        if not has_message(self.content, text):
            return None
        return self.content.gettext(text)
