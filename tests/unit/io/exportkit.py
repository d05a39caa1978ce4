"""Shared helpers for the export-parser tests: where the files are, and reading one fully."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from redwood.domain.log import Unit
from redwood.io.formats import open_export
from redwood.io.rows import Export, ImportRow, RowProblem

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "exports"
# The real exports (MIT, see real/SOURCE.md), copied from the project's shared data.
SAMPLES = FIXTURES / "real"
needs_samples = pytest.mark.skipif(
    not (SAMPLES / "strong_sample.csv").is_file(), reason="real sample exports not present"
)
STRONG_SAMPLE = SAMPLES / "strong_sample.csv"
HEVY_SAMPLE = SAMPLES / "hevy_sample.csv"
TODAY = dt.date(2026, 1, 1)


@dataclass
class Read:
    export: Export
    rows: list[ImportRow]
    problems: list[RowProblem]

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if not p.ignored]

    @property
    def ignored(self) -> list[RowProblem]:
        return [p for p in self.problems if p.ignored]

    def volume(self) -> Decimal:
        return sum(
            ((r.weight or Decimal(0)) * (r.reps or 0) for r in self.rows), Decimal(0)
        )


def read(path: Path, fmt: str = "auto", unit: Unit | None = None) -> Read:
    export = open_export(path, fmt, unit, today=TODAY)
    rows: list[ImportRow] = []
    problems: list[RowProblem] = []
    for item in export.rows:
        (rows if isinstance(item, ImportRow) else problems).append(item)  # type: ignore[arg-type]
    return Read(export, rows, problems)


def csv_dicts(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    """The file's data rows as the csv module reads them: the independent count."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def data_row_lines(path: Path, delimiter: str = ",") -> list[int]:
    """The line where each data record starts, by an independent walk with the csv module."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        starts, done = [], 0
        for fields in reader:
            if any(f.strip() for f in fields):
                starts.append(done + 1)
            done = reader.line_num
    return starts[1:]
