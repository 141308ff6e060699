"""How much memory reading a log takes, and refusing a log bigger than the machine allows, with the limit."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sopgen.errors import InputError, Source
from sopgen.i18n.interface import _

if TYPE_CHECKING:
    pass


MEMORY_PER_BYTE = {"csv": 4.0, "xes": 2.5, "xlsx": 30.0}
MEMORY_PER_PARQUET_ROW = 200
MEMORY_BASE = 120 * 1024**2
MEMORY_SHARE = 0.75



def memory_limit() -> tuple[int, str]:
    """Bytes a measurement may use, and where that figure comes from."""
    configured = os.environ.get("SOPGEN_MEMORY_LIMIT", "").strip()
    if configured:
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMGT]?)B?", configured.upper())
        if match:
            factor = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}[match.group(2)]
            return int(float(match.group(1)) * factor), "SOPGEN_MEMORY_LIMIT"
    available = _available_memory()
    return int(available * MEMORY_SHARE), _("three quarters of the memory available")


def _available_memory() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 8 * 1024**3


def memory_needed(path: Path, container: str) -> int:
    if container == "parquet":
        import polars as pl

        try:
            rows = pl.scan_parquet(path).select(pl.len()).collect().item()
        except Exception:  # a broken file is reported when it is read
            rows = 0
        return rows * MEMORY_PER_PARQUET_ROW
    return int(path.stat().st_size * MEMORY_PER_BYTE[container])


def check_memory(files: Iterable[tuple[Path, str, str]]) -> None:
    """Refuse, before reading anything, a log that would not fit: the message says the limit."""
    files = list(files)
    needed = MEMORY_BASE + sum(memory_needed(path, container) for path, _shown, container in files)
    limit, origin = memory_limit()
    if needed <= limit:
        return
    size = sum(path.stat().st_size for path, _shown, _container in files)
    raise InputError.single(
        Source(files[0][1]),
        _("measuring {size} of logs needs about {needed} of memory; the limit is {limit} ({origin})").format(
            size=_bytes(size), needed=_bytes(needed), limit=_bytes(limit), origin=origin
        ),
        _("measure a shorter period (split the log by month), or set SOPGEN_MEMORY_LIMIT, e.g. SOPGEN_MEMORY_LIMIT=16GB"),
    )


def _bytes(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit in ("B", "KB") else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} TB"
