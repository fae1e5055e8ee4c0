"""The authorization matrix: every route of the app × every kind of caller, on a mixed case.

RULES says, for each route and method of the app, which callers may use it ("ok"), which
are let through the authority check but refused by the case's state ("conflict", 409), and
the rest are refused (401, 403, 404, or the console's redirect to its login). A route the
app serves and RULES does not name fails `test_every_route_has_a_rule`, with its path.

The case is one citizen's prime d'activité (CAF) and tax claim (DGFiP), waiting for a CAF
officer's decision: the DGFiP officer is an officer of the case, but not of that request.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from api.app import create_app
from evals.bench.processes import free_port
from guichet.settings import Settings
from tests.scripted import ScriptedModel
from tests.support import Running, make_settings, running_service, token
from tests.test_scope_multi import TEXT, mixed_case, mixed_citizen, sql, triage_both

ACTORS = ("none", "owner", "stranger", "caf", "dgfip", "mairie",
          "auditor", "auditor_caf", "auditor_mairie")
OFFICERS = frozenset({"caf", "dgfip", "mairie"})
AUDITORS = frozenset({"auditor", "auditor_caf", "auditor_mairie"})
CITIZENS = frozenset({"owner", "stranger"})
EVERYONE = frozenset(ACTORS)
CASE_OFFICERS = frozenset({"caf", "dgfip"})  # the case holds a procedure of each
CASE_AUDITORS = frozenset({"auditor", "auditor_caf"})


@dataclass(frozen=True)
class Probe:
    path: str  # with {case}, {approval} filled in from the shared case
    ok: frozenset[str] = frozenset()
    conflict: frozenset[str] = frozenset()
    json: dict[str, Any] | None = None
    form: dict[str, str] | None = None
    params: dict[str, str] = field(default_factory=dict)
    # A write that changes the case: each allowed caller gets a fresh case of its own
    # (after `before`, e.g. a takeover), the others are tried on the shared one.
    fresh: bool = False
    before: str | None = None
    # The console's logout answers everyone with the login page: that is its success.
    login_is_ok: bool = False
    # A stream that does not end (Server-Sent Events): its status is read over real HTTP,
    # since the in-process transport waits for a body's end.
    stream: bool = False


CLOSE = {"status": "refuse", "reason": "Pièces manquantes."}
RULES: dict[tuple[str, str], list[Probe]] = {
    # Public: the API's description, health, the login pages and the console's stylesheet.
    ("GET", "/openapi.json"): [Probe("/openapi.json", ok=EVERYONE)],
    ("GET", "/docs"): [Probe("/docs", ok=EVERYONE)],
    ("GET", "/docs/oauth2-redirect"): [Probe("/docs/oauth2-redirect", ok=EVERYONE)],
    ("GET", "/redoc"): [Probe("/redoc", ok=EVERYONE)],
    ("GET", "/healthz"): [Probe("/healthz", ok=EVERYONE)],
    ("GET", "/readyz"): [Probe("/readyz", ok=EVERYONE)],
    ("GET", "/metrics"): [Probe("/metrics", ok=EVERYONE)],
    ("GET", "/console/static/console.css"): [Probe("/console/static/console.css", ok=EVERYONE)],
    ("GET", "/console/login"): [Probe("/console/login", ok=EVERYONE)],
    ("POST", "/console/login"): [Probe("/console/login", ok=OFFICERS, form={})],
    ("GET", "/audit/login"): [Probe("/audit/login", ok=EVERYONE)],
    ("POST", "/audit/login"): [Probe("/audit/login", ok=AUDITORS, form={})],
    # Citizens: their own cases only.
    ("POST", "/v1/cases"): [Probe("/v1/cases", ok=CITIZENS, json={"text": "Un nid de poule "
                                                                   "rue Victor Hugo à Lyon"})],
    ("GET", "/v1/cases"): [Probe("/v1/cases", ok=CITIZENS)],
    ("GET", "/v1/cases/{case_id}"): [Probe("/v1/cases/{case}", ok=frozenset({"owner"}))],
    ("POST", "/v1/cases/{case_id}/withdraw"): [
        Probe("/v1/cases/{case}/withdraw", ok=frozenset({"owner"}), fresh=True)],
    ("POST", "/v1/cases/{case_id}/messages"): [
        Probe("/v1/cases/{case}/messages", ok=frozenset({"owner"}), json={"text": "Alors ?"},
              fresh=True)],
    # Officers: their authority's inbox and requests; the case file and actions of the
    # authorities of the case; the DGFiP officer may not take a case waiting for the CAF.
    ("GET", "/v1/approvals"): [Probe("/v1/approvals", ok=OFFICERS)],
    ("GET", "/v1/approvals/{approval_id}"): [
        Probe("/v1/approvals/{approval}", ok=frozenset({"caf"}))],
    ("POST", "/v1/approvals/{approval_id}/decision"): [
        Probe("/v1/approvals/{approval}/decision", ok=frozenset({"caf"}),
              json={"decision": "approve"}, fresh=True)],
    ("GET", "/v1/handoffs"): [Probe("/v1/handoffs", ok=OFFICERS)],
    ("GET", "/v1/handoffs/{case_id}"): [Probe("/v1/handoffs/{case}", ok=CASE_OFFICERS)],
    ("POST", "/v1/cases/{case_id}/takeover"): [
        Probe("/v1/cases/{case}/takeover", ok=frozenset({"caf"}),
              conflict=frozenset({"dgfip"}), fresh=True)],
    ("POST", "/v1/cases/{case_id}/reply"): [
        Probe("/v1/cases/{case}/reply", ok=frozenset({"caf"}), conflict=frozenset({"dgfip"}),
              json={"text": "Bonjour"}, fresh=True, before="/v1/cases/{case}/takeover")],
    ("POST", "/v1/cases/{case_id}/close"): [
        Probe("/v1/cases/{case}/close", ok=frozenset({"caf"}), conflict=frozenset({"dgfip"}),
              json=CLOSE, fresh=True, before="/v1/cases/{case}/takeover")],
    # Figures: officers and auditors; one authority's only for officers and scoped auditors.
    ("GET", "/v1/stats/approvals"): [
        Probe("/v1/stats/approvals", ok=OFFICERS | AUDITORS),
        Probe("/v1/stats/approvals", ok=frozenset({"caf", "auditor", "auditor_caf"}),
              params={"authority": "caf"})],
    ("GET", "/v1/stats/outreach"): [Probe("/v1/stats/outreach", ok=OFFICERS | AUDITORS)],
    # The console, for officers.
    ("GET", "/console"): [Probe("/console", ok=OFFICERS)],
    ("GET", "/console/approvals/{approval_id}"): [
        Probe("/console/approvals/{approval}", ok=frozenset({"caf"}))],
    ("POST", "/console/approvals/{approval_id}/decision"): [
        Probe("/console/approvals/{approval}/decision", ok=frozenset({"caf"}),
              form={"decision": "approve"}, fresh=True)],
    ("GET", "/console/cases/{case_id}"): [Probe("/console/cases/{case}", ok=CASE_OFFICERS)],
    ("POST", "/console/cases/{case_id}/takeover"): [
        Probe("/console/cases/{case}/takeover", ok=frozenset({"caf"}),
              conflict=frozenset({"dgfip"}), form={}, fresh=True)],
    ("POST", "/console/cases/{case_id}/reply"): [
        Probe("/console/cases/{case}/reply", ok=frozenset({"caf"}),
              conflict=frozenset({"dgfip"}), form={"text": "Bonjour"}, fresh=True,
              before="/v1/cases/{case}/takeover")],
    ("POST", "/console/cases/{case_id}/close"): [
        Probe("/console/cases/{case}/close", ok=frozenset({"caf"}),
              conflict=frozenset({"dgfip"}), form=CLOSE, fresh=True,
              before="/v1/cases/{case}/takeover")],
    # Auditors: cases of their scope, read only.
    ("GET", "/v1/audit/cases"): [Probe("/v1/audit/cases", ok=AUDITORS)],
    ("GET", "/v1/audit/verify"): [
        Probe("/v1/audit/verify", ok=frozenset({"auditor"})),
        Probe("/v1/audit/verify", ok=CASE_AUDITORS, params={"case_id": "{case}"})],
    ("GET", "/v1/cases/{case_id}/trace"): [Probe("/v1/cases/{case}/trace", ok=CASE_AUDITORS)],
    ("POST", "/v1/cases/{case_id}/replay"): [
        # Let through the scope check, refused by the state: the shared case still waits.
        Probe("/v1/cases/{case}/replay", conflict=CASE_AUDITORS)],
    ("GET", "/audit"): [Probe("/audit", ok=AUDITORS)],
    ("GET", "/audit/cases/{case_id}"): [Probe("/audit/cases/{case}", ok=CASE_AUDITORS)],
    # A case's live events: whoever may read the case.
    ("GET", "/v1/cases/{case_id}/events"): [
        Probe("/v1/cases/{case}/events", ok=frozenset({"owner"}) | CASE_OFFICERS
              | CASE_AUDITORS, stream=True)],
    # The SMS provider's webhooks take its shared secret, never a user's token: every
    # caller here is refused (tests/test_sms.py sends the secret).
    ("POST", "/v1/inbound/sms"): [
        Probe("/v1/inbound/sms", json={"id": "m-1", "from": "0612345678", "text": "Bonjour"})],
    ("POST", "/v1/inbound/sms/status"): [
        Probe("/v1/inbound/sms/status", json={"id": "m-1", "status": "delivered"})],
    # The citizens' space: public sign-in pages (the dev one outside prod; OIDC is not
    # configured here, so its routes are 404 for everyone), then the signed-in citizen's own
    # cases only. A session of another role is refused (403), none goes to the sign-in page.
    ("GET", "/espace/static/espace.css"): [Probe("/espace/static/espace.css", ok=EVERYONE)],
    ("GET", "/espace/static/espace.js"): [Probe("/espace/static/espace.js", ok=EVERYONE)],
    ("GET", "/espace"): [Probe("/espace", ok=EVERYONE)],  # a redirect to the case list
    ("GET", "/espace/connexion"): [Probe("/espace/connexion", ok=EVERYONE)],
    ("POST", "/espace/connexion/dev"): [Probe("/espace/connexion/dev", ok=EVERYONE,
                                              form={"citizen": "C000005"})],
    ("GET", "/espace/connexion/oidc"): [Probe("/espace/connexion/oidc")],
    ("GET", "/espace/connexion/retour"): [
        Probe("/espace/connexion/retour", params={"state": "x", "code": "y"})],
    ("GET", "/espace/dossiers"): [Probe("/espace/dossiers", ok=CITIZENS)],
    ("GET", "/espace/dossiers/nouveau"): [Probe("/espace/dossiers/nouveau", ok=CITIZENS)],
    ("POST", "/espace/dossiers"): [Probe("/espace/dossiers", ok=CITIZENS, form={
        "text": "Un nid de poule rue Victor Hugo à Lyon"})],
    ("GET", "/espace/dossiers/{case_id}"): [Probe("/espace/dossiers/{case}",
                                                  ok=frozenset({"owner"}))],
    ("POST", "/espace/dossiers/{case_id}/reponse"): [
        Probe("/espace/dossiers/{case}/reponse", ok=frozenset({"owner"}),
              form={"text": "Alors ?"}, fresh=True)],
    ("POST", "/espace/dossiers/{case_id}/retrait"): [
        Probe("/espace/dossiers/{case}/retrait", ok=frozenset({"owner"}), form={}, fresh=True)],
    ("POST", "/espace/dossiers/{case_id}/agent"): [
        Probe("/espace/dossiers/{case}/agent", ok=frozenset({"owner"}), form={}, fresh=True)],
    # The case holds no file: 404 for its owner too (tests/test_espace.py downloads one).
    ("GET", "/espace/dossiers/{case_id}/pieces/{attachment_id}"): [
        Probe("/espace/dossiers/{case}/pieces/1")],
    ("GET", "/espace/dossiers/{case_id}/evenements"): [
        Probe("/espace/dossiers/{case}/evenements", ok=frozenset({"owner"}), stream=True)],
    **{(m, "/v1/cases/{case_id}/trace"): [Probe("/v1/cases/{case}/trace")]
       for m in ("POST", "PUT", "PATCH", "DELETE")},
    **{(m, "/v1/audit/{rest:path}"): [Probe("/v1/audit/cases")]
       for m in ("POST", "PUT", "PATCH", "DELETE")},
    # Logouts last: they revoke the session they are called with (the console's and audit
    # pages' sessions are kept for the whole matrix; bearer tokens are minted per call).
    # Both pages' logouts answer everyone with their login page: that is their success.
    # A mail provider's webhook: its shared secret, which no caller here holds.
    ("POST", "/v1/inbound/email"): [Probe("/v1/inbound/email")],
    ("POST", "/v1/auth/logout"): [Probe("/v1/auth/logout", ok=EVERYONE - {"none"})],
    ("POST", "/console/logout"): [Probe("/console/logout", ok=EVERYONE, login_is_ok=True)],
    ("POST", "/audit/logout"): [Probe("/audit/logout", ok=EVERYONE, login_is_ok=True)],
    ("POST", "/espace/deconnexion"): [Probe("/espace/deconnexion", ok=EVERYONE, form={},
                                            login_is_ok=True)],
}


def _walk(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    for route in routes:
        # Recent FastAPI keeps included routers as branches of the route table.
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _walk(inner.routes, prefix + route.include_context.prefix)
            continue
        for method in sorted(getattr(route, "methods", None) or {"WEBSOCKET"}):
            if method != "HEAD":
                yield method, prefix + route.path


def app_routes(data_dir: Path) -> set[tuple[str, str]]:
    app = create_app(make_settings(data_dir), workers=0)
    return set(_walk(list(app.routes)))


def test_every_route_has_a_rule(tmp_path: Path) -> None:
    served = app_routes(tmp_path)
    missing = sorted(served - set(RULES))
    assert not missing, "routes without an authorization rule in tests/test_authz_matrix.py: " \
        + ", ".join(f"{m} {p}" for m, p in missing)
    stale = sorted(set(RULES) - served)
    assert not stale, "rules for routes the app no longer serves: " + ", ".join(
        f"{m} {p}" for m, p in stale)


@dataclass
class Callers:
    """Each actor's credentials: a bearer token, and for the console a session and its form
    token (taken from the console's own login and pages, whatever their mechanism)."""

    running: Running
    owner: str
    stranger: str
    live: str  # the same app over real HTTP, for streams
    sessions: dict[str, str] = field(default_factory=dict)
    csrf: dict[str, str] = field(default_factory=dict)
    # The citizens' space: its own session cookie and form tokens.
    espace: dict[str, str] = field(default_factory=dict)
    espace_csrf: dict[str, str] = field(default_factory=dict)

    def token(self, actor: str) -> str | None:
        match actor:
            case "none":
                return None
            case "owner" | "stranger":
                return token("citizen", getattr(self, actor))
            case "caf" | "dgfip" | "mairie":
                return token("officer", f"o-{actor}", actor)
            case "auditor":
                return token("auditor", "a-all")
        return token("auditor", actor, actor.removeprefix("auditor_"))

    async def login(self) -> None:
        client = self.running.client
        for actor in OFFICERS:
            r = await client.post("/console/login", data={"token": self.token(actor) or ""})
            assert r.status_code == 303, r.text
            self.sessions[actor] = "; ".join(f"{k}={v}" for k, v in r.cookies.items())
            client.cookies.clear()
            page = await client.get("/console", headers={"Cookie": self.sessions[actor]})
            found = re.search(r'name="csrf" value="([^"]+)"', page.text)
            assert found, page.text
            self.csrf[actor] = found.group(1)
        for actor in ACTORS:
            if actor not in OFFICERS and actor != "none":
                # Not an officer: the raw token as a cookie, as a forged session would be.
                self.sessions[actor] = f"guichet_token={self.token(actor)}"
        for actor in CITIZENS:
            r = await client.post("/espace/connexion/dev",
                                  data={"citizen": getattr(self, actor)})
            assert r.status_code == 303, r.text
            self.espace[actor] = "; ".join(f"{k}={v}" for k, v in r.cookies.items())
            client.cookies.clear()
            page = await client.get("/espace/dossiers", headers={"Cookie": self.espace[actor]})
            found = re.search(r'name="csrf" value="([^"]+)"', page.text)
            assert found, page.text
            self.espace_csrf[actor] = found.group(1)
        for actor in ACTORS:
            if actor not in CITIZENS and actor != "none":
                # Another role's token as the space's cookie, as a forged session would be.
                self.espace[actor] = f"guichet_espace={self.token(actor)}"

    async def send(self, actor: str, method: str, path: str, probe: Probe) -> httpx.Response:
        client = self.running.client
        headers: dict[str, str] = {}
        tok = self.token(actor)
        form = None if probe.form is None else dict(probe.form)
        if path.startswith("/espace"):
            if actor in self.espace:
                headers["Cookie"] = self.espace[actor]
            if form is not None and actor in self.espace_csrf:
                form["csrf"] = self.espace_csrf[actor]
        elif path.startswith("/console") and path != "/console/login":
            if actor in self.sessions:
                headers["Cookie"] = self.sessions[actor]
            if form is not None and actor in self.csrf:
                form["csrf"] = self.csrf[actor]
        elif path.endswith("/login") and form is not None:
            form["token"] = tok or "not-a-token"
        elif tok:
            headers["Authorization"] = f"Bearer {tok}"
        try:
            if probe.stream:
                async with httpx.AsyncClient(base_url=self.live, timeout=10.0) as live, \
                        live.stream(method, path, headers=headers, params=probe.params) as r:
                    if r.status_code >= 300:
                        await r.aread()
                    return r  # an open stream: its status is what counts; it closes here
            return await client.request(method, path, headers=headers, params=probe.params,
                                        json=probe.json, data=form)
        finally:
            client.cookies.clear()  # each call carries its own caller's credentials only


def outcome(r: httpx.Response, probe: Probe) -> str:
    location = r.headers.get("location", "")
    if r.status_code == 303 and location.startswith(("/console/login", "/audit/login",
                                                      "/espace/connexion")):
        return "ok" if probe.login_is_ok else "no"
    if r.status_code < 400:
        return "ok"
    if r.status_code in (401, 403, 404):
        return "no"
    if r.status_code == 409:
        return "conflict"
    return f"unexpected {r.status_code}"


def expected(probe: Probe, actor: str) -> str:
    return "ok" if actor in probe.ok else "conflict" if actor in probe.conflict else "no"


async def test_every_route_with_every_caller(tmp_path: Path, db_url: str) -> None:
    # Hundreds of writes from one address in a minute: the write limits are not under test.
    settings = make_settings(tmp_path, **(
        {"rate_limits_enabled": False} if "rate_limits_enabled" in Settings.model_fields
        else {}))
    owner = mixed_citizen()
    async with running_service(settings, db_url,
                               model=ScriptedModel(script=triage_both)) as running:
        case_id, approval_id = await mixed_case(running, owner)
        stranger = mixed_citizen(skip=1)
        async with served(running) as live:
            callers = Callers(running, owner=owner["id"], stranger=stranger["id"], live=live)
            await callers.login()
            await _matrix(running, callers, owner, case_id, approval_id)


@contextlib.asynccontextmanager
async def served(running: Running) -> AsyncIterator[str]:
    """The running app, also over real HTTP on localhost (same services, same loop)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(running.client._transport.app,  # type: ignore[attr-defined]
                                           host="127.0.0.1", port=port, lifespan="off",
                                           log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "the HTTP server did not start"
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


def _text(r: httpx.Response) -> str:
    try:
        return r.text
    except httpx.ResponseNotRead:
        return "(a stream)"


async def _matrix(running: Running, callers: Callers, owner: dict[str, Any], case_id: str,
                  approval_id: str) -> None:
    def fill(text: str, case: str, approval: str) -> str:
        return text.replace("{case}", case).replace("{approval}", approval)

    wrong: list[str] = []
    tried = 0
    for (method, _route), probes in RULES.items():
        for probe in probes:
            for actor in ACTORS:
                want = expected(probe, actor)
                case, approval = case_id, approval_id
                if probe.fresh and want == "ok":
                    # The allowed write, on a case of its own (see below for the check
                    # that nobody else changed the shared one).
                    r = await running.client.post("/v1/cases", json={"text": TEXT},
                                                  headers=running.auth("citizen",
                                                                       owner["id"]))
                    case = str(r.json()["id"])
                    await running.settle(case)
                    [row] = await sql(running, "select id::text from approvals where"
                                               " case_id = %s", case)
                    approval = row["id"]
                    if probe.before:
                        pre = await callers.send(actor, "POST", fill(probe.before, case,
                                                                     approval), Probe(""))
                        assert pre.status_code == 200, pre.text
                p = Probe(fill(probe.path, case, approval), json=probe.json,
                          form=probe.form, login_is_ok=probe.login_is_ok,
                          stream=probe.stream, params={k: fill(v, case, approval)
                                                       for k, v in probe.params.items()})
                r = await callers.send(actor, method, p.path, p)
                tried += 1
                got = outcome(r, probe)
                if got != want:
                    wrong.append(f"{method} {p.path} {p.params or ''} as {actor}: "
                                 f"expected {want}, got {r.status_code} {_text(r)[:160]}")
    assert not wrong, f"{len(wrong)} of {tried} calls:\n" + "\n".join(wrong)
    assert tried >= 9 * len(RULES)

    # None of the refused calls changed the shared case.
    [state] = await sql(running, "select c.status, c.taken_by, c.settled_at, a.status as"
                                 " request from cases c join approvals a on a.case_id ="
                                 " c.id where c.id = %s", case_id)
    assert state == {"status": "en_instruction", "taken_by": None, "settled_at": None,
                     "request": "pending"}
    assert await sql(running, "select 1 from notifications where case_id = %s and"
                              " idem_key like '%%/officer/%%'", case_id) == []
