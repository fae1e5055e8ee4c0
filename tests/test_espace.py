"""The citizens' web space: in headless Chromium (sign in, submit, answer, the decision live,
axe-core on every page), and over HTTP without JavaScript (forms, attachments, errors,
withdraw, asking for a person, the page's event stream, the dev sign-in refused in prod)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

from guichet.settings import Settings
from tests import citizens as pop
from tests.browser import CHROMIUM_ARGS, chromium_path
from tests.support import Running, make_settings, running_service
from tests.test_authz_matrix import served
from tests.test_console import WAIT_MS, _rows, http_service

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CARD = "bonjour je voudrais refaire ma carte, comment on fait ?"


def card_holder(skip: int = 0) -> dict[str, Any]:
    """A citizen whose vague 'ma carte' the agent asks about (tests/test_understanding_flow)."""
    return pop.pick(lambda c: pop.alive_adult(c) and bool((c.get("ants") or {}).get("cni"))
                    and c["etat_civil"]["nationality"] == "FR", skip=skip)


AXE = Axe()


def no_serious_violations(page: Page, where: str) -> None:
    """axe-core's serious and critical findings on the page as it is now: none allowed."""
    found = AXE.run(page).response["violations"]
    bad = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
           for v in found if v.get("impact") in ("serious", "critical")]
    assert not bad, f"{where}: " + "; ".join(bad)


@pytest.mark.slow
def test_a_citizen_signs_in_submits_answers_and_sees_the_decision_live(
        settings: Settings, db_url: str, tmp_path: Path) -> None:
    chromium = chromium_path()
    c = card_holder()
    proof = tmp_path / "justificatif.pdf"
    proof.write_bytes(PDF)
    with http_service(settings, db_url) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                     headless=True)
        page = browser.new_page()
        page.goto(f"{base}/espace/dossiers")
        expect(page.locator("h1")).to_have_text("Connexion à mon espace")
        no_serious_violations(page, "sign-in page")
        # Keyboard first: the first Tab reaches the skip link, which leads to the content.
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_text("Aller au contenu")

        page.fill("#citizen", c["id"])
        page.click("#dev-login button[type=submit]")
        expect(page.locator("h1")).to_have_text("Mes dossiers")
        expect(page.locator("#aucun")).to_be_visible()
        no_serious_violations(page, "my cases, empty")

        page.click("text=Déposer une nouvelle demande")
        expect(page.locator("h1")).to_have_text("Nouvelle demande")
        no_serious_violations(page, "new demand")
        # An empty demand (the browser's own check set aside): an error that says what to do.
        page.evaluate("document.getElementById('text').removeAttribute('required')")
        page.click("#demande button[type=submit]")
        expect(page.locator("#erreur")).to_contain_text("Décrivez votre démarche")
        expect(page.locator("#text")).to_have_attribute("aria-invalid", "true")
        no_serious_violations(page, "new demand with an error")

        page.fill("#text", CARD)
        page.set_input_files("#pieces", str(proof))
        page.click("#demande button[type=submit]")
        expect(page.locator("h1")).to_contain_text("Mon dossier")
        expect(page.locator("#pieces-jointes")).to_contain_text("justificatif.pdf")
        # From here on, a reload would lose this mark: the page must change by itself.
        page.evaluate("window.__stayed = true")
        expect(page.locator(".question-text")).to_contain_text("De quelle carte",
                                                               timeout=WAIT_MS)
        expect(page.locator("#detenteur")).to_contain_text("l'usager")
        assert page.evaluate("window.__stayed === true"), "the page was reloaded"
        no_serious_violations(page, "case page with a question")

        page.fill("#text", "La carte d'identité, elle est périmée.")
        page.click("#reponse button[type=submit]")
        expect(page.locator(".fr-alert--success")).to_contain_text("réponse est envoyée")
        page.evaluate("window.__stayed = true")
        expect(page.locator("#statut")).to_have_text("Accepté", timeout=WAIT_MS)
        expect(page.locator("#decisions #issue")).to_contain_text("Accepté")
        expect(page.locator("#mention-algorithme")).to_contain_text("traitement algorithmique")
        expect(page.locator("#recours")).to_contain_text("recours gracieux")
        expect(page.locator("#conversation")).to_contain_text("La carte d'identité")
        assert page.evaluate("window.__stayed === true"), "the page was reloaded"
        no_serious_violations(page, "case page, decided")

        page.click("text=Mes dossiers")
        expect(page.locator("#dossiers tbody tr")).to_have_count(1)
        expect(page.locator("#dossiers")).to_contain_text("Accepté")
        no_serious_violations(page, "my cases")

        page.click("text=Se déconnecter")
        expect(page.locator("h1")).to_have_text("Connexion à mon espace")
        page.goto(f"{base}/espace/dossiers/nouveau")
        expect(page.locator("h1")).to_have_text("Connexion à mon espace")
        page.goto(f"{base}/espace/dossiers/00000000-0000-4000-8000-000000000000")
        expect(page.locator("h1")).to_have_text("Connexion à mon espace")
        browser.close()
    [case] = _rows(db_url, "select id::text, channel, status from cases where citizen_id = %s",
                   c["id"])
    assert (case["channel"], case["status"]) == ("web", "accepte")
    files = _rows(db_url, "select filename, content_type from case_attachments where"
                          " case_id = %s", case["id"])
    assert files == [{"filename": "justificatif.pdf", "content_type": "application/pdf"}]


# --- without JavaScript ---------------------------------------------------------------

async def sign_in(running: Running, citizen_id: str) -> str:
    """Sign in through the dev page; the form token of the space's pages."""
    r = await running.client.post("/espace/connexion/dev", data={"citizen": citizen_id})
    assert r.status_code == 303 and r.headers["location"] == "/espace/dossiers", r.text
    page = await running.client.get("/espace/dossiers/nouveau")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


async def submit(running: Running, csrf: str, text: str,
                 files: list[tuple[str, bytes]] | None = None) -> httpx.Response:
    parts = [("pieces", (name, data, "application/octet-stream")) for name, data in files or []]
    return await running.client.post("/espace/dossiers", data={"text": text, "csrf": csrf},
                                     files=parts or None)


async def test_forms_work_without_javascript(service: Running) -> None:
    c = card_holder(skip=1)
    csrf = await sign_in(service, c["id"])
    # A file that is not what the form accepts: refused, named, with what to send instead,
    # and nothing recorded.
    r = await submit(service, csrf, CARD, [("virus.exe", b"MZ\x90\x00\x03binary")])
    assert r.status_code == 422
    assert "virus.exe" in r.text and "PDF, JPEG, PNG ou texte" in r.text
    assert 'aria-invalid="true"' in r.text and CARD in r.text  # what was typed stays
    assert await _count(service, c["id"]) == 0
    # Without the form's token: refused.
    r = await submit(service, "", CARD)
    assert r.status_code == 403
    # With a PDF: the case, its first message and the file, kept together.
    r = await submit(service, csrf, CARD, [("scan.pdf", PDF), ("scan.pdf", PDF)])
    assert r.status_code == 303
    case_id = r.headers["location"].split("/")[-1].split("?")[0]
    state = await service.settle(case_id)
    assert state["holder"] == "citizen"
    page = await service.client.get(f"/espace/dossiers/{case_id}")
    assert "De quelle carte" in page.text and 'id="reponse"' in page.text
    [att] = await _sql(service, "select id, message_id from case_attachments where"
                                " case_id = %s", case_id)  # the same file twice: once
    assert att["message_id"] is not None
    got = await service.client.get(f"/espace/dossiers/{case_id}/pieces/{att['id']}")
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-disposition"].startswith("attachment")
    # An empty answer: the page again, with the error and its suggestion.
    r = await service.client.post(f"/espace/dossiers/{case_id}/reponse",
                                  data={"text": "  ", "csrf": csrf})
    assert r.status_code == 422 and "Décrivez votre démarche" in r.text
    # Asking for a person: the request is in the conversation, on the web channel.
    r = await service.client.post(f"/espace/dossiers/{case_id}/agent", data={"csrf": csrf})
    assert r.status_code == 303
    msgs = await _sql(service, "select body, channel from case_messages where case_id = %s"
                               " and author = 'citizen' order by id", case_id)
    assert msgs[-1] == {"body": "Je souhaite parler à un agent public plutôt qu'à l'agent "
                                "automatique.", "channel": "web"}
    # The agent hands the case to a person on that request.
    assert await service.settle(case_id) == {"status": "en_instruction", "holder": "officer"}
    # An answer with two files: both kept, with that message.
    r = await service.client.post(
        f"/espace/dossiers/{case_id}/reponse", data={"text": "Voici mes justificatifs.",
                                                     "csrf": csrf},
        files=[("pieces", ("note.txt", b"carte perdue le 2 novembre", "text/plain")),
               ("pieces", ("scan2.pdf", PDF + b"2", "application/pdf"))])
    assert r.status_code == 303, r.text
    kept = await _sql(service, "select a.filename, m.body from case_attachments a join"
                               " case_messages m on m.id = a.message_id where a.case_id = %s"
                               " order by a.id", case_id)
    assert [k["filename"] for k in kept] == ["scan.pdf", "note.txt", "scan2.pdf"]
    assert kept[-1]["body"] == "Voici mes justificatifs."
    # Withdrawn: closed without decision; a second withdrawal finds it closed.
    r = await service.client.post(f"/espace/dossiers/{case_id}/retrait", data={"csrf": csrf})
    assert r.status_code == 303
    page = await service.client.get(r.headers["location"])
    assert "Sans suite" in page.text and 'id="reponse"' not in page.text
    r = await service.client.post(f"/espace/dossiers/{case_id}/retrait", data={"csrf": csrf})
    assert r.status_code == 409 and "nouvelle demande" in r.text


async def test_a_citizen_sees_only_their_own_cases(service: Running) -> None:
    owner, other = card_holder(skip=2), card_holder(skip=3)
    csrf = await sign_in(service, owner["id"])
    r = await submit(service, csrf, "Il y a un nid de poule devant le 8 rue Victor Hugo, "
                                    "69002 Lyon")
    case_id = r.headers["location"].split("/")[-1].split("?")[0]
    service.client.cookies.clear()
    other_csrf = await sign_in(service, other["id"])
    for path in (f"/espace/dossiers/{case_id}", f"/espace/dossiers/{case_id}/pieces/1"):
        assert (await service.client.get(path)).status_code == 404
    r = await service.client.post(f"/espace/dossiers/{case_id}/retrait",
                                  data={"csrf": other_csrf})
    assert r.status_code == 404
    assert case_id not in (await service.client.get("/espace/dossiers")).text
    r = await service.client.get("/espace/dossiers/not-a-uuid")
    assert r.status_code == 404


async def test_the_pages_event_stream_follows_the_case(service: Running) -> None:
    c = card_holder(skip=4)
    csrf = await sign_in(service, c["id"])
    r = await submit(service, csrf, CARD)
    case_id = r.headers["location"].split("/")[-1].split("?")[0]
    await service.settle(case_id)
    seen: list[str] = []
    cookie = f"guichet_espace={service.client.cookies['guichet_espace']}"
    # Over real HTTP: the in-process transport waits for a body's end, and a stream has none.
    async with served(service) as live, httpx.AsyncClient(base_url=live, timeout=30) as http, \
            http.stream("GET", f"/espace/dossiers/{case_id}/evenements",
                        headers={"Cookie": cookie}) as s:
        assert s.status_code == 200
        assert s.headers["content-type"].startswith("text/event-stream")
        async for line in s.aiter_lines():
            if line.startswith("event: "):
                seen.append(line.removeprefix("event: "))
            if "De quelle carte" in line:
                break
    assert seen[0] == "received" and ("notice" in seen or "message" in seen), seen
    # Somebody else's case, or nobody signed in: refused before any stream opens.
    service.client.cookies.clear()
    r = await service.client.get(f"/espace/dossiers/{case_id}/evenements")
    assert r.status_code == 403
    await sign_in(service, card_holder(skip=5)["id"])
    r = await service.client.get(f"/espace/dossiers/{case_id}/evenements")
    assert r.status_code == 404


async def test_the_dev_sign_in_is_refused_in_prod(tmp_path: Path, db_url: str) -> None:
    from guichet import audit_seal
    from guichet.settings import new_checkpoint_key

    settings = make_settings(tmp_path, env="prod", database_url=db_url,
                             audit_signing_key=audit_seal.key_to_text(audit_seal.new_key()),
                             checkpoint_key=new_checkpoint_key())
    async with running_service(settings, db_url, workers=0) as running:
        page = await running.client.get("/espace/connexion")
        assert page.status_code == 200 and "dev-login" not in page.text
        r = await running.client.post("/espace/connexion/dev",
                                      data={"citizen": card_holder()["id"]})
        assert r.status_code == 403 and "guichet_espace" not in r.cookies


async def test_writes_beyond_the_limit_get_a_page_saying_when_to_retry(
        tmp_path: Path, db_url: str) -> None:
    settings = make_settings(tmp_path, rate_limit_citizen="2/minute")
    async with running_service(settings, db_url, workers=0) as running:
        c = card_holder(skip=6)
        csrf = await sign_in(running, c["id"])
        for _ in range(2):
            assert (await submit(running, csrf, CARD)).status_code == 303
        r = await submit(running, csrf, CARD)
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert "Réessayez dans" in r.text
        assert await _count(running, c["id"]) == 2


async def _sql(running: Running, sql: str, *args: Any) -> list[dict[str, Any]]:
    async with running.services.pool.connection() as conn:
        cur = await conn.execute(sql, args)
        return [dict(r) for r in await cur.fetchall()]


async def _count(running: Running, citizen_id: str) -> int:
    rows = await _sql(running, "select count(*) as n from cases where citizen_id = %s",
                      citizen_id)
    return int(rows[0]["n"])


async def test_a_proposal_is_accepted_with_one_button(service: Running) -> None:
    """Outreach's proposal on the case page: "Oui" sends the demand on, the officer's
    approval still to come; the answer is a web message."""
    from guichet import outreach

    await outreach.run(service.services, "prime-activite")
    [row] = await _sql(service, "select case_id::text, citizen_id from outreach_proposals"
                                " order by citizen_id limit 1")
    csrf = await sign_in(service, row["citizen_id"])
    page = await service.client.get(f"/espace/dossiers/{row['case_id']}")
    assert page.status_code == 200 and 'id="accepter"' in page.text, page.text
    assert "Proposition" in page.text
    r = await service.client.post(f"/espace/dossiers/{row['case_id']}/reponse",
                                  data={"csrf": csrf, "text": "Oui, j'accepte la proposition."})
    assert r.status_code == 303, r.text
    state = await service.settle(row["case_id"])
    assert state == {"status": "en_instruction", "holder": "officer"}
    [msg] = await _sql(service, "select channel from case_messages where case_id = %s"
                                " and author = 'citizen'", row["case_id"])
    assert msg["channel"] == "web"
    [p] = await _sql(service, "select status from outreach_proposals where case_id = %s",
                     row["case_id"])
    assert p["status"] == "accepted"


async def test_a_form_with_a_nul_character_is_refused_naming_the_field(
        service: Running) -> None:
    csrf = await sign_in(service, card_holder(skip=4)["id"])
    r = await service.client.post("/espace/dossiers", data={"text": "carte\x00perdue",
                                                            "csrf": csrf})
    assert r.status_code == 422 and "text" in r.text, r.text
