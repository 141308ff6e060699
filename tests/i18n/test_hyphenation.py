"""Hyphenation points for documents and charts: Danish, Indonesian and English from pyphen, none for Chinese."""

from __future__ import annotations

from sopgen.i18n.hyphenation import SOFT_HYPHEN, hyphen_positions, hyphenated


def test_long_words_get_soft_hyphens_at_syllables():
    assert hyphenated("Ikrafttrædelsesdato", "da").split(SOFT_HYPHEN) == ["Ikraft", "træ", "del", "ses", "da", "to"]
    assert hyphenated("Penanggungjawab", "id").replace(SOFT_HYPHEN, "") == "Penanggungjawab"
    assert hyphenated("Penanggungjawab", "id").count(SOFT_HYPHEN) >= 3
    assert hyphenated("kort ord", "da") == "kort ord"  # short words are left alone


def test_chinese_and_unknown_languages_are_left_alone():
    assert hyphenated("訂單處理與出貨", "zh_Hant_TW") == "訂單處理與出貨"
    assert hyphenated("Auftragsbearbeitung", "de") == "Auftragsbearbeitung"


def test_charts_get_the_break_points_of_a_word():
    assert hyphen_positions("Regnskabssystem", "da") == [4, 9, 11]
    assert hyphen_positions("Shopify-webshop", "da") == [8]
    assert hyphen_positions("訂單處理", "zh-TW") == []
