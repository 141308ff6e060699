"""Labels in two languages for a bilingual edition's charts: every text in the first language, then in the second.

A flow localized in both languages becomes one flow whose texts hold both (the chart wraps each
language on lines of its own); the chart's own words and figures come from a localizer that
answers in both languages, each value formatted the way its language writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from sopgen.blueprints.model import rewrite_texts
from sopgen.i18n.localizer import Localizer

R = TypeVar("R", bound=BaseModel)
LINE_BREAK = "\n"  # between the languages of a text the chart wraps: the second starts a line of its own
SEPARATOR = " / "  # between the languages of the chart's own short words, set on one line
CJK_LOCALES = frozenset({"zh_Hant_TW"})


class StructureMismatch(ValueError):
    """The two localizations of one record differ in shape: pairing their texts would mix them up."""


class PairedText(str):
    """A text in two languages: reads as `first / second` (one, when both are the same).

    `format` fills each language's half with that language's values, so that a template such as
    "wait {duration}" shows "vent 2 t / tunggu 2 jam", not one language's number in both.
    """

    first: str
    second: str
    separator: str

    def __new__(cls, first: str, second: str, separator: str = SEPARATOR) -> PairedText:
        text = super().__new__(cls, combined_text(first, second, separator))
        text.first, text.second, text.separator = str(first), str(second), separator
        return text

    def format(self, *args: Any, **kwargs: Any) -> PairedText:
        def half(index: int) -> tuple[list[Any], dict[str, Any]]:
            return [_half(value, index) for value in args], {key: _half(value, index) for key, value in kwargs.items()}

        first_args, first_kwargs = half(0)
        second_args, second_kwargs = half(1)
        return PairedText(self.first.format(*first_args, **first_kwargs), self.second.format(*second_args, **second_kwargs), self.separator)


def _half(value: Any, index: int) -> Any:
    if isinstance(value, PairedText):
        return value.first if index == 0 else value.second
    return value


def combined_text(first: str, second: str, separator: str = LINE_BREAK) -> str:
    """Both languages' text, the first language first; a text both languages write alike only once."""
    first, second = str(first), str(second)
    if first == second or not second:
        return first
    if not first:
        return second
    return f"{first}{separator}{second}"


def combined_record(first: R, second: R) -> R:
    """`first` (a record localized in one language) with each text followed by the same text of `second`.

    Both must be localizations of the same record: the texts are paired by their field path, and a
    record whose paths differ raises StructureMismatch rather than pairing the wrong texts.
    """
    seconds: list[tuple[str, str]] = []

    def collect(text: str, _source: Any, where: str) -> str:
        seconds.append((where, text))
        return text

    rewrite_texts(second, collect)
    remaining = iter(seconds)

    def pair(text: str, _source: Any, where: str) -> str:
        other_where, other = next(remaining, ("", ""))
        if other_where != where:
            raise StructureMismatch(f"the localizations differ at {where!r} (the other one has {other_where or 'nothing'!r})")
        # a PairedText, so that a template the chart fills with it ("{step} (130 %)") takes each half
        return PairedText(text, other, LINE_BREAK)

    combined = rewrite_texts(first, pair)
    left = next(remaining, None)
    if left is not None:
        raise StructureMismatch(f"the second localization has more texts, from {left[0]!r}")
    return combined


@dataclass(frozen=True)
class PairedLocalizer(Localizer):
    """Answers in two languages: interface words as PairedText, figures in each language's format.

    Its own `locale` is the one whose fonts a chart uses: the Chinese one when a language of the
    pair is Chinese (its font has Latin letters too), else the first.
    """

    first: Localizer | None = None
    second: Localizer | None = None

    @classmethod
    def of(cls, first: Localizer, second: Localizer) -> PairedLocalizer:
        locale = next((localizer.locale for localizer in (first, second) if localizer.locale in CJK_LOCALES), first.locale)
        return cls(locale, first.content, first.ui, first.strict, first=first, second=second)

    def _both(self, method: str, *args: Any) -> PairedText:
        assert self.first is not None and self.second is not None
        return PairedText(getattr(self.first, method)(*args), getattr(self.second, method)(*args))

    def _(self, message: str) -> str:
        return self._both("_", message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._both("ngettext", singular, plural, count)

    def date(self, value: Any) -> str:
        return self._both("date", value)

    def number(self, value: float, digits: int = 1) -> str:
        return self._both("number", value, digits)

    def percent(self, fraction: float) -> str:
        return self._both("percent", fraction)

    def duration(self, minutes: float) -> str:
        return self._both("duration", minutes)

    def cadence(self, count: int, unit: str) -> str:
        return self._both("cadence", count, unit)

    def country(self, code: str) -> str:
        return self._both("country", code)

    def names(self, items: list[str]) -> str:
        return self._both("names", items)

    def quoted(self, text: str) -> str:
        assert self.first is not None and self.second is not None
        if isinstance(text, PairedText):
            return PairedText(self.first.quoted(text.first), self.second.quoted(text.second))
        return self._both("quoted", text)

    def working_hours(self, text: str) -> str:
        return self._both("working_hours", text)

    def translate(self, text: str) -> str | None:
        assert self.first is not None and self.second is not None
        first, second = self.first.translate(text), self.second.translate(text)
        return None if first is None or second is None else combined_text(first, second)
