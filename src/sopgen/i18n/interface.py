"""sopgen's own interface messages in the user's language (gettext domain `sopgen`)."""

from __future__ import annotations

import gettext as _gettext
from functools import cache

from sopgen import resources
from sopgen.i18n.locales import SOURCE_LOCALE, interface_locale

UI_DOMAIN = "sopgen"


@cache
def _ui_translations(locale: str) -> _gettext.NullTranslations:
    if locale == SOURCE_LOCALE:
        return _gettext.NullTranslations()
    from sopgen.i18n.catalogs import load_translations

    try:
        return load_translations(resources.locales_dir(), UI_DOMAIN, locale)
    except Exception:  # a damaged interface catalog: the messages, about that too, in English rather than none
        return _gettext.NullTranslations()


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def _(message: str) -> str:
    return _ui_translations(interface_locale()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _ui_translations(interface_locale()).ngettext(singular, plural, count)


def reset() -> None:
    """Forget cached catalogs (tests switch the interface language)."""
    _ui_translations.cache_clear()
