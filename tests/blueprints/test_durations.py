"""Durations and review cadences."""

from __future__ import annotations

import pytest

from sopgen.blueprints.durations import Cadence, DurationError, parse_minutes


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90s", 1.5),
        ("4m", 4),
        ("1.5h", 90),
        ("2d", 2880),
        ("1h 30m", 90),
        ("PT4M", 4),
        ("P1D", 1440),
        ("PT1H30M", 90),
        ("PT45S", 0.75),
        ("P1W", 10080),
    ],
)
def test_durations_in_minutes(text, minutes):
    assert parse_minutes(text) == pytest.approx(minutes)


@pytest.mark.parametrize("text", ["", "soon", "5", "-5m", "4 minutes", "PT", "P", "4x", "400d", "P1DT"])
def test_bad_durations_are_refused(text):
    with pytest.raises(DurationError):
        parse_minutes(text)


def test_cadence():
    assert Cadence.parse("6 months") == Cadence(6, "month")
    assert Cadence.parse("1 year").months() == 12
    with pytest.raises(DurationError):
        Cadence.parse("0 months")
