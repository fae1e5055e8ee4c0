"""Reading inbound mail: machines told from people, reply tokens, bounces, files."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from guichet.mail_read import parse, reply_tokens
from guichet.settings import Settings
from tests.test_email_in import bounce

TOKEN = "0123456789abcdef0123456789abcdef"


def raw(**headers: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Jeanne <Jeanne.Martin@Example.org>"
    msg["To"] = f"reply+{TOKEN}@Guichet.Test"
    msg["Subject"] = "Re: votre demande"
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content("Bonjour, voici ma réponse.")
    return msg.as_bytes()


@pytest.mark.parametrize("headers", [
    {"Auto_Submitted": "auto-replied"}, {"Auto_Submitted": "auto-generated"},
    {"X_Autoreply": "yes"}, {"X_Autorespond": "yes"}, {"Precedence": "bulk"},
    {"Precedence": "Junk"}, {"Precedence": "list"}, {"List_Id": "<l.example.org>"},
    {"X_Loop": "guichet"},
])
def test_a_machine_s_mail_is_told(headers: dict[str, str]) -> None:
    assert parse(raw(**headers)).automatic is not None


@pytest.mark.parametrize("headers", [{}, {"Auto_Submitted": "no"}, {"Precedence": "normal"}])
def test_a_person_s_mail_is_not_a_machine_s(headers: dict[str, str]) -> None:
    mail = parse(raw(**headers))
    assert mail.automatic is None and not mail.bounce
    assert mail.sender == "jeanne.martin@example.org"
    assert mail.text.strip() == "Bonjour, voici ma réponse."


def test_reply_tokens_are_read_for_the_service_domain_only() -> None:
    assert reply_tokens(parse(raw()), "guichet.test") == [TOKEN]
    assert reply_tokens(parse(raw()), "elsewhere.test") == []
    short = raw().replace(TOKEN.encode(), b"0123")
    assert reply_tokens(parse(short), "guichet.test") == []


def test_a_mail_without_message_id_is_keyed_by_its_bytes() -> None:
    a, b = parse(raw()), parse(raw())
    assert a.key.startswith("sha256:") and a.key == b.key
    with_id = parse(raw(Message_ID="<abc@example.org>"))
    assert with_id.key == "<abc@example.org>"


def test_a_permanent_bounce_names_the_failed_address_and_a_delay_does_not() -> None:
    gone = parse(bounce(to="b@guichet.test", failed="x@citoyen.example",
                        original_id="<1@guichet.test>"))
    assert gone.bounce and gone.failed == ("x@citoyen.example",)
    delayed = bounce(to="b@guichet.test", failed="x@citoyen.example",
                     original_id="<1@guichet.test>").replace(
        b"Action: failed", b"Action: delayed").replace(b"Status: 5.1.1", b"Status: 4.4.1")
    later = parse(delayed)
    assert later.bounce and later.failed == ()


def test_attachments_are_files_and_not_text() -> None:
    msg = EmailMessage()
    msg["From"], msg["To"] = "a@example.org", "demarches@guichet.test"
    msg.set_content("Ci-joint.")
    msg.add_attachment(b"%PDF-1.4 x", maintype="application", subtype="pdf",
                       filename="avis.pdf")
    mail = parse(msg.as_bytes())
    assert mail.text.strip() == "Ci-joint."
    assert [(f.filename, f.data) for f in mail.files] == [("avis.pdf", b"%PDF-1.4 x")]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=600).map(
    lambda t: ("From: " + t + "\r\nMessage-ID: <" + t + ">\r\nSubject: " + t
               + "\r\n\r\n" + t).encode("utf-8", "surrogatepass")))
def test_any_bytes_read_without_error_into_text_postgres_takes(data: bytes) -> None:
    mail = parse(data)
    for text in (mail.key, mail.sender, mail.subject, mail.text, *mail.references,
                 *mail.recipients):
        assert "\x00" not in text
        text.encode("utf-8")


def test_the_listen_address_is_read_or_refused_naming_the_setting() -> None:
    assert Settings(smtp_listen="[::1]:2525").smtp_listen_address() == ("::1", 2525)
    assert Settings(smtp_listen="0.0.0.0:25").smtp_listen_address() == ("0.0.0.0", 25)
    assert Settings().smtp_listen_address() is None
    for bad in ("0.0.0.0:70000", "2525", "host:port"):
        with pytest.raises(ValidationError, match="smtp_listen"):
            Settings(smtp_listen=bad)
