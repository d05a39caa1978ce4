"""Schemathesis against the API's own OpenAPI schema: every operation, with generated valid and
invalid input, as a signed-in lifter who has a profile, a plan, a logged workout and a
check-in. No input may produce a server error (5xx), and what the API answers must match the
schema it publishes. Bounded: a few examples per operation, so the whole run stays short."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from redwood.store.location import sqlite_url
from redwood.web.app import create_app

API = "/api/v1"
EXAMPLES = 10

# The schema is read when the module is collected, so the app is made then, on a database of
# its own in a folder that lives as long as the test process.
_folder = tempfile.TemporaryDirectory(prefix="redwood-schemathesis-")
app = create_app(sqlite_url(Path(_folder.name) / "redwood.db"), argon2_time_cost=1,
                 argon2_memory_cost=1024)


def _lifter_with_data() -> dict[str, str]:
    """A bearer token of a lifter with a profile, an active plan, a workout and a check-in,
    so that reads and edits reach real data rather than only 404s."""
    client = TestClient(app)
    account = {"username": "fuzz", "password": "hypothesis-fuzz-17"}
    assert client.post(f"{API}/auth/signup", json=account).status_code == 201
    token = client.post(f"{API}/auth/token", json=account).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    today = dt.date.today()
    for method, path, body in (
        ("PUT", "/profile", {"goal": "strength", "days": 3}),
        ("POST", "/plans/generate", {"weeks": 2, "save": True,
                                     "start": str(today - dt.timedelta(days=3))}),
        ("POST", "/workouts", {"date": str(today), "sets": [
            {"exercise_id": "back-squat", "weight_kg": 100, "reps": 5}]}),
        ("PUT", f"/checkins/{today}", {"sleep_hours": 7, "soreness": {"legs": 2}}),
    ):
        r = client.request(method, f"{API}{path}", json=body, headers=headers)
        assert r.status_code < 300, (path, r.text)
    return headers


AUTH = _lifter_with_data()
# Signing out or revoking tokens would end the run's own session: other tests cover them.
schema = (schemathesis.openapi.from_asgi("/openapi.json", app)
          .exclude(path_regex=r"/auth/logout$")
          .exclude(method="DELETE", path_regex=r"/tokens/"))


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_responses_match_the_schema(case: Any) -> None:
    case.call_and_validate(headers=AUTH,
                           checks=[not_a_server_error, response_schema_conformance])
