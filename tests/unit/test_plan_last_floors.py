"""The last main muscles below their floors while a session has time (issue 10, item 2).

bench/main_sets.py counted, over 600 of plan_space's profiles, 52 normal weeks in 8 plans (seed
2) and 10 in 2 (seed 1) with a main muscle below its band's floor while a session ended under
[dosing] min_time_use of its minutes. Four of seed 2's plans are sore knees without squats and
a kit with no knee-friendly quadriceps exercise at all (another branch's). The others had three
causes, each a place a coach would have put the sets:

- A main muscle's floor pass counted the curls' sets up to [muscle_volume.knee_flexion] towards
  [coach_checks] above_band_sets, which volume.muscle-bands leaves out (only knee flexion's own
  pass spared them): a sore back with a kettlebell, hamstrings at 9 of 10-14, the glutes at 16
  of 10-14 from two-set squats, each curl set half a glute set.
- A main lift below the goal's sets that held the short muscle's accessory at its own sets
  (main.most-sets) took a set with it, but the session's other main lift at the same sets did
  not, so the main lifts no longer led and the trade was refused: backward hill walks at two
  sets beside two-set deadlifts and RDLs, quadriceps at 9 of 10-14, sessions at 30-55 of 67 min.
- A glute bridge never joined a hinge day, as a good morning after a deadlift would not; but a
  bridge is isolation work that rests the spine ([protect.lower-back] keeps it), and a plan
  whose every legs day hinges (no squats, sore knees) had no place for the glutes' own work:
  glutes at 8 of 10-16, sessions at 35-52 of 98 min.

Where the legs already hold twice the back's sets (legs:back, [volume] balance), a leg muscle or
the curls below their floors say so, not that more minutes or days would close the gap.
"""

from __future__ import annotations

import re
from typing import Any

from plans import build_json
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.check import check_plan
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules

RULES = load_rules()
MV = RULES.muscle_volume

# plan_space's profiles (bench/plan_space.py `profile`) that main_sets.py counted.
SORE_BACK_KETTLEBELL_AND_BENCH = dict(  # seed 2
    goal="hypertrophy", level="beginner", days=6, minutes=66, weeks=3, location="home",
    equipment=["kettlebell", "bench"], supersets=False, seed=3149, exclude=["lunge"],
    protect=["lower-back"])
SORE_BACK_KETTLEBELL_AND_BAR = dict(  # seed 2
    goal="hypertrophy", level="beginner", days=6, minutes=45, weeks=8, location="home",
    equipment=["kettlebell", "pull-up-bar"], supersets=True, seed=8809, exclude=["lunge"],
    protect=["lower-back"])
HILL_FOR_SORE_KNEES = dict(  # seed 1
    goal="hypertrophy", level="beginner", days=5, minutes=67, weeks=9, location="outdoor",
    equipment=["kettlebell"], supersets=True, seed=957, exclude=["squat"], protect=["knees"])
HINGE_EVERY_LEGS_DAY = dict(  # seed 2
    goal="endurance", level="advanced", days=6, minutes=98, weeks=13, location="home",
    equipment=["water-bottle", "machine", "kettlebell"], supersets=True, seed=279,
    exclude=["squat"], protect=["knees"])
LEGS_AT_TWICE_THE_BACK = dict(  # seed 2
    goal="strength", level="intermediate", days=5, minutes=78, weeks=8, location="outdoor",
    equipment=["backpack", "trap-bar", "barbell", "stairs", "pull-up-bar"], supersets=True,
    seed=2835, protect=["shoulders"])


def _plan(options: dict[str, Any]) -> dict[str, Any]:
    return build_json(start="2027-01-04", **options)


def _band(options: dict[str, Any], muscle: str) -> tuple[int, int]:
    return MV.band(Goal(options["goal"]), Level(options["level"]), muscle)


def _sets(week: dict[str, Any], options: dict[str, Any]) -> dict[str, float]:
    return json_week_muscle_sets(week, MV, Goal(options["goal"]))


def _normal(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in data["weeks"] if not w["deload"]]


def _notes(data: dict[str, Any], week: dict[str, Any]) -> list[str]:
    return [*data["notes"], *week.get("notes", [])]


def _regions(week: dict[str, Any]) -> tuple[int, int]:
    """The week's legs and back hard sets (a superset's exercise its rounds)."""
    out = {"legs": 0, "back": 0}
    for s in week["sessions"]:
        for b in s["blocks"]:
            for i in b["items"]:
                if i["region"] in out:
                    out[i["region"]] += b["rounds"] if b["kind"] == "superset" else i["sets"]
    return out["legs"], out["back"]


def test_the_hamstrings_reach_their_floor_past_the_glutes_top_by_the_curls() -> None:
    # A sore back at home: goblet and front squats at two sets on three legs days put the
    # glutes at 16-17 of 10-14 (counted whole, as hypertrophy then counted them; they count
    # half beside the quadriceps or hamstrings now), and the curls (half a glute set each)
    # stopped at the hamstrings' 9 of 10-14. The glutes past their top by no more than what
    # the curls add are what volume.muscle-bands accepts: the hamstrings get their floor.
    for options in (SORE_BACK_KETTLEBELL_AND_BENCH, SORE_BACK_KETTLEBELL_AND_BAR):
        data = _plan(options)
        assert check_plan(data) == [], options["seed"]
        low = _band(options, "hamstrings")[0]
        for week in _normal(data):
            assert _sets(week, options)["hamstrings"] >= low, (options["seed"], week["index"])


def test_a_two_set_day_of_hinges_takes_a_set_with_the_hill_walk() -> None:
    # Outdoors with sore knees and no squats: the backward hill walk is the quadriceps' own
    # work, held at two sets by the deadlifts and RDLs beside it (main.most-sets). Both main
    # lifts of a day take a third set with it, the goal's sets, and the quadriceps reach 10.
    data = _plan(HILL_FOR_SORE_KNEES)
    assert check_plan(data) == []
    low = _band(HILL_FOR_SORE_KNEES, "quadriceps")[0]
    for week in _normal(data):
        assert _sets(week, HILL_FOR_SORE_KNEES)["quadriceps"] >= low, week["index"]
        for s in week["sessions"]:
            items = [(b, i) for b in s["blocks"] for i in b["items"]]
            mains = [i["sets"] for _, i in items if i.get("role") == "main"]
            assert all(i["sets"] <= min(mains) for b, i in items
                       if i.get("role") != "main" and b["kind"] == "single"), s["title"]


def test_a_glute_bridge_joins_a_hinge_day_for_the_glutes_floor() -> None:
    # Every legs day hinges (kettlebell deadlifts, RDLs and swings: no squats, sore knees),
    # which count the glutes at half in an endurance plan: 8 of 10-16 in the second and third
    # blocks, sessions at 35-52 of 98 min. A bridge rests the spine: it joins.
    data = _plan(HINGE_EVERY_LEGS_DAY)
    assert check_plan(data) == []
    low = _band(HINGE_EVERY_LEGS_DAY, "glutes")[0]
    for week in _normal(data):
        sets = _sets(week, HINGE_EVERY_LEGS_DAY)["glutes"]
        if sets >= low:
            continue
        # What is left short is legs:back's, and the note says so with the week's own figures.
        legs, back = _regions(week)
        assert legs + 1 > 2 * back, week["index"]
        assert any(re.match(r"Short of the band: glutes by [\d.]+ sets?; the legs already have "
                            rf"twice the back's hard sets \({legs} to {back}\)", n)
                   for n in _notes(data, week)), (week["index"], _notes(data, week))
    short = [w["index"] for w in _normal(data)
             if _sets(w, HINGE_EVERY_LEGS_DAY)["glutes"] < low]
    assert len(short) <= 1, short


def test_curls_held_by_legs_at_twice_the_back_say_so() -> None:
    # Strength outdoors with sore shoulders: sessions at 30-38 of 78 min, the hamstrings at
    # 10.5 of 8-14, and two curl sets of the three a week. Nothing held them but legs:back:
    # the legs at 24 sets to the back's 12 (rows only: the upper back at its top, no pull-up
    # or pullover for sore shoulders). The note said the bands or the minutes held them.
    # Since timefill a session with time left takes a new exercise (a bench reverse
    # hyperextension, back work by the catalogue), which gives the legs room: the curls then
    # reach their floor, knee flexion before the main lifts' extra sets. Where they still fall
    # short, the note says why.
    data = _plan(LEGS_AT_TWICE_THE_BACK)
    assert check_plan(data) == []
    week = _normal(data)[0]
    legs, back = _regions(week)
    note = [n for n in _notes(data, week) if n.startswith("Knee flexion (leg curls)")]
    curls = sum(int(b["rounds"] if b["kind"] == "superset" else i["sets"])
                for s in week["sessions"] for b in s["blocks"] for i in b["items"]
                if i["pattern"] == "knee-flexion")
    floor = MV.knee_flexion_floor(Goal("strength"), Level("intermediate"))
    if curls >= floor:
        assert not note, note
        return
    assert note, _notes(data, week)
    assert f"past twice the back's hard sets ({legs} to {back})" in note[0], note[0]
    assert "minutes" not in note[0]



LEGS_AT_TWICE_THE_BACK_IN_A_GYM = dict(  # seed 2
    goal="strength", level="intermediate", days=5, minutes=67, weeks=10, location="gym",
    equipment=[], supersets=True, seed=3760, exclude=["lunge"])


def test_a_back_set_lets_the_legs_take_the_curl_set() -> None:
    # Strength in a gym without lunges: sessions at 33-46 of 67 min, two curl sets of the
    # three a week, the legs at 28 sets to the back's 14 (twice: legs:back's most) and the
    # upper back at 12.5 of 8-14. The curl set was held for the ratio (or a clamshell set
    # given up for it, leaving the glutes room the week would not spend). A coach adds back
    # work where the back has room (a rear-delt raise on a back day: half an upper-back set
    # each) and the legs take the curl set.
    options = LEGS_AT_TWICE_THE_BACK_IN_A_GYM
    data = _plan(options)
    assert check_plan(data) == []
    floor = MV.knee_flexion_floor(Goal.STRENGTH, Level.INTERMEDIATE)
    for week in _normal(data):
        curls = sum(b["rounds"] if b["kind"] == "superset" else i["sets"]
                    for s in week["sessions"] for b in s["blocks"] for i in b["items"]
                    if i["pattern"] == "knee-flexion")
        assert curls >= floor, week["index"]
        legs, back = _regions(week)
        assert legs <= RULES.volume.balance[1] * back, (week["index"], legs, back)
        sets = _sets(week, options)
        for muscle in ("upper-back", "lats", "glutes", "quadriceps"):
            assert sets[muscle] <= _band(options, muscle)[1], (week["index"], muscle)
    # The back's added work sits on a day that loads the back, not beside the squats (block
    # 1's week; block 2's fill put a snow angel on a squat day before any curl was short).
    week = _normal(data)[0]
    added = [(s["title"], i["exercise_id"]) for s in week["sessions"] for b in s["blocks"]
             for i in b["items"] if i["region"] == "back" and i.get("role") != "main"]
    assert added, week["sessions"]
    for s in week["sessions"]:
        items = [i for b in s["blocks"] for i in b["items"]]
        if any(i["region"] == "back" and i.get("role") != "main" for i in items):
            assert any(i["region"] == "back" and i.get("role") == "main" for i in items), (
                s["title"])


# --seed 11. The sore back outdoors with a kettlebell (5 x 60 min, seed 2682, --seed 2) now
# reaches the hamstrings' floor: with the glutes at half beside the quadriceps in hypertrophy
# too, nothing holds its curls (hamstrings 12 of 10-14). So does its successor (hypertrophy,
# beginner, 2 x 75 min, seed 4311, the lower back protected) since a two-day week whose core
# is past its top through bracing lets its plank go (test_plan_band_room): its minutes went to
# the curls. Now a short kettlebell-and-bench week without hinges (plan_space --seed 2 search).
SORE_BACK_KETTLEBELL_AT_HOME = dict(
    goal="strength", level="advanced", days=2, minutes=33, weeks=3, location="home",
    equipment=["kettlebell", "bench"], supersets=True, seed=5397, exclude=["hinge"])


def test_curls_held_by_two_set_main_lifts_say_so() -> None:
    # At home with a kettlebell, no hinges: the hamstrings below their floor, the curls their
    # only prime-mover work. Each curl sits at its session's fewest main-lift sets
    # (main.most-sets: a Nordic curl at three beside three-set main lifts), and two days a
    # week hold no third curl day. The note names the main lifts' cap.
    options = SORE_BACK_KETTLEBELL_AT_HOME
    data = _plan(options)
    assert check_plan(data) == []
    low = _band(options, "hamstrings")[0]
    short = 0
    for week in _normal(data):
        if _sets(week, options)["hamstrings"] >= low:
            continue
        short += 1
        note = [n for n in _notes(data, week) if n.startswith("Short of the band: hamstrings")]
        assert note and "[main.most-sets]" in note[0], _notes(data, week)
        for s in week["sessions"]:
            mains = [i["sets"] for b in s["blocks"] for i in b["items"] if i.get("role") == "main"]
            for b in s["blocks"]:
                for i in b["items"]:
                    if i["pattern"] == "knee-flexion":
                        assert b["kind"] == "single" and i["sets"] == min(mains), s["title"]
    assert short, "the profile no longer holds the hamstrings below their floor"
