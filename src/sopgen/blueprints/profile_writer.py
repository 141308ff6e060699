"""Building a shop profile from answers and writing it as readable YAML that validates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sopgen.blueprints.hints import choices_hint
from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.validation import validate_record
from sopgen.blueprints.vocabulary import (
    CARRIERS,
    CHANNELS,
    INVOICING,
    PAYMENT_METHODS,
    ROLE_ALIASES,
    TOOLS,
)
from sopgen.blueprints.yaml_loading import parse_yaml
from sopgen.errors import InputError, Problem, Source
from sopgen.i18n.interface import _
from sopgen.i18n.locales import LANGUAGE_TAGS, SOURCE_LOCALE, parse_locale
from sopgen.knowledge.countries import country as country_defaults


@dataclass(frozen=True)
class ShopAnswers:
    name: str
    country: str = "DK"
    currency: str | None = None  # None: the country's
    time_zone: str | None = None
    legal_name: str | None = None
    tax_id: str | None = None
    address: str | None = None
    website: str | None = None
    email: str | None = None
    working_hours: str | None = None
    channels: Sequence[str] = ("shopify",)
    payments: Sequence[str] | None = None  # None: the country's usual methods
    carriers: Sequence[str] | None = None
    invoicing: str | None = None
    tools: Mapping[str, str] = field(default_factory=dict)
    team: Mapping[str, str] = field(default_factory=dict)
    owner: str | None = None
    approver: str | None = None
    effective: dt.date | None = None  # None: today
    approved: dt.date | None = None  # None: not approved yet, the SOPs are drafts
    languages: Sequence[str] | None = None  # None: the country's language and English
    return_days: int = 14
    response_hours: int = 24
    flow: str | None = None  # the shop's own order flow, a file next to the profile


def default_languages(country: str) -> tuple[str, ...]:
    language = country_defaults(country.upper()).language
    return tuple(dict.fromkeys((language, SOURCE_LOCALE)))


def checked_answers(answers: ShopAnswers) -> None:
    """Every choice checked against its vocabulary, each problem named after its option."""
    problems: list[Problem] = []

    def check(option: str, values: Iterable[str] | None, choices: Iterable[str], what: str) -> None:
        choices = tuple(choices)
        for value in values or ():
            if value not in choices:
                problems.append(Problem(Source(option), _("'{value}' is not a known {what}").format(value=value, what=what), choices_hint(value, choices)))

    check("--channels", answers.channels, CHANNELS, _("sales channel"))
    check("--payments", answers.payments, PAYMENT_METHODS, _("payment method"))
    check("--carriers", answers.carriers, CARRIERS, _("carrier"))
    check("--invoicing", [answers.invoicing] if answers.invoicing else (), INVOICING, _("way of invoicing"))
    check("--tool", answers.tools, TOOLS, _("tool"))
    if problems:
        raise InputError(problems)


def canonical_team(team: Mapping[str, str], known_roles: Iterable[str]) -> dict[str, str]:
    """Role ids as the blueprints know them: an alias such as `va` becomes `virtual-assistant`; unknown ones are refused."""
    from sopgen.blueprints.profile import role_hint

    known = set(known_roles)
    result: dict[str, str] = {}
    problems = []
    for role, holder in team.items():
        role_id = ROLE_ALIASES.get(role, role)
        if role_id not in known:
            problems.append(Problem(Source("--team"), _("unknown role '{role}' in team").format(role=role), role_hint(role)))
        result[role_id] = holder
    if problems:
        raise InputError(problems)
    return result


def profile_yaml(answers: ShopAnswers) -> str:
    """The profile as YAML text, in the order a person reads it, with the country's defaults written out."""
    import yaml

    def block(data: object) -> str:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)

    def inline(key: str, values: Sequence[str]) -> str:
        return f"{key}: [{', '.join(values)}]\n"

    code = answers.country.upper()
    defaults = country_defaults(code)
    shop = {
        "name": answers.name,
        "country": code,
        "currency": (answers.currency or defaults.currency).upper(),
        "time_zone": answers.time_zone or defaults.time_zone,
    }
    for key in ("legal_name", "tax_id", "address", "website", "email", "working_hours"):
        value = getattr(answers, key)
        if value:
            shop[key] = value
    languages = [LANGUAGE_TAGS[parse_locale(language)] for language in answers.languages or default_languages(code)]
    document = {key: value for key, value in (("owner", answers.owner), ("approver", answers.approver)) if value}
    document["effective"] = answers.effective or dt.date.today()
    if answers.approved:
        document["approved"] = answers.approved
    parts = [
        "# Shop profile for sopgen: `sopgen pack --profile shop.yaml` writes this shop's SOP pack.\n",
        "kind: profile\n",
        block({"shop": shop}),
        "# Sales channels: " + ", ".join(CHANNELS) + "\n",
        inline("channels", list(answers.channels)),
        "# How customers pay: " + ", ".join(PAYMENT_METHODS) + "\n",
        inline("payments", list(answers.payments if answers.payments is not None else defaults.payments)),
        "# Who delivers: " + ", ".join(CARRIERS) + "\n",
        inline("carriers", list(answers.carriers if answers.carriers is not None else defaults.carriers)),
        "# Invoicing: " + ", ".join(INVOICING) + "\n",
        block({"invoicing": answers.invoicing or defaults.invoicing}),
        "# The shop's tool for each job; a job with no tool named reads as a generic phrase in the SOPs.\n",
        "# Jobs: " + ", ".join(TOOLS) + "\n",
        block({"tools": dict(answers.tools)}) if answers.tools else "tools: {}\n",
        "# Who holds each role (role ids from `sopgen blueprints --json` and blueprints/roles.yaml).\n",
        block({"team": dict(answers.team)}) if answers.team else "team: {}\n",
        block({"policy": {"return_days": answers.return_days, "response_hours": answers.response_hours}}),
        "# Document control: the effective date starts the review cycle; the SOPs are drafts until `approved`\n",
        "# records the day they were approved (YYYY-MM-DD).\n",
        block({"document": document}),
        block({"languages": languages}),
    ]
    if answers.flow:
        parts += [
            "# The shop's current order flow, next to this file: the SOPs embed its chart. Correct it in a workshop;\n",
            f"# `sopgen flow {answers.flow}` draws it.\n",
            block({"flow": answers.flow}),
        ]
    return "".join(parts)


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
