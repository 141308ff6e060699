"""Locales at work: translating blueprint text, filling profile placeholders, formatting for the locale."""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from . import resources
from .catalogs import CONTENT_DOMAIN, has_message, load_translations
from .errors import Problem, Source, TranslationError
from .locales import LANGUAGE_TAGS, SOURCE_LOCALE, WORD_LANGUAGE_IDS
from .model import Profile, rewrite_texts
from .uitext import UI_DOMAIN
from .uitext import _ as ui_
from .vocabulary import CHANNELS, PLACEHOLDERS, TOOLS

R = TypeVar("R", bound=BaseModel)


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
            content = load_translations(builtin, CONTENT_DOMAIN, locale)
            for folder in extra_locales_dirs:
                own = load_translations(folder, CONTENT_DOMAIN, locale)
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
        return babel_locale(self.locale)

    # ---- formats (a chart or document formats the same few values many times)

    def date(self, value: dt.date) -> str:
        from babel.dates import format_date

        return format_date(value, format="long", locale=self.babel_locale)

    def number(self, value: float, digits: int = 1) -> str:
        return _number(self.locale, value, digits)

    def percent(self, fraction: float) -> str:
        return _percent(self.locale, fraction)

    def duration(self, minutes: float) -> str:
        """The most readable single unit: seconds, minutes, hours or days, one decimal at most."""
        return _duration(self.locale, minutes)

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

    # ---- content text

    def translate(self, text: str) -> str | None:
        """The translation of a blueprint text, or None when the catalog lacks it."""
        if self.locale == SOURCE_LOCALE:
            return text
        if not has_message(self.content, text):
            return None
        return self.content.gettext(text)


@functools.cache
def babel_locale(locale: str) -> Any:
    from babel import Locale

    return Locale.parse(locale)


@functools.lru_cache(maxsize=4096)
def _number(locale: str, value: float, digits: int) -> str:
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=babel_locale(locale))


@functools.lru_cache(maxsize=4096)
def _percent(locale: str, fraction: float) -> str:
    from babel.numbers import format_percent

    standard = babel_locale(locale).percent_formats[None].pattern
    pattern = standard.replace("0%", "0.#%").replace("0 %", "0.# %").replace("0\xa0%", "0.#\xa0%")
    return format_percent(fraction, format=pattern, locale=babel_locale(locale))


@functools.lru_cache(maxsize=4096)
def _duration(locale: str, minutes: float) -> str:
    from babel.units import format_unit

    if minutes < 1 and minutes > 0:
        amount, unit = minutes * 60, "duration-second"
    elif minutes < 60:
        amount, unit = minutes, "duration-minute"
    elif minutes < 1440:
        amount, unit = minutes / 60, "duration-hour"
    else:
        amount, unit = minutes / 1440, "duration-day"
    rounded = round(amount, 1)
    shown = int(rounded) if float(rounded).is_integer() else rounded
    return format_unit(shown, unit, length="short", locale=babel_locale(locale))


@dataclass
class Localization:
    """Collects missing translations across a run, to warn once or to fail under --strict."""

    localizer: Localizer
    profile: Profile | None = None  # None: the built-in demo shop, loaded only when needed
    missing: list[Problem] = field(default_factory=list)

    @cached_property
    def shop(self) -> Profile:
        """The shop the texts are for: the profile given, or the built-in demo shop."""
        from .profile import load_profile

        return self.profile if self.profile is not None else load_profile()

    @cached_property
    def placeholder_values(self) -> dict[str, Any]:
        return placeholder_values(self.shop, self.localizer)

    def text(self, text: str, source: Source | None, where: str) -> str:
        translated = self.localizer.translate(text)
        if translated is None:
            self.missing.append(
                Problem(
                    source or Source("?"),
                    ui_("no {language} translation for {field}: \"{text}\"").format(
                        language=self.localizer.tag, field=where, text=_shorten(text)
                    ),
                    severity="warning",
                )
            )
            translated = text
        if "{{" not in translated:
            return translated  # the shop's values are looked up only for texts that need them
        return fill_placeholders(translated, self.placeholder_values)

    def record(self, record: R) -> R:
        return rewrite_texts(record, self.text)

    def check(self) -> None:
        if self.localizer.strict and self.missing:
            raise TranslationError([Problem(p.source, p.message, p.hint, "error") for p in self.missing])


def _shorten(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def placeholder_values(profile: Profile, localizer: Localizer) -> dict[str, Any]:
    """What `{{ shop.* }}`, `{{ policy.* }}` and `{{ tools.* }}` stand for in this shop and locale."""
    shop = profile.shop
    policy = profile.policy
    number = functools.partial(localizer.number, digits=0)
    given = {
        "shop.name": shop.name,
        "shop.website": shop.website,
        "shop.email": shop.email,
        "shop.phone": shop.phone,
        "shop.working_hours": shop.working_hours,
        "shop.currency": shop.currency,
        "policy.return_days": number(policy.return_days),
        "policy.response_hours": number(policy.response_hours),
        "policy.dispatch_days": number(policy.dispatch_days),
        "policy.return_period": localizer.ngettext("{count} day", "{count} days", policy.return_days).format(count=number(policy.return_days)),
        "policy.response_time": localizer.ngettext("{count} hour", "{count} hours", policy.response_hours).format(
            count=number(policy.response_hours)
        ),
        "policy.dispatch_time": localizer.ngettext("{count} working day", "{count} working days", policy.dispatch_days).format(
            count=number(policy.dispatch_days)
        ),
        **{f"tools.{key}": profile.tools.get(key) for key in TOOLS},
    }
    if "tools.marketplaces" in given and not given["tools.marketplaces"]:
        names = [CHANNELS[c][0] for c in profile.channels if CHANNELS[c][1] == "marketplace"]
        given["tools.marketplaces"] = ", ".join(names) or None
    values: dict[str, dict[str, str]] = {}
    for name, description in PLACEHOLDERS.items():
        group, attribute = name.split(".")
        values.setdefault(group, {})[attribute] = given.get(name) or localizer._(description)
    return values


def fill_placeholders(text: str, values: dict[str, Any]) -> str:
    return _compiled(text).render(values)


@functools.lru_cache(maxsize=8192)
def _compiled(text: str) -> Any:
    """Texts repeat across languages and documents; each is compiled in the sandbox once."""
    return _sandbox().from_string(text)


@functools.cache
def _sandbox() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)
