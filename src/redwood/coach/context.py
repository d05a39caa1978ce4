"""Everything the coach's rules look at for one exercise, worked out once, with the helpers
they share: rounding to loads under the weekly cap, wording weights and reps for the lifter."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal

from redwood.coach.history import PastSession
from redwood.coach.loading import (
    Direction,
    Implement,
    LoadingProfile,
    display_weight,
    in_profile_unit,
    loads_kg,
    round_to_loadable,
)
from redwood.coach.targets import MAX_SETS, Decision, ExerciseLookup, Plateau, Target
from redwood.domain.exercise import Exercise
from redwood.domain.log import CENT, CheckIn
from redwood.domain.vocabulary import Equipment, Level
from redwood.rules.coach import CoachRules

__all__ = ["Context", "pct"]


def pct(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100):.1f}%" if whole else "?"


@dataclass
class Context:
    """What the coach's rules read for one lift's next target: the lift, its prescription, its
    sessions and the lifter's state."""
    exercise: Exercise
    rules: CoachRules
    implement: Implement
    profile: LoadingProfile
    timed: bool
    low: int
    high: int
    sets: int
    rest_s: int
    today: dt.date
    done: list[PastSession]
    """The exercise's past sessions, oldest first (loaded lifts: only those with a weight)."""
    checkins: list[CheckIn]
    session_energy: list[tuple[dt.date, int]]
    bw: Decimal | None
    level: Level
    cap: Decimal | None
    """The heaviest weight allowed today under the weekly 5% rule (None: no limit)."""
    catalog: ExerciseLookup | None
    equipment: Collection[Equipment] | None
    settled_from: int = 0
    """Sessions logged while the exercise calibrated: the usual rules' history starts here."""
    wave_reps: int | None = None
    """This week's reps in a rep wave (the plan's one rep target); `low`-`high` is then the
    wave's range, bottom to top, which the double-progression rules read."""
    deload_days: Collection[dt.date] = ()
    """The plan's deload-week days: a session on one has fewer sets by design, no miss."""
    rpe: float | None = None
    """The plan's RPE target for today's sets (None: none); every target carries it."""

    @property
    def last(self) -> PastSession:
        return self.done[-1]

    @property
    def aim_reps(self) -> int:
        """The reps a new load is chosen for: this week's in a rep wave (a lifter calibrating
        in its 3 x 9 week needs a load for 9), else the bottom of the range."""
        return self.wave_reps if self.wave_reps is not None else self.low

    @property
    def wave_top(self) -> tuple[int, float] | None:
        """In a rep wave, the reps and RPE its load is chosen for: the top week's reps at
        [progression] wave_top_rpe (the load holds across the wave, so the bottom week is
        easier); None outside a wave (a new load is then chosen for the bottom of the range)."""
        if self.wave_reps is None:
            return None
        return self.high, self.rules.progression.wave_top_rpe

    # --- words ---

    def w(self, kg: Decimal) -> str:
        return display_weight(kg, self.profile)

    def weight_or_bodyweight(self, kg: Decimal | None) -> str:
        return "bodyweight" if kg is None else self.w(kg)

    def delta(self, new: Decimal, old: Decimal) -> str:
        """The step between two loads, in the lifter's unit ('5 lb', not '4.54 kg')."""
        a = in_profile_unit(new, self.implement, self.profile)
        b = in_profile_unit(old, self.implement, self.profile)
        text = f"{abs(a - b).quantize(CENT):f}".rstrip("0").rstrip(".")
        return f"{text} {self.profile.unit.value}"

    def noun(self) -> str:
        return " s" if self.timed else " reps"

    def sets_text(self, session: PastSession) -> str:
        """'10, 9, 10 reps at 57.5 kg'. A session at several loads names each one, '8 reps at
        65 kg, 7, 6, 6 at 80 kg': its heaviest alone said the 8 reps were at 80 kg too."""
        runs: list[tuple[Decimal | None, list[int]]] = []
        for s, n in zip(session.sets, session.counts, strict=True):
            if runs and runs[-1][0] == s.weight_kg:
                runs[-1][1].append(n)
            else:
                runs.append((s.weight_kg, [n]))
        if len(runs) <= 1:
            at = f" at {self.w(session.load)}" if session.load is not None else ""
            return f"{', '.join(map(str, session.counts))}{self.noun()}{at}"
        return ", ".join(f"{', '.join(map(str, counts))}{self.noun() if i == 0 else ''} at "
                         f"{self.weight_or_bodyweight(load)}"
                         for i, (load, counts) in enumerate(runs))

    def count(self, n: int) -> str:
        return f"{n} s" if self.timed else f"{n} rep" if n == 1 else f"{n} reps"

    def name_of(self, exercise_id: str) -> str:
        found = self.catalog.get(exercise_id) if self.catalog is not None else None
        return found.name if found is not None else exercise_id.replace("-", " ")

    # --- reading the sessions ---

    def missed(self, d: PastSession, *, sets: bool = True) -> bool:
        """Below target: a set under the range, a failed set, or (`sets`) fewer sets than
        today's prescription. Only the last session is judged by its number of sets: a plan's
        sessions prescribe different numbers of sets (4 on Monday, 3 on Friday), and what an
        older session prescribed is not in the log, so a short count there is no miss; nor is
        one in a deload week, whose sets are fewer on purpose."""
        return (
            (sets and len(d.sets) < self.sets and d.date not in self.deload_days)
            or any(c < self.low for c in d.counts)
            or any(not s.completed for s in d.sets)
        )

    def days_at_load(self, *, exactly: bool = False) -> int:
        """Days since the current load was first lifted, in the run of sessions at it or
        heavier (or, for an assisted machine, at as little help); `exactly`: at this very
        load (a step that failed and came back down starts the count again)."""
        current = self.last.load
        first = self.last.date
        helped = self.implement is Implement.ASSISTED_MACHINE
        for d in reversed(self.done):
            if d.load is None or current is None:
                break
            if (d.load != current) if exactly else (
                (d.load > current) if helped else (d.load < current)
            ):
                break
            first = d.date
        return (self.today - first).days

    # --- the answer ---

    def target(
        self,
        decision: Decision,
        reason: str,
        weight: Decimal | None,
        *,
        lo: int | None = None,
        sets: int | None = None,
        notes: Iterable[str] = (),
        switch_to: str | None = None,
        calibrate: bool = False,
        rep_out: bool = False,
        plateau: Plateau | None = None,
        ramp: bool = False,
    ) -> Target:
        """A target inside the prescription: reps (or seconds) from `lo` (the bottom by
        default) to the top of the range, 1-6 sets; in a rep wave the week's reps, as the
        plan says them (the load is the coach's, the reps the plan's)."""
        bottom = max(self.low, min(self.high, lo if lo is not None else self.low))
        top = self.high
        if self.wave_reps is not None:
            bottom = top = self.wave_reps
        n_sets = max(1, min(MAX_SETS, sets if sets is not None else self.sets))
        return Target(
            exercise_id=self.exercise.id,
            sets=n_sets,
            reps_min=None if self.timed else bottom,
            reps_max=None if self.timed else top,
            seconds_min=bottom if self.timed else None,
            seconds_max=top if self.timed else None,
            weight_kg=weight,
            rest_s=self.rest_s,
            decision=decision,
            reason=reason,
            notes=tuple(notes),
            switch_to=switch_to,
            calibrate=calibrate,
            rep_out=rep_out,
            plateau=plateau,
            ramp=ramp,
            rpe=self.rpe,
        )

    # --- loads ---

    def loads(self) -> tuple[Decimal, ...]:
        return loads_kg(self.implement, self.profile)

    def at_most(self, limit: Decimal) -> Decimal | None:
        """The heaviest load not above `limit` (strictly: no conversion tolerance)."""
        loads = self.loads()
        i = bisect.bisect_right(loads, limit)
        return loads[i - 1] if i else None

    def fit(self, weight: Decimal | None, direction: Direction = "nearest") -> Decimal | None:
        """`weight` rounded to a load ("down" or "nearest"), then kept under the weekly cap."""
        if weight is None:
            return None
        got = round_to_loadable(weight, self.implement, self.profile, direction)
        if got is None:
            loads = self.loads()
            if not loads:
                return None
            got = loads[0] if weight < loads[0] else loads[-1]
        if self.cap is not None and got > self.cap:
            under = self.at_most(self.cap)
            # Nothing loadable under the cap (a load lighter than anything here): keep the
            # weight that was lifted rather than jump past the 5% rule.
            got = under if under is not None else min(weight, self.cap)
        return got

    def cut(self, load: Decimal, fraction: float) -> Decimal | None:
        """`load` less `fraction`, rounded down to a load (never below the lightest)."""
        want = load * (1 - Decimal(str(fraction)))
        got = self.fit(want, "down")
        if got is None:
            return None
        return min(got, load)

    # --- the once-a-week rule ---

    def increase_wait(self) -> int:
        """Days before the load may go up again: it rises at most once a week, so that no week
        is more than 5% over the one before (three +5% sessions would be +15%)."""
        if self.last.load is None:
            return 0
        return max(0, self.rules.progression.increase_every_days - self.days_at_load())

    def hold_for_the_week(self, top: str, load: Decimal | None, wait: int) -> Target:
        when = self.today + dt.timedelta(days=wait)
        days = self.days_at_load()
        since = self.today - dt.timedelta(days=days)
        began = "you started at this load" if since <= self.done[0].date else "the load went up"
        return self.target(
            Decision.HOLD,
            f"{top}, but {began} {days} day{'' if days == 1 else 's'} ago and it rises at most "
            f"once a week (the guide: no more than 5% a week): hold "
            f"{self.weight_or_bodyweight(load)}, and add from {when:%a %d %b}.",
            load,
            lo=self.high,
        )
