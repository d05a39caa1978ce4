"""Helpers for the API tests: an app on a fresh SQLite file or PostgreSQL database, and
signed-up lifters calling it with their bearer tokens."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from redwood.store.admin import temporary_database
from redwood.store.location import sqlite_url
from redwood.web.app import create_app

PG_URL = os.environ.get("REDWOOD_TEST_POSTGRES_URL", "").strip()
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(
        not PG_URL, reason="REDWOOD_TEST_POSTGRES_URL is not set")),
]
API = "/api/v1"
PASSWORD = "squat-deep-1"


@contextmanager
def database(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield sqlite_url(tmp_path / "redwood.db")
    else:
        with temporary_database(PG_URL) as url:
            yield url


@contextmanager
def app_client(url: str) -> Iterator[TestClient]:
    # Cheap argon2 parameters: an app setting meant for tests (hashes stay argon2id).
    app = create_app(url, argon2_time_cost=1, argon2_memory_cost=1024)
    with TestClient(app) as client:  # runs the lifespan, which closes the store
        yield client


class Lifter:
    """A signed-up user with a bearer token."""

    def __init__(self, client: TestClient, name: str, password: str = PASSWORD) -> None:
        self.client = client
        self.name = name
        r = client.post(f"{API}/auth/signup", json={"username": name, "password": password})
        assert r.status_code == 201, r.text
        self.id: int = r.json()["id"]
        r = client.post(f"{API}/auth/token", json={"username": name, "password": password})
        assert r.status_code == 200, r.text
        self.token: str = r.json()["access_token"]
        self.headers = {"Authorization": f"Bearer {self.token}"}

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        r = self.client.request(method, f"{API}{path}", headers=self.headers, **kwargs)
        assert r.status_code < 500, f"{method} {path}: {r.status_code} {r.text}"
        return r

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs: Any) -> Any:
        return self.call("POST", path, json=json, **kwargs)

    def patch(self, path: str, json: Any = None, **kwargs: Any) -> Any:
        return self.call("PATCH", path, json=json, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.call("DELETE", path, **kwargs)

    @property
    def user(self) -> Any:
        store = self.client.app.state.store  # type: ignore[attr-defined]
        with store.reader() as uow:
            return uow.users.get(self.id)

    def give_plan(self, start: dt.date) -> int:
        """Save a three-day plan starting on `start` as the lifter's active plan."""
        from redwood.catalog import load_catalog
        from redwood.planner.generate import generate_plan
        from redwood.planner.profile import make_profile
        from redwood.rules import load_rules
        from redwood.services.planning import save_plan

        rules, catalog = load_rules(), load_catalog()
        profile, candidates = make_profile(
            rules, goal="hypertrophy", level="beginner", days=3, minutes=60, weeks=4,
            start=start.isoformat(), location="gym", on=["mon", "wed", "fri"],
            known_ids=catalog.ids)
        plan = generate_plan(profile, rules, catalog, candidates)
        return save_plan(self.client.app.state.store, self.user, plan)  # type: ignore[attr-defined]


def error_of(r: Any) -> str:
    """The one-line message of a 4xx answer."""
    body = r.json()
    return str(body.get("error") or body.get("detail"))
