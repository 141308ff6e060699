"""A shop's starting order flow: from its profile, or from the options of `sopgen flow new`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sopgen.blueprints.model import FlowBlueprint
from sopgen.blueprints.shop_profile import Profile
from sopgen.errors import InputError, Problem, Source
from sopgen.i18n.interface import _
from sopgen.knowledge import flow_fragments as fragments

if TYPE_CHECKING:
    from sopgen.blueprints.profile_writer import ShopAnswers

from sopgen.blueprints.own_flow.assembly import _Assembly
from sopgen.blueprints.own_flow.team import FlowChoices, _Words, assign_jobs, team_people
from sopgen.blueprints.own_flow.writing import _validated, flow_yaml


@dataclass(frozen=True)
class StartingFlow:
    text: str  # the YAML, comments included
    flow: FlowBlueprint  # the same, validated
    missing_jobs: tuple[str, ...]  # jobs nobody on the team holds, each a lane that asks who does it
    warnings: tuple[Problem, ...]


def starting_flow(
    profile: Profile, choices: FlowChoices, locale: str, shown_path: str, origin: str | None = None, named: bool = True
) -> StartingFlow:
    """The shop's starting flow in `locale`; `origin` is the profile it was made from, `named` whether the shop's name is real."""
    if not profile.channels:
        raise InputError.single(
            profile.source.at("channels") if profile.source else Source("--channels"),
            _("the profile names no sales channel, and an order flow starts where the orders come in"),
            _("name the shop's sales channels, for example --channels shopify,instagram"),
        )
    people = team_people(profile)
    assignment = assign_jobs(people, choices)
    assembly = _Assembly(profile, choices, _Words(locale), people, assignment)
    assembly.assemble()
    text = flow_yaml(assembly, shown_path, origin, profile.shop.name if named else None)
    flow = _validated(text, shown_path)
    warnings = ()
    if assembly.missing:
        from sopgen.i18n.formats import joined
        from sopgen.i18n.locales import interface_locale

        jobs = joined(interface_locale(), tuple(_(fragments.JOB_NAMES[job]) for job in assembly.missing))
        warnings = (
            Problem(
                Source(shown_path),
                _("the profile's team names nobody for {jobs}: the flow asks who, in a lane for each").format(jobs=jobs),
                _("name them in the team (--team ROLE=NAME), or say who packs and who answers with --packer and --chats"),
                severity="warning",
            ),
        )
    return StartingFlow(text, flow, tuple(assembly.missing), warnings)


def shop_from_answers(answers: ShopAnswers) -> Profile:
    """The shop that `sopgen flow new` describes with its options, checked as `init` checks a profile (nothing is written)."""
    from dataclasses import replace

    from sopgen.blueprints.profile import known_roles
    from sopgen.blueprints.profile_writer import canonical_team, checked_answers, checked_profile, profile_yaml
    from sopgen.knowledge.countries import is_country_code

    if not is_country_code(answers.country):
        raise InputError.single(
            Source("--country"),
            _("'{code}' is not a country code").format(code=answers.country),
            _("use a two-letter country code such as DK, ID or TW"),
        )
    checked_answers(answers)
    answers = replace(answers, team=canonical_team(answers.team, known_roles()))
    return checked_profile(profile_yaml(answers), "sopgen flow new")


