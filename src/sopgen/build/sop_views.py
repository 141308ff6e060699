"""An SOP tailored to the shop and localized, with its document control dates: what the Word renderer is given."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sopgen.blueprints.model import Library, SopBlueprint
    from sopgen.docx.views import ChartPicture, SopView
    from sopgen.localize.localization import Localization


FALLBACK_DATE = dt.date(2026, 1, 1)


def build_date(sop: SopBlueprint | None, localization: Localization) -> dt.date:
    """The effective date: the profile's, else SOURCE_DATE_EPOCH, else the blueprint's own date."""
    if localization.shop.document.effective:
        return localization.shop.document.effective
    from sopgen.build.preflight import source_date

    epoch = source_date()
    if epoch is not None:
        return epoch
    if sop is not None and sop.updated:
        return sop.updated
    return FALLBACK_DATE


def sop_view(sop: SopBlueprint, library: Library, localization: Localization, chart: ChartPicture | None = None) -> SopView | None:
    """The SOP tailored to the shop and localized, with its document control data; None if it does not apply."""
    from sopgen.blueprints.library import document_id
    from sopgen.blueprints.model import all_steps
    from sopgen.blueprints.placeholders import tools_named_in
    from sopgen.blueprints.tailoring import tailor
    from sopgen.docx.views import SopView, add_months, tool_rows

    tailored = tailor(sop, localization.shop)
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
        profile=localization.shop,
        role_titles={role_id: role.title for role_id, role in roles.items()},
        role_descriptions={role_id: role.description or "" for role_id, role in roles.items()},
        tools=tool_rows(sop, localization.shop, localization.localizer, tools_named_in(tailored)),
        effective=effective,
        next_review=add_months(effective, sop.review_every.months()),
        chart=chart,
    )
