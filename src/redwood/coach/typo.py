"""Does a typed load look like a typo ([typo] of coach.toml)?

255 typed for 25.5, 600 for 60: a digit slip multiplies a load by ten, and once stored it
stands as a record the coach progresses from. The web's Today asks "Log anyway?" before storing
such a set; `redwood log` keeps it and says so (its prompts ask first). One rule for both:

- An established target (the coach knows the lifter's working load): over `over_target` times
  the target.
- A calibrating or start target (an estimate, which can be far off: a strong new lifter's first
  squat of 62.5 kg against a 20 kg estimate is real, and so is every set of a ramp to 140 kg):
  over `ramp_step` times the heaviest set of the lift logged so far, this session's (a ramp's
  set before is the best reference) or before; with nothing logged, over `over_estimate` times
  the estimate.
- No target load (a lift logged outside the plan): over `over_best` times the heaviest set
  before (or today's, when heavier); a first session of the lift, over `ramp_step` times
  today's heaviest set before it; a first set ever is never doubted.

Pure: the caller reads the target and the sets; nothing here reads a store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from redwood.domain.log import LoggedSet
from redwood.rules.coach import TypoRules

__all__ = ["Basis", "Doubt", "DoubtedSet", "typo_doubt"]


class Basis(StrEnum):
    """What a doubted load was compared with."""

    TARGET = "target"
    """An established target's load."""
    ESTIMATE = "estimate"
    """A calibrating or start target's load, with nothing logged to compare with."""
    TODAY = "today"
    """The heaviest set of the lift logged this session (and none heavier before)."""
    BEST = "best"
    """The heaviest set of the lift logged before this session."""


@dataclass(frozen=True, slots=True)
class Doubt:
    """A load that looks like a typo: `weight_kg` is over `ratio` times `reference_kg`."""

    weight_kg: Decimal
    reference_kg: Decimal
    ratio: Decimal
    basis: Basis


@dataclass(frozen=True, slots=True)
class DoubtedSet:
    """A set of a workout whose load looks like a typo (services.training.workout_doubts)."""

    index: int
    """Its place among the workout's sets."""
    number: int
    """Its number among the lift's working sets that day (or warm-ups, for one)."""
    set: LoggedSet
    doubt: Doubt


def typo_doubt(
    weight_kg: Decimal,
    *,
    target_kg: Decimal | None,
    estimate: bool,
    today: Iterable[Decimal | None],
    best_before: Decimal | None,
    rules: TypoRules,
) -> Doubt | None:
    """Why `weight_kg` looks like a typo, or None when it looks right.

    `target_kg`: the target's load (None: no target, or bodyweight); `estimate`: the target is
    still an estimate (calibrating, or a start); `today`: the loads of the lift's sets already
    logged this session (warm-ups too; None for a bodyweight set); `best_before`: the heaviest
    load of the lift logged before this session."""
    if weight_kg <= 0:
        return None
    if target_kg is not None and target_kg > 0 and not estimate:
        return _over(weight_kg, target_kg, rules.over_target, Basis.TARGET)
    heaviest = max((w for w in today if w is not None and w > 0), default=None)
    if best_before is not None and best_before <= 0:
        best_before = None
    if best_before is not None and (heaviest is None or best_before >= heaviest):
        reference, basis = best_before, Basis.BEST
    elif heaviest is not None:
        reference, basis = heaviest, Basis.TODAY
    elif target_kg is not None and target_kg > 0:
        return _over(weight_kg, target_kg, rules.over_estimate, Basis.ESTIMATE)
    else:
        return None
    # An estimate's lift (or a lift's first session) works up from light sets: a ramp's step.
    # An established lift with no target load (logged outside the plan): twice its best.
    ramp = target_kg is not None or best_before is None
    return _over(weight_kg, reference, rules.ramp_step if ramp else rules.over_best, basis)


def _over(weight_kg: Decimal, reference_kg: Decimal, ratio: float, basis: Basis) -> Doubt | None:
    bound = Decimal(str(ratio))
    if weight_kg > reference_kg * bound:
        return Doubt(weight_kg, reference_kg, bound, basis)
    return None
