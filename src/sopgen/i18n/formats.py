"""Dates, numbers, percentages and durations formatted by babel for a locale (`14. marts 2027`, `26 %`)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any


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
