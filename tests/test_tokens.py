"""Tokens and sessions: every claim checked, logout revokes everywhere, no token in the logs."""

from __future__ import annotations

import base64
import json
import logging
import time
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest
from typer.testing import CliRunner

from api.auth import AuthError, TokenPolicy, mint, verify
from guichet.catalogue import default_catalogue
from guichet.cli import app as cli_app
from guichet.settings import Settings
from guichet.store import sessions
from tests import citizens as pop
from tests.support import SECRET, Running, make_settings, token

POLICY = TokenPolicy(secret=SECRET, authorities=frozenset(default_catalogue().authorities))
NEVER = 253402300799  # 9999-12-31T23:59:59Z


def _claims(**changes: Any) -> dict[str, Any]:
    """A valid officer token's claims, with `changes` applied (None deletes a claim)."""
    now = int(time.time())
    claims: dict[str, Any] = {"iss": "guichet", "aud": "guichet-api", "role": "officer",
                              "sub": "agent-martin", "authority": "caf", "iat": now,
                              "exp": now + 3600, "jti": "0123456789abcdef"}
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _forge(secret: str = SECRET, algorithm: str = "HS256", **changes: Any) -> str:
    with warnings.catch_warnings():  # HS512 with our 52-byte secret: the point is the alg
        warnings.simplefilter("ignore")
        return jwt.encode(_claims(**changes), secret, algorithm=algorithm)


def _unsigned(**changes: Any) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(_claims(**changes))}."


NOW = int(time.time())
# (what is wrong, the token, the claim the refusal must name)
BAD: list[tuple[str, str, str]] = [
    ("lifetime over the 8 h maximum", _forge(iat=NOW, exp=NOW + 8 * 3600 + 1), "exp"),
    ("exp in year 9999", _forge(exp=NEVER), "exp"),
    ("expired", _forge(iat=NOW - 7200, exp=NOW - 3600), "exp"),
    ("issued in the future", _forge(iat=NOW + 3600, exp=NOW + 7200), "iat"),
    ("no exp", _forge(exp=None), "exp"),
    ("no iat", _forge(iat=None), "iat"),
    ("no iss", _forge(iss=None), "iss"),
    ("another issuer", _forge(iss="someone-else"), "iss"),
    ("no aud", _forge(aud=None), "aud"),
    ("another audience", _forge(aud="another-api"), "aud"),
    ("no jti", _forge(jti=None), "jti"),
    ("malformed jti", _forge(jti="a b"), "jti"),
    ("no sub", _forge(sub=None), "sub"),
    ("empty sub", _forge(sub=""), "sub"),
    ("officer sub with markup", _forge(sub="<script>"), "sub"),
    ("citizen sub not an id", _forge(role="citizen", sub="bob", authority=None), "sub"),
    ("citizen id malformed", _forge(role="citizen", sub="C12", authority=None), "sub"),
    ("empty citizen sub", _forge(role="citizen", sub="", authority=None), "sub"),
    ("citizen naming an authority", _forge(role="citizen", sub="C000005"), "authority"),
    ("unknown authority", _forge(authority="nasa"), "authority"),
    ("officer without authority", _forge(authority=None), "authority"),
    ("auditor of an unknown authority", _forge(role="auditor", authority="nasa"), "authority"),
    ("unknown role", _forge(role="admin"), "role"),
    ("no role", _forge(role=None), "role"),
    ("sub not a string", _forge(sub=123), "sub"),
    ("alg none", _unsigned(), "InvalidAlgorithmError"),
    ("wrong secret", _forge(secret="another-secret-" + "y" * 40), "InvalidSignatureError"),
    ("another algorithm", _forge(algorithm="HS512"), "InvalidAlgorithmError"),
    ("garbage", "not.a.token", "DecodeError"),
]


@pytest.mark.parametrize(("what", "bad", "claim"), BAD, ids=[b[0] for b in BAD])
def test_each_bad_token_is_refused_naming_the_claim(what: str, bad: str, claim: str) -> None:
    with pytest.raises(AuthError) as refused:
        verify(bad, policy=POLICY)
    assert claim in str(refused.value), what


def test_valid_tokens_of_each_role_are_accepted() -> None:
    assert verify(_forge(), policy=POLICY).authority == "caf"
    citizen = verify(token("citizen", "C000123"), policy=POLICY)
    assert (citizen.role, citizen.sub, citizen.authority) == ("citizen", "C000123", None)
    auditor = verify(token("auditor", "inspection"), policy=POLICY)
    assert auditor.role == "auditor" and auditor.authority is None
    assert verify(token("auditor", "a", "cpam"), policy=POLICY).authority == "cpam"
    # Exactly the maximum lifetime is allowed; clocks a few seconds apart are tolerated.
    assert verify(_forge(iat=NOW, exp=NOW + 8 * 3600), policy=POLICY).sub == "agent-martin"
    assert verify(_forge(iat=NOW + 10, exp=NOW + 3600), policy=POLICY).sub == "agent-martin"
    # Each minted token has an id of its own, so that revoking one leaves the others.
    first, second = (verify(mint(SECRET, role="citizen", sub="C000001"), policy=POLICY).jti
                     for _ in range(2))
    assert first != second


def test_the_maximum_lifetime_is_a_setting(tmp_path: Path) -> None:
    short = TokenPolicy(secret=SECRET, authorities=POLICY.authorities, max_lifetime_s=600)
    with pytest.raises(AuthError, match="exp: lifetime"):
        verify(_forge(iat=NOW, exp=NOW + 601), policy=short)
    assert make_settings(tmp_path).jwt_max_lifetime_s == 8 * 3600
    with pytest.raises(ValueError, match="GUICHET_JWT_TTL_S"):
        make_settings(tmp_path, jwt_ttl_s=9 * 3600)
    other = TokenPolicy(secret=SECRET, authorities=POLICY.authorities, issuer="mairie-x",
                        audience="x-api")
    with pytest.raises(AuthError, match="iss"):
        verify(_forge(), policy=other)


def test_the_token_command_mints_what_the_api_accepts(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUICHET_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GUICHET_JWT_SECRET", SECRET)
    runner = CliRunner()
    out = runner.invoke(cli_app, ["token", "--role", "officer", "--sub", "agent-x",
                                  "--authority", "caf"])
    assert out.exit_code == 0, out.output
    claims = jwt.decode(out.stdout.strip(), SECRET, algorithms=["HS256"],
                        audience="guichet-api", issuer="guichet")
    assert claims["exp"] - claims["iat"] == Settings().jwt_ttl_s and claims["jti"]
    assert verify(out.stdout.strip(), policy=POLICY).authority == "caf"
    for args, reason in ((["--role", "citizen", "--sub", "bob"], "sub"),
                         (["--role", "officer", "--sub", "x", "--authority", "nasa"], "caf"),
                         (["--role", "officer", "--sub", "x"], "authority"),
                         (["--role", "admin", "--sub", "x"], "role")):
        refused = runner.invoke(cli_app, ["token", *args])
        assert refused.exit_code == 2 and reason in refused.output, (args, refused.output)


async def test_the_api_refuses_bad_tokens_with_401_naming_the_claim(service: Running) -> None:
    for what, bad, claim in BAD:
        r = await service.client.get("/v1/approvals", headers={"Authorization": f"Bearer {bad}"})
        assert r.status_code == 401, what
        assert claim in r.json()["detail"] and bad not in r.text, what


def _bearer(tok: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {tok}"}


def _cookie(tok: str) -> dict[str, str]:
    return {"Cookie": f"guichet_token={tok}"}


async def _cookie_login(service: Running, page: str, tok: str) -> str:
    r = await service.client.post(f"/{page}/login", data={"token": tok})
    assert r.status_code == 303, r.text
    cookie = r.cookies.get("guichet_token")
    assert cookie == tok
    set_cookie = r.headers["set-cookie"]
    assert "httponly" in set_cookie.lower() and f"path=/{page}" in set_cookie.lower()
    service.client.cookies.clear()  # each request below names its cookie explicitly
    return tok


async def test_bearer_logout_revokes_that_token_only(service: Running) -> None:
    citizen = pop.pick(pop.alive_adult)["id"]
    mine, other = token("citizen", citizen), token("citizen", citizen)
    assert (await service.client.get("/v1/cases", headers=_bearer(mine))).status_code == 200
    r = await service.client.post("/v1/auth/logout", headers=_bearer(mine))
    assert r.status_code == 204
    r = await service.client.get("/v1/cases", headers=_bearer(mine))
    assert r.status_code == 401 and "revoked" in r.json()["detail"]
    r = await service.client.post("/v1/auth/logout", headers=_bearer(mine))
    assert r.status_code == 401
    assert (await service.client.get("/v1/cases", headers=_bearer(other))).status_code == 200
    assert (await service.client.post("/v1/auth/logout")).status_code == 401


async def test_a_revoked_token_is_refused_on_every_kind_of_route(service: Running) -> None:
    citizen = pop.pick(pop.alive_adult)["id"]
    c, o, a = token("citizen", citizen), token("officer", "o", "caf"), token("auditor", "ins")
    routes: list[tuple[str, str, str]] = [
        (c, "GET", "/v1/cases"), (c, "POST", "/v1/cases"),
        (o, "GET", "/v1/approvals"), (a, "GET", "/v1/audit/cases"),
        (a, "GET", "/v1/audit/verify")]
    for tok, method, path in routes:
        r = await service.client.request(method, path, headers=_bearer(tok),
                                         json={"text": "un nid de poule rue Foch"})
        assert r.status_code in (200, 202), (path, r.text)
    for tok in (c, o, a):
        assert (await service.client.post("/v1/auth/logout",
                                          headers=_bearer(tok))).status_code == 204
    for tok, method, path in routes:
        r = await service.client.request(method, path, headers=_bearer(tok),
                                         json={"text": "un nid de poule rue Foch"})
        assert r.status_code == 401, (path, r.text)
    # The pages refuse it as a cookie, and logging in again with it is refused too.
    r = await service.client.get("/console", headers=_cookie(o))
    assert r.status_code == 303 and r.headers["location"] == "/console/login"
    assert (await service.client.get("/audit", headers=_cookie(a))).status_code == 401
    for page, tok in (("console", o), ("audit", a)):
        r = await service.client.post(f"/{page}/login", data={"token": tok})
        assert r.status_code == 401 and "guichet_token" not in r.cookies


async def test_console_and_audit_logout_revoke_the_cookie_token(service: Running) -> None:
    officer = await _cookie_login(service, "console", token("officer", "agent-martin", "caf"))
    jar = _cookie(officer)
    r = await service.client.get("/console", headers=jar)
    assert r.status_code == 200 and "Demandes de validation" in r.text
    r = await service.client.post("/console/logout", headers=jar)
    assert r.status_code == 303 and r.headers["location"] == "/console/login"
    assert 'guichet_token=""' in r.headers["set-cookie"] or "Max-Age=0" in r.headers[
        "set-cookie"]
    # A copy of the cookie kept after logout opens nothing, page or API.
    r = await service.client.get("/console", headers=jar)
    assert r.status_code == 303 and r.headers["location"] == "/console/login"
    assert (await service.client.get("/v1/approvals",
                                     headers=_bearer(officer))).status_code == 401

    auditor = await _cookie_login(service, "audit", token("auditor", "inspection"))
    jar = _cookie(auditor)
    r = await service.client.get("/audit", headers=jar)
    assert r.status_code == 200 and "/audit/logout" in r.text
    r = await service.client.post("/audit/logout", headers=jar)
    assert r.status_code == 303 and r.headers["location"] == "/audit/login"
    assert (await service.client.get("/audit", headers=jar)).status_code == 401
    assert (await service.client.get("/v1/audit/cases",
                                     headers=_bearer(auditor))).status_code == 401
    # Logging out without a session, or with a broken one, still just logs out.
    for jar in ({}, _cookie("broken")):
        r = await service.client.post("/console/logout", headers=jar)
        assert r.status_code == 303


async def test_a_token_in_the_login_address_is_refused_and_not_used(service: Running) -> None:
    for page, tok in (("console", token("officer", "o", "caf")),
                      ("audit", token("auditor", "inspection"))):
        r = await service.client.get(f"/{page}/login", params={"token": tok})
        assert r.status_code == 400 and "guichet_token" not in r.cookies
        assert "adresse" in r.text and tok not in r.text
        r = await service.client.get(f"/{page}/login")
        assert r.status_code == 200 and 'method="post"' in r.text


async def test_revocations_are_purged_once_their_token_has_expired(service: Running) -> None:
    past = datetime.now(UTC) - timedelta(minutes=1)
    future = datetime.now(UTC) + timedelta(hours=1)
    async with service.services.pool.connection() as conn:
        await sessions.revoke(conn, jti="old-token-id", expires_at=past)
        await sessions.revoke(conn, jti="live-token-id", expires_at=future)
        await sessions.revoke(conn, jti="live-token-id", expires_at=future)  # idempotent
        assert not await sessions.is_revoked(conn, jti="old-token-id")
        assert await sessions.is_revoked(conn, jti="live-token-id")
        cur = await conn.execute("select count(*) as n from revoked_tokens")
        row = await cur.fetchone()
    assert row is not None and row["n"] == 1


async def test_no_token_appears_in_any_log_line(service: Running,
                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    citizen = pop.pick(pop.alive_adult)["id"]
    tokens = {"citizen": token("citizen", citizen), "officer": token("officer", "o", "caf"),
              "auditor": token("auditor", "inspection")}
    c, o, a = tokens["citizen"], tokens["officer"], tokens["auditor"]
    client = service.client
    await client.get("/console/login", params={"token": o})
    await client.get("/audit/login", params={"token": a})
    await _cookie_login(service, "console", o)
    await client.get("/console", headers=_cookie(o))
    await _cookie_login(service, "audit", a)
    await client.get("/audit", headers=_cookie(a))
    await client.post("/v1/cases", headers=_bearer(c), json={"text": "un nid de poule rue Foch"})
    await client.get("/v1/cases", headers=_bearer(c))
    await client.get("/v1/approvals", headers=_bearer(o))
    await client.get("/v1/audit/cases", headers=_bearer(a))
    await client.get(f"/v1/cases/{c}", headers=_bearer(c))  # a token where an id goes
    await client.post("/v1/auth/logout", headers=_bearer(c))
    await client.get("/v1/cases", headers=_bearer(c))  # refused: revoked
    await client.post("/console/logout", headers=_cookie(o))
    access = [r for r in caplog.records if r.name == "guichet.access"]
    assert len(access) >= 14, [r.getMessage() for r in access]
    assert any("[token]" in r.getMessage() for r in access)  # the id-shaped token, masked
    secrets = [part for tok in tokens.values() for part in (tok, tok.rsplit(".", 1)[1])]
    # httpx's lines are this test's client echoing the URLs it asked for, not the service.
    for record in (r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))):
        line = f"{record.getMessage()} {record.__dict__!r}"
        for secret in secrets:
            assert secret not in line, f"{record.name}: {record.getMessage()}"
