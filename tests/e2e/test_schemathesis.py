"""Schemathesis (4.x) against a running `redwood serve`, configured as issue 16 says: every
check but `positive_data_acceptance` (whose cross-field rules live in the schema's
descriptions), valid and invalid data, 30 examples per operation, and the stateful phase
(sequences of calls that feed one answer into the next request). The lifter has a profile, a
plan, a logged workout and a check-in, so reads and edits reach real data rather than only
404s. Whatever schemathesis sends: no 5xx, every status and body as the published schema says,
invalid input refused, 405 with a correct Allow header."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from redwood.services import accounts
from redwood.store.location import sqlite_url
from redwood.web.app import create_app
from served import free_port, running_server

API = "/api/v1"
EXAMPLES = 30
STATEFUL_SCENARIOS = 30
STATEFUL_STEPS = 6
REQUEST_TIMEOUT = 30.0


# Made when the module is collected, as schemathesis needs its schema, base URL and token
# then: the database (in a folder that lives as long as the test process) with the lifter and
# their token, and the port the server will listen on.
_folder = tempfile.TemporaryDirectory(prefix="redwood-schemathesis-")
DATABASE = sqlite_url(Path(_folder.name) / "redwood.db")
PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"


def _lifter_and_schema() -> tuple[dict[str, str], dict[str, Any]]:
    """The lifter's bearer header, and the OpenAPI schema the app publishes."""
    app = create_app(DATABASE)
    store = app.state.store
    try:
        user = accounts.signup(store, "fuzz", "hypothesis-fuzz-17")
        _, token = accounts.create_token(store, user, "schemathesis")
        return {"Authorization": f"Bearer {token}"}, app.openapi()
    finally:
        store.close()


AUTH, PUBLISHED = _lifter_and_schema()
# Signing out or revoking tokens would end the run's own session: other tests cover them.
schema = (schemathesis.openapi.from_dict(PUBLISHED)
          .exclude(path_regex=r"/auth/logout$")
          .exclude(method="DELETE", path_regex=r"/tokens/"))
# Told to schemathesis itself, so it knows the token is there when it leaves it out on purpose.
# A request that hangs fails its test after REQUEST_TIMEOUT seconds instead of holding up the
# run: with the example counts above, that bounds the whole file's time.
schema.config.update(base_url=BASE, headers=AUTH, request_timeout=REQUEST_TIMEOUT)


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    """The server, its lifter given a profile, a plan, a workout and a check-in, so reads and
    edits reach real data rather than only 404s."""
    with running_server(DATABASE, Path(_folder.name), port=PORT) as (base, _, _), \
            httpx.Client(base_url=f"{base}{API}", headers=AUTH, timeout=30) as http:
        today = dt.date.today()
        for method, path, body in (
            ("PUT", "/profile", {"goal": "strength", "days": 3}),
            ("POST", "/plans/generate", {"weeks": 2, "save": True,
                                         "start": str(today - dt.timedelta(days=3))}),
            ("POST", "/workouts", {"date": str(today), "sets": [
                {"exercise_id": "back-squat", "weight_kg": 100, "reps": 5}]}),
            ("PUT", f"/checkins/{today}", {"sleep_hours": 7, "soreness": {"legs": 2}}),
        ):
            r = http.request(method, path, json=body)
            assert r.status_code < 300, (path, r.text)
        yield base


def test_the_server_publishes_that_schema(served: str) -> None:
    assert httpx.get(f"{served}/openapi.json", timeout=30).json() == PUBLISHED


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_the_published_contract(
        case: Any, served: str) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


@pytest.mark.slow
def test_sequences_of_calls_keep_the_contract(served: str) -> None:
    class Lifter(schema.as_state_machine()):  # type: ignore[misc]
        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            case.validate_response(response, excluded_checks=[positive_data_acceptance])

    Lifter.run(settings=settings(max_examples=STATEFUL_SCENARIOS,
                                 stateful_step_count=STATEFUL_STEPS, deadline=None,
                                 derandomize=True,
                                 suppress_health_check=list(HealthCheck)))
