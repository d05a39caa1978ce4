"""The user's own exercises (imports, custom moves), by slug."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select

from redwood.store import validation
from redwood.store.errors import InvalidEntry
from redwood.store.models import UserExerciseRow
from redwood.store.repositories.base import Scoped, utcnow
from redwood.store.values import CustomExercise

__all__ = ["CustomExercise", "ExerciseRepository"]


class ExerciseRepository(Scoped):
    """The user's own exercises (imports, custom moves), by slug."""

    def put(self, exercise_id: str, name: str, data: Mapping[str, Any] | None = None) -> None:
        exercise_id = exercise_id.strip()
        if not exercise_id or len(exercise_id) > validation.MAX_ID_LENGTH:
            raise InvalidEntry(f"exercise id: {exercise_id!r} is empty or too long")
        name = name.strip()
        if not name or len(name) > 200:
            raise InvalidEntry(f"exercise name: {name!r} must be 1 to 200 characters")
        row = self._s.get(UserExerciseRow, (self.user_id, exercise_id))
        if row is None:
            self._s.add(UserExerciseRow(user_id=self.user_id, exercise_id=exercise_id,
                                        name=name, data=dict(data or {}),
                                        created_at=utcnow()))
        else:
            row.name = name
            row.data = dict(data or {})
        self._s.flush()

    def get(self, exercise_id: str) -> CustomExercise | None:
        row = self._s.get(UserExerciseRow, (self.user_id, exercise_id))
        return None if row is None else CustomExercise(row.exercise_id, row.name, row.data)

    def list(self) -> list[CustomExercise]:
        rows = self._s.scalars(select(UserExerciseRow)
                               .where(UserExerciseRow.user_id == self.user_id)
                               .order_by(UserExerciseRow.exercise_id))
        return [CustomExercise(r.exercise_id, r.name, r.data) for r in rows]

    def delete(self, exercise_id: str) -> bool:
        result = self._s.execute(delete(UserExerciseRow).where(
            UserExerciseRow.user_id == self.user_id,
            UserExerciseRow.exercise_id == exercise_id))
        return bool(getattr(result, "rowcount", 0))
