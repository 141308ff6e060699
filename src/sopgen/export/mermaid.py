"""A flow as a Mermaid `flowchart LR`: a subgraph per lane, dotted links for manual hand-offs, classes for the bottleneck.

Mermaid has no swimlanes; subgraphs stand in for them and Mermaid places them itself. Every
label is quoted, and the characters that could end a quote, start a directive or comment
(`%%`), or become HTML are written as Mermaid's entity codes (`#35;` for #), so no blueprint
text can change the diagram. Node and subgraph ids are generated, never taken from the user.
"""

from __future__ import annotations

import json
from collections import defaultdict

from sopgen.analysis.figures import FlowAnalysis
from sopgen.blueprints.model import FlowBlueprint
from sopgen.charts.flowchart import placed_flow
from sopgen.charts.placed import PlacedEdge, PlacedStep
from sopgen.charts.theme import THEME
from sopgen.errors import Problem
from sopgen.export.geometry import Look, edge_look, lane_fill, step_look
from sopgen.i18n.localizer import Localizer

# Characters written as entity codes inside a quoted label: quote, entity and comment starts, HTML.
_ENTITIES = {char: f"#{ord(char)};" for char in '"#%&<>`\\'}
_ENTITIES.update({"\n": "<br>", "\r": "", "\t": " "})
_TABLE = str.maketrans(_ENTITIES)
# Front matter is YAML read with the JSON schema: a JSON string is safe there once these are escaped.
_FRONT_MATTER_ESCAPES = str.maketrans({char: f"\\u{ord(char):04x}" for char in "%`#"})
# Mermaid runs a diagram's title through its HTML sanitizer and then shows the result as plain text:
# a tag would vanish and & < > come out as entities. Look-alike characters survive both.
_TITLE_LOOK_ALIKES = str.maketrans({"<": "‹", ">": "›", "&": "＆"})

# Mermaid's own defaults: a site can raise them (maxEdges, maxTextSize), a diagram cannot.
MERMAID_MAX_LINKS = 500
MERMAID_MAX_CHARACTERS = 50_000

CLASS_ORDER = ("manual", "automated", "critical-path", "critical", "bottleneck")
CLASS_NAMES = {"critical-path": "criticalPath"}


def flow_mermaid(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer) -> str:
    """The Mermaid text of a localized flow, in the language of `localizer`."""
    placed = placed_flow(flow, analysis, localizer)
    node_ids = {step.step.id: f"s{index}" for index, step in enumerate(placed.steps)}
    lines = ["---", f"title: {_front_matter_text(flow.title)}", "---", "flowchart LR"]
    summary = " · ".join(f"{label}: {value}" for label, value in placed.summary)
    lines.append(f"  %% {_comment(summary)}")
    by_lane: dict[str, list[PlacedStep]] = defaultdict(list)
    for step in placed.steps:
        by_lane[step.step.lane].append(step)
    for index, lane in enumerate(placed.lanes):
        lines.append(f'  subgraph lane{index}["{label(lane.lane.title)}"]')
        for step in by_lane[lane.lane.id]:
            lines.append(f"    {node_ids[step.step.id]}{_node(step)}")
        lines.append("  end")
    for edge in placed.edges:
        lines.append(f"  {node_ids[edge.edge.from_step]} {_link(edge)} {node_ids[edge.edge.to_step]}")
    lines += _class_lines(placed.steps, node_ids)
    lines += _link_styles(placed.edges)
    lines += [f"  style lane{index} fill:{lane_fill(lane.lane.type)},stroke:{THEME['lane_border']}" for index, lane in enumerate(placed.lanes)]
    return "\n".join(lines) + "\n"


def beyond_mermaid_defaults(flow: FlowBlueprint, text: str) -> Problem | None:
    """A warning when Mermaid, as it comes, would refuse the diagram: too many links or too much text."""
    from sopgen.errors import Source
    from sopgen.i18n.interface import _

    if len(flow.edges) <= MERMAID_MAX_LINKS and len(text) <= MERMAID_MAX_CHARACTERS:
        return None
    return Problem(
        flow.source or Source(flow.id),
        _(
            "the Mermaid diagram has {links} links and {characters} characters; Mermaid shows at most {max_links} links "
            "and {max_characters} characters unless the site that shows it raises maxEdges and maxTextSize"
        ).format(links=len(flow.edges), characters=len(text), max_links=MERMAID_MAX_LINKS, max_characters=MERMAID_MAX_CHARACTERS),
        _("split the flow, or use the BPMN or draw.io export, which have no such limits"),
        severity="warning",
    )


def label(text: str) -> str:
    """User text inside a Mermaid double-quoted label: literal, line breaks kept."""
    return text.translate(_TABLE)


def title_text(text: str) -> str:
    """The flow's title as Mermaid will show it: one line, without the characters its title sanitizer would spoil."""
    return " ".join(text.split()).translate(_TITLE_LOOK_ALIKES)


def _front_matter_text(text: str) -> str:
    return json.dumps(title_text(text), ensure_ascii=False).translate(_FRONT_MATTER_ESCAPES)


def _comment(text: str) -> str:
    """A comment line holds no line break, no brace (Mermaid would look for a directive, %%{…}%%) and no
    angle bracket (Mermaid's clean-up of HTML tags runs over the whole text, comments included)."""
    return " ".join(text.split()).translate(str.maketrans("{}<>", "()‹›"))


def _node(step: PlacedStep) -> str:
    lines = [*([step.badge] if step.badge else []), step.step.title, *([" · ".join(step.details)] if step.details else [])]
    text = "<br>".join(label(line) for line in lines)
    # Automated steps get Mermaid's double-sided box, as the chart gives them a double outline.
    return f'[["{text}"]]' if "automated" in step.classes else f'("{text}")'


def _link(edge: PlacedEdge) -> str:
    """Dotted for manual hand-offs and rework, thick for the critical path; the label box's lines as its text."""
    arrow = "-.->" if "manual" in edge.classes or "rework" in edge.classes else "==>" if "critical-path" in edge.classes else "-->"
    if not edge.label:
        return arrow
    return f'{arrow}|"{"<br>".join(label(line) for line in edge.label)}"|'


def _class_lines(steps: tuple[PlacedStep, ...], node_ids: dict[str, str]) -> list[str]:
    """A classDef per kind of box, applied in this order, so that the bottleneck's colours win as in the chart."""
    lines = []
    for name in CLASS_ORDER:
        look = step_look(("step", "automated" if name == "automated" else "manual", name))
        css = {
            "manual": _css(look, with_fill=True),
            "automated": _css(look, with_fill=True),
            "critical-path": f"stroke-width:{look.width:g}px",
            "critical": _css(look, with_fill=False),
            "bottleneck": _css(look, with_fill=True),
        }[name]
        lines.append(f"  classDef {CLASS_NAMES.get(name, name)} {css}")
        members = [node_ids[step.step.id] for step in steps if name in step.classes]
        if members:
            lines.append(f"  class {','.join(members)} {CLASS_NAMES.get(name, name)}")
    return lines


def _link_styles(edges: tuple[PlacedEdge, ...]) -> list[str]:
    """linkStyle by the links' order of appearance, which is the edges' order."""
    groups: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        groups[_css(edge_look(edge.classes), with_fill=False)].append(str(edge.index))
    return [f"  linkStyle {','.join(indices)} {css}" for css, indices in groups.items()]


def _css(look: Look, with_fill: bool) -> str:
    parts = [f"fill:{look.fill}"] if with_fill and look.fill else []
    return ",".join([*parts, f"stroke:{look.stroke}", f"stroke-width:{look.width:g}px"])
