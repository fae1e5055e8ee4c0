"""Eligibility and amounts, computed by code from records, the form and catalogue parameters.

Each function returns the outcome an officer sees as evidence: the rule applied, its inputs,
the result, and the effects the procedure should now produce.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field

from guichet.catalogue import Catalogue, Procedure


class Proposal(BaseModel):
    effect: str
    args: dict[str, Any]


class RulesOutcome(BaseModel):
    procedure: str
    eligible: bool | None
    rule: str
    inputs: dict[str, Any]
    result: dict[str, Any] = Field(default_factory=dict)
    reasons: list[str] = Field(default_factory=list)
    proposed_effects: list[Proposal] = Field(default_factory=list)


class RulesInput(BaseModel):
    procedure: Procedure
    catalogue: Catalogue
    form: dict[str, Any]
    records: dict[str, Any]
    today: dt.date


def age_on(birth: str | dt.date | None, today: dt.date) -> int | None:
    if birth is None:
        return None
    b = dt.date.fromisoformat(birth) if isinstance(birth, str) else birth
    return today.year - b.year - ((today.month, today.day) < (b.month, b.day))


def first_of_next_month(today: dt.date) -> str:
    return (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1).isoformat()


def _household_limit(base: float, *, adults: int, children: int, extra_adult: float,
                     per_child: float) -> float:
    return base * (1 + extra_adult * max(adults - 1, 0) + per_child * children)


def _refusal(ri: RulesInput, rule: str, inputs: dict[str, Any], reasons: list[str]) -> RulesOutcome:
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=False, rule=rule, inputs=inputs, reasons=reasons,
        proposed_effects=[Proposal(effect="reject_demand",
                                   args={"reasons": reasons, "appeal": ri.catalogue.appeal})],
    )


def _handoff(ri: RulesInput, why: str) -> RulesOutcome:
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=None, rule="transmission à un agent",
        inputs={}, reasons=[why],
        proposed_effects=[Proposal(effect="handoff",
                                   args={"team": ri.procedure.authority, "summary": why})],
    )


def _acte_naissance(ri: RulesInput) -> RulesOutcome:
    commune = str(ri.form.get("birth_commune") or "")
    if commune.startswith("99"):
        return _handoff(ri, "Naissance à l'étranger : acte tenu par le service central "
                            "d'état civil (Nantes), à traiter par un agent.")
    kind = ri.form.get("kind", "acte-naissance-extrait")
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True, rule="acte tenu par la commune de naissance",
        inputs={"birth_commune": commune},
        proposed_effects=[Proposal(effect="issue_document", args={"kind": kind})],
    )


def _changement_adresse(ri: RulesInput) -> RulesOutcome:
    address = ri.form["new_address"]
    targets = ["contact"] + [s for s in ("caf", "dgfip", "cpam", "france_travail")
                             if ri.records.get(s) is not None]
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True,
        rule="mise à jour auprès de chaque organisme qui connaît l'usager",
        inputs={"organismes": targets},
        proposed_effects=[Proposal(effect="update_contact", args={"source": s, "address": address})
                          for s in targets],
    )


def _electoral(ri: RulesInput) -> RulesOutcome:
    p = ri.procedure.parameters
    age = age_on(ri.form.get("birth_date"), ri.today)
    nationality = ri.form.get("nationality")
    inputs = {"age": age, "nationality": nationality, "commune": ri.form.get("commune")}
    rule = "18 ans ou plus ; nationalité française ou d'un État de l'Union européenne"
    reasons = []
    if age is None or age < p["min_age"]:
        reasons.append(f"Il faut avoir au moins {p['min_age']} ans pour s'inscrire (âge : {age}).")
    if nationality not in p["eu_countries"]:
        reasons.append("L'inscription est réservée aux ressortissants français et de l'Union "
                       "européenne.")
    if reasons:
        return _refusal(ri, rule, inputs, reasons)
    current = (ri.records.get("electoral") or {}).get("commune")
    if current and current == ri.form.get("commune"):
        return RulesOutcome(procedure=ri.procedure.id, eligible=True, rule=rule, inputs=inputs,
                            result={"already_registered": True})
    scope = "toutes élections" if nationality == "FR" else "municipales et européennes"
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True, rule=rule, inputs=inputs,
        result={"scope": scope},
        proposed_effects=[Proposal(effect="register",
                                   args={"list": "electoral", "commune": ri.form["commune"]})],
    )


def next_slot(today: dt.date) -> str:
    """The first weekday slot a week from now, 09:30 (the built-in service point agenda)."""
    day = today + dt.timedelta(days=7)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return f"{day.isoformat()}T09:30"


def _cni(ri: RulesInput) -> RulesOutcome:
    motif = ri.form.get("motif") or "renouvellement"
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True, rule="pré-demande puis rendez-vous en mairie",
        inputs={"motif": motif, "commune": ri.form.get("commune")},
        proposed_effects=[
            Proposal(effect="register", args={"list": "cni-pre-application", "motif": motif}),
            Proposal(effect="book_appointment",
                     args={"service_point": f"mairie-{ri.form.get('commune')}",
                           "slot": next_slot(ri.today)}),
        ],
    )


def _prime_activite(ri: RulesInput) -> RulesOutcome:
    p = ri.procedure.parameters
    age = age_on(ri.form.get("birth_date"), ri.today)
    income = float(ri.form["monthly_activity_income"])
    adults, children = int(ri.form.get("household_adults", 1)), int(ri.form.get("children", 0))
    threshold = round(_household_limit(p["threshold_one"], adults=adults, children=children,
                                       extra_adult=p["extra_adult"], per_child=p["per_child"]), 2)
    inputs = {"age": age, "monthly_activity_income": income, "household_adults": adults,
              "children": children, "threshold": threshold}
    rule = (f"{p['min_age']} ans ou plus ; revenus d'activité > 0 et inférieurs au plafond du "
            f"foyer ({p['threshold_one']} € pour une personne, +50 % par adulte, +30 % par "
            f"enfant) ; montant = {p['rate']} × (plafond − revenus)")
    reasons = []
    if age is None or age < p["min_age"]:
        reasons.append(f"Il faut avoir au moins {p['min_age']} ans.")
    if income <= 0:
        reasons.append("La prime d'activité suppose des revenus d'activité professionnelle.")
    elif income >= threshold:
        reasons.append(f"Vos revenus d'activité ({income:.2f} €) dépassent le plafond de votre "
                       f"foyer ({threshold:.2f} €).")
    if reasons:
        return _refusal(ri, rule, inputs, reasons)
    amount = round(p["rate"] * (threshold - income), 2)
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True, rule=rule, inputs=inputs,
        result={"monthly_amount": amount},
        proposed_effects=[Proposal(effect="grant_benefit", args={
            "benefit": ri.procedure.id, "monthly_amount": amount,
            "start_date": first_of_next_month(ri.today)})],
    )


def _css(ri: RulesInput) -> RulesOutcome:
    if ri.records.get("cpam") is None:
        # The CSS is written on the CPAM file: without one, granting it could not be applied.
        return _handoff(ri, "Usager inconnu de l'assurance maladie : la complémentaire santé "
                            "solidaire est instruite par un agent.")
    p = ri.procedure.parameters
    rfr = float(ri.form["rfr"])
    adults, children = int(ri.form.get("household_adults", 1)), int(ri.form.get("children", 0))
    persons = adults + children
    factor = 1 + (p["second_person"] if persons >= 2 else 0) + p["further_person"] * max(persons - 2, 0)
    free_limit = round(p["free_limit_one"] * factor, 2)
    part_limit = round(p["participation_limit_one"] * factor, 2)
    age = age_on(ri.form.get("birth_date"), ri.today)
    inputs = {"rfr": rfr, "persons": persons, "free_limit": free_limit,
              "participation_limit": part_limit, "age": age}
    rule = (f"RFR sous {p['free_limit_one']} € (gratuite) ou sous {p['participation_limit_one']} € "
            "(avec participation) pour une personne ; +50 % pour la 2e personne, +30 % au-delà")
    if rfr >= part_limit:
        return _refusal(ri, rule, inputs, [
            f"Le revenu fiscal de référence du foyer ({rfr:.0f} €) dépasse le plafond "
            f"({part_limit:.0f} €)."])
    if rfr < free_limit:
        amount = 0.0
    else:
        amount = next(float(b["amount"]) for b in p["participation_by_age"]
                      if (age or 0) < b["under"])
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True, rule=rule, inputs=inputs,
        result={"monthly_amount": amount, "free": amount == 0},
        proposed_effects=[Proposal(effect="grant_benefit", args={
            "benefit": ri.procedure.id, "monthly_amount": amount,
            "start_date": first_of_next_month(ri.today)})],
    )


def _rsa(ri: RulesInput) -> RulesOutcome:
    p = ri.procedure.parameters
    age = age_on(ri.form.get("birth_date"), ri.today)
    resources = float(ri.form["monthly_resources"])
    adults, children = int(ri.form.get("household_adults", 1)), int(ri.form.get("children", 0))
    ceiling = round(_household_limit(p["ceiling_one"], adults=adults, children=children,
                                     extra_adult=p["extra_adult"], per_child=p["per_child"]), 2)
    inputs = {"age": age, "monthly_resources": resources, "household_adults": adults,
              "children": children, "ceiling": ceiling}
    rule = (f"{p['min_age']} ans ou plus (ou un enfant à charge) ; ressources mensuelles sous le "
            f"plafond du foyer ({p['ceiling_one']} € pour une personne) ; montant = plafond − "
            "ressources")
    reasons = []
    if (age is None or age < p["min_age"]) and children == 0:
        reasons.append(f"Il faut avoir au moins {p['min_age']} ans ou un enfant à charge.")
    if resources >= ceiling:
        reasons.append(f"Vos ressources mensuelles ({resources:.2f} €) dépassent le plafond "
                       f"({ceiling:.2f} €).")
    if reasons:
        return _refusal(ri, rule, inputs, reasons)
    amount = round(ceiling - resources, 2)
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True, rule=rule, inputs=inputs,
        result={"monthly_amount": amount},
        proposed_effects=[Proposal(effect="grant_benefit", args={
            "benefit": ri.procedure.id, "monthly_amount": amount,
            "start_date": first_of_next_month(ri.today)})],
    )


def _tax(ri: RulesInput) -> RulesOutcome:
    dgfip = ri.records.get("dgfip")
    if dgfip is None:
        return _handoff(ri, "Usager inconnu de la DGFiP : réclamation à instruire par un agent.")
    year = int(ri.form["year"])
    claimed = float(ri.form["claimed_amount"])
    due = (dgfip.get("tax_due") or {}).get(str(year))
    inputs = {"year": year, "tax_due": due, "claimed_amount": claimed}
    rule = "le montant contesté doit être inférieur à l'impôt mis en recouvrement"
    if due is None:
        return _refusal(ri, rule, inputs, [f"Aucun impôt n'est mis en recouvrement pour {year}."])
    if claimed >= float(due):
        return _refusal(ri, rule, inputs, [
            f"Le montant que vous estimez devoir ({claimed:.2f} €) n'est pas inférieur à "
            f"l'impôt dû ({float(due):.2f} €) : il n'y a rien à dégrever."])
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True, rule=rule, inputs=inputs,
        result={"relief": round(float(due) - claimed, 2)},
        proposed_effects=[Proposal(effect="adjust_tax",
                                   args={"year": year, "new_amount": claimed})],
    )


def _attestation(ri: RulesInput) -> RulesOutcome:
    if ri.records.get("cpam") is None:
        return _handoff(ri, "Usager inconnu de l'assurance maladie : vérification par un agent.")
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True,
        rule="attestation délivrée à l'assuré sur son canal vérifié ; à un tiers, "
             "transmission soumise à validation (disclose_record)",
        inputs={"regime": ri.records["cpam"].get("regime")},
        proposed_effects=[Proposal(effect="issue_document",
                                   args={"kind": "attestation-droits-sante"})],
    )


def _logement(ri: RulesInput) -> RulesOutcome:
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True, rule="enregistrement de la demande",
        inputs={k: ri.form.get(k) for k in ("household_adults", "children", "commune")},
        proposed_effects=[Proposal(effect="register", args={"list": "social-housing"})],
    )


def _canteen(ri: RulesInput) -> RulesOutcome:
    qf = ri.form.get("quotient_familial")
    brackets = ri.procedure.parameters["brackets"]
    bracket = "D" if qf is None else next(b["bracket"] for b in brackets if qf < b["under"])
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True,
        rule="tranche de prix selon le quotient familial : < 400 A, < 700 B, < 1000 C, sinon D "
             "(D sans quotient connu)",
        inputs={"quotient_familial": qf, "child": ri.form.get("child_name")},
        result={"bracket": bracket},
        proposed_effects=[Proposal(effect="register", args={
            "list": "canteen", "bracket": bracket, "child": ri.form.get("child_name")})],
    )


def _road(ri: RulesInput) -> RulesOutcome:
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True, rule="signalement transmis au service municipal",
        inputs={"category": ri.form.get("category")},
        proposed_effects=[Proposal(effect="create_ticket", args={
            "category": ri.form["category"], "location": ri.form["location"]})],
    )


def _carte_grise(ri: RulesInput) -> RulesOutcome:
    vehicles = (ri.records.get("ants") or {}).get("vehicles") or []
    plate = ri.form.get("plate")
    if not any(v.get("plate") == plate for v in vehicles):
        return _handoff(ri, "Aucun véhicule correspondant n'est immatriculé au nom de l'usager.")
    return RulesOutcome(
        procedure=ri.procedure.id, eligible=True, rule="adresse du titulaire du certificat",
        inputs={"plate": plate},
        proposed_effects=[Proposal(effect="update_contact", args={
            "source": "ants", "address": ri.form["new_address"], "plate": plate})],
    )


RULES: dict[str, Callable[[RulesInput], RulesOutcome]] = {
    "acte-naissance": _acte_naissance,
    "changement-adresse": _changement_adresse,
    "inscription-listes-electorales": _electoral,
    "carte-identite": _cni,
    "prime-activite": _prime_activite,
    "css": _css,
    "rsa": _rsa,
    "reclamation-fiscale": _tax,
    "attestation-droits-sante": _attestation,
    "logement-social": _logement,
    "restauration-scolaire": _canteen,
    "signalement-voirie": _road,
    "carte-grise-adresse": _carte_grise,
}


def apply(ri: RulesInput) -> RulesOutcome:
    rule = RULES.get(ri.procedure.id)
    if rule is None:
        return RulesOutcome(procedure=ri.procedure.id, eligible=None,
                            rule="aucune règle pour cette démarche", inputs={})
    if (ri.records.get("etat_civil") or {}).get("death_date"):
        return _handoff(ri, "La personne concernée est déclarée décédée : traitement par un agent.")
    return rule(ri)
