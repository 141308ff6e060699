"""A graphviz.Digraph that writes the same DOT with less work per node and edge.

graphviz's own `node` and `edge` pass each call and each quoted name through a deprecation
wrapper and match every attribute against three regular expressions; a 2,000-step chart makes
about 145,000 such calls. This class keeps the library's quoting rules (its own regular
expressions and keywords) and its statement layout, and skips the wrappers: the DOT is
byte for byte what graphviz.Digraph writes (tests/charts/test_dot_graph.py compares the two).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import graphviz
from graphviz import quoting

_is_html = quoting.HTML_STRING.match
_is_id = quoting.ID.match


class DotGraph(graphviz.Digraph):
    """graphviz.Digraph with `quote`, `node` and `edge` as the library has them, minus the wrappers."""

    @staticmethod
    def _quote(identifier: str) -> str:
        """`graphviz.quoting.quote`, its rules and regular expressions, without the per-call wrapper."""
        if identifier[:1] == "<" and _is_html(identifier) and not isinstance(identifier, quoting.NoHtml):
            return identifier
        if _is_id(identifier) and identifier.lower() not in quoting.KEYWORDS:
            return identifier
        if "\\" in identifier:
            return quoting.quote(identifier)  # escapes, and the library's warning about a final backslash
        if '"' in identifier:
            return f'"{quoting.ESCAPE_UNESCAPED_QUOTES(identifier)}"'
        return f'"{identifier}"'

    @staticmethod
    def _quote_edge(identifier: str) -> str:
        if ":" in identifier:
            return quoting.quote_edge(identifier)
        return DotGraph._quote(identifier)

    @staticmethod
    def _attr_list(label: str | None = None, kwargs: Mapping[str, Any] | None = None, attributes: Any = None) -> str:
        quote = DotGraph._quote
        parts = [] if label is None else [f"label={quote(label)}"]
        for given in (kwargs, attributes):
            if given:
                parts += [f"{_quoted_name(key)}={quote(value)}" for key, value in _items(given) if value is not None]
        return f" [{' '.join(parts)}]" if parts else ""

    def node(self, name: str, label: str | None = None, _attributes: Any = None, **attrs: Any) -> None:
        self.body.append(f"\t{self._quote(name)}{self._attr_list(label, attrs, _attributes)}\n")

    def edge(self, tail_name: str, head_name: str, label: str | None = None, _attributes: Any = None, **attrs: Any) -> None:
        tail, head = self._quote_edge(tail_name), self._quote_edge(head_name)
        self.body.append(f"\t{tail} -> {head}{self._attr_list(label, attrs, _attributes)}\n")


@cache
def _quoted_name(name: str) -> str:
    """An attribute's name, quoted once: a chart uses a few dozen names, thousands of times."""
    return DotGraph._quote(name)


def _items(given: Any) -> Iterable[tuple[str, Any]]:
    """Attributes in the library's order: a plain dict sorted by name, any other mapping or pair list as given."""
    if type(given) is dict:
        return sorted(given.items())
    return given.items() if hasattr(given, "items") else given
