"""The review file's charts (GET /review.html, redwood.render.review.review_html) drawn from
the period and a summary of the years before it (services.reviewing.chart_log) are the
charts drawn from the whole log, byte for byte, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from longlog import long_log, store_log
from redwood.catalog import load_catalog
from redwood.render.review import review_html
from redwood.services.reviewing import build, chart_log, gather
from redwood.store import Store

LAST = dt.date(2027, 6, 30)


@pytest.mark.slow
def test_the_review_files_charts_read_bounded_are_the_whole_logs(store: Store) -> None:
    pytest.importorskip("matplotlib")
    workouts, checkins = long_log(11, 2, LAST)
    user = store.default_user()
    store_log(store, user.id, workouts, checkins)
    catalog = load_catalog()
    drawn = 0
    for end in (LAST, LAST - dt.timedelta(days=200), LAST - dt.timedelta(days=401)):
        whole = gather(store, user, end=end, whole_log=True)
        r = build(whole, catalog)
        expected = review_html(r, workouts=list(whole.workouts), checkins=list(whole.checkins),
                               catalog=catalog)
        bounded = build(gather(store, user, end=end, whole_log=False), catalog)
        log = chart_log(store, user, bounded)
        assert max(w.date for w in log.workouts) <= end
        assert min(w.date for w in log.workouts) >= bounded.start - dt.timedelta(days=6)
        got = review_html(bounded, workouts=log.workouts, checkins=log.checkins,
                          catalog=catalog, days=log.days, e1rm_before=log.e1rm_before)
        assert got == expected, end
        drawn += got.count("<svg")
    assert drawn >= 9  # the e1RM, volume, calendar and body-weight charts were drawn
