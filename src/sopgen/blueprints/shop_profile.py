"""The shop profile: the shop, its channels, tools, team, payments, carriers and policies, and what they imply."""

import functools
from typing import Annotated, Literal

from pydantic import Field, StrictInt, StrictStr

from sopgen.blueprints.fields import (
    CarrierId,
    ChannelId,
    Day,
    Id,
    InvoicingId,
    PaymentId,
    PlainText,
    ToolKey,
)
from sopgen.blueprints.model import Record
from sopgen.blueprints.sop_model import Condition
from sopgen.blueprints.vocabulary import (
    CARRIER_KINDS,
    CHANNELS,
    OTHER_COUNTRY,
    PAYMENT_KINDS,
)
from sopgen.knowledge.countries import Country, country, is_known_country
from sopgen.knowledge.products import recognise


class ShopInfo(Record):
    name: PlainText
    country: Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$")] = "DK"
    currency: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")] | None = None  # None: the country's
    time_zone: PlainText | None = None  # an IANA name such as Europe/Copenhagen; None: the country's
    legal_name: PlainText | None = None
    tax_id: PlainText | None = None  # CVR-nr., 統一編號, NPWP
    address: PlainText | None = None
    website: PlainText | None = None
    email: PlainText | None = None
    phone: PlainText | None = None
    working_hours: PlainText | None = None


class Policies(Record):
    return_days: Annotated[StrictInt, Field(ge=0, le=365)] = 14
    response_hours: Annotated[StrictInt, Field(ge=1, le=168)] = 24
    dispatch_days: Annotated[StrictInt, Field(ge=0, le=30)] = 1


class DocumentControl(Record):
    owner: PlainText | None = None
    approver: PlainText | None = None
    effective: Day | None = None
    approved: Day | None = None
    font_east_asian: PlainText | None = None


class Profile(Record):
    kind: Literal["profile"] = "profile"
    shop: ShopInfo
    channels: tuple[ChannelId, ...] = ()
    tools: dict[ToolKey, PlainText] = Field(default_factory=dict)
    team: dict[Id, PlainText] = Field(default_factory=dict)
    payments: tuple[PaymentId, ...] | None = None  # None: the country's usual methods
    carriers: tuple[CarrierId, ...] | None = None
    invoicing: InvoicingId | None = None
    policy: Policies = Field(default_factory=Policies)
    document: DocumentControl = Field(default_factory=DocumentControl)
    languages: tuple[StrictStr, ...] = Field(default=("en",), min_length=1)
    flow: PlainText | None = None  # the shop's own current-state flow, relative to the profile

    # ---- what the profile implies, with the country's defaults where it says nothing

    @functools.cached_property
    def country(self) -> Country:
        return country(self.shop.country)

    @property
    def currency(self) -> str:
        return self.shop.currency or self.country.currency

    @property
    def time_zone(self) -> str:
        return self.shop.time_zone or self.country.time_zone

    @property
    def payment_methods(self) -> tuple[str, ...]:
        return self.payments if self.payments is not None else self.country.payments

    @property
    def carrier_ids(self) -> tuple[str, ...]:
        return self.carriers if self.carriers is not None else self.country.carriers

    @property
    def invoicing_id(self) -> str:
        return self.invoicing or self.country.invoicing

    def channel_types(self) -> set[str]:
        return {CHANNELS[channel][1] for channel in self.channels}

    @functools.cached_property
    def _facts(self) -> dict[str, frozenset[str]]:
        """Everything a condition can test, each as the set of names that hold for this shop."""
        payments = set(self.payment_methods)
        carriers = set(self.carrier_ids)
        return {
            "channels": frozenset(self.channels) | self.channel_types(),
            "products": frozenset(product for job, name in self.tools.items() if (product := recognise(job, name))),
            "countries": frozenset({self.shop.country if is_known_country(self.shop.country) else OTHER_COUNTRY}),
            "payments": frozenset(payments | {kind for kind, members in PAYMENT_KINDS.items() if payments & set(members)}),
            "carriers": frozenset(carriers | {kind for kind, members in CARRIER_KINDS.items() if carriers & set(members)}),
            "invoicing": frozenset({self.invoicing_id}),
            "roles": frozenset(self.team),
        }

    def applies(self, condition: Condition | None) -> bool:
        """Whether the shop meets the condition: each key given holds, and the `not` part does not."""
        if condition is None:
            return True
        facts = self._facts
        for key in ("channels", "products", "countries", "payments", "carriers", "invoicing", "roles"):
            wanted = getattr(condition, key)
            if wanted and not facts[key] & set(wanted):
                return False
        if not all(tool in self.tools for tool in condition.tools):
            return False
        return condition.unless is None or not self.applies(condition.unless)
