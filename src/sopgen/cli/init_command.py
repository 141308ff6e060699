"""`sopgen init`: a shop profile from questions or options."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sopgen.blueprints.yaml_loading import display_path
from sopgen.cli.options import ForceOption, key_value_pairs, parse_languages, split_list
from sopgen.i18n.interface import _

commands = typer.Typer()


@commands.command("init", help=_("Write a shop profile, asking for each answer unless --no-input is given."))
def init_command(
    out: Annotated[Path, typer.Option("--out", help=_("Where to write the profile."))] = Path("shop.yaml"),
    no_input: Annotated[bool, typer.Option("--no-input", help=_("Ask nothing; take every answer from the options."))] = False,
    name: Annotated[str | None, typer.Option("--name", help=_("The shop's name."))] = None,
    country: Annotated[str, typer.Option("--country", help=_("Two-letter country code."))] = "DK",
    currency: Annotated[str, typer.Option("--currency", help=_("Three-letter currency code."))] = "DKK",
    website: Annotated[str | None, typer.Option("--website")] = None,
    email: Annotated[str | None, typer.Option("--email", help=_("Customer service email address."))] = None,
    working_hours: Annotated[str | None, typer.Option("--working-hours")] = None,
    channels: Annotated[str, typer.Option("--channels", help=_("Sales channels, comma-separated."))] = "shopify",
    tool: Annotated[list[str] | None, typer.Option("--tool", help=_("A tool by job, e.g. helpdesk=Gorgias; repeat for more."))] = None,
    team: Annotated[list[str] | None, typer.Option("--team", help=_("Who holds a role, e.g. virtual-assistant=Rina; repeat for more."))] = None,
    owner: Annotated[str | None, typer.Option("--owner", help=_("The SOPs' owner."))] = None,
    approver: Annotated[str | None, typer.Option("--approver", help=_("Who approves the SOPs."))] = None,
    languages: Annotated[str, typer.Option("--languages", help=_("Document languages, comma-separated: da,en,zh-TW,id."))] = "en",
    force: ForceOption = False,
) -> None:
    from sopgen.blueprints.profile_writer import ShopAnswers, checked_profile, profile_yaml, refuse_existing

    refuse_existing(out, force)
    tools, holders = key_value_pairs(tool, "--tool"), key_value_pairs(team, "--team")
    if not no_input:
        from sopgen.cli.init_questions import ask

        name, country, currency, channels, tools, holders, owner, approver, languages = ask(
            name, country, currency, channels, tools, holders, owner, approver, languages
        )
    if not name:
        from sopgen.errors import InputError, Source

        raise InputError.single(Source("--name"), _("the shop needs a name"), _("pass --name \"My Shop\""))
    parse_languages(languages)
    answers = ShopAnswers(
        name=name, country=country, currency=currency, website=website, email=email, working_hours=working_hours,
        channels=split_list(channels), tools=tools, team=holders, owner=owner, approver=approver, languages=split_list(languages),
    )
    text = profile_yaml(answers)
    checked_profile(text, str(out))
    from sopgen.build.pipeline import write_atomically

    write_atomically(out, text.encode("utf-8"))
    typer.echo(_("wrote {path}; next: sopgen pack --profile {path}").format(path=display_path(out)))
