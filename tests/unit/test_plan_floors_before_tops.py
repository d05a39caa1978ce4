"""A muscle below its floor comes before one at the top of its band (issue 10, items 2 and 3).

bench/main_sets.py (600 profiles, seed 1) found 25 plans with a main muscle below its band's
floor, and 68 whose first week held fewer knee-flexion sets than [muscle_volume.knee_flexion],
while a session had a quarter of its minutes left. Nearly all were hypertrophy plans, which then
counted the glutes whole in every squat, lunge and hinge (they count half beside the quadriceps
or hamstrings now, as for every goal): the glutes sat at their top (14 of 10-14)
and every set that would lift the quadriceps, the hamstrings or the curls also worked the
glutes, half a set for a sliding leg curl. A coach doses the muscle below its floor first: the
top is where more sets stop adding much, the floor where too few stop the growth. The planner
now lets the short muscle's accessories (and a new one at its fewest sets) take the others past
their tops by less than [coach_checks] above_band_sets, the work that fills them giving way
first (_floors_before_tops), and says so; `redwood check` accepts a muscle above its top where
every prime mover of it above its fewest sets holds another floor (volume.muscle-bands).
Where only a main lift could lift the muscle, it takes the set last (test_plan_floors_moved.py);
where none can, the week stays short and its note says which muscle holds it.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from test_plan_isolation import FREQUENT

from plans import build_json
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.check import check_plan
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules

RULES = load_rules()
MV = RULES.muscle_volume
MARGIN = RULES.coach_checks.above_band_sets

# plan_space's profiles (bench/plan_space.py `profile`, --seed 1) that main_sets.py counted.
# --seed 11: three full-body days outdoors, no squats, sore shoulders: the chest-supported rows
# hold the lats at their floor and take the upper back past its top.
ROWS_HOLD_THE_LATS = dict(goal="hypertrophy", level="intermediate", days=3, minutes=99, weeks=3,
                          location="outdoor",
                          equipment=["dumbbell", "trap-bar", "medicine-ball", "bench", "box"],
                          supersets=True, seed=8987, exclude=["squat"], protect=["shoulders"])
DUMBBELLS_OUTDOORS = dict(goal="hypertrophy", level="beginner", days=3, minutes=89, weeks=2,
                          location="outdoor", equipment=["dumbbell"], supersets=True, seed=7687)
SORE_KNEES_OUTDOORS = dict(goal="hypertrophy", level="beginner", days=5, minutes=45, weeks=7,
                           location="outdoor", equipment=["dumbbell"], supersets=True,
                           seed=1347, protect=["knees"])
# At home: outdoors a backward hill walk is the sore knees' quadriceps work (quadfloor).
NO_SQUAT_SORE_KNEES = dict(goal="hypertrophy", level="beginner", days=5, minutes=67, weeks=9,
                           location="home", equipment=["kettlebell"], supersets=True,
                           seed=957, exclude=["squat", "knee-extension"], protect=["knees"])
# --seed 11: with the glutes at half beside the quadriceps and the hamstrings in hypertrophy
# too, the sore back outdoors (5 x 47 min, seed 2130) reaches its floors with every muscle
# inside its band; four endurance days outdoors with a pull-up bar still need the floors' pass.
FOUR_DAYS_WITH_A_BAR = dict(goal="endurance", level="intermediate", days=4, minutes=70,
                            weeks=6, location="outdoor", equipment=["pull-up-bar"],
                            supersets=True, seed=6234)
NO_KIT_SORE_SHOULDERS = dict(goal="hypertrophy", level="intermediate", days=5, minutes=75,
                             weeks=6, location="outdoor", equipment=[], supersets=True, seed=7163,
                             protect=["shoulders"])


def _plan(options: dict[str, Any]) -> dict[str, Any]:
    return build_json(start="2027-01-04", **options)


def _normal(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in data["weeks"] if not w["deload"]]


def _knee_flexion(week: dict[str, Any]) -> int:
    return sum(b["rounds"] if b["kind"] == "superset" else i["sets"]
               for s in week["sessions"] for b in s["blocks"] for i in b["items"]
               if i["pattern"] == "knee-flexion")


def _bands(options: dict[str, Any]) -> dict[str, tuple[int, int]]:
    goal, level = Goal(options["goal"]), Level(options["level"])
    return {m: MV.band(goal, level, m) for m in MV.tracked}


def _sets(week: dict[str, Any], options: dict[str, Any]) -> dict[str, float]:
    return json_week_muscle_sets(week, MV, Goal(options["goal"]))


def _notes(data: dict[str, Any], week: dict[str, Any]) -> list[str]:
    return [*data["notes"], *week.get("notes", [])]


def _curled(week: dict[str, Any], options: dict[str, Any]) -> dict[str, float]:
    """What the week's curls up to the knee-flexion floor add to each muscle (all of them where
    the week holds no more than the floor, else in proportion): the sets volume.muscle-bands
    leaves out of [coach_checks] above_band_sets."""
    floor = MV.knee_flexion_floor(Goal(options["goal"]), Level(options["level"]))
    kf = _knee_flexion(week)
    if not kf or options["days"] < RULES.coach_checks.pattern_min_days:
        return {}
    curls = {**week, "sessions": [{**s, "blocks": [
        {**b, "items": [i for i in b["items"] if i["pattern"] == "knee-flexion"]}
        for b in s["blocks"]]} for s in week["sessions"]]}
    return {m: n * min(1.0, floor / kf) for m, n in _sets(curls, options).items()}


def test_knee_flexion_and_the_hamstrings_reach_their_floors_past_the_glutes_top() -> None:
    # Four endurance days outdoors with a pull-up bar: two hamstring-walkout sets of the 3 a
    # week, the hamstrings and the glutes at their tops (14 of 8-14) from squats, good
    # mornings, split squats and a hip thrust, sessions at 40-52 of 70 min on three days. The
    # walkout takes its third set (_floors_before_tops): the hamstrings end a set and the
    # glutes half a set past their tops, less than two, and the note says what for. (The
    # profile here was a sore back outdoors whose glutes, counted whole in hypertrophy, held
    # the hamstrings at 8.5 of 10-14; it now meets both floors inside every band.)
    options = FOUR_DAYS_WITH_A_BAR
    data = _plan(options)
    assert check_plan(data) == []
    bands = _bands(options)
    week = _normal(data)[0]
    sets = _sets(week, options)
    assert _knee_flexion(week) >= MV.knee_flexion_floor(Goal(options["goal"]),
                                                        Level(options["level"]))
    assert sets["hamstrings"] >= bands["hamstrings"][0]
    above = [m for m in MV.tracked if sets[m] > bands[m][1]]
    assert above and all(sets[m] < bands[m][1] + MARGIN for m in above)
    note = [n for n in _notes(data, week) if n.startswith("Above the band: ")]
    assert note and "knee flexion" in note[0] and all(f"{m} by" in note[0] for m in above)


def test_the_quadriceps_reach_their_floor_where_an_accessory_can_give_it() -> None:
    # Three full-body days with dumbbells, and five with sore knees: quadriceps at 9 of 10-14
    # with every squat and lunge set also a glute set, the glutes at their top. An accessory
    # for the quadriceps joins; the glutes pass their top by less than two sets.
    for options in (DUMBBELLS_OUTDOORS, SORE_KNEES_OUTDOORS):
        data = _plan(options)
        assert check_plan(data) == [], options["seed"]
        bands = _bands(options)
        for week in _normal(data):
            sets = _sets(week, options)
            assert sets["quadriceps"] >= bands["quadriceps"][0], (options["seed"], week["index"])
            assert all(sets[m] < bands[m][1] + MARGIN for m in MV.tracked)


def test_a_muscle_no_lift_can_reach_keeps_its_note_and_the_curls_their_floor() -> None:
    # No squats, no knee extensions (the hold against the other leg sore knees get with this
    # kit) and sore knees: nothing left trains the quadriceps as a prime mover, and the note
    # says so; the curls still reach their floor, the hamstrings a set past their top
    # beside the hinges that are the legs' main lifts.
    data = _plan(NO_SQUAT_SORE_KNEES)
    assert check_plan(data) == []
    week = _normal(data)[0]
    assert _knee_flexion(week) >= MV.knee_flexion_floor(Goal.HYPERTROPHY, Level.BEGINNER)
    notes = _notes(data, week)
    assert any(n.startswith("Short of the band: quadriceps by") and "no exercise your kit" in n
               for n in notes)


def test_the_cores_bracing_does_not_hold_a_main_muscle_below_its_floor() -> None:
    # Five days outdoors with no kit and sore shoulders: the inverted rows are the lats' only
    # lifts, and every set of them braces the core (half a set), already past its top (10 of
    # 4-8) from the rows, pistols and the week's one dead bug (pattern.weekly). The core's top
    # caps the time spent on it, which bracing costs none of: the lats reach their floor (they
    # sat at 8 of 10-18 before, issue 10 item 2), the core stays at or under the legs' sets,
    # and the note says it is above its band through the lifts' bracing.
    data = _plan(NO_KIT_SORE_SHOULDERS)
    assert check_plan(data) == []
    bands = _bands(NO_KIT_SORE_SHOULDERS)
    for week in _normal(data):
        sets = _sets(week, NO_KIT_SORE_SHOULDERS)
        assert sets["lats"] >= bands["lats"][0]
        assert sets["core"] > bands["core"][1]
        assert all(sets["core"] <= sets[m] for m in MV.legs)
        over = sets["core"] - bands["core"][1]
        assert any(f"core above its band by {over:g} set" in n and "bracing" in n
                   for n in _notes(data, week)), _notes(data, week)


def test_check_still_faults_direct_core_sets_past_the_top() -> None:
    # The bracing excuse covers only the lifts' half credit: two more dead-bug sets a week are
    # direct core work past the top, which volume.muscle-bands still faults (its own
    # prime movers must be at their fewest sets).
    # One more set keeps the core under the legs' sets, two take it past them.
    data = _plan(NO_KIT_SORE_SHOULDERS)
    for extra in (1, 2):
        bumped = _bump(data, "dead-bug", extra)
        assert any(v.rule == "volume.muscle-bands" and "core" in v.message
                   for v in check_plan(bumped)), [v.line() for v in check_plan(bumped)]


def _bump(data: dict[str, Any], exercise_id: str, extra: int) -> dict[str, Any]:
    """The plan with `extra` more sets of every straight-set `exercise_id` in its normal weeks."""
    out = copy.deepcopy(data)
    for week in out["weeks"]:
        if week["deload"]:
            continue
        for s in week["sessions"]:
            for b in s["blocks"]:
                for i in b["items"]:
                    if i["exercise_id"] == exercise_id and b["kind"] == "single":
                        i["sets"] += extra
    return out


def test_check_excuses_a_muscle_above_its_top_only_where_a_floor_holds_it() -> None:
    # volume.muscle-bands: a muscle above its top beside a prime mover above its fewest sets
    # is excused only where a set less of that item would leave another muscle (or knee
    # flexion) below its floor. Here the chest-supported rows (the only lats lifts the sore
    # shoulders leave) hold the lats at their floor (10 of 10-18) and take the upper back to
    # 19 of 10-18; grown one more set each, they hold nothing and the upper back (3 sets
    # further above) is faulted. (The profile was a box-at-home week whose main squats held the
    # quadriceps below their floor beside the glutes past their top; with the glutes at half
    # beside the quadriceps in hypertrophy too, its glutes sit inside their band.)
    options = ROWS_HOLD_THE_LATS
    data = _plan(options)
    assert not [v for v in check_plan(data) if v.rule == "volume.muscle-bands"]
    bands = _bands(options)
    sets = _sets(_normal(data)[0], options)
    assert sets["upper-back"] > bands["upper-back"][1]
    assert sets["lats"] < bands["lats"][0] + 1  # a row set less: the lats below their floor
    rows = {i["exercise_id"] for s in _normal(data)[0]["sessions"] for b in s["blocks"]
            for i in b["items"] if i["exercise_id"] == "chest-supported-row"
            and i.get("role") == "main"}
    assert rows
    grown = _bump(data, "chest-supported-row", 1)
    after = _sets(_normal(grown)[0], options)
    assert after["lats"] >= bands["lats"][0] + 1
    faults = [v.line() for v in check_plan(grown) if v.rule == "volume.muscle-bands"]
    assert any("upper-back" in f for f in faults), faults


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(FREQUENT)  # 4-6 days over plan_space's kits, exclusions and protected areas
def test_muscles_past_their_tops_for_a_floor_stay_near_them_and_say_so(options) -> None:
    # Whatever the profile: a muscle the floors took past its top stays less than
    # above_band_sets past it besides the curls up to their floor (knee flexion is a floor of
    # its own: maeo2021), its note names it with its real excess and the floors it is
    # there for (each within a set of its floor, or knee flexion where the week has curls and
    # a floor for them), and the plan is clean.
    data = build_json(weeks=2, **options)
    bands = _bands(options)
    floor = MV.knee_flexion_floor(Goal(options["goal"]), Level(options["level"]))
    for week in _normal(data):
        sets, curled = _sets(week, options), _curled(week, options)
        for note in _notes(data, week):
            if not (note.startswith("Above the band: ") and "floors" in note):
                continue
            head, tail = note.split(": the sets that bring ", 1)
            named = tail.split(" to or nearer their floors")[0].replace(" and ", ", ")
            for m in [x for x in named.split(", ") if x]:
                if m == "knee flexion":
                    assert floor and _knee_flexion(week), note
                else:
                    assert sets[m] < bands[m][0] + 1 + 1e-9, (m, sets[m], note)
            for m in MV.tracked:
                if f"{m} by " in head:
                    assert bands[m][1] < sets[m], (m, sets[m], note)
                    assert sets[m] - curled.get(m, 0.0) < bands[m][1] + MARGIN, (m, sets, note)
    assert not [v.line() for v in check_plan(data)
                if v.rule in ("volume.muscle-bands", "time.use", "pattern.knee-flexion-sets")]
