"""The error every service raises for a request it cannot carry out (re-exported by `base`).

Kept apart from `base` so that modules the CLI imports at start-up (the default profile in
`planning`) need not load the store.
"""

from __future__ import annotations


class ServiceError(ValueError):
    """A request a service cannot carry out, with the field at fault when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def worded(self, name_of: dict[str, str] | None = None) -> str:
        """The one-line message, prefixed with the entry point's name for the field."""
        if self.field is None:
            return self.message
        shown = (name_of or {}).get(self.field, self.field)
        return f"{shown}: {self.message}"
