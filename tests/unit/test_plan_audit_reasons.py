"""Issue 10 item 9, from a coach's audit of 1500 random plans (bench/plan_space.py's profiles,
seed 1): a main row's reason said "the week's pullover works the lats" in weeks whose time cuts
had left the pullover out (50 plans), and a bodyweight lift's reason called it "the nearest
row your kit allows, with only your bodyweight" beside a loaded row in the same session, or
with a loaded one of its pattern left unchosen (102 plans). Each fix has the check
(why.matches) that catches the same false reason in a hand-edited plan."""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from typing import Any

import pytest

from plans import build_json
from redwood.domain.vocabulary import LOAD_EQUIPMENT
from redwood.planner.check import Violation, check_plan

Json = dict[str, Any]

# plan_space profile 0 (seed 1): lats trained by rows, the pullover cut for 20-minute sessions;
# a chair-supported dumbbell row and a table inverted row as one session's main lifts.
DUMBBELL_20 = dict(goal="hypertrophy", level="intermediate", days=5, minutes=20, weeks=13,
                   location="gym", equipment=["dumbbell"], supersets=True, seed=464,
                   exclude=["lunge"], protect=["lower-back"])
# The same on 2 days: with 3+ days a week keeps its pullover now (substitution.vertical-pull);
# on 2 the rule asks for none, and the 20-minute sessions leave it out.
DUMBBELL_20_2_DAYS = {**DUMBBELL_20, "days": 2}
# plan_space profile 118 (seed 1): a bodyweight single-leg hip thrust chosen before the
# backpack deadlift beside it.
BACKPACK_15 = dict(goal="strength", level="intermediate", days=4, minutes=15, weeks=10,
                   location="outdoor", equipment=["sled", "backpack", "machine", "bench"],
                   supersets=True, seed=2447, exclude=["squat"], protect=["knees"])

_NEAREST = re.compile(r"the nearest (.+?) your kit allows, with only your bodyweight")
_LABELS = {"row": "horizontal-pull", "squat": "squat", "hinge": "hinge",
           "single-leg": "lunge", "vertical pull": "vertical-pull"}


@cache
def _plan(key: str) -> Json:
    return build_json(**json.loads(key))


def plan(**options: Any) -> Json:
    return copy.deepcopy(_plan(json.dumps(options, sort_keys=True)))


def _found(data: Json, text: str) -> list[Violation]:
    return [v for v in check_plan(data) if v.rule == "why.matches" and text in v.message]


def _weeks_items(data: Json) -> list[tuple[Json, list[Json]]]:
    return [(w, [i for s in w["sessions"] for b in s["blocks"] for i in b["items"]])
            for w in data["weeks"]]


def test_a_row_names_the_weeks_pullover_only_in_a_week_that_holds_one() -> None:
    data = plan(**DUMBBELL_20_2_DAYS)
    rows_standing_in = 0
    for _, items in _weeks_items(data):
        pullover = any(i["pattern"] == "pullover" for i in items)
        for i in items:
            assert pullover or "the week's pullover" not in i["why"], i["why"]
            rows_standing_in += "in place of a vertical pull" in i["why"]
    assert rows_standing_in  # the rows say they stand in for the vertical pull themselves
    assert not _found(data, "pullover")


def test_check_catches_a_pullover_the_week_does_not_hold() -> None:
    data = plan(**DUMBBELL_20_2_DAYS)
    item = next(i for s in data["weeks"][0]["sessions"] for b in s["blocks"] for i in b["items"]
                if i["pattern"] == "horizontal-pull")
    item["why"] += (" Lat Pulldown needs cable, which you don't have: it is the closest compound "
                    "lift you can do, a row; the week's pullover works the lats in the vertical "
                    "pull's place.")
    assert _found(data, "the week holds no pullover")


def _nearest_beside_loaded(data: Json) -> list[str]:
    """Items called the nearest lift of their pattern the kit allows, with only bodyweight,
    in a session that holds a loaded lift of that pattern."""
    out = []
    for w in data["weeks"]:
        for s in w["sessions"]:
            items = [i for b in s["blocks"] for i in b["items"]]
            for i in items:
                for label in _NEAREST.findall(i["why"]):
                    if any(x is not i and x["pattern"] == _LABELS.get(label)
                           and not LOAD_EQUIPMENT.isdisjoint(x["equipment"]) for x in items):
                        out.append(f"week {w['index']} {s['title']}: {i['name']}")
    return out


def test_a_bodyweight_lift_beside_the_kits_loaded_one_says_so() -> None:
    data = plan(**DUMBBELL_20)
    assert not _nearest_beside_loaded(data)
    whys = [i["why"] for _, items in _weeks_items(data) for i in items
            if i["exercise_id"] == "table-inverted-row"]
    assert any("beside Chair-Supported Dumbbell Row, this session's other main lift" in w
               for w in whys)


def test_a_bodyweight_lift_chosen_before_a_loaded_one_is_not_the_kits_nearest() -> None:
    data = plan(**BACKPACK_15)
    assert not _nearest_beside_loaded(data)
    assert not _found(data, "the nearest")


def test_check_catches_the_nearest_bodyweight_lift_beside_a_loaded_one() -> None:
    data = plan(**DUMBBELL_20)
    for s in data["weeks"][0]["sessions"]:
        items = [i for b in s["blocks"] for i in b["items"]]
        ids = [i["exercise_id"] for i in items]
        if "table-inverted-row" in ids and "chair-supported-dumbbell-row" in ids:
            row = items[ids.index("table-inverted-row")]
            row["why"] = re.sub(r"is the nearest row your kit allows beside [^,]+, this "
                                r"session's other main lift,",
                                "is the nearest row your kit allows,", row["why"])
            break
    else:
        raise AssertionError("no session with both rows")
    assert _found(data, "chair-supported-dumbbell-row, a loaded row")


# plan_space profile 94 (seed 1): 15-minute sessions of main lifts alone, five weeks.
MAINS_ONLY = dict(goal="endurance", level="advanced", days=5, minutes=15, weeks=5,
                  location="home", equipment=["machine", "backpack", "trap-bar", "box",
                                              "dumbbell"], supersets=True, seed=9925,
                  exclude=["hinge"])


def test_main_lifts_alone_promise_no_rotating_accessories() -> None:
    data = plan(**MAINS_ONLY)
    roles = {i["role"] for _, items in _weeks_items(data) for i in items}
    assert roles == {"main"}
    assert not any("accessories rotate" in n for n in data["notes"])
    assert any("no accessory to rotate" in n for n in data["notes"])
    assert not _found(data, "accessor")


def test_check_catches_a_rotation_note_in_a_plan_of_main_lifts() -> None:
    data = plan(**MAINS_ONLY)
    data["notes"].append("Weeks 1-4 keep the same exercises; accessories rotate every 4 weeks "
                         "while the main lifts stay.")
    assert _found(data, "accessories rotate every 4 weeks, but no session holds an accessory")


# Short strength sessions whose main lifts' rest is cut to 2 min for time (plan_space seed 1
# profiles 104 and 12, and the CLI's 2 x 15-minute gym plan): the multi-joint lift after them
# rested 150 s, longer than the main lifts.
SHORT_STRENGTH = [
    dict(goal="strength", level="advanced", days=2, minutes=15, weeks=11, location="home",
         equipment=["resistance-band", "bench"], supersets=True, seed=8494),
    dict(goal="strength", level="beginner", days=3, minutes=15, weeks=8, location="outdoor",
         equipment=["pull-up-bar", "water-bottle", "stairs", "barbell"], supersets=True,
         seed=6990, exclude=["squat"]),
    dict(goal="strength", level="beginner", days=2, minutes=15, weeks=12, location="gym",
         supersets=True, seed=0),
]


@pytest.mark.parametrize("options", SHORT_STRENGTH)
def test_no_lift_after_the_main_ones_rests_longer_than_their_cut_rest(
        options: dict[str, Any]) -> None:
    data = plan(**options)
    cut_sessions = 0
    for w in data["weeks"]:
        for s in w["sessions"]:
            single = [i for b in s["blocks"] if b["kind"] == "single" for i in b["items"]]
            cut = [i["rest_s"] for i in single
                   if i["role"] == "main" and "cut to the goal's minimum" in i["why"]]
            if not cut:
                continue
            cut_sessions += 1
            for i in single:
                if i["role"] != "main":
                    assert i["rest_s"] <= min(cut), (w["index"], s["title"], i["name"])
    assert cut_sessions  # the profiles still cut the main lifts' rest


# Deloads (issue 10 item 4): a bodyweight squat and a plank were told to "take about 10% off
# the load" (886 of 1500 plans, seed 1), and a week whose supersets were done as straight sets,
# or a plan that never had one, read "supersets fewer rounds" (925 plans).
HOME_BODYWEIGHT = dict(goal="hypertrophy", level="beginner", days=3, minutes=45, weeks=12,
                       location="home", supersets=True, seed=3)
NO_SUPERSETS = dict(goal="strength", level="intermediate", days=3, minutes=60, weeks=8,
                    location="gym", supersets=False, seed=1)


def _deloads(data: Json) -> list[tuple[Json, list[Json]]]:
    return [(w, items) for w, items in _weeks_items(data) if w["deload"]]


def test_a_deload_takes_load_off_only_what_carries_load() -> None:
    data = plan(**HOME_BODYWEIGHT)
    assert _deloads(data)
    unloaded = 0
    for _, items in _deloads(data):
        for i in items:
            loaded = not LOAD_EQUIPMENT.isdisjoint(i["equipment"])
            assert loaded or "off the load" not in i["why"], (i["name"], i["why"])
            if not loaded:
                unloaded += 1
                assert "no load to take off" in i["why"]
                assert ("same hold" if "seconds_min" in i else "same reps") in i["why"]
    assert unloaded
    assert not _found(data, "take load off")


def test_check_catches_a_load_cut_on_a_bodyweight_lift() -> None:
    data = plan(**HOME_BODYWEIGHT)
    _, items = _deloads(data)[0]
    item = next(i for i in items if LOAD_EQUIPMENT.isdisjoint(i["equipment"]))
    item["why"] += " Deload week: take about 10% off the load."
    assert _found(data, "says to take load off")


def test_deload_notes_name_supersets_only_as_the_week_has_them() -> None:
    for options in (NO_SUPERSETS, HOME_BODYWEIGHT, DUMBBELL_20):
        data = plan(**options)
        plan_has = any(b["kind"] == "superset" for w in data["weeks"] for s in w["sessions"]
                       for b in s["blocks"])
        assert plan_has or not any("supersets" in n for n in data["notes"]), options
        for w, _ in _deloads(data):
            held = any(b["kind"] == "superset" for s in w["sessions"] for b in s["blocks"])
            assert held == ("supersets fewer rounds" in w["note"]), (options, w["note"])
        assert not _found(data, "supersets fewer rounds")


def test_check_catches_fewer_rounds_in_a_week_without_supersets() -> None:
    data = plan(**NO_SUPERSETS)
    week, _ = _deloads(data)[0]
    week["note"] = week["note"].replace("of its sets", "of its sets (supersets fewer rounds)")
    assert _found(data, "the week holds no superset")


# A deload rests a one-set lift, yet the session's reason still named it as the day's work for
# the other region (plan_space seed 1 profile 162: "back work today is isolation only (Reverse
# Snow Angel)" on a legs day without it; 51 sessions in 20 plans).
SIX_SHORT = dict(goal="endurance", level="advanced", days=6, minutes=15, weeks=14,
                 location="outdoor", equipment=["stairs"], supersets=True, seed=9721,
                 exclude=["squat"])


def test_a_sessions_reason_names_only_the_work_it_holds() -> None:
    data = plan(**SIX_SHORT)
    named = 0
    for w in data["weeks"]:
        for s in w["sessions"]:
            m = re.search(r"(leg|back) work today is isolation only \(([^)]*)\)", s["why"])
            if m is None:
                continue
            named += 1
            region = "legs" if m[1] == "leg" else "back"
            held = {i["name"] for b in s["blocks"] for i in b["items"] if i["region"] == region}
            assert set(re.split(r", | and ", m[2])) == held, (w["index"], s["title"])
    assert named
    assert not _found(data, "work today")


def test_check_catches_a_session_reason_naming_work_it_lacks() -> None:
    data = plan(**SIX_SHORT)
    session = next(s for s in data["weeks"][0]["sessions"] if "no back work today" in s["why"]
                   or "isolation only" in s["why"])
    session["why"] = re.sub(r"no back work today|(leg|back) work today is isolation only "
                            r"\([^)]*\)", "back work today is isolation only (Face Pull)",
                            session["why"])
    assert _found(data, "is isolation only (Face Pull), but it holds")


# A deload's figures (issue 10 item 4): every generated plan states them truly; a hand-edited
# plan whose figures are not the plan's is caught.
STRENGTH_ADVANCED = dict(goal="strength", level="advanced", days=4, minutes=60, weeks=8,
                         location="gym", supersets=True, seed=12, exclude=["hinge"])


def test_check_holds_a_deloads_figures_to_the_plan() -> None:
    data = plan(**STRENGTH_ADVANCED)
    assert not _found(data, "instead of") and not _found(data, "hard sets last week")
    week, items = _deloads(data)[0]
    item = next(i for i in items if re.search(r"Deload week: \d+ sets? instead of", i["why"]))
    item["why"] = re.sub(r"instead of (\d+)", lambda m: f"instead of {int(m[1]) + 1}",
                         item["why"])
    assert _found(data, "sets instead of")
    week["note"] = re.sub(r"(\d+) hard sets last week", lambda m: f"{int(m[1]) + 9} hard sets "
                          "last week", week["note"])
    assert _found(data, "hard sets last week")
