"""A small OpenID Connect provider on localhost, for the citizens' sign-in tests.

It serves discovery, authorize (no login form: the person who signs in is set by the test),
token (client secret, code single-use, PKCE S256 checked) and the JWKS, and signs RS256 ID
tokens with joserfc. A test can make it misbehave the ways a provider or an attacker would:
sign with a key that is not the published one, or put another sign-in's nonce in the token.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

import uvicorn
from fastapi import FastAPI, Form, Header, HTTPException
from fastapi.responses import RedirectResponse
from joserfc import jwt
from joserfc.jwk import RSAKey

from tests.openai_server import free_port

CLIENT_ID = "guichet-espace"
CLIENT_SECRET = "secret-of-the-espace-client-" + "y" * 20


@dataclass
class Provider:
    issuer: str = ""
    # Who signs in next: the claims of the next ID token (besides iss, aud, exp, nonce).
    person: dict[str, Any] = field(default_factory=lambda: {"sub": "fc-pairwise-1"})
    # Misbehaviours a test may switch on.
    sign_with_wrong_key: bool = False
    nonce_override: str | None = None
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(
        2048, parameters={"kid": "k1", "use": "sig", "alg": "RS256"}))
    # Same key id as the published key: a forged token that names the right key.
    wrong_key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(
        2048, parameters={"kid": "k1", "use": "sig", "alg": "RS256"}))
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    nonces_seen: list[str] = field(default_factory=list)
    token_requests: int = 0

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                  "nonce": nonce, **self.person}
        key = self.wrong_key if self.sign_with_wrong_key else self.key
        return jwt.encode({"alg": "RS256", "kid": "k1"}, claims, key)


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def make_app(p: Provider) -> FastAPI:
    app = FastAPI()

    @app.get("/.well-known/openid-configuration")
    async def discovery() -> dict[str, Any]:
        return {"issuer": p.issuer, "authorization_endpoint": f"{p.issuer}/authorize",
                "token_endpoint": f"{p.issuer}/token", "jwks_uri": f"{p.issuer}/jwks",
                "response_types_supported": ["code"], "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"]}

    @app.get("/authorize")
    async def authorize(response_type: str, client_id: str, redirect_uri: str, state: str,
                        nonce: str, code_challenge: str, code_challenge_method: str,
                        scope: str = "") -> RedirectResponse:
        if response_type != "code" or client_id != CLIENT_ID or "openid" not in scope.split():
            raise HTTPException(400, "bad authorization request")
        if code_challenge_method != "S256":
            raise HTTPException(400, "PKCE S256 expected")
        p.nonces_seen.append(nonce)
        code = secrets.token_urlsafe(16)
        p.codes[code] = {"nonce": nonce, "redirect_uri": redirect_uri,
                         "challenge": code_challenge}
        return RedirectResponse(f"{redirect_uri}?{urlencode({'code': code, 'state': state})}",
                                status_code=302)

    @app.post("/token")
    async def token(grant_type: Annotated[str, Form()], code: Annotated[str, Form()],
                    redirect_uri: Annotated[str, Form()],
                    code_verifier: Annotated[str, Form()],
                    authorization: Annotated[str, Header()] = "") -> dict[str, Any]:
        p.token_requests += 1
        basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if authorization != f"Basic {basic}":
            raise HTTPException(401, "invalid_client")
        grant = p.codes.pop(code, None)  # a code serves once
        if grant_type != "authorization_code" or grant is None \
                or grant["redirect_uri"] != redirect_uri \
                or grant["challenge"] != _challenge(code_verifier):
            raise HTTPException(400, "invalid_grant")
        nonce = p.nonce_override or grant["nonce"]
        return {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                "expires_in": 60, "id_token": p.id_token(nonce)}

    @app.get("/jwks")
    async def jwks() -> dict[str, Any]:
        return {"keys": [p.key.as_dict(private=False)]}

    return app


@contextmanager
def oidc_provider() -> Iterator[Provider]:
    """The provider served on 127.0.0.1 from a thread; its issuer is its base URL."""
    port = free_port()
    p = Provider(issuer=f"http://127.0.0.1:{port}")
    server = uvicorn.Server(uvicorn.Config(make_app(p), host="127.0.0.1", port=port,
                                           log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the OIDC provider did not start")
        time.sleep(0.02)
    try:
        yield p
    finally:
        server.should_exit = True
        thread.join(timeout=10)
