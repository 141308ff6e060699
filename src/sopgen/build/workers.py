"""The pack's worker processes belong to it: they ignore Ctrl-C, die with the pack, and are stopped when it stops."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
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


def results_in_workers(function: Callable[[Any], Any], items: list[Any], count: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Iterator[Any]:
    """`function(item)` for every item on `count` worker processes, as they finish; the workers stop as soon as the caller does."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from sopgen.build.files import interrupts_deferred

    with interrupts_deferred():  # the pool's processes and threads start whole: stopping a half-started pool hangs or fails
        pool = ProcessPoolExecutor(max_workers=count, initializer=initializer, initargs=initargs)
        pending = {pool.submit(function, item) for item in items}
    try:
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown(wait=True)


def stop_workers(pool: Any) -> None:
    """Stop the pool's processes now rather than let them finish what they were given (the pack is being stopped)."""
    import threading

    processes = list((getattr(pool, "_processes", None) or {}).values())  # ProcessPoolExecutor keeps them by pid
    helpers = {getattr(pool, "_executor_manager_thread", None), getattr(getattr(pool, "_call_queue", None), "_thread", None)}
    previous = threading.excepthook

    def quiet_helpers(arguments: Any) -> None:
        # The pool's own threads may trip over the pipes of the workers just killed; that is expected, not news.
        if arguments.thread not in helpers:
            previous(arguments)

    threading.excepthook = quiet_helpers
    for process in processes:
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
