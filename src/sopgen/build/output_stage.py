"""Before anything is rendered: the output folder can be written, is locked for this run, and holds nothing in the way.

Every command that writes into a folder (`pack`, `sop`, `flow`) opens it here. The checks come
first so that a folder that cannot be written, or a file in the way, is reported before minutes
of rendering; the lock (an OS lock the system drops when the process dies, even on SIGKILL:
flock on Linux and macOS, filelock's on Windows) keeps two runs from writing the same manifest
at once: the second waits its turn.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sopgen.build.files import remove_stray_parts
from sopgen.build.manifest import MANIFEST, OutputFolder
from sopgen.errors import OutputError, Source
from sopgen.i18n.interface import _

LOCK_FILE = ".sopgen.lock"
LOCK_WAIT_SECONDS = 600.0


@contextmanager
def opened_folder(root: Path, force: bool, relatives: Iterable[str]) -> Iterator[OutputFolder]:
    """The output folder, checked for every file about to be written into it, and locked while the block runs."""
    planned = sorted(set(relatives))
    made = [folder for folder in (root, *root.parents) if not folder.exists()]
    try:
        check_writable(root)
        with folder_lock(root):
            folder = OutputFolder(root, force)
            for relative in planned:
                _check_folders_on_the_way(root, relative)
                folder.check(relative)
            by_folder: dict[Path, set[str]] = {}
            for relative in [*planned, MANIFEST]:
                path = root / relative
                by_folder.setdefault(path.parent, set()).add(path.name)
            for parent, names in by_folder.items():
                remove_stray_parts(parent, names)
            yield folder
    except BaseException:
        if made:
            _remove_if_unused(made)
        raise


def _remove_if_unused(made: list[Path]) -> None:
    """A run that failed before writing anything leaves no folder behind that it made itself."""
    root = made[0]
    try:
        if {entry.name for entry in root.iterdir()} <= {LOCK_FILE}:
            (root / LOCK_FILE).unlink(missing_ok=True)
            for folder in made:
                folder.rmdir()
    except OSError:
        pass


def check_writable(root: Path) -> None:
    """Make the folder if need be and write a little into it, so that a full, read-only or locked-down one is found now."""
    import tempfile

    if root.exists() and not root.is_dir():
        raise OutputError.single(Source(str(root)), _("is a file; --out needs a folder"))
    blocking = next((parent for parent in root.parents if parent.exists() and not parent.is_dir()), None)
    if blocking is not None:
        raise OutputError.single(
            Source(str(blocking)),
            _("is a file, so the folder {folder} cannot be made").format(folder=root),
            _("choose another --out"),
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".sopgen-probe.", dir=root)
        try:
            os.write(handle, b"\0" * 4096)  # a full disk refuses the blocks now, before any rendering
        finally:
            os.close(handle)
            os.unlink(probe)
    except OSError as exc:
        raise OutputError.single(Source(str(root)), _cannot_write(exc), _("choose another --out, or free the folder and run the command again")) from None


def _cannot_write(error: OSError) -> str:
    reasons = {
        errno.EROFS: _("cannot be written: the file system is read-only"),
        errno.ENOSPC: _("cannot be written: the disk is full"),
        errno.EDQUOT: _("cannot be written: the disk quota is used up"),
        errno.EACCES: _("cannot be written: permission denied"),
        errno.EPERM: _("cannot be written: not permitted (is the folder immutable?)"),
    }
    return reasons.get(error.errno or 0) or _("cannot be written: {reason}").format(reason=error.strerror or error)


def _check_folders_on_the_way(root: Path, relative: str) -> None:
    """A file (or a link) where the run needs a folder is found before the run, not in the middle of it."""
    path = root
    for part in Path(relative).parts[:-1]:
        path = path / part
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            raise OutputError.single(Source(str(path)), _("is in the way: sopgen needs a folder here"), _("move it away, or choose another --out"))


@contextmanager
def folder_lock(root: Path) -> Iterator[None]:
    """Hold the folder's lock for the block; another sopgen writing into it makes this one wait its turn."""
    path = root / LOCK_FILE
    try:
        release = _locked(path)
    except TimeoutError:
        raise OutputError.single(
            Source(str(root)),
            _("another sopgen run has been writing into this folder for {minutes} minutes").format(minutes=int(LOCK_WAIT_SECONDS // 60)),
            _("wait for it to finish, or stop it; then run the command again"),
        ) from None
    except OSError as exc:
        raise OutputError.single(Source(str(path)), _cannot_write(exc)) from None
    try:
        yield
    finally:
        release()


def _locked(path: Path) -> Callable[[], None]:
    """Take the lock on `path`, waiting up to LOCK_WAIT_SECONDS; returns what releases it.

    flock where there is one: a single system call, where importing filelock would cost a chart
    command a tenth of its own work.
    """
    try:
        import fcntl
    except ImportError:  # Windows
        from filelock import FileLock, Timeout

        lock = FileLock(str(path), timeout=LOCK_WAIT_SECONDS)
        try:
            lock.acquire()
        except Timeout:
            raise TimeoutError(str(path)) from None
        return lock.release

    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise TimeoutError(str(path)) from None
                time.sleep(0.05)
    except BaseException:
        os.close(handle)
        raise
    return lambda: os.close(handle)  # closing the descriptor drops the lock
