"""What-if on a flow: steps automated or given other staff, hours or times, and what that changes: pure functions."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from typing import Any, Literal, NamedTuple

from sopgen.analysis.figures import FlowAnalysis
from sopgen.blueprints.durations import MAX_MINUTES, DurationError, parse_minutes
from sopgen.blueprints.model import FlowBlueprint
from sopgen.errors import InputError, Problem, Source
from sopgen.i18n.interface import _

MAX_STAFF = 1_000_000
MAX_HOURS_PER_DAY = 24.0
# Where each kind of change comes from on the command line; problems point there.
OPTIONS = {"automate": "--automate", "staff": "--staff", "hours_per_day": "--hours", "handling": "--handling", "wait": "--wait"}

StepValues = tuple[tuple[str, float], ...]


class WhatIf(NamedTuple):
    """Changes to try on a flow. Durations are minutes; each step is named once per kind of change."""

    automate: tuple[str, ...] = ()
    staff: StepValues = ()
    hours_per_day: StepValues = ()
    handling: StepValues = ()
    wait: StepValues = ()

    @classmethod
    def parse(
        cls,
        automate: Iterable[str] = (),
        staff: Mapping[str, Any] | None = None,
        hours: Mapping[str, Any] | None = None,
        handling: Mapping[str, Any] | None = None,
        wait: Mapping[str, Any] | None = None,
    ) -> WhatIf:
        """Changes from text or numbers as typed (`2`, `4m`, `1.5h`, `PT4M`); every bad value is reported at once."""
        parsed, problems = cls.read(automate, staff, hours, handling, wait)
        if problems:
            raise InputError(problems)
        return parsed

    @classmethod
    def read(
        cls,
        automate: Iterable[str] = (),
        staff: Mapping[str, Any] | None = None,
        hours: Mapping[str, Any] | None = None,
        handling: Mapping[str, Any] | None = None,
        wait: Mapping[str, Any] | None = None,
    ) -> tuple[WhatIf, list[Problem]]:
        """Like parse, but the values that could not be read are left out and returned as problems."""
        problems: list[Problem] = []
        parsed = cls(
            automate=tuple(dict.fromkeys(step.strip() for step in automate if step.strip())),
            staff=_numbers(staff, "staff", MAX_STAFF, problems),
            hours_per_day=_numbers(hours, "hours_per_day", MAX_HOURS_PER_DAY, problems),
            handling=_durations(handling, "handling", problems),
            wait=_durations(wait, "wait", problems),
        )
        return parsed, problems

    @classmethod
    def from_json(cls, data: Any) -> WhatIf:
        """The what-if a page sends: {"automate": [...], "staff": {step: n}, "hours": …, "handling": …, "wait": …}."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping) or not set(data) <= {"automate", "staff", "hours", "handling", "wait"}:
            raise InputError.single(Source("what-if"), _("expected automate, staff, hours, handling and wait"))
        automate = data.get("automate") or []
        if not isinstance(automate, list) or not all(isinstance(step, str) for step in automate):
            raise InputError.single(Source(OPTIONS["automate"]), _("expected a list of step ids"))
        mappings = {}
        for key, option in (("staff", "--staff"), ("hours", "--hours"), ("handling", "--handling"), ("wait", "--wait")):
            value = data.get(key) or {}
            if not isinstance(value, Mapping) or not all(isinstance(step, str) for step in value):
                raise InputError.single(Source(option), _("expected step ids with their values"))
            mappings[key] = value
        return cls.parse(automate, **mappings)

    def as_json(self) -> dict[str, Any]:
        """The form from_json reads; durations as blueprints write them (`4m`, `1.5h`)."""
        from sopgen.blueprints.flow_writer import duration_text

        return {
            "automate": list(self.automate),
            "staff": dict(self.staff),
            "hours": dict(self.hours_per_day),
            "handling": {step: duration_text(minutes) for step, minutes in self.handling},
            "wait": {step: duration_text(minutes) for step, minutes in self.wait},
        }

    def is_empty(self) -> bool:
        return not any(self)

    def only_steps(self, step_ids: Iterable[str]) -> WhatIf:
        """The what-if without the steps that are not among `step_ids` (a flow whose steps were renamed since)."""
        keep = set(step_ids)
        return WhatIf(
            tuple(step for step in self.automate if step in keep),
            *(tuple(pair for pair in values if pair[0] in keep) for values in (self.staff, self.hours_per_day, self.handling, self.wait)),
        )

    def step_ids(self) -> tuple[str, ...]:
        """Every step the what-if names, in the order first named."""
        named = list(self.automate)
        for values in (self.staff, self.hours_per_day, self.handling, self.wait):
            named.extend(step for step, _value in values)
        return tuple(dict.fromkeys(named))


def _numbers(values: Mapping[str, Any] | None, kind: str, largest: float, problems: list[Problem]) -> StepValues:
    parsed = []
    for step, raw in (values or {}).items():
        number = _number(raw)
        if number is None or not 0 < number <= largest:
            problems.append(
                Problem(
                    Source(OPTIONS[kind]),
                    _("{step}: '{value}' is not a number greater than 0 and at most {largest}").format(
                        step=step, value=raw, largest=f"{largest:.15g}"
                    ),
                )
            )
            continue
        parsed.append((step.strip(), number))
    return tuple(parsed)


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    try:
        number = float(raw.strip().replace(",", ".")) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _durations(values: Mapping[str, Any] | None, kind: str, problems: list[Problem]) -> StepValues:
    parsed = []
    for step, raw in (values or {}).items():
        try:
            minutes = _minutes(raw)
        except DurationError as error:
            problems.append(Problem(Source(OPTIONS[kind]), f"{step}: {error}", _("write a duration such as 0, 30s, 4m, 1.5h, 2d or PT4M")))
            continue
        parsed.append((step.strip(), minutes))
    return tuple(parsed)


def _minutes(raw: Any) -> float:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if not math.isfinite(raw) or raw < 0 or raw > MAX_MINUTES:
            raise DurationError(_("'{value}' is not a duration").format(value=raw))
        return float(raw)
    if not isinstance(raw, str) or not raw.strip():
        raise DurationError(_("'{value}' is not a duration").format(value=raw))
    if raw.strip() == "0":
        return 0.0
    return parse_minutes(raw)


# ---------------------------------------------------------------- applying


def check(flow: FlowBlueprint, what_if: WhatIf) -> list[Problem]:
    """Problems with applying the what-if to this flow: unknown steps, and staff without hours per day."""
    known = [step.id for step in flow.steps]
    problems = []
    for kind, option in OPTIONS.items():
        value = getattr(what_if, kind)
        named = value if kind == "automate" else tuple(step for step, _value in value)
        for step_id in named:
            if step_id not in known:
                problems.append(Problem(Source(option), _("'{step}' is not a step of flow '{flow}'").format(step=step_id, flow=flow.id), _steps_hint(step_id, known)))
    if problems:
        return problems
    staff, hours = dict(what_if.staff), dict(what_if.hours_per_day)
    for step_id in what_if.automate:
        if step_id in staff or step_id in hours:
            problems.append(
                Problem(
                    Source(OPTIONS["staff"] if step_id in staff else OPTIONS["hours_per_day"]),
                    _("'{step}' is automated, so it has no staff or hours per day").format(step=step_id),
                    _("leave out --staff and --hours for it, or do not automate it"),
                )
            )
    for step_id in dict.fromkeys([*staff, *hours]):
        if step_id in what_if.automate:
            continue
        step = flow.step(step_id)
        if staff.get(step_id, step.staff) is None:
            problems.append(
                Problem(Source(OPTIONS["hours_per_day"]), _("'{step}' has no staff: 'staff' and 'hours_per_day' come together").format(step=step_id), _("give --staff {step}=N too").format(step=step_id))
            )
        elif hours.get(step_id, step.hours_per_day) is None:
            problems.append(
                Problem(Source(OPTIONS["staff"]), _("'{step}' has no hours per day: 'staff' and 'hours_per_day' come together").format(step=step_id), _("give --hours {step}=H too").format(step=step_id))
            )
    return problems


def _steps_hint(step_id: str, known: list[str]) -> str:
    close = difflib.get_close_matches(step_id, known, n=1, cutoff=0.6)
    if close:
        return _("did you mean '{choice}'? The flow's steps: {steps}").format(choice=close[0], steps=", ".join(known))
    return _("the flow's steps: {steps}").format(steps=", ".join(known))


def apply(flow: FlowBlueprint, what_if: WhatIf) -> FlowBlueprint:
    """The future state: the flow with the what-if applied; the flow itself is left as it is.

    Automating a step makes it `automated`, drops its staff and hours per day (so it has no
    utilization), sets its wait and handling to 0 unless given, and gives its edges the channel
    `system`.
    """
    problems = check(flow, what_if)
    if problems:
        raise InputError(problems)
    automated = set(what_if.automate)
    given = {
        "staff": dict(what_if.staff),
        "hours_per_day": dict(what_if.hours_per_day),
        "handling": dict(what_if.handling),
        "wait": dict(what_if.wait),
    }
    steps = []
    for step in flow.steps:
        update: dict[str, Any] = {}
        if step.id in automated:
            update.update(mode="automated", staff=None, hours_per_day=None, wait=0.0, handling=0.0)
        for field, values in given.items():
            if step.id in values:
                update[field] = float(values[step.id])
        steps.append(step.model_copy(update=update) if update else step)
    edges = tuple(
        edge.model_copy(update={"channel": "system"})
        if edge.channel != "system" and (edge.from_step in automated or edge.to_step in automated)
        else edge
        for edge in flow.edges
    )
    return flow.model_copy(update={"steps": tuple(steps), "edges": edges})


# ---------------------------------------------------------------- comparing

Scope = Literal["flow", "step", "handoff"]
# Names as in `analyze --json`; a dot goes one level down.
FLOW_FIGURES = (
    "lead_time_minutes",
    "cycle_efficiency",
    "manual_handoffs",
    "bottleneck.step",
    "bottleneck.utilization",
    "bottleneck.severity",
    "critical_path",
    "automation_candidates",
)
STEP_FIGURES = ("mode", "wait_minutes", "handling_minutes", "utilization")
HANDOFF_FIGURES = ("channel", "manual")


class Change(NamedTuple):
    """One figure of `analyze --json` that differs between the current and the future state."""

    scope: Scope
    figure: str
    current: Any
    future: Any
    step: str | None = None  # scope "step"
    handoff: tuple[int, str, str] | None = None  # scope "handoff": number, from, to

    @property
    def delta(self) -> float | None:
        if _is_number(self.current) and _is_number(self.future):
            return self.future - self.current
        return None

    def as_json(self) -> dict[str, Any]:
        where: dict[str, Any] = {"scope": self.scope}
        if self.step is not None:
            where["step"] = self.step
        if self.handoff is not None:
            where.update({"handoff": self.handoff[0], "from": self.handoff[1], "to": self.handoff[2]})
        return {**where, "figure": self.figure, "current": self.current, "future": self.future, "delta": self.delta}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def compare(current: FlowAnalysis, future: FlowAnalysis) -> tuple[Change, ...]:
    """Every figure that differs: the flow's (lead time, efficiency, hand-offs, bottleneck …), then each step's, then each hand-off's."""
    before, after = current.as_json(), future.as_json()
    changes = [
        Change("flow", name, _figure(before, name), _figure(after, name))
        for name in FLOW_FIGURES
        if _figure(before, name) != _figure(after, name)
    ]
    future_steps = {step["id"]: step for step in after["steps"]}
    for step in before["steps"]:
        other = future_steps.get(step["id"], {})
        changes.extend(Change("step", name, step[name], other.get(name), step=step["id"]) for name in STEP_FIGURES if step[name] != other.get(name))
    # Matched by their steps (and which of several edges between them), not by number: a hand-off
    # that stops being manual takes a number after the manual ones.
    future_handoffs = dict(zip(_handoff_keys(after["handoffs"]), after["handoffs"]))
    for key, handoff in zip(_handoff_keys(before["handoffs"]), before["handoffs"]):
        other = future_handoffs.get(key, {})
        changes.extend(
            Change("handoff", name, handoff[name], other.get(name), handoff=(handoff["number"], handoff["from"], handoff["to"]))
            for name in HANDOFF_FIGURES
            if handoff[name] != other.get(name)
        )
    return tuple(changes)


def _handoff_keys(handoffs: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    seen: dict[tuple[str, str], int] = {}
    keys = []
    for handoff in handoffs:
        pair = (handoff["from"], handoff["to"])
        seen[pair] = seen.get(pair, 0) + 1
        keys.append((*pair, seen[pair]))
    return keys


def _figure(figures: Mapping[str, Any], name: str) -> Any:
    group, _dot, key = name.partition(".")
    value = figures[group]
    return (value or {}).get(key) if key else value


def whatif_json(current: FlowAnalysis, future: FlowAnalysis) -> dict[str, Any]:
    """`whatif --json`: both states as `analyze --json` prints them, and what changed."""
    return {"current": current.as_json(), "future": future.as_json(), "changes": [change.as_json() for change in compare(current, future)]}
