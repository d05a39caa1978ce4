"""The `redwood` command line: thin commands that parse options, call a service and render.

`main.py` holds the group and its lazy command table, `common.py` what every command shares,
and one module per command family the commands themselves.
"""

import gc

from redwood._cache import cache_dataclass_code

# Start-up makes hundreds of thousands of objects (click, the commands, their modules) and no
# garbage: the cyclic collector ran over them again and again for nothing (some 5% of a
# `redwood plan`). It is held off while they are made, and they are then set aside
# (gc.freeze) so later collections do not walk them.
_collecting = gc.isenabled()
gc.disable()

# Before any of Redwood's dataclasses is defined: defining them is much of a command's start.
cache_dataclass_code()

from redwood.cli.main import app, main  # noqa: E402

gc.freeze()
if _collecting:
    gc.enable()

__all__ = ["app", "main"]
