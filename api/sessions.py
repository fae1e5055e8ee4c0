"""Sessions: logging out revokes the caller's token, for every route, until it expires."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import PrincipalDep, ServicesDep, revoke

router = APIRouter(prefix="/v1/auth", tags=["auth"])


@router.post("/logout", status_code=204, response_class=Response,
             responses={401: {"description": "missing, invalid or already revoked token"}})
async def logout(who: PrincipalDep, services: ServicesDep) -> Response:
    """Revoke the bearer's token: any later request with it is refused with 401."""
    await revoke(services, who)
    return Response(status_code=204)
