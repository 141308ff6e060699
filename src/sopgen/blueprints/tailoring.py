"""Fitting blueprints to a shop: SOPs, steps and KPIs whose `when` the profile does not meet are left out."""

from __future__ import annotations

from sopgen.blueprints.model import Profile, SopBlueprint, Step


def tailor(sop: SopBlueprint, profile: Profile) -> SopBlueprint | None:
    """The SOP with only the steps and KPIs that apply to this shop; None when the SOP itself does not."""
    if not profile.applies(sop.when):
        return None
    kpis = tuple(kpi for kpi in sop.kpis if profile.applies(kpi.when))
    return sop.model_copy(update={"steps": _applicable(sop.steps, profile), "kpis": kpis})


def _applicable(steps: tuple[Step, ...], profile: Profile) -> tuple[Step, ...]:
    return tuple(
        step.model_copy(update={"steps": _applicable(step.steps, profile)}) if step.steps else step
        for step in steps
        if profile.applies(step.when)
    )
