"""Inputs a run reads late, checked before anything is rendered: catalogs, the Word template and SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Any

from sopgen.errors import InputError, Source
from sopgen.i18n.interface import _


def check_run_inputs(settings: Any, locales: Iterable[str]) -> None:
    """A broken catalog, a template that is missing or not a Word document, or a SOURCE_DATE_EPOCH out of range fails the run now."""
    from sopgen.i18n.locales import single_locales
    from sopgen.i18n.localizer import Localizer

    source_date()
    for locale in dict.fromkeys(single for paired in locales for single in single_locales(paired)):
        Localizer.for_locale(locale, settings.user_locales, settings.strict)
    if settings.template is not None:
        from sopgen.docx.template import load_template

        load_template(settings.template)


def source_date() -> dt.date | None:
    """The day SOURCE_DATE_EPOCH names, if it is set; one that no document can carry is an error."""
    from sopgen.blueprints.fields import FIRST_DAY, LAST_DAY

    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None
    first, last = (int(dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp()) for day in (FIRST_DAY, LAST_DAY))
    if not text.isdigit() or not first <= int(text) <= last + 86_399:
        raise InputError.single(
            Source("SOURCE_DATE_EPOCH"),
            _("'{value}' is not a time from {first} to {last} in seconds since 1970").format(
                value=text[:40], first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()
            ),
            _("set it to the time of the last change, such as $(git log -1 --format=%ct), or unset it"),
        )
    return dt.datetime.fromtimestamp(int(text), dt.timezone.utc).date()


def chart_epoch(effective: dt.date | None) -> int:
    """The time a PDF chart is dated with: the profile's effective date, else SOURCE_DATE_EPOCH, else a fixed day."""
    from sopgen.charts.graphviz_run import FIXED_EPOCH

    day = effective or source_date()
    if day is None:
        return FIXED_EPOCH
    return int(dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp())
