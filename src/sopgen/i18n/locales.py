"""The four supported locales, their user-facing tags, and parsing of locale names."""

from __future__ import annotations

import os

SUPPORTED_LOCALES = ("da", "en", "zh_Hant_TW", "id")
SOURCE_LOCALE = "en"
LANGUAGE_TAGS = {"da": "da", "en": "en", "zh_Hant_TW": "zh-TW", "id": "id"}
WORD_LANGUAGE_IDS = {"da": "da-DK", "en": "en-US", "zh_Hant_TW": "zh-TW", "id": "id-ID"}
_CHINESE_TRADITIONAL_TERRITORIES = {"TW", "HK", "MO"}


class UnknownLocale(ValueError):
    def __init__(self, text: str):
        self.text = text
        super().__init__(text)


def choices_text() -> str:
    return ", ".join(LANGUAGE_TAGS.values())


def parse_locale(text: str) -> str:
    """Map `zh-TW`, `zh_Hant`, `da_DK`, `en-US`, … onto one of SUPPORTED_LOCALES."""
    from babel import Locale, UnknownLocaleError

    cleaned = text.strip().split(".")[0].replace("-", "_")
    try:
        locale = Locale.parse(cleaned)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise UnknownLocale(text) from exc
    if locale.language == "zh":
        if locale.script == "Hant" or locale.territory in _CHINESE_TRADITIONAL_TERRITORIES:
            return "zh_Hant_TW"
        raise UnknownLocale(text)
    for candidate in (str(locale), f"{locale.language}_{locale.script}", locale.language):
        if candidate in SUPPORTED_LOCALES:
            return candidate
    raise UnknownLocale(text)


def parse_locale_list(text: str) -> tuple[str, ...]:
    locales: list[str] = []
    for part in text.split(","):
        if part.strip():
            locale = parse_locale(part)
            if locale not in locales:
                locales.append(locale)
    if not locales:
        raise UnknownLocale(text)
    return tuple(locales)


def interface_locale() -> str:
    """The language of sopgen's own messages, from SOPGEN_LANG or the usual locale variables."""
    for variable in ("SOPGEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").split(":")[0]
        if not value or value in ("C", "POSIX") or value.startswith("C."):
            continue
        return _quick_match(value)
    return SOURCE_LOCALE


def _quick_match(value: str) -> str:
    """A babel-free match, so that plain CLI start-up stays fast."""
    name = value.split(".")[0].split("@")[0].replace("-", "_")
    language, _, rest = name.partition("_")
    if language == "zh":
        return "zh_Hant_TW" if ("Hant" in rest or rest[-2:] in _CHINESE_TRADITIONAL_TERRITORIES) else SOURCE_LOCALE
    if language == "in":
        language = "id"
    return language if language in SUPPORTED_LOCALES else SOURCE_LOCALE
