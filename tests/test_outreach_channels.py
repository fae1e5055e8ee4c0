"""Answers to outreach proposals by the citizen's own channels, over real SMTP and the SMS
provider's webhook: a yes by email continues with the officer's approval, a no by SMS closes
the proposal; each effect and notice once."""

from __future__ import annotations

from pathlib import Path

from guichet import outreach
from tests import citizens as pop
from tests.test_email_in import _unique_email, mail, world

SECRET = "webhook-secret-for-tests"


def _eligible(channel: str) -> pop.Citizen:
    return pop.pick(lambda c: pop.prime_eligible(c) and _unique_email(c)
                    and c["contact"]["preferred_channel"] == channel
                    and bool(c["contact"].get("phone")))


async def test_yes_by_email_and_no_by_sms(tmp_path: Path, db_url: str) -> None:
    by_mail, by_text = _eligible("email"), _eligible("sms")
    async with world(tmp_path, db_url, sms_webhook_secret=SECRET,
                     rate_limits_enabled=False) as w:
        services = w.running.services
        run = await outreach.run(services, "prime-activite")
        assert run.proposed
        cases = {r["citizen_id"]: r["case_id"] for r in await w.rows(
            "select citizen_id, case_id::text from outreach_proposals")}
        yes_case, no_case = cases[by_mail["id"]], cases[by_text["id"]]

        await w.dispatch()
        [proposal] = [m for m in w.boxes.to(by_mail["contact"]["email"])
                      if "pourriez avoir droit" in str(m["Subject"])]
        # The citizen answers the proposal mail from their mail client.
        await w.send(mail(by_mail["contact"]["email"], str(proposal["Reply-To"]),
                          "Oui, je veux bien, merci.\n\nLe 2 nov. 2026, guichet a écrit :\n"
                          "> Bonjour,", subject="Re: " + str(proposal["Subject"]),
                          In_Reply_To=str(proposal["Message-ID"])))
        state = await w.running.settle(yes_case)
        assert (state["status"], state["holder"]) == ("en_instruction", "officer")
        [a] = await w.rows("select id::text, effect from approvals where case_id = %s", yes_case)
        assert a["effect"] == "grant_benefit"
        d = await w.running.client.post(
            f"/v1/approvals/{a['id']}/decision", json={"decision": "approve"},
            headers=w.running.auth("officer", "agent-caf", "caf"))
        assert d.status_code == 200, d.text
        assert (await w.running.settle(yes_case))["status"] == "accepte"

        # The other answers by text message, from their number.
        r = await w.running.client.post("/v1/inbound/sms", headers={"X-Webhook-Secret": SECRET},
                                        json={"id": "sms-1", "from": by_text["contact"]["phone"],
                                              "to": "GUICHET", "text": "Non merci"})
        assert r.status_code in (200, 202), r.text
        assert (await w.running.settle(no_case))["status"] == "sans_suite"

        answered = {r["case_id"]: (r["status"], r["channel"]) for r in await w.rows(
            "select o.case_id::text, o.status, m.channel from outreach_proposals o"
            " join case_messages m on m.case_id = o.case_id and m.author = 'citizen'"
            " where o.case_id in (%s::uuid, %s::uuid)", yes_case, no_case)}
        assert answered == {yes_case: ("accepted", "email"), no_case: ("declined", "sms")}
        grants = await w.rows("select case_id::text from effects where effect = 'grant_benefit'"
                              " and case_id in (%s::uuid, %s::uuid)", yes_case, no_case)
        assert [g["case_id"] for g in grants] == [yes_case]
        kinds = [n["kind"] for n in await w.rows(
            "select kind from notifications where case_id = %s order by id", no_case)]
        assert kinds == ["proposal", "decision"], "a no gets one answer, nothing more"
