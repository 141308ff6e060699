"""Saving a what-if as a new flow blueprint next to the current one: `<name>.future.yaml`, never over a file."""

from __future__ import annotations

from pathlib import Path

from sopgen.analysis.whatif import WhatIf, apply
from sopgen.blueprints.flow_writer import duration_text, flow_yaml
from sopgen.blueprints.model import FlowBlueprint
from sopgen.build.files import write_new_file
from sopgen.errors import OutputError, Source
from sopgen.i18n.interface import _

MAX_NUMBER = 999
MAX_ID = 64


def future_state_name(flow_path: Path, number: int) -> Path:
    """`order-flow.future.yaml`, then `order-flow.future-2.yaml`, … in the flow's folder."""
    tag = "future" if number == 1 else f"future-{number}"
    return flow_path.with_name(f"{flow_path.stem}.{tag}{flow_path.suffix or '.yaml'}")


def future_state_id(flow_id: str, number: int) -> str:
    tag = "-future" if number == 1 else f"-future-{number}"
    return flow_id[: MAX_ID - len(tag)].rstrip("-") + tag


def whatif_command(flow_path: Path, what_if: WhatIf) -> str:
    """The `sopgen whatif` command that tries the same future state."""
    parts = ["sopgen whatif", flow_path.name]
    if what_if.automate:
        parts.append("--automate " + ",".join(what_if.automate))
    for option, values, show in (
        ("--staff", what_if.staff, lambda v: f"{v:g}"),
        ("--hours", what_if.hours_per_day, lambda v: f"{v:g}"),
        ("--handling", what_if.handling, duration_text),
        ("--wait", what_if.wait, duration_text),
    ):
        parts.extend(f"{option} {step}={show(value)}" for step, value in values)
    return " ".join(parts)


def save_future_state(flow_path: Path, current: FlowBlueprint, what_if: WhatIf) -> Path:
    """Write the current flow with the what-if applied as a new blueprint beside it; returns its path.

    The file and the flow get the next free name and id (`.future`, `.future-2`, …), so the
    current flow, and any future state saved before, stay as they are.
    """
    from sopgen.blueprints.validation import build_library
    from sopgen.blueprints.yaml_loading import parse_yaml

    future = apply(current, what_if)
    for number in range(1, MAX_NUMBER + 1):
        target = future_state_name(flow_path, number)
        if target.exists():
            continue
        record = future.model_copy(update={"id": future_state_id(current.id, number)})
        text = flow_yaml(
            record,
            (
                _("Future state of {flow}, saved in a sopgen workshop.").format(flow=flow_path.name),
                _("The same what-if from the command line:"),
                f"  {whatif_command(flow_path, what_if)}",
            ),
        )
        build_library([parse_yaml(text, str(target))])  # what is written loads back as a valid flow
        try:
            write_new_file(target, text.encode("utf-8"))
        except FileExistsError:
            continue  # taken since we looked: try the next number
        return target
    raise OutputError.single(
        Source(str(future_state_name(flow_path, MAX_NUMBER))),
        _("{count} future states are saved next to this flow already").format(count=MAX_NUMBER),
        _("move some of them away"),
    )
