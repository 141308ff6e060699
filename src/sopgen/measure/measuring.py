"""Reading order exports or event logs and measuring them, in one call: what `measure`, `analyze --measured` and the workshop page share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sopgen.measure.directly_follows import Measurement, measure
from sopgen.measure.sources import EventLog, ReadOptions, read_logs


def read_and_measure(logs: list[Path], options: ReadOptions, shown: Callable[[Path], str] = str) -> tuple[EventLog, Measurement]:
    """The logs as one event log, and its directly-follows figures, variants and volume."""
    log = read_logs(logs, options, shown)
    return log, measure(log, tuple(shown(path) for path in logs))
