"""Plain `{{ group.name }}` placeholders are filled by lookup exactly as Jinja's sandbox renders them; anything else still goes to Jinja."""

from __future__ import annotations

import pytest

from sopgen.blueprints.library import builtin_library
from sopgen.blueprints.model import every_text
from sopgen.blueprints.profile import load_profile
from sopgen.i18n.catalog_files import filled_placeholders
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import _compiled, fill_placeholders, placeholder_values


def _texts_with_placeholders(localizer: Localizer) -> list[str]:
    library = builtin_library()
    texts = {text for record in (*library.sops, *library.flows, *library.messages) for text in every_text(record) if "{{" in text}
    return sorted(texts | {localizer.translate(text) or text for text in texts})


@pytest.mark.parametrize("locale", ["da", "en", "zh_Hant_TW", "id"])
def test_every_built_in_text_is_filled_as_jinja_fills_it(locale: str):
    localizer = Localizer.for_locale(locale)
    values = placeholder_values(load_profile(), localizer)
    texts = _texts_with_placeholders(localizer)
    assert len(texts) > 50
    for text in texts:
        filled = filled_placeholders(text, values)
        assert filled is not None, text
        assert filled == _compiled(text).render(values)


def test_other_template_syntax_and_missing_values_are_left_to_jinja():
    values = {"shop": {"name": "Æble & Co {{ not.this }}"}}
    assert filled_placeholders("From {{shop.name}}:  {{ shop.name }}\n", values) == "From Æble & Co {{ not.this }}:  Æble & Co {{ not.this }}\n"
    for text in ("{% if x %}{{ shop.name }}{% endif %}", "{{ shop.name|upper }}", "{# note #}{{ shop.name }}", "a\r\n{{ shop.name }}", "{{ shop.email }}", "{{ policy.days }}"):
        assert filled_placeholders(text, values) is None
    assert fill_placeholders("{{ shop.name|upper }}", values) == "ÆBLE & CO {{ NOT.THIS }}"
