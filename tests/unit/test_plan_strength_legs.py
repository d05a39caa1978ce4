"""Issue 10 (items 1, 2, 5): strength plans whose leg days ended early with every main lift at
2 sets, because the glutes, a prime mover of every squat, lunge and hinge in the catalogue,
counted whole reached their band's top on the quadriceps' and hamstrings' work and every
further leg set was refused. A strength plan now counts them at half beside those muscles
(rules.toml [muscle_volume.assists.strength]; endurance and hypertrophy plans count them so
too).

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


# Before: the kettlebell week hinged on all three legs days (the deadlift, then an RDL on two
# days); with a leg curl the hamstrings' 14 sets held both RDLs at 2. The third legs day now
# squats on two legs in the hinge's place (hinge.heavy-days: two hinge days).
@pytest.mark.parametrize("name", PROFILES)
def test_a_strength_week_gives_its_main_lifts_three_sets(plans, name) -> None:
    for week in q.normal_weeks(plans[name]):
        thin = [(s["weekday"], i["exercise_id"], i["sets"]) for s, _, i in q.items(week)
                if i["role"] == "main" and i["sets"] < LEAST_MAIN_SETS]
        assert not thin, (week["index"], thin)


def test_the_kettlebell_week_hinges_on_two_days_and_squats_on_two_legs(plans) -> None:
    # What took the third hinge day's place: a two-leg squat as a main lift, whose reason
    # says why, while no day's single-leg lift says a two-leg squat cannot be loaded beside it.
    most = load_rules().progression.hinge_heavy_days
    for week in q.normal_weeks(plans["str int 5x45 home kb+bar"]):
        days = [s for s in week["sessions"]
                if any(i["pattern"] == "hinge" for b in s["blocks"] for i in b["items"])]
        assert len(days) <= most, (week["index"], [s["weekday"] for s in days])
        squats = [(s, i) for s, _, i in q.items(week) if i["role"] == "main"
                  and i["pattern"] == "squat" and not i["per_side"]]
        assert squats, week["index"]
        for s, i in squats:
            assert "third hinge day" in i["why"]
            others = [x["why"] for b in s["blocks"] for x in b["items"] if x is not i]
            assert not any("is your main squat, not" in w for w in others), s["weekday"]


@pytest.mark.parametrize("name", PROFILES)
def test_a_strength_week_holds_a_leg_curl_and_core_work(plans, name) -> None:
    for week in q.normal_weeks(plans[name]):
        held = q.patterns(week) | {i["region"] for _, _, i in q.items(week)}
        assert {"knee-flexion", "core"} <= held, (week["index"], sorted(held))
