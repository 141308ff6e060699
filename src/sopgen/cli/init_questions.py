"""The questions `sopgen init` asks, with the country's defaults and the valid choices shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import typer

from sopgen.blueprints.own_flow import FlowChoices, Person
from sopgen.blueprints.profile_writer import ShopAnswers, default_languages
from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.vocabulary import CARRIERS, CHANNELS, INVOICING, PAYMENT_METHODS, TOOLS
from sopgen.i18n.interface import _
from sopgen.i18n.locales import LANGUAGE_TAGS, choices_text, parse_locale
from sopgen.knowledge.countries import country as country_defaults
from sopgen.knowledge.products import products_for

SUGGESTED_TOOLS = ("platform", "payment", "shipping", "helpdesk", "email_marketing", "social_scheduling", "accounting", "inventory", "pos")
SUGGESTED_ROLES = ("shop-owner", "virtual-assistant", "customer-service", "warehouse", "marketing")


def _choose_many(question: str, default: str, choices: tuple[str, ...]) -> list[str]:
    while True:
        answer = typer.prompt(f"{question} [{', '.join(choices)}]", default=default)
        parts = [part.strip() for part in answer.split(",") if part.strip()]
        unknown = [part for part in parts if part not in choices]
        if not unknown:
            return parts
        typer.echo(_("unknown: {names}").format(names=", ".join(unknown)), err=True)


def _choose_one(question: str, default: str, choices: tuple[str, ...]) -> str:
    while True:
        answer = typer.prompt(f"{question} [{' | '.join(choices)}]", default=default).strip()
        if answer in choices:
            return answer
        typer.echo(_("unknown: {names}").format(names=answer), err=True)


def _ask_date(question: str, default: dt.date | None) -> dt.date | None:
    """A date as YYYY-MM-DD, asked again until it is one; an empty answer is none when there is no default."""
    from sopgen.blueprints.fields import FIRST_DAY, LAST_DAY

    while True:
        answer = typer.prompt(question, default=default.isoformat() if default else "", show_default=bool(default)).strip()
        if not answer:
            return None
        try:
            day = dt.date.fromisoformat(answer)
        except ValueError:
            typer.echo(_("'{value}' is not a date").format(value=answer), err=True)
            continue
        if FIRST_DAY <= day <= LAST_DAY:
            return day
        typer.echo(_("{date} is outside {first} to {last}").format(date=day.isoformat(), first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()), err=True)


def ask(answers: ShopAnswers) -> ShopAnswers:
    """Ask for every answer, offering what the options gave and the country's defaults."""
    name = typer.prompt(_("Shop name"), default=answers.name) if answers.name else typer.prompt(_("Shop name"))
    code = typer.prompt(_("Country (two letters)"), default=answers.country).upper()
    defaults = country_defaults(code)
    currency = typer.prompt(_("Currency (three letters)"), default=answers.currency or defaults.currency).upper()
    channels = _choose_many(_("Sales channels, comma-separated"), ",".join(answers.channels), tuple(CHANNELS))
    payments = _choose_many(
        _("Payment methods, comma-separated"), ",".join(answers.payments or defaults.payments), tuple(PAYMENT_METHODS)
    )
    carriers = _choose_many(_("Carriers, comma-separated"), ",".join(answers.carriers or defaults.carriers), tuple(CARRIERS))
    invoicing = _choose_one(_("Invoicing"), answers.invoicing or defaults.invoicing, tuple(INVOICING))
    tools = dict(answers.tools)
    typer.echo(_("Your tools by job (leave empty to skip):"))
    for job in SUGGESTED_TOOLS:
        known = products_for(job)
        label = f"  {_(TOOLS[job])}" + (f" ({', '.join(known[:4])} …)" if known else "")
        answer = typer.prompt(label, default=tools.get(job, ""), show_default=bool(tools.get(job)))
        if answer.strip():
            tools[job] = answer.strip()
    holders = dict(answers.team)
    typer.echo(_("Who holds each role (leave empty to skip):"))
    for role in SUGGESTED_ROLES:
        answer = typer.prompt(f"  {role}", default=holders.get(role, ""), show_default=bool(holders.get(role)))
        if answer.strip():
            holders[role] = answer.strip()
    owner = typer.prompt(_("SOP owner"), default=answers.owner or holders.get("shop-owner", "")) or None
    approver = typer.prompt(_("SOP approver"), default=answers.approver or owner or "") or None
    effective = _ask_date(_("Date the SOPs take effect (YYYY-MM-DD)"), answers.effective or dt.date.today())
    approved = _ask_date(_("Date the SOPs were approved (YYYY-MM-DD; leave empty while they are drafts)"), answers.approved)
    languages = typer.prompt(
        _("Document languages ({choices})").format(choices=choices_text()),
        default=",".join(answers.languages or [LANGUAGE_TAGS[parse_locale(language)] for language in default_languages(code)]),
    )
    return replace(
        answers,
        name=name, country=code, currency=currency, channels=channels, payments=payments, carriers=carriers, invoicing=invoicing,
        tools=tools, team=holders, owner=owner, approver=approver, effective=effective, approved=approved, languages=[part.strip() for part in languages.split(",") if part.strip()],
    )


def ask_flow(profile: Profile, choices: FlowChoices) -> FlowChoices:
    """The few questions that change the shop's starting order flow: volume, who packs, who answers, labels."""
    from sopgen.blueprints.own_flow import assign_jobs, team_people
    from sopgen.knowledge.flow_fragments import DEFAULT_ORDERS_PER_DAY

    typer.echo(_("Your order flow as it runs today (sopgen writes a first version for a workshop to correct):"))
    orders = typer.prompt(_("  About how many orders a working day?"), default=choices.orders_per_day or DEFAULT_ORDERS_PER_DAY, type=int)
    people = team_people(profile)
    assigned = assign_jobs(people, choices)
    ships = any(CHANNELS[channel][1] != "store" for channel in profile.channels)
    packer = _ask_person(_("  Who packs the parcels?"), people, assigned["packing"]) if ships else None
    chats = _ask_person(_("  Who answers the customers' messages?"), people, assigned["chats"])
    labels = choices.labels
    if ships:
        from_tool = labels == "tool" if labels else bool(profile.tools.get("shipping"))
        labels = "tool" if typer.confirm(_("  Are shipping labels printed from a shipping tool?"), default=from_tool) else "hand"
    return replace(choices, orders_per_day=orders, packer=packer, chats=chats, labels=labels)


def _ask_person(question: str, people: list[Person], default: Person | None) -> str | None:
    """A person from the team, by name or role; none on the team: nobody, and the flow asks who."""
    from sopgen.blueprints.own_flow import find_person
    from sopgen.errors import SopgenError

    if not people:
        return None
    choices = ", ".join(person.name for person in people)
    while True:
        answer = typer.prompt(f"{question} [{choices}]", default=default.name if default else "", show_default=bool(default)).strip()
        if not answer:
            return None
        try:
            return find_person(answer, people, "").name
        except SopgenError:
            typer.echo(_("unknown: {names}").format(names=answer), err=True)
