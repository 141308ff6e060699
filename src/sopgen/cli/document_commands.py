"""`sopgen sop` and `sopgen pack`: Word documents."""

from pathlib import Path
from typing import Annotated

import typer

from sopgen.blueprints.yaml_loading import display_path
from sopgen.cli.command_index import command_help
from sopgen.cli.options import (
    FontOption,
    ForceOption,
    LangOption,
    PdfOption,
    ProfileOption,
    StrictOption,
    TemplateOption,
    parse_languages,
)
from sopgen.cli.output import warn
from sopgen.i18n.interface import _

commands = typer.Typer()


@commands.command("sop", help=command_help("sop"))
def sop_command(
    sop: Annotated[str, typer.Argument(help=_("A built-in SOP's id or an SOP blueprint file."))],
    lang: LangOption = None,
    out: Annotated[Path, typer.Option("--out", help=_("The folder to write into."))] = Path("."),
    profile: ProfileOption = None,
    template: TemplateOption = None,
    east_asian_font: FontOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    pdf: PdfOption = False,
) -> None:
    from sopgen.build.sessions import RunSettings
    from sopgen.build.sop_documents import write_sop_documents

    settings = RunSettings(profile, strict, template, east_asian_font)
    locales = parse_languages(lang) if lang else None
    written, warnings = write_sop_documents(sop, settings, locales, out, force, pdf)
    warn(warnings)
    for path in written:
        typer.echo(_("wrote {path}").format(path=display_path(path)))

@commands.command("pack", help=command_help("pack"))
def pack_command(
    profile: ProfileOption = None,
    lang: LangOption = None,
    out: Annotated[Path, typer.Option("--out", help=_("The folder to write the pack into."))] = Path("sop-pack"),
    template: TemplateOption = None,
    east_asian_font: FontOption = None,
    blueprints: Annotated[
        list[Path] | None, typer.Option("--blueprints", help=_("Your own blueprint folder, used instead of the built-in SOPs."))
    ] = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    pdf: PdfOption = False,
) -> None:
    from sopgen.build.sessions import RunSettings
    from sopgen.cli.pack_progress import run_pack_with_progress

    user_locales = tuple(folder / "locales" for folder in blueprints or ())
    settings = RunSettings(profile, strict, template, east_asian_font, tuple(blueprints or ()), user_locales)
    locales = parse_languages(lang) if lang else None
    run_pack_with_progress(settings, locales, out, force, pdf)
