"""The exercise library: search it (like `redwood exercises`) and read one exercise (like
`redwood exercise ID`) with its form cues, common mistakes and substitutions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import Equipment, Muscle, Pattern, Region
from redwood.web.api.paging import Limit, Offset, Page, not_found, page, unprocessable
from redwood.web.deps import ApiUser

router = APIRouter(tags=["exercises"])


class ExerciseRow(BaseModel):
    id: str
    name: str
    pattern: str
    mechanic: str
    region: str
    primary_muscles: list[str]
    equipment: list[str]
    """What it needs at once; empty: bodyweight."""
    level: str
    source: str
    """'redwood' (the curated catalogue) or 'free-exercise-db' (the open library)."""


class Substitution(BaseModel):
    id: str
    name: str
    note: str


class ExerciseDetail(ExerciseRow):
    aliases: list[str]
    secondary_muscles: list[str]
    unilateral: bool
    measure: str
    default_rest_s: int
    cues: list[str]
    mistakes: list[str]
    substitutions: list[Substitution]


def _row(ex: Exercise) -> dict[str, Any]:
    return dict(id=ex.id, name=ex.name, pattern=ex.pattern.value, mechanic=ex.mechanic.value,
                region=ex.region.value, primary_muscles=[m.value for m in ex.primary_muscles],
                equipment=[e.value for e in ex.equipment], level=ex.level.value,
                source=ex.source)


def _term(enum: Any, text: str | None, field: str) -> Any:
    """A vocabulary term as a lifter types it ('lower-back', 'quads'), or 422 naming the
    field and the allowed values."""
    if text is None or not text.strip():
        return None
    from redwood.catalog.search import parse_muscle, parse_term

    try:
        return parse_muscle(text) if enum is Muscle else parse_term(enum, text)
    except ValueError as exc:
        raise unprocessable(field, str(exc)) from None


@router.get("/exercises", response_model=Page[ExerciseRow], summary="Search the library")
def search(
    user: ApiUser,
    q: Annotated[str | None, Query(max_length=200, description="Words of the name; typos "
                                   "are forgiven.")] = None,
    equipment: Annotated[str | None, Query(max_length=60, description="An item the exercise "
                                           "needs, e.g. barbell.")] = None,
    muscle: Annotated[str | None, Query(max_length=60, description="A primary muscle, e.g. "
                                        "quadriceps, lats, 'lower back'.")] = None,
    pattern: Annotated[str | None, Query(max_length=60, description="e.g. squat, hinge.")] = None,
    region: Annotated[str | None, Query(max_length=60, description="legs, back, core or "
                                        "full-body.")] = None,
    include_open: Annotated[bool, Query(description="Also the open free-exercise-db library "
                                        "(always, with q).")] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ExerciseRow]:
    from redwood.catalog.search import search_exercises

    found = search_exercises(
        q, muscle=_term(Muscle, muscle, "muscle"), equipment=_term(Equipment, equipment,
                                                                   "equipment"),
        pattern=_term(Pattern, pattern, "pattern"), region=_term(Region, region, "region"),
        include_open=include_open or bool(q and q.strip()))
    return page([ExerciseRow(**_row(ex)) for ex in found], limit, offset)


@router.get("/exercises/{exercise_id}", response_model=ExerciseDetail,
            summary="One exercise: cues, mistakes, substitutions")
def detail(
    user: ApiUser,
    exercise_id: Annotated[str, Path(max_length=200, description="An id, name or alias.")],
) -> ExerciseDetail:
    from redwood.catalog import load_catalog
    from redwood.catalog.search import find_exercise, suggest_ids

    ex = find_exercise(exercise_id)
    if ex is None:
        hints = suggest_ids(exercise_id)
        hint = f"; did you mean {', '.join(hints)}?" if hints else ""
        raise not_found(f"exercise_id: no exercise {exercise_id!r}{hint}")
    catalog = load_catalog()
    subs = []
    for s in ex.substitutions:
        other = catalog.get(s.exercise_id)
        subs.append(Substitution(id=s.exercise_id, name=other.name if other else s.exercise_id,
                                 note=s.note))
    return ExerciseDetail(
        **_row(ex), aliases=list(ex.aliases),
        secondary_muscles=[m.value for m in ex.secondary_muscles], unilateral=ex.unilateral,
        measure=ex.measure.value, default_rest_s=ex.default_rest_s, cues=list(ex.cues),
        mistakes=list(ex.mistakes), substitutions=subs)
