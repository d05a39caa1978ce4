"""The `redwood` command line: thin commands that parse options, call a service and render.

`main.py` holds the group and its lazy command table, `common.py` what every command shares,
and one module per command family the commands themselves.
"""

import gc

from redwood.cli.collector import no_cyclic_gc

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
