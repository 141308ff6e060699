"""sopgen's commands by name: the module of the area that defines each, and what it does.

Readable without the command framework: the overview (`sopgen --help`) is printed from it, and
a command line loads only the area of the command it names.
"""

from __future__ import annotations

from typing import NamedTuple

from sopgen.i18n.interface import N_, _


class Command(NamedTuple):
    name: str
    area: str  # the module in sopgen.cli whose `commands` define it
    help: str  # in English, translated where shown


COMMANDS = (
    Command("init", "init_command", N_("Write a shop profile, asking for each answer unless --no-input is given.")),
    Command("validate", "blueprint_commands", N_("Check blueprint files and folders; print every problem as file:line.")),
    Command("blueprints", "blueprint_commands", N_("List the built-in blueprints, grouped by lifecycle phase; with --profile, what that shop gets and why.")),
    Command("sop", "document_commands", N_("Write one SOP as a Word document, in each language asked for.")),
    Command("pack", "document_commands", N_("Write the starter SOP pack: every SOP, the handbook and the flow charts, per language.")),
    Command("analyze", "flow_commands", N_("Print hand-offs, bottleneck, lead time and cycle efficiency of a current-state flow.")),
    Command(
        "flow",
        "flow_commands",
        N_(
            "Draw a current-state flow as a swimlane chart, or export it as BPMN, draw.io or Mermaid. "
            "'sopgen flow new' writes a shop's starting flow (see 'sopgen flow new --help')."
        ),
    ),
    Command("measure", "measure_commands", N_("Measure the flow as it is: waits, volumes and variants from order exports or event logs.")),
    Command("discover", "measure_commands", N_("Write a starting flow blueprint from an order export or event log.")),
    Command("whatif", "workshop_commands", N_("Try a future state: automate steps or change their staff, hours or times, and compare the figures.")),
    Command("serve", "workshop_commands", N_("Open a live workshop page for a flow: it follows every save, and tries future states by clicking.")),
    Command("i18n", "i18n_commands", N_("Maintain the translation catalogs.")),
)
AREAS = tuple(dict.fromkeys(command.area for command in COMMANDS))
GROUPS = frozenset({"i18n"})  # commands that hold commands of their own, added to the app under their name
ABOUT = N_("Multilingual SOP documents and order-flow charts for online shops.")


def area_of(name: str) -> str | None:
    """The area module that defines the command `name`, or None for a name sopgen does not have."""
    return next((command.area for command in COMMANDS if command.name == name), None)


def command_help(name: str) -> str:
    """What the command does, in the interface language."""
    return _(next(command.help for command in COMMANDS if command.name == name))
