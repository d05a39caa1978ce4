"""The `redwood` command: parses options, calls the core, renders the result.

Heavy modules are imported inside the commands so `redwood --help` and friends start fast.
Every error the lifter can cause ends as one line on stderr and a non-zero exit (2 for bad
input), never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from redwood import __version__

USAGE = 2
VIOLATIONS = 1


class Failure(click.ClickException):
    """An error to show as one line, with its exit code."""

    def __init__(self, message: str, code: int = USAGE) -> None:
        super().__init__(message)
        self.exit_code = code  # type: ignore[misc]


def fail(message: str, code: int = USAGE) -> NoReturn:
    raise Failure(message, code)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"-o: cannot write {output}: {exc.strerror}")
    click.echo(f"wrote {output}", err=True)


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        fail(f"{option}: {value!r} is not one of {', '.join(allowed)}")
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="redwood")
@click.option("--database-url", envvar="REDWOOD_DATABASE_URL", default=None,
              help="SQLAlchemy URL, e.g. postgresql+psycopg://... (default: SQLite in "
                   "REDWOOD_HOME or your data folder).")
@click.option("--user", "user_name", envvar="REDWOOD_USER", default=None,
              help="Whose log to use when several people share the database.")
@click.pass_context
def app(ctx: click.Context, database_url: str | None, user_name: str | None) -> None:
    """Plans, logs and coaches back-and-leg strength training."""
    ctx.obj = Session(database_url, user_name)


class Session:
    """The database and user a command works on, opened on first use."""

    def __init__(self, database_url: str | None, user_name: str | None) -> None:
        self.database_url = database_url
        self.user_name = user_name
        self._opened: tuple[Any, Any] | None = None

    def open(self, create_user: bool = False) -> tuple[Any, Any]:
        """The store and the user; `create_user` adds a --user that does not exist yet."""
        from redwood.store import StoreError, open_store

        if self._opened is None:
            try:
                store = open_store(self.database_url)
                self._opened = (store, self._user(store, create_user))
            except StoreError as exc:
                fail(str(exc), 1)
        return self._opened

    def _user(self, store: Any, create: bool) -> Any:
        if self.user_name is None:
            return store.default_user()
        with store.reader() as uow:
            user = uow.users.by_name(self.user_name)
        if user is not None:
            return user
        if not create:
            fail(f"--user: no user named {self.user_name!r}; add them with "
                 f"`redwood --user {self.user_name} init`", 1)
        with store.unit_of_work() as uow:
            user = uow.users.add(self.user_name)
            uow.commit()
        return user


def _session() -> Session:
    obj = click.get_current_context().find_object(Session)
    assert obj is not None
    return obj


FORMATS = ("text", "json", "markdown")


@app.command()
@click.option("--goal", default="hypertrophy", show_default=True,
              help="strength, hypertrophy or endurance")
@click.option("--level", default="beginner", show_default=True,
              help="beginner, intermediate or advanced")
@click.option("--days", type=int, default=3, show_default=True, help="Sessions a week, 2-6.")
@click.option("--minutes", type=int, default=60, show_default=True,
              help="Minutes a session, 15-120.")
@click.option("--weeks", type=int, default=8, show_default=True, help="Plan length, 1-52 weeks.")
@click.option("--start", default=None, help="First day, YYYY-MM-DD (default: next Monday).")
@click.option("--location", default="gym", show_default=True, help="gym, home or outdoor")
@click.option("--equipment", multiple=True,
              help="Equipment you have, comma-separated (at the gym: only these).")
@click.option("--on", multiple=True, help="Weekdays you can train, e.g. mon,wed,fri.")
@click.option("--supersets/--no-supersets", default=True, show_default=True,
              help="Pair lower- and upper-body exercises.")
@click.option("--exclude", multiple=True,
              help="Exercise ids or patterns to leave out (e.g. for an injury).")
@click.option("--seed", type=int, default=0, help="Varies the choice among equal exercises.")
@click.option("--format", "-f", "format_", default="text", show_default=True,
              help="text, json or markdown")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE.")
@click.option("--save", is_flag=True, help="Keep the plan and make it the one you follow.")
def plan(
    goal: str, level: str, days: int, minutes: int, weeks: int, start: str | None,
    location: str, equipment: tuple[str, ...], on: tuple[str, ...], supersets: bool,
    exclude: tuple[str, ...], seed: int, format_: str, output: Path | None, save: bool,
) -> None:
    """Generate a multi-week back-and-leg program, with the reason for every choice."""
    from redwood.catalog import load_catalog
    from redwood.planner.generate import PlanError, generate_plan
    from redwood.planner.profile import InputError, make_profile
    from redwood.planner.schedule import ScheduleError
    from redwood.rules import load_rules

    _choice(format_, FORMATS, "--format")
    rules, catalog = load_rules(), load_catalog()
    try:
        profile, candidates = make_profile(
            rules, goal=goal, level=level, days=days, minutes=minutes, weeks=weeks,
            start=start, location=location, equipment=equipment, on=on,
            supersets=supersets, exclude=exclude, known_ids=catalog.ids, seed=seed,
        )
        result = generate_plan(profile, rules, catalog, candidates)
    except (InputError, ScheduleError) as exc:
        fail(str(exc))
    except PlanError as exc:
        fail(f"cannot build this plan: {exc}")

    if save:
        from redwood.store import StoreError
        from redwood.training import save_plan

        store, user = _session().open()
        try:
            plan_id = save_plan(store, user, result)
        except StoreError as exc:
            fail(str(exc), 1)
        click.echo(f"saved as plan {plan_id}, now your active plan: see `redwood today`",
                   err=True)
    if format_ == "json":
        from redwood.planner.serialize import dumps

        _write(dumps(result), output)
    elif format_ == "markdown":
        from redwood.render import plan_markdown

        _write(plan_markdown(result), output)
    else:
        from redwood.render import print_plan

        print_plan(result, output)


@app.command()
@click.argument("plan_file", metavar="PLAN.json", type=click.Path(path_type=Path))
@click.option("--format", "-f", "format_", default="text", show_default=True, help="text or json")
def check(plan_file: Path, format_: str) -> None:
    """Check a plan (generated or edited by hand) against Redwood's rules.

    Exit 0 when it is clean, 1 when it breaks rules, 2 when the file is not a plan.
    """
    from redwood.planner.check import PlanFileError, check_plan, load_plan_file

    _choice(format_, ("text", "json"), "--format")
    try:
        data = load_plan_file(plan_file)
    except PlanFileError as exc:
        fail(str(exc))
    violations = check_plan(data)
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
@click.argument("query", required=False)
@click.option("--muscle", help="e.g. quadriceps, lats, 'lower back'")
@click.option("--equipment", help="e.g. barbell, resistance-band")
@click.option("--pattern", help="e.g. squat, hinge, horizontal-pull")
@click.option("--region", help="legs, back, core or full-body")
@click.option("--all", "all_", is_flag=True, help="Include the open free-exercise-db library.")
@click.option("--limit", type=int, default=50, show_default=True, help="Show at most this many.")
@click.option("--format", "-f", "format_", default="text", show_default=True, help="text or json")
def exercises(
    query: str | None, muscle: str | None, equipment: str | None, pattern: str | None,
    region: str | None, all_: bool, limit: int, format_: str,
) -> None:
    """Browse and search the exercise library."""
    from redwood.catalog.search import search_exercises
    from redwood.domain.vocabulary import Equipment, Muscle, Pattern, Region, parse_choice
    from redwood.render import exercise_rows, print_exercise_table

    _choice(format_, ("text", "json"), "--format")
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
    from redwood.render import exercise_detail_json, print_exercise

    _choice(format_, ("text", "json"), "--format")
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


# --------------------------------------------------------------------------------------------
# The training log


def _date(value: str | None, option: str) -> Any:
    import datetime as dt

    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date: use YYYY-MM-DD")


def _store_errors() -> tuple[type[Exception], ...]:
    from redwood.store import StoreError
    from redwood.training import TrainingError

    return (StoreError, TrainingError)


@app.command()
@click.option("--name", help="Your name in Redwood (default: keep 'me').")
@click.option("--unit", type=str, default=None, help="kg or lb: how weights are shown.")
@click.option("--goal", default=None, help="strength, hypertrophy or endurance")
@click.option("--level", default=None, help="beginner, intermediate or advanced")
@click.option("--days", type=int, default=None, help="Sessions a week, 2-6.")
@click.option("--minutes", type=int, default=None, help="Minutes a session, 15-120.")
@click.option("--location", default=None, help="gym, home or outdoor")
@click.option("--equipment", multiple=True, help="Equipment you have, comma-separated.")
@click.option("--on", multiple=True, help="Weekdays you can train, e.g. mon,thu.")
def init(name: str | None, unit: str | None, goal: str | None, level: str | None,
         days: int | None, minutes: int | None, location: str | None,
         equipment: tuple[str, ...], on: tuple[str, ...]) -> None:
    """Create (or upgrade) the database, name the first user and set the profile.

    Run in a terminal without options to be asked; every question has a default.
    """
    from redwood.domain.log import Unit
    from redwood.domain.vocabulary import parse_choice

    store, user = _session().open(create_user=True)
    asking = sys.stdin.isatty() and not any((name, unit, goal, level, days, minutes, location))
    if asking:
        name = click.prompt("Your name", default=user.name)
        unit = click.prompt("Unit (kg or lb)", default=user.unit.value)
        goal = click.prompt("Goal (strength, hypertrophy, endurance)", default="hypertrophy")
        level = click.prompt("Level (beginner, intermediate, advanced)", default="beginner")
        days = click.prompt("Sessions a week (2-6)", default=3, type=int)
        minutes = click.prompt("Minutes a session (15-120)", default=60, type=int)
        location = click.prompt("Where (gym, home, outdoor)", default="gym")
    try:
        unit_ = parse_choice(Unit, unit, "--unit") if unit else None
    except ValueError as exc:
        fail(str(exc))
    profile = _profile_dict(goal, level, days, minutes, location, equipment, on)
    try:
        with store.unit_of_work(user.id) as uow:
            if name and name != user.name:
                uow.users.rename(user.id, name)
            if unit_ is not None:
                uow.users.set_unit(user.id, unit_)
            if profile:
                uow.profiles.add(profile, activate=True)
            uow.commit()
    except _store_errors() as exc:
        fail(str(exc), 1)
    from redwood.store import database_url
    from redwood.store.location import redact

    click.echo(f"Redwood is ready for {name or user.name} "
               f"({redact(database_url(_session().database_url))}).")
    click.echo("Next: `redwood plan --save` for a plan, then `redwood today`.")


def _profile_dict(goal: str | None, level: str | None, days: int | None, minutes: int | None,
                  location: str | None, equipment: tuple[str, ...],
                  on: tuple[str, ...]) -> dict[str, Any]:
    """The given profile fields, validated the same way `redwood plan` validates them."""
    from redwood.planner.profile import InputError, make_profile, split_list
    from redwood.rules import load_rules

    fields: dict[str, Any] = dict(goal=goal, level=level, days=days, minutes=minutes,
                                  location=location)
    given: dict[str, Any] = {k: v for k, v in fields.items() if v is not None}
    if equipment:
        given["equipment"] = split_list(equipment)
    if on:
        given["on"] = split_list(on)
    if not given:
        return {}
    try:
        defaults: dict[str, Any] = dict(goal="hypertrophy", level="beginner", days=3,
                                        minutes=60, weeks=8, start=None, location="gym")
        make_profile(load_rules(), **{**defaults, **given})
    except InputError as exc:
        fail(str(exc))
    return given


@app.group()
def profile() -> None:
    """Show or change your training profile (the defaults for `redwood plan`)."""


@profile.command("show")
def profile_show() -> None:
    """Show the active profile."""
    store, user = _session().open()
    with store.reader(user.id) as uow:
        active = uow.profiles.active()
    click.echo(f"user: {user.name} ({user.unit.value})")
    if active is None:
        click.echo("no profile yet: set one with `redwood profile set --goal ... --days ...`")
        return
    for key, value in active[1].items():
        shown = ",".join(value) if isinstance(value, list) else value
        click.echo(f"{key}: {shown}")


@profile.command("set")
@click.option("--goal", default=None, help="strength, hypertrophy or endurance")
@click.option("--level", default=None, help="beginner, intermediate or advanced")
@click.option("--days", type=int, default=None, help="Sessions a week, 2-6.")
@click.option("--minutes", type=int, default=None, help="Minutes a session, 15-120.")
@click.option("--location", default=None, help="gym, home or outdoor")
@click.option("--equipment", multiple=True, help="Equipment you have, comma-separated.")
@click.option("--on", multiple=True, help="Weekdays you can train, e.g. mon,thu.")
@click.option("--unit", default=None, help="kg or lb")
def profile_set(goal: str | None, level: str | None, days: int | None, minutes: int | None,
                location: str | None, equipment: tuple[str, ...], on: tuple[str, ...],
                unit: str | None) -> None:
    """Change profile fields; the others keep their values."""
    from redwood.domain.log import Unit
    from redwood.domain.vocabulary import parse_choice

    changes = _profile_dict(goal, level, days, minutes, location, equipment, on)
    if not changes and unit is None:
        fail("profile set: give at least one of --goal, --level, --days, --minutes, "
             "--location, --equipment, --on, --unit")
    try:
        unit_ = parse_choice(Unit, unit, "--unit") if unit else None
    except ValueError as exc:
        fail(str(exc))
    store, user = _session().open()
    with store.unit_of_work(user.id) as uow:
        active = uow.profiles.active()
        merged = {**(active[1] if active else {}), **changes}
        if changes:
            uow.profiles.add(merged, activate=True)
        if unit_ is not None:
            uow.users.set_unit(user.id, unit_)
        uow.commit()
    click.echo("profile saved")


@app.command()
@click.option("--date", "date_", default=None, help="YYYY-MM-DD (default: today).")
@click.option("--format", "-f", "format_", default="text", show_default=True, help="text or json")
def today(date_: str | None, format_: str) -> None:
    """The next planned session with the coach's targets: weight, reps, sets, rest, and why."""
    from redwood.catalog import load_catalog
    from redwood.training import today as today_view

    _choice(format_, ("text", "json"), "--format")
    day = _date(date_, "--date")
    store, user = _session().open()
    try:
        view = today_view(store, user, day, load_catalog())
    except _store_errors() as exc:
        fail(str(exc), 1)
    if format_ == "json":
        import json

        sys.stdout.write(json.dumps(view.to_dict(), indent=2) + "\n")
    else:
        from redwood.render import print_today

        print_today(view, user.unit)


@app.command()
@click.option("--date", "date_", default=None, help="YYYY-MM-DD (default: today).")
@click.option("--exercise", "exercise_id", default=None, help="Exercise id, e.g. back-squat.")
@click.option("--set", "sets", multiple=True,
              help="A set: 60kgx10, 135lbx5@8 (RPE), x12 (bodyweight), 45s (timed).")
@click.option("--warmup", "warmups", multiple=True, help="A warm-up set, same notation.")
@click.option("--failed", is_flag=True, help="The last --set failed short of its target.")
@click.option("--form-note", default=None, help="A note on form ('knees caved'): holds the load.")
@click.option("--from-json", "from_json", type=click.Path(path_type=Path), default=None,
              help="A whole workout as JSON (see `redwood history --format json`); - for stdin.")
@click.option("--notes", default=None, help="Notes for the workout.")
@click.option("--energy", type=int, default=None, help="How you felt, 1 (drained) to 5 (great).")
def log(date_: str | None, exercise_id: str | None, sets: tuple[str, ...],
        warmups: tuple[str, ...], failed: bool, form_note: str | None, from_json: Path | None,
        notes: str | None, energy: int | None) -> None:
    """Record sets: from options, from a JSON file, or by answering prompts prefilled with
    today's targets (run it in a terminal with no sets)."""
    import datetime as dt

    from redwood.catalog import load_catalog
    from redwood.domain.log import LoggedSet, SetKind, Workout
    from redwood.notation import SetNotationError, parse_set
    from redwood.training import TrainingError, log_workout, planned_ref_for

    store, user = _session().open()
    catalog = load_catalog()
    if energy is not None and not 1 <= energy <= 5:
        fail(f"--energy: {energy} is out of range: allowed 1..5")
    if from_json is not None:
        if sets or exercise_id:
            fail("--from-json: give either a JSON file or --exercise with --set, not both")
        workout = _read_workout_json(from_json)
    elif sets or warmups:
        if not exercise_id:
            fail("--exercise: which exercise are these sets of? e.g. --exercise back-squat")
        day = _date(date_, "--date")
        logged: list[LoggedSet] = []
        try:
            for text in warmups:
                spec = parse_set(text, user.unit)
                logged.append(LoggedSet(exercise_id, spec.weight_kg, spec.reps, spec.seconds,
                                        rpe=spec.rpe, kind=SetKind.WARMUP))
            for i, text in enumerate(sets):
                spec = parse_set(text, user.unit)
                last = i == len(sets) - 1
                logged.append(LoggedSet(
                    exercise_id, spec.weight_kg, spec.reps, spec.seconds, rpe=spec.rpe,
                    kind=SetKind.FAILURE if failed and last else SetKind.WORKING,
                    completed=not (failed and last),
                    form_note=form_note if last else None))
        except SetNotationError as exc:
            fail(f"--set: {exc}")
        workout = Workout(date=day, sets=tuple(logged), notes=notes, energy=energy,
                          planned=planned_ref_for(store, user, day))
    elif sys.stdin.isatty():
        workout = _prompt_workout(store, user, catalog, _date(date_, "--date"))
        if workout is None:
            return
    else:
        fail("--set: give at least one set (e.g. --exercise back-squat --set 60kgx10), "
             "--from-json FILE, or run in a terminal to be prompted")
    if workout.date > dt.date.today() + dt.timedelta(days=1):
        fail(f"--date: {workout.date} is in the future")
    try:
        result = log_workout(store, user, workout, catalog, append=from_json is None)
    except TrainingError as exc:
        fail(str(exc))
    except _store_errors() as exc:
        fail(str(exc), 1)
    where = "added to" if result.added_to_existing else "logged as"
    click.echo(f"{result.sets} set(s) {where} workout {result.workout_id} on {workout.date}")
    for record in result.records:
        ex = catalog.get(record.exercise_id)
        click.echo("PR! " + record.describe(user.unit, ex.name if ex else None))


def _read_workout_json(path: Path) -> Any:
    import json

    from redwood.logjson import WorkoutJsonError, parse_workout

    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"--from-json: {path}: no such file")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"--from-json: {path}: cannot read it ({exc})")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"--from-json: {path}: not JSON (line {exc.lineno}: {exc.msg})")
    try:
        return parse_workout(data)
    except WorkoutJsonError as exc:
        fail(f"--from-json: {path}: {exc}")


def _prompt_workout(store: Any, user: Any, catalog: Any, day: Any) -> Any:
    """Walk through today's session: each set prefilled with its target; Enter accepts."""
    from redwood.coach.loading import display_weight
    from redwood.domain.log import LoggedSet, Workout
    from redwood.notation import SetNotationError, parse_set
    from redwood.training import TrainingError
    from redwood.training import today as today_view

    try:
        view = today_view(store, user, day, catalog)
    except TrainingError as exc:
        fail(f"{exc}; or log with --exercise and --set")
    click.echo(f"{view.title} ({view.date}). Enter accepts the target; type a set like "
               "60kgx8@9 to change it, 'skip' to skip, 'done' to finish.")
    logged: list[LoggedSet] = []
    for item in view.items:
        t = item.target
        unit = "s" if t.seconds_min is not None else ""
        top = t.seconds_max if t.seconds_min is not None else t.reps_max
        weight = "" if t.weight_kg is None else display_weight(t.weight_kg, user.unit).replace(
            " ", "")
        default = f"{weight}x{top}{unit}" if weight else f"x{top}{unit}"
        click.echo(f"\n{item.name}: {t.sets} sets, {t.reason}")
        for n in range(1, t.sets + 1):
            while True:
                answer = click.prompt(f"  set {n}", default=default).strip()
                if answer in ("skip", "done"):
                    break
                try:
                    spec = parse_set(answer, user.unit)
                except SetNotationError as exc:
                    click.echo(f"  {exc}")
                    continue
                logged.append(LoggedSet(item.target.exercise_id, spec.weight_kg, spec.reps,
                                        spec.seconds, rpe=spec.rpe))
                break
            if answer == "skip":
                break
            if answer == "done":
                break
        if answer == "done":
            break
    if not logged:
        click.echo("nothing logged")
        return None
    return Workout(date=view.date, sets=tuple(logged), planned=view.session.ref)


@app.command()
@click.option("--exercise", "exercise_id", default=None, help="Only this exercise.")
@click.option("--since", default=None, help="From this date, YYYY-MM-DD.")
@click.option("--limit", type=int, default=None, help="At most this many workouts.")
@click.option("--format", "-f", "format_", default="text", show_default=True, help="text or json")
def history(exercise_id: str | None, since: str | None, limit: int | None,
            format_: str) -> None:
    """Your logged workouts, newest first."""
    from redwood.training import history as load_history
    from redwood.training import workouts_as_json

    _choice(format_, ("text", "json"), "--format")
    start = _date(since, "--since") if since else None
    if limit is not None and limit < 1:
        fail(f"--limit: {limit} must be at least 1")
    store, user = _session().open()
    workouts = load_history(store, user, exercise_id=exercise_id, since=start, limit=limit)
    if format_ == "json":
        sys.stdout.write(workouts_as_json(workouts))
        return
    from redwood.catalog import load_catalog
    from redwood.render import print_history

    print_history(workouts, user.unit, load_catalog())


@app.command()
@click.option("--date", "date_", default=None, help="YYYY-MM-DD (default: today).")
@click.option("--sleep", type=str, default=None, help="Hours slept, e.g. 7.5 (0-24).")
@click.option("--energy", type=int, default=None, help="1 (drained) to 5 (great).")
@click.option("--soreness", multiple=True, help="REGION=1..5, e.g. legs=2 (1 none, 5 very).")
@click.option("--weight", type=str, default=None, help="Body weight, e.g. 80kg or 176lb.")
def checkin(date_: str | None, sleep: str | None, energy: int | None,
            soreness: tuple[str, ...], weight: str | None) -> None:
    """Record how you slept and feel: the coach reads it for readiness and fatigue."""
    import re
    from decimal import Decimal, InvalidOperation

    from redwood.domain.log import CheckIn, Unit, to_kg
    from redwood.domain.vocabulary import Region, parse_choice
    from redwood.training import checkin as save_checkin

    day = _date(date_, "--date")
    store, user = _session().open()
    hours = None
    if sleep is not None:
        try:
            hours = Decimal(sleep)
        except InvalidOperation:
            fail(f"--sleep: {sleep!r} is not a number of hours (0-24)")
        if not 0 <= hours <= 24:
            fail(f"--sleep: {sleep} is out of range: allowed 0..24 hours")
    if energy is not None and not 1 <= energy <= 5:
        fail(f"--energy: {energy} is out of range: allowed 1..5")
    sore: dict[Region, int] = {}
    for text in soreness:
        for part in text.split(","):
            region, _, level = part.partition("=")
            try:
                r = parse_choice(Region, region, "--soreness")
            except ValueError as exc:
                fail(str(exc))
            if not level.strip().isdigit() or not 1 <= int(level) <= 5:
                fail(f"--soreness: {part!r}: use REGION=1..5, e.g. legs=2")
            sore[r] = int(level)
    body = None
    if weight is not None:
        m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*(kg|lbs?)?\s*", weight, re.IGNORECASE)
        if not m:
            fail(f"--weight: {weight!r} is not a body weight: use e.g. 80kg or 176lb")
        unit = Unit.LB if (m[2] or "").lower().startswith("lb") else (
            Unit.KG if m[2] else user.unit)
        body = to_kg(m[1].replace(",", "."), unit)
        if not 20 <= body <= 400:
            fail(f"--weight: {weight} is not a plausible body weight (20-400 kg)")
    if hours is None and energy is None and not sore and body is None:
        fail("checkin: give at least one of --sleep, --energy, --soreness, --weight")
    try:
        save_checkin(store, user, CheckIn(date=day, body_weight_kg=body, sleep_hours=hours,
                                          energy=energy, soreness=sore))
    except _store_errors() as exc:
        fail(str(exc), 1)
    click.echo(f"check-in saved for {day}")


@app.command()
def undo() -> None:
    """Remove the last thing you logged (a workout, sets, or a check-in)."""
    store, user = _session().open()
    try:
        undone = store.undo_last(user.id)
    except _store_errors() as exc:
        fail(str(exc), 1)
    if undone is None:
        fail("nothing to undo", 1)
    click.echo(f"undone: {undone.message}")


@app.command()
@click.argument("weight")
@click.option("--bar", type=str, default=None, help="Bar weight (default 20 kg / 45 lb).")
@click.option("--unit", default=None, help="kg or lb (default: yours).")
def plates(weight: str, bar: str | None, unit: str | None) -> None:
    """The plates to put on each side of the bar for WEIGHT."""
    from decimal import Decimal, InvalidOperation

    from redwood.coach.loading import default_profile, plates_per_side
    from redwood.domain.log import Unit
    from redwood.domain.vocabulary import parse_choice

    try:
        unit_ = parse_choice(Unit, unit, "--unit") if unit else Unit.KG
    except ValueError as exc:
        fail(str(exc))
    try:
        total = Decimal(weight)
        bar_ = Decimal(bar) if bar is not None else None
    except InvalidOperation:
        fail(f"WEIGHT: {weight!r} is not a number" if bar is None or weight.replace(
            ".", "", 1).isdigit() is False else f"--bar: {bar!r} is not a number")
    profile = default_profile("gym", unit_)
    bar_weight = bar_ if bar_ is not None else profile.bar
    if bar_weight is None or total <= 0 or total > 1000:
        fail(f"WEIGHT: {weight} must be above 0 and at most 1000")
    if total < bar_weight:
        fail(f"WEIGHT: {weight} {unit_.value} is lighter than the {bar_weight:g} {unit_.value} bar")
    per_side = plates_per_side(total, profile, bar=bar_weight)
    if per_side is None:
        fail(f"WEIGHT: {weight} {unit_.value} cannot be loaded exactly with standard plates "
             f"on a {bar_weight:g} {unit_.value} bar", 1)
    shown = " + ".join(f"{p:g}" for p in per_side) or "nothing (just the bar)"
    click.echo(f"{total:g} {unit_.value} on a {bar_weight:g} {unit_.value} bar: "
               f"{shown} per side")


@app.command()
@click.option("--exercise", "exercise_id", default=None, help="Only this exercise.")
@click.option("--format", "-f", "format_", default="text", show_default=True, help="text or json")
def prs(exercise_id: str | None, format_: str) -> None:
    """Personal records per exercise: heaviest, best e1RM, most reps, best session volume."""
    from redwood.coach.records import compute_records
    from redwood.training import history as load_history

    _choice(format_, ("text", "json"), "--format")
    store, user = _session().open()
    records = compute_records(load_history(store, user, exercise_id=exercise_id))
    from redwood.catalog import load_catalog
    from redwood.render import print_records, records_json

    if format_ == "json":
        import json

        sys.stdout.write(json.dumps(records_json(records), indent=2) + "\n")
        return
    if not records:
        click.echo("no records yet: log a workout with `redwood log`")
        return
    print_records(records, user.unit, load_catalog())



def main(argv: list[str] | None = None) -> None:
    """Entry point: usage errors become one line on stderr and exit 2."""
    try:
        app.main(args=argv, prog_name="redwood", standalone_mode=False)
    except click.ClickException as exc:
        click.echo(f"error: {' '.join(exc.format_message().split())}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
