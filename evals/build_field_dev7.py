"""Writes evals/datasets/field-dev7.jsonl: a seventh development (tuning) set of real-sounding demands.

What it weighs (100 cases): over-eager fan-out (side remarks naming a procedure nobody asks
for, quoted replies in French and English mail-client forms - Gmail, Outlook, "-----Original
Message-----", "---- Message d'origine ----", Apple Mail forwards - signatures and company or
legal footers naming procedures, an acknowledgement of an earlier demand quoted); corrections
later in a message or in a later message (postal code, commune, amount, child's name,
location; the latest value wins); everyday and old names from the catalogue (CMU-C, ACS,
RSA activité, prime pour l'emploi, RMI, HLM, numéro unique, attestation ameli), words with two
meanings ("la carte" alone, a "liste de naissance", "m'adresser"), questions about a rule read
as questions, negations beside the demand really made; amounts where the first number is not
the claimed one (hours, dates, gross and net, yearly and monthly, a figure in a quoted reply or
a footer); simple demands in English, Spanish, Portuguese, Arabic, Romanian, Turkish, Italian
and Polish; and about a quarter of plain, well-formed demands over the whole catalogue,
refusals included.

Expectations are written from the catalogue's published rules and parameters and the citizen's
own records, never from a model run: amounts and eligibility come from build_core's helpers
(prime d'activité, RSA and CSS from the household and the income the records or the message
give, canteen brackets from the quotient familial), electoral registration from nationality and
residence, address updates from the sources the citizen is known to (moves are given to people
with no vehicle on record, so that no registration is touched), tax corrections from the amount
the citizen claims. Web forms and SMS arrive on the `api` channel with a `web` or `sms` tag;
mails on `email`. Citizens are drawn from the seeded population in a fixed shuffled order (seed
7777), skipping those build_core uses and non-adults, never twice in this set:
  .venv/bin/python -m evals.build_field_dev7
"""

from __future__ import annotations

import copy
import datetime as dt
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

OUT = Path(__file__).parent / "datasets" / "field-dev7.jsonl"
DAY = TODAY.date()
YEAR = str(DAY.year - 1)
SEED = 7777
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
            "id": f"d7-{cid}",
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


# ---------------------------------------------------------------- 1. fan-out traps (16)


def traps() -> None:
    t = ["side-remark"]
    c = pick(prime_ok)
    case("ft-01", [*t, "hours", "web", "prime-activite"], c, [
        "Bonjour, mon fils est déjà inscrit à la cantine depuis septembre, ce n'est pas pour ça. "
        "Je fais 24 h par semaine en magasin et je voudrais demander la prime d'activité."],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(moving("21000"))
    case("ft-02", [*t, "carte-grise-mentioned", "web", "changement-adresse"], c, [
        "J'ai déjà ma carte grise à la bonne adresse, le garage s'en est occupé. Il reste la "
        "CAF, les impôts et la sécu : j'habite désormais 8 rue des Forges, 21000 Dijon."],
        **moved(c, "21000"))
    c = pick(insured)
    case("ft-03", ["quoted", "gmail-fr", "rsa-in-quote", "email", "attestation-droits-sante"], c, [
        "Bonjour,\n\nMerci pour votre réponse. Finalement je garde mon travail, donc oubliez ce "
        "que je disais plus bas. J'ai seulement besoin d'une attestation de droits à "
        f"l'assurance maladie pour la clinique.\n\nBien à vous,\n{name(c)}\n\n"
        f"Le lun. 26 oct. 2026 à 10:12, {name(c)} <{email(c)}> a écrit :\n"
        "> Bonjour, je risque de perdre mon emploi, est-ce que je pourrai demander le RSA ?\n"
        "> Merci"], **done(["attestation-droits-sante"], [HEALTH_DOC]))
    c = pick(born_fr)
    case("ft-04", ["quoted", "gmail-en", "housing-in-quote", "language", "en", "email",
                   "acte-naissance"], c, [
        "Hi,\n\nPlease ignore the housing question in my message below, our landlord renewed the "
        "lease after all. What I still need is a full copy (copie intégrale) of my birth "
        f"certificate for the notary.\n\nThanks,\n{given(c)}\n\n"
        f"On Tue, Oct 27, 2026 at 6:41 PM {name(c)} <{email(c)}> wrote:\n"
        "> Hello, can we apply for social housing? We may have to leave our flat.\n"
        "> Also I need my birth certificate."], **done(["acte-naissance"], [FULL_COPY]))
    c = pick(anyone)
    case("ft-05", ["quoted", "outlook-fr", "housing-in-quote", "email", "signalement-voirie"], c, [
        "Bonjour,\n\nAutre sujet que le message ci-dessous : le réverbère en face du 17 rue "
        "Paul Bert est éteint depuis dix jours, le passage piéton est plongé dans le noir.\n\n"
        f"Cordialement,\n{name(c)}\n\n"
        f"De : {name(c)}\nEnvoyé : mercredi 21 octobre 2026 09:03\nÀ : Mairie - accueil\n"
        "Objet : Demande de logement social\n\n"
        "Bonjour, où en est notre demande de logement social déposée en mars ?"],
        **ticket("eclairage"))
    c = pick(fresh_voter)
    case("ft-06", ["quoted", "original-message", "cni-in-quote", "email",
                   "inscription-listes-electorales"], c, [
        "Bonjour,\n\nPour ma carte d'identité c'est réglé, je l'ai récupérée hier. Par contre je "
        f"ne suis toujours pas inscrit(e) pour voter à {commune(c)} : pouvez-vous m'inscrire sur "
        f"les listes électorales ?\n\n{name(c)}\n\n"
        "-----Original Message-----\nFrom: Mairie\nSent: Thursday, October 22, 2026 2:15 PM\n"
        "Subject: Votre carte nationale d'identité\n\n"
        "Votre carte d'identité est disponible au guichet."], **voter(c))
    c = pick(rsa_ok)
    case("ft-07", ["quoted", "message-origine", "cantine-in-quote", "email", "rsa"], c, [
        "Bonjour,\n\nLa cantine est réglée, merci. Mais depuis la fin de mon contrat je n'ai "
        "plus aucun revenu, je voudrais donc demander le revenu de solidarité active.\n\n"
        f"{given(c)}\n\n---- Message d'origine ----\nDe : Service scolaire\n"
        "Date : 23/10/2026 11:20\nObjet : inscription cantine\n\n"
        "> L'inscription à la restauration scolaire est confirmée pour la rentrée."],
        approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    c = pick(born_fr)
    case("ft-08", ["footer", "signature", "email", "acte-naissance"], c, [
        "Bonjour,\n\nJe souhaiterais recevoir un extrait de mon acte de naissance, c'est pour "
        f"un dossier de PACS.\n\nMerci d'avance,\n{name(c)}\n\n--\nCabinet Ordonne & Vous - "
        "aide aux démarches administratives : carte grise, carte d'identité, logement social, "
        "prime d'activité.\nSIRET 000 000 000 00000"], **done(["acte-naissance"], [EXTRACT]))
    c = pick(one_pupil)
    kid = pupil(c)
    case("ft-09", ["footer", "legal-footer", "email", "restauration-scolaire"], c, [
        f"Bonjour,\n\nJe voudrais inscrire {kid} à la restauration scolaire à partir de "
        f"janvier.\n\nCordialement,\n{name(c)}\nGestionnaire adhérents\n\n"
        "Mutuelle Solidaire du Val - votre complémentaire santé depuis 1948. Ce message et ses "
        "pièces jointes sont confidentiels ; si vous l'avez reçu par erreur, supprimez-le."],
        **canteen(c, kid))
    c = pick(both(one_vehicle, elsewhere("38000")))
    case("ft-10", [*t, "greeting", "web", "carte-grise-adresse"], c, [
        "Bonjour et merci d'avance. Comme pour ma carte d'identité l'an dernier, tout est fait "
        "pour les autres organismes. Il manque seulement l'adresse sur ma carte grise : "
        "22 cours Berriat, 38000 Grenoble."], **car_moved(c, "38000"))
    c = pick(anyone)
    case("ft-11", [*t, "sms", "signalement-voirie"], c, [
        "bjr jai deja fait ma demande hlm l an dernier c pas pour ca. c pr signaler un gros nid "
        "de poule devant le 40 av de la liberation, 2 pneus crevés cette semaine"],
        **ticket("voirie"))
    c = pick(insured)
    case("ft-12", [*t, "other-person", "web", "attestation-droits-sante"], c, [
        "Mon mari touche déjà la prime d'activité, donc rien à faire de ce côté. Moi j'aurais "
        "besoin d'une attestation d'assurance maladie pour ma nouvelle mutuelle."],
        **done(["attestation-droits-sante"], [HEALTH_DOC]))
    c = pick(anyone)
    case("ft-13", ["quoted", "acknowledgement-in-quote", "css-in-quote", "email",
                   "signalement-voirie"], c, [
        "Merci. Et aussi il y a des sacs d'ordures éventrés sur le trottoir devant le 14 rue "
        "des Jardins depuis samedi.\n\nEnvoyé de mon iPhone\n\n"
        "Le 29 oct. 2026 à 08:00, Guichet <ne-pas-repondre@guichet.example> a écrit :\n"
        "> Accusé de réception : votre demande de complémentaire santé solidaire a bien été "
        "enregistrée.\n> Délai annoncé : 2 mois."], **ticket("proprete"))
    c = pick(anyone)
    case("ft-14", ["complaint", "names-procedure", "email", "reclamation-service"], c, [
        "Madame, Monsieur,\n\nJe ne vous demande rien de nouveau : je me plains. Mon dossier de "
        "logement social n'a pas bougé depuis huit mois, j'ai écrit quatre fois et personne ne "
        f"m'a jamais répondu. C'est inacceptable.\n\n{name(c)}"], **complaint())
    c = pick(has_cni)
    case("ft-15", ["forwarded", "apple-mail", "rsa-in-quote", "email", "carte-identite"], c, [
        "Bonjour,\n\nJe vous fais suivre le message de ma sœur, mais ce n'est pas pour elle. "
        "Moi, ma carte d'identité expire en janvier et je voudrais la renouveler avant nos "
        f"vacances.\n\n{given(c)}\n\nDébut du message réexpédié :\n\n"
        "De: Nadia <nadia.perso@example.fr>\nDate: 25 octobre 2026 à 20:11\n"
        "Objet: RSA\n\nTu peux voir si j'ai droit au RSA ? Je suis perdue avec le site."],
        **cni("renouvellement"))
    c = pick(fresh_voter)
    case("ft-16", [*t, "sms", "inscription-listes-electorales"], c, [
        "cc ma fille mange deja a la cantine, rien a faire. moi je veux juste m inscrire sur "
        "les listes electorales svp"], **voter(c))


# ---------------------------------------------------------------- 2. corrections (10)


def corrections() -> None:
    k = ["correction"]
    c = pick(moving("69003"))
    case("cor-01", [*k, "postal-code", "web", "changement-adresse"], c, [
        "Nouvelle adresse à déclarer : 11 rue Bossuet, 69002 Lyon. Pardon, c'est 69003 et pas "
        "69002, je confonds toujours."], **moved(c, "69003"))
    c = pick(moving("69100"))
    case("cor-02", [*k, "commune", "later-message", "email", "changement-adresse"], c, [
        "Bonjour,\n\nSuite à notre déménagement, merci de mettre à jour mes coordonnées : 14 rue "
        f"Francis de Pressensé, 69100 Lyon.\n\n{name(c)}",
        "Rectification : la commune est Villeurbanne, pas Lyon (le code postal 69100 est "
        "juste)."], **moved_to(c, "69100", "Villeurbanne"))
    c = pick(no_caf)
    case("cor-03", [*k, "amount", "unknown-to-administration", "sms", "prime-activite"], c, [
        "bonsoir je voudrais la prime d activite, je gagne 1540e net par mois",
        "je me suis trompé(e) mon salaire est de 1 450 € et non 1 540 €"],
        approver=GRANT, **granted("prime-activite", prime_declared(1450)))
    c = pick(taxed)
    new = claimed(due(c))
    case("cor-04", [*k, "amount", "later-message", "web", "reclamation-fiscale"], c, [
        f"Je conteste mon impôt sur le revenu {YEAR} : mes frais réels n'ont pas été pris en "
        f"compte. Je pense devoir {new + 60:.0f} €.",
        f"Erreur de calcul de ma part, après vérification c'est {new:.0f} € que je devrais "
        "payer."], approver=ADJUST, **adjusted(new))
    c = pick(two_pupils)
    wrong, right = pupil(c, 0), pupil(c, 1)
    case("cor-05", [*k, "child-name", "sms", "restauration-scolaire"], c, [
        f"inscription cantine pr {wrong} svp... non attends c pour {right}, {wrong} y mange "
        "deja"], **canteen(c, right))
    c = pick(both(one_vehicle, elsewhere("33000")))
    case("cor-06", [*k, "postal-code", "email", "carte-grise-adresse"], c, [
        "Bonjour,\n\nMerci de reporter ma nouvelle adresse sur la carte grise de ma voiture : "
        "5 rue Sainte-Colombe, 33800 Bordeaux.\n\nJe corrige : le code postal est 33000, le "
        f"33800 c'était mon ancien quartier.\n\n{name(c)}"], **car_moved(c, "33000"))
    c = pick(css_unknown)
    case("cor-07", [*k, "amount", "unknown-to-administration", "web", "css"], c, [
        "Demande de complémentaire santé solidaire. Revenu fiscal de référence : 9 200 €. "
        "Ah non, j'ai regardé l'avis de l'an dernier : sur le dernier c'est 12 100 €."],
        approver=GRANT, **granted("css", css_declared(c, 12100)))
    c = pick(both(no_caf, ages(25, 64)))
    case("cor-08", [*k, "amount", "later-message", "unknown-to-administration", "email", "rsa"],
         c, [
             "Bonjour,\n\nJe souhaite demander le RSA. Je vis seul(e) et je touche environ 300 € "
             f"par mois.\n\n{name(c)}",
             "Je précise : c'est 250 € par mois, pas 300, les 50 € de plus c'était un "
             "remboursement ponctuel."], approver=GRANT, **granted("rsa", rsa_declared(250)))
    c = pick(moving("75011"))
    case("cor-09", [*k, "postal-code", "quoted", "gmail-fr", "email", "changement-adresse"], c, [
        "Correction de mon message ci-dessous : le code postal est 75011, pas 75001.\n\n"
        f"{given(c)}\n\nLe mar. 27 oct. 2026 à 18:40, {name(c)} <{email(c)}> a écrit :\n"
        "> Bonjour, nous avons déménagé au 9 rue Saint-Maur, 75001 Paris, merci de changer "
        "> notre adresse auprès des organismes."], **moved(c, "75011"))
    c = pick(anyone)
    case("cor-10", [*k, "location", "web", "signalement-voirie"], c, [
        "Trou profond dans la chaussée devant le 12 avenue Foch, pardon le 21, juste avant le "
        "passage piéton."], **ticket("voirie"))


# ---------------------------------------------------------------- 3. names, senses, questions, negations (16)


def senses() -> None:
    c = pick(css_ok)
    case("sen-01", ["everyday-name", "cmu-c", "sms", "css"], c, [
        "slt je voudrais la cmu-c, jai plus de mutuelle depuis cet été"],
        approver=GRANT, **css_outcome(c))
    c = pick(css_ok)
    case("sen-02", ["everyday-name", "acs", "web", "css"], c, [
        "J'avais l'ACS il y a quelques années pour payer ma complémentaire, je voudrais "
        "refaire une demande de cette aide."], approver=GRANT, **css_outcome(c))
    c = pick(prime_ok)
    case("sen-03", ["everyday-name", "rsa-activite", "two-meanings", "web", "prime-activite"], c, [
        "Je travaille en CDD à temps partiel. Je voudrais le RSA activité, c'est bien la CAF qui "
        "s'en occupe ?"], approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(prime_ok)
    case("sen-04", ["everyday-name", "old-name", "email", "prime-activite"], c, [
        "Bonjour,\n\nAvant je touchais la prime pour l'emploi avec mes impôts ; on m'a dit que "
        "c'est devenu la prime d'activité, versée par la CAF. Je travaille toujours à mi-temps "
        f"et je voudrais la demander.\n\nCordialement,\n{name(c)}"],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(has_cni)
    case("sen-05", ["ambiguous", "carte", "later-message", "sms", "carte-identite"], c, [
        "bonjour faut que je refasse ma carte elle est perimee",
        "la carte d identité"], **cni("renouvellement"))
    c = pick(prime_ok)
    case("sen-06", ["question-about-rule", "prime-calculation", "web", "renseignement"], c, [
        "Comment est calculée la prime d'activité ? Je voudrais comprendre le calcul avant de "
        "décider si j'accepte des heures en plus."], **info())
    c = pick(insured)
    case("sen-07", ["question-about-rule", "threshold", "sms", "renseignement"], c, [
        "a partir de quel revenu on a plus droit a la c2s gratuite ?"], **info())
    c = pick(anyone)
    case("sen-08", ["question-about-rule", "silence", "email", "renseignement"], c, [
        "Bonjour,\n\nSi je dépose une demande de complémentaire santé solidaire et que la caisse "
        "ne répond pas, au bout de combien de temps est-elle considérée comme accordée ?\n\n"
        f"Merci,\n{name(c)}"], **info())
    c = pick(anyone)
    case("sen-09", ["negation", "web", "logement-social"], c, [
        "Je ne demande pas le RSA, je travaille. Mais nos loyers ont doublé et nous voudrions "
        "déposer une demande de logement social."], **done(["logement-social"], [HOUSING]))
    c = pick(moving("59800"))
    case("sen-10", ["negation", "pas-besoin", "company-car", "email", "changement-adresse"], c, [
        "Bonjour,\n\nPas besoin de toucher à la carte grise : c'est une voiture de société, "
        "l'entreprise s'en charge. Je vous demande seulement de mettre à jour mon adresse auprès "
        f"des organismes : 3 rue de Béthune, 59800 Lille.\n\n{name(c)}"], **moved(c, "59800"))
    c = pick(fresh_voter)
    case("sen-11", ["two-meanings", "liste", "web", "inscription-listes-electorales"], c, [
        "On vient de faire la liste de naissance pour le bébé, ça m'a rappelé que je n'ai "
        "jamais voté ici. Je voudrais m'inscrire sur la liste électorale de ma commune."],
        **voter(c))
    c = pick(one_pupil)
    kid = pupil(c)
    case("sen-12", ["two-meanings", "adresser", "sms", "restauration-scolaire"], c, [
        f"bjr je sais pas a qui m adresser, je voudrais inscrire {kid} a la cantine de l ecole"],
        **canteen(c, kid))
    c = pick(rsa_ok)
    case("sen-13", ["everyday-name", "old-name", "web", "rsa"], c, [
        "Je n'ai plus aucune ressource. Autrefois on appelait ça le RMI, je voudrais faire la "
        "demande."], approver=GRANT, **granted("rsa", build_core.rsa_amount(c)))
    c = pick(anyone)
    case("sen-14", ["everyday-name", "numero-unique", "sms", "logement-social"], c, [
        "bonjour comment j obtiens mon numero unique pour les hlm ? on est 4 dans un studio"],
        **done(["logement-social"], [HOUSING]))
    c = pick(insured)
    case("sen-15", ["everyday-name", "ameli", "web", "attestation-droits-sante"], c, [
        "La crèche me réclame une attestation ameli, pouvez-vous me l'envoyer ?"],
        **done(["attestation-droits-sante"], [HEALTH_DOC]))
    c = pick(anyone)
    case("sen-16", ["negation", "language", "en", "email", "signalement-voirie"], c, [
        "Hello,\n\nThis is not about school lunches, my kids are already registered. I'd like "
        "to report overflowing bins in front of 6 rue du Marché: nobody has collected them for "
        f"ten days.\n\nBest,\n{name(c)}"], **ticket("proprete"))


# ---------------------------------------------------------------- 4. amounts (8)


def amounts() -> None:
    a = ["amount"]
    c = pick(no_caf)
    case("am-01", [*a, "hours-and-dates", "unknown-to-administration", "web", "prime-activite"],
         c, ["Depuis le 3 mars je travaille 28 heures par semaine comme serveur/serveuse, "
             "payé(e) 1 320 € net par mois. Je voudrais la prime d'activité."],
         approver=GRANT, **granted("prime-activite", prime_declared(1320)))
    c = pick(no_caf)
    case("am-02", [*a, "gross-net", "unknown-to-administration", "sms", "prime-activite"], c, [
        "demande prime activite. salaire 1780 brut soit 1390 net"],
        approver=GRANT, **granted("prime-activite", prime_declared(1390)))
    c = pick(no_caf)
    case("am-03", [*a, "yearly-monthly", "unknown-to-administration", "email", "prime-activite"],
         c, ["Bonjour,\n\nJe voudrais demander la prime d'activité. Sur l'année j'ai touché "
             "15 600 € nets, soit 1 300 € nets par mois.\n\nMerci,\n" + name(c)],
         approver=GRANT, **granted("prime-activite", prime_declared(1300)))
    c = pick(both(no_caf, ages(25, 64)))
    case("am-04", [*a, "several-numbers", "unknown-to-administration", "web", "rsa"], c, [
        "Je paie 480 € de loyer et depuis le 1er septembre je ne touche plus que 90 € par mois. "
        "Je voudrais demander le RSA."], approver=GRANT, **granted("rsa", rsa_declared(90)))
    c = pick(taxed)
    new = claimed(due(c))
    case("am-05", [*a, "amount-in-quote", "quoted", "outlook-fr", "email", "reclamation-fiscale"],
         c, [f"Bonjour,\n\nJe conteste ce montant : ma demi-part d'ancien combattant a été "
             f"oubliée. Le bon montant serait {new:.0f} €.\n\n{name(c)}\n\n"
             "De : Service des impôts des particuliers\nEnvoyé : vendredi 30 octobre 2026 "
             f"16:05\nÀ : {email(c)}\nObjet : votre impôt {YEAR}\n\n"
             f"Votre impôt sur le revenu {YEAR} s'élève à {due(c)} €."],
         approver=ADJUST, **adjusted(new))
    c = pick(css_unknown)
    case("am-06", [*a, "yearly-monthly", "unknown-to-administration", "web", "css"], c, [
        "Je gagne environ 780 € par mois. Mon revenu fiscal de référence est de 8 900 €. "
        "Je voudrais la complémentaire santé solidaire."],
        approver=GRANT, **granted("css", css_declared(c, 8900)))
    c = pick(no_caf)
    case("am-07", [*a, "amount-in-footer", "footer", "email", "prime-activite"], c, [
        "Bonjour,\n\nJe suis animateur/animatrice à mi-temps et je gagne 1 150 € net par mois. "
        f"Puis-je avoir la prime d'activité ?\n\n{name(c)}\n--\nAssociation Les Petits "
        "Loups - budget annuel 120 000 € - agrément 2019"],
        approver=GRANT, **granted("prime-activite", prime_declared(1150)))
    c = pick(both(no_caf, ages(25, 64)))
    case("am-08", [*a, "yearly-monthly", "unknown-to-administration", "sms", "rsa"], c, [
        "je veux le rsa. en 12 mois jai eu 3000e en tout donc 250e par mois"],
        approver=GRANT, **granted("rsa", rsa_declared(250)))


# ---------------------------------------------------------------- 5. other languages (14)


EU_EN = {"BE": "Belgian", "DE": "German", "IT": "Italian", "PL": "Polish", "PT": "Portuguese",
         "RO": "Romanian", "ES": "Spanish"}


def languages() -> None:
    lg = ["language"]
    case("lang-es-01", [*lg, "es", "web", "acte-naissance"], pick(born_fr), [
        "Buenos días, necesito un extracto de mi partida de nacimiento para un trámite en el "
        "consulado. Gracias."], **done(["acte-naissance"], [EXTRACT]))
    case("lang-es-02", [*lg, "es", "email", "attestation-droits-sante"], pick(insured), [
        "Hola:\n\n¿Me pueden enviar mi certificado de derechos del seguro de enfermedad "
        "(attestation de droits) ? Lo tengo que presentar en el hospital.\n\nUn saludo"],
        **done(["attestation-droits-sante"], [HEALTH_DOC]))
    case("lang-pt-01", [*lg, "pt", "web", "carte-identite"], pick(has_cni), [
        "Bom dia, perdi o meu cartão de identidade francês (carte d'identité) no autocarro. "
        "Preciso de pedir um novo e marcar uma hora na câmara municipal."], **cni("perte"))
    case("lang-pt-02", [*lg, "pt", "sms", "signalement-voirie"], pick(anyone), [
        "ola ha um buraco enorme na estrada em frente ao numero 9 da rue des Ecoles, é perigoso "
        "para as motas"], **ticket("voirie"))
    case("lang-ar-01", [*lg, "ar", "web", "logement-social"], pick(anyone), [
        "السلام عليكم، أود تقديم طلب سكن اجتماعي لعائلتي. نعيش خمسة أشخاص في شقة من غرفتين."],
        **done(["logement-social"], [HOUSING]))
    case("lang-ar-02", [*lg, "ar", "email", "acte-naissance"], pick(born_fr), [
        "مرحبا،\n\nأحتاج إلى نسخة كاملة من شهادة ميلادي (copie intégrale d'acte de naissance) "
        "من أجل ملف الزواج.\n\nشكرا"], **done(["acte-naissance"], [FULL_COPY]))
    c = pick(one_pupil)
    kid = pupil(c)
    case("lang-en-01", [*lg, "en", "web", "restauration-scolaire"], c, [
        f"Hello, could you register my child {kid} for lunch at the school canteen? Thank you."],
        **canteen(c, kid))
    c = pick(eu_voter)
    case("lang-en-02", [*lg, "en", "eu-citizen", "email", "inscription-listes-electorales"], c, [
        f"Dear Sir or Madam,\n\nI am a {EU_EN.get(c['etat_civil']['nationality'], 'EU')} "
        f"citizen living in {commune(c)} and I would like to be added to the electoral roll "
        f"for the municipal and European elections.\n\nKind regards,\n{name(c)}"], **voter(c))
    c = pick(nationality("RO"))
    case("lang-ro-01", [*lg, "ro", "eu-citizen", "web", "inscription-listes-electorales"], c, [
        f"Bună ziua, sunt cetățean român și locuiesc în {commune(c)}. Aș dori să mă înscriu pe "
        "listele electorale pentru alegerile municipale și europene. Mulțumesc!"], **voter(c))
    case("lang-tr-01", [*lg, "tr", "sms", "signalement-voirie"], pick(anyone), [
        "Merhaba, sokağımızdaki sokak lambası bir haftadır yanmıyor (rue Victor Hugo, 12 "
        "numaranın önü). Akşamları her yer karanlık."], **ticket("eclairage"))
    case("lang-it-01", [*lg, "it", "email", "attestation-droits-sante"], pick(insured), [
        "Buongiorno,\n\navrei bisogno dell'attestato dei miei diritti all'assicurazione "
        "malattia (attestation de droits) da presentare al mio nuovo datore di lavoro.\n\n"
        "Grazie mille"], **done(["attestation-droits-sante"], [HEALTH_DOC]))
    c = pick(one_pupil)
    kid = pupil(c)
    verb = g(c, "chciałbym", "chciałabym")
    case("lang-pl-01", [*lg, "pl", "web", "restauration-scolaire"], c, [
        f"Dzień dobry, {verb} zapisać moje dziecko {kid} na obiady w stołówce szkolnej. "
        "Dziękuję."], **canteen(c, kid))
    c = pick(moving("44000"))
    case("lang-en-03", [*lg, "en", "sms", "changement-adresse"], c, [
        "hi ive moved to 3 quai de la Fosse 44000 Nantes, pls update my address everywhere"],
        **moved(c, "44000"))
    case("lang-en-04", [*lg, "en", "web", "carte-identite"], pick(has_cni), [
        "Someone stole my bag on the tram yesterday with my French ID card in it. I need a new "
        "one and an appointment."], **cni("vol"))


# ---------------------------------------------------------------- 6. plain demands (28)


def plain() -> None:
    pl = ["plain"]
    case("pl-01", [*pl, "web", "acte-naissance"], pick(born_fr), [
        "Bonjour, je souhaite obtenir un extrait de mon acte de naissance. Merci."],
        **done(["acte-naissance"], [EXTRACT]))
    case("pl-02", [*pl, "email", "acte-naissance"], pick(born_fr), [
        "Madame, Monsieur,\n\nJe vous serais reconnaissant(e) de bien vouloir m'adresser la "
        "copie intégrale de mon acte de naissance.\n\nVeuillez agréer mes salutations."],
        **done(["acte-naissance"], [FULL_COPY]))
    c = pick(moving("35000"))
    case("pl-03", [*pl, "web", "changement-adresse"], c, [
        "Je déclare mon changement d'adresse : 6 place des Lices, 35000 Rennes."],
        **moved(c, "35000"))
    c = pick(moving("67000"))
    case("pl-04", [*pl, "sms", "changement-adresse"], c, [
        "nouvelle adresse 19 rue des Juifs 67000 Strasbourg merci de prevenir les organismes"],
        **moved(c, "67000"))
    c = pick(fresh_voter)
    case("pl-05", [*pl, "web", "inscription-listes-electorales"], c, [
        "Je souhaite m'inscrire sur les listes électorales de ma commune."], **voter(c))
    c = pick(both(non_eu, lambda c: c.get("electoral") is None))
    case("pl-06", [*pl, "refusal", "ineligible", "email", "inscription-listes-electorales"], c, [
        "Bonjour,\n\nJe voudrais être inscrit(e) sur la liste électorale pour voter aux "
        f"prochaines élections.\n\n{name(c)}"], approver=REJECT,
        **refused("inscription-listes-electorales", records=[{"path": "electoral",
                                                              "value": None}]))
    case("pl-07", [*pl, "web", "carte-identite"], pick(has_cni), [
        "Ma carte nationale d'identité arrive à expiration, je voudrais faire la pré-demande "
        "et prendre rendez-vous."], **cni("renouvellement"))
    case("pl-08", [*pl, "sms", "carte-identite"], pick(has_cni), [
        "jai perdu ma cni, besoin d un rdv pour la refaire"], **cni("perte"))
    c = pick(prime_ok)
    case("pl-09", [*pl, "web", "prime-activite"], c, [
        "Je voudrais faire une demande de prime d'activité."],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))
    c = pick(prime_over)
    case("pl-10", [*pl, "refusal", "ineligible", "email", "prime-activite"], c, [
        "Bonjour,\n\nJe suis salarié(e) et je souhaiterais savoir si je peux bénéficier de la "
        f"prime d'activité ; merci d'étudier ma demande.\n\n{name(c)}"],
        approver=REJECT, **refused("prime-activite"))
    c = pick(css_ok)
    case("pl-11", [*pl, "web", "css"], c, [
        "Je dépose une demande de complémentaire santé solidaire pour mon foyer."],
        approver=GRANT, **css_outcome(c))
    c = pick(css_over)
    case("pl-12", [*pl, "refusal", "ineligible", "sms", "css"], c, [
        "bonjour je voudrais la complementaire sante solidaire svp"],
        approver=REJECT, **refused("css"))
    c = pick(rsa_ok)
    case("pl-13", [*pl, "email", "rsa"], c, [
        "Bonjour,\n\nJe sollicite le bénéfice du revenu de solidarité active.\n\n"
        f"Respectueusement,\n{name(c)}"], approver=GRANT,
        **granted("rsa", build_core.rsa_amount(c)))
    c = pick(rsa_over)
    case("pl-14", [*pl, "refusal", "ineligible", "web", "rsa"], c, [
        "Je voudrais demander le RSA."], approver=REJECT, **refused("rsa"))
    c = pick(taxed)
    new = claimed(due(c))
    case("pl-15", [*pl, "web", "reclamation-fiscale"], c, [
        f"Je conteste le montant de mon impôt sur le revenu {YEAR} : j'estime devoir "
        f"{new:.0f} €."], approver=ADJUST, **adjusted(new))
    c = pick(taxed)
    case("pl-16", [*pl, "refusal", "ineligible", "email", "reclamation-fiscale"], c, [
        f"Bonjour,\n\nRéclamation sur mon impôt {YEAR} : le montant est faux, je devrais "
        f"payer {due(c) + 300} €.\n\n{name(c)}"], approver=REJECT, **kept_tax(c))
    case("pl-17", [*pl, "web", "attestation-droits-sante"], pick(insured), [
        "Pouvez-vous m'envoyer mon attestation de droits à l'assurance maladie ?"],
        **done(["attestation-droits-sante"], [HEALTH_DOC]))
    case("pl-18", [*pl, "sms", "attestation-droits-sante"], pick(insured), [
        "attestation de droits cpam stp"], **done(["attestation-droits-sante"], [HEALTH_DOC]))
    case("pl-19", [*pl, "web", "logement-social"], pick(anyone), [
        "Je souhaite faire une demande de logement social."],
        **done(["logement-social"], [HOUSING]))
    case("pl-20", [*pl, "email", "logement-social"], pick(anyone), [
        "Madame, Monsieur,\n\nJe vous adresse une demande de logement social (cerfa 14069) "
        "pour mon foyer.\n\nCordialement"], **done(["logement-social"], [HOUSING]))
    c = pick(one_pupil)
    kid = pupil(c)
    case("pl-21", [*pl, "web", "restauration-scolaire"], c, [
        f"Inscription de {kid} à la cantine scolaire, s'il vous plaît."], **canteen(c, kid))
    c = pick(one_pupil)
    kid = pupil(c)
    case("pl-22", [*pl, "sms", "restauration-scolaire"], c, [
        f"bjr je veux inscrire {kid} a la cantine merci"], **canteen(c, kid))
    case("pl-23", [*pl, "web", "signalement-voirie"], pick(anyone), [
        "Je signale un nid-de-poule devant le 4 rue Nationale."], **ticket("voirie"))
    case("pl-24", [*pl, "email", "signalement-voirie"], pick(anyone), [
        "Bonjour,\n\nUn dépôt sauvage d'encombrants bloque le trottoir devant le 10 rue de la "
        "Gare depuis lundi.\n\nCordialement"], **ticket("proprete"))
    c = pick(both(one_vehicle, elsewhere("13001")))
    case("pl-25", [*pl, "web", "carte-grise-adresse"], c, [
        f"Changement d'adresse sur la carte grise {vehicles(c)[0]['plate']} : 5 rue de Rome, "
        "13001 Marseille."], **car_moved(c, "13001"))
    c = pick(both(one_vehicle, elsewhere("31000")))
    case("pl-26", [*pl, "sms", "carte-grise-adresse"], c, [
        "modifier adresse carte grise svp, je suis au 7 rue d alsace lorraine 31000 toulouse"],
        **car_moved(c, "31000"))
    case("pl-27", [*pl, "question-about-rule", "web", "renseignement"], pick(anyone), [
        "Quelles pièces faut-il fournir pour une demande de logement social ?"], **info())
    case("pl-28", [*pl, "complaint", "web", "reclamation-service"], pick(anyone), [
        "Je souhaite déposer une réclamation : l'accueil de la mairie m'a renvoyé(e) trois fois "
        "sans me recevoir."], **complaint())


# ---------------------------------------------------------------- 7. more of each (8)


def more() -> None:
    c = pick(moving("13008"))
    case("mo-01", ["language", "es", "correction", "postal-code", "web", "changement-adresse"],
         c, ["Hola, me he mudado al 15 avenue du Prado, 13006 Marsella. Perdón, el código "
             "postal es 13008, no 13006. ¿Pueden cambiar mi dirección en todos los organismos?"],
         **moved(c, "13008"))
    case("mo-02", ["language", "ar", "sms", "signalement-voirie"], pick(anyone), [
        "مرحبا، يوجد حفرة كبيرة في الطريق أمام رقم 8 شارع جان جوريس (rue Jean Jaurès)، وهي "
        "خطيرة على السيارات."], **ticket("voirie"))
    c = pick(one_pupil)
    kid = pupil(c)
    case("mo-03", ["language", "pt", "email", "restauration-scolaire"], c, [
        f"Bom dia,\n\nGostaria de inscrever o meu filho/a minha filha {kid} na cantina da "
        "escola (restauration scolaire).\n\nObrigado/a"], **canteen(c, kid))
    c = pick(taxed)
    new = claimed(due(c))
    case("mo-04", ["language", "en", "amount", "quoted", "outlook-en", "email",
                   "reclamation-fiscale"], c, [
        f"Hello,\n\nI dispute my {YEAR} income tax: the childcare costs were left out. I "
        f"believe I owe {new:.0f} euros, not the amount below.\n\n{name(c)}\n\n"
        f"From: Tax office\nSent: Friday, October 30, 2026 4:05 PM\nTo: {email(c)}\n"
        f"Subject: Your income tax {YEAR}\n\nYour income tax for {YEAR} is {due(c)} euros."],
        approver=ADJUST, **adjusted(new))
    c = pick(both(one_vehicle, elsewhere("86000")))
    case("mo-05", ["two-meanings", "carte", "scooter", "sms", "carte-grise-adresse"], c, [
        "bjr faut mettre ma nouvelle adresse sur la carte du scooter : 2 rue de la Cathédrale "
        "86000 Poitiers. le reste c deja fait"], **car_moved(c, "86000"))
    c = pick(insured)
    case("mo-06", ["negation", "web", "attestation-droits-sante"], c, [
        "Je n'ai pas besoin de la complémentaire santé solidaire, j'ai une mutuelle. Il me faut "
        "juste une attestation de droits pour l'hôpital."],
        **done(["attestation-droits-sante"], [HEALTH_DOC]))
    c = pick(born_fr)
    case("mo-07", ["side-remark", "sms", "acte-naissance"], c, [
        "deja inscrit sur les listes electorales et carte d identite ok. il me manque juste un "
        "extrait d acte de naissance pr le dossier de mariage"],
        **done(["acte-naissance"], [EXTRACT]))
    c = pick(no_caf)
    case("mo-08", ["amount", "correction", "unknown-to-administration", "email",
                   "prime-activite"], c, [
        "Bonjour,\n\nJe voudrais demander la prime d'activité. Je travaille 30 heures par "
        "semaine et je gagne 1 240 € net par mois.\n\nPS : je corrige, c'est 1 210 € net, "
        f"1 240 € c'était avec une prime exceptionnelle.\n\n{name(c)}"],
        approver=GRANT, **granted("prime-activite", prime_declared(1210)))


# ---------------------------------------------------------------- build


def build() -> list[dict[str, Any]]:
    _prepare()
    for part in (traps, corrections, senses, amounts, languages, plain, more):
        part()
    return list(CASES)


def main() -> None:
    cases = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(dump_case(c) + "\n" for c in cases), encoding="utf-8")
    loaded = load_dataset(OUT)
    print(f"{len(loaded)} cases written to {OUT.name}")


if __name__ == "__main__":
    main()
