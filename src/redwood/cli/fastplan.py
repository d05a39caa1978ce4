"""`redwood plan` without click, for the command lines whose meaning is plain.

Importing click and building the command table cost more than a tenth of a whole `redwood plan`
(click, typing's users, uuid, platform, gettext, threading, locale; by callgrind), and the
common call needs none of it: `redwood plan --goal strength --days 4 --format json`. `run`
takes a command line only when every word is one it reads exactly as click would (the options
below, as `--name value` or `--name=value`, each value a plain word), plans, writes and
returns True; anything else (help, a global option, `-o`, `--save`, a calendar format, a value
that starts with '-', a number click would read otherwise, any error the plan raises) returns
False before anything is written, and the click command does it all, so every message and exit
code stays click's. tests/unit/test_cli_fastplan.py holds this table to the click command's
options.
"""

from __future__ import annotations

import os
import sys

TEXT = ("goal", "level", "start", "location")
"""`plan`'s options that take one word (the last one given counts, as in click)."""
NUMBERS = ("days", "minutes", "weeks", "seed")
"""`plan`'s options that take a whole number."""
SEVERAL = ("equipment", "on", "exclude", "protect")
"""`plan`'s options that may be given more than once, each adding one value."""
FORMATS = ("json", "markdown", "text")
"""The --format values written here: the calendar and printable ones check -o, --time and
--tz first, which click's command does."""
FLAGS = {"--supersets": True, "--no-supersets": False}


def pairs(argv: list[str], flags: tuple[str, ...] = ()) -> list[tuple[str, str]] | None:
    """`argv`'s options as (name, value), read as click reads `--name value`, `--name=value`
    and `-f value` (-f: --format), each value a plain word (not empty, not starting with
    '-'), and a flag of `flags` as (the flag, ""); None for any other word (cli/fastread.py's
    lines read them so too)."""
    out: list[tuple[str, str]] = []
    words = iter(argv)
    for word in words:
        if word in flags:
            out.append((word, ""))
            continue
        if word == "-f":
            name, value = "format", next(words, None)
        elif word.startswith("--"):
            name, eq, value = word[2:].partition("=")
            if not eq:
                value = next(words, None)
        else:
            return None
        if not value or value.startswith("-"):
            return None
        out.append((name, value))
    return out


def options(argv: list[str]) -> tuple[dict[str, object], str] | None:
    """The options given on `argv` (after `plan`) as click's `plan` gets them, and the format;
    None when the line is not one this module reads exactly as click does."""
    given: dict[str, object] = {}
    format_ = "text"
    found = pairs(argv, tuple(FLAGS))
    if found is None:
        return None
    for name, value in found:
        if name in FLAGS:
            given["supersets"] = FLAGS[name]
        elif name == "format":
            format_ = value
        elif name in TEXT:
            given[name] = value
        elif name in NUMBERS:
            # What int() reads and nothing else: no sign, no spaces, no '_', ASCII digits.
            if not (value.isascii() and value.isdigit()):
                return None
            given[name] = int(value)
        elif name in SEVERAL:
            given[name] = (*given.get(name, ()), value)  # type: ignore[misc]
        else:
            return None
    return (given, format_) if format_ in FORMATS else None


def run(argv: list[str]) -> bool:
    """Write the plan `argv` (`plan` and its options) asks for and return True, or return
    False having written nothing (click's command will then run it)."""
    if argv[:1] != ["plan"]:
        return False
    parsed = options(argv[1:])
    if parsed is None:
        return False
    given, format_ = parsed
    from redwood.services.planning import PLAN_FIELDS, plan_with_profile, saved_profile

    try:
        # The group's own options come only from the environment here, read as click reads
        # an envvar (an empty value is none).
        saved = saved_profile(os.environ.get("REDWOOD_DATABASE_URL") or None,
                              os.environ.get("REDWOOD_USER") or None)
        result = plan_with_profile(saved, given, {f: "--" + f for f in PLAN_FIELDS})
        if format_ == "json":
            from redwood.planner.serialize import dumps

            out = dumps(result)
        elif format_ == "markdown":
            from redwood.render.text import plan_markdown

            out = plan_markdown(result)
        else:
            from redwood.render.text import print_plan
    except Exception:  # click's command says it, in its words and exit code
        return False
    try:
        if format_ == "text":
            print_plan(result)
        else:
            sys.stdout.buffer.write(out.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`redwood plan | head`): it read what it wanted, so exit 0
        # saying nothing more, as every other command does (LazyGroup.invoke); stdout then
        # goes to /dev/null, so that exiting has nothing left to flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    return True
