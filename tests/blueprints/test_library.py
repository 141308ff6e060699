"""The built-in blueprint library: coverage of the lifecycle, specific texts, known placeholders."""

from __future__ import annotations

import re
from collections import defaultdict

from typer.testing import CliRunner

from sopgen.analysis.figures import analyse
from sopgen.blueprints.placeholders import translatable_texts
from sopgen.blueprints.sop_model import Step
from sopgen.blueprints.vocabulary import PLACEHOLDERS
from sopgen.cli.app import app

TOPICS = {
    "pre-sale": {
        "market-research", "product-development", "product-listing", "pricing",
        "sales-channels", "inventory-control", "supplier-management", "website-maintenance",
    },
    "sale": {"order-processing", "shipping", "customer-service", "social-media", "email-marketing", "promotions"},
    "post-sale": {
        "shipment-tracking", "complaint-handling", "returns-refunds", "review-management",
        "customer-feedback", "loyalty-programme", "sales-analytics", "sop-review",
    },
    "lifecycle": {"data-protection", "team-training", "writing-sops"},
}


def _all_steps(steps: tuple[Step, ...]):
    for step in steps:
        yield step
        yield from _all_steps(step.steps)


def test_every_topic_has_its_sop_in_the_right_phase(library):
    by_phase = defaultdict(set)
    for sop in library.sops:
        by_phase[sop.phase].add(sop.id)
    for phase, ids in TOPICS.items():
        assert ids <= by_phase[phase], f"{phase} lacks {ids - by_phase[phase]}"


def test_every_sop_is_complete(library):
    for sop in library.sops:
        assert 5 <= len(sop.steps) <= 15, sop.id
        assert sop.dos and sop.donts, sop.id
        assert sop.kpis and all(kpi.target for kpi in sop.kpis), sop.id
        assert sop.roles and sop.tools, sop.id


def test_step_roles_are_among_the_sop_roles(library):
    for sop in library.sops:
        for step in _all_steps(sop.steps):
            assert step.role is None or step.role in sop.roles, (sop.id, step.id)


def test_no_instruction_is_repeated_across_sops(library):
    seen: dict[str, str] = {}
    for sop in library.sops:
        texts = [step.text for step in _all_steps(sop.steps) if step.text]
        texts += list(sop.dos) + list(sop.donts) + [kpi.name for kpi in sop.kpis]
        for text in texts:
            assert seen.setdefault(text, sop.id) == sop.id, f"{text!r} is in {seen[text]} and {sop.id}"


def test_every_placeholder_used_is_defined_by_the_profile(library):
    used = set()
    for record in [*library.sops, *library.flows]:
        for _where, text, _source in translatable_texts(record):
            used |= {" ".join(found.split()) for found in re.findall(r"\{\{\s*(.*?)\s*\}\}", text)}
    assert used, "the library uses no placeholders at all"
    assert used <= set(PLACEHOLDERS), used - set(PLACEHOLDERS)


def test_placeholder_tools_are_listed_as_the_sops_tools(library):
    for sop in library.sops:
        for _where, text, _source in translatable_texts(sop):
            for tool in re.findall(r"\{\{\s*tools\.(\w+)\s*\}\}", text):
                assert tool in sop.tools, (sop.id, tool)


def test_sop_flows_exist_and_flows_have_something_to_discuss(library):
    flow_ids = {flow.id for flow in library.flows}
    assert {sop.flow for sop in library.sops if sop.flow} <= flow_ids
    assert {"shopify-owner-va", "marketplace-seller-id", "returns-refunds-flow"} <= flow_ids
    for flow in library.flows:
        analysis = analyse(flow)
        assert analysis.manual_handoffs >= 3, flow.id
        assert analysis.bottleneck is not None and analysis.bottleneck.utilization is not None, flow.id
        assert any(edge.rework for edge in flow.edges), flow.id


def test_marketplace_steps_are_tailored(library):
    conditioned = [step for sop in library.sops for step in _all_steps(sop.steps) if step.when and "marketplace" in step.when.channels]
    assert len(conditioned) >= 10


def test_blueprints_command_lists_every_phase():
    result = CliRunner().invoke(app, ["blueprints"])
    assert result.exit_code == 0
    for heading in ("Pre-sale", "Sale", "Post-sale", "Across the lifecycle", "Current-state flows"):
        assert heading in result.stdout


def test_blueprints_json_is_complete(library):
    import json

    result = CliRunner().invoke(app, ["blueprints", "--json"])
    data = json.loads(result.stdout)
    assert {row["id"] for row in data["sops"]} == {sop.id for sop in library.sops}
    assert data["sops"][0]["document_id"] == "SOP-PRE-001"


def test_library_validates_without_warnings(library):
    assert library.warnings == ()
