"""Benchmark: is the app still responsive while strangers flood sign-up and log-in? (issue 16)

    .venv/bin/python bench/bench_auth_flood.py [--backend sqlite|postgresql|both]
        [--anchor OTHER/src] [--flood 100] [--rate 20] [--quiet 8] [--runs 1] [--trace]

For each backend (PostgreSQL when REDWOOD_TEST_POSTGRES_URL is set; a temporary database is
made and dropped) and each tree (this checkout, and with --anchor another checkout's src/,
e.g. a worktree of main, run in turn in the same run), a fresh database gets a real
`redwood serve --workers 2` on 127.0.0.1 and one signed-in lifter with a plan. That lifter
polls GET /api/v1/today at --rate requests per second, open loop (each request is sent at
its scheduled time in its own thread, and its latency counts from then: a slow answer does
not hide the ones queued behind it), through three phases:

- no flood: --quiet seconds of polling alone (the anchor for the two floods);
- sign-up flood: --flood parallel sign-ups of distinct users, each from its own address
  (X-Forwarded-For, which uvicorn believes from 127.0.0.1), so each reaches the hashing;
- log-in flood: --flood parallel log-ins (POST /auth/token) of those users.

The flood is sent from a process of its own, so its threads do not delay the poller's.

Beside today, a probe polls an unknown API path at the same rate: its 404 is answered on a
worker's event loop alone (no thread, no database), so its latency is the event loop's lag
(plus the HTTP round trip), whatever today's own work costs.

For each phase it prints p50 / p99 / max of today's latency and p50 / p99 of the probe's
(the requests sent from the flood's first request until its last answer), the flood's
answers by status, how long the flood took, the server's CPU time (main process and
workers, from /proc; PostgreSQL's own processes not included: a second of it without a
flood, and what each flood request added to that rate), and the peak resident memory of
the server above what it held idle. The issue's
goal: today's p99 under 500 ms and under 400 MB above idle during either flood. --trace also
prints today's worst latency in each quarter second of each flood. Timings are never asserted
in tests: run this by hand, and say the load average (printed) beside any figure.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

from bench_heavy_user import cpu_s, rss_mb  # noqa: E402
from bench_web import database  # noqa: E402
from served import running_server  # noqa: E402

PG_ENV = "REDWOOD_TEST_POSTGRES_URL"
API = "/api/v1"
PASSWORD = "flood-the-gates-17"
GOAL_P99_MS = 500
GOAL_EXTRA_MB = 400
TODAY_TIMEOUT = 60.0
TRACE = False
PROBE = "/no-such-path"
"""Answered 404 on the event loop alone: the probe of the loop's lag."""
@contextlib.contextmanager
def server(url: str, src: Path, workers: int, folder: Path) -> Iterator[tuple[str, int]]:
    """(base URL, pid) of `redwood serve --workers N` running the code of the tree at `src`
    (first on PYTHONPATH, so the workers import it)."""
    with running_server(url, folder, workers=workers, env={"PYTHONPATH": str(src)}) as (
            base, _, pid):
        time.sleep(1.5)  # let every worker finish starting
        yield base, pid


def lifter(base: str) -> dict[str, str]:
    """The signed-in lifter's headers: an account with a plan that starts today."""
    account = {"username": "steady", "password": PASSWORD}
    with httpx.Client(base_url=f"{base}{API}", timeout=60) as c:
        c.post("/auth/signup", json=account).raise_for_status()
        token = c.post("/auth/token", json=account).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        c.post("/plans/generate", headers=headers, json={
            "days": 3, "weeks": 8, "save": True, "start": str(dt.date.today())}
        ).raise_for_status()
        for _ in range(20):  # warm both workers
            assert c.get("/today", headers=headers).status_code == 200
    return headers


@dataclass
class Poller:
    """GET `path` at `rate` per second, open loop, until stopped: (sent at, latency, status)."""

    base: str
    headers: dict[str, str]
    rate: float
    path: str = "/today"
    expected: int = 200
    samples: list[tuple[float, float, int]] = field(default_factory=list)
    sent: list[float] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> Poller:
        self._thread = threading.Thread(target=self._run)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join()

    def _one(self, http: httpx.Client, due: float) -> None:
        try:
            status = http.get(self.path, headers=self.headers).status_code
        except httpx.HTTPError:
            status = 0
        self.samples.append((due, time.monotonic() - due, status))

    def _run(self) -> None:
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
        with httpx.Client(base_url=f"{self.base}{API}", timeout=TODAY_TIMEOUT,
                          limits=limits) as http, \
                ThreadPoolExecutor(max_workers=200) as pool:
            start = time.monotonic()
            i = 0
            while not self._stop.is_set():
                due = start + i / self.rate
                wait = due - time.monotonic()
                if wait > 0:
                    self._stop.wait(wait)
                    if self._stop.is_set():
                        break
                self.sent.append(due)
                pool.submit(self._one, http, due)
                i += 1

    def pending(self, start: float, end: float) -> bool:
        """Whether some request sent between those times has not come back yet."""
        sent = sum(1 for due in self.sent if start <= due <= end)
        return sent > sum(1 for due, _, _ in self.samples if start <= due <= end)

    def between(self, start: float, end: float) -> list[tuple[float, int]]:
        return [(latency, status) for due, latency, status in self.samples
                if start <= due <= end]

    def latencies_ms(self, start: float, end: float) -> tuple[list[float], int]:
        """The latencies of the expected answers between those times, and how many others."""
        seen = self.between(start, end)
        return ([latency * 1000 for latency, status in seen if status == self.expected],
                sum(1 for _, status in seen if status != self.expected))


@dataclass
class Phase:
    name: str
    latencies_ms: list[float]
    """Of the 200 answers, in the order they were sent."""
    today_failed: int
    answers: collections.Counter[int]
    seconds: float
    extra_mb: float
    loop_ms: list[float]
    """The probe's latencies: the event loop's lag."""
    cpu_s: float
    """The server's CPU time meanwhile."""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _flood(base: str, path: str, count: int, go: Any, ready: Any, out: Any) -> None:
    """In a process of its own (so its hundred threads do not slow the poller's): `count`
    parallel POSTs to `path` of distinct users from distinct addresses once `go` is set;
    puts their statuses (0: no answer) in `out`."""
    gate = threading.Barrier(count + 1)
    with httpx.Client(base_url=f"{base}{API}", timeout=120,
                      limits=httpx.Limits(max_connections=count + 10)) as http:

        def one(i: int) -> int:
            gate.wait()
            try:
                return http.post(path, json={"username": f"flood{i}", "password": PASSWORD},
                                 headers={"X-Forwarded-For": f"10.{i // 250}.{i % 250}.1"}
                                 ).status_code
            except httpx.HTTPError:
                return 0

        with ThreadPoolExecutor(max_workers=count) as pool:
            answers = [pool.submit(one, i) for i in range(count)]
            ready.set()
            go.wait()
            gate.wait()
            out.put([a.result() for a in answers])


def measure(name: str, base: str, pid: int, poller: Poller, probe: Poller, idle_mb: float,
            path: str | None, count: int, quiet: float) -> Phase:
    """Today's latency meanwhile, and the peak memory, of `quiet` seconds of polling alone
    (path None) or of a flood of `count` POSTs to `path`."""
    peak = rss_mb(pid)
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss_mb(pid))
            done.wait(0.05)

    answers: collections.Counter[int] = collections.Counter()
    if path is not None:
        context = multiprocessing.get_context("spawn")
        go, ready, out = context.Event(), context.Event(), context.Queue()
        flooder = context.Process(target=_flood, args=(base, path, count, go, ready, out))
        flooder.start()
        ready.wait()
    watcher = threading.Thread(target=watch)
    watcher.start()
    cpu = cpu_s(pid)
    start = time.monotonic()
    try:
        if path is None:
            time.sleep(quiet)
        else:
            go.set()
            answers.update(out.get())
    finally:
        end = time.monotonic()
        cpu = cpu_s(pid) - cpu
        done.set()
        watcher.join()
        if path is not None:
            flooder.join()
    # The requests sent during the flood come back (or time out) before they are counted.
    deadline = time.monotonic() + TODAY_TIMEOUT + 5
    while ((poller.pending(start, end) or probe.pending(start, end))
           and time.monotonic() < deadline):
        time.sleep(0.1)
    if TRACE and path is not None:
        # Today's worst latency in each quarter second of the flood: where it is slow.
        worst: dict[int, float] = {}
        for due, latency, _ in poller.samples:
            if start <= due <= end:
                slot = int((due - start) * 4)
                worst[slot] = max(worst.get(slot, 0.0), latency * 1000)
        print(f"    {name}: worst today per 250 ms: "
              + " ".join(f"{worst[k]:.0f}" for k in sorted(worst)), flush=True)
    today, failed = poller.latencies_ms(start, end)
    return Phase(name, today, failed, answers, end - start, peak - idle_mb,
                 probe.latencies_ms(start, end)[0], cpu)


def run_tree(src: Path, backend: str, workers: int, count: int, rate: float,
             quiet: float) -> list[Phase]:
    with database(backend) as url, tempfile.TemporaryDirectory() as folder, \
            server(url, src, workers, Path(folder)) as (base, pid):
        headers = lifter(base)
        time.sleep(1.0)
        idle = rss_mb(pid)
        with Poller(base, headers, rate) as poller, \
                Poller(base, {}, rate, PROBE, 404) as probe:
            time.sleep(1.0)
            phases = [measure("no flood", base, pid, poller, probe, idle, None, count, quiet),
                      measure(f"{count} sign-ups", base, pid, poller, probe, idle,
                              "/auth/signup", count, quiet)]
            time.sleep(2.0)
            phases.append(measure(f"{count} log-ins", base, pid, poller, probe, idle,
                                  "/auth/token", count, quiet))
    return phases


def report(label: str, backend: str, runs: list[list[Phase]]) -> None:
    print(f"  {label}:")
    for k, first in enumerate(runs[0]):
        phases = [run[k] for run in runs]
        p50 = statistics.median(_percentile(p.latencies_ms, 0.5) for p in phases)
        p99 = statistics.median(_percentile(p.latencies_ms, 0.99) for p in phases)
        worst = statistics.median(max(p.latencies_ms, default=float("nan")) for p in phases)
        n = sum(len(p.latencies_ms) for p in phases)
        failed = sum(p.today_failed for p in phases)
        extra = statistics.median(p.extra_mb for p in phases)
        seconds = statistics.median(p.seconds for p in phases)
        loop50 = statistics.median(_percentile(p.loop_ms, 0.5) for p in phases)
        loop99 = statistics.median(_percentile(p.loop_ms, 0.99) for p in phases)
        # The server's CPU a second without a flood, and what a flood request added to it.
        rate = statistics.median(run[0].cpu_s / run[0].seconds for run in runs)
        flood = sum(first.answers.values())
        added = statistics.median((run[k].cpu_s - run[0].cpu_s / run[0].seconds
                                   * run[k].seconds) / max(1, flood) for run in runs)
        answers: collections.Counter[int] = collections.Counter()
        for p in phases:
            answers.update(p.answers)
        shown = " ".join(f"{status or 'error'}:{n}" for status, n in sorted(answers.items()))
        cpu = (f"CPU +{added * 1000:4.1f} ms a request" if flood
               else f"CPU {rate:4.2f} s a second   ")
        print(f"    {first.name:14} today p50 {p50:7.0f} ms  p99 {p99:7.0f} ms  "
              f"max {worst:7.0f} ms  ({n} ok, {failed} not 200)  loop p50 {loop50:5.0f} ms "
              f"p99 {loop99:5.0f} ms  {seconds:5.1f} s  {cpu}  "
              f"+{extra:4.0f} MB" + (f"  answers {shown}" if answers else ""), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--anchor", type=Path, default=None,
                        help="the src/ folder of another checkout, measured in turn")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--flood", type=int, default=100, help="parallel sign-ups, log-ins")
    parser.add_argument("--rate", type=float, default=20.0, help="GET /today per second")
    parser.add_argument("--quiet", type=float, default=8.0, help="seconds without a flood")
    parser.add_argument("--runs", type=int, default=1, help="fresh servers per tree (median)")
    parser.add_argument("--trace", action="store_true",
                        help="print today's worst latency per 250 ms of each flood")
    args = parser.parse_args()
    global TRACE
    TRACE = args.trace
    trees = [("this tree", ROOT / "src")]
    if args.anchor is not None:
        trees.insert(0, ("anchor", args.anchor.resolve()))
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        if backend == "postgresql" and not os.environ.get(PG_ENV):
            print(f"postgresql: skipped ({PG_ENV} is not set)")
            continue
        results: dict[str, list[list[Phase]]] = {label: [] for label, _ in trees}
        loads = []
        for _ in range(args.runs):
            for label, src in trees:  # in turn, so both see the same machine
                loads.append(os.getloadavg()[0])
                results[label].append(run_tree(src, backend, args.workers, args.flood,
                                               args.rate, args.quiet))
        print(f"{backend}, {args.workers} workers, {args.flood} parallel, today at "
              f"{args.rate:g}/s, {args.runs} run(s); load average {min(loads):.1f}-"
              f"{max(loads):.1f} on {os.cpu_count()} CPUs; goal p99 < {GOAL_P99_MS} ms, "
              f"< {GOAL_EXTRA_MB} MB above idle")
        for label, _ in trees:
            report(label, backend, results[label])


if __name__ == "__main__":
    main()
