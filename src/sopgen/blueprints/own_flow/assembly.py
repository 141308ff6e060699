"""Assembling a starting flow from the fragments: its lanes, steps and hand-offs for each channel, payment, tool and carrier."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sopgen.blueprints.durations import parse_minutes
from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.vocabulary import CARRIER_KINDS, CARRIERS, CHANNELS, TOOLS, UNNAMED_TOOLS
from sopgen.i18n.interface import N_
from sopgen.knowledge import flow_fragments as fragments
from sopgen.knowledge.flow_fragments import JOBS, Piece

if TYPE_CHECKING:
    pass

from sopgen.blueprints.own_flow.paths import ChannelPaths
from sopgen.blueprints.own_flow.team import CARD_PAYMENTS, FlowChoices, Person, _role_title, _slug, _Words, channel_shares


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


class _Assembly(ChannelPaths):
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



def _share(value: float) -> float:
    return max(0.01, round(value, 2)) if value < 1 else 1.0


def _unique(candidate: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    if candidate not in taken:
        return candidate
    number = 2
    while f"{candidate}-{number}" in taken:
        number += 1
    return f"{candidate}-{number}"
