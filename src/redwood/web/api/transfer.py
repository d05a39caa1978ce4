"""Bring a history in and take it out: POST /import (an export of Strong, Hevy, FitNotes or
JEFIT, uploaded), GET /imports (past imports), DELETE /imports/{id} (take one back, keeping
sets logged by hand since), GET /export/csv (Strong CSV), /export/json (a complete backup that
`redwood restore` reads) and /export/ics (the active plan as calendar events).

An import is the CLI's `redwood import`: one transaction, duplicates of an earlier import
skipped, the names it matched listed for review; with bad rows and no skip_bad_rows nothing is
stored and the report says which lines (refused: true).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, UploadFile
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field

from redwood.domain.log import Unit
from redwood.io.apps import EXPORT_FORMATS, SOURCES, said
from redwood.web.api.paging import UtcDateTime, not_found, unprocessable
from redwood.web.deps import ApiUser, StoreDep

if TYPE_CHECKING:
    from redwood.domain.user import User
    from redwood.services.base import Store

router = APIRouter(tags=["import and export"])

MAX_IMPORT_BYTES = 16 * 2**20
"""The largest export taken: years of daily training in any of the apps is a few MB."""
_CHUNK = 2**20
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")


class SkippedRow(BaseModel):
    line: int
    reason: str
    ignored: bool = Field(description="A row that is not a set by design (a rest timer).")


class NameMapping(BaseModel):
    name: str = Field(description="The exercise's name in the file.")
    exercise_id: str
    how: str = Field(description="map, alias, fuzzy or custom (a new exercise of yours).")
    score: float | None
    sets: int


class UnusualValue(BaseModel):
    line: int
    reason: str = Field(description="Which value is past its usual bound (stored as it is).")


class ImportSummary(BaseModel):
    format: str
    variant: str
    unit: str | None
    unit_how: str
    unit_reason: str
    dry_run: bool
    stored: bool
    refused: bool = Field(description="Bad rows and no skip_bad_rows: nothing was stored.")
    rows: int
    workouts: int
    workouts_added: int
    workouts_duplicate: int = Field(description="Workouts stored before to which the file "
                                                "adds nothing.")
    workouts_extended: int = Field(description="Workouts stored before (the same key) that "
                                               "get the file's sets they did not hold.")
    sets_extended: int = Field(description="The sets added to those (in sets_added too).")
    sets_deleted: int = Field(0, description="Sets of workouts imported before that you "
                                             "deleted since: not imported again.")
    sets_over_cap: int = Field(0, description="Sets not added to a workout imported before "
                                              "because it would pass 500 sets (the notes name "
                                              "the workout).")
    sets: int
    sets_added: int
    duplicates: int
    skipped: list[SkippedRow]
    errors: int
    exercises_mapped: int
    exercises_custom: int
    volume_kg: str = Field(description="Load x reps of every stored set, whatever its kind "
                                       "(assisted exercises' weight is help, not load).")
    volume_by_kind: dict[str, str]
    sets_by_kind: dict[str, int]
    hard_sets: int = Field(description="Working, failure and drop sets (never warm-ups).")
    hard_volume_kg: str
    assisted_sets: int
    unusual: list[UnusualValue] = Field(description="Stored sets with unusual values, by "
                                                    "line, to check.")
    import_id: int | None = Field(description="DELETE /api/v1/imports/{import_id} takes this "
                                              "import back; null if nothing was stored.")
    mapping: list[NameMapping]
    notes: list[str]


class ImportOut(BaseModel):
    id: int
    file_name: str
    format: str
    unit: str | None
    created_at: UtcDateTime
    workouts: int
    sets: int
    summary: dict[str, Any] = Field(description="Volume and sets by kind, unusual values.")


class ImportUndoneOut(BaseModel):
    id: int
    file_name: str
    workouts: int = Field(description="Workouts removed.")
    sets: int = Field(description="Sets removed.")
    kept_workouts: int = Field(description="Imported workouts kept for sets logged by hand "
                                           "since.")
    kept_sets: int
    message: str


def _formats() -> tuple[str, ...]:
    return SOURCES


async def _spool(upload: UploadFile, folder: str) -> FilePath:
    """The upload in a file of its own (the parsers read files), refused past the limit."""
    suffix = _SUFFIX.search(upload.filename or "")
    path = FilePath(folder) / ("export" + (suffix.group(0).lower() if suffix else ""))
    size = 0
    with path.open("wb") as out:
        while chunk := await upload.read(_CHUNK):
            size += len(chunk)
            if size > MAX_IMPORT_BYTES:
                raise HTTPException(413, f"file: larger than {MAX_IMPORT_BYTES // 2**20} MB")
            out.write(chunk)
    if size == 0:
        raise unprocessable("file", "the upload is empty")
    return path


@router.post("/import", response_model=ImportSummary,
             responses={413: {"description": "the file is larger than the limit"}},
             summary="Import another app's export")
async def import_history(
    user: ApiUser, store: StoreDep,
    file: Annotated[UploadFile, File(description="The export of "
                                     f"{said([f.title for f in EXPORT_FORMATS])}.")],
    source: Annotated[str, Query(alias="from", max_length=20,
                                 description=f"auto (recognise it), "
                                             f"{said(SOURCES[1:])}.")] = "auto",
    unit: Annotated[Unit | None, Query(description="The unit of weights the file leaves "
                                       "unsaid (default: inferred).")] = None,
    dry_run: Annotated[bool, Query(description="Read and report; store nothing.")] = False,
    skip_bad_rows: Annotated[bool, Query(description="Store the good rows when some are "
                                         "bad.")] = False,
    mapping: Annotated[str | None, Form(
        max_length=100_000,
        description='Corrections to the name mapping, as a JSON object: the name in the file '
                    '-> an exercise id, or "custom" to keep it as your own exercise (what '
                    '`redwood import --map` reads). Review a dry run\'s `mapping` first.',
    )] = None,
) -> ImportSummary:
    from starlette.concurrency import run_in_threadpool

    from redwood.services.importing import ImportFailed, import_file

    if source not in _formats():
        raise unprocessable("from", f"{source!r} is not one of {', '.join(_formats())}")
    overrides = _overrides(mapping, user, store) if mapping else None
    with tempfile.TemporaryDirectory(prefix="redwood-import-") as folder:
        path = await _spool(file, folder)
        try:
            report = await run_in_threadpool(
                lambda: import_file(store, user, path, fmt=source, unit=unit, dry_run=dry_run,
                                    skip_bad_rows=skip_bad_rows, overrides=overrides,
                                    file_name=file.filename or "upload"))
        except ImportFailed as exc:
            message = str(exc).replace(str(path), file.filename or "the file")
            raise unprocessable("file", message) from None
    return ImportSummary(**report.as_json())


@router.get("/imports", response_model=list[ImportOut], summary="Your past imports, newest "
            "first")
def imports(user: ApiUser, store: StoreDep) -> list[ImportOut]:
    from redwood.services.importing import list_imports

    return [ImportOut(**r.as_json() | {"created_at": r.created_at})
            for r in list_imports(store, user)]


@router.delete("/imports/{import_id}", response_model=ImportUndoneOut,
               responses={404: {"description": "no such import of yours"}},
               summary="Take an import back: remove what it added")
def undo_import(import_id: Annotated[int, Path(ge=1, le=2**31 - 1)], user: ApiUser,
                store: StoreDep) -> ImportUndoneOut:
    from redwood.services import importing
    from redwood.services.base import NotFound

    try:
        undone = importing.undo_import(store, user, import_id)
    except NotFound as exc:
        raise not_found(str(exc)) from None
    return ImportUndoneOut(id=undone.id, file_name=undone.file_name, workouts=undone.workouts,
                           sets=undone.sets, kept_workouts=undone.kept_workouts,
                           kept_sets=undone.kept_sets, message=undone.message)


def _overrides(text: str, user: User, store: Store) -> dict[str, str]:
    """The mapping corrections, checked: every target is a library id, one of the lifter's
    own exercises, or "custom"."""
    import json

    from redwood.catalog import load_catalog
    from redwood.io.names import CUSTOM
    from redwood.services.importing import known_target

    try:
        data = json.loads(text)
    except ValueError:
        raise unprocessable("mapping", "not JSON: give an object of name -> exercise id") \
            from None
    if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise unprocessable("mapping", "give an object of name -> exercise id (strings)")
    known = known_target(store, user, load_catalog())
    out: dict[str, str] = {}
    for name, target in data.items():
        target = target.strip()
        if target.casefold() == CUSTOM:
            target = CUSTOM
        elif not known(target):
            raise unprocessable("mapping", f"{name!r}: {target!r} is not an exercise id, "
                                           f"nor {CUSTOM}")
        out[name.strip()] = target
    return out


def _attachment(data: str | bytes, media_type: str, filename: str) -> Response:
    return Response(data, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/export/csv", response_class=Response, summary="Your workouts as Strong CSV",
            responses={200: {"content": {"text/csv": {}}, "description": "Strong CSV"}})
def export_csv(user: ApiUser, store: StoreDep,
               since: Annotated[dt.date | None, Query(description="First day.")] = None,
               until: Annotated[dt.date | None, Query(description="Last day.")] = None,
               unit: Annotated[Unit | None, Query(description="kg or lb (default: "
                                                  "yours).")] = None) -> Response:
    from redwood.services.exporting import strong_csv_chunks

    if since is not None and until is not None and until < since:
        raise unprocessable("until", f"{until} is before since ({since})")
    # Written as read, whole days at a time from one snapshot: constant memory.
    chunks = strong_csv_chunks(store, user, since=since, until=until, unit=unit)
    return StreamingResponse(chunks, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="redwood-strong.csv"'})


@router.get("/export/json", response_class=Response,
            summary="A complete backup (restore it with `redwood restore`)",
            responses={200: {"content": {"application/json": {}},
                             "description": "The backup"}})
def export_json(user: ApiUser, store: StoreDep) -> Response:
    from redwood.services.exporting import backup_chunks

    return StreamingResponse(backup_chunks(store, user), media_type="application/json",
                             headers={"Content-Disposition": 'attachment; filename='
                                      f'"redwood-backup-{dt.date.today()}.json"'})


@router.get("/export/ics", response_class=Response,
            summary="The active plan's sessions as calendar events",
            responses={200: {"content": {"text/calendar": {}}, "description": "iCalendar"},
                       404: {"description": "no active plan"}})
def export_ics(user: ApiUser, store: StoreDep,
               time: Annotated[str, Query(max_length=5, description="Start time of every "
                                          "session, HH:MM.")] = "18:00",
               tz: Annotated[str | None, Query(max_length=64, description="Time zone, e.g. "
                                               "Europe/Berlin (default: floating).")] = None,
               ) -> Response:
    from redwood.io.calendar import CalendarError, check_zone, parse_time
    from redwood.services.exporting import plan_calendar

    try:
        start = parse_time(time, "time")
    except CalendarError as exc:
        raise unprocessable("time", _message(exc, "time")) from None
    try:
        zone = check_zone(tz, "tz") if tz else None
    except CalendarError as exc:
        raise unprocessable("tz", _message(exc, "tz")) from None
    except OSError:  # a folder of the zone database ('Europe') is no zone either
        raise unprocessable("tz", f"{tz!r} is not a time zone name such as Europe/Berlin "
                                  "or America/New_York") from None
    found = plan_calendar(store, user, start=start, tz=zone)
    if found is None:
        raise not_found("no active plan: POST /api/v1/plans/generate with save=true makes one")
    return _attachment(found, "text/calendar", "redwood-plan.ics")


def _message(exc: Exception, field: str) -> str:
    return str(exc).removeprefix(f"{field}: ")

