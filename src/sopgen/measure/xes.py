"""XES event logs (IEEE 1849) read as a stream: trace by trace, each parsed element freed once read.

Traces are cases (`concept:name`, else their position); events need `concept:name` and
`time:timestamp`. With `lifecycle:transition`, a `start` event and the next `complete` event of
the same activity in the trace become one event with a start time; other transitions (schedule,
suspend, …) and starts that never complete are skipped and counted. Extension URIs are not
checked: keys are what count.
"""

from __future__ import annotations

from collections import defaultdict, deque
from pathlib import Path
from typing import TYPE_CHECKING

from sopgen.errors import InputError, Source
from sopgen.i18n.interface import _
from sopgen.measure.times import TimeColumn, parse_times

if TYPE_CHECKING:
    import polars as pl

def _attributes(element: object) -> dict[str, str]:
    """An element's keyed attributes (`<string key=… value=…/>`, `<date …/>`, …); the first of a key wins."""
    found: dict[str, str] = {}
    for child in element:  # type: ignore[attr-defined]
        key = child.get("key")
        if key is not None and key not in found:
            found[key] = child.get("value")
    return found


class _Columns:
    """The events read so far, as columns."""

    def __init__(self) -> None:
        self.case: list[str] = []
        self.activity: list[str] = []
        self.time: list[str] = []
        self.start: list[str | None] = []
        self.resource: list[str | None] = []
        self.line: list[int] = []
        self.start_line: list[int] = []
        self.skipped = 0

    def add_trace(self, case: str, events: list[tuple[str | None, str | None, str, str | None, int]]) -> None:
        """A trace's events in document order: (activity, time, transition, resource, line)."""
        if not any(transition == "start" for _a, _t, transition, _r, _l in events):
            for activity, time, transition, resource, line in events:
                if activity is None or time is None or transition not in ("complete", ""):
                    self.skipped += 1
                    continue
                self._append(case, activity, time, None, resource, line, line)
            return
        open_starts: dict[str, deque[tuple[str, int]]] = defaultdict(deque)
        for activity, time, transition, resource, line in events:
            if activity is None or time is None:
                self.skipped += 1
            elif transition == "start":
                open_starts[activity].append((time, line))
            elif transition in ("complete", ""):
                started = open_starts[activity].popleft() if open_starts[activity] else (None, line)
                self._append(case, activity, time, started[0], resource, line, started[1])
            else:
                self.skipped += 1
        self.skipped += sum(len(waiting) for waiting in open_starts.values())

    def _append(self, case: str, activity: str, time: str, start: str | None, resource: str | None, line: int, start_line: int) -> None:
        self.case.append(case)
        self.activity.append(activity)
        self.time.append(time)
        self.start.append(start)
        self.resource.append(resource)
        self.line.append(line)
        self.start_line.append(start_line)


def read_xes(path: Path, shown: str, zone: str, file_index: int) -> tuple[pl.DataFrame, int]:
    """The events of an XES file, and how many events were skipped."""
    import polars as pl
    from lxml import etree

    columns = _Columns()
    traces = 0
    trace_events: list[tuple[str | None, str | None, str, str | None, int]] = []
    try:
        # Only events and traces come back to Python; their attributes are read from the element.
        parser = etree.iterparse(
            str(path), events=("end",), tag=("{*}event", "{*}trace"), resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True
        )
        for _event, element in parser:
            if element.tag.endswith("event"):
                values = _attributes(element)
                transition = (values.get("lifecycle:transition") or "").strip().lower()
                trace_events.append((values.get("concept:name"), values.get("time:timestamp"), transition, values.get("org:resource"), element.sourceline or 0))
                element.clear(keep_tail=False)
            else:
                traces += 1
                case = _attributes(element).get("concept:name") or _("trace {number}").format(number=traces)
                columns.add_trace(case, trace_events)
                trace_events = []
                element.clear(keep_tail=False)
                parent = element.getparent()
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else None
        raise InputError.single(Source(shown, line), _("not a well-formed XES file: {reason}").format(reason=error.msg)) from None
    if traces == 0:
        raise InputError.single(Source(shown), _("the XES log has no traces"), _("an XES log holds its events in <trace> elements, one for each case"))
    frame = pl.DataFrame(
        {
            "case": pl.Series(columns.case, dtype=pl.String).cast(pl.Categorical),
            "activity": pl.Series(columns.activity, dtype=pl.String).cast(pl.Categorical),
            "resource": pl.Series(columns.resource, dtype=pl.String),
            "seq": pl.Series(range(len(columns.case)), dtype=pl.Int64) + (file_index << 40),
        }
    )
    locate = lambda line: Source(shown, line)  # noqa: E731
    time = parse_times(TimeColumn("time:timestamp", pl.Series(columns.time, dtype=pl.String), pl.Series(columns.line)), zone, locate)
    start = parse_times(TimeColumn("time:timestamp", pl.Series(columns.start, dtype=pl.String), pl.Series(columns.start_line)), zone, locate)
    frame = frame.with_columns(time.alias("time"), start.alias("start"))
    late = (frame["start"] > frame["time"]).fill_null(False)
    if late.any():
        index = late.arg_true()[0]
        raise InputError.single(
            Source(shown, columns.start_line[index]),
            _("the event starts after it ends ({start} after {end})").format(start=frame["start"][index].isoformat(), end=frame["time"][index].isoformat()),
            _("check the lifecycle:transition of the events of this trace"),
        )
    return frame, columns.skipped
