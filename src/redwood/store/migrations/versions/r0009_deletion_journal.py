"""Deleting a set by its client id is an entry of the undo journal.

- entries: the 'deletion' kind. `syncing.delete_set` (the offline queue's DELETE) writes the
  tombstone of the set's client id and this entry in the deletion's transaction; the entry
  holds the deleted rows (the workout's too when it was its last set) and the tombstones, so
  `redwood undo` restores the set and removes its tombstone together, and a device syncing
  afterwards finds the set again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def _kinds(*kinds: str) -> sa.TextClause:
    return sa.text(f"kind IN ({', '.join(repr(k) for k in kinds)})")


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.drop_constraint("ck_entries_kind", type_="check")
        batch.create_check_constraint(
            "ck_entries_kind", _kinds("workout", "sets", "checkin", "import", "deletion"))


def downgrade() -> None:
    # The deletions stay (their sets gone, their tombstones kept); only their undo is lost.
    op.execute("DELETE FROM entries WHERE kind = 'deletion'")
    with op.batch_alter_table("entries") as batch:
        batch.drop_constraint("ck_entries_kind", type_="check")
        batch.create_check_constraint("ck_entries_kind",
                                      _kinds("workout", "sets", "checkin", "import"))
