"""A bilingual edition (`--lang da+id`): every document rendered in both languages and paired, charts drawn once in both.

Each language keeps its own session (its catalogs, dates, numbers and fonts); the documents of
both are paired by docx.bilingual, and the charts they embed are the same bilingual chart, whose
labels carry the first language and under it the second.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sopgen.analysis.figures import FlowAnalysis
from sopgen.blueprints.library import Library
from sopgen.blueprints.model import FlowBlueprint
from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.sop_model import SopBlueprint
from sopgen.build.sessions import ChartKey, LanguageSession, RunSettings, SharesDrawings, drawn_chart, drawn_pages
from sopgen.docx.views import PagePictures
from sopgen.errors import Problem
from sopgen.i18n.locales import language_pair
from sopgen.i18n.localizer import Localizer
from sopgen.localize.bilingual_labels import PairedLocalizer, combined_record, combined_text
from sopgen.localize.localization import Localization


@dataclass
class BilingualSession(SharesDrawings):
    """Renders the documents and charts of a language pair; the first language leads (left column, first line)."""

    first: LanguageSession
    second: LanguageSession
    _charts: dict[ChartKey, bytes] = field(default_factory=dict)
    _pages: dict[ChartKey, PagePictures] = field(default_factory=dict)
    _lifecycle: dict[str, bytes] = field(default_factory=dict)
    chart_warnings: list[Problem] = field(default_factory=list)
    _handbook_sops: tuple[SopBlueprint, ...] = ()

    @classmethod
    def create(cls, library: Library, profile: Profile, locale: str, settings: RunSettings) -> BilingualSession:
        pair = language_pair(locale)
        assert pair is not None, locale
        session = cls(*(LanguageSession.create(library, profile, single, settings) for single in pair))
        session.first.drawn_by = session.second.drawn_by = session
        return session

    @property
    def localizations(self) -> tuple[Localization, ...]:
        return self.first.localization, self.second.localization

    @functools.cached_property
    def localizer(self) -> PairedLocalizer:
        return PairedLocalizer.of(self.first.localizer, self.second.localizer)

    @property
    def east_asian_font(self) -> str | None:
        """The pair's Chinese font, when one of its languages is Chinese."""
        for session in (self.first, self.second):
            if session.localizer.locale == "zh_Hant_TW":
                return session.options.east_asian_font
        return None

    # ---- charts

    def combined_flow(self, flow: FlowBlueprint) -> tuple[FlowBlueprint, FlowAnalysis]:
        """The flow with every text in both languages, and its analysis."""
        first, analysis = self.first.flow(flow)
        second, _analysis = self.second.flow(flow)
        return combined_record(first, second), analysis

    def chart(self, flow: FlowBlueprint, fmt: str) -> bytes:
        """The flow's chart with every label in both languages."""
        key = (flow.id, fmt)
        if key not in self._charts:
            self._charts[key] = drawn_chart(flow, *self.combined_flow(flow), self.localizer, fmt, self.chart_warnings)
        return self._charts[key]

    def chart_pages(self, flow: FlowBlueprint, width: float, height: float) -> PagePictures:
        """The bilingual chart folded to the page the documents give it."""
        key = (flow.id, round(width, 1), round(height, 1))
        if key not in self._pages:
            self._pages[key] = drawn_pages(flow, *self.combined_flow(flow), self.localizer, width, height)
        return self._pages[key]

    def document_chart_pages(self, flow: FlowBlueprint) -> PagePictures:
        """The pictures the paired documents embed: those of the leading language's page."""
        return self.first.document_chart_pages(flow)

    def lifecycle_chart(self, by_phase: Mapping[str, Sequence[tuple[str, str]]], fmt: str) -> bytes:
        """The handbook's overview chart, each SOP's title in both languages."""
        from sopgen.charts.graphviz_run import render_chart
        from sopgen.charts.lifecycle import lifecycle_chart

        if fmt not in self._lifecycle:
            titles = [self._titles(session) for session in (self.first, self.second)]
            both = {
                phase: [(document_id, combined_text(titles[0][document_id], titles[1][document_id])) for document_id, _title in sops]
                for phase, sops in by_phase.items()
            }
            self._lifecycle[fmt] = render_chart(lifecycle_chart(both, self.localizer), fmt)
        return self._lifecycle[fmt]

    def _titles(self, session: LanguageSession) -> dict[str, str]:
        views = (session.sop_view(sop) for sop in self._handbook_sops)
        return {view.document_id: view.sop.title for view in views if view is not None}

    # ---- documents

    def _paired(self, first: Any, second: Any, effective: dt.date) -> bytes:
        from sopgen.build.sessions import _timestamp
        from sopgen.docx.bilingual import paired_document
        from sopgen.docx.package import document_bytes

        return document_bytes(paired_document(first, second, self.east_asian_font), _timestamp(effective))

    def sop_document(self, sop: SopBlueprint) -> bytes | None:
        from sopgen.docx.sop import render_sop

        first, second = self.first.sop_view(sop), self.second.sop_view(sop)
        if first is None or second is None:
            return None
        return self._paired(render_sop(first, self.first.options), render_sop(second, self.second.options), first.effective)

    def handbook_document(self, sops: tuple[SopBlueprint, ...]) -> bytes:
        from sopgen.docx.handbook import render_handbook

        self._handbook_sops = sops
        first, second = self.first.handbook_view(sops), self.second.handbook_view(sops)
        return self._paired(render_handbook(first, self.first.options), render_handbook(second, self.second.options), first.effective)

    def messages_document(self) -> bytes | None:
        from sopgen.docx.messages import render_messages

        first, second = self.first.messages_view, self.second.messages_view
        if first is None or second is None:
            return None
        return self._paired(render_messages(first, self.first.options), render_messages(second, self.second.options), first.effective)


def session_for(library: Library, profile: Profile, locale: str, settings: RunSettings) -> LanguageSession | BilingualSession:
    """The session that renders `locale`: one language's, or a language pair's (`da+id`)."""
    if language_pair(locale):
        return BilingualSession.create(library, profile, locale, settings)
    return LanguageSession.create(library, profile, locale, settings)


def index_localizer(locale: str) -> Localizer:
    """The words of index.html for one language, or for a language pair in both ("Procedurer / Prosedur")."""
    pair = language_pair(locale)
    if pair is None:
        return Localizer.for_locale(locale)
    return PairedLocalizer.of(Localizer.for_locale(pair[0]), Localizer.for_locale(pair[1]))


def language_name(locale: str) -> str:
    """The language's own name for itself ("Dansk"), or a pair's ("Dansk + Indonesia")."""
    from sopgen.i18n.formats import babel_locale

    names = (babel_locale(single).get_display_name(babel_locale(single)) for single in language_pair(locale) or (locale,))
    return " + ".join(name.capitalize() for name in names)
