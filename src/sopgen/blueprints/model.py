"""The records every command reads: the frozen base that knows its file and line, the flow's records, and the library.

An SOP's records, roles and message templates are in `sop_model`, which a command that only
reads flows never imports."""

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    model_validator,
)

from sopgen.blueprints.fields import (
    ActivityNames,
    EdgeChannel,
    Id,
    LaneType,
    LanguageTag,
    Minutes,
    PositiveNumber,
    StepMode,
    Text,
    translatable_fields,
)
from sopgen.blueprints.yaml_loading import LocatedMapping
from sopgen.errors import Problem, Source
from sopgen.i18n.interface import _

if TYPE_CHECKING:
    from sopgen.blueprints.sop_model import MessageSet, RoleCatalog, SopBlueprint

R = TypeVar("R", bound=BaseModel)


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



def every_text(record: BaseModel) -> Iterator[str]:
    """Every translatable text of a record without where it is: the quick pass before a located one."""
    translatable = translatable_fields(type(record))
    for name in type(record).model_fields:
        if name == "source":
            continue
        value = getattr(record, name)
        if isinstance(value, str):
            if name in translatable:
                yield value
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, str):
                    if name in translatable:
                        yield item
                elif isinstance(item, BaseModel):
                    yield from every_text(item)
        elif isinstance(value, BaseModel):
            yield from every_text(value)


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


class Lane(Record):
    id: Id
    title: Text
    type: LaneType = "person"


class FlowStep(Record):
    id: Id
    lane: Id
    title: Text
    description: Text | None = None
    mode: StepMode | None = None
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
    channel: EdgeChannel = "system"
    rework: StrictBool = False
    label: Text | None = None


class FlowBlueprint(Record):
    kind: Literal["flow"]
    id: Id
    language: LanguageTag | None = None  # the language of the author's own words, never translated; None: English source text
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

    @property
    def written_in(self) -> str | None:
        """The locale of a flow written in its author's own words, or None for English source text that catalogs translate."""
        from sopgen.i18n.locales import parse_locale

        return parse_locale(self.language) if self.language else None

    def mode_of(self, step: FlowStep) -> str:
        """A step's mode; unset, it follows its lane: people work by hand, systems automatically."""
        if step.mode:
            return step.mode
        return "automated" if self.lane_of(step).type == "system" else "manual"


@dataclass(frozen=True)
class Library:
    """A validated set of blueprints, with the warnings found on the way."""

    sops: "tuple[SopBlueprint, ...]" = ()
    flows: tuple[FlowBlueprint, ...] = ()
    roles: "tuple[RoleCatalog, ...]" = ()
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    messages: "tuple[MessageSet, ...]" = ()

    def role_titles(self) -> dict[str, str]:
        return {role.id: role.title for catalog in self.roles for role in catalog.roles}

    @functools.cached_property
    def _sops_by_id(self) -> "dict[str, SopBlueprint]":
        return {sop.id: sop for sop in reversed(self.sops)}  # the first of an id wins, as in a scan

    @functools.cached_property
    def _flows_by_id(self) -> dict[str, FlowBlueprint]:
        return {flow.id: flow for flow in reversed(self.flows)}

    def sop(self, sop_id: str) -> "SopBlueprint | None":
        return self._sops_by_id.get(sop_id)

    def flow(self, flow_id: str) -> FlowBlueprint | None:
        return self._flows_by_id.get(flow_id)
