"""What the coach answers with: a Target per exercise, its Decision, and plateau advice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from redwood.domain.exercise import Exercise

__all__ = [
    "MAX_SETS",
    "Decision",
    "ExerciseLookup",
    "Plateau",
    "PlateauRemedy",
    "Prescribed",
    "PrescriptionLike",
    "Target",
]

MAX_SETS = 6


class Decision(StrEnum):
    START = "start"
    CALIBRATE = "calibrate"
    ADD_REPS = "add_reps"
    ADD_LOAD = "add_load"
    HOLD = "hold"
    REPEAT = "repeat"
    DELOAD = "deload"
    RETURN_AFTER_BREAK = "return_after_break"
    FATIGUE_SWAP = "fatigue_swap"
    HARDER_VARIATION = "harder_variation"
    LIGHTER = "lighter"
    """The plan's RPE target is under the working effort (a lighter day, an effort wave's
    easy week): the load for it, under what the lift's progression alone would give."""


class PlateauRemedy(StrEnum):
    """The guide's remedies for a plateau."""

    EXTRA_REP = "extra_rep"
    LOAD_BUMP = "load_bump"
    VARIATION = "variation"
    REP_SCHEME = "rep_scheme"


@dataclass(frozen=True, slots=True)
class Plateau:
    """A lift with no e1RM gain for a while: since when, its best, and the remedy to try."""
    last_gain: dt.date
    """The last session that raised the lift's best e1RM."""
    days: int
    best_e1rm_kg: Decimal
    remedy: PlateauRemedy
    advice: str


@dataclass(frozen=True, slots=True)
class Target:
    """What to do next time for one exercise, and why."""

    exercise_id: str
    sets: int
    reps_min: int | None
    reps_max: int | None
    seconds_min: int | None
    seconds_max: int | None
    weight_kg: Decimal | None
    """None for bodyweight and band work; for a weighted pull-up, the load added."""
    rest_s: int
    decision: Decision
    reason: str
    notes: tuple[str, ...] = ()
    switch_to: str | None = None
    """A harder (or, when fatigued or deloading, easier) variation to do instead."""
    calibrate: bool = False
    """Calibrating: the load is still an estimate; the lifter's sets and RPE find the real
    one (no weekly cap; Today says "calibrating" and asks for RPE)."""
    rep_out: bool = False
    """The last set is a rep-out: as many good reps as possible, stopping 1-2 before failure."""
    plateau: Plateau | None = None
    ramp: bool = False
    """A first session that works up by feel: `weight_kg` is set 1, light on purpose, and each
    next set's load comes from the set before (coach/ramp.py); Today fills it in."""
    rpe: float | None = None
    """The plan's effort target for the sets (an advanced lifter's heavier and lighter days,
    an effort wave): '3 x 5 @ RPE 6.5'. None where the plan sets none."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `redwood today` items (weights as numbers in kg)."""
        out: dict[str, Any] = {
            "exercise_id": self.exercise_id,
            "sets": self.sets,
            "weight_kg": None if self.weight_kg is None else float(self.weight_kg),
            "rest_s": self.rest_s,
            "decision": self.decision.value,
            "reason": self.reason,
            "notes": list(self.notes),
        }
        if self.seconds_min is not None:
            out["seconds_min"], out["seconds_max"] = self.seconds_min, self.seconds_max
        else:
            out["reps_min"], out["reps_max"] = self.reps_min, self.reps_max
        if self.switch_to:
            out["switch_to"] = self.switch_to
        if self.calibrate:
            out["calibrating"] = True
        if self.rep_out:
            out["rep_out"] = True
        if self.ramp:
            out["ramp"] = True
        if self.rpe is not None:
            out["rpe"] = self.rpe
        return out


class PrescriptionLike(Protocol):
    """What the coach reads from a plan's Prescription."""

    @property
    def sets(self) -> int: ...
    @property
    def low(self) -> int: ...
    @property
    def high(self) -> int: ...
    @property
    def timed(self) -> bool: ...
    @property
    def rest_s(self) -> int: ...
    @property
    def wave(self) -> tuple[int, int] | None:
        """A rep wave's range (bottom, top) when low == high is this week's step of it."""
        ...
    @property
    def rpe(self) -> float | None:
        """The plan's RPE target for the sets (None: none)."""
        ...


@dataclass(frozen=True, slots=True)
class Prescribed:
    """A plan item's prescription as the coach reads it (the plan JSON's item)."""

    sets: int
    low: int
    high: int
    timed: bool
    rest_s: int
    wave: tuple[int, int] | None = None
    rpe: float | None = None
    """The plan's RPE target (the item's "rpe"; None when absent)."""

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> Prescribed:
        timed = "seconds_min" in item
        low = item["seconds_min"] if timed else item["reps_min"]
        high = item["seconds_max"] if timed else item["reps_max"]
        wave = None
        if not timed and "wave_reps_min" in item and "wave_reps_max" in item:
            wave = (int(item["wave_reps_min"]), int(item["wave_reps_max"]))
        rpe = item.get("rpe")
        return cls(sets=item["sets"], low=low, high=high, timed=timed, rest_s=item["rest_s"],
                   wave=wave, rpe=None if rpe is None else float(rpe))


class ExerciseLookup(Protocol):
    """The catalogue, or anything with `get(id)`."""

    def get(self, exercise_id: str) -> Exercise | None: ...
