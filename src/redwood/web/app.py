"""The web app: the REST API under /api/v1, the pages at /, static files at /static.

    uvicorn redwood.web.app:create_app_from_env --factory    # what `redwood serve` runs

One Store (connection pool) per process, opened and migrated when the app is made. Every
response carries the security headers; every refused input is a 4xx whose body names the
field ({"detail": ..., "error": "sets.0.reps: ..."}), never a 500.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from redwood import __version__
from redwood.logjson import WorkoutJsonError
from redwood.store import InvalidEntry, NotFound, StoreBusy, StoreError, open_store
from redwood.training import TrainingError
from redwood.web.accounts import AccountError, BadCredentials, Throttled

STATIC_DIR = Path(__file__).parent / "static"
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


class _TooLarge(Exception):
    pass


class SecurityMiddleware:
    """Security headers on every response, no-store on the API's, the anonymous CSRF cookie
    when a form asked for one, and a cap on the size of request bodies (413)."""

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
        api = scope.get("path", "").startswith("/api/")

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
                if api and b"cache-control" not in present:
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
                                *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})


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
        return _error(400, _first_line(exc))

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
        if request.url.path.startswith("/api/") and isinstance(exc.detail, str):
            return _error(exc.status_code, exc.detail, dict(exc.headers or {}))
        return await http_exception_handler(request, exc)


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
    store = open_store(database_url, ensure_user=False)
    if argon2_time_cost is not None or argon2_memory_cost is not None:
        from argon2 import PasswordHasher

        from redwood.web.accounts import ARGON2_MEMORY_KIB, ARGON2_TIME_COST, set_hasher

        set_hasher(PasswordHasher(time_cost=argon2_time_cost or ARGON2_TIME_COST,
                                  memory_cost=argon2_memory_cost or ARGON2_MEMORY_KIB,
                                  parallelism=1))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
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

    app.include_router(api_router, prefix="/api/v1")
    try:
        from redwood.web.views import router as views_router
    except ModuleNotFoundError as exc:
        if exc.name != "redwood.web.views":
            raise
    else:
        app.include_router(views_router)
    STATIC_DIR.mkdir(exist_ok=True)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(SecurityMiddleware, max_body=max_body_bytes)
    return app


def create_app_from_env() -> FastAPI:
    """The app as `redwood serve` configures it through the environment (one per worker):
    $REDWOOD_DATABASE_URL, $REDWOOD_SECRET_KEY, $REDWOOD_SECURE_COOKIES=1."""
    return create_app(
        None,
        secret_key=os.environ.get(SECRET_ENV) or None,
        secure_cookies=os.environ.get(SECURE_COOKIES_ENV, "").strip().lower()
        in ("1", "true", "yes"),
    )
