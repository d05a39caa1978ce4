"""One controlled vocabulary for the whole program.

Muscle names are exactly those of the open free-exercise-db, so that its 870 exercises and the
curated catalogue speak the same language.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


class Muscle(StrEnum):
    ABDOMINALS = "abdominals"
    ABDUCTORS = "abductors"
    ADDUCTORS = "adductors"
    BICEPS = "biceps"
    CALVES = "calves"
    CHEST = "chest"
    FOREARMS = "forearms"
    GLUTES = "glutes"
    HAMSTRINGS = "hamstrings"
    LATS = "lats"
    LOWER_BACK = "lower back"
    MIDDLE_BACK = "middle back"
    NECK = "neck"
    QUADRICEPS = "quadriceps"
    SHOULDERS = "shoulders"
    TRAPS = "traps"
    TRICEPS = "triceps"


class Region(StrEnum):
    """Where an exercise's work lands. Volume and the 48 h rule are counted per region."""

    LEGS = "legs"
    BACK = "back"
    CORE = "core"
    FULL_BODY = "full-body"


# The two regions the guide is about; weekly volume and recovery are tracked for these.
TRAINED_REGIONS: tuple[Region, Region] = (Region.LEGS, Region.BACK)


class Pattern(StrEnum):
    SQUAT = "squat"
    HINGE = "hinge"
    LUNGE = "lunge"
    VERTICAL_PULL = "vertical-pull"
    HORIZONTAL_PULL = "horizontal-pull"
    PULLOVER = "pullover"
    REAR_DELT = "rear-delt"
    BACK_EXTENSION = "back-extension"
    KNEE_FLEXION = "knee-flexion"
    KNEE_EXTENSION = "knee-extension"
    CALF_RAISE = "calf-raise"
    HIP_ABDUCTION = "hip-abduction"
    CARRY = "carry"
    SPRINT = "sprint"
    THROW = "throw"
    TOTAL_BODY = "total-body"
    CORE = "core"


class Mechanic(StrEnum):
    COMPOUND = "compound"
    ISOLATION = "isolation"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.BEGINNER: 0, Level.INTERMEDIATE: 1, Level.ADVANCED: 2}


class Goal(StrEnum):
    STRENGTH = "strength"
    HYPERTROPHY = "hypertrophy"
    ENDURANCE = "endurance"


class Measure(StrEnum):
    """What a set counts: repetitions, or seconds for holds, carries and sprints."""

    REPS = "reps"
    SECONDS = "seconds"


class Equipment(StrEnum):
    BARBELL = "barbell"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    CABLE = "cable"
    MACHINE = "machine"
    BENCH = "bench"
    PULL_UP_BAR = "pull-up-bar"
    RESISTANCE_BAND = "resistance-band"
    BOX = "box"
    SLED = "sled"
    MEDICINE_BALL = "medicine-ball"
    TRAP_BAR = "trap-bar"
    BACKPACK = "backpack"
    WATER_BOTTLE = "water-bottle"
    TOWEL = "towel"
    STAIRS = "stairs"
    HILL = "hill"


class Location(StrEnum):
    GYM = "gym"
    HOME = "home"
    OUTDOOR = "outdoor"


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """Monday is 0, as in datetime.date.weekday()."""
        return list(Weekday).index(self)

    @classmethod
    def from_index(cls, i: int) -> Weekday:
        return list(cls)[i % 7]


def allowed(enum: type[StrEnum]) -> str:
    """The allowed values of a vocabulary, for error messages."""
    return ", ".join(m.value for m in enum)


def parse_choice(enum: type[E], value: str, option: str) -> E:
    """`value` as a member of `enum`, forgiving case and '-' for ' ' (so 'lower-back' works)."""
    text = value.strip().lower()
    for candidate in (text, text.replace("-", " "), text.replace(" ", "-"), text.replace("_", "-")):
        try:
            return enum(candidate)
        except ValueError:
            continue
    raise ValueError(f"{option}: {value!r} is not one of {allowed(enum)}")
