"""Translatable texts of a record and the `{{ group.name }}` placeholders they may hold."""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from sopgen.blueprints.hints import choices_hint
from sopgen.blueprints.model import Record, every_text, rewrite_texts
from sopgen.blueprints.vocabulary import FILL_INS, PLACEHOLDERS
from sopgen.errors import Problem, Source
from sopgen.i18n.interface import _


def translatable_texts(record: BaseModel) -> list[tuple[str, str, Source | None]]:
    """Every translatable text in a record, as (field path, text, source)."""
    found: list[tuple[str, str, Source | None]] = []

    def collect(text: str, source: Source | None, where: str) -> str:
        found.append((where, text, source))
        return text

    rewrite_texts(record, collect)
    return found


_SIMPLE_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}")


MESSAGE_PLACEHOLDERS = {**PLACEHOLDERS, **FILL_INS}


def placeholder_problems(text: str, where: str, source: Source, known: Mapping[str, str] = PLACEHOLDERS) -> list[Problem]:
    """Only `{{ group.name }}` placeholders from the documented list (`known`) may appear in a text."""
    if "{" not in text:
        return []
    simple = _SIMPLE_PLACEHOLDER.findall(text)
    if simple and "{" not in _SIMPLE_PLACEHOLDER.sub("", text):
        unknown = [name for name in simple if name not in known]
        if not unknown:
            return []
    from jinja2 import Environment, TemplateSyntaxError, nodes

    try:
        tree = Environment(autoescape=False).parse(text)
    except TemplateSyntaxError as exc:
        return [Problem(source, _("{field}: broken placeholder: {problem}").format(field=where, problem=exc.message), _placeholder_hint())]
    problems: list[Problem] = []
    for output in tree.body:
        if not isinstance(output, nodes.Output):
            problems.append(Problem(source, _("{field}: only placeholders such as {{{{ shop.name }}}} are allowed").format(field=where), _placeholder_hint()))
            continue
        for item in output.nodes:
            if isinstance(item, nodes.TemplateData):
                continue
            name = _placeholder_name(item, nodes)
            if name is None:
                problems.append(Problem(source, _("{field}: only placeholders such as {{{{ shop.name }}}} are allowed").format(field=where), _placeholder_hint()))
            elif name not in known:
                hint = _("order and customer fields are for message templates only") if name in FILL_INS else choices_hint(name, known)
                problems.append(Problem(source, _("{field}: unknown placeholder {{{{ {name} }}}}").format(field=where, name=name), hint))
    return problems


def _placeholder_name(item: Any, nodes: types.ModuleType) -> str | None:
    if isinstance(item, nodes.Getattr) and isinstance(item.node, nodes.Name):
        return f"{item.node.name}.{item.attr}"
    return None


def _placeholder_hint() -> str:
    return _("write placeholders as {{ shop.name }}; the list is in blueprints/README.md")


def text_problems(record: Record) -> list[Problem]:
    known = MESSAGE_PLACEHOLDERS if getattr(record, "kind", None) == "messages" else PLACEHOLDERS
    if not any("{" in text for text in every_text(record)):
        return []  # most flows: nothing to check, and no need to locate every text
    problems: list[Problem] = []
    for where, text, source in translatable_texts(record):
        problems.extend(placeholder_problems(text, where, source or Source("?"), known))
    return problems


_TOOL_PLACEHOLDER = re.compile(r"\{\{\s*tools\.(\w+)\s*\}\}")


def tools_named_in(record: BaseModel) -> frozenset[str]:
    """The tool keys a record's texts name with `{{ tools.key }}`."""
    if not any("tools." in text for text in every_text(record)):
        return frozenset()
    return frozenset(key for _where, text, _source in translatable_texts(record) for key in _TOOL_PLACEHOLDER.findall(text))
