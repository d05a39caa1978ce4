"""services/exporting, services/importing and the settings half of services/accounts over a
fake store: what each reads and writes, and in how many units of work."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from fakes import USER, Custom, Data, FakeStore

from redwood.catalog import load_catalog
from redwood.domain.log import LoggedSet, Unit, Workout
from redwood.services import accounts, exporting, importing, training

DAY = dt.date(2026, 3, 2)


def _log() -> Data:
    return Data(workouts=[
        Workout(date=DAY, sets=(LoggedSet("back-squat", Decimal(100), 5),
                                LoggedSet("my-sled", Decimal(40), 10))),
        Workout(date=DAY + dt.timedelta(days=2), sets=(LoggedSet("back-squat", Decimal(102), 5),)),
    ], exercises={"my-sled": Custom("my-sled", "Sled push")})


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_export_names_the_lifters_own_exercises_and_counts_what_it_wrote() -> None:
    store = FakeStore(_log())
    found = exporting.strong_csv(store, USER, since=DAY, until=DAY)
    assert (found.workouts, found.sets) == (1, 2)
    rows = _rows(found.text)
    assert [r["Exercise Name"] for r in rows][1] == "Sled push"
    assert store.opened == ["reader"]


def test_the_streamed_csv_is_the_whole_csv_in_the_asked_unit() -> None:
    store = FakeStore(_log())
    whole = exporting.strong_csv(store, USER, unit=Unit.LB).text
    assert "".join(exporting.strong_csv_chunks(store, USER, unit=Unit.LB)) == whole
    assert "".join(exporting.strong_csv_chunks(FakeStore(), USER)).count("\n") == 1  # header


def test_no_active_plan_no_calendar() -> None:
    assert exporting.plan_calendar(FakeStore(), USER) is None
    assert exporting.active_plan(FakeStore(Data(plan={"weeks": []})), USER) == {"weeks": []}


def test_a_mapping_target_is_a_library_id_or_the_lifters_own() -> None:
    known = importing.known_target(FakeStore(_log()), USER, load_catalog())
    assert known("back-squat") and known("my-sled")
    assert not known("my-sledge") and not known("custom")


def test_the_settings_write_in_one_committed_unit_of_work_each() -> None:
    store = FakeStore(Data(equipment={"gym": {"bar": "20", "plates": [["20", 4]]}}))
    assert not accounts.has_plan(store, USER)
    accounts.set_unit(store, USER, Unit.LB)
    training.save_equipment(store, USER, "gym", {"bar": "15"})
    assert store.data.users[USER.id].unit is Unit.LB
    assert store.data.equipment["gym"] == {"bar": "15", "plates": [["20", 4]]}
    assert store.opened == ["reader", "commit", "commit"]
