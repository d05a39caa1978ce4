"""The SQL of accounts: passwords, API tokens, browser sessions and rate limits.

Not scoped to one user like the training repositories: signing in is how a request finds its
user. Secrets never reach the database in the clear: tokens and session ids are kept as their
SHA-256 hex digests, passwords as argon2 hashes (made by redwood.services.accounts).

    with store.unit_of_work() as uow:
        auth = AuthRepository(uow.session)
        ...
        uow.commit()
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, case, delete, select, update
from sqlalchemy.orm import Session

from redwood.domain.log import Unit
from redwood.domain.user import User
from redwood.store.models import (
    ApiTokenRow,
    CredentialRow,
    RateCounterRow,
    UserRow,
    WebSessionRow,
)


@dataclass(frozen=True, slots=True)
class TokenRecord:
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class TokenOwner:
    """Who a token belongs to, with what the caller needs to keep its last use current."""

    token_id: int
    user: User
    last_used_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class SessionOwner:
    user: User
    csrf: str
    expires_at: dt.datetime


def _user(row: UserRow) -> User:
    return User(id=row.id, name=row.name, unit=Unit(row.unit), created_at=row.created_at)


def token_owner(engine: Engine, token_hash: str) -> TokenOwner | None:
    """The owner of a live token, in one statement on a pooled driver connection
    (store.hot.token_target): every API request starts here, so it skips the unit of work,
    its ORM session and SQLAlchemy's statement execution (a few times the cost of the query
    itself). Read fresh each time, so a revoked token stops working at once. Errors leave as
    StoreError (StoreBusy...)."""
    from redwood.store.hot import token_target

    found = token_target(engine, token_hash)
    if found is None:
        return None
    return TokenOwner(found.token_id, found.user, found.last_used_at)


class AuthRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    # --- passwords ---------------------------------------------------------------------------

    def password_hash(self, user_id: int) -> str | None:
        value = self._s.execute(select(CredentialRow.password_hash)
                                .where(CredentialRow.user_id == user_id)).scalar()
        return None if value is None else str(value)

    def set_password_hash(self, user_id: int, password_hash: str, now: dt.datetime) -> None:
        row = self._s.get(CredentialRow, user_id)
        if row is None:
            self._s.add(CredentialRow(user_id=user_id, password_hash=password_hash,
                                      created_at=now, updated_at=now))
        else:
            row.password_hash = password_hash
            row.updated_at = now
        self._s.flush()

    def user_with_password(self, name: str) -> tuple[User, str] | None:
        """The user called `name` and their password hash; None if there is no such user or
        they have no password (a CLI-only user cannot sign in on the web)."""
        found = self._s.execute(
            select(UserRow, CredentialRow.password_hash)
            .join(CredentialRow, CredentialRow.user_id == UserRow.id)
            .where(UserRow.name == name)
        ).first()
        return None if found is None else (_user(found[0]), str(found[1]))

    # --- API tokens --------------------------------------------------------------------------

    def add_token(self, user_id: int, name: str, token_hash: str, prefix: str,
                  now: dt.datetime) -> int:
        row = ApiTokenRow(user_id=user_id, name=name, token_hash=token_hash, prefix=prefix,
                          created_at=now, last_used_at=None, revoked_at=None)
        self._s.add(row)
        self._s.flush()
        return row.id

    def tokens(self, user_id: int) -> list[TokenRecord]:
        """The user's tokens, newest first, revoked ones included."""
        rows = self._s.scalars(select(ApiTokenRow).where(ApiTokenRow.user_id == user_id)
                               .order_by(ApiTokenRow.id.desc()))
        return [TokenRecord(r.id, r.name, r.prefix, r.created_at, r.last_used_at,
                            r.revoked_at) for r in rows]

    def revoke_token(self, user_id: int, token_id: int, now: dt.datetime) -> bool:
        """Revoke one of the user's live tokens; False if there is none with that id."""
        result = self._s.execute(
            update(ApiTokenRow)
            .where(ApiTokenRow.id == token_id, ApiTokenRow.user_id == user_id,
                   ApiTokenRow.revoked_at.is_(None))
            .values(revoked_at=now))
        return bool(getattr(result, "rowcount", 0))

    def token_owner(self, token_hash: str) -> TokenOwner | None:
        found = self._s.execute(
            select(ApiTokenRow.id, ApiTokenRow.last_used_at, UserRow)
            .join(UserRow, UserRow.id == ApiTokenRow.user_id)
            .where(ApiTokenRow.token_hash == token_hash, ApiTokenRow.revoked_at.is_(None))
        ).first()
        if found is None:
            return None
        return TokenOwner(found[0], _user(found[2]), found[1])

    def touch_token(self, token_id: int, now: dt.datetime) -> None:
        self._s.execute(update(ApiTokenRow).where(ApiTokenRow.id == token_id)
                        .values(last_used_at=now))

    # --- browser sessions --------------------------------------------------------------------

    def add_session(self, id_hash: str, user_id: int, csrf: str, now: dt.datetime,
                    expires_at: dt.datetime) -> None:
        # Whoever signs in also sweeps out the sessions that have run out.
        self._s.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now))
        self._s.add(WebSessionRow(id_hash=id_hash, user_id=user_id, csrf=csrf,
                                  created_at=now, expires_at=expires_at))
        self._s.flush()

    def session_owner(self, id_hash: str, now: dt.datetime) -> SessionOwner | None:
        found = self._s.execute(
            select(WebSessionRow.csrf, WebSessionRow.expires_at, UserRow)
            .join(UserRow, UserRow.id == WebSessionRow.user_id)
            .where(WebSessionRow.id_hash == id_hash, WebSessionRow.expires_at > now)
        ).first()
        if found is None:
            return None
        return SessionOwner(_user(found[2]), str(found[0]), found[1])

    def delete_session(self, id_hash: str) -> bool:
        result = self._s.execute(delete(WebSessionRow).where(WebSessionRow.id_hash == id_hash))
        return bool(getattr(result, "rowcount", 0))

    def delete_sessions_of(self, user_id: int) -> None:
        self._s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))

    # --- rate limits -------------------------------------------------------------------------

    def count_attempt(self, key: str, now: dt.datetime,
                      window: dt.timedelta) -> tuple[int, dt.datetime]:
        """Count one attempt against `key`, in one statement: (attempts in the current window,
        this one included; when the window started). A window older than `window` starts over.
        Atomic on SQLite and PostgreSQL (INSERT ... ON CONFLICT DO UPDATE ... RETURNING), so
        parallel attempts each see their own count, never a stale one."""
        row_values = {"key": key[:200], "window_start": now, "count": 1}
        expired = RateCounterRow.window_start <= now - window
        changes = {"count": case((expired, 1), else_=RateCounterRow.count + 1),
                   "window_start": case((expired, now), else_=RateCounterRow.window_start)}
        result = (RateCounterRow.count, RateCounterRow.window_start)
        if self._s.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            row = self._s.execute(
                pg_insert(RateCounterRow).values(row_values)
                .on_conflict_do_update(index_elements=["key"], set_=changes)
                .returning(*result)).one()
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            row = self._s.execute(
                sqlite_insert(RateCounterRow).values(row_values)
                .on_conflict_do_update(index_elements=["key"], set_=changes)
                .returning(*result)).one()
        return int(row[0]), row[1]

    def forget_attempt(self, key: str) -> None:
        """Take one attempt back (it succeeded and should not count against the limit)."""
        self._s.execute(update(RateCounterRow).where(RateCounterRow.key == key[:200],
                                                     RateCounterRow.count > 0)
                        .values(count=RateCounterRow.count - 1))

    def clear_attempts(self, key: str) -> None:
        self._s.execute(delete(RateCounterRow).where(RateCounterRow.key == key[:200]))

    def sweep_attempts(self, before: dt.datetime) -> None:
        """Drop the counters whose window started before then (they count nothing any more)."""
        self._s.execute(delete(RateCounterRow).where(RateCounterRow.window_start < before))
