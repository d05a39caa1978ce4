"""Cheaper set inserts, same rules: the CHECK on a set's kind as a chain of equalities, not
an IN list, and the unique index of sets' client ids over the sets that have one.

SQLite evaluates `kind IN ('working', 'warmup', 'drop', 'failure')` inside a CHECK
constraint by building an ephemeral index of the four words for every row written (the IN
list's one-time setup is not hoisted out of the row loop in constraint code: no OP_Once
there), then clearing it: about 10,000 machine instructions a set, a tenth of a 100,000-set
`redwood import` (callgrind, SQLite 3.40). Lists of two terms or fewer, and plain
comparisons, are evaluated in place. `kind = 'working' OR kind = 'warmup' OR ...` accepts
and refuses exactly the same values (NULL included, which NOT NULL refuses anyway).

`uq_sets_user_id_client_id` (user_id, client_id) held an entry for every set, though only
sets logged with a device's id (migration 0005) have one; the NULLs were never constrained
(NULLs are distinct in a unique index), so a partial index `WHERE client_id IS NOT NULL`
enforces exactly the same, and an imported set (client_id NULL) no longer writes an entry
(about 2,000 instructions a set). Lookups by a client id (`client_id = ?`) imply the index's
condition: SQLite and PostgreSQL use it for them as before.

SQLite rebuilds the table to change a CHECK (op.batch_alter_table), which drops its
triggers: the stored bests' triggers of migration 0007 are created again. PostgreSQL changes
the constraint in place (it evaluates either form in place; the one definition is kept
for both).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# As migration 0007 created them: a rebuilt `sets` has no triggers.
from redwood.store.migrations.versions.r0007_exercise_bests import TRIGGERS_SQLITE

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

KIND_IN = "kind IN ('working', 'warmup', 'drop', 'failure')"
KIND_EQUALS = "kind = 'working' OR kind = 'warmup' OR kind = 'drop' OR kind = 'failure'"
CLIENT_WHERE = "client_id IS NOT NULL"


def _kind_check(check: str) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("sets") as batch:
        batch.drop_constraint("ck_sets_kind", type_="check")
        batch.create_check_constraint("ck_sets_kind", sa.text(check))
    if sqlite:
        for statement in TRIGGERS_SQLITE:
            op.execute(statement)


def _client_index(partial: bool) -> None:
    where = sa.text(CLIENT_WHERE) if partial else None
    op.drop_index("uq_sets_user_id_client_id", table_name="sets")
    op.create_index("uq_sets_user_id_client_id", "sets", ["user_id", "client_id"],
                    unique=True, sqlite_where=where, postgresql_where=where)


def upgrade() -> None:
    _kind_check(KIND_EQUALS)
    _client_index(partial=True)


def downgrade() -> None:
    _client_index(partial=False)
    _kind_check(KIND_IN)
