"""Output folders sopgen writes into without wiping them, and the manifest of what it wrote from what."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sopgen.errors import OutputError, Source
from sopgen.i18n.interface import _ as ui_

if TYPE_CHECKING:
    pass

from sopgen.build.files import interrupts_deferred, write_atomically

MANIFEST = ".sopgen-manifest.json"


@dataclass(frozen=True)
class ManifestEntry:
    sha256: str
    inputs: str = ""  # fingerprint of everything the file was made from


@dataclass
class OutputFolder:
    """An output folder sopgen writes into without wiping it, remembering what it wrote.

    A file sopgen wrote before and that was changed since (edited by hand), or a file sopgen did
    not write, is not overwritten unless `force` is set. A file whose inputs did not change since
    it was written need not be made again (`is_current`).
    """

    root: Path
    force: bool = False
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise OutputError.single(Source(str(self.root)), ui_("is a file; --out needs a folder"))
        self._entries: dict[str, ManifestEntry] = self._read_manifest()

    def _read_manifest(self) -> dict[str, ManifestEntry]:
        manifest = self.root / MANIFEST
        try:
            raw = json.loads(manifest.read_text("utf-8")) if manifest.is_file() else {}
            return {path: ManifestEntry(**entry) for path, entry in raw.items()}
        except (ValueError, OSError, TypeError):
            return {}

    def _on_disk_matches_manifest(self, relative: str) -> bool:
        target = self._target(relative)
        entry = self._entries.get(relative)
        return entry is not None and target.is_file() and entry.sha256 == _sha256(target.read_bytes())

    def check(self, relative: str) -> None:
        """Refuse before any work starts when a file was edited by hand."""
        if self.force or not self._target(relative).exists() or self._on_disk_matches_manifest(relative):
            return
        raise OutputError.single(
            Source(str(self._target(relative))),
            ui_("was changed since sopgen wrote it, or was not written by sopgen; not overwriting it"),
            ui_("move it away, or pass --force to overwrite it"),
        )

    def is_current(self, relative: str, inputs: str) -> bool:
        """The file on disk is the one sopgen made from exactly these inputs."""
        entry = self._entries.get(relative)
        return entry is not None and entry.inputs == inputs and self._on_disk_matches_manifest(relative)

    def keep(self, relative: str) -> Path:
        target = self._target(relative)
        self.unchanged.append(target)
        return target

    def write(self, relative: str, data: bytes, inputs: str = "") -> Path:
        target = self._target(relative)
        digest = _sha256(data)
        if self._entries.get(relative) == ManifestEntry(digest, inputs) and self._on_disk_matches_manifest(relative):
            return self.keep(relative)
        self.check(relative)
        with interrupts_deferred():
            write_atomically(target, data)
            self._entries[relative] = ManifestEntry(digest, inputs)
            manifest = {path: {"sha256": entry.sha256, "inputs": entry.inputs} for path, entry in sorted(self._entries.items())}
            write_atomically(self.root / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
        self.written.append(target)
        return target

    def _target(self, relative: str) -> Path:
        target = (self.root / relative).resolve()
        if self.root.resolve() not in target.parents:
            raise OutputError.single(Source(relative), ui_("would be written outside the output folder"))
        return target


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
