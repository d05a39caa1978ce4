"""What a lifter reads in the text, markdown and web plan: every week that changes is shown
(an intermediate's wave, an advanced lifter's rising RPE), a deload says what it cuts, and a
session that ends early says why (issue 10: "two plans that differ only in level differ
visibly"; "the week's note says what changes"; "the notes say so")."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from plans import build
from redwood.planner.serialize import plan_json
from redwood.render.text import plan_markdown, print_plan

# The golden review set's intermediate (a wave in block 1) and advanced (RPE) gym plans.
INTERMEDIATE = dict(goal="hypertrophy", level="intermediate", days=4, minutes=60, weeks=12,
                    start="2027-01-04")
ADVANCED = dict(goal="hypertrophy", level="advanced", days=6, minutes=90, weeks=12,
                start="2027-01-04")
# A strength week at the top of its bands ends early (the 3 x 60 beginner's did until its glutes
# counted at half beside the quadriceps and hamstrings: [muscle_volume.assists]).
EARLY = dict(goal="strength", level="advanced", days=5, minutes=75, weeks=2, start="2027-01-04")


def _text(options: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    plan = build(**options)
    out = io.StringIO()
    print_plan(plan, out)
    return out.getvalue(), plan_json(plan)


def _weeks_of_text(text: str) -> dict[int, str]:
    """Each week's part of the text output, by its number."""
    parts = re.split(r"─+ Week (\d+)[^\n]*\n", text)
    return {int(parts[k]): parts[k + 1] for k in range(1, len(parts), 2)}


def _doses(week: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            b.get("rounds"),
            i["exercise_id"],
            i["sets"],
            i.get("reps_min"),
            i.get("reps_max"),
            i["rest_s"],
            i.get("rpe"),
        )
        for s in week["sessions"]
        for b in s["blocks"]
        for i in b["items"]
    ]


@pytest.mark.parametrize("options", [INTERMEDIATE, ADVANCED])
def test_a_week_is_folded_only_when_the_lifter_does_exactly_the_same(
    options: dict[str, Any],
) -> None:
    text, data = _text(options)
    weeks = _weeks_of_text(text)
    folded = []
    for before, week in zip(data["weeks"], data["weeks"][1:], strict=False):
        same = _doses(before) == _doses(week) and not week["deload"]
        shown = weeks[week["index"]]
        assert ("Same sessions as last week" in shown) == same, week["index"]
        folded.append(same)
    # Intermediates repeat a week now and then; an advanced lifter's RPE changes every week.
    assert any(folded) is (options is INTERMEDIATE) and not all(folded)


def test_a_wave_week_shows_its_new_sets() -> None:
    # 45 minutes: the back squat's 4 sets wave (3, then 4); rep waves are off in the rules.
    text, data = _text({**INTERMEDIATE, "minutes": 45})
    weeks = _weeks_of_text(text)
    changed = [
        w
        for before, w in zip(data["weeks"], data["weeks"][1:], strict=False)
        if not w["deload"]
        and not before["deload"]
        and [d[1] for d in _doses(before)] == [d[1] for d in _doses(w)]
        and _doses(before) != _doses(w)
    ]
    assert changed  # the wave steps a main lift up inside a block
    for w in changed:
        assert "Same sessions" not in weeks[w["index"]]


def test_every_rpe_target_is_in_the_sets_column() -> None:
    text, data = _text(ADVANCED)
    weeks = _weeks_of_text(text)
    for week in data["weeks"][:4]:
        targets = {
            i["rpe"]
            for s in week["sessions"]
            for b in s["blocks"]
            for i in b["items"]
            if i.get("rpe") is not None
        }
        assert week["deload"] or targets
        for rpe in targets:
            assert f"@ RPE {rpe:g}" in weeks[week["index"]]
    markdown = plan_markdown(build(**ADVANCED))
    assert "3 x 8-10 @ RPE 9 |" in markdown


def test_a_deload_week_says_what_it_cuts_in_text_and_markdown() -> None:
    text, data = _text(INTERMEDIATE)
    (deload, *_) = [w for w in data["weeks"] if w["deload"]]
    assert deload["note"].startswith("Deload:")
    assert "Deload: every exercise does about 50% of its sets" in _weeks_of_text(text)[
        deload["index"]
    ].replace("\n  ", " ")
    markdown = plan_markdown(build(**INTERMEDIATE))
    part = markdown.split(f"## Week {deload['index']} (deload)")[1].split("## Week")[0]
    assert deload["note"].split(" [")[0] in part


def test_a_session_that_ends_early_says_why() -> None:
    text, data = _text(EARLY)
    budget = data["profile"]["minutes_per_session"]
    early = [s for s in data["weeks"][0]["sessions"] if s["estimated_minutes"] < 0.75 * budget]
    assert early
    flat = " ".join(text.split())
    for s in early:
        assert f"{s['estimated_minutes']} of {budget} min" in flat


def test_the_web_page_folds_a_week_only_when_nothing_changes() -> None:
    from redwood.web.views.plan import plan_weeks

    data = plan_json(build(**INTERMEDIATE))
    shown = plan_weeks(data)
    for before, week, page in zip(data["weeks"], data["weeks"][1:], shown[1:], strict=False):
        same = _doses(before) == _doses(week) and not week["deload"]
        assert (page["same_as"] is not None) == same, week["index"]


@pytest.mark.parametrize(
    "options",
    [
        INTERMEDIATE,
        dict(goal="strength", level="intermediate", days=5, minutes=45, weeks=12,
             location="home", equipment=["kettlebell", "pull-up-bar"], start="2027-01-04"),
    ],
)
def test_the_progression_note_names_the_lifts_that_wave_and_no_others(
    options: dict[str, Any],
) -> None:
    data = plan_json(build(**options))
    waves: dict[str, set[int]] = {}
    kinds: set[str] = set()  # "sets" and "reps": what waves somewhere in the plan
    mains: set[str] = set()
    for block in {w["block"] for w in data["weeks"]}:
        doses: dict[tuple[str, int], dict[str, set[object]]] = {}
        for w in data["weeks"]:
            if w["block"] != block or w["deload"]:
                continue
            for n, s in enumerate(w["sessions"]):
                for b in s["blocks"]:
                    for i in b["items"]:
                        if i.get("role") == "main":
                            mains.add(i["name"])
                            seen = doses.setdefault((i["name"], n), {"sets": set(),
                                                                     "reps": set()})
                            seen["sets"].add(i["sets"])
                            seen["reps"].add((i.get("reps_min"), i.get("reps_max")))
        for (name, _), seen in doses.items():
            for kind, values in seen.items():
                if len(values) > 1:
                    waves.setdefault(name, set()).add(block)
                    kinds.add(kind)
    (note,) = [n for n in data["notes"] if n.startswith("Progression:")]
    named = note.split("; the other main lifts")[0]
    for name in mains:
        assert (name in named) is (name in waves), name
    for name, blocks in waves.items():
        assert all(any(str(b) in part.split(";")[0] for part in named.split(name)[1:])
                   for b in blocks)
    assert ("a wave, one set fewer" in named) is ("sets" in kinds)
    assert ("a rep wave" in named) is ("reps" in kinds)


@pytest.mark.parametrize(
    "options",
    [
        EARLY,
        dict(goal="strength", level="beginner", days=4, minutes=75, weeks=2, location="home",
             equipment=["dumbbell", "bench", "pull-up-bar"], protect=["lower-back"]),
        dict(goal="strength", level="intermediate", days=5, minutes=60, weeks=2, location="home",
             equipment=["kettlebell", "pull-up-bar"]),
    ],
)
def test_an_early_end_says_more_would_not_add_muscle_only_when_every_main_muscle_is_full(
    options: dict[str, Any],
) -> None:
    from redwood.domain.vocabulary import Goal, Level
    from redwood.planner.volume import json_week_muscle_sets, room_for_a_set
    from redwood.rules import load_rules

    mv = load_rules().muscle_volume
    data = plan_json(build(**options))
    week = data["weeks"][0]
    goal, level = Goal(data["profile"]["goal"]), Level(data["profile"]["level"])
    sets = json_week_muscle_sets(week, mv, goal)
    # The checker's measure (time.use): a muscle with room for a whole set is not full.
    room = [m for m in mv.main if room_for_a_set(sets[m], mv.band(goal, level, m)[1])]
    budget = data["profile"]["minutes_per_session"]
    early = [s for s in week["sessions"] if s["estimated_minutes"] < 0.75 * budget]
    assert early
    # What stops the muscles with room is the week's note, said once (the session names them).
    said = " ".join(n for n in week.get("notes", []) if n.startswith("Sessions that end early"))
    assert bool(said) is bool(room)
    for s in early:
        assert ("more would not add muscle" in s["why"]) is not room
        for m in room:
            assert f"{m} at {sets[m]:g} of its" in said and m in s["why"]


@pytest.mark.parametrize(
    ("options", "early"),
    [
        # Block 2's reasons said "hamstrings at 11.5 of its 10-14 band" in weeks holding 13.5:
        # the week was counted before the time steps moved and traded its sets.
        (dict(goal="hypertrophy", level="beginner", days=6, minutes=30, weeks=8,
              start="2027-03-11", seed=4, protect=["knees"]), False),
        # Sessions that end early in both blocks, whose week notes state their muscles' sets.
        # (The same lifter without sore knees, seed 1, did at 6 x 30 min; with the glutes at
        # half beside the quadriceps and hamstrings for hypertrophy too, its sessions fill
        # their minutes, and so did every seed 0-39 of it.)
        (dict(goal="hypertrophy", level="beginner", days=6, minutes=45, weeks=8,
              start="2027-03-11", seed=11), True),
        # The plan's note said "13 for legs and 16 for back" for a week 1 of 15 and 14.
        (dict(goal="hypertrophy", level="advanced", days=5, minutes=20, weeks=6,
              start="2027-02-15", supersets=False, seed=4), False),
    ],
)
def test_the_sets_a_plan_states_are_the_sets_it_holds(options: dict[str, Any],
                                                      early: bool) -> None:
    from redwood.domain.vocabulary import Goal
    from redwood.planner.volume import json_week_muscle_sets
    from redwood.rules import load_rules

    mv = load_rules().muscle_volume
    data = plan_json(build(**options))
    stated = 0
    for week in [w for w in data["weeks"] if not w["deload"]]:
        sets = json_week_muscle_sets(week, mv, Goal(data["profile"]["goal"]))
        for text in [*week.get("notes", []), *(s["why"] for s in week["sessions"])]:
            for muscle, n in re.findall(r"([a-z-]+) at ([\d.]+) of its", text):
                assert float(n) == sets[muscle], (week["start"], text, muscle)
                stated += 1
    # Short sessions name the muscles with room (the 6 x 45 plan, in both blocks); 5 x 20 min
    # fills its time, and so do the sore knees' 6 x 30 sessions.
    least = load_rules().dosing.min_time_use * options["minutes"]
    short = {w["index"] for w in data["weeks"] if not w["deload"]
             for s in w["sessions"] if s["estimated_minutes"] < least}
    assert bool(stated) is bool(short)
    assert bool(short) is early
    if early:
        assert {w["block"] for w in data["weeks"] if w["index"] in short} == {1, 2}
    regions: dict[str, int] = {}
    for s in data["weeks"][0]["sessions"]:
        for b in s["blocks"]:
            for i in b["items"]:
                regions[i["region"]] = regions.get(i["region"], 0) + i["sets"]
    said = f"{regions['legs']} for legs and {regions['back']} for back in all"
    assert any(said in n for n in data["notes"]), said


def test_a_one_set_deload_item_says_one_set() -> None:
    data = plan_json(build(**INTERMEDIATE))
    deload = next(w for w in data["weeks"] if w["deload"])
    items = [i for s in deload["sessions"] for b in s["blocks"] for i in b["items"]]
    ones = [i for i in items if i["sets"] == 1]
    assert ones
    for i in ones:
        assert "Deload week: 1 set instead of" in i["why"] and "1 sets" not in i["why"]


def test_a_deload_item_that_keeps_its_one_set_says_so() -> None:
    # 4 x 15 min still holds a one-set lift with no minutes for a second (2 x 15 min now gives
    # every main lift two sets, dropping the accessory).
    data = plan_json(build(goal="endurance", level="advanced", days=4, minutes=15, weeks=4))
    deload = next(w for w in data["weeks"] if w["deload"])
    whys = [i["why"] for s in deload["sessions"] for b in s["blocks"] for i in b["items"]]
    assert any("still 1 set (one set cannot be halved)" in w for w in whys)
    assert not any("1 set instead of 1" in w or "1 sets" in w for w in whys)
