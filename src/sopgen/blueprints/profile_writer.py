"""Building a shop profile from answers and writing it as readable YAML that validates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sopgen.errors import InputError, Source
from sopgen.blueprints.yaml_loading import parse_yaml
from sopgen.i18n.locales import LANGUAGE_TAGS, parse_locale
from sopgen.blueprints.shop_profile import Profile
from sopgen.i18n.interface import _
from sopgen.blueprints.validation import validate_record
from sopgen.blueprints.vocabulary import CHANNELS, TOOLS

DEFAULT_LANGUAGES = ("en",)


@dataclass(frozen=True)
class ShopAnswers:
    name: str
    country: str = "DK"
    currency: str = "DKK"
    website: str | None = None
    email: str | None = None
    working_hours: str | None = None
    channels: Sequence[str] = ("shopify",)
    tools: Mapping[str, str] = field(default_factory=dict)
    team: Mapping[str, str] = field(default_factory=dict)
    owner: str | None = None
    approver: str | None = None
    languages: Sequence[str] = DEFAULT_LANGUAGES
    return_days: int = 14
    response_hours: int = 24


def profile_yaml(answers: ShopAnswers) -> str:
    """The profile as YAML text, in the order a person reads it."""
    import yaml

    def block(data: object) -> str:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)

    shop = {"name": answers.name, "country": answers.country.upper(), "currency": answers.currency.upper()}
    for key in ("website", "email", "working_hours"):
        value = getattr(answers, key)
        if value:
            shop[key] = value
    languages = [LANGUAGE_TAGS[parse_locale(language)] for language in answers.languages]
    parts = [
        "# Shop profile for sopgen: `sopgen pack --profile shop.yaml` writes this shop's SOP pack.\n",
        "kind: profile\n",
        block({"shop": shop}),
        "# Sales channels: " + ", ".join(CHANNELS) + "\n",
        block({"channels": list(answers.channels)}),
        "# The shop's tool for each job; tools not named here read as a generic name in the SOPs.\n",
        "# Jobs: " + ", ".join(TOOLS) + "\n",
        block({"tools": dict(answers.tools)}) if answers.tools else "tools: {}\n",
        "# Who holds each role (role ids from `sopgen blueprints --json` and blueprints/roles.yaml).\n",
        block({"team": dict(answers.team)}) if answers.team else "team: {}\n",
        block({"policy": {"return_days": answers.return_days, "response_hours": answers.response_hours}}),
        block({"document": {key: value for key, value in (("owner", answers.owner), ("approver", answers.approver)) if value}}),
        block({"languages": languages}),
    ]
    return "".join(parts).replace("document: {}\n", "")


def checked_profile(text: str, shown_path: str) -> Profile:
    """The profile `init` is about to write, checked as `pack` will check it."""
    from sopgen.blueprints.profile import profile_problems

    record, problems = validate_record(parse_yaml(text, shown_path), expected_kind="profile")
    if record is not None:
        problems.extend(profile_problems(record))
    if problems or record is None:
        raise InputError(problems)
    assert isinstance(record, Profile)
    return record


def refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise InputError.single(Source(str(path)), _("already exists; not overwriting it"), _("pass --force to replace it"))
