"""Immutable blueprint, flow, roles and profile records; each knows the file and line it came from."""

import datetime as dt
import functools
import re
import typing
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)

from sopgen.blueprints.durations import Cadence, DurationError, parse_minutes
from sopgen.errors import Source
from sopgen.blueprints.yaml_loading import LocatedMapping
from sopgen.i18n.interface import _
from sopgen.blueprints.vocabulary import CHANNEL_TYPES, CHANNELS, PHASES, TOOLS, N_

R = TypeVar("R", bound=BaseModel)
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
    def check(value: str) -> str:
        if value not in choices:
            raise UnknownChoice(_("'{value}' is not a known {what}").format(value=value, what=_(what)), tuple(choices))
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


def _activity_names(value: Any) -> tuple[str, ...]:
    names = (value,) if isinstance(value, str) else value
    if (
        not isinstance(names, (list, tuple))
        or not names
        or not all(isinstance(name, str) and name.strip() and len(name) <= 200 for name in names)
    ):
        raise ValueError(_("must name the log activity that measures the step, or a list of them, such as 'paid' or [fulfilled, shipped]"))
    return tuple(names)


def _cadence(value: Any) -> Cadence:
    if not isinstance(value, str):
        raise ValueError(_("must be a cadence such as '6 months' or '1 year'"))
    try:
        return Cadence.parse(value)
    except DurationError as exc:
        raise ValueError(str(exc)) from exc


def rewrite_texts(record: R, rewrite: Callable[[str, Source | None, str], str], path: str = "") -> R:
    """The record with each translatable text replaced by `rewrite(text, source, field path)`.

    Parts that did not change are shared with the original, so a rewrite that changes
    nothing returns the record itself.
    """
    changes: dict[str, Any] = {}
    source = getattr(record, "source", None)
    translatable = translatable_fields(type(record))
    for name, info in type(record).model_fields.items():
        if name == "source":
            continue
        value = getattr(record, name)
        key = info.alias or name
        where = f"{path}.{key}" if path else key
        if isinstance(value, str) and name in translatable:
            new = rewrite(value, source.at(key) if source else None, where)
        elif isinstance(value, tuple):
            new = tuple(
                rewrite(item, source.at(key, index) if source else None, f"{where}[{index + 1}]")
                if isinstance(item, str) and name in translatable
                else rewrite_texts(item, rewrite, f"{where}[{index + 1}]")
                if isinstance(item, BaseModel)
                else item
                for index, item in enumerate(value)
            )
        elif isinstance(value, BaseModel):
            new = rewrite_texts(value, rewrite, where)
        else:
            continue
        if new != value:
            changes[name] = new
    return record.model_copy(update=changes) if changes else record


Text = Annotated[StrictStr, Field(max_length=MAX_TEXT), AfterValidator(_check_text), TRANSLATABLE]
PlainText = Annotated[StrictStr, Field(max_length=500), AfterValidator(_check_text)]
Id = Annotated[StrictStr, Field(max_length=64), AfterValidator(_check_id)]
Minutes = Annotated[float, BeforeValidator(_minutes)]
PositiveNumber = Annotated[StrictFloat, Field(gt=0, le=1_000_000)]
Phase = Annotated[StrictStr, AfterValidator(_choice(PHASES, N_("phase")))]
ActivityNames = Annotated[tuple[str, ...], BeforeValidator(_activity_names)]
ToolKey = Annotated[StrictStr, AfterValidator(_choice(TOOLS, N_("tool")))]
ChannelOrType = Annotated[StrictStr, AfterValidator(_choice({**CHANNELS, **CHANNEL_TYPES}, N_("sales channel")))]
ChannelId = Annotated[StrictStr, AfterValidator(_choice(CHANNELS, N_("sales channel")))]


class Record(BaseModel):
    """A frozen record that forbids unknown fields and remembers its source."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    source: Source | None = Field(default=None, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _locate(cls, data: Any) -> Any:
        if isinstance(data, LocatedMapping):
            if "source" in data:
                raise ValueError(_("unknown field 'source'"))
            return {**data, "source": data.source()}
        return data

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy without the lookups cached on the original, which would point at its old values."""
        copy = super().model_copy(update=update, deep=deep)
        for name, attribute in vars(type(self)).items():
            if isinstance(attribute, functools.cached_property):
                copy.__dict__.pop(name, None)
        return copy


class Condition(Record):
    """When an SOP or a step applies: the shop sells on one of `channels` and has all of `tools`."""

    channels: tuple[ChannelOrType, ...] = ()
    tools: tuple[ToolKey, ...] = ()


class Step(Record):
    id: Id
    title: Text
    role: Id | None = None
    text: Text | None = None
    steps: tuple["Step", ...] = ()
    when: Condition | None = None


def all_steps(steps: tuple[Step, ...]) -> Iterator[Step]:
    """Steps and their sub-steps, depth first, in document order."""
    for step in steps:
        yield step
        yield from all_steps(step.steps)


class Kpi(Record):
    name: Text
    target: Text
    when: Condition | None = None


class SopBlueprint(Record):
    kind: Literal["sop"]
    id: Id
    phase: Phase
    number: Annotated[StrictInt, Field(ge=1, le=999)] | None = None
    title: Text
    purpose: Text
    scope: Text
    roles: tuple[Id, ...] = Field(min_length=1)
    tools: tuple[ToolKey, ...] = ()
    steps: tuple[Step, ...] = Field(min_length=1)
    dos: tuple[Text, ...] = ()
    donts: tuple[Text, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    records: tuple[Text, ...] = ()
    review_every: Annotated[Cadence, BeforeValidator(_cadence)]
    flow: Id | None = None
    when: Condition | None = None
    version: Annotated[StrictStr, Field(pattern=r"^\d+(\.\d+){0,2}$")] = "1.0"
    updated: dt.date | None = None


class Lane(Record):
    id: Id
    title: Text
    type: Literal["person", "system"] = "person"


class FlowStep(Record):
    id: Id
    lane: Id
    title: Text
    description: Text | None = None
    mode: Literal["manual", "automated"] | None = None
    handling: Minutes = 0.0
    wait: Minutes = 0.0
    staff: PositiveNumber | None = None
    hours_per_day: Annotated[StrictFloat, Field(gt=0, le=24)] | None = None
    share: Annotated[StrictFloat, Field(ge=0, le=1)] = 1.0
    activity: ActivityNames = ()  # the log activities that measure this step (`sopgen measure --flow`)

    @model_validator(mode="after")
    def _staff_with_hours(self) -> Self:
        if (self.staff is None) != (self.hours_per_day is None):
            raise ValueError(_("'staff' and 'hours_per_day' come together or not at all"))
        return self


class Edge(Record):
    from_step: Id = Field(alias="from")
    to_step: Id = Field(alias="to")
    channel: Literal["system", "email", "chat", "phone", "spreadsheet", "paper", "manual"] = "system"
    rework: StrictBool = False
    label: Text | None = None


class FlowBlueprint(Record):
    kind: Literal["flow"]
    id: Id
    title: Text
    description: Text | None = None
    volume: PositiveNumber
    lanes: tuple[Lane, ...] = Field(min_length=1)
    steps: tuple[FlowStep, ...] = Field(min_length=1)
    edges: tuple[Edge, ...] = ()

    @functools.cached_property
    def _lanes_by_id(self) -> dict[str, Lane]:
        return {lane.id: lane for lane in self.lanes}

    @functools.cached_property
    def _steps_by_id(self) -> dict[str, FlowStep]:
        return {step.id: step for step in reversed(self.steps)}

    def lane_of(self, step: FlowStep) -> Lane:
        return self._lanes_by_id[step.lane]

    def step(self, step_id: str) -> FlowStep:
        return self._steps_by_id[step_id]

    def mode_of(self, step: FlowStep) -> str:
        """A step's mode; unset, it follows its lane: people work by hand, systems automatically."""
        if step.mode:
            return step.mode
        return "automated" if self.lane_of(step).type == "system" else "manual"


class Role(Record):
    id: Id
    title: Text
    description: Text | None = None


class RoleCatalog(Record):
    kind: Literal["roles"]
    roles: tuple[Role, ...] = Field(min_length=1)


class ShopInfo(Record):
    name: PlainText
    country: Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$")] = "DK"
    currency: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")] = "DKK"
    website: PlainText | None = None
    email: PlainText | None = None
    phone: PlainText | None = None
    working_hours: PlainText | None = None


class Policies(Record):
    return_days: Annotated[StrictInt, Field(ge=0, le=365)] = 14
    response_hours: Annotated[StrictInt, Field(ge=1, le=168)] = 24
    dispatch_days: Annotated[StrictInt, Field(ge=0, le=30)] = 1


class DocumentControl(Record):
    owner: PlainText | None = None
    approver: PlainText | None = None
    effective: dt.date | None = None
    font_east_asian: PlainText | None = None


class Profile(Record):
    kind: Literal["profile"] = "profile"
    shop: ShopInfo
    channels: tuple[ChannelId, ...] = ()
    tools: dict[Annotated[StrictStr, AfterValidator(_choice(TOOLS, N_("tool")))], PlainText] = Field(default_factory=dict)
    team: dict[Id, PlainText] = Field(default_factory=dict)
    policy: Policies = Field(default_factory=Policies)
    document: DocumentControl = Field(default_factory=DocumentControl)
    languages: tuple[StrictStr, ...] = ("en",)

    def channel_types(self) -> set[str]:
        return {CHANNELS[channel][1] for channel in self.channels}

    def applies(self, condition: Condition | None) -> bool:
        if condition is None:
            return True
        sells_on = set(self.channels) | self.channel_types()
        channels_ok = not condition.channels or bool(sells_on & set(condition.channels))
        return channels_ok and all(tool in self.tools for tool in condition.tools)


KIND_MODELS: dict[str, type[Record]] = {
    "sop": SopBlueprint,
    "flow": FlowBlueprint,
    "roles": RoleCatalog,
    "profile": Profile,
}

