"""Properties of generated plans over the whole profile space (hypothesis).

Every plan passes the checker; time use, deloads, structure and reasons hold for every profile;
with a gym, three or more days and 60+ minutes, every main muscle reaches the bottom of its band
and every normal week has every pattern, unless its sessions fill their minutes and a note names
the pattern the time left out.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import planquality as q
import plans
from plans import PROFILE_SPACE, build_json, established
from redwood.catalog import load_catalog
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.check import check_plan
from redwood.planner.profile import make_profile
from redwood.planner.steps.context import _Context, _is_loaded
from redwood.rules import load_rules

# The planner tests' profile space, plus an area to protect.
profiles = st.tuples(
    PROFILE_SPACE,
    st.lists(st.sampled_from(["lower-back", "knees", "shoulders"]), max_size=1),
).map(lambda t: {**t[0], "protect": t[1]})
# A fixed draw (derandomize, no example database) so CI does not depend on luck: the rates over
# the whole space are measured in bench/plan_space.py (plans.WHOLE_SPACE_GAPS quotes them; the
# cases a random search found and the planner now meets are test_planner.WHOLE_SPACE_CASES); run
# with --hypothesis-seed=random while working on the planner.
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(profiles)
def test_every_plan_passes_check_and_the_coach_reading(options) -> None:
    data = build_json(**options)
    assert [v.line() for v in established(check_plan(data))] == [], f"{options}"
    assert q.all_problems(data) == [], f"{options}: {q.all_problems(data)}"


# From 60 minutes: three or four 45-minute sessions spend every minute and can leave one main
# muscle half a set to a set and a half below its floor, with a note that says so (glutes at
# 8.5-9.5 of 10-14 beside full sessions, every goal; the glutes count at half beside a squat
# or a hinge, rules.toml [muscle_volume.assists]); a sweep of goal x level x 3-6 days x 60, 90
# and 120 minutes x two seeds finds no main muscle below its floor.
@SETTINGS
@given(st.sampled_from([g.value for g in Goal]), st.sampled_from([lv.value for lv in Level]),
       st.integers(3, 6), st.integers(60, 120), st.integers(0, 1000))
def test_with_a_gym_and_the_time_every_pattern_and_muscle_floor_holds(
        goal, level, days, minutes, seed) -> None:
    data = build_json(goal=goal, level=level, days=days, minutes=minutes, seed=seed, weeks=6,
                      location="gym")
    main = load_rules().muscle_volume.main
    margin = load_rules().coach_checks.full_margin_minutes
    for week in q.normal_weeks(data):
        missing = set(q.WEEKLY_PATTERNS) - q.patterns(week)
        if missing:  # only where the budget is spent, and a note names what the time left out
            notes = " ".join([*data["notes"], *week.get("notes", [])]).lower()
            spent = all(s["estimated_minutes"] >= minutes - margin for s in week["sessions"])
            assert all(p.replace("-", " ") in notes for p in missing), (week["index"], missing)
            assert spent, (week["index"], missing)
        sets = q.muscles(data, week)
        short = {m: sets[m] for m in main if sets[m] < q.band(data, m)[0]}
        assert not short, (week["index"], short)


def _with_alternative(options: dict[str, Any], data: dict[str, Any]) -> set[str]:
    """Week 1's accessories the lifter could swap for another of their pattern and mechanic that
    week 1 does not hold (kit, level, exclusions and protected areas allow it; a loaded one for a
    loaded accessory in a plan for strength or size): where a block could rotate (bench/rotation.py
    counts the same)."""
    rules, catalog = load_rules(), load_catalog()
    profile, _ = make_profile(rules, known_ids=catalog.ids, **options)
    usable = _Context(profile, rules, catalog, rules.goal(profile.goal), 0).usable
    first = {i["exercise_id"]: i["role"] for _, _, i in q.items(data["weeks"][0])}
    found = set()
    for x, role in first.items():
        was = catalog[x]
        loaded = _is_loaded(was) and profile.goal is not Goal.ENDURANCE
        if role != "main" and any(
                ex.pattern is was.pattern and ex.mechanic is was.mechanic and ex.id not in first
                and (_is_loaded(ex) or not loaded) for ex in usable):
            found.add(x)
    return found


@SETTINGS
@given(profiles, st.integers(7, 14))
def test_block_2_rotates_accessories_where_an_alternative_exists(options, weeks) -> None:
    # Issue 10 item 6: accessories rotate by the rule's week with every kit. Block 2's first
    # week (week 5-7 by level) drops at least one of week 1's accessories that has another
    # exercise of its pattern to go to, whatever the kit: over 1,500 plans of bench/rotation.py
    # none kept every one (and 8-18% of such accessories were kept, by kit).
    options = {**options, "weeks": weeks}
    data = build_json(**options)
    rotatable = _with_alternative({**plans.DEFAULTS, **options}, data)
    if not rotatable:
        return
    block2 = load_rules().rotation.block_weeks[Level(options["level"])]
    later = {i["exercise_id"] for _, _, i in q.items(data["weeks"][block2])}
    assert rotatable - later, f"{options}: block 2 keeps {sorted(rotatable)}"


# Kits whose load is held in the hands or on the back, with a leg pattern left out, where a
# legs main slot falls back to the other pattern (issue 10 item 6).
_LEFT_OUT = st.fixed_dictionaries({
    "goal": st.sampled_from(["strength", "hypertrophy"]),
    "level": st.sampled_from([lv.value for lv in Level]),
    "days": st.integers(2, 6),
    "minutes": st.integers(15, 120),
    "location": st.sampled_from(["gym", "home", "outdoor"]),
    "equipment": st.sampled_from([["kettlebell"], ["kettlebell", "pull-up-bar"],
                                  ["kettlebell", "bench"], ["dumbbell"], ["dumbbell", "bench"],
                                  ["backpack", "bench"], ["barbell", "pull-up-bar"],
                                  ["machine", "sled"]]),
    "exclude": st.sampled_from([[], ["hinge"], ["squat"]]),
    "protect": st.sampled_from([[], ["lower-back"], ["knees"]]),
    "seed": st.integers(0, 10_000),
}).filter(lambda o: o["exclude"] or o["protect"])


@SETTINGS
@given(_LEFT_OUT)
def test_legs_main_lifts_load_what_the_kit_loads_heaviest_first(options) -> None:
    """A session's legs main lifts are loaded where the kit allows a loaded lift of their pattern
    the session does not hold (the audit: Kettlebell Goblet Squat + Bodyweight Squat, the
    kettlebell front squat unused), and a loaded main lift comes before a bodyweight one of its
    pattern (Single-Leg Hip Thrust ahead of Backpack Deadlift)."""
    rules, catalog = load_rules(), load_catalog()
    data = build_json(weeks=1, start="2027-01-04", **options)
    profile, _ = make_profile(rules, known_ids=catalog.ids, weeks=1, start="2027-01-04",
                              **options)
    usable = _Context(profile, rules, catalog, rules.goal(profile.goal), 0).usable
    for s in data["weeks"][0]["sessions"]:
        mains = [catalog[i["exercise_id"]] for b in s["blocks"] for i in b["items"]
                 if i["role"] == "main"]
        held = {ex.id for ex in mains}
        for at, ex in enumerate(mains):
            if _is_loaded(ex) or ex.region.value != "legs":
                continue
            assert not any(_is_loaded(x) and x.pattern is ex.pattern for x in mains[at + 1:]), (
                options, s["title"])
            if any(_is_loaded(x) and x.pattern is ex.pattern for x in mains):
                spare = [x.id for x in usable if x.pattern is ex.pattern and _is_loaded(x)
                         and x.mechanic is ex.mechanic and x.measure is ex.measure
                         and x.id not in held]
                assert not spare, (options, s["title"], spare)
