"""API tokens for scripts: create, list, revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Response
from pydantic import BaseModel, ConfigDict, Field

from redwood.services import accounts
from redwood.web.api.paging import UtcDateTime
from redwood.web.deps import ApiUser, StoreDep

router = APIRouter(prefix="/tokens", tags=["tokens"])

MAX_ID = 2**31 - 1


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=accounts.MAX_TOKEN_NAME,
                               examples=["phone"])]


class TokenInfo(BaseModel):
    id: int
    name: str
    prefix: str
    """The token's first characters, to recognise it."""
    created_at: UtcDateTime
    last_used_at: UtcDateTime | None
    revoked_at: UtcDateTime | None


class NewToken(TokenInfo):
    token: str
    """The token itself: shown this once, keep it safe."""


@router.get("", response_model=list[TokenInfo])
def list_tokens(user: ApiUser, store: StoreDep) -> list[TokenInfo]:
    """The user's tokens, newest first (revoked ones too)."""
    return [TokenInfo(id=t.id, name=t.name, prefix=t.prefix, created_at=t.created_at,
                      last_used_at=t.last_used_at, revoked_at=t.revoked_at)
            for t in accounts.list_tokens(store, user)]


@router.post("", status_code=201, response_model=NewToken)
def create_token(body: TokenIn, user: ApiUser, store: StoreDep) -> NewToken:
    token_id, value = accounts.create_token(store, user, body.name)
    made = next(t for t in accounts.list_tokens(store, user) if t.id == token_id)
    return NewToken(id=made.id, name=made.name, prefix=made.prefix, created_at=made.created_at,
                    last_used_at=None, revoked_at=None, token=value)


@router.delete("/{token_id}", status_code=204, response_class=Response,
               responses={404: {"description": "no live token with this id"}})
def revoke_token(token_id: Annotated[int, Path(ge=1, le=MAX_ID)], user: ApiUser,
                 store: StoreDep) -> Response:
    if not accounts.revoke_token(store, user, token_id):
        raise HTTPException(404, f"no token {token_id}")
    return Response(status_code=204)
