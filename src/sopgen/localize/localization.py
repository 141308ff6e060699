"""The localize stage: blueprint records translated and filled with the shop's values, missing translations collected."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from sopgen.blueprints.model import rewrite_texts
from sopgen.blueprints.vocabulary import CARRIERS, CHANNELS, FILL_INS, PAYMENT_METHODS, PLACEHOLDERS, TOOLS, UNNAMED_TOOLS
from sopgen.errors import Problem, Source, TranslationError
from sopgen.i18n.catalog_files import filled_placeholders
from sopgen.i18n.interface import _ as ui_
from sopgen.i18n.localizer import Localizer

if TYPE_CHECKING:
    from sopgen.blueprints.shop_profile import Profile

R = TypeVar("R", bound=BaseModel)
CLOSED_UP_LOCALES = frozenset({"zh_Hant_TW"})


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


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
        if self.localizer.locale in CLOSED_UP_LOCALES:
            translated = close_up_around_cjk(translated, self.placeholder_values)
        return fill_placeholders(translated, self.placeholder_values)

    def own_words(self, text: str, _source: Source | None, _where: str) -> str:
        """A text its author wrote in a language of their choice: never looked up, only the shop's values filled in."""
        return fill_placeholders(text, self.placeholder_values) if "{{" in text else text

    def record(self, record: R) -> R:
        if getattr(record, "written_in", None):  # a flow in the shop's own words, such as one `sopgen init` wrote
            return rewrite_texts(record, self.own_words)
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
    names = localizer.names
    marketplaces = [CHANNELS[c][0] for c in profile.channels if CHANNELS[c][1] == "marketplace"]
    given = {
        "shop.name": shop.name,
        "shop.website": shop.website,
        "shop.email": shop.email,
        "shop.phone": shop.phone,
        "shop.working_hours": shop.working_hours and localizer.working_hours(shop.working_hours),
        "shop.currency": profile.currency,
        "shop.legal_name": shop.legal_name or shop.name,
        "shop.tax_id": shop.tax_id,
        "shop.address": shop.address,
        "shop.country": localizer.country(shop.country),
        "shop.sales_channels": names([CHANNELS[c][0] for c in profile.channels]),
        "shop.payment_methods": names([PAYMENT_METHODS[m] for m in profile.payment_methods]),
        "shop.carriers": names([CARRIERS[c] for c in profile.carrier_ids]),
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
        **{f"tools.{key}": profile.tools.get(key) or localizer._(UNNAMED_TOOLS[key]) for key in TOOLS},
    }
    if not profile.tools.get("marketplaces") and marketplaces:
        given["tools.marketplaces"] = names(marketplaces)
    values: dict[str, dict[str, str]] = {}
    for name, description in PLACEHOLDERS.items():
        group, attribute = name.split(".")
        values.setdefault(group, {})[attribute] = given.get(name) or localizer._(description)
    for name, marker in fill_in_markers(localizer).items():
        group, attribute = name.split(".")
        values.setdefault(group, {})[attribute] = marker
    return values


def fill_in_markers(localizer: Localizer) -> dict[str, str]:
    """What a message template shows where the sender fills in the order's own data: "[ordrenummer]"."""
    return {name: f"[{localizer._(label)}]" for name, label in FILL_INS.items()}


_PLACEHOLDER_WITH_SPACES = re.compile(r"( ?)(\{\{\s*([a-z_]+)\.([a-z_]+)\s*\}\})( ?)")


def close_up_around_cjk(text: str, values: dict[str, Any]) -> str:
    """Chinese sets Latin names off with spaces, never Chinese ones: drop the spaces around a value that starts or ends in Han."""

    def join(match: re.Match[str]) -> str:
        value = str(values.get(match[3], {}).get(match[4], ""))
        before = "" if value[:1] and is_wide(value[0]) else match[1]
        after = "" if value[-1:] and is_wide(value[-1]) else match[5]
        return before + match[2] + after

    return _PLACEHOLDER_WITH_SPACES.sub(join, text)


def fill_placeholders(text: str, values: dict[str, Any]) -> str:
    """The text with the shop's values: plain `{{ group.name }}` placeholders by lookup, anything else by Jinja's sandbox."""
    filled = filled_placeholders(text, values)
    return filled if filled is not None else _compiled(text).render(values)


@functools.lru_cache(maxsize=8192)
def _compiled(text: str) -> Any:
    """Texts repeat across languages and documents; each is compiled in the sandbox once."""
    return _sandbox().from_string(text)


@functools.cache
def _sandbox() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)
