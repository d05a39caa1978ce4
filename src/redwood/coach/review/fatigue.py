"""Fatigue signals from check-ins and workouts: short nights, low energy, high soreness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from redwood.coach.review.context import ReviewContext
from redwood.coach.review.model import Notes


@dataclass(frozen=True)
class Fatigue:
    """Days with a fatigue signal in the period (0 when fewer than review.toml's minimum), and
    the counts behind them."""

    signals: int
    short_sleep: int
    nights: int
    low_energy: int
    sore: int

    @property
    def persistent(self) -> bool:
        return self.signals > 0


def fatigue(ctx: ReviewContext, out: Notes) -> Fatigue:
    checkins, period, start, end = ctx.checkins, ctx.period, ctx.start, ctx.end
    coach, review = ctx.coach, ctx.review
    f = coach.fatigue
    sleep_min = Decimal(str(review.sleep.min_hours))
    days: set[dt.date] = set()
    short = nights = low = sore = 0
    for c in checkins:
        if not start <= c.date <= end:
            continue
        hit = False
        if c.sleep_hours is not None:
            nights += 1
            if c.sleep_hours < sleep_min:
                short += 1
                hit = True
        if c.energy is not None and c.energy <= f.low_energy:
            low += 1
            hit = True
        if c.soreness and max(c.soreness.values()) >= f.high_soreness:
            sore += 1
            hit = True
        if hit:
            days.add(c.date)
    for x in period:
        if x.energy is not None and x.energy <= f.low_energy and x.date not in days:
            low += 1
            days.add(x.date)
    signals = len(days)
    result = Fatigue(signals if signals >= review.fatigue.min_signals else 0, short, nights,
                      low, sore)
    if result.persistent:
        parts = []
        if short:
            parts.append(f"{short} nights under {review.sleep.min_hours:g} h of sleep")
        if low:
            parts.append(f"{low} days of low energy (≤ {f.low_energy} of 5)")
        if sore:
            parts.append(f"{sore} days of high soreness (≥ {f.high_soreness} of 5)")
        out.find("fatigue", f"Fatigue signals on {signals} days: {', '.join(parts)}.")
    if nights and short >= review.fatigue.min_signals and \
            short / nights >= review.fatigue.short_sleep_share:
        out.find("short_sleep", f"Under {review.sleep.min_hours:g} h of sleep on {short} of "
                 f"{nights} nights logged.")
    return result


