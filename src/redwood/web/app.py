"""The web app: the REST API under /api/v1, the pages at /, static files at /static.

    uvicorn redwood.web.app:create_app_from_env --factory    # what `redwood serve` runs

One Store (connection pool) per process, opened and migrated when the app is made. Every
response carries the security headers; every refused input is a 4xx whose body names the
field ({"detail": ..., "error": "sets.0.reps: ..."}), never a 500.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, get_args

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from redwood import __version__
from redwood.io.logjson import WorkoutJsonError
from redwood.services import accounts
from redwood.services.accounts import AccountError, BadCredentials, Throttled
from redwood.services.base import InvalidEntry, NotFound, StoreBusy, StoreError, connect
from redwood.services.training import TrainingError

STATIC_DIR = Path(__file__).parent / "static"
STATIC_PREFIX = "/static/"
SECRET_ENV = "REDWOOD_SECRET_KEY"
SECURE_COOKIES_ENV = "REDWOOD_SECURE_COOKIES"
MAX_BODY_BYTES = 20 * 1024 * 1024
"""The largest request body (an import of years of training is a few MB)."""

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


GZIP_MIN_BYTES = 500  # smaller bodies gain less than the header costs
GZIP_LEVEL = 6
"""zlib's own default: on a log export it compresses as well as Starlette's default 9
(11x on a Strong CSV) in a fifth of the CPU (0.26 s against 1.24 s for 20 MB), which a long
export or three at once otherwise spend compressing."""
GZIP_STREAM_LEVEL = 1
"""The level of the streamed downloads (STREAMED_DOWNLOADS): a 300,000-set log is a 20 MB
CSV or a 36 MB backup, which level 6 takes 0.85 s of CPU to compress and level 1 0.18 s (1.8
MB against 2.6 MB; measured under load, 4 Dec 2026): the difference is most of what keeps a
heavy lifter's export under 2 s, and a download is read once."""
STREAMED_DOWNLOADS = frozenset({"/api/v1/export/csv", "/api/v1/export/json",
                                "/settings/export.json"})
"""The paths that stream a whole log (services.exporting): compressed at GZIP_STREAM_LEVEL."""


class Compression:
    """Starlette's GZipMiddleware at GZIP_LEVEL, or at GZIP_STREAM_LEVEL for the streamed
    downloads (chosen by path: the middleware's public interface has no other hook)."""

    def __init__(self, app: ASGIApp) -> None:
        from starlette.middleware.gzip import GZipMiddleware

        self.pages = GZipMiddleware(app, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)
        self.downloads = GZipMiddleware(app, minimum_size=GZIP_MIN_BYTES,
                                        compresslevel=GZIP_STREAM_LEVEL)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        streamed = scope["type"] == "http" and scope["path"] in STREAMED_DOWNLOADS
        await (self.downloads if streamed else self.pages)(scope, receive, send)


class _TooLarge(Exception):
    pass


class SecurityMiddleware:
    """Security headers on every response; `Cache-Control: no-store` on every response but the
    static files' (signed-in pages, API answers and downloads must never sit in a shared or
    browser cache); the anonymous CSRF cookie when a form asked for one; and a cap on the size
    of request bodies (413)."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_large = int(length) > self.max_body
            except ValueError:
                too_large = True
            if too_large:
                await self._refuse(send)
                return
        received = 0
        started = False
        private = not scope.get("path", "").startswith(STATIC_PREFIX)

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge
            return message

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                out = list(message.get("headers") or [])
                present = {k.lower() for k, _ in out}
                out.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                if private:
                    out = [h for h in out if h[0].lower() != b"cache-control"]
                    out.append((b"cache-control", b"no-store"))
                nonce = (scope.get("state") or {}).get("new_csrf_cookie")
                if nonce:
                    from redwood.web.deps import CSRF_COOKIE

                    secure = "; Secure" if scope.get("scheme") == "https" else ""
                    out.append((b"set-cookie", f"{CSRF_COOKIE}={nonce}; Path=/; HttpOnly; "
                                f"SameSite=Lax{secure}".encode()))
                message = {**message, "headers": out}
            await send(message)

        try:
            await self.app(scope, counted_receive, secured_send)
        except _TooLarge:
            if started:
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = (b'{"detail":"the request body is larger than %d MB","error":"body: larger than '
                b'%d MB"}' % (self.max_body // 2**20, self.max_body // 2**20))
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"cache-control", b"no-store"), *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})


AUTH_PATHS = frozenset({"/api/v1/auth/signup", "/api/v1/auth/token"})
"""The API's sign-up and log-in: the requests a stranger floods."""


class AuthGate:
    """An API sign-up or log-in that the accounts' lane (accounts.AuthLane) has no room for
    is refused here, before its body is read, routed, validated or given to a dependency:
    the same 429 with Retry-After the lane would answer, for a fraction of the CPU (0.013
    against 0.18 ms a refusal, in process), so a flood's refusals take the least from the
    event loop the other requests share. Inside SecurityMiddleware: the answer carries its
    headers."""

    def __init__(self, app: ASGIApp, paths: frozenset[str] = AUTH_PATHS) -> None:
        self.app = app
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and scope["method"] == "POST"
                and scope["path"] in self.paths and accounts.auth_lane.full):
            busy = accounts.HashingBusy()
            refusal = _error(429, str(busy), {"Retry-After": str(busy.retry_after)})
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)


_NAMED = re.compile(r"^[A-Za-z_][\w.]*: ")


def _where(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        parts = parts[1:] or parts
    return ".".join(str(p) for p in parts) or "body"


def validation_message(exc: RequestValidationError) -> str:
    """The first problem as one line naming the field: 'sets.0.reps: Input should be ...'."""
    errors = exc.errors()
    if not errors:
        return "body: invalid request"
    first = errors[0]
    if first.get("type") == "json_invalid":
        return "body: not valid JSON"
    message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    where = _where(first.get("loc", ()))
    if where in ("body", "query") and _NAMED.match(message):
        return message  # a check across fields that names its own field
    return f"{where}: {message}"


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    detail: Any = message
    if status == 422:
        # The schema's 422 (FastAPI's HTTPValidationError) is a list of problems: keep to it.
        field, _, problem = message.partition(": ")
        detail = [{"type": "value_error", "loc": [field], "msg": problem or message}]
    return JSONResponse({"detail": detail, "error": message}, status_code=status,
                        headers=headers)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors(), custom_encoder={
            Exception: str, bytes: lambda b: b.decode("utf-8", "replace")})
        return JSONResponse({"detail": errors, "error": validation_message(exc)},
                            status_code=422)

    @app.exception_handler(AccountError)
    async def on_account(_: Request, exc: AccountError) -> JSONResponse:
        return _error(409 if exc.message == "taken" else 422, str(exc))

    @app.exception_handler(BadCredentials)
    async def on_credentials(_: Request, exc: BadCredentials) -> JSONResponse:
        return _error(401, str(exc), {"WWW-Authenticate": "Bearer"})

    @app.exception_handler(Throttled)
    async def on_too_many(_: Request, exc: Throttled) -> JSONResponse:
        return _error(429, str(exc), {"Retry-After": str(exc.retry_after)})

    @app.exception_handler(WorkoutJsonError)
    async def on_workout_json(_: Request, exc: WorkoutJsonError) -> JSONResponse:
        return _error(422, _first_line(exc))

    @app.exception_handler(TrainingError)
    async def on_training(_: Request, exc: TrainingError) -> JSONResponse:
        return _error(400, exc.worded().splitlines()[0])

    @app.exception_handler(NotFound)
    async def on_not_found(_: Request, exc: NotFound) -> JSONResponse:
        return _error(404, _first_line(exc))

    @app.exception_handler(InvalidEntry)
    async def on_invalid(_: Request, exc: InvalidEntry) -> JSONResponse:
        return _error(400, _first_line(exc))

    @app.exception_handler(StoreBusy)
    async def on_busy(_: Request, exc: StoreBusy) -> JSONResponse:
        return _error(503, _first_line(exc), {"Retry-After": "1"})

    @app.exception_handler(StoreError)
    async def on_store(_: Request, exc: StoreError) -> JSONResponse:
        return _error(503, _first_line(exc))

    @app.exception_handler(DBAPIError)
    async def on_database(_: Request, exc: DBAPIError) -> JSONResponse:
        # What the store did not translate: a value the database cannot hold (PostgreSQL
        # refuses NUL characters in text, for one) is bad input; anything else is the server's.
        if isinstance(exc, (DataError, IntegrityError)):
            return _error(400, "a value cannot be stored (a NUL character or a number out "
                          "of range?)")
        return _error(503, "the database failed; try again")

    @app.exception_handler(UnicodeError)
    async def on_unicode(_: Request, exc: UnicodeError) -> JSONResponse:
        # JSON may carry lone surrogates ("\ud800") that no database (or hash) can take.
        return _error(400, "a text is not valid Unicode (a lone surrogate?)")

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # Starlette names only the methods of the first route on the path.
            headers["Allow"] = ", ".join(allowed_methods(app, request.url.path))
            exc = StarletteHTTPException(405, f"{request.method}: not allowed here; use "
                                         f"{headers['Allow']}", headers)
        if request.url.path.startswith("/api/") and isinstance(exc.detail, str):
            return _error(exc.status_code, exc.detail, headers)
        return await http_exception_handler(request, exc)


def flat_routes(app: FastAPI) -> list[Any]:
    """Every route of the app with its full path, routers included (FastAPI 0.16x keeps
    included routers nested)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI: included routes are copied into the app's list
        return list(app.router.routes)
    return list(iter_route_contexts(app.router.routes))


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method some route answers on `path` (HEAD wherever GET is), for 405's Allow. A
    path spelled out in a route (/plans/check) is that route's alone, whatever a templated one
    (/plans/{plan_id}) would also match: as the OpenAPI schema says."""
    exact: set[str] = set()
    templated: set[str] = set()
    for route in flat_routes(app):
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(path):
            methods = set(getattr(route, "methods", None) or ())
            (templated if "{" in str(getattr(route, "path", "")) else exact).update(methods)
    methods = exact or templated
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_date_params: dict[int, list[tuple[str, str]]] = {}


def _is_date(annotation: Any) -> bool:
    return annotation is dt.date or dt.date in get_args(annotation)


def _date_params_of(route: Any) -> list[tuple[str, str]]:
    """(where, name) of the route's date parameters in the query and path, found once."""
    found = _date_params.get(id(route))
    if found is None:
        found = []
        todo = [route.dependant]
        while todo:
            dependant = todo.pop()
            todo.extend(dependant.dependencies)
            found.extend((where, field.alias)
                         for where, fields in (("query", dependant.query_params),
                                               ("path", dependant.path_params))
                         for field in fields if _is_date(field.field_info.annotation))
        _date_params[id(route)] = found
    return found


async def strict_dates(request: Request) -> None:
    """Date parameters (query and path) take only YYYY-MM-DD, as the schema says: pydantic
    would read `0` as 1 January 1970."""
    route = request.scope.get("route")
    if getattr(route, "dependant", None) is None:
        return
    for where, name in _date_params_of(route):
        raw = (request.query_params if where == "query" else request.path_params).get(name)
        if raw is not None and not _ISO_DAY.fullmatch(str(raw)):
            raise RequestValidationError([{
                "type": "date_from_datetime_parsing", "loc": (where, name),
                "msg": "use a date as YYYY-MM-DD", "input": raw}])


async def spelled_out_paths_are_their_own(request: Request) -> None:
    """GET /plans/generate is a 405 (the path has only POST), not GET /plans/{plan_id} with a
    plan id that is no number: a path spelled out in a route belongs to its routes alone."""
    route = request.scope.get("route")
    if "{" not in str(getattr(route, "path", "")):
        return
    exact: set[str] | None = getattr(request.app.state, "exact_paths", None)
    if exact is None:
        exact = {str(r.path) for r in flat_routes(request.app)
                 if getattr(r, "path", None) and "{" not in str(r.path)}
        request.app.state.exact_paths = exact
    if request.url.path in exact:
        raise StarletteHTTPException(405)


ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"description": "What went wrong (FastAPI's shape)."},
                   "error": {"type": "string", "description": "The problem in one line, "
                             "naming the field: 'sets.0.reps: ...'."}},
    "required": ["detail", "error"],
}

def _takes_body(operation: dict[str, Any]) -> bool:
    return "requestBody" in operation


def _signed_in(operation: dict[str, Any]) -> bool:
    return bool(operation.get("security"))


def _has_path_parameters(operation: dict[str, Any]) -> bool:
    return any(p.get("in") == "path" for p in operation.get("parameters") or ())


COMMON_RESPONSES: list[tuple[str, str, Callable[[dict[str, Any]], bool]]] = [
    ("400", "Bad request: a body that is not valid JSON, or a value that cannot be stored.",
     lambda _: True),
    ("401", "Not signed in: no token, or an unknown or revoked one.", _signed_in),
    ("403", "Signed in by cookie without the page's X-CSRF-Token.", _signed_in),
    ("404", "No such thing (of this lifter's).", _has_path_parameters),
    ("413", "The request body is larger than the server takes.", _takes_body),
]
"""Answers operations may give besides their own: (status, description, which operations)."""


def publish_common_answers(app: FastAPI) -> None:
    """Put the answers operations can give besides their own (400; 401 and 403 when signed in;
    404 with path parameters; 413 with a body) into the OpenAPI schema, so the schema and the
    server agree."""
    made = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = made()
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                for status, description, applies in COMMON_RESPONSES:
                    if applies(operation):
                        operation["responses"].setdefault(
                            status, {"description": description, "content": error})
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _no_telemetry() -> dict[str, Any]:
    """FastAPI 0.16x checks on every request whether OpenTelemetry is set up (a few percent
    of a small request's CPU); Redwood ships none, so that is turned off where it exists."""
    import inspect

    if "telemetry" not in inspect.signature(FastAPI.__init__).parameters:
        return {}
    return {"telemetry": {"tracing": False, "metrics": False, "logs": False,
                          "operation_spans": False}}


def create_app(database_url: str | None = None, *, secret_key: str | bytes | None = None,
               secure_cookies: bool = False, argon2_time_cost: int | None = None,
               argon2_memory_cost: int | None = None,
               max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The app on the database at `database_url` (default: as the CLI finds it).

    `secret_key` signs the anonymous forms' CSRF tokens; every worker of one server needs the
    same (`redwood serve` passes one in $REDWOOD_SECRET_KEY); default: a random one.
    `secure_cookies`: mark cookies Secure even on http (TLS ended by a proxy).
    `argon2_time_cost`/`argon2_memory_cost`: cheaper password hashing, for tests only.
    """
    store = connect(database_url, ensure_user=False)
    if argon2_time_cost is not None or argon2_memory_cost is not None:
        from argon2 import PasswordHasher

        from redwood.services.accounts import ARGON2_MEMORY_KIB, ARGON2_TIME_COST, set_hasher

        set_hasher(PasswordHasher(time_cost=argon2_time_cost or ARGON2_TIME_COST,
                                  memory_cost=argon2_memory_cost or ARGON2_MEMORY_KIB,
                                  parallelism=1))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        **_no_telemetry(),
        title="Redwood",
        version=__version__,
        description="Plans, logs and coaches back-and-leg strength training. Sign in with "
                    "`Authorization: Bearer <token>` (POST /api/v1/auth/token).",
        docs_url=None,  # Swagger UI would load from a CDN: the schema is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    if isinstance(secret_key, str):
        secret_key = secret_key.encode()
    app.state.secret_key = secret_key or secrets.token_bytes(32)
    app.state.secure_cookies = secure_cookies
    install_error_handlers(app)

    from redwood.web.api import router as api_router

    app.include_router(api_router, prefix="/api/v1", dependencies=[
        Depends(spelled_out_paths_are_their_own), Depends(strict_dates)])
    try:
        from redwood.web.views import router as views_router
    except ModuleNotFoundError as exc:
        if exc.name != "redwood.web.views":
            raise
    else:
        app.include_router(views_router)
    STATIC_DIR.mkdir(exist_ok=True)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Text responses are compressed (a page or a log listing shrinks 4-8x on a phone's link).
    from redwood.web import fastlane

    if fastlane.enabled():  # inside gzip and the security headers: the same answers
        app.add_middleware(fastlane.FastLane)
    app.add_middleware(Compression)
    app.add_middleware(AuthGate)
    app.add_middleware(SecurityMiddleware, max_body=max_body_bytes)
    publish_common_answers(app)
    return app


def create_app_from_env() -> FastAPI:
    """The app as `redwood serve` configures it through the environment (one per worker):
    $REDWOOD_DATABASE_URL, $REDWOOD_SECRET_KEY, $REDWOOD_SECURE_COOKIES=1."""
    app = create_app(
        None,
        secret_key=os.environ.get(SECRET_ENV) or None,
        secure_cookies=os.environ.get(SECURE_COOKIES_ENV, "").strip().lower()
        in ("1", "true", "yes"),
    )
    # What the worker has loaded by now (the framework, the models, the catalogue: most of its
    # objects) lives as long as the worker: left out of the garbage collector's scans, whose
    # full pass over it would otherwise stall every request in flight for tens of ms.
    import gc

    gc.collect()
    gc.freeze()
    return app
