"""The short set notation typed at the gym: `60kgx10`, `135lbx5@8`, `x12`, `45s`, `20kgx30s`.

    [WEIGHT[kg|lb]] x REPS [@RPE]     a set of reps; no weight means bodyweight
    [WEIGHT[kg|lb] x] SECONDS s       a timed set (a plank, a carry)

A weight without a unit is in the lifter's own unit. Anything else is refused with a message
that shows the accepted forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from redwood.domain.log import Bounds, Unit, to_kg

MAX_KG = Decimal(Bounds.WEIGHT_KG.most)
MAX_REPS = Bounds.REPS.most
MAX_SECONDS = Bounds.SECONDS.most

_SET = re.compile(
    r"""^\s*
    (?:(?P<weight>\d+(?:[.,]\d+)?)\s*(?P<unit>kg|lbs?)?\s*[x×*]\s*|[x×*]\s*)?
    (?:(?P<seconds>\d+)\s*s(?:ec(?:onds?)?)?|(?P<reps>\d+))
    \s*(?:@\s*(?P<rpe>\d+(?:[.,]5)?))?
    \s*$""",
    re.VERBOSE | re.IGNORECASE,
)

FORMS = "60kgx10, 135lbx5@8, x12 (bodyweight), 45s (timed), 20kgx40s"


class SetNotationError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class SetSpec:
    """A set as typed (60kgx10@8, 45s): weight, reps or seconds, and RPE."""
    weight_kg: Decimal | None
    reps: int | None
    seconds: int | None
    rpe: Decimal | None


def parse_set(text: str, unit: Unit = Unit.KG) -> SetSpec:
    m = _SET.match(text)
    if not m:
        raise SetNotationError(f"{text!r} is not a set: use {FORMS}")
    weight_kg = None
    if m["weight"] is not None:
        try:
            amount = Decimal(m["weight"].replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern only admits numbers
            raise SetNotationError(f"{text!r}: the weight is not a number") from None
        written = (m["unit"] or "").lower()
        given = Unit.LB if written.startswith("lb") else (Unit.KG if written else unit)
        weight_kg = to_kg(amount, given)
        if weight_kg <= 0 or weight_kg > MAX_KG:
            raise SetNotationError(f"{text!r}: weight must be above 0 and at most {MAX_KG} kg")
    reps = int(m["reps"]) if m["reps"] else None
    seconds = int(m["seconds"]) if m["seconds"] else None
    if reps is not None and not 1 <= reps <= MAX_REPS:
        raise SetNotationError(f"{text!r}: reps must be 1-{MAX_REPS}")
    if seconds is not None and not 1 <= seconds <= MAX_SECONDS:
        raise SetNotationError(f"{text!r}: seconds must be 1-{MAX_SECONDS}")
    rpe = Decimal(m["rpe"].replace(",", ".")) if m["rpe"] else None
    if rpe is not None and not 1 <= rpe <= 10:
        raise SetNotationError(f"{text!r}: RPE must be 1-10")
    return SetSpec(weight_kg=weight_kg, reps=reps, seconds=seconds, rpe=rpe)
