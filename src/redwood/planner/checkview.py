"""What the plan checker reads: a thin, read-only view over a plan's JSON, and its violations.

The checks (planner/check.py and planner/coachcheck.py) read the plan through these views so
they read as rules rather than dict lookups. Nothing here imports the planner: the checker
re-derives what it needs from the JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from redwood.catalog.loader import Catalog
from redwood.domain.vocabulary import Goal
from redwood.rules import GoalRules, Rules

Json = dict[str, Any]

# "The first two compound lifts" of a session: the ones the goal's rep range binds and, in plans
# without item roles, the most a session's main lifts can be.
GOAL_RANGE_LIFTS = 2


# ---------------------------------------------------------------------------------------------
# Violations


@dataclass(frozen=True)
class Violation:
    """One broken rule at one place in the plan."""

    rule: str
    message: str
    week: int | None = None
    date: str | None = None
    exercise_id: str | None = None

    def where(self) -> str:
        """'week 2, 2027-01-05, back-squat' (only the parts known), or 'plan'."""
        parts = [f"week {self.week}" if self.week is not None else None, self.date,
                 self.exercise_id]
        return ", ".join(p for p in parts if p) or "plan"

    def line(self) -> str:
        return f"[{self.rule}] {self.where()}: {self.message}"


# ---------------------------------------------------------------------------------------------
# A thin read-only view over the plan's JSON, so the checks read as rules, not as dict lookups


@dataclass(frozen=True)
class SessionView:
    week: int
    """1-based position of the session's week in the plan."""
    position: int
    """0-based position inside its week."""
    date: dt.date
    data: Json

    @property
    def day(self) -> str:
        return self.date.isoformat()

    @property
    def blocks(self) -> list[Json]:
        blocks: list[Json] = self.data["blocks"]
        return blocks

    @property
    def items(self) -> list[Json]:
        """Every item in plan order: blocks in order, items in order."""
        return [item for block in self.blocks for item in block["items"]]

    def violation(self, rule: str, message: str, exercise_id: str | None = None) -> Violation:
        return Violation(rule, message, self.week, self.day, exercise_id)


@dataclass(frozen=True)
class PlanView:
    profile: Json
    weeks: list[Json]
    sessions: list[SessionView]
    rules: Rules
    catalog: Catalog
    plan_notes: tuple[str, ...] = ()

    @property
    def goal(self) -> Goal:
        return Goal(self.profile["goal"])

    @property
    def goal_rules(self) -> GoalRules:
        return self.rules.goal(self.goal)

    @property
    def start(self) -> dt.date:
        return dt.date.fromisoformat(self.profile["start_date"])

    def week_sessions(self, week: int) -> list[SessionView]:
        return [s for s in self.sessions if s.week == week]

    def week_numbers(self) -> range:
        return range(1, len(self.weeks) + 1)

    def is_deload(self, week: int) -> bool:
        return bool(self.weeks[week - 1]["deload"])

    def notes(self, week: int) -> list[str]:
        """The plan's notes and the week's own (`notes` and `note`), lower-cased."""
        data = self.weeks[week - 1]
        notes = [*self.plan_notes, *data.get("notes", [])]
        if "note" in data:
            notes.append(data["note"])
        return [str(n).lower() for n in notes]


def plan_view(data: Json, rules: Rules, catalog: Catalog) -> PlanView:
    sessions = [
        SessionView(w, k, dt.date.fromisoformat(session["date"]), session)
        for w, week in enumerate(data["weeks"], start=1)
        for k, session in enumerate(week["sessions"])
    ]
    return PlanView(data["profile"], data["weeks"], sessions, rules, catalog,
                    tuple(data.get("notes", ())))


def is_compound(item: Json) -> bool:
    return bool(item["mechanic"] == "compound")


def is_timed(item: Json) -> bool:
    return "seconds_min" in item


def amount(item: Json) -> str:
    """'8-10 reps' or '30-45 s'."""
    if is_timed(item):
        return f"{item['seconds_min']}-{item['seconds_max']} s"
    return f"{item['reps_min']}-{item['reps_max']} reps"


def span(r: tuple[float, float]) -> str:
    return f"{r[0]:g}-{r[1]:g}"


def item_ids(items: list[Json]) -> list[str]:
    return [str(i["exercise_id"]) for i in items]


def join_ids(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "none"


def activity_minutes(activities: list[Json]) -> float:
    return float(sum(a["minutes"] for a in activities))


def item_pattern(plan: PlanView, item: Json) -> str | None:
    # The catalogue is the authority; an unknown exercise falls back to what the plan says.
    entry = plan.catalog.get(item["exercise_id"])
    if entry is not None:
        return entry.pattern.value
    pattern = item.get("pattern")
    return str(pattern) if pattern is not None else None


def supersets(s: SessionView) -> list[Json]:
    return [b for b in s.blocks if b["kind"] == "superset"]


Check = Callable[[PlanView], Iterator[Violation]]
"""A rule's check: every violation of that one rule in the plan."""
