"""Wires the stages together; the only module that writes files, and it writes them atomically.

The SOP and chart stages are imported where they are used: drawing one chart loads none of
the SOP machinery.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopgen.errors import InputError, OutputError, Problem, Source
from sopgen.i18n.interface import _ as ui_

if TYPE_CHECKING:
    from sopgen.analysis.whatif import WhatIf
    from sopgen.localize.localization import Localization
    from sopgen.blueprints.model import SopBlueprint
    from sopgen.blueprints.validation import Library
    from sopgen.docx.views import ChartPicture, SopView


# ---------------------------------------------------------------- writing files


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


# ---------------------------------------------------------------- output folders


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


# ---------------------------------------------------------------- single charts


@dataclass(frozen=True)
class ChartRequest:
    flow: str  # a built-in id or a path
    locale: str
    fmt: str
    out: Path
    profile: Path | None = None
    strict: bool = False
    what_if: WhatIf | None = None  # draw the future state, its changed steps marked

    @classmethod
    def create(
        cls, flow: str, locale: str, fmt: str | None, out: Path | None, profile: Path | None, strict: bool, what_if: WhatIf | None = None
    ) -> ChartRequest:
        from sopgen.charts.graphviz_run import CHART_FORMATS
        from sopgen.i18n.locales import LANGUAGE_TAGS
        from sopgen.blueprints.validation import choices_hint

        chosen = (fmt or (out.suffix.lstrip(".").lower() if out and out.suffix else "svg")).lower()
        if chosen not in CHART_FORMATS:
            raise InputError.single(
                Source("--format"), ui_("unknown chart format '{format}'").format(format=chosen), choices_hint(chosen, CHART_FORMATS)
            )
        stem = Path(flow).stem if Path(flow).suffix else flow
        if what_if is not None:
            stem += ".future"
        return cls(flow, locale, chosen, out or Path(f"{stem}.{LANGUAGE_TAGS[locale]}.{chosen}"), profile, strict, what_if)


def render_flow_chart(request: ChartRequest) -> tuple[bytes, str, list[Problem]]:
    """The chart's bytes, a one-line summary of its analysis, and any translation warnings."""
    from sopgen.analysis.figures import analyse
    from sopgen.charts.graphviz_run import render_chart
    from sopgen.i18n.localizer import Localizer
    from sopgen.localize.localization import Localization
    from sopgen.blueprints.library import resolve_flow
    from sopgen.blueprints.profile import load_profile
    from sopgen.charts.flowchart import flowchart

    record = resolve_flow(request.flow)
    changed: frozenset[str] = frozenset()
    if request.what_if is not None:
        from sopgen.analysis.whatif import apply

        record = apply(record, request.what_if)
        changed = frozenset(request.what_if.step_ids())
    if request.fmt != "dot":
        refuse_oversized_chart(record)
    profile = load_profile(request.profile) if request.profile else None
    localization = Localization(Localizer.for_locale(request.locale, strict=request.strict), profile)
    localized = localization.record(record)
    localization.check()
    analysis = analyse(record)
    data = render_chart(flowchart(localized, analysis, localization.localizer, changed=changed), request.fmt)
    return data, summary_line(localized, analysis, localization.localizer), list(localization.missing)


def refuse_oversized_chart(flow: Any) -> None:
    """Refuse before any layout work: dot has no time limit, and big dense charts take minutes."""
    from sopgen.charts.graphviz_run import MAX_EDGES, MAX_NODES

    if len(flow.steps) > MAX_NODES or len(flow.edges) > MAX_EDGES:
        raise OutputError.single(
            flow.source,
            ui_("the flow has {steps} steps and {edges} edges; charts are drawn up to {max_steps} steps and {max_edges} edges").format(
                steps=len(flow.steps), edges=len(flow.edges), max_steps=MAX_NODES, max_edges=MAX_EDGES
            ),
            ui_("split the flow into smaller flows, or write --format dot and run dot yourself"),
        )


def summary_line(flow: Any, analysis: Any, localizer: Any) -> str:
    _ = localizer._
    parts = [_("lead time {duration}").format(duration=localizer.duration(analysis.lead_time_minutes))]
    if analysis.cycle_efficiency is not None:
        parts.append(_("cycle efficiency {percent}").format(percent=localizer.percent(analysis.cycle_efficiency)))
    manual = analysis.manual_handoffs
    parts.append(localizer.ngettext("{count} manual hand-off", "{count} manual hand-offs", manual).format(count=manual))
    if analysis.bottleneck is not None:
        title = flow.step(analysis.bottleneck.step).title
        if analysis.bottleneck.utilization is not None:
            parts.append(_("bottleneck: {step} ({percent})").format(step=title, percent=localizer.percent(analysis.bottleneck.utilization)))
        else:
            parts.append(_("bottleneck: {step}").format(step=title))
    return " · ".join(parts)


def write_flow_chart(request: ChartRequest) -> tuple[Path, list[Problem]]:
    data, _summary, warnings = render_flow_chart(request)
    write_atomically(request.out, data)
    return request.out, warnings


# ---------------------------------------------------------------- SOP documents


FALLBACK_DATE = dt.date(2026, 1, 1)


def build_date(sop: SopBlueprint | None, localization: Localization) -> dt.date:
    """The effective date: the profile's, else SOURCE_DATE_EPOCH, else the blueprint's own date."""
    if localization.shop.document.effective:
        return localization.shop.document.effective
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    if sop is not None and sop.updated:
        return sop.updated
    return FALLBACK_DATE


def sop_view(sop: SopBlueprint, library: Library, localization: Localization, chart: ChartPicture | None = None) -> SopView | None:
    """The SOP tailored to the shop and localized, with its document control data; None if it does not apply."""
    from sopgen.blueprints.library import document_id
    from sopgen.blueprints.model import all_steps
    from sopgen.blueprints.tailoring import tailor
    from sopgen.docx.views import SopView, add_months, tool_rows

    tailored = tailor(sop, localization.shop)
    if tailored is None:
        return None
    localized = localization.record(tailored)
    role_ids = set(sop.roles) | {step.role for step in all_steps(sop.steps) if step.role}
    roles = {role.id: localization.record(role) for catalog in library.roles for role in catalog.roles if role.id in role_ids}
    effective = build_date(sop, localization)
    return SopView(
        sop=localized,
        document_id=document_id(sop, library),
        localizer=localization.localizer,
        profile=localization.shop,
        role_titles={role_id: role.title for role_id, role in roles.items()},
        role_descriptions={role_id: role.description or "" for role_id, role in roles.items()},
        tools=tool_rows(sop, localization.shop, localization.localizer),
        effective=effective,
        next_review=add_months(effective, sop.review_every.months()),
        chart=chart,
    )


def write_sop_documents(
    id_or_path: str, settings: Any, locales: tuple[str, ...] | None, out: Path, force: bool
) -> tuple[list[Path], list[Problem]]:
    """One SOP as .docx per language, named `<document id>-<id>.<lang>.docx` in `out`."""
    from sopgen.blueprints.library import document_id, resolve_sop
    from sopgen.i18n.locales import LANGUAGE_TAGS
    from sopgen.blueprints.profile import load_profile, profile_locales
    from sopgen.build.sessions import LanguageSession

    record, library = resolve_sop(id_or_path)
    profile = load_profile(settings.profile_path)
    chosen = locales or profile_locales(profile)
    folder = OutputFolder(out, force)
    names = {locale: f"{document_id(record, library)}-{record.id}.{LANGUAGE_TAGS[locale]}.docx" for locale in chosen}
    for name in names.values():
        folder.check(name)
    warnings: list[Problem] = []
    for locale in chosen:
        session = LanguageSession.create(library, profile, locale, settings)
        data = session.sop_document(record)
        session.localization.check()
        warnings.extend(session.localization.missing)
        if data is None:
            raise InputError.single(record.source, ui_("this SOP does not apply to the shop in the profile (see its 'when')"))
        folder.write(names[locale], data)
    return folder.written + folder.unchanged, warnings
