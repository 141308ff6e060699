"""Where long words may break: hyphenation points from pyphen's dictionaries (LibreOffice's) for Danish, Indonesian and English.

Documents put soft hyphens at these points; a chart that wraps its labels can break a long word at
one of them (hyphen_positions) instead of in the middle of a syllable. Chinese has no hyphenation:
it breaks between characters.
"""

from __future__ import annotations

import functools
import re

SOFT_HYPHEN = "\u00ad"
HYPHENATION_LANGUAGES = {"da": "da_DK", "id": "id_ID", "en": "en_US"}
# Words shorter than this are left alone: they fit every column and lane.
HYPHENATE_FROM = 8
_LETTERS = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=8)
def _dictionary(language: str):  # type: ignore[no-untyped-def]
    import pyphen

    return pyphen.Pyphen(lang=language)


def _language(locale: str) -> str | None:
    return HYPHENATION_LANGUAGES.get(locale.replace("-", "_").split("_")[0])


@functools.lru_cache(maxsize=4096)
def _hyphenated_word(word: str, language: str) -> str:
    return _dictionary(language).inserted(word, hyphen=SOFT_HYPHEN)


def hyphenated(text: str, locale: str) -> str:
    """`text` with soft hyphens (U+00AD) at the hyphenation points of its long words; unchanged without a dictionary.

    A word already holding a hyphen is split only at its parts' own points.
    """
    language = _language(locale)
    if language is None or not text:
        return text

    def hyphenate(match: re.Match[str]) -> str:
        word = match.group(0)
        return _hyphenated_word(word, language) if len(word) >= HYPHENATE_FROM else word

    return _LETTERS.sub(hyphenate, text)


def hyphen_positions(word: str, locale: str) -> list[int]:
    """Offsets in `word` where it may break with a hyphen (after a letter, before the next), in order.

    "Regnskabssystem" in Danish: [4, 9, 11] (Regn-skabs-sy-stem); a hyphen already in the word
    is a break point too. Empty for a language without a dictionary.
    """
    positions = {index + 1 for index, character in enumerate(word[:-1]) if character == "-"}
    if _language(locale) is not None:
        offset = 0
        for piece in hyphenated(word, locale).split(SOFT_HYPHEN)[:-1]:
            offset += len(piece)
            positions.add(offset)
    return sorted(positions)
