"""Text as a terminal or a chart lays it out: display width (wide characters count two) and line filling.

Words break at spaces, Chinese between any two characters, punctuation staying with its neighbour.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_NO_BREAK_BEFORE = frozenset("，。、；：？！）」』】〉》,.;:?!)]}%…—·")
_NO_BREAK_AFTER = frozenset("（「『【〈《([{")


def display_width(text: str) -> int:
    """Columns the text takes in a monospace view: wide and full-width characters count double."""
    if text.isascii():
        return len(text)
    return _wide_text_width(text)


@lru_cache(maxsize=4096)
def _wide_text_width(text: str) -> int:
    return sum(char_width(char) for char in text)


def char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def tokens(text: str) -> list[tuple[str, bool]]:
    """Words and single wide characters, each with whether a space precedes it."""
    if text.isascii():
        return [(word, index > 0) for index, word in enumerate(text.split())]
    found: list[tuple[str, bool]] = []
    word = ""
    spaced = False
    for char in text:
        if char.isspace():
            if word:
                found.append((word, spaced))
                word = ""
            spaced = bool(found)
        elif unicodedata.east_asian_width(char) in "WF":
            if word:
                found.append((word, spaced))
                word, spaced = "", False
            found.append((char, spaced))
            spaced = False
        else:
            word += char
    if word:
        found.append((word, spaced))
    return _keep_punctuation_attached(found)


def _keep_punctuation_attached(tokens: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    joined: list[tuple[str, bool]] = []
    for token, spaced in tokens:
        if joined and not spaced and (token[0] in _NO_BREAK_BEFORE or joined[-1][0][-1] in _NO_BREAK_AFTER):
            joined[-1] = (joined[-1][0] + token, joined[-1][1])
        else:
            joined.append((token, spaced))
    return joined


def fill(pieces: Iterable[tuple[str, bool, int]], width: int) -> tuple[str, ...]:
    """Pieces (text, whether a space precedes it, its width) put on lines greedily, a line at most `width` wide."""
    lines: list[str] = []
    line, line_width = "", 0
    for piece, spaced, piece_width in pieces:
        gap = 1 if spaced and line else 0
        if line and line_width + gap + piece_width > width:
            lines.append(line)
            line, line_width = piece, piece_width
        else:
            line += " " * gap + piece
            line_width += gap + piece_width
    if line:
        lines.append(line)
    return tuple(lines) or ("",)


def wrap_words(text: str, width: int) -> tuple[str, ...]:
    """Lines of about `width` columns, breaking only between words and CJK characters (a longer word keeps its line)."""
    return fill(((token, spaced, display_width(token)) for token, spaced in tokens(text)), width)
