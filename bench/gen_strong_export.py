"""Write a realistic Strong export (the common 2021-2025 header, no unit column) of N sets.

    .venv/bin/python bench/gen_strong_export.py /tmp/strong-100k.csv --sets 100000

Not committed: the file is made on demand (about 9 MB for 100,000 sets). One workout a day,
ending yesterday, of 20 sets over four lifts with warm-ups, float noise in some weights
(Strong writes 150 as 149.99999999999997), notes and RPE here and there.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

HEADER = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
          "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]
DAYS = {
    "Legs": ["Squat (Barbell)", "Romanian Deadlift (Barbell)", "Leg Press",
             "Seated Leg Curl (Machine)"],
    "Pull": ["Deadlift (Barbell)", "Bent Over Row (Barbell)", "Lat Pulldown (Cable)",
             "Pullups"],
    "Push": ["Bench Press (Barbell)", "Overhead Press (Barbell)", "Triceps Pushdown",
             "Lateral Raise (Dumbbell)"],
    "Arms & Core": ["Bicep Curl (Dumbbell)", "Hammer Curl (Dumbbell)", "Plank",
                    "My Secret Finisher"],
}
BASE_KG = {"Squat (Barbell)": 100, "Romanian Deadlift (Barbell)": 90, "Leg Press": 180,
           "Seated Leg Curl (Machine)": 45, "Deadlift (Barbell)": 140,
           "Bent Over Row (Barbell)": 70, "Lat Pulldown (Cable)": 60, "Pullups": 0,
           "Bench Press (Barbell)": 80, "Overhead Press (Barbell)": 50, "Triceps Pushdown": 32,
           "Lateral Raise (Dumbbell)": 12, "Bicep Curl (Dumbbell)": 16,
           "Hammer Curl (Dumbbell)": 18, "Plank": 0, "My Secret Finisher": 24}


def rows(sets: int, seed: int = 1, end: dt.date | None = None):  # type: ignore[no-untyped-def]
    """The export's rows (without the header), `sets` of them."""
    rng = random.Random(seed)
    per_workout = 20
    workouts = -(-sets // per_workout)
    last = end or dt.date.today() - dt.timedelta(days=1)
    made = 0
    names = list(DAYS)
    for w in range(workouts):
        day = last - dt.timedelta(days=workouts - 1 - w)
        start = dt.datetime.combine(day, dt.time(17, rng.randrange(60), rng.randrange(60)))
        title = names[w % len(names)]
        duration = f"{rng.randrange(40, 95)}m"
        note_w = "Felt strong" if rng.random() < 0.1 else ""
        for exercise in DAYS[title]:
            base = BASE_KG[exercise] * (1 + w / workouts / 2)
            for order in range(1, 6):
                if made >= sets:
                    return
                made += 1
                warm = order == 1 and base > 0
                set_order = "W" if warm else str(order - (1 if base > 0 else 0))
                if exercise == "Plank":
                    weight, reps, secs = "0", "0", str(rng.choice((45, 60, 90)))
                else:
                    kg = base * (0.5 if warm else 1) + rng.choice((-2.5, 0, 2.5))
                    kg = max(0.0, round(kg / 2.5) * 2.5 + (1 if exercise.endswith(
                        "(Dumbbell)") else 0))
                    weight = repr(kg * 1.0000000000000002) if rng.random() < 0.05 else f"{kg}"
                    reps, secs = str(rng.randrange(3, 13)), "0"
                note = "knees caved" if rng.random() < 0.01 else ""
                rpe = str(rng.choice((7, 7.5, 8, 8.5, 9))) if rng.random() < 0.3 else ""
                yield [start.strftime("%Y-%m-%d %H:%M:%S"), title, duration, exercise,
                       set_order, weight, reps, "0", secs, note, note_w, rpe]


def write(path: Path, sets: int, seed: int = 1, end: dt.date | None = None) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows(sets, seed, end))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.path, args.sets, args.seed)
    print(f"wrote {args.sets} sets to {args.path} ({args.path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
