"""Time use over plan_space's profiles: how full the sessions are, and how many end early.

Generates plan_space.py's random profiles (same generator, same seed) and reports over every
normal week's sessions: the mean share of the minutes used, the sessions under 75% of them in a
week where a main muscle sits 4 or more sets below the top of its band (issue 10 item 1: a
session a coach would fill), the mean gap of the upper back to its top, and how many sessions
hold a shrug. Run it on two trees for a before/after in the same run:

    PYTHONPATH=OTHER/src:bench .venv/bin/python bench/time_use.py --seed 1 --profiles 800
    PYTHONPATH=src:bench .venv/bin/python bench/time_use.py --seed 1 --profiles 800
"""

from __future__ import annotations

import argparse
import random
import statistics

import plan_space
from redwood.catalog import load_catalog
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.generate import PlanError, generate_plan
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profiles", type=int, default=800)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rules, catalog = load_rules(), load_catalog()
    mv = rules.muscle_volume
    rng = random.Random(args.seed)
    uses: list[float] = []
    upper_back_gap: list[float] = []
    under = shrugs = 0
    for _ in range(args.profiles):
        opts = plan_space.profile(rng)
        try:
            p, days = make_profile(rules, known_ids=catalog.ids, **opts)
            data = plan_json(generate_plan(p, rules, catalog, days))
        except (PlanError, ValueError):
            continue
        goal, level = Goal(opts["goal"]), Level(opts["level"])
        for w in data["weeks"]:
            if w["deload"]:
                continue
            sets = json_week_muscle_sets(w, mv, goal)
            top = {m: mv.band(goal, level, m)[1] for m in mv.main}
            upper_back_gap.append(max(0.0, top["upper-back"] - sets["upper-back"]))
            far = any(top[m] - sets[m] >= 4 for m in top)
            for s in w["sessions"]:
                share = s["estimated_minutes"] / opts["minutes"]
                uses.append(share)
                under += share < 0.75 and far
                shrugs += any("shrug" in i["exercise_id"] for b in s["blocks"]
                              for i in b["items"])
    print(f"{args.profiles} profiles (seed {args.seed}), {len(uses)} sessions: "
          f"mean time use {statistics.mean(uses):.3f}; under 75% while a main muscle is 4+ "
          f"sets below its top: {under}; upper back's mean gap to its top "
          f"{statistics.mean(upper_back_gap):.2f} sets; sessions with a shrug: {shrugs}")


if __name__ == "__main__":
    main()
