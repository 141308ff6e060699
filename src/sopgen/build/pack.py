"""The starter SOP pack: plan every document and chart per language, render them on all cores, write them."""

from __future__ import annotations

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
from sopgen.build.bilingual import BilingualSession, index_localizer, language_name, session_for
from sopgen.build.fingerprints import fingerprints
from sopgen.build.manifest import OutputFolder
from sopgen.build.output_stage import opened_folder
from sopgen.build.preflight import check_run_inputs
from sopgen.build.sessions import ChartKey, LanguageSession, RunSettings
from sopgen.build.workers import become_worker, results_in_workers
from sopgen.errors import Problem
from sopgen.export import EXPORT_FORMATS
from sopgen.i18n.locales import LANGUAGE_TAGS, language_pair, language_tag, single_locales

PACK_CHART_FORMATS = ("svg", "png")  # each flow in the pack: SVG to zoom, PNG to paste
EXPORTS = ("bpmn", "drawio")  # editable diagrams beside each chart; Mermaid is for a wiki, not a pack
PARALLEL_FROM = 8
FORMAT_NAMES = {"bpmn": "BPMN", "drawio": "draw.io"}  # as the tools call them; the others in capitals


@dataclass(frozen=True)
class PackItem:
    locale: str
    kind: str  # "sop", "handbook", "messages", "chart" or "export"; "pdf" in progress reports of --pdf; "pictures" inside a run
    key: str  # the SOP or flow id
    relative: str
    fmt: str = ""


@dataclass(frozen=True)
class RenderedItem:
    item: PackItem
    data: bytes | None
    warnings: tuple[Problem, ...] = ()
    drawn: tuple[tuple[ChartKey, Any], ...] = ()  # the charts this item drew, for the documents that embed them


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
        tag = language_tag(locale)  # a bilingual edition's folder is `da+id`
        for sop in applicable:
            name = f"{document_id(sop, library)}-{sop.id}.docx"
            items.append(PackItem(locale, "sop", sop.id, f"{tag}/{sop.phase}/{name}"))
        items.append(PackItem(locale, "handbook", "", f"{tag}/handbook-{tag}.docx"))
        if any(tailor_messages(message_set, profile) for message_set in library.messages):
            items.append(PackItem(locale, "messages", "", f"{tag}/message-templates-{tag}.docx"))
        for flow in library.flows:
            for fmt in PACK_CHART_FORMATS:
                items.append(PackItem(locale, "chart", flow.id, f"{tag}/charts/{flow.id}.{fmt}", fmt))
            for fmt in EXPORTS if not language_pair(locale) else ():  # editable diagrams: one language each
                items.append(PackItem(locale, "export", flow.id, f"{tag}/charts/{flow.id}.{EXPORT_FORMATS[fmt]}", fmt))
    return items, skipped


class _Renderer:
    """Renders pack items for one process, keeping one session per language."""

    def __init__(self, settings: RunSettings):
        self.library, self.profile, _warnings = load_run(settings)  # the main process reports them, once
        self.settings = settings
        self.sessions: dict[str, LanguageSession | BilingualSession] = {}

    def session(self, locale: str) -> LanguageSession | BilingualSession:
        if locale not in self.sessions:
            self.sessions[locale] = session_for(self.library, self.profile, locale, self.settings)
        return self.sessions[locale]

    def render(self, item: PackItem, drawn: tuple[tuple[ChartKey, Any], ...] = ()) -> RenderedItem:
        """The item's bytes; `drawn` are charts another process already drew for it."""
        session = self.session(item.locale)
        session.charts_drawn(dict(drawn))
        known = session.chart_keys()
        before = [len(localization.missing) for localization in session.localizations]
        charts_before = len(session.chart_warnings)
        if item.kind in ("chart", "export", "pictures"):
            flow = self.library.flow(item.key)
            assert flow is not None
            if item.kind == "pictures":  # what documents embed, drawn once for all of them; no file of its own
                session.document_chart_pages(flow)
                data: bytes | None = None
            elif item.kind == "chart":
                data = session.chart(flow, item.fmt)
            else:
                assert isinstance(session, LanguageSession)
                data = session.export(flow, item.fmt)
        elif item.kind == "handbook":
            data = session.handbook_document(tuple(sop for sop in self.library.sops if self.profile.applies(sop.when)))
        elif item.kind == "messages":
            data = session.messages_document()
        else:
            sop = self.library.sop(item.key)
            assert sop is not None
            data = session.sop_document(sop)
        for localization in session.localizations:
            localization.check()
        warnings = tuple(problem for count, localization in zip(before, session.localizations) for problem in localization.missing[count:])
        new = tuple(session.chart_entries(session.chart_keys() - known))
        warnings = (*warnings, *session.chart_warnings[charts_before:])
        return RenderedItem(item, data, warnings, new)


_WORKER: _Renderer | None = None


def _start_worker(settings: RunSettings, parent: int) -> None:
    global _WORKER
    become_worker(parent)
    _WORKER = _Renderer(settings)


def _render_in_worker(job: tuple[tuple[PackItem, ...], tuple[tuple[ChartKey, Any], ...]]) -> list[RenderedItem]:
    """The job's items, rendered in turn by one worker: a flow's files in one language share what they draw."""
    assert _WORKER is not None
    items, drawn = job
    return [_WORKER.render(item, drawn if index == 0 else ()) for index, item in enumerate(items)]


def build_pack(
    settings: RunSettings,
    locales: tuple[str, ...],
    out: Path,
    force: bool = False,
    on_item: Callable[[PackItem, int], None] | None = None,
    workers: int | None = None,
    pdf: bool = False,
) -> PackResult:
    """Render and write the pack; every file is written whole, and a rerun finishes an interrupted pack.

    With `pdf`, a PDF of every document beside it (LibreOffice, checked for before anything is written).
    """
    from sopgen.build.pdf_documents import pdf_name, pdf_names, require_libreoffice, write_pdfs

    soffice = require_libreoffice() if pdf else None
    library, profile, flow_warnings = load_run(settings)
    settings = settings.dated_for(profile)
    items, skipped = plan(library, profile, locales)
    check_run_inputs(settings, locales)
    relatives = [item.relative for item in items]
    with opened_folder(out, force, [*relatives, *(pdf_names(relatives) if soffice else ()), "index.html"]) as folder:
        result = _write_pack(folder, settings, library, profile, items, skipped, locales, on_item, workers, flow_warnings)
        if soffice:
            documents = {item.relative: item for item in items if item.relative.endswith(".docx")}
            by_pdf = {pdf_name(relative): item for relative, item in documents.items()}

            def done(relative: str, total: int) -> None:
                if on_item:
                    on_item(PackItem(by_pdf[relative].locale, "pdf", by_pdf[relative].key, relative), len(items) + total)

            write_pdfs(folder, list(documents), soffice, done)
            result.written, result.unchanged = folder.written, folder.unchanged
        return result


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
    with closing(_render_all([item for item in items if item not in current], settings, library, profile, workers)) as renderings:
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


def _render_all(items: list[PackItem], settings: RunSettings, library: Library, profile: Profile, workers: int | None) -> Iterable[RenderedItem]:
    count = workers if workers is not None else min(_usable_cores(), 4)
    if count <= 1 or len(items) < PARALLEL_FROM:
        renderer = _Renderer(settings)
        for item in items:
            yield renderer.render(item)
        return
    # Every chart is drawn once, before the documents: one worker draws all of a flow in one
    # language (its files and the pictures documents embed, often the same drawing), and each
    # document is sent the pictures it embeds, so that no other worker draws them again.
    charts = [item for item in items if item.kind in ("chart", "export")]
    documents = [item for item in items if item.kind not in ("chart", "export")]
    drawn: dict[str, dict[ChartKey, Any]] = {}

    def document_jobs() -> list[tuple[tuple[PackItem, ...], tuple[tuple[ChartKey, Any], ...]]]:
        ordered = sorted(documents, key=lambda item: item.kind != "handbook")  # the longest first
        return [((item,), _charts_for(item, drawn.get(item.locale, {}), library, profile)) for item in ordered]

    by_flow: dict[tuple[str, str], list[PackItem]] = {}
    for item in [*charts, *_pictures(documents, library, profile)]:
        by_flow.setdefault((item.locale, item.key), []).append(item)
    jobs = [(tuple(batch), ()) for batch in by_flow.values()]
    for batch in results_in_workers(_render_in_worker, jobs, count, _start_worker, (settings, os.getpid()), then=document_jobs):
        for rendered in batch:
            drawn.setdefault(rendered.item.locale, {}).update(rendered.drawn)
            if rendered.item.kind != "pictures":
                yield rendered


def _pictures(documents: list[PackItem], library: Library, profile: Profile) -> list[PackItem]:
    """For each language, a job per flow that the documents embed: its pictures, drawn before the documents."""
    flows = {sop.flow for sop in library.sops if sop.flow and profile.applies(sop.when)}
    locales = dict.fromkeys(item.locale for item in documents if item.kind in ("sop", "handbook"))
    return [PackItem(locale, "pictures", flow, "") for locale in locales for flow in sorted(flows)]


def _usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows
        return os.cpu_count() or 1


def _charts_for(item: PackItem, drawn: dict[ChartKey, Any], library: Library, profile: Profile) -> tuple[tuple[ChartKey, Any], ...]:
    """The drawn charts a document embeds: its SOP's flow, or for the handbook every SOP's flow."""
    if item.kind == "sop":
        sops = [library.sop(item.key)]
    elif item.kind == "handbook":
        sops = [sop for sop in library.sops if profile.applies(sop.when)]
    else:
        return ()
    flows = {sop.flow for sop in sops if sop and sop.flow}
    return tuple((key, data) for key, data in drawn.items() if key[1] in flows)


def index_page(profile: Profile, library: Library, items: list[PackItem], locales: tuple[str, ...]) -> bytes:
    """A static page linking every document and chart, readable in a browser without a server."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from sopgen.blueprints.vocabulary import PHASES

    sections = []
    for locale in locales:
        localizer = index_localizer(locale)
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
                "id": language_tag(locale),  # a pair's section is `da+id`, beside `da`
                "lang": LANGUAGE_TAGS[single_locales(locale)[0]],
                "language": language_name(locale),
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
        return (localizer.translate(text) or text).replace("\n", " / ")

    return localize
