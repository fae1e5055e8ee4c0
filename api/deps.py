"""Request dependencies: the services the lifespan opened, and the caller's identity."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.auth import AuthError, Principal, TokenPolicy, verify
from guichet.db import connection
from guichet.services import Services
from guichet.store import sessions

_bearer = HTTPBearer(auto_error=False)


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def token_policy(services: Services) -> TokenPolicy:
    settings = services.settings
    return TokenPolicy(secret=settings.signing_secret(),
                       authorities=frozenset(services.catalogue.authorities),
                       issuer=settings.jwt_issuer, audience=settings.jwt_audience,
                       max_lifetime_s=settings.jwt_max_lifetime_s)


async def authenticate(services: Services, token: str) -> Principal:
    """The token's principal if it is valid and not revoked; AuthError otherwise.

    Every way in (bearer, console cookie, audit page cookie) goes through here, so a revoked
    token is refused everywhere.
    """
    who = verify(token, policy=token_policy(services))
    async with connection(services.pool) as conn:
        if await sessions.is_revoked(conn, jti=who.jti):
            raise AuthError("invalid token: revoked (logged out)")
    return who


async def cookie_session(request: Request, services: Services,
                         cookie: str) -> tuple[Principal, str] | None:
    """A page's session (the console, the citizens' space): the principal of the token its
    cookie holds, and the token; None without one that is valid. The role is the page's to
    check."""
    token = request.cookies.get(cookie)
    if not token:
        return None
    try:
        return await authenticate(services, token), token
    except AuthError:
        return None


async def revoke(services: Services, who: Principal) -> None:
    """Revoke the principal's token until it would have expired anyway."""
    async with connection(services.pool) as conn:
        await sessions.revoke(conn, jti=who.jti, expires_at=sessions.expiry(who.exp))


async def log_out(services: Services, token: str | None) -> None:
    """Revoke a session's token if it is still valid; an invalid, expired or already revoked
    one has nothing left to revoke, and logging out must work anyway."""
    if not token:
        return
    try:
        who = await authenticate(services, token)
    except AuthError:
        return
    await revoke(services, who)


async def get_principal(
    request: Request,
    services: ServicesDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    token = creds.credentials if creds else request.cookies.get("guichet_token")
    if not token:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    try:
        return await authenticate(services, token)
    except AuthError as exc:
        raise HTTPException(401, str(exc), headers={"WWW-Authenticate": "Bearer"}) from exc


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require_citizen(principal: PrincipalDep) -> Principal:
    if principal.role != "citizen":
        raise HTTPException(403, "this endpoint is for citizens")
    return principal


CitizenDep = Annotated[Principal, Depends(require_citizen)]


def require_officer(principal: PrincipalDep) -> Principal:
    if principal.role != "officer":
        raise HTTPException(403, "this endpoint is for officers")
    return principal


OfficerDep = Annotated[Principal, Depends(require_officer)]
