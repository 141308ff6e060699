"""YAML files to plain data that remembers the line of every mapping, key and list item."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sopgen.errors import InputError, Source
from sopgen.i18n.interface import _

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class LocatedMapping(dict):
    """A YAML mapping with the file, its own line and the line of each key."""

    def __init__(self, path: str, line: int):
        super().__init__()
        self.path = path
        self.line = line
        self.key_lines: dict[str, int] = {}

    def source(self) -> Source:
        item_lines = {k: v.item_lines for k, v in self.items() if isinstance(v, LocatedSequence)}
        return Source(self.path, self.line, dict(self.key_lines), item_lines)


class LocatedSequence(list):
    """A YAML sequence with the file, its own line and the line of each item."""

    def __init__(self, path: str, line: int):
        super().__init__()
        self.path = path
        self.line = line
        self.item_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class YamlDocument:
    path: str
    data: Any

    @property
    def source(self) -> Source:
        line = getattr(self.data, "line", 1)
        return Source(self.path, line)


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a byte-order mark is allowed), refusing binary and huge files."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError.single(
                Source(shown),
                _("file is {size} MB; blueprint and profile files are limited to {limit} MB").format(
                    size=round(size / 1_048_576, 1), limit=MAX_FILE_BYTES // 1_048_576
                ),
                _("split it into one file per SOP or flow"),
            )
        raw = path.read_bytes()
    except IsADirectoryError as exc:
        raise InputError.single(Source(shown), _("is a folder, not a file")) from exc
    except OSError as exc:
        raise InputError.single(Source(shown), _("cannot be read: {reason}").format(reason=exc.strerror)) from exc
    if b"\x00" in raw:
        raise InputError.single(Source(shown, 1), _("is a binary file, not YAML text"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError.single(
            Source(shown, line),
            _("is not valid UTF-8 (byte 0x{byte:02x})").format(byte=raw[exc.start]),
            _("save the file as UTF-8 in your editor"),
        ) from exc


def load_yaml(path: Path) -> YamlDocument:
    return parse_yaml(read_text(path), display_path(path))


def parse_yaml(text: str, shown_path: str) -> YamlDocument:
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader_class)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        hint = _("indent with spaces; YAML does not allow tabs") if "\t" in _line(text, line) else None
        raise InputError.single(Source(shown_path, line), _("YAML syntax error: {problem}").format(problem=problem), hint) from exc
    except yaml.YAMLError as exc:
        raise InputError.single(Source(shown_path), _("YAML syntax error: {problem}").format(problem=exc)) from exc
    if root is None:
        raise InputError.single(Source(shown_path, 1), _("file is empty"))
    return YamlDocument(shown_path, _Builder(shown_path).build(root))


def _line(text: str, line: int | None) -> str:
    if not line:
        return ""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


class _Builder:
    """Turns composed YAML nodes into located data, bounding alias expansion."""

    def __init__(self, path: str):
        import yaml

        self.path = path
        self.yaml = yaml
        self.constructor = yaml.constructor.SafeConstructor()
        self.visited = 0

    def build(self, node: Any) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise InputError.single(
                Source(self.path, node.start_mark.line + 1),
                _("the file expands to more than {limit} values (YAML aliases?)").format(limit=MAX_NODES),
            )
        line = node.start_mark.line + 1
        if not isinstance(node, self.yaml.ScalarNode) and node.tag not in _PLAIN_COLLECTION_TAGS:
            raise InputError.single(
                Source(self.path, line), _("the tag {tag} is not allowed; write plain YAML").format(tag=node.tag)
            )
        if isinstance(node, self.yaml.MappingNode):
            return self._mapping(node, line)
        if isinstance(node, self.yaml.SequenceNode):
            sequence = LocatedSequence(self.path, line)
            sequence.extend(self.build(item) for item in node.value)
            sequence.item_lines = tuple(item.start_mark.line + 1 for item in node.value)
            return sequence
        try:
            return self.constructor.construct_object(node, deep=True)
        except (self.yaml.YAMLError, ValueError, OverflowError) as exc:
            raise InputError.single(Source(self.path, line), _("unreadable value: {problem}").format(problem=exc)) from exc

    def _mapping(self, node: Any, line: int) -> LocatedMapping:
        self.constructor.flatten_mapping(node)
        mapping = LocatedMapping(self.path, line)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, self.yaml.ScalarNode):
                raise InputError.single(Source(self.path, key_line), _("a key must be a plain name"))
            key = str(self.constructor.construct_object(key_node))
            if key in mapping:
                raise InputError.single(
                    Source(self.path, key_line),
                    _("duplicate key '{key}' (first on line {line})").format(key=key, line=mapping.key_lines[key]),
                )
            mapping.key_lines[key] = key_line
            mapping[key] = self.build(value_node)
        return mapping
