"""SMS out and in, against a local HTTP server playing the provider.

Notices by SMS go to the provider with their idempotency key, once, shortened to a subject
and a link; the provider's delivery reports land on the notice; texts from citizens thread
into their open case (or open one), whatever channel the case began on.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from guichet.settings import Settings
from tests import citizens as pop
from tests.sms_provider import KEY, Provider, sms_provider
from tests.support import Running, make_settings, running_service
from tools import sms
from tools.notices import choose_channel
from tools.notify import dispatch_pending

SECRET = "webhook-secret-for-tests"
HOOK = {"X-Webhook-Secret": SECRET}
LAMP = "Un lampadaire ne s'allume plus rue Foch"


def sms_settings(tmp: Path, provider: Provider, **more: Any) -> Settings:
    return make_settings(tmp, sms_url=provider.url, sms_key=KEY, sms_webhook_secret=SECRET,
                         public_url="https://guichet.example", rate_limits_enabled=False,
                         **more)


def texter(skip: int = 0) -> pop.Citizen:
    return pop.pick(lambda c: pop.alive_adult(c) and c["contact"]["preferred_channel"] == "sms"
                    and bool(c["contact"]["phone"]), skip=skip)


def national(e164: str) -> str:
    """+33612345678 as people write it: 06 12 34 56 78."""
    digits = "0" + e164[3:]
    return " ".join(digits[i:i + 2] for i in range(0, 10, 2))


async def rows(running: Running, sql: str, *args: Any) -> list[dict[str, Any]]:
    async with running.services.pool.connection() as conn:
        cur = await conn.execute(sql, args)
        return [dict(r) for r in await cur.fetchall()]


async def text_in(running: Running, sender: str, text: str, *, mid: str,
                  headers: dict[str, str] | None = None) -> Any:
    return await running.client.post("/v1/inbound/sms", json={
        "id": mid, "from": sender, "to": "GUICHET", "text": text},
        headers=HOOK if headers is None else headers)


# -- numbers and texts -------------------------------------------------------------------

@pytest.mark.parametrize("written", ["06 12 34 56 78", "0612345678", "06.12.34.56.78",
                                     "+33 6 12 34 56 78", "+33612345678", "+33 (0)6 12 34 56 78",
                                     "0033 6 12 34 56 78", "0033612345678", "33612345678"])
def test_french_numbers_are_read_in_every_spelling(written: str) -> None:
    assert sms.normalise(written) == "+33612345678"


@pytest.mark.parametrize("bad", ["", "bonjour", "0612", "06123456789", "+33 0 12 34 56 78",
                                 "12 34 56 78 90", "+", "06 12 34 56 7x"])
def test_what_is_no_number_is_refused(bad: str) -> None:
    assert sms.normalise(bad) is None


def test_other_countries_stay_in_e164_and_spellings_cover_the_record() -> None:
    assert sms.normalise("+262 692 12 34 56") == "+262692123456"
    assert sms.spellings("+33612345678") == ["+33612345678", "0612345678"]


def test_segments_count_gsm_and_unicode_texts() -> None:
    assert sms.segments("a" * 160) == 1
    assert sms.segments("a" * 161) == 2           # 153 per part once split
    assert sms.segments("é" * 160) == 1           # é is in the GSM alphabet
    assert sms.segments("ê" * 70) == 1            # ê is not: UCS-2, 70 a message
    assert sms.segments("ê" * 71) == 2
    assert sms.segments("€" * 80) == 1 and sms.segments("€" * 81) == 2  # two units each


def test_a_long_subject_is_cut_and_the_link_kept() -> None:
    link = "https://guichet.example/espace/cases/0b6f3a52-9c1e-4a53-8f1e-2d7c0e0e6a11"
    subject = "Votre demande : " + " ".join(["prêt"] * 200)
    text = sms.short_text(subject, link, max_segments=2)
    assert text.endswith("\ndétails : " + link)
    assert sms.segments(text) <= 2 and "..." in text
    short = sms.short_text("Votre demande : Carte d'identité", link, max_segments=3)
    assert short == "Votre demande : Carte d'identité\ndétails : " + link


def test_notices_fall_back_to_a_channel_that_reaches_the_citizen() -> None:
    assert choose_channel({"preferred_channel": "email", "email": "a@b.fr"}) == "email"
    assert choose_channel({"preferred_channel": "email", "email": None,
                           "phone": "+33612345678"}) == "sms"
    assert choose_channel({"preferred_channel": "sms", "phone": "pas de numéro",
                           "email": "a@b.fr"}) == "email"
    assert choose_channel({"preferred_channel": "app", "email": None, "phone": None}) == "post"
    assert choose_channel({}) == "post"


# -- out --------------------------------------------------------------------------------

async def test_notices_go_by_sms_once_with_a_link_and_their_key(tmp_path: Path,
                                                                db_url: str) -> None:
    c = texter()
    phone = c["contact"]["phone"]
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        settings = running.services.settings
        r = await running.client.post("/v1/cases", json={"text": LAMP},
                                      headers=running.auth("citizen", c["id"]))
        case_id = r.json()["id"]
        assert (await running.settle(case_id))["status"] == "accepte"
        sent = await dispatch_pending(running.services.pool, settings)
        again = await dispatch_pending(running.services.pool, settings)
        notices = await rows(running, "select idem_key, channel, status, provider_id,"
                                      " delivery_status from notifications where case_id = %s"
                                      " order by id", case_id)
    assert (sent, again) == (2, 0)
    assert [n["channel"] for n in notices] == ["sms", "sms"]
    assert [m["to"] for m in provider.sent] == [phone, phone]
    link = f"https://guichet.example/espace/cases/{case_id}"
    assert provider.sent[0]["text"] == f"Accusé de réception de votre demande\ndétails : {link}"
    assert all(m["text"].endswith(link) and sms.segments(m["text"]) <= 3
               and m["from"] == "GUICHET" for m in provider.sent)
    # The letter itself (legal mentions included) stays in the web space, not in the SMS.
    assert all("L311-3-1" not in m["text"] for m in provider.sent)
    assert [h["idempotency-key"] for h in provider.headers] == [n["idem_key"] for n in notices]
    assert [(n["status"], n["provider_id"], n["delivery_status"]) for n in notices] == [
        ("sent", "prov-1", "accepted"), ("sent", "prov-2", "accepted")]


async def test_a_failed_send_is_tried_again_and_sent_once(tmp_path: Path, db_url: str) -> None:
    c = texter(skip=1)
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        settings = running.services.settings
        r = await running.client.post("/v1/cases", json={"text": LAMP},
                                      headers=running.auth("citizen", c["id"]))
        case_id = r.json()["id"]
        await running.settle(case_id)
        provider.fail_next = 3
        first = await dispatch_pending(running.services.pool, settings)
        waiting = await rows(running, "select status, attempts, last_error from notifications"
                                      " where case_id = %s order by id", case_id)
        second = await dispatch_pending(running.services.pool, settings)
        third = await dispatch_pending(running.services.pool, settings)
        done = await rows(running, "select status, attempts from notifications"
                                   " where case_id = %s order by id", case_id)
    assert first == 0 and provider.refused == 3
    assert waiting == [{"status": "pending", "attempts": 1, "last_error": "provider answered 500"}] * 2
    assert second + third == 2 and len(provider.sent) == 2
    assert [d["status"] for d in done] == ["sent", "sent"]


async def test_without_a_provider_sms_notices_stay_in_the_outbox(service: Running) -> None:
    c = texter(skip=2)
    r = await service.client.post("/v1/cases", json={"text": LAMP},
                                  headers=service.auth("citizen", c["id"]))
    await service.settle(r.json()["id"])
    assert await dispatch_pending(service.services.pool, service.services.settings) == 0
    kept = await rows(service, "select channel, status from notifications where case_id = %s",
                      r.json()["id"])
    assert kept and all(k == {"channel": "sms", "status": "kept"} for k in kept)


async def test_a_citizen_without_email_gets_their_notices_by_sms_once(tmp_path: Path,
                                                                     db_url: str) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c["contact"]["preferred_channel"] == "email"
                 and bool(c["contact"]["email"]) and bool(c["contact"]["phone"]))
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        async with running.services.pool.connection() as conn:
            await conn.execute("update records set data = jsonb_set(data, '{email}', 'null')"
                               " where citizen_id = %s and source = 'contact'", (c["id"],))
        r = await running.client.post("/v1/cases", json={"text": LAMP},
                                      headers=running.auth("citizen", c["id"]))
        case_id = r.json()["id"]
        await running.settle(case_id)
        for _ in range(3):
            await dispatch_pending(running.services.pool, running.services.settings)
        notices = await rows(running, "select kind, channel, status from notifications"
                                      " where case_id = %s order by id", case_id)
    assert [(n["kind"], n["channel"], n["status"]) for n in notices] == [
        ("ack", "sms", "sent"), ("decision", "sms", "sent")]
    assert [m["to"] for m in provider.sent] == [c["contact"]["phone"]] * 2


async def test_delivery_reports_are_kept_on_the_notice(tmp_path: Path, db_url: str) -> None:
    c = texter(skip=3)
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        r = await running.client.post("/v1/cases", json={"text": LAMP},
                                      headers=running.auth("citizen", c["id"]))
        case_id = r.json()["id"]
        await running.settle(case_id)
        await dispatch_pending(running.services.pool, running.services.settings)
        hook = "/v1/inbound/sms/status"
        first = await running.client.post(hook, json={"id": "prov-1", "status": "sent"},
                                          headers=HOOK)
        delivered = await running.client.post(hook, json={"id": "prov-1",
                                                          "status": "delivered"}, headers=HOOK)
        late = await running.client.post(hook, json={"id": "prov-1", "status": "sent"},
                                         headers=HOOK)
        failed = await running.client.post(hook, json={"id": "prov-2", "status": "failed",
                                                       "error": "absent subscriber"},
                                           headers=HOOK)
        failed_again = await running.client.post(hook, json={"id": "prov-2",
                                                             "status": "undelivered"},
                                                 headers=HOOK)
        unknown = await running.client.post(hook, json={"id": "prov-999",
                                                        "status": "delivered"}, headers=HOOK)
        bad = await running.client.post(hook, json={"id": "prov-1", "status": "lu"},
                                        headers=HOOK)
        forged = await running.client.post(hook, json={"id": "prov-2", "status": "delivered"},
                                           headers={"X-Webhook-Secret": "guess"})
        notices = await rows(running, "select provider_id, delivery_status, delivery_error,"
                                      " delivered_at is not null as at from notifications"
                                      " where case_id = %s and channel = 'sms' order by id",
                             case_id)
        events = await rows(running, "select data from audit_events where case_id = %s and"
                                     " kind = 'notification.delivery' order by id", case_id)
        relays = await rows(running, "select idem_key, kind, channel from notifications where"
                                     " case_id = %s and channel <> 'sms'", case_id)
        [second] = await rows(running, "select idem_key, kind from notifications"
                                       " where provider_id = 'prov-2'")
    assert [x.status_code for x in (first, delivered, late, failed)] == [200] * 4
    assert (delivered.json()["changed"], late.json()["changed"]) == (True, False)
    assert unknown.status_code == 404 and "id" in unknown.json()["detail"]
    assert bad.status_code == 422 and bad.json()["field"] == "status"
    assert forged.status_code == 401
    assert notices == [
        {"provider_id": "prov-1", "delivery_status": "delivered", "delivery_error": None,
         "at": True},
        {"provider_id": "prov-2", "delivery_status": "failed",
         "delivery_error": "absent subscriber", "at": False}]
    assert [e["data"]["status"] for e in events] == ["sent", "delivered", "failed"]
    # The undelivered notice goes again on the next channel that reaches the citizen, once.
    fallback = "email" if c["contact"]["email"] else "post"
    assert (delivered.json()["relayed"], failed.json()["relayed"]) == (None, fallback)
    assert failed_again.json() == {"notification": failed.json()["notification"],
                                   "status": "failed", "changed": False, "relayed": fallback}
    assert relays == [{"idem_key": second["idem_key"] + "/relayed", "kind": second["kind"],
                       "channel": fallback}]


# -- in ---------------------------------------------------------------------------------

async def test_a_text_from_a_known_number_opens_a_case_once(tmp_path: Path,
                                                           db_url: str) -> None:
    c = texter(skip=4)
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        r = await text_in(running, national(c["contact"]["phone"]), LAMP, mid="in-1")
        again = await text_in(running, c["contact"]["phone"], LAMP, mid="in-1")
        case_id = r.json()["case_id"]
        state = await running.settle(case_id)
        cases = await rows(running, "select id::text, channel from cases where citizen_id = %s",
                           c["id"])
        messages = await rows(running, "select author, channel, body from case_messages where"
                                       " case_id = %s and author = 'citizen'", case_id)
    assert r.status_code == 200 and r.json()["outcome"] == "opened"
    assert again.json() == {"outcome": "opened", "case_id": case_id, "duplicate": True,
                            "replied": False}
    assert cases == [{"id": case_id, "channel": "sms"}]
    assert messages == [{"author": "citizen", "channel": "sms", "body": LAMP}]
    assert state["status"] == "accepte"
    assert provider.sent == []  # nothing answered by the webhook itself


async def test_an_unknown_number_gets_one_reply_and_no_case(tmp_path: Path,
                                                          db_url: str) -> None:
    known = {c["contact"]["phone"] for c in pop.population() if c.get("contact")}
    stranger = next(f"+3375{n:07d}" for n in range(10**7) if f"+3375{n:07d}" not in known)
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        first = await text_in(running, "00" + stranger[1:], "Bonjour, où en est mon dossier ?",
                              mid="u-1")
        repeat = await text_in(running, "00" + stranger[1:], "Bonjour, où en est mon dossier ?",
                               mid="u-1")
        second = await text_in(running, national(stranger), "Allô ?", mid="u-2")
        cases = await rows(running, "select count(*) as n from cases")
        kept = await rows(running, "select sender_digest, outcome, replied from sms_inbound"
                                   " order by received_at")
    assert first.json()["outcome"] == "unknown" and first.json()["replied"] is True
    assert repeat.json()["duplicate"] is True
    assert second.json() == {"outcome": "unknown", "case_id": None, "duplicate": False,
                             "replied": False}  # once a day per number: no loop
    assert len(provider.sent) == 1 and provider.sent[0]["to"] == stranger
    assert "/espace" in provider.sent[0]["text"]
    assert cases == [{"n": 0}]
    # The number itself is kept nowhere: a keyed digest recognises the sender.
    assert all(stranger[3:] not in k["sender_digest"] for k in kept)
    assert [k["replied"] for k in kept] == [True, False]


async def test_a_number_two_citizens_share_threads_into_nobodys_case(tmp_path: Path,
                                                                    db_url: str) -> None:
    a, b = texter(skip=5), texter(skip=6)
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        r = await running.client.post("/v1/cases", json={"text": LAMP},
                                      headers=running.auth("citizen", a["id"]))
        await running.settle(r.json()["id"])
        async with running.services.pool.connection() as conn:
            await conn.execute("update records set data = jsonb_set(data, '{phone}', %s::jsonb)"
                               " where citizen_id = %s and source = 'contact'",
                               (f'"{a["contact"]["phone"]}"', b["id"]))
        got = await text_in(running, a["contact"]["phone"], "C'est moi", mid="s-1")
        messages = await rows(running, "select count(*) as n from case_messages where"
                                       " channel = 'sms'")
    assert got.json()["outcome"] == "ambiguous" and got.json()["replied"] is True
    assert messages == [{"n": 0}]
    assert [m["to"] for m in provider.sent] == [a["contact"]["phone"]]


async def test_the_webhook_refuses_forged_calls_and_bad_input(tmp_path: Path,
                                                             db_url: str) -> None:
    c = texter(skip=7)
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        forged = await text_in(running, c["contact"]["phone"], LAMP, mid="f-1",
                               headers={"X-Webhook-Secret": SECRET + "x"})
        none = await text_in(running, c["contact"]["phone"], LAMP, mid="f-2", headers={})
        bearer = await text_in(running, c["contact"]["phone"], LAMP, mid="f-3",
                               headers=running.auth("citizen", c["id"]))
        number = await text_in(running, "pas un numéro", LAMP, mid="f-4")
        nul = await text_in(running, c["contact"]["phone"], "a\x00b", mid="f-5")
        empty = await text_in(running, c["contact"]["phone"], "   ", mid="f-6")
        cases = await rows(running, "select count(*) as n from cases where citizen_id = %s",
                           c["id"])
    assert [x.status_code for x in (forged, none, bearer)] == [401, 401, 401]
    assert number.status_code == 422 and number.json()["field"] == "from"
    assert nul.status_code == 422 and nul.json()["field"] == "text"
    assert empty.status_code == 422 and empty.json()["field"] == "text"
    assert cases == [{"n": 0}] and provider.sent == []


async def test_without_a_secret_the_webhooks_do_not_exist(service: Running) -> None:
    r = await text_in(service, "0612345678", LAMP, mid="x-1")
    s = await service.client.post("/v1/inbound/sms/status", json={"id": "x", "status": "sent"},
                                  headers=HOOK)
    assert (r.status_code, s.status_code) == (404, 404)


# -- one conversation -------------------------------------------------------------------

async def test_an_email_demand_answered_by_sms_is_one_conversation(tmp_path: Path,
                                                                  db_url: str) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("caf") is None
                 and c["contact"]["preferred_channel"] == "email"
                 and bool(c["contact"]["email"]) and bool(c["contact"]["phone"]))
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        r = await running.client.post("/v1/cases", json={
            "text": "bonjour je viens de déménager, il faut changer mon adresse partout",
            "channel": "email"}, headers=running.auth("citizen", c["id"]))
        case_id = r.json()["id"]
        state = await running.settle(case_id)
        assert (state["status"], state["holder"]) == ("en_construction", "citizen")
        rest = c["contact"]["phone"][3:]  # +33 6 12 34 56 78, as a phone shows it
        spaced = "+33 " + " ".join([rest[0], *(rest[i:i + 2] for i in (1, 3, 5, 7))])
        got = await text_in(running, spaced, "C'est 18 avenue Foch, 44000 Nantes", mid="a-1")
        state = await running.settle(case_id)
        messages = await rows(running, "select author, channel from case_messages where"
                                       " case_id = %s order by id", case_id)
        contact = await rows(running, "select data from records where citizen_id = %s and"
                                      " source = 'contact'", c["id"])
        notices = await rows(running, "select kind, channel from notifications where"
                                      " case_id = %s order by id", case_id)
        events = (await running.client.get(f"/v1/cases/{case_id}",
                                           headers=running.auth("citizen", c["id"]))).json()
    assert got.json()["outcome"] == "threaded" and got.json()["case_id"] == case_id
    assert state["status"] == "accepte"
    assert contact[0]["data"]["address"]["commune"] == "Nantes"  # the SMS answer was read
    # In the order they came: the demand by mail, the agent's question, the answer by SMS.
    assert [(m["author"], m["channel"]) for m in messages] == [
        ("citizen", "email"), ("agent", "email"), ("citizen", "sms")]
    # Notices follow the citizen's chosen channel, each once, whatever door they used.
    assert {n["channel"] for n in notices} == {"email"}
    assert len({n["kind"] for n in notices if n["kind"] != "question"}) == len(
        [n for n in notices if n["kind"] != "question"])
    assert [m["channel"] for m in events["messages"] if m["author"] == "citizen"] == [
        "email", "sms"]
    assert provider.sent == []


async def test_a_text_goes_into_the_latest_open_case_never_a_closed_one(
        tmp_path: Path, db_url: str) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("caf") is None
                 and bool(c["contact"]["phone"]), skip=1)
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        me = running.auth("citizen", c["id"])
        moving = (await running.client.post("/v1/cases", json={
            "text": "bonjour je viens de déménager, il faut changer mon adresse partout"},
            headers=me)).json()["id"]
        await running.settle(moving)
        closed = (await running.client.post("/v1/cases", json={"text": LAMP},
                                             headers=me)).json()["id"]
        assert (await running.settle(closed))["status"] == "accepte"
        got = await text_in(running, c["contact"]["phone"], "C'est 18 avenue Foch, 44000 Nantes",
                            mid="l-1")
        state = await running.settle(moving)
    # The newest case is closed: the text goes into the open one, which it completes.
    assert got.json()["outcome"] == "threaded" and got.json()["case_id"] == moving
    assert state["status"] == "accepte"


async def test_one_text_delivered_twice_at_once_is_one_message(tmp_path: Path,
                                                               db_url: str) -> None:
    c = texter(skip=8)
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        both = await asyncio.gather(*(text_in(running, c["contact"]["phone"], LAMP, mid="d-1")
                                      for _ in range(2)))
        await running.settle(both[0].json()["case_id"])
        messages = await rows(running, "select m.case_id::text from case_messages m join cases"
                                       " k on k.id = m.case_id where k.citizen_id = %s and"
                                       " m.author = 'citizen'", c["id"])
        audit = await rows(running, "select data::text as data from audit_events")
        kept = await rows(running, "select * from sms_inbound")
    assert sorted(r.json()["duplicate"] for r in both) == [False, True]
    assert len({r.json()["case_id"] for r in both}) == 1 and len(messages) == 1
    # Neither the log nor the inbound table holds the number.
    national_digits = "0" + c["contact"]["phone"][3:]
    assert not [a for a in audit if c["contact"]["phone"][3:] in a["data"]
                or national_digits in a["data"]]
    assert c["contact"]["phone"][3:] not in str(kept)


async def test_a_number_texting_in_a_loop_is_limited(tmp_path: Path, db_url: str) -> None:
    c = texter(skip=9)
    settings = sms_settings(tmp_path, Provider(url="http://127.0.0.1:9/unused"),
                            ).model_copy(update={"rate_limits_enabled": True,
                                                 "rate_limit_citizen": "2/minute"})
    async with running_service(settings, db_url) as running:
        got = [await text_in(running, c["contact"]["phone"], f"Message {n}", mid=f"r-{n}")
               for n in range(3)]
    assert [r.status_code for r in got] == [200, 200, 429]
    assert "Retry-After" in got[2].headers


async def test_a_question_by_sms_carries_the_question_and_is_answered_by_sms(
        tmp_path: Path, db_url: str) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("caf") is None
                 and c["contact"]["preferred_channel"] == "sms" and bool(c["contact"]["phone"]))
    async with sms_provider() as provider, \
            running_service(sms_settings(tmp_path, provider), db_url) as running:
        got = await text_in(running, c["contact"]["phone"],
                            "jai demenagé faut changer mon adresse partout svp", mid="q-1")
        case_id = got.json()["case_id"]
        assert (await running.settle(case_id))["holder"] == "citizen"
        await dispatch_pending(running.services.pool, running.services.settings)
        [question] = await rows(running, "select body from notifications where case_id = %s"
                                         " and kind = 'question'", case_id)
        asked = [m["text"] for m in provider.sent]
        await text_in(running, c["contact"]["phone"], "27 rue nationale 59000 lille", mid="q-2")
        state = await running.settle(case_id)
    assert any(t.startswith(question["body"][:40]) and t.endswith(
        f"détails : https://guichet.example/espace/cases/{case_id}") for t in asked)
    assert state["status"] == "accepte"
