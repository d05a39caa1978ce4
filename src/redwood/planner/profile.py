"""Turn what the lifter typed into a validated Profile.

Every problem is reported as an InputError naming the option and what it allows, so the CLI (and
later the web app) can show one clear line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import StrEnum

from redwood.domain.plan import Profile
from redwood.domain.vocabulary import (
    Equipment,
    Goal,
    Level,
    Location,
    Pattern,
    Weekday,
    allowed,
    parse_choice,
)
from redwood.rules import Rules

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import TypeVar

    E = TypeVar("E", bound=StrEnum)

# What each location gives before --equipment adds to it (gym: --equipment restricts instead).
OUTDOOR_EQUIPMENT = (Equipment.BENCH, Equipment.STAIRS, Equipment.HILL, Equipment.PULL_UP_BAR)


class InputError(ValueError):
    """Bad input from the lifter: names the option and the allowed values."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option



def _enum(enum: type[E], value: str, option: str) -> E:
    try:
        return parse_choice(enum, value, option)
    except ValueError:
        raise InputError(option, f"{value!r} is not one of {allowed(enum)}") from None


def _in_range(value: int, bounds: tuple[int, int], option: str) -> int:
    lo, hi = bounds
    if not lo <= value <= hi:
        raise InputError(option, f"{value} is out of range: allowed {lo}..{hi}")
    return value


def split_list(values: Iterable[str] | None) -> list[str]:
    """Accept both `--on mon,thu` and `--on mon --on thu`."""
    out: list[str] = []
    for value in values or ():
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def parse_equipment(values: Iterable[str]) -> tuple[Equipment, ...]:
    return tuple(sorted({_enum(Equipment, v, "--equipment") for v in values}))


def available_equipment(location: Location, extra: Sequence[Equipment]) -> tuple[Equipment, ...]:
    if location is Location.GYM:
        return tuple(sorted(extra)) if extra else tuple(sorted(Equipment))
    base = set(OUTDOOR_EQUIPMENT) if location is Location.OUTDOOR else set()
    return tuple(sorted(base | set(extra)))


def parse_date(value: str, option: str = "--start") -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(option, f"{value!r} is not a date: use YYYY-MM-DD") from None


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def parse_exclude(values: Iterable[str], known_ids: Iterable[str]) -> tuple[str, ...]:
    ids = set(known_ids)
    patterns = {p.value for p in Pattern}
    out = []
    for value in values:
        v = value.strip().lower()
        if v not in ids and v not in patterns:
            raise InputError(
                "--exclude",
                f"{value!r} is neither an exercise id nor a pattern ({allowed(Pattern)}); "
                "see `redwood exercises` for ids",
            )
        out.append(v)
    return tuple(dict.fromkeys(out))


def parse_protect(values: Iterable[str], rules: Rules) -> tuple[str, ...]:
    """Areas for --protect, e.g. lower-back; one clear error listing the allowed ones."""
    areas = list(rules.protect)
    out = []
    for value in values:
        v = value.strip().lower().replace("_", "-").replace(" ", "-")
        if v not in areas:
            raise InputError("--protect", f"{value!r} is not one of {', '.join(areas)}")
        out.append(v)
    return tuple(dict.fromkeys(out))


def make_profile(
    rules: Rules,
    *,
    goal: str,
    level: str,
    days: int,
    minutes: int,
    weeks: int,
    start: str | None,
    location: str,
    equipment: Iterable[str] = (),
    on: Iterable[str] = (),
    supersets: bool = True,
    exclude: Iterable[str] = (),
    known_ids: Iterable[str] = (),
    seed: int = 0,
    protect: Iterable[str] = (),
    today: dt.date | None = None,
) -> tuple[Profile, tuple[Weekday, ...]]:
    """Validate raw options. Returns the profile and the candidate weekdays to schedule on.

    The profile's weekdays are provisional (the scheduler picks among the candidates).
    """
    s = rules.schedule
    goal_ = _enum(Goal, goal, "--goal")
    level_ = _enum(Level, level, "--level")
    days = _in_range(days, s.days, "--days")
    minutes = _in_range(minutes, s.minutes, "--minutes")
    weeks = _in_range(weeks, s.weeks, "--weeks")
    location_ = _enum(Location, location, "--location")
    extra = parse_equipment(split_list(equipment))
    start_date = parse_date(start) if start else next_monday(today or dt.date.today())
    on_list = split_list(on)
    if on_list:
        candidates = tuple(dict.fromkeys(_enum(Weekday, d, "--on") for d in on_list))
        if len(candidates) < days:
            raise InputError(
                "--on",
                f"{len(candidates)} weekday(s) given for --days {days}: name at least {days} "
                f"of {allowed(Weekday)}",
            )
    else:
        candidates = tuple(Weekday(d) for d in s.default_weekdays[days])
    profile = Profile(
        goal=goal_,
        level=level_,
        days_per_week=days,
        minutes_per_session=minutes,
        weeks=weeks,
        start_date=start_date,
        weekdays=candidates[:days],
        location=location_,
        equipment=available_equipment(location_, extra),
        supersets=supersets,
        exclude=parse_exclude(split_list(exclude), known_ids),
        seed=seed,
        protect=parse_protect(split_list(protect), rules),
    )
    return profile, candidates
