"""Shop profiles: loading and validating `shop.yaml`, and the built-in demo shop."""

from __future__ import annotations

from pathlib import Path

from sopgen import resources
from sopgen.errors import InputError, Problem
from sopgen.blueprints.yaml_loading import load_yaml
from sopgen.i18n.locales import UnknownLocale, choices_text, parse_locale
from sopgen.blueprints.model import Profile
from sopgen.i18n.interface import _
from sopgen.blueprints.validation import validate_record

DEMO_PROFILE = "demo_shop.yaml"


def demo_profile_path() -> Path:
    return resources.package_dir() / DEMO_PROFILE


def load_profile(path: Path | None = None) -> Profile:
    document = load_yaml(path or demo_profile_path())
    record, problems = validate_record(document, expected_kind="profile")
    if record is not None:
        problems.extend(_language_problems(record))
        problems.extend(_team_problems(record))
    if problems or record is None:
        raise InputError(problems)
    assert isinstance(record, Profile)
    return record


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
    from sopgen.blueprints.library import builtin_roles
    from sopgen.blueprints.hints import choices_hint

    known = builtin_roles().role_titles()
    return [
        Problem(profile.source.at("team"), _("unknown role '{role}' in team").format(role=role), choices_hint(role, known))
        for role in profile.team
        if role not in known
    ]
