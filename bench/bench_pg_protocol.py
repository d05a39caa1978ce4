"""What one logged set costs PostgreSQL in messages: the protocol of `POST
/workouts/{id}/sets` by token (the fast lane: store.hot.log_sets), counted.

    REDWOOD_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/bench_pg_protocol.py [--requests 50]

In a temporary database, five lifters each log into today's workout through the app (ASGI,
in process); every pooled connection is traced (libpq's PQtrace, through psycopg) and, after
300 requests (past psycopg's prepare threshold of five runs per connection), `--requests`
more are counted: the messages each way per request, and the statements the server parsed
(a prepared statement is only bound). Flushes from the client are its round trips (a pipeline
sends everything, then waits once). No load moves these counts: for a busy machine.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import datetime as dt
import os
import sys
import tempfile
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    pg = os.environ.get("REDWOOD_TEST_POSTGRES_URL", "").strip()
    if not pg:
        sys.exit("set REDWOOD_TEST_POSTGRES_URL")
    import httpx
    from psycopg import pq
    from sqlalchemy import event

    from redwood.store.admin import temporary_database
    from redwood.web.app import create_app

    body = {"sets": [{"exercise_id": "back-squat", "weight_kg": 100, "reps": 5, "rpe": 8}]}
    with tempfile.TemporaryFile("w+") as trace, \
            temporary_database(pg, prefix="redwood_bench_protocol") as url:
        app = create_app(url, argon2_time_cost=1, argon2_memory_cost=8)
        engine = app.state.store.engine

        @event.listens_for(engine, "connect")
        def traced(dbapi: Any, _record: Any) -> None:
            dbapi.pgconn.trace(trace.fileno())
            dbapi.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)

        engine.dispose()  # every connection from now on is traced

        async def run() -> int:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport,
                                         base_url="http://t/api/v1") as c:
                lifters = []
                for i in range(5):
                    account = {"username": f"lifter{i}", "password": "bench-press-1"}
                    (await c.post("/auth/signup", json=account)).raise_for_status()
                    token = (await c.post("/auth/token", json=account)).json()["access_token"]
                    h = {"Authorization": f"Bearer {token}"}
                    r = await c.post("/workouts", headers=h,
                                     json={"date": str(dt.date.today()), **body})
                    lifters.append((h, r.json()["id"]))

                async def log(k: int) -> None:
                    h, w = lifters[k % len(lifters)]
                    r = await c.post(f"/workouts/{w}/sets", headers=h, json=body)
                    assert r.status_code == 201, r.text

                for k in range(300):
                    await log(k)
                trace.flush()
                start = os.lseek(trace.fileno(), 0, os.SEEK_END)
                for k in range(args.requests):
                    await log(k)
                trace.flush()
                return start, os.lseek(trace.fileno(), 0, os.SEEK_END)

        start, end = asyncio.run(run())
        app.state.store.close()  # its Terminate messages after `end`: not counted
        trace.seek(start)
        lines = [line.split("\t") for line in trace.read(end - start).splitlines()]
    counts: collections.Counter[tuple[str, str]] = collections.Counter(
        (f[0], f[2].split(" ")[0]) for f in lines if len(f) >= 3 and f[0] in "FB")
    n = args.requests
    print(f"per logged set, {n} requests after 300 (PostgreSQL protocol messages)")
    for (way, message), count in sorted(counts.items()):
        print(f"  {'client' if way == 'F' else 'server'} {message:18s} {count / n:6.2f}")
    parsed = collections.Counter(f[3].split('"')[3] for f in lines
                                 if len(f) >= 4 and f[0] == "F" and f[2] == "Parse")
    for sql, count in parsed.most_common():
        print(f"  parsed each time ({count / n:.2f}): {sql[:100]}")


if __name__ == "__main__":
    main()
