"""Issue 10 item 5, heavy spinal loading spaced: the advanced strength 5 x 75 gym plan
deadlifted heavy on Monday and did Pendlay rows on Tuesday, a bent-over position that holds the
lower back against the bar the day after a heavy hinge. Bent-over rows ([schedule] spinal_rows)
now count as lower-back work for the guide's 48 h: a session that close to a heavy hinge gets a
supported row, and its reason says why. bench/isolation_spacing.py counts it over random gym
plans (62 -> 4 of 300, seed 1)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import build_json, established
from redwood.planner.check import check_plan
from redwood.rules import load_rules

RULES = load_rules()
SPINAL = set(RULES.schedule.spinal_rows)
HOURS = RULES.schedule.min_hours_between_hard
HEAVY = RULES.coach_checks.heavy_hinge_reps
SPINE = set(RULES.protect["lower-back"].exercises)  # the hinges that load the spine


def _items(s: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for b in s["blocks"] for i in b["items"]]


def _heavy_hinge(s: dict[str, Any]) -> bool:
    return any(i["pattern"] == "hinge" and i["mechanic"] == "compound"
               and i.get("reps_max") is not None and i["reps_max"] <= HEAVY
               and i["exercise_id"] in SPINE for i in _items(s))


def spinal_pairs(week: dict[str, Any]) -> list[tuple[str, str]]:
    """(date, row) for a bent-over row less than 48 h from a heavy spinal hinge (a deadlift,
    an RDL; not a hip thrust) in the week (across its end too: the week repeats)."""
    found = []
    sessions = week["sessions"]
    for a in sessions:
        for b in sessions:
            gap = abs((dt.date.fromisoformat(b["date"]) - dt.date.fromisoformat(a["date"])).days)
            if a is b or min(gap % 7, 7 - gap % 7) * 24 >= HOURS or not _heavy_hinge(a):
                continue
            found += [(b["date"], i["exercise_id"]) for i in _items(b)
                      if i["exercise_id"] in SPINAL]
    return found


def test_the_day_after_heavy_deadlifts_rows_are_supported() -> None:
    data = build_json(goal="strength", level="advanced", days=5, minutes=75, seed=0, weeks=12,
                      start="2027-01-04")
    for week in data["weeks"]:
        assert not spinal_pairs(week), (week["index"], spinal_pairs(week))
    tuesday = data["weeks"][0]["sessions"][1]
    rows = [i for i in _items(tuesday) if i["role"] == "main" and i["pattern"] == "horizontal-pull"]
    assert rows and rows[0]["exercise_id"] not in SPINAL
    assert "rather than Pendlay Row: Monday's heavy Deadlift the day before" in rows[0]["why"]
    # Saturday's rows, after Friday's lighter RDLs, stay bent over: the main lift is kept.
    assert any(i["exercise_id"] == "pendlay-row" for i in _items(data["weeks"][0]["sessions"][4]))
    assert not check_plan(data), [v.line() for v in check_plan(data)]


GYM = st.fixed_dictionaries({
    "goal": st.sampled_from(["strength", "hypertrophy", "endurance"]),
    "level": st.sampled_from(["beginner", "intermediate", "advanced"]),
    "days": st.integers(4, 6),
    "minutes": st.sampled_from([30, 45, 60, 75, 90]),
    "supersets": st.booleans(),
    "seed": st.integers(0, 10_000),
})


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(GYM)
def test_a_gym_week_rows_supported_beside_a_heavy_hinge(options: dict[str, Any]) -> None:
    """In the gym a supported row is always there: block 1's week never holds a bent-over row
    within 48 h of a heavy hinge, and the plan keeps every rule."""
    data = build_json(weeks=2, location="gym", **options)
    assert not spinal_pairs(data["weeks"][0]), spinal_pairs(data["weeks"][0])
    assert not established(check_plan(data)), [v.line() for v in check_plan(data)]


# Issue 10 items 5, 7 and 9: the swap's reason is true for the whole session. An advanced
# 5-day gym plan with a barbell (plan_space seed 1, profile 1143) did Pendlay and barbell rows
# the day after heavy deadlifts: the Pendlay row gave way to a doorframe row "a supported row
# spares it" while the barbell row stayed bent over. Swapping both takes the core above its
# band (the inverted and doorframe rows brace it), so the barbell row stays and the reason says
# so. bench/plan_truths.py counts it (row-spared-kept: 17 sessions in 3 plans -> 0, seed 1).
TWO_ROWS = dict(goal="strength", level="advanced", days=5, minutes=91, weeks=1,
                location="gym", equipment=["sled", "medicine-ball", "stairs", "box", "barbell"],
                supersets=True, seed=1170)


def _spared_beside_a_bent_over_row(week: dict[str, Any]) -> list[str]:
    """Sessions where a reason says "a supported row spares" the back while the session keeps
    a bent-over row, or names rows that stay bent over other than the ones it keeps."""
    out = []
    for s in week["sessions"]:
        its = _items(s)
        kept = sorted(i["name"] for i in its if i["exercise_id"] in SPINAL)
        for i in its:
            if "a supported row spares it" in i["why"] and kept:
                out.append(f"{s['date']} {i['name']} spares, keeps {kept}")
            named = re.search(r"takes part of that load off; (.+?) stays? bent over", i["why"])
            if named and sorted(re.split(r", | and ", named.group(1))) != kept:
                out.append(f"{s['date']} {i['name']} names {named.group(1)}, keeps {kept}")
    return out


def test_a_supported_row_beside_a_kept_barbell_row_says_it_spares_only_part() -> None:
    data = build_json(**TWO_ROWS)
    week = data["weeks"][0]
    assert not _spared_beside_a_bent_over_row(week), _spared_beside_a_bent_over_row(week)
    tuesday = week["sessions"][1]
    (row,) = [i for i in _items(tuesday) if "rather than Pendlay Row" in i["why"]]
    assert "Barbell Row stays bent over (no supported row in its place too keeps" in row["why"]
    assert "spares it" not in row["why"]
    assert not established(check_plan(data)), [v.line() for v in check_plan(data)]


KITS = st.sampled_from([["barbell"], ["barbell", "bench"], ["barbell", "dumbbell"],
                        ["barbell", "sled", "box"], ["barbell", "pull-up-bar", "cable"],
                        ["dumbbell", "kettlebell"], []])


@settings(max_examples=20, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(GYM, KITS)
def test_no_row_claims_to_spare_a_back_its_session_still_loads(options: dict[str, Any],
                                                               kit: list[str]) -> None:
    """Whatever the kit, a session that keeps a bent-over row never says a supported row spares
    the lower back, and one that keeps some names them."""
    data = build_json(weeks=5, location="home" if kit else "gym", equipment=kit, **options)
    for week in data["weeks"]:
        assert not _spared_beside_a_bent_over_row(week), _spared_beside_a_bent_over_row(week)


def test_the_weeks_end_spares_a_row_before_next_weeks_deadlift() -> None:
    """A one-week plan (hypothesis found it: strength, intermediate, 4 x 15 min, a barbell
    only) rows with an inverted row on Monday, the day before the Tuesday deadlift its week
    repeats: the planner spaces the week across its end, and `check` now does too. Before,
    check read only the calendar, found no Tuesday after the plan's last Monday and called the
    unloaded row a lost load (substitution.loaded)."""
    data = build_json(goal="strength", level="intermediate", days=4, minutes=15, weeks=1,
                      start="2000-02-01", location="gym", equipment=["barbell"],
                      supersets=False, seed=0)
    monday = next(s for s in data["weeks"][0]["sessions"] if s["weekday"] == "mon")
    tuesday = next(s for s in data["weeks"][0]["sessions"] if s["weekday"] == "tue")
    assert "inverted-row" in [i["exercise_id"] for i in _items(monday)]
    assert _heavy_hinge(tuesday)
    assert [v.line() for v in established(check_plan(data))] == []


# plan_space.py's profile (seed 8): four 36-minute days at home, strength, with a barbell, a
# bench, a kettlebell and a band. Tuesday's Pendlay and barbell rows the day after Monday's
# deadlifts gave way to a band seated row and an inverted row: the single-arm kettlebell and
# band rows did not fit the minutes, and the bodyweight row took the load away while they sat
# unused (substitution.loaded). The barbell row now stays, and its reason says why.
LOADED_ROWS_AT_HOME = dict(goal="strength", level="advanced", days=4, minutes=36, weeks=3,
                           location="home", start="2027-01-04",
                           equipment=["barbell", "bench", "kettlebell", "resistance-band"],
                           exclude=["vertical-pull"], protect=["knees"], seed=7790)


def test_a_loaded_row_gives_way_only_to_a_loaded_one_while_one_is_unused() -> None:
    data = build_json(**LOADED_ROWS_AT_HOME)
    assert [v.line() for v in check_plan(data)] == []
    tuesday = data["weeks"][0]["sessions"][1]
    ids = [i["exercise_id"] for i in _items(tuesday)]
    assert "inverted-row" not in ids and "barbell-row" in ids, ids
    (swapped,) = [i for i in _items(tuesday) if "rather than Pendlay Row" in i["why"]]
    assert "Barbell Row stays bent over (no loaded supported row in its place" in swapped["why"]
