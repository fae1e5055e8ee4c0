"""Who the seeded citizens are and what each procedure will do for them, by the service's own rules.

Outcomes are not restated here: each one is the form the service would fill from the citizen's
records (tools.forms) run through the eligibility rules it applies (tools.rules), on the same
synthetic population the records store is seeded with. When the population, the catalogue or
a rule changes, the personas change with them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from itertools import chain, zip_longest
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from guichet.catalogue import Catalogue, FormField, Procedure, default_catalogue
from guichet.population import age_on, generate_population
from guichet.population_data import EU_NATIONALITIES
from tools import forms, rules

Citizen = dict[str, Any]
Kind = Literal["accepte", "accepte_apres_agent", "refuse_apres_agent", "agent", "selon_reponse"]

# The order paths are shown in; `selon_reponse` last: it is no clear path at all.
KINDS: tuple[Kind, ...] = ("accepte", "accepte_apres_agent", "refuse_apres_agent", "agent",
                           "selon_reponse")
KIND_LABELS: dict[Kind, str] = {
    "accepte": "accepté",
    "accepte_apres_agent": "accepté après validation d'un agent",
    "refuse_apres_agent": "refus validé par un agent",
    "agent": "transmis à un agent",
    "selon_reponse": "selon votre réponse",
}

# Replies to fields whose answer does not change the path: any address, any pothole will do.
ANY_ANSWER: dict[str, Any] = {
    "address": {"line": "5 rue des Lilas", "postal_code": "69003", "commune": "Lyon"},
    "location": "8 rue Victor Hugo, 69002 Lyon",
    "road_category": "voirie",
}


class UnknownProcedure(ValueError):
    """A procedure id with no per-citizen rules; `valid` lists the ids that have some."""

    def __init__(self, procedure: str, valid: list[str]) -> None:
        super().__init__(f"démarche inconnue : {procedure} ; démarches : {', '.join(valid)}")
        self.procedure, self.valid = procedure, valid


class Outcome(BaseModel):
    model_config = ConfigDict(frozen=True)

    procedure: str
    kind: Kind
    detail: str  # what happens, in the rules' own words where they give some
    asks: list[str]  # form fields the service will ask the citizen for
    # Answers the prediction assumes where the records narrow them down (which child, which
    # car, how much tax the citizen thinks they owe).
    assumed: dict[str, Any] = {}
    effects: list[str] = []  # what the rules propose, in order (sensitive ones await an officer)

    @property
    def text(self) -> str:
        asked = ", ".join(f"{n} = {self.assumed[n]}" if n in self.assumed else n
                          for n in self.asks)
        asked = f" (demande : {asked})" if asked else ""
        return f"{KIND_LABELS[self.kind]} : {self.detail}{asked}"


class Persona(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    who: str
    outcomes: dict[str, Outcome]  # by procedure id, in catalogue order


@lru_cache(maxsize=1)
def population() -> list[Citizen]:
    """The seeded population: seeding.ensure_seeded writes exactly generate_population()."""
    return generate_population()


def service_today() -> dt.date:
    # The service dates rules with its UTC clock (ToolContext.today); ages follow it.
    return dt.datetime.now(dt.UTC).date()


def procedure_ids(catalogue: Catalogue | None = None) -> list[str]:
    """Procedures whose outcome depends on the citizen: those the rules compute.

    The others (renseignement, reclamation-service) end the same way for everyone.
    """
    cat = catalogue or default_catalogue()
    return [p.id for p in cat.procedures if p.id in rules.RULES]


def _record_answer(f: FormField, records: dict[str, Any], values: dict[str, Any]) -> Any:
    """A reply the records make likely, or None: then the rules decide without one, if they can."""
    caf, ants, dgfip = (records.get(s) or {} for s in ("caf", "ants", "dgfip"))
    match f.type:
        case "child_name":
            return next((c["given_name"] for c in caf.get("children") or []), None)
        case "plate":
            return next((v["plate"] for v in ants.get("vehicles") or []), None)
        case "amount" if f.name == "claimed_amount" and "year" in values:
            # Half the tax due: a claim the rules can grant whenever any tax is due.
            due = (dgfip.get("tax_due") or {}).get(str(values["year"]))
            return None if due is None else round(float(due) / 2)
    return None


def _money(value: Any) -> str:
    return f"{float(value):.2f} €".replace(".", ",")


# The argument that tells one proposed effect from another, as a reader wants to see it.
_ARG: dict[str, Callable[[dict[str, Any]], str]] = {
    "issue_document": lambda a: str(a["kind"]),
    "update_contact": lambda a: str(a["source"]),
    "register": lambda a: str(a["list"]) + (f" tranche {a['bracket']}" if a.get("bracket") else ""),
    "book_appointment": lambda a: str(a["slot"]).replace("T", " "),
    "grant_benefit": lambda a: _money(a["monthly_amount"]) + "/mois",
    "adjust_tax": lambda a: f"{a['year']} ramené à {_money(a['new_amount'])}",
}


_RESULT = {"already_registered": "déjà inscrit(e)"}


def _effects_text(cat: Catalogue, outcome: rules.RulesOutcome) -> str:
    labels = {str(k): e.label for k, e in cat.effects.items()}
    grouped: dict[str, list[str]] = {}
    for p in outcome.proposed_effects:
        grouped.setdefault(p.effect, []).append(_ARG[p.effect](p.args) if p.effect in _ARG else "")
    parts = [f"{labels.get(e, e).lower()} ({', '.join(a for a in args if a)})"
             if any(args) else labels.get(e, e).lower() for e, args in grouped.items()]
    said = [_RESULT.get(k, k) for k, v in outcome.result.items() if v]
    return " ; ".join(parts) or "rien à changer (" + ", ".join(said) + ")"


def _classify(cat: Catalogue, outcome: rules.RulesOutcome) -> tuple[Kind, str]:
    effects = [p.effect for p in outcome.proposed_effects]
    if "handoff" in effects or outcome.eligible is None:
        return "agent", outcome.reasons[0] if outcome.reasons else outcome.rule
    if "reject_demand" in effects:
        # A refusal is sensitive too: an officer validates it before the citizen hears of it.
        return "refuse_apres_agent", outcome.reasons[0]
    # Sensitive effects wait for an officer's approval (graphs.work turns them into requests).
    kind: Kind = "accepte_apres_agent" if any(cat.is_sensitive(e) for e in effects) else "accepte"
    return kind, _effects_text(cat, outcome)


def outcome(citizen: Citizen, procedure: Procedure, *, today: dt.date,
            catalogue: Catalogue | None = None) -> Outcome:
    """What the service does with this procedure for this citizen, as tools.casework does it."""
    cat = catalogue or default_catalogue()
    # What all_records hands the rules: the procedure's sources the citizen is known to.
    records: dict[str, Any] = {s: citizen[s] for s in procedure.records if citizen.get(s) is not None}
    form: dict[str, Any] = {}
    asks: list[str] = []
    assumed: dict[str, Any] = {}
    unanswered: list[str] = []
    if procedure.form is not None:
        fields = {f.name: f for f in cat.forms[procedure.form].fields}
        first = forms.fill(cat, procedure.form, records=records, stored={}, given={})
        asks = [m["field"] for m in first.missing]
        assumed = {n: a for n in asks
                   if (a := _record_answer(fields[n], records, first.values)) is not None}
        given = {**{n: ANY_ANSWER[fields[n].type] for n in asks if fields[n].type in ANY_ANSWER},
                 **assumed}
        unanswered = [n for n in asks if n not in given]
        form = forms.fill(cat, procedure.form, records=records, stored={}, given=given).values
    try:
        result = rules.apply(rules.RulesInput(procedure=procedure, catalogue=cat, form=form,
                                              records=records, today=today))
    except (KeyError, TypeError, ValueError):  # the rules read a field only the citizen knows
        result = None
    # The rules hand a case off on the records alone (deceased, unknown to the DGFiP, no car on
    # record), whatever the citizen answers; any other result reached without an answer could
    # still change with it.
    if result is None or (unanswered and "handoff" not in
                          [p.effect for p in result.proposed_effects]):
        return Outcome(procedure=procedure.id, kind="selon_reponse",
                       detail="l'issue dépend de ce que vous répondrez", asks=asks)
    kind, detail = _classify(cat, result)
    return Outcome(procedure=procedure.id, kind=kind, detail=detail, asks=asks, assumed=assumed,
                   effects=[p.effect for p in result.proposed_effects])


_MARITAL = {"celibataire": "célibataire", "marie": "marié(e)", "pacse": "pacsé(e)",
            "divorce": "divorcé(e)", "veuf": "veuf/veuve"}


def _who(citizen: Citizen, today: dt.date) -> str:
    civil, caf = citizen["etat_civil"], citizen.get("caf")
    age = age_on(civil["birth_date"], today)
    parts = ["F" if civil["sex"] == "F" else "H",
             f"mineur(e), {age} ans" if age < 18 else f"{age // 10 * 10}-{age // 10 * 10 + 9} ans"]
    nationality = civil["nationality"]
    parts.append(nationality if nationality == "FR" else
                 f"UE ({nationality})" if nationality in EU_NATIONALITIES else
                 f"hors UE ({nationality})")
    if civil.get("death_date"):
        parts.append(f"décédé(e) le {civil['death_date']}")
    household = (("en couple" if caf["household_adults"] == 2 else "seul(e)") if caf
                 else _MARITAL.get(civil["marital_status"], civil["marital_status"]))
    if caf and caf["children"]:
        household += f", {len(caf['children'])} enfant{'s' if len(caf['children']) > 1 else ''}"
    if age >= 18:  # a minor's "célibataire" says nothing
        parts.append(household)
    if caf:
        income = caf["monthly_activity_income"]
        # The CAF counts the household's pay, not one adult's.
        parts.append(f"activité du foyer : {_money(income)}/mois" if income
                     else "sans revenu d'activité")
    unknown = [label for source, label in (("caf", "CAF"), ("dgfip", "impôts"), ("cpam", "CPAM"))
               if citizen.get(source) is None]
    if unknown:
        parts.append("inconnu(e) : " + ", ".join(unknown))
    return " · ".join(parts)


def profile(citizen: Citizen, *, today: dt.date | None = None,
            only: str | None = None) -> Persona:
    """One citizen: who they are and, per procedure (or only `only`), what will happen."""
    cat, day = default_catalogue(), today or service_today()
    wanted = [only] if only else procedure_ids(cat)
    return Persona(id=citizen["id"], who=_who(citizen, day), outcomes={
        pid: outcome(citizen, cat.procedure(pid), today=day, catalogue=cat) for pid in wanted})


def personas(*, procedure: str | None = None, limit: int = 20,
             today: dt.date | None = None) -> list[Persona]:
    """Up to `limit` personas; with `procedure`, those for whom it leads somewhere clear.

    Filtered, the list alternates between the paths the procedure takes (accepted, refused,
    handed off...) so that its first rows already show each one.
    """
    day = today or service_today()
    if procedure is None:
        return [profile(c, today=day) for c in population()[:limit]]
    if procedure not in procedure_ids():
        raise UnknownProcedure(procedure, procedure_ids())
    by_kind: dict[Kind, list[Persona]] = {k: [] for k in KINDS}
    for citizen in population():
        p = profile(citizen, today=day, only=procedure)
        by_kind[p.outcomes[procedure].kind].append(p)
    paths = [by_kind[k] for k in KINDS if k != "selon_reponse"]
    interleaved = chain.from_iterable(zip_longest(*paths))
    return [p for p in interleaved if p is not None][:limit]
