"""The pack's worker processes belong to it: they ignore Ctrl-C, die with the pack, and are stopped when it stops.

A small pool of its own rather than concurrent.futures': each worker has one pipe to the pack
and no thread sits between them. A worker killed while it sends its result leaves half a message
in its pipe; ProcessPoolExecutor's reader thread would wait for the rest for ever, and the
interpreter waits for that thread at exit. Here the pack just closes the pipe.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from sopgen.errors import SopgenError

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


def results_in_workers(
    function: Callable[[Any], Any],
    items: list[Any],
    count: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    then: Callable[[], list[Any]] | None = None,
) -> Iterator[Any]:
    """`function(item)` for every item on `count` worker processes, as they finish; the workers stop as soon as the caller does.

    `then`, called once every item is done and its result taken, gives the items of a second
    round on the same workers: items that need what the first round made.
    """
    import multiprocessing
    from multiprocessing.connection import wait

    from sopgen.build.files import interrupts_deferred

    context = multiprocessing.get_context()
    if not items and then is not None:
        items, then = then(), None
    waiting = list(reversed(items))
    busy: dict[Any, Any] = {}  # a worker's pipe -> the worker, while it renders an item
    workers = []
    try:
        with interrupts_deferred():  # the workers start whole, so that all of them are known when they must be stopped
            for _ in range(count if then is not None else min(count, len(items))):
                ours, theirs = context.Pipe()
                worker = context.Process(target=_serve, args=(theirs, function, initializer, initargs), daemon=True)
                worker.start()
                theirs.close()
                workers.append((worker, ours))
        for worker, pipe in workers:
            _hand_out(pipe, worker, waiting, busy)
        while busy:
            sentinels = {worker.sentinel: worker for worker in busy.values()}
            for ready in wait([*busy, *sentinels]):
                if ready in busy:
                    worker = busy.pop(ready)
                    outcome = ready.recv()
                    _hand_out(ready, worker, waiting, busy)
                    yield _result(outcome)
                    if then is not None and not busy and not waiting:
                        waiting, then = list(reversed(then())), None
                        for idle, pipe in workers:
                            if pipe not in busy:
                                _hand_out(pipe, idle, waiting, busy)
                elif ready in sentinels and sentinels[ready] in busy.values():
                    raise RuntimeError(f"a worker process of the pack ended unexpectedly (exit code {sentinels[ready].exitcode})")
    finally:
        for worker, pipe in workers:
            if worker.is_alive():
                worker.kill()
            pipe.close()
        for worker, _pipe in workers:
            worker.join(timeout=5)


def _hand_out(pipe: Any, worker: Any, waiting: list[Any], busy: dict[Any, Any]) -> None:
    if waiting:
        pipe.send(waiting.pop())
        busy[pipe] = worker


def _serve(pipe: Any, function: Callable[[Any], Any], initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    """A worker's life: set up once, then render what the pack sends until it closes the pipe."""
    initializer(*initargs)
    while True:
        try:
            item = pipe.recv()
        except (EOFError, OSError):
            return
        try:
            outcome: tuple[str, Any] = ("done", function(item))
        except SopgenError as error:  # the user's problem, told as the pack would tell it
            outcome = ("input", (type(error), error.problems))
        except Exception:
            outcome = ("bug", traceback.format_exc())
        pipe.send(outcome)


def _result(outcome: tuple[str, Any]) -> Any:
    kind, value = outcome
    if kind == "done":
        return value
    if kind == "input":
        error_type, problems = value
        raise error_type(problems)
    raise RuntimeError(f"a worker process of the pack failed:\n{value}")
