"""Attachments are judged by their bytes, named safely, and refused with the file and reason."""

from __future__ import annotations

import pytest

from guichet.errors import InvalidInput
from guichet.store.attachments import Incoming, check, safe_name, sniff

PDF = b"%PDF-1.7\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def test_the_bytes_decide_the_type_not_the_name() -> None:
    assert sniff(PDF) == "application/pdf"
    assert sniff(PNG) == "image/png"
    assert sniff(b"\xff\xd8\xff\xe0JFIF") == "image/jpeg"
    assert sniff("Relevé d'identité bancaire".encode()) == "text/plain"
    assert sniff(b"MZ\x90\x00\x03") is None  # a Windows executable
    assert sniff(b"PK\x03\x04") is None  # a zip, whatever it is called
    [kept] = check([Incoming("facture.exe", PDF)], max_bytes=1000, max_files=2)
    assert kept.content_type == "application/pdf"


@pytest.mark.parametrize(("name", "safe"), [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\moi\\RIB.pdf", "RIB.pdf"),
    ("avis d'impôt 2025.pdf", "avis d_impôt 2025.pdf"),
    ("$(rm -rf).pdf", "(rm -rf).pdf"),
    ("", "piece-jointe"),
    ("...", "piece-jointe"),
])
def test_names_are_reduced_to_a_safe_base_name(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_refusals_name_the_file_and_the_reason() -> None:
    with pytest.raises(InvalidInput) as e:
        check([Incoming("a.pdf", PDF), Incoming("virus.pdf", b"MZ\x90")], max_bytes=100,
              max_files=3)
    assert e.value.field == "attachments[1]" and "virus.pdf" in e.value.reason
    with pytest.raises(InvalidInput) as e:
        check([Incoming("gros.pdf", PDF + b"x" * 200)], max_bytes=100, max_files=3)
    assert "gros.pdf" in e.value.reason and "100" in e.value.reason
    with pytest.raises(InvalidInput) as e:
        check([Incoming("a.pdf", PDF)] * 4, max_bytes=100, max_files=3)
    assert e.value.field == "attachments" and "at most 3" in e.value.reason
    with pytest.raises(InvalidInput, match="empty"):
        check([Incoming("vide.pdf", b"")], max_bytes=100, max_files=3)
