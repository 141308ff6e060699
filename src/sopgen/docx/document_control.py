"""Who prepares, approves and is accountable for an SOP: roles, the RACI matrix, status and owners."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sopgen.blueprints.model import Step
from sopgen.docx.views import SopView
from sopgen.docx.writer import EMPTY

# The RACI matrix: blueprints name who does a step (Responsible). Who answers for the result
# (Accountable) is the SOP's owning role: the e-commerce manager runs daily operations and keeps
# the SOPs current, the shop owner owns everything else; failing both, the SOP's first role.
# Blueprints do not say who is consulted or informed, so the matrix leaves C and I to the owner.
ACCOUNTABLE_PREFERENCE = ("ecommerce-manager", "shop-owner")



def numbered_steps(steps: Sequence[Step], prefix: str = "") -> Iterator[tuple[str, Step]]:
    """(number as the document shows it, step) for every step and sub-step, in document order."""
    for index, step in enumerate(steps, start=1):
        number = f"{prefix}{index}"
        yield number, step
        yield from numbered_steps(step.steps, number + ".")


def sop_roles(view: SopView) -> list[str]:
    """The SOP's roles, then those only its steps name, each once."""
    named = [step.role for _number, step in numbered_steps(view.sop.steps) if step.role]
    return list(dict.fromkeys([*view.sop.roles, *named]))


def accountable_role(view: SopView) -> str:
    roles = sop_roles(view)
    return next((role for role in ACCOUNTABLE_PREFERENCE if role in roles), view.sop.roles[0])


def raci_matrix(view: SopView) -> list[tuple[str, dict[str, str]]]:
    """Rows of (step number and title, role -> letters) for the steps that name a role."""
    _ = view.localizer._
    responsible, accountable = _("R"), _("A")
    owner = accountable_role(view)
    rows = []
    for number, step in numbered_steps(view.sop.steps):
        if not step.role:
            continue
        letters = {owner: accountable}
        letters[step.role] = f"{responsible}/{accountable}" if step.role == owner else responsible
        rows.append((f"{number}  {step.title}", letters))
    return rows


def owner(view: SopView, blank: str = EMPTY) -> str:
    return view.profile.document.owner or view.profile.team.get(accountable_role(view)) or blank


def approver(view: SopView, blank: str = EMPTY) -> str:
    return view.profile.document.approver or view.profile.team.get("shop-owner") or blank


def reviewer(view: SopView) -> str:
    """The holder of the accountable role, unless that person already prepares or approves."""
    holder = view.profile.team.get(accountable_role(view), "")
    return "" if holder in (owner(view, ""), approver(view, "")) else holder


def status(view: SopView) -> str:
    return view.localizer._("Approved") if view.profile.document.approver else view.localizer._("Draft")


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
