"""Today's reads on the driver (redwood.store.pooled) answer exactly as the ORM's reader does,
on SQLite and PostgreSQL: the same log (test_store_lite's: plans, profiles, equipment,
check-ins with soreness and sleep, sets of every kind, planned and unplanned workouts) is
asked the same questions through `Store.reader` and `Store.quick_reader`, and today's session
built from either is the same."""

from __future__ import annotations

import datetime as dt

import pytest
from test_store_lite import START, _fill, ask_both

from plans import build
from redwood.catalog import load_catalog
from redwood.services.planning import save_plan
from redwood.services.training import TodayView, today
from redwood.store import Store, StoreError


def test_every_read_of_the_fast_path_gives_the_orms_answer(
    store: Store, user_id: int, other_user_id: int
) -> None:
    plan_id = _fill(store, user_id, 1)
    _fill(store, other_user_id, 2)
    with store.reader(user_id) as a, store.quick_reader(user_id) as b:
        ask_both(a, b, plan_id)


def _view(store: Store, day: dt.date, quick: bool) -> TodayView:
    with pytest.MonkeyPatch.context() as patch:
        if not quick:  # today's reads through the ORM, as before the quick reader
            patch.setattr(Store, "quick_reader", Store.reader)
        return today(store, store.default_user(), day, load_catalog())


def test_todays_session_is_the_same_read_either_way(store: Store, user_id: int) -> None:
    _fill(store, user_id, 3)
    start = START + dt.timedelta(days=100)
    save_plan(store, store.default_user(), build(start=str(start), location="gym"))
    for day in (start, start + dt.timedelta(days=18)):
        quick = _view(store, day, True)
        orm = _view(store, day, False)
        assert quick.to_dict() == orm.to_dict()
        assert quick.items and any(i.target.weight_kg for i in quick.items)


def test_the_quick_reader_only_reads(store: Store, user_id: int) -> None:
    with store.quick_reader(user_id) as uow:
        with pytest.raises(StoreError, match="read-only"):
            uow.users.add("someone")
        assert uow.plans.active_text() is None
    with pytest.raises(StoreError, match="not open"):
        uow.plans.active_text()
    with store.reader() as uow:
        assert uow.users.by_name("someone") is None
