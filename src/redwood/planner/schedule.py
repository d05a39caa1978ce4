"""When to train and what each day focuses on.

The guide asks for 48 h between intense sessions for the same muscles. With few days a week
every session can be full body; with more days, or days back to back, legs-focused and
back-focused sessions alternate. The week repeats, so the gap from the last session of one week
to the first of the next counts too.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from redwood.domain.plan import SessionFocus
from redwood.domain.vocabulary import TRAINED_REGIONS, Weekday

# Sessions a week for which the guide's two full-body sessions still make sense.
_FULL_BODY_UP_TO_DAYS = 3
# Training a region this often a week is enough (Schoenfeld 2016: at least twice).
_ENOUGH_FREQUENCY = 2


@dataclass(frozen=True, slots=True)
class WeekShape:
    """The repeating week: weekdays in the order they come after the start date, and focuses."""

    weekdays: tuple[Weekday, ...]
    offsets: tuple[int, ...]
    """Days from the start of each plan week (the start date's weekday is 0)."""
    focuses: tuple[SessionFocus, ...]
    variants: tuple[int, ...]
    """Which variant (A=0, B=1) of its focus each session uses (the planner takes a focus's
    templates' variants in turn: full body has a C for a third day)."""


def offsets_from(start: dt.date, weekdays: Sequence[Weekday]) -> list[tuple[int, Weekday]]:
    return sorted(((wd.number - start.weekday()) % 7, wd) for wd in weekdays)


def _region_gaps_ok(offsets: Sequence[int], min_gap: int) -> bool:
    if len(offsets) < 2:
        return True
    gaps = [b - a for a, b in itertools.pairwise(offsets)]
    gaps.append(offsets[0] + 7 - offsets[-1])
    return min(gaps) >= min_gap


def _best_focuses(
    offsets: Sequence[int], min_gap: int
) -> tuple[tuple[int, ...], tuple[SessionFocus, ...]] | None:
    """The best assignment of focuses to the days and its score (_score), or None when every
    one breaks 48 h. Each region's days are a subset of the days, so whether a subset keeps
    `min_gap` is asked once per subset (a bit per day), not once per assignment (3^days of
    them: 2,187 for 7 days)."""
    n = len(offsets)
    kept = [0] * (1 << n)  # a subset's number of days where they keep min_gap, else 0
    for mask in range(1, 1 << n):
        days = [o for i, o in enumerate(offsets) if mask >> i & 1]
        if _region_gaps_ok(days, min_gap):
            kept[mask] = len(days)
    few = n <= _FULL_BODY_UP_TO_DAYS
    best: tuple[tuple[int, ...], tuple[SessionFocus, ...]] | None = None
    for legs, back, full, focuses in _assignments(n):
        freq = (kept[legs], kept[back])
        if 0 in freq:  # a region with no day, or with two days too close
            continue
        score = _score(freq, full, few)
        if best is None or score > best[0]:
            best = (score, focuses)
    return best


_ASSIGNMENTS: dict[int, list[tuple[int, int, int, tuple[SessionFocus, ...]]]] = {}


def _assignments(n: int) -> list[tuple[int, int, int, tuple[SessionFocus, ...]]]:
    """Every assignment of focuses to `n` days, in itertools.product's fixed order (so ties
    resolve the same way every time), as the days (a bit each) that load the legs and the back
    hard, the number of full-body days and the focuses: the same for every plan of `n` days,
    made once."""
    found = _ASSIGNMENTS.get(n)
    if found is None:
        legs_region, back_region = TRAINED_REGIONS
        found = _ASSIGNMENTS[n] = []
        for focuses in itertools.product(list(SessionFocus), repeat=n):
            legs = back = 0
            for i, f in enumerate(focuses):
                if legs_region in f.hard_regions:
                    legs |= 1 << i
                if back_region in f.hard_regions:
                    back |= 1 << i
            found.append((legs, back, sum(f is SessionFocus.FULL for f in focuses), focuses))
    return found


def _score(freq: tuple[int, int], full: int, few: bool) -> tuple[int, ...]:
    """A comparable score for an assignment of focuses to days that keeps 48 h, from how many
    days each region gets and how many are full body (`few`: days enough for full-body
    sessions, which are then preferred)."""
    prefer_full = full if few else -full
    return (min(min(freq), _ENOUGH_FREQUENCY), -abs(freq[0] - freq[1]), prefer_full)


def _variants(focuses: Sequence[SessionFocus]) -> tuple[int, ...]:
    seen: dict[SessionFocus, int] = {}
    out = []
    for f in focuses:
        out.append(seen.get(f, 0) % 2)
        seen[f] = seen.get(f, 0) + 1
    return tuple(out)


class ScheduleError(ValueError):
    pass


def plan_week(
    start: dt.date, candidates: Sequence[Weekday], days: int, min_gap: int
) -> WeekShape:
    """Pick `days` of the candidate weekdays and a focus for each, keeping 48 h per region."""
    best: tuple[tuple[int, ...], tuple[SessionFocus, ...], tuple[tuple[int, Weekday], ...]] | None
    best = None
    for combo in itertools.combinations(sorted(set(candidates), key=lambda w: w.number), days):
        ordered = tuple(offsets_from(start, combo))
        found = _best_focuses([o for o, _ in ordered], min_gap)
        if found is None:
            continue
        offsets = [o for o, _ in ordered]
        spread = min(
            [b - a for a, b in itertools.pairwise(offsets)] + [offsets[0] + 7 - offsets[-1]]
        )
        score = (*found[0], spread)
        if best is None or score > best[0]:
            best = (score, found[1], ordered)
    if best is None:
        names = ",".join(w.value for w in candidates)
        raise ScheduleError(
            f"--on {names}: no way to fit {days} sessions a week on these days with "
            f"{min_gap * 24} h between sessions for the same region; choose days further apart"
        )
    _, focuses, ordered = best
    return WeekShape(
        weekdays=tuple(w for _, w in ordered),
        offsets=tuple(o for o, _ in ordered),
        focuses=focuses,
        variants=_variants(focuses),
    )


def session_dates(start: dt.date, shape: WeekShape, week_index: int) -> list[dt.date]:
    """Dates of week `week_index` (from 1): week N is [start + 7(N-1), start + 7N)."""
    base = start + dt.timedelta(days=7 * (week_index - 1))
    return [base + dt.timedelta(days=o) for o in shape.offsets]
