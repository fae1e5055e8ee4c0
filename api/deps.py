"""Request dependencies: the services the lifespan opened, and the caller's identity."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.auth import AuthError, Principal, verify
from guichet.services import Services

_bearer = HTTPBearer(auto_error=False)


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_principal(
    request: Request,
    services: ServicesDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    token = creds.credentials if creds else request.cookies.get("guichet_token")
    if not token:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    try:
        return verify(services.settings.signing_secret(), token)
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
