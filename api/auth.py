"""Bearer tokens: signed JWTs carrying role, subject and, for officers, their authority.

A token is accepted only if every claim is there and sensible: signed with HS256 and our
secret, issued by us (`iss`) for this API (`aud`), living no longer than the maximum
lifetime, not issued in the future, with a well-formed subject for its role, a known
authority and an id (`jti`) that logout can revoke. Revocation itself needs the database and
is checked by the caller (api/deps.py); this module stays pure.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass
from typing import Literal

import jwt
from pydantic import BaseModel, ValidationError

from guichet.settings import TOKEN_AUDIENCE, TOKEN_ISSUER

Role = Literal["citizen", "officer", "auditor"]
ROLES: tuple[Role, ...] = ("citizen", "officer", "auditor")
ALGORITHM = "HS256"
REQUIRED = ["iss", "aud", "iat", "exp", "jti", "sub", "role"]
# Clocks of the minting host and ours may differ by a few seconds, not more.
LEEWAY_S = 30

# The seeded population's ids (guichet/population.py: f"C{number:06d}").
CITIZEN_ID = re.compile(r"C[0-9]{6,9}")
# Officers and auditors: an agent name, short and printable without escaping anywhere.
AGENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
TOKEN_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


class Principal(BaseModel):
    role: Role
    sub: str
    authority: str | None = None
    # The token's id and expiry (epoch seconds), so that logout can revoke it until then.
    jti: str = ""
    exp: int = 0


class AuthError(Exception):
    """Why a token is refused; the message names the claim, never the token itself."""


@dataclass(frozen=True)
class TokenPolicy:
    """What a valid token must satisfy in this deployment."""

    secret: str
    authorities: frozenset[str]
    issuer: str = TOKEN_ISSUER
    audience: str = TOKEN_AUDIENCE
    max_lifetime_s: int = 8 * 3600


def mint(secret: str, *, role: Role, sub: str, authority: str | None = None,
         ttl_s: int = 8 * 3600, issuer: str = TOKEN_ISSUER, audience: str = TOKEN_AUDIENCE,
         now: int | None = None) -> str:
    issued = int(time.time()) if now is None else now
    claims: dict[str, object] = {"iss": issuer, "aud": audience, "role": role, "sub": sub,
                                 "iat": issued, "exp": issued + ttl_s,
                                 "jti": uuid.uuid4().hex}
    if authority:
        claims["authority"] = authority
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify(token: str, *, policy: TokenPolicy) -> Principal:
    """The token's principal, or AuthError naming the first claim found wrong."""
    try:
        claims = jwt.decode(token, policy.secret, algorithms=[ALGORITHM],
                            issuer=policy.issuer, audience=policy.audience, leeway=LEEWAY_S,
                            options={"require": REQUIRED, "verify_iat": True})
    except jwt.MissingRequiredClaimError as exc:
        raise AuthError(f"invalid token: {exc.claim}: missing") from exc
    except jwt.InvalidIssuerError as exc:
        raise AuthError("invalid token: iss: not issued by this service") from exc
    except jwt.InvalidAudienceError as exc:
        raise AuthError("invalid token: aud: not meant for this API") from exc
    except jwt.ExpiredSignatureError as exc:
        raise AuthError("invalid token: exp: expired") from exc
    except jwt.ImmatureSignatureError as exc:
        raise AuthError("invalid token: iat: issued in the future") from exc
    except jwt.exceptions.InvalidSubjectError as exc:
        raise AuthError("invalid token: sub: a string expected") from exc
    except jwt.exceptions.InvalidJTIError as exc:
        raise AuthError("invalid token: jti: a string expected") from exc
    except jwt.exceptions.InvalidIssuedAtError as exc:
        raise AuthError("invalid token: iat: an integer (epoch seconds) expected") from exc
    except jwt.PyJWTError as exc:
        raise AuthError(f"invalid token: {type(exc).__name__}") from exc
    _check_times(claims, policy)
    try:
        principal = Principal.model_validate(
            {k: claims[k] for k in ("role", "sub", "authority", "jti", "exp") if k in claims},
            strict=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "claims"
        raise AuthError(f"invalid token: {field}: {first['msg']}") from exc
    _check_identity(principal, policy)
    return principal


def _check_times(claims: dict[str, object], policy: TokenPolicy) -> None:
    iat, exp = claims["iat"], claims["exp"]
    if not isinstance(iat, int) or not isinstance(exp, int):
        raise AuthError("invalid token: iat/exp: integers (epoch seconds) expected")
    if iat > time.time() + LEEWAY_S:  # PyJWT checks it too; kept explicit, it is the rule
        raise AuthError("invalid token: iat: issued in the future")
    if exp - iat > policy.max_lifetime_s:
        raise AuthError(f"invalid token: exp: lifetime {exp - iat} s exceeds the maximum of "
                        f"{policy.max_lifetime_s} s")


def _check_identity(who: Principal, policy: TokenPolicy) -> None:
    if not TOKEN_ID.fullmatch(who.jti):
        raise AuthError("invalid token: jti: 8 to 64 letters, digits, '-' or '_' expected")
    pattern = CITIZEN_ID if who.role == "citizen" else AGENT_ID
    if not pattern.fullmatch(who.sub):
        expected = ("a citizen id such as C000123" if who.role == "citizen"
                    else "an agent name (letters, digits, '.', '_', '@', '-'; 64 at most)")
        raise AuthError(f"invalid token: sub: {expected}")
    if who.role == "citizen" and who.authority is not None:
        raise AuthError("invalid token: authority: a citizen's token names none")
    if who.role == "officer" and not who.authority:
        raise AuthError("invalid token: authority: an officer token must name an authority")
    if who.authority is not None and who.authority not in policy.authorities:
        raise AuthError("invalid token: authority: not an authority of the catalogue")
