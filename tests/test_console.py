"""The officers' console in headless Chromium: log in, approve one request, reject another."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import psycopg
import pytest
import uvicorn
from playwright.sync_api import Page, expect, sync_playwright
from psycopg.rows import dict_row

from api.app import create_app
from guichet.services import open_services
from guichet.settings import Settings
from tests import citizens as pop
from tests.browser import CHROMIUM_ARGS, chromium_path
from tests.openai_server import free_port
from tests.support import fixed_now, token

WAIT_MS = 120_000  # how long the page may take to show a change (a ceiling, not a measure)


@contextmanager
def http_service(settings: Settings, db_url: str) -> Iterator[str]:
    """The whole app (API, console, one worker) served over HTTP from a thread of its own."""
    port = free_port()
    box: dict[str, Any] = {}

    async def main() -> None:
        async with open_services(settings, url=db_url, now=fixed_now) as services:
            app = create_app(settings, services=services, workers=1)
            server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                                   log_level="warning"))
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


def _rows(db_url: str, sql: str, *args: Any) -> list[dict[str, Any]]:
    with psycopg.connect(db_url, autocommit=True, row_factory=dict_row) as conn:
        return conn.execute(sql, args).fetchall()


def _pending_request(db_url: str, case_id: str) -> str:
    """Wait for the worker to bring the case to its approval request."""
    for _ in range(1200):
        rows = _rows(db_url, "select id::text from approvals where case_id = %s and status ="
                             " 'pending'", case_id)
        if rows:
            return str(rows[0]["id"])
        time.sleep(0.1)
    raise AssertionError(f"case {case_id} never asked for a decision")


def _submit(base: str, citizen: str, text: str) -> str:
    r = httpx.post(f"{base}/v1/cases", json={"text": text}, timeout=30,
                   headers={"Authorization": f"Bearer {token('citizen', citizen)}"})
    assert r.status_code == 202, r.text
    return str(r.json()["id"])


def _log_in(page: Page, base: str, officer: str) -> None:
    # The token goes in the form's body: the console refuses it in the address.
    page.goto(f"{base}/console/login")
    page.fill("#token", officer)
    page.click("button[type=submit]")


def _open_request(page: Page, base: str, case_id: str) -> None:
    page.goto(f"{base}/console")
    page.locator(f"#inbox tr[data-case='{case_id}'] a").click()
    expect(page.locator("h1")).to_contain_text("Accorder une prestation")


@pytest.mark.slow
def test_console_approve_one_reject_another(settings: Settings, db_url: str) -> None:
    chromium = chromium_path()
    a, b = pop.pick(pop.prime_eligible), pop.pick(pop.prime_eligible, skip=1)
    with http_service(settings, db_url) as base:
        text = "Je travaille à temps partiel, je voudrais la prime d'activité"
        granted, refused = _submit(base, a["id"], text), _submit(base, b["id"], text)
        first, second = _pending_request(db_url, granted), _pending_request(db_url, refused)
        officer = token("officer", "agent-martin", "caf")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                         headless=True)
            page = browser.new_page()
            page.goto(f"{base}/console")
            expect(page.locator("h1")).to_have_text("Connexion à la console")
            _log_in(page, base, officer)
            expect(page.locator("h1")).to_have_text("Demandes de validation")
            expect(page.locator("#inbox tbody tr[data-approval]")).to_have_count(2)

            _open_request(page, base, granted)
            expect(page.locator("#proposal .rationale")).to_contain_text("Règle appliquée")
            expect(page.locator("#words blockquote")).to_contain_text("temps partiel")
            expect(page.locator("#evidence")).to_contain_text("CAF")
            expect(page.locator("#deadline")).to_contain_text("15 jours")
            page.fill("#comment", "Conforme aux pièces.")
            page.click("button[value=approve]")
            expect(page.locator(".notice")).to_contain_text("Décision enregistrée")
            expect(page.locator("#case-status")).to_have_text("Accepté", timeout=WAIT_MS)

            _open_request(page, base, refused)
            page.click("button[value=reject]")  # no reason given: refused by the form's checks
            expect(page.locator(".error")).to_contain_text("Un refus doit être motivé")
            page.fill("#comment", "Revenus d'activité non justifiés.")
            page.click("button[value=reject]")
            expect(page.locator("#case-status")).to_have_text("Refusé", timeout=WAIT_MS)
            expect(page.locator("#notifications")).to_contain_text("Votre demande")

            page.goto(f"{base}/console")
            expect(page.locator("#inbox tbody tr[data-approval]")).to_have_count(0)
            cookies = {c["name"]: c for c in page.context.cookies()}
            assert cookies["guichet_token"]["httpOnly"]
            browser.close()
        decided = _rows(db_url, "select id::text, status, decided_by, comment from approvals"
                                " where id in (%s, %s) order by status", first, second)
        assert [(d["id"], d["status"], d["decided_by"]) for d in decided] == [
            (first, "approved", "agent-martin"), (second, "rejected", "agent-martin")]
        status = {r["id"]: r["status"] for r in _rows(
            db_url, "select id::text, status from cases where id in (%s, %s)", granted, refused)}
        assert status == {granted: "accepte", refused: "refuse"}
        # A form posted without the session's CSRF value is refused, whatever the cookie.
        r = httpx.post(f"{base}/console/cases/{granted}/takeover", data={"csrf": "x"},
                       cookies={"guichet_token": officer})
        assert r.status_code == 403


@pytest.mark.slow
def test_console_handoff_taken_answered_and_closed(settings: Settings, db_url: str) -> None:
    chromium = chromium_path()
    c = pop.pick(pop.alive_adult, skip=11)
    with http_service(settings, db_url) as base:
        case_id = _submit(base, c["id"], "Quel temps fera-t-il demain à Marseille ?")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                         headless=True)
            page = browser.new_page()
            _log_in(page, base, token("officer", "agent-dupont", "accueil"))
            row = page.locator(f"#handoffs tr[data-case='{case_id}']")
            for _ in range(600):  # the worker hands the case over in the background
                if row.count():
                    break
                time.sleep(0.2)
                page.reload()
            expect(row).to_contain_text("Marseille")
            row.locator("a").click()
            page.click("text=Prendre en charge le dossier")
            expect(page.locator(".notice")).to_contain_text("pris en charge")
            page.fill("#text", "Nous ne donnons pas la météo : consultez Météo-France.")
            page.click("text=Envoyer")
            expect(page.locator("#conversation")).to_contain_text("Météo-France")
            page.select_option("#status", "sans_suite")
            page.fill("#reason", "Demande hors du champ des démarches administratives.")
            page.click("button:text('Clore')")
            expect(page.locator("#case-status")).to_have_text("Sans suite")
            expect(page.locator("#actions")).to_have_count(0)
            browser.close()
        [case] = _rows(db_url, "select status, taken_by from cases where id = %s", case_id)
        assert (case["status"], case["taken_by"]) == ("sans_suite", "agent-dupont")
        kinds = [r["kind"] for r in _rows(db_url, "select kind from notifications where case_id"
                                                  " = %s order by id", case_id)]
        assert kinds[-2:] == ["officer", "decision"]
