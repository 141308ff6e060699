"""An SOP tailored to the shop and localized, with its document control dates: what the Word renderer is given."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sopgen.blueprints.model import Library
    from sopgen.blueprints.shop_profile import Profile
    from sopgen.blueprints.sop_model import SopBlueprint
    from sopgen.docx.views import ChartPicture, SopView
    from sopgen.localize.localization import Localization


def run_date() -> dt.date:
    """The day a run dates documents whose profile names no effective date: SOURCE_DATE_EPOCH's, else today."""
    from sopgen.build.preflight import source_date

    return source_date() or dt.date.today()


def dated_profile(profile: Profile, day: dt.date | None) -> Profile:
    """The profile with an effective date: its own, else `day`, so that every document of a run takes the same one."""
    if profile.document.effective or day is None:
        return profile
    return profile.model_copy(update={"document": profile.document.model_copy(update={"effective": day})})


def build_date(localization: Localization) -> dt.date:
    """The effective date: the profile's, else the run's; never a blueprint's own date, which would make a new SOP overdue."""
    return localization.shop.document.effective or run_date()


def sop_view(sop: SopBlueprint, library: Library, localization: Localization, chart: ChartPicture | None = None) -> SopView | None:
    """The SOP tailored to the shop and localized, with its document control data; None if it does not apply."""
    from sopgen.blueprints.library import document_id
    from sopgen.blueprints.placeholders import tools_named_in
    from sopgen.blueprints.sop_model import all_steps
    from sopgen.blueprints.tailoring import tailor
    from sopgen.docx.views import SopView, add_months, tool_rows

    tailored = tailor(sop, localization.shop)
    if tailored is None:
        return None
    localized = localization.record(tailored)
    role_ids = set(sop.roles) | {step.role for step in all_steps(sop.steps) if step.role}
    roles = {role.id: localization.record(role) for catalog in library.roles for role in catalog.roles if role.id in role_ids}
    effective = build_date(localization)
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
