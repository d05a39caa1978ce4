"""`redwood plan -f json|markdown` to stdout without click.

Importing click (and the typing, uuid, platform, gettext and threading modules it pulls in) and
building the command table cost more instructions than generating a 12-week plan: about a
tenth of the whole `redwood plan` call, which issue 17 wants at half of streprogen's. The
commonest scripted use, a plan written as JSON or Markdown to stdout, is parsed here with the
plain loop below and run through the same service; anything else (another command, --help,
-o, --save, a group option, a value click would have to convert or refuse, a plan the planner
refuses) returns False and click runs the command as it always did, so every message and exit
code stays click's. tests/e2e/test_cli_plan_fast.py checks that this table matches click's options
and that both paths write the same bytes.
"""

from __future__ import annotations

import sys

PLAN_OPTIONS: dict[str, tuple[str, str]] = {
    "--goal": ("goal", "str"), "--level": ("level", "str"), "--days": ("days", "int"),
    "--minutes": ("minutes", "int"), "--weeks": ("weeks", "int"), "--start": ("start", "str"),
    "--location": ("location", "str"), "--equipment": ("equipment", "multiple"),
    "--on": ("on", "multiple"), "--supersets": ("supersets", "on"),
    "--no-supersets": ("supersets", "off"), "--exclude": ("exclude", "multiple"),
    "--protect": ("protect", "multiple"), "--seed": ("seed", "int"),
    "--format": ("format_", "str"), "-f": ("format_", "str"),
}
"""`redwood plan`'s options this path reads: the flag, the parameter and how its value is
taken ('str', 'int', 'multiple' values kept in order, a switch 'on' or 'off')."""

FORMATS = ("json", "markdown")


def plan_options(args: list[str]) -> dict[str, object] | None:
    """The parameters click would give the `plan` command for `args` (what follows `plan`),
    or None when any of them needs click: an option not in the table, a missing value, a
    number int() refuses."""
    from redwood.services.planning import DEFAULT_PROFILE

    given: dict[str, object] = {
        "goal": DEFAULT_PROFILE["goal"], "level": DEFAULT_PROFILE["level"],
        "days": DEFAULT_PROFILE["days"], "minutes": DEFAULT_PROFILE["minutes"],
        "weeks": DEFAULT_PROFILE["weeks"], "start": None,
        "location": DEFAULT_PROFILE["location"], "equipment": (), "on": (),
        "supersets": True, "exclude": (), "protect": (), "seed": 0, "format_": "text"}
    i = 0
    while i < len(args):
        flag, eq, value = args[i].partition("=")
        known = PLAN_OPTIONS.get(flag)
        if known is None or (eq and not flag.startswith("--")):
            return None
        name, kind = known
        i += 1
        if kind in ("on", "off"):
            if eq:
                return None  # click refuses a value given to a switch
            given[name] = kind == "on"
            continue
        if not eq:
            if i == len(args):
                return None
            value = args[i]
            i += 1
        if kind == "int":
            try:
                given[name] = int(value)  # what click's INT type does
            except ValueError:
                return None
        elif kind == "multiple":
            given[name] = (*given[name], value)  # type: ignore[misc]
        else:
            given[name] = value  # given twice: the last one, as click keeps
    return given


def run_plan(argv: list[str]) -> bool:
    """Run `redwood plan ...` here and return True, or False (nothing written) for click to
    run the command."""
    if not argv or argv[0] != "plan":
        return False
    given = plan_options(argv[1:])
    if given is None or given["format_"] not in FORMATS:
        return False
    from redwood.services.planning import PlanningError, make_plan

    format_ = given.pop("format_")
    try:
        result = make_plan(given)
    except PlanningError:
        return False  # click's path words the refusal (and makes the same plan attempt)
    if format_ == "json":
        from redwood.planner.serialize import dumps

        text = dumps(result)
    else:
        from redwood.render.text import plan_markdown

        text = plan_markdown(result)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return True
