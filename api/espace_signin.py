"""The citizens' space: signing in and out.

In production by OpenID Connect (api/oidc.py: FranceConnect or any provider); in dev and
tests, a page listing a few seeded citizens, refused with GUICHET_ENV=prod. Either way the
session is a guichet citizen token in an httponly cookie scoped to /espace; signing out
revokes it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api import oidc
from api.auth import mint
from api.deps import ServicesDep, log_out
from api.espace import COOKIE, _page
from api.forms import clean_form
from guichet import citizen_identity
from guichet.services import Services

router = APIRouter(prefix="/espace", include_in_schema=False,
                   dependencies=[Depends(clean_form)])
STATE_COOKIE = "guichet_oidc_state"


def _signed_in(services: Services, citizen_id: str, target: str = "/espace/dossiers") -> Response:
    settings = services.settings
    ttl = min(settings.jwt_ttl_s, settings.jwt_max_lifetime_s)
    token = mint(settings.signing_secret(), role="citizen", sub=citizen_id, ttl_s=ttl,
                 issuer=settings.jwt_issuer, audience=settings.jwt_audience)
    out = RedirectResponse(target, status_code=303)
    # Lax, not strict: the sign-in comes back from the identity provider's site, and the
    # first page after it must already carry the session. Forms are guarded by CSRF tokens.
    out.set_cookie(COOKIE, token, httponly=True, samesite="lax", path="/espace",
                   secure=settings.env == "prod", max_age=ttl)
    return out


@router.get("", response_class=HTMLResponse)
async def home() -> Response:
    return RedirectResponse("/espace/dossiers", status_code=303)


@router.get("/connexion", response_class=HTMLResponse)
async def sign_in_page(request: Request, services: ServicesDep) -> Response:
    dev = services.settings.env != "prod"
    listed = await citizen_identity.dev_citizens(services) if dev else []
    return _page(request, "connexion.html", {
        "oidc": oidc.configured(services), "dev": dev, "citizens": listed, "error": None,
        "who": None})


@router.post("/connexion/dev", response_class=HTMLResponse)
async def dev_sign_in(request: Request, services: ServicesDep,
                      citizen: Annotated[str, Form(max_length=20)] = "") -> Response:
    """Sign in as a seeded citizen without a password: development and tests only."""
    if services.settings.env == "prod":
        return _page(request, "erreur.html", {
            "message": "La connexion de démonstration n'existe pas en production.",
            "hint": "Connectez-vous avec FranceConnect.", "who": None}, 403)
    chosen = citizen.strip().upper()
    if not await citizen_identity.citizen_exists(services, chosen):
        listed = await citizen_identity.dev_citizens(services)
        return _page(request, "connexion.html", {
            "oidc": oidc.configured(services), "dev": True, "citizens": listed, "who": None,
            "error": "Identifiant inconnu. Choisissez un usager de la liste, ou saisissez un "
                     "identifiant de la forme C000123."}, 422)
    return _signed_in(services, chosen)


def _redirect_uri(request: Request, services: Services) -> str:
    return services.settings.oidc_redirect_url or str(request.url_for("oidc_callback"))


@router.get("/connexion/oidc")
async def oidc_start(request: Request, services: ServicesDep) -> Response:
    if not oidc.configured(services):
        return _page(request, "erreur.html", {
            "message": "La connexion par fournisseur d'identité n'est pas configurée ici.",
            "hint": "Utilisez la page de connexion.", "who": None}, 404)
    try:
        url, state = await oidc.begin(services, _redirect_uri(request, services))
    except oidc.SignInRefused as exc:
        return _refused(request, str(exc), 502)
    out = RedirectResponse(url, status_code=303)
    # Only the browser that started the sign-in may finish it (login CSRF).
    out.set_cookie(STATE_COOKIE, state, httponly=True, samesite="lax",
                   path="/espace/connexion", secure=services.settings.env == "prod",
                   max_age=600)
    return out


def _refused(request: Request, why: str, status: int = 401) -> HTMLResponse:
    out = _page(request, "erreur.html", {"message": f"Connexion refusée : {why}.",
                                         "hint": "Recommencez depuis la page de connexion.",
                                         "who": None}, status)
    out.delete_cookie(STATE_COOKIE, path="/espace/connexion")
    return out


@router.get("/connexion/retour", name="oidc_callback")
async def oidc_callback(request: Request, services: ServicesDep, state: str | None = None,
                        code: str | None = None, error: str | None = None) -> Response:
    if not oidc.configured(services):
        return _refused(request, "aucun fournisseur d'identité n'est configuré", 404)
    if error:
        return _refused(request, "le fournisseur d'identité n'a pas confirmé votre identité")
    try:
        claims = await oidc.finish(services, redirect_uri=_redirect_uri(request, services),
                                   state=state, browser_state=request.cookies.get(STATE_COOKIE),
                                   code=code)
    except oidc.SignInRefused as exc:
        return _refused(request, str(exc))
    claim = services.settings.oidc_citizen_claim
    citizen = await citizen_identity.citizen_for_claim(services, claim, claims.get(claim))
    if citizen is None:
        return _refused(request, "aucun usager connu ne correspond à cette identité", 403)
    out = _signed_in(services, citizen)
    out.delete_cookie(STATE_COOKIE, path="/espace/connexion")
    return out


@router.post("/deconnexion")
async def sign_out(request: Request, services: ServicesDep) -> Response:
    """Revoke the session's token (a copied cookie is useless afterwards), then forget it."""
    await log_out(services, request.cookies.get(COOKIE))
    out = RedirectResponse("/espace/connexion", status_code=303)
    out.delete_cookie(COOKIE, path="/espace")
    return out
