"""Wires the stages together for SOPs: tailor, localize, build the view, write the documents."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from .errors import InputError, Problem
from .i18n import Localization
from .library import Library, document_id
from .model import SopBlueprint, all_steps
from .output import OutputFolder
from .tailoring import tailor
from .uitext import _ as ui_
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
    role_ids = set(sop.roles) | {step.role for step in all_steps(sop.steps) if step.role}
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


def write_sop_documents(
    id_or_path: str, settings: Any, locales: tuple[str, ...] | None, out: Path, force: bool
) -> tuple[list[Path], list[Problem]]:
    """One SOP as .docx per language, named `<document id>-<id>.<lang>.docx` in `out`."""
    from .library import document_id, resolve_sop
    from .locales import LANGUAGE_TAGS
    from .profile import load_profile, profile_locales
    from .render_jobs import LanguageSession

    record, library = resolve_sop(id_or_path)
    profile = load_profile(settings.profile_path)
    chosen = locales or profile_locales(profile)
    folder = OutputFolder(out, force)
    names = {locale: f"{document_id(record, library)}-{record.id}.{LANGUAGE_TAGS[locale]}.docx" for locale in chosen}
    for name in names.values():
        folder.check(name)
    warnings: list[Problem] = []
    for locale in chosen:
        session = LanguageSession.create(library, profile, locale, settings)
        data = session.sop_document(record)
        session.localization.check()
        warnings.extend(session.localization.missing)
        if data is None:
            raise InputError.single(record.source, ui_("this SOP does not apply to the shop in the profile (see its 'when')"))
        folder.write(names[locale], data)
    return folder.written + folder.unchanged, warnings
