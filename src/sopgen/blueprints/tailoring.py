"""Fitting blueprints to a shop: SOPs, steps, KPIs, do's, don'ts, records and messages whose `when` the shop does not meet are left out."""

from __future__ import annotations

from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.sop_model import Condition, Guarded, MessageSet, SopBlueprint, Step
from sopgen.i18n.interface import _


def tailor(sop: SopBlueprint, profile: Profile) -> SopBlueprint | None:
    """The SOP with only the parts that apply to this shop; None when the SOP itself does not."""
    if not profile.applies(sop.when):
        return None
    return sop.model_copy(
        update={
            "steps": _applicable(sop.steps, profile),
            "kpis": tuple(kpi for kpi in sop.kpis if profile.applies(kpi.when)),
            "dos": _applicable_items(sop.dos, profile),
            "donts": _applicable_items(sop.donts, profile),
            "records": _applicable_items(sop.records, profile),
        }
    )


def _applicable(steps: tuple[Step, ...], profile: Profile) -> tuple[Step, ...]:
    return tuple(
        step.model_copy(update={"steps": _applicable(step.steps, profile)}) if step.steps else step
        for step in steps
        if profile.applies(step.when)
    )


def _applicable_items(items: tuple[str | Guarded, ...], profile: Profile) -> tuple[str | Guarded, ...]:
    return tuple(item for item in items if isinstance(item, str) or profile.applies(item.when))


def tailor_messages(message_set: MessageSet, profile: Profile) -> MessageSet | None:
    """The set with only the messages that fit this shop; None when none does."""
    messages = tuple(message for message in message_set.messages if profile.applies(message.when))
    if not messages:
        return None
    return message_set if messages == message_set.messages else message_set.model_copy(update={"messages": messages})


def condition_in_words(condition: Condition) -> str:
    """Who a condition is for, in the interface language: "only for a shop that sells through a marketplace and takes cash on delivery"."""
    parts = _condition_parts(condition)
    shown = []
    if parts:
        shown.append(_("only for a shop that {conditions}").format(conditions=_joined(parts)))
    if condition.unless is not None:
        shown.append(_("not for a shop that {conditions}").format(conditions=_joined(_condition_parts(condition.unless))))
    return "; ".join(shown)


def _joined(parts: list[str]) -> str:
    from sopgen.i18n.formats import joined
    from sopgen.i18n.locales import interface_locale

    return joined(interface_locale(), tuple(parts))


def _condition_parts(condition: Condition) -> list[str]:
    from sopgen.blueprints.vocabulary import CARRIERS, CHANNEL_KIND_PHRASES, CHANNELS, INVOICING, OTHER_COUNTRY, PAYMENT_METHODS, TOOLS
    from sopgen.i18n.formats import babel_locale
    from sopgen.i18n.locales import interface_locale
    from sopgen.knowledge.products import PRODUCTS

    def either(names: list[str]) -> str:
        names = list(dict.fromkeys(names))
        return names[0] if len(names) == 1 else _("{first} or {last}").format(first=", ".join(names[:-1]), last=names[-1])

    def channel(value: str) -> str:
        return _(CHANNEL_KIND_PHRASES[value]) if value in CHANNEL_KIND_PHRASES else _(CHANNELS[value][0])

    def country(code: str) -> str:
        return _("a country sopgen has no knowledge of") if code == OTHER_COUNTRY else babel_locale(interface_locale()).territories.get(code, code)

    parts = []
    if condition.channels:
        parts.append(_("sells through {channels}").format(channels=either([channel(value) for value in condition.channels])))
    if condition.tools:
        parts.append(_("names its {tools}").format(tools=_joined([_(TOOLS[key]) for key in condition.tools])))
    if condition.products:
        parts.append(_("uses {products}").format(products=either([PRODUCTS[key].name for key in condition.products])))
    if condition.countries:
        parts.append(_("is in {countries}").format(countries=either([country(code) for code in condition.countries])))
    if condition.payments:
        parts.append(_("takes {payments}").format(payments=either([_(PAYMENT_METHODS.get(key, key)) for key in condition.payments])))
    if condition.carriers:
        parts.append(_("ships with {carriers}").format(carriers=either([_(CARRIERS.get(key, key)) for key in condition.carriers])))
    if condition.invoicing:
        parts.append(_("is {invoicing}").format(invoicing=either([_(INVOICING[key]) for key in condition.invoicing])))
    if condition.roles:
        parts.append(_("has somebody on the team as {roles}").format(roles=either(list(condition.roles))))
    return parts
