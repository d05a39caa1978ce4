"""Schema upgrades through Alembic, run in code (no alembic.ini on the user's machine).

`ensure_schema` is what every command runs: one query compares alembic_version with
HEAD_REVISION and imports Alembic only when the database is new or behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from redwood.store.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

HEAD_REVISION = "0007"
"""The newest migration in migrations/versions (a test checks it against Alembic's head)."""

SCRIPT_LOCATION = "redwood.store:migrations"


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision; None for an empty database."""
    with engine.connect().execution_options(redwood_write=False) as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    config = alembic_config()
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
        if conn.in_transaction():
            conn.commit()


def downgrade(engine: Engine, target: str = "base") -> None:
    from alembic import command

    config = alembic_config()
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, target)
        if conn.in_transaction():
            conn.commit()


def head_revision() -> str:
    """Alembic's head, read from the migration scripts (slow path; for tests and checks)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise StoreError("no migrations found")
    return head


def ensure_schema(engine: Engine) -> None:
    """Create or upgrade the schema to HEAD_REVISION; refuse a database newer than Redwood."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision > HEAD_REVISION:
        raise StoreError(
            f"the database is at schema {revision}, newer than this redwood knows "
            f"({HEAD_REVISION}): upgrade redwood"
        )
    upgrade(engine)
