"""Holding off Python's cyclic garbage collector where a command makes a burst of objects."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """The CLI's one switch for the cyclic collector: held off while a burst of objects none
    of which is garbage in a cycle is made (refcounting frees what goes), given back as it was
    found, even on an error (callers in one process: tests, scripts).

    Where: start-up, below, makes hundreds of thousands of objects (click, the commands, their
    modules), which the collector walked again and again for nothing (some 5% of a `redwood
    plan`); `review` reads a long log (tens of thousands of rows, sets and Decimals: some 5%
    of `review -f json` on five years, by callgrind); `plan` makes tens of thousands of
    drafts (some 1.5%). Not around every command: `serve` runs for days, and no other command
    was measured to gain from it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
