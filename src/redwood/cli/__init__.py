"""The `redwood` command line: thin commands that parse options, call a service and render.

`group.py` holds the click group and its lazy command table, `common.py` what every command
shares, and one module per command family the commands themselves. `main` (the `redwood`
program) first gives `fastplan.py` the plain `redwood plan` lines, which it runs without
loading click at all; every other line goes to the group.
"""

from __future__ import annotations

# _signal: built in and loaded already; `signal` would make enums of every signal and
# handler (some 5 M instructions, 2% of a `redwood --help`) for the three names used here.
import _signal as signal  # type: ignore[import-not-found]
import gc
import sys
from types import ModuleType

# The package set Ctrl-C's handler as its first code ran; `python -m redwood` imports the
# package before it names the program, so it is set here for that.
from redwood import _aborted, _is_the_program

if _is_the_program() and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, _aborted)

from redwood.cli.collector import no_cyclic_gc

with no_cyclic_gc():
    from redwood._cache import cache_dataclass_code, defer_import, ready_cleandoc

    # The dataclasses module imports both, and needs inspect only to word a class without a
    # docstring (those a plan defines all have one) and copy only for asdict's and astuple's
    # copies: a command that needs neither never runs them.
    defer_import("inspect")
    defer_import("copy")
    # click cleans every option's help with inspect.cleandoc as the command table is built:
    # that ran inspect (with ast, dis, tokenize and linecache: some 25 M instructions, a
    # sixth of a `redwood today` on an empty log) for one-line texts it leaves as they are.
    ready_cleandoc()
    # Before any of Redwood's dataclasses is defined: defining them is much of a command's
    # start.
    cache_dataclass_code()

    # What start-up made lives as long as the process: set aside, so that later collections
    # do not walk it (here too, or the first one after this block walks the dataclasses
    # module and everything it loaded).
    gc.freeze()


def _group() -> ModuleType:
    """The click group's module (loaded on first use)."""
    if "redwood.cli.group" not in sys.modules:
        with no_cyclic_gc():
            from redwood.cli import group

            gc.freeze()  # as above: the group, click and the commands
        return group
    return sys.modules["redwood.cli.group"]


def main(argv: list[str] | None = None) -> None:
    """Entry point: `argv` (default: the command line) run as `redwood` runs it. Usage errors
    become one line on stderr and exit 2 (redwood.cli.group.main)."""
    try:
        _main(argv)
    except KeyboardInterrupt:
        _abort()
    except RuntimeError as exc:
        # Ctrl-C while a class is being made at import (Python 3.11 wraps what a field's
        # __set_name__ raises: "Error calling __set_name__ on 'Field' instance"): still Ctrl-C.
        if isinstance(exc.__cause__, KeyboardInterrupt):
            _abort()
        raise


def _abort() -> None:
    # As the group says it (redwood.cli.group.main): a new line, "aborted", exit 130.
    sys.stderr.write("\naborted\n")
    sys.exit(130)


def _main(argv: list[str] | None) -> None:
    if signal.getsignal(signal.SIGINT) is _aborted:
        # Loaded: from here Ctrl-C is a KeyboardInterrupt, which the commands handle (a save
        # begun is finished first: redwood.cli.training), and `main` words.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    args = sys.argv[1:] if argv is None else list(argv)
    # A plan is tens of thousands of short-lived drafts, prescriptions and strings that
    # reference counting frees: the collector only walked them (as for the group's `plan`).
    done = False
    plan_args = _width_then(args)
    fast: ModuleType | None = None
    if plan_args[:1] == ["plan"]:
        from redwood.cli import fastplan as fast

        args = plan_args
    elif args[:1] in (["today"], ["review"]):
        # Between sets: the log's answer without click (cli/fastread.py), likewise.
        from redwood.cli import fastread as fast
    if fast is not None:
        with no_cyclic_gc():
            done = fast.run(args)
    if not done:
        _group().main(argv)
    elif argv is None:
        _exit_now()


def _width_then(args: list[str]) -> list[str]:
    """`args` after a leading `--width N` (or `--width=N`), that width set, when N is a plain
    number of columns the group takes (`redwood --width 80 plan ...`, the plan as a terminal of
    80 columns shows it, without click); else `args` as they are, for the group to read."""
    if args[:1] == ["--width"] and len(args) > 1:
        value, rest = args[1], args[2:]
    elif args[:1] and args[0].startswith("--width="):
        value, rest = args[0][len("--width="):], args[1:]
    else:
        return args
    if rest[:1] != ["plan"] or not (value.isascii() and value.isdigit()):
        return args
    from redwood.render.terminal import WidthError, set_width

    try:
        set_width(value)
    except WidthError:  # the group says so, in its words
        return args
    return rest


def _exit_now() -> None:
    """End the `redwood` program once its plan is written: exit handlers run and the output is
    flushed, but the interpreter's teardown, which frees every object one by one (some 3% of
    a `redwood plan`, by callgrind), is left to the operating system. Only when nothing is
    left to do: never in a caller's process (`main(argv)`)."""
    import atexit
    import os

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's
    if run_exit_handlers is None:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # a closed pipe: the interpreter's own exit reports it
        return
    run_exit_handlers()
    os._exit(0)


def __getattr__(name: str) -> object:
    if name == "app":
        return _group().app
    raise AttributeError(f"module 'redwood.cli' has no attribute {name!r}")


__all__ = ["app", "main", "no_cyclic_gc"]
