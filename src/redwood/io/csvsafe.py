"""Formula-safe CSV: no cell Redwood writes is run as a formula by a spreadsheet.

OWASP's rule for CSV injection (https://owasp.org/www-community/attacks/CSV_Injection): a
cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single
quote, which spreadsheets show as text. Plain numbers (`-20`, `+1.5`) are left alone: they are
no formula, and a spreadsheet must keep reading them as numbers. A cell that already begins
with quotes before such a character gets one more, so `restore` gives back every cell exactly:

    formula_safe("=SUM(1+1)") == "'=SUM(1+1)"      restore("'=SUM(1+1)") == "=SUM(1+1)"
    formula_safe("'=x") == "''=x"                  restore("''=x") == "'=x"
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

_DANGEROUS = re.compile(r"'*[=+\-@\t\r]")
_FIRST = frozenset("=+-@\t\r'")
"""The characters a cell that may need a quote starts with (a quick test per cell)."""
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def formula_safe(cell: str) -> str:
    """The cell as written: a leading quote added if a spreadsheet would read a formula."""
    if cell[:1] in _FIRST and _DANGEROUS.match(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The cell as it was before formula_safe (for importers reading Redwood's CSV back)."""
    if cell[:1] == "'" and _DANGEROUS.match(cell) and not _NUMBER.fullmatch(cell[1:]):
        return cell[1:]
    return cell


class FormulaSafeWriter:
    """csv.writer whose every cell goes through formula_safe."""

    def __init__(self, out: TextIO, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        first = _FIRST
        return self._writer.writerow(
            [formula_safe(c) if c.__class__ is str and c[:1] in first else c for c in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
