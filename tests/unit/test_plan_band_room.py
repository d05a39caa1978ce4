"""Room in the bands for what the week needs (issue 10 items 2, 3 and 6).

Two corners plan_space found (seeds 6 and 7, 1,500 profiles each):
- a two-day week whose core is past its top through the lifts' bracing alone kept its plank,
  which no rule asks for below three days a week (volume.muscle-bands);
- a five-day week with no vertical pull lost its pullover in the third block: the inverted rows
  held the core at its top, so the pullover's half set of core did not fit, and rows took the
  lats' sets (substitution.vertical-pull).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from test_plan_last_floors import _band, _normal, _plan, _sets

from redwood.planner.check import check_plan
from redwood.rules import load_rules

# Two 52-minute days with a kettlebell and a backpack, the lower back protected: goblet squats,
# lunges and inverted rows brace the core to its top before any core exercise.
TWO_DAYS_BRACED = dict(
    goal="strength", level="beginner", days=2, minutes=52, weeks=3, location="gym",
    equipment=["kettlebell", "backpack", "box", "hill"], supersets=True, seed=4988,
    exclude=["vertical-pull"], protect=["lower-back"])

# Five 30-minute days at home with a backpack and a trap bar: no vertical pull the kit allows,
# a backpack floor pullover in its place; the third block starts in week 13.
FIVE_SHORT_DAYS_NO_BAR = dict(
    goal="strength", level="beginner", days=5, minutes=30, weeks=13, location="home",
    equipment=["backpack", "trap-bar"], supersets=True, seed=2395,
    exclude=["lunge"], protect=["knees"])


def _ids(week: dict[str, Any]) -> list[str]:
    return [i["exercise_id"] for s in week["sessions"] for b in s["blocks"] for i in b["items"]]


def test_a_braced_core_past_its_top_lets_its_plank_go_on_two_days() -> None:
    options = TWO_DAYS_BRACED
    data = _plan(options)
    assert check_plan(data) == []
    low, top = _band(options, "core")
    for week in _normal(data):
        sets = _sets(week, options)
        # Main kept its side plank: core 8 of 3-6. Now only the lifts' bracing: within a set.
        assert low <= sets["core"] < top + 1, sets
        direct = [i["exercise_id"] for s in week["sessions"] for b in s["blocks"]
                  for i in b["items"] if "abdominals" in i["primary_muscles"]]
        assert direct == [], direct
        # The legs keep their lifts: the plank went, not the lunge.
        assert any("lunge" in i for i in _ids(week)), _ids(week)
        assert sets["quadriceps"] >= _band(options, "quadriceps")[0], sets


def test_the_weeks_only_lat_exercise_stays_in_every_block() -> None:
    options = FIVE_SHORT_DAYS_NO_BAR
    data = _plan(options)
    assert check_plan(data) == []
    for week in _normal(data):
        ids = _ids(week)
        assert any("pullover" in i for i in ids), (week["index"], ids)
        sets = _sets(week, options)
        for muscle in ("lats", "core", "upper-back"):
            top = _band(options, muscle)[1]
            assert sets[muscle] <= top, (week["index"], sets)


# Four 91-minute days at home with bands and a bench (plan_space --seed 8): the legs reach 40
# hard sets, the most a week, with the glutes at 16.5 of 12-20. Their one lift with room, a
# band lateral walk, is a legs lift; a back-region reverse hyperextension trains them too but
# its half set of hamstrings would pass their top. check's time.use counted that region's room
# as the glutes' and called the 60-minute sessions half empty.
BANDS_AT_HOME_LEGS_FULL = dict(
    goal="hypertrophy", level="advanced", days=4, minutes=91, weeks=2, location="home",
    equipment=["resistance-band", "bench"], supersets=True, seed=768)


def test_a_muscle_whose_lifts_sit_in_a_full_region_has_no_room() -> None:
    options = BANDS_AT_HOME_LEGS_FULL
    data = _plan(options)
    assert check_plan(data) == []
    week = _normal(data)[0]
    legs = sum(i["sets"] for s in week["sessions"] for b in s["blocks"] for i in b["items"]
               if i["region"] == "legs")
    assert legs == 40
    top = _band(options, "glutes")[1]
    assert _sets(week, options)["glutes"] <= top - 1  # room in the band, none in the region
    early = [n for n in week.get("notes", []) if n.startswith("Sessions that end early")]
    assert early and "the legs already have 40 hard sets, the most a week" in early[0], early


def test_time_use_still_counts_room_in_a_region_below_its_ceiling() -> None:
    # The same plan judged with the legs' ceiling raised past what the week holds: the lateral
    # walk could grow, so the early sessions break time.use.
    rules = load_rules()
    raised = replace(rules, volume=replace(rules.volume, max_sets=60))
    found = {v.rule for v in check_plan(_plan(BANDS_AT_HOME_LEGS_FULL), rules=raised)}
    assert "time.use" in found, found
