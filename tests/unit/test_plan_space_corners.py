"""Corners plan_space found (1,500 random profiles a seed; issue 10 items 1-6 and 10)."""

from __future__ import annotations

import copy
import datetime as dt
from itertools import pairwise
from typing import Any

from test_plan_last_floors import _band, _normal, _plan, _regions, _sets

from redwood.planner.check import check_plan
from redwood.rules import load_rules

# Four 30-minute days at home with a trap bar and a backpack, no squats: no vertical pull the
# kit allows, and the only pullover (a backpack floor pullover) braces the core, which rows and
# deadlifts already hold at its top. The pullover at its fewest sets may take the core past
# its top by less than check's margin (the band note names it), not leave the lats to rows.
FOUR_SHORT_DAYS_BACKPACK = dict(
    goal="strength", level="beginner", days=4, minutes=30, weeks=10, location="home",
    equipment=["trap-bar", "medicine-ball", "sled", "backpack"], supersets=True, seed=4449,
    exclude=["squat"])

# Six 46-minute days outdoors, shoulders protected: calf raises come in four sessions and six
# days space at most three 48 h apart, which the normal weeks' [isolation.spacing] note says.
# The deload week rests one of the four (one set cannot be halved), so its own count is three:
# the block's normal week's excuse stands for it.
SIX_DAYS_OUTDOORS = dict(
    goal="hypertrophy", level="advanced", days=6, minutes=46, weeks=4, location="outdoor",
    equipment=[], supersets=True, seed=1219, protect=["shoulders"])

# Four 120-minute days at home with a trap bar and a kettlebell: block 1's Friday row is a
# doorframe row because Thursday's trap-bar RDL (4-6 reps) rests the lower back from bent-over
# rows. Block 2 rotates that RDL to a kettlebell one (6-8 reps, no longer heavy), but the main
# row stays all plan (rotation.core-lifts-stay), and block 1's reason stands for it.
FOUR_LONG_DAYS_KETTLEBELL = dict(
    goal="strength", level="intermediate", days=4, minutes=120, weeks=9, location="home",
    equipment=["trap-bar", "kettlebell", "medicine-ball"], supersets=True, seed=44,
    exclude=["lunge"])


def _items(week: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(s["date"], i) for s in week["sessions"] for b in s["blocks"] for i in b["items"]]


def test_a_pullover_stands_in_for_the_vertical_pull_beside_a_braced_core() -> None:
    options = FOUR_SHORT_DAYS_BACKPACK
    data = _plan(options)
    assert check_plan(data) == []
    top = _band(options, "core")[1]
    for week in _normal(data):
        assert any(i["pattern"] == "pullover" for _, i in _items(week)), week["index"]
        assert _sets(week, options)["core"] < top + 1


def test_a_deload_keeps_its_blocks_spacing_excuse() -> None:
    data = _plan(SIX_DAYS_OUTDOORS)
    assert check_plan(data) == []
    deload = [w for w in data["weeks"] if w["deload"]]
    assert deload
    calves = sorted({dt.date.fromisoformat(d) for d, i in _items(deload[0])
                     if i["pattern"] == "calf-raise"})
    # The deload still holds calf raises on consecutive days (the excuse is in use).
    assert any((b - a).days == 1 for a, b in pairwise(calves)), calves


def test_block_ones_main_row_keeps_its_reason_in_later_blocks() -> None:
    data = _plan(FOUR_LONG_DAYS_KETTLEBELL)
    assert check_plan(data) == []
    rows = {w["block"]: sorted({i["exercise_id"] for _, i in _items(w)
                                if i.get("role") == "main" and i["pattern"] == "horizontal-pull"})
            for w in _normal(data)}
    assert len(rows) > 1 and len({tuple(r) for r in rows.values()}) == 1, rows
    assert "doorframe-row" in rows[1], rows


# Four 44-minute days outdoors with dumbbells and a bench, no squats, knees protected: the
# core and calves made way for the quadriceps (_legs_over_small), whose Monday backward hill
# walk took two sets of the freed minutes and stopped, quadriceps 9.5 of 10-16 beside six
# minutes left (plan_space seed 15, 8225). It now grows to the floor where the minutes allow.
FOUR_DAYS_NO_SQUAT_OUTDOORS = dict(
    goal="endurance", level="advanced", days=4, minutes=44, weeks=1, location="outdoor",
    equipment=["dumbbell", "bench"], supersets=False, seed=8225, exclude=["squat"],
    protect=["knees"])


def test_the_legs_lift_grows_to_its_floor_in_the_minutes_the_core_freed() -> None:
    options = FOUR_DAYS_NO_SQUAT_OUTDOORS
    data = _plan(options)
    assert check_plan(data) == []
    week = _normal(data)[0]
    assert _sets(week, options)["quadriceps"] >= _band(options, "quadriceps")[0]
    assert all(s["estimated_minutes"] <= options["minutes"] for s in week["sessions"])


# Two 15-minute days outdoors with dumbbells and a bench, knees protected: the one accessory,
# a backward hill walk, is the only knee extension the kit and the knees allow, so block 2 had
# nothing of its pattern to rotate to and weeks 1-7 repeated it (rotation.by-week-7: plan_space
# seed 15, 5156). Block 2 now rotates it to another lift for the quadriceps.
TWO_SHORT_DAYS_SORE_KNEES = dict(
    goal="hypertrophy", level="advanced", days=2, minutes=15, weeks=14, location="outdoor",
    equipment=["dumbbell", "bench"], supersets=True, seed=5156, exclude=["lunge"],
    protect=["knees"])


def test_an_accessory_with_no_other_of_its_pattern_still_rotates() -> None:
    data = _plan(TWO_SHORT_DAYS_SORE_KNEES)
    assert check_plan(data) == []
    accessories = {w["index"]: {i["exercise_id"] for _, i in _items(w) if i.get("role") != "main"}
                   for w in data["weeks"]}
    assert accessories[1] == {"backward-hill-walk"}, accessories[1]
    assert any(accessories[w] - accessories[1] for w in range(2, 8)), accessories


# Three 83-minute gym days with only a pull-up bar, no vertical pull, shoulders protected:
# Monday's pistol squat took a fourth set while the quadriceps were below their floor, which
# the lunges reached after; its bracing left the core at 12 of 6-10 (plan_space seed 9, 1659).
# The set no rule needs leaves and the freed minutes go to a lunge.
THREE_GYM_DAYS_PULL_UP_BAR = dict(
    goal="hypertrophy", level="advanced", days=3, minutes=83, weeks=6, location="gym",
    equipment=["pull-up-bar"], supersets=False, seed=1659, exclude=["vertical-pull"],
    protect=["shoulders"])

# Six 61-minute days outdoors with no kit, shoulders protected: a prone swimmer no rule needs
# took the upper back to 18 of 10-16 (plan_space seed 13, 3325).
SIX_DAYS_OUTDOORS_NO_KIT = dict(
    goal="strength", level="advanced", days=6, minutes=61, weeks=1, location="outdoor",
    equipment=[], supersets=True, seed=3325, protect=["shoulders"])


def test_a_bracing_set_no_floor_needs_gives_way_to_a_lunge() -> None:
    options = THREE_GYM_DAYS_PULL_UP_BAR
    data = _plan(options)
    assert check_plan(data) == []
    core_top = _band(options, "core")[1]
    for week in _normal(data):
        sets = _sets(week, options)
        assert sets["core"] < core_top + 2, (week["index"], sets["core"])
        assert sets["quadriceps"] >= _band(options, "quadriceps")[0]


def test_work_no_rule_needs_leaves_a_muscle_far_past_its_top() -> None:
    options = SIX_DAYS_OUTDOORS_NO_KIT
    data = _plan(options)
    assert check_plan(data) == []
    week = _normal(data)[0]
    assert _sets(week, options)["upper-back"] < _band(options, "upper-back")[1] + 2


# Five 45-minute days at home with a medicine ball, no lunges, knees protected: Friday's short
# session carries the effort wave's RPE targets (its reps cannot step), Monday's does not. A day
# with no target is no lighter day (plan_space seed 17, 3215: main.sets-first read Monday's
# four squat sets as a lighter day's beside Friday's three).
FIVE_HOME_DAYS_MEDICINE_BALL = dict(
    goal="strength", level="intermediate", days=5, minutes=45, weeks=4, location="home",
    equipment=["medicine-ball"], supersets=True, seed=3215, exclude=["lunge"],
    protect=["knees"])


def test_a_day_without_an_rpe_target_is_no_lighter_day() -> None:
    data = _plan(FIVE_HOME_DAYS_MEDICINE_BALL)
    assert check_plan(data) == []
    week = _normal(data)[0]
    squats = [i for _, i in _items(week) if i["exercise_id"] == "bodyweight-squat"]
    targets = [i.get("rpe") for i in squats]
    assert None in targets and any(t is not None for t in targets), targets
    # Given a target below the other day's, the day with more sets is a lighter day: caught.
    rated = next(i for i in squats if i.get("rpe") is not None)
    heavy_sets = max(i["sets"] for i in squats)
    for i in squats:
        if i.get("rpe") is None and i["sets"] == heavy_sets > rated["sets"]:
            i["rpe"] = rated["rpe"] - 1
    assert "main.sets-first" in {v.rule for v in check_plan(data)}


# Two 120-minute endurance days outdoors with a kettlebell, no hinges: the intermediate's
# set wave cut a main row's set only in block 2's second week, when the goblet squat's rep
# wave freed fewer minutes than in the first: 5, 4, 5, 5 sets (plan_space seed 18, 6002).
TWO_LONG_DAYS_KETTLEBELL = dict(
    goal="endurance", level="intermediate", days=2, minutes=120, weeks=13,
    location="outdoor", equipment=["kettlebell"], supersets=True, seed=6002,
    exclude=["hinge"])


def test_a_main_lifts_sets_never_dip_inside_a_block() -> None:
    data = _plan(TWO_LONG_DAYS_KETTLEBELL)
    assert check_plan(data) == []
    runs: dict[tuple[int, str, str], list[int]] = {}
    for week in _normal(data):
        for s in week["sessions"]:
            for b in s["blocks"]:
                for i in b["items"]:
                    if i.get("role") == "main":
                        key = (week["block"], s["weekday"], i["exercise_id"])
                        runs.setdefault(key, []).append(i["sets"])
    assert runs
    for key, sets in runs.items():
        assert sets == sorted(sets), (key, sets)


# Six 75-minute gym days with a pull-up bar, cables, a backpack, a box and a band, no hinges:
# the planner took the banded squat for the gym's own load of the squat, which kept the
# backpack out, and the hinge slot's squat was then an air squat; check reads a band as no
# gym's load for a lifter with cables, so the backpack squat was there to load it
# (substitution.loaded, plan_space seed 23, 7584).
GYM_WITH_CABLES_AND_A_BACKPACK = dict(
    goal="hypertrophy", level="beginner", days=6, minutes=75, weeks=3, location="gym",
    equipment=["pull-up-bar", "cable", "backpack", "box", "resistance-band"], supersets=True,
    seed=7584, exclude=["hinge"])


def test_a_band_is_no_gyms_load_beside_cables_and_a_backpack() -> None:
    data = _plan(GYM_WITH_CABLES_AND_A_BACKPACK)
    assert check_plan(data) == []
    mains = {i["exercise_id"] for _, i in _items(_normal(data)[0]) if i.get("role") == "main"}
    assert "backpack-squat" in mains and "banded-squat" not in mains, mains


# Two 75-minute gym days, no vertical pull (plan_space seed 31, 2961): block 2's floors trade
# gave Thursday's rear-delt raise and calf raise for a bench reverse hyperextension, the
# glutes' floor, and left the session at 66 of 75 min with the core at 5.5 of 6-10 beside a
# two-set reverse crunch. The freed minutes now take the core to its floor.
TWO_GYM_DAYS_NO_VERTICAL_PULL = dict(
    goal="hypertrophy", level="advanced", days=2, minutes=75, weeks=6, location="gym",
    equipment=[], supersets=True, seed=2961, exclude=["vertical-pull"])


def test_a_trades_freed_minutes_take_the_core_to_its_floor() -> None:
    options = TWO_GYM_DAYS_NO_VERTICAL_PULL
    data = _plan(options)
    assert check_plan(data) == []
    floor = _band(options, "core")[0]
    for week in _normal(data):
        assert _sets(week, options)["core"] >= floor, week["index"]


# Six 28-minute days in a gym with only a sled, no hinges, knees protected (plan_space seed
# 28, 1159): an endurance intermediate's rep wave runs Thursday at 19 min in week 1 (15-rep
# rows) and 20 in week 3 (20 reps). Check said a two-set clamshell would fit week 1's
# Thursday, but an exercise stays through its block, and week 3's Thursday would run 29 of 28
# min with it: time.use asks the new exercise to fit its weekday in every week of the block.
SIX_SHORT_SLED_DAYS = dict(
    goal="endurance", level="intermediate", days=6, minutes=28, weeks=3, location="gym",
    equipment=["sled"], supersets=True, seed=1159, exclude=["hinge"], protect=["knees"])


def test_time_use_asks_a_new_exercise_to_fit_every_week_of_its_block() -> None:
    data = _plan(SIX_SHORT_SLED_DAYS)
    assert check_plan(data) == []
    thursdays = [s["estimated_minutes"] for w in _normal(data) for s in w["sessions"]
                 if s["weekday"] == "thu"]
    # The wave's weeks differ, and the longest has no room for a clamshell's 8.5 min.
    assert min(thursdays) < max(thursdays) and max(thursdays) + 9 > 28, thursdays


# Three 103-minute days at home with a pull-up bar, no squats, knees protected (plan_space
# seed 19, 2058): block 2's Monday inverted row kept a fifth set past the upper back's top
# once its isometric knee-extension hold no longer needed it. Cutting it freed the lats' room
# for Friday's archer pull-up, whose fourth set lets Friday's hold take a fourth while the
# quadriceps sit below their floor, and the legs' 40 sets refused that set, so the cut was
# undone. The legs' other work now makes way for it (a calf raise's set), and the row gives.
THREE_LONG_HOME_DAYS_SORE_KNEES = dict(
    goal="hypertrophy", level="advanced", days=3, minutes=103, weeks=7, location="home",
    equipment=["pull-up-bar"], supersets=True, seed=2058, exclude=["squat"],
    protect=["knees"])


def test_a_region_at_its_ceiling_makes_way_for_a_short_muscles_set() -> None:
    options = THREE_LONG_HOME_DAYS_SORE_KNEES
    data = _plan(options)
    assert check_plan(data) == []
    # Within check's margin past the top (a set that holds a floor may pass it by less than
    # two), the legs at most 40 sets.
    top = _band(options, "upper-back")[1]
    for week in _normal(data):
        assert _sets(week, options)["upper-back"] < top + 2, week["index"]
        assert _regions(week)[0] <= 40, week["index"]


# Two 46-minute gym days for an advanced endurance lifter, shoulders protected, no lunges
# (coach_grade seed 1's dose.full-session-spends-on-topped-muscle): block 2's Monday spent
# five minutes on a two-set reverse machine fly, the week's only rear-delt work and no main
# muscle's, while the quadriceps sat at 5 of 10-16. Work no rule asks of the week now gives
# its minutes to the muscles below their floors.
TWO_SHORT_ENDURANCE_DAYS = dict(
    goal="endurance", level="advanced", days=2, minutes=46, weeks=9, location="gym",
    equipment=["bench", "hill", "machine", "medicine-ball", "pull-up-bar", "towel", "trap-bar"],
    supersets=True, seed=714, exclude=["lunge"], protect=["shoulders"])


def test_work_no_rule_asks_for_gives_way_to_a_muscle_below_its_floor() -> None:
    options = TWO_SHORT_ENDURANCE_DAYS
    data = _plan(options)
    assert check_plan(data) == []
    main = ("quadriceps", "hamstrings", "glutes", "lats", "upper-back")
    own = {"quadriceps", "hamstrings", "glutes", "lats", "middle back", "traps", "abdominals",
           "calves", "lower back"}
    for week in _normal(data):
        sets = _sets(week, options)
        if not any(sets[m] < _band(options, m)[0] for m in main):
            continue
        for session in week["sessions"]:
            for block in session["blocks"]:
                if own & {m for i in block["items"] for m in i["primary_muscles"]}:
                    continue
                # Work for no main muscle stays only where a floor needs its half sets (block
                # 3's fly holds the upper back at 10 of 10-16).
                without = copy.deepcopy(week)
                for s in without["sessions"]:
                    s["blocks"] = [b for b in s["blocks"] if b != block]
                left = _sets(without, options)
                assert any(left[m] < _band(options, m)[0] <= sets[m] for m in left), (
                    week["index"], block["items"][0]["exercise_id"])


# Two 60-minute gym days for an advanced endurance lifter with a kettlebell, no hinges
# (plan_space seed 36): block 2's Thursday gave its reverse crunch for a hamstring walkout's
# set on Monday (the core above the glutes) and ended at 54 of 60 min beside a two-set row
# with the upper back at 9 of 10-16 and a two-set calf raise with the calves at 3.5 of 4-10.
TWO_KETTLEBELL_ENDURANCE_DAYS = dict(
    goal="endurance", level="advanced", days=2, minutes=60, weeks=9, location="gym",
    equipment=["kettlebell"], supersets=True, seed=96, exclude=["hinge"])


def test_minutes_a_core_trade_frees_go_to_the_muscles_below_their_floors() -> None:
    options = TWO_KETTLEBELL_ENDURANCE_DAYS
    data = _plan(options)
    assert check_plan(data) == []
    for week in _normal(data):
        sets = _sets(week, options)
        short = [m for m in sets if sets[m] < _band(options, m)[0]]
        if short:  # below a floor only where the week has spent its minutes
            assert all(s["estimated_minutes"] >= options["minutes"] - 5
                       for s in week["sessions"]), (week["index"], short)
        assert sets["core"] <= min(sets[m] for m in ("quadriceps", "hamstrings", "glutes"))


# Four 45-minute days outdoors with a kettlebell and a bench, lower back protected, no
# vertical pull (plan_space seed 38): block 2's relocation of a clamshell into Tuesday paired
# a leg curl and a rear-delt raise at three rounds beside inverted rows at two sets.
FOUR_OUTDOOR_STRENGTH_DAYS = dict(
    goal="strength", level="intermediate", days=4, minutes=45, weeks=10, location="outdoor",
    equipment=["kettlebell", "bench"], supersets=True, seed=8366, exclude=["vertical-pull"],
    protect=["lower-back"])


def test_a_relocated_accessory_never_outnumbers_its_sessions_main_lifts() -> None:
    data = _plan(FOUR_OUTDOOR_STRENGTH_DAYS)
    assert check_plan(data) == []
    for week in _normal(data):
        for s in week["sessions"]:
            sets = [(i["role"] == "main", b["rounds"] if b["kind"] == "superset" else i["sets"])
                    for b in s["blocks"] for i in b["items"]]
            mains = [n for main, n in sets if main]
            assert all(n <= min(mains) for main, n in sets if not main), (week["index"], s["date"])


# Two 108-minute days at home with a barbell, a trap bar and a kettlebell, no lunges
# (plan_space seed 39): the fill added a trap-bar deadlift for the quadriceps on Monday beside
# Thursday's main deadlift, two days a week pulling from the floor.
TWO_LONG_BARBELL_DAYS = dict(
    goal="hypertrophy", level="beginner", days=2, minutes=108, weeks=14, location="home",
    equipment=["kettlebell", "towel", "stairs", "barbell", "trap-bar"], supersets=True,
    seed=5830, exclude=["lunge"])


def test_an_added_accessory_is_never_a_second_pull_from_the_floor() -> None:
    data = _plan(TWO_LONG_BARBELL_DAYS)
    assert check_plan(data) == []
    floor = set(load_rules().progression.floor_pulls)
    for week in data["weeks"]:
        days = [s["date"] for s in week["sessions"]
                if floor & {i["exercise_id"] for _, i in _items({"sessions": [s]})}]
        assert len(days) <= 1, (week["index"], days)


# Four 87-minute gym days with dumbbells and a bench for an advanced hypertrophy lifter, no
# hinges, lower back protected (plan_space seed 40): the glutes' only prime mover is the week's
# one hip abduction at its most sets, and the squats, lunges and curls that would add their
# half sets hold the legs at [volume] max_sets (40): check asked for glute sets the region had
# no room for.
FOUR_LONG_DUMBBELL_DAYS = dict(
    goal="hypertrophy", level="advanced", days=4, minutes=87, weeks=9, location="gym",
    equipment=["dumbbell", "bench"], supersets=True, seed=9281, exclude=["hinge"],
    protect=["lower-back"])


def test_a_muscle_short_beside_a_region_at_its_ceiling_is_excused() -> None:
    options = FOUR_LONG_DUMBBELL_DAYS
    data = _plan(options)
    assert check_plan(data) == []
    week = _normal(data)[0]
    assert _sets(week, options)["glutes"] < _band(options, "glutes")[0]
    assert _regions(week)[0] == load_rules().volume.max_sets
    # With a calf raise's three sets gone the legs have room again, and the squats' half sets
    # of glutes could be had: check asks for them.
    cut = _without_on_monday(data, "dumbbell-calf-raise")
    assert _regions(cut["weeks"][0])[0] < 40
    assert _short_with_time(cut, "glutes")


# Six 36-minute days at home with a box, no squats, sore knees (plan_space seed 45): the
# quadriceps' only lift is an isometric knee-extension push, the back's rows hold the lats and
# upper back at their tops, and the legs already have twice the back's sets: one more push set
# would take legs:back past [volume] balance, so check takes the short quadriceps as the
# week's limit, as time.use does.
SIX_SHORT_DAYS_SORE_KNEES = dict(
    goal="hypertrophy", level="beginner", days=6, minutes=36, weeks=5, location="home",
    equipment=["box"], supersets=False, seed=9953, exclude=["squat"], protect=["knees"])


def test_a_muscle_short_beside_legs_at_twice_the_back_is_excused() -> None:
    options = SIX_SHORT_DAYS_SORE_KNEES
    data = _plan(options)
    assert check_plan(data) == []
    week = _normal(data)[0]
    assert _sets(week, options)["quadriceps"] < _band(options, "quadriceps")[0]
    legs, back = _regions(week)
    assert legs + 1 > load_rules().volume.balance[1] * back
    # A leg curl's sets gone, the push has room again: check asks for it.
    assert _short_with_time(_without_on_monday(data, "sock-slide-leg-curl"), "quadriceps")


def _without_on_monday(data: dict[str, Any], exercise_id: str) -> dict[str, Any]:
    """The plan with week 1's first session's block of `exercise_id` taken out."""
    cut = copy.deepcopy(data)
    first = cut["weeks"][0]["sessions"][0]
    first["blocks"] = [b for b in first["blocks"] if b["items"][0]["exercise_id"] != exercise_id]
    return cut


def _short_with_time(data: dict[str, Any], muscle: str) -> bool:
    """Whether check calls `muscle` below its band in week 1 while the week could give it more."""
    return any(v.rule == "volume.muscle-bands" and v.week == 1 and muscle in v.message
               and "has time for more" in v.message for v in check_plan(data))


# The wider space (`plan_space.py --wide`: several exclusions and protected areas, weekdays
# given with --on), 8 Dec 2026.

# Six 86-minute gym days with a kettlebell, knee flexion and hip abduction both excluded: a
# back day's "knee flexion or calves" and "calves or hip abduction" slots both took a calf
# raise (pattern.once-per-session).
SIX_DAYS_NO_CURLS_NO_ABDUCTION = dict(
    goal="hypertrophy", level="intermediate", days=6, minutes=86, weeks=7, location="gym",
    equipment=["kettlebell", "hill"], supersets=False, seed=3779,
    exclude=["hip-abduction", "vertical-pull", "knee-flexion", "hip-thrust", "nordic-curl",
             "plank"])


def test_two_template_slots_never_give_a_session_two_accessories_of_a_pattern() -> None:
    data = _plan(SIX_DAYS_NO_CURLS_NO_ABDUCTION)
    assert check_plan(data) == []
    for week in data["weeks"]:
        for s in week["sessions"]:
            patterns = [i["pattern"] for b in s["blocks"] for i in b["items"]
                        if i["role"] != "main"]
            assert len(patterns) == len(set(patterns)), (week["index"], s["date"], patterns)


# time.use's room for a muscle no item of the week trains as a prime mover: a new exercise is
# its only way to more sets, so the room is a new exercise's. Each plan ends sessions early and
# check had called the week's time unused.
NO_ROOM_FOR_A_NEW_LIFT = [
    # the hamstrings' only lifts the kit allows are legs exercises, the legs at twice the back
    dict(goal="strength", level="intermediate", days=4, minutes=50, weeks=4, location="outdoor",
         equipment=["barbell", "kettlebell", "pull-up-bar", "dumbbell", "backpack"],
         on=["mon", "fri", "sat", "tue", "wed", "sun", "thu"], supersets=True, seed=3926,
         exclude=["knee-flexion"], protect=["knees", "lower-back", "shoulders"]),
    # the upper back a set below its top: a two-set shrug would pass it
    dict(goal="strength", level="advanced", days=5, minutes=106, weeks=13, location="gym",
         equipment=["box", "barbell", "backpack", "stairs", "resistance-band", "trap-bar"],
         on=["sat", "thu", "sun", "fri", "mon", "wed"], supersets=True, seed=9757,
         exclude=["horizontal-pull", "lunge", "throw"]),
    # the hamstrings' one option, a hill sprint, would take the quadriceps past their top
    dict(goal="endurance", level="beginner", days=2, minutes=94, weeks=9, location="outdoor",
         equipment=["water-bottle", "hill"], on=["mon", "sun", "sat", "tue", "fri", "thu", "wed"],
         supersets=True, seed=486, exclude=["core", "shrug", "knee-flexion"],
         protect=["lower-back"]),
]


def test_a_muscle_no_item_trains_has_room_only_for_a_new_lift_that_fits() -> None:
    for options in NO_ROOM_FOR_A_NEW_LIFT:
        data = _plan(options)
        assert check_plan(data) == [], options
        week = _normal(data)[0]
        assert any(s["estimated_minutes"] < 0.75 * options["minutes"]  # type: ignore[operator]
                   for s in week["sessions"]), options
