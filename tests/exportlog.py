"""A realistic log for the exports' byte-for-byte tests: half a year of longlog's training
(warm-ups, drop and failure sets, RPE and RIR, failed sets, bodyweight and band-assisted
pull-ups, timed planks, two workouts on a day, warm-up-only days, check-ins) and what a long
log also holds: assisted sets (the weight is help), carries with distances, weights entered in
pounds, notes, rests, supersets, form notes, unicode and spreadsheet-formula titles and names
(the lifter's own exercises), a workout without sets, two with the same name and start, times
that end after midnight, a planned session, a profile, equipment and measurements.

tests/fixtures/golden/ holds what the exporter wrote for this log before its fast path
(`python tests/exportlog.py` writes them again, with whatever `redwood` is importable).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from longlog import long_log
from redwood.domain.log import LoggedSet, PlannedRef, SetKind, Workout

END = dt.date(2025, 6, 30)
FIXTURES = Path(__file__).parent / "fixtures" / "golden"
CUSTOM = {"my-sled": 'Sled "heavy", push', "formula-a": '=HYPERLINK("http://evil.example","x")',
          "formula-b": "@SUM(1+1)", "unicode-move": "Ñandú press ☃ — 深蹲", "minus": "-cable fly",
          "quoted": "'=already quoted"}


def _extras(plan_id: int) -> list[Workout]:
    at = dt.datetime.combine
    day = END - dt.timedelta(days=3)
    lb = Decimal("61.23")  # 135 lb as stored
    return [
        Workout(day, (
            LoggedSet("assisted-pull-up", Decimal(20), 8),
            LoggedSet("assisted-pull-up", Decimal("17.5"), 6, kind=SetKind.FAILURE,
                      completed=False),
            LoggedSet("farmers-walk", Decimal(40), distance_m=Decimal("40.5")),
            LoggedSet("farmers-walk", Decimal(40), seconds=35, distance_m=Decimal(1609)),
            LoggedSet("back-squat", lb, 5, rpe=Decimal("8.5"), rest_s=180,
                      form_note="knees caved, «ouch»"),
            LoggedSet("back-squat", lb, 5, rir=2, superset_group=1),
            LoggedSet("my-sled", Decimal("100.25"), 10, superset_group=1),
            LoggedSet("formula-a", Decimal(10), 12), LoggedSet("formula-b", None, 15),
            LoggedSet("unicode-move", Decimal("0.01"), 1000), LoggedSet("minus", Decimal(5), 12),
            LoggedSet("quoted", None, seconds=86400)),
            started_at=at(day, dt.time(23, 40)), ended_at=at(day + dt.timedelta(days=1),
                                                             dt.time(1, 3)),
            title="=cmd|' /C calc'!A0", notes="Gym «Nord», line two\nand a tab\there",
            location="home", energy=4, session_rpe=8,
            planned=PlannedRef(plan_id, 3, 1)),
        Workout(day, (LoggedSet("back-squat", Decimal(100), 3),),
                started_at=at(day, dt.time(23, 40)), title="=cmd|' /C calc'!A0"),
        Workout(day, (), title="Empty, with \"quotes\""),
        Workout(day + dt.timedelta(days=1), (LoggedSet("plank", None, seconds=60),
                                             LoggedSet("pull-up", Decimal(10), 5)),
                title="+ve day ☀", started_at=at(day + dt.timedelta(days=1), dt.time(7, 5)),
                ended_at=at(day + dt.timedelta(days=1), dt.time(7, 5))),
        Workout(day + dt.timedelta(days=2), (LoggedSet("deadlift", Decimal("142.5"), 1,
                                                       kind=SetKind.DROP),),
                title="-", started_at=at(day + dt.timedelta(days=2), dt.time(18, 0)),
                ended_at=at(day + dt.timedelta(days=2), dt.time(19, 59))),
    ]


def fill(store: Any, user_id: int) -> None:
    """Write the log as the user's (a user of the store, with no data yet)."""
    from redwood.domain.log import CheckIn
    from redwood.domain.vocabulary import Region

    workouts, checkins = long_log(11, 1, END - dt.timedelta(days=4))
    first = END - dt.timedelta(days=183)
    with store.unit_of_work(user_id) as uow:
        plan_id = uow.plans.add(json.dumps({"schema_version": 1, "weeks": []}),
                                {"goal": "strength", "days": 3})
        uow.profiles.add({"goal": "strength", "level": "intermediate", "days": 3})
        uow.equipment.put("gym", {"bar": "20", "plates": [["20", 4], ["1.25", 2]]})
        for name in sorted(CUSTOM):
            uow.exercises.put(name, CUSTOM[name])
        for w in [w for w in workouts if w.date >= first] + _extras(plan_id):
            uow.workouts.add(w)
        for c in [c for c in checkins if c.date >= first]:
            uow.checkins.upsert(c)
        uow.checkins.upsert(CheckIn(END, body_weight_kg=Decimal("81.35"),
                                    sleep_hours=Decimal("7.25"), energy=2,
                                    soreness={Region.LEGS: 4, Region.BACK: 1}))
        uow.commit()


EXPORTS = {"strong.csv": {}, "strong-lb.csv": {"unit": "lb"},
           "strong-may.csv": {"since": dt.date(2025, 5, 1), "until": dt.date(2025, 5, 31)}}


def exports(store: Any, user: Any) -> dict[str, str]:
    """Every export of the log, by fixture name, as the services write them (streamed)."""
    from redwood.domain.log import Unit
    from redwood.services import exporting

    out = {}
    for name, options in EXPORTS.items():
        unit = Unit(options["unit"]) if "unit" in options else None
        out[name] = "".join(exporting.strong_csv_chunks(
            store, user, since=options.get("since"), until=options.get("until"), unit=unit))
    out["backup.json"] = "".join(exporting.backup_chunks(store, user))
    return out


def main() -> None:
    import tempfile

    from redwood.services import accounts
    from redwood.store import open_store
    from redwood.store.location import sqlite_url

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(sqlite_url(Path(folder) / "redwood.db"), ensure_user=False)
        user = accounts.signup(store, "golden", "a long and unguessable passphrase")
        fill(store, user.id)
        FIXTURES.mkdir(parents=True, exist_ok=True)
        for name, text in exports(store, user).items():
            (FIXTURES / name).write_bytes(text.encode())
            print(name, len(text), file=sys.stderr)
        store.close()


if __name__ == "__main__":
    main()
