"""Reading an input file whatever it is: only regular files, never more than a limit, with one message per failure.

Blueprints, profiles, catalogs and templates all come through `read_bounded`. The size check
cannot trust `st_size` (0 for /dev/zero, a FIFO or /dev/stdin), so a non-regular file is refused
before it is opened, and at most `limit + 1` bytes are read from the open file, which is checked
again after opening (the path may be swapped in between).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sopgen.errors import InputError, SopgenError, Source
from sopgen.i18n.interface import _

MEGABYTE = 1_048_576


def read_bounded(
    path: Path,
    limit: int,
    shown: str | None = None,
    error: type[SopgenError] = InputError,
    too_big: str | None = None,
    hint: str | None = None,
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is `error` with a clear message.

    `too_big` is the message for a file over the limit, with {size} and {limit} in megabytes.
    """
    where = Source(shown or str(path))
    try:
        kind = _kind(os.stat(path).st_mode)
        if kind is not None:
            raise error.single(where, kind)
        # O_NONBLOCK: were the path swapped for a FIFO after the check, opening it must not hang.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            status = os.fstat(descriptor)
            kind = _kind(status.st_mode)
            if kind is not None:
                raise error.single(where, kind)
            size = status.st_size
            chunks: list[bytes] = []
            remaining = limit + 1
            while remaining > 0:
                chunk = os.read(descriptor, min(remaining, MEGABYTE))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        raise error.single(where, _("no such file")) from None
    except IsADirectoryError:
        raise error.single(where, _("is a folder, not a file")) from None
    except OSError as exc:
        raise error.single(where, _("cannot be read: {reason}").format(reason=exc.strerror or exc)) from None
    data = b"".join(chunks)
    if len(data) > limit:
        message = too_big or _("file is {size} MB; the limit is {limit} MB")
        raise error.single(where, message.format(size=_megabytes(max(size, len(data))), limit=_megabytes(limit)), hint)
    return data


def _kind(mode: int) -> str | None:
    """What is wrong with a file of this mode, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("is a folder, not a file")
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return _("is a pipe or socket, not a file; sopgen reads only regular files")
    return _("is a device, not a file; sopgen reads only regular files")


def _megabytes(limit: int) -> str:
    value = round(limit / MEGABYTE, 1)
    return str(int(value)) if value.is_integer() else str(value)
