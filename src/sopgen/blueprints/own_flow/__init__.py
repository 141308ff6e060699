"""A shop's starting current-state order flow, assembled from its profile and the flow fragments, as commented YAML.

The flow has a lane for the customer, for each sales channel, for each person on the team who
touches an order, for each tool in the order's path (shipping tool, help desk, accounting) and
for the carrier. Its steps come from the fragments of each channel kind, payment method, tool
and carrier (knowledge/flow_fragments.py). Times, shares and hours are estimates, marked so in
the YAML for the workshop to correct; comments say what to check, in the flow's language.
A job nobody on the team holds gets a lane that asks who does it, rather than an invented person.
"""

from sopgen.blueprints.own_flow.starting import StartingFlow, shop_from_answers, starting_flow
from sopgen.blueprints.own_flow.team import (
    LABEL_CHOICES,
    NO_COUNTRY,
    FlowChoices,
    Person,
    assign_jobs,
    check_channels,
    check_labels,
    find_person,
    new_flow_locale,
    team_people,
)

__all__ = [
    "LABEL_CHOICES",
    "NO_COUNTRY",
    "FlowChoices",
    "Person",
    "StartingFlow",
    "assign_jobs",
    "check_channels",
    "check_labels",
    "find_person",
    "new_flow_locale",
    "shop_from_answers",
    "starting_flow",
    "team_people",
]
