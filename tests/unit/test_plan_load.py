"""Issue 10 item 6 as a coach reads a plan: "A strength or hypertrophy plan loads what can be
loaded ... a vertical pull is replaced by a vertical pull (band, pullover) before a row." The
profiles are a coach's review of main (seed 0, 12 weeks)."""

from __future__ import annotations

from typing import Any

import pytest

from plans import build_json
from redwood.domain.vocabulary import LOAD_EQUIPMENT, Equipment


def _items(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for w in data["weeks"] for s in w["sessions"] for b in s["blocks"]
            for i in b["items"]]


def _week(w: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for s in w["sessions"] for b in s["blocks"] for i in b["items"]]


HOME_DUMBBELL_BENCH = dict(goal="strength", level="intermediate", days=4, minutes=60, weeks=12,
                           start="2027-01-04", location="home", equipment=["dumbbell", "bench"],
                           seed=0)
SORE_BACK_DUMBBELLS = dict(goal="hypertrophy", level="intermediate", days=3, minutes=45,
                           weeks=8, start="2027-01-04", location="home", equipment=["dumbbell"],
                           protect=["lower-back"], seed=0)
BACKPACK = dict(goal="strength", level="advanced", days=6, minutes=45, weeks=12,
                start="2027-01-04", location="home", equipment=["backpack", "stairs", "towel"],
                seed=0)


def test_a_row_never_says_it_stands_in_for_the_vertical_pull_a_pullover_replaces() -> None:
    """The review: Chest-Supported Row's reason said "a row in place of a vertical pull" while
    the notes said a pullover replaces it."""
    for options in (HOME_DUMBBELL_BENCH, SORE_BACK_DUMBBELLS, BACKPACK):
        data = build_json(**options)
        assert any("a pullover works the lats in its place" in n for n in data["notes"])
        for i in _items(data):
            if i["pattern"] == "horizontal-pull":
                assert "in place of a vertical pull" not in i["why"], (options, i["name"])
        # Every training week holds the pullover the note promises.
        for w in data["weeks"]:
            assert any(i["pattern"] == "pullover" for i in _week(w)), (options, w["index"])
        # The row in the vertical pull's slot says what it is and what stands in.
        rows = [i for i in _items(data) if i["role"] == "main" and i["pattern"] == "horizontal-pull"
                and ("Pull-Up needs" in i["why"] or "Pulldown needs" in i["why"])]
        assert rows and all("the week's pullover works the lats" in i["why"] for i in rows)


def test_a_barbell_kit_loads_its_single_leg_work() -> None:
    """The review: an unloaded Reverse Lunge at 2 x 6-8 with a barbell, bench and bar."""
    data = build_json(goal="strength", level="intermediate", days=3, minutes=75, weeks=12,
                      start="2027-01-04", location="gym",
                      equipment=["barbell", "bench", "pull-up-bar"], seed=0)
    lunges = [i for i in _items(data) if i["pattern"] == "lunge"]
    assert lunges
    assert all("barbell" in i["equipment"] for i in lunges), {i["name"] for i in lunges}
    # The bar sits on the back: a sore back or shoulder leaves them out, as the back squat.
    for area in ("lower-back", "shoulders"):
        spared = build_json(goal="strength", level="intermediate", days=3, minutes=75, weeks=4,
                            location="gym", equipment=["barbell", "bench", "pull-up-bar"],
                            protect=[area])
        assert not [i for i in _items(spared) if i["exercise_id"].startswith("barbell-")
                    and i["pattern"] == "lunge"], area


def test_a_sore_back_with_dumbbells_rows_a_dumbbell_with_the_torso_supported() -> None:
    """The review: every row was bodyweight (Table Inverted Row as a main lift 3 times a week,
    Doorframe Row) though the lifter has dumbbells."""
    data = build_json(**SORE_BACK_DUMBBELLS)
    mains = [i for i in _items(data) if i["role"] == "main" and i["pattern"] == "horizontal-pull"]
    assert mains and all("dumbbell" in i["equipment"] for i in mains), {i["name"] for i in mains}
    # Nothing bent over and unsupported: the lower-back rule still holds.
    assert not {i["exercise_id"] for i in _items(data)} & {"dumbbell-row", "rear-delt-raise"}


@pytest.mark.parametrize("location", ["home", "outdoor"])
@pytest.mark.parametrize("goal", ["strength", "hypertrophy"])
def test_a_backpack_loads_the_squats_lunges_and_pullovers(goal: str, location: str) -> None:
    """The review: where a backpack is the only load, split squats and lunges, squats and a
    floor pullover carry it rather than bodyweight, and say so."""
    data = build_json(goal=goal, level="intermediate", days=3, minutes=60, weeks=12,
                      start="2027-01-04", location=location, equipment=["backpack"], seed=0)
    # Block 1: the hypertrophy plan at home rotates in a bodyweight squat in block 2 (the
    # two-leg backpack squat is another day's main lift, so no accessory; not fixed here).
    first = [i for w in data["weeks"] if w["block"] == 1 for i in _week(w)]
    legs = [i for i in first if i["pattern"] in ("squat", "lunge", "pullover")]
    assert {i["pattern"] for i in legs} == {"squat", "lunge", "pullover"}
    assert all("backpack" in i["equipment"] for i in legs), {
        i["name"] for i in legs if "backpack" not in i["equipment"]}
    for i in legs:
        if i["role"] != "main":
            assert "your backpack is the only load your kit has" in i["why"], i["name"]
    # Outdoors a stair holds the rear foot: the Bulgarian split squat is among them.
    assert (location == "outdoor") is any(
        i["exercise_id"] == "backpack-bulgarian-split-squat" for i in legs)
    # With dumbbells too the backpack is no longer the only load: no reason says it is.
    both = build_json(goal=goal, level="intermediate", days=3, minutes=60, weeks=4,
                      start="2027-01-04", location=location, equipment=["backpack", "dumbbell"])
    assert not any("only load your kit has" in i["why"] for i in _items(both))


def _mains(session: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for b in session["blocks"] for i in b["items"] if i["role"] == "main"]


def _loaded(item: dict[str, Any]) -> bool:
    return not LOAD_EQUIPMENT.isdisjoint(Equipment(e) for e in item["equipment"])


# A hinge left out (excluded, or a sore back's): the legs' second main slot takes a squat.
@pytest.mark.parametrize("options", [
    dict(goal="hypertrophy", level="beginner", days=4, minutes=30, location="outdoor",
         equipment=["kettlebell", "pull-up-bar"], protect=["lower-back"], seed=5615),
    dict(goal="strength", level="beginner", days=6, minutes=60, location="gym",
         equipment=["kettlebell", "cable", "towel", "pull-up-bar"], exclude=["hinge"],
         protect=["shoulders"], seed=7698),
])
def test_a_second_main_squat_beside_a_goblet_squat_is_the_kettlebell_front_squat(
        options: dict[str, Any]) -> None:
    """The audit: Kettlebell Goblet Squat + Bodyweight Squat (or a box squat) as a session's main
    lifts, the kettlebell front squat unused: the squat in the hinge's place was the one that
    works the glutes most, loaded or not."""
    data = build_json(weeks=2, start="2027-01-04", **options)
    legs = [s for w in data["weeks"] for s in w["sessions"]
            if any(i["pattern"] == "squat" for i in _mains(s))]
    assert legs
    for s in legs:
        names = [i["name"] for i in _mains(s)]
        assert all(_loaded(i) for i in _mains(s) if i["pattern"] == "squat"), (s["title"], names)
    assert any("Kettlebell Front Squat" in [i["name"] for i in _mains(s)] for s in legs)


@pytest.mark.parametrize("options", [
    # No squat and sore knees: a backpack deadlift and a single-leg hip thrust.
    dict(goal="strength", level="intermediate", days=4, minutes=15, location="outdoor",
         equipment=["sled", "backpack", "machine", "bench"], exclude=["squat"],
         protect=["knees"], seed=2447),
    # A doorframe row spares the back the day after the deadlifts, beside a barbell row.
    dict(goal="strength", level="advanced", days=6, minutes=45, location="home",
         equipment=["sled", "box", "medicine-ball", "hill", "barbell"], seed=7853),
])
def test_a_loaded_main_lift_comes_before_a_bodyweight_one_of_its_pattern(
        options: dict[str, Any]) -> None:
    """The audit: Single-Leg Hip Thrust ahead of Backpack Deadlift, Doorframe Row ahead of Barbell
    Row: the heavy lift of the pattern is done fresh, first."""
    data = build_json(weeks=3, start="2027-01-04", **options)
    pairs = 0
    for w in data["weeks"]:
        for s in w["sessions"]:
            mains = _mains(s)
            for at, i in enumerate(mains):
                later = [x for x in mains[at + 1:] if x["pattern"] == i["pattern"]]
                pairs += bool(later)
                assert _loaded(i) or not any(_loaded(x) for x in later), (
                    w["index"], s["title"])
    assert pairs  # the profiles hold two main lifts of one pattern


def test_a_hardest_variation_beside_the_kits_loaded_lift_never_says_there_is_no_load() -> None:
    """Single-Leg Hip Thrust beside Backpack Deadlift said "with no load outdoors": the backpack
    is the load, on the session's other main lift."""
    data = build_json(goal="strength", level="intermediate", days=4, minutes=15, weeks=1,
                      start="2027-01-04", location="outdoor",
                      equipment=["sled", "backpack", "machine", "bench"], exclude=["squat"],
                      protect=["knees"], seed=2447)
    thrusts = [i for s in data["weeks"][0]["sessions"] for i in _mains(s)
               if i["name"] == "Single-Leg Hip Thrust"]
    assert thrusts
    for i in thrusts:
        assert "with no load outdoors" not in i["why"]
        assert "Backpack Deadlift, this session's other main lift" in i["why"]


# Found by bench/coach_grade.py (subst.unloaded-with-load), passed by `redwood check`: a legs
# accessory that rotated or was swapped to the movement's air version while the lifter's
# dumbbells or kettlebell load it.
AIR_SQUAT_AFTER_LUNGES = dict(goal="hypertrophy", level="advanced", days=6, minutes=90, weeks=11,
                              start="2027-01-04", location="home",
                              equipment=["bench", "dumbbell", "pull-up-bar"], supersets=False,
                              seed=225)
AIR_LUNGE_FOR_THE_CORE = dict(goal="strength", level="beginner", days=3, minutes=30, weeks=8,
                              start="2027-01-04", location="home",
                              equipment=["kettlebell", "bench"], exclude=["hinge"],
                              protect=["lower-back"], seed=3525)


@pytest.mark.parametrize("options", [AIR_SQUAT_AFTER_LUNGES, AIR_LUNGE_FOR_THE_CORE],
                         ids=["block 2 rotates to an air squat", "an excess to an air lunge"])
def test_legs_accessories_stay_loaded_where_the_kit_loads_them(options: dict[str, Any]) -> None:
    """An advanced lifter's second block swapped Dumbbell Squat 2 x 10-12 for Bodyweight Squat
    2 x 8-10, dumbbells in hand; a strength beginner's kettlebell lunge became a forward lunge
    to take a half set off the core. Every squat, lunge and hinge of a normal week carries the
    load the lifter owns."""
    data = build_json(**options)
    for w in data["weeks"]:
        if w["deload"]:
            continue
        for i in _week(w):
            if i["pattern"] in ("squat", "lunge", "hinge") and i["mechanic"] == "compound":
                assert set(i["equipment"]) & LOAD_EQUIPMENT, (w["index"], i["name"])


# coach_grade's subst.unloaded-with-load:main-at-gym (issue 10 items 6 and 9): a gym "with only"
# a backpack, a trap bar and a bar gave an air squat as the main squat of a size plan, "the
# nearest squat your kit allows", though the listed backpack loads it.
GYM_WITH_A_BACKPACK = dict(goal="hypertrophy", level="beginner", days=4, minutes=120, weeks=5,
                           start="2027-01-04", location="gym", seed=974, supersets=False,
                           equipment=["backpack", "pull-up-bar", "trap-bar", "water-bottle"])


def test_a_gym_listing_a_backpack_loads_the_squat_with_it() -> None:
    data = build_json(**GYM_WITH_A_BACKPACK)
    squats = [i for i in _items(data) if i["role"] == "main" and i["pattern"] == "squat"]
    assert squats
    assert all("backpack" in i["equipment"] for i in squats), {i["name"] for i in squats}
    assert not any("the nearest squat your kit allows" in i["why"] for i in _items(data))


def test_a_gym_with_all_its_kit_never_picks_improvised_kit() -> None:
    """A backpack or stairs in a gym with every machine and bar is no coach's choice: only a
    gym "with only" a list that names them uses them."""
    data = build_json(**{**GYM_WITH_A_BACKPACK, "equipment": []})
    improvised = {"backpack", "stairs", "hill", "water-bottle", "towel"}
    assert not [i["name"] for i in _items(data) if improvised & set(i["equipment"])]
