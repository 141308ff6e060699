"""Pausing Python's garbage collector while a stage builds data that holds no reference cycles."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while the block runs; afterwards as before.

    For stages that build much data and no reference cycles (YAML nodes and the records made of
    them, a chart's labels and DOT lines): reference counting frees what they drop, and the
    collector would only walk the growing data over and over (in a 2 MB flow, half of the
    loading time). A cycle made meanwhile is still collected, later.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
