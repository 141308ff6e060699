"""Dates, numbers, percentages and durations formatted by babel for a locale (`14. marts 2027`, `26 %`)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from types import MappingProxyType
from typing import Any

# Babel has no quotation marks; these are each language's own: Danish books and papers use »«.
QUOTES = MappingProxyType({"da": ("»", "«"), "en": ("“", "”"), "zh_Hant_TW": ("「", "」"), "id": ("“", "”")})
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WORKING_HOURS = re.compile(
    r"^\s*(?P<first>[A-Za-z]{3})[a-z]*\s*(?:[–-]\s*(?P<last>[A-Za-z]{3})[a-z]*)?\s*,?\s+"
    r"(?P<start>\d{1,2})[:.](?P<start_minutes>\d{2})\s*[–-]\s*(?P<end>\d{1,2})[:.](?P<end_minutes>\d{2})\s*$"
)


@functools.cache
def babel_locale(locale: str) -> Any:
    from babel import Locale

    return Locale.parse(locale)


@functools.lru_cache(maxsize=4096)
def number(locale: str, value: float, digits: int) -> str:
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=babel_locale(locale))


@functools.lru_cache(maxsize=4096)
def percent(locale: str, fraction: float) -> str:
    from babel.numbers import format_percent

    standard = babel_locale(locale).percent_formats[None].pattern
    pattern = standard.replace("0%", "0.#%").replace("0 %", "0.# %").replace("0\xa0%", "0.#\xa0%")
    return format_percent(fraction, format=pattern, locale=babel_locale(locale))


@functools.lru_cache(maxsize=4096)
def duration(locale: str, minutes: float) -> str:
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


def date(locale: str, value: dt.date) -> str:
    from babel.dates import format_date

    return format_date(value, format="long", locale=babel_locale(locale))


@functools.lru_cache(maxsize=1024)
def joined(locale: str, items: tuple[str, ...]) -> str:
    from babel.lists import format_list

    return format_list(list(items), locale=babel_locale(locale)) if items else ""


def quoted(locale: str, text: str) -> str:
    opening, closing = QUOTES.get(locale, QUOTES["en"])
    return f"{opening}{text}{closing}"


@functools.lru_cache(maxsize=64)
def working_hours(locale: str, text: str) -> str:
    """`Mon–Fri 08:00–16:00` → `man.–fre. 08.00–16.00`; a wording it does not recognise stays as written."""
    from babel.dates import format_time, get_day_names

    match = _WORKING_HOURS.match(text)
    if not match or match["first"].lower() not in _DAYS or (match["last"] and match["last"].lower() not in _DAYS):
        return text
    hours = (int(match["start"]), int(match["start_minutes"]), int(match["end"]), int(match["end_minutes"]))
    if hours[0] > 23 or hours[2] > 24 or hours[1] > 59 or hours[3] > 59:
        return text
    day_names = get_day_names("abbreviated", locale=babel_locale(locale))
    days = day_names[_DAYS.index(match["first"].lower())]
    if match["last"]:
        days += "–" + day_names[_DAYS.index(match["last"].lower())]
    start = format_time(dt.time(hours[0], hours[1]), format="short", locale=babel_locale(locale))
    end = format_time(dt.time(hours[2] % 24, hours[3]), format="short", locale=babel_locale(locale))
    return f"{days} {start}–{end}"
