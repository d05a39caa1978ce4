"""What a location can load: bars and plates, dumbbell pairs, machine stacks, bands.

A `LoadingProfile` lists the equipment in the lifter's unit (kg or lb). Every target the coach
gives is rounded to a load in it, converted to kg exactly as a logged weight is (`to_kg`, to
0.01 kg), so a pound lifter's 225 lb is stored as 102.06 kg and shown as 225 lb again.

Loads by implement (what a logged `weight_kg` means):
- barbell / trap bar: the whole bar with its plates (plates are owned in pairs, one per side);
- dumbbell / kettlebell: one dumbbell or bell (per hand when two are used);
- machine / cable: the stack setting; assisted machine: the assistance (more is easier);
- backpack / water bottle / sled / medicine ball: the load itself;
- bodyweight: None, or the load added with a belt or a dumbbell (a weighted pull-up);
- band: None (bands progress by level, not kilograms).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from typing import Literal

from redwood.domain.exercise import Exercise
from redwood.domain.log import KG_PER_LB, Unit, from_kg, to_kg
from redwood.domain.vocabulary import Equipment, Location
from redwood.rules.coach import CoachRules, ProfileSpec, Span, load_coach_rules

__all__ = [
    "Direction",
    "Implement",
    "LoadingProfile",
    "default_profile",
    "display_weight",
    "implement_for",
    "in_profile_unit",
    "is_loadable",
    "loads_kg",
    "nearest_loadable",
    "plates_per_side",
    "round_to_loadable",
    "step_up",
]

Direction = Literal["down", "up", "nearest"]


class Implement(StrEnum):
    BARBELL = "barbell"
    TRAP_BAR = "trap-bar"
    MACHINE = "machine"
    ASSISTED_MACHINE = "assisted-machine"
    CABLE = "cable"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    BACKPACK = "backpack"
    WATER_BOTTLE = "water-bottle"
    SLED = "sled"
    MEDICINE_BALL = "medicine-ball"
    BAND = "band"
    BODYWEIGHT = "bodyweight"

    @property
    def loaded(self) -> bool:
        """Whether a target for it has a weight (bodyweight may still take added load)."""
        return self not in (Implement.BAND, Implement.BODYWEIGHT)

    @property
    def uses_bar(self) -> bool:
        return self in (Implement.BARBELL, Implement.TRAP_BAR)

    @property
    def fixed_weights(self) -> bool:
        """Dumbbells and kettlebells come in fixed pairs: the guide's "+2-5 lb every 3 weeks"."""
        return self in (Implement.DUMBBELL, Implement.KETTLEBELL)


# Which equipment decides how an exercise is loaded, first match wins (bench, box, pull-up bar,
# towel, stairs and hill carry no load).
_PRIORITY: tuple[tuple[Equipment, Implement], ...] = (
    (Equipment.BARBELL, Implement.BARBELL),
    (Equipment.TRAP_BAR, Implement.TRAP_BAR),
    (Equipment.MACHINE, Implement.MACHINE),
    (Equipment.CABLE, Implement.CABLE),
    (Equipment.DUMBBELL, Implement.DUMBBELL),
    (Equipment.KETTLEBELL, Implement.KETTLEBELL),
    (Equipment.BACKPACK, Implement.BACKPACK),
    (Equipment.WATER_BOTTLE, Implement.WATER_BOTTLE),
    (Equipment.SLED, Implement.SLED),
    (Equipment.MEDICINE_BALL, Implement.MEDICINE_BALL),
    (Equipment.RESISTANCE_BAND, Implement.BAND),
)


def implement_for(
    what: Exercise | Sequence[Equipment] | Implement, rules: CoachRules | None = None
) -> Implement:
    """How `what` is loaded: an Implement as is, an exercise by id override then equipment."""
    if isinstance(what, Implement):
        return what
    if isinstance(what, Exercise):
        override = (rules or load_coach_rules()).implements.overrides.get(what.id)
        if override is not None:
            return Implement(override)
        equipment: Sequence[Equipment] = what.equipment
    else:
        equipment = what
    present = set(equipment)
    for item, implement in _PRIORITY:
        if item in present:
            return implement
    return Implement.BODYWEIGHT


def _dec(value: Decimal | float | int | str) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


_LOAD_FIELDS = (
    "dumbbells", "kettlebells", "machine", "cable", "backpack", "water_bottles",
    "medicine_balls", "sled",
)


@dataclass(frozen=True)
class LoadingProfile:
    """What one location can load, in `unit`. Plates are per side: (plate, pairs owned)."""

    name: str = "custom"
    unit: Unit = Unit.KG
    bar: Decimal | None = None
    trap_bar: Decimal | None = None
    plates: tuple[tuple[Decimal, int], ...] = ()
    dumbbells: tuple[Decimal, ...] = ()
    kettlebells: tuple[Decimal, ...] = ()
    machine: tuple[Decimal, ...] = ()
    """Stack settings; also used for an assisted machine's assistance."""
    cable: tuple[Decimal, ...] = ()
    backpack: tuple[Decimal, ...] = ()
    water_bottles: tuple[Decimal, ...] = ()
    medicine_balls: tuple[Decimal, ...] = ()
    sled: tuple[Decimal, ...] = ()
    bands: tuple[str, ...] = ()
    """Band levels owned, lightest first."""

    def __post_init__(self) -> None:
        # Accept plain numbers (LoadingProfile(bar=20, plates=((25, 4),))) and keep Decimals.
        unit = Unit(self.unit)
        object.__setattr__(self, "unit", unit)
        for name in ("bar", "trap_bar"):
            value = getattr(self, name)
            if value is not None:
                value = _dec(value)
                if value <= 0:
                    raise ValueError(f"{name} must weigh more than 0")
                object.__setattr__(self, name, value)
        plates: list[tuple[Decimal, int]] = []
        for plate, pairs in self.plates:
            p = _dec(plate)
            if p <= 0 or int(pairs) < 0:
                raise ValueError(f"plate {plate} x {pairs} pairs makes no sense")
            if int(pairs):
                plates.append((p, int(pairs)))
        object.__setattr__(self, "plates", tuple(sorted(plates, reverse=True)))
        for name in _LOAD_FIELDS:
            values = sorted({_dec(v) for v in getattr(self, name)})
            if any(v < 0 for v in values):
                raise ValueError(f"{name}: loads can't be negative")
            object.__setattr__(self, name, tuple(values))
        object.__setattr__(self, "bands", tuple(self.bands))

    @classmethod
    def from_spec(cls, name: str, unit: Unit, spec: ProfileSpec) -> LoadingProfile:
        def expand(value: tuple[Decimal, ...] | Span) -> tuple[Decimal, ...]:
            return value.values() if isinstance(value, Span) else tuple(value)

        loads = {f: expand(getattr(spec, f)) for f in _LOAD_FIELDS}
        return cls(
            name=name, unit=unit, bar=spec.bar, trap_bar=spec.trap_bar,
            plates=spec.plates, bands=spec.bands, **loads,
        )

    def to_kg(self, value: Decimal | float | int | str) -> Decimal:
        return to_kg(value, self.unit)

    def from_kg(self, kg: Decimal) -> Decimal:
        return from_kg(kg, self.unit)

    @property
    def smallest_plate(self) -> Decimal | None:
        return self.plates[-1][0] if self.plates else None

    def describe(self) -> str:
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("name", "unit") or not value:
                continue
            parts.append(f.name)
        return f"{self.name} ({self.unit.value}): " + (", ".join(parts) or "bodyweight only")


def default_profile(
    location: Location | str = Location.GYM,
    unit: Unit | str = Unit.KG,
    rules: CoachRules | None = None,
) -> LoadingProfile:
    """The equipment Redwood assumes at a location (coach.toml [profiles]) in `unit`."""
    r = rules or load_coach_rules()
    where = Location(location)
    u = Unit(unit)
    # Made once per rules, location and unit: every target of today's session starts from
    # it, and expanding its spans into loads took about 7% of a GET /today's CPU (py-spy).
    # The profile is frozen, so one object serves every caller.
    made = _DEFAULTS.get((where, u))
    if made is None or made[0] is not r:
        made = _DEFAULTS[(where, u)] = (r, LoadingProfile.from_spec(where.value, u,
                                                                    r.profiles[where][u]))
    return made[1]


_DEFAULTS: dict[tuple[Location, Unit], tuple[CoachRules, LoadingProfile]] = {}


# --- plate math --------------------------------------------------------------------------

_HUNDRED = Decimal(100)


@cache
def _side_sums(plates: tuple[tuple[Decimal, int], ...]) -> dict[int, tuple[Decimal, ...]]:
    """Every per-side plate total (in hundredths) with its fewest-plates list, heaviest first.

    A bounded knapsack over the plates owned: exact where plain greedy is not (one 25 and two
    15s make 30 per side even with no 5s). Among equally few plates the heavier ones win.
    """
    best: dict[int, tuple[Decimal, ...]] = {0: ()}
    for plate, count in sorted(plates, reverse=True):
        cents = int(plate * _HUNDRED)
        for _ in range(count):
            for total, used in list(best.items()):
                new = total + cents
                candidate = (*used, plate)
                known = best.get(new)
                if known is None or len(candidate) < len(known) or (
                    len(candidate) == len(known) and candidate > known
                ):
                    best[new] = candidate
    return best


def plates_per_side(
    total: Decimal | float | int | str,
    profile: LoadingProfile,
    *,
    bar: Decimal | float | int | str | None = None,
    trap_bar: bool = False,
) -> list[Decimal] | None:
    """The plates for each side to make `total` (in the profile's unit), heaviest first.

    [] for the empty bar; None when `total` can't be made exactly with the plates owned, is
    below the bar, or there is no bar.
    """
    bar_weight = _dec(bar) if bar is not None else (profile.trap_bar if trap_bar else profile.bar)
    if bar_weight is None:
        return None
    side = (_dec(total) - bar_weight) / 2
    if side < 0:
        return None
    cents = side * _HUNDRED
    if cents != cents.to_integral_value():
        return None
    found = _side_sums(profile.plates).get(int(cents))
    return None if found is None else list(found)


# --- what can be loaded ------------------------------------------------------------------


@cache
def _loads_in_unit(profile: LoadingProfile, implement: Implement) -> tuple[Decimal, ...]:
    if implement.uses_bar:
        bar = profile.trap_bar if implement is Implement.TRAP_BAR else profile.bar
        if bar is None:
            return ()
        sums = _side_sums(profile.plates)
        return tuple(sorted(bar + 2 * Decimal(c) / _HUNDRED for c in sums))
    if implement is Implement.BODYWEIGHT:
        # Added load for a weighted pull-up: any plates on a belt, or one dumbbell or bell.
        singles = tuple((p, 2 * n) for p, n in profile.plates)
        added = {Decimal(c) / _HUNDRED for c in _side_sums(singles) if c}
        added.update(profile.dumbbells, profile.kettlebells)
        return tuple(sorted(v for v in added if v > 0))
    by_field = {
        Implement.DUMBBELL: profile.dumbbells,
        Implement.KETTLEBELL: profile.kettlebells,
        Implement.MACHINE: profile.machine,
        Implement.ASSISTED_MACHINE: profile.machine,
        Implement.CABLE: profile.cable,
        Implement.BACKPACK: profile.backpack,
        Implement.WATER_BOTTLE: profile.water_bottles,
        Implement.MEDICINE_BALL: profile.medicine_balls,
        Implement.SLED: profile.sled,
    }
    return by_field.get(implement, ())


@cache
def _unit_by_kg(profile: LoadingProfile, implement: Implement) -> dict[Decimal, Decimal]:
    return {profile.to_kg(v): v for v in _loads_in_unit(profile, implement)}


@cache
def _loads_kg(profile: LoadingProfile, implement: Implement) -> tuple[Decimal, ...]:
    return tuple(sorted(_unit_by_kg(profile, implement)))


def in_profile_unit(
    weight_kg: Decimal,
    equipment: Implement | Exercise | Sequence[Equipment],
    profile: LoadingProfile,
) -> Decimal:
    """A kg load in the profile's unit: exactly the loadable value it came from (225 lb, not
    224.99), or the plain conversion when it is not a load of this equipment."""
    found = _unit_by_kg(profile, implement_for(equipment)).get(weight_kg)
    return found if found is not None else profile.from_kg(weight_kg)


def loads_kg(
    implement: Implement | Exercise | Sequence[Equipment], profile: LoadingProfile
) -> tuple[Decimal, ...]:
    """Every load (kg, ascending) the profile can put on this implement; () when none."""
    return _loads_kg(profile, implement_for(implement))


def _pick(
    value: Decimal, loads: Sequence[Decimal], direction: Direction, tol: Decimal
) -> Decimal | None:
    if not loads:
        return None
    i = bisect.bisect_left(loads, value)
    # Within the conversion tolerance a value *is* that load, whatever the direction.
    for j in (i - 1, i):
        if 0 <= j < len(loads) and abs(loads[j] - value) <= tol:
            return loads[j]
    below = loads[i - 1] if i > 0 else None
    above = loads[i] if i < len(loads) else None
    if direction == "down":
        return below
    if direction == "up":
        return above
    if below is None:
        return above
    if above is None:
        return below
    return below if value - below <= above - value else above  # a tie rounds down


def nearest_loadable(
    total: Decimal | float | int | str,
    profile: LoadingProfile,
    direction: Direction = "nearest",
    implement: Implement = Implement.BARBELL,
) -> Decimal | None:
    """The loadable total (in the profile's unit) nearest `total` (in the profile's unit),
    or the nearest below/above it; None when there is none that way."""
    return _pick(_dec(total), _loads_in_unit(profile, implement), direction, Decimal(0))


def _tolerance(profile: LoadingProfile) -> Decimal:
    return load_coach_rules().loading.conversion_tolerance_kg if profile.unit is Unit.LB else (
        Decimal(0)
    )


def round_to_loadable(
    weight_kg: Decimal,
    equipment: Implement | Exercise | Sequence[Equipment],
    profile: LoadingProfile,
    direction: Direction = "nearest",
) -> Decimal | None:
    """`weight_kg` rounded to what the profile can load on this equipment, in kg.

    Plate math for a barbell or trap bar, the dumbbell pairs or bells owned, the machine or
    cable stack's steps, and so on. None when the profile has nothing to load it with (a band
    or bodyweight exercise, or no such equipment here) or nothing lies that way.
    """
    loads = loads_kg(equipment, profile)
    return _pick(weight_kg, loads, direction, _tolerance(profile))


def is_loadable(
    weight_kg: Decimal,
    equipment: Implement | Exercise | Sequence[Equipment],
    profile: LoadingProfile,
) -> bool:
    return weight_kg in set(loads_kg(equipment, profile))


def step_up(
    weight_kg: Decimal,
    equipment: Implement | Exercise | Sequence[Equipment],
    profile: LoadingProfile,
) -> Decimal | None:
    """The lightest load strictly heavier than `weight_kg` (beyond conversion tolerance)."""
    loads = loads_kg(equipment, profile)
    tol = _tolerance(profile)
    i = bisect.bisect_right(loads, weight_kg + tol)
    return loads[i] if i < len(loads) else None


def display_weight(weight_kg: Decimal, unit: Unit | LoadingProfile) -> str:
    """'102.5 kg', '225 lb': a stored kg weight in the lifter's unit, rounded to what that
    unit loads, without trailing zeros. The stored value stays exact; only the text rounds.

    A load that is a quarter of the unit (a 1.25 kg plate pair, 137.5 lb) shows as it is, so
    a 225 lb load stored as 102.06 kg shows as 225 lb; anything else (a converted 20 kg reads
    44.09 lb, an e1RM of 70.84 kg) rounds to 0.5 kg or 1 lb: 44 lb, 71 kg.
    """
    u = unit.unit if isinstance(unit, LoadingProfile) else Unit(unit)
    exact = weight_kg if u is Unit.KG else weight_kg / KG_PER_LB
    quarter = (exact * 4).to_integral_value() / 4
    tolerance = Decimal("0.005") if u is Unit.KG else Decimal("0.005") / KG_PER_LB
    if abs(quarter - exact) <= tolerance:
        value = quarter
    else:
        step = _SHOWN_STEP[u]
        value = (exact / step).to_integral_value(rounding=ROUND_HALF_UP) * step
    text = f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    return f"{text} {u.value}"


_SHOWN_STEP = {Unit.KG: Decimal("0.5"), Unit.LB: Decimal(1)}
"""What a weight that is not a loadable amount rounds to when shown."""
