"""Production refuses what only a laptop should do."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from guichet.cli import app


def test_seed_refuses_a_production_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUICHET_ENV", "prod")
    monkeypatch.setenv("GUICHET_JWT_SECRET", "p" * 40)
    # Never reached: the command stops before connecting.
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = CliRunner().invoke(app, ["seed"])
    assert result.exit_code == 2
    assert "not GUICHET_ENV=prod" in result.output
