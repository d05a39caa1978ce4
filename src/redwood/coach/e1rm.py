"""Estimated one-rep max (e1RM) from a set, and the load for a rep target from an e1RM.

Formulas and limits are in coach.toml ([e1rm], [rpe]); see shared/design/evidence.md:
- Epley (1985): 1RM = w (1 + r/30); Brzycki (1993): 1RM = 36 w / (37 - r); only for 1-12 reps.
- The combined estimate is the mean of the two (a single is its own 1RM).
- With an RPE (or RIR) the RPE chart gives it instead: 1RM = w / %1RM(reps, RPE).

The scalar functions work in Decimal and return kg to 0.01. `best_e1rm` is the bulk path: it
works in floats with precomputed factor tables and recomputes only each winner exactly.

Assisted exercises (domain.log.is_assisted: the weight is help, not load) get a negative
e1RM: the assistance with which one rep would be possible, -assistance / factor. Less help
and more reps both give a higher (nearer zero) value, so e1RM, records and charts order
assisted sets by how little help they needed (`signed_load`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from redwood.domain.log import CENT, E1RM_KINDS, LoggedSet, is_assisted
from redwood.rules.coach import CoachRules, load_coach_rules

__all__ = [
    "E1rmTables",
    "best_e1rm",
    "brzycki",
    "epley",
    "epley_factor",
    "estimate_1rm",
    "load_for_reps",
    "percent_of_1rm",
    "rpe_factor",
    "rpe_of",
    "set_e1rm",
    "tables",
]

_MAX_TABLE_REPS = 100


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def _rules(rules: CoachRules | None) -> CoachRules:
    return rules if rules is not None else load_coach_rules()


def _valid(weight: Decimal | None, reps: int | None, rules: CoachRules) -> bool:
    lo, hi = rules.e1rm.reps
    return weight is not None and weight > 0 and reps is not None and lo <= reps <= hi


def epley(weight: Decimal, reps: int, rules: CoachRules | None = None) -> Decimal | None:
    """Epley's 1RM, w (1 + r/30); None outside 1-12 reps or for no weight."""
    r = _rules(rules)
    if not _valid(weight, reps, r):
        return None
    return _q(weight * (1 + Decimal(reps) / 30))


def brzycki(weight: Decimal, reps: int, rules: CoachRules | None = None) -> Decimal | None:
    """Brzycki's 1RM, 36 w / (37 - r); None outside 1-12 reps or for no weight."""
    r = _rules(rules)
    if not _valid(weight, reps, r):
        return None
    return _q(weight * 36 / (37 - Decimal(reps)))


def rpe_of(rpe: Decimal | float | None, rir: int | None) -> float | None:
    """The set's RPE: as logged, or 10 - RIR (Zourdos et al. 2016); None when neither is."""
    if rpe is not None:
        return float(rpe)
    if rir is not None and rir >= 0:
        return 10.0 - rir
    return None


def _combined_factor(reps: int, rules: CoachRules) -> Decimal:
    if reps == 1:
        return Decimal(1)  # a single is its own 1RM
    ep = 1 + Decimal(reps) / 30
    br = Decimal(36) / (37 - Decimal(reps))
    if rules.e1rm.combine == "epley":
        return ep
    if rules.e1rm.combine == "brzycki":
        return br
    return (ep + br) / 2


def estimate_1rm(
    weight: Decimal,
    reps: int,
    *,
    rpe: Decimal | float | None = None,
    rir: int | None = None,
    rules: CoachRules | None = None,
) -> Decimal | None:
    """The e1RM of `weight` x `reps`: from the RPE chart when an RPE/RIR on the chart is given,
    else the mean of Epley and Brzycki. None outside 1-12 reps or without a weight."""
    r = _rules(rules)
    if not _valid(weight, reps, r):
        return None
    return _q(weight * _factor(reps, rpe, rir, r))


def _factor(reps: int, rpe: Decimal | float | None, rir: int | None,
            rules: CoachRules) -> Decimal:
    """e1RM / weight for `reps` (1-12) at this RPE or RIR, if on the chart."""
    effort = rpe_of(rpe, rir)
    if effort is not None:
        pct = rules.rpe_percent(reps, effort)
        if pct is not None:
            return 1 / Decimal(str(pct))
    return _combined_factor(reps, rules)


# Known e1RMs per rules object: the coach asks for the same sets again and again (a plateau
# check rates every past session of a lift; a log of years repeats a few hundred distinct
# sets, shared as one object each by the store), and the Decimal arithmetic costs ~6 times a
# look-up. Keyed by the rules object's identity (kept alive beside its memo, so an id is
# never reused while its entry exists); bounded.
_MEMO: dict[int, tuple[CoachRules, dict[LoggedSet, Decimal | None]]] = {}
_MEMO_SIZE = 50_000


def set_e1rm(s: LoggedSet, rules: CoachRules | None = None) -> Decimal | None:
    """The e1RM of a logged set; None for warm-ups, bodyweight and timed sets, or 13+ reps.
    For an assisted exercise, negative (see the module doc).

    A failed set counts for the reps it got (it was taken to failure, so its RPE is ignored).
    """
    r = _rules(rules)
    entry = _MEMO.get(id(r))
    if entry is None or entry[0] is not r:
        if len(_MEMO) >= 8:
            _MEMO.clear()
        entry = _MEMO[id(r)] = (r, {})
    memo = entry[1]
    try:
        return memo[s]
    except KeyError:
        pass
    value = _set_e1rm(s, r)
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[s] = value
    return value


def _set_e1rm(s: LoggedSet, rules: CoachRules) -> Decimal | None:
    w, n = s.weight_kg, s.reps
    if s.kind not in E1RM_KINDS or w is None or n is None:
        return None
    r = rules
    if not _valid(w, n, r):
        return None
    factor = _factor(n, s.rpe, s.rir, r) if s.completed else _factor(n, None, None, r)
    return _q(-w / factor) if is_assisted(s.exercise_id) else _q(w * factor)


def percent_of_1rm(reps: int, rpe: float, rules: CoachRules | None = None) -> Decimal:
    """The fraction of 1RM that can be lifted `reps` times at `rpe`.

    From the RPE chart for 1-12 reps at RPE 6-10; past the chart, inverse Epley on the reps
    plus those left in reserve: 1 / (1 + (reps + 10 - RPE) / 30).
    """
    r = _rules(rules)
    pct = r.rpe_percent(reps, rpe)
    if pct is not None:
        return Decimal(str(pct))
    return 1 / epley_factor(reps, rpe)


def epley_factor(reps: int, rpe: float) -> Decimal:
    """Epley's 1RM over the load for `reps` at `rpe`, the reps left in reserve counted as
    done: 1 + (reps + 10 - RPE) / 30 (RPE over 10 read as 10)."""
    in_reserve = max(Decimal(0), Decimal(10) - Decimal(str(rpe)))
    return 1 + (Decimal(max(reps, 1)) + in_reserve) / 30


def load_for_reps(
    e1rm: Decimal, reps: int, rpe: float, rules: CoachRules | None = None
) -> Decimal:
    """The load (kg, to 0.01, not yet rounded to plates) for `reps` at `rpe` from an e1RM."""
    return _q(e1rm * percent_of_1rm(reps, rpe, rules))


# --- the bulk path -----------------------------------------------------------------------


@dataclass(frozen=True)
class E1rmTables:
    """Multipliers by reps (Decimal: float(Decimal) is slower than Decimal arithmetic).

    `combined[r]` is 0 when r is off the 1-12 range; `by_rpe[(r, RPE)]` and `by_rir[(r, RIR)]`
    come from the chart, with RPE keys on its 0.5 grid.
    """

    combined: tuple[Decimal, ...]
    by_rpe: dict[tuple[int, Decimal], Decimal]
    by_rir: dict[tuple[int, int], Decimal]


_TABLES: dict[int, tuple[CoachRules, E1rmTables]] = {}


def tables(rules: CoachRules | None = None) -> E1rmTables:
    r = _rules(rules)
    hit = _TABLES.get(id(r))
    if hit is not None and hit[0] is r:
        return hit[1]
    lo, hi = r.e1rm.reps
    combined = tuple(
        _combined_factor(n, r) if lo <= n <= hi else Decimal(0)
        for n in range(_MAX_TABLE_REPS + 1)
    )
    by_rpe: dict[tuple[int, Decimal], Decimal] = {}
    by_rir: dict[tuple[int, int], Decimal] = {}
    for n in range(lo, hi + 1):
        for half_steps in range(0, 21):
            effort = Decimal(10) - Decimal(half_steps) / 2
            pct = r.rpe_percent(n, float(effort))
            if pct is None:
                continue
            by_rpe[(n, effort)] = 1 / Decimal(str(pct))
            if half_steps % 2 == 0:
                by_rir[(n, half_steps // 2)] = 1 / Decimal(str(pct))
    built = E1rmTables(combined, by_rpe, by_rir)
    _TABLES[id(r)] = (r, built)
    return built


def best_e1rm(sets: Iterable[LoggedSet], rules: CoachRules | None = None) -> dict[str, Decimal]:
    """The best e1RM of each exercise over any number of sets (exact for each winner)."""
    r = _rules(rules)
    t = tables(r)
    combined = t.combined
    by_rpe = t.by_rpe
    by_rir = t.by_rir
    top = len(combined)
    counted = E1RM_KINDS
    best: dict[str, Decimal] = {}
    winner: dict[str, LoggedSet] = {}
    assisted: dict[str, bool] = {}
    for s in sets:
        w = s.weight_kg
        n = s.reps
        if w is None or n is None or s.kind not in counted or not 0 < n < top or w <= 0:
            continue
        factor = combined[n]
        if not factor:
            continue
        if s.completed:
            if s.rpe is not None:
                factor = by_rpe.get((n, s.rpe)) or rpe_factor(n, s.rpe, factor, r)
            elif s.rir is not None:
                factor = by_rir.get((n, s.rir), factor)
        ex = s.exercise_id
        helped = assisted.get(ex)
        if helped is None:
            helped = assisted[ex] = is_assisted(ex)
        value = -w / factor if helped else w * factor
        held = best.get(ex)
        if held is None or value > held:
            best[ex] = value
            winner[ex] = s
    out: dict[str, Decimal] = {}
    for ex, s in winner.items():
        exact = set_e1rm(s, r)
        if exact is not None:
            out[ex] = exact
    return out


def rpe_factor(reps: int, rpe: Decimal, default: Decimal, rules: CoachRules) -> Decimal:
    pct = rules.rpe_percent(reps, float(rpe))
    return default if pct is None else 1 / Decimal(str(pct))
