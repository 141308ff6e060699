"""Shared fixtures: the interface in English, the built-in library and the demo shop."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("default", max_examples=25)
settings.register_profile("thorough", max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

os.environ["SOPGEN_LANG"] = "en"


@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch):
    from sopgen.i18n import interface as uitext

    monkeypatch.setenv("SOPGEN_LANG", "en")
    uitext.reset()
    yield
    uitext.reset()


@pytest.fixture(scope="session")
def library():
    from sopgen.blueprints.library import builtin_library

    return builtin_library()


@pytest.fixture(scope="session")
def demo_profile():
    from sopgen.blueprints.profile import load_profile

    return load_profile()
