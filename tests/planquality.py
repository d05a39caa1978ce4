"""What a coach checks first in a plan, read from the plan's JSON as a lifter would get it.

Shared by the golden review set (test_plan_review.py) and the property tests over the whole
profile space (test_plan_properties.py). Each check returns the problems it finds as lines, so
a failing test says where and what.
"""

from __future__ import annotations

import re
from typing import Any

from redwood.catalog import load_catalog
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules

Json = dict[str, Any]
WEEKLY_PATTERNS = ("squat", "hinge", "lunge", "knee-flexion", "horizontal-pull", "vertical-pull",
                   "calf-raise", "core")
# A muscle this close to the top of its band counts as there (sets come in whole numbers and
# secondary muscles in halves).
NEAR_TOP = 1.0
# Time comes in sets: a session may fall this far short of its share when one more set would
# not fit.
ONE_SET_MINUTES = 3
# Up to this long, trimming to fit leaves too little to judge the share of time used.
TINY_SESSION = 20


def items(week: Json) -> list[tuple[Json, Json, Json]]:
    """(session, block, item) for every item of the week."""
    return [(s, b, i) for s in week["sessions"] for b in s["blocks"] for i in b["items"]]


def normal_weeks(data: Json) -> list[Json]:
    return [w for w in data["weeks"] if not w["deload"]]


def patterns(week: Json) -> set[str]:
    return {i["pattern"] for _, _, i in items(week)}


def muscles(data: Json, week: Json) -> dict[str, float]:
    """The week's hard sets per tracked muscle, counted for the plan's goal (`data`)."""
    from redwood.domain.vocabulary import Goal

    goal = Goal(data["profile"]["goal"])
    catalog = load_catalog()

    def secondary(exercise_id: str) -> list[str]:
        ex = catalog.get(exercise_id)
        return [m.value for m in ex.secondary_muscles] if ex else []

    return json_week_muscle_sets(week, load_rules().muscle_volume, goal, secondary)


def band(data: Json, muscle: str) -> tuple[int, int]:
    from redwood.domain.vocabulary import Goal, Level

    p = data["profile"]
    return load_rules().muscle_volume.band(Goal(p["goal"]), Level(p["level"]), muscle)


def hard_sets(week: Json) -> int:
    return sum(i["sets"] for _, _, i in items(week))


def region_sets(week: Json, region: str) -> int:
    return sum(i["sets"] for _, _, i in items(week) if i["region"] == region)


def saturated(data: Json, week: Json) -> bool:
    """More time would not add useful sets: a main muscle the lifts share is at the top of its
    band (the glutes work in every squat, lunge and hinge; the upper back in every row), or a
    region is at the weekly ceiling."""
    rules = load_rules()
    sets = muscles(data, week)
    mv = rules.muscle_volume
    # A muscle no exercise of the plan works as a prime mover has nothing to grow with (no
    # leg curl and no hinge at home without kit for a sore back): the notes say it falls short.
    worked = {name for _, _, i in items(week) for name, ms in mv.muscles.items()
              if {m.value for m in ms} & set(i["primary_muscles"])}
    main = [m for m in mv.main if m in worked]
    one_at_top = any(sets[m] >= band(data, m)[1] - NEAR_TOP for m in main)
    ceiling = any(region_sets(week, r) >= rules.volume.max_sets - 2 for r in ("legs", "back"))
    # Or legs:back at the edge of [volume] balance: the region ahead cannot grow, whatever its
    # muscles' room (a strength week's quadriceps below their top with the legs at twice the
    # back, whose rows the core's band holds).
    legs, back = region_sets(week, "legs"), region_sets(week, "back")
    low, high = rules.volume.balance
    edge = bool(back) and not low < legs / back < high
    return one_at_top or ceiling or edge


def time_use_problems(data: Json) -> list[str]:
    budget = data["profile"]["minutes_per_session"]
    share = load_rules().dosing.min_time_use
    out = []
    for w in normal_weeks(data):
        for s in w["sessions"]:
            if s["estimated_minutes"] > budget:
                out.append(f"week {w['index']} {s['date']}: {s['estimated_minutes']} > {budget}")
            elif (budget > TINY_SESSION and s["estimated_minutes"] < share * budget
                  - ONE_SET_MINUTES and not saturated(data, w)):
                out.append(f"week {w['index']} {s['date']}: {s['estimated_minutes']} of "
                           f"{budget} min with muscles below the top of their band")
    return out


def deload_problems(data: Json) -> list[str]:
    share = load_rules().volume.deload_max_share
    out = []
    for before, w in zip(data["weeks"], data["weeks"][1:], strict=False):
        if not w["deload"]:
            continue
        if not w.get("note"):
            out.append(f"week {w['index']}: a deload without a note saying what changes")
        # Where halving every exercise (one set at least) can get there at all (a superset's
        # rounds are halved too: no session needs one to keep the guide's minimum rounds).
        reachable = sum(max(1, i["sets"] // 2) for _, _, i in items(before))
        if hard_sets(w) > share * hard_sets(before) and reachable <= share * hard_sets(before):
            out.append(f"week {w['index']}: deload keeps {hard_sets(w)} of "
                       f"{hard_sets(before)} hard sets")
        for s0, s1 in zip(before["sessions"], w["sessions"], strict=True):
            was = {i["exercise_id"]: i["sets"] for b in s0["blocks"] for i in b["items"]}
            for b in s1["blocks"]:
                for i in b["items"]:
                    if i["sets"] > was.get(i["exercise_id"], 99):
                        out.append(f"week {w['index']}: {i['exercise_id']} gains sets")
    return out


def structure_problems(data: Json) -> list[str]:
    """Main lifts straight and not outnumbered; at most two hinge days; roles present."""
    out = []
    for w in data["weeks"]:
        hinge_days = 0
        for s in w["sessions"]:
            where = f"week {w['index']} {s['date']}"
            mains = [(b, i) for b in s["blocks"] for i in b["items"] if i.get("role") == "main"]
            if not mains:
                out.append(f"{where}: no main lift")
            out += [f"{where}: main lift {i['exercise_id']} in a superset"
                    for b, i in mains if b["kind"] != "single"]
            least = min((i["sets"] for b, i in mains if b["kind"] == "single"), default=0)
            out += [f"{where}: accessory {i['exercise_id']} has more sets than the main lifts"
                    for b in s["blocks"] for i in b["items"]
                    if b["kind"] == "single" and i.get("role") == "accessory"
                    and least and i["sets"] > least]
            hinge_days += any(i["pattern"] == "hinge" and i["mechanic"] == "compound"
                              for b in s["blocks"] for i in b["items"])
        said = any(n.startswith("Hinges on") for n in data["notes"])
        if hinge_days > load_rules().progression.hinge_heavy_days and not said:
            out.append(f"week {w['index']}: hinges on {hinge_days} days")
    return out


def reason_problems(data: Json) -> list[str]:
    """Every reason states the item's own sets, reps and rest; the guide's rest only where the
    guide gives one; drills only with kit the lifter has."""
    rules = load_rules()
    guide = rules.guide_rest.seconds
    p = data["profile"]
    out = []
    for w in data["weeks"][:1] + [w for w in data["weeks"] if w["deload"]][:1]:
        for _, b, i in items(w):
            low = i.get("reps_min", i.get("seconds_min"))
            high = i.get("reps_max", i.get("seconds_max"))
            why = i["why"]
            dose = f"{i['sets']} x {low}" if low == high else f"{i['sets']} x {low}-{high}"
            if re.search(re.escape(dose) + r"(?![\d-])", why) is None:
                out.append(f"{i['exercise_id']}: reason does not state {dose}")
            if b["kind"] == "single" and f"Rest {i['rest_s']} s" not in why:
                out.append(f"{i['exercise_id']}: reason does not state its rest {i['rest_s']} s")
            for m in re.finditer(r"Rest (\d+) s", why):
                if int(m.group(1)) != i["rest_s"]:
                    out.append(f"{i['exercise_id']}: reason says rest {m.group(1)} s, "
                               f"prescribed {i['rest_s']} s")
            if "the guide's rest" in why and i["exercise_id"] not in guide:
                out.append(f"{i['exercise_id']}: 'the guide's rest' but the guide gives none")
        for s in w["sessions"]:
            drills = " ".join(a["name"].lower() for a in s["warmup"] + s["cooldown"])
            if "band" in drills and "resistance-band" not in p["equipment"]:
                out.append(f"{s['date']}: a band drill without a band")
            if "foam" in drills and p.get("location") != "gym":
                out.append(f"{s['date']}: foam rolling away from a gym")
    return out


def all_problems(data: Json) -> list[str]:
    return (time_use_problems(data) + deload_problems(data) + structure_problems(data)
            + reason_problems(data))
