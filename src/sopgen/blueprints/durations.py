"""Durations (`90s`, `4m`, `1.5h`, `2d`, `1h 30m`, ISO 8601 `PT4M`) and review cadences (`6 months`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sopgen.i18n.interface import _

MINUTES_PER_UNIT = {"s": 1 / 60, "m": 1.0, "h": 60.0, "d": 1440.0, "w": 10080.0}
MAX_MINUTES = 366 * 1440.0

_SHORT_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*", re.IGNORECASE)
_ISO = re.compile(
    r"^P(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$",
    re.IGNORECASE,
)
_CADENCE = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?\s*$", re.IGNORECASE)


class DurationError(ValueError):
    pass


def parse_minutes(text: str) -> float:
    """Minutes in a duration; raises DurationError with a readable reason."""
    value = text.strip()
    if value.startswith("-"):
        raise DurationError(_("duration '{value}' is negative").format(value=text))
    if value.upper().startswith("P"):
        minutes = _iso_minutes(value, text)
    else:
        minutes = _short_minutes(value, text)
    if minutes > MAX_MINUTES:
        raise DurationError(_("duration '{value}' is longer than a year").format(value=text))
    return minutes


def _iso_minutes(value: str, original: str) -> float:
    match = _ISO.match(value)
    if not match or value.upper() in ("P", "PT") or value.upper().endswith("T"):
        raise DurationError(_("'{value}' is not an ISO 8601 duration").format(value=original))
    parts = {unit: float(amount) for unit, amount in match.groupdict().items() if amount}
    return sum(amount * MINUTES_PER_UNIT[unit.lower()] for unit, amount in parts.items())


def _short_minutes(value: str, original: str) -> float:
    position, total, found = 0, 0.0, False
    while position < len(value):
        match = _SHORT_PART.match(value, position)
        if not match or match.end() == position:
            raise DurationError(_("'{value}' is not a duration").format(value=original))
        total += float(match.group(1)) * MINUTES_PER_UNIT[match.group(2).lower()]
        position, found = match.end(), True
    if not found:
        raise DurationError(_("'{value}' is not a duration").format(value=original))
    return total


@dataclass(frozen=True)
class Cadence:
    count: int
    unit: str  # day, week, month or year

    @classmethod
    def parse(cls, text: str) -> Cadence:
        match = _CADENCE.match(text)
        if not match or int(match.group(1)) <= 0:
            raise DurationError(_("'{value}' is not a review cadence").format(value=text))
        return cls(int(match.group(1)), match.group(2).lower())

    def months(self) -> float:
        return {"day": 1 / 30, "week": 7 / 30, "month": 1, "year": 12}[self.unit] * self.count

    def __str__(self) -> str:
        return f"{self.count} {self.unit}{'s' if self.count != 1 else ''}"
