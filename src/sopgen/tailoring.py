"""Fitting blueprints to a shop: SOPs and steps whose `when` the profile does not meet are left out."""

from __future__ import annotations

from .model import Profile, SopBlueprint, Step


def tailor(sop: SopBlueprint, profile: Profile) -> SopBlueprint | None:
    """The SOP with only the steps that apply to this shop; None when the SOP itself does not."""
    if not profile.applies(sop.when):
        return None
    return sop.model_copy(update={"steps": _applicable(sop.steps, profile)})


def _applicable(steps: tuple[Step, ...], profile: Profile) -> tuple[Step, ...]:
    return tuple(
        step.model_copy(update={"steps": _applicable(step.steps, profile)}) if step.steps else step
        for step in steps
        if profile.applies(step.when)
    )
