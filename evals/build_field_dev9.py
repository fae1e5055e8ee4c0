"""Writes evals/datasets/field-dev9.jsonl: a ninth development (tuning) set of real-sounding demands.

What it weighs (110 cases), in voices other than field-dev7's and field-dev8's: long formal
letters and life stories with the demand in the last line (elderly writers, "je me permets de
vous solliciter"), angry messages that still make a plain demand (anger at a landlord, a thief,
a pothole: the démarche, not a complaint) beside complaints that ask nothing else; replies to an
earlier message ("Suite à votre message") and whole earlier exchanges pasted below; bullet and
numbered lists mixing what is asked with context that names other procedures; third-party
writers (a daughter, a son, a social worker, a curator) asking for the citizen of the case;
numbers of many kinds (phone, dossier, allocataire and fiscal numbers, dates, rents, hourly
rates, gross and net, yearly and monthly income, the amount on a tax notice and the amount the
citizen thinks right, a revenu brut global beside the revenu fiscal de référence); demands in
English, Spanish, Portuguese, Arabic, Romanian, Turkish, Italian, Polish, Ukrainian and Russian,
French with Wolof or Créole words, and mixed languages; questions about a rule alone
(`renseignement`) and requests to speak to a person (a handoff, no procedure); and plain demands
over the whole catalogue, refusals and multi-procedure demands included.

Expectations are written from the catalogue's published rules and parameters and the citizen's
own records, never from a model run, with build_core's helpers as field-dev7 and field-dev8 use
them: amounts and eligibility of prime d'activité, RSA and CSS from the household and the income
the records or the message give, canteen brackets from the quotient familial, electoral
registration from nationality and residence, address updates from the sources the citizen is
known to (moves alone go to people with no vehicle on record), tax corrections from the amount
the citizen claims. Web forms and SMS arrive on the `api` channel with a `web` or `sms` tag;
mails on `email`. Citizens are drawn from the seeded population in a fixed shuffled order (seed
9999), skipping those build_core uses, those field-dev7.jsonl and field-dev8.jsonl use, and
non-adults, never twice in this set:
  .venv/bin/python -m evals.build_field_dev9
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals import build_core
from evals.build_core import (
    APPROVE,
    START,
    adult,
    age,
    bracket,
    css_limits,
    css_participation,
    moves,
    params,
    prime_amount,
)
from evals.dataset import dump_case, load_dataset
from evals.world import TODAY, population
from guichet.population import age_on

OUT = Path(__file__).parent / "datasets" / "field-dev9.jsonl"
EARLIER = [Path(__file__).parent / "datasets" / f"field-dev{n}.jsonl" for n in (7, 8)]
DAY = TODAY.date()
YEAR = str(DAY.year - 1)
SEED = 9999
Citizen = dict[str, Any]

_order: list[Citizen] = []
_core: set[str] = set()
_mine: set[str] = set()
CASES: list[dict[str, Any]] = []


# ---------------------------------------------------------------- picking citizens


def _prepare() -> None:
    _order.clear()
    _core.clear()
    _mine.clear()
    CASES.clear()
    build_core.build()
    _core.update(build_core._used)
    # Citizens field-dev7 and field-dev8 already use are skipped too: this set adds new people.
    for earlier in EARLIER:
        for line in earlier.read_text(encoding="utf-8").splitlines():
            if line.strip():
                _core.add(str(json.loads(line)["citizen"]["id"]))
    order = list(population())
    random.Random(SEED).shuffle(order)
    _order.extend(order)


def pick(pred: Callable[[Citizen], bool]) -> Citizen:
    """The next citizen of the shuffled population, unused so far, that fits the scenario.

    The pool left after the earlier sets is small: citizens that only a few scenarios can use
    (never-registered voters, RSA-eligible people, parents of pupils, people unknown to the CAF
    and the tax office) are kept for those scenarios and given to others only as a last resort.
    """
    for spare_scarce in (True, False):
        for c in _order:
            if c["id"] in _core or c["id"] in _mine or not adult(c):
                continue
            if spare_scarce and scarce(c):
                continue
            if pred(c):
                _mine.add(c["id"])
                return copy.deepcopy(c)
    raise LookupError("no citizen left for this scenario")


def scarce(c: Citizen) -> bool:
    return c.get("electoral") is None or rsa_ok(c) or bool(pupils(c)) or css_unknown(c)


def anyone(c: Citizen) -> bool:
    return True


def both(*preds: Callable[[Citizen], bool]) -> Callable[[Citizen], bool]:
    return lambda c: all(p(c) for p in preds)


def born_fr(c: Citizen) -> bool:
    return not c["etat_civil"]["birth_commune"].startswith("99")


def insured(c: Citizen) -> bool:
    return c.get("cpam") is not None


def no_caf(c: Citizen) -> bool:
    return c.get("caf") is None


def french(c: Citizen) -> bool:
    return bool(c["etat_civil"]["nationality"] == "FR")


def female(c: Citizen) -> bool:
    return bool(c["etat_civil"]["sex"] == "F")


def ages(low: int, high: int) -> Callable[[Citizen], bool]:
    return lambda c: low <= age(c) <= high


def vehicles(c: Citizen) -> list[dict[str, Any]]:
    return list((c.get("ants") or {}).get("vehicles") or [])


def one_vehicle(c: Citizen) -> bool:
    return len(vehicles(c)) == 1


def no_vehicle(c: Citizen) -> bool:
    return not vehicles(c)


def has_cni(c: Citizen) -> bool:
    return bool((c.get("ants") or {}).get("cni"))


def cni_due(c: Citizen) -> bool:
    card = (c.get("ants") or {}).get("cni")
    return card is not None and dt.date.fromisoformat(card["expiry"]) <= DAY + dt.timedelta(days=120)


def fresh_voter(c: Citizen) -> bool:
    return c.get("electoral") is None and french(c)


def eu_voter(c: Citizen) -> bool:
    eu = params("inscription-listes-electorales")["eu_countries"]
    nat = c["etat_civil"]["nationality"]
    return c.get("electoral") is None and nat in eu and nat != "FR"


def non_eu(c: Citizen) -> bool:
    eu = params("inscription-listes-electorales")["eu_countries"]
    return c["etat_civil"]["nationality"] not in eu


def pupils(c: Citizen) -> list[dict[str, Any]]:
    """Children of school age (maternelle to collège), who may eat at a school canteen."""
    kids = (c.get("caf") or {}).get("children") or []
    return [k for k in kids if 3 <= age_on(k["birth_date"], DAY) <= 14]


def one_pupil(c: Citizen) -> bool:
    return len((c.get("caf") or {}).get("children") or []) == 1 and len(pupils(c)) == 1


def two_pupils(c: Citizen) -> bool:
    return len(pupils(c)) >= 2


def prime_ok(c: Citizen) -> bool:
    return bool(build_core._prime_eligible(c))


def rfr(c: Citizen) -> float:
    return build_core._rfr(c)


def css_ok(c: Citizen) -> bool:
    return (
        bool(c.get("cpam") and c.get("dgfip")) and c["cpam"].get("css") is None and rfr(c) < css_limits(c)[1]
    )


def css_unknown(c: Citizen) -> bool:
    """Insured, unknown to the CAF and the tax office, no CSS yet: the message gives the RFR."""
    return insured(c) and c["cpam"].get("css") is None and no_caf(c) and c.get("dgfip") is None


def rsa_over(c: Citizen) -> bool:
    p = params("rsa")
    return (
        bool(c.get("caf"))
        and age(c) >= p["min_age"]
        and c["caf"]["monthly_resources"] >= build_core.household(c, p["ceiling_one"], p, "extra_adult")
    )


def taxed(c: Citizen) -> bool:
    return bool(c.get("dgfip")) and c["dgfip"]["tax_due"].get(YEAR, 0) > 400


def due(c: Citizen) -> int:
    return int(c["dgfip"]["tax_due"][YEAR])


def claimed(amount: float) -> float:
    """A plausible corrected amount, below the one charged."""
    return float(round(amount * 0.68 / 10) * 10)


def qf_at_least(low: float) -> Callable[[Citizen], bool]:
    return lambda c: (c.get("caf") or {}).get("quotient_familial", 0) >= low


def elsewhere(postal_code: str) -> Callable[[Citizen], bool]:
    return lambda c: c["contact"]["address"]["postal_code"] != postal_code


# ---------------------------------------------------------------- words from the records


def name(c: Citizen) -> str:
    ec = c["etat_civil"]
    return f"{ec['given_names'][0]} {ec['family_name'].title()}"


def given(c: Citizen) -> str:
    return str(c["etat_civil"]["given_names"][0])


def g(c: Citizen, masc: str, fem: str) -> str:
    return fem if female(c) else masc


def email(c: Citizen) -> str:
    return str(c["contact"].get("email") or "usager@example.fr")


def phone(c: Citizen) -> str:
    p = str(c["contact"].get("phone") or "+33600000000")
    return "0" + p[3:4] + " " + " ".join(p[i : i + 2] for i in range(4, 12, 2))


def intl(c: Citizen) -> str:
    p = str(c["contact"].get("phone") or "+33600000000")
    return "+33 " + p[3:4] + " " + " ".join(p[i : i + 2] for i in range(4, 12, 2))


def commune(c: Citizen) -> str:
    return str(c["contact"]["address"]["commune"])


def street(c: Citizen) -> str:
    return str(c["contact"]["address"]["line"])


# ---------------------------------------------------------------- expectations


def case(
    cid: str,
    tags: list[str],
    citizen: Citizen,
    messages: list[str],
    *,
    approver: list[dict[str, Any]] | None = None,
    channel: str = "api",
    **expect: Any,
) -> None:
    if "email" in tags:
        channel = "email"
    if channel != "api" and channel not in tags:
        tags = [*tags, channel]
    doors = [t for t in tags if t in ("email", "web", "sms")]
    assert len(doors) == 1, f"{cid}: one channel tag, got {doors}"
    assert channel == ("email" if doors == ["email"] else "api"), cid
    CASES.append(
        {
            "id": f"dev9-{cid}",
            "tags": tags,
            "citizen": citizen,
            "channel": channel,
            "messages": messages,
            "approver": approver or [],
            "expect": expect,
        }
    )


GRANT = [{"effect": "grant_benefit", **APPROVE}]
REJECT = [{"effect": "reject_demand", **APPROVE}]
ADJUST = [{"effect": "adjust_tax", **APPROVE}]


def done(procedures: list[str], effects: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    """Resolved without an officer: accepted, notified, nothing sensitive asked."""
    return {
        "procedures": procedures,
        "status": "accepte",
        "approvals": [],
        "effects": effects,
        "notified": True,
        **more,
    }


def handed(procedures: list[str], handoffs: int = 1, **more: Any) -> dict[str, Any]:
    return {
        "procedures": procedures,
        "status": "en_instruction",
        "approvals": [],
        "effects": [{"effect": "handoff"}] * handoffs,
        "notified": False,
        **more,
    }


def complaint() -> dict[str, Any]:
    return handed(["reclamation-service"])


def grant(benefit_id: str, amount: float) -> dict[str, Any]:
    return {
        "effect": "grant_benefit",
        "args": {"benefit": benefit_id, "monthly_amount": amount, "start_date": START},
    }


def granted(benefit_id: str, amount: float, **more: Any) -> dict[str, Any]:
    return {
        "procedures": [benefit_id],
        "status": "accepte",
        "approvals": ["grant_benefit"],
        "effects": [grant(benefit_id, amount)],
        "notified": True,
        **more,
    }


def refused(procedure: str, **more: Any) -> dict[str, Any]:
    return {
        "procedures": [procedure],
        "status": "refuse",
        "approvals": ["reject_demand"],
        "effects": [{"effect": "reject_demand"}],
        "notified": True,
        **more,
    }


def prime_declared(net: float) -> float:
    """Prime d'activité of a person unknown to the CAF (one adult, no child) earning `net`."""
    p = params("prime-activite")
    return round(float(p["rate"] * (p["threshold_one"] - net)), 2)


def rsa_declared(resources: float) -> float:
    return round(float(params("rsa")["ceiling_one"] - resources), 2)


def css_amount(c: Citizen) -> float:
    return 0.0 if rfr(c) < css_limits(c)[0] else css_participation(c)


def css_declared(c: Citizen, declared: float) -> float:
    """CSS of a person unknown to the CAF and the tax office (one person) declaring an RFR."""
    p = params("css")
    assert declared < p["participation_limit_one"]
    return 0.0 if declared < p["free_limit_one"] else css_participation(c)


def adjusted(amount: float, **more: Any) -> dict[str, Any]:
    return {
        "procedures": ["reclamation-fiscale"],
        "status": "accepte",
        "approvals": ["adjust_tax"],
        "effects": [{"effect": "adjust_tax", "args": {"year": int(YEAR), "new_amount": amount}}],
        "notified": True,
        "records": [{"path": f"dgfip.tax_due.{YEAR}", "value": amount}],
        **more,
    }


EXTRACT = {"effect": "issue_document", "args": {"kind": "acte-naissance-extrait"}}
FULL_COPY = {"effect": "issue_document", "args": {"kind": "acte-naissance-copie-integrale"}}
HEALTH_DOC = {"effect": "issue_document", "args": {"kind": "attestation-droits-sante"}}
HOUSING = {"effect": "register", "args": {"list": "social-housing"}}
VOTE = {"effect": "register", "args": {"list": "electoral"}}


def voter(c: Citizen, **more: Any) -> dict[str, Any]:
    records = [{"path": "electoral.commune", "value": c["contact"]["address"]["insee"]}]
    return done(["inscription-listes-electorales"], [VOTE], records=records, **more)


def cni(motif: str) -> dict[str, Any]:
    return done(
        ["carte-identite"],
        [
            {"effect": "register", "args": {"list": "cni-pre-application", "motif": motif}},
            {"effect": "book_appointment"},
        ],
    )


def canteen(c: Citizen, kid: str, **more: Any) -> dict[str, Any]:
    qf = (c.get("caf") or {}).get("quotient_familial")
    effect = {"effect": "register", "args": {"list": "canteen", "child": kid, "bracket": bracket(qf)}}
    return done(["restauration-scolaire"], [effect], **more)


def ticket(category: str, **more: Any) -> dict[str, Any]:
    return done(["signalement-voirie"], [{"effect": "create_ticket", "args": {"category": category}}], **more)


def moved(c: Citizen, postal_code: str, **more: Any) -> dict[str, Any]:
    records = [{"path": "contact.address.postal_code", "value": postal_code}]
    return done(["changement-adresse"], moves(c, postal_code), records=records, **more)


def car_only(plate: str, postal_code: str, **more: Any) -> dict[str, Any]:
    effect = {
        "effect": "update_contact",
        "args": {"source": "ants", "plate": plate, "address": {"postal_code": postal_code}},
    }
    return done(["carte-grise-adresse"], [effect], **more)


def fr_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")



def nationality(code: str) -> Callable[[Citizen], bool]:
    return lambda c: c.get("electoral") is None and c["etat_civil"]["nationality"] == code


def pupil(c: Citizen, n: int = 0) -> str:
    return str(pupils(c)[n]["given_name"])


def prime_over(c: Citizen) -> bool:
    p = params("prime-activite")
    caf = c.get("caf") or {}
    return bool(caf) and caf["monthly_activity_income"] >= build_core.household(
        c, p["threshold_one"], p, "extra_adult")


def rsa_ok(c: Citizen) -> bool:
    return bool(build_core._rsa_eligible(c))


def css_over(c: Citizen) -> bool:
    return (bool(c.get("cpam") and c.get("dgfip")) and c["cpam"].get("css") is None
            and rfr(c) >= css_limits(c)[1])


def moving(postal_code: str) -> Callable[[Citizen], bool]:
    """No vehicle (a move alone then touches no registration) and another postal code today."""
    return both(no_vehicle, elsewhere(postal_code))


def info(**more: Any) -> dict[str, Any]:
    """A question about a rule or a delay: answered from the procedures' data, nothing written."""
    return done(["renseignement"], [], **more)


def moved_to(c: Citizen, postal_code: str, commune_name: str) -> dict[str, Any]:
    records = [{"path": "contact.address.postal_code", "value": postal_code},
               {"path": "contact.address.commune", "value": commune_name}]
    return done(["changement-adresse"], moves(c, postal_code), records=records)


def car_moved(c: Citizen, postal_code: str) -> dict[str, Any]:
    plate = vehicles(c)[0]["plate"]
    return car_only(plate, postal_code, records=[
        {"path": "ants.vehicles.0.address.postal_code", "value": postal_code}])


def css_outcome(c: Citizen) -> dict[str, Any]:
    return granted("css", css_amount(c))


def kept_tax(c: Citizen) -> dict[str, Any]:
    return refused("reclamation-fiscale", records=[{"path": f"dgfip.tax_due.{YEAR}",
                                                    "value": due(c)}])


def css_free(c: Citizen) -> bool:
    return css_ok(c) and rfr(c) < css_limits(c)[0]


def plate(c: Citizen) -> str:
    return str(vehicles(c)[0]["plate"])


def car_effect(c: Citizen, postal_code: str) -> dict[str, Any]:
    return {"effect": "update_contact",
            "args": {"source": "ants", "plate": plate(c), "address": {"postal_code": postal_code}}}


def moved_with_car(c: Citizen, postal_code: str) -> dict[str, Any]:
    """A move and the address on the one vehicle's registration, both asked for."""
    records = [{"path": "contact.address.postal_code", "value": postal_code},
               {"path": "ants.vehicles.0.address.postal_code", "value": postal_code}]
    return done(["changement-adresse", "carte-grise-adresse"],
                [*moves(c, postal_code), car_effect(c, postal_code)], records=records)


def cni_effects(motif: str) -> list[dict[str, Any]]:
    return [{"effect": "register", "args": {"list": "cni-pre-application", "motif": motif}},
            {"effect": "book_appointment"}]


def canteen_effect(c: Citizen, kid: str) -> dict[str, Any]:
    qf = (c.get("caf") or {}).get("quotient_familial")
    return {"effect": "register", "args": {"list": "canteen", "child": kid, "bracket": bracket(qf)}}


def spi(c: Citizen) -> str:
    return str(c["dgfip"]["spi"])


def voter_refused() -> dict[str, Any]:
    return refused("inscription-listes-electorales", records=[{"path": "electoral", "value": None}])


def with_children(c: Citizen) -> bool:
    return bool((c.get("caf") or {}).get("children"))


def never_voted_non_eu(c: Citizen) -> bool:
    return non_eu(c) and c.get("electoral") is None




# ---------------------------------------------------------------- more helpers


def eur(x: float) -> str:
    """An amount as a French letter writes it: 1 234,56 € (no cents when round)."""
    text = f"{x:,.2f}".replace(",", " ").replace(".", ",")
    return (text[:-3] if text.endswith(",00") else text) + " €"


def elderly(c: Citizen) -> bool:
    return age(c) >= 65


def person(**more: Any) -> dict[str, Any]:
    """A request to speak to someone: no procedure, handed to a human team."""
    return handed([], **more)


DISCLOSE = [{"effect": "disclose_record", **APPROVE}]


def disclosed(**more: Any) -> dict[str, Any]:
    """The health certificate sent to a third party: a sensitive disclosure, approved."""
    return {
        "procedures": ["attestation-droits-sante"],
        "status": "accepte",
        "approvals": ["disclose_record"],
        "effects": [{"effect": "disclose_record", "args": {"source": "cpam"}}],
        "notified": True,
        **more,
    }


def with_grant(procedures: list[str], effects: list[dict[str, Any]], benefit_id: str,
               amount: float) -> dict[str, Any]:
    """Several procedures asked, one of them a benefit granted by an officer."""
    return {
        "procedures": procedures,
        "status": "accepte",
        "approvals": ["grant_benefit"],
        "effects": [*effects, grant(benefit_id, amount)],
        "notified": True,
    }


def no_card(c: Citizen) -> bool:
    """Known to the ANTS but never issued an identity card: a first application."""
    return c.get("ants") is not None and not c["ants"].get("cni")


def never_voted_from(*codes: str) -> Callable[[Citizen], bool]:
    return lambda c: c.get("electoral") is None and c["etat_civil"]["nationality"] in codes


def has_pupil(c: Citizen) -> bool:
    return bool(pupils(c))


def alloc(c: Citizen) -> str:
    return str(c["caf"]["allocataire"])


def latest_rfr(c: Citizen) -> tuple[str, float]:
    years = c["dgfip"]["rfr"]
    return max(years), float(years[max(years)])


# ---------------------------------------------------------------- 1. formal letters and stories (20)


def letters() -> None:
    f = ["formal-story"]
    c = pick(both(born_fr, ages(70, 120)))
    case("fm-01", [*f, "elderly", "formal", "email", "acte-naissance"], c, [
        "Madame, Monsieur,\n\nJe me permets de vous solliciter au sujet d'une démarche que mon "
        "âge rend un peu plus difficile qu'autrefois. À la suite du décès de mon frère, le "
        "notaire chargé de la succession, Maître Lacombe, m'a fait savoir qu'il lui fallait une "
        "copie intégrale de mon acte de naissance, datée de moins de trois mois. Je ne dispose "
        "plus d'aucun document de ce genre, les derniers ayant été perdus lors de mon "
        "déménagement de 1998.\n\nJe vous serais donc très obligé(e) de bien vouloir me faire "
        "parvenir une copie intégrale de mon acte de naissance.\n\nJe vous prie d'agréer, "
        f"Madame, Monsieur, l'expression de mes salutations respectueuses.\n\n{name(c)}"],
        **done(["acte-naissance"], [FULL_COPY]))
    c = pick(both(cni_due, elderly))
    case("fm-02", [*f, "elderly", "formal", "email", "carte-identite"], c, [
        "Madame, Monsieur,\n\nJe vis seul(e) et je sors peu depuis quelques années. Mes "
        "petits-enfants m'ont invité(e) à les rejoindre au Portugal au printemps, et en "
        "rangeant mes papiers je me suis aperçu(e) que ma carte nationale d'identité arrive à "
        "expiration. Je ne conduis plus, mais mon voisin pourra m'accompagner à la mairie.\n\n"
        "Je sollicite donc la pré-demande de renouvellement de ma carte d'identité et un "
        "rendez-vous, si possible en matinée.\n\nVeuillez agréer mes respectueuses salutations."
        f"\n\n{name(c)}"], **cni("renouvellement"))
    c = pick(rsa_ok)
    case("fm-03", [*f, "story", "demand-last", "email", "rsa"], c, [
        "Bonjour,\n\nJ'ai travaillé douze ans comme cariste dans le même entrepôt. L'an dernier "
        "l'entreprise a fermé, j'ai touché le chômage, puis mes droits se sont arrêtés au "
        "printemps. Depuis je fais quelques dépannages chez des voisins, mais ce n'est pas un "
        "revenu. Ma sœur m'aide pour les courses, je ne veux pas que ça dure. Je cherche du "
        "travail tous les jours.\n\nJe voudrais faire une demande de RSA.\n\n" + name(c)],
        approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    c = pick(css_ok)
    case("fm-04", [*f, "story", "demand-last", "web", "css"], c, [
        "Cet été ma mutuelle a augmenté de 40 %, je l'ai résiliée. Depuis, j'ai repoussé "
        "l'ophtalmologue et une couronne chez le dentiste. Mon médecin traitant m'a dit qu'il "
        "existait une aide de la sécu pour ça. Je demande la complémentaire santé solidaire."],
        approver=GRANT, **css_outcome(c))
    c = pick(with_children)
    case("fm-05", [*f, "angry", "not-a-complaint", "story", "email", "logement-social"], c, [
        "Bonjour,\n\nJ'EN AI ASSEZ. Le propriétaire a encore augmenté le loyer, la moisissure "
        "revient dans la chambre des enfants malgré tout ce qu'on fait, et il ne répond plus à "
        "nos courriers. On ne peut plus vivre comme ça, c'est une honte de louer un logement "
        "pareil.\n\nJe veux déposer une demande de logement social pour ma famille, tout de "
        f"suite.\n\n{name(c)}"], **done(["logement-social"], [HOUSING]))
    c = pick(anyone)
    case("fm-06", [*f, "angry", "not-a-complaint", "web", "signalement-voirie"], c, [
        "Deuxième pneu crevé en un mois !!! Il y a un énorme nid de poule devant le 27 avenue "
        "de la Libération, juste après le passage piéton, et je ne suis pas le seul à tomber "
        "dedans. Quelqu'un va finir par se tuer en scooter. Réparez-le."], **ticket("voirie"))
    c = pick(anyone)
    case("fm-07", [*f, "angry", "complaint", "names-procedure", "email", "reclamation-service"], c, [
        "Madame, Monsieur,\n\nJe vous écris pour me plaindre, et uniquement pour cela. Ma "
        "demande de prime d'activité est enfin réglée, mais il m'a fallu six appels, trois "
        "courriers et deux déplacements : on m'a perdu mes pièces deux fois et l'agent du "
        "guichet m'a parlé comme à un enfant. Je ne demande rien d'autre qu'une chose : que ma "
        "réclamation sur la façon dont j'ai été traité(e) soit transmise au responsable.\n\n"
        f"{name(c)}"], **complaint())
    c = pick(moving("35700"))
    case("fm-08", [*f, "reply", "quoted", "email", "changement-adresse"], c, [
        "Bonjour,\n\nSuite à votre message, voici ma nouvelle adresse complète : 8 rue de "
        "Fougères, 35700 Rennes. Le déménagement a eu lieu le 24 octobre.\n\n"
        f"Cordialement,\n{name(c)}\n\n"
        "Le 30 oct. 2026 à 10:12, Guichet <ne-pas-repondre@guichet.example> a écrit :\n"
        "> Bonjour, pour enregistrer votre déclaration de changement d'adresse, quelle est "
        "votre nouvelle adresse complète (numéro, rue, code postal et commune) ?"],
        **moved(c, "35700"))
    c = pick(has_pupil)
    kid = pupil(c)
    case("fm-09", [*f, "pasted-exchange", "housing-in-quote", "email", "restauration-scolaire"],
         c, [
        "Bonjour,\n\nJe vous recopie notre échange ci-dessous. Vous m'aviez expliqué que le "
        "tarif dépend du quotient familial ; c'est d'accord pour moi. Je souhaite donc "
        f"maintenant inscrire {kid} à la restauration scolaire à partir du lundi 9 novembre.\n\n"
        f"Merci,\n{name(c)}\n\n----- échange précédent -----\n"
        f"{name(c)} : Bonjour, combien coûte la cantine ? Et pour le logement social, c'est "
        "aussi vous ?\n"
        "Guichet : Bonjour, le tarif de la restauration scolaire dépend de votre quotient "
        "familial (tranches A à D). Une demande de logement social se dépose avec le cerfa "
        "14069, délai annoncé d'un mois."], **canteen(c, kid))
    c = pick(both(insured, ages(70, 120)))
    case("fm-10", [*f, "elderly", "formal", "own-channel", "email", "attestation-droits-sante"],
         c, [
        "Madame, Monsieur,\n\nJe dois entrer à la clinique du Parc le 16 novembre pour une "
        "prothèse de hanche. Le secrétariat me demande une attestation de mes droits à "
        "l'assurance maladie. Je vous serais reconnaissant(e) de bien vouloir me l'adresser ; "
        "je la remettrai moi-même à la clinique le jour de mon admission.\n\nAvec mes "
        f"remerciements anticipés,\n\n{name(c)}"],
        **done(["attestation-droits-sante"], [HEALTH_DOC], forbidden=["disclose_record"]))
    c = pick(prime_ok)
    case("fm-11", [*f, "story", "demand-last", "web", "prime-activite"], c, [
        "J'ai longtemps été en arrêt maladie, puis en mi-temps thérapeutique. Aujourd'hui je "
        "suis revenu(e) à temps partiel dans une crèche et mes revenus ont baissé. Ma "
        "conseillère m'a parlé d'une aide pour les personnes qui travaillent avec un petit "
        "salaire. Je voudrais demander la prime d'activité."],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(both(taxed, elderly))
    new = claimed(due(c))
    case("fm-12", [*f, "elderly", "formal", "amount", "email", "reclamation-fiscale"], c, [
        "Madame, Monsieur,\n\nRetraité(e) depuis 2019, je perçois deux pensions, celle du "
        "régime général et une complémentaire. Or, à la lecture de mon avis d'impôt sur le "
        f"revenu {YEAR}, qui me réclame {due(c)} €, il apparaît que ma pension complémentaire a "
        "été comptée deux fois. Après avoir refait le calcul avec l'aide de mon fils, j'estime "
        f"devoir {new:.0f} €.\n\nJe vous prie de bien vouloir corriger ce montant et vous prie "
        f"d'agréer mes salutations distinguées.\n\n{name(c)}"],
        approver=ADJUST, **adjusted(new))
    c = pick(fresh_voter)
    case("fm-13", [*f, "story", "formal", "email", "inscription-listes-electorales"], c, [
        "Madame, Monsieur,\n\nAprès trente ans passés au Canada pour mon travail, je suis "
        f"revenu(e) m'installer en France, à {commune(c)}, au début de l'année. Je n'ai jamais "
        "été inscrit(e) sur une liste électorale en France : je votais au consulat de "
        "Montréal.\n\nJe souhaite être inscrit(e) sur les listes électorales de ma commune.\n\n"
        f"Respectueusement,\n{name(c)}"], **voter(c))
    c = pick(has_cni)
    case("fm-14", [*f, "angry", "not-a-complaint", "web", "carte-identite"], c, [
        "Je suis furieux/furieuse : hier soir on m'a arraché mon sac à la sortie du tram, avec "
        "mon portefeuille et ma carte d'identité. J'ai porté plainte. Il me faut une nouvelle "
        "carte : faites la pré-demande et donnez-moi un rendez-vous."], **cni("vol"))
    c = pick(both(one_vehicle, elsewhere("86000")))
    case("fm-15", [*f, "story", "already-done", "email", "carte-grise-adresse"], c, [
        "Bonjour,\n\nNous avons emménagé à Poitiers en septembre. J'ai déjà déclaré mon "
        "changement d'adresse aux organismes le mois dernier, tout est en ordre de ce côté. "
        "Il me reste seulement la carte grise de la voiture : merci d'y reporter ma nouvelle "
        f"adresse, 11 rue Carnot, 86000 Poitiers (véhicule {plate(c)}).\n\n{name(c)}"],
        **car_moved(c, "86000"))
    c = pick(both(one_vehicle, elsewhere("63000")))
    case("fm-16", [*f, "story", "multi", "email", "changement-adresse", "carte-grise-adresse"], c, [
        "Bonjour,\n\nAprès mon divorce, j'ai quitté la maison et je me suis installé(e) seul(e) "
        "en appartement à Clermont-Ferrand. Tout a été très vite et je n'ai encore prévenu "
        "personne.\n\nJe voudrais déclarer mon changement d'adresse auprès des organismes et "
        f"faire modifier la carte grise de ma voiture {plate(c)} : 4 place de Jaude, 63000 "
        f"Clermont-Ferrand.\n\nMerci,\n{name(c)}"], **moved_with_car(c, "63000"))
    c = pick(css_unknown)
    case("fm-17", [*f, "reply", "amount", "unknown-to-administration", "email", "css"], c, [
        "Bonjour,\n\nSuite à votre message, je vous confirme ma demande de complémentaire santé "
        "solidaire. Je vis seul(e). Mon revenu fiscal de référence, sur mon dernier avis "
        "d'imposition, est de 9 420 €.\n\nBien cordialement,\n" + name(c)],
        approver=GRANT, **granted("css", css_declared(c, 9420)))
    c = pick(insured)
    case("fm-18", [*f, "angry", "not-a-complaint", "own-channel", "email",
                   "attestation-droits-sante"], c, [
        "Bonjour,\n\nMon nouvel employeur est insupportable : il me menace de repousser mon "
        "embauche si je ne lui fournis pas avant vendredi une attestation de droits à "
        "l'assurance maladie, alors que je lui ai déjà donné ma carte vitale. Envoyez-moi cette "
        f"attestation, à moi, que je puisse la lui donner.\n\n{name(c)}"],
        **done(["attestation-droits-sante"], [HEALTH_DOC], forbidden=["disclose_record"]))
    c = pick(prime_over)
    case("fm-19", [*f, "formal", "refusal", "ineligible", "email", "prime-activite"], c, [
        "Madame, Monsieur,\n\nSalarié(e) à temps plein dans une entreprise de transport, je "
        "constate que le coût de la vie pèse de plus en plus sur notre budget. J'ai lu qu'une "
        "prime d'activité pouvait compléter les revenus des travailleurs.\n\nJe sollicite donc "
        "le bénéfice de la prime d'activité.\n\nVeuillez agréer, Madame, Monsieur, mes "
        f"salutations distinguées.\n\n{name(c)}"], approver=REJECT, **refused("prime-activite"))
    c = pick(nationality("BE"))
    case("fm-20", [*f, "formal", "eu-citizen", "email", "inscription-listes-electorales"], c, [
        "Madame, Monsieur,\n\nDe nationalité belge, je réside à "
        f"{commune(c)} depuis 2015. Jusqu'ici je votais en Belgique, mais je souhaite "
        "désormais participer à la vie de ma commune. Je vous prie donc de bien vouloir "
        "m'inscrire sur les listes électorales complémentaires, pour les élections municipales "
        f"et européennes.\n\nDans l'attente, je vous prie d'agréer mes salutations.\n\n{name(c)}"],
        **voter(c))


# ---------------------------------------------------------------- 2. lists: asked and context (15)


def lists() -> None:
    li = ["list"]
    c = pick(born_fr)
    case("li-01", [*li, "numbered", "context-names-procedure", "email", "acte-naissance"], c, [
        "Bonjour,\n\nPour faire le point :\n1. Ma fille est déjà inscrite à la cantine, merci "
        "pour la rapidité.\n2. Je voudrais maintenant un extrait de mon acte de naissance.\n"
        "3. Pour info, notre demande de logement social suit son cours chez le bailleur.\n\n"
        f"Bonne journée,\n{name(c)}"], **done(["acte-naissance"], [EXTRACT]))
    c = pick(both(one_vehicle, elsewhere("80000")))
    case("li-02", [*li, "bullets", "multi", "negation", "web", "changement-adresse",
                   "carte-grise-adresse"], c, [
        "Voici ce dont j'ai besoin :\n- déclarer ma nouvelle adresse aux organismes : 3 rue des "
        "Jacobins, 80000 Amiens\n- mettre la même adresse sur la carte grise de ma voiture "
        f"{plate(c)}\n- pour ma carte d'identité, rien à faire : je ne demande rien de ce côté"],
        **moved_with_car(c, "80000"))
    c = pick(rsa_ok)
    case("li-03", [*li, "bullets", "context-then-demand", "web", "rsa"], c, [
        "Ma situation :\n- fin de mon CDD en juin\n- plus d'allocation chômage depuis "
        "septembre\n- je suis inscrit(e) à France Travail et je cherche\n\nDemande : le RSA."],
        approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    c = pick(both(fresh_voter, born_fr))
    case("li-04", [*li, "numbered", "multi", "email", "acte-naissance",
                   "inscription-listes-electorales"], c, [
        "Bonjour,\n\nJe viens d'emménager et je voudrais :\n1) m'inscrire sur les listes "
        f"électorales de {commune(c)} ;\n2) recevoir un extrait de mon acte de naissance.\n\n"
        f"Merci d'avance,\n{name(c)}"],
        **done(["acte-naissance", "inscription-listes-electorales"], [EXTRACT, VOTE],
               records=[{"path": "electoral.commune", "value": c["contact"]["address"]["insee"]}]))
    c = pick(anyone)
    case("li-05", [*li, "bullets", "context-names-procedure", "web", "signalement-voirie"], c, [
        "Bonjour,\n- pour la cantine de mon fils j'ai bien eu votre réponse, merci\n- en "
        "revanche le lampadaire devant le 9 rue des Écoles ne s'allume plus depuis dix jours, "
        "le trottoir est dans le noir"], **ticket("eclairage"))
    c = pick(prime_ok)
    case("li-06", [*li, "bullets", "negation", "web", "prime-activite"], c, [
        "Je résume :\n• je travaille à temps partiel (24 h)\n• je ne demande pas la CSS, j'ai "
        "la mutuelle de mon entreprise\n• je demande la prime d'activité"],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(both(insured, cni_due))
    case("li-07", [*li, "numbered", "multi", "email", "attestation-droits-sante",
                   "carte-identite"], c, [
        "Bonjour,\n\nDeux demandes :\n1. mon attestation de droits à l'assurance maladie ;\n"
        "2. la pré-demande de renouvellement de ma carte d'identité, qui expire bientôt, avec "
        f"un rendez-vous.\n\nCordialement,\n{name(c)}"],
        **done(["attestation-droits-sante", "carte-identite"],
               [HEALTH_DOC, *cni_effects("renouvellement")]))
    c = pick(taxed)
    new = claimed(due(c))
    y, income = latest_rfr(c)
    case("li-08", [*li, "bullets", "amount", "numbers", "email", "reclamation-fiscale"], c, [
        "Bonjour,\n\nRéclamation sur mon impôt sur le revenu :\n"
        f"- année : {YEAR}\n- montant de l'avis : {due(c)} €\n- revenu fiscal de référence "
        f"{y} : {income:.0f} €\n- parts retenues : 1 au lieu de 1,5 (ma fille est à charge)\n"
        f"- montant que je devrais payer : {new:.0f} €\n\nMerci de corriger.\n{name(c)}"],
        approver=ADJUST, **adjusted(new))
    c = pick(css_ok)
    case("li-09", [*li, "bullets", "context-then-demand", "sms", "css"], c, [
        "- ma mutuelle ma resiliee en aout\n- 3 rdv chez le dentiste a payer\n- des lunettes a "
        "changer\n=> je demande la complementaire sante solidaire"],
        approver=GRANT, **css_outcome(c))
    c = pick(has_pupil)
    kid = pupil(c)
    case("li-10", [*li, "numbered", "multi", "email", "logement-social",
                   "restauration-scolaire"], c, [
        "Bonjour,\n\nNous venons d'arriver dans la commune, hébergés chez ma sœur.\n"
        "1. Nous déposons une demande de logement social.\n"
        f"2. Nous voulons inscrire {kid} à la cantine de l'école.\n"
        "3. Pour l'adresse, nous vous la donnerons quand nous aurons un logement.\n\n"
        f"{name(c)}"],
        **done(["logement-social", "restauration-scolaire"], [HOUSING, canteen_effect(c, kid)]))
    c = pick(anyone)
    case("li-11", [*li, "form-like", "phone-number", "web", "signalement-voirie"], c, [
        f"Nom : {name(c)}\nTéléphone : {phone(c)}\nObjet : dépôt sauvage\nLieu : devant le 2 "
        "impasse des Tanneurs\nDescription : matelas, sacs de gravats et un frigo abandonnés "
        "depuis le week-end"], **ticket("proprete"))
    c = pick(fresh_voter)
    case("li-12", [*li, "bullets", "context-then-demand", "web", "inscription-listes-electorales"],
         c, [
        "- installé(e) dans la commune depuis mars\n- jamais voté ici\n- pièce d'identité et "
        "justificatif de domicile prêts\n\nJe voudrais m'inscrire sur la liste électorale."],
        **voter(c))
    c = pick(has_cni)
    case("li-13", [*li, "bullets", "outside-mentioned", "web", "carte-identite"], c, [
        "Perte de ma carte d'identité :\n- déclaration de perte faite au commissariat\n- photos "
        "d'identité faites\n- le passeport, je m'en occuperai plus tard, pas maintenant\n\n"
        "Merci de faire la pré-demande de nouvelle carte et de me donner un rendez-vous."],
        **cni("perte"))
    c = pick(rsa_over)
    case("li-14", [*li, "bullets", "refusal", "ineligible", "email", "rsa"], c, [
        "Bonjour,\n\n- mes heures ont été réduites en septembre\n- mon loyer a augmenté\n- "
        "je n'arrive plus à boucler les fins de mois\n\nJe souhaite demander le revenu de "
        f"solidarité active.\n\n{name(c)}"], approver=REJECT, **refused("rsa"))
    c = pick(anyone)
    case("li-15", [*li, "bullets", "question-and-demand", "web", "logement-social"], c, [
        "- je dépose ma demande de logement social pour moi et mon compagnon\n- combien de "
        "temps faut-il pour avoir une réponse ?"], **done(["logement-social"], [HOUSING]))


# ---------------------------------------------------------------- 3. third-party writers (15)


def third_parties() -> None:
    tp = ["third-party"]
    c = pick(both(cni_due, elderly))
    who = g(c, "mon père", "ma mère")
    case("tp-01", [*tp, "child-for-parent", "elderly", "email", "carte-identite"], c, [
        f"Bonjour,\n\nJe vous écris pour {who}, {name(c)}, qui n'utilise pas internet. Sa carte "
        "d'identité arrive à expiration et il faut la renouveler : pouvez-vous faire la "
        "pré-demande de renouvellement et lui réserver un rendez-vous à la mairie ? Je "
        "l'accompagnerai.\n\nMerci,\nSa fille, Nathalie"], **cni("renouvellement"))
    c = pick(rsa_ok)
    case("tp-02", [*tp, "social-worker", "phone-in-signature", "email", "rsa"], c, [
        "Bonjour,\n\nAssistante sociale au CCAS, j'accompagne "
        f"{g(c, 'M.', 'Mme')} {name(c)}, qui se trouve sans ressources suffisantes depuis "
        "plusieurs mois. Avec son accord, je vous adresse sa demande de revenu de solidarité "
        "active.\n\nCordialement,\nClaire Vasseur\nAssistante sociale - CCAS\nTél. 03 20 44 "
        "12 90"], approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    c = pick(both(moving("21000"), elderly))
    case("tp-03", [*tp, "child-for-parent", "elderly", "web", "changement-adresse"], c, [
        f"Je fais la démarche pour {g(c, 'mon père', 'ma mère')}, {name(c)} : "
        f"{g(c, 'il', 'elle')} a emménagé en résidence seniors au 3 allée des Lilas, 21000 "
        "Dijon. Merci de déclarer sa nouvelle adresse auprès de tous les organismes."],
        **moved(c, "21000"))
    c = pick(css_ok)
    case("tp-04", [*tp, "social-worker", "email", "css"], c, [
        "Madame, Monsieur,\n\nConseiller en insertion à la Mission locale, je vous transmets, "
        f"à sa demande, la demande de complémentaire santé solidaire de {name(c)}. "
        f"{g(c, 'Il', 'Elle')} n'a plus de mutuelle depuis plusieurs mois.\n\n"
        "Bien à vous,\nKarim Benali\nMission locale"], approver=GRANT, **css_outcome(c))
    c = pick(both(insured, elderly))
    case("tp-05", [*tp, "grandchild-for-grandparent", "own-channel", "web",
                   "attestation-droits-sante"], c, [
        f"Bonjour, j'aide ma grand-{g(c, 'père', 'mère')} {name(c)} avec ses papiers. "
        f"{g(c, 'Il', 'Elle')} a besoin de son attestation de droits à l'assurance maladie : "
        "envoyez-la-lui à son adresse habituelle, c'est "
        f"{g(c, 'lui', 'elle')} qui la donnera au kiné."],
        **done(["attestation-droits-sante"], [HEALTH_DOC], forbidden=["disclose_record"]))
    c = pick(insured)
    case("tp-06", [*tp, "social-worker", "disclosure", "approval", "email",
                   "attestation-droits-sante"], c, [
        "Bonjour,\n\nAssistante sociale à l'hôpital Saint-Louis, je vous écris pour "
        f"{name(c)}, hospitalisé(e) dans notre service. Avec son accord, merci d'envoyer "
        "directement son attestation de droits à l'assurance maladie au bureau des admissions "
        "de l'hôpital.\n\nCordialement,\nSophie Garnier, service social"],
        approver=DISCLOSE, **disclosed())
    c = pick(fresh_voter)
    case("tp-07", [*tp, "spouse", "web", "inscription-listes-electorales"], c, [
        f"J'écris pour {g(c, 'mon mari', 'ma femme')}, {name(c)}, qui est à côté de moi : "
        f"{g(c, 'il', 'elle')} voudrait s'inscrire sur les listes électorales de notre "
        "commune, où nous vivons depuis un an. Moi, je suis déjà inscrit(e)."], **voter(c))
    c = pick(with_children)
    case("tp-08", [*tp, "social-worker", "story", "email", "logement-social"], c, [
        "Bonjour,\n\nJe suis éducatrice spécialisée et je suis la famille de "
        f"{name(c)}. Le logement actuel est suroccupé et insalubre ; un signalement a été fait "
        "au service d'hygiène. Je vous adresse sa demande de logement social.\n\n"
        "Cordialement,\nÉlodie Marchand, association Le Relais"],
        **done(["logement-social"], [HOUSING]))
    c = pick(both(taxed, ages(60, 120)))
    new = claimed(due(c))
    case("tp-09", [*tp, "child-for-parent", "amount", "email", "reclamation-fiscale"], c, [
        f"Bonjour,\n\nJe gère les papiers de {g(c, 'mon père', 'ma mère')}, {name(c)}. Son avis "
        f"d'impôt sur le revenu {YEAR} lui réclame {due(c)} € : sa carte d'invalidité n'a pas "
        f"été prise en compte. Avec la demi-part, {g(c, 'il', 'elle')} devrait payer "
        f"{new:.0f} €. {g(c, 'Il', 'Elle')} conteste ce montant.\n\nSon fils, Julien"],
        approver=ADJUST, **adjusted(new))
    c = pick(has_pupil)
    kid = pupil(c)
    case("tp-10", [*tp, "sibling", "sms", "restauration-scolaire"], c, [
        f"bonjour jecris pour ma soeur {name(c)}, elle a pas internet. elle veut inscrire {kid} "
        "a la cantine de l ecole a partir de la semaine prochaine"], **canteen(c, kid))
    c = pick(prime_ok)
    case("tp-11", [*tp, "public-writer", "email", "prime-activite"], c, [
        "Bonjour,\n\nÉcrivain public bénévole à la maison de quartier, je rédige ce message "
        f"pour {name(c)}, qui travaille à temps partiel dans la restauration. "
        f"{g(c, 'Il', 'Elle')} souhaite demander la prime d'activité.\n\nPour "
        f"{g(c, 'lui', 'elle')},\nMichel Durand"],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(both(born_fr, elderly))
    case("tp-12", [*tp, "child-for-parent", "elderly", "web", "acte-naissance"], c, [
        f"Bonjour, {g(c, 'mon père', 'ma mère')} ({name(c)}) a besoin d'un extrait de son "
        "acte de naissance pour son dossier de retraite. Pouvez-vous le lui "
        "envoyer ?"], **done(["acte-naissance"], [EXTRACT]))
    c = pick(anyone)
    case("tp-13", [*tp, "child-for-parent", "sms", "signalement-voirie"], c, [
        "je signale pour mon pere qui marche avec une canne : trottoir defonce devant le 15 rue "
        "Pasteur, les dalles sont soulevees, il est tombe hier"], **ticket("voirie"))
    c = pick(both(one_vehicle, elsewhere("87000")))
    case("tp-14", [*tp, "curator", "formal", "email", "carte-grise-adresse"], c, [
        "Madame, Monsieur,\n\nMandataire judiciaire à la protection des majeurs, j'exerce la "
        f"curatelle de {name(c)}. {g(c, 'Il', 'Elle')} a changé de domicile : merci de "
        f"reporter sa nouvelle adresse, 20 rue Jean Jaurès, 87000 Limoges, sur le certificat "
        f"d'immatriculation de son véhicule {plate(c)}.\n\nVeuillez agréer mes salutations.\n"
        "ATMP 87 - service des majeurs protégés"], **car_moved(c, "87000"))
    c = pick(css_over)
    case("tp-15", [*tp, "child-for-parent", "refusal", "ineligible", "email", "css"], c, [
        f"Bonjour,\n\nJe vous écris au nom de {g(c, 'mon père', 'ma mère')}, {name(c)}. Ses "
        "frais de santé augmentent (appareil auditif, dentiste) et nous voudrions demander "
        f"pour {g(c, 'lui', 'elle')} la complémentaire santé solidaire.\n\nMerci de votre retour,\nCamille"],
        approver=REJECT, **refused("css"))


# ---------------------------------------------------------------- 4. numbers of many kinds (15)


def numbers() -> None:
    n = ["numbers"]
    c = pick(both(no_caf, ages(18, 64)))
    case("nu-01", [*n, "gross-net", "hours", "phone-number", "unknown-to-administration", "web",
                   "prime-activite"], c, [
        f"Tél : {phone(c)}. Contrat de 24 h par semaine : 1 650 € brut, 1 290 € net par mois. "
        "Je vis seul(e), sans enfant. Je demande la prime d'activité."],
        approver=GRANT, **granted("prime-activite", prime_declared(1290)))
    c = pick(prime_ok)
    net = float(c["caf"]["monthly_activity_income"])
    case("nu-02", [*n, "gross-net", "allocataire-number", "date", "email", "prime-activite"], c, [
        f"Bonjour,\n\nN° allocataire : {alloc(c)}\nTéléphone : {phone(c)}\n\nJe travaille 26 h "
        f"par semaine depuis le 02/03/2026. Salaire brut mensuel : {eur(round(net * 1.28, 2))} ; "
        f"net mensuel : {eur(net)}. Je demande la prime d'activité.\n\n{name(c)}"],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(both(no_caf, ages(25, 64)))
    case("nu-03", [*n, "rent-not-income", "unknown-to-administration", "web", "rsa"], c, [
        "Je vis seul(e), sans enfant. Mon loyer est de 480 € par mois. Mes seules ressources : "
        "210 € par mois d'une petite pension. Je demande le RSA."],
        approver=GRANT, **granted("rsa", rsa_declared(210)))
    c = pick(rsa_ok)
    res = float(c["caf"]["monthly_resources"])
    case("nu-04", [*n, "allocataire-number", "rent-not-income", "email", "rsa"], c, [
        f"Bonjour,\n\nDossier CAF n° {alloc(c)}. Mes ressources du mois : {eur(res)} en tout. "
        f"Loyer : 520 €. Je suis joignable au {phone(c)}.\n\nJe demande le revenu de solidarité "
        f"active.\n\n{name(c)}"], approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    c = pick(css_unknown)
    case("nu-05", [*n, "rfr-vs-gross", "unknown-to-administration", "web", "css"], c, [
        "Je demande la complémentaire santé solidaire. Je vis seul(e). Sur mon avis d'impôt : "
        "revenu brut global 10 950 €, revenu fiscal de référence 9 870 €, impôt 0 €."],
        approver=GRANT, **granted("css", css_declared(c, 9870)))
    c = pick(css_unknown)
    case("nu-06", [*n, "yearly-monthly", "unknown-to-administration", "email", "css"], c, [
        "Bonjour,\n\nJe souhaite demander la complémentaire santé solidaire. Je vis seul(e). "
        "Mon revenu fiscal de référence est de 12 300 € (environ 1 025 € par mois).\n\n"
        + name(c)], approver=GRANT, **granted("css", css_declared(c, 12300)))
    c = pick(taxed)
    new = claimed(due(c))
    y, income = latest_rfr(c)
    case("nu-07", [*n, "tax-notice", "fiscal-number", "reference-number", "email",
                   "reclamation-fiscale"], c, [
        f"Bonjour,\n\nAvis d'impôt sur le revenu {YEAR}\nNuméro fiscal : {spi(c)}\nRéférence de "
        f"l'avis : 25 13 A 0456789 12\nMontant à payer : {due(c)} €\nRevenu fiscal de référence : "
        f"{income:.0f} €\n\nMes frais de garde (2 300 €) n'ont pas été déduits : je devrais payer "
        f"{new:.0f} €. Je conteste ce montant.\n\n{name(c)}"], approver=ADJUST, **adjusted(new))
    c = pick(taxed)
    new = claimed(due(c))
    case("nu-08", [*n, "yearly-monthly", "tax-notice", "web", "reclamation-fiscale"], c, [
        f"Je suis mensualisé(e) : {round(due(c) / 10)} € prélevés chaque mois sur dix mois, soit "
        f"{due(c)} € pour l'impôt sur le revenu {YEAR}. Après vérification avec mon comptable, "
        f"l'impôt dû est de {new:.0f} €. Je demande la correction."],
        approver=ADJUST, **adjusted(new))
    c = pick(taxed)
    case("nu-09", [*n, "tax-notice", "refusal", "ineligible", "email", "reclamation-fiscale"], c, [
        f"Bonjour,\n\nMon avis d'impôt sur le revenu {YEAR} indique {due(c)} €. Je pense qu'il y a "
        f"une erreur : avec mes revenus fonciers, je devrais payer {due(c) + 320} €. Merci de "
        f"corriger le montant.\n\n{name(c)}"], approver=REJECT, **kept_tax(c))
    c = pick(both(no_caf, ages(18, 64)))
    case("nu-10", [*n, "yearly-monthly", "unknown-to-administration", "web", "prime-activite"], c, [
        "En 2025 j'ai déclaré 16 200 € de salaires sur l'année. Depuis janvier 2026, je gagne "
        "1 380 € net par mois. Je vis seul(e), sans enfant, et je voudrais demander la prime "
        "d'activité."], approver=GRANT, **granted("prime-activite", prime_declared(1380)))
    c = pick(both(no_caf, ages(25, 64)))
    case("nu-11", [*n, "missing-info", "reply", "dossier-number", "unknown-to-administration",
                   "sms", "rsa"], c, [
        "bonjour je voudrais demander le rsa, je vis seul(e) sans enfant. mon identifiant "
        "france travail c 4587123X",
        "suite a votre message : je touche 150e par mois en tout"],
        approver=GRANT, **granted("rsa", rsa_declared(150)))
    c = pick(taxed)
    new = claimed(due(c))
    case("nu-12", [*n, "missing-info", "reply", "tax-notice", "email", "reclamation-fiscale"], c, [
        f"Bonjour,\n\nJe conteste mon impôt sur le revenu {YEAR} (avis de {due(c)} €) : la "
        f"demi-part de parent isolé a disparu.\n\n{name(c)}",
        f"Suite à votre message : j'estime devoir {new:.0f} €."],
        approver=ADJUST, **adjusted(new))
    c = pick(both(no_caf, ages(18, 64)))
    case("nu-13", [*n, "hourly-rate", "gross-net", "unknown-to-administration", "web",
                   "prime-activite"], c, [
        "Je suis payé(e) 11,88 € brut de l'heure, 104 heures par mois, ce qui fait 1 010 € net "
        "sur ma fiche de paie. Je vis seul(e), sans enfant. Je demande la prime d'activité."],
        approver=GRANT, **granted("prime-activite", prime_declared(1010)))
    c = pick(css_ok)
    y, income = latest_rfr(c)
    case("nu-14", [*n, "rfr-from-record", "date", "web", "css"], c, [
        f"Revenu fiscal de référence {y} : {eur(income)} (avis reçu le 28/08/2026). Je demande "
        "la complémentaire santé solidaire."], approver=GRANT, **css_outcome(c))
    c = pick(both(no_caf, ages(25, 64)))
    case("nu-15", [*n, "refusal", "ineligible", "unknown-to-administration", "email", "rsa"], c, [
        "Bonjour,\n\nJe vis seul(e), sans enfant. Je touche 780 € par mois d'allocation chômage "
        "et mon loyer est de 450 €. Je voudrais demander le RSA.\n\n" + name(c)],
        approver=REJECT, **refused("rsa"))


# ---------------------------------------------------------------- 5. other and mixed languages (15)


def languages() -> None:
    lg = ["language"]
    c = pick(prime_ok)
    case("la-01", [*lg, "lang-en", "email", "prime-activite"], c, [
        "Dear Sir or Madam,\n\nI moved to France two years ago and I work part-time as a "
        "cleaner. A colleague told me about the prime d'activité for low-paid workers. I would "
        f"like to apply for it.\n\nKind regards,\n{name(c)}"],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(never_voted_from("GB", "US"))
    case("la-02", [*lg, "lang-en", "non-eu", "refusal", "ineligible", "web",
                   "inscription-listes-electorales"], c, [
        f"Hello, I've lived in {commune(c)} for twelve years and I'd like to register on the "
        "electoral roll so I can vote in the next municipal elections."],
        approver=REJECT, **voter_refused())
    c = pick(anyone)
    case("la-03", [*lg, "lang-es", "web", "logement-social"], c, [
        "Buenos días, somos cuatro en un estudio de 25 m² y el alquiler sube cada año. Queremos "
        "presentar una solicitud de vivienda social (logement social). Gracias."],
        **done(["logement-social"], [HOUSING]))
    c = pick(nationality("PT"))
    case("la-04", [*lg, "lang-pt", "eu-citizen", "email", "inscription-listes-electorales"], c, [
        f"Bom dia,\n\nSou {g(c, 'cidadão português', 'cidadã portuguesa')} e vivo em "
        f"{commune(c)} desde 2018. Gostaria de me inscrever nos cadernos eleitorais (listes "
        "électorales) para as eleições municipais e europeias.\n\nObrigado/a,\n" + name(c)],
        **voter(c))
    c = pick(css_ok)
    case("la-05", [*lg, "lang-ar", "web", "css"], c, [
        "مرحبا، أريد أن أطلب التغطية الصحية التكميلية التضامنية (complémentaire santé "
        "solidaire). ليس لدي تأمين تكميلي ودخلي ضعيف. شكرا لكم."],
        approver=GRANT, **css_outcome(c))
    c = pick(nationality("RO"))
    case("la-06", [*lg, "lang-ro", "eu-citizen", "web", "inscription-listes-electorales"], c, [
        f"Bună ziua, sunt {g(c, 'cetățean român', 'cetățeană română')} și locuiesc în "
        f"{commune(c)} de trei ani. Doresc să mă înscriu pe listele electorale pentru alegerile "
        "municipale și europene. Mulțumesc!"], **voter(c))
    c = pick(has_cni)
    case("la-07", [*lg, "lang-tr", "sms", "carte-identite"], c, [
        "Merhaba, Fransız kimlik kartımı (carte d'identité) kaybettim. Yeni kart için ön "
        "başvuru yapmak ve belediyeden randevu almak istiyorum. Teşekkürler."], **cni("perte"))
    c = pick(insured)
    case("la-08", [*lg, "lang-it", "email", "attestation-droits-sante"], c, [
        "Buongiorno,\n\navrei bisogno dell'attestation de droits à l'assurance maladie per il "
        "mio nuovo lavoro. Potete inviarla a me? La consegnerò io stesso/a.\n\nGrazie mille,\n"
        + name(c)], **done(["attestation-droits-sante"], [HEALTH_DOC]))
    c = pick(nationality("PL"))
    case("la-09", [*lg, "lang-pl", "eu-citizen", "email", "inscription-listes-electorales"], c, [
        f"Dzień dobry,\n\n{g(c, 'jestem obywatelem', 'jestem obywatelką')} Polski i mieszkam "
        f"w {commune(c)} od 2019 roku. Proszę o wpisanie mnie na listy wyborcze (listes "
        "électorales) przed wyborami municipales i europejskimi.\n\nZ poważaniem,\n" + name(c)],
        **voter(c))
    c = pick(has_pupil)
    kid = pupil(c)
    case("la-10", [*lg, "lang-uk", "web", "restauration-scolaire"], c, [
        f"Добрий день! Я хочу записати мою дитину {kid} до шкільної їдальні (cantine scolaire) "
        "з наступного тижня. Дякую!"], **canteen(c, kid))
    c = pick(anyone)
    case("la-11", [*lg, "lang-ru", "web", "signalement-voirie"], c, [
        "Здравствуйте! Перед домом 12 на rue Victor Hugo уже неделю не горит уличный фонарь "
        "(lampadaire), вечером очень темно. Пожалуйста, почините. Спасибо."],
        **ticket("eclairage"))
    c = pick(moving("76600"))
    case("la-12", [*lg, "lang-wo", "mixed", "sms", "changement-adresse"], c, [
        "salamaleykoum, nanga def ? dama déménager : ma nouvelle adresse c 14 rue de la Paix "
        "76600 Le Havre. changez mon adresse partout svp, jërëjëf"], **moved(c, "76600"))
    c = pick(born_fr)
    case("la-13", [*lg, "lang-gcf", "mixed", "web", "acte-naissance"], c, [
        "Bonjou, mwen ka ékri zot pou mandé on kopi intégral di acte de naissance an mwen, sé "
        "pou dosyé maryaj an mwen. Mèsi onpil !"], **done(["acte-naissance"], [FULL_COPY]))
    c = pick(insured)
    case("la-14", [*lg, "lang-es", "lang-fr", "mixed", "sms", "attestation-droits-sante"], c, [
        "hola, necesito mi attestation de droits de la secu para el trabajo, me la pueden "
        "mandar a mí? merci"], **done(["attestation-droits-sante"], [HEALTH_DOC]))
    c = pick(both(one_vehicle, elsewhere("44000")))
    case("la-15", [*lg, "lang-en", "lang-fr", "mixed", "web", "carte-grise-adresse"], c, [
        "Hi, I moved last week - nouvelle adresse : 3 quai de la Fosse, 44000 Nantes. Could you "
        f"update la carte grise de ma voiture {plate(c)}? Thanks"], **car_moved(c, "44000"))


# ---------------------------------------------------------------- 6. questions and people (10)


def questions() -> None:
    q = ["question-or-person"]
    case("qu-01", [*q, "question-only", "elderly", "formal", "delay", "email", "renseignement"],
         pick(elderly), [
        "Madame, Monsieur,\n\nJe souhaiterais simplement savoir dans quel délai, une fois la "
        "demande faite, on reçoit un acte de naissance. Je ne fais pas la demande aujourd'hui, "
        "je m'organise.\n\nAvec mes remerciements."], **info())
    case("qu-02", [*q, "question-only", "age-rule", "web", "renseignement"], pick(anyone), [
        "À partir de quel âge peut-on toucher le RSA quand on n'a pas d'enfant ?"], **info())
    case("qu-03", [*q, "question-only", "not-when", "m-adresser", "web", "renseignement"],
         pick(anyone), [
        "À qui dois-je m'adresser pour connaître le tarif de la cantine, et comment ce tarif "
        "est-il fixé ?"], **info())
    case("qu-04", [*q, "question-only", "language", "lang-en", "documents", "email",
                   "renseignement"], pick(anyone), [
        "Hello,\n\nWhat documents do I need to provide when applying for social housing? I "
        "just want to know before I start.\n\nThanks"], **info())
    case("qu-05", [*q, "question-only", "language", "lang-es", "delay", "sms", "renseignement"],
         pick(anyone), [
        "hola, cuánto tiempo tarda la inscripción en las listas electorales (listes "
        "électorales)? solo es una pregunta"], **info())
    case("qu-06", [*q, "question-only", "silence", "web", "renseignement"], pick(anyone), [
        "Si les impôts ne répondent pas à une réclamation sur l'impôt sur le revenu, au bout "
        "de combien de temps est-ce considéré comme un refus ?"], **info())
    case("qu-07", [*q, "question-only", "participation", "email", "renseignement"], pick(anyone), [
        "Bonjour,\n\nComment est fixé le montant de la participation pour la complémentaire "
        "santé solidaire ? Dépend-il de l'âge ? C'est juste pour comprendre.\n\nCordialement"],
        **info())
    case("qu-08", [*q, "speak-to-person", "elderly", "formal", "email", "handoff"], pick(elderly), [
        "Madame, Monsieur,\n\nJe ne suis guère à l'aise avec l'ordinateur et ces messages "
        "automatiques. Je souhaiterais pouvoir parler à une personne.\n\nRespectueusement."],
        **person())
    case("qu-09", [*q, "speak-to-person", "sms", "handoff"], pick(anyone), [
        "je veux parler a un agent svp, un vrai humain"], **person())
    case("qu-10", [*q, "speak-to-person", "language", "lang-en", "web", "handoff"], pick(anyone), [
        "Can I speak to a real person please?"], **person())


# ---------------------------------------------------------------- 7. plain demands (20)


def plain() -> None:
    pl = ["plain"]
    case("pl-01", [*pl, "web", "acte-naissance"], pick(born_fr), [
        "Je demande un extrait de mon acte de naissance."], **done(["acte-naissance"], [EXTRACT]))
    c = pick(moving("30000"))
    case("pl-02", [*pl, "sms", "changement-adresse"], c, [
        "changement d adresse : 6 rue de la Madeleine 30000 Nimes, pour tous les organismes "
        "merci"], **moved(c, "30000"))
    c = pick(fresh_voter)
    case("pl-03", [*pl, "web", "inscription-listes-electorales"], c, [
        "Je souhaite m'inscrire sur les listes électorales de ma commune."], **voter(c))
    c = pick(never_voted_non_eu)
    case("pl-04", [*pl, "refusal", "ineligible", "non-eu", "web",
                   "inscription-listes-electorales"], c, [
        "Je voudrais m'inscrire sur la liste électorale de la commune où j'habite."],
        approver=REJECT, **voter_refused())
    case("pl-05", [*pl, "first-card", "web", "carte-identite"], pick(no_card), [
        "Je n'ai jamais eu de carte d'identité. Je voudrais faire une première demande et "
        "prendre rendez-vous."], **cni("premiere-demande"))
    c = pick(prime_ok)
    case("pl-06", [*pl, "sms", "prime-activite"], c, [
        "demande de prime d activite svp je suis a temps partiel"],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(prime_over)
    case("pl-07", [*pl, "refusal", "ineligible", "web", "prime-activite"], c, [
        "Je voudrais faire une demande de prime d'activité."],
        approver=REJECT, **refused("prime-activite"))
    c = pick(css_over)
    case("pl-08", [*pl, "refusal", "ineligible", "email", "css"], c, [
        "Bonjour,\n\nJe souhaite déposer une demande de complémentaire santé solidaire.\n\n"
        f"Cordialement,\n{name(c)}"], approver=REJECT, **refused("css"))
    c = pick(rsa_ok)
    case("pl-09", [*pl, "web", "rsa"], c, [
        "Je n'ai presque plus de ressources, je demande le revenu de solidarité active."],
        approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    c = pick(taxed)
    new = claimed(due(c))
    case("pl-10", [*pl, "web", "reclamation-fiscale"], c, [
        f"Je conteste mon impôt sur le revenu {YEAR} : j'estime devoir {new:.0f} €."],
        approver=ADJUST, **adjusted(new))
    case("pl-11", [*pl, "web", "attestation-droits-sante"], pick(insured), [
        "Pouvez-vous m'envoyer mon attestation de droits à l'assurance maladie ?"],
        **done(["attestation-droits-sante"], [HEALTH_DOC]))
    case("pl-12", [*pl, "sms", "logement-social"], pick(anyone), [
        "bonjour je voudrais deposer une demande de logement social"],
        **done(["logement-social"], [HOUSING]))
    c = pick(has_pupil)
    kid = pupil(c)
    case("pl-13", [*pl, "web", "restauration-scolaire"], c, [
        f"Je voudrais inscrire {kid} à la cantine scolaire."], **canteen(c, kid))
    case("pl-14", [*pl, "sms", "signalement-voirie"], pick(anyone), [
        "nid de poule dangereux devant le 40 boulevard Gambetta"], **ticket("voirie"))
    c = pick(both(one_vehicle, elsewhere("25000")))
    case("pl-15", [*pl, "web", "carte-grise-adresse"], c, [
        f"Merci de modifier l'adresse de ma carte grise ({plate(c)}) : 7 rue des Granges, "
        "25000 Besançon."], **car_moved(c, "25000"))
    case("pl-16", [*pl, "complaint", "web", "reclamation-service"], pick(anyone), [
        "Je dépose une réclamation : j'ai attendu une heure et demie à l'accueil de la mairie "
        "et on m'a dit de revenir un autre jour."], **complaint())
    c = pick(both(born_fr, insured))
    case("pl-17", [*pl, "multi", "email", "acte-naissance", "attestation-droits-sante"], c, [
        "Bonjour,\n\nJe voudrais une copie intégrale de mon acte de naissance et une attestation "
        f"de droits à l'assurance maladie.\n\nMerci,\n{name(c)}"],
        **done(["acte-naissance", "attestation-droits-sante"], [FULL_COPY, HEALTH_DOC]))
    c = pick(cni_due)
    case("pl-18", [*pl, "multi", "web", "carte-identite", "signalement-voirie"], c, [
        "Je voudrais renouveler ma carte d'identité, qui expire bientôt (pré-demande et "
        "rendez-vous). Et le réverbère devant le 5 rue Jean Moulin est en panne."],
        **done(["carte-identite", "signalement-voirie"],
               [*cni_effects("renouvellement"),
                {"effect": "create_ticket", "args": {"category": "eclairage"}}]))
    c = pick(both(prime_ok, has_pupil))
    kid = pupil(c)
    case("pl-19", [*pl, "multi", "email", "prime-activite", "restauration-scolaire"], c, [
        f"Bonjour,\n\nJe voudrais inscrire {kid} à la cantine et demander la prime d'activité : "
        f"je travaille à temps partiel.\n\n{name(c)}"], approver=GRANT,
        **with_grant(["prime-activite", "restauration-scolaire"], [canteen_effect(c, kid)],
                     "prime-activite", prime_amount(c)))
    c = pick(css_ok)
    case("pl-20", [*pl, "multi", "web", "logement-social", "css"], c, [
        "Je dépose une demande de logement social et je demande aussi la complémentaire santé "
        "solidaire."], approver=GRANT,
        **with_grant(["logement-social", "css"], [HOUSING], "css", css_amount(c)))


# ---------------------------------------------------------------- build


def build() -> list[dict[str, Any]]:
    _prepare()
    # Scarce citizens first (EU nationals never registered, people unknown to the CAF and the
    # tax office): the languages and numbers parts need them.
    for part in (languages, numbers, letters, lists, third_parties, plain, questions):
        part()
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    people = [c["citizen"]["id"] for c in CASES]
    assert len(people) == len(set(people)), "a citizen is used once"
    return list(CASES)


def main() -> None:
    cases = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(dump_case(c) + "\n" for c in cases), encoding="utf-8")
    loaded = load_dataset(OUT)
    print(f"{len(loaded)} cases written to {OUT.name}")


if __name__ == "__main__":
    main()
