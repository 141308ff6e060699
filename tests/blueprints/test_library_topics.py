"""The topics the source articles name each have an SOP in the built-in library, at the same bar."""

from __future__ import annotations

import pytest

from sopgen.blueprints.library import document_id

# Topic as the sources name it -> the SOP that covers it.
TOPICS = {
    # Before the sale
    "market research and competitors": "market-research",
    "product development and specification": "product-development",
    "product listings": "product-listing",
    "pricing": "pricing",
    "choosing sales channels": "sales-channels",
    "suppliers and quality control": "supplier-management",
    "inventory set-up and stock control": "inventory-control",
    "website maintenance": "website-maintenance",
    "website development: feature requests, staging, testing, release, rollback": "website-development",
    # The sale
    "order processing": "order-processing",
    "shipping": "shipping",
    "customer service": "customer-service",
    "social media": "social-media",
    "email marketing": "email-marketing",
    "promotions": "promotions",
    "paid advertising and search ads": "paid-advertising",
    # After the sale
    "shipment tracking and delivery problems": "shipment-tracking",
    "complaint handling": "complaint-handling",
    "returns and refunds": "returns-refunds",
    "review management": "review-management",
    "customer feedback and surveys": "customer-feedback",
    "loyalty programme": "loyalty-programme",
    "sales analytics and reporting": "sales-analytics",
    "evaluation and SOP review": "sop-review",
    "customer insight: segments, cohorts, repeat purchase": "customer-insight",
    # Across the lifecycle
    "data protection and fair trading": "data-protection",
    "onboarding, training and offboarding": "team-training",
    "writing and delegating SOPs": "writing-sops",
    "integrations, statuses and automations": "integrations",
    "team goals and performance reviews": "team-goals",
    "mapping the current-state order flow in a workshop": "order-flow-mapping",
    "payments: verification per method, refunds, chargebacks, fraud signals": "payments",
    "invoicing": "invoicing",
    "platform rules, warnings and violations": "platform-rules",
}

# Document numbers fixed for the SOPs of issue 21.
NUMBERS = {
    "website-development": "SOP-PRE-009",
    "paid-advertising": "SOP-SAL-009",
    "customer-insight": "SOP-PST-009",
    "integrations": "SOP-GEN-005",
    "team-goals": "SOP-GEN-006",
    "order-flow-mapping": "SOP-GEN-007",
}


@pytest.mark.parametrize("sop_id", TOPICS.values())
def test_every_topic_has_its_sop_at_the_bar(library, sop_id: str):
    sop = library.sop(sop_id)
    assert sop is not None, f"no SOP '{sop_id}' in the built-in library"
    assert 5 <= len(sop.steps) <= 15, (sop_id, len(sop.steps))
    assert sop.dos and sop.donts, sop_id
    assert sop.kpis and all(kpi.target.strip() for kpi in sop.kpis), sop_id
    assert sop.records, sop_id


def test_the_topic_list_names_every_sop_in_the_library(library):
    """A new SOP gets its topic here, so that its disappearance is noticed too."""
    assert {sop.id for sop in library.sops} <= set(TOPICS.values())


@pytest.mark.parametrize(("sop_id", "expected"), NUMBERS.items())
def test_new_sops_carry_their_document_numbers(library, sop_id: str, expected: str):
    assert document_id(library.sop(sop_id), library) == expected


def test_website_development_is_only_for_shops_with_a_web_shop(library):
    assert library.sop("website-development").when.channels == ("webshop",)


def test_every_message_template_names_an_sop_that_sends_it(library):
    sop_ids = {sop.id for sop in library.sops}
    for message_set in library.messages:
        for message in message_set.messages:
            assert message.used_in, message.id
            assert set(message.used_in) <= sop_ids, message.id
