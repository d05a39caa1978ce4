"""services/recovery over a fake store: what the coach's reading is given, and the check-in
and measurement writes (all or nothing)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from fakes import USER, Data, FakeStore

from redwood.domain.log import CheckIn
from redwood.services import recovery
from redwood.services.base import ServiceError

DAY = dt.date(2026, 6, 30)


def test_protein_reads_the_latest_body_weight_however_old() -> None:
    weighed = DAY - dt.timedelta(days=50)  # long before the three weeks read in full
    store = FakeStore(Data(checkins={
        weighed: CheckIn(weighed, body_weight_kg=Decimal(80)),
        DAY: CheckIn(DAY, sleep_hours=Decimal(7))}))
    found = recovery.report(store, USER, DAY)
    assert found.body_weight_kg == Decimal(80)
    assert found.protein_g is not None and found.protein_g > 0
    assert found.sleep is not None and found.sleep.date == DAY
    assert store.opened == ["reader"]


def test_without_a_body_weight_there_is_no_protein_target() -> None:
    found = recovery.report(FakeStore(), USER, DAY)
    assert found.body_weight_kg is None and found.protein_g is None


def test_measuring_keeps_the_rest_of_the_days_checkin() -> None:
    store = FakeStore(Data(checkins={DAY: CheckIn(DAY, sleep_hours=Decimal("7.5"))}))
    recovery.measure(store, USER, DAY, body_weight_kg=Decimal("81.2"), girths_mm={"waist": 840})
    saved = recovery.checkin_on(store, USER, DAY)
    assert saved == CheckIn(DAY, body_weight_kg=Decimal("81.2"), sleep_hours=Decimal("7.5"))
    assert [(m.site, m.value_mm) for m in store.data.measurements.values()] == [("waist", 840)]
    assert store.opened == ["commit", "reader"]


def test_deleting_a_day_without_a_checkin_says_so() -> None:
    store = FakeStore(Data(checkins={DAY: CheckIn(DAY, energy=3)}))
    assert recovery.delete_checkin(store, USER, DAY - dt.timedelta(days=1)) is False
    assert recovery.delete_checkin(store, USER, DAY) is True
    assert recovery.checkins(store, USER) == []


def test_an_unknown_girth_site_names_the_field() -> None:
    assert recovery.girth_range_mm("waist")[0] < 840 < recovery.girth_range_mm("waist")[1]
    with pytest.raises(ServiceError) as caught:
        recovery.girth_range_mm("ear")
    assert caught.value.field == "site"
