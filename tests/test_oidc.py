"""The citizens' OpenID Connect sign-in against a provider running on localhost.

The app talks to the provider over real HTTP (discovery, token, JWKS); the browser's part
(following redirects, keeping cookies) is played by an HTTP client, step by step, so that a
test can tamper with what travels between the two.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from tests import citizens as pop
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, oidc_provider
from tests.support import Running, make_settings, running_service


@pytest.fixture
def provider() -> Iterator[Provider]:
    with oidc_provider() as p:
        yield p


@pytest.fixture
async def app(tmp_path: Path, db_url: str, provider: Provider) -> AsyncIterator[Running]:
    settings = make_settings(tmp_path, oidc_issuer=provider.issuer, oidc_client_id=CLIENT_ID,
                             oidc_client_secret=CLIENT_SECRET)
    async with running_service(settings, db_url, workers=0) as running:
        yield running


def citizen(skip: int = 0) -> dict[str, Any]:
    return pop.pick(lambda c: pop.alive_adult(c) and bool(c["contact"].get("email")),
                    skip=skip)


async def authorize(app: Running) -> str:
    """The browser asks to sign in and is sent to the provider, which sends it back: the
    callback address it brings (with code and state)."""
    r = await app.client.get("/espace/connexion/oidc")
    assert r.status_code == 303, r.text
    to_provider = r.headers["location"]
    query = parse_qs(urlsplit(to_provider).query)
    # State, nonce and a PKCE S256 challenge travel; the verifier never does.
    assert {"state", "nonce", "code_challenge"} <= set(query)
    assert query["code_challenge_method"] == ["S256"]
    async with httpx.AsyncClient() as browser:
        back = await browser.get(to_provider)
    assert back.status_code == 302, back.text
    return str(back.headers["location"])


async def callback(app: Running, url: str) -> httpx.Response:
    parts = urlsplit(url)
    return await app.client.get(f"{parts.path}?{parts.query}")


async def test_a_citizen_signs_in_with_the_provider_and_out(app: Running,
                                                            provider: Provider) -> None:
    c = citizen()
    provider.person = {"sub": "fc-1", "email": c["contact"]["email"].upper()}
    r = await callback(app, await authorize(app))
    assert r.status_code == 303 and r.headers["location"] == "/espace/dossiers", r.text
    assert "guichet_espace" in r.cookies
    page = await app.client.get("/espace/dossiers")
    assert page.status_code == 200
    assert c["etat_civil"]["family_name"] in page.text
    assert provider.token_requests == 1
    # The session is a citizen token for that citizen: the case list is theirs.
    session = app.client.cookies["guichet_espace"]
    mine = await app.client.get("/v1/cases", headers={"Authorization": f"Bearer {session}"})
    assert mine.status_code == 200
    # Logging out revokes it: the same cookie, replayed, is refused everywhere.
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    out = await app.client.post("/espace/deconnexion", data={"csrf": csrf.group(1)})
    assert out.status_code == 303
    app.client.cookies.set("guichet_espace", session, path="/espace")
    again = await app.client.get("/espace/dossiers")
    assert again.status_code == 303 and again.headers["location"] == "/espace/connexion"
    api = await app.client.get("/v1/cases", headers={"Authorization": f"Bearer {session}"})
    assert api.status_code == 401


async def test_a_bad_state_is_refused(app: Running, provider: Provider) -> None:
    provider.person = {"sub": "fc-2", "email": citizen()["contact"]["email"]}
    url = await authorize(app)
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    forged = {**query, "state": query["state"][:-4] + "AAAA"}
    r = await app.client.get(f"{parts.path}?{urlencode(forged)}")
    assert r.status_code == 401
    assert "état invalide" in r.text
    assert "guichet_espace" not in r.cookies
    # Nor does another browser's sign-in finish in this one (its state cookie differs).
    app.client.cookies.clear()
    r = await callback(app, url)
    assert r.status_code == 401 and "guichet_espace" not in r.cookies
    assert provider.token_requests == 0  # refused before any code was spent


async def test_a_token_signed_with_another_key_is_refused(app: Running,
                                                          provider: Provider) -> None:
    provider.person = {"sub": "fc-3", "email": citizen()["contact"]["email"]}
    provider.sign_with_wrong_key = True
    r = await callback(app, await authorize(app))
    assert r.status_code == 401
    assert "signature" in r.text
    assert "guichet_espace" not in r.cookies
    assert provider.token_requests == 1
    # The same provider signing right again: the sign-in works (the check is the key).
    provider.sign_with_wrong_key = False
    r = await callback(app, await authorize(app))
    assert r.status_code == 303 and "guichet_espace" in r.cookies


async def test_replays_are_refused(app: Running, provider: Provider) -> None:
    provider.person = {"sub": "fc-4", "email": citizen()["contact"]["email"]}
    first = await authorize(app)
    r = await callback(app, first)
    assert r.status_code == 303 and "guichet_espace" in r.cookies
    used_nonce = provider.nonces_seen[-1]
    # The same callback again (state, code and state cookie all replayed): the sign-in it
    # opened has served.
    app.client.cookies.clear()
    app.client.cookies.set("guichet_oidc_state", parse_qs(urlsplit(first).query)["state"][0],
                           path="/espace/connexion")
    r = await callback(app, first)
    assert r.status_code == 401 and "déjà servi" in r.text
    # A new sign-in whose ID token carries the earlier sign-in's nonce (a replayed token).
    app.client.cookies.clear()
    provider.nonce_override = used_nonce
    r = await callback(app, await authorize(app))
    assert r.status_code == 401 and "nonce" in r.text
    assert "guichet_espace" not in r.cookies


async def test_an_identity_no_citizen_matches_is_refused(app: Running,
                                                         provider: Provider) -> None:
    provider.person = {"sub": "fc-5", "email": "personne@exemple.invalid"}
    r = await callback(app, await authorize(app))
    assert r.status_code == 403 and "aucun usager" in r.text
    assert "guichet_espace" not in r.cookies


async def test_without_a_provider_the_routes_say_so(tmp_path: Path, db_url: str) -> None:
    async with running_service(make_settings(tmp_path), db_url, workers=0) as running:
        page = await running.client.get("/espace/connexion")
        assert page.status_code == 200 and 'id="oidc"' not in page.text
        r = await running.client.get("/espace/connexion/oidc")
        assert r.status_code == 404
        r = await running.client.get("/espace/connexion/retour?state=x&code=y")
        assert r.status_code == 404


@pytest.mark.slow
def test_the_sign_in_in_chromium(tmp_path: Path, db_url: str, provider: Provider) -> None:
    """A real browser between the two servers: the state cookie comes back on the provider's
    redirect and the session is there on the first page after it. (Both listen on
    127.0.0.1, one site for the browser: SameSite itself is not exercised here.)"""
    from playwright.sync_api import expect, sync_playwright

    from tests.browser import CHROMIUM_ARGS, chromium_path
    from tests.test_console import http_service
    from tests.test_espace import no_serious_violations

    chromium = chromium_path()
    c = citizen(skip=1)
    provider.person = {"sub": "fc-6", "email": c["contact"]["email"]}
    settings = make_settings(tmp_path, oidc_issuer=provider.issuer, oidc_client_id=CLIENT_ID,
                             oidc_client_secret=CLIENT_SECRET)
    with http_service(settings, db_url) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                     headless=True)
        page = browser.new_page()
        page.goto(f"{base}/espace/connexion")
        no_serious_violations(page, "sign-in page with FranceConnect")
        page.click("#oidc")
        expect(page.locator("h1")).to_have_text("Mes dossiers")
        expect(page.locator("main")).to_contain_text(c["etat_civil"]["family_name"])
        # Sent back again with a forged state: refused, and the page says what to do.
        page.goto(f"{base}/espace/connexion/retour?state=forged&code=x")
        expect(page.locator("#message")).to_contain_text("état invalide")
        expect(page.locator("#suggestion")).to_contain_text("Recommencez")
        no_serious_violations(page, "refused sign-in")
        browser.close()
