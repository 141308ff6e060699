"""Text for charts: display-width wrapping, escaped HTML-like label pieces, fonts per locale."""

from __future__ import annotations

import html
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Sequence
from types import MappingProxyType

from sopgen.errors import Problem, Source, ToolMissingError
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
_NO_BREAK_BEFORE = frozenset("，。、；：？！）」』】〉》,.;:?!)]}%…—·")
_NO_BREAK_AFTER = frozenset("（「『【〈《([{")


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


def display_width(text: str) -> int:
    """Columns the text takes in a monospace view: wide and full-width characters count double."""
    if text.isascii():
        return len(text)
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Words and single wide characters, each with whether a space precedes it."""
    if text.isascii():
        return [(word, index > 0) for index, word in enumerate(text.split())]
    tokens: list[tuple[str, bool]] = []
    word = ""
    spaced = False
    for char in text:
        if char.isspace():
            if word:
                tokens.append((word, spaced))
                word = ""
            spaced = bool(tokens)
        elif unicodedata.east_asian_width(char) in "WF":
            if word:
                tokens.append((word, spaced))
                word, spaced = "", False
            tokens.append((char, spaced))
            spaced = False
        else:
            word += char
    if word:
        tokens.append((word, spaced))
    return _keep_punctuation_attached(tokens)


def _keep_punctuation_attached(tokens: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    joined: list[tuple[str, bool]] = []
    for token, spaced in tokens:
        if joined and not spaced and (token[0] in _NO_BREAK_BEFORE or joined[-1][0][-1] in _NO_BREAK_AFTER):
            joined[-1] = (joined[-1][0] + token, joined[-1][1])
        else:
            joined.append((token, spaced))
    return joined


def _split_long(token: str, width: int, locale: str | None = None) -> list[str]:
    if display_width(token) <= width:
        return [token]
    if locale is not None:
        hyphenated = _hyphenated_pieces(token, width, locale)
        if hyphenated:
            return hyphenated
    pieces, piece, piece_width = [], "", 0
    for char in token:
        char_width = _char_width(char)
        if piece and piece_width + char_width > width:
            pieces.append(piece)
            piece, piece_width = "", 0
        piece += char
        piece_width += char_width
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
    lines: list[str] = []
    line, line_width = "", 0
    for token, spaced in _tokens(text):
        for index, piece in enumerate(_split_long(token, width, locale)):
            gap = " " if spaced and index == 0 and line else ""
            piece_width = display_width(piece)
            if line and line_width + len(gap) + piece_width > width:
                lines.append(line)
                line, line_width = piece, piece_width
            else:
                line += gap + piece
                line_width += len(gap) + piece_width
    if line:
        lines.append(line)
    return tuple(lines) or ("",)


def balanced_wrap(text: str, width: int, locale: str | None = None) -> tuple[str, ...]:
    """As few lines as `wrap`, made as even as possible: no lone word or character on the last line."""
    if "\n" in text:
        return tuple(line for part in text.split("\n") for line in balanced_wrap(part, width, locale))
    lines = wrap(text, width, locale)
    if len(lines) < 2:
        return lines
    longest_word = max(display_width(token) for token, _ in _tokens(text))
    best = lines
    for narrower in range(width - 1, min(longest_word, width) - 1, -1):
        candidate = wrap(text, narrower, locale)
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
    ems = 0.0
    for char in text:
        if unicodedata.combining(char):
            continue
        if unicodedata.east_asian_width(char) in "WF":
            ems += 1.0
        elif char in _NARROW:
            ems += 0.36
        elif char in _BROAD:
            ems += 1.0
        elif char.isupper() or char.isdigit():
            ems += 0.72
        else:
            ems += 0.6
    return ems * size * (1.08 if bold else 1.0)


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
