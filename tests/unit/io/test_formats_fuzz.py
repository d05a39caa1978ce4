"""Fuzzing the parsers with mutated real exports: whatever the bytes, reading the rows either
yields sets and row problems or stops with one ExportError, never any other exception."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from exportkit import FIXTURES, HEVY_SAMPLE, STRONG_SAMPLE, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redwood.domain.log import Unit
from redwood.io.formats import open_export
from redwood.io.formats.common import MAX_REPS, MAX_WEIGHT
from redwood.io.rows import FORMATS, ExportError, ImportRow, RowProblem


def _bases() -> list[bytes]:
    found = [(FIXTURES / name).read_bytes() for name in (
        "strong_duration.csv", "strong_semicolon_units.csv", "strong_numbered_kg.csv",
        "hevy_lbs.csv", "fitnotes_kgs.csv", "fitnotes_unit_column.csv", "jefit_backup.csv")]
    if STRONG_SAMPLE.is_file():
        found.append(STRONG_SAMPLE.read_bytes())
        with HEVY_SAMPLE.open("rb") as fh:  # the head: the whole file would make each try slow
            found.append(b"".join(fh.readline() for _ in range(120)))
    return found


BASES = _bases()
JUNK = st.one_of(
    st.binary(min_size=1, max_size=12),
    st.sampled_from([b'"', b",", b";", b"\n", b"\r\n", b"\r", b"\x00", b"\xff", b"\xef\xbb\xbf",
                     b"-1", b"1e400", b"NaN", b"9" * 40, b"Rest Timer", b"W", b"###",
                     b"\xe2\x80\xaf", b"31 Feb 2025, 07:48", "١٢".encode()]),
)

CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "0", "-0", "-5", "101", "100.5", "100,5", "1e5", "NaN", "inf", "W", "D",
                     "F", "w", "Rest Timer", "2099-01-01 10:00:00", "1900-01-01", "0:99:99",
                     "12:61:00", "2024-02-30 10:00:00", "13:00:00 PM", "99h", "1h 99m", "mi.",
                     "kgs", "lbs", "stone", "60x10,", "x", "###", '"', '""', "9" * 30]),
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 4))):
        size = max(len(data), 1)
        at = draw(st.integers(0, size - 1))
        span = draw(st.integers(1, 40))
        op = draw(st.sampled_from(
            ["drop", "dup", "swap", "truncate", "junk", "lines", "encode", "overwrite", "cell",
             "cell"]))
        if op == "drop":
            del data[at : at + span]
        elif op == "dup":
            data[at:at] = data[at : at + span]
        elif op == "swap" and len(data) > 1:
            other = draw(st.integers(0, len(data) - 1))
            data[at], data[other] = data[other], data[at]
        elif op == "truncate":
            del data[at:]
        elif op == "junk":
            data[at:at] = draw(JUNK)
        elif op == "overwrite":
            piece = draw(JUNK)
            data[at : at + len(piece)] = piece
        elif op == "lines":
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            action = draw(st.sampled_from(["drop", "dup", "swap"]))
            if action == "drop":
                del lines[i]
            elif action == "dup":
                lines.insert(i, lines[j])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif op == "cell":
            # Replace one cell of one row, so the value parsers (not just the CSV reader)
            # meet the odd values.
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            sep = b";" if lines[i].count(b";") > lines[i].count(b",") else b","
            cells = lines[i].split(sep)
            j = draw(st.integers(0, len(cells) - 1))
            cells[j] = draw(CELL).encode("utf-8", "surrogatepass")
            lines[i] = sep.join(cells)
            data = bytearray(b"\n".join(lines))
        elif op == "encode":
            text = bytes(data).decode("utf-8", "replace")
            codec = draw(st.sampled_from(["latin-1", "utf-16", "cp1252", "utf-8-sig"]))
            data = bytearray(text.encode(codec, "replace"))
    return bytes(data)


def consume(path: Path, fmt: str, unit: Unit | None) -> None:
    try:
        export = open_export(path, fmt, unit, today=TODAY)
        last = 0
        for item in export.rows:
            assert isinstance(item, ImportRow | RowProblem)
            assert item.line >= max(last, 1)
            last = item.line
            if isinstance(item, RowProblem):
                assert item.reason and "\n" not in item.reason
                continue
            assert item.exercise_name and item.exercise_name == item.exercise_name.strip()
            if item.weight is not None:
                assert Decimal(0) < item.weight <= MAX_WEIGHT
            if item.reps is not None:
                assert 0 <= item.reps <= MAX_REPS
            assert item.workout_start.year >= 1950
        assert all("\n" not in note for note in export.notes)
    except ExportError as err:
        assert str(err) and "\n" not in str(err)


@pytest.mark.slow
@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=mutated(), fmt=st.sampled_from(["auto", *FORMATS]),
       unit=st.sampled_from([None, Unit.KG, Unit.LB]))
def test_mutated_exports_never_raise_anything_but_export_error(
    data: bytes, fmt: str, unit: Unit | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_bytes(data)
        consume(path, fmt, unit)


@pytest.mark.parametrize("index", range(len(BASES)))
def test_every_prefix_of_a_file_is_read_or_refused_cleanly(index: int, tmp_path: Path) -> None:
    data = BASES[index][:3000]
    path = tmp_path / "cut.csv"
    for end in range(0, len(data), 37):
        path.write_bytes(data[:end])
        consume(path, "auto", None)
