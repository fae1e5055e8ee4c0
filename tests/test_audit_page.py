"""The auditor's trace page in headless Chromium: timeline, expandable steps, verify result."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psycopg
import uvicorn
from playwright.sync_api import expect, sync_playwright
from psycopg.rows import dict_row

from api.app import create_app
from guichet.services import open_services
from tests import citizens as pop
from tests.browser import CHROMIUM_ARGS, chromium_path
from tests.openai_server import free_port
from tests.support import fixed_now, make_settings, token

WAIT_S = 120.0  # a ceiling for the worker to move the case, not a measure


@contextmanager
def served(tmp: Path, db_url: str) -> Iterator[str]:
    """The whole app with one worker, over HTTP, from a thread with its own event loop."""
    settings = make_settings(tmp)
    port = free_port()
    box: dict[str, Any] = {}

    async def main() -> None:
        async with open_services(settings, url=db_url, now=fixed_now) as services:
            server = uvicorn.Server(uvicorn.Config(
                create_app(settings, services=services, workers=1), host="127.0.0.1",
                port=port, log_level="warning"))
            box["server"] = server
            await server.serve()

    thread = threading.Thread(target=lambda: asyncio.run(main()), daemon=True)
    thread.start()
    while not (box.get("server") and box["server"].started):
        if not thread.is_alive():
            raise RuntimeError("the HTTP service did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        box["server"].should_exit = True
        thread.join(timeout=30)


def _one(db_url: str, sql: str, *args: Any) -> dict[str, Any] | None:
    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as conn:
        return conn.execute(sql, args).fetchone()


def _wait(db_url: str, sql: str, *args: Any) -> dict[str, Any]:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        row = _one(db_url, sql, *args)
        if row:
            return row
        time.sleep(0.1)
    raise AssertionError(f"never true: {sql}")


def _decided_case(base: str, db_url: str) -> str:
    """An RSA demand, approved by an officer through the API, run to its end by the worker."""
    citizen = pop.pick(pop.rsa_eligible)["id"]
    r = httpx.post(f"{base}/v1/cases", json={"text": "Je n'ai plus aucun revenu, je voudrais "
                                                     "le RSA"}, timeout=30,
                   headers={"Authorization": f"Bearer {token('citizen', citizen)}"})
    assert r.status_code == 202, r.text
    case_id = str(r.json()["id"])
    req = _wait(db_url, "select id::text as id, authority from approvals where case_id = %s"
                        " and status = 'pending'", case_id)
    r = httpx.post(f"{base}/v1/approvals/{req['id']}/decision", json={"decision": "approve"},
                   timeout=30, headers={"Authorization":
                                        f"Bearer {token('officer', 'agent-rsa', req['authority'])}"})
    assert r.status_code == 200, r.text
    _wait(db_url, "select 1 as ok from cases where id = %s and status = 'accepte'", case_id)
    return case_id


def test_trace_page(tmp_path: Path, db_url: str) -> None:
    with served(tmp_path, db_url) as base:
        case_id = _decided_case(base, db_url)
        url = f"{base}/audit/cases/{case_id}"
        assert httpx.get(url, timeout=30).status_code == 401
        assert httpx.get(url, timeout=30, cookies={"guichet_token": token(
            "citizen", "C000001")}).status_code == 403
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(),
                                         args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page()
                page.goto(f"{base}/audit/login")
                page.fill("#token", token("officer", "o", "caf"))
                page.click("button[type=submit]")
                expect(page.locator("#error")).to_contain_text("réservées aux auditeurs")
                page.fill("#token", token("auditor", "inspection"))
                page.click("button[type=submit]")
                expect(page).to_have_url(f"{base}/audit")
                page.click(f"#cases a[href='/audit/cases/{case_id}']")
                expect(page).to_have_url(url)
                expect(page.locator("#status")).to_have_text("accepte")
                verify = page.locator("#verify")
                expect(verify).to_have_attribute("data-ok", "true")
                expect(verify).to_contain_text("intègre")
                steps = page.locator("details.step")
                assert steps.count() >= 6  # intake, three turns, the wait, the last turn
                # The officer's decision stands out, and says who decided what.
                decision = page.locator("details.step.decision")
                expect(decision).to_have_count(1)
                expect(decision.locator("summary")).to_contain_text("approved par officer:agent-rsa")
                expect(page.locator("#approvals tr.decided")).to_have_count(1)
                expect(page.locator("#approvals")).to_contain_text("grant_benefit")
                # Steps are closed until clicked; a click shows the events and what went in/out.
                body = decision.locator(".body")
                expect(body).to_be_hidden()
                decision.locator("summary").click()
                expect(decision).to_have_attribute("open", "")
                expect(body).to_be_visible()
                expect(body).to_contain_text("approval.decided")
                agent = page.locator("details.step[data-node='act']").first
                agent.locator("summary").click()
                expect(agent.locator(".body")).to_contain_text("model.call")
                expect(agent.locator(".body")).to_contain_text("Sortie")
                # Once the log is tampered with, the page says so and names the event.
                target = _one(db_url, "select id from audit_events where case_id = %s"
                                      " and kind = 'approval.decided'", case_id)
                assert target is not None
                with psycopg.connect(db_url, autocommit=True) as conn, conn.transaction():
                    conn.execute("alter table audit_events disable trigger audit_events_no_update")
                    conn.execute("update audit_events set data = jsonb_set(data, '{decision}',"
                                 " '\"rejected\"') where id = %s", (target["id"],))
                    conn.execute("alter table audit_events enable trigger audit_events_no_update")
                page.reload()
                expect(verify).to_have_attribute("data-ok", "false")
                expect(verify).to_contain_text(f"n° {target['id']}")
            finally:
                browser.close()
