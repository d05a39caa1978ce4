"""Weekly hard sets per tracked muscle: the one count the planner, `redwood check` and the
four-weekly review share (rules.toml [muscle_volume]).

A set counts 1 for each tracked muscle among its exercise's primary muscles and
`secondary_weight` for each among its secondary ones, once per tracked muscle and set, with the
goal's assists at `secondary_weight` beside their leads (`MuscleVolumeRules.shares`). It lives
here, below both the planner and the coach, because those two may not import each other: a
plan's week and a logged week are counted by this very function, so a week the lifter trained
as planned reads the same in the plan's notes, in `check` and in the review.
"""

from __future__ import annotations

from collections.abc import Iterable

from redwood.domain.vocabulary import Goal, Muscle
from redwood.rules.plan import MuscleVolumeRules

Dose = tuple[tuple[Muscle, ...], tuple[Muscle, ...], int]
"""(primary muscles, secondary muscles, hard sets) of one exercise in a week."""

_Memo = dict[tuple[tuple[Muscle, ...], tuple[Muscle, ...]], tuple[tuple[str, float], ...]]
_last_shares: list[tuple[MuscleVolumeRules, dict[Goal | None, _Memo]]] = []


def _shares_memo(rules: MuscleVolumeRules, goal: Goal | None) -> _Memo:
    """The shares already worked out for these rules and goal, by (primary, secondary)
    muscles: a plan counts every week again and again from the same few dozen exercises (one
    entry, holding the rules, so nothing piles up and no other rules ever read it)."""
    if not _last_shares or _last_shares[0][0] is not rules:
        _last_shares[:] = [(rules, {})]
    by_goal = _last_shares[0][1]
    memo = by_goal.get(goal)
    if memo is None:
        memo = by_goal[goal] = {}
    return memo


def muscle_week_sets(doses: Iterable[Dose], rules: MuscleVolumeRules,
                     goal: Goal | None) -> dict[str, float]:
    """Hard sets per tracked muscle of a week's (primary, secondary, sets) doses (every
    tracked muscle present, 0 where none). `goal` None counts every prime mover whole."""
    totals = dict.fromkeys(rules.tracked, 0.0)
    memo = _shares_memo(rules, goal)
    for primary, secondary, sets in doses:
        key = (primary, secondary)
        items = memo.get(key)
        if items is None:
            items = memo[key] = tuple(rules.shares(primary, secondary, goal).items())
        for name, share in items:
            totals[name] += share * sets
    return totals
