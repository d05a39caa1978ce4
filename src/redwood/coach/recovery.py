"""Recovery and nutrition: today's readiness, rest days, protein, sleep and fluid.

Pure: check-ins and workouts in, plain values out. Readiness is the progression coach's own
(progression.fatigue_reason and progression.too_sore, with coach.toml's numbers), so
`redwood recovery` and the coach never disagree about whether the lifter is ready. The other
numbers, each with its source, are in rules/recovery.toml (read by redwood.rules.recovery).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from redwood.domain.log import CheckIn, Workout
from redwood.domain.vocabulary import Region
from redwood.rules.coach import CoachRules
from redwood.rules.recovery import RecoveryRules, load_recovery_rules

__all__ = [
    "Fluid",
    "Readiness",
    "RecoveryReport",
    "RecoveryRules",
    "RestDays",
    "SleepCheck",
    "fluid_replacement",
    "load_recovery_rules",
    "protein_target_g",
    "readiness",
    "recovery_report",
    "rest_days",
    "sleep_check",
]

# Soreness is rated per region; fatigue and the "minimal soreness" sign are read for each.
_REGIONS = (Region.LEGS, Region.BACK, Region.CORE)


# --- the helpers -----------------------------------------------------------------------------


def protein_target_g(body_weight_kg: Decimal, rules: RecoveryRules | None = None) -> int:
    """Grams of protein a day for this body weight (whole grams)."""
    r = rules or load_recovery_rules()
    grams = Decimal(body_weight_kg) * r.protein_g_per_kg
    return int(grams.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Fluid:
    lost_kg: Decimal
    """Body weight lost in the session (0 when none was lost)."""
    litres: Decimal
    """Fluid to drink on top of thirst, to 0.1 L."""


def fluid_replacement(before_kg: Decimal, after_kg: Decimal,
                      rules: RecoveryRules | None = None) -> Fluid:
    """Fluid to replace what a session cost: the rate per kg lost. ValueError (naming the
    field) for a loss no session causes."""
    r = rules or load_recovery_rules()
    lost = Decimal(before_kg) - Decimal(after_kg)
    if lost > r.fluid_max_loss_kg:
        raise ValueError(f"--after: {lost} kg lighter than --before; a session costs at most "
                         f"{r.fluid_max_loss_kg} kg: check the two weights")
    lost = max(lost, Decimal(0))
    litres = (lost * r.fluid_l_per_kg).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Fluid(lost, litres)


@dataclass(frozen=True, slots=True)
class SleepCheck:
    date: dt.date
    hours: Decimal
    verdict: str
    """'short', 'enough' or 'long'."""


def sleep_check(checkins: Sequence[CheckIn], today: dt.date,
                rules: RecoveryRules | None = None, *, max_age_days: int = 3
                ) -> SleepCheck | None:
    """Last night's sleep (the latest check-in with sleep, at most `max_age_days` old) against
    the recommended hours; None when there is none recent."""
    r = rules or load_recovery_rules()
    slept = [c for c in checkins if c.sleep_hours is not None
             and 0 <= (today - c.date).days <= max_age_days]
    if not slept:
        return None
    last = max(slept, key=lambda c: c.date)
    hours = Decimal(last.sleep_hours or 0)
    low, high = r.sleep_hours
    verdict = "short" if hours < low else "long" if hours > high else "enough"
    return SleepCheck(last.date, hours, verdict)


@dataclass(frozen=True, slots=True)
class RestDays:
    week_start: dt.date
    trained: int
    """Days with a workout this week up to today."""
    rested: int
    """Days before today this week without one."""
    days_left: int
    """Days from today to Sunday, today included when no workout is logged for it."""
    advice: str


def rest_days(training_days: Iterable[dt.date], today: dt.date,
              rules: RecoveryRules | None = None) -> RestDays:
    """This week's (Monday to Sunday) rest days so far against the recommended 1-2."""
    r = rules or load_recovery_rules()
    week_start = today - dt.timedelta(days=today.weekday())
    days = {d for d in training_days if week_start <= d <= today}
    trained = len(days)
    rested = sum(1 for i in range(today.weekday())
                 if week_start + dt.timedelta(days=i) not in days)
    days_left = 6 - today.weekday() + (0 if today in days else 1)
    low = r.rest_days[0]
    need = low - rested
    if need <= 0:
        advice = f"{rested} rest day{'s' * (rested != 1)} this week: enough"
    elif need >= days_left:
        advice = ("rest today: the week needs " if today not in days else
                  "this week ends short of ") + f"{low} rest day{'s' * (low != 1)}"
    else:
        advice = f"plan {need} rest day{'s' * (need != 1)} before Sunday"
    return RestDays(week_start, trained, rested, days_left, advice)


@dataclass(frozen=True, slots=True)
class Readiness:
    status: str
    """'ready', 'caution' (sore or short of sleep: the coach holds loads), 'fatigued'
    (persistent fatigue: the coach goes lighter) or 'unknown' (no recent check-in)."""
    reasons: tuple[str, ...] = ()
    sore_regions: tuple[Region, ...] = ()


def readiness(
    checkins: Sequence[CheckIn],
    today: dt.date,
    *,
    session_energy: Sequence[tuple[dt.date, int]] = (),
    last_session: dt.date | None = None,
    coach_rules: CoachRules | None = None,
    rules: RecoveryRules | None = None,
) -> Readiness:
    """Today's readiness, read exactly as the progression coach reads it: persistent fatigue
    (coach.toml [fatigue]) and soreness above minimal (coach.toml [readiness]) per region, plus
    last night's sleep against the guide's 7-9 h."""
    from redwood.coach.progression import fatigue_reason, too_sore
    from redwood.rules.coach import load_coach_rules

    cr = coach_rules or load_coach_rules()
    known = [c for c in checkins if c.date <= today]
    reasons: list[str] = []
    fatigued = False
    for region in _REGIONS:
        why = fatigue_reason(known, session_energy, today, region, cr)
        if why and why not in reasons:
            reasons.append(why)
            fatigued = True
    sore: list[Region] = []
    for region in _REGIONS:
        found = too_sore(known, today, region, cr, since=last_session)
        if found is not None:
            c, level = found
            sore.append(region)
            reasons.append(f"{region.value} soreness {level}/5 at your {c.date.isoformat()} "
                           f"check-in: the coach holds {region.value} loads until it is "
                           f"{cr.readiness.max_soreness}/5 or less")
    sleep = sleep_check(known, today, rules, max_age_days=cr.readiness.checkin_max_age_days)
    short = sleep is not None and sleep.verdict == "short"
    if sleep is not None and short:
        r = rules or load_recovery_rules()
        reasons.append(f"{_num(sleep.hours)} h of sleep on {sleep.date.isoformat()}, under "
                       f"{_num(r.sleep_hours[0])} h")
    recent = [c for c in known if (today - c.date).days <= cr.readiness.checkin_max_age_days]
    if fatigued:
        status = "fatigued"
    elif sore or short:
        status = "caution"
    elif not recent and not any(0 <= (today - d).days <= cr.readiness.checkin_max_age_days
                                for d, _ in session_energy):
        status = "unknown"
        reasons.append(f"no check-in in the last {cr.readiness.checkin_max_age_days} days: "
                       "`redwood checkin` tells the coach how you slept and feel")
    else:
        status = "ready"
    return Readiness(status, tuple(reasons), tuple(sore))


def _num(value: Decimal) -> str:
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- everything for `redwood recovery` -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    date: dt.date
    readiness: Readiness
    rest: RestDays
    body_weight_kg: Decimal | None
    protein_g: int | None
    sleep: SleepCheck | None
    fluid: Fluid | None
    active_rest: tuple[str, ...]
    """Suggestions for the day, when fatigue or soreness calls for them (else empty)."""
    rules: RecoveryRules = field(repr=False)


def recovery_report(
    workouts: Sequence[Workout],
    checkins: Sequence[CheckIn],
    today: dt.date,
    *,
    before_kg: Decimal | None = None,
    after_kg: Decimal | None = None,
    rules: RecoveryRules | None = None,
    coach_rules: CoachRules | None = None,
) -> RecoveryReport:
    """Today's recovery picture from the log up to `today`."""
    from redwood.coach.history import latest_body_weight

    r = rules or load_recovery_rules()
    done = [w for w in workouts if w.date <= today and w.sets]
    energy = [(w.date, w.energy) for w in done if w.energy is not None]
    last = max((w.date for w in done if w.date < today), default=None)
    ready = readiness(checkins, today, session_energy=energy, last_session=last,
                      coach_rules=coach_rules, rules=r)
    bw = latest_body_weight(checkins, today)
    fluid = None
    if before_kg is not None and after_kg is not None:
        fluid = fluid_replacement(before_kg, after_kg, r)
    rest = rest_days((w.date for w in done), today, r)
    tired = ready.status in ("fatigued", "caution")
    return RecoveryReport(
        date=today,
        readiness=ready,
        rest=rest,
        body_weight_kg=bw,
        protein_g=protein_target_g(bw, r) if bw is not None else None,
        sleep=sleep_check(checkins, today, r),
        fluid=fluid,
        active_rest=r.active_rest if tired else (),
        rules=r,
    )


def report_json(report: RecoveryReport) -> dict[str, Any]:
    """The report as JSON-ready data; every number with its source's short name."""
    r = report.rules
    return {
        "date": report.date.isoformat(),
        "readiness": {"status": report.readiness.status,
                      "reasons": list(report.readiness.reasons),
                      "source": "coach.toml"},
        "rest_days": {"week_start": report.rest.week_start.isoformat(),
                      "trained": report.rest.trained, "rested": report.rest.rested,
                      "recommended": list(r.rest_days), "advice": report.rest.advice,
                      "source": r.rest_source},
        "protein": None if report.protein_g is None else {
            "grams_per_day": report.protein_g,
            "g_per_kg": float(r.protein_g_per_kg),
            "body_weight_kg": float(report.body_weight_kg or 0),
            "source": r.protein_source},
        "sleep": None if report.sleep is None else {
            "date": report.sleep.date.isoformat(), "hours": float(report.sleep.hours),
            "recommended": [float(h) for h in r.sleep_hours], "verdict": report.sleep.verdict,
            "source": r.sleep_source},
        "fluid": None if report.fluid is None else {
            "lost_kg": float(report.fluid.lost_kg), "litres": float(report.fluid.litres),
            "l_per_kg": float(r.fluid_l_per_kg), "source": r.fluid_source},
        "active_rest": {"suggestions": list(report.active_rest),
                        "source": r.active_rest_source},
        "sources": dict(r.sources),
    }
