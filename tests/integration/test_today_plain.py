"""`redwood today` without a terminal (a pipe, a file) is written without rich (issue 17 item 1:
importing rich and laying out its table was some 40% of a whole `today` on an empty log), in
exactly the characters a colourless rich console writes: rich itself is the oracle, at every
width, for a first session (calibrating, supersets) and one the coach builds on history, and a
title rich would read as markup falls back to rich. On a real SQLite file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest

from plans import build
from redwood.catalog import load_catalog
from redwood.domain.log import LoggedSet, Workout
from redwood.render import terminal
from redwood.render.plain import NotPlain
from redwood.render.terminal import console, set_width
from redwood.render.text import _write_today
from redwood.services.planning import save_plan
from redwood.services.training import log_workout, today
from redwood.store import Store

CATALOG = load_catalog()
START = dt.date(2027, 1, 4)
WIDTHS = (40, 55, 60, 69, 70, 71, 80, 100, 120, 200)


@pytest.fixture(autouse=True)
def _width() -> Any:
    yield
    set_width(None)


def _views(store: Store) -> tuple[list[Any], Any]:
    user = store.default_user()
    save_plan(store, user, build(start=START.isoformat(), weeks=2, supersets=True))
    first = today(store, user, START, CATALOG)
    sets = tuple(LoggedSet(i.target.exercise_id,
                           None if i.target.weight_kg is None else Decimal("42.5"),
                           reps=None if i.target.seconds_min is not None else 8,
                           seconds=30 if i.target.seconds_min is not None else None)
                 for i in first.items for _ in range(i.target.sets))
    log_workout(store, user, Workout(date=START - dt.timedelta(days=7), sets=sets), CATALOG)
    return [first, today(store, user, START, CATALOG)], user.unit


def _both(view: Any, unit: Any) -> tuple[str, str]:
    mine, theirs = io.StringIO(), io.StringIO()
    writer = terminal.plain_out(mine)
    assert writer is not None
    _write_today(view, unit, writer)  # raises NotPlain if it could not
    writer.flush()
    _write_today(view, unit, console(file=theirs))
    return mine.getvalue(), theirs.getvalue()


def test_plain_today_is_rich_s_text_at_every_width(store: Store) -> None:
    views, unit = _views(store)
    assert views[0].items and views[1].items
    for view in views:
        for width in WIDTHS:
            set_width(width)
            mine, theirs = _both(view, unit)
            assert mine == theirs, width
            assert view.items[0].name in mine


def _between_sets(store: Store) -> tuple[list[Any], Any]:
    """Today between sets (a lift's sets done, one short, an extra, a lift the session does
    not have) and once the session is done (the next session below the day's)."""
    from redwood.services.training import today_progress

    user = store.default_user()
    save_plan(store, user, build(start=START.isoformat(), weeks=2, supersets=True))
    first = today(store, user, START, CATALOG)
    lift, other = first.items[0].target, first.items[1].target
    sets = [LoggedSet(lift.exercise_id, Decimal("40"), reps=3, rpe=Decimal("7.5")),
            LoggedSet("romanian-deadlift", Decimal("60"), reps=8),
            LoggedSet(other.exercise_id, Decimal("20"), reps=8, completed=False)]
    log_workout(store, user, Workout(date=START, sets=tuple(sets), planned=first.session.ref),
                CATALOG)
    found = [today_progress(store, user, START, CATALOG)]
    rest = tuple(LoggedSet(i.target.exercise_id,
                           None if i.target.weight_kg is None else Decimal("42.5"),
                           reps=None if i.target.seconds_min is not None else 8,
                           seconds=30 if i.target.seconds_min is not None else None)
                 for i in first.items for _ in range(i.target.sets + 1))
    log_workout(store, user, Workout(date=START, sets=rest, planned=first.session.ref),
                CATALOG, append=True)
    found.append(today_progress(store, user, START, CATALOG))
    return found, user.unit


def test_plain_today_between_sets_is_rich_s_text_at_every_width(store: Store) -> None:
    found, unit = _between_sets(store)
    assert found[0].progress is not None and found[0].progress.others
    assert found[1].progress is None and found[1].done
    for one in found:
        for width in WIDTHS:
            set_width(width)
            mine, theirs = io.StringIO(), io.StringIO()
            writer = terminal.plain_out(mine)
            assert writer is not None
            _write_today(one.view, unit, writer, one)
            writer.flush()
            _write_today(one.view, unit, console(file=theirs), one)
            assert mine.getvalue() == theirs.getvalue(), width
            shown = " ".join(mine.getvalue().split())
            assert ("Logged so far: 2 of" in shown) if one is found[0] else (
                "Well lifted!" in shown), shown


def test_a_title_rich_reads_as_markup_is_left_to_rich(store: Store) -> None:
    views, unit = _views(store)
    odd = dataclasses.replace(views[0], title="Legs [bold]heavy[/bold] :muscle: day")
    writer = terminal.plain_out(io.StringIO())
    with pytest.raises(NotPlain):
        _write_today(odd, unit, writer)


def test_a_session_finished_early_is_named_before_the_next_one(store: Store) -> None:
    """Finish (the web's, or the API's) on a session with one set: `redwood today` that day
    says it was finished, with its sets, then shows the next session."""
    from redwood.services.training import finish_session, today_progress

    user = store.default_user()
    save_plan(store, user, build(start=START.isoformat(), weeks=2, supersets=True))
    first = today(store, user, START, CATALOG)
    lift = first.items[0].target
    log_workout(store, user, Workout(date=START, sets=(LoggedSet(
        lift.exercise_id, lift.weight_kg, reps=5),), planned=first.session.ref), CATALOG)
    assert today_progress(store, user, START, CATALOG).progress is not None
    finish_session(store, user, START, first.session.ref)
    found = today_progress(store, user, START, CATALOG)
    assert found.view.session.ref != first.session.ref and found.progress is None
    assert [(d.title, d.sets, d.finished) for d in found.done] == [(first.title, 1, True)]
    mine = io.StringIO()
    writer = terminal.plain_out(mine)
    assert writer is not None
    _write_today(found.view, user.unit, writer, found)
    writer.flush()
    shown = " ".join(mine.getvalue().split())
    assert shown.startswith(f"Session finished: {first.title} (1 set logged). Next session: "
                            f"{found.view.date.isoformat()}: {found.view.title}"), shown
    assert found.to_dict()["done_today"] == [{"title": first.title,
                                              "date": START.isoformat(), "sets": 1,
                                              "finished": True}]
