"""The plan as JSON (schema_version 1, published in schemas/plan-v1.schema.json)."""

from __future__ import annotations

import math
from collections.abc import Callable

from redwood import __version__
from redwood.domain.plan import (
    SCHEMA_VERSION,
    Activity,
    Block,
    BlockKind,
    Plan,
    Prescription,
    TrainingSession,
)

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Any

try:  # the json module's own string encoder, without loading json (its decoder's patterns)
    from _json import encode_basestring
except ImportError:  # an interpreter without the C accelerator
    from json.encoder import encode_basestring



def _number(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 2)


def item_json(item: Prescription) -> dict[str, Any]:
    out: dict[str, Any] = {
        "exercise_id": item.exercise_id,
        "name": item.name,
        "mechanic": item.mechanic.value,
        "region": item.region.value,
        "pattern": item.pattern.value,
        "primary_muscles": [m.value for m in item.primary_muscles],
        "secondary_muscles": [m.value for m in item.secondary_muscles],
        "role": item.role.value,
        "equipment": [e.value for e in item.equipment],
        "sets": item.sets,
    }
    if item.timed:
        out["seconds_min"], out["seconds_max"] = item.low, item.high
    else:
        out["reps_min"], out["reps_max"] = item.low, item.high
    if item.wave is not None:
        out["wave_reps_min"], out["wave_reps_max"] = item.wave
    out["per_side"] = item.per_side
    if item.lowering_s is not None:
        out["lowering_s_min"], out["lowering_s_max"] = item.lowering_s
    out["rest_s"] = item.rest_s
    if item.rpe is not None:
        out["rpe"] = _number(item.rpe)
    out["why"] = " ".join(item.why)
    return out


def block_json(block: Block, item: Callable[[Prescription], Any] = item_json
               ) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": block.kind.value}
    if block.kind is BlockKind.SUPERSET:
        out["rounds"] = block.rounds
        out["rest_between_s"] = block.rest_between_s
    if block.why:
        out["why"] = block.why
    out["items"] = [item(i) for i in block.items]
    return out


def activities_json(activities: tuple[Activity, ...]) -> list[dict[str, Any]]:
    return [{"name": a.name, "minutes": _number(a.minutes)} for a in activities]


def session_json(session: TrainingSession,
                 item: Callable[[Prescription], Any] = item_json,
                 block: Callable[[Block], Any] | None = None,
                 activities: Callable[[tuple[Activity, ...]], Any] = activities_json,
                 ) -> dict[str, Any]:
    """The session as JSON; `item`, `block` and `activities` make its parts (`dumps` gives
    ones that encode each part once however often the plan repeats it)."""
    return {
        "date": session.date.isoformat(),
        "weekday": session.weekday.value,
        "title": session.title,
        "focus": session.focus.value,
        "estimated_minutes": session.estimated_minutes,
        "why": " ".join(session.why),
        "warmup": activities(session.warmup),
        "cooldown": activities(session.cooldown),
        "blocks": [block_json(b, item) if block is None else block(b) for b in session.blocks],
    }


def plan_json(plan: Plan, item: Callable[[Prescription], Any] = item_json,
              block: Callable[[Block], Any] | None = None,
              activities: Callable[[tuple[Activity, ...]], Any] = activities_json,
              ) -> dict[str, Any]:
    p = plan.profile
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"redwood {__version__}",
        "profile": {
            "goal": p.goal.value,
            "level": p.level.value,
            "days_per_week": p.days_per_week,
            "minutes_per_session": p.minutes_per_session,
            "weeks": p.weeks,
            "start_date": p.start_date.isoformat(),
            "weekdays": [w.value for w in p.weekdays],
            "location": p.location.value,
            "equipment": [e.value for e in p.equipment],
            "supersets": p.supersets,
            "exclude": list(p.exclude),
            "seed": p.seed,
            **({"protect": list(p.protect)} if p.protect else {}),
        },
        "notes": list(plan.notes),
        "weeks": [
            {
                "index": w.index,
                "deload": w.deload,
                "block": w.block_index,
                **({"notes": list(w.notes)} if w.notes else {}),
                **({"note": w.note} if w.note else {}),
                "sessions": [session_json(s, item, block, activities) for s in w.sessions],
            }
            for w in plan.weeks
        ],
    }


def dumps(plan: Plan) -> str:
    """The plan as JSON text: what json.dumps(plan_json(plan), indent=2, ensure_ascii=False)
    writes, with a newline, in about a quarter of the time. Each distinct prescription is
    encoded once however many weeks repeat it (a 12-week plan holds ~230 items, ~60 distinct),
    and so is each block made of the same prescriptions and each warm-up and cool-down (every
    session shares them); the encoder appends pieces to one list joined at the end rather than
    running the standard library's chain of generators."""
    items: dict[object, str] = {}  # by the prescription's value: equal ones share a text
    # By identity: the plan holds every block, prescription and warm-up while this runs.
    parts: dict[object, str] = {}

    def item(i: Prescription) -> _Once:
        return _Once(i, item_json, i, items)

    def block(b: Block) -> _Once:
        key = (b.kind, b.rounds, b.rest_between_s, b.why, *map(id, b.items))
        return _Once(key, lambda b: block_json(b, item), b, parts)

    def activities(a: tuple[Activity, ...]) -> _Once:
        return _Once(id(a), activities_json, a, parts)

    return _encode(plan_json(plan, item, block, activities), 0) + "\n"


class _Once:
    """A part of the tree `dumps` encodes (a prescription, a block, a warm-up): its JSON text
    is worked out once per indentation and reused wherever the same part comes back."""

    __slots__ = ("key", "make", "memo", "part")

    def __init__(self, key: object, make: Callable[[Any], Any], part: object,
                 memo: dict[object, str]) -> None:
        self.key, self.make, self.part, self.memo = key, make, part, memo

    def text(self, level: int) -> str:
        key = (self.key, level)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = _encode(self.make(self.part), level)
        return found


_DEPTHS = range(24)
_OPEN_DICT = ["{\n" + "  " * (i + 1) for i in _DEPTHS]
_OPEN_LIST = ["[\n" + "  " * (i + 1) for i in _DEPTHS]
_NEXT = [",\n" + "  " * (i + 1) for i in _DEPTHS]
_CLOSE_DICT = ["\n" + "  " * i + "}" for i in _DEPTHS]
_CLOSE_LIST = ["\n" + "  " * i + "]" for i in _DEPTHS]


_KEYS: dict[str, str] = {}
"""Each key's text and its colon (a plan repeats a few dozen keys thousands of times)."""


def _key(k: str) -> str:
    text = _KEYS[k] = encode_basestring(k) + ": "  # TypeError for a key that is no string
    return text


def _encode(o: Any, level: int) -> str:
    """`o` as json.dumps(o, indent=2, ensure_ascii=False) would write it at depth `level`."""
    out: list[str] = []
    _write(o, level, out)
    return "".join(out)


def _write(o: Any, level: int, out: list[str]) -> None:
    """Append `o`'s text at depth `level` to `out`, in pieces joined once at the end: joining
    each container's text and then adding its brackets copied the whole text again at every
    level of nesting (a tenth of the encoding, by callgrind)."""
    t = type(o)
    if t is str:
        out.append(encode_basestring(o))
    elif t is dict:
        if not o:
            out.append("{}")
            return
        sep, deeper, keys = _OPEN_DICT[level], level + 1, _KEYS
        for k, v in o.items():
            key = keys.get(k) or _key(k)
            # Strings inline: most values are, and a call each would cost more than the
            # encoding.
            if type(v) is str:
                out.append(sep + key + encode_basestring(v))
            else:
                out.append(sep + key)
                _write(v, deeper, out)
            sep = _NEXT[level]
        out.append(_CLOSE_DICT[level])
    elif t is list or t is tuple:
        if not o:
            out.append("[]")
            return
        sep, deeper = _OPEN_LIST[level], level + 1
        for v in o:
            out.append(sep)
            if type(v) is str:
                out.append(encode_basestring(v))
            else:
                _write(v, deeper, out)
            sep = _NEXT[level]
        out.append(_CLOSE_LIST[level])
    elif t is _Once:
        out.append(o.text(level))
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif o is None:
        out.append("null")
    elif t is int:
        out.append(int.__repr__(o))
    elif t is float and math.isfinite(o):
        out.append(float.__repr__(o))
    else:
        raise TypeError(f"not a plan value: {o!r}")  # the plan holds nothing else
