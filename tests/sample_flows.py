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
