"""The `redwood` command line: thin commands that parse options, call a service and render.

`main.py` holds the group and its lazy command table, `common.py` what every command shares,
one module per command family the commands themselves, and `fast.py` the one command line
run without click (`redwood plan` as JSON or Markdown to stdout). The click group is imported
on first use: `main()` tries the fast path first, and `app` is loaded when asked for.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

from redwood._cache import cache_dataclass_code

# Before any of Redwood's dataclasses is defined: defining them is much of a command's start.
cache_dataclass_code()


def _load_click() -> Any:
    """The click group's module, imported with the cyclic collector held off.

    Start-up makes hundreds of thousands of objects (click, the commands, their modules) and
    no garbage: the cyclic collector ran over them again and again for nothing (some 5% of a
    `redwood plan`). It is held off while they are made, and they are then set aside
    (gc.freeze) so later collections do not walk them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        import redwood.cli.main as module
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    # Importing the submodule `main` sets this package's attribute `main` to the module: the
    # entry point (`redwood.cli:main`) stays the function.
    globals()["main"] = main
    return module


def main(argv: list[str] | None = None) -> None:
    """Entry point: the fast path when it can run the command, click otherwise."""
    from redwood.cli.fast import run_plan

    args = sys.argv[1:] if argv is None else list(argv)
    # A one-shot plan makes little cyclic garbage: the collector stays off while it runs
    # (cycles it leaves are freed when the process ends; an in-process caller gets it back).
    collecting = gc.isenabled()
    gc.disable()
    try:
        done = run_plan(args)
    finally:
        if collecting:
            gc.enable()
    if not done:
        _load_click().main(argv)


def __getattr__(name: str) -> Any:
    if name == "app":
        return _load_click().app
    raise AttributeError(f"module 'redwood.cli' has no attribute {name!r}")


__all__ = ["app", "main"]
