"""Small hand-made flows shared by the analysis, chart and export tests, with their answers worked out by hand."""

from __future__ import annotations

from sopgen.blueprints.validation import build_library
from sopgen.blueprints.yaml_loading import parse_yaml


def flow_from(text: str):
    return build_library([parse_yaml(text, "test-flow.yaml")]).flows[0]


# Four lanes; `check` branches into `label` (towards packing) and `refund`; both branches end in
# `done`; `pack → check` is a rework loop. Costs (wait + handling, minutes):
#   order 0, confirm 0 + 1, check 120 + 3, label 0 + 0.5, refund 1440 + 10, pack 60 + 6, done 2880.
#   order → confirm → check → label → pack → done = 0 + 1 + 123 + 0.5 + 66 + 2880 = 3070.5
#   order → confirm → check → refund → done        = 0 + 1 + 123 + 1450 + 2880    = 4454   (longest)
# Handling on that path: 0 + 1 + 3 + 10 + 0 = 14.
BRANCHING = """\
kind: flow
id: branching
title: Branching flow
volume: 40
lanes:
  - {id: customer, title: Customer, type: person}
  - {id: shop, title: Shop, type: system}
  - {id: va, title: Virtual assistant, type: person}
  - {id: warehouse, title: Warehouse, type: person}
steps:
  - {id: order, lane: customer, title: Order, mode: automated}
  - {id: confirm, lane: shop, title: Confirm, handling: 1m}
  - {id: check, lane: va, title: Check, mode: manual, handling: 3m, wait: 2h, staff: 1, hours_per_day: 4}
  - {id: label, lane: shop, title: Label, handling: 30s}
  - {id: refund, lane: va, title: Refund, handling: 10m, wait: 1d, share: 0.25, staff: 1, hours_per_day: 4}
  - {id: pack, lane: warehouse, title: Pack, handling: 6m, wait: 1h, staff: 2, hours_per_day: 2}
  - {id: done, lane: customer, title: Done, mode: automated, wait: 2d}
edges:
  - {from: order, to: confirm}
  - {from: confirm, to: check, channel: email}
  - {from: check, to: label}
  - {from: check, to: refund}
  - {from: label, to: pack}
  - {from: pack, to: done}
  - {from: refund, to: done, channel: email}
  - {from: pack, to: check, rework: true}
"""


def chain_flow(steps: int, lanes: int) -> str:
    """A flow like a long SOP: a chain through the lanes in turn, a shortcut every 7 steps, a loop back every 25."""
    lines = [f"kind: flow\nid: chain-{steps}\ntitle: Chain of {steps} steps\nvolume: 30\nlanes:"]
    lines += [f"  - {{id: lane{n}, title: Lane number {n}, type: {'system' if n % 3 == 2 else 'person'}}}" for n in range(lanes)]
    lines.append("steps:")
    for index in range(steps):
        staffed = ", staff: 1, hours_per_day: 6" if index % 4 == 0 else ""
        lines.append(
            f"  - {{id: s{index}, lane: lane{(index // 2) % lanes}, title: Step {index} does something useful with the order,"
            f" handling: {index % 9 + 1}m, wait: {index % 5}h{staffed}}}"
        )
    lines.append("edges:")
    channels = ("system", "email", "spreadsheet", "chat")
    for index in range(steps - 1):
        lines.append(f"  - {{from: s{index}, to: s{index + 1}, channel: {channels[index % 4]}}}")
        if index % 7 == 0 and index + 3 < steps:
            lines.append(f"  - {{from: s{index}, to: s{index + 3}}}")
        if index % 25 == 24:
            lines.append(f"  - {{from: s{index}, to: s{index - 6}, rework: true, label: Back for another look}}")
    return "\n".join(lines) + "\n"


# Text that breaks exports that do not escape or quote it: Mermaid keywords, comments and
# directives, brackets of every node shape, quotes, HTML, entities, CDATA ends, line breaks, CJK.
HOSTILE_TEXTS = (
    "end",
    '%%{init: {"theme": "dark"}}%% %% not a comment',
    "[brackets] (parens) {braces} [[double]] ((round)) >flag]",
    "\"double\" 'single' `back` ticks",
    '<script>alert("x")</script><b>bold?</b>',
    "A & B &amp; &lt;b&gt; #35; #quot; &#60;",
    "first line\nsecond line",
    "訂單處理・出貨 ＆ 退款（三）",
    "]]> <![CDATA[ x ]]> <!-- no -->",
    "--> -.-> ==> |pipe| ; : , click call",
    "back\\slash \\n \\ ",
)


def hostile_flow() -> str:
    """Every hostile text as a lane, step, description or edge label; the bottleneck and the title too."""
    import json

    text = [json.dumps(value, ensure_ascii=False) for value in HOSTILE_TEXTS]
    steps = [
        ("end", "end", text[0], "mode: automated"),
        ("graph", "subgraph", text[1], "mode: manual, handling: 30m, staff: 1, hours_per_day: 4"),
        ("quotes", "cjk", text[3], "mode: manual, handling: 5.5m, staff: 1, hours_per_day: 4"),
        ("script", "end", text[4], f"description: {text[4]}"),
        ("amp", "subgraph", text[5], "wait: 1h"),
        ("newline", "cjk", text[6], "handling: 2m"),
        ("cjk", "end", text[7], "mode: manual"),
        ("cdata", "subgraph", text[8], "mode: automated"),
        ("arrows", "cjk", text[9], "mode: manual"),
        ("backslash", "end", text[10], "mode: automated"),
        ("brackets", "subgraph", text[2], "mode: automated"),
    ]
    lines = [
        "kind: flow",
        "id: hostile",
        f"title: {json.dumps(HOSTILE_TEXTS[4] + ' ' + HOSTILE_TEXTS[1] + ' ' + HOSTILE_TEXTS[8], ensure_ascii=False)}",
        "volume: 40",
        "lanes:",
        f"  - {{id: end, title: {text[0]}, type: person}}",
        f"  - {{id: subgraph, title: {text[2]}, type: system}}",
        f"  - {{id: cjk, title: {text[7]}, type: person}}",
        "steps:",
    ]
    lines += [f"  - {{id: {step}, lane: {lane}, title: {title}, {extra}}}" for step, lane, title, extra in steps]
    lines.append("edges:")
    for index, ((source, *_), (target, *_)) in enumerate(zip(steps, steps[1:])):
        label = f", label: {text[index % len(text)]}" if index % 2 else ""
        lines.append(f"  - {{from: {source}, to: {target}, channel: {('email', 'system', 'chat')[index % 3]}{label}}}")
    lines.append(f"  - {{from: arrows, to: graph, rework: true, label: {text[6]}}}")
    return "\n".join(lines) + "\n"
