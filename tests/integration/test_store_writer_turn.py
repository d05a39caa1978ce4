"""SQLite writers take turns: in the process on a lock, across processes on a file lock beside
the database, so no writer sits in SQLite's busy handler (whose sleeps make the long tail)."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from redwood.store.uow import WriterTurn


def _hold(path: str, seconds: float, ready: multiprocessing.synchronize.Event) -> None:
    turn = WriterTurn(path)
    assert turn.acquire(timeout=5)
    ready.set()
    time.sleep(seconds)
    turn.release()


def test_another_process_waits_for_the_turn_and_gets_it_when_released(tmp_path: Path) -> None:
    path = str(tmp_path / "redwood.db-writer.lock")
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    holder = ctx.Process(target=_hold, args=(path, 1.0, ready))
    holder.start()
    try:
        assert ready.wait(30)
        turn = WriterTurn(path)
        assert not turn.acquire(timeout=0.1)  # held elsewhere: refused after the timeout
        started = time.monotonic()
        assert turn.acquire(timeout=10)  # handed over once the holder lets go
        waited = time.monotonic() - started
        assert waited < 5
        turn.release()
    finally:
        holder.join(30)
    assert holder.exitcode == 0


def test_nested_turns_in_one_thread_keep_the_file_lock_until_the_outer_one_ends(
        tmp_path: Path) -> None:
    path = str(tmp_path / "x.lock")
    mine, other = WriterTurn(path), WriterTurn(path)
    assert mine.acquire(timeout=1)
    assert mine.acquire(timeout=1)
    mine.release()
    # flock locks belong to the open file: another open of it in this process is refused.
    assert not other.acquire(timeout=0.05)
    mine.release()
    assert other.acquire(timeout=1)
    other.release()


def test_a_database_in_memory_has_no_lock_file(tmp_path: Path) -> None:
    turn = WriterTurn(None)
    assert turn.acquire(timeout=1)
    turn.release()
    assert not list(tmp_path.iterdir())
