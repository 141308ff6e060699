"""A shop's starting current-state order flow, assembled from its profile and the flow fragments, as commented YAML.

The flow has a lane for the customer, for each sales channel, for each person on the team who
touches an order, for each tool in the order's path (shipping tool, help desk, accounting) and
for the carrier. Its steps come from the fragments of each channel kind, payment method, tool
and carrier (knowledge/flow_fragments.py). Times, shares and hours are estimates, marked so in
the YAML for the workshop to correct; comments say what to check, in the flow's language.
A job nobody on the team holds gets a lane that asks who does it, rather than an invented person.
"""

from __future__ import annotations

import json
import math
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sopgen.blueprints.durations import parse_minutes
from sopgen.blueprints.model import FlowBlueprint
from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.vocabulary import CARRIER_KINDS, CARRIERS, CHANNELS, N_, ROLE_ALIASES, TOOLS, UNNAMED_TOOLS
from sopgen.errors import InputError, Problem, Source
from sopgen.i18n.interface import _
from sopgen.knowledge import flow_fragments as fragments
from sopgen.knowledge.flow_fragments import JOBS, Piece

if TYPE_CHECKING:
    from sopgen.blueprints.profile_writer import ShopAnswers

# `flow new` without --country: CLDR's "unknown region", which brings no country's practice.
NO_COUNTRY = "ZZ"
CARD_PAYMENTS = frozenset({"card", "dankort", "mobilepay", "apple-pay", "google-pay"})
LABEL_CHOICES = ("tool", "hand")
COMMENT_WIDTH = 100


@dataclass(frozen=True)
class FlowChoices:
    """What changes the flow beyond the profile: None means sopgen's estimate or the team's best fit."""

    orders_per_day: int | None = None
    packer: str | None = None  # a role id (or alias such as `owner`) or a person's name from the team
    chats: str | None = None  # who answers the customers, the same way
    labels: str | None = None  # "tool" or "hand"; None: from the tool when the profile names a shipping tool


@dataclass(frozen=True)
class Person:
    name: str
    roles: tuple[str, ...]
    from_document_owner: bool = False  # not on the team, but named as the SOPs' owner


@dataclass(frozen=True)
class StartingFlow:
    text: str  # the YAML, comments included
    flow: FlowBlueprint  # the same, validated
    missing_jobs: tuple[str, ...]  # jobs nobody on the team holds, each a lane that asks who does it
    warnings: tuple[Problem, ...]


def starting_flow(
    profile: Profile, choices: FlowChoices, locale: str, shown_path: str, origin: str | None = None, named: bool = True
) -> StartingFlow:
    """The shop's starting flow in `locale`; `origin` is the profile it was made from, `named` whether the shop's name is real."""
    if not profile.channels:
        raise InputError.single(
            profile.source.at("channels") if profile.source else Source("--channels"),
            _("the profile names no sales channel, and an order flow starts where the orders come in"),
            _("name the shop's sales channels, for example --channels shopify,instagram"),
        )
    people = team_people(profile)
    assignment = assign_jobs(people, choices)
    assembly = _Assembly(profile, choices, _Words(locale), people, assignment)
    assembly.assemble()
    text = assembly.yaml(shown_path, origin, profile.shop.name if named else None)
    flow = _validated(text, shown_path)
    warnings = ()
    if assembly.missing:
        from sopgen.i18n.formats import joined
        from sopgen.i18n.locales import interface_locale

        jobs = joined(interface_locale(), tuple(_(fragments.JOB_NAMES[job]) for job in assembly.missing))
        warnings = (
            Problem(
                Source(shown_path),
                _("the profile's team names nobody for {jobs}: the flow asks who, in a lane for each").format(jobs=jobs),
                _("name them in the team (--team ROLE=NAME), or say who packs and who answers with --packer and --chats"),
                severity="warning",
            ),
        )
    return StartingFlow(text, flow, tuple(assembly.missing), warnings)


def shop_from_answers(answers: ShopAnswers) -> Profile:
    """The shop that `sopgen flow new` describes with its options, checked as `init` checks a profile (nothing is written)."""
    from dataclasses import replace

    from sopgen.blueprints.profile import known_roles
    from sopgen.blueprints.profile_writer import canonical_team, checked_answers, checked_profile, profile_yaml
    from sopgen.knowledge.countries import is_country_code

    if not is_country_code(answers.country):
        raise InputError.single(
            Source("--country"),
            _("'{code}' is not a country code").format(code=answers.country),
            _("use a two-letter country code such as DK, ID or TW"),
        )
    checked_answers(answers)
    answers = replace(answers, team=canonical_team(answers.team, known_roles()))
    return checked_profile(profile_yaml(answers), "sopgen flow new")


# ---------------------------------------------------------------- the team


def team_people(profile: Profile) -> list[Person]:
    """Each person on the team once, with their roles; the SOPs' owner counts as the shop owner when nobody else is."""
    people: dict[str, list[str]] = {}
    for role, name in profile.team.items():
        people.setdefault(name, []).append(role)
    found = [Person(name, tuple(roles)) for name, roles in people.items()]
    owner = profile.document.owner
    if owner and "shop-owner" not in profile.team and owner not in people:
        found.append(Person(owner, ("shop-owner",), from_document_owner=True))
    return found


def assign_jobs(people: list[Person], choices: FlowChoices) -> dict[str, Person | None]:
    """Who does each job: the person the choices name, else the best fit on the team, else nobody."""
    assignment: dict[str, Person | None] = {}
    for job in JOBS:
        assignment[job] = next((person for role in fragments.JOB_ROLES[job] for person in people if role in person.roles), None)
    if choices.packer:
        assignment["packing"] = find_person(choices.packer, people, "--packer")
    if choices.chats:
        assignment["chats"] = find_person(choices.chats, people, "--chats")
    return assignment


def find_person(wanted: str, people: list[Person], option: str) -> Person:
    role = ROLE_ALIASES.get(wanted.strip(), wanted.strip())
    for person in people:
        if role in person.roles or person.name.casefold() == wanted.strip().casefold():
            return person
    choices = [role for person in people for role in person.roles] + [person.name for person in people]
    raise InputError.single(
        Source(option),
        _("nobody on the team is '{value}'").format(value=wanted),
        _("choose one of: {choices}; or add them to the team with --team ROLE=NAME").format(choices=", ".join(choices) or "–"),
    )


def new_flow_locale(country: str | None) -> str:
    """The language of a flow made without a profile: the country's, else the interface's."""
    from sopgen.i18n.locales import interface_locale
    from sopgen.knowledge.countries import country as country_defaults

    return country_defaults(country.strip().upper()).language if country else interface_locale()


def check_channels(channels: Iterable[str]) -> None:
    """A flow starts where the orders come in: a shop without a sales channel has none."""
    if not list(channels):
        raise InputError.single(
            Source("--channels"),
            _("the profile names no sales channel, and an order flow starts where the orders come in"),
            _("name the shop's sales channels, for example --channels shopify,instagram"),
        )


def check_labels(labels: str | None) -> None:
    if labels is not None and labels not in LABEL_CHOICES:
        from sopgen.blueprints.hints import choices_hint

        raise InputError.single(Source("--labels"), _("'{value}' is not a way of making labels").format(value=labels), choices_hint(labels, LABEL_CHOICES))


def channel_shares(channels: Iterable[str]) -> dict[str, float]:
    """Each channel's part of the daily orders (estimate): by kind, adding up to 1."""
    weights = {channel: fragments.CHANNEL_WEIGHTS[CHANNELS[channel][1]] for channel in channels}
    total = sum(weights.values())
    shares = {channel: round(weight / total, 2) for channel, weight in weights.items()}
    if shares:
        largest = max(shares, key=lambda channel: shares[channel])
        shares[largest] = round(1.0 - sum(share for channel, share in shares.items() if channel != largest), 2)
    return shares


# ---------------------------------------------------------------- words in the flow's language


class _Words:
    """Fragment texts and comments in the flow's language, names filled in; Chinese closes up around Chinese names."""

    def __init__(self, locale: str):
        from sopgen.i18n.localizer import Localizer

        self.localizer = Localizer.for_locale(locale)
        self.locale = locale

    def __call__(self, text: str, **values: str) -> str:
        said = self.localizer._(text)
        if values:
            said = said.format(**values)
        return _close_up(said) if self.locale == "zh_Hant_TW" else said

    def title_case(self, text: str) -> str:
        said = self(text)
        return said[:1].upper() + said[1:]

    def role(self, title: str) -> str:
        """A role's title, as a lane names it after the person: "Dewi (virtual assistant)"."""
        said = self.localizer.translate(title) or title
        return said[:1].lower() + said[1:] if said[1:2].islower() else said

    def names(self, items: list[str]) -> str:
        return _close_up(self.localizer.names(items)) if self.locale == "zh_Hant_TW" else self.localizer.names(items)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _close_up(text: str) -> str:
    """Chinese sets Latin names off with spaces, never Chinese ones."""
    return "".join(char for index, char in enumerate(text) if not (char == " " and 0 < index < len(text) - 1 and _is_wide(text[index - 1]) and _is_wide(text[index + 1])))


# ---------------------------------------------------------------- assembling


@dataclass
class _Lane:
    id: str
    title: str
    type: str
    rank: tuple[int, int]
    hours: float | None = None  # a person's hours a day for the order work
    notes: list[str] = field(default_factory=list)


@dataclass
class _Step:
    id: str
    lane: str
    title: str
    mode: str | None
    handling: str | None
    wait: str | None
    share: float
    notes: list[str]
    staff: float | None = None
    hours_per_day: float | None = None


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    channel: str = "system"
    label: str | None = None
    rework: bool = False


class _Assembly:
    """Builds the lanes, steps and edges of one shop's starting flow."""

    def __init__(self, profile: Profile, choices: FlowChoices, words: _Words, people: list[Person], assignment: dict[str, Person | None]):
        self.profile = profile
        self.words = words
        self.people = people
        self.assignment = assignment
        self.volume = choices.orders_per_day or fragments.DEFAULT_ORDERS_PER_DAY
        self.volume_given = choices.orders_per_day is not None
        self.labels_from_tool = (choices.labels or ("tool" if profile.tools.get("shipping") else "hand")) == "tool"
        self.lanes: dict[str, _Lane] = {}
        self.lane_keys: dict[str, str] = {}  # actor key -> lane id
        self.steps: list[_Step] = []
        self.edges: list[_Edge] = []
        self.missing: list[str] = []
        self.ready: list[tuple[str, str]] = []  # (step, how the parcel's papers reach packing)
        self.tracking: list[tuple[str, str, float]] = []  # (channel, how it gets its tracking, share)
        self.cod_share = 0.0
        self.booked: str | None = None

    # ---- names

    def tool(self, key: str) -> str:
        """The shop's tool for a job, or the phrase for one it has not named ("the shipping tool")."""
        return self.profile.tools.get(key) or self.words(UNNAMED_TOOLS[key])

    def channel_name(self, channel: str) -> str:
        return self.words(CHANNELS[channel][0])

    # ---- lanes

    def lane(self, key: str, title: str, type_: str, rank: tuple[int, int], hours: float | None = None, notes: Iterable[str] = ()) -> str:
        if key not in self.lane_keys:
            lane_id = _unique(_slug(key) or "lane", self.lanes)
            self.lanes[lane_id] = _Lane(lane_id, title, type_, rank, hours, list(notes))
            self.lane_keys[key] = lane_id
        return self.lane_keys[key]

    def actor_lane(self, actor: str, channel: str | None) -> str:
        words = self.words
        if actor == "customer":
            return self.lane("customer", words(N_("Customer")), "person", (0, 0))
        if actor in ("channel", "store"):
            assert channel is not None
            title = words.title_case(CHANNELS[channel][0])
            return self.lane(channel, title, "system", (1, list(self.profile.channels).index(channel)))
        if actor in JOBS:
            return self.person_lane(actor)
        if actor in ("shipping", "helpdesk", "accounting"):
            rank = {"shipping": (5, 0), "helpdesk": (8, 0), "accounting": (9, 0)}[actor]
            return self.lane(f"{actor}-tool", self.profile.tools.get(actor) or words.title_case(TOOLS[actor]), "system", rank)
        if actor == "carrier":
            return self.lane("carrier", self.carrier_title(), "person", (6, 0))
        if actor == "stores":
            stores = [CARRIERS[carrier] for carrier in self.profile.carrier_ids if carrier in CARRIER_KINDS["cvs"]]
            return self.lane("pickup-stores", words.names(stores), "system", (7, 0))
        raise ValueError(actor)

    def carrier_title(self) -> str:
        home = [CARRIERS[carrier] for carrier in self.profile.carrier_ids if carrier not in CARRIER_KINDS["cvs"]]
        if 0 < len(home) <= 3:
            return self.words.names(home)
        return self.words(N_("Couriers"))

    def person_lane(self, job: str) -> str:
        person = self.assignment.get(job)
        if person is None:
            if job not in self.missing:
                self.missing.append(job)
            note = self.words(
                N_("The profile's team names nobody for {job}: write the person's name as this lane's title, and add them to the profile's team."),
                job=self.words(fragments.JOB_NAMES[job]),
            )
            return self.lane(f"who-{job}", self.words(fragments.MISSING_JOB_LANES[job]), "person", (4, JOBS.index(job)), fragments.MISSING_PERSON_HOURS, [note])
        roles = ", ".join(self.words.role(_role_title(role)) for role in person.roles)
        notes = []
        if person.from_document_owner:
            notes.append(self.words(N_("{name} is taken as the shop owner because the profile names {name} as the owner of the SOPs."), name=person.name))
        hours = max(fragments.ROLE_HOURS.get(role, fragments.OTHER_ROLE_HOURS) for role in person.roles)
        key = f"person:{person.name}"
        slug = _slug(person.name) or person.roles[0]
        if key not in self.lane_keys:
            lane_id = _unique(slug, self.lanes)
            title = self.words(N_("{name} ({role})"), name=person.name, role=roles)
            self.lanes[lane_id] = _Lane(lane_id, title, "person", (3, self.people.index(person)), hours, notes)
            self.lane_keys[key] = lane_id
        return self.lane_keys[key]

    # ---- steps and edges

    def add(self, piece: Piece, share: float, channel: str | None = None, prefix: str | None = None, tool: str | None = None, notes: Iterable[str] = ()) -> str:
        values = {}
        if channel is not None:
            values["channel"] = self.channel_name(channel)
        if tool is not None:
            values["tool"] = tool
        step_id = _unique(f"{prefix}-{piece.key}" if prefix else piece.key, {step.id for step in self.steps})
        all_notes = [*notes, *([self.words(piece.note, **values)] if piece.note else [])]
        lane = self.actor_lane(piece.actor, channel)
        self.steps.append(_Step(step_id, lane, self.words(piece.title, **values), piece.mode, piece.handling, piece.wait, _share(share), all_notes))
        return step_id

    def link(self, source: str, target: str, channel: str = "system", label: str | None = None, rework: bool = False) -> None:
        if any(edge.source == source and edge.target == target for edge in self.edges):
            return
        self.edges.append(_Edge(source, target, channel, self.words(label) if label else None, rework))

    # ---- the flow

    def assemble(self) -> None:
        shares = channel_shares(self.profile.channels)
        for channel in self.profile.channels:
            kind = CHANNELS[channel][1]
            intake = {"marketplace": self.marketplace, "webshop": self.webshop, "social": self.chat, "store": self.store}[kind]
            intake(channel, shares[channel])
        shipped = round(sum(share for channel, share in shares.items() if CHANNELS[channel][1] != "store"), 2)
        if self.ready:
            handovers, arrivals = self.pack_and_deliver(shipped)
            for channel, how, share in self.tracking:
                self.send_tracking(channel, how, share, handovers)
            self.marketplace_payouts(shares)
            self.cod_payouts(arrivals)
            self.customer_contact(shipped, arrivals)
        self.hours()

    def marketplace(self, channel: str, share: float) -> None:
        notes = [self.words(fragments.CHANNEL_NOTES.get(channel, fragments.OTHER_MARKETPLACE_NOTE))]
        if "cod" in self.profile.payment_methods and self.profile.shop.country == "ID":
            notes.append(self.words(fragments.MARKETPLACE_COD_NOTE))
        order = self.add(fragments.MARKETPLACE_ORDER, share, channel, channel, notes=notes)
        waits = self.add(fragments.MARKETPLACE_WAITS, share, channel, channel)
        self.link(order, waits)
        if channel in fragments.PLATFORM_LOGISTICS:
            arrange = self.add(fragments.MARKETPLACE_ARRANGE, share, channel, channel)
            self.link(waits, arrange, "manual")
            self.ready.append((arrange, "paper"))
            self.tracking.append((channel, "platform", share))
        else:
            self.ready.append(self.label_by_hand(waits, "manual", share, channel))
            self.tracking.append((channel, "confirm", share))

    def webshop(self, channel: str, share: float) -> None:
        note = fragments.CHANNEL_NOTES.get(channel, fragments.OTHER_WEBSHOP_NOTE)
        order = self.add(fragments.WEBSHOP_ORDER, share, channel, channel, notes=[self.words(note)])
        confirmation = self.add(fragments.WEBSHOP_CONFIRMATION, share, channel, channel)
        self.link(order, confirmation)
        check = self.add(fragments.WEBSHOP_CHECK, share, channel, channel)
        self.link(confirmation, check, "email")
        if self.profile.tools.get("accounting"):
            invoice = self.add(fragments.INVOICE_SYNCED, share, channel, channel, tool=self.tool("accounting"))
            self.link(confirmation, invoice)
        if self.labels_from_tool:
            imported = self.add(fragments.LABEL_IMPORTED, share, channel, channel, tool=self.tool("shipping"))
            self.link(confirmation, imported)
            printed = self.add(fragments.LABEL_PRINTED, share, channel, channel, tool=self.tool("shipping"))
            self.link(imported, printed)
            self.link(check, printed)
            self.ready.append((printed, "paper"))
            tracking = self.add(fragments.TRACKING_FROM_TOOL, share, channel, channel)
            self.link(printed, tracking)
            mail = self.add(fragments.WEBSHOP_SHIPPED_MAIL, share, channel, channel)
            self.link(tracking, mail)
            if self.captures_at_dispatch():
                capture = self.add(fragments.WEBSHOP_CAPTURE_BY_TOOL, share, channel, channel)
                self.link(tracking, capture)
        else:
            copy = self.add(fragments.LABEL_BY_HAND, share, channel, channel)
            self.link(check, copy)
            self.ready.append((copy, "paper"))
            self.tracking.append((channel, "webshop", share))

    def chat(self, channel: str, share: float) -> None:
        notes = [self.words(fragments.CHANNEL_NOTES[channel])] if channel in fragments.CHANNEL_NOTES else []
        order = self.add(fragments.CHAT_ORDER, share, channel, channel, notes=notes)
        inbox = self.add(fragments.CHAT_INBOX, share, channel, channel)
        self.link(order, inbox, "chat")
        confirm = self.add(fragments.CHAT_CONFIRM, share, channel, channel)
        self.link(inbox, confirm, "manual")
        branches = _payment_branches(self.profile.payment_methods)
        part = share / len(branches)
        paid: list[tuple[str, str]] = []
        for branch in branches:
            if branch == "transfer":
                sent = self.add(fragments.TRANSFER_SENT, part, channel, channel)
                self.link(confirm, sent, "chat")
                custom = fragments.TRANSFER_NOTES.get(self.profile.shop.country)
                checked = self.add(fragments.TRANSFER_CHECK, part, channel, channel, notes=[self.words(custom)] if custom else [])
                self.link(sent, checked, "chat")
                paid.append((checked, "chat"))
            elif branch == "cod":
                checked = self.add(fragments.COD_CHECK, part, channel, channel)
                self.link(confirm, checked, "chat")
                paid.append((checked, "chat"))
                self.cod_share += part
            elif branch == "link":
                sent = self.add(fragments.LINK_SENT, part, channel, channel)
                self.link(confirm, sent, "chat")
                done = self.add(fragments.LINK_PAID, part, channel, channel)
                self.link(sent, done, "chat")
                paid.append((done, "email"))
            else:  # paid at the pick-up store
                paid.append((confirm, "chat"))
        record = self.add(fragments.CHAT_RECORD, share, channel, channel)
        for step, how in paid:
            self.link(step, record, how)
        if self.profile.tools.get("accounting"):
            typed = self.add(fragments.SALE_TYPED, share, channel, channel, tool=self.tool("accounting"))
            self.link(record, typed, "spreadsheet")
            self.link(typed, self.booked_step())
        self.ready.append(self.label_by_hand(record, "system", share, channel))
        self.tracking.append((channel, "chat", share))

    def store(self, channel: str, share: float) -> None:
        sale = self.add(fragments.STORE_SALE, share, channel, channel)
        pos = self.profile.tools.get("pos")
        recorded = self.add(fragments.STORE_RECORDED_IN_POS if pos else fragments.STORE_RECORDED, share, channel, channel, tool=pos)
        self.link(sale, recorded)
        online = any(CHANNELS[other][1] != "store" for other in self.profile.channels)
        if online and not pos:
            stock = self.add(fragments.STORE_STOCK_BY_HAND, share, channel, channel)
            self.link(recorded, stock, "paper")

    def label_by_hand(self, source: str, how: str, share: float, channel: str) -> tuple[str, str]:
        """A label for an order that no tool imports: typed into the shipping tool, or copied to the carrier's site."""
        if self.labels_from_tool:
            typed = self.add(fragments.LABEL_TYPED, share, channel, channel, tool=self.tool("shipping"))
            self.link(source, typed, how)
            created = self.add(fragments.LABEL_CREATED, share, channel, channel)
            self.link(typed, created)
            return created, "paper"
        copied = self.add(fragments.LABEL_BY_HAND, share, channel, channel)
        self.link(source, copied, how)
        return copied, "paper"

    def captures_at_dispatch(self) -> bool:
        return self.profile.shop.country == "DK" and bool(CARD_PAYMENTS & set(self.profile.payment_methods))

    def pack_and_deliver(self, shipped: float) -> tuple[list[str], list[str]]:
        """Packing, then the parcel's way to the customer: by courier, to a convenience store, or both."""
        notes = []
        marketplaces = [channel for channel in self.profile.channels if channel in fragments.PLATFORM_LOGISTICS]
        if marketplaces:
            notes.append(self.words(N_("Film the packing of valuable marketplace parcels: in a dispute the marketplace asks for evidence, and a packing video is the strongest.")))
        pack = self.add(fragments.PACK, shipped, notes=notes)
        for step, how in self.ready:
            self.link(step, pack, how)
        cvs = [carrier for carrier in self.profile.carrier_ids if carrier in CARRIER_KINDS["cvs"]]
        home = [carrier for carrier in self.profile.carrier_ids if carrier not in CARRIER_KINDS["cvs"]]
        store_share = 0.0 if not cvs else (shipped if not home else shipped * fragments.STORE_PICKUP_SHARE)
        handovers, arrivals = [], []
        if shipped - store_share > 0:
            pickup = self.add(fragments.COURIER_PICKUP, shipped - store_share)
            self.link(pack, pickup, "manual")
            delivered = self.add(fragments.COURIER_DELIVERS, shipped - store_share)
            self.link(pickup, delivered)
            handovers.append(pickup)
            arrivals.append(delivered)
        if store_share > 0:
            dropped = self.add(fragments.STORE_DROP, store_share)
            self.link(pack, dropped)
            waiting = self.add(fragments.STORE_WAITS, store_share)
            self.link(dropped, waiting, "manual")
            collected_piece = fragments.STORE_COLLECTED_AND_PAID if "cvs-cod" in self.profile.payment_methods else fragments.STORE_COLLECTED
            collected = self.add(collected_piece, store_share * (1 - fragments.UNCOLLECTED_SHARE))
            self.link(waiting, collected)
            fetched = self.add(fragments.STORE_UNCOLLECTED, store_share * fragments.UNCOLLECTED_SHARE)
            self.link(waiting, fetched, "manual")
            handovers.append(dropped)
            arrivals.append(collected)
        return handovers, arrivals

    def send_tracking(self, channel: str, how: str, share: float, handovers: list[str]) -> None:
        if how == "platform":
            shown = self.add(fragments.MARKETPLACE_TRACKING, share, channel, channel)
            for handover in handovers:
                self.link(handover, shown)
        elif how == "confirm":
            confirmed = self.add(fragments.MARKETPLACE_CONFIRM, share, channel, channel)
            for handover in handovers:
                self.link(handover, confirmed, "paper")
        elif how == "webshop":
            pasted = self.add(fragments.WEBSHOP_TRACKING_BY_HAND, share, channel, channel)
            for handover in handovers:
                self.link(handover, pasted, "paper")
            mail = self.add(fragments.WEBSHOP_SHIPPED_MAIL, share, channel, channel)
            self.link(pasted, mail)
            if self.captures_at_dispatch():
                captured = self.add(fragments.WEBSHOP_CAPTURE_BY_HAND, share, channel, channel)
                self.link(pasted, captured)
        else:
            sent = self.add(fragments.CHAT_TRACKING, share, channel, channel)
            for handover in handovers:
                self.link(handover, sent, "paper")

    def booked_step(self) -> str:
        if self.booked is None:
            self.booked = self.add(fragments.BOOKED, 1.0, tool=self.tool("accounting"))
        return self.booked

    def marketplace_payouts(self, shares: dict[str, float]) -> None:
        marketplaces = [channel for channel in self.profile.channels if CHANNELS[channel][1] == "marketplace"]
        if not marketplaces or not self.profile.tools.get("accounting"):
            return
        booked = self.add(fragments.PAYOUTS_BOOKED, sum(shares[channel] for channel in marketplaces), tool=self.tool("accounting"))
        tracking_steps = [step.id for step in self.steps if step.id in {f"{channel}-tracking" for channel in marketplaces} | {f"{channel}-confirm-shipment" for channel in marketplaces}]
        for step in tracking_steps:
            self.link(step, booked, "email")
        self.link(booked, self.booked_step())
        for step in self.steps:  # one booking step serves every channel: its share is the whole day's
            if step.id == self.booked:
                step.share = 1.0

    def cod_payouts(self, arrivals: list[str]) -> None:
        delivered = [step for step in arrivals if step.endswith("deliver")]
        if self.cod_share <= 0 or not delivered:
            return
        payout = self.add(fragments.COD_PAYOUT, self.cod_share)
        self.link(delivered[0], payout)
        matched = self.add(fragments.COD_MATCH, self.cod_share)
        self.link(payout, matched, "email")

    def customer_contact(self, shipped: float, arrivals: list[str]) -> None:
        """After delivery some customers ask or complain; a damaged or wrong item goes back to packing."""
        share = shipped * fragments.CUSTOMER_CONTACT_SHARE
        kinds = {CHANNELS[channel][1] for channel in self.profile.channels}
        how = "chat" if kinds & {"social", "marketplace"} else "email"
        contact = self.add(fragments.CONTACT, share)
        for arrival in arrivals:
            self.link(arrival, contact, "manual")
        notes = []
        if {"tokopedia", "tiktok-shop"} & set(self.profile.channels):
            notes.append(self.words(fragments.MARKETPLACE_RETURN_NOTE))
        if self.profile.tools.get("helpdesk"):
            ticket = self.add(fragments.TICKET, share, tool=self.tool("helpdesk"))
            self.link(contact, ticket, "email" if how == "email" else how)
            answer = self.add(fragments.ANSWER_TICKET, share, tool=self.tool("helpdesk"), notes=notes)
            self.link(ticket, answer)
        else:
            answer = self.add(fragments.ANSWER, share, notes=notes)
            self.link(contact, answer, how)
        self.link(answer, "pack", "chat", fragments.REPLACEMENT, rework=True)

    def hours(self) -> None:
        """Split each person's hours over their steps by the work each takes a day (estimates).

        Every step but the person's heaviest gets its part rounded up to three minutes; the heaviest
        gets what is left, so that it shows where the person's time runs short first.
        """
        for lane in self.lanes.values():
            if lane.type != "person" or lane.hours is None:
                continue
            work = {step.id: self.volume * step.share * parse_minutes(step.handling) for step in self.steps if step.lane == lane.id and step.handling and step.mode == "manual"}
            total = sum(work.values())
            if total <= 0:
                continue
            heaviest = max(work, key=lambda step_id: work[step_id])
            hours = {step_id: max(0.05, math.ceil(lane.hours * amount / total / 0.05 - 1e-9) * 0.05) for step_id, amount in work.items() if step_id != heaviest}
            hours[heaviest] = max(0.05, lane.hours - sum(hours.values()))
            for step in self.steps:
                if step.id in hours:
                    step.staff, step.hours_per_day = 1, round(hours[step.id], 2)

    # ---- the YAML

    def yaml(self, shown_path: str, origin: str | None, shop: str | None) -> str:
        words = self.words
        estimate = words(N_("estimate"))
        out: list[str] = []
        out += _comment(words(N_("Current-state order flow of {shop}."), shop=shop) if shop else words(N_("Current-state order flow.")))
        if origin:
            out += _comment(words(N_("Written by sopgen from the profile {profile}."), profile=origin))
        else:
            out += _comment(words(N_("Written by sopgen from the channels, tools and team it was given.")))
        out += _comment(words(N_("It is a starting point: go through it in a workshop with the people who do the work, and correct every lane, step and time until it shows how orders really run today.")))
        out += _comment(words(N_("Every value marked '{marker}' is a guess: time a few real orders and write what you measure."), marker=estimate))
        tag = _language_tag(words.locale)
        out += _comment(words(N_("Draw it: sopgen flow {path} --lang {lang}. The numbers: sopgen analyze {path}"), path=shown_path, lang=tag))
        out.append("kind: flow")
        out.append(f"id: {_flow_id(shop)}")
        out += _comment(words(N_("The language of this file's texts: sopgen draws them as written and never translates them.")))
        out.append(f"language: {tag}")
        title = words(N_("Order flow of {shop}"), shop=shop) if shop else words(N_("Current order flow"))
        out.append(f"title: {_scalar(title)}")
        description = words(N_("Assembled by sopgen from the shop profile: its channels, team and tools, with typical steps and times for the workshop to correct."))
        out.append(f"description: {_scalar(description)}")
        out += _comment(words(N_("Orders a working day: count the orders of a normal week and divide by its working days.")))
        out.append(f"volume: {self.volume}" + ("" if self.volume_given else f"  # {estimate}"))
        out.append("")
        out += _comment(words(N_("Lanes: everyone and everything an order passes through. Give each person's lane the name the team uses.")))
        idle = [person for person in self.people if f"person:{person.name}" not in self.lane_keys]
        if idle:
            listed = ", ".join(f"{person.name} ({', '.join(words.role(_role_title(role)) for role in person.roles)})" for person in idle)
            out += _comment(words(N_("Not in this flow: {people}. Add them where they touch an order."), people=listed))
        out.append("lanes:")
        used = {step.lane for step in self.steps}
        for lane in sorted((lane for lane in self.lanes.values() if lane.id in used), key=lambda lane: lane.rank):
            for note in lane.notes:
                out += _comment(note, "  ")
            out.append(f"  - {{id: {lane.id}, title: {_quoted(lane.title)}, type: {lane.type}}}")
        out.append("")
        out += _comment(words(N_("Steps, in the order an order meets them. share: the part of the day's orders that reaches the step; staff and hours_per_day: how many people do it and the hours a day each gives it.")))
        out.append("steps:")
        for step in self.steps:
            for note in step.notes:
                out += _comment(note, "  ")
            out.append(f"  - id: {step.id}")
            out.append(f"    lane: {step.lane}")
            out.append(f"    title: {_scalar(step.title)}")
            if step.mode:
                out.append(f"    mode: {step.mode}")
            if step.handling:
                out.append(f"    handling: {step.handling}  # {estimate}")
            if step.wait:
                out.append(f"    wait: {step.wait}  # {estimate}")
            if step.staff is not None and step.hours_per_day is not None:
                out.append(f"    staff: {step.staff}")
                out.append(f"    hours_per_day: {step.hours_per_day}  # {estimate}")
            if step.share < 1.0:
                out.append(f"    share: {step.share}  # {estimate}")
        out.append("")
        out += _comment(words(N_("Hand-offs. channel: how the work reaches the next step (system, email, chat, phone, spreadsheet, paper or manual); anything but system is a manual hand-off.")))
        out.append("edges:")
        for edge in self.edges:
            parts = [f"from: {edge.source}", f"to: {edge.target}"]
            if edge.channel != "system":
                parts.append(f"channel: {edge.channel}")
            if edge.label:
                parts.append(f"label: {_quoted(edge.label)}")
            if edge.rework:
                parts.append("rework: true")
            out.append(f"  - {{{', '.join(parts)}}}")
        return "\n".join(out) + "\n"


def _payment_branches(methods: Iterable[str]) -> list[str]:
    """How chat orders get paid, one branch per kind of payment the shop accepts."""
    accepted = set(methods)
    branches = [branch for branch, members in fragments.PAYMENT_BRANCHES.items() if accepted & set(members)]
    return branches or ["link"]


def _role_title(role: str) -> str:
    from sopgen.blueprints.profile import known_roles

    return known_roles().get(role, role)


def _share(value: float) -> float:
    return max(0.01, round(value, 2)) if value < 1 else 1.0


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:48].strip("-")


def _unique(candidate: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    if candidate not in taken:
        return candidate
    number = 2
    while f"{candidate}-{number}" in taken:
        number += 1
    return f"{candidate}-{number}"


def _flow_id(shop: str | None) -> str:
    slug = _slug(shop) if shop else ""
    return f"{slug}-order-flow" if slug else "order-flow"


def _language_tag(locale: str) -> str:
    from sopgen.i18n.locales import LANGUAGE_TAGS

    return LANGUAGE_TAGS[locale]


def _scalar(text: str) -> str:
    """A YAML scalar for a block mapping: plain where YAML allows it, quoted where it must be."""
    import yaml

    if "\n" in text:
        return _quoted(text)
    dumped = yaml.safe_dump({"v": text}, allow_unicode=True, width=1_000_000, default_flow_style=False)
    return dumped[len("v: ") :].rstrip("\n")


def _quoted(text: str) -> str:
    """A double-quoted scalar, safe in flow mappings whatever the text holds (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str = "") -> list[str]:
    """Comment lines no wider than the page; Chinese, which has no spaces to break at, by display width."""
    width = COMMENT_WIDTH - len(indent) - 2
    text = " ".join(text.split())  # a name with a line break must not end the comment
    if any(_is_wide(char) for char in text):
        lines, line, used = [], "", 0
        for char in text:
            size = 2 if _is_wide(char) else 1
            if used + size > width:
                lines.append(line)
                line, used = "", 0
            line += char
            used += size
        lines.append(line)
    else:
        lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    return [f"{indent}# {line.rstrip()}" for line in lines]


def _validated(text: str, shown_path: str) -> FlowBlueprint:
    """The flow as `sopgen validate` reads it: the written file must pass, or nothing is written."""
    from sopgen.blueprints.validation import build_library
    from sopgen.blueprints.yaml_loading import parse_yaml

    library = build_library([parse_yaml(text, shown_path)])
    return library.flows[0]

