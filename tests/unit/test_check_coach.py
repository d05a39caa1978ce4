"""The checks a coach makes (planner/coachcheck.py), beyond "breaking it is reported".

The first part reuses test_check.py's hand-built, coach-approved plans and shows what excuses a
rule and what does not: notes naming a short muscle or a pattern the equipment cannot give,
excluded and protected patterns, item roles, true reasons. Hypothesis then breaks the plans at
random places. The last part mutates plans the real generator wrote: whatever the generator
gets wrong today, each mutation adds violations of exactly the rule it breaks.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_check import (
    GYM,
    check,
    edit,
    first,
    items_of,
    m_no_knee_flexion,
    m_no_vertical_pull,
    make_plan,
    rules_of,
    sessions_of,
    swap,
)

from plans import build_json
from redwood.catalog import load_catalog
from redwood.domain.vocabulary import Goal, Level, Muscle
from redwood.io.planfile import PlanFileError, validate_plan_data
from redwood.planner.check import Violation, check_plan
from redwood.planner.checkview import plan_view
from redwood.planner.coachcheck import _model_minutes, _set_seconds
from redwood.planner.volume import json_week_muscle_sets, muscle_shares
from redwood.rules import MuscleBands, load_rules

Json = dict[str, Any]
RULES = load_rules()


def found(plan: Json, rule: str, **kwargs: Any) -> list[Violation]:
    return [v for v in check(plan, **kwargs) if v.rule == rule]


# ---------------------------------------------------------------------------------------------
# Notes, exclusions and protected areas excuse what they should, and nothing more


def test_a_note_naming_a_short_muscle_excuses_it() -> None:
    plan = make_plan(1)
    s = first(plan)  # Monday's calf raise gives its time to the plank: calves 3 of the band's 6
    s["blocks"] = [b for b in s["blocks"] if b["items"][0]["exercise_id"] != "calf-raise"]
    edit(plan, "plank", session=0, sets=4)
    (short,) = found(plan, "volume.muscle-bands")
    assert "calves gets 3 hard sets" in short.message and "6-10" in short.message
    plan["notes"] = ["Week 1 hard sets per muscle: calves 3 (6-10), core 6 (4-8)."]
    assert found(plan, "volume.muscle-bands") == [short]  # a tally names calves, not as short
    plan["notes"].append("Short of the band with this much time: calves by 3 sets.")
    # The note alone does not excuse it while the week had time and kit for more calf work.
    (still,) = found(plan, "volume.muscle-bands")
    assert "time for more" in still.message
    spend(plan)  # every session within full_margin_minutes of the budget: the time is spent
    assert check(plan) == []


def test_a_short_muscle_whose_lifts_fill_their_sessions_has_no_time_for_more() -> None:
    """volume.muscle-bands: a lift gives the week no set where one more of it would take its
    session past the profile's minutes by the time model, though another session ends early."""
    plan = make_plan(1)
    s = first(plan)  # Monday without its calf raise: calves 3 of 6-10
    s["blocks"] = [b for b in s["blocks"] if b["items"][0]["exercise_id"] != "calf-raise"]
    plan["notes"] = ["Short of the band with this much time: calves by 3 sets."]
    view = plan_view(plan, load_rules(), load_catalog())
    monday, *calves = view.week_sessions(1)
    raises = [i for x in calves for i in items_of(x.data) if i["exercise_id"] == "calf-raise"]
    one_more = max(_set_seconds(i, view) + i["rest_s"] for i in raises)  # a set and its rest
    full = max(_model_minutes(view, x) for x in calves)
    roomy = max(_model_minutes(view, x, one_more) for x in calves)
    # At a budget of `full` minutes no calf raise's session has room for one more set, while
    # Monday still ends well early; at `roomy` each has.
    assert min(_model_minutes(view, x, one_more) for x in calves) > full
    assert _model_minutes(view, monday) < full - 5
    for x in view.week_sessions(1):
        x.data["estimated_minutes"] = _model_minutes(view, x)
    plan["profile"]["minutes_per_session"] = roomy
    (still,) = found(plan, "volume.muscle-bands")
    assert "time for more" in still.message
    plan["profile"]["minutes_per_session"] = full
    assert found(plan, "volume.muscle-bands") == []


def spend(plan: Json, week: int = 1) -> None:
    """Every session of the week estimated at the profile's minutes (the budget is spent)."""
    for session in plan["weeks"][week - 1]["sessions"]:
        session["estimated_minutes"] = plan["profile"]["minutes_per_session"]


# A six-day plan with no kit whose main lifts (every one a place another rule requires, at its
# fewest sets) still take the core past its band: assisted pistols and single-leg deadlifts,
# whose core work counts half, beside table inverted rows and the week's core exercise
# (pattern.weekly). Excused, named. (With dumbbells alone the chair-supported dumbbell row, no
# core work, took the table inverted row's place, and the core sits inside its band.)
CROWDED_BODYWEIGHT = dict(goal="strength", level="intermediate", days=6, minutes=75,
                          location="home", equipment=[])


def test_a_muscle_above_its_band_is_excused_only_at_the_rules_floors() -> None:
    plan = build_json(**CROWDED_BODYWEIGHT)
    assert [v.line() for v in check_plan(plan)] == []
    assert any("above the band" in n.lower() for n in plan["notes"])
    raised = copy.deepcopy(plan)
    # The week's only core exercise (pattern.weekly asks for it, at [dosing] min_sets) a set up.
    (bug,) = [(s, i) for s in raised["weeks"][0]["sessions"] for i in items_of(s)
              if i["pattern"] == "core"]
    bug[1]["sets"] += 1
    bug[1]["why"] = bug[1]["why"].replace("2 x", "3 x")
    over = [v for v in check_plan(raised) if v.rule == "volume.muscle-bands"]
    # 4 over: far enough that the stricter reading names the raised item
    assert over and (f"{bug[1]['exercise_id']} ({bug[0]['date']}) has 3 sets where the rules "
                     "require 2") in over[0].message
    silent = copy.deepcopy(plan)
    silent["notes"] = [n for n in plan["notes"] if "above the band" not in n.lower()]
    assert any("no note names" in v.message for v in check_plan(silent)
               if v.rule == "volume.muscle-bands")


def _extra_block(plan: Json, exercise_id: str, sets: int) -> None:
    """Week 1's first session gets one more straight-set item: a copy of the plan's
    `exercise_id` with `sets` sets (its reason restated), as a hand edit would add it."""
    it = next(i for s in sessions_of(plan) for i in items_of(s) if i["exercise_id"] == exercise_id)
    s = plan["weeks"][0]["sessions"][0]
    extra = copy.deepcopy(it)
    extra.update(sets=sets, role="accessory", rest_s=60,
                 why=f"{sets} x {it['reps_min']}-{it['reps_max']} reps. Rest 60 s.")
    s["blocks"].append({"kind": "single", "items": [extra]})


def test_far_above_the_band_only_the_places_other_rules_require_may_put_a_muscle() -> None:
    plan = build_json(**CROWDED_BODYWEIGHT)
    sets = _bands_of(plan)
    assert sets["core"][0] >= sets["core"][1] + 2  # far above, yet excused
    assert found(plan, "volume.muscle-bands") == []
    # An assisted pistol squat more: core only as a secondary muscle (the old prime-mover
    # floors do not see it), at the fewest sets an accessory may have; no rule asks for it.
    _extra_block(plan, "assisted-pistol-squat", 2)
    (far,) = [v for v in found(plan, "volume.muscle-bands") if "core" in v.message]
    day = plan["weeks"][0]["sessions"][0]["date"]
    assert far.week == 1 and (f"assisted-pistol-squat ({day}) adds to it and no other rule"
                              in far.message)


def test_a_required_place_with_more_than_its_fewest_sets_is_caught_far_above_the_band() -> None:
    plan = build_json(**CROWDED_BODYWEIGHT)
    blocks = plan["weeks"][0]["sessions"][0]["blocks"]  # a legs day: assisted pistols first
    squat = blocks[0]["items"][0]  # core as a secondary muscle, core far above its band
    assert squat["exercise_id"] == "assisted-pistol-squat" and squat["sets"] == 2
    # A main lift's fewest is the goal's compound_sets (strength: 4): a fifth set is one more
    # than any rule requires.
    need = RULES.goals[Goal.STRENGTH].compound_sets
    squat["sets"] = need + 1
    squat["why"] = squat["why"].replace("2 x", f"{squat['sets']} x")
    msgs = [v.message for v in found(plan, "volume.muscle-bands")]
    day = plan["weeks"][0]["sessions"][0]["date"]
    assert any(f"{squat['exercise_id']} ({day}) has {need + 1} sets where the rules require "
               f"{need}" in m for m in msgs), msgs


def _no_knee_flexion_floor(rules: Any) -> Any:
    return dataclasses.replace(rules, muscle_volume=dataclasses.replace(
        rules.muscle_volume, knee_flexion={}))


def test_a_muscle_just_over_its_band_is_judged_by_the_note_and_floors_only() -> None:
    plan = make_plan(1)
    swap(first(plan), "calf-raise", "hamstring-curl")  # hamstrings 20 of 10-18: 2 over
    # Without a knee-flexion floor every curl set counts towards above_band_sets.
    rules = _no_knee_flexion_floor(load_rules())
    close = dataclasses.replace(rules, coach_checks=dataclasses.replace(
        rules.coach_checks, above_band_sets=3))
    plan["notes"] = ["Above the band: hamstrings by 2 sets."]
    strict = [v.message for v in check(plan, rules=rules) if v.rule == "volume.muscle-bands"]
    lenient = [v.message for v in check(plan, rules=close) if v.rule == "volume.muscle-bands"]
    assert any("more than the places other rules require" in m for m in strict), strict
    assert not any("more than the places other rules require" in m for m in lenient), lenient


def test_the_curls_up_to_their_floor_do_not_count_towards_the_far_margin() -> None:
    # Hamstrings 20 of 10-18 with six curl sets a week: the three the knee-flexion floor asks
    # for (hypertrophy, intermediate) are a floor of their own (maeo2021), so the hamstrings
    # are 17 of 10-18 besides them: above the band by a note, not far above it. Three more
    # deadlift sets (hamstrings 23, 20 besides the floor's curls) are far above.
    plan = make_plan(1)
    swap(first(plan), "calf-raise", "hamstring-curl")
    plan["notes"] = ["Above the band: hamstrings by 2 sets."]
    hamstrings = [v.message for v in check(plan)
                  if v.rule == "volume.muscle-bands" and v.message.startswith("hamstrings")]
    assert not hamstrings, hamstrings  # (the calves the swap took are short, unnoted)
    pull = next(i for i in items_of(first(plan, 1)) if i["exercise_id"] == "deadlift")
    pull["sets"] += 3
    pull["why"] = pull["why"].replace(f"{pull['sets'] - 3} x", f"{pull['sets']} x")
    far = [v.message for v in check(plan) if v.rule == "volume.muscle-bands"]
    assert any("more than the places other rules require" in m for m in far), far


def _bands_of(plan: Json) -> dict[str, tuple[float, int]]:
    rules = load_rules()
    goal, level = Goal(plan["profile"]["goal"]), Level(plan["profile"]["level"])
    sets = json_week_muscle_sets(plan["weeks"][0], rules.muscle_volume, goal)
    return {m: (sets[m], rules.muscle_volume.band(goal, level, m)[1])
            for m in rules.muscle_volume.tracked}


@pytest.mark.parametrize(("note", "excused"), [
    ("Short of the band: calves by 3 sets.", True),
    ("CALVES fall 3 sets short.", True),
    ("Calves: 3 sets (6-10).", False),  # a tally, not a shortfall
    ("Calf raises fall short of the band.", False),  # names the exercise, not the muscle
    ("Shortcalves: 3 sets.", False),
])
def test_a_shortfall_note_names_the_muscle_as_a_word(note: str, excused: bool) -> None:
    plan = make_plan(1)
    swap(first(plan), "calf-raise", "plank")
    plan["notes"] = [note]
    spend(plan)
    assert (found(plan, "volume.muscle-bands") == []) is excused


def test_a_note_does_not_excuse_a_muscle_above_its_band() -> None:
    plan = make_plan(1)
    swap(first(plan), "calf-raise", "hamstring-curl")  # hamstrings 20 of 10-18
    plan["notes"] = ["Hamstrings and calves fall short: see the band."]
    spend(plan)  # calves are excused (short, and no time left); hamstrings above are not
    assert [v.message.split(";")[0] for v in check(plan)] == [
        "hamstrings gets 20 hard sets this week"]


def test_deload_weeks_are_judged_by_deload_rules_only() -> None:
    plan = make_plan(5)  # week 5 halves everything: below every band, sessions of 33-35 min
    week5 = [v for v in check(plan) if v.week == 5]
    assert week5 == []


def _rules_with(top: int, ceiling: int) -> Any:
    """Rules whose intermediate hypertrophy main band tops out at `top` sets a week, and whose
    regions hold at most `ceiling` hard sets."""
    rules = load_rules()
    mv = rules.muscle_volume
    band = {"main": (8, top), "calves": (2, 6), "core": (2, 4)}
    bands = dict(mv.bands)
    bands[Goal.HYPERTROPHY] = MuscleBands("bazvalle2022", band, band, band)
    return dataclasses.replace(rules, muscle_volume=dataclasses.replace(mv, bands=bands),
                               volume=dataclasses.replace(rules.volume, max_sets=ceiling))


EARLY = "Sessions take about 50 of 90 min: more would not add muscle at your level."


def test_sessions_may_end_early_once_every_main_muscle_tops_its_band_and_a_note_says_so() -> None:
    plan = make_plan(1)  # quadriceps 13, upper back 14, glutes 10.5, the rest 15-17 sets
    plan["profile"]["minutes_per_session"] = 90  # 50 of 90 min
    topped = _rules_with(top=13, ceiling=40)
    unexplained = found(plan, "time.use", rules=topped)
    assert len(unexplained) == 3
    assert "no note says the session ends early (naming the 90 min)" in unexplained[0].message
    plan["notes"] = [EARLY]
    assert found(plan, "time.use", rules=topped) == []
    room = found(plan, "time.use")  # the real band (10-18) leaves room in every main muscle
    assert len(room) == 3
    assert "while quadriceps, hamstrings, glutes, lats, upper-back can take more" in (
        room[0].message)


def test_a_region_at_its_ceiling_has_no_room_left() -> None:
    plan = make_plan(1)  # legs 30 hard sets, back fewer: every muscle below a top of 18
    plan["profile"]["minutes_per_session"] = 90
    plan["notes"] = [EARLY]
    assert "while quadriceps, hamstrings, glutes, lats, upper-back can take more" in found(
        plan, "time.use", rules=_rules_with(top=18, ceiling=40))[0].message
    assert "while lats, upper-back can take more" in found(
        plan, "time.use", rules=_rules_with(top=18, ceiling=30))[0].message


def test_a_muscle_whose_exercises_would_overdose_another_has_no_room_left() -> None:
    # Quadriceps 13 below a top of 14, but its squats also train the hamstrings (17) and its
    # lunges share a superset with rows (lats 15): a set more of either takes those above 14.
    plan = make_plan(1)
    plan["profile"]["minutes_per_session"] = 90
    plan["notes"] = [EARLY]
    assert found(plan, "time.use", rules=_rules_with(top=14, ceiling=40)) == []
    plan["notes"] = []
    assert "no note says the session ends early" in found(
        plan, "time.use", rules=_rules_with(top=14, ceiling=40))[0].message


def test_lifts_at_the_dosing_caps_leave_no_room() -> None:
    # Main lifts at 4 sets, supersets at 3 rounds, accessories at 3 sets: with [dosing] and
    # [supersets] capping them there, no muscle can take another set, so the session may end
    # early; one more main-lift set allowed (main_max_sets 5) and the muscles have room again.
    plan = make_plan(1)
    plan["profile"]["minutes_per_session"] = 90
    plan["notes"] = [EARLY]
    rules = _rules_with(top=18, ceiling=40)

    def capped(main_most: int) -> Any:
        dosing = dataclasses.replace(rules.dosing, max_accessory_sets=3, max_compound_sets=3,
                                     main_max_sets=dict.fromkeys(rules.dosing.main_max_sets,
                                                                 main_most))
        supersets = dataclasses.replace(rules.supersets, rounds=(3, 3))
        return dataclasses.replace(rules, dosing=dosing, supersets=supersets)

    # Capped, the week's lifts cannot grow; what time.use still finds is a new exercise from
    # the catalogue that would fit (issue 10 item 1), never the week's own lifts.
    assert all("would fit" in v.message for v in found(plan, "time.use", rules=capped(4)))
    assert "can take more sets" in found(plan, "time.use", rules=capped(5))[0].message


def test_the_sessions_own_reason_may_say_it_ends_early() -> None:
    plan = make_plan(1)
    plan["profile"]["minutes_per_session"] = 90
    first(plan)["why"] = "50 of 90 min: every muscle is at the top of its band."
    assert [v.date for v in found(plan, "time.use", rules=_rules_with(top=13, ceiling=40))] == [
        first(plan, 1)["date"], first(plan, 2)["date"]]


@pytest.mark.parametrize("minutes", [66, 67, 90, 120])
def test_time_use_is_measured_against_the_profile_minutes(minutes: int) -> None:
    plan = make_plan(1)  # sessions of 50, 52 and 51 min by the time model, 50 claimed
    plan["profile"]["minutes_per_session"] = minutes
    short = [v.date for v in found(plan, "time.use")]
    every = [s["date"] for s in sessions_of(plan)]
    assert short == (every if 0.75 * minutes > 50 else [])


def test_a_missing_pattern_is_excused_only_when_the_equipment_allows_none_and_a_note_says_so(
) -> None:
    plan = make_plan(1)
    m_no_vertical_pull(plan)
    (gap,) = found(plan, "pattern.weekly")
    assert "no vertical pull exercise" in gap.message and "lat-pulldown" in gap.message
    plan["notes"] = ["No vertical pull: rows do that job."]
    assert found(plan, "pattern.weekly") != []  # a cable is at hand: the note is not true
    plan["profile"]["equipment"] = [e for e in GYM if e not in ("cable", "pull-up-bar")]
    for s in sessions_of(plan):
        swap(s, "face-pull", "rear-delt-raise")
    assert check(plan) == []
    plan["notes"] = []
    (gap,) = found(plan, "pattern.weekly")
    assert "no note says why" in gap.message


def _without_hinges(plan: Json) -> None:
    for s in sessions_of(plan):
        swap(s, "deadlift", "back-squat")
        swap(s, "romanian-deadlift", "bulgarian-split-squat")


@pytest.mark.parametrize(("field", "value", "also"), [
    ("exclude", ["hinge"], set()),
    # --protect lower-back keeps hip thrusts and glute bridges (hinges that spare the spine),
    # so a week without any hinge still misses one.
    ("protect", ["lower-back"], {"protect.respected", "pattern.weekly"}),
])
def test_excluded_and_protected_patterns_are_not_required(
    field: str, value: list[str], also: set[str]
) -> None:
    plan = make_plan(1)
    _without_hinges(plan)
    assert "no hinge exercise" in found(plan, "pattern.weekly")[0].message
    plan["profile"][field] = value
    assert rules_of(check(plan)) & ({"pattern.weekly"} | also) == also


def test_protecting_the_lower_back_names_each_removed_exercise() -> None:
    plan = make_plan(1)
    plan["profile"]["protect"] = ["lower-back"]
    removed = Counter(v.exercise_id for v in found(plan, "protect.respected"))
    assert removed == {"back-squat": 2, "romanian-deadlift": 2, "deadlift": 1,  # hinge, loaded
                       "dumbbell-row": 1, "rear-delt-raise": 1}  # bent over
    plan["profile"]["protect"] = ["knees"]
    assert {v.exercise_id for v in found(plan, "protect.respected")} == {
        "bulgarian-split-squat", "back-squat"}  # a deep loaded squat


# What --protect's own note says it removes ("pull-ups, chin-ups, pullovers", "pistols, sissy
# squats", "bent-over rows and raises"), in every variant the catalogue holds: a hand edit that
# puts one back is caught, and the planner never picks one.
@pytest.mark.parametrize(("area", "pattern", "new"), [
    ("knees", "squat", "sissy-squat"),
    ("knees", "squat", "jump-squat"),
    ("shoulders", "vertical-pull", "weighted-pull-up"),
    ("shoulders", "vertical-pull", "foot-assisted-pull-up"),
    ("shoulders", "vertical-pull", "negative-chin-up"),
    ("shoulders", "rear-delt", "dumbbell-floor-pullover"),
    ("shoulders", "rear-delt", "kettlebell-pullover"),
    ("lower-back", "horizontal-pull", "single-arm-kettlebell-row"),
    ("lower-back", "rear-delt", "single-arm-kettlebell-reverse-fly"),
])
def test_every_variant_a_protected_area_names_is_caught(area: str, pattern: str,
                                                        new: str) -> None:
    from redwood.catalog import load_catalog

    catalog = load_catalog()
    plan = build_json(goal="hypertrophy", level="intermediate", days=4, minutes=60, weeks=1)
    plan["profile"]["protect"] = [area]
    before = {v.exercise_id for v in check_plan(plan) if v.rule == "protect.respected"}
    ex = catalog[new]
    it = next(i for s in sessions_of(plan) for i in items_of(s) if i["pattern"] == pattern)
    it.update(exercise_id=new, name=ex.name, pattern=ex.pattern.value,
              mechanic=ex.mechanic.value, equipment=[e.value for e in ex.equipment],
              primary_muscles=[m.value for m in ex.primary_muscles],
              secondary_muscles=[m.value for m in ex.secondary_muscles])
    after = {v.exercise_id for v in check_plan(plan) if v.rule == "protect.respected"}
    assert new not in before and new in after


def test_a_squat_kept_for_sore_knees_must_say_its_range_and_stay_off_near_maximal_loads(
) -> None:
    plan = build_json(goal="strength", level="intermediate", days=4, minutes=60, weeks=2,
                      protect=["knees"])
    assert check_plan(plan) == []
    press = [i for s in sessions_of(plan) for i in items_of(s) if i["exercise_id"] == "leg-press"]
    assert press
    heavy = copy.deepcopy(plan)
    for s in sessions_of(heavy):
        for i in items_of(s):
            if i["exercise_id"] == "leg-press":
                i.update(reps_min=4, reps_max=6)
    assert {v.rule for v in check_plan(heavy) if "at least 6 reps" in v.message} == {
        "protect.respected"}
    for i in press:  # the reason no longer says how deep
        i["why"] = i["why"].split(" For --protect knees:")[0]
    silent = [v for v in check_plan(plan) if v.rule == "protect.respected"]
    assert len(silent) == len(press) and all("limited range" in v.message for v in silent)


@pytest.mark.parametrize(("area", "options", "left_out"), [
    ("knees", dict(goal="strength", level="advanced", days=4, minutes=120),
     {"sissy-squat", "jump-squat"}),
    ("shoulders", dict(goal="hypertrophy", level="advanced", days=5, minutes=60),
     {"dumbbell-floor-pullover", "kettlebell-pullover", "dumbbell-pullover"}),
    ("shoulders", dict(goal="strength", level="intermediate", days=3, minutes=45,
                       location="home", equipment=["pull-up-bar", "kettlebell"]),
     {"kettlebell-weighted-pull-up", "kettlebell-pullover", "pull-up", "chin-up"}),
])
def test_protected_plans_leave_out_every_variant(
    area: str, options: dict[str, Any], left_out: set[str]
) -> None:
    plan = build_json(**options, protect=[area], weeks=12)
    used = {i["exercise_id"] for s in sessions_of(plan) for i in items_of(s)}
    assert used & left_out == set()
    assert check_plan(plan) == []
    if area == "shoulders" and "cable" not in options.get("equipment", ["cable"]):
        # No vertical pull is left at home: the note names the complaint, and no pullover.
        (note,) = [n for n in plan["notes"] if n.startswith("No vertical pull")]
        assert "--protect shoulders removes" in note and "pullover" not in note


def test_protect_and_guide_rest_name_catalogue_exercises() -> None:
    from redwood.catalog import load_catalog

    catalog, rules = load_catalog(), load_rules()
    named = {ident for area in rules.protect.values() for ident in area.exercises}
    # An area's own work ([protect.*] only) is in the catalogue and not what the area removes.
    only = {ident for area in rules.protect.values() for ident in area.only}
    assert only and not any(set(a.only) & set(a.exercises) for a in rules.protect.values())
    named |= only
    named |= set(rules.guide_rest.seconds) | set(rules.limits.exercise_reps)
    named |= set(rules.limits.own_reps) | set(rules.limits.loaded_bodyweight)
    assert sorted(ident for ident in named if ident not in catalog) == []


def test_a_plan_protecting_an_unknown_area_is_not_a_plan() -> None:
    plan = make_plan(1)
    plan["profile"]["protect"] = ["neck"]
    with pytest.raises(PlanFileError, match=r"profile\.protect\[0\]: 'neck' is not one of"):
        validate_plan_data(plan)


def test_an_area_the_rules_do_not_define_is_named_with_the_ones_they_do() -> None:
    rules = load_rules()
    without_knees = dataclasses.replace(
        rules, protect={k: v for k, v in rules.protect.items() if k != "knees"})
    plan = make_plan(1)
    plan["profile"]["protect"] = ["knees"]
    assert [v.line() for v in check(plan, rules=without_knees)] == [
        "[protect.respected] plan: profile.protect: unknown area 'knees' (allowed: lower-back, "
        "shoulders); the plan cannot be judged for it"]


def test_two_day_plans_need_not_hold_every_pattern() -> None:
    plan = make_plan(1, weekdays=("mon", "thu"))
    m_no_knee_flexion(plan)
    assert "pattern.knee-flexion" not in rules_of(check(plan))


# ---------------------------------------------------------------------------------------------
# Main lifts: roles when the plan has them, the opening straight-set compounds when it does not


def test_roles_say_which_lifts_are_main() -> None:
    plan = make_plan(1)
    for s in sessions_of(plan):
        for it in items_of(s):
            it["role"] = "accessory"
    assert check(plan) == []  # no main lift: nothing to compare
    for ident in ("back-squat", "pull-up", "romanian-deadlift"):  # the RDL is in a superset
        edit(plan, ident, session=0, role="main")
    (v,) = check(plan)
    assert (v.rule, v.exercise_id) == ("main.straight-sets", "romanian-deadlift")
    assert "superset with face-pull (30 s between them)" in v.message


def test_without_roles_a_session_opening_with_a_superset_has_its_first_compound_as_main() -> None:
    plan = make_plan(1)
    s = first(plan)
    s["blocks"].insert(0, s["blocks"].pop(2))  # RDL + face-pull first, then squat and pull-up
    found_ = check(plan)
    assert [(v.rule, v.exercise_id) for v in found_] == [
        ("main.most-sets", "back-squat"), ("main.most-sets", "pull-up"),  # 4 sets, the RDL 3
        ("main.straight-sets", "romanian-deadlift"),
        ("session.compound-first", "back-squat"), ("session.compound-first", "pull-up")]


# ---------------------------------------------------------------------------------------------
# Reasons


@pytest.mark.parametrize("why", [
    "Rest 120 s, 4 sets of 8-10 reps [rest.main-lifts].",
    "4 x 8-10 reps, resting 120 s.",
    "Main squat lift, kept all plan so progress can be tracked [rotation.core-lifts-stay].",
    "4 x 8-10 reps at RPE 8, 1-2 reps in reserve.",
    "4 x 8-10 reps, one set more than the guide's 3 x 8-10 for squats (the guide: rest 60 s).",
])
def test_true_reasons_pass(why: str) -> None:
    plan = make_plan(1)
    edit(plan, "back-squat", session=0, why=why)
    assert check(plan) == []


def test_a_deload_after_an_empty_week_is_reported_without_dividing_by_zero() -> None:
    plan = make_plan(2)
    plan["weeks"][0]["sessions"] = []
    plan["weeks"][1]["deload"] = True
    (v,) = found(plan, "deload.real")
    assert "week 1's 0" in v.message


def test_the_guides_rest_is_the_guides() -> None:
    plan = make_plan(1)
    # Main lifts rest 2 min for hypertrophy (rest.main-lifts): the guide's rests are judged
    # here on their own.
    edit(plan, "pull-up", rest_s=90, why="Rest 90 s: the guide's rest for pull-ups.")
    assert found(plan, "why.matches") == []
    edit(plan, "back-squat", rest_s=90, why="Rest 90 s: the guide's rest for squats.")  # 60 s
    messages = {v.message for v in found(plan, "why.matches")}
    assert messages == {"the reason calls its rest the guide's, but the guide's is 60 s, the "
                        "item rests 90 s"}


def test_timed_items_are_read_in_seconds() -> None:
    plan = make_plan(1)
    edit(plan, "plank", why="30-45 s: the hold length for hypertrophy. Rest 45 s.")
    assert check(plan) == []
    edit(plan, "plank", why="20-30s: the hold length for strength.")
    assert {v.message for v in check(plan)} == {
        "the reason says 20-30, the item prescribes 30-45 s"}


def test_drills_with_owned_equipment_pass() -> None:
    plan = make_plan(1)
    first(plan)["warmup"] = [{"name": "Arm circles and band pull-aparts", "minutes": 5}]
    assert rules_of(check(plan)) == {"drills.equipment"}
    plan["profile"]["equipment"] = [*GYM, "resistance-band"]
    assert check(plan) == []


# ---------------------------------------------------------------------------------------------
# Random single mutations are caught by their rule


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2), st.data(), st.sampled_from(["rest_s", "sets", "range"]),
       st.integers(1, 5))
def test_any_contradicting_reason_is_caught(
    k: int, data: st.DataObject, field: str, off: int
) -> None:
    plan = make_plan(1)
    items = items_of(first(plan, k))
    it = data.draw(st.sampled_from(items))
    if field == "rest_s":
        it["why"] = f"Rest {it['rest_s'] + off} s."
    elif field == "sets":
        it["why"] = f"{it['sets'] + off} sets."
    else:
        low, high = ("seconds_min", "seconds_max") if "seconds_min" in it else ("reps_min",
                                                                                 "reps_max")
        unit = "s" if low == "seconds_min" else "reps"
        it["why"] = f"{it[low]}-{it[high] + off} {unit}."
    found_ = check(plan)
    assert [(v.rule, v.exercise_id) for v in found_] == [("why.matches", it["exercise_id"])]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_a_deload_is_reported_exactly_when_it_keeps_more_than_three_quarters(
    data: st.DataObject
) -> None:
    plan = make_plan(4)  # week 4 becomes the deload; week 3 holds 55 hard sets
    plan["weeks"][3]["deload"] = True
    kept, uncut = 0, False
    for s, then in zip(plan["weeks"][3]["sessions"], plan["weeks"][2]["sessions"], strict=True):
        was = {it["exercise_id"]: it["sets"] for it in items_of(then)}
        for block in s["blocks"]:
            sets = data.draw(st.integers(1, block["items"][0]["sets"]))  # cut, never gain
            for it in block["items"]:
                it["sets"] = sets
                kept += sets
                # an exercise of 2+ sets the week before that keeps them all is no deload
                uncut |= was.get(it["exercise_id"], 0) >= 2 and sets >= was[it["exercise_id"]]
            if block["kind"] == "superset":
                block["rounds"] = sets
    reported = found(plan, "deload.real")
    assert bool(reported) == (kept > 0.75 * 55 or uncut), (kept, [v.message for v in reported])


@settings(max_examples=30, deadline=None)
@given(st.sets(st.integers(0, 2)), st.integers(1, 6), st.sampled_from([3, 4, 5, 6]))
def test_heavy_hinge_days_are_counted_per_day(
    heavy: set[int], low: int, high: int
) -> None:
    plan = make_plan(1)  # a hinge every day: RDL, deadlift, RDL at 6-12 reps
    for k in heavy:
        for it in items_of(first(plan, k)):
            if it["exercise_id"] in ("deadlift", "romanian-deadlift"):
                it["reps_min"], it["reps_max"] = min(low, high), high
    reported = found(plan, "hinge.heavy-days")
    assert bool(reported) == (len(heavy) > 2)
    if reported:
        assert reported[0].message.startswith("heavy hinges (a hinge compound of 6 reps or "
                                              "fewer) on 3 days: 2027-01-04 romanian-deadlift")


# ---------------------------------------------------------------------------------------------
# Mutating plans the generator wrote


def new_violations(before: list[Violation], after: list[Violation]) -> list[Violation]:
    """Violations of `after` that `before` did not have (a multiset difference)."""
    left = Counter(before)
    out = []
    for v in after:
        if left[v]:
            left[v] -= 1
        else:
            out.append(v)
    return out


def _item_with(plan: Json, week: int, test: Callable[[Json, Json], bool]) -> tuple[Json, Json]:
    for s in plan["weeks"][week - 1]["sessions"]:
        for block in s["blocks"]:
            for it in block["items"]:
                if test(block, it):
                    return s, it
    raise LookupError("no such item")


def _set_reps(it: Json, low: int, high: int) -> None:
    """New reps, and the reason's statement of them with it (so only the reps change)."""
    it["why"] = it["why"].replace(f"{it['reps_min']}-{it['reps_max']} reps", f"{low}-{high} reps")
    it["reps_min"], it["reps_max"] = low, high


def fake_deload(plan: Json) -> int:
    """The first deload week becomes a copy of the week before it, dates kept."""
    w = next(k for k, week in enumerate(plan["weeks"], start=1) if week["deload"])
    for now, then in zip(plan["weeks"][w - 1]["sessions"], plan["weeks"][w - 2]["sessions"],
                         strict=True):
        now["blocks"] = copy.deepcopy(then["blocks"])
        now["estimated_minutes"] = then["estimated_minutes"]
    return w


def _is_hinge(it: Json) -> bool:
    return it.get("pattern") == "hinge" and it["mechanic"] == "compound" and "reps_min" in it


def heavy_hinge_days(plan: Json) -> int:
    """Every session of week 2 gets a hinge compound at 6 reps: the plan's own hinge replaces
    the last compound after the opening lift of a session that has none, keeping its sets and
    rest (legs compounds first)."""
    hinge = next(it for s in sessions_of(plan) for it in items_of(s) if _is_hinge(it))
    for s in plan["weeks"][1]["sessions"]:
        if not any(_is_hinge(it) for it in items_of(s)):
            places = [(b, k) for b in reversed(s["blocks"][1:]) for k, it in enumerate(b["items"])
                      if it["mechanic"] == "compound"]
            block, k = sorted(places, key=lambda p: p[0]["items"][p[1]]["region"] != "legs")[0]
            old = block["items"][k]
            block["items"][k] = {**hinge, "sets": old["sets"], "rest_s": old["rest_s"],
                                 "role": old.get("role"), "why": "Hinge work."}
        for it in items_of(s):
            if _is_hinge(it):
                _set_reps(it, 6, 6)
    return 2


def contradicting_reason(plan: Json) -> int:
    _, it = _item_with(plan, 3, lambda b, i: "Rest " in i["why"])
    it["why"] = it["why"].replace(f"Rest {it['rest_s']} s", f"Rest {it['rest_s'] + 30} s")
    return 3


def no_knee_flexion(plan: Json) -> int:
    for s in plan["weeks"][1]["sessions"]:
        for block in s["blocks"]:
            for k, it in enumerate(block["items"]):
                if it.get("pattern") == "knee-flexion":  # becomes a calf raise, same dose
                    block["items"][k] = {**it, "exercise_id": "seated-calf-raise",
                                         "name": "Seated Calf Raise", "pattern": "calf-raise",
                                         "primary_muscles": ["calves"], "secondary_muscles": [],
                                         "equipment": ["machine"], "why": "Calf work."}
    return 2


def half_empty(plan: Json) -> int:
    plan["profile"]["minutes_per_session"] = 90
    return 1


def main_in_superset(plan: Json) -> int:
    """Session 1's opening lift takes the place of its region's exercise in a superset (30 s
    between the pair), which moves to the front; the exercise it replaced goes straight."""
    blocks = plan["weeks"][0]["sessions"][0]["blocks"]
    main = blocks[0]["items"][0]
    k, pair = next((k, b) for k, b in enumerate(blocks) if b["kind"] == "superset"
                   and any(it["region"] == main["region"] for it in b["items"]))
    j = next(j for j, it in enumerate(pair["items"]) if it["region"] == main["region"])
    replaced = pair["items"][j]
    pair["items"][j] = {**main, "sets": pair["rounds"]}
    pair["rest_between_s"] = 30
    blocks[k] = {"kind": "single", "items": [{**replaced, "sets": main["sets"]}]}
    blocks[0] = pair
    return 1


def accessory_over_main(plan: Json) -> int:
    """Session 1's last accessory block gets one set (or round) more than its weakest main lift."""
    s = plan["weeks"][0]["sessions"][0]
    mains = [it for it in items_of(s) if it.get("role") == "main"] or [s["blocks"][0]["items"][0]]
    target = min(it["sets"] for it in mains) + 1
    block = next(b for b in reversed(s["blocks"]) if not any(it in mains for it in b["items"]))
    if block["kind"] == "superset":
        block["rounds"] = target
    for it in block["items"]:
        it["sets"] = target
    return 1


def extra_exercise(plan: Json) -> int:
    """Week 2's last session gets more of an isolation accessory the plan already has (the one
    with most of a tracked muscle a set), as straight sets of 3 at the end, until that muscle is
    `above_band_sets` over the top of its band: a hand edit that piles sets on one muscle."""
    rules = load_rules()
    mv = rules.muscle_volume
    goal, level = Goal(plan["profile"]["goal"]), Level(plan["profile"]["level"])
    week = plan["weeks"][1]
    if week["deload"]:
        raise LookupError("week 2 is a deload")
    acc = [it for s in week["sessions"] for it in items_of(s)
           if it.get("role") == "accessory" and it["mechanic"] == "isolation"]
    if not acc:
        raise LookupError("no isolation accessory")

    def shares(it: Json) -> dict[str, float]:
        return muscle_shares([Muscle(m) for m in it["primary_muscles"]],
                             [Muscle(m) for m in it["secondary_muscles"]], mv, goal)

    it = max(acc, key=lambda i: max(shares(i).values(), default=0.0))
    muscle = max(shares(it).items(), key=lambda t: t[1])[0]
    top = mv.band(goal, level, muscle)[1] + rules.coach_checks.above_band_sets
    last = week["sessions"][-1]
    while json_week_muscle_sets(week, mv, goal)[muscle] < top:
        extra = {**copy.deepcopy(it), "sets": 3, "rest_s": 60,
                 "why": f"3 x {it['reps_min']}-{it['reps_max']} reps. Rest 60 s."}
        last["blocks"].append({"kind": "single", "items": [extra]})
    return 2


def twin_accessory(plan: Json) -> int:
    """Week 2's first single accessory is done twice in its session (a hand edit that adds a
    second leg curl or calf raise where one with more sets would do)."""
    for s in plan["weeks"][1]["sessions"]:
        for k, block in enumerate(s["blocks"]):
            if block["kind"] == "single" and block["items"][0].get("role") == "accessory":
                s["blocks"].insert(k + 1, copy.deepcopy(block))
                return 2
    raise LookupError("no single accessory in week 2")


def uneven_main_days(plan: Json) -> int:
    """Sessions twice as long (every one ends early), and a main lift of week 2 gets two sets
    more on a later day than on its first (heavy) day."""
    plan["profile"]["minutes_per_session"] *= 2
    days: dict[str, list[Json]] = {}
    for s in plan["weeks"][1]["sessions"]:
        for it in items_of(s):
            if it.get("role") == "main":
                days.setdefault(it["exercise_id"], []).append(it)
    heavy, later = next(found[:2] for found in days.values() if len(found) > 1)
    later["sets"] = heavy["sets"] + 2
    return 2


def same_hinge_again(plan: Json) -> int:
    """Week 2's lighter hinge day (a light_hinges lift that is a main lift on a later day than
    the week's heavy hinge) does the heavy day's lift again, its sets, range and rest kept."""
    light = set(load_rules().progression.light_hinges)
    mains = [(s, it) for s in plan["weeks"][1]["sessions"] for it in items_of(s)
             if it.get("role") == "main" and it.get("pattern") == "hinge"]
    if not mains:
        raise LookupError("no main-lift hinge in week 2")
    heavy = mains[0][1]
    s, it = next((s, it) for s, it in mains[1:] if it["exercise_id"] in light
                 and it["exercise_id"] != heavy["exercise_id"])
    if any(x["exercise_id"] == heavy["exercise_id"] for x in items_of(s)):
        raise LookupError("the lighter day holds the heavy lift already")
    for block in s["blocks"]:
        for k, x in enumerate(block["items"]):
            if x is it:
                block["items"][k] = {**heavy, "sets": it["sets"], "rest_s": it["rest_s"],
                                     "reps_min": it["reps_min"], "reps_max": it["reps_max"],
                                     "why": "Hinge work."}
                block["items"][k].pop("rpe", None)
                if "rpe" in it:
                    block["items"][k]["rpe"] = it["rpe"]
    return 2


def cut_main_rest(plan: Json) -> int:
    """Week 1's first straight-set main lift rests 30 s less than the goal's main minimum."""
    rules = load_rules()
    least = rules.goals[Goal(plan["profile"]["goal"])].main_rest_min_s
    _, it = _item_with(plan, 1, lambda b, i: b["kind"] == "single" and i.get("role") == "main")
    it["why"] = it["why"].replace(f"{it['rest_s']} s", f"{least - 30} s")  # its reason says so
    it["rest_s"] = least - 30
    return 1


# (mutation, the rule it breaks, rules its side effects may also move: a mutation that changes
# sets changes the week's muscle counts)
# (volume.muscle-note: the plan's tally of week 1's sets per muscle no longer holds)
VOLUME = {"volume.muscle-bands", "volume.maximum", "volume.balance", "time.use", "reps.bounds",
          "volume.muscle-note"}
ROTATION = {"rotation.stable-start", "rotation.core-lifts-stay", "rotation.by-week-7"}
GENERATED_MUTATIONS = [
    # a fake deload copies the week before it, with whatever faults its sessions have
    (fake_deload, "deload.real",
     {"main.most-sets", "main.straight-sets", "why.matches", "drills.equipment", "time.use"}),
    (heavy_hinge_days, "hinge.heavy-days",
     VOLUME | ROTATION | {"main.most-sets", "main.straight-sets", "superset.pairing",
                          "volume.both-regions", "schedule.recovery", "pattern.weekly",
                          "hinge.variation", "hinge.floor-pulls", "hinge.days",
                          "wave.intermediate",
                          # a session's reason still names the work it had ("leg work today")
                          "why.matches"}),
    (contradicting_reason, "why.matches", set()),
    # the leg curl becomes a seated calf raise, beside a session's own calf raise (and a day
    # from another's: isolation.spacing), while a back day's reason still names the leg curl
    # as its leg work today (why.matches)
    (no_knee_flexion, "pattern.knee-flexion",
     {"volume.muscle-bands", "volume.small-under-legs", "time.use", "pattern.once-per-session",
      "isolation.spacing", "why.matches"} | ROTATION),
    (half_empty, "time.use", set()),
    (main_in_superset, "main.straight-sets",
     VOLUME | ROTATION | {"main.most-sets", "why.matches", "reps.goal-range", "rest.compound-min",
                          "session.compound-first", "session.order"}),
    # The accessory given sets may be a calf raise: in a week whose glutes sit at their floor
    # (hypertrophy 3 x 60: every glute set beside the quadriceps or hamstrings, so at half;
    # glutes 10 and calves 10) one calf set more outnumbers the glutes (volume.small-under-legs).
    (accessory_over_main, "main.most-sets",
     VOLUME | {"why.matches", "superset.rounds", "volume.small-under-legs"}),
    # the added sets take minutes the session's estimate does not hold, and change week 2 alone;
    # they come at the session's end, after its core work
    # (calf raises piled up also outnumber the legs' sets: volume.small-under-legs)
    (extra_exercise, "volume.muscle-bands",
     VOLUME | ROTATION | {"time.estimate", "time.budget", "main.most-sets",
                          "pattern.once-per-session", "session.order", "volume.small-under-legs"}),
    # (a twinned calf raise outnumbers the glutes at their floor, as above)
    (twin_accessory, "pattern.once-per-session",
     VOLUME | ROTATION | {"time.estimate", "time.budget", "volume.small-under-legs"}),
    (same_hinge_again, "hinge.variation",
     VOLUME | ROTATION | {"hinge.heavy-days", "hinge.floor-pulls", "hinge.days"}),
    (cut_main_rest, "rest.main-lifts", {"rest.compound-min", "time.use"}),
    (uneven_main_days, "main.sets-first",
     # a main lift's sets changed in one week of the block: its wave too
     VOLUME | {"time.estimate", "reps.bounds", "why.matches", "superset.required",
               "wave.intermediate"}),
]

# Profiles with deloads (intermediate), heavy hinges (strength), knee flexion and supersets.
PROFILES = [
    dict(goal="hypertrophy", level="intermediate", days=3, minutes=60, weeks=6),
    dict(goal="strength", level="intermediate", days=4, minutes=75, weeks=6),
]


@pytest.fixture(scope="module", params=range(len(PROFILES)), ids=["hypertrophy-3x60",
                                                                    "strength-4x75"])
def generated(request: pytest.FixtureRequest) -> tuple[Json, list[Violation]]:
    plan = build_json(**PROFILES[request.param])
    return plan, check_plan(plan)


@pytest.mark.parametrize(("mutate", "rule", "also"),
                         [pytest.param(m, r, a, id=m.__name__) for m, r, a in GENERATED_MUTATIONS])
def test_mutated_generated_plans_break_exactly_the_expected_rule(
    generated: tuple[Json, list[Violation]], mutate: Callable[[Json], int], rule: str,
    also: set[str],
) -> None:
    plan, before = copy.deepcopy(generated[0]), generated[1]
    try:
        week = mutate(plan)
    except (LookupError, StopIteration):
        pytest.skip("this generated plan has nothing for this mutation to change")
    after = check_plan(plan)
    assert any(v.rule == rule and v.week == week for v in after), rule
    added = new_violations(before, after)
    assert {v.rule for v in added} <= {rule} | also, [v.line() for v in added]


# Profiles whose week repeats a legs session (the second hinge day: _vary_hinges swaps in a
# lighter variation); the two PROFILES above have one hinge day a week.
HINGE_TWICE = [
    dict(goal="strength", level="intermediate", days=5, minutes=75, weeks=6),
    dict(goal="hypertrophy", level="advanced", days=5, minutes=75, weeks=6),
]


@pytest.mark.parametrize("profile", HINGE_TWICE, ids=["strength-5x75", "hypertrophy-5x75"])
def test_the_heavy_hinge_again_on_the_lighter_day_is_caught(profile: dict[str, Any]) -> None:
    plan = build_json(**profile)
    before = check_plan(plan)
    assert not [v for v in before if v.rule == "hinge.variation"]
    week = same_hinge_again(plan)
    after = check_plan(plan)
    added = new_violations(before, after)
    assert any(v.rule == "hinge.variation" and v.week == week for v in added)
    # (an advanced lifter's heavy lift twice at one RPE: no lighter day, progression.advanced)
    assert {v.rule for v in added} <= ({"hinge.variation", "hinge.heavy-days",
                                        "hinge.floor-pulls", "hinge.days",
                                        "progression.advanced"}
                                       | VOLUME | ROTATION), [
        v.line() for v in added]


def test_thin_knee_flexion_is_excused_only_by_a_note_naming_its_sets() -> None:
    plan = make_plan(1)
    edit(plan, "hamstring-curl", sets=2)  # 2 of the 3 knee-flexion sets a week (maeo2021)
    (thin,) = found(plan, "pattern.knee-flexion-sets")
    assert "2 hard sets of knee flexion" in thin.message and "below the 3" in thin.message
    plan["notes"] = ["Knee flexion is short this week."]  # names no sets: no excuse
    assert found(plan, "pattern.knee-flexion-sets") == [thin]
    plan["notes"] = ["Knee flexion (leg curls): 2 of the 3 hard sets a week your goal and level "
                     "aim for."]
    assert found(plan, "pattern.knee-flexion-sets") == []
    edit(plan, "hamstring-curl", sets=3)  # at the floor: nothing to say
    plan["notes"] = []
    assert found(plan, "pattern.knee-flexion-sets") == []


# plan_space.py's profile (seed 7): three 96-minute days at home with a pull-up bar and sore
# shoulders. The core sat at 10 of 4-8 through the half sets of bracing its assisted pistol
# squats (main lifts at the goal's three sets) and table inverted rows add, beside the week's
# only core exercise at its fewest sets; volume.muscle-bands called the pistols' third set
# avoidable (required: 2). A main lift's fewest is the goal's compound_sets: a set past it is
# still caught.
PISTOLS_AT_HOME = dict(goal="hypertrophy", level="intermediate", days=3, minutes=96, weeks=4,
                       location="home", equipment=["pull-up-bar"], protect=["shoulders"],
                       supersets=False, seed=813)


def test_a_main_lift_at_the_goals_sets_is_a_required_place_for_the_bands() -> None:
    plan = build_json(start="2027-01-04", **PISTOLS_AT_HOME)
    assert [v.line() for v in check_plan(plan)] == []
    sets = json_week_muscle_sets(plan["weeks"][0], load_rules().muscle_volume, Goal.HYPERTROPHY)
    assert sets["core"] >= 10  # two past the band's top of 8: the case the rule weighs
    raised = copy.deepcopy(plan)
    pistol = next(i for i in items_of(raised["weeks"][0]["sessions"][0])
                  if i["exercise_id"] == "assisted-pistol-squat")
    pistol["sets"] += 1
    pistol["why"] = pistol["why"].replace(f"{pistol['sets'] - 1} x", f"{pistol['sets']} x")
    over = [v.message for v in check_plan(raised) if v.rule == "volume.muscle-bands"]
    assert any("assisted-pistol-squat" in m and "where the rules require 3" in m
               for m in over), over
