"""The rehearsal's demands: road reports, changes of address, prime claims for a CAF officer."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from guichet.catalogue import default_catalogue
from guichet.population import generate_population

ROAD = "Il y a un nid de poule devant le 8 rue Victor Hugo, 69002 Lyon"
LAMP = "Le lampadaire devant le 12 rue de la République, 69002 Lyon ne marche plus"
MOVE = "Je déménage au 5 rue des Lilas, 69003 Lyon, merci de prévenir les organismes."
PRIME = "Je travaille à temps partiel, je voudrais la prime d'activité"
# Of every ten demands: four road reports, three changes of address, three prime claims.
MIX = ("road", "move", "prime", "road", "move", "prime", "road", "move", "prime", "road")
OFFICER_KINDS = frozenset({"prime"})

Citizen = dict[str, Any]


@dataclass(frozen=True)
class Demand:
    index: int
    kind: str  # road, move, prime
    citizen_id: str
    text: str

    @property
    def needs_officer(self) -> bool:
        return self.kind in OFFICER_KINDS


def _adult(c: Citizen) -> bool:
    civil = c.get("etat_civil") or {}
    return bool(civil.get("death_date") is None and c.get("contact")
                and str(civil.get("birth_date", "9999")) < "2006-01-01")


def _prime_eligible(c: Citizen) -> bool:
    p = default_catalogue().procedure("prime-activite").parameters
    caf = c.get("caf")
    if not (_adult(c) and caf):
        return False
    household = (1 + p["extra_adult"] * (caf["household_adults"] - 1)
                 + p["per_child"] * len(caf["children"]))
    return bool(0 < caf["monthly_activity_income"] < p["threshold_one"] * household)


def demands(count: int, *, population: int) -> list[Demand]:
    """`count` demands in the mix; a prime claimant or a mover appears once at most."""
    people = generate_population(population)
    claimants = [c for c in people if _prime_eligible(c)]
    taken = {c["id"] for c in claimants}
    movers = [c for c in people if c["id"] not in taken and _adult(c)
              and all(c.get(s) for s in ("caf", "dgfip", "cpam"))]
    reporters = itertools.cycle([c for c in people if _adult(c)])
    kinds = [MIX[i % len(MIX)] for i in range(count)]
    if kinds.count("prime") > len(claimants) or kinds.count("move") > len(movers):
        raise ValueError(f"{count} demands need more seeded citizens than {population}")
    prime_it, move_it = iter(claimants), iter(movers)
    out: list[Demand] = []
    for i, kind in enumerate(kinds):
        if kind == "prime":
            out.append(Demand(i, kind, next(prime_it)["id"], PRIME))
        elif kind == "move":
            out.append(Demand(i, kind, next(move_it)["id"], MOVE))
        else:
            out.append(Demand(i, kind, next(reporters)["id"], ROAD if i % 2 else LAMP))
    return out
