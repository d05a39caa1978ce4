"""The review's fast read (the period in full, the years before summarized by
redwood.store.queries) gives the same review as reading the whole log, on SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from longlog import long_log, store_log
from redwood.catalog import load_catalog
from redwood.coach.review import earlier_exercises, summarize_earlier
from redwood.domain.log import LoggedSet
from redwood.rules.review import load_review_rules
from redwood.services.reviewing import build, gather, review
from redwood.store import Store, queries

LAST = dt.date(2027, 6, 30)
CATALOG = load_catalog()


def fill(store: Store, seed: int) -> None:
    workouts, checkins = long_log(seed, 3, LAST)
    store_log(store, store.default_user().id, workouts, checkins)


@pytest.mark.slow
def test_fast_review_is_the_whole_log_review(store: Store) -> None:
    fill(store, 7)
    user = store.default_user()
    for end, weeks in [(LAST, 4), (LAST - dt.timedelta(days=200), 4), (LAST, 12),
                       (LAST - dt.timedelta(days=500), 8), (LAST - dt.timedelta(days=1090), 4),
                       (LAST + dt.timedelta(days=90), 4)]:
        whole = build(gather(store, user, end=end, weeks=weeks), CATALOG)
        fast = gather(store, user, end=end, weeks=weeks, whole_log=False, catalog=CATALOG)
        assert fast.earlier is not None
        assert all(x.date >= fast.start for x in fast.workouts)
        assert build(fast, CATALOG).to_dict() == whole.to_dict(), (end, weeks)
    assert review(store, user, end=LAST, catalog=CATALOG).to_dict() == build(
        gather(store, user, end=LAST), CATALOG).to_dict()


@pytest.mark.slow
def test_queries_summarize_like_the_workouts(store: Store) -> None:
    fill(store, 11)
    user = store.default_user()
    before = LAST - dt.timedelta(days=300)
    with store.reader(user.id) as uow:
        workouts = uow.workouts.list()
        period = [x for x in workouts if x.date >= before]
        ids = earlier_exercises(period, CATALOG, load_review_rules())
        expected = summarize_earlier(workouts, before, ids)
        assert queries.training_days(uow, before=before) == list(expected.training_days)
        assert queries.first_hard_days(uow, before=before) == dict(expected.first_hard)
        assert queries.logged_before(uow, before=before)
        assert not queries.logged_before(uow, before=LAST - dt.timedelta(days=2000))
        days = queries.hard_sets_by_day(uow, ids, before=before)
        # One workout a day, each distinct set once (two workouts on a day are merged).
        want: dict[dt.date, set[LoggedSet]] = {}
        for x in expected.lift_days:
            want.setdefault(x.date, set()).update(x.sets)
        assert [d.date for d in days] == sorted(want)
        for got in days:
            assert set(got.sets) == want[got.date] and len(got.sets) == len(set(got.sets))
        weights = queries.body_weights(uow, before=before)
        assert [(c.date, c.body_weight_kg) for c in weights] == [
            (c.date, c.body_weight_kg) for c in uow.checkins.list(until=before)
            if c.date < before and c.body_weight_kg is not None]
