"""Hints for a wrong name: the closest valid one, or the list to choose from."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from sopgen.i18n.interface import _


def choices_hint(value: str, choices: Iterable[str]) -> str | None:
    choices = tuple(dict.fromkeys(choices))
    if not choices:
        return None
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if close:
        return _("did you mean '{choice}'?").format(choice=close[0])
    return _("choose one of: {choices}").format(choices=", ".join(choices))
