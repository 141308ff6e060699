"""Locale names users type, mapped onto the four supported locales."""

from __future__ import annotations

import pytest

from sopgen.i18n.locales import UnknownLocale, parse_locale, parse_locale_list


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("da", "da"),
        ("da-DK", "da"),
        ("en_US", "en"),
        ("zh-TW", "zh_Hant_TW"),
        ("zh_TW", "zh_Hant_TW"),
        ("zh-Hant", "zh_Hant_TW"),
        ("zh_Hant_TW", "zh_Hant_TW"),
        ("id", "id"),
        ("id-ID", "id"),
    ],
)
def test_accepted_names(text, locale):
    assert parse_locale(text) == locale


@pytest.mark.parametrize("text", ["zh-CN", "fr", "xx", "", "klingon"])
def test_unsupported_names(text):
    with pytest.raises(UnknownLocale):
        parse_locale(text)


def test_list_keeps_order_and_drops_repeats():
    assert parse_locale_list("da,en,zh-TW,id,da") == ("da", "en", "zh_Hant_TW", "id")
