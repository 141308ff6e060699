"""Shop profiles: loading and validating `shop.yaml`, and the built-in demo shop."""

from __future__ import annotations

from pathlib import Path

from sopgen import resources
from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.validation import validate_record
from sopgen.blueprints.vocabulary import ROLE_ALIASES
from sopgen.blueprints.yaml_loading import load_yaml
from sopgen.errors import InputError, Problem
from sopgen.i18n.interface import _
from sopgen.i18n.locales import UnknownLocale, choices_text, parse_locale
from sopgen.knowledge.countries import is_country_code

DEMO_PROFILE = "demo_shop.yaml"


def demo_profile_path() -> Path:
    return resources.package_dir() / DEMO_PROFILE


def load_profile(path: Path | None = None) -> Profile:
    document = load_yaml(path or demo_profile_path())
    record, problems = validate_record(document, expected_kind="profile")
    if record is not None:
        problems.extend(profile_problems(record))
    if problems or record is None:
        raise InputError(problems)
    assert isinstance(record, Profile)
    return record


def profile_problems(profile: Profile) -> list[Problem]:
    """What the schema cannot see: languages, country and roles that exist."""
    return [*_language_problems(profile), *_country_problems(profile), *_team_problems(profile)]


def _country_problems(profile: Profile) -> list[Problem]:
    if is_country_code(profile.shop.country):
        return []
    return [
        Problem(
            profile.shop.source.at("country"),
            _("'{code}' is not a country code").format(code=profile.shop.country),
            _("use a two-letter country code such as DK, ID or TW"),
        )
    ]


def _language_problems(profile: Profile) -> list[Problem]:
    problems = []
    for index, language in enumerate(profile.languages):
        try:
            parse_locale(language)
        except UnknownLocale:
            problems.append(
                Problem(
                    profile.source.at("languages", index),
                    _("unknown language '{language}'").format(language=language),
                    _("choose from: {choices}").format(choices=choices_text()),
                )
            )
    return problems


def profile_locales(profile: Profile) -> tuple[str, ...]:
    return tuple(dict.fromkeys(parse_locale(language) for language in profile.languages))


def _team_problems(profile: Profile) -> list[Problem]:
    return [
        Problem(profile.source.at("team"), _("unknown role '{role}' in team").format(role=role), role_hint(role))
        for role in profile.team
        if role not in known_roles()
    ]


def known_roles() -> dict[str, str]:
    from sopgen.blueprints.library import builtin_roles

    return builtin_roles().role_titles()


def role_hint(role: str) -> str | None:
    """The role a user most likely meant: the one an alias such as `va` stands for, else the closest id."""
    from sopgen.blueprints.hints import choices_hint

    if role in ROLE_ALIASES:
        return _("did you mean '{choice}'?").format(choice=ROLE_ALIASES[role])
    return choices_hint(role, known_roles())
