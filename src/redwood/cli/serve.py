"""`redwood serve` (the web app and API on uvicorn) and `redwood token` (API tokens).

Several workers (--workers N) share one database: on PostgreSQL as a matter of course; on
SQLite too, since WAL lets readers run beside the one writer and every write waits its turn
(BEGIN IMMEDIATE with a busy timeout), though one worker is usually as fast there. On Linux
each worker listens on a socket of its own (redwood.web.listen), so that the kernel spreads
the clients across them.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

import click

from redwood.cli.common import Ranged, fail

if TYPE_CHECKING:
    from redwood.domain.user import User
    from redwood.services.base import Store

_DATABASE_HELP = ("SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db (default: as for "
                  "every command: --database-url before `serve`, $REDWOOD_DATABASE_URL, or "
                  "SQLite in REDWOOD_HOME or your data folder).")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface, e.g. for your phone on "
                   "the same Wi-Fi).")
@click.option("--port", type=Ranged((1, 65535)), default=8000, show_default=True)
@click.option("--workers", type=Ranged((1, 64)), default=1, show_default=True,
              help="Worker processes.")
@click.option("--database-url", default=None, help=_DATABASE_HELP)
@click.option("--demo/--no-demo", default=False, show_default=True,
              help="Create the user 'demo' with four weeks of sample training (once).")
@click.option("--secure-cookies", is_flag=True,
              help="Mark cookies Secure (when a proxy in front serves https).")
@click.option("--access-log/--no-access-log", default=False, show_default=True,
              help="Log every request.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int, database_url: str | None,
          demo: bool, secure_cookies: bool, access_log: bool) -> None:
    """Serve the web app and the REST API (/api/v1, schema at /openapi.json)."""
    import secrets

    from redwood.services.base import StoreError, connect, redact
    from redwood.services.base import database_url as resolve_url

    group_url = getattr(ctx.obj, "database_url", None)
    url = resolve_url(database_url or group_url)
    try:
        # Migrate once here, not in each worker at the same time.
        store = connect(url, ensure_user=False)
    except StoreError as exc:
        fail(str(exc), 1)
    try:
        demo_user = None
        if demo:
            from redwood.services.demo import DEMO_PASSWORD, DEMO_USER, ensure_demo

            _, made = ensure_demo(store)
            demo_user = (DEMO_USER, DEMO_PASSWORD, made)
    except StoreError as exc:
        fail(str(exc), 1)
    finally:
        store.close()

    import uvicorn

    from redwood.web import listen
    from redwood.web.app import SECRET_ENV, SECURE_COOKIES_ENV

    os.environ["REDWOOD_DATABASE_URL"] = url
    os.environ.setdefault(SECRET_ENV, secrets.token_urlsafe(32))  # the same in every worker
    if secure_cookies:
        os.environ[SECURE_COOKIES_ENV] = "1"
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    shown = f"[{shown}]" if ":" in shown else shown
    balanced = workers > 1 and listen.BALANCES
    sock = None
    if balanced:
        try:
            sock = listen.claim(host, port)
        except OSError as exc:
            fail(f"--port: {shown}:{port} cannot be listened on ({exc.strerror or exc}): "
                 "another server there? Choose another --port", 1)
    click.echo(f"Redwood on {redact(url)}")
    if demo_user is not None:
        name, password, made = demo_user
        note = "created with four weeks of training" if made else "already there"
        click.echo(f"demo user: {name}, password: {password} ({note})")
    click.echo(f"Open http://{shown}:{port}/ (API: http://{shown}:{port}/api/v1, schema: "
               f"/openapi.json). Ctrl+C stops.", nl=True)
    app = "redwood.web.app:create_app_from_env"
    settings: dict[str, Any] = {
        "factory": True, "host": host, "port": port, "workers": workers,
        "access_log": access_log, "log_level": "info", "proxy_headers": True,
        "server_header": False}
    if sock is None:
        uvicorn.run(app, **settings)
        return
    # What uvicorn.run does with workers, with the socket that gives each its own (listen.py).
    from uvicorn.supervisors import Multiprocess

    with sock, contextlib.suppress(KeyboardInterrupt):
        Multiprocess(uvicorn.Config(app, **settings), sockets=[sock]).run()


@click.group()
def token() -> None:
    """API tokens for scripts (`Authorization: Bearer <token>`)."""


def _opened() -> tuple[Store, User]:
    """The CLI's store and user (--database-url and --user of the `redwood` group)."""
    opened: tuple[Store, User] = click.get_current_context().find_root().obj.open()
    return opened


@token.command("create")
@click.argument("name")
def token_create(name: str) -> None:
    """Make a token called NAME; it is shown this once."""
    from redwood.services import accounts

    store, user = _opened()
    try:
        token_id, value = accounts.create_token(store, user, name)
    except accounts.AccountError as exc:
        fail(f"NAME: {exc.message}")
    click.echo(value)
    click.echo(f"token {token_id} ({name}) for {user.name}: keep it "
               "safe, it is not shown again", err=True)


@token.command("list")
def token_list() -> None:
    """Your tokens (revoked ones too)."""
    from redwood.services import accounts

    store, user = _opened()
    tokens = accounts.list_tokens(store, user)
    if not tokens:
        click.echo("no tokens: make one with `redwood token create NAME`")
    for t in tokens:
        state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else (
            f"last used {t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used")
        click.echo(f"{t.id}\t{t.name}\t{t.prefix}...\tcreated {t.created_at:%Y-%m-%d}\t{state}")


@token.command("revoke")
@click.argument("token_id", metavar="ID", type=int)
def token_revoke(token_id: int) -> None:
    """Revoke token ID: scripts using it are refused from now on."""
    from redwood.services import accounts

    store, user = _opened()
    if not accounts.revoke_token(store, user, token_id):
        fail(f"ID: no live token {token_id}")
    click.echo(f"revoked token {token_id}")
