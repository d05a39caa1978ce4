"""One controlled vocabulary for the whole program.

Muscle names are exactly those of the open free-exercise-db, so that its 870 exercises and the
curated catalogue speak the same language.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
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
    SHRUG = "shrug"
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


# How a reason names a pattern to the lifter ("a row in place of a vertical pull").
PATTERN_LABELS: dict[Pattern, str] = {
    Pattern.SQUAT: "squat", Pattern.HINGE: "hinge", Pattern.LUNGE: "single-leg",
    Pattern.VERTICAL_PULL: "vertical pull", Pattern.HORIZONTAL_PULL: "row",
    Pattern.PULLOVER: "pullover (lats)", Pattern.REAR_DELT: "rear-delt (upper back)",
    Pattern.SHRUG: "shrug (upper back)",
    Pattern.BACK_EXTENSION: "lower-back extension", Pattern.KNEE_FLEXION: "knee-flexion "
    "(hamstring curl)", Pattern.KNEE_EXTENSION: "knee-extension (quads)",
    Pattern.CALF_RAISE: "calf", Pattern.HIP_ABDUCTION: "hip-abduction", Pattern.CARRY: "carry",
    Pattern.SPRINT: "sprint", Pattern.THROW: "throw", Pattern.TOTAL_BODY: "total-body",
    Pattern.CORE: "core",
}


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


# Equipment that adds load to a movement (a bench or a pull-up bar is no load): an exercise with
# none of it has no load to add, and progresses by reps, tempo and a harder variation.
LOAD_EQUIPMENT = frozenset({Equipment.BARBELL, Equipment.DUMBBELL, Equipment.KETTLEBELL,
                            Equipment.CABLE, Equipment.MACHINE, Equipment.RESISTANCE_BAND,
                            Equipment.SLED, Equipment.MEDICINE_BALL, Equipment.TRAP_BAR,
                            Equipment.BACKPACK, Equipment.WATER_BOTTLE})


# Read once, not per call: the planner asks full_gym for every session's warm-up and cool-down,
# and iterating an enum class (or reading a member through it) is slow in Python 3.11.
_GYM_VALUE = Location.GYM.value
_ALL_KIT = frozenset(e.value for e in Equipment)


def full_gym(location: str, equipment: Iterable[str]) -> bool:
    """Whether the lifter trains in a gym with all its kit: the gym's own kit (a foam roller)
    is theirs only where --equipment did not restrict the gym to a list ("at the gym: only
    these")."""
    return location == _GYM_VALUE and {str(e) for e in equipment} >= _ALL_KIT


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
