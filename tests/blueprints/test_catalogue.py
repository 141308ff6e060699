"""`sopgen blueprints --profile`: what a shop gets from the library, and why the rest is left out."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from shops import profile_path
from sopgen.blueprints.sop_model import Condition
from sopgen.blueprints.tailoring import condition_in_words
from sopgen.cli.app import app


def _rows(shop: str) -> dict[str, dict]:
    result = CliRunner().invoke(app, ["blueprints", "--profile", str(profile_path(shop)), "--json"])
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)["sops"]}


def test_a_shop_without_a_web_shop_sees_the_website_sops_left_out_and_why():
    rows = _rows("amazon-only")
    assert rows["website-maintenance"]["applies"] is False
    assert rows["website-maintenance"]["left_out_because"] == "only for a shop that sells through its own web shop"
    assert rows["order-processing"]["applies"] is True
    assert 0 < rows["order-processing"]["steps_for_shop"] < rows["order-processing"]["steps_in_all"]


def test_without_a_profile_the_catalogue_says_nothing_about_a_shop():
    result = CliRunner().invoke(app, ["blueprints", "--json"])
    assert result.exit_code == 0
    assert all("applies" not in row for row in json.loads(result.stdout)["sops"])


def test_conditions_read_as_words():
    assert condition_in_words(Condition(channels=("marketplace",), payments=("cod",))) == (
        "only for a shop that sells through a marketplace and takes cash on delivery"
    )
    assert condition_in_words(Condition(countries=("DK", "other"))) == "only for a shop that is in Denmark or a country sopgen has no knowledge of"
    assert condition_in_words(Condition(unless=Condition(countries=("DK",)))) == "not for a shop that is in Denmark"
