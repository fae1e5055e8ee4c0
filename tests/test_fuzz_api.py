"""A short Schemathesis round against the real app on a real socket: no 5xx, no answer the
OpenAPI document does not describe. `make fuzz` runs the long one (evals/fuzz.py)."""

from __future__ import annotations

import asyncio
import http.client
import uuid
from pathlib import Path

from api.app import create_app
from evals.fuzz import fuzz, known_case, serving
from tests import citizens as pop
from tests.support import Running, make_settings, running_service, token

# Bounded for `make test`: a few examples per operation, mode and identity, and a time cap.
_EXAMPLES = 3
_MAX_SECONDS = 150.0


async def test_generated_requests_get_no_5xx_and_match_the_schema(tmp_path: Path,
                                                                   db_url: str) -> None:
    # Write limits off: they would answer most writes 429 and hide the handlers behind them
    # (tests/test_rate_limits.py tries them).
    async with running_service(make_settings(tmp_path, rate_limits_enabled=False),
                               db_url) as service:
        await _fuzz_once(service)


async def _fuzz_once(service: Running) -> None:
    app = create_app(service.services.settings, services=service.services, workers=0)
    identities = {"anonymous": "", "citizen": token("citizen", pop.pick(pop.alive_adult)["id"]),
                  "officer": token("officer", "o-caf", "caf"),
                  "auditor": token("auditor", "inspection")}
    async with serving(app) as base_url:
        case_id = await asyncio.to_thread(known_case, base_url, identities["citizen"])
        await service.settle(case_id)
        report = await asyncio.to_thread(fuzz, base_url, identities, examples=_EXAMPLES,
                                         max_seconds=_MAX_SECONDS, seed=12,
                                         known={"case_id": case_id})
    text = "\n".join(report.lines())
    assert report.operations >= 20, text
    # Every operation was reached, as every identity, valid and invalid.
    assert report.requests >= report.operations * len(identities) * 2, text
    assert not report.generation_errors, text
    # The operations on a case were also tried on one that exists.
    assert any("known ids" in line for line in report.tried), text
    assert report.server_errors == 0, text
    assert report.violations == 0, text
    # Not only refusals: valid requests were served (2xx) and invalid ones refused (4xx).
    assert any(200 <= s < 300 for s in report.by_status), text
    assert any(s in (404, 422) for s in report.by_status), text


async def test_errors_keep_the_connection_alive(service: Running) -> None:
    """A refused request leaves the keep-alive connection usable for the next one (a reset
    after each 500 was how the failures first showed), except a body refused unread."""
    app = create_app(service.services.settings, services=service.services, workers=0)
    citizen = {"Authorization": f"Bearer {token('citizen', pop.pick(pop.alive_adult)['id'])}"}
    json_type = {"Content-Type": "application/json"}
    sends: list[tuple[str, str, bytes | None, dict[str, str], int]] = [
        ("POST", "/v1/cases", b'{"text": "x",', citizen | json_type, 422),
        ("POST", "/v1/cases", b'{"text": "\\u0000"}', citizen | json_type, 422),
        ("POST", "/v1/cases", b'{"text": "x"}', citizen | {"Content-Type": "text/plain"}, 415),
        ("POST", "/v1/cases", b"[" * 100_000, citizen | json_type, 400),
        ("GET", f"/v1/cases/urn:uuid:{uuid.uuid4()}", None, citizen, 404),
        ("GET", "/v1/cases?offset=99999999999999999999", None, citizen, 422),
        ("GET", "/v1/cases", None, {}, 401),
        ("DELETE", "/v1/cases", None, citizen, 405),
        ("GET", "/v1/cases", None, citizen, 200),
    ]

    def exchange(base_url: str) -> None:
        host, port = base_url.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            conn.connect()
            first = conn.sock
            for method, path, body, headers, status in sends:
                conn.request(method, path, body=body, headers=headers)
                r = conn.getresponse()
                r.read()
                assert r.status == status, (method, path, r.status)
                assert conn.sock is first, (method, path, "connection closed")
            conn.request("POST", "/v1/cases", body=b"{}", headers=citizen | json_type | {
                "Content-Length": str(10**9)})
            r = conn.getresponse()
            r.read()
            assert r.status == 413 and r.getheader("connection") == "close"
        finally:
            conn.close()

    async with serving(app) as base_url:
        await asyncio.to_thread(exchange, base_url)
