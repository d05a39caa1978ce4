"""Issue 10's golden review set: ten profiles a strength coach read, as fixtures.

Each profile's plan (12 weeks, seed 0) must hold, in every normal week, the weekly hard sets per
muscle and the patterns its fixture lists; sessions use the time until the muscles reach their
band; deloads cut; main lifts come first, straight and not outnumbered; reasons state the item's
own sets, reps and rest. tests/fixtures/review-profiles.json holds the profiles and the floors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import planquality as q
from plans import beyond_known_gaps, build_json
from redwood.planner.check import check_plan

REVIEW = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "review-profiles.json").read_text("utf-8"))
PROFILES = {p["name"]: p for p in REVIEW["profiles"]}


@pytest.fixture(scope="module")
def plans() -> dict[str, dict[str, Any]]:
    return {name: build_json(**{**p["options"], "weeks": 12, "start": "2027-01-04"})
            for name, p in PROFILES.items()}


@pytest.mark.parametrize("name", PROFILES)
def test_every_normal_week_doses_each_muscle_and_holds_every_pattern(plans, name) -> None:
    data, expected = plans[name], PROFILES[name]
    for week in q.normal_weeks(data):
        sets = q.muscles(data, week)
        short = {m: sets[m] for m, least in expected["muscles"].items() if sets[m] < least}
        assert not short, f"week {week['index']}: {short} below {expected['muscles']}"
        missing = set(expected["patterns"]) - q.patterns(week)
        assert not missing, f"week {week['index']} lacks {sorted(missing)}"


@pytest.mark.parametrize("name", PROFILES)
def test_time_deloads_structure_and_reasons_hold(plans, name) -> None:
    data = plans[name]
    assert q.all_problems(data) == []
    assert [v.line() for v in beyond_known_gaps(check_plan(data))] == []


def test_core_and_calves_never_outnumber_the_legs(plans) -> None:
    for data in plans.values():
        for week in q.normal_weeks(data):
            sets = q.muscles(data, week)
            legs = max(sets["quadriceps"], sets["hamstrings"], sets["glutes"])
            assert sets["core"] <= legs and sets["calves"] <= legs


def test_missing_kit_is_said_not_hidden(plans) -> None:
    # Dumbbells and a bench have no vertical pull and (for a beginner) no leg curl: the plan
    # says so and what does the job instead.
    notes = " ".join(plans["hyp beg 3x40 home db+bench"]["notes"])
    assert "No vertical pull work this week" in notes
    assert "a pullover works the lats in its place, with rows" in notes


def test_protect_lower_back_says_what_it_removed_and_keeps_hamstring_work(plans) -> None:
    data = plans["str int 3x90 gym protect back"]
    assert any(n.startswith("--protect lower-back: no hinges") for n in data["notes"])
    for week in q.normal_weeks(data):
        ids = {i["exercise_id"] for _, _, i in q.items(week)}
        assert not ids & {"deadlift", "barbell-row", "back-squat", "good-morning"}
        assert "knee-flexion" in q.patterns(week)


def test_levels_differ_visibly() -> None:
    # 45 minutes: at 60 the week's one hip abduction ([dosing] weekly_slots) leaves no main
    # lift a set to give in the wave without a muscle leaving its band.
    base = dict(goal="hypertrophy", days=4, minutes=45, weeks=10, start="2027-01-04")
    beginner, intermediate, advanced = (build_json(level=lv, **base)
                                        for lv in ("beginner", "intermediate", "advanced"))

    def main_sets(data: dict, week: int) -> list[int]:
        return [i["sets"] for _, _, i in q.items(data["weeks"][week - 1])
                if i.get("role") == "main"]

    # Beginners: the same scheme every week (the coach adds load).
    assert main_sets(beginner, 1) == main_sets(beginner, 2) == main_sets(beginner, 5)
    assert not any("rpe" in i for _, _, i in q.items(beginner["weeks"][0]))
    # Intermediates: a wave, fewer main-lift sets early in the block than late.
    assert sum(main_sets(intermediate, 1)) < sum(main_sets(intermediate, 4))
    # Advanced: RPE targets on the main lifts, rising across the block.
    rpe = [max(i["rpe"] for _, _, i in q.items(advanced["weeks"][w]) if "rpe" in i)
           for w in (0, 1, 2)]
    assert rpe == sorted(rpe) and rpe[0] < rpe[2]


def test_an_advanced_lifts_heavy_day_has_as_many_sets_as_its_lighter_days(plans) -> None:
    # The review found back squat and deadlift at 2 x on the heavy Monday (33 of 75 min)
    # against 3 x on the lighter days: the cuts took the first day's sets again and again.
    data = plans["str adv 5x75 gym"]
    for week in q.normal_weeks(data):
        days: dict[str, list[tuple[float, int]]] = {}
        for *_, i in q.items(week):
            if i.get("role") == "main":
                days.setdefault(i["exercise_id"], []).append((i["rpe"], i["sets"]))
        for lift, found in days.items():
            heavy = max(found)  # the day with the highest RPE
            assert all(sets <= heavy[1] for _, sets in found), (week["index"], lift, found)


# Issue 10 items 5-6: the 6-day plan's Wednesday squat was 3 x 8-10 at RPE 6.5 beside RPE 7 on
# Monday and Friday, and the kettlebell plan's "light" Friday held 4 sets of split squats and
# weighted pull-ups against the heavy Monday's 3, though its note promised 1.5 RPE below.
LIGHT_DAY_PROFILES = {
    "hyp adv 6x90 gym": dict(goal="hypertrophy", level="advanced", days=6, minutes=90),
    "hyp adv 3x60 home kb+bar": dict(goal="hypertrophy", level="advanced", days=3, minutes=60,
                                     location="home", equipment=["kettlebell", "pull-up-bar"]),
}


@pytest.mark.parametrize("name", LIGHT_DAY_PROFILES)
def test_an_advanced_lifts_lighter_day_is_lighter(name) -> None:
    data = build_json(**LIGHT_DAY_PROFILES[name], weeks=12, seed=0)
    drop = 1.5  # [progression] light_day_rpe_drop, as the note states it
    paired = 0
    for week in q.normal_weeks(data):
        days: dict[str, list[tuple[float, int, int]]] = {}
        for *_, i in q.items(week):
            if i.get("role") == "main" and "rpe" in i:
                days.setdefault(i["exercise_id"], []).append(
                    (i["rpe"], i["sets"], i["reps_max"]))
        for lift, found in days.items():
            heavy = max(found)
            for day in found:
                if day[0] < heavy[0]:
                    paired += 1
                    # The same reps or fewer, no more sets, the whole RPE drop lower.
                    assert day[0] <= heavy[0] - drop, (week["index"], lift, found)
                    assert day[1] <= min(s for r, s, _ in found if r > day[0]), (lift, found)
                    assert day[2] <= heavy[2], (week["index"], lift, found)
                    assert day[0] >= 6.5, (week["index"], lift, found)  # still a hard set
    assert paired, "no lift with a lighter day"
    note = next(n for n in data["notes"] if n.startswith("Progression"))
    assert f"{drop:g} RPE below (RPE 6.5 to 7.5)" in note
    assert "heavy days rise from RPE 8 to 9" in note


@pytest.mark.parametrize("name", PROFILES)
def test_a_session_holds_one_accessory_of_a_pattern(plans, name) -> None:
    for week in plans[name]["weeks"]:
        for s in week["sessions"]:
            accessories = [i["pattern"] for b in s["blocks"] for i in b["items"]
                           if i.get("role") != "main"]
            assert len(accessories) == len(set(accessories)), (week["index"], accessories)


# Issue 10 item 8: lunges and split squats after the main lifts rested 45 s in hypertrophy plans
# ("rest for a secondary compound", citing nothing; the guide's 45 s for split squats) while
# the main lifts cited at least 2 min for multi-joint lifts.
@pytest.mark.parametrize("options", [
    dict(level="advanced", days=2, minutes=90),
    dict(level="intermediate", days=4, minutes=45, location="home",
         equipment=["resistance-band"]),
    dict(level="intermediate", days=4, minutes=45, location="home", equipment=["dumbbell"]),
])
def test_a_hypertrophy_multi_joint_lift_after_the_main_ones_rests_a_minute(options) -> None:
    data = build_json(goal="hypertrophy", weeks=12, seed=0, **options)
    seen = 0
    for week in q.normal_weeks(data):
        for _, block, i in q.items(week):
            if block["kind"] == "superset" and i["mechanic"] == "compound":
                # Paired, its muscles wait both rests and the partner's set: the reason says
                # how long that is, more than the round's rest on the clock.
                found = re.search(r"Its own sets come about (\d+) s apart", i["why"])
                assert found and int(found[1]) > sum(x["rest_s"] for x in block["items"]), i["why"]
            if block["kind"] != "single" or i["mechanic"] != "compound" or i["role"] == "main":
                continue
            seen += 1
            assert i["rest_s"] >= 60, (week["index"], i["exercise_id"], i["rest_s"])
            assert "ACSM position stand" in i["why"], i["why"]
    assert seen or options["days"] == 2  # the 2-day plan pairs them in supersets
