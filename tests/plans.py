"""Helpers to build plans from option dicts, as the CLI would."""

from __future__ import annotations

from typing import Any

from redwood.catalog import load_catalog
from redwood.domain.plan import Plan
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
