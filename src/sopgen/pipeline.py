"""Wires the stages together; the only module that writes files, and it writes them atomically."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .i18n import Localization
from .library import Library, document_id
from .model import SopBlueprint
from .tailoring import tailor
from .views import ChartPicture, SopView, add_months, tool_rows

FALLBACK_DATE = dt.date(2026, 1, 1)


def build_date(sop: SopBlueprint | None, localization: Localization) -> dt.date:
    """The effective date: the profile's, else SOURCE_DATE_EPOCH, else the blueprint's own date."""
    if localization.profile.document.effective:
        return localization.profile.document.effective
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    if sop is not None and sop.updated:
        return sop.updated
    return FALLBACK_DATE


def sop_view(sop: SopBlueprint, library: Library, localization: Localization, chart: ChartPicture | None = None) -> SopView | None:
    """The SOP tailored to the shop and localized, with its document control data; None if it does not apply."""
    tailored = tailor(sop, localization.profile)
    if tailored is None:
        return None
    localized = localization.record(tailored)
    role_ids = set(sop.roles) | {step.role for step in _steps(sop.steps) if step.role}
    roles = {role.id: localization.record(role) for catalog in library.roles for role in catalog.roles if role.id in role_ids}
    effective = build_date(sop, localization)
    return SopView(
        sop=localized,
        document_id=document_id(sop, library),
        localizer=localization.localizer,
        profile=localization.profile,
        role_titles={role_id: role.title for role_id, role in roles.items()},
        role_descriptions={role_id: role.description or "" for role_id, role in roles.items()},
        tools=tool_rows(sop, localization.profile, localization.localizer),
        effective=effective,
        next_review=add_months(effective, sop.review_every.months()),
        chart=chart,
    )


def _steps(steps):
    for step in steps:
        yield step
        yield from _steps(step.steps)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: the file appears whole or not at all."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
