"""Fitting blueprints to a shop: SOPs, steps, KPIs, do's, don'ts, records and messages whose `when` the shop does not meet are left out."""

from __future__ import annotations

from sopgen.blueprints.model import Guarded, MessageSet, SopBlueprint, Step
from sopgen.blueprints.shop_profile import Profile


def tailor(sop: SopBlueprint, profile: Profile) -> SopBlueprint | None:
    """The SOP with only the parts that apply to this shop; None when the SOP itself does not."""
    if not profile.applies(sop.when):
        return None
    return sop.model_copy(
        update={
            "steps": _applicable(sop.steps, profile),
            "kpis": tuple(kpi for kpi in sop.kpis if profile.applies(kpi.when)),
            "dos": _applicable_items(sop.dos, profile),
            "donts": _applicable_items(sop.donts, profile),
            "records": _applicable_items(sop.records, profile),
        }
    )


def _applicable(steps: tuple[Step, ...], profile: Profile) -> tuple[Step, ...]:
    return tuple(
        step.model_copy(update={"steps": _applicable(step.steps, profile)}) if step.steps else step
        for step in steps
        if profile.applies(step.when)
    )


def _applicable_items(items: tuple[str | Guarded, ...], profile: Profile) -> tuple[str | Guarded, ...]:
    return tuple(item for item in items if isinstance(item, str) or profile.applies(item.when))


def tailor_messages(message_set: MessageSet, profile: Profile) -> MessageSet | None:
    """The set with only the messages that fit this shop; None when none does."""
    messages = tuple(message for message in message_set.messages if profile.applies(message.when))
    if not messages:
        return None
    return message_set if messages == message_set.messages else message_set.model_copy(update={"messages": messages})
