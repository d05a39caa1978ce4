"""A logged set as JSON (the sets of `redwood history --format json`, io/logjson.py), in a
module of its own: `redwood today` between sets writes the sets done so, and logjson's
pydantic models (some tens of M instructions to import) are no part of that."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from redwood.domain.log import LoggedSet


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def set_json(s: LoggedSet) -> dict[str, Any]:
    out: dict[str, Any] = {"exercise_id": s.exercise_id, "weight_kg": _num(s.weight_kg)}
    if s.reps is not None:
        out["reps"] = s.reps
    if s.seconds is not None:
        out["seconds"] = s.seconds
    if s.distance_m is not None:
        out["distance_m"] = _num(s.distance_m)
    out["rpe"] = _num(s.rpe)
    out["kind"] = s.kind.value
    for name in ("rir", "rest_s", "superset_group", "form_note"):
        if getattr(s, name) is not None:
            out[name] = getattr(s, name)
    if not s.completed:
        out["completed"] = False
    return out
