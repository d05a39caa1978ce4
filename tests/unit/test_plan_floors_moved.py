"""Floors a week could reach by moving a curl, trading a calf raise, or a main lift's set
(issue 10, items 1-3).

bench/main_sets.py (600 profiles, seed 1) still found 34 plans whose first week held fewer
knee-flexion sets than [muscle_volume.knee_flexion], and 14 with a main muscle below its
floor, while a session had a quarter of its minutes left. Most curls sat on a back day whose
rows had two sets, so main.most-sets capped them at two while the legs days' squats had three;
some could not grow because legs:back sat at 2:1; and the quadriceps of beginners with sore
knees were trained only by main squats, every accessory's two sets taking the glutes two past
their top where one squat set takes them one. A coach moves the curl to the legs day, drops a
third calf raise for the curl set, and gives the squat a third set. What stays short says
which rule holds it.
"""

from __future__ import annotations

from typing import Any

from plans import build_json
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.check import check_plan
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules

RULES = load_rules()
MV = RULES.muscle_volume
MARGIN = RULES.coach_checks.above_band_sets
LEAST_USE = RULES.dosing.min_time_use

# plan_space's profiles (bench/plan_space.py `profile`, --seed 1) that main_sets.py counted.
KETTLEBELL_GYM = dict(goal="strength", level="intermediate", days=6, minutes=120, weeks=11,
                      location="gym", equipment=["kettlebell"], supersets=True, seed=4856,
                      protect=["shoulders"])
MACHINE_AT_HOME = dict(goal="strength", level="advanced", days=5, minutes=60, weeks=10,
                       location="home", equipment=["machine", "barbell"], supersets=True,
                       seed=1470, protect=["knees"])
# --seed 11 (bench/plan_space.py `profile`): a main box squat's fourth set (quadfloor).
BOX_SQUAT_OUTDOORS = dict(goal="hypertrophy", level="beginner", days=2, minutes=57, weeks=4,
                          location="outdoor",
                          equipment=["water-bottle", "hill", "bench", "medicine-ball"],
                          supersets=True, seed=9141, exclude=["lunge"])
SORE_BACK_OUTDOORS = dict(goal="strength", level="intermediate", days=6, minutes=90, weeks=9,
                          location="outdoor", equipment=[], supersets=True, seed=657,
                          protect=["lower-back"])
BANDS_GYM = dict(goal="strength", level="advanced", days=6, minutes=75, weeks=5,
                 location="gym", equipment=["resistance-band"], supersets=True, seed=5850)
# --seed 2.
KETTLEBELL_SORE_BACK = dict(goal="hypertrophy", level="beginner", days=5, minutes=60, weeks=5,
                            location="outdoor", equipment=["kettlebell"], supersets=True,
                            seed=2682, protect=["lower-back"])


def _plan(options: dict[str, Any]) -> dict[str, Any]:
    return build_json(start="2027-01-04", **options)


def _week(data: dict[str, Any]) -> dict[str, Any]:
    return next(w for w in data["weeks"] if not w["deload"])


def _sets_of(block: dict[str, Any], item: dict[str, Any]) -> int:
    return int(block["rounds"] if block["kind"] == "superset" else item["sets"])


def _knee_flexion(week: dict[str, Any]) -> int:
    return sum(_sets_of(b, i) for s in week["sessions"] for b in s["blocks"] for i in b["items"]
               if i["pattern"] == "knee-flexion")


def _bands(options: dict[str, Any]) -> dict[str, tuple[int, int]]:
    goal, level = Goal(options["goal"]), Level(options["level"])
    return {m: MV.band(goal, level, m) for m in MV.tracked}


def _floor(options: dict[str, Any]) -> int:
    return MV.knee_flexion_floor(Goal(options["goal"]), Level(options["level"]))


def _muscles(week: dict[str, Any], options: dict[str, Any]) -> dict[str, float]:
    return json_week_muscle_sets(week, MV, Goal(options["goal"]))


def _mains_lead(week: dict[str, Any]) -> bool:
    """main.most-sets: no accessory of a session has more sets than its fewest main lift."""
    for s in week["sessions"]:
        items = [(b, i) for b in s["blocks"] for i in b["items"]]
        mains = [_sets_of(b, i) for b, i in items if i.get("role") == "main"]
        if mains and any(_sets_of(b, i) > min(mains) for b, i in items
                         if i.get("role") != "main"):
            return False
    return True


def _regions(week: dict[str, Any]) -> tuple[float, float]:
    """The week's legs and back hard sets, as the week's tally note gives them."""
    note = next(n for n in week.get("notes", []) if " for legs and " in n)
    legs = float(note.split(" for legs and ")[0].rsplit(" ", 1)[1])
    back = float(note.split(" for legs and ")[1].split(" ", 1)[0])
    return legs, back


def _all_notes(data: dict[str, Any], week: dict[str, Any]) -> list[str]:
    return [*data["notes"], *week.get("notes", [])]


def test_a_curl_capped_on_a_two_set_row_day_moves_to_a_legs_day() -> None:
    # Six days with a kettlebell: the only curl sat on Saturday's back day, its two-set rows
    # capping it at two (main.most-sets), the week at 2 of the 3 curl sets, the legs days at
    # 33-41 of 120 min with three-set lunges and squats. The curl moves to a legs day at three
    # sets; the hip abduction gives way so legs:back stays inside 2:1.
    data = _plan(KETTLEBELL_GYM)
    assert check_plan(data) == []
    week = _week(data)
    assert _knee_flexion(week) >= _floor(KETTLEBELL_GYM)
    assert _mains_lead(week)
    curl_days = [s["title"] for s in week["sessions"] for b in s["blocks"] for i in b["items"]
                 if i["pattern"] == "knee-flexion"]
    assert curl_days and all(t.startswith("Legs") for t in curl_days), curl_days
    low, high = RULES.volume.balance
    legs, back = _regions({"notes": data["notes"]})
    assert low <= legs / back <= high
    sets, bands = _muscles(week, KETTLEBELL_GYM), _bands(KETTLEBELL_GYM)
    assert all(sets[m] >= bands[m][0] for m in MV.tracked)
    assert all(sets[m] < bands[m][1] + MARGIN for m in MV.tracked)
    above = [n for n in _all_notes(data, week) if n.startswith("Above the band: ")]
    assert above and "hamstrings by" in above[0] and "knee flexion" in above[0]


def test_a_calf_raise_set_gives_way_to_the_curls_at_two_to_one() -> None:
    # Five days with machines: legs at 30 sets to the back's 15, so every curl set broke
    # legs:back (volume.balance), and the curls sat at 2 of 4. A calf-raise set from a session
    # with minutes to spare (not one that would then end early) makes room; the calves keep
    # their floor and every session that used its minutes still does.
    data = _plan(MACHINE_AT_HOME)
    assert check_plan(data) == []
    week = _week(data)
    assert _knee_flexion(week) >= _floor(MACHINE_AT_HOME)
    low, high = RULES.volume.balance
    legs, back = _regions({"notes": data["notes"]})
    assert low <= legs / back <= high
    sets, bands = _muscles(week, MACHINE_AT_HOME), _bands(MACHINE_AT_HOME)
    assert sets["calves"] >= bands["calves"][0]
    assert _mains_lead(week)


def test_the_quadriceps_take_a_main_squat_set_where_no_accessory_can() -> None:
    # Two full-body days outdoors, no lunges: the quadriceps' accessories (a bodyweight squat,
    # jump squats) sit at their sessions' three-set main lifts (main.most-sets), and the
    # quadriceps short of their floor. A fourth set of the main box squat lifts them to it
    # (_floor_main_set), every muscle within above_band_sets of its top; the curls keep their
    # floor and main lifts still lead. (Until the glutes counted at half beside the
    # quadriceps in hypertrophy too, the profile here was no lunges and sore knees at home,
    # 5 x 90 min with dumbbells, whose third main squat set took the glutes past their top;
    # that week now reaches the quadriceps' floor with no such set.)
    options = BOX_SQUAT_OUTDOORS
    data = _plan(options)
    assert check_plan(data) == []
    bands = _bands(options)
    for week in (w for w in data["weeks"] if not w["deload"]):
        sets = _muscles(week, options)
        assert sets["quadriceps"] >= bands["quadriceps"][0], week["index"]
        assert all(sets[m] < bands[m][1] + MARGIN for m in MV.tracked), week["index"]
        assert _knee_flexion(week) >= _floor(options)
        assert _mains_lead(week)
    squats = [i["sets"] for s in _week(data)["sessions"] for b in s["blocks"] for i in b["items"]
              if i["pattern"] == "squat" and i.get("role") == "main"]
    # The main squat past the goal's sets: the set the floor took.
    assert squats and max(squats) > _goal_sets(options), squats
    assert not [n for n in data["notes"] if n.startswith("Short of the band")
                and "quadriceps" in n], data["notes"]


def _curled(week: dict[str, Any], options: dict[str, Any]) -> dict[str, float]:
    """What the week's curls up to the knee-flexion floor add to each muscle (in proportion
    where the week holds more): the sets volume.muscle-bands leaves out of above_band_sets."""
    kf = _knee_flexion(week)
    curls = {**week, "sessions": [{**s, "blocks": [
        {**b, "items": [i for i in b["items"] if i["pattern"] == "knee-flexion"]}
        for b in s["blocks"]]} for s in week["sessions"]]}
    part = min(1.0, _floor(options) / kf) if kf else 0.0
    return {m: n * part for m, n in _muscles(curls, options).items()}


def _goal_sets(options: dict[str, Any]) -> int:
    return RULES.goals[Goal(options["goal"])].compound_sets


def test_curls_capped_at_two_reach_the_floor_as_two_curls_past_the_hamstrings_top() -> None:
    # Six days outdoors with a sore back: every session's main lifts have two sets on the days
    # a curl could go, so each curl stays at two (main.most-sets), and single-leg hip thrusts
    # at 4 sets on two days fill the hamstrings (14 of 8-14). The week held 2 of the 3 curl
    # sets; a second curl's two sets take the hamstrings two past their top, all of it the
    # curls' floor (maeo2021: the hip thrusts' sets do not stand in for the curls), so the
    # second curl comes: 4 curl sets, the main lifts at their sets.
    data = _plan(SORE_BACK_OUTDOORS)
    assert check_plan(data) == []
    bands = _bands(SORE_BACK_OUTDOORS)
    for week in (w for w in data["weeks"] if not w["deload"]):
        kf, floor = _knee_flexion(week), _floor(SORE_BACK_OUTDOORS)
        assert kf >= floor, week["index"]
        sets, curled = _muscles(week, SORE_BACK_OUTDOORS), _curled(week, SORE_BACK_OUTDOORS)
        assert all(sets[m] - curled.get(m, 0.0) < bands[m][1] + MARGIN for m in MV.tracked)
        assert _mains_lead(week)
    week = _week(data)
    thrusts = [i["sets"] for s in week["sessions"] for b in s["blocks"] for i in b["items"]
               if i["exercise_id"] == "single-leg-hip-thrust"]
    assert thrusts and min(thrusts) >= _goal_sets(SORE_BACK_OUTDOORS), thrusts
    assert not [n for n in data["notes"] if n.startswith("Knee flexion (leg curls): ")]
    # The hamstrings' excess is the curls', the core's its two main lifts a session: each
    # note says its own reason.
    above = [n for n in data["notes"] if n.startswith("Above the band: ")]
    floors = [n for n in above if "knee flexion to or nearer their floors" in n]
    assert floors and "hamstrings by" in floors[0] and "core" not in floors[0], above
    plain = [n for n in above if "fewest sets the rules allow" in n]
    assert plain and "core by" in plain[0] and "hamstrings" not in plain[0], above


def test_a_fourth_curl_set_takes_the_hamstrings_past_their_top_by_the_curls_alone() -> None:
    # Six days with bands: three banded squats of 4 and two hinges of 3 fill the hamstrings,
    # and the curls stopped at 3 of 4 with the hamstrings a set past their top (17 of 10-16):
    # a fourth curl set would take them two past, which volume.muscle-bands forbade. The
    # curls up to their floor are a floor of their own (maeo2021: hinges load the short head
    # of the biceps femoris little), so the fourth set comes; the main lifts keep their sets.
    data = _plan(BANDS_GYM)
    assert check_plan(data) == []
    week = _week(data)
    sets, bands = _muscles(week, BANDS_GYM), _bands(BANDS_GYM)
    curled = _curled(week, BANDS_GYM)
    assert _knee_flexion(week) >= _floor(BANDS_GYM)
    top = bands["hamstrings"][1]
    assert top + 1 < sets["hamstrings"] < top + MARGIN + curled["hamstrings"]
    squats = [i["sets"] for s in week["sessions"] for b in s["blocks"] for i in b["items"]
              if i["exercise_id"] == "banded-squat"]
    assert squats and min(squats) >= _goal_sets(BANDS_GYM), squats
    assert _mains_lead(week)
    assert not [n for n in data["notes"] if n.startswith("Knee flexion (leg curls): ")]
    above = next(n for n in data["notes"] if n.startswith("Above the band: "))
    assert f"hamstrings by {sets['hamstrings'] - top:g} sets" in above
    assert "knee flexion to or nearer their floors" in above


def test_hamstrings_below_their_floor_get_a_second_curl_past_the_glutes_top() -> None:
    # Five days outdoors with a kettlebell and a sore back: no hinge is left. Counted whole in
    # a hypertrophy plan, squats and a bridge took the glutes past their top (15 of 10-14) and
    # the hamstrings sat at 7 of 10-14 with one curl of two sets, until a second curl took the
    # glutes to 16, two past their top but only by the curls' floor. With the glutes at half
    # beside the quadriceps and the hamstrings ([muscle_volume.assists.hypertrophy]) the
    # glutes hold nothing back: two curls and a hamstring walkout bring the hamstrings to
    # their floor (12 of 10-14) with the glutes inside their band. The core sits at 10 of 4-8
    # from the main lifts' two sets a session, which does not hold the hamstrings back either.
    # (No plan_space profile over 3,000 (--seed 11) still holds the hamstrings below their
    # floor by another muscle's top for a new curl: the expectation is the floor itself.)
    data = _plan(KETTLEBELL_SORE_BACK)
    assert check_plan(data) == []
    week = _week(data)
    sets, bands = _muscles(week, KETTLEBELL_SORE_BACK), _bands(KETTLEBELL_SORE_BACK)
    curled = _curled(week, KETTLEBELL_SORE_BACK)
    assert _knee_flexion(week) >= _floor(KETTLEBELL_SORE_BACK)
    assert sets["hamstrings"] >= bands["hamstrings"][0], sets
    assert sets["glutes"] - curled["glutes"] < bands["glutes"][1] + MARGIN
    assert sets["core"] > bands["core"][1] + 1  # as it was: its main lifts at their fewest
    assert _mains_lead(week)
