"""Finding and loading gettext catalogs (`<locale>/LC_MESSAGES/<domain>.po|.mo`) the babel way."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

CONTENT_DOMAIN = "blueprints"


def catalog_path(locales_dir: Path, domain: str, locale: str, suffix: str = ".po") -> Path:
    return locales_dir / locale / "LC_MESSAGES" / f"{domain}{suffix}"


def load_translations(locales_dir: Path, domain: str, locale: str) -> gettext.NullTranslations:
    """The compiled catalog, or the .po compiled in memory when the .mo is missing or older.

    Returns NullTranslations when there is no catalog at all; callers decide whether that is fine.
    """
    po_file = catalog_path(locales_dir, domain, locale)
    mo_file = catalog_path(locales_dir, domain, locale, ".mo")
    if mo_file.is_file() and (not po_file.is_file() or mo_file.stat().st_mtime >= po_file.stat().st_mtime):
        with mo_file.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if po_file.is_file():
        return gettext.GNUTranslations(io.BytesIO(compile_po(po_file)))
    return gettext.NullTranslations()


def compile_po(po_file: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def has_message(translations: gettext.NullTranslations, message: str) -> bool:
    catalog = getattr(translations, "_catalog", None)
    if catalog is not None and message in catalog:
        return True
    fallback = getattr(translations, "_fallback", None)
    return fallback is not None and has_message(fallback, message)
