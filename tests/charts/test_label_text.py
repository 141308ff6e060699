"""Chart labels: a word longer than a line is hyphenated where its language allows, never cut mid-syllable."""

from __future__ import annotations

import pytest

from sopgen.charts.text import wrap
from sopgen.i18n.display_text import display_width


@pytest.mark.parametrize(
    ("word", "locale", "lines"),
    [
        ("Adminmedarbejdere", "da", ("Adminmedar-", "bejdere")),
        ("Regnskabssystem", "da", ("Regnskabssy-", "stem")),
        ("Shopify-webshop", "da", ("Shopify-", "webshop")),  # its own hyphen is the break
    ],
)
def test_long_words_break_at_hyphenation_points(word: str, locale: str, lines: tuple[str, ...]):
    assert wrap(word, 12, locale) == lines


def test_every_piece_fits_and_the_word_reads_whole_again():
    word = "Kundeserviceadministrationsmedarbejder"
    lines = wrap(word, 12, "da")
    assert all(display_width(line) <= 12 for line in lines)
    assert "".join(line.removesuffix("-") for line in lines) == word


def test_without_a_dictionary_a_word_is_cut_where_the_line_ends():
    assert wrap("Adminmedarbejdere", 12) == ("Adminmedarbe", "jdere")
    assert wrap("客服人員處理退貨申請", 8, "zh_Hant_TW") == ("客服人員", "處理退貨", "申請")
