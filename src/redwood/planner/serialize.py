"""The plan as JSON (schema_version 1, published in schemas/plan-v1.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from redwood import __version__
from redwood.domain.plan import (
    SCHEMA_VERSION,
    Block,
    BlockKind,
    Plan,
    Prescription,
    TrainingSession,
)


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
    out["per_side"] = item.per_side
    out["rest_s"] = item.rest_s
    if item.rpe is not None:
        out["rpe"] = _number(item.rpe)
    out["why"] = " ".join(item.why)
    return out


def block_json(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": block.kind.value}
    if block.kind is BlockKind.SUPERSET:
        out["rounds"] = block.rounds
        out["rest_between_s"] = block.rest_between_s
    if block.why:
        out["why"] = block.why
    out["items"] = [item_json(i) for i in block.items]
    return out


def session_json(session: TrainingSession) -> dict[str, Any]:
    return {
        "date": session.date.isoformat(),
        "weekday": session.weekday.value,
        "title": session.title,
        "focus": session.focus.value,
        "estimated_minutes": session.estimated_minutes,
        "why": " ".join(session.why),
        "warmup": [{"name": a.name, "minutes": _number(a.minutes)} for a in session.warmup],
        "cooldown": [{"name": a.name, "minutes": _number(a.minutes)} for a in session.cooldown],
        "blocks": [block_json(b) for b in session.blocks],
    }


def plan_json(plan: Plan) -> dict[str, Any]:
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
                "sessions": [session_json(s) for s in w.sessions],
            }
            for w in plan.weeks
        ],
    }


def dumps(plan: Plan) -> str:
    return json.dumps(plan_json(plan), indent=2, ensure_ascii=False) + "\n"
