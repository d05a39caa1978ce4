"""Plain text as the colourless rich console writes it, without rich (issue 17).

When stdout is not a terminal (a pipe, a file, `-o FILE`), the plan's text has no colour and
no style: rich then only wraps lines at word boundaries and lays tables out, and importing it,
measuring every cell as a renderable and building segments cost some 1.8 G instructions for a
12-week plan (callgrind), five times the plan itself. `PlainOut` writes the same characters
for the few things `print_plan` prints: a line of text, a rule with a title, a table with
rich's layout (the same column widths, word wrap and box characters, `Table(show_edge=False,
pad_edge=False)` with `overflow="fold"`) or the stacked rows below `STACK_BELOW`.
tests/unit/test_render_plain.py holds it to rich's own output, byte for byte.

It writes only text it can lay out exactly as rich does: ASCII (one cell a character), no
markup-like `[` and no `:name:` emoji codes in plain cells, to a UTF-8 stream; `NotPlain` is
raised, before anything is written, for anything else, and the caller renders with rich.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Any, TextIO

_WORD = r"\s*\S+\s*"  # rich's word: compiled only for a word longer than the width
_EMOJI = r":\S*:"  # what rich's emoji codes all match


class NotPlain(Exception):
    """Text this module cannot lay out exactly as rich does: render it with rich."""


def usable(stream: Any) -> bool:
    """Whether rich would write box characters to `stream` (a UTF-8 one, or one that names no
    encoding, as a StringIO)."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    return encoding.startswith("utf")


def _check(text: str) -> str:
    if not (text.isascii() and text.isprintable()):  # one cell a character, no tab, no line
        raise NotPlain(text)
    return text


def _divide(text: str, width: int) -> list[str]:
    """`text` (one line of printable ASCII) cut as rich's `divide_line(fold=True)` and
    `Text.divide` cut it: each line as many whole words as end within the width, the spaces
    after them kept on it. A word longer than the width (or than the first line, after the
    text's leading spaces) is cut as `_divide_words` cuts it."""
    end = len(text.rstrip(" "))
    if end <= width:
        return [text]
    lines = []
    start = 0
    first = len(text) - len(text.lstrip(" "))  # leading spaces belong to the first word
    while end > start + width:
        # The last space up to the width that ends a word: the words before it fit, the
        # word after it does not (it reaches past the width).
        k = text.rfind(" ", first, start + width + 1)
        if k < 0:
            return _divide_words(text, width)
        first = k + 1
        while text[first] == " ":
            first += 1
        lines.append(text[start:first])
        start = first
    lines.append(text[start:])
    return lines


def _divide_words(text: str, width: int) -> list[str]:
    """rich's `divide_line(fold=True)` word by word, with `Text.divide`'s pieces."""
    breaks: list[int] = []
    offset = 0
    for match in re.finditer(_WORD, text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # folded across lines
            pieces = [word[i:i + width] for i in range(0, len(word), width)]
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    cuts = [0, *breaks, len(text)]
    return [text[a:b] for a, b in pairwise(cuts)] if breaks else [text]


def wrap(text: str, width: int) -> list[str]:
    """The lines rich's `Text.wrap` makes of `text` (justify "default", overflow "fold"):
    whitespace at a break stays at the end of its line unless it passes the width."""
    lines = []
    for piece in _divide(text, width):  # one line: `_check` refuses a new line
        if len(piece) > width:  # (its only whitespace is spaces: `_check`)
            spaces = len(piece) - len(piece.rstrip(" "))
            piece = piece[:len(piece) - min(spaces, len(piece) - width)][:width]
        lines.append(piece)
    return lines


def _cell(text: str, width: int, right: bool) -> list[str]:
    """A table cell's lines, each exactly `width` wide (rich's left and right justify)."""
    if right:
        return [piece.rstrip().rjust(width) for piece in wrap(text, width)]
    return [piece.ljust(width) for piece in wrap(text, width)]


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int],
                  values: list[int]) -> list[int]:
    """rich's `_ratio.ratio_reduce`."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining, result = total, []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            cut = min(most, round(ratio * remaining / total_ratio))
            result.append(value - cut)
            remaining -= cut
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], max_width: int) -> list[int]:
    """rich's `Table._collapse_widths`, every column wrapable: the widest columns narrow
    first, down to the next widest, until the table fits."""
    total = sum(widths)
    excess = total - max_width
    while total and excess > 0:
        widest = max(widths)
        second = max(w if w != widest else 0 for w in widths)
        difference = widest - second
        ratios = [1 if w == widest else 0 for w in widths]
        if not difference:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - max_width
    return widths


def column_widths(cells: Sequence[Sequence[str]], width: int) -> list[int]:
    """Each column's width with its padding (one space each side but at the table's edges),
    as rich's `Table._calculate_column_widths` finds them for a table `width` wide with a
    separator between columns. `cells` holds the header first, then the rows."""
    return fit([max(map(len, column)) for column in zip(*cells, strict=True)], width)


def fit(longest: Sequence[int], width: int) -> list[int]:
    """column_widths from each column's longest cell (`longest`, without padding)."""
    count = len(longest)
    max_width = width - (count - 1)
    # (an empty cell measures as its padding alone)
    widths = [min(n + (i > 0) + (i < count - 1), max_width) or 1
              for i, n in enumerate(longest)]
    if sum(widths) > max_width:
        widths = _collapse(widths, max_width)
        if sum(widths) > max_width:  # last resort: every column loses alike
            widths = _ratio_reduce(sum(widths) - max_width, [1] * count, widths, widths)
    return widths


def whole_word_widths(longest: Sequence[int], words: Sequence[int],
                      width: int) -> list[int] | None:
    """Column widths (with padding) for a table `width` wide that cut no word: rich's own
    (`fit`) where they keep every column's longest word (`words`) whole, else each column its
    longest word and the rest of the width shared by how much more each would take; None
    when no widths can (the rows are stacked instead)."""
    widths = fit(longest, width)
    count = len(widths)
    pads = [(i > 0) + (i < count - 1) for i in range(count)]
    if all(w - p >= n for w, p, n in zip(widths, pads, words, strict=True)):
        return widths
    least = [n + p for n, p in zip(words, pads, strict=True)]
    spare = width - (count - 1) - sum(least)
    if spare < 0:
        return None
    room = [max(n + p - low, 0) for n, p, low in zip(longest, pads, least, strict=True)]
    wanted = sum(room)
    if wanted <= spare:
        return [low + r for low, r in zip(least, room, strict=True)]
    grant = [spare * r // wanted for r in room]
    for i in sorted(range(count), key=lambda i: grant[i] - room[i])[:spare - sum(grant)]:
        grant[i] += 1
    return [low + g for low, g in zip(least, grant, strict=True)]


class PlainOut:
    """A colourless rich console's text for `print_plan`, kept until `flush`."""

    def __init__(self, stream: TextIO, width: int) -> None:
        if not usable(stream):
            raise NotPlain(stream)
        self.stream = stream
        self.width = width
        self.parts: list[str] = []
        self._cells: dict[tuple[str, int, bool], list[str]] = {}
        """A wrapped cell's lines by its text, width and justification: a plan's reasons and
        warm-ups repeat week after week in columns of the same width."""
        self._widths: dict[tuple[int, ...], list[int]] = {}
        """Column widths by the columns' longest cells (the same tables week after week)."""
        self.known_words: dict[str, int] = {}
        """Each plain table cell's longest word, by its text, once `plain_ok` has passed it
        (terminal._plain_table)."""
        self._layouts: dict[tuple[int, ...], list[int] | None] = {}
        """`layout`'s widths by the columns' longest cells and words."""
        self._shapes: dict[tuple[int | bool, ...],
                           tuple[list[tuple[int, str, str, bool]], list[str]]] = {}
        """A layout's columns (inner width, padding before and after, right-justified) and
        blank cells."""
        self._rows: dict[tuple[object, ...], str] = {}
        """A table row's lines by the columns' widths and justification and its cells."""

    def joined(self, parts: Sequence[str]) -> str:
        """The `parts` joined by spaces, a table cell (a plan's reason: a few sentences in
        many combinations), noted in `known_words` from its parts' checks and longest words:
        `plain_ok` holds for it when it holds for each part (no emoji code spans a space)."""
        text = " ".join(parts)
        known = self.known_words
        if text not in known:
            longest = 0
            for part in parts:
                n = known.get(part)
                if n is None:
                    if not plain_ok(part):
                        return text  # the table checks it, and refuses it
                    n = known[part] = max(map(len, part.split()), default=0)
                longest = max(longest, n)
            known[text] = longest
        return text

    def print(self, text: str = "", style: str | None = None) -> None:
        """`Console.print(Text(text, style))`: wrapped at the width (no style in plain text)."""
        self.parts.extend(line + "\n" for line in wrap(_check(text), self.width))

    def hang(self, lead: str, text: str, style: str | None = None) -> None:
        """`text` after `lead` (a bullet's "  - "), its wrapped lines under its first
        letter, not at column 0 (terminal.RichOut.hang's lines, without rich)."""
        pad = " " * len(lead)
        self.parts.extend(f"{pad if n else lead}{line.rstrip(' ')}\n" for n, line in
                          enumerate(wrap(_check(text), self.width - len(lead))))

    def rule(self, title: str, style: str | None = None) -> None:
        """`Console.rule(title)`: the title centred in a line of '─'."""
        width = self.width
        title = _check(title)
        if len(title) > width - 4:
            raise NotPlain(title)
        side = (width - len(title)) // 2
        line = "─" * (side - 1) + " " + title + " " + "─" * (side + 1)
        self.parts.append(line[:width].ljust(width) + "\n")

    def layout(self, longest: Sequence[int], words: Sequence[int]) -> list[int] | None:
        """`whole_word_widths` at this output's width, kept: the plan's tables repeat their
        columns' longest cells and words week after week."""
        key = (*longest, -1, *words)
        if key not in self._layouts:
            self._layouts[key] = whole_word_widths(longest, words, self.width)
        return self._layouts[key]

    def table(self, headers: Sequence[str], right: Sequence[bool],
              rows: Sequence[Sequence[str]], checked: bool = False,
              widths: list[int] | None = None) -> None:
        """rich's `Table(show_edge=False, pad_edge=False, expand=False)` with a heavy head:
        the header row, a '━' rule, then each row's cells wrapped in their columns. `checked`:
        the caller has checked the cells (`plain_ok`) and the headers. `widths`: the columns'
        widths with their padding, as a rich table of columns that wide lays them out
        (default: rich's own for the cells)."""
        if not checked:
            _check("".join(headers) + "".join("".join(row) for row in rows))
        if widths is None:
            longest = tuple([max(map(len, column))
                             for column in zip(headers, *rows, strict=True)])
            widths = self._widths.get(longest)
            if widths is None:
                widths = self._widths[longest] = fit(longest, self.width)
        # A row's lines depend on its cells and the columns' widths and justification alone:
        # a plan's warm-ups, cool-downs and most lifts print the same row week after week.
        layout = (*widths, *right)
        done = self._rows
        out = self.parts
        head = (layout, True, *headers)
        text = done.get(head)
        if text is None:
            text = done[head] = (self._row(headers, layout, "┃")
                                 + "╇".join("━" * w for w in widths) + "\n")
        out.append(text)
        for row in rows:
            key = (layout, False, *row)
            text = done.get(key)
            if text is None:
                text = done[key] = self._row(row, layout, "│")
            out.append(text)

    def _row(self, row: Sequence[str], layout: tuple[int | bool, ...], bar: str) -> str:
        """One row's lines, each cell wrapped in its column, the columns joined by `bar`;
        `layout`: the columns' widths (with padding), then whether each is right-justified."""
        found = self._shapes.get(layout)
        if found is None:
            count = len(layout) // 2
            last = count - 1
            shape = [(int(w) - (i > 0) - (i < last), " " if i > 0 else "",
                      " " if i < last else "", bool(r))
                     for i, (w, r) in enumerate(zip(layout[:count], layout[count:],
                                                    strict=True))]
            blanks = [before + " " * w + after for w, before, after, _ in shape]
            found = self._shapes[layout] = (shape, blanks)
        shape, blanks = found
        last = len(shape) - 1
        wrapped = self._cells
        firsts = []  # each column's first line
        tall: dict[int, list[str]] | None = None  # the lines of cells of more than one
        for i, (text, (w, before, after, r)) in enumerate(zip(row, shape, strict=True)):
            if len(text) <= w:  # one line, the common case
                firsts.append(before + (text.rstrip().rjust(w) if r else text.ljust(w))
                              + after)
                continue
            lines = wrapped.get((text, w, r))
            if lines is None:
                lines = wrapped[text, w, r] = _cell(text, w, r)
            firsts.append(before + lines[0] + after)
            if len(lines) > 1:
                tall = tall or {}
                tall[i] = lines
        if tall is None:
            return bar.join(firsts) + "\n"
        if last > 0 and len(tall) == 1 and last in tall:
            # Only the last column runs on (a plan's "Why"): its other lines follow the
            # other columns' blanks, and it has no padding after it.
            gap = "\n" + bar.join(blanks[:last]) + bar + shape[last][1]
            return bar.join(firsts) + gap + gap.join(tall[last][1:]) + "\n"
        height = max(len(lines) for lines in tall.values())
        columns = []
        for i, (first, blank, (_, before, after, _)) in enumerate(
                zip(firsts, blanks, shape, strict=True)):
            lines = tall.get(i)
            column = [first] if lines is None else [before + line + after for line in lines]
            columns.append(column + [blank] * (height - len(column)))
        return "".join(bar.join(parts) + "\n" for parts in zip(*columns, strict=True))

    def flush(self) -> None:
        self.stream.write("".join(self.parts))
        self.parts = []


def plain_ok(text: str) -> bool:
    """Whether plain string cells (joined by spaces) are ones rich would print as they are and
    `PlainOut.table` lays out: no markup, no emoji code, printable ASCII."""
    return (text.isascii() and text.isprintable() and "[" not in text
            and (text.count(":") < 2 or re.search(_EMOJI, text) is None))
