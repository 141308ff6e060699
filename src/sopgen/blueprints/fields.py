"""The field types blueprint records are made of: texts, ids, durations and choices from the vocabularies."""

import datetime as dt
import functools
import re
import typing
import unicodedata
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    StrictFloat,
    StrictStr,
)

from sopgen.blueprints.durations import Cadence, DurationError, parse_minutes
from sopgen.blueprints.vocabulary import (
    CARRIER_KINDS,
    CARRIERS,
    CHANNEL_TYPES,
    CHANNELS,
    EDGE_CHANNELS,
    INVOICING,
    LANE_TYPES,
    MESSAGE_CHANNELS,
    OTHER_COUNTRY,
    PAYMENT_KINDS,
    PAYMENT_METHODS,
    PHASES,
    STEP_MODES,
    TOOLS,
)
from sopgen.i18n.interface import N_, _
from sopgen.knowledge.countries import KNOWN_COUNTRIES
from sopgen.knowledge.products import PRODUCTS

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TEXT = 5000


class Translatable:
    """Marks a text field whose value is English source text to translate."""

    def __repr__(self) -> str:
        return "Translatable"


TRANSLATABLE = Translatable()


def _mentions_translatable(annotation: Any) -> bool:
    if TRANSLATABLE in getattr(annotation, "__metadata__", ()):
        return True
    return any(_mentions_translatable(arg) for arg in typing.get_args(annotation))


@functools.cache
def translatable_fields(model: type[BaseModel]) -> frozenset[str]:
    """Names of the fields of a record class that hold English source text."""
    return frozenset(
        name
        for name, info in model.model_fields.items()
        if TRANSLATABLE in info.metadata or _mentions_translatable(info.annotation)
    )


def _check_text(value: str) -> str:
    for char in value:
        category = unicodedata.category(char)
        if category == "Cs":
            raise ValueError(_("contains a broken character (a lone surrogate U+{code:04X})").format(code=ord(char)))
        if category == "Cc" and char not in "\n\t":
            raise ValueError(_("contains the control character U+{code:04X}, which Word cannot store").format(code=ord(char)))
    if not value.strip():
        raise ValueError(_("is empty"))
    return value


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError(_("'{value}' is not a valid id: use lower-case letters, digits and hyphens").format(value=value))
    return value


class UnknownChoice(ValueError):
    """A value outside a fixed vocabulary; carries the valid choices for the hint."""

    def __init__(self, message: str, choices: tuple[str, ...]):
        super().__init__(message)
        self.choices = choices


def _choice(choices: Any, what: str):
    """A check that the value is one of `choices` (a vocabulary); the error names them for the hint."""

    def check(value: str) -> str:
        if value not in choices:
            raise UnknownChoice(_("'{value}' is not a known {what}").format(value=value, what=_(what)), tuple(choices))
        return value

    return check


def _one_of(choices: Any, name: str):
    """Like `_choice`, for a field's fixed set of values: "'fax' is not a valid channel"."""

    def check(value: str) -> str:
        if value not in choices:
            raise UnknownChoice(_("'{value}' is not a valid {name}").format(value=value, name=name), tuple(choices))
        return value

    return check


def _minutes(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(_("must be a duration such as 4m, 1.5h or PT4M"))
    if isinstance(value, str) and value.strip() == "0":
        return 0.0
    if isinstance(value, (int, float)):
        if value == 0:
            return 0.0
        raise ValueError(_("'{value}' has no unit: write {value}m for minutes or {value}h for hours").format(value=value))
    try:
        return parse_minutes(value)
    except DurationError as exc:
        raise ValueError(str(exc)) from exc


def _language(value: str) -> str:
    from sopgen.i18n.locales import LANGUAGE_TAGS, UnknownLocale, parse_locale

    try:
        parse_locale(value)
    except UnknownLocale:
        raise UnknownChoice(_("'{value}' is not a known {what}").format(value=value, what=_("language")), tuple(LANGUAGE_TAGS.values())) from None
    return value


def _activity_names(value: Any) -> tuple[str, ...]:
    names = (value,) if isinstance(value, str) else value
    if (
        not isinstance(names, (list, tuple))
        or not names
        or not all(isinstance(name, str) and name.strip() and len(name) <= 200 for name in names)
    ):
        raise ValueError(_("must name the log activity that measures the step, or a list of them, such as 'paid' or [fulfilled, shipped]"))
    return tuple(names)


FIRST_DAY = dt.date(1980, 1, 1)  # the earliest a .docx (a zip file) can be dated
LAST_DAY = dt.date(2099, 12, 31)  # well before the latest a zip file can be dated (2107), review dates included


def _within_document_years(value: dt.date) -> dt.date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(_("{date} is outside {first} to {last}").format(date=value.isoformat(), first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()))
    return value


def version_number(text: str) -> tuple[int, ...]:
    """A version as numbers to compare, trailing zeros dropped: "1.0" is (1,), "10.0" is (10,), "1.10" is (1, 10)."""
    numbers = [int(part) for part in text.split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def cadence(value: Any) -> Cadence:
    if not isinstance(value, str):
        raise ValueError(_("must be a cadence such as '6 months' or '1 year'"))
    try:
        return Cadence.parse(value)
    except DurationError as exc:
        raise ValueError(str(exc)) from exc


Day = Annotated[dt.date, AfterValidator(_within_document_years)]
Text = Annotated[StrictStr, Field(max_length=MAX_TEXT), AfterValidator(_check_text), TRANSLATABLE]
PlainText = Annotated[StrictStr, Field(max_length=500), AfterValidator(_check_text)]
Id = Annotated[StrictStr, Field(max_length=64), AfterValidator(_check_id)]
Minutes = Annotated[float, BeforeValidator(_minutes)]
# "1.0", "1.1", "2.0.1": text, since YAML reads 1.10 as the number 1.1; compare with version_number()
Version = Annotated[StrictStr, Field(pattern=r"^\d{1,6}(\.\d{1,6}){0,2}$")]
PositiveNumber = Annotated[StrictFloat, Field(gt=0, le=1_000_000)]
Phase = Annotated[StrictStr, AfterValidator(_choice(PHASES, N_("phase")))]
ActivityNames = Annotated[tuple[str, ...], BeforeValidator(_activity_names)]
ToolKey = Annotated[StrictStr, AfterValidator(_choice(TOOLS, N_("tool")))]
ChannelOrType = Annotated[StrictStr, AfterValidator(_choice({**CHANNELS, **CHANNEL_TYPES}, N_("sales channel")))]
ChannelId = Annotated[StrictStr, AfterValidator(_choice(CHANNELS, N_("sales channel")))]
LaneType = Annotated[StrictStr, AfterValidator(_one_of(LANE_TYPES, "type"))]
StepMode = Annotated[StrictStr, AfterValidator(_one_of(STEP_MODES, "mode"))]
EdgeChannel = Annotated[StrictStr, AfterValidator(_one_of(EDGE_CHANNELS, "channel"))]
MessageChannel = Annotated[StrictStr, AfterValidator(_one_of(MESSAGE_CHANNELS, "channel"))]
PaymentId = Annotated[StrictStr, AfterValidator(_choice(PAYMENT_METHODS, N_("payment method")))]
PaymentOrKind = Annotated[StrictStr, AfterValidator(_choice({**PAYMENT_METHODS, **PAYMENT_KINDS}, N_("payment method")))]
CarrierId = Annotated[StrictStr, AfterValidator(_choice(CARRIERS, N_("carrier")))]
CarrierOrKind = Annotated[StrictStr, AfterValidator(_choice({**CARRIERS, **CARRIER_KINDS}, N_("carrier")))]
InvoicingId = Annotated[StrictStr, AfterValidator(_choice(INVOICING, N_("way of invoicing")))]
ProductId = Annotated[StrictStr, AfterValidator(_choice(PRODUCTS, N_("tool product")))]
CountryCondition = Annotated[StrictStr, AfterValidator(_choice((*KNOWN_COUNTRIES, OTHER_COUNTRY), N_("country in a condition")))]
# The language a user's own text is written in (`da`, `zh-TW`, …), for texts that are not English source text.
LanguageTag = Annotated[StrictStr, AfterValidator(_language)]
