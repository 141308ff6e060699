"""Output folders sopgen writes into without wiping them, and the manifest of what it wrote from what.

The manifest records intent: a file's entry is written *before* the file is renamed into place,
with the digest of the new bytes and that of the file it replaces. Killed in between, a rerun
finds on disk either bytes it recorded, so it takes the file as its own and finishes the job.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from sopgen.build.files import interrupts_deferred, unwritable, write_atomically, write_part
from sopgen.errors import OutputError, Source
from sopgen.i18n.interface import _ as ui_

MANIFEST = ".sopgen-manifest.json"


@dataclass(frozen=True)
class ManifestEntry:
    sha256: str
    inputs: str = ""  # fingerprint of everything the file was made from
    earlier: str = ""  # the digest of the file this one replaces, while the rename may not have happened


@dataclass
class OutputFolder:
    """An output folder sopgen writes into without wiping it, remembering what it wrote.

    A file sopgen wrote before and that was changed since (edited by hand), or a file sopgen did
    not write, is not overwritten unless `force` is set. A file whose inputs did not change since
    it was written need not be made again (`is_current`). Open it with
    `build.output_stage.opened_folder`, which checks the folder and holds its lock.
    """

    root: Path
    force: bool = False
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._entries: dict[str, ManifestEntry] = read_manifest(self.root, self.force)
        self._digests: dict[str, str] = {}

    def _digest_on_disk(self, relative: str) -> str | None:
        if relative not in self._digests:
            target = self._target(relative)
            try:
                self._digests[relative] = _sha256(target.read_bytes()) if target.is_file() and not target.is_symlink() else ""
            except OSError:
                self._digests[relative] = ""
        return self._digests[relative] or None

    def _is_ours(self, relative: str) -> bool:
        """The file on disk holds bytes sopgen recorded for it: written, or about to be when a run was stopped."""
        entry = self._entries.get(relative)
        digest = self._digest_on_disk(relative)
        return entry is not None and digest is not None and digest in (entry.sha256, entry.earlier)

    def check(self, relative: str) -> None:
        """Refuse before any work starts when a file was edited by hand, or something else stands where it goes."""
        target = self._target(relative)
        if target.is_symlink():
            if self.force:
                return
            raise OutputError.single(
                Source(str(target)),
                ui_("is a symbolic link; sopgen does not write through links"),
                ui_("move it away, or pass --force to replace the link with the file"),
            )
        if target.is_dir():
            raise OutputError.single(Source(str(target)), ui_("is a folder where sopgen writes a file"), ui_("move it away, or choose another --out"))
        if self.force or not target.exists() or self._is_ours(relative):
            return
        raise OutputError.single(
            Source(str(target)),
            ui_("was changed since sopgen wrote it, or was not written by sopgen; not overwriting it"),
            ui_("move it away, or pass --force to overwrite it"),
        )

    def is_current(self, relative: str, inputs: str) -> bool:
        """The file on disk is the one sopgen made from exactly these inputs."""
        entry = self._entries.get(relative)
        return entry is not None and entry.inputs == inputs and self._digest_on_disk(relative) == entry.sha256

    def keep(self, relative: str) -> Path:
        target = self._target(relative)
        self.unchanged.append(target)
        return target

    def write(self, relative: str, data: bytes, inputs: str = "") -> Path:
        target = self._target(relative)
        digest = _sha256(data)
        if self.is_current(relative, inputs) and self._entries[relative].sha256 == digest:
            return self.keep(relative)
        self.check(relative)
        earlier = self._digest_on_disk(relative) or ""
        with interrupts_deferred():
            temporary = write_part(target, data)
            try:
                self._entries[relative] = ManifestEntry(digest, inputs, earlier if earlier != digest else "")
                self._save()
                os.replace(temporary, target)
            except OSError as exc:
                temporary.unlink(missing_ok=True)
                raise unwritable(target, exc) from None
            except BaseException:
                temporary.unlink(missing_ok=True)
                raise
            self._digests[relative] = digest
        self.written.append(target)
        return target

    def _save(self) -> None:
        manifest = {
            path: {"sha256": entry.sha256, "inputs": entry.inputs, **({"earlier": entry.earlier} if entry.earlier else {})}
            for path, entry in sorted(self._entries.items())
        }
        write_atomically(self.root / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))

    def _target(self, relative: str) -> Path:
        # The folders are resolved, the file itself is not: a link there is refused, never followed.
        target = self.root.resolve() / relative
        folder = target.parent.resolve()
        if folder != self.root.resolve() and self.root.resolve() not in folder.parents:
            raise OutputError.single(Source(relative), ui_("would be written outside the output folder"))
        return folder / target.name


def read_manifest(root: Path, force: bool) -> dict[str, ManifestEntry]:
    """The manifest's entries; one that is not a manifest sopgen wrote is an error (with --force: forgotten)."""
    manifest = root / MANIFEST
    if not manifest.exists() and not manifest.is_symlink():
        return {}
    problem = None
    if manifest.is_symlink():
        problem = ui_("is a symbolic link, not the manifest sopgen writes")
    elif not manifest.is_file():
        problem = ui_("is not a file; sopgen keeps its record of the files it wrote here")
    else:
        try:
            raw = json.loads(manifest.read_bytes())
            return {str(path): ManifestEntry(**entry) for path, entry in raw.items()}
        except (ValueError, TypeError, AttributeError) as exc:
            problem = ui_("was changed by hand and cannot be read ({reason})").format(reason=str(exc)[:80])
        except OSError as exc:
            problem = ui_("cannot be read: {reason}").format(reason=exc.strerror or exc)
    if force and manifest.is_file() or force and manifest.is_symlink():
        return {}
    raise OutputError.single(
        Source(str(manifest)),
        problem,
        ui_("delete it and run the command again with --force: sopgen then rewrites every file it makes here"),
    )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
