"""Settings: units, what you can load at each location, API tokens, import and export."""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import json
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
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
    signed_in_form,
    store_of,
    to_login,
)

if TYPE_CHECKING:
    from redwood.domain.user import User
    from redwood.io.importer import ImportReport, MappedName
    from redwood.services.base import Store

router = APIRouter()

LOCATIONS = ("gym", "home", "outdoor")
MAX_UPLOAD = 20 * 1024 * 1024
"""The largest export accepted for import (years of training are a few MB)."""


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _equipment(request: Request, user: User) -> list[dict[str, Any]]:
    from redwood.services.training import loading_profile

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
    from redwood.services.accounts import list_tokens
    from redwood.web.views.imports import recent_imports

    tokens = [t for t in list_tokens(store_of(request), user) if t.revoked_at is None]
    context: dict[str, Any] = {"new_token": None, "saved": "",
                               "equipment_values": None, "location_errors": ""}
    context.update(extra)
    return render(request, "settings.html", user=user, active="settings", title="Settings",
                  tokens=tokens, equipment=_equipment(request, user), errors=errors or {},
                  locations=LOCATIONS, status=status, imports=recent_imports(request, user),
                  **context)


@router.get("/settings", include_in_schema=False)
def settings_page(request: Request, saved: str = "") -> Response:
    user = current_user(request)
    if user is None:
        return to_login(request)
    return _page(request, user, saved=saved if saved in _SAVED else "")


_SAVED = {"unit": "Units saved.", "equipment": "Equipment saved: targets round to it.",
          "revoked": "Token revoked: scripts using it are signed out.",
          "cancelled": "Import cancelled: nothing was stored."}


@router.post("/settings/unit", include_in_schema=False)
async def set_unit(request: Request) -> Response:
    from redwood.domain.log import Unit
    from redwood.services.accounts import set_unit as set_account_unit

    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, form = posted
    unit = field_text(form, "unit", 4)
    if unit not in ("kg", "lb"):
        return _page(request, user, errors={"unit": "Units: choose kg or lb."}, status=422)
    set_account_unit(store_of(request), user, Unit(unit))
    return redirect("/settings?saved=unit")


@router.post("/settings/equipment", include_in_schema=False)
async def set_equipment(request: Request) -> Response:
    from redwood.services.training import (
        TrainingError,
        parse_loads,
        parse_plates,
        save_equipment,
    )

    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, form = posted
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
                          else parse(texts[name], name))
        except TrainingError as exc:
            errors[name] = f"{name.capitalize()}: {exc.message}"
    if errors or not data:
        values = {e["location"]: e for e in _equipment(request, user)}
        values[where] = {"location": where, **texts}
        return _page(request, user, status=422, location_errors=where,
                     errors=errors or {"plates": "Fill in at least one field."},
                     equipment_values=values)
    save_equipment(store_of(request), user, where, data)
    return redirect(f"/settings?saved=equipment#equipment-{where}")


@router.post("/settings/tokens", include_in_schema=False)
async def new_token(request: Request) -> Response:
    from redwood.services.accounts import AccountError, create_token

    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, form = posted
    try:
        _, token = create_token(store_of(request), user, field_text(form, "name", 200))
    except AccountError as exc:
        return _page(request, user, errors={"token": f"Token name: {exc.message}."},
                     status=422)
    # Shown this once, in the answer to the POST: the server keeps only its digest.
    return _page(request, user, new_token=token)


@router.post("/settings/tokens/{token_id}/revoke", include_in_schema=False)
async def revoke(request: Request, token_id: int) -> Response:
    from redwood.services.accounts import revoke_token

    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, _ = posted
    if not revoke_token(store_of(request), user, token_id):
        return _page(request, user, errors={"token": "No such token of yours."}, status=404)
    return redirect("/settings?saved=revoked")


# --- import: upload, review the mapping, confirm ---------------------------------------------
#
# The upload is read as a dry run and kept server-side until the lifter confirms or cancels it
# (or for UPLOAD_TTL): a folder of its own in the system temp dir, named by a random token and
# bound to the user and the browser session that uploaded it. The form carries only the token;
# a path never comes from the client.

UPLOAD_PREFIX = "redwood-upload-"
UPLOAD_TTL = 3600.0
"""Seconds an upload waits for its confirmation before it is deleted."""
_UPLOAD_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")
SHOWN_BAD_ROWS = 100
"""Bad rows listed on the review page (the count says how many more)."""
CUSTOM = "custom"
_UNIT_NOTE = "the file does not say its weight unit"


@dataclass
class _Upload:
    token: str
    folder: Path
    meta: dict[str, Any]

    @property
    def path(self) -> Path:
        return self.folder / f"export{self.meta['suffix']}"

    @property
    def filename(self) -> str:
        return str(self.meta["filename"])

    def save(self) -> None:
        temp = self.folder / "meta.json.new"
        temp.write_text(json.dumps(self.meta), "utf-8")
        temp.replace(self.folder / "meta.json")

    def drop(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _session_key(request: Request) -> str:
    from redwood.services.accounts import SESSION_COOKIE, digest

    return digest(request.cookies.get(SESSION_COOKIE, ""))


def _sweep(now: float) -> None:
    """Delete the uploads nobody confirmed within UPLOAD_TTL."""
    for folder in Path(tempfile.gettempdir()).glob(f"{UPLOAD_PREFIX}*"):
        try:
            created = float(json.loads((folder / "meta.json").read_text("utf-8"))["created"])
        except (OSError, ValueError, KeyError, TypeError):
            try:  # half-written or foreign: judged by its age on disk
                created = folder.stat().st_mtime
            except OSError:
                continue
        if now - created > UPLOAD_TTL:
            shutil.rmtree(folder, ignore_errors=True)


def _hold(request: Request, user: User, data: bytes, filename: str) -> _Upload:
    now = time.time()
    _sweep(now)
    token = secrets.token_urlsafe(32)
    folder = Path(tempfile.gettempdir()) / f"{UPLOAD_PREFIX}{token}"
    folder.mkdir(mode=0o700)
    suffix = _SUFFIX.search(filename)
    upload = _Upload(token, folder, {
        "user_id": user.id, "session": _session_key(request), "created": now,
        "filename": filename[:100], "suffix": suffix.group(0).lower() if suffix else ".csv",
        "names": [], "auto": {},
    })
    upload.path.write_bytes(data)
    upload.save()
    return upload


def _held(request: Request, user: User, token: str) -> _Upload | None:
    """The upload of this token, if this user uploaded it in this browser session and it has
    not expired; None for anything else (whoever asks learns nothing more)."""
    if not _UPLOAD_TOKEN.fullmatch(token):
        return None
    folder = Path(tempfile.gettempdir()) / f"{UPLOAD_PREFIX}{token}"
    try:
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("user_id") != user.id:
        return None
    if not hmac.compare_digest(str(meta.get("session", "")), _session_key(request)):
        return None
    upload = _Upload(token, folder, meta)
    if time.time() - float(meta.get("created", 0)) > UPLOAD_TTL or not upload.path.exists():
        upload.drop()
        return None
    return upload


@functools.cache
def _library() -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    """Every exercise an imported name can be mapped to: (id, name), curated first, and the
    name of each id."""
    from redwood.catalog.openlib import open_library_for
    from redwood.web.deps import get_catalog

    catalog = get_catalog()
    options: dict[str, str] = {}
    for exercise in catalog:
        options.setdefault(exercise.id, exercise.name)
    for exercise in sorted(open_library_for(catalog), key=lambda e: e.name.casefold()):
        options.setdefault(exercise.id, exercise.name)
    return tuple(options.items()), options


def _customs(request: Request, user: User) -> dict[str, str]:
    from redwood.services.exporting import custom_names

    return custom_names(store_of(request), user)


def _how(m: MappedName) -> str:
    if m.how == "alias":
        return "a name Redwood knows"
    if m.how == "fuzzy":
        score = f"{m.score:g}% " if m.score is not None else ""
        return f"close match ({score}like {m.matched!r})" if m.matched else "close match"
    if m.how == "map":
        return "your choice"
    return "your own exercise"


def _unit_text(report: ImportReport) -> str:
    shown = report.unit.value if report.unit is not None else ""
    if report.unit_how == "inferred":
        return f"Weights read as {shown}: {report.unit_reason}."
    if report.unit_how == "profile":
        return f"Weights read as {shown}: {report.unit_reason}."
    if report.unit_how == "option":
        return f"Weights read as {shown}: your choice."
    if report.unit is not None:
        return f"Weights in {shown}, as the file states."
    return "Each row states its weight unit."


def _review(request: Request, user: User, upload: _Upload, report: ImportReport, *,
            skip: bool, errors: dict[str, str] | None = None,
            values: dict[str, str] | None = None, message: str = "",
            status: int = 200) -> Response:
    """The review page: what the file holds and where each exercise name goes, each
    mapping editable; the names' order is remembered with the upload, so the form's fields
    are indexes, never names echoed back."""
    options, library = _library()
    customs = _customs(request, user)
    mapped = sorted(report.names.values(), key=lambda m: (-m.sets, m.name))
    auto: dict[str, str] = upload.meta["auto"]
    rows = []
    for i, m in enumerate(mapped):
        value = CUSTOM if m.how == "custom" else m.exercise_id
        if m.how != "map":
            auto.setdefault(m.name, value)
        shown = (values or {}).get(m.name)
        rows.append({
            "field": f"map-{i}", "name": m.name, "exercise_id": m.exercise_id,
            "exercise_name": library.get(m.exercise_id) or customs.get(m.exercise_id, ""),
            "custom": m.how == "custom", "how": _how(m), "sets": m.sets,
            "value": value if shown is None else shown,
        })
    upload.meta["names"] = [m.name for m in mapped]
    upload.save()
    errors_ = report.errors
    ignored = [s for s in report.skipped if s.ignored]
    return render(
        request, "import_review.html", user=user, active="settings", title="Review import",
        status=status, done=False, upload=upload.token, filename=upload.filename,
        report=report, rows=rows, options=options,
        customs=sorted(customs.items()), errors=errors or {}, message=message,
        skip=skip, unit_text=_unit_text(report),
        unit_choice=report.unit_how in ("inferred", "profile", "option"),
        chosen_unit=report.unit.value if report.unit is not None else user.unit.value,
        bad_rows=errors_[:SHOWN_BAD_ROWS], more_bad=max(0, len(errors_) - SHOWN_BAD_ROWS),
        ignored=ignored, volume=_num(report.volume_kg.quantize(Decimal("0.1"))),
        notes=[n for n in report.notes if not n.startswith(_UNIT_NOTE)])


def _run_import(store: Store, user: User, upload: _Upload, **options: Any) -> ImportReport:
    from redwood.services.importing import import_file
    from redwood.web.deps import get_catalog

    return import_file(store, user, upload.path, catalog=get_catalog(),
                       file_name=upload.filename, **options)


def _failed(request: Request, user: User, upload: _Upload, exc: Exception) -> Response:
    """The file cannot be read as a whole: it is forgotten, the reason is one line."""
    text = str(exc).replace(str(upload.path), upload.filename)
    upload.drop()
    return _page(request, user, status=422, errors={"file": f"File: {text}"})


def _gone(request: Request, user: User) -> Response:
    return _page(request, user, status=404, errors={"file": (
        "File: that upload is no longer waiting (imported, cancelled, or older than an "
        "hour): upload it again.")})


@router.post("/settings/import", include_in_schema=False)
async def import_upload(request: Request) -> Response:
    """Step 1: read the export as a dry run and show the review; nothing is stored."""
    from starlette.concurrency import run_in_threadpool
    from starlette.datastructures import UploadFile

    from redwood.services.importing import ImportFailed

    user = current_user(request)
    if user is None:
        return to_login(request)
    form = await request.form(max_files=1)
    if not csrf_ok(request, form):
        return forbidden_form(request, user)
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        return _page(request, user, errors={"file": "File: choose an export to import."},
                     status=422)
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return _page(request, user, status=413, errors={
            "file": f"File: larger than {MAX_UPLOAD // 2**20} MB."})
    if not data:
        return _page(request, user, status=422, errors={"file": "File: the upload is empty."})
    skip = form.get("skip_bad_rows") == "on"
    upload = await run_in_threadpool(_hold, request, user, data, file.filename)
    try:
        # Read as if skipping bad rows, so the counts say what the good rows would add.
        report = await run_in_threadpool(_run_import, store_of(request), user, upload,
                                         dry_run=True, skip_bad_rows=True)
    except ImportFailed as exc:
        return _failed(request, user, upload, exc)
    return _review(request, user, upload, report, skip=skip)


@router.post("/settings/import/confirm", include_in_schema=False)
async def import_confirm(request: Request) -> Response:
    """Step 2: import with the lifter's mapping and unit (or, with action=review, read it
    again with them and show the review)."""
    from starlette.concurrency import run_in_threadpool

    from redwood.domain.log import Unit
    from redwood.io.names import known_id
    from redwood.services.base import StoreError
    from redwood.services.importing import ImportFailed
    from redwood.web.deps import get_catalog

    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, form = posted
    upload = _held(request, user, field_text(form, "upload", 64))
    if upload is None:
        return _gone(request, user)
    skip = form.get("skip_bad_rows") == "on"
    errors: dict[str, str] = {}
    unit_text = field_text(form, "unit", 4)
    unit = None
    if unit_text in ("kg", "lb"):
        unit = Unit(unit_text)
    elif unit_text:
        errors["unit"] = "Unit: choose kg or lb."
    catalog = get_catalog()
    customs = _customs(request, user)
    auto: dict[str, str] = upload.meta["auto"]
    overrides: dict[str, str] = {}
    values: dict[str, str] = {}
    for i, name in enumerate(upload.meta["names"]):
        text = field_text(form, f"map-{i}", 200)
        values[name] = text
        target = CUSTOM if text.casefold() == CUSTOM else text
        if not target:
            errors[f"map-{i}"] = f"{name}: give an exercise id from the list, or custom."
        elif target != CUSTOM and target not in customs and not known_id(target, catalog):
            errors[f"map-{i}"] = (f"{name}: {text!r} is not an exercise id from the list, "
                                  f"nor {CUSTOM}.")
        elif target != auto.get(name):  # only the lifter's changes: the rest keep their how
            overrides[name] = target
    review = bool(errors) or field_text(form, "action", 10) != "import"
    options: dict[str, Any] = {"unit": unit, "overrides": overrides}
    try:
        if review:
            report = await run_in_threadpool(_run_import, store_of(request), user, upload,
                                             dry_run=True, skip_bad_rows=True, **options)
        else:
            report = await run_in_threadpool(_run_import, store_of(request), user, upload,
                                             skip_bad_rows=skip, **options)
    except ImportFailed as exc:
        return _failed(request, user, upload, exc)
    except StoreError as exc:
        return await _review_again(request, user, upload, skip, options, values,
                                   f"Nothing was imported: {exc}. Try again.", 503)
    if review:
        return _review(request, user, upload, report, skip=skip, errors=errors,
                       values=values, status=422 if errors else 200)
    if report.refused:
        n = len(report.errors)
        return await _review_again(
            request, user, upload, skip, options, values,
            f"Nothing was imported: {n} bad row{'' if n == 1 else 's'}. Tick \"Skip bad "
            "rows\" to import the rest, or fix the file and upload it again.", 422)
    upload.drop()
    return render(request, "import_review.html", user=user, active="settings",
                  title="Imported", done=True, report=report, filename=upload.filename,
                  volume=_num(report.volume_kg.quantize(Decimal("0.1"))),
                  bad=len(report.errors), ignored=len(report.skipped) - len(report.errors),
                  unusual=report.unusual[:SHOWN_BAD_ROWS])


async def _review_again(request: Request, user: User, upload: _Upload, skip: bool,
                        options: dict[str, Any], values: dict[str, str], message: str,
                        status: int) -> Response:
    """The review with a message on top, read again as a dry run (counts as if skipping)."""
    from starlette.concurrency import run_in_threadpool

    from redwood.services.importing import ImportFailed

    try:
        report = await run_in_threadpool(_run_import, store_of(request), user, upload,
                                         dry_run=True, skip_bad_rows=True, **options)
    except ImportFailed as exc:
        return _failed(request, user, upload, exc)
    return _review(request, user, upload, report, skip=skip, values=values, message=message,
                   status=status)


@router.post("/settings/import/cancel", include_in_schema=False)
async def import_cancel(request: Request) -> Response:
    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, form = posted
    upload = _held(request, user, field_text(form, "upload", 64))
    if upload is not None:
        upload.drop()
    return redirect("/settings?saved=cancelled#import")


@router.get("/settings/export.json", include_in_schema=False)
def export_json(request: Request) -> Response:
    from fastapi.responses import StreamingResponse

    from redwood.services.exporting import backup_chunks

    user = current_user(request)
    if user is None:
        return to_login(request)
    name = f"redwood-{user.name}-{dt.date.today().isoformat()}.json"
    # Written as read from the database: constant memory for any length of log.
    return StreamingResponse(backup_chunks(store_of(request), user),
                             media_type="application/json",
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/plan.ics", include_in_schema=False)
def plan_ics(request: Request) -> Response:
    from redwood.services.exporting import plan_calendar

    user = current_user(request)
    if user is None:
        return to_login(request)
    found = plan_calendar(store_of(request), user)
    if found is None:
        return redirect("/onboarding")
    return Response(found, media_type="text/calendar",
                    headers={"Content-Disposition": 'attachment; filename="redwood-plan.ics"'})
