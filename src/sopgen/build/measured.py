"""Writes what a measurement makes: a discovered flow blueprint, and a chart with measured figures beside the designed ones."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sopgen.build.files import write_atomically
from sopgen.build.pipeline import ChartRequest, refuse_oversized_chart
from sopgen.errors import OutputError, Problem, Source
from sopgen.i18n.interface import _

if TYPE_CHECKING:
    from sopgen.blueprints.model import FlowBlueprint
    from sopgen.measure.comparison import Comparison


def write_discovered_flow(out: Path, text: str, force: bool) -> Path:
    """A blueprint file is the user's to edit: an existing one is kept unless `force`."""
    if out.exists() and not force:
        raise OutputError.single(Source(str(out)), _("already exists; not overwriting it"), _("choose another --out, or pass --force"))
    if out.exists() and out.is_dir():
        raise OutputError.single(Source(str(out)), _("is a folder; --out needs a file name such as flow.yaml"))
    write_atomically(out, text.encode("utf-8"))
    return out


def render_measured_chart(request: ChartRequest, flow: FlowBlueprint, comparison: Comparison) -> tuple[bytes, list[Problem]]:
    """The designed swimlane chart with each step's measured figures, the measured bottleneck marked."""
    from sopgen.analysis.figures import analyse
    from sopgen.blueprints.profile import load_profile
    from sopgen.build.pipeline import png_shrunk_warning
    from sopgen.charts.flowchart import flowchart
    from sopgen.charts.graphviz_run import fitting_png_dpi, render_chart
    from sopgen.charts.measured import measured_overlay
    from sopgen.i18n.localizer import Localizer
    from sopgen.localize.localization import Localization

    if request.fmt != "dot":
        refuse_oversized_chart(flow)
    profile = load_profile(request.profile) if request.profile else None
    localization = Localization(Localizer.for_locale(request.locale, strict=request.strict), profile)
    localized = localization.record(flow)
    localization.check()
    overlay = measured_overlay(comparison, localized, localization.localizer)
    chart = flowchart(localized, analyse(flow), localization.localizer, measured=overlay)
    warnings = list(localization.missing)
    dpi = fitting_png_dpi(chart.source) if request.fmt == "png" else None
    if dpi is not None:
        warnings.append(png_shrunk_warning(flow, chart.source, dpi))
    return render_chart(chart, request.fmt, dpi=dpi), warnings


def write_measured_chart(request: ChartRequest, flow: FlowBlueprint, comparison: Comparison) -> tuple[Path, list[Problem]]:
    data, warnings = render_measured_chart(request, flow, comparison)
    write_atomically(request.out, data)
    return request.out, warnings
