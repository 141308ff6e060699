"""`sopgen init`: a shop profile from questions or options."""

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from sopgen.blueprints.vocabulary import CARRIERS, CHANNELS, INVOICING, PAYMENT_METHODS
from sopgen.blueprints.yaml_loading import display_path
from sopgen.cli.command_index import command_help
from sopgen.cli.flow_options import ChatsOption, LabelsOption, OrdersPerDayOption, PackerOption, flow_choices
from sopgen.cli.options import ForceOption, key_value_pairs, parse_date, parse_languages, split_list
from sopgen.cli.output import warn
from sopgen.i18n.interface import _

commands = typer.Typer()


@commands.command("init", help=command_help("init"))
def init_command(
    out: Annotated[Path, typer.Option("--out", help=_("Where to write the profile."))] = Path("shop.yaml"),
    no_input: Annotated[bool, typer.Option("--no-input", help=_("Ask nothing; take every answer from the options."))] = False,
    name: Annotated[str | None, typer.Option("--name", help=_("The shop's name."))] = None,
    country: Annotated[str, typer.Option("--country", help=_("Two-letter country code; DK, TW and ID bring their law, payments, carriers and invoicing."))] = "DK",
    currency: Annotated[str | None, typer.Option("--currency", help=_("Three-letter currency code; by default the country's."))] = None,
    time_zone: Annotated[str | None, typer.Option("--time-zone", help=_("The shop's time zone, such as Europe/Copenhagen; by default the country's."))] = None,
    website: Annotated[str | None, typer.Option("--website")] = None,
    email: Annotated[str | None, typer.Option("--email", help=_("Customer service email address."))] = None,
    working_hours: Annotated[str | None, typer.Option("--working-hours", help=_("Such as Mon–Fri 08:00–16:00."))] = None,
    legal_name: Annotated[str | None, typer.Option("--legal-name", help=_("The registered business name."))] = None,
    tax_id: Annotated[str | None, typer.Option("--tax-id", help=_("CVR number, 統一編號 or NPWP."))] = None,
    channels: Annotated[str, typer.Option("--channels", help=_("Sales channels, comma-separated: {choices}.").format(choices=", ".join(CHANNELS)))] = "shopify",
    payments: Annotated[str | None, typer.Option("--payments", help=_("Payment methods, comma-separated: {choices}; by default the country's.").format(choices=", ".join(PAYMENT_METHODS)))] = None,
    carriers: Annotated[str | None, typer.Option("--carriers", help=_("Carriers, comma-separated: {choices}; by default the country's.").format(choices=", ".join(CARRIERS)))] = None,
    invoicing: Annotated[str | None, typer.Option("--invoicing", help=_("{choices}; by default the country's usual case.").format(choices=" | ".join(INVOICING)))] = None,
    tool: Annotated[list[str] | None, typer.Option("--tool", help=_("A tool by job, e.g. helpdesk=Gorgias; repeat for more."))] = None,
    team: Annotated[list[str] | None, typer.Option("--team", help=_("Who holds a role, e.g. virtual-assistant=Rina; repeat for more."))] = None,
    owner: Annotated[str | None, typer.Option("--owner", help=_("The SOPs' owner."))] = None,
    approver: Annotated[str | None, typer.Option("--approver", help=_("Who approves the SOPs."))] = None,
    effective: Annotated[str | None, typer.Option("--effective", help=_("The date the SOPs take effect (YYYY-MM-DD); by default today."))] = None,
    approved: Annotated[str | None, typer.Option("--approved", help=_("The date the SOPs were approved (YYYY-MM-DD); until then they are drafts."))] = None,
    languages: Annotated[str | None, typer.Option("--languages", help=_("Document languages, comma-separated: da,en,zh-TW,id; by default the country's and English."))] = None,
    orders_per_day: OrdersPerDayOption = None,
    packer: PackerOption = None,
    chats: ChatsOption = None,
    labels: LabelsOption = None,
    force: ForceOption = False,
) -> None:
    from sopgen.blueprints.own_flow import check_channels, starting_flow
    from sopgen.blueprints.profile import known_roles, profile_locales
    from sopgen.blueprints.profile_writer import (
        ShopAnswers,
        canonical_team,
        checked_answers,
        checked_profile,
        default_languages,
        profile_yaml,
        refuse_existing,
    )
    from sopgen.blueprints.shop_flows import suggested_flow_path

    flow_out = suggested_flow_path(out)
    refuse_existing(out, force)
    refuse_existing(flow_out, force)
    choices = flow_choices(orders_per_day, packer, chats, labels)
    tools, holders = key_value_pairs(tool, "--tool"), key_value_pairs(team, "--team")
    answers = ShopAnswers(
        name=name or "", country=country.upper(), currency=currency, time_zone=time_zone, legal_name=legal_name, tax_id=tax_id,
        website=website, email=email, working_hours=working_hours, channels=split_list(channels),
        payments=split_list(payments) if payments is not None else None,
        carriers=split_list(carriers) if carriers is not None else None, invoicing=invoicing, tools=tools, team=holders,
        owner=owner, approver=approver, effective=parse_date(effective, "--effective"),
        approved=parse_date(approved, "--approved"),
        languages=split_list(languages) if languages is not None else None,
    )
    checked_answers(answers)
    if not no_input:
        from sopgen.cli.init_questions import ask

        answers = ask(answers)
    if not answers.name:
        from sopgen.errors import InputError, Source

        raise InputError.single(Source("--name"), _("the shop needs a name"), _("pass --name \"My Shop\""))
    checked_answers(answers)
    check_channels(answers.channels)
    parse_languages(",".join(answers.languages or default_languages(answers.country)), "--languages", pairs=False)
    answers = replace(answers, team=canonical_team(answers.team, known_roles()), flow=flow_out.name)
    text = profile_yaml(answers)
    profile = checked_profile(text, str(out))
    if not no_input:
        from sopgen.cli.init_questions import ask_flow

        choices = ask_flow(profile, choices)
    from sopgen.build.files import write_atomically

    flow = starting_flow(profile, choices, profile_locales(profile)[0], display_path(flow_out), origin=display_path(out))
    write_atomically(flow_out, flow.text.encode("utf-8"))  # first the flow, so that the profile never names a missing one
    write_atomically(out, text.encode("utf-8"))
    warn(flow.warnings)
    typer.echo(_("wrote {path} and its order flow {flow}; next: sopgen pack --profile {path}").format(path=display_path(out), flow=display_path(flow_out)))
