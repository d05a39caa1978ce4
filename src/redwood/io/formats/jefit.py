"""JEFIT backup files: several CSV tables in one file, each after a `### NAME` line.

Only the EXERCISE LOGS section holds sets: each of its rows is one exercise on one day
(`mydate`, `ename`) with the sets in `logs` as `"60x10,65x8"` (weight x reps) in the unit of
the SETTING section's `mass`. Every set becomes an ImportRow carrying its row's line; the
rows of the other sections are reported once per section as ignored ('jefit-backup').
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from redwood.domain.log import SetKind, Unit
from redwood.io.formats import common
from redwood.io.formats.common import BadValue, Context, Header
from redwood.io.rows import ExportError, ImportRow, RowProblem

FORMAT = "jefit"
LOGS_SECTION = "EXERCISE LOGS"
SETTING_SECTION = "SETTING"

ALIASES: dict[str, tuple[str, ...]] = {
    "logs": ("logs",),
    "mydate": ("mydate",),
    "ename": ("ename", "exercisename", "exercise_name"),
    "belongsession": ("belongsession",),
}
REQUIRED = {"logs": "logs", "mydate": "mydate", "ename": "ename"}

_SET = re.compile(r"\s*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*[xX×]\s*([0-9]+(?:\.0*)?)\s*")


def section_name(first_cell: str) -> str:
    return " ".join(first_cell.strip().strip("#").split()).upper()


def prepare(fh: BinaryIO, ctx: Context) -> Header:
    """Scan the file once for its sections (bounded: only the section lines and the SETTING
    table are looked at), so a file without set logs is refused before any row is read,
    and the unit is known for the first set. Leaves the file at its start."""
    records = common.csv_records(common.text_lines(fh), ",")
    section, setting_header, unit_text = "", -1, None
    sections: set[str] = set()
    for record in records:
        if isinstance(record, RowProblem):
            continue
        _line, fields = record
        if fields[0].lstrip().startswith("###"):
            section = section_name(fields[0])
            sections.add(section)
            setting_header = -1
            continue
        if section == SETTING_SECTION and unit_text is None:
            if setting_header < 0:
                columns = [c.strip().casefold() for c in fields]
                setting_header = columns.index("mass") if "mass" in columns else len(fields)
            else:
                unit_text = common.cell(fields, setting_header)
    fh.seek(0)
    if LOGS_SECTION not in sections:
        raise ExportError(
            f"this JEFIT file has no '### {LOGS_SECTION}' section, so no sets to import"
        )
    unit: Unit | None = None
    if unit_text:
        try:
            unit = common.unit_word(unit_text, "mass")
        except BadValue:
            unit = None
        if unit is None:
            ctx.note_once(
                "jefit-unit",
                f"the SETTING section's mass {common.shown(unit_text)} is not kg or lbs; "
                "the weights' unit is not known from the file",
            )
    return Header(FORMAT, "jefit-backup", {}, 0, ",", 1, unit)


def rows(
    records: Iterator[tuple[int, list[str]] | RowProblem], header: Header, ctx: Context
) -> Iterator[ImportRow | RowProblem]:
    section, section_line, skipped = "", 1, 0
    logs: Header | None = None
    awaiting_header = False
    for record in records:
        if isinstance(record, RowProblem):
            if logs is not None:
                yield record
            else:
                if not skipped and not section:
                    section_line = record.line
                skipped += 1
            continue
        line, fields = record
        if fields[0].lstrip().startswith("###"):
            if skipped:
                yield _ignored(section, section_line, skipped)
            section, section_line, skipped = section_name(fields[0]), line, 0
            awaiting_header, logs = True, None
            continue
        if awaiting_header:
            awaiting_header = False
            if section == LOGS_SECTION:
                columns = common.header_columns(fields, ALIASES)
                common.missing_columns("JEFIT", line, columns, REQUIRED)
                logs = Header(FORMAT, header.variant, columns, len(fields), ",", line,
                              header.unit)
            continue
        if logs is None:
            if not skipped and not section:
                section_line = line
            skipped += 1
            continue
        if len(fields) != logs.width:
            yield common.width_problem(line, len(fields), logs)
            continue
        try:
            sets = _sets(line, fields, logs, ctx)
        except BadValue as err:
            yield RowProblem(line, str(err))
            continue
        if sets:
            yield from sets
        else:
            yield RowProblem(line, "an exercise with no sets logged", ignored=True)
    if skipped:
        yield _ignored(section, section_line, skipped)


def _ignored(section: str, line: int, count: int) -> RowProblem:
    return RowProblem(
        line,
        f"section {section or 'before the first section'!r}: "
        + (f"{count} rows that are not set logs" if count != 1
           else "1 row that is not a set log") + ", not imported",
        ignored=True,
    )


def _sets(line: int, fields: list[str], logs: Header, ctx: Context) -> list[ImportRow]:
    date_text = common.cell(fields, logs.index("mydate"))
    start, has_time = common.iso_datetime(date_text, "mydate")
    common.check_date(start, date_text, "mydate", ctx.today)
    name = common.exercise_name(common.cell(fields, logs.index("ename")), "ename")
    text = common.cell(fields, logs.index("logs"))
    unit = logs.unit or ctx.unit
    found: list[ImportRow] = []
    for piece in text.split(","):
        if not piece.strip():
            continue
        match = _SET.fullmatch(piece)
        if match is None:
            raise BadValue(f"logs entry {common.shown(piece)} is not weight x reps like 60x10")
        found.append(
            common.new_row(
                line=line,
                workout_start=start,
                exercise_name=name,
                kind=SetKind.WORKING,
                weight=common.weight(match.group(1), "logs weight"),
                unit=unit,
                reps=common.reps(match.group(2), "logs reps"),
                has_time=has_time,
            )
        )
    return found
