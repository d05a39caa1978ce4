"""Rows are read as the caller asks for them: memory does not grow with the file."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

from exportkit import TODAY

from redwood.io.formats import open_export

HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"


def strong_file(path: Path, sets: int) -> Path:
    start = dt.datetime(2000, 1, 1, 18, 0)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for n in range(sets):
            day = start + dt.timedelta(days=n // 10, seconds=n // 10)
            fh.write(f"{day:%Y-%m-%d %H:%M:%S},Day {n % 7},55m,Lift {n % 13},{n % 10 + 1},"
                     f"{20 + n % 150}.5,{1 + n % 12},0,0,{6 + n % 5}\n")
    return path


def peak_bytes(path: Path) -> int:
    tracemalloc.start()
    try:
        count = sum(1 for _ in open_export(path, today=TODAY).rows)
        return tracemalloc.get_traced_memory()[1] if count else 0
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_sets(tmp_path: Path) -> None:
    small = peak_bytes(strong_file(tmp_path / "small.csv", 500))
    big = peak_bytes(strong_file(tmp_path / "big.csv", 4_000))
    # Eight times the sets: the caches of distinct values may fill a little more, the rows not.
    assert big < small * 1.5 + 250_000, (small, big)
