"""Citizens' sign-in by OpenID Connect (FranceConnect is OIDC): the authorization code flow.

authlib's OAuth 2 client builds the authorization request (state, nonce, PKCE S256) and
exchanges the code; joserfc (authlib's own JOSE library) checks the ID token: its RS256 or
ES256 signature against the keys the provider publishes (its JWKS), its issuer, audience,
expiry and nonce. The state, nonce and verifier live in `oidc_logins` (any API process can
take the callback, once), and the browser that started a sign-in holds its state in a
cookie, so a callback with another state (a forged or mixed-up login) is refused.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from guichet.db import connection
from guichet.services import Services
from guichet.store import oidc_logins

ALGORITHMS = ["RS256", "ES256"]  # FranceConnect signs with these; never "none" nor HS*
HTTP_TIMEOUT_S = 10.0


class SignInRefused(Exception):
    """Why a sign-in is refused, in French for the page; never the token itself."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


def configured(services: Services) -> bool:
    s = services.settings
    return bool(s.oidc_issuer and s.oidc_client_id)


async def discover(issuer: str) -> Provider:
    """The provider's endpoints from its discovery document, which must name the same issuer."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    async with httpx.AsyncClient(timeout=HTTP_TIMEOUT_S) as http:
        r = await http.get(url)
    if r.status_code != 200:
        raise SignInRefused("le fournisseur d'identité ne répond pas ; réessayez plus tard")
    doc = r.json()
    if doc.get("issuer") != issuer:
        raise SignInRefused("le fournisseur d'identité ne se présente pas sous le bon nom")
    return Provider(issuer=issuer, authorization_endpoint=doc["authorization_endpoint"],
                    token_endpoint=doc["token_endpoint"], jwks_uri=doc["jwks_uri"])


def _client(services: Services, redirect_uri: str) -> AsyncOAuth2Client:
    s = services.settings
    secret = s.oidc_client_secret.get_secret_value() if s.oidc_client_secret else None
    return AsyncOAuth2Client(client_id=s.oidc_client_id, client_secret=secret,
                             scope=s.oidc_scopes, redirect_uri=redirect_uri,
                             code_challenge_method="S256", timeout=HTTP_TIMEOUT_S)


async def begin(services: Services, redirect_uri: str) -> tuple[str, str]:
    """The provider's authorization address and the state the browser must bring back."""
    assert services.settings.oidc_issuer is not None
    provider = await discover(services.settings.oidc_issuer)
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(48)
    async with _client(services, redirect_uri) as client:
        url, _ = client.create_authorization_url(provider.authorization_endpoint, state=state,
                                                 code_verifier=verifier, nonce=nonce)
    async with connection(services.pool) as conn:
        await oidc_logins.start(conn, state=state, nonce=nonce, code_verifier=verifier)
    return url, state


async def finish(services: Services, *, redirect_uri: str, state: str | None,
                 browser_state: str | None, code: str | None) -> dict[str, Any]:
    """The ID token's claims once every check passed; SignInRefused saying which failed."""
    if not state or not browser_state or not secrets.compare_digest(state, browser_state):
        raise SignInRefused("la connexion ne vient pas de ce navigateur (état invalide) ;"
                            " recommencez depuis la page de connexion")
    async with connection(services.pool) as conn:
        pending = await oidc_logins.take(conn, state=state)
    if pending is None:
        raise SignInRefused("cette connexion a déjà servi ou a expiré ; recommencez")
    if not code:
        raise SignInRefused("le fournisseur d'identité n'a pas confirmé la connexion")
    assert services.settings.oidc_issuer is not None
    provider = await discover(services.settings.oidc_issuer)
    async with _client(services, redirect_uri) as client:
        try:
            token = await client.fetch_token(provider.token_endpoint, code=code,
                                             code_verifier=pending.code_verifier)
        except Exception as exc:  # authlib raises OAuthError, httpx its own errors
            raise SignInRefused("le fournisseur d'identité a refusé le code de connexion") \
                from exc
    # The keys are fetched at each sign-in (rare), so a provider's key rotation needs nothing.
    async with httpx.AsyncClient(timeout=HTTP_TIMEOUT_S) as http:
        keys = (await http.get(provider.jwks_uri)).json()
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise SignInRefused("le fournisseur d'identité n'a pas donné de jeton d'identité")
    claims = verify_id_token(id_token, keys, issuer=provider.issuer,
                             audience=str(services.settings.oidc_client_id),
                             nonce=pending.nonce)
    async with connection(services.pool) as conn:
        fresh = await oidc_logins.use_nonce(
            conn, nonce=pending.nonce, expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC))
    if not fresh:
        raise SignInRefused("ce jeton d'identité a déjà servi (rejeu refusé)")
    return claims


def verify_id_token(id_token: str, jwks: dict[str, Any], *, issuer: str, audience: str,
                    nonce: str) -> dict[str, Any]:
    try:
        keys = KeySet.import_key_set(jwks)  # type: ignore[arg-type]
        decoded = jwt.decode(id_token, keys, algorithms=ALGORITHMS)
    except (JoseError, ValueError, KeyError) as exc:
        raise SignInRefused("la signature du jeton d'identité n'est pas celle du fournisseur")\
            from exc
    registry = jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": issuer}, aud={"essential": True, "value": audience},
        exp={"essential": True}, sub={"essential": True},
        nonce={"essential": True, "value": nonce})
    try:
        registry.validate(decoded.claims)
    except JoseError as exc:
        field = getattr(exc, "claim", "") or type(exc).__name__
        if field == "nonce":
            raise SignInRefused("le jeton d'identité n'a pas été émis pour cette connexion"
                                " (nonce différent)") from exc
        raise SignInRefused(f"jeton d'identité refusé ({field})") from exc
    return dict(decoded.claims)
