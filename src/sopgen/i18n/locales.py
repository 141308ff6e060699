"""The four supported locales, their user-facing tags, and parsing of locale names."""

from __future__ import annotations

import os

SUPPORTED_LOCALES = ("da", "en", "zh_Hant_TW", "id")
SOURCE_LOCALE = "en"
LANGUAGE_TAGS = {"da": "da", "en": "en", "zh_Hant_TW": "zh-TW", "id": "id"}
WORD_LANGUAGE_IDS = {"da": "da-DK", "en": "en-US", "zh_Hant_TW": "zh-TW", "id": "id-ID"}
_CHINESE_TRADITIONAL_TERRITORIES = {"TW", "HK", "MO"}


PAIR_SEPARATOR = "+"  # `da+id`: a bilingual edition, the first language beside the second


class UnknownLocale(ValueError):
    def __init__(self, text: str):
        self.text = text
        super().__init__(text)


class BadLanguagePair(ValueError):
    """A bilingual edition asked for with one language twice (`same`) or with more than two (`too_many`)."""

    def __init__(self, text: str, reason: str):
        self.text = text
        self.reason = reason
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
    """`da,en` or, for a bilingual edition, `da+id`: supported locales, a pair joined by PAIR_SEPARATOR."""
    locales: list[str] = []
    for part in text.split(","):
        if part.strip():
            locale = parse_language_pair(part) if PAIR_SEPARATOR in part else parse_locale(part)
            if locale not in locales:
                locales.append(locale)
    if not locales:
        raise UnknownLocale(text)
    return tuple(locales)


def parse_language_pair(text: str) -> str:
    """`da+id` as `da+id`, `zh-TW+en` as `zh_Hant_TW+en`: two different supported locales."""
    parts = text.split(PAIR_SEPARATOR)
    if len(parts) != 2:
        raise BadLanguagePair(text.strip(), "too_many" if len(parts) > 2 else "same")
    first, second = (parse_locale(part) for part in parts)
    if first == second:
        raise BadLanguagePair(text.strip(), "same")
    return f"{first}{PAIR_SEPARATOR}{second}"


def language_pair(locale: str) -> tuple[str, str] | None:
    """The two locales of a bilingual edition, or None for a single language."""
    if PAIR_SEPARATOR not in locale:
        return None
    first, second = locale.split(PAIR_SEPARATOR)
    return first, second


def single_locales(locale: str) -> tuple[str, ...]:
    """The one locale, or the two of a bilingual edition."""
    return language_pair(locale) or (locale,)


def language_tag(locale: str) -> str:
    """The user-facing tag: `da`, `zh-TW`, or `da+zh-TW` for a bilingual edition (also its folder name)."""
    return PAIR_SEPARATOR.join(LANGUAGE_TAGS[single] for single in single_locales(locale))


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
