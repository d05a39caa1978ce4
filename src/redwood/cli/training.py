"""The training-log commands of `redwood`: init, profile, today, log, finish, history,
checkin, undo, plates, prs. Loaded only when one of them runs (see LazyGroup in
cli/group.py), so that `redwood plan` does not pay for them at start-up.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

from redwood.cli.collector import no_cyclic_gc
from redwood.cli.common import Ranged, choice, context, fail, parse_day, schedule_bounds, worded

ENERGY = (1, 5)
"""How a session or a day felt: 1 (drained) to 5 (great), as the log stores it."""
SESSION_RPE = (1, 10)
"""How hard a whole session was (Foster's session RPE), as the web's Finish asks it."""

# --------------------------------------------------------------------------------------------
# The training log


def _store_errors() -> tuple[type[Exception], ...]:
    from redwood.services.base import StoreError
    from redwood.services.training import TrainingError

    return (StoreError, TrainingError)


@click.command()
@click.option("--name", help="Your name in Redwood (default: keep 'me').")
@click.option("--unit", type=str, default=None, help="kg or lb: how weights are shown.")
@click.option("--goal", default=None, help="strength, hypertrophy or endurance")
@click.option("--level", default=None, help="beginner, intermediate or advanced")
@click.option("--days", type=Ranged(schedule_bounds("days")), default=None,
              help="Sessions a week.")
@click.option("--minutes", type=Ranged(schedule_bounds("minutes")), default=None,
              help="Minutes a session.")
@click.option("--location", default=None, help="gym, home or outdoor")
@click.option("--equipment", multiple=True, help="Equipment you have, comma-separated.")
@click.option("--on", multiple=True, help="Weekdays you can train, e.g. mon,thu.")
@click.option("--weight", default=None, help="Your body weight, e.g. 80kg or 176lb (optional).")
@click.option("--known", multiple=True, metavar="ID=LOADxREPS",
              help="A working set you know, e.g. back-squat=100x5 (up to five lifts): "
                   "starting loads follow it, and that lift needs no calibrating.")
def init(name: str | None, unit: str | None, goal: str | None, level: str | None,
         days: int | None, minutes: int | None, location: str | None,
         equipment: tuple[str, ...], on: tuple[str, ...], weight: str | None,
         known: tuple[str, ...]) -> None:
    """Create (or upgrade) the database, name the first user and set the profile.

    Run in a terminal without options to be asked; every question has a default.
    """
    from redwood.domain.log import Unit
    from redwood.domain.vocabulary import parse_choice

    store, user = context().open(create_user=True)
    asking = sys.stdin.isatty() and not any((name, unit, goal, level, days, minutes, location,
                                             weight, known))
    if asking:
        name = click.prompt("Your name", default=user.name)
        unit = click.prompt("Unit (kg or lb)", default=user.unit.value)
        goal = click.prompt("Goal (strength, hypertrophy, endurance)", default="hypertrophy")
        level = click.prompt("Level (beginner, intermediate, advanced)", default="beginner")
        days = click.prompt("Sessions a week (2-6)", default=3, type=int)
        minutes = click.prompt("Minutes a session (15-120)", default=60, type=int)
        location = click.prompt("Where (gym, home, outdoor)", default="gym")
        weight = click.prompt("Body weight, e.g. 80kg (Enter to skip)", default="",
                              show_default=False) or None
        answer = click.prompt("Working sets you know, up to five, e.g. back-squat=100x5 "
                              "deadlift=140x3 (Enter to skip)", default="", show_default=False)
        known = tuple(answer.split())
    try:
        unit_ = parse_choice(Unit, unit, "--unit") if unit else None
    except ValueError as exc:
        fail(worded(exc))
    from redwood.services.base import StoreError, database_url, redact
    from redwood.services.planning import update_profile
    from redwood.services.training import TrainingError

    profile = _profile_dict(goal, level, days, minutes, location, equipment, on)
    told = _told(weight, known, unit_ or user.unit)
    try:
        update_profile(store, user, profile, told=told, unit=unit_, name=name)
    except TrainingError as exc:  # more known lifts than a profile keeps
        fail(worded(exc))
    except StoreError as exc:
        fail(str(exc), 1)

    click.echo(f"Redwood is ready for {name or user.name} "
               f"({redact(database_url(context().database_url))}).")
    click.echo("Next: `redwood plan --save` for a plan, then `redwood today`.")


def _told(weight: str | None, known: tuple[str, ...], unit: Any) -> Any:
    """(body weight in kg, known sets) from --weight and --known, or None when neither is
    given; a one-line error naming the option otherwise."""
    from redwood.catalog import load_catalog
    from redwood.services.planning import Told
    from redwood.services.training import TrainingError, parse_body_weight, parse_known

    if weight is None and not known:
        return None
    try:
        body = parse_body_weight(weight, unit) if weight is not None else None
        return Told(body, parse_known(known, unit, load_catalog()))
    except TrainingError as exc:
        fail(worded(exc))


def _profile_dict(goal: str | None, level: str | None, days: int | None, minutes: int | None,
                  location: str | None, equipment: tuple[str, ...],
                  on: tuple[str, ...]) -> dict[str, Any]:
    """The given profile fields, validated the same way `redwood plan` validates them."""
    from redwood.planner.profile import split_list
    from redwood.services.planning import PlanningError, check_profile

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
        check_profile(given)
    except PlanningError as exc:
        fail(worded(exc))
    return given


@click.group()
def profile() -> None:
    """Show or change your training profile (the defaults for `redwood plan`)."""


@profile.command("show")
def profile_show() -> None:
    """Show the active profile."""
    from redwood.services.planning import active_profile

    store, user = context().open()
    active = active_profile(store, user)
    click.echo(f"user: {user.name} ({user.unit.value})")
    if active is None:
        click.echo("no profile yet: set one with `redwood profile set --goal ... --days ...`")
        return
    from redwood.coach.loading import display_weight
    from redwood.services.training import body_weight_of, known_of

    for key, value in active.items():
        if key == "known":
            shown = ", ".join(f"{k.exercise_id} {display_weight(k.weight_kg, user.unit)} x "
                              f"{k.reps}" for k in known_of(active))
        elif key == "body_weight_kg":
            weight = body_weight_of(active)
            key, shown = "body weight", display_weight(weight, user.unit) if weight else value
        else:
            shown = ",".join(value) if isinstance(value, list) else value
        click.echo(f"{key}: {shown}")


@profile.command("set")
@click.option("--goal", default=None, help="strength, hypertrophy or endurance")
@click.option("--level", default=None, help="beginner, intermediate or advanced")
@click.option("--days", type=Ranged(schedule_bounds("days")), default=None,
              help="Sessions a week.")
@click.option("--minutes", type=Ranged(schedule_bounds("minutes")), default=None,
              help="Minutes a session.")
@click.option("--location", default=None, help="gym, home or outdoor")
@click.option("--equipment", multiple=True, help="Equipment you have, comma-separated.")
@click.option("--on", multiple=True, help="Weekdays you can train, e.g. mon,thu.")
@click.option("--unit", default=None, help="kg or lb")
@click.option("--weight", default=None, help="Your body weight, e.g. 80kg or 176lb.")
@click.option("--known", multiple=True, metavar="ID=LOADxREPS",
              help="A working set you know, e.g. back-squat=100x5 (up to five lifts).")
def profile_set(goal: str | None, level: str | None, days: int | None, minutes: int | None,
                location: str | None, equipment: tuple[str, ...], on: tuple[str, ...],
                unit: str | None, weight: str | None, known: tuple[str, ...]) -> None:
    """Change profile fields; the others keep their values."""
    from redwood.domain.log import Unit
    from redwood.domain.vocabulary import parse_choice

    changes = _profile_dict(goal, level, days, minutes, location, equipment, on)
    if not changes and unit is None and weight is None and not known:
        fail("profile set: give at least one of --goal, --level, --days, --minutes, "
             "--location, --equipment, --on, --unit, --weight, --known")
    try:
        unit_ = parse_choice(Unit, unit, "--unit") if unit else None
    except ValueError as exc:
        fail(worded(exc))
    from redwood.services.planning import update_profile
    from redwood.services.training import TrainingError

    store, user = context().open()
    told = _told(weight, known, unit_ or user.unit)
    try:
        update_profile(store, user, changes, told=told, unit=unit_)
    except TrainingError as exc:
        fail(worded(exc))
    click.echo("profile saved")


@click.command()
@click.option("--date", "date_", default=None, help="YYYY-MM-DD (default: today).")
@click.option("--format", "-f", "format_", default="text", show_default=True, help="text or json")
# Years of a lift are tens of thousands of rows and sets, none garbage in a cycle: the
# collector only walked them (some 5% of `redwood today` on five years, by callgrind).
@no_cyclic_gc()
def today(date_: str | None, format_: str) -> None:
    """The next planned session with the coach's targets: weight, reps, sets, rest, and why.

    Between sets: each lift's sets logged that day, how many are left and the next set's load.
    """
    from redwood.catalog import load_catalog
    from redwood.services.training import PlanDone, today_progress

    choice(format_, ("text", "json"), "--format")
    day = parse_day(date_, "--date")
    store, user = context().open(fast=True)
    try:
        found = today_progress(store, user, day, load_catalog())
    except PlanDone as exc:
        if exc.done and format_ != "json":
            from redwood.render.text import done_line

            click.echo(done_line(exc.done[-1], last=True))
        fail(str(exc), 1)
    except _store_errors() as exc:
        fail(str(exc), 1)
    if format_ == "json":
        import json

        sys.stdout.write(json.dumps(found.to_dict(), indent=2) + "\n")
    else:
        from redwood.render.text import print_today

        print_today(found.view, user.unit, found)


@click.command()
@click.option("--date", "date_", default=None, help="YYYY-MM-DD (default: today).")
@click.option("--exercise", "exercise_id", default=None, help="Exercise id, e.g. back-squat.")
@click.option("--set", "sets", multiple=True,
              help="A set: 60kgx10, 135lbx5@8 (RPE), x12 (bodyweight), 45s (timed).")
@click.option("--warmup", "warmups", multiple=True, help="A warm-up set, same notation.")
@click.option("--failed", is_flag=True, help="The last --set failed short of its target.")
@click.option("--form-note", default=None, help="A note on form ('knees caved'): holds the load.")
# A name (pathlib is loaded only when one is given: `today` and `log` of a set start faster).
@click.option("--from-json", "from_json", type=click.Path(), default=None,
              help="A whole workout as JSON (see `redwood history --format json`); - for stdin.")
@click.option("--notes", default=None, help="Notes for the workout.")
@click.option("--energy", type=Ranged(ENERGY), default=None,
              help="How you felt, 1 (drained) to 5 (great).")
@click.option("--interactive", "-i", is_flag=True,
              help="Walk through today's session with prompts (the default in a terminal).")
def log(date_: str | None, exercise_id: str | None, sets: tuple[str, ...],
        warmups: tuple[str, ...], failed: bool, form_note: str | None, from_json: str | None,
        notes: str | None, energy: int | None, interactive: bool) -> None:
    """Record sets: from options, from a JSON file, or by answering prompts prefilled with
    today's targets (run it in a terminal with no sets)."""
    import datetime as dt

    from redwood.catalog import load_catalog
    from redwood.domain.log import LoggedSet, SetKind, Workout
    from redwood.domain.notation import SetNotationError, parse_set
    from redwood.services.training import TrainingError, log_workout, session_to_log

    store, user = context().open(fast=True)
    catalog = load_catalog()
    prompted = False  # the prompts asked about each load that looks like a typo
    if from_json is not None:
        if sets or exercise_id:
            fail("--from-json: give either a JSON file or --exercise with --set, not both")
        from pathlib import Path

        workout = _read_workout_json(Path(from_json))
    elif sets or warmups:
        if not exercise_id:
            fail("--exercise: which exercise are these sets of? e.g. --exercise back-squat")
        day = parse_day(date_, "--date")
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
        # The session Today shows that day takes the sets, as the web's Today logs them: a
        # session trained on another day than planned is still the one done.
        workout = Workout(date=day, sets=tuple(logged), notes=notes, energy=energy,
                          planned=session_to_log(store, user, day, (exercise_id,), catalog))
    elif interactive or sys.stdin.isatty():
        typed: list[LoggedSet] = []
        try:
            workout = _prompt_workout(store, user, catalog, parse_day(date_, "--date"), typed)
        except (click.exceptions.Abort, KeyboardInterrupt) as exc:
            _cancelled(typed, exc)
        if workout is None:
            return
        prompted = True
    else:
        fail("--set: give at least one set (e.g. --exercise back-squat --set 60kgx10), "
             "--from-json FILE, or run in a terminal to be prompted")
    if workout.date > dt.date.today() + dt.timedelta(days=1):
        fail(f"--date: {workout.date} is in the future")
    # A load that looks like a typo (255 for 25.5) is kept, as typed, and named after the
    # save: the prompts asked already.
    doubts = _doubts(store, user, workout, catalog) if not prompted else []
    # A Ctrl-C while the sets are saved waits for the save to end: the lifter then reads
    # what was saved, never a traceback that leaves them guessing.
    with _interrupt_after() as interrupted:
        try:
            result = log_workout(store, user, workout, catalog, append=from_json is None)
        except TrainingError as exc:
            fail(worded(exc))
        except _store_errors() as exc:
            fail(str(exc), 1)
    where = "added to" if result.added_to_existing else "logged as"
    click.echo(f"{result.sets} set(s) {where} workout {result.workout_id} on {workout.date}")
    for line in doubts:
        click.echo(line, err=True)
    for record in result.records:
        ex = catalog.get(record.exercise_id)
        click.echo("PR! " + record.describe(user.unit, ex.name if ex else None))
    if interrupted:
        click.echo(f"cancelled after saving: the {_n_sets(result.sets)} above are in your "
                   "log (`redwood undo` takes them back)", err=True)
        sys.exit(130)


@click.command()
@click.option("--date", "date_", default=None, help="YYYY-MM-DD (default: today).")
@click.option("--notes", default=None, help="Notes for the session.")
@click.option("--rpe", type=Ranged(SESSION_RPE), default=None,
              help="How hard the whole session was, 1 (very easy) to 10 (maximal).")
def finish(date_: str | None, notes: str | None, rpe: int | None) -> None:
    """Finish the session you trained that day (as the web's Finish): `today` moves on to
    the next session though sets were left, and the coach's targets for next time are shown."""
    from redwood.catalog import load_catalog
    from redwood.services.training import NOTES_MAX, finish_day, finished_today

    day = parse_day(date_, "--date")
    if notes is not None and len(notes) > NOTES_MAX:
        fail(f"--notes: {len(notes)} characters: allowed at most {NOTES_MAX}")
    store, user = context().open()
    catalog = load_catalog()
    try:
        finish_day(store, user, day, None, catalog, notes or None, rpe)
        summary = finished_today(store, user, day, catalog)
    except _store_errors() as exc:
        fail(str(exc), 1)
    if summary is None:  # the plan was replaced between the two: nothing left to show
        fail("no finished session of the active plan that day", 1)
    from redwood.render.text import finished_lines

    for line in finished_lines(summary, user.unit):
        click.echo(line)


def _n_sets(n: int) -> str:
    return f"{n} set" if n == 1 else f"{n} sets"


def _cancelled(typed: list[Any], exc: BaseException) -> NoReturn:
    """The prompts ended by Ctrl-C (exit 130, as a shell expects of an interrupt) or by the
    input's end (Ctrl-D: exit 1): one line saying nothing was saved, and what was typed."""
    interrupt = isinstance(exc, KeyboardInterrupt) or isinstance(
        exc.__context__, KeyboardInterrupt)
    lost = (f": the {_n_sets(len(typed))} you typed {'was' if len(typed) == 1 else 'were'} "
            "not logged ('done' saves the sets so far)") if typed else ""
    # A new line first: the terminal's ^C (or the prompt) is still on the current one.
    click.echo(f"\ncancelled, nothing saved{lost}", err=True)
    sys.exit(130 if interrupt else 1)


@contextlib.contextmanager
def _interrupt_after() -> Iterator[list[bool]]:
    """Hold a SIGINT until the block ends (its flag then set): a save is whole or not begun.
    Only in the main thread, where Python's signal handlers run."""
    import signal
    import threading

    flag: list[bool] = []
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return
    previous = signal.signal(signal.SIGINT, lambda *_: flag.append(True))
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)


def _read_workout_json(path: Path) -> Any:
    import json

    from redwood.io.logjson import WorkoutJsonError, parse_workout

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


def _doubts(store: Any, user: Any, workout: Any, catalog: Any) -> list[str]:
    """A line for each set whose load looks like a typo (services.training.workout_doubts):
    'set 2 of Back Squat: 255 kg is over 2 x your heaviest (120 kg); if it is a typo, ...'."""
    from redwood.services.training import TrainingError, workout_doubts

    try:
        found = workout_doubts(store, user, workout, catalog)
    except TrainingError:  # an unknown lift, say: the save names it
        return []
    if not found:
        return []
    from redwood.render.text import doubt_warning

    lines = []
    for d in found:
        ex = catalog.get(d.set.exercise_id)
        name = ex.name if ex is not None else d.set.exercise_id
        kind = "warm-up" if d.set.kind.value == "warmup" else "set"
        lines.append(doubt_warning(f"{kind} {d.number} of {name}", d.set.exercise_id,
                                   d.doubt, user.unit))
    return lines


def _prompt_workout(store: Any, user: Any, catalog: Any, day: Any, logged: list[Any]) -> Any:
    """Walk through the session to train on `day`: each set still to do prefilled with its
    target; Enter accepts. The sets are stored on `day` (the day trained), linked to the
    planned session (moved, when it was planned for another day). `logged` holds the sets
    typed so far (the caller names them if the prompts are cancelled)."""
    from redwood.coach.loading import display_weight
    from redwood.domain.log import LoggedSet, SetKind, Workout
    from redwood.domain.notation import SetNotationError, parse_set
    from redwood.services.training import TrainingError, session_sets
    from redwood.services.training import today as today_view

    try:
        view = today_view(store, user, day, catalog)
    except TrainingError as exc:
        fail(f"{exc}; or log with --exercise and --set")
    moved = f", planned for {view.date}" if view.date != day else ""
    click.echo(f"{view.title} ({day}{moved}). Enter accepts the target; type a set like "
               "60kgx8@9 to change it, 'skip' to skip, 'done' to finish.")
    earlier = session_sets(store, user, day, view.session.ref)
    answer = ""
    for item in view.items:
        t = item.target
        unit = "s" if t.seconds_min is not None else ""
        aim = t.seconds_min if t.seconds_min is not None else t.reps_min

        def prefill(kg: Any, aim: Any = aim, unit: str = unit) -> str:
            weight = "" if kg is None else display_weight(kg, user.unit).replace(" ", "")
            return f"{weight}x{aim}{unit}"

        before = [s for s in earlier
                  if s.exercise_id == t.exercise_id and s.kind is not SetKind.WARMUP]
        done = len(before)
        if done >= t.sets:
            continue
        # As the web's Today prefills a set: the load of the lift's last set today (a lifter
        # who changed it once types it once), a ramp's step from it, else the target's.
        resumed = view.ramp_next(item, before[-1]) if before else None
        default = prefill(resumed.weight_kg if resumed is not None else
                          before[-1].weight_kg if before and before[-1].weight_kg is not None
                          else t.weight_kg)
        click.echo(f"\n{item.name}: {t.sets} sets, {t.reason}")
        # A calibrating lift's RPE finds its load; a plan's effort target (a lighter day's
        # RPE 6.5) is met or not by the RPE logged: both ask it, as the web's Today does.
        asks_rpe = (t.calibrate or t.rpe is not None) and t.seconds_min is None
        if t.calibrate:
            click.echo("  calibrating: type the load you really used if it differs, and how "
                       "hard each set felt (RPE 1-10)")
        elif asks_rpe:
            click.echo(f"  the plan's effort: RPE {t.rpe:g}; say how hard each set felt")
        if t.ramp:
            click.echo("  first session: set 1 light, then by feel: each next set's load "
                       "comes from the set before")
        for n in range(done + 1, t.sets + 1):
            rep_out = t.rep_out and n == t.sets
            if rep_out:
                click.echo("  last set: as many good reps as you can, stopping 1-2 before "
                           "failure (a rep-out)")
            while True:
                answer = click.prompt(f"  set {n}", default=default).strip()
                if answer in ("skip", "done"):
                    break
                try:
                    spec = parse_set(answer, user.unit)
                except SetNotationError as exc:
                    click.echo(f"  {exc}")
                    continue
                if spec.weight_kg is not None and not _meant(
                        store, user, item, spec.weight_kg, day, logged):
                    continue
                rpe = spec.rpe
                if rpe is None and asks_rpe:
                    rpe = _prompt_rpe(n)
                done_set = LoggedSet(item.target.exercise_id, spec.weight_kg, spec.reps,
                                     spec.seconds, rpe=rpe)
                logged.append(done_set)
                step = view.ramp_next(item, done_set)
                if step is not None and n < t.sets:
                    # A first session that works up by feel: the next set from this one, and
                    # why the step is that big.
                    default = prefill(step.weight_kg)
                    click.echo(f"  by feel: set {n + 1} at "
                               f"{display_weight(step.weight_kg, user.unit)} ({step.why})")
                elif spec.weight_kg is not None:
                    default = prefill(spec.weight_kg)
                break
            if answer in ("skip", "done"):
                break
        if answer == "done":
            break
    if not logged:
        click.echo("nothing logged")
        return None
    return Workout(date=day, sets=tuple(logged), planned=view.session.ref)


def _meant(store: Any, user: Any, item: Any, weight_kg: Any, day: Any,
           typed: list[Any]) -> bool:
    """Whether a typed load is meant: it looks right (services.training.load_doubt), or the
    lifter says so when asked ('255 kg? The target is 25.5 kg. Log anyway? [y/N]'; Enter: no,
    the set is asked again)."""
    from redwood.services.training import load_doubt

    t = item.target
    doubt = load_doubt(store, user, t.exercise_id, weight_kg, day, t, typed=typed)
    if doubt is None:
        return True
    from redwood.render.text import doubt_question

    return click.confirm(f"  {doubt_question(t.exercise_id, doubt, user.unit)} Log anyway?",
                         default=False)


def _prompt_rpe(n: int) -> Any:
    """A set's RPE (a calibrating lift's, or one with the plan's effort target), 1-10 in half
    steps (Enter: not given); asked until valid."""
    from decimal import Decimal, InvalidOperation

    while True:
        text = click.prompt(f"  set {n} RPE (1-10, 10 = nothing left; Enter to skip)",
                            default="", show_default=False).strip()
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal(-1)
        if 1 <= value <= 10 and value * 2 == int(value * 2):
            return value
        click.echo("  RPE: use a number from 1 to 10, in half steps (e.g. 8 or 8.5)")


@click.command()
@click.option("--exercise", "exercise_id", default=None,
              help="Only the workouts with this exercise (an id or a name), and in text only "
                   "its sets.")
@click.option("--since", default=None, help="From this date, YYYY-MM-DD.")
@click.option("--limit", type=int, default=None, help="At most this many workouts.")
@click.option("--format", "-f", "format_", default="text", show_default=True, help="text or json")
def history(exercise_id: str | None, since: str | None, limit: int | None,
            format_: str) -> None:
    """Your logged workouts, newest first."""
    from redwood.services.training import history as load_history
    from redwood.services.training import workouts_as_json

    choice(format_, ("text", "json"), "--format")
    start = parse_day(since, "--since") if since else None
    if limit is not None and limit < 1:
        fail(f"--limit: {limit} must be at least 1")
    store, user = context().open(fast=True)
    if exercise_id is not None:
        from redwood.services.training import TrainingError, logged_exercise

        try:
            exercise_id = logged_exercise(store, user, exercise_id)
        except TrainingError as exc:
            fail(worded(exc))
    workouts = load_history(store, user, exercise_id=exercise_id, since=start, limit=limit)
    if format_ == "json":
        sys.stdout.write(workouts_as_json(workouts))
        return
    if not workouts and (exercise_id or start):
        # Not "nothing logged yet": the filters left nothing of a log that may be long.
        click.echo("no workouts" + (f" with {exercise_id}" if exercise_id else "")
                   + (f" since {start.isoformat()}" if start else ""))
        return
    from redwood.render.text import print_history
    from redwood.services.training import exercise_names

    if exercise_id is not None:
        # The lift asked about, not the whole sessions it was in (the JSON keeps them whole,
        # the shape `log --from-json` reads).
        import dataclasses

        workouts = [dataclasses.replace(w, sets=tuple(s for s in w.sets
                                                      if s.exercise_id == exercise_id))
                    for w in workouts]

    print_history(workouts, user.unit,
                  exercise_names(store, user, (s.exercise_id for w in workouts for s in w.sets)))


@click.command()
@click.option("--date", "date_", default=None, help="YYYY-MM-DD (default: today).")
@click.option("--sleep", type=str, default=None, help="Hours slept, e.g. 7.5 (0-24).")
@click.option("--energy", type=Ranged(ENERGY), default=None, help="1 (drained) to 5 (great).")
@click.option("--soreness", multiple=True, help="REGION=1..5, e.g. legs=2 (1 none, 5 very).")
@click.option("--weight", type=str, default=None, help="Body weight, e.g. 80kg or 176lb.")
def checkin(date_: str | None, sleep: str | None, energy: int | None,
            soreness: tuple[str, ...], weight: str | None) -> None:
    """Record how you slept and feel: the coach reads it for readiness and fatigue."""
    from decimal import Decimal, InvalidOperation

    from redwood.domain.log import CheckIn
    from redwood.domain.vocabulary import Region, parse_choice
    from redwood.services.training import TrainingError, parse_body_weight
    from redwood.services.training import checkin as save_checkin

    day = parse_day(date_, "--date")
    store, user = context().open()
    hours = None
    if sleep is not None:
        try:
            hours = Decimal(sleep)
        except InvalidOperation:
            fail(f"--sleep: {sleep!r} is not a number of hours (0-24)")
        if not 0 <= hours <= 24:
            fail(f"--sleep: {sleep} is out of range: allowed 0..24 hours")
    sore: dict[Region, int] = {}
    for text in soreness:
        for part in text.split(","):
            region, _, level = part.partition("=")
            try:
                r = parse_choice(Region, region, "--soreness")
            except ValueError as exc:
                fail(worded(exc))
            if not level.strip().isdigit() or not 1 <= int(level) <= 5:
                fail(f"--soreness: {part!r}: use REGION=1..5, e.g. legs=2")
            sore[r] = int(level)
    body = None
    if weight is not None:
        try:
            body = parse_body_weight(weight, user.unit)
        except TrainingError as exc:
            fail(worded(exc))
    if hours is None and energy is None and not sore and body is None:
        fail("checkin: give at least one of --sleep, --energy, --soreness, --weight")
    try:
        save_checkin(store, user, CheckIn(date=day, body_weight_kg=body, sleep_hours=hours,
                                          energy=energy, soreness=sore))
    except _store_errors() as exc:
        fail(str(exc), 1)
    click.echo(f"check-in saved for {day}")


@click.command()
def undo() -> None:
    """Remove the last thing you logged (a workout, sets, a check-in, or a whole import)."""
    from redwood.services.training import undo_last

    store, user = context().open()
    try:
        undone = undo_last(store, user)
    except _store_errors() as exc:
        fail(str(exc), 1)
    if undone is None:
        fail("nothing to undo", 1)
    click.echo(f"undone: {undone.message}")


@click.command()
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
        fail(worded(exc))
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


@click.command()
@click.option("--exercise", "exercise_id", default=None, help="Only this exercise.")
@click.option("--format", "-f", "format_", default="text", show_default=True, help="text or json")
def prs(exercise_id: str | None, format_: str) -> None:
    """Personal records per exercise: heaviest, best e1RM, most reps, best session volume."""
    from redwood.coach.records import compute_records
    from redwood.services.training import history as load_history

    choice(format_, ("text", "json"), "--format")
    store, user = context().open(fast=True)
    records = compute_records(load_history(store, user, exercise_id=exercise_id))
    from redwood.render.text import print_records, records_json
    from redwood.services.training import exercise_names

    if format_ == "json":
        import json

        sys.stdout.write(json.dumps(records_json(records), indent=2) + "\n")
        return
    if not records:
        click.echo("no records yet: log a workout with `redwood log`")
        return
    print_records(records, user.unit, exercise_names(store, user, records))


@click.group()
def equipment() -> None:
    """What you can load at the gym, at home and outdoors: targets round to it."""


@equipment.command("show")
@click.argument("location", default="gym")
def equipment_show(location: str) -> None:
    """Show the bar, plates, dumbbells... Redwood assumes at LOCATION (gym, home, outdoor)."""
    from redwood.domain.vocabulary import Location, parse_choice
    from redwood.services.training import loading_profile

    try:
        where = parse_choice(Location, location, "LOCATION")
    except ValueError as exc:
        fail(worded(exc))
    store, user = context().open()
    p = loading_profile(user, where.value, store)
    unit = p.unit.value

    def num(value: Any) -> str:
        return format(value.normalize(), "f")

    def loads(values: Any) -> str:
        return ", ".join(num(v) for v in values) or "none"

    click.echo(f"{where.value} ({unit})")
    click.echo(f"  bar: {num(p.bar)} {unit}" if p.bar else "  bar: none")
    click.echo("  plates per side: "
               + (", ".join(f"{num(w)} x{n}" for w, n in p.plates) or "none"))
    click.echo(f"  dumbbells: {loads(p.dumbbells)}")
    click.echo(f"  kettlebells: {loads(p.kettlebells)}")
    click.echo(f"  bands: {', '.join(p.bands) or 'none'}")


@equipment.command("set")
@click.argument("location")
@click.option("--bar", default=None, help="Bar weight, e.g. 20 (in your unit).")
@click.option("--plates", default=None,
              help="Plates with pairs owned, e.g. 25x4,20x2,10x2,5x2,2.5x2,1.25x2,0.5x2.")
@click.option("--dumbbells", default=None, help="Pairs: 2.5-30/2.5 (from-to/step) or 5,7.5,10.")
@click.option("--kettlebells", default=None, help="e.g. 8,12,16,24.")
def equipment_set(location: str, bar: str | None, plates: str | None, dumbbells: str | None,
                  kettlebells: str | None) -> None:
    """Tell Redwood what you own at LOCATION; the rest keeps Redwood's defaults."""
    from redwood.domain.vocabulary import Location, parse_choice
    from redwood.services.training import (
        TrainingError,
        parse_loads,
        parse_plates,
        plain_load,
    )

    try:
        where = parse_choice(Location, location, "LOCATION")
    except ValueError as exc:
        fail(worded(exc))
    data: dict[str, Any] = {}
    try:
        if bar is not None:
            if plain_load(bar) is None:
                fail(f"--bar: {bar!r} is not a weight above 0, e.g. 20")
            data["bar"] = bar.strip()
        if plates is not None:
            data["plates"] = parse_plates(plates)
        if dumbbells is not None:
            data["dumbbells"] = parse_loads(dumbbells, "dumbbells")
        if kettlebells is not None:
            data["kettlebells"] = parse_loads(kettlebells, "kettlebells")
    except TrainingError as exc:
        fail(worded(exc))
    if not data:
        fail("equipment set: give at least one of --bar, --plates, --dumbbells, --kettlebells")
    from redwood.services.training import save_equipment

    store, user = context().open()
    save_equipment(store, user, where.value, data)
    click.echo(f"saved what you can load at {where.value}: see `redwood equipment show "
               f"{where.value}`")
