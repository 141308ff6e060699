"""The pack's worker processes belong to it: they ignore Ctrl-C, die with the pack, and are stopped when it stops."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


def become_worker(parent: int) -> None:
    """Run first in each worker: leave interrupts to the pack, and die with it even when it is killed with SIGKILL."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group; the pack decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the pack died before the request above took effect
        os._exit(1)


def stop_workers(pool: Any) -> None:
    """Stop the pool's processes now rather than let them finish what they were given (the pack is being stopped)."""
    processes = list(getattr(pool, "_processes", {}).values())  # ProcessPoolExecutor keeps them by pid
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
