"""How much a plan rotates (issue 10 item 6): over random plans of 7+ weeks, the share of week 1's
accessories (not the main lifts) still present in the first week of block 2, by kit.

"Rotate exercises every 4-6 weeks to keep challenges fresh while maintaining core lifts" (the
guide; rules.toml [rotation]). An accessory counts as "with an alternative" where the lifter
may do another exercise of its pattern and mechanic (level, exclusions, protected areas and kit
allow it) that week 1 does not hold, a loaded one for a loaded accessory in a plan for strength
or size (the planner rotates a kettlebell calf raise to another loaded one, never to a
bodyweight one): that is where the planner could have rotated it.

    .venv/bin/python bench/rotation.py --plans 300 --seed 1
"""

from __future__ import annotations

import argparse
import collections
import random
import time
from typing import Any

from redwood.catalog import load_catalog
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.generate import generate_plan
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.planner.steps.context import _Context, _is_loaded
from redwood.rules import load_rules

# (location, --equipment) by kit: the kits issue 10 item 6 names.
KITS: dict[str, tuple[str, list[str]]] = {
    "gym": ("gym", []),
    "home db+bench": ("home", ["dumbbell", "bench"]),
    "kb+pull-up bar": ("home", ["kettlebell", "pull-up-bar"]),
    "bands": ("home", ["resistance-band"]),
    "none": ("home", []),
}


def profile(rng: random.Random, kit: str) -> dict[str, Any]:
    location, equipment = KITS[kit]
    return dict(goal=rng.choice([g.value for g in Goal]),
                level=rng.choice([v.value for v in Level]), days=rng.randint(2, 6),
                minutes=rng.choice([rng.randint(15, 120), rng.choice([20, 30, 45, 60, 75, 90])]),
                weeks=rng.randint(7, 14), start="2027-01-04", location=location,
                equipment=equipment, supersets=rng.random() < 0.7, seed=rng.randint(0, 10_000),
                exclude=rng.choice([[], [], [], ["hinge"], ["squat"], ["lunge"]]),
                protect=rng.choice([[], [], [], ["lower-back"], ["knees"], ["shoulders"]]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plans", type=int, default=300, help="plans per kit")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rules, catalog = load_rules(), load_catalog()
    rng = random.Random(args.seed)
    started = time.process_time()
    print(f"{args.plans} plans of 7-14 weeks per kit (seed {args.seed}): week 1's accessories "
          "still in block 2's first week")
    total: collections.Counter[str] = collections.Counter()
    for kit in KITS:
        n: collections.Counter[str] = collections.Counter()
        for _ in range(args.plans):
            opts = profile(rng, kit)
            p, days = make_profile(rules, known_ids=catalog.ids, **opts)
            plan = plan_json(generate_plan(p, rules, catalog, days))
            block2 = rules.rotation.block_weeks[Level(opts["level"])]  # weeks before block 2
            ids = [{i["exercise_id"]: i["role"] for s in w["sessions"] for b in s["blocks"]
                    for i in b["items"]} for w in plan["weeks"]]
            first, second = ids[0], set(ids[block2])
            accessories = {x for x, role in first.items() if role != "main"}
            ctx = _Context(p, rules, catalog, rules.goal(p.goal), 0)
            n["plans"] += 1
            n["repeat"] += accessories <= second
            for x in accessories:
                was = catalog[x]
                loaded = _is_loaded(was) and p.goal is not Goal.ENDURANCE
                alternative = any(ex.pattern is was.pattern and ex.mechanic is was.mechanic
                                  and ex.id not in first and (_is_loaded(ex) or not loaded)
                                  for ex in ctx.usable)
                n["acc"] += 1
                n["kept"] += x in second
                n["acc_alt"] += alternative
                n["kept_alt"] += alternative and x in second
        total.update(n)
        report(kit, n)
    report("all", total)
    print(f"{time.process_time() - started:.0f} s CPU")


def report(kit: str, n: collections.Counter[str]) -> None:
    def share(a: str, b: str) -> str:
        return f"{100 * n[a] / n[b]:.0f}% ({n[a]}/{n[b]})" if n[b] else "-"

    print(f"  {kit:15} kept {share('kept', 'acc'):17} with an alternative kept "
          f"{share('kept_alt', 'acc_alt'):17} block 2 repeats every accessory: "
          f"{share('repeat', 'plans')}")


if __name__ == "__main__":
    main()
