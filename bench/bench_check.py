"""Benchmark: `redwood check` on generated plans, in-process, per rule and as a whole CLI call.

    .venv/bin/python bench/bench_check.py [--runs 9]

Reports the median of several runs of `check_plan` for a 12-week 4-day plan and for the
longest, busiest one (52 weeks, 6 days of 90 minutes), the slowest rules of the latter, and the
whole `redwood check` command on it (goal: the 12-week check in-process under 50 ms). Timings are
never asserted in tests: run this by hand.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_plan import median_ms

BIN = Path(sys.executable).parent
PLANS = {
    "12 weeks x 4 days x 60 min": dict(goal="strength", level="intermediate", days=4, minutes=60,
                                       weeks=12),
    "52 weeks x 6 days x 90 min": dict(goal="hypertrophy", level="advanced", days=6, minutes=90,
                                       weeks=52),
}


def plan_json(options: dict[str, Any]) -> dict[str, Any]:
    from redwood.catalog import load_catalog
    from redwood.planner.generate import generate_plan
    from redwood.planner.profile import make_profile
    from redwood.planner.serialize import plan_json as to_json
    from redwood.rules import load_rules

    rules, catalog = load_rules(), load_catalog()
    profile, days = make_profile(rules, start="2027-01-04", location="gym",
                                 known_ids=catalog.ids, **options)
    return to_json(generate_plan(profile, rules, catalog, days))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from redwood.catalog import load_catalog
    from redwood.planner.check import CHECKS, check_plan
    from redwood.planner.checkview import plan_view
    from redwood.rules import load_rules

    rules, catalog = load_rules(), load_catalog()
    data: dict[str, Any] = {}
    for name, options in PLANS.items():
        data = plan_json(options)
        found = len(check_plan(data))
        ms = median_ms(lambda d=data: check_plan(d, rules=rules, catalog=catalog), args.runs)
        print(f"check_plan, {name}: {ms:.1f} ms ({found} violations)")

    view = plan_view(data, rules, catalog)
    per_rule = {rule: median_ms(lambda c=check: list(c(view)), args.runs)
                for rule, check in CHECKS.items()}
    slowest = sorted(per_rule.items(), key=lambda kv: -kv[1])[:5]
    print("slowest rules on the 52-week plan: "
          + ", ".join(f"{rule} {ms:.1f} ms" for rule, ms in slowest))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        cmd = [str(BIN / "redwood"), "check", str(path)]
        ms = median_ms(lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL), args.runs)
        print(f"redwood check, 52-week plan, whole command: {ms:.0f} ms")


if __name__ == "__main__":
    main()
