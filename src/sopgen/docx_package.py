"""A Document as reproducible bytes: fixed zip entry times and order, fixed core properties, no thumbnail."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE

FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")
EARLIEST_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def document_bytes(document: Any, timestamp: dt.datetime) -> bytes:
    """The .docx file's bytes; the same document and timestamp always give the same bytes."""
    moment = timestamp if timestamp.tzinfo else timestamp.replace(tzinfo=dt.timezone.utc)
    moment = moment.astimezone(dt.timezone.utc).replace(microsecond=0)
    properties = document.core_properties
    properties.created = moment
    properties.modified = moment
    properties.revision = 1
    properties.last_modified_by = properties.author
    if properties.last_printed is not None:
        properties.last_printed = moment
    _drop_thumbnail(document)
    raw = io.BytesIO()
    document.save(raw)
    return normalized_zip(raw.getvalue(), moment)


def _drop_thumbnail(document: Any) -> None:
    """python-docx's default template ships a generic thumbnail that shows nothing of ours."""
    package_rels = document.part.package.rels
    for r_id, relationship in list(package_rels.items()):
        if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package_rels.pop(r_id)


def normalized_zip(data: bytes, moment: dt.datetime) -> bytes:
    """The zip rewritten with one timestamp for every entry and a fixed order: content types, package rels, the rest by name."""
    date_time = max(EARLIEST_ZIP_TIME, moment.timetuple()[:6])
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    names = [name for name in FIRST_ENTRIES if name in entries]
    names += sorted(name for name in entries if name not in FIRST_ENTRIES)
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return result.getvalue()
