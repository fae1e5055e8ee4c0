"""The case mix: demands from the seeded population, about 60% settled without an officer."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from evals.bench.databases import POPULATION
from guichet.catalogue import default_catalogue
from guichet.population import age_on, generate_population

Citizen = dict[str, Any]


@dataclass(frozen=True)
class Demand:
    citizen_id: str
    text: str
    procedure: str
    approval: bool  # expected: a sensitive effect waits for an officer


def _age(c: Citizen, today: dt.date) -> int:
    return age_on(c["etat_civil"]["birth_date"], today)


def _adult(c: Citizen, today: dt.date) -> bool:
    civil = c.get("etat_civil") or {}
    return civil.get("death_date") is None and _age(c, today) >= 18 and c.get("contact") is not None


def _params(procedure: str) -> dict[str, Any]:
    return default_catalogue().procedure(procedure).parameters


def _household_factor(p: dict[str, Any], caf: dict[str, Any]) -> float:
    return float(1 + p["extra_adult"] * (caf["household_adults"] - 1)
                 + p["per_child"] * len(caf["children"]))


def _prime(c: Citizen) -> bool:
    p, caf = _params("prime-activite"), c.get("caf")
    return bool(caf and 0 < caf["monthly_activity_income"]
                < p["threshold_one"] * _household_factor(p, caf))


def _rsa(c: Citizen, today: dt.date) -> bool:
    p, caf = _params("rsa"), c.get("caf")
    return bool(caf and (_age(c, today) >= p["min_age"] or caf["children"])
                and caf["monthly_resources"] < p["ceiling_one"] * _household_factor(p, caf))


def _css(c: Citizen) -> bool:
    if not (c.get("cpam") and c.get("dgfip") and c.get("caf") is None):
        return False
    rfr = c["dgfip"]["rfr"]
    return bool(float(rfr[max(rfr)]) < _params("css")["free_limit_one"])


Fit = Callable[[Citizen], bool]
Text = Callable[[Citizen], str]

# (procedure, needs an officer, who fits, what they write): each demand resolves end to end
# with the offline model without asking the citizen anything.
def _kinds(today: dt.date) -> list[tuple[str, bool, Fit, Text]]:
    return [
        ("acte-naissance", False,
         lambda c: not c["etat_civil"]["birth_commune"].startswith("99"),
         lambda c: "Bonjour, il me faudrait une copie intégrale de mon acte de naissance"),
        ("attestation-droits-sante", False, lambda c: bool(c.get("cpam")),
         lambda c: "J'ai besoin de mon attestation de droits à l'assurance maladie"),
        ("logement-social", False, lambda c: True,
         lambda c: "Je voudrais faire une demande de logement social pour ma famille"),
        ("signalement-voirie", False, lambda c: True,
         lambda c: "Le lampadaire devant le 8 rue Victor Hugo ne marche plus depuis une semaine"),
        ("carte-identite", False, lambda c: c.get("ants") is not None,
         lambda c: "Ma carte d'identité est périmée, je dois la renouveler"),
        ("restauration-scolaire", False,
         lambda c: bool(c.get("caf") and len(c["caf"]["children"]) == 1),
         lambda c: f"Je voudrais inscrire {c['caf']['children'][0]['given_name']} à la cantine"),
        ("changement-adresse", False,
         lambda c: all(c.get(s) for s in ("caf", "dgfip", "cpam")),
         lambda c: "Je déménage au 5 rue des Lilas, 69003 Lyon, merci de prévenir les organismes."),
        ("renseignement", False, lambda c: True,
         lambda c: "Quels documents faut-il fournir pour une carte d'identité ?"),
        ("prime-activite", True, _prime,
         lambda c: "Je travaille à mi-temps, ai-je droit à la prime d'activité ?"),
        ("css", True, _css, lambda c: "Je voudrais la complémentaire santé solidaire"),
        ("rsa", True, lambda c: _rsa(c, today),
         lambda c: "Je n'ai plus aucun revenu, je voudrais le RSA"),
        ("reclamation-fiscale", True,
         lambda c: bool(c.get("dgfip") and c["dgfip"]["tax_due"].get("2025", 0) > 200),
         lambda c: "Je conteste le montant de mon impôt 2025, je pense devoir 150 euros"),
    ]


def _stream(people: list[Citizen], fit: Fit, text: Text, procedure: str,
            approval: bool) -> Iterator[Demand]:
    hits = [c for c in people if fit(c)]
    if not hits:
        raise RuntimeError(f"no seeded citizen fits {procedure}")
    for c in itertools.cycle(hits):
        yield Demand(citizen_id=c["id"], text=text(c), procedure=procedure, approval=approval)


def case_mix(n: int, *, offset: int = 0, today: dt.date | None = None) -> list[Demand]:
    """`n` demands, three without an officer for every two with one, procedures in turn.

    `offset` skips that many demands, so warm-up and measured cases differ.
    """
    day = today or dt.datetime.now(dt.UTC).date()
    people = [c for c in generate_population(POPULATION) if _adult(c, day)]
    plain: list[Iterator[Demand]] = []
    gated: list[Iterator[Demand]] = []
    for procedure, approval, fit, text in _kinds(day):
        # A change of address rewrites the contact record without its INSEE code, after
        # which other procedures of that citizen hand off: movers come from the other end.
        who = people[::-1] if procedure == "changement-adresse" else people
        (gated if approval else plain).append(_stream(who, fit, text, procedure, approval))
    plain_turn, gated_turn = itertools.cycle(plain), itertools.cycle(gated)
    pattern = itertools.cycle((False, True, False, True, False))
    out = [next(next(gated_turn) if next(pattern) else next(plain_turn))
           for _ in range(offset + n)]
    return out[offset:]


def baseline_citizens(n: int, *, today: dt.date | None = None) -> list[str]:
    """Citizens for the baseline's prime d'activité cases, in turn."""
    day = today or dt.datetime.now(dt.UTC).date()
    hits = [c["id"] for c in generate_population(POPULATION) if _adult(c, day) and _prime(c)]
    return [hits[i % len(hits)] for i in range(n)]
