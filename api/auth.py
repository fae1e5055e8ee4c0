"""Bearer tokens: signed JWTs carrying role, subject and, for officers, their authority."""

from __future__ import annotations

import time
from typing import Literal

import jwt
from pydantic import BaseModel, ValidationError

Role = Literal["citizen", "officer", "auditor"]
ALGORITHM = "HS256"


class Principal(BaseModel):
    role: Role
    sub: str
    authority: str | None = None


class AuthError(Exception):
    pass


def mint(secret: str, *, role: Role, sub: str, authority: str | None = None,
         ttl_s: int = 8 * 3600) -> str:
    now = int(time.time())
    claims: dict[str, object] = {"role": role, "sub": sub, "iat": now, "exp": now + ttl_s}
    if authority:
        claims["authority"] = authority
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify(secret: str, token: str) -> Principal:
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM],
                            options={"require": ["exp", "sub", "role"]})
        principal = Principal.model_validate(claims, strict=False)
    except (jwt.PyJWTError, ValidationError) as exc:
        raise AuthError(f"invalid token: {type(exc).__name__}") from exc
    if principal.role == "officer" and not principal.authority:
        raise AuthError("an officer token must name an authority")
    return principal
