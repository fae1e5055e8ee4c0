"""What every command of the CLI shares: settings read once, a clear exit when invalid."""

from __future__ import annotations

from typing import Any

import typer

from guichet.settings import Settings


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment; an invalid configuration exits 2 with the reason."""
    try:
        return Settings(**overrides)
    except ValueError as exc:
        typer.echo(f"configuration invalide : {exc}", err=True)
        raise typer.Exit(2) from exc
