"""Chart words of a language pair: each language's half filled with that language's values, flow texts paired by field."""

from __future__ import annotations

import pytest

from sopgen.i18n.localizer import Localizer
from sopgen.localize.bilingual_labels import PairedLocalizer, StructureMismatch, combined_record, combined_text
from sopgen.localize.localization import Localization


def test_a_template_takes_each_languages_own_figure():
    localizer = PairedLocalizer.of(Localizer.for_locale("da"), Localizer.for_locale("id"))
    danish, indonesian = Localizer.for_locale("da"), Localizer.for_locale("id")
    text = localizer._("wait {duration}").format(duration=localizer.duration(200))
    assert text == (
        danish._("wait {duration}").format(duration=danish.duration(200))
        + " / "
        + indonesian._("wait {duration}").format(duration=indonesian.duration(200))
    )
    assert danish.duration(200) != indonesian.duration(200)  # else this test would show nothing
    assert localizer.percent(0.263) == f"{danish.percent(0.263)} / {indonesian.percent(0.263)}"
    assert localizer.number(3, 0) == "3"  # written alike: once


def test_a_pair_with_chinese_draws_in_the_chinese_font():
    assert PairedLocalizer.of(Localizer.for_locale("da"), Localizer.for_locale("zh_Hant_TW")).locale == "zh_Hant_TW"
    assert PairedLocalizer.of(Localizer.for_locale("id"), Localizer.for_locale("en")).locale == "id"


def test_flow_texts_pair_field_by_field(library, demo_profile):
    flow = library.flows[0]
    danish, indonesian = (Localization(Localizer.for_locale(locale), demo_profile).record(flow) for locale in ("da", "id"))
    both = combined_record(danish, indonesian)
    for step, step_da, step_id in zip(both.steps, danish.steps, indonesian.steps):
        assert step.title == combined_text(step_da.title, step_id.title) == f"{step_da.title}\n{step_id.title}"
    shorter = indonesian.model_copy(update={"steps": indonesian.steps[:-1]})
    with pytest.raises(StructureMismatch):
        combined_record(danish, shorter)
