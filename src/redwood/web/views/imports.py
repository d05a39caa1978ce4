"""Past imports and taking one back: GET /imports lists them (the settings page shows the
last few), POST /imports/{id}/undo removes what one added (sets logged by hand since stay).
The page works without JavaScript; the undo is a CSRF-checked form post, then a redirect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.web.views._common import (
    current_user,
    redirect,
    render,
    signed_in_form,
    store_of,
    to_login,
)

if TYPE_CHECKING:
    from redwood.domain.user import User
    from redwood.services.importing import ImportRecord

router = APIRouter()

RECENT = 5
"""Imports shown in the settings page's Import section."""
_DONE = "Import taken back: "


def recent_imports(request: Request, user: User, limit: int | None = RECENT) -> list[ImportRecord]:
    """The user's last imports, newest first (all of them with limit=None)."""
    from redwood.services.importing import list_imports

    records = list_imports(store_of(request), user)
    return records if limit is None else records[:limit]


@router.get("/imports", include_in_schema=False)
def imports_page(request: Request, undone: str = "", error: str = "") -> Response:
    user = current_user(request)
    if user is None:
        return to_login(request)
    messages = {"gone": "That import is not one of yours any more (already taken back?)."}
    return render(request, "imports.html", user=user, active="settings", title="Imports",
                  imports=recent_imports(request, user, None), undone=undone[:300],
                  error=messages.get(error, ""), status=404 if error else 200)


@router.post("/imports/{import_id}/undo", include_in_schema=False)
async def undo_import(request: Request, import_id: int) -> Response:
    from starlette.concurrency import run_in_threadpool

    from redwood.services import importing
    from redwood.services.base import NotFound

    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, _form = posted
    try:
        done = await run_in_threadpool(importing.undo_import, store_of(request), user,
                                       import_id)
    except NotFound:
        return redirect("/imports?error=gone")
    from urllib.parse import quote

    return redirect(f"/imports?undone={quote(done.message)}")
