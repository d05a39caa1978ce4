"""Alembic environment for Redwood: always online, on the connection Redwood hands over.

redwood.store.migrate builds the Alembic Config in code and passes an open connection in
`config.attributes["connection"]`; no alembic.ini is needed. For the `alembic` command line
(developers writing a migration), `sqlalchemy.url` in the config is used instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from redwood.store.models import Base

# Any constant: one lock for "a redwood migration is running" on a PostgreSQL server.
PG_MIGRATION_LOCK = 7_302_414_211


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        transactional_ddl=True,  # SQLite too: Redwood's engine emits BEGIN itself.
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Two processes upgrading one server database at once: the second waits, then
            # finds the schema at head and does nothing.
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
        context.run_migrations()


def main() -> None:
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        run(given)
        return
    from redwood.store.engine import make_engine
    from redwood.store.location import database_url

    engine = make_engine(database_url(context.config.get_main_option("sqlalchemy.url")))
    try:
        with engine.connect() as connection:
            run(connection)
    finally:
        engine.dispose()


main()
