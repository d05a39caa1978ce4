"""Main lifts held short and thin knee flexion over random profiles (issue 10, items 1, 2, 5).

Counts, over the normal weeks of plans for plan_space's random profiles:
- sessions where a main lift (role main, straight sets) has fewer than the goal's
  compound_sets ([goals.*], what the planner starts it at) while the session uses under
  [dosing] min_time_use of its minutes ("short main, time left") or while an accessory of the
  session has more sets or rounds ("short main, accessory above");
- the same with 3 sets as the line (a strength plan's main lifts want 3+ sets);
- plans of 3+ days whose first normal week has fewer knee-flexion hard sets (sets of a
  knee-flexion exercise) than [muscle_volume] knee_flexion_floor, if the rules have one, while a
  session of that week uses under min_time_use of its minutes;
- normal weeks with a main muscle below its band's floor while a session of the week uses under
  min_time_use of its minutes.

    PYTHONPATH=src:bench .venv/bin/python bench/main_sets.py --profiles 600 --seed 1 [--show 5]
    PYTHONPATH=/tmp/old/src:bench .venv/bin/python bench/main_sets.py \
        --floors src/redwood/rules/rules.toml      # an older planner, these floors
"""

from __future__ import annotations

import argparse
import collections
import random
from typing import Any

from plan_space import profile as random_profile
from redwood.catalog import load_catalog
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.generate import generate_plan
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules


def _item_sets(block: dict[str, Any], item: dict[str, Any]) -> int:
    return int(block["rounds"] if block["kind"] == "superset" else item["sets"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profiles", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=0, help="print this many examples of each kind")
    ap.add_argument("--floors", help="a rules.toml to read [muscle_volume.knee_flexion] from, for "
                    "an older checkout's planner (PYTHONPATH at its src) that has none")
    args = ap.parse_args()
    rules, catalog = load_rules(), load_catalog()
    rng = random.Random(args.seed)
    least_use = rules.dosing.min_time_use
    floors = getattr(rules.muscle_volume, "knee_flexion_floor", None)
    if floors is None and args.floors:  # an older checkout: this checkout's floors
        import tomllib
        from pathlib import Path
        table = tomllib.loads(Path(args.floors).read_text("utf-8"))
        given = table["muscle_volume"]["knee_flexion"]

        def floors(goal: Goal, level: Level) -> int:
            return int(given[goal.value][level.value])
    count: collections.Counter[str] = collections.Counter()
    plans_with: dict[str, set[int]] = collections.defaultdict(set)
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for n in range(args.profiles):
        opts = random_profile(rng)
        try:
            p, days = make_profile(rules, known_ids=catalog.ids, **opts)
            data = plan_json(generate_plan(p, rules, catalog, days))
        except Exception:  # plan_space counts errors; this counts sets
            count["plan errors"] += 1
            continue
        count["plans"] += 1
        goal, level = Goal(opts["goal"]), Level(opts["level"])
        want = rules.goals[goal].compound_sets
        budget = opts["minutes"]
        tag = (f"{opts['goal'][:3]} {opts['level'][:3]} {opts['days']}x{budget} "
               f"{opts['location']} {','.join(opts['equipment'])} ex={opts['exclude']} "
               f"pr={opts['protect']} ss={opts['supersets']} seed={opts['seed']}")

        def hit(kind: str, what: str, plan_no: int = n, label: str = tag) -> None:
            count[kind] += 1
            plans_with[kind].add(plan_no)
            if len(examples[kind]) < args.show:
                examples[kind].append(f"{label}: {what}")

        first_normal = True
        for week in data["weeks"]:
            if week["deload"]:
                continue
            uses = [s["estimated_minutes"] / budget for s in week["sessions"]]
            sets = json_week_muscle_sets(week, rules.muscle_volume, goal)
            if any(u < least_use for u in uses):
                low = [m for m in rules.muscle_volume.main
                       if sets[m] < rules.muscle_volume.band(goal, level, m)[0] - 1e-9]
                if low:
                    hit("week: main muscle below floor, time left",
                        f"wk{week['index']} {low} {[round(u, 2) for u in uses]}")
            if first_normal and opts["days"] >= 3:
                first_normal = False
                kf = sum(_item_sets(b, i) for s in week["sessions"] for b in s["blocks"]
                         for i in b["items"] if i["pattern"] == "knee-flexion")
                count[f"knee-flexion sets {min(kf, 9)}{'+' if kf >= 9 else ''}"] += 1
                if floors is not None:
                    floor = floors(goal, level)
                    if kf < floor and any(u < least_use for u in uses):
                        hit("week 1: knee flexion below its floor, time left",
                            f"{kf} of {floor}")
            for s, use in zip(week["sessions"], uses, strict=True):
                items = [(b, i) for b in s["blocks"] for i in b["items"]]
                mains = [_item_sets(b, i) for b, i in items if i.get("role") == "main"]
                if not mains:
                    continue
                most_acc = max((_item_sets(b, i) for b, i in items if i.get("role") != "main"),
                               default=0)
                fewest = min(mains)
                for line, name in ((want, "goal's sets"), (3, "3 sets")):
                    if fewest >= line:
                        continue
                    if use < least_use:
                        hit(f"session: main < {name}, under {least_use:.0%} of time",
                            f"wk{week['index']} {s['title']} mains {mains} "
                            f"{s['estimated_minutes']}/{budget} min")
                    if most_acc > fewest:
                        hit(f"session: main < {name}, an accessory has more",
                            f"wk{week['index']} {s['title']} mains {mains} acc {most_acc}")
    print(f"{args.profiles} profiles (seed {args.seed}): {count['plans']} plans, "
          f"{count['plan errors']} errors")
    for kind in sorted(k for k in count if k not in ("plans", "plan errors")):
        extra = f" in {len(plans_with[kind])} plans" if kind in plans_with else ""
        print(f"  {kind}: {count[kind]}{extra}")
        for line in examples.get(kind, []):
            print(f"      {line}")


if __name__ == "__main__":
    main()
