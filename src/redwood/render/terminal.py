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

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Any, TextIO

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
    made = Console(file=stream, width=width(stream), highlight=highlight,
                   force_terminal=tty, no_color=not tty, color_system="auto" if tty else None,
                   soft_wrap=False)
    # Rich ends the program with exit 1 when its reader goes away (`redwood today | head -1`);
    # the error goes up instead, for the command to end as every closed pipe ends (exit 0).
    made.on_broken_pipe = _reader_gone  # type: ignore[method-assign]
    return made


def _reader_gone() -> None:
    raise BrokenPipeError


class Styled:
    """A cell's text with a style of its own (the plan's "Warm-up" in italics): a rich Text
    on a terminal, its plain text elsewhere."""

    __slots__ = ("plain", "style")

    def __init__(self, plain: str, style: str) -> None:
        self.plain = plain
        self.style = style


class RichOut:
    """`print_plan`'s three calls on a rich console (PlainOut's, in colour)."""

    def __init__(self, out: Console) -> None:
        self.console = out
        self.width = out.width

    def print(self, text: str = "", style: str | None = None) -> None:
        from rich.text import Text

        if text:
            self.console.print(Text(text, style=style or ""))
        else:
            self.console.print()

    def hang(self, lead: str, text: str, style: str | None = None) -> None:
        """`text` after `lead` (a bullet's "  - "), its wrapped lines under its first letter:
        a note of three lines reads as one item, not as text restarting at column 0."""
        from rich.text import Text

        pad = " " * len(lead)
        for n, line in enumerate(Text(text, style=style or "").wrap(
                self.console, self.width - len(lead))):
            line.rstrip()
            self.console.print(Text(pad if n else lead, style=style or "") + line)

    def joined(self, parts: Sequence[str]) -> str:
        """The `parts` joined by spaces (plain.PlainOut.joined's text)."""
        return " ".join(parts)

    def rule(self, title: str, style: str | None = None) -> None:
        from rich.text import Text

        self.console.rule(Text(title, style=style or ""))


def plain_out(file: TextIO | None = None) -> Any:
    """A `plain.PlainOut` for `file` (default stdout) when it is not a terminal: the text a
    colourless rich console writes, without rich; None for a terminal."""
    from redwood.render.plain import NotPlain, PlainOut

    stream = file if file is not None else sys.stdout
    if _isatty(stream):
        return None
    try:
        return PlainOut(stream, width(stream))
    except NotPlain:
        return None


class Column:
    """A table column. `lead` columns open a stacked row (its number and name) instead of
    standing on a "Header: value" line of their own. (A plain class: the dataclass decorator
    cost every text plan some 1 M instructions, by callgrind, for four attributes.)"""

    __slots__ = ("header", "justify", "lead", "style")

    def __init__(self, header: str, justify: str = "left", style: str | None = None,
                 lead: bool = False) -> None:
        self.header = header
        self.justify = justify
        self.style = style
        self.lead = lead


def print_table(out: Any, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
                title: str | None = None) -> None:
    """Print rows as a table when it fits `out` with every word whole, else stacked. `out` is
    a rich console, a RichOut or a plain.PlainOut (which raises plain.NotPlain, having
    written nothing, for cells it cannot lay out as rich does)."""
    if isinstance(out, RichOut):
        out = out.console
    elif not hasattr(out, "options"):
        _plain_table(out, columns, rows, title)
        return
    from rich.cells import cell_len
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

    from redwood.render.plain import fit, whole_word_widths

    if title:
        out.print(Text(title, style="bold"))
    texts = [[col.header for col in columns], *([_plain(c) for c in row] for row in rows)]
    longest = [max(cell_len(line) for t in column for line in t.split("\n") or [""])
               for column in zip(*texts, strict=True)]
    # rich narrows the widest columns first, cutting an id in two ("goblet-box-squ" / "at")
    # where narrowing a column of sentences would keep every word whole: then fixed widths;
    # and where no widths keep every word whole, the rows are stacked.
    widths = whole_word_widths(
        longest, [max((cell_len(word) for t in column for word in t.split()), default=0)
                  for column in zip(*texts, strict=True)], out.width)
    fixed = widths is not None and widths != fit(longest, out.width)
    last = len(columns) - 1
    table = Table(show_edge=False, pad_edge=False, expand=False)
    for i, col in enumerate(columns):
        table.add_column(col.header, justify=col.justify,  # type: ignore[arg-type]
                         style=col.style, overflow="fold",
                         width=widths[i] - (i > 0) - (i < last) if widths and fixed else None)
    for row in rows:
        table.add_row(*(Text(c.plain, style=c.style) if isinstance(c, Styled) else c
                        for c in row))
    narrowest = Measurement.get(out, out.options, table).minimum
    if (widths is not None and narrowest <= out.width
            and (out.width >= STACK_BELOW or len(columns) <= 2)):
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
            line.append(cell if isinstance(cell, Text) else Text(
                text, style=cell.style if isinstance(cell, Styled) else col.style or ""))
            out.print(line)
    out.print()


def _plain_table(out: Any, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
                 title: str | None) -> None:
    """`print_table` on a plain.PlainOut: the same lines as on a colourless rich console. A
    table's narrowest layout is measured capped at the width, so only the width decides."""
    from redwood.render.plain import NotPlain, plain_ok

    # rich reads markup and emoji codes in a plain string (not in a Styled one). Each plain
    # string is checked once an output (ASCII, printable, no markup: a plan's reasons repeat
    # in every table), and its longest word kept with it.
    known = out.known_words
    cells: list[list[str]] = []
    words: list[list[int]] = []  # each cell's longest word
    styled: list[str] = []
    for row in rows:
        line, longest = [], []
        for c in row:
            if isinstance(c, str):
                n = known.get(c)
                if n is None:
                    if not plain_ok(c):
                        raise NotPlain(title)
                    n = known[c] = max(map(len, c.split()), default=0)
            elif isinstance(c, Styled):
                c = c.plain
                styled.append(c)
                n = max(map(len, c.split()), default=0)
            else:
                raise NotPlain(title)
            line.append(c)
            longest.append(n)
        cells.append(line)
        words.append(longest)
    mark = len(out.parts)
    try:
        if title:
            out.print(title)
        headers = [c.header for c in columns]
        widths = out.layout(
            [max(map(len, column)) for column in zip(headers, *cells, strict=True)],
            [max(column) for column in zip(
                [max(map(len, h.split()), default=0) for h in headers], *words, strict=True)])
        if widths is not None and (out.width >= STACK_BELOW or len(columns) <= 2):
            out.table(headers, [c.justify == "right" for c in columns], cells,
                      checked=plain_ok("".join(styled) + "".join(headers)), widths=widths)
            return
        for row in cells:
            lead = "  ".join(text for col, text in zip(columns, row, strict=True)
                             if col.lead and text)
            if lead:
                out.print(lead)
            for col, text in zip(columns, row, strict=True):
                if col.lead or not text:
                    continue
                out.print(f"    {col.header}: " + text if col.header else "    " + text)
        out.print()
    except NotPlain:
        del out.parts[mark:]
        raise


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
