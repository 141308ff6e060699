"""Writing a file atomically: a temporary file in the same folder, then a rename, with Ctrl-C held back."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: the file appears whole or not at all."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    with interrupts_deferred():
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise



def write_new_file(path: Path, data: bytes) -> None:
    """Like write_atomically, but never over an existing file: FileExistsError if `path` exists.

    The whole temporary file is hard-linked to its name, which fails when the name is taken,
    also when another process takes it in between.
    """
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    with interrupts_deferred():
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.link(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C back until the block is done, so a file and its record are written together.

    The handler is swapped rather than the signal masked: another thread of the process (the
    worker pool's) may receive the signal, and Python still runs the handler in this one.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received and callable(previous):
        previous(signal.SIGINT, None)
    elif received and previous == signal.SIG_DFL:
        signal.raise_signal(signal.SIGINT)


def write_if_changed(path: Path, data: bytes) -> Path:
    """Write only when the bytes differ, so that unchanged catalogs keep their modification time."""
    if not (path.is_file() and path.read_bytes() == data):
        write_atomically(path, data)
    return path
