"""The schema version this Redwood writes, and how a database's version compares to it.

Light on purpose (no SQLAlchemy, no Alembic): every command checks the version with one query
(`redwood.store.lite.peek_revision` on SQLite, `migrate.ensure_schema` otherwise) and imports
Alembic only when the database is new or behind.
"""

from __future__ import annotations

from redwood.store.errors import SchemaTooNew

HEAD_REVISION = "0011"
"""The newest migration in migrations/versions (a test checks it against Alembic's head)."""

DEFAULT_USER = "me"
"""The local user created on first use; `redwood init` can rename it."""


def is_current(revision: str | None) -> bool:
    """True when the database is at this Redwood's schema; SchemaTooNew when it is past it
    (revisions are zero-padded numbers, so text order is their order); False when it is new
    or behind (migrate it)."""
    if revision == HEAD_REVISION:
        return True
    if revision is not None and revision > HEAD_REVISION:
        raise SchemaTooNew(revision, HEAD_REVISION)
    return False
