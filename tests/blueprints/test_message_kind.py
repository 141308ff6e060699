"""The message template kind: validated like SOPs, tailored with 'when', its texts extracted for translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sopgen.blueprints.library import user_library
from sopgen.blueprints.tailoring import tailor_messages
from sopgen.cli.app import app
from sopgen.errors import InputError
from sopgen.localize.extractor import extract_texts

MESSAGES = """kind: messages
id: gift-messages
title: Gift orders
messages:
  - id: gift-wrapped
    title: Gift wrapped
    channel: email
    used_in: [shipping]
    subject: Your gift for order {{ order.number }} is wrapped
    body: |-
      Hi {{ customer.first_name }},

      Your gift is wrapped and leaves {{ shop.name }} within {{ policy.dispatch_time }}.
  - id: gift-chat
    title: Gift wrapped in the chat
    channel: chat
    when: {channels: [social]}
    body: Hi {{ customer.first_name }}, your gift for order {{ order.number }} is wrapped.
"""


def _write(folder: Path, text: str, name: str = "gift.yaml") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        user_library([folder])
    return [str(problem) for problem in caught.value.problems]


def test_a_message_file_is_a_valid_blueprint_with_fill_ins(tmp_path: Path):
    library = user_library([_write(tmp_path / "own", MESSAGES)])
    [message_set] = library.messages
    assert [message.id for message in message_set.messages] == ["gift-wrapped", "gift-chat"]
    assert message_set.messages[0].subject.startswith("Your gift for order {{ order.number }}")


def test_validate_counts_the_message_templates(tmp_path: Path):
    result = CliRunner().invoke(app, ["validate", str(_write(tmp_path / "own", MESSAGES))])
    assert result.exit_code == 0, result.output
    assert "2 customer message templates are valid" in result.stdout


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    subject: Your gift for order {{ order.number }} is wrapped\n", ""), "messages[1]: an email needs a 'subject'"),
        (("    channel: chat\n", "    channel: chat\n    subject: Hello\n"), "messages[2]: a chat message has no 'subject'"),
        (("channel: email", "channel: fax"), "messages[1].channel: 'fax' is not a valid channel"),
        (("{{ order.number }} is wrapped\n    body", "{{ order.numbr }} is wrapped\n    body"), "unknown placeholder {{ order.numbr }}"),
        (("  - id: gift-chat", "  - id: gift-wrapped"), "message id 'gift-wrapped' is used twice in this file"),
        (("when: {channels: [social]}", "when: {roles: [packer-boss]}"), "unknown role 'packer-boss'"),
    ],
)
def test_broken_messages_are_reported_with_their_line(tmp_path: Path, change: tuple[str, str], expected: str):
    old, new = change
    assert old in MESSAGES
    problems = _problems(_write(tmp_path / "own", MESSAGES.replace(old, new, 1)))
    assert any(expected in problem and "gift.yaml:" in problem for problem in problems), problems


def test_order_fields_are_for_messages_only(tmp_path: Path):
    sop = (
        "kind: sop\nid: gift-wrap\nphase: sale\ntitle: Gift wrapping\npurpose: Wrap order {{ order.number }}.\n"
        "scope: Gift orders.\nroles: [warehouse]\nsteps:\n  - {id: a, title: A}\n  - {id: b, title: B}\n"
        "  - {id: c, title: C}\n  - {id: d, title: D}\n  - {id: e, title: E}\nreview_every: 1 year\n"
    )
    [problem] = _problems(_write(tmp_path / "own", sop, "gift-wrap.yaml"))
    assert "unknown placeholder {{ order.number }}" in problem
    assert "order and customer fields are for message templates only" in problem


def test_used_in_an_unknown_sop_is_a_warning(tmp_path: Path):
    library = user_library([_write(tmp_path / "own", MESSAGES.replace("used_in: [shipping]", "used_in: [shiping]"))])
    [warning] = library.warnings
    assert warning.severity == "warning"
    assert "'shiping' is not an SOP of this set of blueprints" in str(warning)


def test_messages_are_tailored_with_when(tmp_path: Path):
    from sopgen.blueprints.shop_profile import Profile

    [message_set] = user_library([_write(tmp_path / "own", MESSAGES)]).messages
    webshop = Profile.model_validate({"shop": {"name": "A"}, "channels": ["shopify"]})
    social = Profile.model_validate({"shop": {"name": "B"}, "channels": ["instagram"]})
    assert [m.id for m in tailor_messages(message_set, webshop).messages] == ["gift-wrapped"]
    assert [m.id for m in tailor_messages(message_set, social).messages] == ["gift-wrapped", "gift-chat"]
    only_chat = message_set.model_copy(update={"messages": message_set.messages[1:]})
    assert tailor_messages(only_chat, webshop) is None


def test_message_texts_are_extracted_for_translation():
    extracted = list(extract_texts(MESSAGES, "gift.yaml"))
    comments = {message: comment for _line, _function, message, [comment] in extracted}
    assert comments["Gift orders"] == "gift-messages: title"
    assert comments["Gift wrapped"] == "gift-messages: messages[1].title"
    assert comments["Your gift for order {{ order.number }} is wrapped"] == "gift-messages: messages[1].subject"
    body = next(message for message in comments if message.startswith("Hi {{ customer.first_name }},\n\n"))
    assert comments[body] == "gift-messages: messages[1].body"
    assert "gift-messages: messages[2].body" in comments.values()


def test_builtin_message_templates_are_in_the_catalog_template():
    pot = (Path(__file__).parents[2] / "locales" / "blueprints.pot").read_text(encoding="utf-8")
    assert '#. delivery: messages[' in pot
    assert 'msgid "Return approved"' in pot
    assert "{{ order.tracking_link }}" in pot


def test_no_placeholder_is_shadowed_by_a_dict_attribute():
    """Jinja looks up `group.name` as an attribute first: `{{ order.items }}` would render dict.items."""
    from sopgen.blueprints.vocabulary import FILL_INS, PLACEHOLDERS

    shadowed = [name for name in {**PLACEHOLDERS, **FILL_INS} if hasattr(dict, name.split(".")[1])]
    assert shadowed == []
