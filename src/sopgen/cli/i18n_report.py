"""The `sopgen i18n check` table."""

from __future__ import annotations

from sopgen.i18n.interface import _
from sopgen.i18n.locales import LANGUAGE_TAGS
from sopgen.localize.catalog_upkeep import CatalogReport


def print_reports(reports: list[CatalogReport]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False)
    for heading, justify in (
        (_("Locale"), "left"),
        (_("Domain"), "left"),
        (_("Translated"), "right"),
        (_("Untranslated"), "right"),
        (_("Fuzzy"), "right"),
        (_("Obsolete"), "right"),
        (_("Placeholder errors"), "right"),
    ):
        table.add_column(heading, justify=justify)
    for report in reports:
        share = 100 * report.translated / report.total if report.total else 100.0
        table.add_row(
            LANGUAGE_TAGS.get(report.locale, report.locale),
            report.domain,
            f"{report.translated}/{report.total} ({share:.0f} %)",
            str(report.untranslated),
            str(report.fuzzy),
            str(report.obsolete),
            str(len(report.problems)),
        )
    Console(width=max(Console().width, 110)).print(table)
