"""Postal code to INSEE commune code, for addresses the citizen writes without one.

The built-in table is the communes the records store knows; a deployment would ask the
Base Adresse Nationale instead.
"""

from __future__ import annotations

from functools import lru_cache

from guichet.population_data import COMMUNES


@lru_cache(maxsize=1)
def _by_postal_code() -> dict[str, str]:
    return {postal: c.insee for c in COMMUNES for postal in c.postal_codes}


def insee_for(postal_code: str) -> str | None:
    """The INSEE code of the commune (or arrondissement) of a postal code, if known."""
    return _by_postal_code().get(postal_code)
