"""A demo account for `redwood serve --demo`: a lifter four weeks into a plan.

The user "demo" (password DEMO_PASSWORD) gets a profile, a saved eight-week plan that began
four Mondays ago, every planned session before today logged the way a steady beginner would
(the coach's targets, with the odd missed rep) and a daily check-in. The same day always gives
the same data: the only randomness is a seeded generator.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TYPE_CHECKING

from redwood.domain.log import CheckIn, LoggedSet, SetKind, Workout
from redwood.domain.user import User
from redwood.domain.vocabulary import Region

if TYPE_CHECKING:
    from redwood.catalog import Catalog
    from redwood.store import Store

DEMO_USER = "demo"
DEMO_PASSWORD = "demo-lifter"
WEEKS_DONE = 4
PLAN_WEEKS = 8

# What a beginner who has trained a little would load on the first day of a lift (the
# coach's own first target is the lightest load there is, to calibrate).
_FIRST_LOADS = {
    "back-squat": Decimal(50), "front-squat": Decimal(40), "goblet-squat": Decimal(20),
    "trap-bar-deadlift": Decimal(70), "romanian-deadlift": Decimal(50),
    "conventional-deadlift": Decimal(70), "deadlift": Decimal(70), "hip-thrust": Decimal(60),
    "chest-supported-row": Decimal(20), "barbell-row": Decimal(40), "lat-pulldown": Decimal(40),
    "seated-cable-row": Decimal(40), "leg-press": Decimal(100), "face-pull": Decimal(15),
    "bulgarian-split-squat": Decimal(12), "walking-lunge": Decimal(12),
    "one-arm-dumbbell-row": Decimal(20), "leg-curl": Decimal(30), "back-extension": Decimal(10),
}
_STEP = Decimal("2.5")


def _first_load(exercise_id: str, target: Decimal) -> Decimal:
    guess = _FIRST_LOADS.get(exercise_id)
    if guess is None:
        guess = min(target * 4 / _STEP, Decimal(12)).to_integral_value() * _STEP
    return max(guess, target)


def ensure_demo(store: Store, *, today: dt.date | None = None,
                catalog: Catalog | None = None) -> tuple[User, bool]:
    """The demo user, made with four weeks of training if it does not exist yet.
    Returns (user, whether it was made now)."""
    from redwood.services import accounts

    with store.reader() as uow:
        existing = uow.users.by_name(DEMO_USER)
    if existing is not None:
        return existing, False
    user = accounts.signup(store, DEMO_USER, DEMO_PASSWORD)
    fill_demo(store, user, today=today, catalog=catalog)
    return user, True


def fill_demo(store: Store, user: User, *, today: dt.date | None = None,
              catalog: Catalog | None = None) -> None:
    """Give `user` the demo profile, plan, training and check-ins."""
    from redwood.catalog import load_catalog
    from redwood.services.planning import DEFAULT_PROFILE, make_plan, start_training
    from redwood.services.training import TrainingError
    from redwood.services.training import today as today_view

    today = today or dt.date.today()
    catalog = catalog or load_catalog()
    rng = random.Random(20270104)
    monday = today - dt.timedelta(days=today.weekday())
    start = monday - dt.timedelta(weeks=WEEKS_DONE)
    profile_fields = {**{k: v for k, v in DEFAULT_PROFILE.items() if k != "weeks"},
                      "on": ["mon", "wed", "fri"]}
    plan = make_plan({**profile_fields, "weeks": PLAN_WEEKS, "start": start.isoformat()})
    start_training(store, user, plan, profile_fields)

    # A check-in every morning: body weight drifting down, sleep and energy that vary.
    weight = Decimal("82.4")
    checkins = []
    day = start
    while day <= today:
        weight = (weight + Decimal(rng.choice((-3, -2, -1, 0, 1, 2))) / 10).quantize(
            Decimal("0.1"))
        sore = {Region.LEGS: rng.choice((1, 2, 2, 3))} if day.weekday() in (1, 3, 5) else {}
        checkins.append(CheckIn(date=day, body_weight_kg=weight,
                                sleep_hours=Decimal(rng.choice((6, 6.5, 7, 7.5, 8, 8.5))),
                                energy=rng.choice((3, 3, 4, 4, 5)), soreness=sore))
        day += dt.timedelta(days=1)
    with store.unit_of_work(user.id) as uow:
        for c in checkins:
            uow.checkins.upsert(c)
        uow.commit()

    # Every planned session before today, done as the coach said.
    day = start
    while True:
        try:
            view = today_view(store, user, day, catalog)
        except TrainingError:
            break
        if view.date >= today:
            break
        sets: list[LoggedSet] = []
        for item in view.items:
            t = item.target
            weight_kg = t.weight_kg
            if weight_kg is not None and t.calibrate and t.decision.value == "start":
                weight_kg = _first_load(t.exercise_id, weight_kg)
            for w in item.warmup:
                sets.append(LoggedSet(t.exercise_id, w.weight_kg, w.reps_max,
                                      kind=SetKind.WARMUP))
            for n in range(t.sets):
                if t.seconds_min is not None:
                    seconds = t.seconds_max if n == 0 else rng.choice(
                        (t.seconds_min, t.seconds_max))
                    sets.append(LoggedSet(t.exercise_id, weight_kg, seconds=seconds,
                                          rest_s=t.rest_s))
                    continue
                top = t.reps_max or 8
                low = t.reps_min or top
                reps = top if n == 0 else rng.choice((low, top, top))
                missed = rng.random() < 0.04
                sets.append(LoggedSet(
                    t.exercise_id, weight_kg, max(1, reps - 2) if missed else reps,
                    rpe=Decimal(rng.choice((7, 7.5, 8, 8, 8.5, 9))), rest_s=t.rest_s,
                    kind=SetKind.FAILURE if missed else SetKind.WORKING,
                    completed=not missed))
        started = dt.datetime.combine(view.date, dt.time(18, rng.choice((0, 10, 20, 30))))
        minutes = int(view.session.data.get("estimated_minutes") or 45)
        workout = Workout(date=view.date, sets=tuple(sets), planned=view.session.ref,
                          started_at=started,
                          ended_at=started + dt.timedelta(minutes=minutes + rng.randint(0, 9)),
                          location="gym", energy=rng.choice((3, 4, 4, 5)), title=view.title)
        with store.unit_of_work(user.id) as uow:
            uow.workouts.add(workout)
            uow.commit()
        day = view.date + dt.timedelta(days=1)
