"""`redwood today` and `redwood review -f json` without click, for the plain command lines.

Between sets a lifter runs `redwood today`; importing click and building its command table
were some 90 M instructions of it (a quarter of a whole `today` on an empty log, by
callgrind), as for `redwood plan` (cli/fastplan.py). `run` takes a command line only when every
word is one it reads exactly as click would (`today [--date D] [-f text|json]`, `review -f json
[--end D] [--weeks N]`, as `--name value` or `--name=value`, each value a plain word, the group's
own options only from the environment), answers it and returns True; anything else (help, a
global option, `-o`, another format, a value that starts with '-', a date or number click would
refuse, any error the services raise: no plan, no such user, a database newer than this
Redwood) returns False before anything is written to stdout, and the click command does it all,
so every message and exit code stays click's. tests/unit/test_cli_fastread.py holds these lines
to the click commands' output, byte for byte.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Any

COMMANDS = {
    "today": ({"date": "date", "format": "format"}, ("text", "json")),
    "review": ({"end": "date", "weeks": "number", "format": "format"}, ("json",)),
}
"""Each command's options read here (by their long names; `-f` is --format) and the formats
written here."""


def options(command: str, argv: list[str]) -> dict[str, str] | None:
    """The options given on `argv` (after the command) by name, the last one given counting as
    in click, with the format checked; None when the line is not one read here exactly as
    click reads it."""
    from redwood.cli.fastplan import pairs

    names, formats = COMMANDS[command]
    found = pairs(argv)
    if found is None:
        return None
    given: dict[str, str] = {}
    for name, value in found:
        if name not in names:
            return None
        if names[name] == "number" and not (value.isascii() and value.isdigit()):
            return None
        given[name] = value
    if given.get("format", "text") not in formats:
        return None
    return given


def run(argv: list[str]) -> bool:
    """Answer `argv` (`today` or `review` and its options) and return True, or return False
    having written nothing (click's command will then run it)."""
    if not argv or argv[0] not in COMMANDS:
        return False
    given = options(argv[0], argv[1:])
    if given is None:
        return False
    try:
        out = _today(given) if argv[0] == "today" else _review(given)
    except Exception:  # click's command says it, in its words and exit code
        return False
    try:
        out()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`redwood today | head -1`): exit 0 saying nothing more, as
        # every other command does (LazyGroup.invoke).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    return True


def _open() -> tuple[Any, Any]:
    """The store and the user as the group's Context opens them (fast), the group's options
    from the environment as click reads an envvar (an empty value is none)."""
    from redwood.services.base import connect
    from redwood.services.training import lifter

    store = connect(os.environ.get("REDWOOD_DATABASE_URL") or None, fast=True)
    user = lifter(store, os.environ.get("REDWOOD_USER") or None)
    if user is None:
        raise LookupError("no such user")  # click's command words it
    return store, user


def _day(value: str | None) -> Any:
    import datetime as dt

    return dt.date.today() if value is None else dt.date.fromisoformat(value)


def _today(given: dict[str, str]) -> Any:
    """What `redwood today` writes, ready to write (cli/training.py's `today`)."""
    from redwood.catalog import load_catalog
    from redwood.services.training import today_progress

    day = _day(given.get("date"))
    store, user = _open()
    found = today_progress(store, user, day, load_catalog())
    if given.get("format") == "json":
        import json

        text = json.dumps(found.to_dict(), indent=2) + "\n"
        return lambda: sys.stdout.write(text)
    from redwood.render.text import print_today

    return lambda: print_today(found.view, user.unit, found)


def _review(given: dict[str, str]) -> Any:
    """What `redwood review -f json` writes, ready to write (cli/review.py's `_review`)."""
    import json

    from redwood.catalog import load_catalog
    from redwood.services.reviewing import build, gather

    end = _day(given.get("end"))
    weeks = int(given["weeks"]) if "weeks" in given else None
    if weeks is not None:
        from redwood.rules.review import load_review_rules

        # click's --weeks refuses it before the log is opened (or made): so here.
        if not 1 <= weeks <= load_review_rules().period.max_weeks:
            raise ValueError(weeks)
    store, user = _open()
    catalog = load_catalog()
    inp = gather(store, user, end=end, weeks=weeks, whole_log=False, catalog=catalog)
    data = (json.dumps(build(inp, catalog).to_dict(), indent=2) + "\n").encode("utf-8")
    return lambda: sys.stdout.buffer.write(data)
