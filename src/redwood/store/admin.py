"""Create and drop PostgreSQL databases (for tests, benchmarks and first-time server setup)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from redwood.store.location import database_url

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _checked(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a safe database name: {name!r}")
    return name


def create_database(server_url: str, name: str) -> str:
    """CREATE DATABASE `name` on the server of `server_url`; returns the new database's URL."""
    url = make_url(database_url(server_url))
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{_checked(name)}"'))
    finally:
        engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, name: str) -> None:
    """Close every connection to database `name` and drop it."""
    url = make_url(database_url(server_url))
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :n AND pid <> pg_backend_pid()"),
                         {"n": _checked(name)})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    finally:
        engine.dispose()


@contextmanager
def temporary_database(server_url: str, prefix: str = "redwood_test") -> Iterator[str]:
    """A fresh, empty PostgreSQL database with a unique name, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    db_url = create_database(server_url, name)
    try:
        yield db_url
    finally:
        drop_database(server_url, name)
