"""Finding seeded citizens that fit a scenario (the same population the template holds)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from guichet.catalogue import default_catalogue
from guichet.population import age_on, generate_population

Citizen = dict[str, Any]
TODAY = dt.date(2026, 11, 2)


@lru_cache(maxsize=1)
def population() -> list[Citizen]:
    return generate_population(600)


def age(c: Citizen) -> int:
    return age_on(c["etat_civil"]["birth_date"], TODAY)


def alive_adult(c: Citizen) -> bool:
    civil = c.get("etat_civil") or {}
    return civil.get("death_date") is None and age(c) >= 18 and c.get("contact") is not None


def pick(pred: Callable[[Citizen], bool], *, skip: int = 0) -> Citizen:
    hits = [c for c in population() if pred(c)]
    assert len(hits) > skip, "the seeded population has no citizen for this scenario"
    return hits[skip]


def params(procedure: str) -> dict[str, Any]:
    return default_catalogue().procedure(procedure).parameters


def prime_threshold(c: Citizen) -> float:
    p, caf = params("prime-activite"), c["caf"]
    return float(p["threshold_one"] * (1 + p["extra_adult"] * (caf["household_adults"] - 1)
                                        + p["per_child"] * len(caf["children"])))


def prime_eligible(c: Citizen) -> bool:
    caf = c.get("caf")
    return bool(alive_adult(c) and caf and 0 < caf["monthly_activity_income"] < prime_threshold(c))


def rsa_eligible(c: Citizen) -> bool:
    p, caf = params("rsa"), c.get("caf")
    if not (alive_adult(c) and caf):
        return False
    ceiling = p["ceiling_one"] * (1 + p["extra_adult"] * (caf["household_adults"] - 1)
                                  + p["per_child"] * len(caf["children"]))
    return bool((age(c) >= p["min_age"] or caf["children"]) and caf["monthly_resources"] < ceiling)


def latest_rfr(c: Citizen) -> float:
    rfr = c["dgfip"]["rfr"]
    return float(rfr[max(rfr)])
