"""The coach and the e1RM series answer the same whether equal sets are one object or many.

The store hands a long log's equal sets out as one shared object each (values.lift_sessions,
SetMemo), and the plateau check and e1rm_series_by_exercise rate each distinct object once,
by identity. Both must give what they give on a log where every set is its own object (what
an import or a test builds): a multi-year log (tests/longlog.py: progress with resets,
plateaus, RPE and RIR, failed and drop sets, layoffs) is asked on many days both ways.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from coachkit import Rx

from longlog import long_log
from redwood.catalog import load_catalog
from redwood.coach.analytics import e1rm_series_by_exercise
from redwood.coach.e1rm import set_e1rm
from redwood.coach.history import best_e1rm_by_session, best_e1rm_of, past_sessions
from redwood.coach.loading import default_profile
from redwood.coach.progression import next_target
from redwood.domain.log import LoggedSet, Workout
from redwood.rules.coach import load_coach_rules

END = dt.date(2027, 6, 30)
LIFTS = ["back-squat", "deadlift", "barbell-row"]
CATALOG = load_catalog()


def _shared(workouts: list[Workout]) -> list[Workout]:
    """The same log with equal sets made one object, as the store reads them."""
    made: dict[LoggedSet, LoggedSet] = {}
    return [replace(w, sets=tuple(made.setdefault(s, s) for s in w.sets)) for w in workouts]


def _copied(workouts: list[Workout]) -> list[Workout]:
    """The same log with every set its own object."""
    return [replace(w, sets=tuple(replace(s) for s in w.sets)) for w in workouts]


def test_targets_do_not_depend_on_equal_sets_being_one_object() -> None:
    workouts, checkins = long_log(3, 3, END)
    shared, copied = _shared(workouts), _copied(workouts)
    assert sum(len(w.sets) for w in shared) > 2 * len({id(s) for w in shared for s in w.sets})
    profile = default_profile("gym")
    plateaus = 0
    for days_back in range(0, 900, 23):
        today = END - dt.timedelta(days=days_back)
        before = [w for w in shared if w.date < today]
        apart = [w for w in copied if w.date < today]
        for lift in LIFTS:
            exercise = CATALOG.get(lift)
            assert exercise is not None
            want = next_target(exercise, Rx(3, 3, 6), apart, checkins, today, profile)
            got = next_target(exercise, Rx(3, 3, 6), before, checkins, today, profile)
            assert got == want, (lift, today)
            plateaus += want.plateau is not None
    assert plateaus >= 3  # the plateau check had something to find


def test_session_bests_are_each_sessions_best_e1rm() -> None:
    workouts, _ = long_log(3, 3, END)
    rules = load_coach_rules()
    for lift in LIFTS:
        done = past_sessions(_shared(workouts), lift, False, END)
        assert len(done) > 100
        want = [best_e1rm_of(d.sets, rules) for d in done]
        assert len(set(want)) > 10
        assert best_e1rm_by_session(done, rules) == want


def test_e1rm_series_do_not_depend_on_equal_sets_being_one_object() -> None:
    workouts, _ = long_log(5, 3, END)
    ids = [*LIFTS, "pull-up", "plank"]
    want = e1rm_series_by_exercise(_copied(workouts), ids)
    assert sum(len(v) for v in want.values()) > 500
    assert e1rm_series_by_exercise(_shared(workouts), ids) == want
    # ...and each point is its day's best e1RM, set by set.
    for ex in LIFTS:
        days: dict[dt.date, list[Decimal]] = {}
        for w in workouts:
            for s in w.sets:
                e = set_e1rm(s) if s.exercise_id == ex else None
                if e is not None:
                    days.setdefault(w.date, []).append(e)
        assert [(p.date, p.e1rm_kg) for p in want[ex]] == [
            (d, max(v)) for d, v in sorted(days.items())]
