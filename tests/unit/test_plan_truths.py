"""Issue 10 items 6, 7 and 9 as a coach reads a plan: substitutions keep the goal, a protected
area is spared what hurts it, and every reason and note says what the plan does."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from plans import build_json
from redwood.planner.check import check_plan


def _items(data: dict[str, Any], weeks: range | None = None) -> list[dict[str, Any]]:
    return [i for w in data["weeks"] if weeks is None or w["index"] in weeks
            for s in w["sessions"] for b in s["blocks"] for i in b["items"]]


def test_a_plan_without_a_roller_names_its_static_stretches_once() -> None:
    data = build_json(goal="endurance", level="intermediate", days=3, minutes=30, weeks=2,
                      location="home")
    for s in data["weeks"][0]["sessions"]:
        assert "static stretches last" in s["why"]
        assert "static stretches, static stretches" not in s["why"]


def test_a_scapular_pull_up_is_shoulder_blade_work_not_a_vertical_pull() -> None:
    # Negatives left out: with them the bar's vertical pull is the negative, not this.
    data = build_json(goal="hypertrophy", level="beginner", days=3, minutes=30, weeks=12,
                      location="home", equipment=["kettlebell", "pull-up-bar"],
                      exclude=["negative-pull-up", "negative-chin-up"])
    scap = [i for i in _items(data) if i["exercise_id"] == "scapular-pull-up"]
    assert scap
    for i in scap:
        assert "shoulder-blade" in i["why"] and "vertical pull" not in i["why"]


def test_a_sissy_squat_is_dosed_as_quad_isolation() -> None:
    # Strength plans with dumbbells and a bench: which of them picks the sissy squat moves with
    # the planner's choices (a pullover, isolation spacing take its minutes on some), so look at
    # a few and ask for at least one; every sissy squat is dosed as quad isolation, not at the
    # strength range of a compound lift.
    sissy = []
    for days, minutes in ((4, 60), (4, 75), (3, 75)):
        for level in ("advanced", "intermediate"):
            data = build_json(goal="strength", level=level, days=days, minutes=minutes, weeks=12,
                              location="home", equipment=["dumbbell", "bench"])
            sissy += [i for i in _items(data) if i["exercise_id"] == "sissy-squat"]
    assert sissy
    for i in sissy:
        assert i["reps_min"] >= 8 and i["rest_s"] <= 90, i
        assert i["why"].startswith("Isolation knee-extension")


def test_slow_negatives_are_three_to_five_reps() -> None:
    data = build_json(goal="strength", level="beginner", days=3, minutes=45, weeks=4,
                      location="home", equipment=["pull-up-bar", "dumbbell"])
    negatives = [i for i in _items(data) if i["exercise_id"].startswith("negative-")]
    assert negatives
    for i in negatives:
        assert (i["reps_min"], i["reps_max"]) == (3, 5)


def test_a_kit_without_a_vertical_pull_gets_a_pullover_and_the_note_says_so() -> None:
    """P02: "rows and pullovers work the lats instead" with no pullover in 12 weeks, though a
    dumbbell pullover fits a dumbbell and a bench."""
    data = build_json(goal="strength", level="intermediate", days=4, minutes=45, weeks=12,
                      location="home", equipment=["dumbbell", "bench"], start="2026-12-07")
    for w in data["weeks"]:
        patterns = {i["pattern"] for s in w["sessions"] for b in s["blocks"] for i in b["items"]}
        assert "vertical-pull" not in patterns and "pullover" in patterns, w["index"]
    note = next(n for n in data["notes"] if n.startswith("No vertical pull"))
    assert "a pullover works the lats in its place" in note


def test_a_split_day_names_the_other_regions_work_and_never_calls_it_light() -> None:
    """P03's Tuesday: "legs work today is light isolation only" beside 4 x 8-12 leg curls, as
    many sets as the main lifts."""
    data = build_json(goal="strength", level="advanced", days=5, minutes=90, weeks=2)
    split = [s for s in data["weeks"][0]["sessions"] if s["focus"] != "full"]
    assert split
    for s in split:
        other = "legs" if s["focus"] == "back" else "back"
        names = [i["name"] for b in s["blocks"] for i in b["items"] if i["region"] == other]
        assert "light isolation" not in s["why"]
        for name in names:
            assert name in s["why"].split("[schedule.recovery]")[0]
        if not names:
            assert f"no {'leg' if other == 'legs' else 'back'} work today" in s["why"]


def test_an_outdoor_plan_rows_under_a_low_bar_never_a_table_or_a_door_frame() -> None:
    """P15 and P09: "Table Inverted Row" and "Single-Arm Doorframe Row" outdoors."""
    for options in (dict(goal="hypertrophy", level="advanced", days=3, minutes=45,
                         supersets=False),
                    dict(goal="endurance", level="advanced", days=5, minutes=45)):
        data = build_json(**options, weeks=12, location="outdoor")
        names = {i["name"] for i in _items(data)}
        assert not {n for n in names if "Table" in n or "Door" in n}, names
        assert "Low-Bar Inverted Row" in names
    home = build_json(goal="hypertrophy", level="advanced", days=3, minutes=45, weeks=4,
                      location="home", equipment=["pull-up-bar"])
    assert not {i["name"] for i in _items(home) if "Low-Bar" in i["name"]}


def test_sore_knees_squat_to_a_box_or_on_the_leg_press_and_the_note_names_them() -> None:
    """P11: the note promised box squats, leg press and hip thrusts beside a 4 x 8-10 back
    squat and no box squat."""
    data = build_json(goal="hypertrophy", level="beginner", days=4, minutes=45, weeks=12,
                      protect=["knees"])
    ids = {i["exercise_id"] for i in _items(data)}
    assert not ids & {"back-squat", "front-squat", "goblet-squat", "sissy-squat", "hack-squat"}
    assert "lunge" not in {i["pattern"] for i in _items(data)}
    # Knee extension only near straight, foot on the floor (steinkamp1993), held still at about
    # 60 degrees (rio2015) or walking backward (roos2012): no leg extension or reverse Nordic
    # through the whole range.
    assert {i["exercise_id"] for i in _items(data) if i["pattern"] == "knee-extension"} <= {
        "terminal-knee-extension", "cable-terminal-knee-extension", "isometric-leg-extension",
        "backward-sled-drag", "backward-hill-walk"}
    squats = {i["name"] for i in _items(data) if i["pattern"] == "squat"}
    assert squats and squats <= {"Leg Press", "Barbell Box Squat", "Goblet Box Squat",
                                 "Box Squat (to a bench)", "Bodyweight Squat"}, squats
    note = next(n for n in data["notes"] if n.startswith("--protect knees"))
    first = {i["name"] for i in _items(data, range(1, 2)) if i["pattern"] in ("squat", "hinge")}
    said = note.split("in their place: ")[1]
    for name in first:
        assert name in said
    assert "hip thrust" not in said.lower() or any("Thrust" in n for n in first)
    # The lunge's main slot takes a hip thrust, not a second squat ([protect.knees] prefer).
    for w in data["weeks"]:
        for s in w["sessions"]:
            mains = [i for b in s["blocks"] for i in b["items"] if i["role"] == "main"]
            assert sum(i["pattern"] == "squat" for i in mains) <= 1, (w["index"], mains)
    assert any("Thrust" in i["name"] or "Bridge" in i["name"] for i in _items(data))


def test_sore_knees_leg_press_is_in_a_limited_range_and_never_near_maximal() -> None:
    """A coach's review: the note promised "the leg press in a limited range", but the Leg Press
    read only "4 x 4-6 reps: the strength range for barbell and machine lifts"."""
    data = build_json(goal="strength", level="intermediate", days=4, minutes=60, weeks=12,
                      start="2027-01-04", protect=["knees"])
    squats = [i for i in _items(data) if i["pattern"] == "squat"]
    assert "leg-press" in {i["exercise_id"] for i in squats}
    for i in squats:
        assert i["reps_min"] >= 6 and i["reps_max"] <= 8, (i["name"], i["reps_min"])
        assert "only to about a right angle" in i["why"] and "pain-free" in i["why"]
        # A lift whose own range starts below that (barbell and machine, 4-6) says it moved
        # up; a dumbbell squat's 6-8 is already there.
        if "range for barbell and machine" in i["why"]:
            # In a rep wave the item holds the week's reps, the reason the range they step in.
            assert f"6-{i['reps_max']} for --protect knees" in i["why"] or (
                "rep wave" in i["why"] and "for --protect knees" in i["why"]), i["why"]
    # Without the complaint the leg press keeps the strength range for machine lifts.
    plain = build_json(goal="strength", level="intermediate", days=4, minutes=60, weeks=2,
                       start="2027-01-04", equipment=["machine", "cable", "dumbbell"])
    press = [i for i in _items(plain) if i["exercise_id"] == "leg-press"]
    assert press and all(i["reps_min"] == 4 and "right angle" not in i["why"] for i in press)


def _main_squat(data: dict[str, Any]) -> dict[str, Any]:
    return next(i for s in data["weeks"][0]["sessions"] for b in s["blocks"] for i in b["items"]
                if i["role"] == "main" and i["region"] == "legs" and i["pattern"] != "hinge")


def test_a_trained_lifter_with_only_dumbbells_squats_on_one_leg_as_the_main_lift() -> None:
    """A coach's review: an advanced strength lifter with dumbbells and a bench had a Goblet
    Squat 5 x 6-8 as the main squat (no dumbbell is heavy enough) and the Bulgarian split
    squat as 2 sets of accessory work."""
    data = build_json(goal="strength", level="advanced", days=2, minutes=120, weeks=12,
                      start="2027-01-04", location="home", equipment=["dumbbell", "bench"])
    main = _main_squat(data)
    assert main["exercise_id"] == "dumbbell-bulgarian-split-squat", main["name"]
    assert "is your main squat, not the goblet squat" in main["why"]
    assert "more weight than your hands can hold" in main["why"]
    assert "Back Squat needs barbell" not in main["why"]
    # Its session's single-leg slot squats on two legs instead of a second split squat.
    first = data["weeks"][0]["sessions"][0]
    session = [i for b in first["blocks"] for i in b["items"]]
    assert main in session
    assert sum(i["pattern"] == "lunge" for i in session) == 1
    # No bench, kettlebells: a split squat with both feet down.
    bells = build_json(goal="hypertrophy", level="intermediate", days=3, minutes=60, weeks=4,
                       location="home", equipment=["kettlebell"])
    assert _main_squat(bells)["exercise_id"] == "kettlebell-split-squat"
    # Beginners learn the two-leg squat; a barbell loads a two-leg squat; endurance needs reps.
    for options in (dict(level="beginner", equipment=["dumbbell", "bench"]),
                    dict(level="advanced", equipment=["dumbbell", "bench", "barbell"]),
                    dict(level="advanced", goal="endurance", equipment=["dumbbell", "bench"])):
        plain = build_json(**{"goal": "strength", "days": 2, "minutes": 120, "weeks": 2,
                              "location": "home", **options})
        assert _main_squat(plain)["pattern"] == "squat", options


KETTLEBELL_WEEK = dict(goal="strength", level="intermediate", days=5, minutes=45, weeks=12,
                      location="home", equipment=["kettlebell", "pull-up-bar"], seed=0)


@pytest.mark.parametrize("options", [
    KETTLEBELL_WEEK,
    {**KETTLEBELL_WEEK, "days": 3, "minutes": 60, "seed": 3},
    {**KETTLEBELL_WEEK, "days": 6, "minutes": 60, "seed": 3},
    # Dumbbells alone are left out: their only lighter hinge is a single-leg deadlift, which
    # hinge.variation asks for on one later hinge day, beside that day's split squat or lunge.
    {**KETTLEBELL_WEEK, "goal": "hypertrophy", "equipment": ["dumbbell", "bench"],
     "minutes": 60},
])
def test_a_hand_held_week_gives_one_single_leg_main_a_day_and_no_reason_it_contradicts(
        options: dict[str, Any]) -> None:
    """Issue 10 items 5, 6 and 9, a coach's review of a strength intermediate with kettlebells
    and a pull-up bar, 5 x 45 min: the split squat's reason says a two-leg kettlebell squat needs
    more weight than the hands can hold for strength reps, yet Friday gave a Kettlebell Front
    Squat 2 x 6-8; Wednesday's two main lifts were both lunges (split squat and reverse lunge),
    and the split squat came three times a week beside a reverse lunge it could have given way
    to."""
    data = build_json(**options)
    assert check_plan(data) == []
    said = [i for i in _items(data) if i["role"] == "main"
            and "more weight than your hands can hold" in i["why"]]
    assert said  # the plan says it: its two-leg squats must agree
    top = max(i["reps_max"] for i in said)
    for w in data["weeks"]:
        if w["deload"]:
            continue
        one_leg: Counter[str] = Counter()
        for s in w["sessions"]:
            items = [i for b in s["blocks"] for i in b["items"]]
            mains = [i for i in items if i["role"] == "main" and i["region"] == "legs"]
            assert sum(i["per_side"] for i in mains) <= 1, (w["index"], s["title"])
            one_leg.update(i["exercise_id"] for i in mains if i["per_side"])
            for i in items:  # a two-leg squat held in the hands: not for strength reps...
                if i["pattern"] == "squat" and not i["per_side"] and {
                        "kettlebell", "dumbbell"} & set(i["equipment"]):
                    if i["role"] == "main":
                        # ...but in a third hinge day's place, where hinges on every legs day
                        # would hold the main lifts at 2 sets (test_plan_strength_legs): its
                        # reason says so, and no lift of its session says the hands cannot
                        # load it.
                        assert "in place of a third hinge day" in i["why"], i["why"]
                        assert not any("more weight than your hands can hold" in x["why"]
                                       for x in items), s["title"]
                        continue
                    assert i["reps_max"] > top, (i["name"], s["title"])
                    assert "more weight than your hands can hold" in i["why"], i["why"]
        # A single-leg main lift on three days is three of the same where another could come.
        if sum(one_leg.values()) >= 3:
            assert len(one_leg) >= 2 and max(one_leg.values()) < 3, (w["index"], one_leg)


def test_a_sore_back_keeps_hip_thrusts_and_one_hip_abduction_a_week() -> None:
    """P05: --protect lower-back took the hip thrust out and gave the glutes three hip
    abductions a week instead."""
    data = build_json(goal="hypertrophy", level="intermediate", days=4, minutes=60, weeks=12,
                      protect=["lower-back"])
    for w in data["weeks"]:
        items = [i for s in w["sessions"] for b in s["blocks"] for i in b["items"]]
        assert sum(i["pattern"] == "hip-abduction" for i in items) <= 1, w["index"]
        assert not {i["exercise_id"] for i in items} & {"deadlift", "romanian-deadlift",
                                                         "good-morning", "back-squat"}
    assert any("Thrust" in i["name"] or "Bridge" in i["name"] for i in _items(data))
    note = next(n for n in data["notes"] if n.startswith("--protect lower-back"))
    assert "Hip Thrust" in note.split("in their place: ")[1]


def test_exclude_hinge_says_it_takes_hip_thrusts_too() -> None:
    data = build_json(goal="hypertrophy", level="intermediate", days=4, minutes=60, weeks=2,
                      exclude=["hinge"])
    assert not [i for i in _items(data) if i["pattern"] == "hinge"]
    assert any("hip thrusts and glute bridges too" in n for n in data["notes"])


def test_an_outdoor_chin_up_gives_way_to_a_vertical_pull_not_a_row() -> None:
    """P15: from week 7 a doorframe row took the chin-up's place though the bar was there."""
    data = build_json(goal="hypertrophy", level="advanced", days=3, minutes=45, weeks=12,
                      location="outdoor", supersets=False)
    for w in data["weeks"]:
        for s in w["sessions"]:
            items = [i for b in s["blocks"] for i in b["items"]]
            assert sum(i["pattern"] == "vertical-pull" for i in items) <= 1 or w["deload"]
        # A vertical pull every week, main lift or accessory (from block 3 the archer pull-ups
        # take the chin-up's sets as main lifts), and never a row in the chin-up's place.
        pulls = [i for s in w["sessions"] for b in s["blocks"] for i in b["items"]
                 if i["pattern"] == "vertical-pull"]
        assert pulls, w["index"]
        assert not any("in place of a vertical pull" in i["why"] for s in w["sessions"]
                       for b in s["blocks"] for i in b["items"]), w["index"]
