"""Helpers of the import tests: independent counts of export files (the csv module, not the
importer's parsers) and what the database holds."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text

from redwood.domain.log import Unit, to_kg
from redwood.store import Store

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "real"
STRONG = EXPORTS / "strong_sample.csv"
HEVY = EXPORTS / "hevy_sample.csv"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


@dataclass
class Expected:
    rows: int
    sets: int
    skipped: int
    workouts: int
    volume_kg: Decimal
    by_name: dict[str, int]


def _num(text_: str) -> Decimal:
    return Decimal(text_) if text_.strip() else Decimal(0)


def _assisted(name: str) -> bool:
    return "assisted" in name.casefold()


def expect_strong(path: Path, unit: Unit = Unit.KG) -> Expected:
    """Rows, sets (rows with reps, time or distance; not rest timers), workouts (date +
    name) and the volume of every set (any kind; not assisted exercises, whose weight is
    help), counted straight from the CSV."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    sets = 0
    volume = Decimal(0)
    workouts = set()
    by_name: dict[str, int] = {}
    for r in rows:
        if r["Set Order"].strip() == "Rest Timer":
            continue
        reps = int(_num(r["Reps"]))
        if reps <= 0 and _num(r.get("Seconds", "")) <= 0 and _num(r.get("Distance", "")) <= 0:
            continue
        sets += 1
        workouts.add((r["Date"], r["Workout Name"]))
        by_name[r["Exercise Name"].strip()] = by_name.get(r["Exercise Name"].strip(), 0) + 1
        weight = _num(r["Weight"])
        if weight and reps and not _assisted(r["Exercise Name"]):
            volume += to_kg(weight, unit) * reps
    return Expected(len(rows), sets, len(rows) - sets, len(workouts), volume, by_name)


def expect_hevy(path: Path) -> Expected:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    sets = 0
    volume = Decimal(0)
    workouts = set()
    by_name: dict[str, int] = {}
    for r in rows:
        reps = int(_num(r["reps"]))
        if reps <= 0 and _num(r["duration_seconds"]) <= 0 and _num(r["distance_km"]) <= 0:
            continue
        sets += 1
        workouts.add((r["start_time"], r["title"]))
        by_name[r["exercise_title"]] = by_name.get(r["exercise_title"], 0) + 1
        weight = _num(r["weight_kg"])
        if weight and reps and not _assisted(r["exercise_title"]):
            volume += to_kg(weight, Unit.KG) * reps
    return Expected(len(rows), sets, len(rows) - sets, len(workouts), volume, by_name)


@dataclass
class Stored:
    workouts: int
    sets: int
    volume_kg: Decimal


def stored(store: Store, user_id: int) -> Stored:
    """What the user's log holds, by SQL (the volume of every set in kg, assisted exercises
    left out)."""
    with store.reader(user_id) as uow:
        s = uow.session
        workouts = s.execute(text("SELECT count(*) FROM workouts WHERE user_id = :u"),
                             {"u": user_id}).scalar()
        sets = s.execute(text("SELECT count(*) FROM sets WHERE user_id = :u"),
                         {"u": user_id}).scalar()
        grams = s.execute(text(
            "SELECT coalesce(sum(weight_g * reps), 0) FROM sets WHERE user_id = :u "
            "AND exercise_id NOT LIKE '%assisted%' AND weight_g IS NOT NULL "
            "AND reps IS NOT NULL"),
            {"u": user_id}).scalar()
    return Stored(int(workouts or 0), int(sets or 0), Decimal(int(grams or 0)) / 1000)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


YESTERDAY = dt.date.today() - dt.timedelta(days=1)
