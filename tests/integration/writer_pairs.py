"""Helpers of test_writer_pairs: two of a lifter's writers made to overlap on PostgreSQL at
the moment that matters, and the count of what each of them did."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text

from redwood.store import Store
from redwood.store.errors import StoreError

WAIT_S = 10.0


def waiting_on_locks(store: Store) -> int:
    """How many connections to the test's database are waiting for a lock right now."""
    with store.engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'")).scalar_one())


def until_waiting(store: Store, n: int, threads: list[threading.Thread]) -> None:
    """Return once `n` connections wait for a lock (or a thread has already ended: the
    test's assertions then say what went wrong)."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if waiting_on_locks(store) >= n or not all(t.is_alive() for t in threads):
            return
        time.sleep(0.02)
    raise AssertionError(f"{n} writers never waited together for a lock")


@contextmanager
def bests_gate(store: Store, user_id: int, exercise_id: str) -> Iterator[Callable[[], None]]:
    """Hold the row of `exercise_id`'s stored bests (store.models.ExerciseBestRow) until the
    callable yielded is called. A set of that exercise written meanwhile marks the row stale
    (migration 0007's trigger, at the end of the INSERT of its sets): its writer stops there,
    holding what it locked before the INSERT (a tap, its workout's row) and not yet what it
    takes after (a tap, the key-share lock of its journal row on the user's row). So the
    second writer of a pair starts while the first is halfway, every run."""
    conn = store.engine.connect()
    trans = conn.begin()
    found = conn.execute(text(
        "SELECT 1 FROM exercise_bests WHERE user_id = :u AND exercise_id = :e FOR UPDATE"),
        {"u": user_id, "e": exercise_id}).first()
    assert found is not None, f"no stored bests of {exercise_id} to hold"
    released = False

    def release() -> None:
        nonlocal released
        if not released:
            released = True
            trans.commit()

    try:
        yield release
    finally:
        release()
        conn.close()


class Outcomes:
    """What each writer of a pair did: its result, or the store's error it met (a deadlock
    or a lock timeout is StoreBusy)."""

    def __init__(self) -> None:
        self.results: dict[str, Any] = {}
        self.errors: dict[str, BaseException] = {}

    def run(self, name: str, work: Callable[[], Any]) -> threading.Thread:
        def target() -> None:
            try:
                self.results[name] = work()
            except (StoreError, Exception) as exc:  # the test reports it
                self.errors[name] = exc

        thread = threading.Thread(target=target, name=name)
        thread.start()
        return thread

    def failed(self) -> str:
        return "; ".join(f"{k}: {type(v).__name__}: {v}" for k, v in self.errors.items())
