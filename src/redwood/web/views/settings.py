"""Settings: units, what you can load at each location, API tokens, import and export."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.web.views._common import (
    csrf_ok,
    current_user,
    field_text,
    forbidden_form,
    redirect,
    render,
    store_of,
    to_login,
)

if TYPE_CHECKING:
    from redwood.domain.user import User

router = APIRouter()

LOCATIONS = ("gym", "home", "outdoor")
MAX_UPLOAD = 20 * 1024 * 1024
"""The largest export accepted for import (years of training are a few MB)."""


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _equipment(request: Request, user: User) -> list[dict[str, Any]]:
    from redwood.training import loading_profile

    out = []
    store = store_of(request)
    for where in LOCATIONS:
        p = loading_profile(user, where, store)
        out.append({
            "location": where,
            "bar": _num(p.bar) if p.bar else "",
            "plates": ",".join(f"{_num(w)}x{n}" for w, n in p.plates),
            "dumbbells": ",".join(_num(v) for v in p.dumbbells),
            "kettlebells": ",".join(_num(v) for v in p.kettlebells),
        })
    return out


def _page(request: Request, user: User, *, errors: dict[str, str] | None = None,
          status: int = 200, **extra: Any) -> Response:
    from redwood.web.accounts import list_tokens

    tokens = [t for t in list_tokens(store_of(request), user) if t.revoked_at is None]
    context: dict[str, Any] = {"new_token": None, "imported": None, "saved": "",
                               "equipment_values": None, "location_errors": ""}
    context.update(extra)
    return render(request, "settings.html", user=user, active="settings", title="Settings",
                  tokens=tokens, equipment=_equipment(request, user), errors=errors or {},
                  locations=LOCATIONS, status=status, **context)


@router.get("/settings", include_in_schema=False)
def settings_page(request: Request, saved: str = "") -> Response:
    user = current_user(request)
    if user is None:
        return to_login(request)
    return _page(request, user, saved=saved if saved in _SAVED else "")


_SAVED = {"unit": "Units saved.", "equipment": "Equipment saved: targets round to it.",
          "revoked": "Token revoked: scripts using it are signed out."}


@router.post("/settings/unit", include_in_schema=False)
async def set_unit(request: Request) -> Response:
    from redwood.domain.log import Unit

    user = current_user(request)
    if user is None:
        return to_login(request)
    form = await request.form()
    if not csrf_ok(request, form):
        return forbidden_form(request, user)
    unit = field_text(form, "unit", 4)
    if unit not in ("kg", "lb"):
        return _page(request, user, errors={"unit": "Units: choose kg or lb."}, status=422)
    with store_of(request).unit_of_work(user.id) as uow:
        uow.users.set_unit(user.id, Unit(unit))
        uow.commit()
    return redirect("/settings?saved=unit")


@router.post("/settings/equipment", include_in_schema=False)
async def set_equipment(request: Request) -> Response:
    from redwood.training import TrainingError, parse_loads, parse_plates

    user = current_user(request)
    if user is None:
        return to_login(request)
    form = await request.form()
    if not csrf_ok(request, form):
        return forbidden_form(request, user)
    where = field_text(form, "location", 10)
    if where not in LOCATIONS:
        return _page(request, user, errors={"location": "Location: gym, home or outdoor."},
                     status=422)
    texts = {name: field_text(form, name, 400)
             for name in ("bar", "plates", "dumbbells", "kettlebells")}
    data: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if texts["bar"]:
        try:
            if not Decimal(texts["bar"]).is_finite() or not 0 < Decimal(texts["bar"]) <= 100:
                raise InvalidOperation
            data["bar"] = texts["bar"]
        except InvalidOperation:
            errors["bar"] = "Bar: a weight above 0, e.g. 20."
    for name, parse in (("plates", None), ("dumbbells", parse_loads),
                        ("kettlebells", parse_loads)):
        if not texts[name]:
            continue
        try:
            data[name] = (parse_plates(texts[name]) if parse is None
                          else parse(texts[name], f"--{name}"))
        except TrainingError as exc:
            message = str(exc).removeprefix(f"--{name}: ")
            errors[name] = f"{name.capitalize()}: {message}"
    if errors or not data:
        values = {e["location"]: e for e in _equipment(request, user)}
        values[where] = {"location": where, **texts}
        return _page(request, user, status=422, location_errors=where,
                     errors=errors or {"plates": "Fill in at least one field."},
                     equipment_values=values)
    with store_of(request).unit_of_work(user.id) as uow:
        current = uow.equipment.get(where) or {}
        uow.equipment.put(where, {**current, **data})
        uow.commit()
    return redirect(f"/settings?saved=equipment#equipment-{where}")


@router.post("/settings/tokens", include_in_schema=False)
async def new_token(request: Request) -> Response:
    from redwood.web.accounts import AccountError, create_token

    user = current_user(request)
    if user is None:
        return to_login(request)
    form = await request.form()
    if not csrf_ok(request, form):
        return forbidden_form(request, user)
    try:
        _, token = create_token(store_of(request), user, field_text(form, "name", 200))
    except AccountError as exc:
        return _page(request, user, errors={"token": f"Token name: {exc.message}."},
                     status=422)
    # Shown this once, in the answer to the POST: the server keeps only its digest.
    return _page(request, user, new_token=token)


@router.post("/settings/tokens/{token_id}/revoke", include_in_schema=False)
async def revoke(request: Request, token_id: int) -> Response:
    from redwood.web.accounts import revoke_token

    user = current_user(request)
    if user is None:
        return to_login(request)
    form = await request.form()
    if not csrf_ok(request, form):
        return forbidden_form(request, user)
    if not revoke_token(store_of(request), user, token_id):
        return _page(request, user, errors={"token": "No such token of yours."}, status=404)
    return redirect("/settings?saved=revoked")


@router.post("/settings/import", include_in_schema=False)
async def import_upload(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool
    from starlette.datastructures import UploadFile

    from redwood.io.importer import ImportFailed, import_file

    user = current_user(request)
    if user is None:
        return to_login(request)
    form = await request.form(max_files=1)
    if not csrf_ok(request, form):
        return forbidden_form(request, user)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _page(request, user, errors={"file": "File: choose an export to import."},
                     status=422)
    data = await upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return _page(request, user, status=413, errors={
            "file": f"File: larger than {MAX_UPLOAD // 2**20} MB."})
    suffix = Path(upload.filename).suffix[:10] or ".csv"
    skip = form.get("skip_bad_rows") == "on"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            report = await run_in_threadpool(import_file, store_of(request), user, path,
                                             skip_bad_rows=skip)
        except ImportFailed as exc:
            text = str(exc).replace(str(path), upload.filename[:100])
            return _page(request, user, status=422, errors={"file": f"File: {text}"})
    return _page(request, user, imported=report.as_json())


@router.get("/settings/export.json", include_in_schema=False)
def export_json(request: Request) -> Response:
    from redwood.io.backup import export_backup

    user = current_user(request)
    if user is None:
        return to_login(request)
    text = export_backup(store_of(request), user)
    name = f"redwood-{user.name}-{dt.date.today().isoformat()}.json"
    return Response(text, media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/plan.ics", include_in_schema=False)
def plan_ics(request: Request) -> Response:
    from redwood.io.calendar import plan_calendar

    user = current_user(request)
    if user is None:
        return to_login(request)
    with store_of(request).reader(user.id) as uow:
        active = uow.plans.active()
    if active is None:
        return redirect("/onboarding")
    return Response(plan_calendar(active[1]), media_type="text/calendar",
                    headers={"Content-Disposition": 'attachment; filename="redwood-plan.ics"'})
