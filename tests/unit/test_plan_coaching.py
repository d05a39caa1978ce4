"""What a strength coach reading the plans still found (issue 10's last defects): each test
reads a plan the way the coach did and fails on what they saw."""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import re
from dataclasses import replace
from itertools import pairwise
from typing import Any

import pytest

from plans import DEFAULTS, build_json
from redwood.catalog import load_catalog
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.check import check_plan
from redwood.planner.generate import generate_plan
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.planner.volume import json_week_muscle_sets, room_for_a_set
from redwood.rules import load_rules

LOADS = {"kettlebell", "dumbbell"}


def _items(data: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    return [(week, session, item) for week in data["weeks"] for session in week["sessions"]
            for block in session["blocks"] for item in block["items"]]


@pytest.mark.parametrize("goal", ["strength", "hypertrophy"])
@pytest.mark.parametrize("kit", [["kettlebell", "pull-up-bar"], ["kettlebell"], ["dumbbell"]])
def test_a_loaded_calf_raise_never_rotates_to_a_bodyweight_one(goal, kit) -> None:
    # The review found a kettlebell calf raise in block 1 and a bodyweight one in block 2 (and
    # in the lighter swaps of the fill) while the kettlebell sat unused.
    data = build_json(goal=goal, level="intermediate", days=5, minutes=45, weeks=12,
                      location="home", equipment=kit)
    calves = [(w["index"], i["name"], set(i["equipment"])) for w, _, i in _items(data)
              if i["pattern"] == "calf-raise"]
    assert calves
    unloaded = [(week, name) for week, name, kit_used in calves if not LOADS & kit_used]
    assert not unloaded, f"bodyweight calf raises with {kit} in hand: {unloaded}"


def test_a_band_plan_rotates_its_core_work_and_keeps_every_load() -> None:
    # Bands and a bench outdoors, no squats: block 2's in-place rotation once found no swap
    # (each core swap took the glutes over their band, and the kit's one loaded leg curl and
    # calf raise had no other loaded exercise of their pattern), so weeks 1-7 held only week
    # 1's accessories, and then a band calf raise gave way to a stair one (plan_space --seed 2).
    # With a core exercise that works the abs alone (a reverse crunch) the core work rotates,
    # and every loaded accessory keeps its load. A band is the load here.
    loaded = LOADS | {"resistance-band"}
    data = build_json(goal="hypertrophy", level="beginner", days=5, minutes=58, weeks=10,
                      location="outdoor", equipment=["resistance-band", "bench"],
                      supersets=True, exclude=["squat"], seed=3082)
    assert not check_plan(data), [v.line() for v in check_plan(data)]
    block2 = load_rules().rotation.block_weeks[Level.BEGINNER]  # block 2's first week, 0-based
    first = {i["exercise_id"]: i for _, _, i in _items({"weeks": data["weeks"][:1]})
             if i["role"] != "main"}
    later = {i["exercise_id"]: i for _, _, i in _items({"weeks": [data["weeks"][block2]]})
             if i["role"] != "main"}
    new = [i for x, i in later.items() if x not in first]
    assert any(i["pattern"] == "core" for i in new), sorted(later)
    # No bodyweight exercise where the block before loaded its pattern (core is bodyweight
    # work as often as not), and no reason says it had to be bodyweight.
    loaded_patterns = {i["pattern"] for i in first.values() if loaded & set(i["equipment"])}
    assert all(loaded & set(i["equipment"]) for i in new
               if i["pattern"] in loaded_patterns - {"core"}), [i["exercise_id"] for i in new]
    assert not any("Bodyweight this block" in i["why"] for i in later.values())

def _plan_with(rules: Any, **options: Any) -> dict[str, Any]:
    catalog = load_catalog()
    profile, days = make_profile(rules, known_ids=catalog.ids, **{**DEFAULTS, **options})
    return plan_json(generate_plan(profile, rules, catalog, days))


def test_the_deloads_load_cut_comes_from_the_rules() -> None:
    rules = load_rules()
    rules = replace(rules, volume=replace(rules.volume, deload_load_cut=0.15))
    data = _plan_with(rules, goal="strength", level="intermediate", days=3, weeks=10)
    deload = next(w for w in data["weeks"] if w["deload"])
    texts = [*data["notes"], deload["note"],
             *(i["why"] for s in deload["sessions"] for b in s["blocks"] for i in b["items"])]
    assert all("10% off" not in t for t in texts)
    assert sum("about 15% off the load" in t for t in texts) >= 3


@pytest.mark.parametrize("minutes", [20, 45, 90])
def test_hypertrophy_main_lifts_rest_two_minutes_and_say_why(minutes) -> None:
    # The review: main lifts rested 90 s ("the guide's rest" for a deadlift), and a short
    # session cut them to 45 s, where the evidence asks at least 2 min for multi-joint lifts.
    data = build_json(goal="hypertrophy", level="intermediate", days=3, minutes=minutes,
                      weeks=2)
    mains = [i for _, _, i in _items(data) if i.get("role") == "main"]
    assert mains
    for item in mains:
        assert item["rest_s"] >= 120, (item["name"], item["rest_s"])
        assert "Grgic et al. 2017" in item["why"], item["why"]
        assert "the guide's rest" not in item["why"]
    # Accessories keep their own, shorter rest.
    assert any(i.get("role") != "main" and i["rest_s"] < 120 for _, _, i in _items(data))


def _main_doses(week: dict[str, Any]) -> dict[tuple[int, str], tuple[int, int, int]]:
    return {(n, i["exercise_id"]): (i["sets"], i["reps_min"], i["reps_max"])
            for n, s in enumerate(week["sessions"]) for b in s["blocks"] for i in b["items"]
            if i.get("role") == "main"}


def test_an_intermediate_hypertrophy_block_waves_every_main_lift() -> None:
    # The review: only main lifts of 4+ sets stepped up, so 3 x 8-10 lifts stood still all
    # block. Now every main lift steps up, by a set or by reps inside the goal's range.
    # Rep waves are on in the shipped rules ([progression] rep_waves); the test turns them on
    # itself so it keeps judging the planner's waves if the rules turn them off.
    rules = load_rules()
    data = _plan_with(replace(rules, progression=replace(rules.progression, rep_waves=True)),
                      goal="hypertrophy", level="intermediate", days=4, minutes=60, weeks=12,
                      start="2027-01-04")
    block = [w for w in data["weeks"] if w["block"] == 1 and not w["deload"]]
    assert len(block) == 4
    first, last = _main_doses(block[0]), _main_doses(block[-1])
    for lift, (sets, low, high) in first.items():
        end_sets, end_low, end_high = last[lift]
        assert sets * high < end_sets * end_high, (lift, first[lift], last[lift])
        assert 8 <= low <= high <= 10 and 8 <= end_low <= end_high <= 10
    # Week by week, no main lift steps down before the deload.
    for before, after in pairwise(block):
        for lift, (sets, _, high) in _main_doses(before).items():
            later = _main_doses(after)[lift]
            assert later[0] >= sets and later[2] >= high, (after["index"], lift)
    note = next(n for n in data["notes"] if n.startswith("Progression:"))
    assert "a rep wave" in note
    # A rep wave's week names its range for the coach (coach.progression._wave): one step of
    # it, 8 up to 10, on main lifts only.
    waved = [i for w in block for s in w["sessions"] for b in s["blocks"] for i in b["items"]
             if "wave_reps_min" in i]
    assert waved
    for i in waved:
        assert i["wave_reps_min"] <= i["reps_min"] == i["reps_max"] <= i["wave_reps_max"]
        assert i["role"] == "main"


def test_the_waves_floor_comes_from_the_rules() -> None:
    # [progression] wave_min_sets: a 4-set main lift (the back squat at 4 x 45 min) waves its
    # sets (3 then 4) with the floor of 3; with a floor of 4 no main lift may drop a set, and
    # it waves its reps instead.
    options = dict(goal="hypertrophy", level="intermediate", days=4, minutes=45, weeks=4)
    rules = load_rules()
    assert rules.progression.wave_min_sets == 3

    def set_waves(data: dict[str, Any]) -> set[tuple[int, str]]:
        first, last = _main_doses(data["weeks"][0]), _main_doses(data["weeks"][3])
        return {lift for lift in first if first[lift][0] < last[lift][0]}

    assert set_waves(_plan_with(rules, **options))
    higher = replace(rules, progression=replace(rules.progression, wave_min_sets=4))
    data = _plan_with(higher, **options)
    assert not set_waves(data)
    note = next(n for n in data["notes"] if n.startswith("Progression:"))
    assert "a wave, one set fewer" not in note and "a rep wave" in note
    # Every main lift still steps up across the block, by its reps now (wave.intermediate).
    first, last = _main_doses(data["weeks"][0]), _main_doses(data["weeks"][3])
    assert all(first[lift][2] < last[lift][2] for lift in first), (first, last)


@pytest.mark.parametrize("exclude", [[], ["hinge"]])
def test_hip_abduction_is_never_trained_two_days_running(exclude) -> None:
    # The review: the hip abduction machine (and a seated leg curl) on Monday's legs day and
    # again in Tuesday's back session, 24 h apart, where the guide asks 48 h between hard work
    # for a region. The fill now puts isolation work a day from the same pattern last.
    data = build_json(goal="hypertrophy", level="intermediate", days=4, minutes=60, weeks=12,
                      start="2027-01-04", exclude=exclude)
    for week in data["weeks"]:
        days = [(dt.date.fromisoformat(s["date"]),
                 {i["pattern"] for b in s["blocks"] for i in b["items"]
                  if i.get("role") != "main"}) for s in week["sessions"]]
        for (day, patterns), (next_day, next_patterns) in pairwise(days):
            if (next_day - day).days == 1:
                assert "hip-abduction" not in patterns & next_patterns, (week["index"], day)


def test_short_quadriceps_take_a_set_from_a_third_hip_abduction_slot() -> None:
    # The review: with the knees protected and legs at their 40-set ceiling, block 2 gave hip
    # abduction 3 sets in every session (9 a week) while the quadriceps sat at 11 of 12-20 and
    # sessions ended 20 min early. A coach doses the short prime movers first, and takes the
    # set from the isolation the week repeats on every day, not from the calves or a main lift.
    rules = load_rules()
    mv = rules.muscle_volume
    data = build_json(goal="hypertrophy", level="advanced", days=3, minutes=88, location="home",
                      equipment=["dumbbell", "stairs", "towel", "kettlebell", "machine"],
                      exclude=["lunge"], protect=["knees"], seed=6760, weeks=7)
    low = mv.band(Goal.HYPERTROPHY, Level.ADVANCED, "quadriceps")[0]
    for week in (w for w in data["weeks"] if not w["deload"]):
        quads = json_week_muscle_sets(week, mv, Goal.HYPERTROPHY)["quadriceps"]
        abduction = sum(i["sets"] for _, s, i in _items({"weeks": [week]})
                        if i["pattern"] == "hip-abduction")
        assert quads >= low, (week["index"], quads)
        assert abduction < 3 * len(week["sessions"]), (week["index"], abduction)


@pytest.mark.parametrize(("level", "days", "minutes", "location", "equipment"), [
    ("intermediate", 5, 60, "gym", []),
    ("intermediate", 6, 60, "home", ["dumbbell", "bench"]),
    ("advanced", 5, 90, "gym", []),
    ("advanced", 6, 90, "home", ["dumbbell", "bench"]),
])
def test_calf_raises_and_leg_curls_are_never_on_consecutive_days(level, days, minutes, location,
                                                                 equipment) -> None:
    # The review: calf raises on Friday and again on Saturday, a leg curl on Thursday and
    # Friday, in 5- and 6-day plans, where the guide leaves 48 h between hard work for a
    # muscle. The week keeps both patterns; only the days they fall on change.
    data = build_json(goal="hypertrophy", level=level, days=days, minutes=minutes, weeks=12,
                      location=location, equipment=equipment, start="2027-01-04")
    for week in (w for w in data["weeks"] if not w["deload"]):
        days_held = [(dt.date.fromisoformat(s["date"]),
                      {i["pattern"] for b in s["blocks"] for i in b["items"]
                       if i.get("role") != "main"}) for s in week["sessions"]]
        held = set().union(*(patterns for _, patterns in days_held))
        assert {"calf-raise", "knee-flexion"} <= held, (week["index"], held)
        for (day, patterns), (other, other_patterns) in itertools.combinations(days_held, 2):
            gap = (other - day).days % 7
            if min(gap, 7 - gap) < 2:
                both = patterns & other_patterns & {"calf-raise", "knee-flexion"}
                assert not both, (week["index"], str(day), str(other), both)
        assert all(s["estimated_minutes"] <= minutes for s in week["sessions"])


@pytest.mark.parametrize(("goal", "level", "days", "minutes"), [
    ("hypertrophy", "intermediate", 5, 45),
    ("hypertrophy", "intermediate", 6, 60),
    ("hypertrophy", "beginner", 5, 60),
    ("strength", "advanced", 5, 60),
])
def test_kettlebell_rear_delt_work_varies_through_the_week(goal, level, days, minutes) -> None:
    # The review: with a kettlebell and a pull-up bar, the single-arm kettlebell reverse fly
    # came three times a week, the only loaded rear-delt exercise the catalogue had for that
    # kit. A coach varies the upper-back work: a side-lying raise takes turns with the fly,
    # still with the kettlebell in hand.
    most = load_rules().progression.accessory_most_days
    data = build_json(goal=goal, level=level, days=days, minutes=minutes, weeks=12,
                      location="home", equipment=["kettlebell", "pull-up-bar"])
    names = set()
    for week in (w for w in data["weeks"] if not w["deload"]):
        rear = [i for _, _, i in _items({"weeks": [week]}) if i["pattern"] == "rear-delt"]
        assert rear, week["index"]
        # Kettlebell rear-delt work each week; one bodyweight upper-back raise (a prone Y-T-W,
        # a reverse snow angel) only as the fill's upper-back work (_muscle_options: the
        # kettlebell raises count for the rear delts, not the upper back). Since a kettlebell
        # week's legs days pair their single-leg lift with a hinge (kbmain), the cuts of some
        # rotated blocks leave the upper back short and the fill adds one.
        loaded = [i for i in rear if "kettlebell" in i["equipment"]]
        assert loaded and len(rear) - len(loaded) <= 1, week["index"]
        sessions = collections.Counter(i["exercise_id"] for i in rear)
        assert max(sessions.values()) <= most, (week["index"], sessions)
        names |= {i["name"] for i in rear}
    assert "Side-Lying Kettlebell Rear Delt Raise" in names


@pytest.mark.parametrize("options", [
    dict(goal="hypertrophy", level="intermediate", days=4, minutes=75, weeks=6, seed=547),
    dict(goal="strength", level="intermediate", days=2, minutes=120, weeks=6, location="home",
         equipment=["kettlebell", "pull-up-bar"], seed=639),
    dict(goal="strength", level="intermediate", days=5, minutes=60, weeks=6, location="home",
         equipment=["kettlebell", "pull-up-bar"]),
])
def test_an_early_end_calls_full_only_what_the_checker_calls_full(options) -> None:
    # The review: "51 of 75 min: more would not add muscle at your level (quadriceps ... at or
    # above the top of the weekly band)" with quadriceps at 17 of 10-18, a set below the top,
    # which time.use counts as room for a set. Both now read room_for_a_set, and the reason
    # reads the week's sets as the plan prescribes them.
    rules = load_rules()
    mv = rules.muscle_volume
    data = build_json(**options)
    goal, level = Goal(options["goal"]), Level(options["level"])
    notes = 0
    for week in (w for w in data["weeks"] if not w["deload"]):
        sets = json_week_muscle_sets(week, mv, goal)
        room = {m for m in mv.tracked if room_for_a_set(sets[m], mv.band(goal, level, m)[1])}
        for session in week["sessions"]:
            why = session["why"]
            said = re.search(r"\(([a-z, -]+) with no room for another set", why) or re.search(
                r"; ([a-z, -]+) with no room for another set", why)
            notes += f"of {options['minutes']} min: " in why  # the session ends early
            if "more would not add muscle" in why:
                assert not room & set(mv.main), (week["index"], session["date"], room)
            if said:
                assert not room & set(said.group(1).split(", ")), (week["index"], why)
            for m in mv.main:
                if f"{m} at {sets[m]:g} of its" in why:
                    assert m in room, (week["index"], m, sets[m])
    assert notes
    assert "time.use" not in {v.rule for v in check_plan(data)}


# Issue 10 item 6: a 12-week, 5-day home plan with a kettlebell and a pull-up bar repeated week
# 1's exercises in week 7 and `check` called it clean. The guide: "Rotate exercises every 4-6
# weeks to keep challenges fresh while maintaining core lifts".
KB_BAR = dict(days=5, minutes=45, weeks=12, location="home",
              equipment=["kettlebell", "pull-up-bar"])


def _week_ids(data: dict[str, Any], week: int, *, main: bool) -> set[str]:
    return {i["exercise_id"] for s in data["weeks"][week - 1]["sessions"] for b in s["blocks"]
            for i in b["items"] if (i["role"] == "main") is main}


def _alternatives(exercise_id: str, week1: set[str], goal: str, level: str) -> list[str]:
    """The other exercises of its pattern and mechanic the lifter can do that week 1 does not
    hold: loaded ones only for a loaded accessory in a plan for strength or size (a kettlebell
    calf raise never rotates to a bodyweight one, test above)."""
    catalog = load_catalog()
    ex, kit = catalog[exercise_id], set(KB_BAR["equipment"])
    loaded = bool(LOADS & {e.value for e in ex.equipment}) and goal != "endurance"
    return [o.id for o in catalog if o.source == "redwood" and o.id not in week1
            and o.pattern is ex.pattern and o.mechanic is ex.mechanic and o.suits(Level(level))
            and {e.value for e in o.equipment} <= kit
            and (not loaded or LOADS & {e.value for e in o.equipment})]


@pytest.mark.parametrize("minutes", [30, 45])
@pytest.mark.parametrize("goal", ["strength", "hypertrophy", "endurance"])
@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
def test_a_kettlebell_and_pull_up_bar_plan_brings_new_accessories_by_week_7(
        goal, level, minutes) -> None:
    # Before each accessory rotated in place, a 30-minute beginner's or intermediate's plan for
    # strength brought one new accessory in week 7 and kept five of six (seven of eight).
    data = build_json(goal=goal, level=level, **{**KB_BAR, "minutes": minutes})
    assert not check_plan(data), [v.line() for v in check_plan(data)]
    # The main lifts stay; week 7 holds accessories week 1 did not (not week 1's moved to
    # other days, which rotation.by-week-7 used to let through session by session).
    assert _week_ids(data, 7, main=True) == _week_ids(data, 1, main=True)
    new = _week_ids(data, 7, main=False) - _week_ids(data, 1, main=False)
    assert len(new) >= 2, (sorted(_week_ids(data, 1, main=False)), sorted(new))


def test_a_kettlebell_and_pull_up_bar_plan_rotates_what_the_kit_can_rotate() -> None:
    # Of week 1's accessories that have another exercise of their pattern in the kit, block 2
    # kept 22 of 47 over the nine goals and levels (47%) before each accessory rotated in
    # place (_rotate_in_place); 14 now. The rest keep theirs where the other would take a
    # muscle over its band (a YTW raise's upper back for a kettlebell reverse fly's) or the
    # session past its minutes.
    kept, rotatable = [], 0
    for goal, level in itertools.product(["strength", "hypertrophy", "endurance"],
                                         ["beginner", "intermediate", "advanced"]):
        data = build_json(goal=goal, level=level, **KB_BAR)
        week1 = _week_ids(data, 1, main=False) | _week_ids(data, 1, main=True)
        block2 = load_rules().rotation.block_weeks[Level(level)] + 1
        held = _week_ids(data, block2, main=False)
        for x in _week_ids(data, 1, main=False):
            if _alternatives(x, week1, goal, level):
                rotatable += 1
                if x in held:
                    kept.append((goal, level, x))
    assert rotatable >= 30
    assert len(kept) < 0.35 * rotatable, kept


def test_the_12_week_4_day_plan_builds_each_blocks_week_once(monkeypatch) -> None:
    # Issue 17 item 2 (the plan call at half of streprogen's): blocks 2 and 3 of the bench's
    # plan (bench/bench_plan.py) each built a fresh week that _as_good refused (it lost the
    # back extension the block before's time steps added), then the plainer week they kept:
    # 5 week builds, 2 thrown away. The plainer week rotated in place comes first now, and
    # where it leaves a fresh build nothing to gain it is kept without one.
    from redwood.planner.steps.week import _week_template

    builds = collections.Counter()
    template = _week_template

    def counted(*args: Any, **kwargs: Any) -> Any:
        builds[args[3]] += 1  # by block
        return template(*args, **kwargs)

    monkeypatch.setattr("redwood.planner.steps.week._week_template", counted)
    rules, catalog = load_rules(), load_catalog()
    profile, days = make_profile(rules, goal="strength", level="intermediate", days=4,
                                 minutes=60, weeks=12, start="2027-01-04", location="gym",
                                 known_ids=catalog.ids)
    data = plan_json(generate_plan(profile, rules, catalog, days))
    assert builds == {1: 1, 2: 1, 3: 1}
    assert not check_plan(data), [v.line() for v in check_plan(data)]
    # Each later block's accessories are new but for one at most (block 3 keeps block 2's back
    # extension: no other exercise of its slot could take its place in the week).
    firsts = {w["block"]: w for w in reversed(data["weeks"]) if not w["deload"]}
    accessories = [{i["exercise_id"] for s in firsts[b]["sessions"] for x in s["blocks"]
                    for i in x["items"] if i["role"] != "main"} for b in sorted(firsts)]
    assert len(accessories) == 3
    for before, after in pairwise(accessories):
        assert after and len(before & after) <= 1, (sorted(before), sorted(after))
