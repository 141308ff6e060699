"""YAML files to plain data that remembers the line of every mapping, key and list item."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sopgen.collection_pause import collector_paused
from sopgen.errors import InputError, Problem, Source
from sopgen.i18n.interface import _

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64  # mappings and lists inside each other; blueprints need a dozen
_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class LocatedMapping(dict):
    """A YAML mapping with the file, its own line and the line of each key."""

    def __init__(self, path: str, line: int):
        super().__init__()
        self.path = path
        self.line = line
        self.key_lines: dict[str, int] = {}
        self.written: dict[str, str] = {}  # the text of each value that YAML read as something else than text

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
        self.written: dict[int, str] = {}


@dataclass(frozen=True)
class YamlDocument:
    path: str
    data: Any
    problems: tuple[Problem, ...] = field(default=(), compare=False)  # values that could not be read

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
    """Read a UTF-8 (or, with its byte-order mark, UTF-16) text file, refusing binary, huge and non-regular files."""
    from sopgen.input_files import read_bounded

    shown = display_path(path)
    raw = read_bounded(
        path,
        MAX_FILE_BYTES,
        shown,
        too_big=_("file is {size} MB; blueprint and profile files are limited to {limit} MB"),
        hint=_("split it into one file per SOP or flow"),
    )
    return decode_text(raw, shown)


def decode_text(raw: bytes, shown: str) -> str:
    """YAML text as YAML allows it: UTF-8, or UTF-16 that says so with a byte-order mark."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError.single(Source(shown, 1), _("is not valid UTF-16 text"), _("save the file as UTF-8 in your editor")) from exc
    if _looks_like_utf16(raw):
        raise InputError.single(
            Source(shown, 1),
            _("is UTF-16 text without a byte-order mark"),
            _("save the file as UTF-8 in your editor"),
        )
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


def _looks_like_utf16(raw: bytes) -> bool:
    """ASCII text saved as UTF-16: every other byte of the start is zero, and only those."""
    head = raw[:200]
    if len(head) < 4:
        return False
    for zeros, letters in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
        if not zeros.strip(b"\x00") and b"\x00" not in letters:
            return True
    return False


def load_yaml(path: Path) -> YamlDocument:
    return parse_yaml(read_text(path), display_path(path))


def parse_yaml(text: str, shown_path: str) -> YamlDocument:
    with collector_paused():
        return _parsed(text, shown_path)


def _parsed(text: str, shown_path: str) -> YamlDocument:
    import yaml

    try:
        root = yaml.compose(text, Loader=_loader_class())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        message, hint = _syntax_problem(problem, _line(text, line))
        raise InputError.single(Source(shown_path, line), message, hint) from exc
    except yaml.YAMLError as exc:
        raise InputError.single(Source(shown_path), _("YAML syntax error: {problem}").format(problem=exc)) from exc
    except RecursionError:
        raise InputError.single(Source(shown_path), _too_deep(), _too_deep_hint()) from None
    if root is None:
        raise InputError.single(Source(shown_path, 1), _("file is empty"))
    builder = _Builder(shown_path)
    return YamlDocument(shown_path, builder.build(root), tuple(builder.problems))


@cache
def _loader_class() -> type:
    """PyYAML's safe loader (its C parser where built), resolving a plain scalar's type with less work.

    PyYAML resolves every plain scalar in Python, trying the patterns registered for its first
    character (`true`, `12`, `~` …), a large part of loading a big flow. A text
    whose first character starts no pattern is text: it is answered at once, and the answers
    for the other values are kept, as they depend on nothing but the value.
    """
    import yaml
    from yaml.nodes import ScalarNode

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    patterns = base.yaml_implicit_resolvers
    if None in patterns or base.yaml_path_resolvers:
        return base  # resolved by more than the value: only the library's own way is right
    first_characters = frozenset(patterns)
    text_tag = base.DEFAULT_SCALAR_TAG
    known: dict[str, str] = {}

    class Loader(base):  # type: ignore[misc, valid-type]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode and implicit[0]:
                if value[:1] not in first_characters:
                    return text_tag
                tag = known.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(known) < _KNOWN_SCALARS:
                        known[value] = tag
                return tag
            return super().resolve(kind, value, implicit)

    return Loader


_KNOWN_SCALARS = 4096
_INDENTATION_PROBLEMS = ("mapping values are not allowed", "did not find expected key", "did not find expected '-' indicator")


def _syntax_problem(problem: str, line_text: str) -> tuple[str, str | None]:
    """PyYAML's words for a problem, or plain ones where PyYAML's mislead."""
    if "\t" in line_text:
        return _("YAML syntax error: {problem}").format(problem=problem), _("indent with spaces; YAML does not allow tabs")
    if problem.startswith("mapping values are not allowed"):
        return (
            _("this line is indented differently from the fields around it, or a value holds ': '"),
            _("line each field up with the other fields of its mapping, and put quotes around a value that contains ': '"),
        )
    if problem.startswith(_INDENTATION_PROBLEMS):
        return (
            _("YAML syntax error: {problem}").format(problem=problem),
            _("line each field up with the other fields of its mapping, and each list item with the other items"),
        )
    return _("YAML syntax error: {problem}").format(problem=problem), None


def _too_deep() -> str:
    return _("the file nests lists and mappings more than {limit} levels deep").format(limit=MAX_DEPTH)


def _too_deep_hint() -> str:
    return _("sub-steps are numbered at most 9 levels deep; move deeper ones up, or into a file of their own")


def _line(text: str, line: int | None) -> str:
    if not line:
        return ""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


_MERGE_TAG = "tag:yaml.org,2002:merge"
_TEXT_TAG = "tag:yaml.org,2002:str"


class _Builder:
    """Turns composed YAML nodes into located data, bounding alias expansion and depth.

    A value that cannot be read (a date such as 2027-02-30) is collected in `problems` and kept
    as its text, so that the rest of the file is still checked.
    """

    def __init__(self, path: str):
        import yaml

        self.path = path
        self.yaml = yaml
        self.constructor = yaml.constructor.SafeConstructor()
        self.visited = 0
        self.depth = 0
        self.problems: list[Problem] = []

    def build(self, node: Any) -> Any:
        self.visited += 1
        line = node.start_mark.line + 1
        if self.visited > MAX_NODES:
            raise InputError.single(
                Source(self.path, line),
                _("the file expands to more than {limit} values (YAML aliases?)").format(limit=MAX_NODES),
            )
        if isinstance(node, self.yaml.ScalarNode):
            return self._scalar(node, line)
        if node.tag not in _PLAIN_COLLECTION_TAGS:
            raise InputError.single(
                Source(self.path, line), _("the tag {tag} is not allowed; write plain YAML").format(tag=node.tag)
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise InputError.single(Source(self.path, line), _too_deep(), _too_deep_hint())
            if isinstance(node, self.yaml.MappingNode):
                return self._mapping(node, line)
            sequence = LocatedSequence(self.path, line)
            sequence.extend(self.build(item) for item in node.value)
            sequence.item_lines = tuple(item.start_mark.line + 1 for item in node.value)
            sequence.written = {index: item.value for index, item in enumerate(node.value) if _not_text(item, self.yaml)}
            return sequence
        finally:
            self.depth -= 1

    def _scalar(self, node: Any, line: int) -> Any:
        if node.tag == _TEXT_TAG:
            return node.value  # most values are text, which needs no constructing: a big flow loads much faster
        try:
            return self.constructor.construct_object(node, deep=True)
        except (self.yaml.YAMLError, ValueError, OverflowError) as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            if node.tag == "tag:yaml.org,2002:timestamp":
                found = Problem(
                    Source(self.path, line),
                    _("'{value}' is not a date: {problem}").format(value=node.value, problem=problem),
                    _("write a date as YYYY-MM-DD, or put quotes around text"),
                )
            else:
                found = Problem(Source(self.path, line), _("unreadable value: {problem}").format(problem=problem))
            self.problems.append(found)
            return node.value

    def _mapping(self, node: Any, line: int) -> LocatedMapping:
        mapping = LocatedMapping(self.path, line)
        merged: list[LocatedMapping] = []
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, self.yaml.ScalarNode):
                raise InputError.single(Source(self.path, key_line), _("a key must be a plain name"))
            if key_node.tag == _MERGE_TAG:
                merged.extend(self._merged(value_node, key_line))
                continue
            key = key_node.value if key_node.tag == _TEXT_TAG else str(self.constructor.construct_object(key_node))
            if key in mapping:
                raise InputError.single(
                    Source(self.path, key_line),
                    _("duplicate key '{key}' (first on line {line})").format(key=key, line=mapping.key_lines[key]),
                )
            mapping.key_lines[key] = key_line
            mapping[key] = self.build(value_node)
            if _not_text(value_node, self.yaml):
                mapping.written[key] = value_node.value
        # YAML's merge key: the keys of the merged mappings, the first one listed winning, and the mapping's own over all.
        for source in merged:
            for key, value in source.items():
                if key not in mapping:
                    mapping[key] = value
                    mapping.key_lines[key] = source.key_lines[key]
                    if key in source.written:
                        mapping.written[key] = source.written[key]
        return mapping

    def _merged(self, value_node: Any, line: int) -> list[LocatedMapping]:
        """The mappings a `<<:` key merges in: one mapping, or a list of mappings."""
        nodes = value_node.value if isinstance(value_node, self.yaml.SequenceNode) else [value_node]
        if not all(isinstance(item, self.yaml.MappingNode) for item in nodes):
            raise InputError.single(
                Source(self.path, line),
                _("a merge key (<<) takes a mapping or a list of mappings"),
                _("write '<<: *name' where '&name' marks a mapping"),
            )
        return [self.build(item) for item in nodes]


def _not_text(node: Any, yaml: Any) -> bool:
    """A scalar that YAML reads as a number, a date, true/false or nothing: its text is kept for messages."""
    return isinstance(node, yaml.ScalarNode) and node.tag != _TEXT_TAG
