"""Catalogs as untrusted input: read within bounds, each broken file one clear message, every translation's placeholders checked.

A translation of blueprint text is rendered with the shop's values like the text itself, so it
may hold exactly the `{{ group.name }}` placeholders of its English text and no other template
syntax (`{{ shop }}`, `{{ ''.__class__ }}`, `{% for %}`): checked wherever a catalog is loaded,
before anything is rendered.
"""

from __future__ import annotations

import gettext
import io
import re
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sopgen.errors import Problem, Source, TranslationError
from sopgen.i18n.catalogs import catalog_path
from sopgen.i18n.interface import _

MAX_CATALOG_BYTES = 20 * 1_048_576
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\.([a-z_]+)\s*\}\}")
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")


def shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_catalog(path: Path, locale: str | None = None) -> Any:
    """A .po file as a babel Catalog; a file that is not one is an error with its line."""
    from babel.messages.pofile import PoFileError, read_po

    from sopgen.input_files import read_bounded

    where = shown(path)
    data = read_bounded(path, MAX_CATALOG_BYTES, where, TranslationError)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TranslationError.single(
            Source(where, data[: exc.start].count(b"\n") + 1),
            _("is not valid UTF-8 (byte 0x{byte:02x})").format(byte=data[exc.start]),
            _("save the catalog as UTF-8"),
        ) from None
    try:
        return read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        line = int(getattr(exc, "lineno", 0) or 0) + 1
        raise TranslationError.single(
            Source(where, line),
            _("is not a gettext catalog (.po): {problem}").format(problem=str(exc).split(" on ")[0]),
            _("run 'sopgen i18n update' to write the catalog afresh, then translate it again"),
        ) from None
    except (ValueError, UnicodeError, AttributeError, TypeError) as exc:
        raise TranslationError.single(Source(where), _("is not a gettext catalog (.po): {problem}").format(problem=exc)) from None


def read_compiled(path: Path) -> gettext.GNUTranslations:
    """A .mo file; a file that is not one is an error."""
    from sopgen.input_files import read_bounded

    where = shown(path)
    data = read_bounded(path, MAX_CATALOG_BYTES, where, TranslationError)
    try:
        return gettext.GNUTranslations(io.BytesIO(data))
    except (OSError, ValueError, UnicodeError, IndexError, KeyError, struct.error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise TranslationError.single(
            Source(where),
            _("is not a compiled catalog (.mo): {reason}").format(reason=reason),
            _("run 'sopgen i18n compile', or delete it to use the .po beside it"),
        ) from None


def compile_catalog(path: Path) -> bytes:
    """A .po file compiled to .mo bytes, after reading it as untrusted input."""
    from babel.messages.mofile import write_mo

    catalog = read_catalog(path)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def checked_translations(locales_dir: Path, domain: str, locale: str) -> gettext.NullTranslations:
    """A content catalog (compiled, or its .po compiled in memory) whose every translation keeps its text's placeholders.

    NullTranslations when there is no catalog; callers decide whether that is fine.
    """
    po_file = catalog_path(locales_dir, domain, locale)
    mo_file = catalog_path(locales_dir, domain, locale, ".mo")
    if mo_file.is_file() and (not po_file.is_file() or mo_file.stat().st_mtime >= po_file.stat().st_mtime):
        translations = read_compiled(mo_file)
    elif po_file.exists():
        translations = gettext.GNUTranslations(io.BytesIO(compile_catalog(po_file)))
    elif mo_file.exists():
        translations = read_compiled(mo_file)
    else:
        return gettext.NullTranslations()
    problems = translation_problems(getattr(translations, "_catalog", {}), po_file if po_file.is_file() else mo_file)
    if problems:
        raise TranslationError(problems)
    return translations


def translation_problems(messages: dict[Any, str], path: Path) -> list[Problem]:
    """Every translation whose placeholders are not its source text's, located in the .po where there is one."""
    wrong = [(source, problem) for source, text in messages.items() if isinstance(source, str) and text and (problem := placeholder_problem(source, text))]
    if not wrong:
        return []
    lines = _message_lines(path) if path.suffix == ".po" else {}
    problems = [Problem(Source(shown(path), lines.get(source)), message, _hint()) for source, message in wrong]
    return sorted(problems, key=lambda problem: problem.source.line or 0)


def placeholder_problem(source: str, translation: str) -> str | None:
    """Why a translation of blueprint text may not be rendered, or None when it keeps its text's placeholders."""
    if not _TEMPLATE_SYNTAX.search(translation) and not _TEMPLATE_SYNTAX.search(source):
        return None
    found = placeholder_names(translation)
    if found is None:
        return _("the translation of \"{text}\" holds template code; only placeholders such as {{{{ shop.name }}}} may appear").format(
            text=_shorten(source)
        )
    expected = placeholder_names(source)
    if expected is not None and found != expected:
        return _("the translation of \"{text}\" has the placeholders {found}, the English text {expected}").format(
            text=_shorten(source), found=_listed(found), expected=_listed(expected)
        )
    return None


def placeholder_names(text: str) -> list[str] | None:
    """The `group.name` of each placeholder, sorted; None when the text holds any other template syntax."""
    if _TEMPLATE_SYNTAX.search(_PLACEHOLDER.sub("", text)):
        return None
    return sorted(f"{group}.{name}" for group, name in _PLACEHOLDER.findall(text))


def filled_placeholders(text: str, values: Mapping[str, Mapping[str, str]]) -> str | None:
    """`text` with each `{{ group.name }}` replaced by its value, as Jinja renders it; None where only Jinja can say.

    That is a text with any other template syntax, with a carriage return (Jinja turns line
    breaks into `\\n`), or with a placeholder that has no text value.
    """
    if "\r" in text or _TEMPLATE_SYNTAX.search(_PLACEHOLDER.sub("", text)):
        return None
    found = [values.get(group, {}).get(name) for group, name in _PLACEHOLDER.findall(text)]
    if not all(isinstance(value, str) for value in found):
        return None
    filled = iter(found)
    return _PLACEHOLDER.sub(lambda _match: next(filled), text)


def _listed(names: list[str]) -> str:
    return " ".join("{{ " + name + " }}" for name in names) or "-"


def _shorten(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _hint() -> str:
    return _("keep every placeholder exactly as in the English text")


def _message_lines(path: Path) -> dict[str, int]:
    try:
        return {message.id: message.lineno for message in read_catalog(path) if isinstance(message.id, str)}
    except TranslationError:
        return {}
