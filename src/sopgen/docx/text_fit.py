"""How text fits a table's columns: estimated text widths, widths that fit a column's longest word; hyphenation from i18n.

Widths are estimates per script, not measured with the font: a Latin letter takes about half an
em in Calibri (Carlito has the same metrics), a capital or a digit a little more, a space a
quarter; a Han or other wide character a full em. That is close enough to choose column widths
and to tell a short table from one that may run over a page.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

from sopgen.i18n.hyphenation import SOFT_HYPHEN, hyphenated

__all__ = ["SOFT_HYPHEN", "fitted_widths", "hyphenated", "text_width_pt", "unbreakable_pieces", "widest_piece_pt"]

# A run of Han characters up to this long is kept on one line when its column can hold it.
CJK_PHRASE = 8
CELL_PADDING_PT = 2 * 5.4  # Table Grid's left and right cell margins (108 twips each)
BOLD_FACTOR = 1.05
KEPT_SHARE = 0.6
_WORD = re.compile(r"\S+")


def _is_wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in "WF"


def _em(character: str) -> float:
    if _is_wide(character):
        return 1.0
    if character.isspace():
        return 0.23
    if character.isupper() or character.isdigit():
        return 0.58
    if character in "iljtf.,;:'!|()[]-" + SOFT_HYPHEN:
        return 0.28 if character != SOFT_HYPHEN else 0.0
    if character in "mwMW":
        return 0.8
    return 0.5


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    """The estimated width of `text` on one line, in points."""
    return sum(_em(character) for character in text) * size_pt * (BOLD_FACTOR if bold else 1.0)


def unbreakable_pieces(text: str) -> list[str]:
    """The pieces of `text` a line should not break inside: words, and short runs of wide (Han) characters.

    A longer run of Han characters breaks between any two of them, as Chinese does.
    """
    pieces = []
    for word in _WORD.findall(text.replace(SOFT_HYPHEN, "")):
        for run in re.findall(r"[^\W\d_]+|\W+|\d+|.", word) if any(_is_wide(c) for c in word) else [word]:
            if any(_is_wide(c) for c in run) and len(run) > CJK_PHRASE:
                pieces.extend(run)
            else:
                pieces.append(run)
    return pieces


def widest_piece_pt(text: str, size_pt: float, bold: bool = False) -> float:
    return max((text_width_pt(piece, size_pt, bold) for piece in unbreakable_pieces(text)), default=0.0)


def fitted_widths(shares: Sequence[float], needs: Sequence[float], cap: float = 0.4) -> list[float]:
    """Column shares (of the text width) grown so each column holds what it needs, taken from the others' room.

    `needs` are the least shares each column needs; a column never grows past `cap` (then its
    longest word is hyphenated) and never gives up more than it has beyond its own need, nor
    more than 40 % of its share: a text column stays wide enough to read.
    """
    shares = list(shares)
    wanted = [min(max(need, share), max(share, cap)) for share, need in zip(shares, needs, strict=True)]
    growth = sum(want - share for want, share in zip(wanted, shares, strict=True))
    if growth <= 0:
        return shares
    # a column gives room down to its own need, and keeps at least KEPT_SHARE of what it had
    room = [
        max(share - max(need, share * KEPT_SHARE), 0.0) if want == share else 0.0
        for share, need, want in zip(shares, needs, wanted, strict=True)
    ]
    available = sum(room)
    if available <= 0:
        return shares
    taken = min(growth, available)
    scale = taken / growth
    return [
        share + (want - share) * scale if want > share else share - taken * (free / available)
        for share, want, free in zip(shares, wanted, room, strict=True)
    ]


def estimated_lines(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """Lines a paragraph of `text` takes in a column `width_pt` wide (text area, padding taken off)."""
    usable = max(width_pt - CELL_PADDING_PT, size_pt)
    return max(1, math.ceil(text_width_pt(text, size_pt, bold) / usable))
