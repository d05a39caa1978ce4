"""The `redwood` command line: thin commands that parse options, call a service and render.

`main.py` holds the group and its lazy command table, `common.py` what every command shares,
and one module per command family the commands themselves.
"""

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
    of `review -f json` on five years, by callgrind). Not around every command: `serve` runs
    for days, and no other command was measured to gain from it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


with no_cyclic_gc():
    from redwood._cache import cache_dataclass_code

    # Before any of Redwood's dataclasses is defined: defining them is much of a command's
    # start.
    cache_dataclass_code()

    from redwood.cli.main import app, main

    # What start-up made lives as long as the process: set aside, so that later collections
    # do not walk it.
    gc.freeze()

__all__ = ["app", "main", "no_cyclic_gc"]
