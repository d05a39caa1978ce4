"""The apps whose exports Redwood reads (`EXPORT_FORMATS`): the one registry every list of
formats derives from.

Its own small module, free of the domain, so that `redwood --help` and the import command's
options can list the apps without loading the row types.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """An app whose export Redwood reads: the one registry every list of formats derives
    from (detection, titles, the CLI's --from, the API's from=)."""

    name: str
    """As the lifter names it (`--from strong`) and as the log keeps a set's source."""
    title: str
    """As the app spells itself."""
    by_header: bool = True
    """True: recognised by its CSV header line; False: by a preamble of its own (JEFIT's ###
    sections), looked for first."""

    @property
    def parser(self) -> str:
        """The module of redwood.io.formats that reads it."""
        return f"redwood.io.formats.{self.name}"


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("strong", "Strong"),
    ExportFormat("hevy", "Hevy"),
    ExportFormat("fitnotes", "FitNotes"),
    ExportFormat("jefit", "JEFIT", by_header=False),
)
"""In the order headers are tried."""
FORMATS: tuple[str, ...] = tuple(f.name for f in EXPORT_FORMATS)
TITLES: dict[str, str] = {f.name: f.title for f in EXPORT_FORMATS}
SOURCES: tuple[str, ...] = ("auto", *FORMATS)
"""What a lifter may say a file is: auto (recognise it) or a format's name."""


def said(words: tuple[str, ...] | list[str], last: str = "or") -> str:
    """'a, b, c or d'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"
