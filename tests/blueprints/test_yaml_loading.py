"""Loading YAML with the line of every mapping, key and item."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopgen.blueprints.yaml_loading import LocatedMapping, LocatedSequence, load_yaml, parse_yaml
from sopgen.errors import InputError


def test_lines_of_keys_and_items_are_kept():
    document = parse_yaml("kind: sop\nsteps:\n  - id: a\n  - id: b\n    title: B\n", "x.yaml")
    data = document.data
    assert isinstance(data, LocatedMapping)
    assert data.key_lines == {"kind": 1, "steps": 2}
    steps = data["steps"]
    assert isinstance(steps, LocatedSequence)
    assert steps.item_lines == (3, 4)
    assert steps[1].key_lines == {"id": 4, "title": 5}


def test_source_of_a_mapping_knows_item_lines():
    data = parse_yaml("dos:\n  - a\n  - b\n", "x.yaml").data
    assert data.source().line_of("dos", 1) == 3


def test_unsafe_tags_are_refused():
    with pytest.raises(InputError) as caught:
        parse_yaml("a: !!python/object/apply:os.system ['echo hi']\n", "evil.yaml")
    assert "evil.yaml:1" in str(caught.value)


def test_duplicate_key_names_both_lines():
    with pytest.raises(InputError) as caught:
        parse_yaml("a: 1\nb: 2\na: 3\n", "dup.yaml")
    assert str(caught.value) == "dup.yaml:3: error: duplicate key 'a' (first on line 1)"


def test_alias_expansion_is_bounded():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for index in range(1, 9):
        lines.append(f"l{index}: &l{index} [" + ", ".join([f"*{'a' if index == 1 else 'l' + str(index - 1)}"] * 10) + "]")
    with pytest.raises(InputError) as caught:
        parse_yaml("\n".join(lines), "bomb.yaml")
    assert "more than 200000 values" in str(caught.value)


def test_byte_order_mark_is_accepted(tmp_path: Path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfkind: sop\n")
    assert load_yaml(path).data == {"kind": "sop"}


def test_huge_file_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * (3 * 1024 * 1024))
    with pytest.raises(InputError) as caught:
        load_yaml(path)
    assert "limited to 2 MB" in str(caught.value)


SCALARS = [
    "", "~", "null", "Null", "NULL", "yes", "No", "on", "OFF", "true", "False", "y", "n",
    "0", "12", "-3", "+4", "0x1F", "0o17", "0b101", "1_000", "1.5", "-.5", ".inf", "-.Inf", ".nan", "1e3", "6.8523015e+5",
    "1m", "10m", "2h", "1d", "30s", "2026-01-01", "2026-02-30", "2001-12-14t21:59:43.10-05:00", "12:30:00",
    "<<", "=", "Step 0", "s0", "person", "Tokopedia", "ØRE", "訂單", "!x", "&y", "-", "- item", ".", "+", "yes please",
]


def _tags(loader: type, text: str) -> list[tuple[str, str]]:
    import yaml

    root = yaml.compose(text, Loader=loader)
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            found.append((node.value, node.tag))
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        else:
            stack += node.value
    return found


def test_the_loader_resolves_every_scalar_as_pyyaml_does():
    """sopgen's faster resolution of plain scalars gives PyYAML's own tags, plain and quoted, as keys and as values."""
    import json

    import yaml

    from sopgen.blueprints.yaml_loading import _loader_class

    items = "\n".join(f"  - {value}\n  - {json.dumps(value)}\n  - {{{value or '~'}: {value}}}" for value in SCALARS if not value.startswith(("!", "&", "- ")) and value != "-")
    text = f"values:\n{items}\nagain:\n{items}\n"
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert _loader_class() is not base
    assert _tags(_loader_class(), text) == _tags(base, text)


def test_loading_pauses_the_collector_and_restores_it():
    import gc

    from sopgen.collection_pause import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
