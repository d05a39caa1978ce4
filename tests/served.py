"""A real `redwood serve` for tests: a server process on a free port, on 127.0.0.1 only."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from clirun import REDWOOD


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(url: str, folder: Path, *, workers: int = 1, demo: bool = False,
                   env: dict[str, str] | None = None,
                   port: int | None = None) -> Iterator[tuple[str, Path, int]]:
    """(base URL, console log file, pid of the server's main process) of `redwood serve` on
    the database at `url` (on a free port unless told), stopped on exit."""
    port = port or free_port()
    log = folder / f"serve-{port}.log"
    environment = {**os.environ, "REDWOOD_HOME": str(folder / "home"), **(env or {})}
    environment.pop("REDWOOD_DATABASE_URL", None)
    command = [str(REDWOOD), "--database-url", url, "serve", "--port", str(port),
               "--workers", str(workers), *(["--demo"] if demo else [])]
    with log.open("w") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=environment)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"redwood serve did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield base, log, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
