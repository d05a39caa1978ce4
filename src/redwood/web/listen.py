"""A listening socket of its own for each worker of `redwood serve --workers N` (Linux).

uvicorn's supervisor binds one socket and every worker accepts from it. When many clients
connect at once (a gym's phones after a power cut, a load generator), the worker that wakes
first takes all it finds waiting, and a connection stays with the worker that accepted it:
one worker may serve 48 clients and the other 2, its core saturated while the other idles
(bench/README.md, "50 clients, balanced workers").

With SO_REUSEPORT each worker listens on a socket of its own bound to the same address, and
the kernel hands each new connection to one of them by a hash of the client's address and
port: an even share on average, whoever is awake. The supervisor keeps a bound socket that
never listens (it holds the address, and is what uvicorn sends to each worker it starts or
restarts); a worker that receives it gets a new socket bound to the same address instead
(`ReusePortSocket.__reduce__`: uvicorn starts its workers with multiprocessing's spawn,
which pickles the sockets). Where SO_REUSEPORT does not balance (not Linux), or if a worker
were started some other way, the workers share the supervisor's socket as before.
"""

from __future__ import annotations

import socket
import sys
from typing import Any

BALANCES = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")
"""Whether the kernel spreads connections across sockets bound with SO_REUSEPORT (Linux
3.9 on; BSD and macOS accept the option but give every connection to one socket)."""


class ReusePortSocket(socket.socket):
    """A TCP socket bound with SO_REUSEPORT; a copy sent to another process (pickled) is a
    new socket bound to the same address, not the same socket."""

    def __reduce__(self) -> tuple[Any, ...]:
        return _bound, (self.family, self.getsockname())


def _bound(family: socket.AddressFamily, address: tuple[Any, ...]) -> ReusePortSocket:
    sock = ReusePortSocket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        # SO_REUSEADDR as uvicorn sets it: a restart need not wait for old connections'
        # TIME_WAIT to pass.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def claim(host: str, port: int) -> ReusePortSocket:
    """The supervisor's socket on (host, port). Raises OSError if anything else holds the
    address, another `redwood serve` too: the address is first bound without SO_REUSEPORT,
    which the kernel refuses while any socket is bound there (with SO_REUSEPORT alone, a
    second server of the same user would silently share the port and half the clients)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
    return _bound(family, (host, port))
