"""Where the built-in blueprints, catalogs and Word template live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _CHECKOUT / name


def blueprints_dir() -> Path:
    return _data_dir("blueprints")


def locales_dir() -> Path:
    return _data_dir("locales")


def package_dir() -> Path:
    return _PACKAGE
