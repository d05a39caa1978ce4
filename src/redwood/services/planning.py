"""Planning: profile options -> a plan, the default profile (in this one place), keeping a plan
and making it the one followed, and the training profile the options come from.

Used by `redwood plan`/`init`/`profile`, the API's /plans and /profile, the onboarding page and
the demo. Errors are `PlanningError`s naming the option at fault (`days`, `on`...), which each
entry point words its own way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from redwood.services.errors import ServiceError

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from decimal import Decimal
    from typing import Any

    from redwood.domain.log import Unit
    from redwood.domain.plan import Plan
    from redwood.domain.user import User
    from redwood.services.base import Store
    from redwood.services.training import KnownSet

DEFAULT_PROFILE: Mapping[str, Any] = {
    "goal": "hypertrophy", "level": "beginner", "days": 3, "minutes": 60, "weeks": 8,
    "location": "gym",
}
"""What plan generation falls back on when neither the lifter nor their profile says."""

PROFILE_FIELDS = ("goal", "level", "days", "minutes", "location", "equipment", "on",
                  "supersets")
"""The plan options a profile keeps."""

PLAN_FIELDS = (*PROFILE_FIELDS, "weeks", "protect", "exclude")
"""The plan options a saved profile may give (the onboarding page keeps weeks and protect too);
its other keys (known sets, body weight) are no plan option."""


class PlanningError(ServiceError):
    """Options no plan can be made from. `field`: the option at fault ('days', 'on', 'plan'
    when the options are valid but no plan meets them, 'profile' for a saved profile an older
    version wrote); `detail`: the planner's own words; `unbuildable`: valid options, no plan."""

    def __init__(self, message: str, field: str | None, *, detail: str = "",
                 unbuildable: bool = False, whole: bool = False) -> None:
        super().__init__(message, field)
        self.detail = detail or message
        self.unbuildable = unbuildable
        self._whole = whole

    def worded(self, name_of: dict[str, str] | None = None) -> str:
        # A message that reads alone: the scheduler's names the days itself ("--on mon,tue:
        # ..."), and "cannot build this plan" is no option's fault.
        return self.message if self._whole else super().worded(name_of)


def field_of(option: str) -> str:
    """The field an option names ('--days' -> 'days')."""
    return option.lstrip("-").replace("-", "_")


def choose_options(saved: Mapping[str, Any] | None, given: Mapping[str, Any]
                   ) -> dict[str, Any]:
    """The options to plan with: those given, else the saved profile's, else the defaults."""
    kept = {k: v for k, v in (saved or {}).items() if k in PLAN_FIELDS and v is not None}
    return {**DEFAULT_PROFILE, **kept, **{k: v for k, v in given.items() if v is not None}}


def make_plan(options: Mapping[str, Any]) -> Plan:
    """The plan for these options (the keys of `redwood plan`'s options; those left out are the
    defaults'). PlanningError naming the option the planner refuses."""
    from redwood.catalog import load_catalog
    from redwood.planner.generate import PlanError, generate_plan
    from redwood.planner.profile import InputError, make_profile
    from redwood.planner.schedule import ScheduleError
    from redwood.rules import load_rules

    o = {**DEFAULT_PROFILE, **options}
    rules, catalog = load_rules(), load_catalog()
    try:
        profile, candidates = make_profile(
            rules, goal=o["goal"], level=o["level"], days=int(o["days"]),
            minutes=int(o["minutes"]), weeks=int(o["weeks"]), start=o.get("start"),
            location=o["location"], equipment=o.get("equipment") or (),
            on=o.get("on") or (), supersets=bool(o.get("supersets", True)),
            exclude=o.get("exclude") or (), known_ids=catalog.ids, seed=int(o.get("seed", 0)),
            protect=o.get("protect") or ())
        return generate_plan(profile, rules, catalog, candidates)
    except InputError as exc:
        raise PlanningError(str(exc).partition(": ")[2], field_of(exc.option)) from None
    except ScheduleError as exc:
        raise PlanningError(str(exc), "on", unbuildable=True, whole=True) from None
    except PlanError as exc:
        raise PlanningError(f"cannot build this plan: {exc}", "plan", detail=str(exc),
                            unbuildable=True, whole=True) from None
    except (TypeError, ValueError) as exc:  # a saved profile an older version wrote
        raise PlanningError(f"your saved profile cannot be used: {exc}", "profile") from None


def check_profile(fields: Mapping[str, Any]) -> None:
    """Refuse profile fields `redwood plan` would refuse (PlanningError naming the field)."""
    from redwood.planner.profile import InputError, make_profile
    from redwood.rules import load_rules

    given = {k: fields[k] for k in ("goal", "level", "days", "minutes", "location")
             if fields.get(k) is not None}
    try:
        make_profile(load_rules(), **{**DEFAULT_PROFILE, "start": None, **given},
                     equipment=fields.get("equipment") or (), on=fields.get("on") or ())
    except InputError as exc:
        raise PlanningError(str(exc).partition(": ")[2], field_of(exc.option)) from None


def plan_for(store: Store, user: User, given: Mapping[str, Any]) -> Plan:
    """The plan for the options given, the others from the lifter's profile or the defaults."""
    return make_plan(choose_options(active_profile(store, user), given))


def profile_note(saved: Mapping[str, Any] | None, given: Mapping[str, Any],
                 name_of: Mapping[str, str] | None = None) -> str:
    """Where a plan's options came from, when a saved profile gave or was refused any ('' when
    it has none): "From your saved profile: goal, days; --days overridden." `name_of`: the
    entry point's name for a given option (`--days`)."""
    names = name_of or {}
    saved_fields = [f for f in PLAN_FIELDS if (saved or {}).get(f) is not None]
    kept = [f for f in saved_fields if given.get(f) is None]
    over = [names.get(f, f) for f in saved_fields if given.get(f) is not None]
    if kept:
        return (f"From your saved profile: {', '.join(kept)}"
                + (f"; {', '.join(over)} overridden." if over else "."))
    return f"Your saved profile's options are all overridden: {', '.join(over)}." if over else ""


def plan_with_profile(saved: Mapping[str, Any] | None, given: Mapping[str, Any],
                      name_of: Mapping[str, str] | None = None) -> Plan:
    """The plan for the options given, the others from the saved profile field by field, then
    the defaults; its first note says which came from the profile (`profile_note`). A field
    of the profile the planner refuses is a PlanningError (field 'profile') saying so: the
    lifter did not type it."""
    from dataclasses import replace

    try:
        plan = make_plan(choose_options(saved, given))
    except PlanningError as exc:
        if exc.field in PLAN_FIELDS and given.get(exc.field) is None and (
                saved or {}).get(exc.field) is not None:
            raise PlanningError(f"your saved profile's {exc.field}: {exc.message}", "profile",
                                whole=True) from None
        raise
    note = profile_note(saved, given, name_of)
    return replace(plan, notes=(note, *plan.notes)) if note else plan


def saved_profile(url: str | None, user_name: str | None) -> dict[str, Any] | None:
    """The saved profile of the lifter `user_name` (else the log's first user) in the log at
    `url` (as `base.connect` finds it: --database-url, $REDWOOD_DATABASE_URL, the data folder),
    read without creating anything: None when there is no log there yet, no user or no
    profile. An SQLite log at this schema is read over the stdlib driver (`redwood plan` stays
    free of SQLAlchemy); PostgreSQL, or a log that needs migrating, through the full store.
    PlanningError (field 'user') for a named user the log does not have; StoreError as
    `connect` raises them."""
    import os

    from redwood.store.location import database_url, sqlite_file

    resolved = database_url(url)
    path = sqlite_file(resolved)
    if path is not None and not os.path.isfile(path):  # no log: nothing saved, none is made
        if user_name is not None:
            raise PlanningError(f"no user named {user_name!r}", "user")
        return None
    from redwood.services.base import connect

    store = connect(resolved, ensure_user=False, fast=True)
    try:
        with store.reader() as uow:
            user = uow.users.first() if user_name is None else uow.users.by_name(user_name)
        if user is None:
            if user_name is not None:
                raise PlanningError(f"no user named {user_name!r}", "user")
            return None
        return active_profile(store, user)
    finally:
        store.close()


# --------------------------------------------------------------------------------------------
# Kept plans


def plan_text(data: Mapping[str, Any]) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save_plan(store: Store, user: User, plan: Plan) -> int:
    """Keep the plan with its profile and make it the active one."""
    from redwood.planner.serialize import dumps, plan_json

    with store.unit_of_work(user.id) as uow:
        plan_id = uow.plans.add(dumps(plan), plan_json(plan)["profile"], activate=True)
        uow.commit()
    return plan_id


def keep_plan(store: Store, user: User, data: Mapping[str, Any]) -> int:
    """Keep a plan given as its JSON (checked by the caller) and make it the active one."""
    with store.unit_of_work(user.id) as uow:
        plan_id = uow.plans.add(plan_text(data), data.get("profile"), activate=True)
        uow.commit()
    return plan_id


def kept_plans(store: Store, user: User) -> list[Any]:
    """The lifter's kept plans (records with id, active, created_at, profile), newest first."""
    with store.reader(user.id) as uow:
        return uow.plans.list()


def kept_plan(store: Store, user: User, plan_id: int) -> Any:
    """One kept plan's record (with its `data`), None if the lifter has no such plan."""
    with store.reader(user.id) as uow:
        return uow.plans.get(plan_id)


def active_plan(store: Store, user: User) -> tuple[int, dict[str, Any]] | None:
    """The plan followed: its id and JSON."""
    with store.reader(user.id) as uow:
        return uow.plans.active()


def activate_plan(store: Store, user: User, plan_id: int) -> None:
    """Follow a kept plan again; PlanningError (field plan_id) if there is no such plan."""
    from redwood.services.base import NotFound

    try:
        with store.unit_of_work(user.id) as uow:
            uow.plans.activate(plan_id)
            uow.commit()
    except NotFound:
        raise PlanningError(f"no plan {plan_id}", "plan_id") from None


# --------------------------------------------------------------------------------------------
# The training profile


def active_profile(store: Store, user: User) -> dict[str, Any] | None:
    """The lifter's profile (a copy), None before one is set."""
    with store.reader(user.id) as uow:
        active = uow.profiles.active()
    return None if active is None else dict(active[1])


@dataclass(frozen=True)
class Told:
    """What the lifter told about themselves: body weight and known working sets."""

    body_weight_kg: Decimal | None
    known: Sequence[KnownSet]


@dataclass(frozen=True)
class ProfileSaved:
    """What `update_profile` saved."""

    user: User
    """The user, with a new name or unit."""
    profile: dict[str, Any] | None
    """The profile now active (None if there is none)."""


def update_profile(store: Store, user: User, changes: Mapping[str, Any], *,
                   told: Told | None = None, unit: Unit | None = None,
                   name: str | None = None, check: bool = False) -> ProfileSaved:
    """Change profile fields (the others keep their values), what the lifter told, the unit
    and the name, in one transaction. `check`: refuse a merged profile `redwood plan` would
    refuse (PlanningError naming the field)."""
    from redwood.services.training import with_known

    with store.unit_of_work(user.id) as uow:
        active = uow.profiles.active()
        merged = {**(active[1] if active else {}), **changes}
        if told is not None:
            merged = with_known(merged, told.known, told.body_weight_kg)
        if changes or told is not None:
            if check:
                check_profile(merged)
            uow.profiles.add(merged, activate=True)
        if name and name != user.name:
            user = uow.users.rename(user.id, name)
        if unit is not None:
            user = uow.users.set_unit(user.id, unit)
        uow.commit()
    return ProfileSaved(user, merged if (changes or told is not None or active) else None)


def start_training(store: Store, user: User, plan: Plan, profile: Mapping[str, Any], *,
                   told: Told | None = None, unit: Unit | None = None) -> int:
    """Onboarding in one transaction: the profile (with what the lifter told, the whole of
    it), the unit, and the plan kept and made active. The plan's id."""
    from redwood.planner.serialize import dumps, plan_json
    from redwood.services.training import with_known

    saved = dict(profile)
    if told is not None:
        saved = with_known(saved, told.known, told.body_weight_kg)
    with store.unit_of_work(user.id) as uow:
        uow.profiles.add(saved, activate=True)
        if unit is not None and unit != user.unit:
            uow.users.set_unit(user.id, unit)
        plan_id = uow.plans.add(dumps(plan), plan_json(plan)["profile"], activate=True)
        uow.commit()
    return plan_id
