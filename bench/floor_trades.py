"""Week-1 plans that leave a muscle below its band's floor while a one-set trade would lift it
(issue 10, item 1): over bench/plan_space.py's random profiles, counts plans where a muscle is
below its floor, another muscle sits at its top, and the week holds a donor item (one that does
not load the short muscle, above its fewest sets, whose muscles all stay at or above their
floors a set lighter) and an item training the short muscle as a prime mover, below its most
sets, whose next set keeps every muscle inside its top once the donor's set is gone. Minutes
are not counted: a donor set frees about the minutes of a set.

    .venv/bin/python bench/floor_trades.py --profiles 300 --seed 1
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from plan_space import profile
from redwood.catalog import load_catalog
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.generate import PlanError, generate_plan
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.planner.volume import json_week_muscle_sets, muscle_shares
from redwood.rules import load_rules


def tradable(week: dict[str, Any], bands: dict[str, tuple[int, int]],
             shares: dict[str, dict[str, float]], most: dict[bool, int]) -> list[str]:
    """The muscles below their floors that a one-set trade in `week` would lift."""
    sets = week["sets"]
    if all(n + 1 <= bands[m][1] + 1e-9 for m, n in sets.items()):
        return []  # no muscle at its top: nothing holds time the short one could take
    items = []
    for s in week["sessions"]:
        accessory = max((i["sets"] for b in s["blocks"] for i in b["items"]
                         if i["role"] != "main"), default=0)
        for b in s["blocks"]:
            for i in b["items"]:
                main = i["role"] == "main"
                fewest = accessory if main else 2
                items.append((i, main, fewest))
    out = []
    for m, n in sets.items():
        if n >= bands[m][0] - 1e-9:
            continue
        for d, _, fewest in items:
            give = shares[d["exercise_id"]]
            if give.get(m) or d["sets"] <= fewest or any(
                    sets[x] - sh < bands[x][0] - 1e-9 for x, sh in give.items()):
                continue
            after = {x: v - give.get(x, 0.0) for x, v in sets.items()}
            if any(shares[li["exercise_id"]].get(m) == 1.0 and li["sets"] < most[main]
                   and all(after[x] + sh <= bands[x][1] + 1e-9
                           for x, sh in shares[li["exercise_id"]].items())
                   for li, main, _ in items):
                out.append(m)
                break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profiles", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rules, catalog = load_rules(), load_catalog()
    shares = {goal: {ex.id: muscle_shares(ex.primary_muscles, ex.secondary_muscles,
                                          rules.muscle_volume, goal) for ex in catalog}
              for goal in Goal}
    rng = random.Random(args.seed)
    short = found = 0
    for _ in range(args.profiles):
        opts = profile(rng)
        try:
            p, days = make_profile(rules, known_ids=catalog.ids, **opts)
            data = plan_json(generate_plan(p, rules, catalog, days))
        except PlanError:
            continue
        goal, level = Goal(opts["goal"]), Level(opts["level"])
        bands = {m: rules.muscle_volume.band(goal, level, m) for m in rules.muscle_volume.tracked}
        week = dict(data["weeks"][0])
        week["sets"] = json_week_muscle_sets(week, rules.muscle_volume, goal)
        if any(n < bands[m][0] - 1e-9 for m, n in week["sets"].items()):
            short += 1
        most = {True: rules.dosing.main_max_sets[level], False: rules.dosing.max_accessory_sets}
        hit = tradable(week, bands, shares[goal], most)
        if hit:
            found += 1
            print("  ", hit, opts)
    print(f"{args.profiles} profiles (seed {args.seed}): {short} week-1 plans with a muscle below "
          f"its floor; {found} of them with a one-set trade that would lift it")


if __name__ == "__main__":
    main()
