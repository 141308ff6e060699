"""Tables in order exports and event logs: recognising the file, finding columns by name, the closest match."""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopgen.errors import InputError, Problem, Source
from sopgen.i18n.interface import _

if TYPE_CHECKING:
    import polars as pl


# A CSV bigger than this is refused rather than recoded from Windows-1252 in memory.
CP1252_LIMIT = 256 * 1024**2


@dataclass
class TableFile:
    """A CSV, XLSX or Parquet file: its header, and its columns read on demand as text."""

    path: Path
    shown: str
    container: str
    header: list[str]
    separator: str = ","
    data: Any = None  # the bytes of a CSV that was not UTF-8, re-encoded

    def source(self) -> Source:
        return Source(self.shown)

    def row_source(self, row: int) -> Source:
        where = _("row {number}").format(number=row)
        return Source(f"{self.shown}: {where}")

    def first_row(self) -> int:
        """The number a person sees for the first data row: spreadsheets count the header as row 1."""
        return 1 if self.container == "parquet" else 2

    def read(self, columns: Sequence["pl.Expr"]) -> "pl.DataFrame":
        """The columns the expressions make of the file's text (Parquet keeps its types), and `seq`, each row's position."""
        names = [name for column in columns for name in column.meta.root_names()]
        return self._lazy(names).with_row_index("seq").select([*columns, "seq"]).collect(engine="streaming")

    def texts(self, names: Sequence[str], rows: int | None = None) -> "pl.DataFrame":
        """Columns as text, with `seq`; the first `rows` only, if given."""
        import polars as pl

        lazy = self._lazy(names)
        if rows is not None:
            lazy = lazy.head(rows)  # before the row index, so that only the first rows are read
        return lazy.with_row_index("seq").select([*(pl.col(name).cast(pl.String) for name in dict.fromkeys(names)), "seq"]).collect()

    def _lazy(self, names: Sequence[str]) -> "pl.LazyFrame":
        import polars as pl

        if self.container == "xlsx":
            return pl.read_excel(self.path, engine="calamine", columns=list(dict.fromkeys(names)), infer_schema_length=0).lazy()
        if self.container == "parquet":
            return pl.scan_parquet(self.path)
        return pl.scan_csv(
            self.data if self.data is not None else self.path,
            separator=self.separator,
            infer_schema=False,
            quote_char='"',
            truncate_ragged_lines=True,
            encoding="utf8-lossy",
        )


def normalised(name: str) -> str:
    return re.sub(r"[\s_]+", " ", name.strip().strip("\ufeff").lower())


def find_column(header: Sequence[str], aliases: Sequence[str], prefix: bool = False) -> str | None:
    by_name = {normalised(name): name for name in reversed(header)}
    for alias in aliases:
        if normalised(alias) in by_name:
            return by_name[normalised(alias)]
    if prefix:
        for alias in aliases:
            for name in header:
                if normalised(name).startswith(normalised(alias)):
                    return name
    return None


def missing_columns(table: TableFile, missing: Sequence[tuple[str, str] | tuple[str, str, Sequence[str]]], advice: str | None = None) -> InputError:
    """Names the missing columns, lists the columns the file has, and the closest match to each.

    Each missing column is (name shown, what it holds) or (name shown, what it holds, the names it goes by).
    """
    shown = ", ".join(f"'{name}'" for name in table.header[:60]) + (" …" if len(table.header) > 60 else "")
    problems = []
    for wanted, what, *aliases in missing:
        close = closest_column(table.header, [wanted, *(aliases[0] if aliases else ())])
        hint = _("the file has the columns: {columns}").format(columns=shown)
        if close:
            hint = _("closest match: '{column}'; the file has the columns: {columns}").format(column=close, columns=shown)
        if advice:
            hint += "\n  " + advice
        problems.append(Problem(table.source(), _("no column '{column}' ({what})").format(column=wanted, what=what), hint))
    return InputError(problems)


def closest_column(header: Sequence[str], names: Sequence[str]) -> str | None:
    """The header most like any of `names`, if it is like one at all."""
    best, score = None, 0.6
    for column in header:
        for name in names:
            ratio = difflib.SequenceMatcher(None, normalised(column), normalised(name)).ratio()
            if ratio > score:
                best, score = column, ratio
    return best


# ---------------------------------------------------------------- recognising files


def open_table(path: Path, shown: str, container: str) -> TableFile:
    if container == "xlsx":
        return TableFile(path, shown, "xlsx", _xlsx_header(path, shown))
    if container == "parquet":
        import polars as pl

        try:
            header = list(pl.read_parquet_schema(path))
        except Exception as error:  # polars raises its own error types for a broken file
            raise InputError.single(Source(shown), _("cannot read this Parquet file: {reason}").format(reason=first_line(error))) from None
        return TableFile(path, shown, "parquet", header)
    return _csv_table(path, shown)


def _xlsx_header(path: Path, shown: str) -> list[str]:
    import fastexcel

    try:
        sheet = fastexcel.read_excel(str(path)).load_sheet(0, n_rows=0)
    except Exception as error:  # fastexcel's errors have no common base class worth naming
        raise InputError.single(Source(shown), _("cannot read this Excel file: {reason}").format(reason=first_line(error))) from None
    return [str(name) for name in sheet.to_polars().columns]


def _csv_table(path: Path, shown: str) -> TableFile:
    with path.open("rb") as stream:
        head = stream.read(1 << 20)
    data = None
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the end of the sample
            text, data = head.decode("cp1252", errors="replace"), _recoded(path, shown)
        else:
            text = head[: error.start].decode("utf-8-sig")
    first_line = text.splitlines()[0] if text.strip() else ""
    if not first_line.strip():
        raise InputError.single(Source(shown), _("the file is empty"), _("export the orders or events again"))
    counts = {separator: first_line.count(separator) for separator in (",", ";", "\t", "|")}
    separator = max(counts, key=lambda key: counts[key])
    header = next(csv.reader([first_line], delimiter=separator))
    return TableFile(path, shown, "csv", [name.strip().lstrip("\ufeff") for name in header], separator, data)


def _recoded(path: Path, shown: str) -> io.BytesIO:
    """A CSV saved by a spreadsheet in Windows-1252 (Danish, Indonesian Excel), as UTF-8."""
    if path.stat().st_size > CP1252_LIMIT:
        raise InputError.single(Source(shown), _("the file is not UTF-8 text"), _("save it again as 'CSV UTF-8'"))
    return io.BytesIO(codecs.decode(path.read_bytes(), "cp1252", errors="replace").encode("utf-8"))


def container_of(path: Path, shown: str) -> str:
    """Recognised from the file's first bytes, then its name."""
    try:
        with path.open("rb") as stream:
            magic = stream.read(512)
    except IsADirectoryError:
        raise InputError.single(Source(shown), _("is a folder, not a log file")) from None
    except FileNotFoundError:
        raise InputError.single(Source(shown), _("no such file")) from None
    except OSError as error:
        raise InputError.single(Source(shown), _("cannot read the file: {reason}").format(reason=error.strerror)) from None
    if magic.startswith(b"PK\x03\x04"):
        return "xlsx"
    if magic.startswith(b"PAR1"):
        return "parquet"
    start = magic.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<") and (b"<log" in magic or b"<?xml" in magic[:10] or path.suffix.lower() == ".xes"):
        return "xes"
    if magic.startswith(b"\x1f\x8b"):
        raise InputError.single(Source(shown), _("the file is compressed"), _("unpack it first (gunzip)"))
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError.single(Source(shown), _("this is an old Excel file (.xls)"), _("save it as .xlsx or CSV"))
    return "csv"


def first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__
