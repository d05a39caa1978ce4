"""Rendering for people: the plan and the exercise library in the terminal and as markdown."""

from __future__ import annotations

from redwood.domain.exercise import Exercise
from redwood.domain.plan import Block, BlockKind, Plan, Prescription, TrainingSession, Week

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, TextIO

    from redwood.domain.plan import Activity

_TAG = "abcdefghijklmnopqrstuvwxyz0123456789.-"
"""The characters of a [rule.id] tag (`\\[[a-z0-9.-]+\\]`)."""


def plain_why(text: str) -> str:
    """A `why` sentence without its [rule.id] tags and the spaces before each, for reading.
    (Found by their '[': a pattern that starts with the spaces tried every position of the
    sentence, some 7 M instructions of a 12-week text plan; and by str methods, not a
    pattern, whose compiling alone cost a text plan about 1 M.)"""
    at = text.find("[")
    if at < 0:
        return text.strip()
    parts, end = [], 0
    while at >= 0:
        close = text.find("]", at + 1)
        if close < 0:
            break
        if close > at + 1 and not text[at + 1:close].strip(_TAG):  # a tag: drop it
            parts.append(text[end:at].rstrip())
            end = close + 1
            at = text.find("[", end)
        else:
            at = text.find("[", at + 1)
    parts.append(text[end:])
    return "".join(parts).strip()


def dose(item: Prescription) -> str:
    """'3 x 8-10', '3 x 30-45 s', with '/side' for unilateral work and '@ RPE 8' where the
    plan sets the effort (an advanced lifter's main lifts)."""
    unit = " s" if item.timed else ""
    side = "/side" if item.per_side else ""
    rng = f"{item.low}" if item.low == item.high else f"{item.low}-{item.high}"
    effort = f" @ RPE {item.rpe:g}" if item.rpe is not None else ""
    return f"{item.sets} x {rng}{unit}{side}{lowering(item.lowering_s)}{effort}"


def lowering(seconds: tuple[int, int] | None) -> str:
    """', 3-5 s down' for a negative's lowering tempo; '' for every other exercise."""
    if seconds is None:
        return ""
    low, high = seconds
    return f", {low} s down" if low == high else f", {low}-{high} s down"


def _week_shape(week: Week) -> list[tuple[object, ...]]:
    """What a lifter does in the week, day by day: its lifts with their sets, reps, rest and
    effort, superset rounds; two weeks of one shape read "same sessions as last week"."""
    return [(b.kind, b.rounds, b.rest_between_s,
             tuple((i.exercise_id, i.sets, i.low, i.high, i.rest_s, i.rpe) for i in b.items))
            for s in week.sessions for b in s.blocks]


def _week_lines(week: Week) -> list[str]:
    """What the week changes (a deload's cut) and its own notes, for reading."""
    return [plain_why(n) for n in (week.note, *week.notes) if n]


def _session_line(session: TrainingSession, seen: set[str]) -> str:
    """The session's reason the first time it is printed (it repeats week to week)."""
    text = " ".join(plain_why(w) for w in session.why)
    if not text or text in seen:
        return ""
    seen.add(text)
    return text


def _block_label(block: Block, index: int) -> str:
    if block.kind is BlockKind.SUPERSET:
        return f"Superset {chr(ord('A') + index)}: {block.rounds} rounds, " \
               f"{block.rest_between_s} s between"
    return ""


def _minutes(x: float) -> str:
    return f"{x:g} min"


# --------------------------------------------------------------------------------------------
# Terminal


def print_plan(plan: Plan, file: TextIO | None = None) -> None:
    """The plan as tables, one per session, on stdout or into `file` as plain text. Plain
    text (not a terminal) is written without rich, in the characters rich would write
    (render/plain.py); a terminal, or text that module cannot lay out, gets rich."""
    from redwood.render.terminal import RichOut, console, plain_out

    out = plain_out(file)
    if out is not None:
        from redwood.render.plain import NotPlain

        try:
            _write_plan(plan, out)
        except NotPlain:
            pass
        else:
            out.flush()
            return
    _write_plan(plan, RichOut(console(file=file)))


def _write_plan(plan: Plan, out: Any) -> None:
    """The plan on `out`, a terminal.RichOut or a plain.PlainOut."""
    from redwood.render.terminal import Column, Styled, print_table

    p = plan.profile
    out.print(
        f"Redwood plan: {p.goal.value}, {p.level.value}, {p.days_per_week} days x "
        f"{p.minutes_per_session} min, {p.weeks} weeks from {p.start_date.isoformat()} "
        f"({p.location.value})", "bold green")
    for note in plan.notes:
        out.hang("  - ", plain_why(note), "dim")
    columns = (Column("", lead=True), Column("Exercise", lead=True), Column("Sets x reps"),
               Column("Rest", justify="right"), Column("Why", style="dim"))
    previous: list[tuple[object, ...]] | None = None
    seen: set[str] = set()
    # Reasons and warm-ups repeat week after week (a week's own sentence among the same ones):
    # each sentence and each list of activities is worded once.
    reasons: dict[tuple[str, ...], str] = {}
    sentences: dict[str, str] = {}
    activities: dict[tuple[Activity, ...], str] = {}

    def reason(why: tuple[str, ...]) -> str:
        text = reasons.get(why)
        if text is None:
            words = []
            for w in why:
                plain = sentences.get(w)
                if plain is None:
                    plain = sentences[w] = plain_why(w)
                words.append(plain)
            text = reasons[why] = out.joined(words)
        return text

    def done(what: tuple[Activity, ...]) -> str:
        text = activities.get(what)
        if text is None:
            text = activities[what] = "; ".join(f"{a.name} ({_minutes(a.minutes)})"
                                                for a in what)
        return text
    for week in plan.weeks:
        shape = _week_shape(week)
        same = shape == previous and not week.deload
        title = f"Week {week.index}" + (" (deload)" if week.deload else "") + \
            f"  - block {week.block_index}"
        out.rule(title, "bold")
        for line in _week_lines(week):
            out.hang("  ", line, "dim")
        if same:
            dates = ", ".join(f"{s.weekday.value} {s.date.isoformat()}" for s in week.sessions)
            out.hang("  ", f"Same sessions as last week: {dates}", "dim")
            continue
        previous = shape
        for session in week.sessions:
            rows: list[tuple[Any, ...]] = []
            rows.append(("", Styled("Warm-up", "italic"), "", "", done(session.warmup)))
            for blk, label_index in _superset_indexed(session):
                label = _block_label(blk, label_index)
                for n, item in enumerate(blk.items):
                    mark = (f"{chr(ord('A') + label_index)}{n + 1}"
                            if blk.kind is BlockKind.SUPERSET else f"{label_index}")
                    why = reason(item.why)
                    if label and n == 0:
                        why = out.joined((f"{label}.", why))
                    rows.append((mark, item.name, dose(item), f"{item.rest_s} s", why))
            rows.append(("", Styled("Cool-down", "italic"), "", "", done(session.cooldown)))
            print_table(out, columns, rows,
                        title=f"{session.weekday.value.capitalize()} {session.date.isoformat()}: "
                              f"{session.title}  (~{session.estimated_minutes} min)")
            why = reason(session.why)
            if why and why not in seen:  # as _session_line: the first time only
                seen.add(why)
                out.hang("  ", f"Why this session: {why}", "dim")
            out.print()


def _superset_indexed(session: TrainingSession) -> list[tuple[Block, int]]:
    """Each block with its superset letter index (for supersets) or its single number."""
    out, letters, numbers = [], 0, 0
    for block in session.blocks:
        if block.kind is BlockKind.SUPERSET:
            out.append((block, letters))
            letters += 1
        else:
            numbers += 1
            out.append((block, numbers))
    return out


# --------------------------------------------------------------------------------------------
# Markdown


def plan_markdown(plan: Plan) -> str:
    p = plan.profile
    lines = [
        f"# Redwood plan: {p.goal.value}, {p.level.value}",
        "",
        f"{p.days_per_week} days a week ({', '.join(w.value for w in p.weekdays)}), "
        f"{p.minutes_per_session} minutes a session, {p.weeks} weeks from "
        f"{p.start_date.isoformat()}. Location: {p.location.value}; equipment: "
        f"{', '.join(e.value for e in p.equipment) or 'bodyweight only'}.",
        "",
    ]
    lines += [f"- {plain_why(n)}" for n in plan.notes]
    seen: set[str] = set()
    for week in plan.weeks:
        lines += ["", f"## Week {week.index}" + (" (deload)" if week.deload else ""), ""]
        lines += [f"{line}\n" for line in _week_lines(week)]
        for s in week.sessions:
            why = _session_line(s, seen)
            lines += [f"### {s.weekday.value.capitalize()} {s.date.isoformat()}: {s.title}",
                      "", f"About {s.estimated_minutes} minutes." + (f" {why}" if why else ""),
                      ""]
            lines.append("**Warm-up:** " + "; ".join(
                f"{a.name} ({_minutes(a.minutes)})" for a in s.warmup))
            lines += ["", "| # | Exercise | Sets x reps | Rest | Why |", "|---|---|---|---|---|"]
            for blk, label_index in _superset_indexed(s):
                for n, item in enumerate(blk.items):
                    mark = (f"{chr(ord('A') + label_index)}{n + 1}"
                            if blk.kind is BlockKind.SUPERSET else f"{label_index}")
                    why = " ".join(plain_why(w) for w in item.why[:2]).replace("|", "/")
                    lines.append(f"| {mark} | {item.name} | {dose(item)} | {item.rest_s} s | "
                                 f"{why} |")
            supersets = [b for b in s.blocks if b.kind is BlockKind.SUPERSET]
            if supersets:
                lines += ["", "Letters mark supersets: do A1 then A2 with "
                          f"{supersets[0].rest_between_s} s between, then rest and repeat."]
            lines += ["", "**Cool-down:** " + "; ".join(
                f"{a.name} ({_minutes(a.minutes)})" for a in s.cooldown), ""]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------------------------
# Exercise library


def exercise_rows(exercises: list[Exercise]) -> list[dict[str, Any]]:
    return [
        {
            "id": ex.id,
            "name": ex.name,
            "pattern": ex.pattern.value,
            "mechanic": ex.mechanic.value,
            "region": ex.region.value,
            "primary_muscles": [m.value for m in ex.primary_muscles],
            "equipment": [e.value for e in ex.equipment],
            "level": ex.level.value,
            "source": ex.source,
        }
        for ex in exercises
    ]


def exercise_detail_json(ex: Exercise) -> dict[str, Any]:
    row = exercise_rows([ex])[0]
    row.update(
        aliases=list(ex.aliases),
        secondary_muscles=[m.value for m in ex.secondary_muscles],
        unilateral=ex.unilateral,
        measure=ex.measure.value,
        default_rest_s=ex.default_rest_s,
        cues=list(ex.cues),
        mistakes=list(ex.mistakes),
        substitutions=[{"id": s.exercise_id, "note": s.note} for s in ex.substitutions],
    )
    return row


def print_exercise_table(exercises: list[Exercise]) -> None:
    from redwood.render.terminal import Column, console, print_table

    out = console()
    columns = (Column("id", lead=True), Column("name", lead=True), Column("pattern"),
               Column("region"), Column("equipment"), Column("level"))
    rows = [(ex.id, ex.name + ("" if ex.source == "redwood" else " *"), ex.pattern.value,
             ex.region.value, ", ".join(e.value for e in ex.equipment) or "bodyweight",
             ex.level.value) for ex in exercises]
    print_table(out, columns, rows)
    if any(ex.source != "redwood" for ex in exercises):
        out.print("* from the open free-exercise-db library", style="dim")


def print_exercise(ex: Exercise) -> None:
    from redwood.catalog import load_catalog
    from redwood.render.terminal import console as make_console

    console = make_console()
    console.print(f"[bold]{ex.name}[/bold]  ({ex.id})")
    console.print(f"{ex.mechanic.value} {ex.pattern.value}, {ex.region.value}, "
                  f"{ex.level.value}" + (", one side at a time" if ex.unilateral else ""))
    console.print("Muscles: " + ", ".join(m.value for m in ex.primary_muscles)
                  + ("; also " + ", ".join(m.value for m in ex.secondary_muscles)
                     if ex.secondary_muscles else ""))
    console.print("Equipment: " + (", ".join(e.value for e in ex.equipment) or "bodyweight"))
    console.print(f"Rest: {ex.default_rest_s} s")
    if ex.aliases:
        console.print("Also called: " + ", ".join(ex.aliases), style="dim")
    for title, items in (("Form cues", ex.cues), ("Common mistakes", ex.mistakes)):
        if items:
            console.print(f"\n[bold]{title}[/bold]")
            for line in items:
                console.print(f"  - {line}")
    if ex.substitutions:
        catalog = load_catalog()
        console.print("\n[bold]Substitutions[/bold]")
        for sub in ex.substitutions:
            other = catalog.get(sub.exercise_id)
            name = other.name if other else sub.exercise_id
            console.print(f"  - {name} ({sub.exercise_id}): {sub.note}")
    if ex.source != "redwood":
        console.print("\nFrom the open free-exercise-db library (public domain).", style="dim")


# --------------------------------------------------------------------------------------------
# The training day


def _kg(weight_kg: Any, unit: Any) -> str:
    from redwood.coach.loading import display_weight

    return "bodyweight" if weight_kg is None else display_weight(weight_kg, unit)


def load_text(exercise_id: str, weight_kg: Any, unit: Any) -> str:
    """'60 kg'; on an assisted machine the weight is help, not load: '-20 kg assist' (the
    history's '-20 kg', named); 'bodyweight' without a weight. The CLI's today and the web's."""
    from redwood.domain.log import is_assisted

    if weight_kg is not None and is_assisted(exercise_id):
        return f"-{_kg(weight_kg, unit)} assist"
    return _kg(weight_kg, unit)


_DOUBT_REFERENCE = {
    "target": ("the target", "The target is"),
    "estimate": ("the first estimate", "The target is"),
    "today": ("your heaviest set of it today", "Your heaviest set of it today is"),
    "best": ("your heaviest", "Your heaviest set so far is"),
}
"""How a typo's reference reads (coach/typo.py's Basis): in `redwood log`'s warning, and in
the web's question."""


def doubt_question(exercise_id: str, doubt: Any, unit: Any) -> str:
    """The web's question before storing a load that looks like a typo: '255 kg? The target is
    100 kg.'"""
    said = _DOUBT_REFERENCE[doubt.basis.value][1]
    return (f"{load_text(exercise_id, doubt.weight_kg, unit)}? {said} "
            f"{load_text(exercise_id, doubt.reference_kg, unit)}.")


def doubt_warning(label: str, exercise_id: str, doubt: Any, unit: Any) -> str:
    """`redwood log`'s line for a kept set whose load looks like a typo: 'set 2 of Back Squat:
    255 kg is over 2 x your heaviest (120 kg); if it is a typo, `redwood undo` takes this log
    back' (the whole log: its sets are one entry of the undo journal)."""
    said = _DOUBT_REFERENCE[doubt.basis.value][0]
    return (f"{label}: {load_text(exercise_id, doubt.weight_kg, unit)} is over "
            f"{doubt.ratio.normalize():f} x {said} "
            f"({load_text(exercise_id, doubt.reference_kg, unit)}); if it is a typo, "
            "`redwood undo` takes this log back")


def doubt_kept(exercise_id: str, doubt: Any, unit: Any) -> str:
    """The API's word on a kept set whose load looks like a typo (a set logged offline and
    sent later, when no one could be asked first): '255 kg is over 2 x your heaviest
    (120 kg): kept; if it is a typo, undo or correct it'."""
    said = _DOUBT_REFERENCE[doubt.basis.value][0]
    return (f"{load_text(exercise_id, doubt.weight_kg, unit)} is over "
            f"{doubt.ratio.normalize():f} x {said} "
            f"({load_text(exercise_id, doubt.reference_kg, unit)}): kept; if it is a typo, "
            "undo or correct it")


def set_text(s: Any, unit: Any, *, rpe: bool = False) -> str:
    """How a logged set reads: '60 kg x 10', 'bodyweight x 30 s', '60 kg x 6 (failed)';
    with `rpe`, its RPE too: '60 kg x 5 @ RPE 8'. The web's Today and `redwood today`."""
    amount = f"{s.reps}" if s.reps is not None else f"{s.seconds} s"
    text = f"{load_text(s.exercise_id, s.weight_kg, unit)} x {amount}" \
        if s.weight_kg is not None else f"bodyweight x {amount}"
    if rpe and s.rpe is not None:
        text += f" @ RPE {s.rpe.normalize():f}"
    return text + ("" if s.completed else " (failed)")


def target_text(t: Any, unit: Any) -> str:
    """A target (coach.targets.Target) as the web's Today and `redwood finish` write it:
    '3 x 8-10 @ 60 kg', '3 x 8 @ 60 kg' (a range of one is one number), '3 x 30-45 s', and
    with the plan's effort target '3 x 5 @ RPE 6.5, 72.5 kg'."""
    low, high = (t.seconds_min, t.seconds_max) if t.seconds_min is not None else (
        t.reps_min, t.reps_max)
    span = f"{low}" if low == high else f"{low}-{high}"
    if t.seconds_min is not None:
        span += " s"
    load = load_text(t.exercise_id, t.weight_kg, unit)
    if t.ramp:
        return f"{t.sets} x {span}: set 1 @ {load} (light), then by feel"
    if t.rpe is not None:
        return f"{t.sets} x {span} @ RPE {t.rpe:g}, {load}"
    return f"{t.sets} x {span} @ {load}"


def finished_lines(summary: Any, unit: Any) -> list[str]:
    """A session finished (services.training.Finished) as `redwood finish` says it: the line
    `redwood today` then shows, and the coach's targets for next time with why, as the web's
    summary lists them (`redwood log` named the records as they fell)."""
    n = len(summary.sets)
    lines = [f"Session finished: {summary.title} ({n} set{'' if n == 1 else 's'} logged)."]
    if summary.next_time:
        lines.append("Next time:")
        lines += [f"  {i.name}: {target_text(i.target, unit)}. {plain_why(i.target.reason)}"
                  for i in summary.next_time]
    return lines


def short_of(s: Any, t: Any) -> str:
    """'short of 8 reps' when a logged set fell below its target `t`'s bottom; 'failed' for
    a failed set; '' otherwise."""
    if t.seconds_min is not None:
        if s.seconds is not None and s.seconds < t.seconds_min:
            return f"short of {t.seconds_min} s"
    elif s.reps is not None and t.reps_min is not None and s.reps < t.reps_min:
        return f"short of {t.reps_min} reps"
    return "" if s.completed else "failed"


def print_today(view: Any, unit: Any, found: Any = None) -> None:
    """Today's session: each exercise with its target, warm-up ramp and the coach's reason;
    with `found` (services.training.TodayProgress), what is logged of it and the sessions
    done before it today. Plain text (not a terminal) is written without rich, as
    `print_plan` writes it: importing rich and laying out its table was some 40% of a whole
    `redwood today` (callgrind)."""
    from redwood.render.terminal import console, plain_out

    out = plain_out()
    if out is not None:
        from redwood.render.plain import NotPlain

        try:
            _write_today(view, unit, out, found)
        except NotPlain:
            pass
        else:
            out.flush()
            return
    _write_today(view, unit, console(), found)


def _marks(view: Any) -> list[str]:
    """Each item's mark as the table numbers it: 1, 2... and A1, A2 in a superset."""
    marks = []
    numbers = 0
    in_superset: dict[str, int] = {}
    for item in view.items:
        if item.superset:
            in_superset[item.superset] = in_superset.get(item.superset, 0) + 1
            marks.append(f"{item.superset}{in_superset[item.superset]}")
        else:
            numbers += 1
            marks.append(str(numbers))
    return marks


def _write_today(view: Any, unit: Any, out: Any, found: Any = None) -> None:
    """Today's session on `out`, a rich console or a plain.PlainOut (which raises
    plain.NotPlain, having written nothing it keeps, for text it cannot write as rich does).
    `found`: the session's progress (services.training.TodayProgress), or None."""
    from redwood.render.terminal import Column, print_table

    lines = None
    if found is not None and (found.done or found.progress is not None):
        from redwood.render.terminal import RichOut

        lines = out if not hasattr(out, "options") else RichOut(out)
        for done in found.done:
            _write_done(done, lines)
    heading = (f"{view.date.isoformat()}: {view.title}  (plan {view.session.plan_id}, "
               f"week {view.session.week}, ~{view.session.data.get('estimated_minutes')} min)")
    if hasattr(out, "options"):  # rich: the date and title in bold green
        out.print(f"[bold green]{view.date.isoformat()}: {view.title}[/bold green]  "
                  f"(plan {view.session.plan_id}, week {view.session.week}, "
                  f"~{view.session.data.get('estimated_minutes')} min)")
    else:
        from redwood.render.plain import NotPlain, plain_ok

        if not plain_ok(heading):  # rich would read markup or an emoji code in it
            raise NotPlain(heading)
        out.print(heading)
    columns = (Column("", lead=True), Column("Exercise", lead=True), Column("Target"),
               Column("Rest", justify="right"), Column("Why"))
    rows: list[tuple[str, ...]] = []
    marks = _marks(view)
    for mark, item in zip(marks, view.items, strict=True):
        t = item.target
        target = target_text(t, unit)
        if t.calibrate:
            target += " calibrating" + (", last set a rep-out" if t.rep_out else "")
        why = t.reason + ("".join(f" {n}" for n in t.notes))
        if item.warmup:
            ramp = ", ".join(f"{load_text(t.exercise_id, w.weight_kg, unit)} x {w.reps_max}"
                             for w in item.warmup)
            why += f" Warm-up: {ramp}."
        rows.append((mark, item.name, target, f"{t.rest_s} s", why))
    print_table(out, columns, rows)
    if lines is not None and found.progress is not None:
        _write_progress(found.progress, marks, unit, lines)
        # A session cut short stays today's until it is finished, as on the web's Today.
        out.print("Stopping with sets left? `redwood finish` ends the session.", style="dim")
    out.print("Log it with `redwood log` (prompts prefilled with these targets).", style="dim")


def done_line(done: Any, *, last: bool = False) -> str:
    """A session of the day that Today has moved past (services.training.SessionDone), in
    the web's words (its Finish card and summary); `last`: the plan's last session."""
    logged = f"({done.sets} set{'' if done.sets == 1 else 's'} logged)"
    end = ", the last of the plan" if last else ""
    if done.finished:
        return f"Session finished: {done.title} {logged}{end}."
    return f"Session done: {done.title} {logged}{end}. Well lifted!"


def _write_done(done: Any, out: Any) -> None:
    """done_line, before the next session's table."""
    out.print(done_line(done), style="bold green")
    out.print("Next session:")


def _write_progress(progress: Any, marks: list[str], unit: Any, out: Any) -> None:
    """What is logged of the session so far (services.training.SessionProgress), lift by
    lift under the table's marks: the sets done, how many remain and the next set's load."""
    # (A complete session is never shown in progress: Today has moved past it, _write_done.)
    out.print(f"Logged so far: {progress.done} of {progress.total} sets.", style="bold")
    for mark, lift in zip(marks, progress.lifts, strict=True):
        t = lift.item.target
        sets = []
        for s in lift.done:
            short = short_of(s, t)
            sets.append(set_text(s, unit, rpe=True)
                        + (f" ({short})" if short and short != "failed" else ""))
        text = f"{lift.item.name}: {len(lift.done)} of {t.sets} sets done"
        if sets:
            text += ": " + ", ".join(sets)
        text += "."
        if lift.extra:
            text += " Extra: " + ", ".join(set_text(s, unit, rpe=True) for s in lift.extra) + "."
        if lift.remaining:
            at = load_text(t.exercise_id, lift.next_kg, unit)
            by_feel = " (by feel, from the set before)" if t.ramp and lift.done else ""
            left = f"{lift.remaining} set{'' if lift.remaining == 1 else 's'} left"
            text += f" Next: set {len(lift.done) + 1} @ {at}{by_feel}; {left}."
            if by_feel and lift.next_reason:
                # The coach's step in its own words: a big jump after an effortless set, a
                # small one near the working load.
                text += f" {lift.next_reason}."
        out.hang(f"  {mark} ", text)
    if progress.others:
        by_lift: dict[str, list[str]] = {}
        for name, s in progress.others:
            by_lift.setdefault(name, []).append(set_text(s, unit, rpe=True))
        out.hang("  ", "Also logged: " + "; ".join(
            f"{name} {', '.join(sets)}" for name, sets in by_lift.items()) + ".")


def print_history(workouts: Any, unit: Any, names: Mapping[str, str]) -> None:
    from redwood.domain.log import signed_load
    from redwood.render.terminal import console as make_console

    console = make_console()
    if not workouts:
        console.print("nothing logged yet: `redwood log --exercise back-squat --set 60kgx10`")
        return
    for w in workouts:
        console.print(f"[bold]{w.date.isoformat()}[/bold]  workout {w.id}"
                      + (f"  energy {w.energy}/5" if w.energy else "")
                      + (f"  {w.notes}" if w.notes else ""))
        by_exercise: dict[str, list[Any]] = {}
        for s in w.sets:
            by_exercise.setdefault(s.exercise_id, []).append(s)
        for ex_id, sets in by_exercise.items():
            parts = []
            for s in sets:
                amount = f"{s.reps}" if s.reps is not None else f"{s.seconds} s"
                # An assisted exercise's weight is help: "-40 kg x 8".
                text = (f"{_kg(signed_load(s.exercise_id, s.weight_kg), unit)} x {amount}"
                        if s.weight_kg is not None else amount)
                if s.rpe is not None:
                    text += f" @{s.rpe:g}"
                if s.kind.value != "working":
                    text += f" ({s.kind.value})"
                parts.append(text)
            console.print(f"  {names.get(ex_id, ex_id)}: " + ", ".join(parts))


def records_json(records: Any) -> list[dict[str, Any]]:
    def best(b: Any) -> dict[str, Any] | None:
        if b is None:
            return None
        return {"value": float(b.value), "date": b.date.isoformat() if b.date else None,
                "weight_kg": None if b.weight_kg is None else float(b.weight_kg),
                "reps": b.reps}

    return [
        {"exercise_id": ex_id, "heaviest": best(r.heaviest), "best_e1rm": best(r.best_e1rm),
         "best_volume": best(r.best_volume)}
        for ex_id, r in sorted(records.items())
    ]


def print_records(records: Any, unit: Any, names: Mapping[str, str]) -> None:
    from redwood.render.terminal import Column, console, print_table

    rows = []
    for ex_id, r in sorted(records.items()):
        heaviest = (f"{_kg(r.heaviest.value, unit)} x {r.heaviest.reps} ({r.heaviest.date})"
                    if r.heaviest else "-")
        e1rm = f"{_kg(r.best_e1rm.value, unit)} ({r.best_e1rm.date})" if r.best_e1rm else "-"
        volume = (f"{_kg(r.best_volume.value, unit)} ({r.best_volume.date})"
                  if r.best_volume else "-")
        rows.append((names.get(ex_id, ex_id), heaviest, e1rm, volume))
    columns = (Column("Exercise", lead=True), Column("Heaviest"), Column("Best e1RM"),
               Column("Best session volume"))
    print_table(console(), columns, rows)
