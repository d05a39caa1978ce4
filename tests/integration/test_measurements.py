"""Girths on a real database (SQLite, and PostgreSQL when configured): stored in whole mm,
one per site and day, scoped to their user, absurd values refused before the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from redwood.domain.log import CheckIn
from redwood.store import Store
from redwood.store.errors import InvalidEntry
from redwood.store.measurements import GIRTH_SITES, Measurement

D1 = dt.date(2026, 11, 2)
D2 = dt.date(2026, 11, 9)


def put(store: Store, user_id: int, *measurements: Measurement) -> None:
    with store.unit_of_work(user_id) as uow:
        uow.measurements.put_all(measurements)
        uow.commit()


def listed(store: Store, user_id: int, **kw) -> list[Measurement]:
    with store.reader(user_id) as uow:
        return uow.measurements.list(**kw)


def test_girths_come_back_oldest_first_in_whole_mm(store, user_id) -> None:
    put(store, user_id, Measurement(D2, "waist", 835), Measurement(D1, "waist", 840),
        Measurement(D1, "hips", 980))
    assert listed(store, user_id) == [Measurement(D1, "hips", 980), Measurement(D1, "waist", 840),
                                      Measurement(D2, "waist", 835)]
    assert listed(store, user_id, site="waist", since=D2) == [Measurement(D2, "waist", 835)]
    assert listed(store, user_id, until=D1, site="hips") == [Measurement(D1, "hips", 980)]


def test_a_second_entry_the_same_day_replaces_the_first(store, user_id) -> None:
    put(store, user_id, Measurement(D1, "waist", 840))
    put(store, user_id, Measurement(D1, "waist", 842))
    assert listed(store, user_id) == [Measurement(D1, "waist", 842)]


def test_girths_are_the_users_own(store, user_id, other_user_id) -> None:
    put(store, user_id, Measurement(D1, "waist", 840))
    put(store, other_user_id, Measurement(D1, "waist", 700))
    assert listed(store, other_user_id) == [Measurement(D1, "waist", 700)]
    with store.unit_of_work(other_user_id) as uow:
        assert uow.measurements.delete(D1) == 1
        uow.commit()
    assert listed(store, user_id) == [Measurement(D1, "waist", 840)]


@pytest.mark.parametrize(("m", "field"), [
    (Measurement(D1, "waist", 8400), "waist: 840 cm is out of range: allowed 40-250 cm"),
    (Measurement(D1, "calf", 10), "calf: 1 cm is out of range"),
    (Measurement(D1, "ear", 50), "site: 'ear' is not one of"),
])
def test_absurd_girths_are_refused_naming_the_field(store, user_id, m, field) -> None:
    with pytest.raises(InvalidEntry) as caught:
        put(store, user_id, Measurement(D1, "hips", 980), m)
    assert field in str(caught.value)
    assert listed(store, user_id) == []  # all or nothing


def test_every_site_the_cli_offers_is_known() -> None:
    from redwood.cli.charts import _SITES

    assert _SITES == GIRTH_SITES


def test_weight_and_girths_in_one_unit_of_work_keep_the_days_check_in(store, user_id) -> None:
    with store.unit_of_work(user_id) as uow:
        uow.checkins.upsert(CheckIn(D1, sleep_hours=Decimal("7.5"), energy=4))
        uow.commit()
    with store.unit_of_work(user_id) as uow:
        uow.checkins.upsert(CheckIn(D1, body_weight_kg=Decimal("80.4")))
        uow.measurements.put(Measurement(D1, "waist", 840))
        uow.commit()
    with store.reader(user_id) as uow:
        got = uow.checkins.get(D1)
        assert got is not None
        assert (got.body_weight_kg, got.sleep_hours, got.energy) == (
            Decimal("80.4"), Decimal("7.5"), 4)
        assert uow.measurements.list() == [Measurement(D1, "waist", 840)]
