"""Readers for other apps' training exports (Strong, Hevy, FitNotes, JEFIT).

`open_export` recognises the file from its header and returns an Export whose rows are read
lazily, in file order, one ImportRow per set (or a RowProblem for a row that is not one):
memory stays bounded whatever the file's length. Whole-file failures (empty, too big, not
UTF-8, another app's file, missing columns) raise ExportError with a one-line message.

Export.notes can grow while the rows are read (e.g. a repaired FitNotes row): read it after
consuming the rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from importlib import import_module
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from redwood.domain.log import Unit
from redwood.io.formats import common, jefit
from redwood.io.formats.common import MAX_EXPORT_BYTES, Context, Header
from redwood.io.rows import (
    EXPORT_FORMATS,
    FORMATS,
    TITLES,
    Export,
    ExportError,
    ImportRow,
    RowProblem,
    said,
)

__all__ = ["MAX_EXPORT_BYTES", "TITLES", "detect", "open_export"]

_SUPPORTED = said([f.title for f in EXPORT_FORMATS])

_Identify = Callable[[list[str], str, int], Header | None]
_Rows = Callable[
    [Iterator[tuple[int, list[str]] | RowProblem], Header, Context],
    Iterator[ImportRow | RowProblem],
]
_CSV_FORMATS: tuple[tuple[str, _Identify, _Rows], ...] = tuple(
    (f.name, parser.identify, parser.rows)
    for f in EXPORT_FORMATS if f.by_header
    for parser in [import_module(f.parser)])
"""The formats recognised by their header, from the registry (redwood.io.rows)."""


def open_export(
    path: Path,
    fmt: str = "auto",
    unit: Unit | None = None,
    *,
    today: dt.date | None = None,
) -> Export:
    """Open an export and recognise it; rows are read as the caller iterates.

    `fmt` is 'auto' or one of FORMATS; `unit` is the lifter's unit for files that do not say
    theirs (Strong's common variants); `today` bounds the dates (default: the real today).
    """
    path = Path(path)
    if fmt != "auto" and fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose auto, {', '.join(FORMATS)}")
    fh = _open(path)
    try:
        ctx = Context(unit=unit, today=today or dt.date.today())
        lines = common.text_lines(fh)
        first, number = _first_line(lines)
        if first.lstrip().startswith("###"):
            _expect(fmt, "jefit", number)
            header = jefit.prepare(fh, ctx)
            _unit_note(header, ctx)
            records = common.csv_records(common.text_lines(fh), ",")
            return Export(
                format="jefit",
                variant=header.variant,
                rows=_FileRows(fh, jefit.rows(records, header, ctx)),
                unit=header.unit,
                notes=ctx.notes,
            )
        header, read = _identify(first, number, fmt)
        _unit_note(header, ctx)
        records = common.csv_records(chain([first], lines), header.delimiter, number)
        next(records, None)  # the header row itself
        return Export(
            format=header.format,
            variant=header.variant,
            rows=_FileRows(fh, read(records, header, ctx)),
            unit=header.unit,
            notes=ctx.notes,
        )
    except BaseException:
        fh.close()
        raise


def _unit_note(header: Header, ctx: Context) -> None:
    if ctx.unit is not None and header.unit is not None and header.unit is not ctx.unit:
        ctx.notes.append(
            f"the file gives its weights in {header.unit.value}; the unit "
            f"{ctx.unit.value} given for it was not needed and not used"
        )


def detect(path: Path) -> tuple[str, str]:
    """(format, variant) of the export at `path`; ExportError when it is none we read."""
    export = open_export(path)
    if isinstance(export.rows, _FileRows):
        export.rows.close()
    return export.format, export.variant


def _open(path: Path) -> BinaryIO:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ExportError(f"{path} is a folder, not an export file")
        fh = path.open("rb")
    except FileNotFoundError:
        raise ExportError(f"no such file: {path}") from None
    except OSError as err:
        raise ExportError(f"cannot read {path}: {err.strerror or err}") from None
    try:
        common.check_start(fh, size)
    except BaseException:
        fh.close()
        raise
    return fh


def _first_line(lines: Iterator[str]) -> tuple[str, int]:
    """The header line and its number, past blank lines and the `sep=;` line that
    spreadsheet programs put first in some CSV files they save."""
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if text and not (text.startswith("sep=") and len(text) == 5):
            return line, number
    raise ExportError("the file is empty: an export has at least a header row")


def _delimiters(line: str) -> list[str]:
    """Separators to try on a header line, the likeliest first."""
    return sorted((",", ";", "\t"), key=lambda sep: -line.count(sep))


def _identify(first: str, number: int, fmt: str) -> tuple[Header, _Rows]:
    stripped = first.lstrip()
    if stripped.startswith(("{", "[")):
        raise ExportError(
            f"line {number}: the file is JSON, not a CSV export of {_SUPPORTED}"
        )
    if stripped.startswith("<"):
        raise ExportError(
            f"line {number}: the file is HTML or XML, not a CSV export of {_SUPPORTED}"
        )
    for delimiter in _delimiters(first):
        cells = common.split_line(first, delimiter)
        for name, identify, read in _CSV_FORMATS:
            header = identify(cells, delimiter, number)
            if header is not None:
                _expect(fmt, name, number)
                return header, read
    wanted = TITLES[fmt] if fmt != "auto" else _SUPPORTED
    raise ExportError(
        f"line {number}: the header {common.shown(first, 60)} is not that of a {wanted} "
        "export"
    )


def _expect(fmt: str, found: str, number: int) -> None:
    if fmt not in ("auto", found):
        raise ExportError(
            f"line {number}: the header is that of a {TITLES[found]} export, not "
            f"{TITLES[fmt]}; choose {found} or auto"
        )


class _FileRows(Iterator[ImportRow | RowProblem]):
    """The rows, closing the file when they run out, fail, or are closed unread."""

    def __init__(self, fh: BinaryIO, rows: Iterator[ImportRow | RowProblem]) -> None:
        self._fh, self._rows = fh, rows

    def __next__(self) -> ImportRow | RowProblem:
        try:
            return next(self._rows)
        except BaseException:
            self.close()
            raise

    def __iter__(self) -> Iterator[ImportRow | RowProblem]:
        """The rows by plain generator delegation: a Python-level __next__ per row costs
        a noticeable share of reading a 100,000-set file."""
        try:
            yield from self._rows
        finally:
            self.close()

    def close(self) -> None:
        self._fh.close()

    def __del__(self) -> None:
        self._fh.close()
