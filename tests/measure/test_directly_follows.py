"""pm4py's directly-follows definitions on hand-made logs whose answers are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sample_logs import at, edges_by_pair, event_log, measured_json, write_csv

# A: a 0, b 10, c 40 · B: a 5, c 65 · E (rows out of order): c 50, a 0, b 20.
#   a→b: 10 (A), 20 (E): count 2, mean 15, median 15, p90 10 + 0.9 × 10 = 19
#   b→c: 30, 30 · a→c: 60 (B) · variants: a b c × 2, a c × 1
SIMPLE = [("A", "a", 0), ("A", "b", 10), ("A", "c", 40), ("B", "a", 5), ("B", "c", 65), ("E", "c", 50), ("E", "a", 0), ("E", "b", 20)]


def test_counts_means_medians_and_p90_of_pairs(tmp_path: Path):
    data = measured_json(event_log(tmp_path / "log.csv", SIMPLE))
    edges = edges_by_pair(data)
    assert set(edges) == {("a", "b"), ("b", "c"), ("a", "c")}
    assert edges[("a", "b")] == {"from": "a", "to": "b", "count": 2, "mean_minutes": 15.0, "median_minutes": 15.0, "p90_minutes": pytest.approx(19.0)}
    assert (edges[("b", "c")]["count"], edges[("b", "c")]["mean_minutes"]) == (2, 30.0)
    assert (edges[("a", "c")]["count"], edges[("a", "c")]["median_minutes"]) == (1, 60.0)
    assert data["variants"] == [{"activities": ["a", "b", "c"], "cases": 2}, {"activities": ["a", "c"], "cases": 1}]
    assert data["variants_total"] == 2
    assert [(a["name"], a["count"], a["cases"]) for a in data["activities"]] == [("a", 3, 3), ("c", 3, 3), ("b", 2, 2)]
    assert data["source"]["events"] == 8 and data["source"]["cases"] == 3


def test_edges_are_most_frequent_first(tmp_path: Path):
    data = measured_json(event_log(tmp_path / "log.csv", SIMPLE))
    assert [(edge["from"], edge["to"]) for edge in data["edges"]] == [("a", "b"), ("b", "c"), ("a", "c")]


def test_ties_keep_the_file_order(tmp_path: Path):
    # y and x happen at the same minute; y comes first in the file, so a→y→x.
    data = measured_json(event_log(tmp_path / "log.csv", [("D", "a", 0), ("D", "y", 20), ("D", "x", 20)]))
    assert set(edges_by_pair(data)) == {("a", "y"), ("y", "x")}
    assert edges_by_pair(data)[("y", "x")]["mean_minutes"] == 0.0


def test_repeated_events_are_counted_like_pm4py_and_reported(tmp_path: Path):
    data = measured_json(event_log(tmp_path / "log.csv", [("A", "a", 0), ("A", "b", 10), ("A", "b", 10), ("A", "c", 12)]))
    assert edges_by_pair(data)[("b", "b")]["count"] == 1
    assert data["source"]["duplicate_events"] == 1


def test_with_start_times_the_wait_runs_from_complete_to_the_next_start_and_never_below_zero(tmp_path: Path):
    # S1: a 0–10, b 30–45, c 40–60 (c starts before b completes) · S2: a 0–5, b 5–25.
    #   a→b: 30 − 10 = 20 and 5 − 5 = 0 · b→c: max(0, 40 − 45) = 0 · handling a 10, 5; b 15, 20; c 20.
    header = ("case:concept:name", "concept:name", "start_timestamp", "time:timestamp", "org:resource")
    rows = [
        ("S1", "a", at(0), at(10), "Dewi"),
        ("S1", "b", at(30), at(45), "Sari"),
        ("S1", "c", at(40), at(60), "Sari"),
        ("S2", "a", at(0), at(5), "Dewi"),
        ("S2", "b", at(5), at(25), "Sari"),
    ]
    data = measured_json(write_csv(tmp_path / "log.csv", header, rows))
    edges = edges_by_pair(data)
    assert (edges[("a", "b")]["count"], edges[("a", "b")]["mean_minutes"], edges[("a", "b")]["median_minutes"]) == (2, 10.0, 10.0)
    assert edges[("b", "c")]["mean_minutes"] == 0.0
    activities = {activity["name"]: activity for activity in data["activities"]}
    assert activities["a"]["handling_mean_minutes"] == 7.5
    assert activities["b"]["handling_median_minutes"] == 17.5
    assert activities["c"]["handling_p90_minutes"] == 20.0
    assert data["source"]["start_times"] is True and data["source"]["resources"] is True


def test_with_start_times_events_are_ordered_by_start(tmp_path: Path):
    # b completes after c but starts before it: pm4py sorts by start, so a→b→c.
    header = ("case:concept:name", "concept:name", "start_timestamp", "time:timestamp")
    rows = [("S", "a", at(0), at(1)), ("S", "c", at(20), at(30)), ("S", "b", at(10), at(40))]
    data = measured_json(write_csv(tmp_path / "log.csv", header, rows))
    assert set(edges_by_pair(data)) == {("a", "b"), ("b", "c")}


def test_volume_counts_days_and_weekdays_in_the_shops_zone(tmp_path: Path):
    # Case N starts Sunday 23:30 UTC, which is Monday 00:30 in Copenhagen.
    header = ("case_id", "activity", "timestamp")
    rows = [
        ("N", "placed", "2025-03-02T23:30:00Z"),
        ("M", "placed", "2025-03-03T10:00:00Z"),
        ("L", "placed", "2025-03-09T10:00:00Z"),  # Sunday
    ]
    log = write_csv(tmp_path / "log.csv", header, rows)
    local = measured_json(log, "--tz", "Europe/Copenhagen")["volume"]
    assert local["days"] == 7 and local["by_weekday"]["Mon"] == 2.0 and local["by_weekday"]["Sun"] == 1.0
    assert local["cases_per_day_mean"] == 3 / 7
    assert local["working_days"] == 5 and local["cases_per_working_day"] == 3 / 5
    utc = measured_json(log, "--tz", "UTC")["volume"]
    assert utc["days"] == 8 and utc["by_weekday"]["Sun"] == 1.0


def test_first_and_last_are_shown_in_the_shops_zone(tmp_path: Path):
    data = measured_json(event_log(tmp_path / "log.csv", SIMPLE), "--tz", "Asia/Jakarta")
    assert data["source"]["first"] == "2025-03-03T14:00:00+07:00"
    assert data["source"]["last"] == "2025-03-03T15:05:00+07:00"
    assert data["source"]["zone"] == "Asia/Jakarta"


def test_mixed_offsets_are_kept_per_time(tmp_path: Path):
    # Clocks went forward overnight: 09:00 UTC to 10:00 UTC the next day is 25 hours, not 26.
    header = ("case_id", "activity", "timestamp")
    rows = [("A", "a", "2025-03-29T10:00:00+01:00"), ("A", "b", "2025-03-30T12:00:00+02:00")]
    data = measured_json(write_csv(tmp_path / "log.csv", header, rows))
    assert edges_by_pair(data)[("a", "b")]["mean_minutes"] == 25 * 60


def test_a_log_with_one_case_is_measured_with_a_warning(tmp_path: Path):
    from sample_logs import run

    code, out, err = run("measure", event_log(tmp_path / "log.csv", [("A", "a", 0), ("A", "b", 30)]), "--json")
    assert code == 0
    assert "one case only" in err
    assert '"cases": 1' in out


# ---------------------------------------------------------------- against a plain reading of the definition

EVENTS = st.lists(
    st.tuples(st.sampled_from("PQRS"), st.sampled_from("abcd"), st.integers(0, 300), st.one_of(st.none(), st.integers(0, 60))),
    min_size=1,
    max_size=40,
)


def _reference(rows: list[tuple[str, str, int, int | None]]) -> dict[tuple[str, str], list[float]]:
    """pm4py's definition read literally: per case, a stable sort by (start, else time; time); pairs in order."""
    by_case: dict[str, list[tuple[int, int, str, int]]] = {}
    for position, (case, activity, end, lead) in enumerate(rows):
        start = end - lead if lead is not None else end
        by_case.setdefault(case, []).append((start, end, activity, position))
    durations: dict[tuple[str, str], list[float]] = {}
    for events in by_case.values():
        events.sort(key=lambda event: (event[0], event[1], event[3]))
        for (_s, end, a, _p), (start_next, _e, b, _q) in zip(events, events[1:]):
            durations.setdefault((a, b), []).append(float(max(0, start_next - end)))
    return durations


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(rows=EVENTS, with_start=st.booleans())
def test_pairs_counts_means_and_medians_match_the_definition(tmp_path_factory, rows, with_start: bool):
    import statistics

    folder = tmp_path_factory.mktemp("log")
    header = ("case_id", "activity", "start_timestamp", "timestamp") if with_start else ("case_id", "activity", "timestamp")
    lines = []
    for case, activity, end, lead in rows:
        start = at(end - lead) if lead is not None else ""
        lines.append((case, activity, start, at(end)) if with_start else (case, activity, at(end)))
    data = measured_json(write_csv(folder / "log.csv", header, lines))
    expected = _reference(rows if with_start else [(case, activity, end, None) for case, activity, end, _lead in rows])
    edges = edges_by_pair(data)
    assert set(edges) == set(expected)
    for pair, values in expected.items():
        assert edges[pair]["count"] == len(values)
        assert edges[pair]["mean_minutes"] == pytest.approx(statistics.fmean(values))
        assert edges[pair]["median_minutes"] == pytest.approx(statistics.median(values))
