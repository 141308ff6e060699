"""Event logs in CSV, XES and Parquet recognised and read; bad input named with file and row or line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from sample_logs import EXAMPLES, at, edges_by_pair, event_log, measured_json, run, write_csv

SIMPLE = [("A", "a", 0), ("A", "b", 10), ("B", "a", 5), ("B", "b", 35)]


def test_common_column_names_are_found(tmp_path: Path):
    data = measured_json(event_log(tmp_path / "log.csv", SIMPLE, header=("Case ID", "Activity", "Timestamp")))
    assert edges_by_pair(data)[("a", "b")]["mean_minutes"] == 20.0


def test_columns_named_by_options(tmp_path: Path):
    log = event_log(tmp_path / "log.csv", SIMPLE, header=("ticket", "step", "when"))
    data = measured_json(log, "--case", "ticket", "--activity", "step", "--timestamp", "when")
    assert edges_by_pair(data)[("a", "b")]["count"] == 2


def test_semicolons_and_windows_1252_from_a_danish_spreadsheet(tmp_path: Path):
    rows = [("A", "ordre modtaget", "2025-03-03 08:00"), ("A", "pakket på lager", "2025-03-03 09:30")]
    log = write_csv(tmp_path / "log.csv", ("case_id", "activity", "timestamp"), rows, delimiter=";", encoding="cp1252")
    data = measured_json(log, "--tz", "Europe/Copenhagen")
    assert edges_by_pair(data)[("ordre modtaget", "pakket på lager")]["mean_minutes"] == 90.0


def test_parquet_with_typed_and_naive_times(tmp_path: Path):
    import datetime as dt

    import polars as pl

    frame = pl.DataFrame(
        {
            "case_id": [1, 1, 2, 2],
            "activity": ["a", "b", "a", "b"],
            "timestamp": [dt.datetime(2025, 3, 3, 8, 0), dt.datetime(2025, 3, 3, 8, 10), dt.datetime(2025, 3, 3, 9), dt.datetime(2025, 3, 3, 9, 30)],
        }
    )
    path = tmp_path / "warehouse-export.parquet"
    frame.write_parquet(path)
    data = measured_json(path, "--tz", "Europe/Copenhagen")
    assert data["source"]["format"] == "parquet"
    assert edges_by_pair(data)[("a", "b")]["mean_minutes"] == 20.0
    assert data["source"]["first"] == "2025-03-03T08:00:00+01:00"


def test_xes_with_lifecycle_start_and_complete():
    data = measured_json(EXAMPLES / "event-log.xes")
    assert data["source"]["format"] == "xes" and data["source"]["cases"] == 2 and data["source"]["events"] == 8
    edges = edges_by_pair(data)
    # approved started 13:00 after the request at 09:00 (240 min); R-2: 20:00 → 09:00 next day (780 min).
    assert edges[("return requested", "return approved")]["mean_minutes"] == 510.0
    approved = next(activity for activity in data["activities"] if activity["name"] == "return approved")
    assert approved["handling_mean_minutes"] == 15.0
    assert data["source"]["zone"] == "+01:00"


XES_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n'


def test_xes_without_namespace_or_lifecycle(tmp_path: Path):
    path = tmp_path / "plain.xes"
    path.write_text(
        XES_HEAD
        + '<trace><string key="concept:name" value="1"/>'
        + '<event><string key="concept:name" value="a"/><date key="time:timestamp" value="2025-03-03T08:00:00.000+01:00"/></event>'
        + '<event><string key="concept:name" value="b"/><date key="time:timestamp" value="2025-03-03T08:45:00.000+01:00"/></event>'
        + "</trace></log>\n",
        encoding="utf-8",
    )
    assert edges_by_pair(measured_json(path))[("a", "b")]["mean_minutes"] == 45.0


def test_xes_with_no_traces(tmp_path: Path):
    path = tmp_path / "empty.xes"
    path.write_text(XES_HEAD + "</log>\n", encoding="utf-8")
    code, out, err = run("measure", path)
    assert code == 2 and out == ""
    assert err.startswith(f"{path}: error: the XES log has no traces\n")


def test_broken_xes_names_the_line(tmp_path: Path):
    path = tmp_path / "broken.xes"
    path.write_text(XES_HEAD + "<trace>\n<event>\n</trace>\n</log>\n", encoding="utf-8")
    code, _out, err = run("measure", path)
    assert code == 2
    assert err.startswith(f"{path}:5: error: not a well-formed XES file")
    assert "Traceback" not in err


def test_unreadable_xes_time_names_the_line(tmp_path: Path):
    path = tmp_path / "bad-time.xes"
    path.write_text(
        XES_HEAD + '<trace>\n<event><string key="concept:name" value="a"/>\n<date key="time:timestamp" value="soon"/></event>\n</trace></log>\n',
        encoding="utf-8",
    )
    code, _out, err = run("measure", path)
    assert code == 2
    assert err.startswith(f"{path}:4: error: cannot read the time 'soon' in column 'time:timestamp'")


def test_missing_columns_are_named_with_the_columns_present_and_the_closest(tmp_path: Path):
    log = write_csv(tmp_path / "log.csv", ("case_id", "activty", "timestamp"), [("A", "a", at(0))])
    code, out, err = run("measure", log)
    assert code == 2 and out == ""
    assert err.startswith(f"{log}: error: no column 'concept:name' (the activity)\n")
    assert "closest match: 'activty'" in err
    assert "'case_id', 'activty', 'timestamp'" in err
    assert "--activity" in err


def test_a_column_named_by_option_that_is_missing(tmp_path: Path):
    log = event_log(tmp_path / "log.csv", SIMPLE)
    code, _out, err = run("measure", log, "--start", "started")
    assert code == 2
    assert f"{log}: error: no column 'started' (the start of each event)" in err


def test_unreadable_timestamp_names_the_row_and_value(tmp_path: Path):
    log = write_csv(tmp_path / "log.csv", ("case_id", "activity", "timestamp"), [("A", "a", at(0)), ("A", "b", at(5)), ("A", "c", "next Tuesday")])
    code, _out, err = run("measure", log)
    assert code == 2
    assert err.startswith(f"{log}: row 4: error: cannot read the time 'next Tuesday' in column 'timestamp'\n  hint:")


def test_an_empty_log(tmp_path: Path):
    log = write_csv(tmp_path / "log.csv", ("case_id", "activity", "timestamp"), [])
    code, _out, err = run("measure", log)
    assert code == 2
    assert err.startswith(f"{log}: error: the log has no events")


def test_an_empty_file(tmp_path: Path):
    log = tmp_path / "nothing.csv"
    log.write_bytes(b"")
    code, _out, err = run("measure", log)
    assert (code, err.splitlines()[0]) == (2, f"{log}: error: the file is empty")


def test_rows_without_case_activity_or_time_are_skipped_and_counted(tmp_path: Path):
    rows = [("A", "a", at(0)), ("", "a", at(1)), ("A", "", at(2)), ("A", "b", ""), ("A", "b", at(10))]
    data = measured_json(write_csv(tmp_path / "log.csv", ("case_id", "activity", "timestamp"), rows))
    assert data["source"]["skipped_rows"] == 3 and data["source"]["events"] == 2


def test_start_after_end_is_an_error(tmp_path: Path):
    header = ("case_id", "activity", "start_timestamp", "timestamp")
    log = write_csv(tmp_path / "log.csv", header, [("A", "a", at(0), at(5)), ("A", "b", at(30), at(20))])
    code, _out, err = run("measure", log)
    assert code == 2
    assert err.startswith(f"{log}: row 3: error: the event starts after it ends")


def test_unknown_source_and_time_zone(tmp_path: Path):
    log = event_log(tmp_path / "log.csv", SIMPLE)
    code, _out, err = run("measure", log, "--source", "shopfy")
    assert (code, err) == (2, "--source: error: unknown source 'shopfy'\n  hint: did you mean 'shopify'?\n")
    code, _out, err = run("measure", log, "--tz", "Europe/Kobenhavn")
    assert code == 2 and err.startswith("--tz: error: unknown time zone 'Europe/Kobenhavn'")


def test_missing_file_and_old_excel(tmp_path: Path):
    code, _out, err = run("measure", tmp_path / "nope.csv")
    assert (code, err) == (2, f"{tmp_path / 'nope.csv'}: error: no such file\n")
    old = tmp_path / "orders.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    code, _out, err = run("measure", old)
    assert code == 2 and "old Excel file" in err


def test_a_log_bigger_than_the_memory_limit_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    log = event_log(tmp_path / "log.csv", SIMPLE)
    monkeypatch.setenv("SOPGEN_MEMORY_LIMIT", "50MB")
    code, _out, err = run("measure", log)
    assert code == 2
    assert "the limit is 50.0 MB (SOPGEN_MEMORY_LIMIT)" in err
    assert "split the log by month" in err


def test_several_files_are_one_log(tmp_path: Path):
    first = event_log(tmp_path / "march.csv", [("A", "a", 0), ("A", "b", 10)])
    second = event_log(tmp_path / "april.csv", [("B", "a", 0), ("B", "b", 30)])
    data = measured_json(first, second)
    assert data["source"]["cases"] == 2 and edges_by_pair(data)[("a", "b")]["mean_minutes"] == 20.0
    assert data["source"]["files"] == [str(first), str(second)]
