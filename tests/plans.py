"""Helpers to build plans from option dicts, as the CLI would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from redwood.catalog import load_catalog
from redwood.domain.plan import Plan
from redwood.domain.vocabulary import Equipment, Goal, Level, Location
from redwood.planner.generate import generate_plan
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.rules import load_rules

DEFAULTS: dict[str, Any] = dict(
    goal="hypertrophy", level="beginner", days=3, minutes=60, weeks=8, start="2027-01-04",
    location="gym",
)


def build(**options: Any) -> Plan:
    rules, catalog = load_rules(), load_catalog()
    profile, candidates = make_profile(rules, known_ids=catalog.ids, **{**DEFAULTS, **options})
    return generate_plan(profile, rules, catalog, candidates)


def build_json(**options: Any) -> dict[str, Any]:
    return plan_json(build(**options))


# Every valid profile the planner takes, for property tests.
PROFILE_SPACE = st.fixed_dictionaries(
    {
        "goal": st.sampled_from([g.value for g in Goal]),
        "level": st.sampled_from([lv.value for lv in Level]),
        "days": st.integers(2, 6),
        "minutes": st.integers(15, 120),
        "weeks": st.integers(1, 14),
        "start": st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)).map(str),
        "location": st.sampled_from([loc.value for loc in Location]),
        "equipment": st.lists(st.sampled_from([e.value for e in Equipment]), max_size=5),
        "supersets": st.booleans(),
        "seed": st.integers(0, 10_000),
    }
)
