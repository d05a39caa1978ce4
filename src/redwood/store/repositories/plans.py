"""Saved plans, each with its profile; at most one active."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, update

from redwood.store.errors import InvalidEntry, NotFound
from redwood.store.models import PlanRow
from redwood.store.repositories.base import Scoped, utcnow


@dataclass(frozen=True, slots=True)
class PlanRecord:
    id: int
    text: str
    """The plan JSON exactly as saved."""
    profile: dict[str, Any]
    active: bool
    created_at: dt.datetime

    @property
    def data(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.text)
        return parsed


_ACTIVE_PLAN_TEXT = select(PlanRow.id, PlanRow.plan_json).where(
    PlanRow.user_id == bindparam("user_id"), PlanRow.active)


class PlanRepository(Scoped):
    """Every plan the lifter saved, each with its profile; at most one active."""

    def add(self, plan_json_text: str, profile_json: Mapping[str, Any] | str | None = None,
            activate: bool = True) -> int:
        """Keep a plan (the schema_version 1 JSON text, stored as given). The profile defaults
        to the plan's own "profile" object."""
        try:
            plan = json.loads(plan_json_text)
        except (TypeError, ValueError) as exc:
            raise InvalidEntry(f"plan: not JSON: {exc}") from None
        if not isinstance(plan, dict) or plan.get("schema_version") != 1:
            raise InvalidEntry("plan: not a Redwood plan (schema_version 1)")
        if profile_json is None:
            profile = plan.get("profile") or {}
        elif isinstance(profile_json, str):
            profile = json.loads(profile_json)
        else:
            profile = dict(profile_json)
        if not isinstance(profile, dict):
            raise InvalidEntry("plan: the profile must be a JSON object")
        self._lock_user()
        if activate:
            self._deactivate()
        row = PlanRow(user_id=self.user_id, profile=profile, plan_json=plan_json_text,
                      active=activate, created_at=utcnow())
        self._s.add(row)
        self._s.flush()
        return row.id

    def _deactivate(self) -> None:
        self._s.execute(update(PlanRow).where(PlanRow.user_id == self.user_id, PlanRow.active)
                        .values(active=False))

    def active(self) -> tuple[int, dict[str, Any]] | None:
        """The active plan's id and parsed JSON."""
        row = self._s.execute(select(PlanRow.id, PlanRow.plan_json)
                              .where(PlanRow.user_id == self.user_id, PlanRow.active)).first()
        return None if row is None else (row.id, json.loads(row.plan_json))

    def active_text(self) -> tuple[int, str] | None:
        """The active plan's id and JSON text (unparsed: a caller may keep the parsed plan,
        since a stored plan's text never changes)."""
        row = self._core().execute(_ACTIVE_PLAN_TEXT, {"user_id": self.user_id}).first()
        return None if row is None else (row[0], row[1])

    def get(self, plan_id: int) -> PlanRecord | None:
        row = self._s.scalars(select(PlanRow).where(PlanRow.id == plan_id,
                                                    PlanRow.user_id == self.user_id)).first()
        return None if row is None else self._record(row)

    @staticmethod
    def _record(row: PlanRow) -> PlanRecord:
        return PlanRecord(row.id, row.plan_json, row.profile, row.active, row.created_at)

    def list(self) -> list[PlanRecord]:
        """Newest first."""
        rows = self._s.scalars(select(PlanRow).where(PlanRow.user_id == self.user_id)
                               .order_by(PlanRow.id.desc()))
        return [self._record(r) for r in rows]

    def activate(self, plan_id: int) -> None:
        self._lock_user()
        if self.get(plan_id) is None:
            raise NotFound(f"no plan {plan_id}")
        self._deactivate()
        self._s.execute(update(PlanRow).where(PlanRow.id == plan_id,
                                              PlanRow.user_id == self.user_id)
                        .values(active=True))
