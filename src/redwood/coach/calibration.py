"""Calibration: the first sessions of an exercise whose load was a guess find the real one.

An exercise started from an estimate (no history of its own, a related lift's e1RM, body
weight, or the lightest load there is) is *calibrating* until a session tells its real level:
a set at RPE 8 or harder, a missed rep (a set under the range, or failed) or a form note. A
known working set (`redwood init --known`) is history: that exercise never calibrates, nor does
one with `max_sessions` sessions logged (an imported log).

While it calibrates, every logged set is read as an e1RM (`reading`), and the next target is
the load at about RPE 8 at the bottom of the range from it, with a big step when the sets say
the load is far too light, never above what a set has already shown (RPE 10 at the bottom of
the range), and without the 5%-a-week cap. Numbers and reasoning: coach.toml [calibration].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from redwood.coach.e1rm import load_for_reps, percent_of_1rm, rpe_of
from redwood.coach.history import PastSession
from redwood.domain.log import CENT, LoggedSet
from redwood.rules.coach import CoachRules

__all__ = ["CalibrationState", "calibration_state", "ends_calibration", "reading"]


@dataclass(frozen=True, slots=True)
class CalibrationState:
    """Where a lift's calibration stands: still finding the load, after how many sessions, or just
    ended."""
    calibrating: bool
    """The next session still calibrates: ask for RPE and a rep-out, no weekly cap."""
    sessions: int
    """Sessions logged while calibrating (the one that ended it included)."""
    ended_last: bool
    """The last session ended calibration: its reading may still set this target."""


NOT_CALIBRATING = CalibrationState(False, 0, False)


def _effort(s: LoggedSet) -> float | None:
    """The set's RPE when it was completed (a failed set's RPE says nothing more)."""
    return rpe_of(s.rpe, s.rir) if s.completed else None


def ends_calibration(d: PastSession, low: int, high: int, rules: CoachRules) -> bool:
    """A session that tells the real level: a set in the range at RPE 8+, a missed rep, or a
    form note. (A rep-out of 40 at RPE 9 is hard work with a load far too light: it moves the
    next target, it does not end calibration.)"""
    end = rules.calibration.end_rpe
    for s, count in zip(d.sets, d.counts, strict=True):
        effort = _effort(s)
        if (effort is not None and effort >= end and count <= high) or count < low or (
            not s.completed or s.form_note
        ):
            return True
    return False


def calibration_state(
    done: Sequence[PastSession], low: int, high: int, *, applies: bool, known: bool,
    rules: CoachRules,
) -> CalibrationState:
    """Where calibration stands after the sessions `done` (oldest first). `applies`: the
    exercise is loaded by weight (not bodyweight, a band, an assisted machine or a hold);
    `known`: the lifter gave a working set of it."""
    if not applies or known:
        return NOT_CALIBRATING
    top = rules.calibration.max_sessions
    for i, d in enumerate(done):
        if i >= top:
            return CalibrationState(False, top, False)
        if ends_calibration(d, low, high, rules):
            return CalibrationState(False, i + 1, i == len(done) - 1)
    if len(done) >= top:
        # The last calibrating session still sets the next target from its reading.
        return CalibrationState(False, top, len(done) == top)
    return CalibrationState(True, len(done), False)


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def reading(d: PastSession, rules: CoachRules, *, rep_out: bool) -> Decimal | None:
    """The session's e1RM as calibration reads it: the best of its sets, each from its RPE
    (the chart; off it, Epley on reps + reps in reserve), or without one as taken to failure
    (Epley), the rep-out (`rep_out`: the last set) as stopped `rep_out_rir` short of it. Reps
    past `max_read_reps` read as that many. None when no set has a weight and reps."""
    c = rules.calibration
    best: Decimal | None = None
    last = len(d.sets) - 1
    for i, s in enumerate(d.sets):
        if s.weight_kg is None or s.weight_kg <= 0 or s.reps is None or s.reps < 1:
            continue
        reps = min(s.reps, c.max_read_reps)
        effort = _effort(s)
        if effort is not None:
            pct = percent_of_1rm(reps, effort, rules)
        else:
            reserve = c.rep_out_rir if rep_out and i == last and s.completed else 0
            pct = 1 / (1 + Decimal(reps + reserve) / 30)
        value = _q(s.weight_kg / pct)
        if best is None or value > best:
            best = value
    return best


@dataclass(frozen=True, slots=True)
class Aim:
    """Where calibration points next, in kg (not yet rounded to a load)."""

    e1rm: Decimal
    want: Decimal
    ceiling: Decimal
    """The heaviest the reading says the bottom of the range can be done with (RPE 10)."""
    far: bool
    """The sets said the load is far too light."""


def aim(
    d: PastSession, low: int, high: int, rules: CoachRules, *, ended: bool,
    rpe: float | None = None,
) -> Aim | None:
    """The next load from a calibrating session `d` (or, `ended`, the one that ended it):
    about RPE 8 at the bottom of the range, at least +`far_step` when reps went past the range
    or a top-of-range set was at RPE 6 or less, at least the usual step when every set reached
    the top, never over the RPE 10 ceiling and never lighter than the load while calibrating.
    None when the session says nothing more than the usual rules read (no RPE, no reps past
    the range): double progression then moves it, without the weekly cap. `rpe` replaces
    [calibration] target_rpe (a rep wave aims at its top week's reps at its own RPE)."""
    c = rules.calibration
    e1rm = reading(d, rules, rep_out=c.rep_out)
    if e1rm is None or d.load is None:
        return None
    if not ended and not any(_effort(s) is not None for s in d.sets) and all(
        count <= high for count in d.counts
    ):
        return None  # no RPE and nothing past the range: nothing to read beyond the rules
    want = load_for_reps(e1rm, low, c.target_rpe if rpe is None else rpe, rules)
    # Never under a load a set has already lifted for the bottom of the range (the chart and
    # Epley part by a few tenths of a kg: 15 kg x 8 reads as 19 kg, whose chart RPE 10 load
    # for 8 is 14.9 kg).
    shown = [s.weight_kg for s, count in zip(d.sets, d.counts, strict=True)
             if s.weight_kg is not None and s.completed and count >= low]
    ceiling = max([load_for_reps(e1rm, low, c.ceiling_rpe, rules), *shown])
    last = len(d.sets) - 1
    far = any(
        (count > high and not (c.rep_out and i == last))
        or ((effort := _effort(s)) is not None and effort <= c.far_rpe and count >= high)
        for i, (s, count) in enumerate(zip(d.sets, d.counts, strict=True))
    )
    if not ended:
        if any(count >= c.max_read_reps for count in d.counts):
            # Past the reading's limit the e1RM is only a floor: a set of 50 is under 37.5% of
            # 1RM by Epley's line, so twice the load is still under 75% (about 10 reps).
            step = d.load * (1 + Decimal(str(c.saturated_step)))
            want, ceiling = max(want, step), max(ceiling, step)
        if far:
            want = max(want, d.load * (1 + Decimal(str(c.far_step))))
        elif all(count >= high for count in d.counts):
            want = max(want, d.load * (1 + Decimal(str(rules.progression.load_step))))
        want = max(d.load, want)
    return Aim(e1rm, _q(min(want, ceiling)), ceiling, far)
