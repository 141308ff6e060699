"""An SOP's records (steps, do's and don'ts, KPIs, the change log), the conditions that tailor them, roles and customer messages."""

from collections.abc import Iterator
from typing import Annotated, Literal, Self

from pydantic import BeforeValidator, Field, StrictInt, model_validator

from sopgen.blueprints.durations import Cadence
from sopgen.blueprints.fields import (
    CarrierOrKind,
    ChannelOrType,
    CountryCondition,
    Day,
    Id,
    InvoicingId,
    MessageChannel,
    PaymentOrKind,
    Phase,
    ProductId,
    Text,
    ToolKey,
    Version,
    cadence,
)
from sopgen.blueprints.model import Record
from sopgen.i18n.interface import _


class Condition(Record):
    """When an SOP, a step, a KPI or a do/don't applies; every key given must hold.

    `tools`: the shop names all of these; every other key: the shop has at least one of them.
    `not`: the condition inside does not hold.
    """

    channels: tuple[ChannelOrType, ...] = ()
    tools: tuple[ToolKey, ...] = ()
    products: tuple[ProductId, ...] = ()
    countries: tuple[CountryCondition, ...] = ()
    payments: tuple[PaymentOrKind, ...] = ()
    carriers: tuple[CarrierOrKind, ...] = ()
    invoicing: tuple[InvoicingId, ...] = ()
    roles: tuple[Id, ...] = ()
    unless: "Condition | None" = Field(default=None, alias="not")


class Guarded(Record):
    """A do, don't or record that applies only when its condition holds."""

    text: Text
    when: Condition | None = None


def plain_texts(items: "tuple[str | Guarded, ...]") -> tuple[str, ...]:
    """The texts of a list whose items may carry conditions."""
    return tuple(item if isinstance(item, str) else item.text for item in items)


class Step(Record):
    id: Id
    title: Text
    role: Id | None = None
    text: Text | None = None
    steps: tuple["Step", ...] = ()
    when: Condition | None = None


def all_steps(steps: tuple[Step, ...]) -> Iterator[Step]:
    """Steps and their sub-steps, depth first, in document order."""
    for step in steps:
        yield step
        yield from all_steps(step.steps)


class Kpi(Record):
    name: Text
    target: Text
    when: Condition | None = None


class Change(Record):
    """One entry of an SOP's change log: the version, the day it was issued, and what changed."""

    version: Version
    date: Day
    summary: Text


class SopBlueprint(Record):
    kind: Literal["sop"]
    id: Id
    phase: Phase
    number: Annotated[StrictInt, Field(ge=1, le=999)] | None = None
    title: Text
    purpose: Text
    scope: Text
    roles: tuple[Id, ...] = Field(min_length=1)
    tools: tuple[ToolKey, ...] = ()
    steps: tuple[Step, ...] = Field(min_length=1)
    dos: tuple[Text | Guarded, ...] = ()
    donts: tuple[Text | Guarded, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    records: tuple[Text | Guarded, ...] = ()
    review_every: Annotated[Cadence, BeforeValidator(cadence)]
    flow: Id | None = None
    when: Condition | None = None
    version: Version = "1.0"
    updated: Day | None = None
    changes: tuple[Change, ...] = ()  # the change log: the revision history, newest first in the document


def all_conditions(sop: SopBlueprint) -> Iterator[Condition]:
    """Every condition in an SOP, the `not` parts included."""
    guarded = [sop, *all_steps(sop.steps), *sop.kpis, *(item for item in (*sop.dos, *sop.donts, *sop.records) if not isinstance(item, str))]
    pending = [item.when for item in guarded if item.when is not None]
    while pending:
        condition = pending.pop()
        yield condition
        if condition.unless is not None:
            pending.append(condition.unless)


class Role(Record):
    id: Id
    title: Text
    description: Text | None = None


class RoleCatalog(Record):
    kind: Literal["roles"]
    roles: tuple[Role, ...] = Field(min_length=1)


class Message(Record):
    """A message to a customer that the team copies and completes: an email with a subject, or a chat message.

    `used_in` names the SOPs whose steps send it; `{{ order.* }}` and `{{ customer.* }}` mark what
    the sender fills in for each order.
    """

    id: Id
    title: Text
    channel: MessageChannel
    subject: Text | None = None
    body: Text
    used_in: tuple[Id, ...] = ()
    when: Condition | None = None

    @model_validator(mode="after")
    def _subject_only_for_email(self) -> Self:
        if self.channel == "email" and self.subject is None:
            raise ValueError(_("an email needs a 'subject'"))
        if self.channel == "chat" and self.subject is not None:
            raise ValueError(_("a chat message has no 'subject'"))
        return self


class MessageSet(Record):
    """A group of customer message templates, such as those about returns, shown under one heading."""

    kind: Literal["messages"]
    id: Id
    title: Text
    description: Text | None = None
    messages: tuple[Message, ...] = Field(min_length=1)


def message_conditions(message_set: MessageSet) -> Iterator[Condition]:
    """Every condition of a set's messages, the `not` parts included."""
    pending = [message.when for message in message_set.messages if message.when is not None]
    while pending:
        condition = pending.pop()
        yield condition
        if condition.unless is not None:
            pending.append(condition.unless)
