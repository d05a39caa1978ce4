"""What every `redwood` command shares: one-line failures, output files, the command context.

The context is opened on first use, so commands that never touch the log (plan, check,
exercises) never load the store.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from redwood.services.planning import DEFAULT_PROFILE

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

DEFAULTS = DEFAULT_PROFILE
"""`redwood plan`'s defaults (the services' default profile)."""

USAGE = 2
VIOLATIONS = 1


class Failure(click.ClickException):
    """An error to show as one line, with its exit code."""

    def __init__(self, message: str, code: int = USAGE) -> None:
        super().__init__(message)
        self.exit_code = code  # type: ignore[misc]


def fail(message: str, code: int = USAGE) -> NoReturn:
    raise Failure(message, code)


class Ranged(click.IntRange):
    """A whole number within bounds, refused in one line that names them as every range in
    Redwood is named ("--days: 9 is out of range: allowed 2..6", "--days: 'abc' is not a whole
    number: allowed 2..6"); the help shows them too. `bounds`: (low, high), or a function that
    gives them, so that the rules are read only when the option is used."""

    def __init__(self, bounds: tuple[int, int] | Callable[[], tuple[int, int]]) -> None:
        self._bounds = bounds
        super().__init__(clamp=False)

    # click.IntRange keeps its bounds in `min` and `max`: here they come from `bounds`.
    @property
    def min(self) -> int:
        return self.bounds()[0]

    @min.setter
    def min(self, _: object) -> None:
        pass

    @property
    def max(self) -> int:
        return self.bounds()[1]

    @max.setter
    def max(self, _: object) -> None:
        pass

    def bounds(self) -> tuple[int, int]:
        return self._bounds() if callable(self._bounds) else self._bounds

    def _describe_range(self) -> str:
        low, high = self.bounds()
        return f"{low}..{high}"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        allowed = f"allowed {self._describe_range()}"
        try:
            number = value if isinstance(value, int) else int(value)
        except ValueError:
            self.fail(f"{value!r} is not a whole number: {allowed}", param, ctx)
        low, high = self.bounds()
        if not low <= number <= high:
            self.fail(f"{number} is out of range: {allowed}", param, ctx)
        return number


def schedule_bounds(field: str) -> Callable[[], tuple[int, int]]:
    """The plan's allowed days, minutes or weeks (rules.toml [schedule]), read when needed."""

    def bounds() -> tuple[int, int]:
        from redwood.rules import load_rules

        low, high = getattr(load_rules().schedule, field)
        return int(low), int(high)

    return bounds


def choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        fail(f"{option}: {value!r} is not one of {', '.join(allowed)}")
    return value


def parse_day(value: str | None, option: str) -> Any:
    """--date/--end/--since: YYYY-MM-DD, today when not given (a dt.date)."""
    import datetime as dt

    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date: use YYYY-MM-DD")


def worded(exc: Any) -> str:
    """A service error's one line, its field named as the option (`days` -> `--days`)."""
    if not hasattr(exc, "worded"):
        return str(exc)
    field = getattr(exc, "field", None)
    return str(exc.worded({field: "--" + field.replace("_", "-")} if field else None))


def quiet_stdout() -> None:
    """Point stdout at /dev/null once its reader has gone (a closed pipe), so that nothing
    left to flush at exit raises again."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def as_path(name: str | None) -> Path | None:
    """An -o FILE option's value as a Path (pathlib is imported only when one is given: the
    commands `redwood plan` runs without it start faster)."""
    if name is None:
        return None
    from pathlib import Path

    return Path(name)


def write_output(data: str | bytes, output: Path | None, *, binary_ok_on_tty: bool = True
                 ) -> None:
    """Write to FILE (atomically: a temporary file renamed over it), a device or pipe as it is,
    or to stdout (also for `-o -`, the usual name for standard output: it made a file named
    "-" in the current directory)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is not None and str(output) == "-":
        output = None
    if output is None:
        if not binary_ok_on_tty and sys.stdout.isatty():
            fail("-o: this format is binary; give -o FILE (or redirect the output)")
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
        return
    import os
    import stat
    import tempfile
    from pathlib import Path

    try:
        if output.exists() and not stat.S_ISREG(output.stat().st_mode):
            # A device or a pipe (-o /dev/stdout, /dev/null, a FIFO): written in place. Renaming
            # a file over it would replace the device itself (as root, /dev/null).
            with output.open("wb") as device:
                device.write(raw)
            click.echo(f"wrote {output}", err=True)
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent or ".")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(raw)
            os.replace(tmp, output)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        fail(f"-o: cannot write {output}: {exc.strerror}")
    click.echo(f"wrote {output}", err=True)



class Context:
    """The CLI's context: the database and user a command works on, opened on first use."""

    def __init__(self, database_url: str | None, user_name: str | None) -> None:
        self.database_url = database_url
        self.user_name = user_name
        self._opened: tuple[Any, Any] | None = None

    def open(self, create_user: bool = False, *, fast: bool = False) -> tuple[Any, Any]:
        """The store and the user; `create_user` adds a --user that does not exist yet.
        `fast`: the commands that read the log, and `log`, take the SQLite fast path (no
        SQLAlchemy or Alembic to load; see services.base.connect). A database newer than this
        Redwood is bad input (exit 2, nothing written); other store errors exit 1."""
        from redwood.services.base import SchemaTooNew, StoreError, connect
        from redwood.services.training import lifter

        if self._opened is None:
            try:
                store = connect(self.database_url, fast=fast)
                user = lifter(store, self.user_name, create=create_user)
            except SchemaTooNew as exc:
                fail(str(exc))
            except StoreError as exc:
                fail(str(exc), 1)
            if user is None:
                fail(f"--user: no user named {self.user_name!r}; add them with "
                     f"`redwood --user {self.user_name} init`", 1)
            self._opened = (store, user)
        return self._opened


    def saved_profile(self) -> dict[str, Any] | None:
        """The lifter's saved profile (`redwood plan`'s options not given), read without
        creating the log or a user: None when there is none. Errors as `open`'s."""
        from redwood.services.planning import PlanningError, saved_profile

        try:
            return saved_profile(self.database_url, self.user_name)
        except PlanningError as exc:  # the only one it raises: no such --user
            fail(f"--user: {exc.message}; add them with `redwood --user {self.user_name} init`",
                 1)
        except Exception as exc:
            # The store's errors come only once it is loaded: importing them costs nothing
            # then, and the common case (no log yet) never loads them.
            from redwood.services.base import SchemaTooNew, StoreError

            if isinstance(exc, SchemaTooNew):
                fail(str(exc))
            if isinstance(exc, StoreError):
                fail(str(exc), 1)
            raise


def context() -> Context:
    obj = click.get_current_context().find_object(Context)
    assert obj is not None
    return obj
