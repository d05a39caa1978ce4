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


def _score(
    offsets: Sequence[int], focuses: Sequence[SessionFocus], min_gap: int
) -> tuple[int, ...] | None:
    """A comparable score for an assignment of focuses to days, or None if it breaks 48 h."""
    freq = []
    for region in TRAINED_REGIONS:
        days = [o for o, f in zip(offsets, focuses, strict=True) if region in f.hard_regions]
        if not days or not _region_gaps_ok(days, min_gap):
            return None
        freq.append(len(days))
    full = sum(f is SessionFocus.FULL for f in focuses)
    prefer_full = full if len(offsets) <= _FULL_BODY_UP_TO_DAYS else -full
    return (min(min(freq), _ENOUGH_FREQUENCY), -abs(freq[0] - freq[1]), prefer_full)


def _best_focuses(
    offsets: Sequence[int], min_gap: int
) -> tuple[tuple[int, ...], tuple[SessionFocus, ...]] | None:
    best: tuple[tuple[int, ...], tuple[SessionFocus, ...]] | None = None
    # itertools.product is in a fixed order, so ties resolve the same way every time.
    for focuses in itertools.product(list(SessionFocus), repeat=len(offsets)):
        score = _score(offsets, focuses, min_gap)
        if score is not None and (best is None or score > best[0]):
            best = (score, focuses)
    return best


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
