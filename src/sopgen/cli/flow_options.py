"""Options that shape a shop's starting order flow, shared by `sopgen init` and `sopgen flow new`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from sopgen.i18n.interface import _

if TYPE_CHECKING:
    from sopgen.blueprints.own_flow import FlowChoices

OrdersPerDayOption = Annotated[
    int | None, typer.Option("--orders-per-day", help=_("Orders a working day, for the starting order flow; by default an estimate of 20."))
]
PackerOption = Annotated[str | None, typer.Option("--packer", help=_("Who packs the parcels: a role or a name from the team."))]
ChatsOption = Annotated[str | None, typer.Option("--chats", help=_("Who answers the customers' messages: a role or a name from the team."))]
LabelsOption = Annotated[
    str | None,
    typer.Option(
        "--labels",
        help=_("How shipping labels are made: 'tool' (printed from a shipping tool) or 'hand' (the address copied by hand); by default 'tool' when the profile names a shipping tool."),
    ),
]


def flow_choices(orders_per_day: int | None, packer: str | None, chats: str | None, labels: str | None) -> "FlowChoices":
    """The options as the flow assembler takes them, each checked."""
    from sopgen.blueprints.own_flow import FlowChoices, check_labels
    from sopgen.errors import InputError, Source

    if orders_per_day is not None and not 0 < orders_per_day <= 1_000_000:
        raise InputError.single(Source("--orders-per-day"), _("give a number of orders from 1 to 1,000,000"))
    check_labels(labels)
    return FlowChoices(orders_per_day, packer, chats, labels)
