"""Storage fixtures: every test runs on a SQLite file, and on PostgreSQL too when
REDWOOD_TEST_POSTGRES_URL names a server database to connect to (tests create and drop their
own databases there)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from redwood.store import Store, open_store
from redwood.store.admin import temporary_database
from redwood.store.location import sqlite_url

PG_ENV = "REDWOOD_TEST_POSTGRES_URL"
PG_URL = os.environ.get(PG_ENV, "").strip()

BACKENDS = [
    "sqlite",
    pytest.param("postgresql",
                 marks=pytest.mark.skipif(not PG_URL, reason=f"{PG_ENV} is not set")),
]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_url(backend: str, tmp_path) -> Iterator[str]:
    """The URL of a new, empty database (a file in tmp_path, or a fresh PostgreSQL database)."""
    if backend == "sqlite":
        yield sqlite_url(tmp_path / "redwood.db")
        return
    with temporary_database(PG_URL) as url:
        yield url


@pytest.fixture
def store(empty_url: str) -> Iterator[Store]:
    s = open_store(empty_url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def user_id(store: Store) -> int:
    return store.default_user().id


@pytest.fixture
def other_user_id(store: Store) -> int:
    with store.unit_of_work() as uow:
        user = uow.users.add("other")
        uow.commit()
    return user.id
