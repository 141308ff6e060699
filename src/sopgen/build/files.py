"""Writing a file atomically: a temporary file in the same folder, then a rename, with Ctrl-C and SIGTERM held back."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sopgen.errors import OutputError, Source
from sopgen.i18n.interface import _

# `.{name}.{eight random characters}.part`, as mkstemp names sopgen's temporary files.
_PART = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.part$")
_HELD_BACK = ("SIGINT", "SIGTERM")


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: the file appears whole or not at all."""
    with interrupts_deferred():
        temporary = write_part(path, data)
        try:
            os.replace(temporary, path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise unwritable(path, exc) from None
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


def write_part(path: Path, data: bytes) -> Path:
    """The bytes in a temporary file beside `path`, on disk and with the usual permissions; the caller renames it."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise unwritable(path, exc) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), 0o666 & ~_umask())  # mkstemp's 0600 would keep a pack from being shared
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise unwritable(path, exc) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def unwritable(path: Path, error: OSError) -> OutputError:
    """An OSError met while writing, as the user's problem: where, and what the system said."""
    return OutputError.single(
        Source(str(path)),
        _("cannot be written: {reason}").format(reason=error.strerror or error),
        _("check that the folder exists, is writable and has free space; then run the command again"),
    )


def remove_stray_parts(folder: Path, names: set[str]) -> None:
    """Delete temporary files sopgen left for these file names when a run was killed (the caller holds the folder's lock)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _PART.match(entry.name)
        if match and match["name"] in names and entry.is_file(follow_symlinks=False):
            Path(entry.path).unlink(missing_ok=True)


@functools.cache
def _umask() -> int:
    """The process's umask; reading it means setting it, so it is read once, at the first write."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask



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
    """Hold Ctrl-C and SIGTERM back until the block is done, so a file and its record are written together.

    The handlers are swapped rather than the signals masked: another thread of the process (the
    worker pool's) may receive a signal, and Python still runs the handler in this one.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {}
    for name in _HELD_BACK:
        number = getattr(signal, name)
        previous[number] = signal.signal(number, lambda signum, _frame: received.append(signum))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    for number in dict.fromkeys(received):
        handler = previous[number]
        if callable(handler):
            handler(number, None)
        elif handler == signal.SIG_DFL:
            signal.raise_signal(number)


def write_if_changed(path: Path, data: bytes, compiled_from: Path | None = None) -> Path:
    """Write only when the bytes differ, so that unchanged catalogs keep their modification time.

    An unchanged file older than `compiled_from`, its source (a .po edited or checked out again
    without a change to what it compiles to), is touched instead: readers that compare the two
    times would otherwise take it as stale and compile the source again in every run.
    """
    try:
        same = path.is_file() and path.read_bytes() == data
    except OSError:
        same = False
    if not same:
        write_atomically(path, data)
    elif compiled_from is not None and compiled_from.is_file() and path.stat().st_mtime < compiled_from.stat().st_mtime:
        os.utime(path)
    return path
