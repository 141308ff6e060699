"""A starting flow as commented YAML: what to correct in the workshop, said in the flow's language."""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

from sopgen.blueprints.model import FlowBlueprint
from sopgen.i18n.interface import N_

if TYPE_CHECKING:
    pass

from typing import Any

from sopgen.blueprints.own_flow.team import COMMENT_WIDTH, _is_wide, _role_title, _slug


def flow_yaml(assembly: Any, shown_path: str, origin: str | None, shop: str | None) -> str:
    """The assembled flow as YAML, with comments in its language on what to correct in the workshop."""
    words = assembly.words
    estimate = words(N_("estimate"))
    out: list[str] = []
    out += _comment(words(N_("Current-state order flow of {shop}."), shop=shop) if shop else words(N_("Current-state order flow.")))
    if origin:
        out += _comment(words(N_("Written by sopgen from the profile {profile}."), profile=origin))
    else:
        out += _comment(words(N_("Written by sopgen from the channels, tools and team it was given.")))
    out += _comment(words(N_("It is a starting point: go through it in a workshop with the people who do the work, and correct every lane, step and time until it shows how orders really run today.")))
    out += _comment(words(N_("Every value marked '{marker}' is a guess: time a few real orders and write what you measure."), marker=estimate))
    tag = _language_tag(words.locale)
    out += _comment(words(N_("Draw it: sopgen flow {path} --lang {lang}. The numbers: sopgen analyze {path}"), path=shown_path, lang=tag))
    out.append("kind: flow")
    out.append(f"id: {_flow_id(shop)}")
    out += _comment(words(N_("The language of this file's texts: sopgen draws them as written and never translates them.")))
    out.append(f"language: {tag}")
    title = words(N_("Order flow of {shop}"), shop=shop) if shop else words(N_("Current order flow"))
    out.append(f"title: {_scalar(title)}")
    description = words(N_("Assembled by sopgen from the shop profile: its channels, team and tools, with typical steps and times for the workshop to correct."))
    out.append(f"description: {_scalar(description)}")
    out += _comment(words(N_("Orders a working day: count the orders of a normal week and divide by its working days.")))
    out.append(f"volume: {assembly.volume}" + ("" if assembly.volume_given else f"  # {estimate}"))
    out.append("")
    out += _comment(words(N_("Lanes: everyone and everything an order passes through. Give each person's lane the name the team uses.")))
    idle = [person for person in assembly.people if f"person:{person.name}" not in assembly.lane_keys]
    if idle:
        listed = ", ".join(f"{person.name} ({', '.join(words.role(_role_title(role)) for role in person.roles)})" for person in idle)
        out += _comment(words(N_("Not in this flow: {people}. Add them where they touch an order."), people=listed))
    out.append("lanes:")
    used = {step.lane for step in assembly.steps}
    for lane in sorted((lane for lane in assembly.lanes.values() if lane.id in used), key=lambda lane: lane.rank):
        for note in lane.notes:
            out += _comment(note, "  ")
        out.append(f"  - {{id: {lane.id}, title: {_quoted(lane.title)}, type: {lane.type}}}")
    out.append("")
    out += _comment(words(N_("Steps, in the order an order meets them. share: the part of the day's orders that reaches the step; staff and hours_per_day: how many people do it and the hours a day each gives it.")))
    out.append("steps:")
    for step in assembly.steps:
        for note in step.notes:
            out += _comment(note, "  ")
        out.append(f"  - id: {step.id}")
        out.append(f"    lane: {step.lane}")
        out.append(f"    title: {_scalar(step.title)}")
        if step.mode:
            out.append(f"    mode: {step.mode}")
        if step.handling:
            out.append(f"    handling: {step.handling}  # {estimate}")
        if step.wait:
            out.append(f"    wait: {step.wait}  # {estimate}")
        if step.staff is not None and step.hours_per_day is not None:
            out.append(f"    staff: {step.staff}")
            out.append(f"    hours_per_day: {step.hours_per_day}  # {estimate}")
        if step.share < 1.0:
            out.append(f"    share: {step.share}  # {estimate}")
    out.append("")
    out += _comment(words(N_("Hand-offs. channel: how the work reaches the next step (system, email, chat, phone, spreadsheet, paper or manual); anything but system is a manual hand-off.")))
    out.append("edges:")
    for edge in assembly.edges:
        parts = [f"from: {edge.source}", f"to: {edge.target}"]
        if edge.channel != "system":
            parts.append(f"channel: {edge.channel}")
        if edge.label:
            parts.append(f"label: {_quoted(edge.label)}")
        if edge.rework:
            parts.append("rework: true")
        out.append(f"  - {{{', '.join(parts)}}}")
    return "\n".join(out) + "\n"




def _flow_id(shop: str | None) -> str:
    slug = _slug(shop) if shop else ""
    return f"{slug}-order-flow" if slug else "order-flow"


def _language_tag(locale: str) -> str:
    from sopgen.i18n.locales import LANGUAGE_TAGS

    return LANGUAGE_TAGS[locale]


def _scalar(text: str) -> str:
    """A YAML scalar for a block mapping: plain where YAML allows it, quoted where it must be."""
    import yaml

    if "\n" in text:
        return _quoted(text)
    dumped = yaml.safe_dump({"v": text}, allow_unicode=True, width=1_000_000, default_flow_style=False)
    return dumped[len("v: ") :].rstrip("\n")


def _quoted(text: str) -> str:
    """A double-quoted scalar, safe in flow mappings whatever the text holds (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str = "") -> list[str]:
    """Comment lines no wider than the page; Chinese, which has no spaces to break at, by display width."""
    width = COMMENT_WIDTH - len(indent) - 2
    text = " ".join(text.split())  # a name with a line break must not end the comment
    if any(_is_wide(char) for char in text):
        lines, line, used = [], "", 0
        for char in text:
            size = 2 if _is_wide(char) else 1
            if used + size > width:
                lines.append(line)
                line, used = "", 0
            line += char
            used += size
        lines.append(line)
    else:
        lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    return [f"{indent}# {line.rstrip()}" for line in lines]


def _validated(text: str, shown_path: str) -> FlowBlueprint:
    """The flow as `sopgen validate` reads it: the written file must pass, or nothing is written."""
    from sopgen.blueprints.validation import build_library
    from sopgen.blueprints.yaml_loading import parse_yaml

    library = build_library([parse_yaml(text, shown_path)])
    return library.flows[0]

