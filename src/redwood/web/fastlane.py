"""The fast lane for the hottest calls: logging sets (POST /api/v1/workouts/{id}/sets) and
today's session (GET /api/v1/today).

A lifter logs one set per tap, and a busy server logs hundreds a second. Through FastAPI
that request cost about 1.3 ms of CPU, two thirds of it the framework's own work (matching
the path through the nested routers twice, solving the dependencies, a trip to the thread
pool for the token and another for the endpoint), a few hundredths the database's. Here the
plain case (a bearer token, a JSON body, no Idempotency-Key) is served in one trip to the
thread pool by the endpoint's body model and answer (`workouts.SetsIn`, `sets_added`) and,
when every exercise is in the catalogue, `services.training.log_sets_by_token` (the token,
the workout, the records and the write in a few statements on the driver, without the ORM);
a lifter's own exercise goes through the endpoint's own calls (`_check_exercises`,
`add_sets`). Every other case goes to FastAPI untouched.

"Every other case" includes any request that fails: a wrong token, a body that does not
validate, an unknown exercise, another lifter's workout, a busy database. Those are all
found before anything is written (the write is one transaction, rolled back on error), so
the lane hands the request, with its body as read, to FastAPI, which answers it as it
always has. Once the sets are committed nothing is handed over: an error after that is an
error, as it would be in the endpoint.

Today's session, asked with a bearer token and no query (the app's own call, and the one a
phone repeats between sets), is served the same way: the token, then `training.today` and
the endpoint's `today_json`, in one trip to the lane's threads instead of FastAPI's two (the
token's dependency, then the endpoint) and its routing. Anything but a 200 (an unknown
token, no active plan, a busy database) is handed over: the reads wrote nothing, and FastAPI
reads again and answers as it always has.

It sits inside the security and gzip middlewares, so the answer carries the same headers.
REDWOOD_FAST_LANE=0 turns it off (to compare, or to rule it out).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FAST_LANE_ENV = "REDWOOD_FAST_LANE"
_SETS_PATH = re.compile(r"/api/v1/workouts/([1-9][0-9]{0,9})/sets")
TODAY_PATH = "/api/v1/today"
_MAX_ID = 2**31 - 1


_POOL: ThreadPoolExecutor | None = None
POOL_THREADS = 15
"""The lane's threads: as many as the store keeps connections open (store.engine.POOL_SIZE),
so that on PostgreSQL as many requests are in flight as there are connections (on SQLite all
but one wait for the writer's turn, asleep)."""


def _pool() -> ThreadPoolExecutor:
    # Its own executor, not anyio's thread pool: a hop through anyio's cost ~4x the CPU
    # (capacity limiter, cancel scopes, its run-var look-ups on every call).
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(POOL_THREADS, thread_name_prefix="redwood-fast-lane")
    return _POOL


class _HandOver(Exception):
    """The request is not the plain case: FastAPI answers it."""


def enabled() -> bool:
    return os.environ.get(FAST_LANE_ENV, "1").strip().lower() not in ("0", "false", "no")


class FastLane:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "GET":
            token = (_plain_request(scope, json_body=False)
                     if scope["path"] == TODAY_PATH and not scope["query_string"] else None)
            if token is None:
                await self.app(scope, receive, send)
                return
            await self._serve(scope, receive, send, b"", _today, scope, token)
            return
        if scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        m = _SETS_PATH.fullmatch(scope["path"])
        token = _plain_request(scope) if m else None
        if m is None or token is None or int(m[1]) > _MAX_ID:
            await self.app(scope, receive, send)
            return
        body, more = await _read_body(receive)
        if more is None:  # the client went away (a body over the size cap raised already)
            await self.app(scope, _replay(b"", more_disconnect=True, receive=receive), send)
            return
        await self._serve(scope, receive, send, body, _log_sets, scope, int(m[1]), token, body)

    async def _serve(self, scope: Scope, receive: Receive, send: Send, body: bytes,
                     serve: Callable[..., Response], *args: Any) -> None:
        """`serve(*args)` in one trip to the lane's threads; FastAPI answers (the body read
        replayed) whatever it hands over."""
        loop = asyncio.get_running_loop()
        try:
            response = await loop.run_in_executor(_pool(), serve, *args)
        except _HandOver:
            await self.app(scope, _replay(body, receive=receive), send)
            return
        await response(scope, receive, send)


def _plain_request(scope: Scope, json_body: bool = True) -> str | None:
    """The bearer token of a request the lane can serve: a JSON body (when `json_body`) and
    no Idempotency-Key (a replayed request's 409 and 410 are FastAPI's)."""
    token = None
    is_json = not json_body
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() != "bearer" or not credentials or token is not None:
                return None
            token = credentials
        elif name == b"content-type" and json_body:
            is_json = value.split(b";")[0].strip().lower() == b"application/json"
        elif name == b"idempotency-key":
            return None
    return token if is_json else None


async def _read_body(receive: Receive) -> tuple[bytes, bool | None]:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), False


def _replay(body: bytes, receive: Receive, more_disconnect: bool = False) -> Receive:
    """A receive that gives the body already read, then whatever comes next."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            if more_disconnect:
                return {"type": "http.disconnect"}
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def _log_sets(scope: Scope, workout_id: int, token: str, body: bytes) -> Response:
    """What the endpoint does, in one go; _HandOver whenever it would not answer 201."""
    from redwood.services import accounts
    from redwood.services.training import add_sets, log_sets_by_token
    from redwood.web.api.workouts import SetsIn, _check_exercises, sets_added
    from redwood.web.deps import get_catalog

    store = scope["app"].state.store
    try:
        body_in = SetsIn.model_validate(json.loads(body))  # as FastAPI reads it
        catalog = get_catalog()
        new = [s.to_domain() for s in body_in.sets]
        if all(s.exercise_id in catalog for s in new):
            # The common case: the token, the workout, the records and the write on the
            # driver (services.training.log_sets_by_token).
            found = log_sets_by_token(store, token, workout_id, new)
            if found is None:
                raise _HandOver
            user, logged = found
        else:  # a lifter's own exercise, or a typo to answer with hints
            owner = accounts.token_owner(store, token)
            if owner is None:
                raise _HandOver
            user = owner[1]
            _check_exercises(store, user, catalog, new)
            logged = add_sets(store, user, workout_id, new)
    except Exception as exc:  # nothing written: FastAPI answers (404, 422, 503...)
        raise _HandOver from exc
    return sets_added(workout_id, new, logged, user, catalog, None)


def _today(scope: Scope, token: str) -> Response:
    """GET /api/v1/today with a bearer token and no query, as the endpoint answers it (its
    `today_json`, the server's date); _HandOver for anything but a 200 (an unknown token's
    401, no plan's 404, a busy database's 503: FastAPI reads it again and answers)."""
    import datetime as dt

    from redwood.services import accounts
    from redwood.services.training import today_progress
    from redwood.web.api.today import today_json
    from redwood.web.deps import get_catalog

    store = scope["app"].state.store
    try:
        owner = accounts.token_owner(store, token)
        if owner is None:
            raise _HandOver
        progress = today_progress(store, owner[1], dt.date.today(), get_catalog())
    except Exception as exc:  # nothing written: FastAPI answers (401, 404, 503...)
        raise _HandOver from exc
    return JSONResponse(today_json(progress))
