"""Editable exports of a flow — BPMN 2.0 with its diagram, draw.io, Mermaid — placed by sopgen's own swimlane layout.

The exporters return bytes and never write files; each is imported when it is used.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sopgen.analysis.figures import FlowAnalysis
    from sopgen.blueprints.model import FlowBlueprint
    from sopgen.errors import Problem
    from sopgen.i18n.localizer import Localizer

# Each export format and the file extension it is written with (and recognised by in --out).
EXPORT_FORMATS = MappingProxyType({"bpmn": "bpmn", "drawio": "drawio", "mermaid": "mmd"})


def export_flow(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, fmt: str) -> bytes:
    """A localized flow and its analysis as `fmt` (bpmn, drawio or mermaid), in the language of `localizer`."""
    if fmt == "bpmn":
        from sopgen.export.bpmn import flow_bpmn

        return flow_bpmn(flow, analysis, localizer)
    if fmt == "drawio":
        from sopgen.export.drawio import flow_drawio

        return flow_drawio(flow, analysis, localizer)
    if fmt == "mermaid":
        from sopgen.export.mermaid import flow_mermaid

        return flow_mermaid(flow, analysis, localizer).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")


def export_warnings(flow: FlowBlueprint, fmt: str, data: bytes) -> list[Problem]:
    """What the user should know about an export that is written all the same: a Mermaid diagram beyond Mermaid's default limits."""
    if fmt != "mermaid":
        return []
    from sopgen.export.mermaid import beyond_mermaid_defaults

    problem = beyond_mermaid_defaults(flow, data.decode("utf-8"))
    return [problem] if problem else []
