"""The localize stage: blueprint records translated and filled with the shop's values, missing translations collected."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from pydantic import BaseModel

from sopgen.blueprints.model import Profile, rewrite_texts
from sopgen.blueprints.vocabulary import CHANNELS, PLACEHOLDERS, TOOLS
from sopgen.errors import Problem, Source, TranslationError
from sopgen.i18n.interface import _ as ui_
from sopgen.i18n.localizer import Localizer

R = TypeVar("R", bound=BaseModel)


@dataclass
class Localization:
    """Collects missing translations across a run, to warn once or to fail under --strict."""

    localizer: Localizer
    profile: Profile | None = None  # None: the built-in demo shop, loaded only when needed
    missing: list[Problem] = field(default_factory=list)

    @cached_property
    def shop(self) -> Profile:
        """The shop the texts are for: the profile given, or the built-in demo shop."""
        from sopgen.blueprints.profile import load_profile

        return self.profile if self.profile is not None else load_profile()

    @cached_property
    def placeholder_values(self) -> dict[str, Any]:
        return placeholder_values(self.shop, self.localizer)

    def text(self, text: str, source: Source | None, where: str) -> str:
        translated = self.localizer.translate(text)
        if translated is None:
            self.missing.append(
                Problem(
                    source or Source("?"),
                    ui_("no {language} translation for {field}: \"{text}\"").format(
                        language=self.localizer.tag, field=where, text=_shorten(text)
                    ),
                    severity="warning",
                )
            )
            translated = text
        if "{{" not in translated:
            return translated  # the shop's values are looked up only for texts that need them
        return fill_placeholders(translated, self.placeholder_values)

    def record(self, record: R) -> R:
        return rewrite_texts(record, self.text)

    def check(self) -> None:
        if self.localizer.strict and self.missing:
            raise TranslationError([Problem(p.source, p.message, p.hint, "error") for p in self.missing])


def _shorten(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def placeholder_values(profile: Profile, localizer: Localizer) -> dict[str, Any]:
    """What `{{ shop.* }}`, `{{ policy.* }}` and `{{ tools.* }}` stand for in this shop and locale."""
    shop = profile.shop
    policy = profile.policy
    number = functools.partial(localizer.number, digits=0)
    given = {
        "shop.name": shop.name,
        "shop.website": shop.website,
        "shop.email": shop.email,
        "shop.phone": shop.phone,
        "shop.working_hours": shop.working_hours,
        "shop.currency": shop.currency,
        "policy.return_days": number(policy.return_days),
        "policy.response_hours": number(policy.response_hours),
        "policy.dispatch_days": number(policy.dispatch_days),
        "policy.return_period": localizer.ngettext("{count} day", "{count} days", policy.return_days).format(count=number(policy.return_days)),
        "policy.response_time": localizer.ngettext("{count} hour", "{count} hours", policy.response_hours).format(
            count=number(policy.response_hours)
        ),
        "policy.dispatch_time": localizer.ngettext("{count} working day", "{count} working days", policy.dispatch_days).format(
            count=number(policy.dispatch_days)
        ),
        **{f"tools.{key}": profile.tools.get(key) for key in TOOLS},
    }
    if "tools.marketplaces" in given and not given["tools.marketplaces"]:
        names = [CHANNELS[c][0] for c in profile.channels if CHANNELS[c][1] == "marketplace"]
        given["tools.marketplaces"] = ", ".join(names) or None
    values: dict[str, dict[str, str]] = {}
    for name, description in PLACEHOLDERS.items():
        group, attribute = name.split(".")
        values.setdefault(group, {})[attribute] = given.get(name) or localizer._(description)
    return values


def fill_placeholders(text: str, values: dict[str, Any]) -> str:
    return _compiled(text).render(values)


@functools.lru_cache(maxsize=8192)
def _compiled(text: str) -> Any:
    """Texts repeat across languages and documents; each is compiled in the sandbox once."""
    return _sandbox().from_string(text)


@functools.cache
def _sandbox() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)
