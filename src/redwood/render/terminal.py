"""The terminal: one console for every command, sized so that no word is ever cut.

Rich crops a table's lines at the console's width when its columns cannot shrink enough, so
words vanish mid-way ("side to sid"). Here a table is printed only when its narrowest layout
(every column as wide as its longest word) fits; otherwise each row is stacked as a short
block of "Header: value" lines, which the console wraps at word boundaries. When stdout is not
a terminal (a pipe, a file), the output is plain text at a readable width. `--width N`
overrides the width everywhere.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console

MIN_WIDTH = 40          # narrower than this, even the stacked layout would split words
PIPE_WIDTH = 100        # a readable line for files and pipes, where no terminal says its size
STACK_BELOW = 70        # narrower than this a table of long sentences is a tall thin column

_width: int | None = None


class WidthError(ValueError):
    """A --width that is not a number of columns of at least MIN_WIDTH."""


def set_width(value: str | int | None) -> None:
    """Fix the width of all output (the `--width` option); None goes back to the default."""
    global _width
    if value is None:
        _width = None
        return
    try:
        columns = int(value)
    except (TypeError, ValueError):
        raise WidthError(f"--width: {value!r} is not a number of columns "
                         f"(at least {MIN_WIDTH})") from None
    if columns < MIN_WIDTH:
        raise WidthError(f"--width: {columns} is too narrow; use at least {MIN_WIDTH} columns")
    _width = columns


def width(stream: Any = None) -> int:
    """The columns to write in: --width, else the terminal's, else a readable fixed width."""
    if _width is not None:
        return _width
    stream = sys.stdout if stream is None else stream
    if _isatty(stream):
        try:
            columns = os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = 0
        if columns <= 0:
            columns = int(os.environ.get("COLUMNS", "0") or 0) or 80
        return max(columns, MIN_WIDTH)
    return PIPE_WIDTH


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def console(*, stderr: bool = False, file: TextIO | None = None,
            highlight: bool = True) -> Console:
    """A rich console that writes whole words: sized by `width()`, plain when not a terminal.

    `file` writes to that text stream instead (e.g. for `-o FILE`), as plain text."""
    from rich.console import Console

    stream = file if file is not None else sys.stderr if stderr else sys.stdout
    tty = _isatty(stream)
    return Console(file=stream, width=width(stream), highlight=highlight,
                   force_terminal=tty, no_color=not tty, color_system="auto" if tty else None,
                   soft_wrap=False)


@dataclass(frozen=True)
class Column:
    """A table column. `lead` columns open a stacked row (its number and name) instead of
    standing on a "Header: value" line of their own."""

    header: str
    justify: str = "left"
    style: str | None = None
    lead: bool = False


def print_table(out: Console, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
                title: str | None = None) -> None:
    """Print rows as a table when it fits `out` with every word whole, else stacked."""
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

    if title:
        out.print(Text(title, style="bold"))
    table = Table(show_edge=False, pad_edge=False, expand=False)
    for col in columns:
        table.add_column(col.header, justify=col.justify,  # type: ignore[arg-type]
                         style=col.style, overflow="fold")
    for row in rows:
        table.add_row(*row)
    narrowest = Measurement.get(out, out.options, table).minimum
    if narrowest <= out.width and (out.width >= STACK_BELOW or len(columns) <= 2):
        out.print(table)
        return
    for row in rows:
        lead = "  ".join(_plain(cell) for col, cell in zip(columns, row, strict=True)
                         if col.lead and _plain(cell))
        if lead:
            out.print(Text(lead, style="bold"))
        for col, cell in zip(columns, row, strict=True):
            text = _plain(cell)
            if col.lead or not text:
                continue
            line = Text(f"    {col.header}: " if col.header else "    ")
            line.append(cell if isinstance(cell, Text) else Text(text, style=col.style or ""))
            out.print(line)
    out.print()


def _plain(cell: Any) -> str:
    return cell.plain if hasattr(cell, "plain") else str(cell)


@contextmanager
def working(message: str) -> Iterator[None]:
    """A spinner on stderr while something slow runs, only when stderr is a terminal."""
    if not _isatty(sys.stderr):
        yield
        return
    with console(stderr=True).status(message):
        yield
