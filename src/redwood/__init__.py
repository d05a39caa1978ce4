"""Redwood: plans, logs and coaches back-and-leg strength training."""

# Ctrl-C while the `redwood` program loads: "aborted" and exit 130, never a traceback of
# whichever module was being imported (or compiled: a fresh install has no bytecode yet).
# Set here, in the first of Redwood's code the program runs, so the window before it is
# Python's own start; redwood.cli gives Ctrl-C back to KeyboardInterrupt once it has loaded.
# _signal and sys: built in and loaded already (`signal` would cost some 5 M instructions).
import _signal  # type: ignore[import-not-found]
import sys as _sys


def _aborted(signum: int, frame: object) -> None:
    """The SIGINT handler while the program loads."""
    import os

    os.write(2, b"\naborted\n")
    os._exit(130)


def _is_the_program() -> bool:
    """Whether this process is the `redwood` program (its launcher or `python -m redwood`),
    not a caller importing the package (a test, a server), whose Ctrl-C is its own."""
    argv0 = _sys.argv[0].replace("\\", "/") if _sys.argv else ""
    return argv0.rsplit("/", 1)[-1] in ("redwood", "redwood.exe") or argv0.endswith(
        "redwood/__main__.py")


if _is_the_program() and _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    _signal.signal(_signal.SIGINT, _aborted)

__version__ = "0.1.0"
