"""One rendering session per language: localized flows, charts and documents as bytes, cached."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopgen.analysis.figures import FlowAnalysis, analyse
from sopgen.blueprints.library import Library, document_id
from sopgen.blueprints.model import FlowBlueprint
from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.sop_model import SopBlueprint
from sopgen.blueprints.vocabulary import PHASES
from sopgen.docx.views import ChartPicture, DocxOptions, HandbookView, MessagesView, PagePicture, PagePictures, SopView
from sopgen.errors import Problem
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization

ChartKey = tuple  # ("chart", flow id, format) or ("pages", flow id, width, height): something drawn, to share

# A document's chart pictures carry SVG; their PNG, for readers older than Word 2016, is drawn
# at this many dots per inch of paper.
PNG_FALLBACK_DPI = 150


@dataclass(frozen=True)
class RunSettings:
    """Everything a rendering run depends on besides the blueprints; picklable for worker processes."""

    profile_path: Path | None = None
    strict: bool = False
    template: Path | None = None
    east_asian_font: str | None = None
    user_blueprints: tuple[Path, ...] = ()
    user_locales: tuple[Path, ...] = ()
    run_date: dt.date | None = None  # dates every document when the profile names no effective date

    def dated_for(self, profile: Profile) -> RunSettings:
        """These settings with the run's date fixed once, for a profile without an effective date; workers share it."""
        from dataclasses import replace

        from sopgen.build.sop_views import run_date

        if profile.document.effective or self.run_date:
            return self
        return replace(self, run_date=run_date())


class SharesDrawings:
    """What a session drew (charts by flow and format, page pictures by flow and page size), keyed
    so that the pack can hand it to the documents another worker renders."""

    _charts: dict[tuple[str, str], bytes]
    _pages: dict[tuple[str, float, float], PagePictures]

    def chart_keys(self) -> set[ChartKey]:
        return {("chart", *key) for key in self._charts} | {("pages", *key) for key in self._pages}

    def chart_entries(self, keys: set[ChartKey]) -> list[tuple[ChartKey, Any]]:
        return [(key, (self._charts if key[0] == "chart" else self._pages)[key[1:]]) for key in sorted(keys, key=repr)]

    def charts_drawn(self, drawn: dict[ChartKey, Any]) -> None:
        """Drawings made elsewhere in this run, for this session: used instead of drawing them again."""
        for key, value in drawn.items():
            (self._charts if key[0] == "chart" else self._pages)[key[1:]] = value


@dataclass
class LanguageSession(SharesDrawings):
    """Renders everything for one locale, computing each chart and view once."""

    library: Library
    profile: Profile
    localization: Localization
    options: DocxOptions
    _charts: dict[ChartKey, bytes] = field(default_factory=dict)
    _views: dict[str, SopView | None] = field(default_factory=dict)
    _flows: dict[str, tuple[FlowBlueprint, FlowAnalysis]] = field(default_factory=dict)
    _pages: dict[tuple[str, float, float], PagePictures] = field(default_factory=dict)
    chart_warnings: list[Problem] = field(default_factory=list)  # PNGs drawn at a lower resolution, to keep within Graphviz's limit
    # A bilingual edition's charts, drawn once in both languages (build.bilingual.BilingualSession).
    drawn_by: Any = None

    @classmethod
    def create(cls, library: Library, profile: Profile, locale: str, settings: RunSettings) -> LanguageSession:
        from sopgen.build.sop_views import dated_profile

        localizer = Localizer.for_locale(locale, settings.user_locales, settings.strict)
        profile = dated_profile(profile, settings.run_date)
        font = settings.east_asian_font or profile.document.font_east_asian
        options = DocxOptions(settings.template, font) if font else DocxOptions(settings.template)
        return cls(library, profile, Localization(localizer, profile), options)

    @property
    def localizer(self) -> Localizer:
        return self.localization.localizer

    @property
    def localizations(self) -> tuple[Localization, ...]:
        """Where this session's missing translations are collected (a bilingual session has two)."""
        return (self.localization,)

    # ---- flows

    def flow(self, flow: FlowBlueprint) -> tuple[FlowBlueprint, FlowAnalysis]:
        if flow.id not in self._flows:
            self._flows[flow.id] = (self.localization.record(flow), analyse(flow))
        return self._flows[flow.id]

    def chart(self, flow: FlowBlueprint, fmt: str) -> bytes:
        if self.drawn_by is not None and fmt != "dot":
            return self.drawn_by.chart(flow, fmt)
        key = (flow.id, fmt)
        if key not in self._charts:
            self._charts[key] = drawn_chart(flow, *self.flow(flow), self.localizer, fmt, self.chart_warnings)
        return self._charts[key]

    def document_chart_pages(self, flow: FlowBlueprint) -> PagePictures:
        """The pictures a document of this session embeds for the flow, drawn ahead of the documents."""
        from sopgen.docx.page_geometry import landscape_chart_box
        from sopgen.docx.writer import new_document

        return self.chart_pages(flow, *landscape_chart_box(new_document(self.options, self.profile.shop.country).sections[-1]))

    def export(self, flow: FlowBlueprint, fmt: str) -> bytes:
        """An editable diagram of the flow: bpmn, drawio or mermaid."""
        from sopgen.export import export_flow

        localized, analysis = self.flow(flow)
        return export_flow(localized, analysis, self.localizer, fmt)

    def chart_picture(self, flow: FlowBlueprint) -> ChartPicture:
        """The flow's chart for a document: folded to the page the document gives it, as SVG with PNG for older readers."""
        from sopgen.analysis.findings import chart_caption, describe

        localized, analysis = self.flow(flow)
        return ChartPicture(
            b"", chart_caption(localized, self.localizer), describe(localized, analysis, self.localizer), pages=functools.partial(self.chart_pages, flow)
        )

    def chart_pages(self, flow: FlowBlueprint, width: float, height: float) -> PagePictures:
        """The flow's chart as pictures that each fit `width` × `height` points with no text under 6 points; computed once a size."""
        if self.drawn_by is not None:
            return self.drawn_by.chart_pages(flow, width, height)
        key = (flow.id, round(width, 1), round(height, 1))
        if key not in self._pages:
            self._pages[key] = drawn_pages(flow, *self.flow(flow), self.localizer, width, height)
        return self._pages[key]

    # ---- documents

    def sop_view(self, sop: SopBlueprint) -> SopView | None:
        from sopgen.build.sop_views import sop_view

        if sop.id not in self._views:
            flow = self.library.flow(sop.flow) if sop.flow else None
            chart = self.chart_picture(flow) if flow and self.profile.applies(sop.when) else None
            self._views[sop.id] = sop_view(sop, self.library, self.localization, chart)
        return self._views[sop.id]

    def sop_document(self, sop: SopBlueprint) -> bytes | None:
        from sopgen.docx.package import document_bytes
        from sopgen.docx.sop import render_sop

        view = self.sop_view(sop)
        if view is None:
            return None
        return document_bytes(render_sop(view, self.options), _timestamp(view.effective))

    def handbook_view(self, sops: tuple[SopBlueprint, ...]) -> HandbookView:
        from sopgen.build.sop_views import build_date
        from sopgen.charts.graphviz_run import render_chart
        from sopgen.charts.lifecycle import lifecycle_chart

        views = tuple(view for view in (self.sop_view(sop) for sop in _in_phase_order(sops, self.library)) if view)
        by_phase: dict[str, list[tuple[str, str]]] = {}
        for view in views:
            by_phase.setdefault(view.sop.phase, []).append((view.document_id, view.sop.title))
        if self.drawn_by is not None:
            png, svg = (self.drawn_by.lifecycle_chart(by_phase, fmt) for fmt in ("png", "svg"))
        else:
            graph = lifecycle_chart(by_phase, self.localizer)
            png, svg = render_chart(graph, "png"), render_chart(graph, "svg")
        caption = self.localizer._("The SOPs of {shop} along the customer lifecycle").format(shop=self.profile.shop.name)
        return HandbookView(
            self.localizer, self.profile, views, build_date(self.localization), ChartPicture(png, caption, svg=svg), self.messages_view
        )

    def handbook_document(self, sops: tuple[SopBlueprint, ...]) -> bytes:
        from sopgen.docx.handbook import render_handbook
        from sopgen.docx.package import document_bytes

        view = self.handbook_view(sops)
        return document_bytes(render_handbook(view, self.options), _timestamp(view.effective))

    # ---- customer message templates

    @functools.cached_property
    def messages_view(self) -> MessagesView | None:
        from sopgen.build.message_templates import messages_view

        return messages_view(self.library, self.localization)

    def messages_document(self) -> bytes | None:
        from sopgen.docx.messages import render_messages
        from sopgen.docx.package import document_bytes

        view = self.messages_view
        if view is None:
            return None
        return document_bytes(render_messages(view, self.options), _timestamp(view.effective))


def drawn_chart(flow: FlowBlueprint, localized: FlowBlueprint, analysis: FlowAnalysis, localizer: Any, fmt: str, warnings: list[Problem]) -> bytes:
    """The flow's chart in `fmt`; a PNG too big for Graphviz is drawn at a lower resolution, with a warning."""
    from sopgen.build.pipeline import png_shrunk_warning, refuse_oversized_chart
    from sopgen.charts.flowchart import flowchart
    from sopgen.charts.graphviz_run import fitting_png_dpi, render_chart

    if fmt != "dot":
        refuse_oversized_chart(flow)
    graph = flowchart(localized, analysis, localizer)
    dpi = fitting_png_dpi(graph.source) if fmt == "png" else None
    if dpi is not None:  # never shrunk without a word: the SVG beside it is sharp at any size
        warnings.append(png_shrunk_warning(flow, graph.source, dpi))
    return render_chart(graph, fmt, dpi=dpi)


def drawn_pages(flow: FlowBlueprint, localized: FlowBlueprint, analysis: FlowAnalysis, localizer: Any, width: float, height: float) -> PagePictures:
    """The flow's chart folded to pages of `width` × `height` points, each as SVG with a PNG for older readers."""
    from sopgen.build.pipeline import refuse_oversized_chart
    from sopgen.charts.folding import PageBox, fold_flow, render_page

    refuse_oversized_chart(flow)
    folded = fold_flow(localized, analysis, localizer, PageBox(width, height), summary=False)
    dpi = PNG_FALLBACK_DPI * folded.scale  # Graphviz draws 72 points an inch at dpi 72
    pictures = tuple(PagePicture(page.svg, render_page(page, "png", dpi), *folded.print_size(page)) for page in folded.pages)
    return PagePictures(pictures, folded.scale)


def _in_phase_order(sops: tuple[SopBlueprint, ...], library: Library) -> list[SopBlueprint]:
    phases = list(PHASES)
    return sorted(sops, key=lambda sop: (phases.index(sop.phase), document_id(sop, library)))


def _timestamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=dt.timezone.utc)
