"""Demands for every procedure of the catalogue, each from a seeded citizen it fits."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from guichet.catalogue import default_catalogue
from guichet.population import age_on, generate_population

POPULATION = 600  # what `guichet serve` and seeding.build_template write

Citizen = dict[str, Any]
Fit = Callable[[Citizen], bool]
Text = Callable[[Citizen], str]


@dataclass(frozen=True)
class Demand:
    citizen_id: str
    procedure: str
    variant: str
    text: str
    answers: tuple[str, ...] = ()  # what the citizen says when the agent asks, in order


@dataclass(frozen=True)
class Variant:
    name: str
    fit: Fit
    text: Text
    answers: Callable[[Citizen], tuple[str, ...]] = lambda c: ()


@lru_cache(maxsize=1)
def population() -> list[Citizen]:
    return generate_population(POPULATION)


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def age(c: Citizen) -> int:
    return age_on(c["etat_civil"]["birth_date"], _today())


def alive_adult(c: Citizen) -> bool:
    civil = c.get("etat_civil") or {}
    return civil.get("death_date") is None and age(c) >= 18 and c.get("contact") is not None


def _params(procedure: str) -> dict[str, Any]:
    return default_catalogue().procedure(procedure).parameters


def _household(p: dict[str, Any], caf: dict[str, Any]) -> float:
    return float(1 + p["extra_adult"] * (caf["household_adults"] - 1)
                 + p["per_child"] * len(caf["children"]))


def prime_eligible(c: Citizen) -> bool:
    p, caf = _params("prime-activite"), c.get("caf")
    return bool(caf and 0 < caf["monthly_activity_income"] < p["threshold_one"] * _household(p, caf))


def rsa_eligible(c: Citizen) -> bool:
    p, caf = _params("rsa"), c.get("caf")
    return bool(caf and (age(c) >= p["min_age"] or caf["children"])
                and caf["monthly_resources"] < p["ceiling_one"] * _household(p, caf))


def css_eligible(c: Citizen) -> bool:
    if not (c.get("cpam") and c.get("dgfip") and c.get("caf") is None):
        return False
    rfr = c["dgfip"]["rfr"]
    return bool(float(rfr[max(rfr)]) < _params("css")["free_limit_one"])


def _children(c: Citizen) -> list[dict[str, Any]]:
    return list((c.get("caf") or {}).get("children") or [])


def _non_eu(c: Citizen) -> bool:
    eu = _params("inscription-listes-electorales")["eu_countries"]
    return bool(c["etat_civil"]["nationality"] not in eu)


# Per procedure, the ways a citizen asks for it. Variants with answers make the agent ask
# (a missing address, which child, where the problem is) and the citizen loop answer.
# Movers (address changes) come from the other end of the population: a change of address
# rewrites records that other procedures of the same citizen read.
VARIANTS: dict[str, tuple[Variant, ...]] = {
    "acte-naissance": (
        Variant("copie", lambda c: not c["etat_civil"]["birth_commune"].startswith("99"),
                lambda c: "Bonjour, il me faudrait une copie intégrale de mon acte de naissance"),),
    "changement-adresse": (
        Variant("adresse-donnee", lambda c: all(c.get(s) for s in ("caf", "dgfip", "cpam")),
                lambda c: "Je déménage au 5 rue des Lilas, 69003 Lyon, merci de prévenir les "
                          "organismes."),
        Variant("adresse-demandee", lambda c: True,
                lambda c: "bonjour je viens de déménager, il faut changer mon adresse partout",
                lambda c: ("C'est 18 avenue Foch, 44000 Nantes",))),
    "inscription-listes-electorales": (
        Variant("inscription", lambda c: c["etat_civil"]["nationality"] == "FR"
                and c.get("electoral") is None,
                lambda c: "Je voudrais m'inscrire sur les listes électorales de ma commune"),
        Variant("refus-hors-ue", _non_eu, lambda c: "je veux m'inscrire pour voter")),
    "carte-identite": (
        Variant("renouvellement", lambda c: c.get("ants") is not None,
                lambda c: "Ma carte d'identité est périmée, je dois la renouveler"),),
    "prime-activite": (
        Variant("demande", prime_eligible,
                lambda c: "Je travaille à mi-temps, ai-je droit à la prime d'activité ?"),),
    "css": (
        Variant("demande", css_eligible,
                lambda c: "Je voudrais la complémentaire santé solidaire"),),
    "rsa": (
        Variant("demande", rsa_eligible,
                lambda c: "Je n'ai plus aucun revenu, je voudrais le RSA"),),
    "reclamation-fiscale": (
        Variant("montant", lambda c: bool(c.get("dgfip")
                                          and c["dgfip"]["tax_due"].get("2025", 0) > 200),
                lambda c: "Je conteste le montant de mon impôt 2025, je pense devoir 150 euros"),),
    "attestation-droits-sante": (
        Variant("attestation", lambda c: bool(c.get("cpam")),
                lambda c: "J'ai besoin de mon attestation de droits à l'assurance maladie"),),
    "logement-social": (
        Variant("demande", lambda c: True,
                lambda c: "Je voudrais faire une demande de logement social pour ma famille"),),
    "restauration-scolaire": (
        Variant("enfant-nomme", lambda c: len(_children(c)) == 1,
                lambda c: f"Je voudrais inscrire {_children(c)[0]['given_name']} à la cantine"),
        Variant("enfant-demande", lambda c: len(_children(c)) >= 2,
                lambda c: "Je voudrais inscrire mon enfant à la cantine de l'école",
                lambda c: (str(_children(c)[0]["given_name"]),))),
    "signalement-voirie": (
        Variant("lieu-donne", lambda c: True,
                lambda c: "Le lampadaire devant le 8 rue Victor Hugo ne marche plus depuis une "
                          "semaine"),
        Variant("lieu-demande", lambda c: True,
                lambda c: "Il y a un gros nid de poule dangereux sur la chaussée",
                lambda c: ("Devant le 12 rue de la République, 69002 Lyon",))),
    "carte-grise-adresse": (
        Variant("adresse", lambda c: bool(c.get("ants") and len(c["ants"]["vehicles"] or []) == 1),
                lambda c: "Je dois changer l'adresse sur ma carte grise : j'habite 3 place "
                          "Bellecour, 69002 Lyon"),),
    "renseignement": (
        Variant("documents", lambda c: True,
                lambda c: "Quels documents faut-il fournir pour une carte d'identité ?"),),
    "reclamation-service": (
        Variant("plainte", lambda c: True,
                lambda c: "Je veux me plaindre : personne ne répond jamais au téléphone, "
                          "c'est inadmissible"),),
}

MOVERS = frozenset({"changement-adresse", "carte-grise-adresse"})


def _stream(procedure: str, variant: Variant, people: list[Citizen]) -> Iterator[Demand]:
    hits = [c for c in people if variant.fit(c)]
    if not hits:
        raise RuntimeError(f"no seeded citizen fits {procedure}/{variant.name}")
    for c in itertools.cycle(hits):
        yield Demand(citizen_id=c["id"], procedure=procedure, variant=variant.name,
                     text=variant.text(c), answers=variant.answers(c))


def demands(per_procedure: int) -> list[Demand]:
    """`per_procedure` demands of every procedure of the catalogue, procedures interleaved."""
    catalogue = default_catalogue()
    missing = set(catalogue.procedure_ids) - set(VARIANTS)
    if missing:
        raise RuntimeError(f"the fault workload has no demand for {sorted(missing)}")
    adults = [c for c in population() if alive_adult(c)]
    half = len(adults) // 2
    settled_people, movers = adults[:half], adults[half:][::-1]
    per_kind: list[list[Demand]] = []
    for procedure in catalogue.procedure_ids:
        people = movers if procedure in MOVERS else settled_people
        variants = VARIANTS[procedure]
        streams = [_stream(procedure, v, people) for v in variants]
        turn = itertools.cycle(streams)
        per_kind.append([next(next(turn)) for _ in range(per_procedure)])
    # Round-robin over procedures, so every stretch of the run has every kind in flight.
    return [d for group in itertools.zip_longest(*per_kind) for d in group if d is not None]
