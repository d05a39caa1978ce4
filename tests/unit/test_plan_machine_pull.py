"""Issue 10 item 6, "a vertical pull is replaced by a vertical pull before a row": an
intermediate with a machine and no pull-up bar (hypertrophy, 5 x 75 min in a gym whose list is
a machine and a sled) got machine rows and inverted rows and no vertical pull all plan, because
the assisted pull-up machine, the one vertical pull the kit has, was barred as a regression. It
is a regression only for a lifter with a pull-up bar ([progression] regression_kit), who can do
the pull-up; `check` judges it so."""

from __future__ import annotations

import copy

from plans import build_json
from redwood.planner.check import check_plan

MACHINE_ONLY = dict(goal="hypertrophy", level="intermediate", days=5, minutes=75, weeks=4,
                    location="gym", seed=557, equipment=["machine", "sled"], exclude=["hinge"])


def _ids(week: dict) -> list[tuple[str, str]]:
    return [(i["exercise_id"], i["pattern"]) for s in week["sessions"] for b in s["blocks"]
            for i in b["items"]]


def test_machine_without_a_bar_pulls_vertically() -> None:
    plan = build_json(**MACHINE_ONLY)
    for w in plan["weeks"]:
        assert any(p == "vertical-pull" for _, p in _ids(w)), w["index"]
    assert not [v for v in check_plan(plan) if v.rule.startswith("substitution.")]


def test_with_a_bar_the_assisted_machine_is_a_regression() -> None:
    plan = build_json(**MACHINE_ONLY)
    assert any(i == "assisted-pull-up" for i, _ in _ids(plan["weeks"][0]))
    barred = copy.deepcopy(plan)
    barred["profile"]["equipment"] = [*plan["profile"]["equipment"], "pull-up-bar"]
    assert any(v.rule == "substitution.no-regression" for v in check_plan(barred))
