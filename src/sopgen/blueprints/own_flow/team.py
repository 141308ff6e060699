"""Who does what in a starting flow: the choices that shape it, the team's people and their jobs, and its words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.vocabulary import CHANNELS, ROLE_ALIASES
from sopgen.errors import InputError, Source
from sopgen.i18n.interface import _
from sopgen.knowledge import flow_fragments as fragments
from sopgen.knowledge.flow_fragments import JOBS

if TYPE_CHECKING:
    pass

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


def _role_title(role: str) -> str:
    from sopgen.blueprints.profile import known_roles

    return known_roles().get(role, role)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:48].strip("-")
