"""The starter SOP pack: plan every document and chart per language, render them on all cores, write them."""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopgen.blueprints.library import Library, builtin_library, document_id, user_library
from sopgen.blueprints.profile import load_profile
from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.tailoring import condition_in_words, tailor_messages
from sopgen.build.manifest import OutputFolder
from sopgen.build.output_stage import opened_folder
from sopgen.build.preflight import check_run_inputs
from sopgen.build.sessions import LanguageSession, RunSettings
from sopgen.build.workers import become_worker, results_in_workers
from sopgen.errors import Problem
from sopgen.export import EXPORT_FORMATS
from sopgen.i18n.locales import LANGUAGE_TAGS

PACK_CHART_FORMATS = ("svg", "png")  # each flow in the pack: SVG to zoom, PNG to paste
EXPORTS = ("bpmn", "drawio")  # editable diagrams beside each chart; Mermaid is for a wiki, not a pack
PARALLEL_FROM = 8
FORMAT_NAMES = {"bpmn": "BPMN", "drawio": "draw.io"}  # as the tools call them; the others in capitals


@dataclass(frozen=True)
class PackItem:
    locale: str
    kind: str  # "sop", "handbook", "messages", "chart" or "export"
    key: str  # the SOP or flow id
    relative: str
    fmt: str = ""


@dataclass(frozen=True)
class RenderedItem:
    item: PackItem
    data: bytes | None
    warnings: tuple[Problem, ...] = ()


@dataclass
class PackResult:
    out: Path
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (SOP id, reason)
    warnings: list[Problem] = field(default_factory=list)
    index: Path | None = None


def load_run(settings: RunSettings) -> tuple[Library, Profile, list[Problem]]:
    """The blueprints and the shop of a run, with the shop's own flows in place of the demo shop's."""
    from sopgen.blueprints.shop_flows import with_shop_flows

    library = user_library(settings.user_blueprints) if settings.user_blueprints else builtin_library()
    if settings.user_blueprints:
        base = builtin_library()
        library = Library(
            library.sops or base.sops, library.flows + base.flows, library.roles, library.warnings, _own_or_builtin_messages(library, base)
        )
    profile = load_profile(settings.profile_path)
    library, warnings = with_shop_flows(library, profile, settings.profile_path)
    return library, profile, warnings


def _own_or_builtin_messages(own: Library, builtin: Library) -> tuple:
    """A user's own message templates; the built-in ones only go with the built-in SOPs they belong to."""
    return own.messages or (() if own.sops else builtin.messages)


def plan(library: Library, profile: Profile, locales: Iterable[str]) -> tuple[list[PackItem], list[tuple[str, str]]]:
    items: list[PackItem] = []
    skipped: list[tuple[str, str]] = []
    applicable = [sop for sop in library.sops if profile.applies(sop.when)]
    for sop in library.sops:
        if sop not in applicable:
            skipped.append((sop.id, condition_in_words(sop.when) if sop.when else ""))
    for locale in locales:
        tag = LANGUAGE_TAGS[locale]
        for sop in applicable:
            name = f"{document_id(sop, library)}-{sop.id}.docx"
            items.append(PackItem(locale, "sop", sop.id, f"{tag}/{sop.phase}/{name}"))
        items.append(PackItem(locale, "handbook", "", f"{tag}/handbook-{tag}.docx"))
        if any(tailor_messages(message_set, profile) for message_set in library.messages):
            items.append(PackItem(locale, "messages", "", f"{tag}/message-templates-{tag}.docx"))
        for flow in library.flows:
            for fmt in PACK_CHART_FORMATS:
                items.append(PackItem(locale, "chart", flow.id, f"{tag}/charts/{flow.id}.{fmt}", fmt))
            for fmt in EXPORTS:
                items.append(PackItem(locale, "export", flow.id, f"{tag}/charts/{flow.id}.{EXPORT_FORMATS[fmt]}", fmt))
    return items, skipped


class _Renderer:
    """Renders pack items for one process, keeping one session per language."""

    def __init__(self, settings: RunSettings):
        self.library, self.profile, _warnings = load_run(settings)  # the main process reports them, once
        self.settings = settings
        self.sessions: dict[str, LanguageSession] = {}

    def session(self, locale: str) -> LanguageSession:
        if locale not in self.sessions:
            self.sessions[locale] = LanguageSession.create(self.library, self.profile, locale, self.settings)
        return self.sessions[locale]

    def render(self, item: PackItem) -> RenderedItem:
        session = self.session(item.locale)
        before = len(session.localization.missing)
        if item.kind in ("chart", "export"):
            flow = self.library.flow(item.key)
            assert flow is not None
            data: bytes | None = session.chart(flow, item.fmt) if item.kind == "chart" else session.export(flow, item.fmt)
        elif item.kind == "handbook":
            data = session.handbook_document(tuple(sop for sop in self.library.sops if self.profile.applies(sop.when)))
        elif item.kind == "messages":
            data = session.messages_document()
        else:
            sop = self.library.sop(item.key)
            assert sop is not None
            data = session.sop_document(sop)
        session.localization.check()
        return RenderedItem(item, data, tuple(session.localization.missing[before:]))


_WORKER: _Renderer | None = None


def _start_worker(settings: RunSettings, parent: int) -> None:
    global _WORKER
    become_worker(parent)
    _WORKER = _Renderer(settings)


def _render_in_worker(item: PackItem) -> RenderedItem:
    assert _WORKER is not None
    return _WORKER.render(item)


def build_pack(
    settings: RunSettings,
    locales: tuple[str, ...],
    out: Path,
    force: bool = False,
    on_item: Callable[[PackItem, int], None] | None = None,
    workers: int | None = None,
) -> PackResult:
    """Render and write the pack; every file is written whole, and a rerun finishes an interrupted pack."""
    library, profile, flow_warnings = load_run(settings)
    items, skipped = plan(library, profile, locales)
    check_run_inputs(settings, locales)
    with opened_folder(out, force, [*(item.relative for item in items), "index.html"]) as folder:
        return _write_pack(folder, settings, library, profile, items, skipped, locales, on_item, workers, flow_warnings)


def _write_pack(
    folder: OutputFolder,
    settings: RunSettings,
    library: Library,
    profile: Profile,
    items: list[PackItem],
    skipped: list[tuple[str, str]],
    locales: tuple[str, ...],
    on_item: Callable[[PackItem, int], None] | None,
    workers: int | None,
    flow_warnings: list[Problem],
) -> PackResult:
    inputs = fingerprints(items, library, profile, settings)
    current = [item for item in items if folder.is_current(item.relative, inputs[item.relative])]
    for item in current:
        folder.keep(item.relative)
        if on_item:
            on_item(item, len(items))
    result = PackResult(folder.root, skipped=skipped)
    warnings: dict[str, Problem] = {str(problem): problem for problem in flow_warnings}
    # closing(): whatever stops the loop stops the workers at once, not when the generator is collected
    with closing(_render_all([item for item in items if item not in current], settings, workers)) as renderings:
        for rendered in renderings:
            if rendered.data is not None:
                folder.write(rendered.item.relative, rendered.data, inputs[rendered.item.relative])
            for problem in rendered.warnings:
                warnings.setdefault(str(problem), problem)
            if on_item:
                on_item(rendered.item, len(items))
    result.index = folder.write("index.html", index_page(profile, library, items, locales))
    result.written, result.unchanged = folder.written, folder.unchanged
    result.warnings = list(warnings.values())
    return result


def fingerprints(items: list[PackItem], library: Library, profile: Profile, settings: RunSettings) -> dict[str, str]:
    """For each output, a digest of everything it is made from: code, catalogs, profile, blueprints, options."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")  # dates documents whose profile gives no effective date
    common = _digest(_code_digest(), profile.model_dump_json(), repr(settings), _file_digest(settings.template), epoch)
    roles = _digest(*(catalog.model_dump_json() for catalog in library.roles))
    catalogs = {locale: _catalogs_digest(locale, settings) for locale in {item.locale for item in items}}
    messages = _digest(*(message_set.model_dump_json() for message_set in library.messages))

    def sop_inputs(sop_id: str) -> str:
        sop = library.sop(sop_id)
        flow = library.flow(sop.flow) if sop and sop.flow else None
        return _digest(sop.model_dump_json() if sop else "", flow.model_dump_json() if flow else "", document_id(sop, library) if sop else "")

    keys = {}
    for item in items:
        if item.kind == "sop":
            content = sop_inputs(item.key)
        elif item.kind in ("chart", "export"):
            content = _digest(library.flow(item.key).model_dump_json(), item.fmt)
        else:  # the handbook and the message templates: every SOP the shop gets, and the messages
            content = _digest(*(sop_inputs(sop.id) for sop in library.sops if profile.applies(sop.when)), messages)
        keys[item.relative] = _digest(common, roles, catalogs[item.locale], item.locale, item.kind, content)
    return keys


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _file_digest(path: Path | None) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path and path.is_file() else ""


@functools.cache
def _code_digest() -> str:
    from sopgen import resources

    package = resources.package_dir()
    files = sorted(path for path in package.rglob("*") if path.is_file() and path.suffix in (".py", ".html", ".yaml", ".docx"))
    return _digest(*(f"{path.relative_to(package)}:{_file_digest(path)}" for path in files))


def _catalogs_digest(locale: str, settings: RunSettings) -> str:
    from sopgen import resources

    folders = [resources.locales_dir(), *settings.user_locales]
    files = sorted(path for folder in folders for path in (folder / locale / "LC_MESSAGES").glob("*.po"))
    return _digest(*(_file_digest(path) for path in files))


def _render_all(items: list[PackItem], settings: RunSettings, workers: int | None) -> Iterable[RenderedItem]:
    count = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if count <= 1 or len(items) < PARALLEL_FROM:
        renderer = _Renderer(settings)
        for item in items:
            yield renderer.render(item)
        return
    # Charts first: they are quick, and documents embed them.
    ordered = sorted(items, key=lambda item: (item.kind not in ("chart", "export"), item.kind == "handbook"))
    yield from results_in_workers(_render_in_worker, ordered, count, _start_worker, (settings, os.getpid()))


def index_page(profile: Profile, library: Library, items: list[PackItem], locales: tuple[str, ...]) -> bytes:
    """A static page linking every document and chart, readable in a browser without a server."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from sopgen.blueprints.vocabulary import PHASES
    from sopgen.i18n.localizer import Localizer

    sections = []
    for locale in locales:
        localizer = Localizer.for_locale(locale)
        localize = _title_localizer(localizer)
        phases = []
        sop_items = [item for item in items if item.locale == locale and item.kind == "sop"]
        for phase, label in PHASES.items():
            numbered = sorted(
                ((document_id(library.sop(item.key), library), item) for item in sop_items if library.sop(item.key).phase == phase),
                key=lambda pair: _by_number(pair[0]),
            )
            documents = [
                {"href": item.relative, "title": f"{number} · {localize(library.sop(item.key).title)}"} for number, item in numbered
            ]
            if documents:
                phases.append({"title": localizer._(label), "documents": documents})
        # The shop's flows: those its documents embed; the library's other flows belong to other shops.
        embedded = {library.sop(item.key).flow for item in sop_items}
        charts: dict[str, dict[str, Any]] = {}
        for item in items:
            if item.locale == locale and item.kind in ("chart", "export") and item.key in embedded:
                title = localize(library.flow(item.key).title)
                # "Title: " or, in Chinese, "Title：", followed by the links to its files
                lead = localizer._("{label}: {value}").format(label=title, value="")
                chart = charts.setdefault(item.key, {"lead": lead, "files": []})
                chart["files"].append({"href": item.relative, "format": FORMAT_NAMES.get(item.fmt, item.fmt.upper()), "editable": item.kind == "export"})
        handbook = next(item.relative for item in items if item.locale == locale and item.kind == "handbook")
        messages = next((item.relative for item in items if item.locale == locale and item.kind == "messages"), None)
        sections.append(
            {
                "lang": LANGUAGE_TAGS[locale],
                "language": localizer.babel_locale.get_display_name(localizer.babel_locale).capitalize(),
                "handbook": handbook,
                "handbook_title": localizer._("SOP handbook"),
                "messages": messages,
                "messages_title": localizer._("Customer message templates"),
                "procedures_title": localizer._("Procedures"),
                "charts_title": localizer._("Order-flow charts"),
                "editable_note": localizer._(
                    "BPMN opens in bpmn.io or Camunda Modeler, draw.io files in draw.io (diagrams.net): both stay editable."
                ),
                "phases": phases,
                "charts": list(charts.values()),
            }
        )
    environment = Environment(loader=PackageLoader("sopgen.build", "templates"), autoescape=select_autoescape(["html"]))
    page = environment.get_template("index.html").render(shop=profile.shop.name, sections=sections)
    return page.encode("utf-8")


def _by_number(document_number: str) -> tuple[str, int, str]:
    """SOP-PRE-002 before SOP-PRE-010: the prefix, then the number as a number."""
    prefix, _, number = document_number.rpartition("-")
    return (prefix, int(number), "") if number.isdigit() else (document_number, 0, number)


def _title_localizer(localizer: Any) -> Callable[[str], str]:
    def localize(text: str) -> str:
        return localizer.translate(text) or text

    return localize
