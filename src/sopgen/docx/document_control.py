"""Who prepares, approves and is accountable for an SOP: roles, the RACI matrix, status and owners."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sopgen.blueprints.fields import version_number
from sopgen.blueprints.sop_model import Step
from sopgen.docx.views import HandbookView, SopView
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


def status(view: SopView | HandbookView) -> str:
    """"Draft" until the profile records the day the SOPs were approved; naming an approver is not approving."""
    _ = view.localizer._
    approved = view.profile.document.approved
    return _("Approved on {date}").format(date=view.localizer.date(approved)) if approved else _("Draft")


def approval_date(view: SopView) -> str:
    approved = view.profile.document.approved
    return view.localizer.date(approved) if approved else ""


@dataclass(frozen=True)
class Revision:
    version: str
    date: dt.date
    description: str
    author: str


def revisions(view: SopView) -> list[Revision]:
    """The revision history, newest first: this issue (in force from the effective date), then the change log's earlier versions.

    This issue is described by the change log's entry for its version; without one it is the first
    issue when no earlier version is logged and its number is at most 1, else a revision.
    """
    _ = view.localizer._
    current = version_number(view.sop.version)
    logged = {version_number(change.version): change for change in view.sop.changes}
    earlier = sorted((number for number in logged if number < current), reverse=True)
    entry = logged.get(current)
    if entry is not None:
        description = entry.summary
    elif not earlier and current <= (1,):
        description = _("First issue")
    else:
        description = _("Revised")
    rows = [Revision(view.sop.version, view.effective, description, owner(view))]
    rows += [Revision(logged[number].version, logged[number].date, logged[number].summary, EMPTY) for number in earlier]
    return rows


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
