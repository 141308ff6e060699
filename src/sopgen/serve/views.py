"""What the workshop page shows for one version, language and what-if: charts, figures, findings, steps, labels."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from sopgen.analysis.figures import FlowAnalysis, analyse
from sopgen.analysis.findings import describe, key_figures
from sopgen.analysis.whatif import WhatIf, apply, check
from sopgen.blueprints.flow_writer import duration_text
from sopgen.blueprints.model import FlowBlueprint
from sopgen.errors import SopgenError
from sopgen.i18n.locales import LANGUAGE_TAGS
from sopgen.i18n.localizer import Localizer

if TYPE_CHECKING:
    from sopgen.serve.workshop import Version, Workshop

# Each language by its own name, as a language switch shows them.
LANGUAGES = (("da", "Dansk"), ("en", "English"), ("zh-TW", "繁體中文（台灣）"), ("id", "Bahasa Indonesia"))
NO_CHANGES = WhatIf()


@functools.cache
def localizer_for(locale: str, strict: bool) -> Localizer:
    return Localizer.for_locale(locale, strict=strict)


def build_view(workshop: Workshop, version: Version, locale: str, what_if: WhatIf) -> dict[str, Any]:
    localizer = localizer_for(locale, workshop.strict)
    view: dict[str, Any] = {
        "version": version.number,
        "lang": LANGUAGE_TAGS[locale],
        "languages": [{"tag": tag, "name": name} for tag, name in LANGUAGES],
        "labels": labels(localizer),
        "file": workshop.flow_path.name,
        "errors": [str(problem) for problem in version.problems],
        "title": workshop.flow_path.name,
        "current": None,
        "future": None,
        "figures": [],
        "steps": [],
        "whatif": what_if.as_json(),
        "whatif_errors": [],
        "notes": [],
        "measured": None,
    }
    flow = version.flow
    if flow is None:
        return view
    from sopgen.localize.localization import Localization

    what_if = what_if.only_steps(step.id for step in flow.steps)
    view["whatif"] = what_if.as_json()
    problems = check(flow, what_if)
    view["whatif_errors"] = [str(problem) for problem in problems]
    localization = Localization(localizer, workshop.profile)
    localized, analysis = localization.record(flow), analyse(flow)
    future_flow = None if problems or what_if.is_empty() else apply(flow, what_if)
    localized_future = localization.record(future_flow) if future_flow is not None else None
    future = analyse(future_flow) if future_flow is not None else None
    try:
        localization.check()
    except SopgenError as error:
        view["errors"].extend(str(problem) for problem in error.problems)
    if localization.missing:
        count = len({problem.message for problem in localization.missing})
        view["notes"].append(
            localizer.ngettext(
                "{count} text of the flow has no translation in this language and is shown in English.",
                "{count} texts of the flow have no translation in this language and are shown in English.",
                count,
            ).format(count=count)
        )

    jobs = {(locale, NO_CHANGES): functools.partial(_svg, localized, analysis, localizer, frozenset())}
    if localized_future is not None and future is not None:
        jobs[(locale, what_if)] = functools.partial(_svg, localized_future, future, localizer, frozenset(what_if.step_ids()))
    try:
        charts = workshop.charts(version, jobs)
    except SopgenError as error:  # too big to draw, or no Graphviz: the figures and findings still help
        view["errors"].extend(str(problem) for problem in error.problems)
        charts = dict.fromkeys(jobs, "")
    view["title"] = localized.title
    view["current"] = {"svg": charts[(locale, NO_CHANGES)], "findings": list(describe(localized, analysis, localizer))}
    if localized_future is not None and future is not None:
        view["future"] = {"svg": charts[(locale, what_if)], "findings": list(describe(localized_future, future, localizer))}
    view["figures"] = [row._asdict() for row in key_figures(localized, analysis, localizer, localized_future, future)]
    view["steps"] = _steps(localized, analysis, localizer)
    if workshop.measured is not None:
        from sopgen.serve.measured import measured_view

        view["measured"] = measured_view(workshop.measured(), localized, analysis, localizer)
    return view


def _svg(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, changed: frozenset[str]) -> str:
    """The chart as inline SVG: Graphviz's file without its XML prologue and doctype."""
    from sopgen.build.pipeline import refuse_oversized_chart
    from sopgen.charts.flowchart import flowchart
    from sopgen.charts.graphviz_run import render_chart

    refuse_oversized_chart(flow)
    text = render_chart(flowchart(flow, analysis, localizer, changed=changed), "svg").decode("utf-8")
    return text[text.index("<svg") :]


def _steps(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer) -> list[dict[str, Any]]:
    modes = {"manual": localizer._("manual"), "automated": localizer._("automated")}
    rows = []
    for step in flow.steps:
        figures = analysis.step(step.id)
        rows.append(
            {
                "id": step.id,
                "title": step.title,
                "lane": flow.lane_of(step).title,
                "mode": figures.mode,
                "mode_label": modes[figures.mode],
                "staff": _plain(step.staff),
                "hours": _plain(step.hours_per_day),
                "handling": duration_text(step.handling),
                "wait": duration_text(step.wait),
                "utilization": localizer.percent(figures.utilization) if figures.utilization is not None else "",
            }
        )
    return rows


def _plain(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def labels(localizer: Localizer) -> dict[str, str]:
    """The page's own words in the chosen language."""
    _ = localizer._
    return {
        "current_state": _("Current state"),
        "future_state": _("Future state"),
        "language": _("Language"),
        "live": _("Live: the page follows every save of the file"),
        "offline": _("Not connected: is sopgen serve still running?"),
        "errors_heading": _("The file has errors. The page keeps showing its last good version until they are fixed."),
        "never_loaded": _("The file has errors and could not be shown yet."),
        "figure": _("Figure"),
        "now": _("Now"),
        "change": _("Change"),
        "findings": _("Findings"),
        "findings_future": _("Findings in the future state"),
        "try_heading": _("Try a future state"),
        "click_hint": _("Click a step in the chart to automate it, or change its staff, hours or times in the table."),
        "step": _("Step"),
        "lane": _("Lane"),
        "mode": _("Mode"),
        "automate": _("Automate"),
        "staff": _("Staff"),
        "hours": _("Hours per day"),
        "handling": _("Handling"),
        "wait": _("Wait"),
        "utilization": _("Utilization"),
        "reset": _("Undo all changes"),
        "save": _("Save the future state"),
        "saved": _("Saved as {path}"),
        "measured": _("Measured"),
        "designed": _("Designed"),
        "source": _("View the YAML"),
    }
