"""Problems in user input, each pointing at a file and line, and the errors that carry them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Source:
    """Where a record came from: a file, the line of its mapping, and the lines of its keys."""

    path: str
    line: int | None = None
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    item_lines: Mapping[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, key: str, index: int | None = None) -> int | None:
        if index is not None and key in self.item_lines:
            lines = self.item_lines[key]
            if 0 <= index < len(lines):
                return lines[index]
        return self.key_lines.get(key, self.line)

    def at(self, key: str, index: int | None = None) -> Source:
        return Source(self.path, self.line_of(key, index))

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Problem:
    source: Source
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.source}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class SopgenError(Exception):
    """Bad input: the CLI prints the problems and exits with code 2."""

    exit_code = 2

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, source: Source, message: str, hint: str | None = None) -> SopgenError:
        return cls([Problem(source, message, hint)])


class InputError(SopgenError):
    """A blueprint, profile or catalog file is malformed or inconsistent."""


class TranslationError(SopgenError):
    """A catalog is missing, incomplete under --strict, or breaks a placeholder."""


class TemplateError(SopgenError):
    """A Word template cannot be used."""


class ToolMissingError(SopgenError):
    """A system program sopgen needs (Graphviz's dot) is not installed."""


class OutputError(SopgenError):
    """An output path cannot be written, or would overwrite a file edited by hand."""


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
