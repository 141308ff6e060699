"""The questions `sopgen init` asks, with sensible defaults and the valid choices shown."""

from __future__ import annotations

import typer

from sopgen.i18n.locales import choices_text
from sopgen.i18n.interface import _
from sopgen.blueprints.vocabulary import CHANNELS, TOOLS

SUGGESTED_TOOLS = ("platform", "payment", "shipping", "helpdesk", "email_marketing", "social_scheduling", "accounting", "inventory")
SUGGESTED_ROLES = ("shop-owner", "virtual-assistant", "customer-service", "warehouse", "marketing")


def _choose_many(question: str, default: str, choices: tuple[str, ...]) -> str:
    while True:
        answer = typer.prompt(f"{question} [{', '.join(choices)}]", default=default)
        unknown = [part.strip() for part in answer.split(",") if part.strip() and part.strip() not in choices]
        if not unknown:
            return answer
        typer.echo(_("unknown: {names}").format(names=", ".join(unknown)), err=True)


def ask(
    name: str | None,
    country: str,
    currency: str,
    channels: str,
    tools: dict[str, str],
    holders: dict[str, str],
    owner: str | None,
    approver: str | None,
    languages: str,
) -> tuple[str, str, str, str, dict[str, str], dict[str, str], str | None, str | None, str]:
    name = typer.prompt(_("Shop name"), default=name) if name else typer.prompt(_("Shop name"))
    country = typer.prompt(_("Country (two letters)"), default=country).upper()
    currency = typer.prompt(_("Currency (three letters)"), default=currency).upper()
    channels = _choose_many(_("Sales channels, comma-separated"), channels, tuple(CHANNELS))
    typer.echo(_("Your tools by job (leave empty to skip):"))
    for job in SUGGESTED_TOOLS:
        answer = typer.prompt(f"  {_(TOOLS[job])}", default=tools.get(job, ""), show_default=bool(tools.get(job)))
        if answer.strip():
            tools[job] = answer.strip()
    typer.echo(_("Who holds each role (leave empty to skip):"))
    for role in SUGGESTED_ROLES:
        answer = typer.prompt(f"  {role}", default=holders.get(role, ""), show_default=bool(holders.get(role)))
        if answer.strip():
            holders[role] = answer.strip()
    owner = typer.prompt(_("SOP owner"), default=owner or holders.get("shop-owner", "")) or None
    approver = typer.prompt(_("SOP approver"), default=approver or owner or "") or None
    languages = typer.prompt(_("Document languages ({choices})").format(choices=choices_text()), default=languages)
    return name, country, currency, channels, tools, holders, owner, approver, languages
