"""Issue 10 (items 1, 2, 5): strength plans whose leg days ended early with every main lift at
2 sets, because the glutes, a prime mover of every squat, lunge and hinge in the catalogue,
counted whole reached their band's top on the quadriceps' and hamstrings' work and every
further leg set was refused. A strength plan now counts them at half beside those muscles
(rules.toml [muscle_volume.assists.strength]).

What the lifter notices, as a coach would write the plan: a session ends well short of its
minutes only when the muscles its lifts are for are at the top of their weekly band; main lifts
at 3 sets or more; a leg curl and core work every week."""

from __future__ import annotations

import pytest

import planquality as q
from plans import build_json
from redwood.domain.vocabulary import Goal, Muscle
from redwood.planner.volume import muscle_shares
from redwood.rules import load_rules

PROFILES = {
    "str int 5x45 home kb+bar": dict(goal="strength", level="intermediate", days=5, minutes=45,
                                     location="home", equipment=["kettlebell", "pull-up-bar"]),
    "str beg 3x60 gym": dict(goal="strength", level="beginner", days=3, minutes=60),
    "str adv 5x75 gym": dict(goal="strength", level="advanced", days=5, minutes=75),
}

# A coach's main strength lift: 3-5 working sets (acsm2009: multiple sets of heavy work).
LEAST_MAIN_SETS = 3


@pytest.fixture(scope="module")
def plans() -> dict[str, dict]:
    return {name: build_json(weeks=12, seed=0, **options) for name, options in PROFILES.items()}


@pytest.mark.parametrize("name", PROFILES)
def test_a_strength_session_ends_early_only_with_its_muscles_at_the_top(plans, name) -> None:
    # Before: leg days of 29-32 of 45 min (and 33 of 75) with the quadriceps and hamstrings
    # below the top of their band, the glutes (counted whole) the only muscle there.
    data = plans[name]
    budget = data["profile"]["minutes_per_session"]
    least = load_rules().dosing.min_time_use * budget
    mv = load_rules().muscle_volume
    for week in q.normal_weeks(data):
        sets = q.muscles(data, week)
        for s in week["sessions"]:
            if s["estimated_minutes"] >= least:
                continue
            # The muscles the session's main lifts are for: a whole share a set (a squat's
            # quadriceps, a hinge's hamstrings, a row's upper back).
            own = {m for b in s["blocks"] for i in b["items"] if i["role"] == "main"
                   for m, share in muscle_shares([Muscle(x) for x in i["primary_muscles"]],
                                                 [], mv, Goal.STRENGTH).items()
                   if share >= 1.0 and m in mv.main}
            room = {m: sets[m] for m in own if sets[m] < q.band(data, m)[1] - q.NEAR_TOP}
            assert own and not room, (week["index"], s["weekday"], s["estimated_minutes"], room)


@pytest.mark.parametrize("name", [
    # Not the glutes now: the kettlebell week's leg lifts fill the quadriceps' and hamstrings'
    # 14 sets first (12.5 and 13.5 in week 1: a two-leg squat accessory beside the split
    # squats, the RDL on two days beside the deadlift and a leg curl, each at 2 sets).
    pytest.param("str int 5x45 home kb+bar", marks=pytest.mark.xfail(strict=True, reason=(
        "the quadriceps' and hamstrings' bands hold the kettlebell week's RDLs at 2 sets"))),
    "str beg 3x60 gym",
    "str adv 5x75 gym",
])
def test_a_strength_week_gives_its_main_lifts_three_sets(plans, name) -> None:
    for week in q.normal_weeks(plans[name]):
        thin = [(s["weekday"], i["exercise_id"], i["sets"]) for s, _, i in q.items(week)
                if i["role"] == "main" and i["sets"] < LEAST_MAIN_SETS]
        assert not thin, (week["index"], thin)


@pytest.mark.parametrize("name", PROFILES)
def test_a_strength_week_holds_a_leg_curl_and_core_work(plans, name) -> None:
    for week in q.normal_weeks(plans[name]):
        held = q.patterns(week) | {i["region"] for _, _, i in q.items(week)}
        assert {"knee-flexion", "core"} <= held, (week["index"], sorted(held))
