"""Document control that holds up in an audit: dates from the profile, the change log as revision history, status, versions."""

from __future__ import annotations

import datetime as dt
import io

import pytest

import docx
from sopgen.blueprints.fields import version_number
from sopgen.blueprints.validation import validate_record
from sopgen.blueprints.yaml_loading import parse_yaml
from sopgen.build.sop_views import dated_profile, sop_view
from sopgen.docx.package import document_bytes
from sopgen.docx.sop import render_sop
from sopgen.docx.views import DocxOptions
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization

TIMESTAMP = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.timezone.utc)

SOP_YAML = """\
kind: sop
id: sample
phase: sale
title: Sample
purpose: Why.
scope: What.
roles: [shop-owner]
steps:
  - {id: one, title: Do it, role: shop-owner}
review_every: 3 months
"""


def sop_from_yaml(text: str):
    record, problems = validate_record(parse_yaml(text, "sample.yaml"))
    assert record is not None and not problems, [str(problem) for problem in problems]
    return record


def with_document(profile, **fields):
    return profile.model_copy(update={"document": profile.document.model_copy(update=fields)})


def tables_of(view) -> dict[str, list[list[str]]]:
    document = docx.Document(io.BytesIO(document_bytes(render_sop(view, DocxOptions()), TIMESTAMP)))
    return {table.rows[0].cells[0].text: [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables}


def view_of(sop, library, profile, locale="en"):
    view = sop_view(sop, library, Localization(Localizer.for_locale(locale), profile))
    assert view is not None
    return view


# ---------------------------------------------------------------- versions


@pytest.mark.parametrize(
    ("text", "number"),
    [("1", (1,)), ("1.0", (1,)), ("1.0.0", (1,)), ("10.0", (10,)), ("1.10", (1, 10)), ("2.0.1", (2, 0, 1)), ("0.9", (0, 9))],
)
def test_versions_are_read_as_numbers(text, number):
    assert version_number(text) == number


def test_versions_compare_as_numbers_not_as_text():
    assert version_number("1.10") > version_number("1.9")
    assert version_number("10.0") > version_number("9.0")
    assert version_number("2.0") == version_number("2")


# ---------------------------------------------------------------- status and approval


def test_an_approver_named_is_still_a_draft(library, demo_profile):
    profile = with_document(demo_profile, approver="Anders Holm", approved=None)
    tables = tables_of(view_of(sop_from_yaml(SOP_YAML), library, profile))
    assert tables["Document ID"][4][:2] == ["Status", "Draft"]
    approved_row = tables[""][3]
    assert approved_row[:3] == ["Approved by", "Anders Holm", ""], "no approval date until the profile records one"


def test_an_approval_date_makes_it_approved_and_is_shown(library, demo_profile):
    profile = with_document(demo_profile, approver="Anders Holm", approved=dt.date(2026, 12, 3))
    tables = tables_of(view_of(sop_from_yaml(SOP_YAML), library, profile))
    assert tables["Document ID"][4][:2] == ["Status", "Approved on December 3, 2026"]
    assert tables[""][3][:3] == ["Approved by", "Anders Holm", "December 3, 2026"]
    assert tables[""][3][3] == "", "the signature stays for a pen"


def test_approval_in_danish(library, demo_profile):
    profile = with_document(demo_profile, approved=dt.date(2026, 12, 3))
    tables = tables_of(view_of(sop_from_yaml(SOP_YAML), library, profile, "da"))
    assert tables["Dokument-id"][4][1] == "Godkendt den 3. december 2026"


# ---------------------------------------------------------------- revision history


def test_without_a_change_log_the_history_has_one_row(library, demo_profile):
    tables = tables_of(view_of(sop_from_yaml(SOP_YAML), library, demo_profile))
    assert tables["Version"] == [["Version", "Date", "Description of change", "Author"], ["1.0", "December 1, 2026", "First issue", "Mette Holm"]]


@pytest.mark.parametrize(("version", "description"), [("10.0", "Revised"), ("1.0.0", "First issue"), ("1.1", "Revised"), ("1", "First issue")])
def test_a_version_without_a_log_entry_is_first_issue_only_when_it_is_one(library, demo_profile, version, description):
    tables = tables_of(view_of(sop_from_yaml(SOP_YAML + f'version: "{version}"\n'), library, demo_profile))
    assert tables["Version"][1][:3] == [version, "December 1, 2026", description]


def test_the_change_log_becomes_the_revision_history_newest_first(library, demo_profile):
    text = SOP_YAML + (
        'version: "2.0"\n'
        "changes:\n"
        '  - {version: "1.0", date: 2026-11-24, summary: First issue.}\n'
        '  - {version: "2.0", date: 2026-12-03, summary: Steps for each country.}\n'
        '  - {version: "1.10", date: 2026-11-30, summary: Checks before packing.}\n'
        '  - {version: "1.9", date: 2026-11-28, summary: A KPI for late orders.}\n'
    )
    history = tables_of(view_of(sop_from_yaml(text), library, demo_profile))["Version"]
    assert history[1:] == [
        ["2.0", "December 1, 2026", "Steps for each country.", "Mette Holm"],
        ["1.10", "November 30, 2026", "Checks before packing.", "—"],
        ["1.9", "November 28, 2026", "A KPI for late orders.", "—"],
        ["1.0", "November 24, 2026", "First issue.", "—"],
    ]


def test_a_log_without_the_current_version_lists_it_as_revised_on_top(library, demo_profile):
    text = SOP_YAML + 'version: "1.1"\nchanges:\n  - {version: "1.0", date: 2026-11-24, summary: First issue.}\n'
    history = tables_of(view_of(sop_from_yaml(text), library, demo_profile))["Version"]
    assert [row[:3] for row in history[1:]] == [["1.1", "December 1, 2026", "Revised"], ["1.0", "November 24, 2026", "First issue."]]


# ---------------------------------------------------------------- dates


def test_without_an_effective_date_every_sop_takes_the_run_date(library, demo_profile, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 3, 15, tzinfo=dt.timezone.utc).timestamp())))
    profile = with_document(demo_profile, effective=None)
    old = sop_from_yaml(SOP_YAML + "updated: 2026-01-01\n")
    views = [view_of(sop, library, profile) for sop in (old, library.sop("order-processing"), library.sop("data-protection"))]
    assert {view.effective for view in views} == {dt.date(2027, 3, 15)}, "never the blueprint's own date"
    assert views[0].next_review == dt.date(2027, 6, 15), "effective date + the SOP's 3-month cadence"
    assert views[1].next_review == dt.date(2027, 9, 15)


def test_the_profiles_effective_date_wins(library, demo_profile, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    view = view_of(sop_from_yaml(SOP_YAML), library, with_document(demo_profile, effective=dt.date(2026, 8, 31)))
    assert (view.effective, view.next_review) == (dt.date(2026, 8, 31), dt.date(2026, 11, 30))


def test_a_run_date_fills_only_a_missing_effective_date(demo_profile):
    day = dt.date(2027, 1, 2)
    assert dated_profile(with_document(demo_profile, effective=None), day).document.effective == day
    assert dated_profile(demo_profile, day).document.effective == demo_profile.document.effective


# ---------------------------------------------------------------- the built-in blueprints


def test_every_builtin_sop_after_its_first_issue_logs_what_changed(library):
    for sop in library.sops:
        if version_number(sop.version) > (1,):
            logged = {version_number(change.version): change for change in sop.changes}
            assert version_number(sop.version) in logged, f"{sop.id} {sop.version} has no change log entry"
            assert logged[version_number(sop.version)].date == sop.updated, sop.id
            assert (1,) in logged, sop.id


def test_a_builtin_change_log_in_danish(library, demo_profile):
    history = tables_of(view_of(library.sop("shipping"), library, demo_profile, "da"))["Version"]
    assert history[1:] == [
        ["2.0", "1. december 2026", "Trin for hver salgskanal, hvert land og hvert værktøj.", "Mette Holm"],
        ["1.0", "1. november 2026", "Første udgave.", "—"],
    ]


@pytest.mark.parametrize(("approved", "shown"), [(None, "Draft"), (dt.date(2026, 12, 3), "Approved on December 3, 2026")])
def test_the_handbook_cover_shows_the_status(library, demo_profile, approved, shown):
    from sopgen.docx.handbook import render_handbook
    from sopgen.docx.views import HandbookView

    profile = with_document(demo_profile, approved=approved)
    view = view_of(sop_from_yaml(SOP_YAML), library, profile)
    handbook = HandbookView(view.localizer, profile, (view,), view.effective)
    document = docx.Document(io.BytesIO(document_bytes(render_handbook(handbook, DocxOptions()), TIMESTAMP)))
    cover = next(table for table in document.tables if table.rows[0].cells[0].text == "Effective date")
    rows = {row.cells[0].text: row.cells[1].text for row in cover.rows}
    assert rows["Approved by"] == "Anders Holm" and rows["Status"] == shown


def test_a_run_fixes_its_date_once_and_every_session_uses_it(library, demo_profile, monkeypatch):
    """Workers date documents with the day the run started, not with their own clock (a run may pass midnight)."""
    from sopgen.build.sessions import LanguageSession, RunSettings

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    undated = with_document(demo_profile, effective=None)
    settings = RunSettings().dated_for(undated)
    assert settings.run_date == dt.date.today()
    assert RunSettings().dated_for(demo_profile).run_date is None, "a profile with its own date needs none"
    fixed = RunSettings(run_date=dt.date(2027, 5, 5))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 5, 6, tzinfo=dt.timezone.utc).timestamp())))
    assert fixed.dated_for(undated) is fixed
    for locale in ("en", "da"):
        session = LanguageSession.create(library, undated, locale, fixed)
        views = [session.sop_view(library.sop(sop_id)) for sop_id in ("order-processing", "shipping")]
        assert {view.effective for view in views} == {dt.date(2027, 5, 5)}
