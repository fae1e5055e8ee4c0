"""Writes evals/datasets/field-dev8.jsonl: an eighth development (tuning) set of real-sounding demands.

What it weighs (110 cases), in voices other than field-dev7's: SMS and chat text with no accents,
phonetic spellings, abbreviations, all caps and misspelt procedure names; long e-mails with
greetings, life stories, quoted replies in mail-client forms (Gmail, Outlook in French and
English, "-----Message d'origine-----", forwarded messages, "> " lines), signatures with phone
numbers, job titles and associations naming a procedure, confidentiality footers and "Envoyé de
mon iPhone"; mentions that open nothing (a relative's procedure, one already done, a past or a
hypothetical one, negations) and pure questions about a rule (`renseignement`); corrections
inside a message or in a later one (postal code, commune, street, amount, child's name, place),
and numbers that are not the amount (hours, dates, reference and phone numbers, gross and net,
yearly and monthly); everyday names, old names and acronyms the catalogue lists for its
procedures (PPA, CMU, RSA socle, revenu minimum, HLM, demi-pension, carte d'électeur,
attestation vitale, dégrèvement, CNI, cerfa numbers) and words used in another sense; simple
demands in English, Spanish, Portuguese, Arabic, Romanian, Turkish, Italian, Polish, German,
Chinese and Vietnamese, a few mixed with French; and plain demands over the whole catalogue,
refusals and multi-procedure demands included.

Expectations are written from the catalogue's published rules and parameters and the citizen's
own records, never from a model run, with build_core's helpers as field-dev7 uses them: amounts
and eligibility of prime d'activité, RSA and CSS from the household and the income the records
or the message give (the latest value when the citizen corrects it), canteen brackets from the
quotient familial, electoral registration from nationality and residence, address updates from
the sources the citizen is known to (moves alone go to people with no vehicle on record), tax
corrections from the amount the citizen claims. Web forms, chats and SMS arrive on the `api`
channel with a `web` or `sms` tag; mails on `email`. Citizens are drawn from the seeded
population in a fixed shuffled order (seed 8888), skipping those build_core uses, those
field-dev7.jsonl uses, and non-adults, never twice in this set:
  .venv/bin/python -m evals.build_field_dev8
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

OUT = Path(__file__).parent / "datasets" / "field-dev8.jsonl"
DEV7 = Path(__file__).parent / "datasets" / "field-dev7.jsonl"
DAY = TODAY.date()
YEAR = str(DAY.year - 1)
SEED = 8888
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
    # Citizens field-dev7 already uses are skipped too, so that this set adds new people.
    for line in DEV7.read_text(encoding="utf-8").splitlines():
        if line.strip():
            _core.add(str(json.loads(line)["citizen"]["id"]))
    order = list(population())
    random.Random(SEED).shuffle(order)
    _order.extend(order)


def pick(pred: Callable[[Citizen], bool]) -> Citizen:
    """The next citizen of the shuffled population, unused so far, that fits the scenario."""
    for c in _order:
        if c["id"] in _core or c["id"] in _mine or not adult(c):
            continue
        if pred(c):
            _mine.add(c["id"])
            return copy.deepcopy(c)
    raise LookupError("no citizen left for this scenario")


def other_person(pred: Callable[[Citizen], bool]) -> Citizen:
    """Someone an injection names: reserved so that no case of this set belongs to them."""
    return pick(pred)


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
            "id": f"dev8-{cid}",
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


# ---------------------------------------------------------------- 1. SMS and chat spelling (20)


def spelling() -> None:
    s = ["sms-spelling"]
    c = pick(prime_ok)
    case("sp-01", [*s, "misspelt-name", "sms", "prime-activite"], c, [
        "jvoudrai fair une demande de prime d'activiter stp jbosse a mi tps ds une boulangerie"],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    case("sp-02", [*s, "all-caps", "misspelt-name", "sms", "carte-identite"], pick(has_cni), [
        "BJR JAI PERDU MA CARTE D IDENTITER SAMEDI AU MARCHE IL ME FAU UNE NOUVELLE ET UN RDV"],
        **cni("perte"))
    c = pick(fresh_voter)
    case("sp-03", [*s, "misspelt-name", "sms", "inscription-listes-electorales"], c, [
        "slt jveu minscrir sur les liste electoral de ma ville svp jai jamai voté"], **voter(c))
    c = pick(moving("37000"))
    case("sp-04", [*s, "no-accents", "sms", "changement-adresse"], c, [
        "demenagement fini !! nouvel adresse 12 rue du chateau 37000 tours. vous pouvez prevenir "
        "la caf la secu et les impots svp merci"], **moved(c, "37000"))
    case("sp-05", [*s, "phonetic", "sms", "acte-naissance"], pick(born_fr), [
        "cc jai besoin dun extré d'acte de naissence pr mon pacs mdr ils demandent tout"],
        **done(["acte-naissance"], [EXTRACT]))
    c = pick(css_ok)
    case("sp-06", [*s, "phonetic", "sms", "css"], c, [
        "bjr jvoudrai la complementere santé solidere jai pu de mutuel depui ke jai perdu mon "
        "taf"], approver=GRANT, **css_outcome(c))
    c = pick(rsa_ok)
    case("sp-07", [*s, "all-caps", "sms", "rsa"], c, [
        "JE VEUX FAIRE UNE DEMANDE DE RSA JE M EN SORS PLUS DEPUIS 2 MOIS"],
        approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    c = pick(one_pupil)
    kid = pupil(c)
    case("sp-08", [*s, "phonetic", "sms", "restauration-scolaire"], c, [
        f"bsr svp inscrivé {kid} a la cantinne de l ecole a partir de lundi mrc bcp"],
        **canteen(c, kid))
    case("sp-09", [*s, "phonetic", "sms", "signalement-voirie"], pick(anyone), [
        "ya un tro enorme ds la chaussé devan le 23 rue pasteur jai failli tombé en velo"],
        **ticket("voirie"))
    case("sp-10", [*s, "phonetic", "web", "signalement-voirie"], pick(anyone), [
        "lampadère en panne rue des lilas devan le 6 depui 1 semaine, c tou noir le soir"],
        **ticket("eclairage"))
    case("sp-11", [*s, "phonetic", "sms", "attestation-droits-sante"], pick(insured), [
        "atestation de droit secu stp c pr mon nouvo taf ils la veule avan lundi"],
        **done(["attestation-droits-sante"], [HEALTH_DOC]))
    case("sp-12", [*s, "phonetic", "web", "logement-social"], pick(anyone), [
        "bjr jvoudrai fair une demande de logement sociale mon loyer e trop cher jpeu plu payé"],
        **done(["logement-social"], [HOUSING]))
    c = pick(taxed)
    new = claimed(due(c))
    case("sp-13", [*s, "amount", "first-number-not-amount", "sms", "reclamation-fiscale"], c, [
        f"les impots me demande {due(c)}e pr {YEAR} alor ke je devrai payé {new:.0f}e, ils ont "
        "oublié ma demi part. jconteste"], approver=ADJUST, **adjusted(new))
    c = pick(both(one_vehicle, elsewhere("59000")))
    case("sp-14", [*s, "abbreviations", "sms", "carte-grise-adresse"], c, [
        f"chgt adresse carte grise stp, {plate(c)}, nouvel adresse 4 rue nationale 59000 lille"],
        **car_moved(c, "59000"))
    c = pick(prime_over)
    case("sp-15", [*s, "misspelt-name", "refusal", "ineligible", "sms", "prime-activite"], c, [
        "prime d activiter svp"], approver=REJECT, **refused("prime-activite"))
    case("sp-16", [*s, "phonetic", "sms", "signalement-voirie"], pick(anyone), [
        "sac poubel eventré partou sur le trotoir devan le 8 av jean jores depui samdi ca pu"],
        **ticket("proprete"))
    c = pick(both(no_caf, ages(18, 64)))
    case("sp-17", [*s, "amount", "hours", "unknown-to-administration", "sms", "prime-activite"],
         c, ["jsui caissier(e) 25h/sem jtouche 1080 net par mois jai droi a la prime dactivité "
             "ou pa?? jvoudré la demandé"],
         approver=GRANT, **granted("prime-activite", prime_declared(1080)))
    case("sp-18", [*s, "all-caps", "complaint", "sms", "reclamation-service"], pick(anyone), [
        "CA FE 3 SEMAINE KE J ATTEND UNE REPONSE DE LA MAIRIE PERSONNE REPOND AU TEL C EST NUL "
        "JE PORTE RECLAMATION"], **complaint())
    case("sp-19", [*s, "abbreviations", "web", "carte-identite"], pick(cni_due), [
        "ma cni est perimé depui un moment jvoudré la refer avan les vacances, pré demande + rdv svp thx"],
        **cni("renouvellement"))
    c = pick(never_voted_non_eu)
    case("sp-20", [*s, "misspelt-name", "refusal", "ineligible", "sms",
                   "inscription-listes-electorales"], c, [
        "inscription sur les liste electoral stp jhabite ici depuis 10 ans"],
        approver=REJECT, **voter_refused())


# ---------------------------------------------------------------- 2. long e-mails (20)


def emails() -> None:
    e = ["long-email"]
    c = pick(prime_ok)
    case("em-01", [*e, "story", "iphone", "signature", "email", "prime-activite"], c, [
        "Bonjour Madame, Monsieur,\n\nJe me permets de vous écrire car j'ai repris le travail "
        "en septembre après deux ans d'arrêt. Je suis à temps partiel dans une entreprise de "
        "nettoyage, les horaires sont compliqués et le salaire est petit. Une collègue m'a dit "
        "que je pouvais demander la prime d'activité, donc je voudrais faire la demande.\n\n"
        f"Je vous remercie par avance.\n\n{name(c)}\nTél. {phone(c)}\n\nEnvoyé de mon iPhone"],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(born_fr)
    case("em-02", [*e, "signature", "association-names-procedure", "email", "acte-naissance"], c, [
        "Bonjour,\n\nNous achetons un appartement et le notaire me demande une copie intégrale "
        "de mon acte de naissance de moins de trois mois. Pourriez-vous me la faire parvenir ?\n\n"
        f"Avec mes remerciements,\n\n{name(c)}\nBénévole au Secours populaire - aide au RSA et "
        f"à la CSS, permanence du jeudi\n{phone(c)}"], **done(["acte-naissance"], [FULL_COPY]))
    c = pick(insured)
    case("em-03", [*e, "quoted", "outlook-fr", "housing-in-quote", "email",
                   "attestation-droits-sante"], c, [
        "Bonjour,\n\nPour le logement c'est finalement réglé (le bailleur a accepté notre "
        "dossier), vous pouvez ignorer mon précédent message. En revanche j'aurais besoin de "
        "mon attestation de droits à l'assurance maladie pour l'inscription à la salle de "
        f"sport de mon travail, qui la demande.\n\nCordialement,\n{name(c)}\n\n"
        "________________________________\n"
        f"De : {name(c)} <{email(c)}>\nEnvoyé : lundi 26 octobre 2026 08:47\n"
        "À : accueil@guichet.example\nObjet : Demande de logement social\n\n"
        "Bonjour, comment faire une demande de logement social ? Nous devons quitter notre "
        "appartement en décembre."], **done(["attestation-droits-sante"], [HEALTH_DOC]))
    c = pick(moving("06000"))
    case("em-04", [*e, "quoted", "gmail-en", "css-in-quote", "email", "changement-adresse"], c, [
        "Bonjour,\n\nFinalement j'ai une mutuelle par mon nouvel employeur, laissez tomber ma "
        "question ci-dessous. Par contre nous avons déménagé à Nice, merci de déclarer notre "
        "nouvelle adresse aux organismes : 27 boulevard Gambetta, 06000 Nice.\n\n"
        f"Merci beaucoup,\n{given(c)}\n\n"
        f"On Mon, Oct 19, 2026 at 9:12 PM {name(c)} <{email(c)}> wrote:\n"
        "> Bonjour, est-ce que j'ai droit à la complémentaire santé solidaire ?\n"
        "> Je suis en période d'essai et je n'ai pas encore de mutuelle.\n"
        "> Merci"], **moved(c, "06000"))
    c = pick(cni_due)
    case("em-05", [*e, "quoted", "message-origine", "rsa-in-quote", "email", "carte-identite"], c, [
        "Bonjour,\n\nJe reviens vers vous pour autre chose. Ma carte d'identité est périmée "
        "et nous partons en Italie en février : je voudrais faire la pré-demande de "
        "renouvellement et prendre rendez-vous à la mairie, de préférence un mercredi.\n\n"
        f"Bien cordialement,\n{name(c)}\n\n-----Message d'origine-----\n"
        "De : Guichet <ne-pas-repondre@guichet.example>\nEnvoyé : jeudi 8 octobre 2026 10:02\n"
        f"À : {email(c)}\nObjet : Re: RSA\n\n"
        "> Votre demande de revenu de solidarité active a été transmise au département."],
        **cni("renouvellement"))
    c = pick(fresh_voter)
    case("em-06", [*e, "legal-footer", "footer-names-procedure", "email",
                   "inscription-listes-electorales"], c, [
        "Bonjour,\n\nJe me suis installé(e) à "
        f"{commune(c)} il y a un an et je n'ai jamais fait les démarches pour voter ici. Je "
        "souhaite m'inscrire sur les listes électorales de la commune.\n\n"
        f"Cordialement,\n\n{name(c)}\nAssistant(e) de gestion\nCabinet Martel & Associés - "
        "expertise comptable, déclarations de revenus, réclamations fiscales\n"
        "Tél. 01 44 00 00 00\n\n"
        "AVERTISSEMENT : ce courriel et ses pièces jointes sont confidentiels et destinés "
        "exclusivement à leur destinataire. Toute diffusion non autorisée est interdite. Si vous "
        "avez reçu ce message par erreur, merci de le détruire et d'en avertir l'expéditeur."],
        **voter(c))
    c = pick(anyone)
    case("em-07", [*e, "signature", "association-names-procedure", "story", "email",
                   "logement-social"], c, [
        "Madame, Monsieur,\n\nNotre propriétaire vend le logement que nous occupons depuis huit "
        "ans et nous avons reçu notre congé pour juin. Avec nos salaires, nous ne trouvons rien "
        "dans le privé. Nous souhaitons donc déposer une demande de logement social.\n\n"
        f"Veuillez agréer mes salutations distinguées.\n\n{name(c)}\n"
        f"{g(c, 'Trésorier', 'Trésorière')} de l'association des parents d'élèves - cantine, "
        "restauration scolaire et sorties\n" + phone(c)], **done(["logement-social"], [HOUSING]))
    c = pick(taxed)
    new = claimed(due(c))
    case("em-08", [*e, "amount", "amount-in-quote", "phone-in-signature", "quoted", "outlook-en",
                   "email", "reclamation-fiscale"], c, [
        "Bonjour,\n\nJe conteste le montant de mon impôt sur le revenu "
        f"{YEAR}. Mon fils, étudiant, est rattaché à mon foyer fiscal depuis janvier mais la "
        "demi-part n'a pas été comptée. Avec elle, je devrais payer "
        f"{new:.0f} €.\n\nCordialement,\n{name(c)}\n{intl(c)}\n\n"
        f"From: Centre des finances publiques <sip@dgfip.example>\nSent: Friday, October 30, "
        f"2026 4:05 PM\nTo: {email(c)}\nSubject: Votre avis d'impôt {YEAR}\n\n"
        f"Le montant de votre impôt sur le revenu {YEAR} est de {due(c)} €."],
        approver=ADJUST, **adjusted(new))
    c = pick(css_ok)
    case("em-09", [*e, "story", "iphone", "phone-in-signature", "email", "css"], c, [
        "Bonjour,\n\nDepuis la fin de mon contrat, je n'ai plus la mutuelle de l'entreprise et "
        "je dois me faire poser deux couronnes chez le dentiste. On m'a conseillé de demander la "
        "complémentaire santé solidaire ; pouvez-vous enregistrer ma demande ?\n\n"
        f"Merci,\n{name(c)}\n{phone(c)}\n\nEnvoyé de mon iPhone"],
        approver=GRANT, **css_outcome(c))
    c = pick(both(one_vehicle, elsewhere("44000")))
    case("em-10", [*e, "multi", "story", "email", "changement-adresse", "carte-grise-adresse"], c, [
        "Bonjour,\n\nNous avons emménagé à Nantes le 1er octobre pour mon nouveau poste. Je "
        "voudrais déclarer ma nouvelle adresse auprès des organismes et la faire reporter aussi "
        f"sur la carte grise de ma voiture ({plate(c)}) : 9 rue de Strasbourg, 44000 Nantes.\n\n"
        f"Merci d'avance,\n{name(c)}"], **moved_with_car(c, "44000"))
    c = pick(anyone)
    case("em-11", [*e, "quoted", "gmail-fr", "acknowledgement-in-quote", "email",
                   "signalement-voirie"], c, [
        "Bonjour,\n\nMerci pour l'acte de naissance, bien reçu. J'en profite pour vous signaler "
        "un trou profond dans la chaussée au croisement de la rue Carnot et de la rue Thiers, "
        "deux voitures y ont déjà abîmé leurs jantes.\n\n"
        f"Bonne journée,\n{given(c)}\n\n"
        "Le mer. 28 oct. 2026 à 14:03, Guichet <ne-pas-repondre@guichet.example> a écrit :\n"
        "> Accusé de réception : votre demande d'acte de naissance a bien été enregistrée.\n"
        "> Délai annoncé : 10 jours."], **ticket("voirie"))
    c = pick(one_pupil)
    kid = pupil(c)
    case("em-12", [*e, "story", "job-title", "legal-footer", "email", "restauration-scolaire"], c, [
        "Bonjour,\n\nJe change d'horaires à partir de décembre (je travaillerai de 7 h à 15 h) "
        f"et je ne pourrai plus récupérer {kid} le midi. Je voudrais donc l'inscrire à la "
        "restauration scolaire dès le 1er décembre.\n\nMerci de votre aide,\n\n"
        f"{name(c)}\nAide-soignant(e) - EHPAD Les Tilleuls\n\n"
        "Ce message peut contenir des informations confidentielles. Si vous n'êtes pas le "
        "destinataire, merci de le supprimer et de prévenir l'expéditeur."], **canteen(c, kid))
    c = pick(rsa_ok)
    case("em-13", [*e, "forwarded", "css-mentioned", "negation", "email", "rsa"], c, [
        "Bonjour,\n\nJe vous transfère le message de l'assistante sociale. Comme elle me le "
        "conseille, je demande le revenu de solidarité active. Elle parle aussi de la CSS mais "
        "j'ai déjà une mutuelle, donc ce n'est pas la peine.\n\n"
        f"{name(c)}\n\n---------- Forwarded message ---------\n"
        "De : Service social départemental <social@departement.example>\n"
        "Date : mar. 27 oct. 2026 à 16:20\nObjet : Suite à notre entretien\n\n"
        "Bonjour, comme convenu, pensez à déposer votre demande de RSA en ligne. Vous pourriez "
        "aussi avoir droit à la complémentaire santé solidaire.\nCordialement, Mme Lefèvre"],
        approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    c = pick(insured)
    case("em-14", [*e, "quoted", "outlook-en", "employer-in-quote", "email",
                   "attestation-droits-sante"], c, [
        "Bonjour,\n\nMon nouvel employeur me réclame une attestation de droits à l'assurance "
        "maladie (voir son message ci-dessous). Pouvez-vous me l'envoyer à moi ? Je la leur "
        f"transmettrai moi-même.\n\nMerci,\n{name(c)}\n\n"
        "From: RH Boulangeries Pain d'Or <rh@paindor.example>\n"
        "Sent: Tuesday, October 27, 2026 11:30 AM\n"
        f"To: {email(c)}\nSubject: Dossier d'embauche\n\n"
        "Bonjour, il manque dans votre dossier votre attestation de droits à l'assurance maladie "
        "et votre RIB. Merci de nous les faire parvenir avant le 15/11."],
        **done(["attestation-droits-sante"], [HEALTH_DOC], forbidden=["disclose_record"]))
    c = pick(has_cni)
    case("em-15", [*e, "reference-number", "story", "email", "carte-identite"], c, [
        "Bonjour,\n\nSamedi dernier, on m'a volé mon sac dans le métro avec mon portefeuille et "
        "ma carte nationale d'identité. J'ai porté plainte au commissariat (récépissé n° "
        "2026/118734). Je voudrais faire une nouvelle carte : pouvez-vous enregistrer la "
        f"pré-demande et me proposer un rendez-vous ?\n\nCordialement,\n{name(c)}\n{phone(c)}"],
        **cni("vol"))
    c = pick(with_children)
    case("em-16", [*e, "story", "iphone", "legal-footer", "email", "logement-social"], c, [
        "Bonjour,\n\nJe vis avec mes enfants dans un deux-pièces humide, le plus petit a "
        "de l'asthme et le médecin nous a conseillé de changer de logement. Je voudrais "
        "m'inscrire comme demandeur de logement social et obtenir un numéro de demande.\n\n"
        f"Merci de votre compréhension.\n{name(c)}\n\nEnvoyé de mon iPhone\n\n"
        "Les informations contenues dans ce message sont strictement personnelles."],
        **done(["logement-social"], [HOUSING]))
    c = pick(both(no_caf, ages(18, 64)))
    case("em-17", [*e, "amount", "gross-net", "quoted", "gmail-fr", "unknown-to-administration",
                   "email", "prime-activite"], c, [
        "Bonjour,\n\nComme demandé, voici mes revenus : mon salaire net est de 1 260 € par "
        "mois (1 610 € brut). Je confirme que je veux bien demander la prime d'activité.\n\n"
        f"{name(c)}\n{phone(c)}\n\n"
        "Le ven. 30 oct. 2026 à 09:15, Guichet <ne-pas-repondre@guichet.example> a écrit :\n"
        "> Pour étudier votre demande de prime d'activité, merci d'indiquer vos revenus "
        "d'activité mensuels nets."], approver=GRANT, **granted("prime-activite",
                                                                 prime_declared(1260)))
    c = pick(anyone)
    case("em-18", [*e, "complaint", "names-procedure", "negation", "email",
                   "reclamation-service"], c, [
        "Madame, Monsieur,\n\nPar ce courriel je dépose une réclamation. Mon rendez-vous pour ma "
        "carte d'identité a été annulé deux fois la veille, sans explication, et le standard ne "
        "répond jamais. Je ne vous demande pas un nouveau rendez-vous, je l'ai obtenu ailleurs : "
        "je veux que ma réclamation sur le fonctionnement de l'accueil soit transmise au "
        f"responsable du service.\n\nSalutations,\n{name(c)}"], **complaint())
    c = pick(nationality("BE"))
    case("em-19", [*e, "eu-citizen", "signature", "email", "inscription-listes-electorales"], c, [
        f"Bonjour,\n\nDe nationalité belge ({g(c, 'citoyen', 'citoyenne')} de l'Union "
        f"européenne), je réside à {commune(c)} depuis plusieurs années. Je souhaite être "
        f"{g(c, 'inscrit', 'inscrite')} sur les listes "
        "électorales complémentaires pour les élections municipales et européennes.\n\n"
        f"Bien à vous,\n{name(c)}\nCoordinateur(trice) bénévole - Maison de quartier\n"
        f"{intl(c)}"], **voter(c))
    c = pick(css_over)
    case("em-20", [*e, "refusal", "ineligible", "story", "iphone", "email", "css"], c, [
        "Bonjour,\n\nMes lunettes et les soins dentaires de mes enfants me coûtent très cher "
        "cette année. Je voudrais savoir si je peux bénéficier de la complémentaire santé "
        "solidaire : merci d'étudier ma demande.\n\n"
        f"{name(c)}\n\nEnvoyé de mon iPhone"], approver=REJECT, **refused("css"))


# ---------------------------------------------------------------- 3. mentions and questions (15)


def mentions() -> None:
    m = ["mention"]
    c = pick(fresh_voter)
    case("mn-01", [*m, "other-person", "web", "inscription-listes-electorales"], c, [
        "Ma mère voudrait la complémentaire santé solidaire mais elle fera sa demande elle-même "
        "avec son compte. Moi je voudrais seulement m'inscrire sur les listes électorales."],
        **voter(c))
    c = pick(born_fr)
    case("mn-02", [*m, "already-done", "web", "acte-naissance"], c, [
        "Ma carte d'identité est déjà refaite, merci. Il me reste à obtenir un extrait de mon "
        "acte de naissance pour le dossier de mariage."], **done(["acte-naissance"], [EXTRACT]))
    c = pick(anyone)
    case("mn-03", [*m, "past", "email", "signalement-voirie"], c, [
        "Bonjour,\n\nL'an dernier nous avions fait une demande de logement social ; nous avons "
        "été relogés depuis, tout va bien de ce côté. Je vous écris pour signaler que le "
        "lampadaire devant le 3 allée des Peupliers ne s'allume plus depuis quinze jours.\n\n"
        f"Cordialement,\n{name(c)}"], **ticket("eclairage"))
    c = pick(insured)
    case("mn-04", [*m, "hypothetical", "web", "attestation-droits-sante"], c, [
        "Si jamais je déménage un jour, je vous préviendrai pour l'adresse. Pour l'instant, "
        "il me faut juste mon attestation de droits à l'assurance maladie."],
        **done(["attestation-droits-sante"], [HEALTH_DOC]))
    c = pick(prime_ok)
    case("mn-05", [*m, "negation", "web", "prime-activite"], c, [
        "Je ne demande pas le RSA, je travaille 20 heures par semaine. Je voudrais la prime "
        "d'activité."], approver=GRANT, **granted("prime-activite", prime_amount(c)))
    case("mn-06", [*m, "question-about-rule", "question-only", "web", "renseignement"],
         pick(anyone), ["Est-ce que la prime d'activité compte les revenus du conjoint ? Je "
                        "voudrais juste comprendre comment c'est calculé."], **info())
    case("mn-07", [*m, "question-about-rule", "question-only", "delay", "sms", "renseignement"],
         pick(anyone), ["cb de temps pr avoir une reponse a une demande de rsa ?"], **info())
    case("mn-08", [*m, "question-about-rule", "question-only", "documents", "email",
                   "renseignement"], pick(anyone), [
        "Bonjour,\n\nQuelles pièces faut-il fournir pour s'inscrire sur les listes électorales ? "
        "Je préfère tout préparer avant de venir.\n\nMerci"], **info())
    c = pick(both(one_vehicle, elsewhere("34000"), ages(45, 90)))
    case("mn-09", [*m, "other-person", "web", "carte-grise-adresse"], c, [
        "Mon fils de 19 ans veut s'inscrire sur les listes électorales, il vous écrira lui-même. "
        f"Moi, c'est pour l'adresse sur ma carte grise ({plate(c)}) : 18 rue de la Loge, "
        "34000 Montpellier."], **car_moved(c, "34000"))
    c = pick(one_pupil)
    kid = pupil(c)
    case("mn-10", [*m, "negation", "no-move", "sms", "restauration-scolaire"], c, [
        f"bonjour pas de changement d adresse on a pas demenagé. c juste pr inscrire {kid} a la "
        "cantine de l ecole merci"], **canteen(c, kid))
    c = pick(rsa_ok)
    case("mn-11", [*m, "hypothetical", "web", "rsa"], c, [
        "Si un jour je trouve un travail à temps plein, je demanderai la prime d'activité. Mais pour le "
        "moment mes ressources sont très faibles, je voudrais demander le RSA."],
        approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    c = pick(anyone)
    case("mn-12", [*m, "other-person", "sms", "signalement-voirie"], c, [
        "ma fille a perdu sa carte d identite elle s en occupe. moi je signale un depot sauvage "
        "d encombrants devant le 5 rue des Acacias"], **ticket("proprete"))
    case("mn-13", [*m, "question-about-rule", "question-only", "language", "lang-en", "web",
                   "renseignement"], pick(anyone), [
        "How long does it take to get an answer for the complémentaire santé solidaire, and what "
        "happens if nobody replies?"], **info())
    case("mn-14", [*m, "question-about-rule", "question-only", "silence", "sms", "renseignement"],
         pick(anyone), ["si la caf repond pas a ma demande de prime d activite au bout de "
                        "combien de temps c refusé ?"], **info())
    c = pick(taxed)
    new = claimed(due(c))
    case("mn-15", [*m, "past", "old-name", "web", "reclamation-fiscale"], c, [
        "J'ai touché le RMI il y a vingt ans, rien à voir avec aujourd'hui. Je conteste mon "
        f"impôt sur le revenu {YEAR} : mes frais de garde n'ont pas été déduits, je devrais "
        f"payer {new:.0f} €."], approver=ADJUST, **adjusted(new))


# ---------------------------------------------------------------- 4. corrections (15)


def corrections() -> None:
    k = ["correction"]
    c = pick(moving("13005"))
    case("co-01", [*k, "postal-code", "web", "changement-adresse"], c, [
        "Nouvelle adresse : 13 rue Saint-Pierre, 13006 Marseille. Pardon, je me suis trompé(e) : "
        "13005, pas 13006."], **moved(c, "13005"))
    c = pick(moving("92130"))
    case("co-02", [*k, "commune", "email", "changement-adresse"], c, [
        "Bonjour,\n\nMerci de mettre à jour mon adresse auprès des organismes : 4 rue Ernest "
        "Renan, 92130 Paris. Non en fait, la commune c'est Issy-les-Moulineaux, le code postal "
        f"92130 est bon.\n\n{name(c)}"], **moved_to(c, "92130", "Issy-les-Moulineaux"))
    c = pick(moving("49000"))
    moved_street = moved(c, "49000")
    moved_street["records"].append({"path": "contact.address.line", "value": "15 rue Gambetta"})
    case("co-03", [*k, "street", "sms", "changement-adresse"], c, [
        "nouvelle adresse 5 rue gambetta 49000 angers pour tous les organismes. correction : "
        "c est 15 rue Gambetta pas 5"], **moved_street)
    c = pick(both(no_caf, ages(18, 64)))
    case("co-04", [*k, "amount", "unknown-to-administration", "web", "prime-activite"], c, [
        "Je voudrais la prime d'activité. Je gagne 1 350 € net par mois... non en fait 1 290 €, "
        "les 1 350 c'était le mois avec les heures sup."],
        approver=GRANT, **granted("prime-activite", prime_declared(1290)))
    c = pick(both(no_caf, ages(25, 64)))
    case("co-05", [*k, "amount", "unknown-to-administration", "sms", "rsa"], c, [
        "demande de rsa. je touche 400e par mois, pardon 320e je me suis trompé(e)"],
        approver=GRANT, **granted("rsa", rsa_declared(320)))
    c = pick(css_unknown)
    case("co-06", [*k, "amount", "unknown-to-administration", "web", "css"], c, [
        "Je demande la complémentaire santé solidaire. Mon revenu fiscal de référence est de "
        "11 800 €. Correction : 9 600 €, j'avais lu la ligne du revenu brut global."],
        approver=GRANT, **granted("css", css_declared(c, 9600)))
    c = pick(taxed)
    new = claimed(due(c))
    case("co-07", [*k, "amount", "email", "reclamation-fiscale"], c, [
        f"Bonjour,\n\nJe conteste mon impôt sur le revenu {YEAR}, ma pension alimentaire versée "
        f"n'a pas été déduite. Je devrais payer {new + 40:.0f} €, ou plutôt {new:.0f} € : je "
        f"refais le calcul avec le bon montant de pension.\n\n{name(c)}"],
        approver=ADJUST, **adjusted(new))
    c = pick(two_pupils)
    wrong, right = pupil(c, 0), pupil(c, 1)
    case("co-08", [*k, "child-name", "web", "restauration-scolaire"], c, [
        f"Je voudrais inscrire {wrong} à la cantine, enfin je veux dire {right} : {wrong} y "
        "mange déjà depuis la rentrée."], **canteen(c, right))
    case("co-09", [*k, "location", "sms", "signalement-voirie"], pick(anyone), [
        "nid de poule devant le 8 rue voltaire... pardon avenue voltaire, pas la rue"],
        **ticket("voirie"))
    c = pick(both(no_caf, ages(18, 64)))
    case("co-10", [*k, "first-number-not-amount", "date", "unknown-to-administration", "web",
                   "prime-activite"], c, [
        "Depuis le 15/09 je suis en CDI à 80 %, salaire 1 420 € net par mois. Je demande la "
        "prime d'activité."], approver=GRANT, **granted("prime-activite", prime_declared(1420)))
    c = pick(taxed)
    new = claimed(due(c))
    case("co-11", [*k, "first-number-not-amount", "reference-number", "email",
                   "reclamation-fiscale"], c, [
        f"Bonjour,\n\nNuméro fiscal : {spi(c)}\nRéférence de l'avis : 26 75 A 1234567 89\n\n"
        f"Je conteste mon impôt sur le revenu {YEAR} : les dons à une association n'ont pas été "
        f"pris en compte. J'estime devoir {new:.0f} €.\n\n{name(c)}"],
        approver=ADJUST, **adjusted(new))
    c = pick(both(no_caf, ages(25, 64)))
    case("co-12", [*k, "first-number-not-amount", "phone-number", "unknown-to-administration",
                   "web", "rsa"], c, [
        f"Rappelez-moi au {phone(c)} si besoin. Je voudrais le RSA : je vis seul(e) et je "
        "touche 180 € par mois d'une petite pension d'invalidité, rien d'autre."],
        approver=GRANT, **granted("rsa", rsa_declared(180)))
    c = pick(both(no_caf, ages(18, 64)))
    case("co-13", [*k, "first-number-not-amount", "yearly-monthly", "gross-net",
                   "unknown-to-administration", "email", "prime-activite"], c, [
        "Bonjour,\n\nJe voudrais demander la prime d'activité. Mon contrat indique 18 000 € "
        "brut par an, soit 1 170 € net par mois sur ma fiche de paie.\n\nCordialement,\n"
        + name(c)], approver=GRANT, **granted("prime-activite", prime_declared(1170)))
    c = pick(both(one_vehicle, elsewhere("31300")))
    case("co-14", [*k, "postal-code", "case-number", "web", "carte-grise-adresse"], c, [
        f"Dossier n° 2026-004512. Changement d'adresse sur la carte grise {plate(c)} : 6 rue "
        "Vestrepain, 31200 Toulouse, plutôt 31300 en fait, 31200 c'est l'autre côté du canal."],
        **car_moved(c, "31300"))
    c = pick(moving("54000"))
    case("co-15", [*k, "postal-code", "later-message", "sms", "changement-adresse"], c, [
        "jai demenagé au 7 rue stanislas 54100 nancy, merci de changer mon adresse partout",
        "correction : 54000 pas 54100"], **moved(c, "54000"))


# ---------------------------------------------------------------- 5. names and senses (15)


def aliases() -> None:
    a = ["alias"]
    c = pick(prime_ok)
    case("al-01", [*a, "ppa", "web", "prime-activite"], c, [
        "Je voudrais faire une demande de PPA auprès de la CAF, je suis en CDD à temps partiel."],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(css_ok)
    case("al-02", [*a, "cmu", "sms", "css"], c, ["bonjour je voudrais la cmu pour moi svp"],
         approver=GRANT, **css_outcome(c))
    c = pick(rsa_ok)
    case("al-03", [*a, "rsa-socle", "web", "rsa"], c, [
        "Je voudrais demander le RSA socle, je n'ai pas d'emploi en ce moment."],
        approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    c = pick(rsa_ok)
    case("al-04", [*a, "revenu-minimum", "email", "rsa"], c, [
        "Bonjour,\n\nJe n'ai presque plus rien pour vivre. Est-ce que je peux toucher le revenu "
        f"minimum ? Je voudrais en faire la demande.\n\n{name(c)}"],
        approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    case("al-05", [*a, "hlm", "web", "logement-social"], pick(anyone), [
        "On cherche un HLM, le studio est devenu trop petit pour nous. On veut déposer la "
        "demande."], **done(["logement-social"], [HOUSING]))
    c = pick(one_pupil)
    kid = pupil(c)
    case("al-06", [*a, "demi-pension", "email", "restauration-scolaire"], c, [
        f"Bonjour,\n\nJe souhaite inscrire {kid} à la demi-pension à partir du mois prochain.\n\n"
        f"Merci,\n{name(c)}"], **canteen(c, kid))
    c = pick(fresh_voter)
    case("al-07", [*a, "carte-electeur", "sms", "inscription-listes-electorales"], c, [
        "je voudrais avoir ma carte d electeur, je suis pas inscrit(e) ici"], **voter(c))
    case("al-08", [*a, "attestation-vitale", "web", "attestation-droits-sante"], pick(insured), [
        "Il me faudrait une attestation de carte vitale pour le kiné."],
        **done(["attestation-droits-sante"], [HEALTH_DOC]))
    c = pick(taxed)
    new = claimed(due(c))
    case("al-09", [*a, "degrevement", "email", "reclamation-fiscale"], c, [
        f"Madame, Monsieur,\n\nJe sollicite un dégrèvement de mon impôt sur le revenu {YEAR} : "
        "une pension de retraite a été comptée deux fois. Le montant correct serait de "
        f"{new:.0f} €.\n\n{name(c)}"], approver=ADJUST, **adjusted(new))
    case("al-10", [*a, "cni", "sms", "carte-identite"], pick(cni_due), [
        "pre-demande CNI + rdv stp, la mienne est perimee"], **cni("renouvellement"))
    c = pick(born_fr)
    case("al-11", [*a, "two-meanings", "liste-de-mariage", "web", "acte-naissance"], c, [
        "Nous finissons notre liste de mariage et la mairie nous demande encore une copie "
        "intégrale de mon acte de naissance pour le dossier. Pouvez-vous me l'envoyer ?"],
        **done(["acte-naissance"], [FULL_COPY]))
    c = pick(prime_ok)
    case("al-12", [*a, "two-meanings", "cantine-entreprise", "web", "prime-activite"], c, [
        "Mon employeur a fermé la cantine d'entreprise, mes frais ont augmenté et mon salaire "
        "reste bas. Je voudrais demander la prime d'activité."],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(taxed)
    new = claimed(due(c))
    case("al-13", [*a, "two-meanings", "amende", "email", "reclamation-fiscale"], c, [
        "Bonjour,\n\nMon amende de stationnement, je l'ai déjà contestée et c'est réglé. Mon "
        f"vrai problème, c'est mon impôt sur le revenu {YEAR} : mes frais réels n'ont pas été "
        f"retenus et je devrais payer {new:.0f} €. Je le conteste.\n\n{name(c)}"],
        approver=ADJUST, **adjusted(new))
    c = pick(css_free)
    case("al-14", [*a, "mutuelle-gratuite", "web", "css"], c, [
        "Je voudrais la mutuelle gratuite, je n'arrive plus à payer la mienne."],
        approver=GRANT, **css_outcome(c))
    c = pick(fresh_voter)
    case("al-15", [*a, "cerfa", "email", "inscription-listes-electorales"], c, [
        "Bonjour,\n\nJe vous adresse ma demande d'inscription (cerfa 12669) pour la commune où "
        f"j'habite.\n\nCordialement,\n{name(c)}"], **voter(c))


# ---------------------------------------------------------------- 6. other languages (16)


def languages() -> None:
    lg = ["language"]
    case("la-01", [*lg, "lang-en", "council-flat", "web", "logement-social"], pick(anyone), [
        "Hi, we need a council flat - our rent has gone up again and we can't afford it any more. "
        "Can you put our application in?"], **done(["logement-social"], [HOUSING]))
    c = pick(prime_ok)
    case("la-02", [*lg, "lang-en", "email", "prime-activite"], c, [
        "Hello,\n\nI work 20 hours a week in a bakery and my wages are low. Could I claim the "
        f"prime d'activité? Please process my application.\n\nThanks,\n{given(c)}"],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(moving("69007"))
    case("la-03", [*lg, "lang-es", "web", "changement-adresse"], c, [
        "Hola, me mudé al 8 rue de Marseille, 69007 Lyon. ¿Pueden actualizar mi dirección en la "
        "CAF, Hacienda y la Seguridad Social? Gracias."], **moved(c, "69007"))
    c = pick(one_pupil)
    kid = pupil(c)
    case("la-04", [*lg, "lang-es", "sms", "restauration-scolaire"], c, [
        f"hola quisiera apuntar a {kid} al comedor escolar (la cantine) desde el lunes, gracias"],
        **canteen(c, kid))
    c = pick(css_ok)
    case("la-05", [*lg, "lang-pt", "web", "css"], c, [
        "Bom dia, gostaria de pedir a complémentaire santé solidaire. Não tenho mutuelle e não "
        "consigo pagar o dentista."], approver=GRANT, **css_outcome(c))
    c = pick(nationality("PT"))
    verb = g(c, "português", "portuguesa")
    case("la-06", [*lg, "lang-pt", "eu-citizen", "email", "inscription-listes-electorales"], c, [
        f"Boa tarde,\n\nSou {verb} e moro em {commune(c)} há cinco anos. Queria inscrever-me "
        "nas listas eleitorais para as eleições municipais e europeias.\n\nCumprimentos,\n"
        + name(c)], **voter(c))
    case("la-07", [*lg, "lang-ar", "web", "attestation-droits-sante"], pick(insured), [
        "مساء الخير، أحتاج إلى شهادة حقوق التأمين الصحي (attestation de droits) لأقدمها "
        "للمستشفى. شكرا جزيلا."], **done(["attestation-droits-sante"], [HEALTH_DOC]))
    c = pick(rsa_ok)
    case("la-08", [*lg, "lang-ar", "email", "rsa"], c, [
        "السلام عليكم،\n\nليس لدي عمل منذ عدة أشهر ومواردي قليلة جدا. أريد تقديم طلب للحصول على "
        "RSA (revenu de solidarité active).\n\nشكرا"],
        approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    case("la-09", [*lg, "lang-ro", "sms", "carte-identite"], pick(has_cni), [
        "buna ziua, mi-am pierdut cartea de identitate franceza ieri. trebuie sa fac una noua, "
        "puteti sa-mi dati o programare la primarie?"], **cni("perte"))
    c = pick(one_pupil)
    kid = pupil(c)
    case("la-10", [*lg, "lang-tr", "web", "restauration-scolaire"], c, [
        f"Merhaba, çocuğum {kid} için okul yemekhanesine (cantine) kayıt yaptırmak istiyorum. "
        "Teşekkürler."], **canteen(c, kid))
    c = pick(nationality("IT"))
    case("la-11", [*lg, "lang-it", "eu-citizen", "email", "inscription-listes-electorales"], c, [
        f"Buongiorno,\n\nsono {g(c, 'cittadino italiano', 'cittadina italiana')} e abito a "
        f"{commune(c)}. Vorrei iscrivermi alle liste elettorali per le elezioni comunali ed "
        f"europee.\n\nCordiali saluti,\n{name(c)}"], **voter(c))
    c = pick(nationality("PL"))
    case("la-12", [*lg, "lang-pl", "eu-citizen", "web", "inscription-listes-electorales"], c, [
        f"Dzień dobry, {g(c, 'jestem obywatelem', 'jestem obywatelką')} Polski i mieszkam w "
        f"{commune(c)}. Chcę zapisać się na listy wyborcze przed wyborami samorządowymi i europejskimi. "
        "Dziękuję."], **voter(c))
    case("la-13", [*lg, "lang-de", "email", "acte-naissance"], pick(born_fr), [
        "Guten Tag,\n\nich brauche einen Auszug aus meiner Geburtsurkunde (extrait d'acte de "
        "naissance) für das Standesamt in Freiburg. Vielen Dank!\n\nMit freundlichen Grüßen"],
        **done(["acte-naissance"], [EXTRACT]))
    case("la-14", [*lg, "lang-zh", "web", "signalement-voirie"], pick(anyone), [
        "你好，我家门口（rue Jean Moulin 15号）的路灯坏了一个星期了，晚上特别黑，请派人来修一下。谢谢！"],
        **ticket("eclairage"))
    case("la-15", [*lg, "lang-vi", "web", "logement-social"], pick(anyone), [
        "Xin chào, tôi muốn nộp đơn xin nhà ở xã hội (logement social) cho gia đình tôi. Nhà "
        "tôi có năm người mà chỉ ở trong một phòng. Cảm ơn."],
        **done(["logement-social"], [HOUSING]))
    c = pick(moving("67000"))
    case("la-16", [*lg, "lang-en", "lang-fr", "mixed", "sms", "changement-adresse"], c, [
        "hi, I just moved, ma nouvelle adresse c'est 21 rue du Jeu des Enfants 67000 Strasbourg, "
        "can you update it everywhere svp"], **moved(c, "67000"))


# ---------------------------------------------------------------- 7. plain demands (9)


def plain() -> None:
    pl = ["plain"]
    c = pick(rsa_over)
    case("pl-01", [*pl, "refusal", "ineligible", "web", "rsa"], c, [
        "Je souhaite déposer une demande de revenu de solidarité active."],
        approver=REJECT, **refused("rsa"))
    c = pick(both(fresh_voter, born_fr))
    case("pl-02", [*pl, "multi", "email", "acte-naissance", "inscription-listes-electorales"], c, [
        "Bonjour,\n\nJe voudrais deux choses : un extrait de mon acte de naissance, et mon "
        f"inscription sur les listes électorales de {commune(c)}.\n\nMerci,\n{name(c)}"],
        **done(["acte-naissance", "inscription-listes-electorales"], [EXTRACT, VOTE],
               records=[{"path": "electoral.commune", "value": c["contact"]["address"]["insee"]}]))
    c = pick(both(one_vehicle, elsewhere("35000")))
    case("pl-03", [*pl, "multi", "web", "changement-adresse", "carte-grise-adresse"], c, [
        "Je déclare mon changement d'adresse auprès des organismes et je demande aussi la "
        f"modification de la carte grise {plate(c)} : 2 rue d'Antrain, 35000 Rennes."],
        **moved_with_car(c, "35000"))
    c = pick(taxed)
    case("pl-04", [*pl, "refusal", "ineligible", "web", "reclamation-fiscale"], c, [
        f"Réclamation sur mon impôt sur le revenu {YEAR} : le montant est faux, je devrais payer "
        f"{due(c) + 250} €."], approver=REJECT, **kept_tax(c))
    case("pl-05", [*pl, "web", "acte-naissance"], pick(born_fr), [
        "Je demande une copie intégrale de mon acte de naissance."],
        **done(["acte-naissance"], [FULL_COPY]))
    c = pick(one_pupil)
    kid = pupil(c)
    case("pl-06", [*pl, "multi", "email", "logement-social", "restauration-scolaire"], c, [
        "Madame, Monsieur,\n\nNous déposons une demande de logement social pour notre famille. "
        f"Nous souhaitons également inscrire {kid} à la restauration scolaire.\n\n"
        f"Cordialement,\n{name(c)}"],
        **done(["logement-social", "restauration-scolaire"], [HOUSING, canteen_effect(c, kid)]))
    c = pick(never_voted_non_eu)
    case("pl-07", [*pl, "refusal", "ineligible", "email", "inscription-listes-electorales"], c, [
        "Madame, Monsieur,\n\nJe souhaite être inscrit(e) sur les listes électorales de ma "
        f"commune.\n\nVeuillez agréer mes salutations.\n{name(c)}"],
        approver=REJECT, **voter_refused())
    c = pick(both(insured, cni_due))
    case("pl-08", [*pl, "multi", "web", "attestation-droits-sante", "carte-identite"], c, [
        "Je voudrais mon attestation de droits à l'assurance maladie, et faire la pré-demande de "
        "renouvellement de ma carte d'identité avec un rendez-vous."],
        **done(["attestation-droits-sante", "carte-identite"],
               [HEALTH_DOC, *cni_effects("renouvellement")]))
    case("pl-09", [*pl, "web", "signalement-voirie"], pick(anyone), [
        "Les poubelles débordent devant le 30 rue de la République depuis une semaine."],
        **ticket("proprete"))


# ---------------------------------------------------------------- build


def build() -> list[dict[str, Any]]:
    _prepare()
    # Scarce citizens (EU nationals never registered) first: the languages part needs them.
    for part in (languages, spelling, emails, mentions, corrections, aliases, plain):
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
