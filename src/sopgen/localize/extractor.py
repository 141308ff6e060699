"""A babel extractor for blueprint YAML: every translatable text, with its field path as a comment."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from sopgen.blueprints.placeholders import translatable_texts
from sopgen.blueprints.validation import validate_record
from sopgen.blueprints.yaml_loading import MAX_FILE_BYTES, decode_text, parse_yaml
from sopgen.errors import SopgenError, Source
from sopgen.i18n.interface import _

Extracted = tuple[int, str | None, str, list[str]]


def extract_blueprint(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]) -> Iterator[Extracted]:
    """Entry point `sopgen_blueprint` under `babel.extractors` (used by `pybabel extract -F …`)."""
    name = str(getattr(fileobj, "name", "<blueprint>"))
    raw = fileobj.read(MAX_FILE_BYTES + 1)  # babel opens the file; the limit is sopgen's all the same
    if len(raw) > MAX_FILE_BYTES:
        raise SopgenError.single(Source(name), _("file is larger than {limit} MB").format(limit=MAX_FILE_BYTES // 1_048_576))
    yield from extract_texts(decode_text(raw, name), name)


def extract_texts(text: str, shown_path: str) -> Iterator[Extracted]:
    document = parse_yaml(text, shown_path)
    kind = getattr(document.data, "get", lambda _key: None)("kind")
    if kind == "profile":
        return
    record, problems = validate_record(document)
    errors = [problem for problem in problems if problem.severity == "error"]
    if record is None or errors:
        raise SopgenError(problems)
    if getattr(record, "written_in", None):
        return  # the author's own words in their language, not English source text to translate
    prefix = getattr(record, "id", None) or kind
    for where, message, source in translatable_texts(record):
        yield (source.line or 0) if source else 0, None, message, [f"{prefix}: {where}"]
