"""SQLite writers take turns: in the process on a lock, across processes on a file lock beside
the database, so no writer sits in SQLite's busy handler (whose sleeps make the long tail)."""

from __future__ import annotations

import multiprocessing
import threading
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


def test_a_writer_that_gave_up_waiting_leaves_the_file_lock_to_the_next(tmp_path: Path) -> None:
    """The wait for another process happens in the kernel (a helper thread's blocking flock):
    when the writer has given up by the time the lock comes, the helper lets it go again."""
    path = str(tmp_path / "x.lock")
    holder, quitter, later = WriterTurn(path), WriterTurn(path), WriterTurn(path)
    assert holder.acquire(timeout=1)
    assert not quitter.acquire(timeout=0.05)
    holder.release()  # the quitter's helper gets the lock now, and must give it back
    assert later.acquire(timeout=10)
    later.release()
    assert quitter.acquire(timeout=10)  # and the quitter can come back for it
    quitter.release()


def test_the_writers_of_a_process_get_their_turns_in_the_order_they_asked(
        tmp_path: Path) -> None:
    turn = WriterTurn(str(tmp_path / "x.lock"))
    assert turn.acquire(timeout=1)
    order: list[int] = []

    def write(i: int) -> None:
        assert turn.acquire(timeout=30)
        order.append(i)
        turn.release()

    threads = []
    for i in range(6):
        t = threading.Thread(target=write, args=(i,))
        t.start()
        threads.append(t)
        deadline = time.monotonic() + 30
        while len(turn._queue) < i + 1 and time.monotonic() < deadline:  # queued, in order
            time.sleep(0.001)
    turn.release()
    for t in threads:
        t.join(30)
    assert order == list(range(6))


def test_a_unit_of_work_that_reads_first_lets_other_writers_pass_until_it_writes(
        tmp_path: Path) -> None:
    """reads_first: while it reads, another writer goes through (on SQLite its reads are not
    in the writers' queue); once it writes, it commits what it wrote."""
    from redwood.services.base import connect

    store = connect(f"sqlite:///{tmp_path / 'r.db'}")
    try:
        with store.unit_of_work(reads_first=True) as uow:
            assert uow.users.first() is not None
            done = threading.Event()

            def other() -> None:
                with store.unit_of_work() as w:
                    w.users.add("other")
                    w.commit()
                done.set()

            t = threading.Thread(target=other)
            t.start()
            assert done.wait(30)  # not held up by the reading unit of work
            t.join(30)
            uow.write()
            uow.users.add("mine")
            uow.commit()
        with store.reader() as r:
            names = {u.name for u in r.users.list()}
        assert {"other", "mine"} <= names
    finally:
        store.close()
