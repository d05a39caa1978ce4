"""Benchmark: the two hottest API calls under load, on a real `redwood serve` on loopback.

    .venv/bin/python bench/bench_web.py [--backend sqlite|postgresql|both] [--workers 2]
        [--clients 10,50] [--calls both|log|today] [--seconds 10] [--users 50] [--runs 1]
        [--anchor OTHER/src]

For each backend (PostgreSQL when REDWOOD_TEST_POSTGRES_URL is set; a temporary database is
made and dropped), this starts `redwood serve --workers N` on 127.0.0.1, signs up `--users`
lifters (each with a saved plan and today's workout), then drives with `wrk` (Debian's `wrk`
package: `apt-get install wrk`; only this script needs it) and each number of `--clients`
connections for `--seconds` each:

- log a set: POST /api/v1/workouts/{id}/sets with one set, the lifters taken in turn;
- load today's session: GET /api/v1/today.

Each run starts from the database as the set-up left it (the sets a run logged are deleted
after it: `rewound`). Each run prints its figures, the clients' connections each worker
held and each worker's CPU time.

With `--anchor OTHER/src` (e.g. a worktree of main), the same is run on that code too, in
the same invocation (a server and database each, both up at once and measured in turn, each
code leading in turn), so a busy machine weighs on both alike. It ends with one table:
requests per second, the sets that reached the database per second, wrk's p50/p99 latency,
the server's CPU time per request (its processes', from /proc: the cost of a request, which
a busy machine inflates far less than latency; PostgreSQL's own CPU is not in it) and the
goal beside each logging figure.

The goal (issue 17) at 50 clients on a 2-core machine, server and load generator sharing
it: at least 600 logged sets per second with p99 at most 150 ms, on SQLite and on
PostgreSQL; at 10 clients p99 at most 50 ms. Timings are never asserted in tests: run this
by hand, on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
REDWOOD = ROOT / ".venv" / "bin" / "redwood"
PG_ENV = "REDWOOD_TEST_POSTGRES_URL"
PASSWORD = "bench-press-1"
SET = {"sets": [{"exercise_id": "back-squat", "weight_kg": 100, "reps": 5, "rpe": 8}]}
CALLS = (("log a set", "POST"), ("today", "GET"))
GOALS = {50: (600, 150.0), 10: (None, 50.0)}
"""Clients: (logged sets per second at least, p99 in ms at most) for logging a set."""

LUA = """
local paths = {%(paths)s}
local tokens = {%(tokens)s}
local method = "%(method)s"
local body = %(body)s
local n = #paths
local i = 0
function setup(thread) thread:set("offset", math.random(n)) end
request = function()
  i = i + 1
  local k = ((i + (offset or 0)) %% n) + 1
  local headers = {["Authorization"] = "Bearer " .. tokens[k]}
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(method, paths[k], headers, body)
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def database(backend: str) -> Iterator[str]:
    if backend == "sqlite":
        from redwood.store.location import sqlite_url

        with tempfile.TemporaryDirectory(prefix="redwood-bench-web-") as folder:
            yield sqlite_url(Path(folder) / "redwood.db")
        return
    from redwood.store.admin import temporary_database

    with temporary_database(os.environ[PG_ENV], prefix="redwood_bench") as url:
        yield url


def session_cpu_seconds(session: int) -> float:
    """CPU time (user + system) used so far by the processes of a session (the server and
    its workers): with it the cost of a request can be told apart from a busy machine."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        # After the command: state, ppid, pgrp, session, ...; utime and stime are 12th, 13th.
        if int(fields[3]) == session:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command (state, ppid, pgrp, session, ...)."""
    return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()


def workers_of(session: int) -> list[int]:
    """The worker processes of a `redwood serve` session: those other than the server's
    main process (uvicorn's supervisor with --workers N) that hold a listening TCP socket;
    with one worker, the server itself."""
    listening = _socket_inodes(listening=True)
    out = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            pid = int(entry.name)
            if pid == session or int(_stat(pid)[3]) != session:
                continue
        except (OSError, ValueError):
            continue
        if _sockets_of(pid) & listening:
            out.append(pid)
    return sorted(out) or [session]


def _socket_inodes(port: int | None = None, listening: bool = False) -> set[str]:
    """Inodes of the IPv4 TCP sockets that listen (`listening`) or are connected on
    `port` (any if None), from /proc/net/tcp."""
    out = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        f = line.split()
        if port is not None and int(f[1].rpartition(":")[2], 16) != port:
            continue
        if f[3] == ("0A" if listening else "01"):
            out.add(f[9])
    return out


def connections_per_worker(workers: list[int], port: int) -> list[int]:
    """How many of the clients' connections each worker holds (the kernel gives each
    accepted connection to one worker, and it stays there while the client keeps it)."""
    connected = _socket_inodes(port)
    return [len(_sockets_of(pid) & connected) for pid in workers]


def _sockets_of(pid: int) -> set[str]:
    """Inodes of the sockets a process holds (none if it has ended)."""
    out = set()
    with contextlib.suppress(OSError):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    out.add(target[8:-1])
    return out


def cpu_seconds(pid: int) -> float:
    try:
        fields = _stat(pid)
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    base: str
    pid: int

    @property
    def port(self) -> int:
        return int(self.base.rpartition(":")[2])


@contextlib.contextmanager
def server(url: str, workers: int, src: str | None = None) -> Iterator[Server]:
    """`redwood serve` (of the code in `src`, default this checkout's) on a free loopback
    port; stopped (the whole process group) after."""
    port = free_port()
    env = {**os.environ, "REDWOOD_DATABASE_URL": url}
    if src is not None:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.Popen(
        [str(REDWOOD), "--database-url", url, "serve", "--port", str(port),
         "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"redwood serve stopped: {proc.stderr.read().decode()[-2000:]}"
                                 if proc.stderr else "redwood serve stopped")
            try:
                if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("redwood serve did not answer within 60 s")
            time.sleep(0.3)
        time.sleep(1.0 if workers > 1 else 0.2)  # let every worker finish starting
        yield Server(base, proc.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@dataclass
class Lifter:
    token: str
    workout_id: int


def sign_up(base: str, n: int) -> list[Lifter]:
    """n lifters, each with a token, a saved plan that starts today and today's workout."""
    today = dt.date.today()
    out = []
    with httpx.Client(base_url=f"{base}/api/v1", timeout=60) as c:
        for i in range(n):
            account = {"username": f"lifter{i}", "password": PASSWORD}
            c.post("/auth/signup", json=account).raise_for_status()
            token = c.post("/auth/token", json=account).json()["access_token"]
            h = {"Authorization": f"Bearer {token}"}
            c.post("/plans/generate", headers=h, json={
                "days": 3, "weeks": 8, "save": True, "start": str(today)}).raise_for_status()
            r = c.post("/workouts", headers=h, json={"date": str(today), **SET})
            r.raise_for_status()
            assert c.get("/today", headers=h).status_code == 200
            out.append(Lifter(token, r.json()["id"]))
    return out


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    cpu_ms: float = 0.0
    """Server CPU time per request."""
    split: tuple[int, ...] = ()
    """The clients' connections held by each worker, 1 s into the run."""
    worker_cpu_s: tuple[float, ...] = ()
    """Each worker's CPU seconds during the run."""


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        raise ValueError(f"wrk latency {text!r}")
    value, unit = float(m[1]), m[2]
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(srv: Server, lifters: list[Lifter], method: str, clients: int, seconds: int) -> Result:
    paths = [f"/api/v1/workouts/{x.workout_id}/sets" if method == "POST" else "/api/v1/today"
             for x in lifters]
    script = LUA % {
        "paths": ", ".join(json.dumps(p) for p in paths),
        "tokens": ", ".join(json.dumps(x.token) for x in lifters),
        "method": method,
        "body": json.dumps(json.dumps(SET)) if method == "POST" else "nil",
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    workers = workers_of(srv.pid)
    cpu = session_cpu_seconds(srv.pid)
    each = [cpu_seconds(w) for w in workers]
    try:
        proc = subprocess.Popen(
            ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "--latency",
             "-s", f.name, srv.base], stdout=subprocess.PIPE, text=True)
        # wrk opens all its connections at the start and keeps them: 1 s in, each worker
        # holds the share it will serve for the whole run.
        time.sleep(min(1.0, seconds / 2))
        split = tuple(connections_per_worker(workers, srv.port))
        out, _ = proc.communicate()
        if proc.returncode:
            raise SystemExit(f"wrk failed ({proc.returncode})")
    finally:
        os.unlink(f.name)
    cpu = session_cpu_seconds(srv.pid) - cpu
    each = [cpu_seconds(w) - c for w, c in zip(workers, each, strict=True)]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M)[1])  # type: ignore[index]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M)[1])  # type: ignore[index]
    total = int(re.search(r"(\d+) requests in", out)[1])  # type: ignore[index]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = int(bad[1]) if bad else 0
    sock = re.search(r"Socket errors:.*", out)
    if sock:
        print(f"    wrk: {sock[0]}")
    return Result(rps, p50, p99, total, errors, cpu * 1000 / max(total, 1), split,
                  tuple(round(c, 1) for c in each))


def _marks(conn: Any) -> tuple[int, int, int]:
    """The number of sets, and the last ids of the sets and of the journal."""
    from sqlalchemy import text

    row = conn.execute(text("SELECT count(*), coalesce(max(id), 0), (SELECT coalesce(max(id), "
                            "0) FROM entries) FROM sets")).one()
    return int(row[0]), int(row[1]), int(row[2])


@contextlib.contextmanager
def rewound(url: str) -> Iterator[list[int]]:
    """Counts (into the list yielded) the sets written inside the block, then deletes them
    and their journal rows: each run logs into the workouts as the set-up left them. Without
    it each lifter's one workout grew by hundreds of sets a run, and logging a set reads the
    lifter's sets of the exercise (the records): on 4-5 Dec the server's CPU per logged set
    went from 0.9 to 2.3 ms over five runs in a row, throughput halving with it."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            count, sets, entries = _marks(conn)
        stored: list[int] = []
        yield stored
        with engine.begin() as conn:
            stored.append(_marks(conn)[0] - count)
            conn.execute(text("DELETE FROM sets WHERE id > :id"), {"id": sets})
            conn.execute(text("DELETE FROM entries WHERE id > :id"), {"id": entries})
    finally:
        engine.dispose()


@dataclass
class Row:
    backend: str
    code: str
    clients: int
    call: str
    result: Result
    stored_per_s: float | None


def run(backend: str, codes: list[tuple[str, str | None]], workers: int, clients: list[int],
        seconds: int, users: int, runs: int,
        calls: tuple[tuple[str, str], ...] = CALLS) -> list[Row]:
    """Every code's server up at once (each on its own database), then each measurement on
    each in turn, each code leading in turn (from call to call and from one number of clients
    to the next): a machine whose load changes during the run weighs on all of them alike. A
    server not being measured sits idle."""
    rows = []
    with contextlib.ExitStack() as stack:
        servers = []
        for code, src in codes:
            url = stack.enter_context(database(backend))
            srv = stack.enter_context(server(url, workers, src))
            t0 = time.perf_counter()
            lifters = sign_up(srv.base, users)
            print(f"{backend}, {code}: {workers} worker(s), {users} lifters (set-up "
                  f"{time.perf_counter() - t0:.1f} s; load average {os.getloadavg()[0]:.1f} "
                  f"on {os.cpu_count()} CPUs)", flush=True)
            servers.append((code, url, srv, lifters))
        for i, n in enumerate(clients):
            for j, (call, method) in enumerate(calls):
                # Who goes first swaps from call to call and from one number of clients to
                # the next, so that each code leads one of the logging cells (the first run
                # right after a code's own today run would otherwise always be the same's).
                order = servers if (i + j) % 2 == 0 else servers[::-1]
                for code, url, srv, lifters in order:
                    results, stored_total = [], 0
                    for _ in range(runs):
                        with rewound(url) as stored:
                            r = wrk(srv, lifters, method, n, seconds)
                        stored_total += stored[0]
                        results.append(r)
                        print(f"    {code}, {n} clients, {call}: {r.rps:.0f} req/s, p99 "
                              f"{r.p99_ms:.1f} ms; connections per worker "
                              f"{'/'.join(map(str, r.split))}, worker CPU s "
                              f"{'/'.join(map(str, r.worker_cpu_s))} (load average "
                              f"{os.getloadavg()[0]:.1f})", flush=True)
                    stored_per_s = stored_total / (seconds * runs) if method == "POST" else None
                    result = Result(
                        statistics.median(r.rps for r in results),
                        statistics.median(r.p50_ms for r in results),
                        statistics.median(r.p99_ms for r in results),
                        sum(r.requests for r in results), sum(r.errors for r in results),
                        statistics.median(r.cpu_ms for r in results))
                    rows.append(Row(backend, code, n, call, result, stored_per_s))
                    print(f"  {code}, {n:3d} clients, {call}: {result.rps:.0f} req/s, p99 "
                          f"{result.p99_ms:.1f} ms (load average {os.getloadavg()[0]:.1f})",
                          flush=True)
    names = [c for c, _ in codes]
    rows.sort(key=lambda r: (names.index(r.code), r.clients, r.call != "log a set"))
    return rows


def goal_of(row: Row) -> tuple[str, str]:
    """The goal beside a row, and whether it is met ('yes', 'NO' or '')."""
    if row.call != "log a set" or row.clients not in GOALS:
        return "", ""
    rate, p99 = GOALS[row.clients]
    # A refused set (a 4xx or 5xx) is no logged set, however fast it was answered.
    parts, met = [], row.result.p99_ms <= p99 and row.result.errors == 0
    if rate is not None:
        parts.append(f">= {rate}/s")
        met = met and (row.stored_per_s or 0) >= rate
    parts.append(f"p99 <= {p99:.0f} ms")
    return ", ".join(parts), "yes" if met else "NO"


def table(rows: list[Row]) -> str:
    head = ("| backend | code | clients | call | req/s | sets stored/s | p50 ms | p99 ms | "
            "server CPU ms/req | non-2xx | goal | met |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        goal, met = goal_of(r)
        stored = "" if r.stored_per_s is None else f"{r.stored_per_s:.0f}"
        lines.append(f"| {r.backend} | {r.code} | {r.clients} | {r.call} | {r.result.rps:.0f} | "
                     f"{stored} | {r.result.p50_ms:.1f} | {r.result.p99_ms:.1f} | "
                     f"{r.result.cpu_ms:.2f} | {r.result.errors} | {goal} | {met} |")
    return "\n".join(lines)


def codes_of(anchor: str | None) -> list[tuple[str, str | None]]:
    """The code to measure, (name, its src folder or None for this checkout): this, and
    first the `--anchor` if given (exits with a message if it holds no redwood package)."""
    if anchor is None:
        return [("this", None)]
    if not (Path(anchor) / "redwood").is_dir():
        sys.exit(f"--anchor: {anchor} has no redwood package (give its src folder)")
    return [("anchor", str(Path(anchor).resolve())), ("this", None)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", default="10,50",
                        help="comma-separated numbers of connections (default: 10,50)")
    parser.add_argument("--calls", choices=("both", "log", "today"), default="both",
                        help="log a set, load today's session, or both (default)")
    parser.add_argument("--seconds", type=int, default=10)
    # Enough lifters that no workout reaches domain.log.MAX_SETS_PER_WORKOUT (500) in a run:
    # at ~1,000 sets/s for 10 s, 20 lifters' workouts filled up and the last seconds measured
    # 400 answers.
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--runs", type=int, default=1, help="wrk runs per call (median).")
    parser.add_argument("--anchor", default=None, metavar="OTHER/src",
                        help="also run the code in this src folder (e.g. a worktree of main)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench_web needs wrk: apt-get install wrk")
    try:
        clients = [int(c) for c in args.clients.split(",") if c.strip()]
    except ValueError:
        sys.exit("--clients: use numbers separated by commas, e.g. 10,50")
    if not clients or min(clients) < 1:
        sys.exit("--clients: use numbers of at least 1, e.g. 10,50")
    codes = codes_of(args.anchor)
    calls = CALLS if args.calls == "both" else tuple(
        c for c in CALLS if c[1] == ("POST" if args.calls == "log" else "GET"))
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    rows: list[Row] = []
    for backend in backends:
        if backend == "postgresql" and not os.environ.get(PG_ENV):
            print(f"postgresql: skipped ({PG_ENV} is not set)")
            continue
        rows += run(backend, codes, args.workers, clients, args.seconds, args.users,
                    args.runs, calls)
    print(f"\n{args.workers} worker(s), {args.seconds} s per call, {args.users} lifters, "
          f"{args.runs} run(s) each (median); load average now "
          f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs\n")
    print(table(rows))


if __name__ == "__main__":
    main()
