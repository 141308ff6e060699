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
    return _zipped(package_entries(document), moment)


def package_entries(document: Any) -> dict[str, bytes]:
    """What python-docx's `save` writes, entry name to content, without zipping it (which `_zipped` does once)."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    entries = _Entries()
    # The steps of PackageWriter.write, which would zip each entry only for us to zip it again.
    PackageWriter._write_content_types_stream(entries, parts)
    PackageWriter._write_pkg_rels(entries, package.rels)
    PackageWriter._write_parts(entries, parts)
    return entries.written


class _Entries:
    """Stands in for python-docx's zip writer and keeps what it is given."""

    def __init__(self) -> None:
        self.written: dict[str, bytes] = {}

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.written[pack_uri.membername] = blob


def _drop_thumbnail(document: Any) -> None:
    """python-docx's default template ships a generic thumbnail that shows nothing of ours."""
    package_rels = document.part.package.rels
    for r_id, relationship in list(package_rels.items()):
        if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package_rels.pop(r_id)


def _zipped(entries: dict[str, bytes], moment: dt.datetime) -> bytes:
    date_time = max(EARLIEST_ZIP_TIME, moment.timetuple()[:6])
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
