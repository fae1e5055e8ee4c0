"""Production refuses what only a laptop should do."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from guichet import audit_seal
from guichet.cli import app
from guichet.settings import new_checkpoint_key


def test_seed_refuses_a_production_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUICHET_ENV", "prod")
    monkeypatch.setenv("GUICHET_JWT_SECRET", "p" * 40)
    monkeypatch.setenv("GUICHET_AUDIT_SIGNING_KEY", audit_seal.key_to_text(audit_seal.new_key()))
    monkeypatch.setenv("GUICHET_CHECKPOINT_KEY", new_checkpoint_key())
    # Never reached: the command stops before connecting.
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = CliRunner().invoke(app, ["seed"])
    assert result.exit_code == 2
    assert "not GUICHET_ENV=prod" in result.output


def test_production_needs_an_audit_signing_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUICHET_ENV", "prod")
    monkeypatch.setenv("GUICHET_JWT_SECRET", "p" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = CliRunner().invoke(app, ["seed"])
    assert result.exit_code == 2
    assert "GUICHET_AUDIT_SIGNING_KEY must be set" in result.output
    monkeypatch.setenv("GUICHET_AUDIT_SIGNING_KEY", "pas une clé")
    result = CliRunner().invoke(app, ["seed"])
    assert result.exit_code == 2 and "GUICHET_AUDIT_SIGNING_KEY" in result.output


def test_production_needs_a_checkpoint_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUICHET_ENV", "prod")
    monkeypatch.setenv("GUICHET_JWT_SECRET", "p" * 40)
    monkeypatch.setenv("GUICHET_AUDIT_SIGNING_KEY", audit_seal.key_to_text(audit_seal.new_key()))
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = CliRunner().invoke(app, ["seed"])
    assert result.exit_code == 2
    assert "GUICHET_CHECKPOINT_KEY must be set" in result.output
    monkeypatch.setenv("GUICHET_CHECKPOINT_KEY", "dGVzdA==")  # 4 bytes: no AES key
    result = CliRunner().invoke(app, ["seed"])
    assert result.exit_code == 2 and "GUICHET_CHECKPOINT_KEY" in result.output
