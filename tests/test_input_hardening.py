"""No 5xx from input: text, numbers, ids, content types and sizes are refused at the edge,
each with a problem body (RFC 9457) naming the field, as the OpenAPI document says."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
from starlette.types import Message, Receive, Scope, Send

from api.app import body_cap
from api.bodylimit import BodyLimit
from api.problems import PROBLEM, Problem
from tests import citizens as pop
from tests.support import Running, token

OFFICER = ("officer", "o-caf", "caf")
AUDITOR = ("auditor", "inspection")


def _problem(r: httpx.Response, status: int, field: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["content-type"].startswith(PROBLEM), r.headers
    body = r.json()
    Problem.model_validate(body)
    assert body["status"] == status and body["title"] and body["detail"]
    if field is not None:
        assert body["field"] == field, body
        assert body["errors"][0]["field"] == field, body
    return body


async def _own_case(service: Running) -> tuple[str, dict[str, str]]:
    h = service.auth("citizen", pop.pick(pop.alive_adult)["id"])
    r = await service.client.post("/v1/cases", json={"text": "un nid de poule rue Foch"},
                                  headers=h)
    assert r.status_code == 202, r.text
    return r.json()["id"], h


async def test_nul_and_lone_surrogates_are_refused_naming_the_field(service: Running) -> None:
    case_id, h = await _own_case(service)
    officer = service.auth(*OFFICER)
    for text in ('"un nid \\u0000 de poule"', '"rue Foch \\ud800"', '"\\udfff"'):
        r = await service.client.post("/v1/cases", content=f'{{"text": {text}}}'.encode(),
                                      headers={**h, "content-type": "application/json"})
        body = _problem(r, 422, "text")
        assert body["reason"] in ("contains a NUL character",
                                  "contains a lone surrogate (not Unicode text)")
        r = await service.client.post(f"/v1/cases/{case_id}/messages",
                                      content=f'{{"text": {text}}}'.encode(),
                                      headers={**h, "content-type": "application/json"})
        _problem(r, 422, "text")
        for path, field, extra in (("reply", "text", ""), ("close", "reason",
                                                          ', "status": "refuse"')):
            r = await service.client.post(f"/v1/cases/{case_id}/{path}",
                                          content=f'{{"{field}": {text}{extra}}}'.encode(),
                                          headers={**officer, "content-type": "application/json"})
            _problem(r, 422, field)
    approval = str(uuid.uuid4())
    for body, field in (('{"decision": "reject", "comment": "non \\u0000"}', "comment"),
                        ('{"decision": "edit", "args": {"iban": "FR\\ud83d"}}', "args"),
                        ('{"decision": "edit", "args": {"a": [{"b": "\\u0000"}]}}', "args"),
                        ('{"decision": "edit", "args": {"\\u0000": 1}}', "args"),
                        ('{"decision": "edit", "args": {"amount": NaN}}', "args"),
                        ('{"decision": "edit", "args": {"amount": 1e400}}', "args"),
                        ('{"decision": "edit", "args": {"amount": 99999999999999999999}}',
                         "args")):
        r = await service.client.post(f"/v1/approvals/{approval}/decision",
                                      content=body.encode(),
                                      headers={**officer, "content-type": "application/json"})
        _problem(r, 422, field)
    # Keys the client made up: one not Unicode fails the body as a whole; the others are
    # echoed back, made encodable, so that the answer cannot fail itself.
    r = await service.client.post("/v1/cases", content=b'{"text": "ok", "\\ud800x": 1}',
                                  headers={**h, "content-type": "application/json"})
    assert _problem(r, 422)["field"] == "body"
    r = await service.client.post("/v1/cases", content=b'{"text": "ok", "\\u00e9\\u0000": 1}',
                                  headers={**h, "content-type": "application/json"})
    assert _problem(r, 422)["field"] == "é\x00"
    r = await service.client.get("/v1/approvals", params={"procedure": "rsa\x00"},
                                 headers=officer)
    _problem(r, 422, "query.procedure")
    # Whitespace only: the same word as the domain's own check.
    r = await service.client.post("/v1/cases", json={"text": " \t\n"}, headers=h)
    assert _problem(r, 422, "text")["reason"] == "empty"
    async with service.services.pool.connection() as conn:
        cur = await conn.execute("select count(*) as n from case_messages")
        row = await cur.fetchone()
    assert row is not None and row["n"] == 1  # only the first, well-formed demand


async def test_numbers_beyond_the_database_are_refused(service: Running) -> None:
    case_id, h = await _own_case(service)
    huge = str(2**64)
    for path, who in (("/v1/cases", h), ("/v1/approvals", service.auth(*OFFICER)),
                      ("/v1/handoffs", service.auth(*OFFICER)),
                      ("/v1/audit/cases", service.auth(*AUDITOR)),
                      (f"/v1/cases/{case_id}/trace", service.auth(*AUDITOR))):
        for offset in (huge, "-1", "1e3", "１", "1.0", "+1", "1_000", " 1", "9" * 40):
            r = await service.client.get(path, params={"offset": offset}, headers=who)
            _problem(r, 422, "query.offset")
        r = await service.client.get(path, params={"offset": "1000000000"}, headers=who)
        assert r.status_code == 200, (path, r.text)
    r = await service.client.get("/v1/approvals", params={"min_age_days": huge},
                                 headers=service.auth(*OFFICER))
    _problem(r, 422, "query.min_age_days")
    for flag, status in (("yes", 422), ("1", 422), ("on", 422), ("true", 200), ("false", 200)):
        r = await service.client.get("/v1/approvals", params={"overdue": flag},
                                     headers=service.auth(*OFFICER))
        assert r.status_code == status, (flag, r.text)


async def test_instants_are_understood_whatever_their_offset(service: Running) -> None:
    auditor = service.auth(*AUDITOR)
    # Python accepts offsets up to ±23:59, Postgres up to ±15:59: sent as UTC, both agree.
    for since in ("2026-01-01T00:00:00+23:59", "2026-01-01T00:00:00-23:00",
                  "2026-01-01t00:00:00.123456Z", "9999-12-31T23:59:59-01:00"):
        r = await service.client.get("/v1/stats/approvals", params={"since": since},
                                     headers=auditor)
        assert r.status_code == 200, (since, r.text)
    # What `format: date-time` refuses, and pydantic alone would take.
    for since in ("2026-01-01T00:00:00", "2026-01-01", "1767225600", "2026-01-01 00:00:00Z",
                  "２026-01-01T00:00:00Z", "2026-13-01T00:00:00Z"):
        r = await service.client.get("/v1/stats/approvals", params={"since": since},
                                     headers=auditor)
        _problem(r, 422, "query.since")
    for day in ("2026-01-01T00:00:00", "1767225600", "2026-1-1", "２０２６-01-01"):
        r = await service.client.get("/v1/audit/cases", params={"since": day}, headers=auditor)
        _problem(r, 422, "query.since")
    r = await service.client.get("/v1/audit/cases", params={"until": "2026-01-01"},
                                 headers=auditor)
    assert r.status_code == 200, r.text
    r = await service.client.get("/v1/stats/approvals",
                                 params={"since": "2026-01-01T00:00:00+23:59"}, headers=auditor)
    assert r.status_code == 200 and r.json()["since"].startswith("2025-12-31T00:01:00")
    # Out of range once in UTC: before (or after) everything, not an error.
    r = await service.client.get("/v1/stats/approvals",
                                 params={"since": "0001-01-01T00:00:00+05:00"}, headers=auditor)
    assert r.status_code == 200 and r.json()["since"].startswith("0001-01-01T00:00:00")


async def test_ids_are_canonical_uuids_or_no_such_thing(service: Running) -> None:
    case_id, h = await _own_case(service)
    officer, auditor = service.auth(*OFFICER), service.auth(*AUDITOR)
    plain = case_id.replace("-", "")
    # Spellings `uuid.UUID` accepts and the Postgres `uuid` type refuses (or reads otherwise).
    spellings = [f"{{{case_id}}}", f"urn:uuid:{case_id}", f"{plain[:8]}_{plain[8:]}",
                 "١" * 32, f" {case_id}", f"+{case_id[1:]}", plain, case_id + "%0A",
                 case_id[:-1] + "%00"]
    routes = [("GET", "/v1/cases/{}", h), ("POST", "/v1/cases/{}/withdraw", h),
              ("GET", "/v1/approvals/{}", officer), ("GET", "/v1/handoffs/{}", officer),
              ("POST", "/v1/cases/{}/takeover", officer),
              ("GET", "/v1/cases/{}/trace", auditor), ("POST", "/v1/cases/{}/replay", auditor)]
    for method, template, who in routes:
        for bad in spellings:
            r = await service.client.request(method, template.format(bad), headers=who)
            assert r.status_code == 404, (method, template, bad, r.text)
            if r.headers["content-type"].startswith(PROBLEM):
                _problem(r, 404)
    r = await service.client.get(f"/v1/cases/{case_id.upper()}", headers=h)
    assert r.status_code == 200 and r.json()["id"] == case_id
    for bad in spellings:
        r = await service.client.get("/v1/audit/verify", params={"case_id": bad}, headers=auditor)
        _problem(r, 422, "query.case_id")


async def test_content_type_and_malformed_json(service: Running) -> None:
    case_id, h = await _own_case(service)
    body = json.dumps({"text": "un lampadaire en panne"}).encode()
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/xml",
                         None):
        headers = dict(h) | ({"content-type": content_type} if content_type else {})
        r = await service.client.post("/v1/cases", content=body, headers=headers)
        _problem(r, 415, "body")
        r = await service.client.post(f"/v1/cases/{case_id}/messages", content=body,
                                      headers=headers)
        _problem(r, 415, "body")
    for ok in ("application/json; charset=utf-8", "application/merge-patch+json"):
        r = await service.client.post("/v1/cases", content=body, headers={**h, "content-type": ok})
        assert r.status_code == 202, (ok, r.text)
    r = await service.client.post("/v1/cases", content=b'{"text": "x",', headers={
        **h, "content-type": "application/json"})
    problem = _problem(r, 422, "body")
    assert "malformed JSON" in problem["reason"]
    r = await service.client.post("/v1/cases", headers={**h, "content-type": "application/json"})
    _problem(r, 422, "body")
    # Bytes that are no UTF-8 at all.
    r = await service.client.post("/v1/cases", content=b'{"text": "\xff\xfe"}',
                                  headers={**h, "content-type": "application/json"})
    _problem(r, 400)


async def test_bodies_are_capped_as_they_stream(service: Running) -> None:
    _, h = await _own_case(service)
    cap = body_cap(service.services.settings)

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(cap // 65_536 + 2):
            yield b"a" * 65_536
        yield b'"}'

    # Chunked: no Content-Length, counted as it comes.
    r = await service.client.post("/v1/cases", content=chunks(),
                                  headers={**h, "content-type": "application/json"})
    _problem(r, 413, "body")
    # Declared: refused on the header alone.
    r = await service.client.post("/v1/cases", content=b"{}" + b" " * cap,
                                  headers={**h, "content-type": "application/json"})
    _problem(r, 413, "body")
    # Under the cap and over the text limit: the text's own 413.
    r = await service.client.post("/v1/cases", json={"text": "é" * 20_001}, headers=h)
    _problem(r, 413, "text")
    # Under the cap even when every character is written as an escape pair.
    text = json.dumps("😀" * 10_000)
    assert len(text) > 100_000
    r = await service.client.post("/v1/cases", content=f'{{"text": {text}}}'.encode(),
                                  headers={**h, "content-type": "application/json"})
    assert r.status_code == 202, r.text


async def test_the_cap_reads_no_more_than_it_must() -> None:
    """At the ASGI level: nothing of a body declared too long is read, a streamed one stops
    being read at the first chunk past the cap, and the app never sees the excess."""
    reached: list[int] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        total = 0
        while True:
            message = await receive()
            total += len(message.get("body", b""))
            if not message.get("more_body"):
                break
        reached.append(total)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def call(headers: list[tuple[bytes, bytes]], chunks: int) -> tuple[int, int]:
        pulled = 0
        sent: list[Message] = []

        async def receive() -> Message:
            nonlocal pulled
            pulled += 1
            return {"type": "http.request", "body": b"x" * 1000, "more_body": pulled < chunks}

        async def send(message: Message) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": "/", "headers": headers}
        await BodyLimit(app, max_bytes=10_000)(scope, receive, send)
        return sent[0]["status"], pulled

    assert await call([(b"content-length", b"1000000")], 1000) == (413, 0)
    assert await call([(b"content-length", b"99999999999999999999999999")], 1000) == (413, 0)
    assert await call([], 1000) == (413, 11)
    assert await call([(b"content-length", b"5000")], 5) == (200, 5)
    assert reached == [5000]


async def test_every_error_is_a_documented_problem(service: Running) -> None:
    doc = (await service.client.get("/openapi.json")).json()
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    problem_schema = doc["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "field", "reason", "errors"} <= set(
        problem_schema["properties"])
    submit = doc["paths"]["/v1/cases"]["post"]["responses"]
    assert {"202", "400", "401", "403", "404", "413", "415", "422", "503"} <= set(submit)
    for status, response in submit.items():
        if status.startswith(("4", "5")):
            assert list(response["content"]) == [PROBLEM], (status, response)
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            if operation.get("security"):
                # 403 where a role or scope is checked: logging out is for every role.
                assert {"401", "503"} <= statuses, (method, path)
                assert "403" in statuses or path == "/v1/auth/logout", (method, path)
            if "{" in path:
                assert "404" in statuses, (method, path)
            if any(p["in"] == "query" for p in operation.get("parameters", [])):
                assert "422" in statuses, (method, path)
            if "application/json" in operation.get("requestBody", {}).get("content", {}):
                assert {"400", "413", "415", "422"} <= statuses, (method, path)
            elif "requestBody" in operation:  # raw bytes (a mail): not decoded as JSON
                assert {"413", "415", "422"} <= statuses, (method, path)
    _, h = await _own_case(service)
    answers = [
        (await service.client.get("/v1/cases"), 401),
        (await service.client.get("/v1/approvals", headers=h), 403),
        (await service.client.get(f"/v1/cases/{uuid.uuid4()}", headers=h), 404),
        (await service.client.get("/v1/nowhere", headers=h), 404),
        (await service.client.delete("/v1/cases", headers=h), 405),
        (await service.client.post("/v1/cases", json={"txt": "x"}, headers=h), 422),
    ]
    for r, status in answers:
        _problem(r, status)
    assert answers[0][0].headers["www-authenticate"] == "Bearer"
    assert "POST" in answers[4][0].headers["allow"]
    listed = answers[5][0].json()["errors"]
    assert {e["field"] for e in listed} == {"text", "txt"}


async def test_the_console_refuses_what_the_api_refuses(service: Running) -> None:
    case_id, _ = await _own_case(service)
    client = service.client
    client.cookies.set("guichet_token", token(*OFFICER))
    for bad in (f"urn:uuid:{case_id}", f"{{{case_id}}}", "١" * 32):
        r = await client.get(f"/console/cases/{bad}")
        _problem(r, 404)
        r = await client.post(f"/console/cases/{bad}/takeover", data={"csrf": "x"})
        _problem(r, 404)
    for path, data in (("reply", {"text": "bonjour\x00"}),
                       ("close", {"status": "refuse", "reason": "non\x00"})):
        r = await client.post(f"/console/cases/{case_id}/{path}", data={"csrf": "x", **data})
        _problem(r, 422, next(k for k, v in data.items() if "\x00" in v))
    r = await client.post(f"/console/approvals/{uuid.uuid4()}/decision",
                          data={"csrf": "x", "decision": "edit", "arg.iban": "FR\x00"})
    _problem(r, 422, "arg.iban")
