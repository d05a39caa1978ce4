"""The `redwood` command group: the lazy command table and the commands that need no log.

Heavy modules are imported inside the commands so `redwood --help` and friends start fast.
Every error the lifter can cause ends as one line on stderr and a non-zero exit (2 for bad
input), never a traceback.
"""

from __future__ import annotations

import sys
from typing import Any, ClassVar

import click

from redwood import __version__
from redwood.cli.collector import no_cyclic_gc
from redwood.cli.common import (
    DEFAULTS,
    VIOLATIONS,
    Context,
    Ranged,
    as_path,
    choice,
    context,
    fail,
    quiet_stdout,
    schedule_bounds,
    worded,
    write_output,
)


class LazyGroup(click.Group):
    """A group whose heavier commands live in other modules, imported only when used."""

    LAZY: ClassVar[dict[str, str]] = {
        **{name: "redwood.cli.training" for name in (
            "init", "profile", "today", "log", "finish", "history", "checkin", "undo",
            "plates", "prs", "equipment")},
        "import": "redwood.cli.imports",
        "imports": "redwood.cli.imports",
        "export": "redwood.cli.export",
        "restore": "redwood.cli.export",
        "review": "redwood.cli.review",
        "recovery": "redwood.cli.recovery",
        "chart": "redwood.cli.charts",
        "measure": "redwood.cli.charts",
        "serve": "redwood.cli.serve",
        "token": "redwood.cli.serve",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            import importlib

            try:
                module = importlib.import_module(self.LAZY[cmd_name])
            except ModuleNotFoundError as exc:
                if exc.name != self.LAZY[cmd_name]:
                    raise
                return None  # not built in this version
            # `import` is a Python keyword, so its function is `import_`.
            command: click.Command = getattr(module, cmd_name, None) or getattr(
                module, f"{cmd_name}_")
            return command
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader went away (`redwood today | head -1`): it read what it wanted, so the
            # command ends quietly with 0, as `redwood plan | head` does. Click's own handling
            # would exit 1. Stdout goes to /dev/null so that exiting has nothing to flush.
            quiet_stdout()
            raise click.exceptions.Exit(0) from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="redwood")
@click.option("--database-url", envvar="REDWOOD_DATABASE_URL", default=None,
              help="SQLAlchemy URL, e.g. postgresql+psycopg://... (default: SQLite in "
                   "REDWOOD_HOME or your data folder).")
@click.option("--user", "user_name", envvar="REDWOOD_USER", default=None,
              help="Whose log to use when several people share the database.")
@click.option("--width", default=None, metavar="COLUMNS",
              help="Width of text output, at least 40 (default: the terminal's; 100 when "
                   "piped).")
@click.pass_context
def app(ctx: click.Context, database_url: str | None, user_name: str | None,
        width: str | None) -> None:
    """Plans, logs and coaches back-and-leg strength training."""
    # The terminal module only when a width is given or it is loaded already (an earlier call in
    # this process may have set one): `redwood plan -f json` never needs it.
    if width is not None or "redwood.render.terminal" in sys.modules:
        from redwood.render.terminal import WidthError, set_width

        try:
            set_width(width)
        except WidthError as exc:
            fail(str(exc))
    ctx.obj = Context(database_url, user_name)


FORMATS = ("text", "json", "markdown", "ics", "html", "pdf")


@app.command()
@click.option("--goal", default=DEFAULTS["goal"], show_default=True,
              help="strength, hypertrophy or endurance")
@click.option("--level", default=DEFAULTS["level"], show_default=True,
              help="beginner, intermediate or advanced")
@click.option("--days", type=Ranged(schedule_bounds("days")), default=DEFAULTS["days"],
              show_default=True, help="Sessions a week.")
@click.option("--minutes", type=Ranged(schedule_bounds("minutes")), default=DEFAULTS["minutes"],
              show_default=True, help="Minutes a session.")
@click.option("--weeks", type=Ranged(schedule_bounds("weeks")), default=DEFAULTS["weeks"],
              show_default=True, help="Plan length in weeks.")
@click.option("--start", default=None, help="First day, YYYY-MM-DD (default: next Monday).")
@click.option("--location", default=DEFAULTS["location"], show_default=True,
              help="gym, home or outdoor")
@click.option("--equipment", multiple=True,
              help="Equipment you have, comma-separated (at the gym: only these).")
@click.option("--on", multiple=True, help="Weekdays you can train, e.g. mon,wed,fri.")
@click.option("--supersets/--no-supersets", default=True, show_default=True,
              help="Pair lower- and upper-body exercises.")
@click.option("--exclude", multiple=True,
              help="Exercise ids or patterns to leave out (the pattern only).")
@click.option("--protect", multiple=True,
              help="Areas to protect, comma-separated: lower-back, knees or shoulders (removes "
                   "what a coach would remove for a complaint there).")
@click.option("--seed", type=int, default=0, help="Varies the choice among equal exercises.")
@click.option("--format", "-f", "format_", default="text", show_default=True,
              help="text, json, markdown, ics (calendar), html or pdf (printable)")
@click.option("--output", "-o", "output_name", type=click.Path(dir_okay=False),
              help="Write to FILE.")
@click.option("--save", is_flag=True, help="Keep the plan and make it the one you follow.")
@click.option("--time", "time_", default="18:00", show_default=True,
              help="--format ics: start time of every session, HH:MM.")
@click.option("--tz", default=None,
              help="--format ics: time zone, e.g. Europe/Berlin (default: floating local time).")
# A plan is tens of thousands of short-lived drafts, prescriptions and strings that reference
# counting frees: the collector only walked them, and the modules loaded for them, again and
# again (some 1.5% of the command, by callgrind).
@no_cyclic_gc()
def plan(
    goal: str, level: str, days: int, minutes: int, weeks: int, start: str | None,
    location: str, equipment: tuple[str, ...], on: tuple[str, ...], supersets: bool,
    exclude: tuple[str, ...], protect: tuple[str, ...], seed: int, format_: str,
    output_name: str | None, save: bool, time_: str, tz: str | None,
) -> None:
    """Generate a multi-week back-and-leg program, with the reason for every choice.

    Options not given come from your saved profile (`redwood profile set`, `init` or the web's
    onboarding), field by field, then the defaults shown."""
    from click.core import ParameterSource

    from redwood.services.planning import PLAN_FIELDS, PlanningError, plan_with_profile

    output = as_path(output_name)
    choice(format_, FORMATS, "--format")
    if format_ in ("ics", "html", "pdf"):
        from redwood.cli.export import check_plan_export

        check_plan_export(format_, output, time_, tz)
    options = dict(
        goal=goal, level=level, days=days, minutes=minutes, weeks=weeks, start=start,
        location=location, equipment=equipment, on=on, supersets=supersets,
        exclude=exclude, seed=seed, protect=protect)
    # Only what the command line says overrides the profile: an option at its default does not.
    here = click.get_current_context()
    given = {name: value for name, value in options.items()
             if here.get_parameter_source(name) is not ParameterSource.DEFAULT}
    try:
        result = plan_with_profile(context().saved_profile(), given,
                                   {f: "--" + f for f in PLAN_FIELDS})
    except PlanningError as exc:
        fail(worded(exc))

    if save:
        from redwood.services.base import StoreError
        from redwood.services.planning import save_plan

        store, user = context().open()
        try:
            plan_id = save_plan(store, user, result)
        except StoreError as exc:
            fail(str(exc), 1)
        click.echo(f"saved as plan {plan_id}, now your active plan: see `redwood today`",
                   err=True)
    if format_ == "json":
        from redwood.planner.serialize import dumps

        write_output(dumps(result), output)
    elif format_ == "markdown":
        from redwood.render.text import plan_markdown

        write_output(plan_markdown(result), output)
    elif format_ in ("ics", "html", "pdf"):
        from redwood.cli.export import write_plan_export
        from redwood.planner.serialize import plan_json

        write_plan_export(plan_json(result), format_, output, time_, tz)
    else:
        from redwood.render.text import print_plan

        if output is None:
            print_plan(result)
        else:
            import io

            text = io.StringIO()
            print_plan(result, text)
            write_output(text.getvalue(), output)


@app.command()
@click.argument("plan_name", metavar="PLAN.json", type=click.Path())
@click.option("--format", "-f", "format_", default="text", show_default=True, help="text or json")
@click.option("--strict", is_flag=True,
              help="Also judge the rules outside the default set (default = false in rules.toml).")
def check(plan_name: str, format_: str, strict: bool) -> None:
    """Check a plan (generated or edited by hand) against Redwood's rules.

    Exit 0 when it is clean, 1 when it breaks rules, 2 when the file is not a plan.
    """
    from pathlib import Path

    from redwood.io.planfile import PlanFileError, load_plan_file
    from redwood.planner.check import check_plan

    plan_file = Path(plan_name)
    choice(format_, ("text", "json"), "--format")
    try:
        data = load_plan_file(plan_file)
    except PlanFileError as exc:
        fail(str(exc))
    violations = check_plan(data, strict=strict)
    if format_ == "json":
        import json

        rows = [
            {"rule": v.rule, "week": v.week, "date": v.date, "exercise_id": v.exercise_id,
             "message": v.message}
            for v in violations
        ]
        sys.stdout.write(json.dumps({"ok": not violations, "violations": rows}, indent=2) + "\n")
    else:
        for v in violations:
            click.echo(v.line())
        if violations:
            click.echo(f"{len(violations)} violation(s) in {plan_file}")
        else:
            click.echo(f"{plan_file}: no violations, the plan follows every rule")
    if violations:
        sys.exit(VIOLATIONS)


@app.command()
# Several words are one query: `redwood exercises romanian deadlift` as with quotes.
@click.argument("words", nargs=-1)
@click.option("--muscle", help="e.g. quadriceps, lats, 'lower back'")
@click.option("--equipment", help="e.g. barbell, resistance-band")
@click.option("--pattern", help="e.g. squat, hinge, horizontal-pull")
@click.option("--region", help="legs, back, core or full-body")
@click.option("--all", "all_", is_flag=True, help="Include the open free-exercise-db library.")
@click.option("--limit", type=int, default=50, show_default=True, help="Show at most this many.")
@click.option("--format", "-f", "format_", default="text", show_default=True, help="text or json")
def exercises(
    words: tuple[str, ...], muscle: str | None, equipment: str | None, pattern: str | None,
    region: str | None, all_: bool, limit: int, format_: str,
) -> None:
    """Browse and search the exercise library."""
    query = " ".join(w for w in words if w.strip()) or None
    from redwood.catalog.search import search_exercises
    from redwood.domain.vocabulary import Equipment, Muscle, Pattern, Region, parse_choice
    from redwood.render.text import exercise_rows, print_exercise_table

    choice(format_, ("text", "json"), "--format")
    if limit < 1:
        fail(f"--limit: {limit} must be at least 1")
    try:
        filters = {
            "muscle": parse_choice(Muscle, muscle, "--muscle") if muscle else None,
            "equipment": parse_choice(Equipment, equipment, "--equipment") if equipment else None,
            "pattern": parse_choice(Pattern, pattern, "--pattern") if pattern else None,
            "region": parse_choice(Region, region, "--region") if region else None,
        }
    except ValueError as exc:
        fail(str(exc))
    found = search_exercises(query, include_open=all_ or bool(query), limit=limit,
                             **filters)  # type: ignore[arg-type]
    if format_ == "json":
        import json

        sys.stdout.write(json.dumps(exercise_rows(found), indent=2) + "\n")
        return
    if not found:
        fail("no exercise matches; try fewer filters, or --all for the open library", 1)
    print_exercise_table(found)


@app.command()
@click.argument("exercise_id", metavar="ID")
@click.option("--format", "-f", "format_", default="text", show_default=True, help="text or json")
def exercise(exercise_id: str, format_: str) -> None:
    """Show one exercise: muscles, equipment, form cues, common mistakes, substitutions."""
    from redwood.catalog.search import find_exercise, suggest_ids
    from redwood.render.text import exercise_detail_json, print_exercise

    choice(format_, ("text", "json"), "--format")
    found = find_exercise(exercise_id)
    if found is None:
        hints = suggest_ids(exercise_id)
        hint = f"; did you mean {', '.join(hints)}?" if hints else ""
        fail(f"ID: no exercise {exercise_id!r}{hint}")
    if format_ == "json":
        import json

        sys.stdout.write(json.dumps(exercise_detail_json(found), indent=2) + "\n")
    else:
        print_exercise(found)


def main(argv: list[str] | None = None) -> None:
    """Entry point: usage errors become one line on stderr and exit 2."""
    try:
        app.main(args=argv, prog_name="redwood", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        # `redwood` or `redwood profile` alone: the help as --help shows it, not squeezed
        # into one "error: Usage: ..." line; still exit 2, as no command ran.
        click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message(), err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"error: {' '.join(_message(exc).split())}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)


def _message(exc: click.ClickException) -> str:
    """The error's line; a bad option value named as Redwood names a field everywhere
    ("--days: 'abc' is not a whole number: allowed 2..6"), not click's "Invalid value for"."""
    param = getattr(exc, "param", None)
    if isinstance(exc, click.BadParameter) and isinstance(param, click.Option) and param.opts:
        return f"{max(param.opts, key=len)}: {exc.message}"
    return exc.format_message()
