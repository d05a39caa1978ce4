"""Benchmark: what one API request costs in process, the machine's load aside.

    .venv/bin/python bench/bench_web_cost.py [--backend sqlite|postgresql|both]
        [--call log|today] [--requests 2000] [--runs 3] [--callgrind] [--anchor OTHER/src]
        [--server-callgrind DIR]

bench_web.py measures a real server under wrk, whose latencies a busy machine distorts. This
measures the cost: the app (`create_app`, fast lane and middlewares included, uvicorn's HTTP
parsing not) is called straight through ASGI, one request after the other, `--requests`
times after 200 to warm up, for 20 lifters in turn (each with a saved plan and today's
workout, as bench_web signs them up), and prints the CPU time per request (median of
`--runs` processes; on PostgreSQL also its server processes' CPU per request, read from
/proc when the server runs on this machine) and, with `--callgrind`, the instructions per
request counted by valgrind (`apt-get install valgrind`; one run of 300 requests, slow),
which no load moves.
With `--server-callgrind DIR` (PostgreSQL) it also counts the server's instructions per
request: the server at REDWOOD_TEST_POSTGRES_URL must run under valgrind on this machine,
each process writing its counts to DIR as it exits, e.g. as user postgres on a cluster of
its own:
    valgrind --tool=callgrind --trace-children=yes --vgdb=no \
        --callgrind-out-file=DIR/cg.%p postgres -D DATA -p 5499
The driver runs 100 and then 400 requests, each on a fresh temporary database, and reports
the difference of its backends' counts (summed from their files once the pool closes them)
over 300 requests, so that the connections' start and the sign-ups cancel out.
With `--anchor OTHER/src` the same runs on that code (e.g. a worktree of main) in the same
invocation. PostgreSQL needs REDWOOD_TEST_POSTGRES_URL (a temporary database is made and
dropped).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_web import PG_ENV, codes_of

DRIVER = r'''
import asyncio, datetime as dt, json, os, sys, tempfile, time
import httpx

n, call, url, callgrind = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "1"
cleanup = None
if url.startswith("postgresql"):
    from redwood.store.admin import temporary_database
    cleanup = temporary_database(url, prefix="redwood_bench_cost")
    url = cleanup.__enter__()
from redwood.web.app import create_app
app = create_app(url, argon2_time_cost=1, argon2_memory_cost=8)
SET = {"sets": [{"exercise_id": "back-squat", "weight_kg": 100, "reps": 5, "rpe": 8}]}
BODY = json.dumps(SET).encode()

async def sign_up():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t/api/v1") as c:
        out = []
        for i in range(20):
            account = {"username": f"lifter{i}", "password": "bench-press-1"}
            (await c.post("/auth/signup", json=account)).raise_for_status()
            token = (await c.post("/auth/token", json=account)).json()["access_token"]
            h = {"Authorization": f"Bearer {token}"}
            today = str(dt.date.today())
            (await c.post("/plans/generate", headers=h, json={
                "days": 3, "weeks": 8, "save": True, "start": today})).raise_for_status()
            r = await c.post("/workouts", headers=h, json={"date": today, **SET})
            r.raise_for_status()
            out.append((token, r.json()["id"]))
        return out

lifters = asyncio.run(sign_up())
turn = [0]

async def one():
    turn[0] += 1
    token, workout = lifters[turn[0] % len(lifters)]
    auth = (b"authorization", f"Bearer {token}".encode())
    if call == "log":
        path, method, body = f"/api/v1/workouts/{workout}/sets", "POST", BODY
        headers = [(b"host", b"t"), auth, (b"content-type", b"application/json"),
                   (b"content-length", str(len(body)).encode())]
    else:
        path, method, body = "/api/v1/today", "GET", b""
        headers = [(b"host", b"t"), auth, (b"accept-encoding", b"gzip")]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    sent = []

    async def receive():
        if not sent:
            sent.append(1)
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)

    status = []

    async def send(message):
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(scope, receive, send)
    if status[0] not in (200, 201):
        raise SystemExit(f"{method} {path}: {status[0]}")

def backends_cpu():
    """CPU seconds so far of this database's PostgreSQL server processes, by pid (their
    work for these requests: on a shared machine it is CPU the app's requests take too)."""
    if cleanup is None:
        return {}
    from sqlalchemy import text
    with app.state.store.engine.connect() as conn:
        pids = conn.execute(text("SELECT pid FROM pg_stat_activity "
                                 "WHERE datname = current_database()")).scalars().all()
    out = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rpartition(")")[2].split()
        except OSError:  # not on this machine
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out

async def main():
    for _ in range(200):
        await one()
    if callgrind:
        os.system(f"callgrind_control -i on {os.getpid()} > /dev/null")
    pg = backends_cpu()
    cpu = time.process_time()
    for _ in range(n):
        await one()
    cpu = time.process_time() - cpu
    if callgrind:
        os.system(f"callgrind_control -i off {os.getpid()} > /dev/null")
    pg = sum(s - pg.get(pid, 0.0) for pid, s in backends_cpu().items())
    print(f"cpu_ms {cpu / n * 1000:.4f} pg_cpu_ms {pg / n * 1000:.4f}")
    print("backends", *backends_cpu())

asyncio.run(main())
app.state.store.close()
if cleanup is not None:
    cleanup.__exit__(None, None, None)
'''


def server_instructions(src: str | None, call: str, url: str, folder: Path) -> float:
    """The PostgreSQL server's instructions per request (its backends' callgrind counts,
    written to `folder` as each exits): runs of 100 and 400 requests, the difference."""
    totals = []
    for n in (100, 400):
        backends = run(src, call, url, n, False, backends=True)
        total = 0
        for pid in backends:
            out = folder / f"cg.{pid}"
            for _ in range(600):  # a process under valgrind takes a while to exit
                if out.exists() and re.search(r"^totals: ", out.read_text(), re.M):
                    break
                time.sleep(0.1)
            else:
                raise SystemExit(f"--server-callgrind: no counts of backend {pid} in {out}")
            found = re.search(r"^totals: (\d+)", out.read_text(), re.M)
            total += int(found[1]) if found else 0
        totals.append(total)
    return (totals[1] - totals[0]) / 300


def run(src: str | None, call: str, url: str, n: int, callgrind: bool,
        backends: bool = False) -> Any:
    """CPU ms per request of the app and of its PostgreSQL server processes (0 on SQLite),
    or with callgrind instructions per request (and 0)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    command = [sys.executable, "-c", DRIVER, str(n), call, url, "1" if callgrind else "0"]
    if callgrind:
        out_file = tempfile.mktemp(prefix="redwood-callgrind-")
        command = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                   f"--callgrind-out-file={out_file}", *command]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the driver failed: {done.stderr[-2000:]}")
    if callgrind:
        Path(out_file).unlink(missing_ok=True)
        found = re.search(r"Collected : (\d+)", done.stderr)
        if found is None:
            raise SystemExit("valgrind counted nothing")
        return int(found[1]) / n, 0.0
    if backends:
        return [int(pid) for pid in done.stdout.split("backends")[1].split()]
    m = re.search(r"cpu_ms ([\d.]+) pg_cpu_ms ([\d.]+)", done.stdout)
    return float(m[1]), float(m[2])  # type: ignore[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--call", choices=("log", "today"), default="log")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--callgrind", action="store_true")
    parser.add_argument("--anchor", default=None, metavar="OTHER/src")
    parser.add_argument("--server-callgrind", default=None, metavar="DIR", type=Path,
                        help="PostgreSQL under valgrind writing its counts to DIR: count them")
    args = parser.parse_args()
    if args.callgrind and shutil.which("valgrind") is None:
        sys.exit("--callgrind needs valgrind: apt-get install valgrind")
    codes = codes_of(args.anchor)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    print(f"| backend | code | call | CPU ms/request (median of {args.runs}) | PostgreSQL "
          "server CPU ms/request |" + (" instructions/request |" if args.callgrind else "")
          + (" server instructions/request |" if args.server_callgrind else ""))
    print("|---|---|---|---|---|" + ("---|" if args.callgrind else "")
          + ("---|" if args.server_callgrind else ""))
    for backend in backends:
        if backend == "postgresql" and not os.environ.get(PG_ENV):
            print(f"postgresql: skipped ({PG_ENV} is not set)")
            continue
        for code, src in codes:
            with tempfile.TemporaryDirectory(prefix="redwood-bench-cost-") as folder:
                # A new database for each run (PostgreSQL: the driver makes one).
                urls = (f"sqlite:///{folder}/redwood-{i}.db" if backend == "sqlite"
                        else os.environ[PG_ENV] for i in range(args.runs + 1))
                runs = [run(src, args.call, next(urls), args.requests, False)
                        for _ in range(args.runs)]
                cpu = statistics.median(r[0] for r in runs)
                pg = (f"{statistics.median(r[1] for r in runs):.3f}"
                      if backend == "postgresql" else "")
                line = f"| {backend} | {code} | {args.call} | {cpu:.3f} | {pg} |"
                if args.callgrind:
                    line += f" {run(src, args.call, next(urls), 300, True)[0] / 1e6:.2f} M |"
                if args.server_callgrind and backend == "postgresql":
                    server = server_instructions(src, args.call, os.environ[PG_ENV],
                                                 args.server_callgrind)
                    line += f" {server / 1e6:.2f} M |"
            print(line, flush=True)
    print(f"\nload average {' / '.join(f'{x:.1f}' for x in os.getloadavg())} on "
          f"{os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
