"""SIGTERM stops sopgen as Ctrl-C does: raised where the program is, so files stay whole and workers are stopped."""

from __future__ import annotations

import signal
from typing import Any


class Terminated(KeyboardInterrupt):
    """SIGTERM, as an exception; exit code 143 rather than Ctrl-C's 130."""


def _terminate(_signum: int, _frame: Any) -> None:
    raise Terminated


def _leave(_signum: int, _frame: Any) -> None:
    raise SystemExit(143)


def leave_on_sigterm() -> None:
    """Until a command starts, nothing is written and no worker runs: SIGTERM just ends the program, quietly."""
    signal.signal(signal.SIGTERM, _leave)


def stop_on_sigterm() -> None:
    """Once a command runs, SIGTERM unwinds it as Ctrl-C does."""
    signal.signal(signal.SIGTERM, _terminate)


def exit_code(interrupt: KeyboardInterrupt) -> int:
    return 143 if isinstance(interrupt, Terminated) else 130
