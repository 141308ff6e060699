"""Text for charts: display-width wrapping, escaped HTML-like label pieces, fonts per locale."""

from __future__ import annotations

import html
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from types import MappingProxyType

from sopgen.errors import Problem, Source, ToolMissingError
from sopgen.i18n.display_text import char_width, display_width, fill, tokens
from sopgen.i18n.interface import _

CJK_FONT = "Noto Sans CJK TC"
LATIN_FONT = "Arial"
# Pango (PNG, PDF) takes the first installed family of a comma-separated list, and the SVG's
# font-family attribute is the same list, which browsers read as a CSS font stack.
FONT_FALLBACKS = MappingProxyType(
    {
        "zh_Hant_TW": ("Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", "Heiti TC", "sans-serif"),
        "latin": ("Arial", "Liberation Sans", "Helvetica", "DejaVu Sans", "sans-serif"),
    }
)


def chart_font(locale: str) -> str:
    """The font a chart in this locale is drawn with in PNG and PDF."""
    return CJK_FONT if locale == "zh_Hant_TW" else LATIN_FONT


def font_stack(locale: str, font: str | None = None) -> str:
    """`font` (default: the locale's chart font) followed by fallbacks, comma-separated."""
    fallbacks = FONT_FALLBACKS["zh_Hant_TW" if locale == "zh_Hant_TW" else "latin"]
    return ", ".join(dict.fromkeys((font or chart_font(locale), *fallbacks)))


def needs_cjk_font(text: str) -> bool:
    if text.isascii():
        return False
    return _has_wide_letters(text)


@lru_cache(maxsize=4096)
def _has_wide_letters(text: str) -> bool:
    return any(unicodedata.east_asian_width(char) in "WF" and not char.isspace() for char in text)


def check_cjk_font() -> None:
    """Raise ToolMissingError when fontconfig knows no Traditional Chinese font (PNG/PDF would show boxes)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return  # no fontconfig tools to ask (Windows builds of Graphviz); Graphviz will use what it finds
    try:
        found = subprocess.run(
            [fc_list, ":lang=zh-tw", "family"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return
    if not found:
        raise ToolMissingError(
            [
                Problem(
                    Source("fontconfig"),
                    _("no Traditional Chinese font is installed, so Chinese text in a PNG or PDF chart would show as boxes"),
                    _(
                        "install Noto Sans CJK TC: 'apt-get install fonts-noto-cjk' (Debian, Ubuntu), "
                        "'brew install --cask font-noto-sans-cjk-tc' (macOS); or write SVG instead"
                    ),
                )
            ]
        )


def _split_long(token: str, width: int, locale: str | None = None) -> list[str]:
    if display_width(token) <= width:
        return [token]
    if locale is not None:
        hyphenated = _hyphenated_pieces(token, width, locale)
        if hyphenated:
            return hyphenated
    pieces, piece, piece_width = [], "", 0
    for char in token:
        width_of_char = char_width(char)
        if piece and piece_width + width_of_char > width:
            pieces.append(piece)
            piece, piece_width = "", 0
        piece += char
        piece_width += width_of_char
    return [*pieces, piece] if piece else pieces


def _hyphenated_pieces(word: str, width: int, locale: str) -> list[str]:
    """A word too long for a line, broken with a hyphen where the language's dictionary allows; [] where no break fits."""
    from sopgen.i18n.hyphenation import hyphen_positions

    breaks = hyphen_positions(word, locale)
    pieces, start = [], 0
    while display_width(word[start:]) > width:
        fitting = [end for end in breaks if end > start and display_width(word[start:end]) + (word[end - 1] != "-") <= width]
        if not fitting:
            return []
        piece = word[start : fitting[-1]]
        pieces.append(piece if piece.endswith("-") else piece + "-")
        start = fitting[-1]
    return [*pieces, word[start:]]


def wrap(text: str, width: int, locale: str | None = None) -> tuple[str, ...]:
    """Lines of at most `width` display columns; breaks between words and between CJK characters, and at line breaks.

    A word longer than a line is hyphenated where `locale`'s dictionary allows, else cut where the line ends.
    """
    if "\n" in text:
        return tuple(line for part in text.split("\n") for line in wrap(part, width, locale))
    pieces = [
        (piece, spaced and index == 0, display_width(piece))
        for token, spaced in tokens(text)
        for index, piece in enumerate(_split_long(token, width, locale))
    ]
    return fill(pieces, width)


def balanced_wrap(text: str, width: int, locale: str | None = None) -> tuple[str, ...]:
    """As few lines as `wrap`, made as even as possible: no lone word or character on the last line."""
    if "\n" in text:
        return tuple(line for part in text.split("\n") for line in balanced_wrap(part, width, locale))
    lines = wrap(text, width, locale)
    if len(lines) < 2:
        return lines
    # Narrower than `width` but no narrower than the longest word, no word is split: the tokens are the pieces.
    pieces = [(token, spaced, display_width(token)) for token, spaced in tokens(text)]
    longest_word = max(piece_width for _, _, piece_width in pieces)
    best = lines
    for narrower in range(width - 1, min(longest_word, width) - 1, -1):
        candidate = fill(pieces, narrower)
        if len(candidate) != len(lines):
            break
        best = candidate
    return best


def escaped_lines(lines: Iterable[str]) -> str:
    """Lines of user text as one HTML-like label fragment, each escaped, joined by line breaks."""
    return "<BR/>".join(escape(line) for line in lines)


def escape(text: str) -> str:
    """Text for an HTML-like label, shown literally.

    Graphviz expands \\N, \\G, \\E … even inside HTML labels (after decoding entities, so
    `&#92;N` does not help); a doubled backslash comes out as one.
    """
    # Graphviz's HTML-label lexer fails on a "]" right after a tag, so it goes as a character reference.
    return html.escape(text, quote=True).replace("\\", "\\\\").replace("]", "&#93;")


_NARROW = frozenset("ijlI|!.,:;'`ftr()[]{} /\\\"-")
_BROAD = frozenset("mwMW%@")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of the width Graphviz gives `text`, in points (Arial-like or CJK fonts)."""
    return _ems(text) * size * (1.08 if bold else 1.0)


@lru_cache(maxsize=4096)
def _ems(text: str) -> float:
    """The text's width in ems: CJK and broad letters one em, narrow ones about a third, capitals and digits 0.72."""
    if text.isascii():
        return sum(map(_ASCII_EMS.__getitem__, text), 0.0)
    ems = 0.0
    for char in text:
        if unicodedata.combining(char):
            continue
        ems += 1.0 if unicodedata.east_asian_width(char) in "WF" else _letter_ems(char)
    return ems


def _letter_ems(char: str) -> float:
    if char in _NARROW:
        return 0.36
    if char in _BROAD:
        return 1.0
    return 0.72 if char.isupper() or char.isdigit() else 0.6


_ASCII_EMS = {chr(code): 0.0 if unicodedata.combining(chr(code)) else _letter_ems(chr(code)) for code in range(128)}


def line_height(size: float) -> float:
    """Graphviz gives a line of an HTML label about 1.1 times its font size; CJK glyphs fill all of it."""
    return size * 1.15


def join_wrapped(pieces: Sequence[str], width: int) -> list[str]:
    """Short pieces joined by ' · ' into lines of about `width` columns."""
    lines: list[str] = []
    for piece in pieces:
        if lines and display_width(f"{lines[-1]} · {piece}") <= width:
            lines[-1] += " · " + piece
        else:
            lines.append(piece)
    return lines


def escape_record(text: str) -> str:
    """Plain (non-HTML) attribute text such as a tooltip, shown literally: no \\N, \\l or trailing-backslash escapes."""
    import graphviz

    return graphviz.escape(text)
