"""One rendering session per language: localized flows, charts and documents as bytes, cached."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopgen.analysis.figures import FlowAnalysis, analyse
from sopgen.blueprints.library import Library, document_id
from sopgen.blueprints.model import FlowBlueprint, SopBlueprint
from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.vocabulary import PHASES
from sopgen.docx.views import ChartPicture, DocxOptions, HandbookView, MessagesView, SopView
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization

ChartKey = tuple[str, str]  # (flow id, format)


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


@dataclass
class LanguageSession:
    """Renders everything for one locale, computing each chart and view once."""

    library: Library
    profile: Profile
    localization: Localization
    options: DocxOptions
    _charts: dict[ChartKey, bytes] = field(default_factory=dict)
    _views: dict[str, SopView | None] = field(default_factory=dict)
    _flows: dict[str, tuple[FlowBlueprint, FlowAnalysis]] = field(default_factory=dict)
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
        from sopgen.build.pipeline import refuse_oversized_chart
        from sopgen.charts.flowchart import flowchart
        from sopgen.charts.graphviz_run import render_chart

        if self.drawn_by is not None and fmt != "dot":
            return self.drawn_by.chart(flow, fmt)
        key = (flow.id, fmt)
        if key not in self._charts:
            if fmt != "dot":
                refuse_oversized_chart(flow)
            localized, analysis = self.flow(flow)
            self._charts[key] = render_chart(flowchart(localized, analysis, self.localizer), fmt)
        return self._charts[key]

    def chart_keys(self) -> set[ChartKey]:
        return set(self._charts)

    def chart_entries(self, keys: set[ChartKey]) -> list[tuple[ChartKey, bytes]]:
        return [(key, self._charts[key]) for key in sorted(keys)]

    def charts_drawn(self, drawn: dict[ChartKey, bytes]) -> None:
        """Charts drawn elsewhere in this run, for this language: used instead of drawing them again."""
        self._charts.update(drawn)

    def export(self, flow: FlowBlueprint, fmt: str) -> bytes:
        """An editable diagram of the flow: bpmn, drawio or mermaid."""
        from sopgen.export import export_flow

        localized, analysis = self.flow(flow)
        return export_flow(localized, analysis, self.localizer, fmt)

    def chart_picture(self, flow: FlowBlueprint) -> ChartPicture:
        from sopgen.analysis.findings import chart_caption, describe

        localized, analysis = self.flow(flow)
        return ChartPicture(self.chart(flow, "png"), chart_caption(localized, self.localizer), describe(localized, analysis, self.localizer))

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
            png = self.drawn_by.lifecycle_chart(by_phase, "png")
        else:
            png = render_chart(lifecycle_chart(by_phase, self.localizer), "png")
        caption = self.localizer._("The SOPs of {shop} along the customer lifecycle").format(shop=self.profile.shop.name)
        return HandbookView(
            self.localizer, self.profile, views, build_date(self.localization), ChartPicture(png, caption), self.messages_view
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


def _in_phase_order(sops: tuple[SopBlueprint, ...], library: Library) -> list[SopBlueprint]:
    phases = list(PHASES)
    return sorted(sops, key=lambda sop: (phases.index(sop.phase), document_id(sop, library)))


def _timestamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=dt.timezone.utc)
