"""Writes evals/datasets/field-dev5.jsonl: a fifth development (tuning) set of real-sounding messages.

What it weighs (90 cases): questions about a rule (canteen brackets, electoral deadlines and
conditions, identity-card delays and documents, RSA and prime conditions, delays, eligibility of
someone else) against questions that are really demands ("pouvez-vous m'inscrire... ?"); side
remarks naming another procedure the citizen does not ask for; e-mails whose quoted history names
other procedures; moves with a vehicle (carte grise named or not) against moves without; road
reports phrased with negations; lost cards (a carte Vitale with a proof of rights needed, which
the catalogue handles, and a passport, which it does not); complaints sent by SMS or chat; demands
in Turkish, Romanian, Polish, Italian and German; several demands in one message where one part
is only a mention.

Expectations are written from the catalogue's published rules and parameters and the citizen's
own records (never from a model run): amounts and eligibility come from build_core's helpers,
canteen brackets from the quotient familial, electoral registration from the nationality and the
residence commune, address updates from the sources the citizen is known to. Citizens are drawn
from the seeded population in a fixed shuffled order (seed 5353), skipping those build_core uses
and non-adults, never twice in this set:
  .venv/bin/python -m evals.build_field_dev5
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
    prime_amount,
    rsa_amount,
)
from evals.dataset import dump_case, load_dataset
from evals.world import TODAY, population
from guichet.population import age_on

OUT = Path(__file__).parent / "datasets" / "field-dev5.jsonl"
DAY = TODAY.date()
YEAR = str(DAY.year - 1)
SEED = 5353
Citizen = dict[str, Any]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

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


def anyone(c: Citizen) -> bool:
    return True


def both(*preds: Callable[[Citizen], bool]) -> Callable[[Citizen], bool]:
    return lambda c: all(p(c) for p in preds)


def born_fr(c: Citizen) -> bool:
    return not c["etat_civil"]["birth_commune"].startswith("99")


def insured(c: Citizen) -> bool:
    return c.get("cpam") is not None


def french(c: Citizen) -> bool:
    return bool(c["etat_civil"]["nationality"] == "FR")


def nationality(code: str) -> Callable[[Citizen], bool]:
    return lambda c: bool(c["etat_civil"]["nationality"] == code)


def female(c: Citizen) -> bool:
    return bool(c["etat_civil"]["sex"] == "F")


def male(c: Citizen) -> bool:
    return not female(c)


def ages(low: int, high: int) -> Callable[[Citizen], bool]:
    return lambda c: low <= age(c) <= high


def vehicles(c: Citizen) -> list[dict[str, Any]]:
    return list((c.get("ants") or {}).get("vehicles") or [])


def one_vehicle(c: Citizen) -> bool:
    return len(vehicles(c)) == 1


def two_vehicles(c: Citizen) -> bool:
    return len(vehicles(c)) == 2


def no_vehicle(c: Citizen) -> bool:
    return not vehicles(c)


def cni_expiry(c: Citizen) -> dt.date | None:
    card = (c.get("ants") or {}).get("cni")
    return dt.date.fromisoformat(card["expiry"]) if card else None


def has_cni(c: Citizen) -> bool:
    return cni_expiry(c) is not None


def cni_expired(c: Citizen) -> bool:
    expiry = cni_expiry(c)
    return expiry is not None and expiry < DAY


def cni_due(c: Citizen) -> bool:
    """Expired, or expiring within about six months: a renewal makes sense."""
    expiry = cni_expiry(c)
    return expiry is not None and expiry <= DAY + dt.timedelta(days=190)


def cni_from(year: int) -> Callable[[Citizen], bool]:
    return lambda c: (cni_expiry(c) or DAY).year >= year


def passport_valid(c: Citizen) -> bool:
    passport = (c.get("ants") or {}).get("passport")
    return passport is not None and dt.date.fromisoformat(passport["expiry"]) > DAY


def registered_voter(c: Citizen) -> bool:
    return c.get("electoral") is not None


def fresh_voter(c: Citizen) -> bool:
    return c.get("electoral") is None and french(c)


def has_caf(c: Citizen) -> bool:
    return c.get("caf") is not None


def child_age(child: dict[str, Any]) -> int:
    return age_on(child["birth_date"], DAY)


def pupils(c: Citizen) -> list[dict[str, Any]]:
    """Children of school age (maternelle to collège), who may eat at a school canteen."""
    return [k for k in ((c.get("caf") or {}).get("children") or []) if 3 <= child_age(k) <= 14]


def with_pupil(c: Citizen) -> bool:
    return len(pupils(c)) >= 1


def two_pupils(c: Citizen) -> bool:
    return len(pupils(c)) >= 2


def one_pupil(c: Citizen) -> bool:
    kids = (c.get("caf") or {}).get("children") or []
    return len(kids) == 1 and len(pupils(c)) == 1


def prime_ok(c: Citizen) -> bool:
    return bool(build_core._prime_eligible(c))


def rsa_ok(c: Citizen) -> bool:
    return bool(build_core._rsa_eligible(c))


def rfr(c: Citizen) -> float:
    return build_core._rfr(c)


def css_ok(c: Citizen) -> bool:
    """Known to the CPAM and the tax office, no CSS yet, resources under the upper limit."""
    return (
        bool(c.get("cpam") and c.get("dgfip")) and c["cpam"].get("css") is None and rfr(c) < css_limits(c)[1]
    )


def taxed(c: Citizen) -> bool:
    return bool(c.get("dgfip")) and c["dgfip"]["tax_due"].get(YEAR, 0) > 400


def elsewhere(postal_code: str) -> Callable[[Citizen], bool]:
    return lambda c: c["contact"]["address"]["postal_code"] != postal_code


def status(*values: str) -> Callable[[Citizen], bool]:
    return lambda c: c["etat_civil"]["marital_status"] in values


def benefit(name: str) -> Callable[[Citizen], bool]:
    return lambda c: name in ((c.get("caf") or {}).get("benefits") or [])


# ---------------------------------------------------------------- words from the records


def name(c: Citizen) -> str:
    ec = c["etat_civil"]
    return f"{ec['given_names'][0]} {ec['family_name'].title()}"


def given(c: Citizen) -> str:
    return str(c["etat_civil"]["given_names"][0])


def g(c: Citizen, masc: str, fem: str) -> str:
    """The word agreeing with the citizen's sex."""
    return fem if female(c) else masc


def email(c: Citizen) -> str:
    return str(c["contact"].get("email") or "usager@example.fr")


def phone(c: Citizen) -> str:
    p = str(c["contact"].get("phone") or "+33600000000")
    return "0" + p[3:4] + " " + " ".join(p[i : i + 2] for i in range(4, 12, 2))


def commune(c: Citizen) -> str:
    return str(c["contact"]["address"]["commune"])


def home(c: Citizen) -> str:
    a = c["contact"]["address"]
    return f"{a['line']}, {a['postal_code']} {a['commune']}"


def month_year(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def stale_grey_card(c: Citizen, index: int = 0) -> None:
    """The vehicle still registered at an earlier address (the scenario says so)."""
    v = c["ants"]["vehicles"][index]
    if v["address_insee"] == c["contact"]["address"]["insee"]:
        v["address_insee"] = "75056" if not c["contact"]["address"]["insee"].startswith("75") else "69123"


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
    if channel != "api" and channel not in tags:
        tags = [*tags, channel]
    CASES.append(
        {
            "id": f"d5-{cid}",
            "tags": tags,
            "citizen": citizen,
            "channel": channel,
            "messages": messages,
            "approver": approver or [],
            "expect": expect,
        }
    )


GRANT = [{"effect": "grant_benefit", **APPROVE}]


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


def handed(procedures: list[str], **more: Any) -> dict[str, Any]:
    return {
        "procedures": procedures,
        "status": "en_instruction",
        "approvals": [],
        "effects": [{"effect": "handoff"}],
        "notified": False,
        **more,
    }


def info() -> dict[str, Any]:
    """A question about a rule: answered from the procedures' data, nothing written."""
    return done(["renseignement"], [])


def out_of_scope() -> dict[str, Any]:
    return {
        "procedures": [],
        "status": "en_instruction",
        "approvals": [],
        "effects": [{"effect": "handoff"}],
        "notified": False,
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


def grant(benefit_id: str, amount: float) -> dict[str, Any]:
    return {
        "effect": "grant_benefit",
        "args": {"benefit": benefit_id, "monthly_amount": amount, "start_date": START},
    }


def css_amount(c: Citizen) -> float:
    return 0.0 if rfr(c) < css_limits(c)[0] else css_participation(c)


def adjusted(amount: float) -> dict[str, Any]:
    return {
        "procedures": ["reclamation-fiscale"],
        "status": "accepte",
        "approvals": ["adjust_tax"],
        "effects": [{"effect": "adjust_tax", "args": {"year": int(YEAR), "new_amount": amount}}],
        "notified": True,
        "records": [{"path": f"dgfip.tax_due.{YEAR}", "value": amount}],
    }


def claimed(due: float) -> float:
    """A plausible corrected amount, below the one charged."""
    return float(round(due * 0.72 / 10) * 10)


EXTRACT = {"effect": "issue_document", "args": {"kind": "acte-naissance-extrait"}}
FULL_COPY = {"effect": "issue_document", "args": {"kind": "acte-naissance-copie-integrale"}}
HEALTH_DOC = {"effect": "issue_document", "args": {"kind": "attestation-droits-sante"}}
HOUSING = {"effect": "register", "args": {"list": "social-housing"}}
VOTE = {"effect": "register", "args": {"list": "electoral"}}


def voter_record(c: Citizen) -> list[dict[str, Any]]:
    return [{"path": "electoral.commune", "value": c["contact"]["address"]["insee"]}]


def voter(c: Citizen) -> dict[str, Any]:
    return done(["inscription-listes-electorales"], [VOTE], records=voter_record(c))


def cni_effects(motif: str) -> list[dict[str, Any]]:
    return [
        {"effect": "register", "args": {"list": "cni-pre-application", "motif": motif}},
        {"effect": "book_appointment"},
    ]


def cni(motif: str) -> dict[str, Any]:
    return done(["carte-identite"], cni_effects(motif))


def canteen_effect(c: Citizen, kid: str) -> dict[str, Any]:
    qf = (c.get("caf") or {}).get("quotient_familial")
    return {"effect": "register", "args": {"list": "canteen", "child": kid, "bracket": bracket(qf)}}


def canteen(c: Citizen, kid: str) -> dict[str, Any]:
    return done(["restauration-scolaire"], [canteen_effect(c, kid)])


def ticket_effect(category: str) -> dict[str, Any]:
    return {"effect": "create_ticket", "args": {"category": category}}


def ticket(category: str) -> dict[str, Any]:
    return done(["signalement-voirie"], [ticket_effect(category)])


def moved_records(postal_code: str) -> list[dict[str, Any]]:
    return [{"path": "contact.address.postal_code", "value": postal_code}]


def moved(c: Citizen, postal_code: str) -> dict[str, Any]:
    return done(["changement-adresse"], moves(c, postal_code), records=moved_records(postal_code))


def grey_card(plate: str, postal_code: str) -> dict[str, Any]:
    return {
        "effect": "update_contact",
        "args": {"source": "ants", "plate": plate, "address": {"postal_code": postal_code}},
    }


def grey_record(c: Citizen, plate: str, postal_code: str) -> dict[str, Any]:
    index = next(i for i, v in enumerate(vehicles(c)) if v["plate"] == plate)
    return {"path": f"ants.vehicles.{index}.address.postal_code", "value": postal_code}


def moved_with_car(c: Citizen, plate: str, postal_code: str) -> dict[str, Any]:
    return done(
        ["changement-adresse", "carte-grise-adresse"],
        [*moves(c, postal_code), grey_card(plate, postal_code)],
        records=[*moved_records(postal_code), grey_record(c, plate, postal_code)],
    )


def car_only(c: Citizen, plate: str, postal_code: str) -> dict[str, Any]:
    return done(
        ["carte-grise-adresse"], [grey_card(plate, postal_code)], records=[grey_record(c, plate, postal_code)]
    )


# ---------------------------------------------------------------- 1. questions about a rule (14)


def questions() -> None:
    q = ["question-about-rule", "renseignement"]

    c = pick(lambda c: len(pupils(c)) >= 2 and 450 <= c["caf"]["quotient_familial"] < 1200)
    qf = c["caf"]["quotient_familial"]
    case(
        "q-01",
        [*q, "canteen-price", "amount", "side-remark"],
        c,
        [
            "Bonjour, comment sont calculés les tarifs de la cantine scolaire ? On m'a parlé de "
            "tranches selon le quotient familial, mais je ne trouve nulle part où s'arrête chacune. "
            f"Le nôtre est de {qf} € d'après la CAF : ça nous place dans quelle tranche ? Les enfants "
            "sont déjà inscrits, c'est seulement pour comprendre la facture de novembre."
        ],
        **info(),
    )

    case(
        "q-02",
        [*q, "canteen-price", "sms"],
        pick(both(with_pupil, ages(22, 50))),
        [
            "slt c koi les tranches de prix pr la cantine ? ca depend du salaire ou du quotient de la "
            "caf ? merci"
        ],
        channel="chat",
        **info(),
    )

    c = pick(ages(40, 60))
    case(
        "q-03",
        [*q, "electoral-deadline", "other-person"],
        c,
        [
            "Bonjour, notre fille fête ses 18 ans le 14 février. Jusqu'à quelle date pourra-t-elle "
            "s'inscrire sur les listes électorales pour voter aux municipales de mars ? Et est-ce "
            "qu'elle doit faire la démarche elle-même ou est-ce automatique ?"
        ],
        **info(),
    )

    c = pick(nationality("BE"))
    case(
        "q-04",
        [*q, "electoral-conditions", "eu-citizen", "negation"],
        c,
        [
            f"Bonjour, je suis belge et j'habite {commune(c)} depuis trois ans. "
            "Est-ce que j'ai le droit de voter à toutes les élections en France, ou seulement à "
            "certaines ? Je ne vous demande pas de m'inscrire pour l'instant, je me renseigne "
            "d'abord."
        ],
        **info(),
    )

    case(
        "q-05",
        [*q, "cni-delay"],
        pick(ages(28, 50)),
        [
            "Combien de temps faut-il compter en ce moment pour une carte d'identité, entre la "
            "pré-demande et le retrait en mairie ? Nous partons en Croatie fin juin avec les enfants "
            "et je voudrais savoir à partir de quand il faut s'y prendre."
        ],
        **info(),
    )

    c = pick(ages(20, 45))
    case(
        "q-06",
        [*q, "cni-documents", "greeting", "signature"],
        c,
        [
            "Bonjour,\n\nPourriez-vous me dire quelles pièces il faut apporter au rendez-vous pour "
            "une carte d'identité ? J'habite chez mon compagnon depuis un an et aucune facture n'est "
            "à mon nom : une attestation d'hébergement signée par lui suffit-elle comme justificatif "
            f"de domicile ?\n\nMerci d'avance,\n{name(c)}"
        ],
        channel="email",
        **info(),
    )

    c = pick(both(ages(22, 40), lambda c: not (c.get("caf") or {}).get("children")))
    partner = g(c, "Ma compagne a 24 ans", "Mon compagnon a 24 ans")
    pronoun = g(c, "elle", "il")
    case(
        "q-07",
        [*q, "rsa-conditions", "eligibility", "other-person"],
        c,
        [
            f"{partner}, pas d'enfant, et {pronoun} ne travaille plus depuis juin. Est-ce qu'{pronoun} "
            f"peut toucher le RSA dès maintenant, ou faut-il attendre qu'{pronoun} ait 25 ans ?"
        ],
        **info(),
    )

    c = pick(ages(18, 30))
    case(
        "q-08",
        [*q, "prime-conditions", "negation"],
        c,
        [
            "Jusqu'à quel salaire peut-on toucher la prime d'activité quand on vit seul ? Je ne fais "
            "pas la demande pour l'instant : mon patron me propose de passer de 20 à 30 heures et je "
            "voudrais comparer avant de répondre."
        ],
        **info(),
    )

    case(
        "q-09",
        [*q, "delay", "silence"],
        pick(ages(25, 60)),
        [
            "Bonjour, ma demande de RSA a été déposée il y a cinq semaines et je n'ai aucune "
            "nouvelle. Ce délai est-il normal ? Et si la CAF ne répond jamais, ça veut dire que c'est "
            "accepté ou refusé, et au bout de combien de temps ?"
        ],
        **info(),
    )

    c = pick(ages(45, 65))
    case(
        "q-10",
        [*q, "delay", "documents", "other-person"],
        c,
        [
            "Mon père, né à Angers, doit fournir une copie intégrale de son acte de naissance pour "
            "son remariage. Il a 81 ans et pas internet, c'est moi qui l'aide. En combien de jours "
            "l'acte arrive-t-il une fois demandé, et faut-il joindre une pièce justificative ?"
        ],
        **info(),
    )

    c = pick(ages(40, 65))
    case(
        "q-11",
        [*q, "css-conditions", "eligibility", "other-person", "amount"],
        c,
        [
            "Mes parents sont tous les deux retraités et déclarent environ 12 500 € par an à eux "
            "deux. Pourraient-ils avoir la complémentaire santé solidaire gratuite, ou seulement "
            "avec une participation ? Je voudrais les aider à monter le bon dossier."
        ],
        **info(),
    )

    c = pick(ages(38, 55))
    case(
        "q-12",
        [*q, "electoral-conditions", "age", "other-person"],
        c,
        [
            "Mon fils a 17 ans et demi. Peut-il déjà s'inscrire sur les listes électorales, ou "
            "doit-il attendre d'avoir 18 ans ? Il n'y a rien d'urgent pour lui, je pose juste la "
            "question."
        ],
        **info(),
    )

    case(
        "q-13",
        [*q, "rsa-amount", "amount"],
        pick(ages(25, 60)),
        [
            "Le RSA, c'est combien par mois pour une personne seule, sans enfant et sans aucun "
            "revenu ? Et avec un enfant à charge, ça monte de combien ?"
        ],
        **info(),
    )

    c = pick(lambda c: (cni_expiry(c) or DAY).year == 2028)
    case(
        "q-14",
        [*q, "cni-renewal-rule", "negation"],
        c,
        [
            "Ma carte d'identité n'expire qu'en 2028. Peut-on la faire renouveler en avance, et si "
            "oui, quels documents faut-il ? Je ne prends pas rendez-vous maintenant, c'est pour "
            "savoir avant un voyage l'été prochain."
        ],
        **info(),
    )


# ---------------------------------------------------------------- 2. questions that are demands (6)


def demands_as_questions() -> None:
    dq = ["demand-as-question"]

    c = pick(fresh_voter)
    case(
        "dq-01",
        [*dq, "inscription-listes-electorales"],
        c,
        [
            f"Bonjour, pourriez-vous m'inscrire sur la liste électorale de {commune(c)} ? J'habite "
            "ici depuis le mois de mai et je n'ai encore jamais fait la démarche."
        ],
        **voter(c),
    )

    c = pick(one_pupil)
    kid = pupils(c)[0]["given_name"]
    case(
        "dq-02",
        [*dq, "restauration-scolaire"],
        c,
        [
            f"Est-ce que ce serait possible d'inscrire {kid} à la cantine à partir du lundi 16 "
            "novembre ? Je commence un nouveau travail et je ne pourrai plus faire l'aller-retour "
            "à l'école le midi."
        ],
        **canteen(c, kid),
    )

    c = pick(both(insured, ages(18, 45)))
    case(
        "dq-03",
        [*dq, "sms", "everyday-name", "attestation-droits-sante"],
        c,
        ["c possible de recevoir une attestation ameli ? le cabinet de radio la veut avant mon irm de jeudi"],
        channel="chat",
        **done(["attestation-droits-sante"], [HEALTH_DOC]),
    )

    c = pick(cni_expired)
    expiry = cni_expiry(c)
    assert expiry is not None
    case(
        "dq-04",
        [*dq, "carte-identite"],
        c,
        [
            "Serait-il possible de faire la pré-demande pour renouveler ma carte d'identité et "
            f"d'avoir un créneau en mairie ? Elle est périmée depuis {month_year(expiry)}."
        ],
        **cni("renouvellement"),
    )

    c = pick(both(born_fr, ages(18, 45)))
    case(
        "dq-05",
        [*dq, "acte-naissance"],
        c,
        [
            "Est-ce que je peux recevoir un extrait de mon acte de naissance ? On me le demande pour "
            f"m'inscrire au concours d'{g(c, 'aide-soignant', 'aide-soignante')} de janvier."
        ],
        **done(["acte-naissance"], [EXTRACT]),
    )

    c = pick(prime_ok)
    case(
        "dq-06",
        [*dq, "prime-activite"],
        c,
        [
            "Pourriez-vous enregistrer une demande de prime d'activité pour moi ? Je suis "
            f"{g(c, 'caissier', 'caissière')} à temps partiel dans un supermarché, 24 heures par "
            "semaine, depuis la rentrée."
        ],
        approver=GRANT,
        **granted("prime-activite", prime_amount(c)),
    )


# ---------------------------------------------------------------- 3. side remarks (12)


def side_remarks() -> None:
    sr = ["side-remark"]

    c = pick(
        lambda c: len(pupils(c)) == 2 and len(c["caf"]["children"]) == 2 and c["caf"]["household_adults"] == 2
    )
    case(
        "sr-01",
        [*sr, "canteen-already", "logement-social"],
        c,
        [
            "Nos deux enfants mangent déjà à la cantine de l'école Jean-Macé, de ce côté tout va "
            "bien. Mais nous vivons à quatre dans un T2 de 38 m² et notre aîné dort dans le salon "
            "depuis deux ans : je voudrais déposer une demande de logement social."
        ],
        **done(["logement-social"], [HOUSING]),
    )

    c = pick(both(registered_voter, born_fr, ages(22, 45), status("celibataire")))
    case(
        "sr-02",
        [*sr, "already-registered", "acte-naissance"],
        c,
        [
            f"Je suis {g(c, 'inscrit', 'inscrite')} sur les listes électorales de la commune depuis "
            "des années, ce n'est pas le sujet. Je me marie en janvier et la mairie où aura lieu la "
            "cérémonie me réclame une copie intégrale de mon acte de naissance : pouvez-vous me "
            "l'envoyer ?"
        ],
        **done(["acte-naissance"], [FULL_COPY]),
    )

    c = pick(both(insured, cni_from(2035), ages(20, 70)))
    case(
        "sr-03",
        [*sr, "card-renewed", "attestation-droits-sante"],
        c,
        [
            "J'ai fait refaire ma carte d'identité en septembre et je l'ai récupérée, tout est en "
            "ordre. Aujourd'hui il me faudrait une attestation de droits à l'assurance maladie pour "
            "mon dossier de location, envoyée sur ma messagerie."
        ],
        **done(["attestation-droits-sante"], [HEALTH_DOC]),
    )

    c = pick(both(has_caf, fresh_voter))
    case(
        "sr-04",
        [*sr, "move-declared", "inscription-listes-electorales"],
        c,
        [
            "La CAF a déjà ma nouvelle adresse, je l'ai déclarée en ligne le jour même du "
            f"déménagement. Par contre je n'ai jamais voté depuis que j'habite {commune(c)} : je "
            f"voudrais être {g(c, 'inscrit', 'inscrite')} sur la liste électorale avant les "
            "prochaines élections."
        ],
        **voter(c),
    )

    c = pick(both(one_pupil, benefit("apl")))
    kid = pupils(c)[0]["given_name"]
    case(
        "sr-05",
        [*sr, "move-declared", "restauration-scolaire"],
        c,
        [
            "Notre déménagement est déclaré à la CAF depuis août, les APL ont d'ailleurs déjà été "
            f"recalculées. Maintenant que {kid} a changé d'école, il faudrait l'inscrire à la "
            "cantine de la nouvelle, tous les jours de la semaine."
        ],
        **canteen(c, kid),
    )

    c = pick(both(with_pupil, prime_ok))
    kid = pupils(c)[0]["given_name"]
    case(
        "sr-06",
        [*sr, "canteen-already", "prime-activite"],
        c,
        [
            f"{kid} mange à la cantine depuis la rentrée, c'est réglé et ça se passe très bien. Je "
            f"vous écris pour autre chose : je travaille comme {g(c, 'aide-soignant', 'aide-soignante')} "
            "de nuit à temps partiel et je voudrais faire une demande de prime d'activité."
        ],
        approver=GRANT,
        **granted("prime-activite", prime_amount(c)),
    )

    c = pick(both(css_ok, has_cni))
    case(
        "sr-07",
        [*sr, "cni-done", "everyday-name", "css"],
        c,
        [
            "La pré-demande pour ma carte d'identité est faite et j'ai rendez-vous le 18 novembre, "
            "merci. Autre chose : je n'ai plus de mutuelle depuis la fin de mon contrat et on m'a "
            "conseillé de demander la complémentaire santé solidaire, l'ancienne CMU. C'est possible "
            "de la faire par ici ?"
        ],
        approver=GRANT,
        **granted("css", css_amount(c)),
    )

    c = pick(both(registered_voter, no_vehicle, elsewhere("76000")))
    case(
        "sr-08",
        [*sr, "already-registered", "changement-adresse"],
        c,
        [
            f"{g(c, 'Inscrit', 'Inscrite')} sur les listes électorales depuis mes 18 ans, je sais "
            "qu'il faudra changer de bureau de vote un jour, ce n'est pas pressé. Pour l'instant, "
            "merci simplement de mettre à jour mon adresse auprès des organismes : 31 rue du "
            "Gros-Horloge, 76000 Rouen."
        ],
        **moved(c, "76000"),
    )

    c = pick(both(one_pupil, status("divorce", "celibataire")))
    kid = pupils(c)[0]["given_name"]
    case(
        "sr-09",
        [*sr, "relative", "rsa-mention", "restauration-scolaire"],
        c,
        [
            "Mon ex touche le RSA et nous sommes en garde alternée, mais c'est moi qui m'occupe de "
            f"tout ce qui concerne l'école. Je voudrais inscrire {kid} à la cantine pour le reste de "
            "l'année."
        ],
        **canteen(c, kid),
    )

    c = pick(both(rsa_ok, ages(25, 64)))
    case(
        "sr-10",
        [*sr, "housing-done", "everyday-name", "rsa"],
        c,
        [
            "Ma demande de HLM est déposée depuis le printemps, j'ai mon numéro unique, ce n'est pas "
            "l'objet de ce message. Depuis la fin de mes droits au chômage en septembre, il ne me "
            "reste presque rien pour vivre et je voudrais demander le RSA."
        ],
        approver=GRANT,
        **granted("rsa", rsa_amount(c)),
    )

    c = pick(both(born_fr, insured, lambda c: c["etat_civil"]["marital_status"] == "marie"))
    case(
        "sr-11",
        [*sr, "certificate-done", "acte-naissance"],
        c,
        [
            "J'ai déjà mon attestation de la CPAM, elle m'est arrivée hier. Il me manque encore un "
            "extrait de mon acte de naissance pour le même dossier : la demande de naturalisation de "
            f"{g(c, 'mon épouse', 'mon époux')}."
        ],
        **done(["acte-naissance"], [EXTRACT]),
    )

    c = pick(one_pupil)
    kid = pupils(c)[0]["given_name"]
    case(
        "sr-12",
        [*sr, "road-done", "restauration-scolaire"],
        c,
        [
            "Le nid-de-poule que j'avais signalé rue des Lilas a été rebouché la semaine dernière, "
            f"merci à vos équipes ! Maintenant j'aimerais inscrire {kid} à la cantine scolaire à "
            "partir du lundi 9 novembre."
        ],
        **canteen(c, kid),
    )


# ---------------------------------------------------------------- 4. quoted history (12)


def quoted() -> None:
    c = pick(anyone)
    case(
        "qu-01",
        ["quoted", "gmail-fr", "canteen-in-quote", "signalement-voirie"],
        c,
        [
            "Bonjour,\n\nMerci pour la confirmation ci-dessous. Rien à voir, mais je voulais vous "
            "signaler que les deux lampadaires du parking de la salle polyvalente, avenue du Stade, "
            "sont éteints depuis le week-end. Le soir, les parents qui viennent chercher les enfants "
            f"au judo n'y voient rien.\n\nBonne journée,\n{given(c)}\n\n"
            "Le mar. 27 oct. 2026 à 16:41, Mairie - Service Enfance <enfance@mairie-exemple.fr> a "
            "écrit :\n"
            "> Bonjour,\n>\n"
            "> Nous vous confirmons l'inscription de votre enfant au restaurant scolaire à compter\n"
            "> du 2 novembre, au tarif de la tranche C.\n>\n"
            "> Le service Enfance"
        ],
        channel="email",
        **ticket("eclairage"),
    )

    c = pick(both(insured, ages(25, 60)))
    case(
        "qu-02",
        ["quoted", "outlook-fr", "negation", "rsa-in-quote", "attestation-droits-sante"],
        c,
        [
            "Bonjour,\n\nJe vous remercie pour votre réponse au sujet du RSA. Je viens finalement de "
            "retrouver un emploi, je ne donne donc pas suite à cette demande.\n\nEn revanche, mon "
            "nouvel employeur me demande une attestation de droits à l'assurance maladie : "
            "pourriez-vous me l'adresser ? Je la lui transmettrai moi-même.\n\nCordialement,\n"
            f"{name(c)}\n\n"
            "De : CAF - Service allocataires <ne-pas-repondre@caf-exemple.fr>\n"
            "Envoyé : jeudi 22 octobre 2026 09:14\n"
            f"À : {email(c)}\n"
            "Objet : RE: Demande d'information RSA\n\n"
            "Madame, Monsieur,\n"
            "Pour déposer une demande de revenu de solidarité active, vous devez déclarer vos "
            "ressources des trois derniers mois. Vous pouvez également vérifier vos droits à la prime "
            "d'activité sur caf.fr.\n"
            "Votre Caisse d'allocations familiales"
        ],
        channel="email",
        **done(["attestation-droits-sante"], [HEALTH_DOC]),
    )

    c = pick(born_fr)
    case(
        "qu-03",
        ["quoted", "apple-mail", "electoral-in-quote", "acte-naissance"],
        c,
        [
            "Bonjour,\nPourriez-vous m'envoyer une copie intégrale de mon acte de naissance ? Le "
            "notaire en a besoin pour la vente de la maison de mes parents.\n"
            f"Merci\n{name(c)}\n\n"
            "Envoyé de mon iPhone\n\n"
            "> Le 19 oct. 2026 à 11:02, Mairie - Élections <elections@mairie-exemple.fr> a écrit :\n"
            "> \n"
            "> Bonjour,\n"
            "> Votre inscription sur la liste électorale a bien été enregistrée. Vous recevrez votre\n"
            "> carte électorale par courrier avant le prochain scrutin.\n"
            "> Cordialement,\n"
            "> Le service Élections"
        ],
        channel="email",
        **done(["acte-naissance"], [FULL_COPY]),
    )

    c = pick(both(fresh_voter, has_cni))
    case(
        "qu-04",
        ["quoted", "thunderbird", "cni-in-quote", "inscription-listes-electorales"],
        c,
        [
            "Bonjour,\n\nJ'ai bien noté le rendez-vous du 12 novembre pour ma carte d'identité, je "
            "viendrai avec la photo et le justificatif de domicile. Pendant que je vous écris : je "
            f"me suis rendu compte que je ne suis {g(c, 'inscrit', 'inscrite')} sur aucune liste "
            f"électorale depuis mon arrivée à {commune(c)}. Pouvez-vous faire le nécessaire pour "
            f"que je puisse voter ?\n\n{name(c)}\n\n"
            "Le 28/10/2026 à 14:37, Service des titres d'identité a écrit :\n"
            "> Bonjour,\n"
            "> Suite à votre pré-demande de carte nationale d'identité n° 2026-CNI-48213,\n"
            "> un rendez-vous vous est proposé le jeudi 12 novembre à 9 h 40.\n"
            "> Merci de vous munir de votre ancienne carte.\n"
            "> Le service des titres"
        ],
        channel="email",
        **voter(c),
    )

    c = pick(both(has_cni, lambda c: not cni_expired(c), ages(25, 70)))
    case(
        "qu-05",
        ["quoted", "yahoo", "signature", "housing-in-quote", "carte-identite"],
        c,
        [
            "Bonjour,\n\nPetite précision d'abord : le dossier de logement ci-dessous est complet, "
            "inutile d'y revenir. Je vous écris parce que j'ai perdu ma carte d'identité pendant le "
            "déménagement, impossible de remettre la main dessus alors que j'ai vidé les cartons un "
            "par un. Je voudrais en refaire une et avoir un rendez-vous.\n\n"
            f"{name(c)}\n{phone(c)}\n\n"
            "Le lundi 19 octobre 2026 à 10:05:33 UTC+2, Service Logement <logement@mairie-exemple.fr> "
            "a écrit :\n\n"
            "Madame, Monsieur,\n"
            "Votre demande de logement social est enregistrée sous le numéro unique 0692610034518. "
            "Elle devra être renouvelée chaque année à sa date anniversaire.\n"
            "Le service Logement"
        ],
        channel="email",
        **cni("perte"),
    )

    c = pick(both(no_vehicle, elsewhere("49000")))
    case(
        "qu-06",
        ["quoted", "orange-webmail", "carte-grise-in-quote", "negation", "changement-adresse"],
        c,
        [
            "Bonjour,\nVoici comme convenu notre nouvelle adresse depuis le 30 octobre : 5 impasse "
            "des Mésanges, 49000 Angers. Merci de la transmettre aux organismes concernés.\n"
            "Nous n'avons pas de véhicule, donc rien à faire pour une carte grise.\n"
            f"Cordialement\n{name(c)}\n\n"
            "> Message du 29/10/26 17:22\n"
            '> De : "Mairie - Accueil" <accueil@mairie-exemple.fr>\n'
            f"> A : {email(c)}\n"
            "> Copie à : \n"
            "> Objet : Re: déménagement\n"
            ">\n"
            "> Bonjour,\n"
            "> Pour un changement d'adresse, indiquez-nous votre nouvelle adresse complète : nous la\n"
            "> transmettrons à la CAF, aux impôts, à l'Assurance maladie et à France Travail. Pour la\n"
            "> carte grise, précisez l'immatriculation du véhicule.\n"
            "> L'accueil de la mairie"
        ],
        channel="email",
        **moved(c, "49000"),
    )

    c = pick(both(one_pupil, has_caf))
    kid = pupils(c)[0]["given_name"]
    case(
        "qu-07",
        ["quoted", "outlook-en", "prime-in-quote", "restauration-scolaire"],
        c,
        [
            f"Bonjour,\n\nPourriez-vous inscrire {kid} à la cantine de son école à partir du lundi 9 "
            f"novembre ? Merci d'avance.\n\n{name(c)}\n\n"
            "From: CAF <ne-pas-repondre@caf-exemple.fr>\n"
            "Sent: Tuesday, October 20, 2026 8:03 AM\n"
            f"To: {email(c)}\n"
            "Subject: Votre droit à la prime d'activité\n\n"
            "Madame, Monsieur,\n"
            "Votre droit à la prime d'activité a été réexaminé suite à votre déclaration "
            "trimestrielle. Le détail du calcul est disponible dans votre espace Mon Compte.\n"
            "Votre Caisse d'allocations familiales"
        ],
        channel="email",
        **canteen(c, kid),
    )

    c = pick(anyone)
    case(
        "qu-08",
        ["quoted", "forwarded", "gmail-fr", "electoral-in-quote", "signalement-voirie"],
        c,
        [
            "Bonjour,\n\nJe vous renvoie le dernier message reçu de la mairie parce que c'est la "
            "seule adresse que j'ai, mais ça n'a rien à voir avec les élections : des sacs d'ordures "
            "et un vieux canapé sont abandonnés depuis une semaine devant le local à vélos du 11 rue "
            "des Glycines, et les rats commencent à s'y installer. Pouvez-vous faire enlever tout "
            f"ça ?\n\nMerci,\n{given(c)}\n\n"
            "---------- Message transféré ---------\n"
            "De : Mairie - Élections <elections@mairie-exemple.fr>\n"
            "Date: ven. 23 oct. 2026 à 09:12\n"
            "Subject: Inscription sur les listes électorales\n"
            f"To: <{email(c)}>\n\n"
            "Bonjour,\n"
            "Nous vous rappelons que les inscriptions sur les listes électorales en vue des élections "
            "municipales sont ouvertes. Pensez à vérifier votre situation électorale.\n"
            "Le service Élections"
        ],
        channel="email",
        **ticket("proprete"),
    )

    c = pick(css_ok)
    case(
        "qu-09",
        ["quoted", "nested", "vitale-in-quote", "css"],
        c,
        [
            "Bonjour,\n\nMerci, j'ai bien reçu l'attestation. Comme vous me le suggérez, je voudrais "
            "maintenant faire la demande de complémentaire santé solidaire : mes revenus ont "
            "beaucoup baissé cette année et je n'arrive plus à payer ma mutuelle.\n\n"
            f"{name(c)}\n\n"
            "Le 26/10/2026 à 15:20, CPAM <contact@cpam-exemple.fr> a écrit :\n"
            "> Bonjour,\n"
            "> Vous trouverez ci-joint votre attestation de droits. Au vu de votre situation, vous\n"
            "> pourriez peut-être bénéficier de la complémentaire santé solidaire.\n"
            ">\n"
            f"> Le 24/10/2026 à 21:48, {name(c)} a écrit :\n"
            ">> Bonjour, j'ai perdu ma carte Vitale et le pharmacien me demande une attestation de\n"
            ">> droits. Pouvez-vous me l'envoyer ? Merci."
        ],
        channel="email",
        approver=GRANT,
        **granted("css", css_amount(c)),
    )

    c = pick(both(taxed, ages(42, 66)))
    due = c["dgfip"]["tax_due"][YEAR]
    claim = claimed(due)
    case(
        "qu-10",
        ["quoted", "outlook-fr", "signature", "footer", "amount", "move-in-quote", "reclamation-fiscale"],
        c,
        [
            f"Bonjour,\n\nJe reviens vers vous pour un autre sujet. Mon avis d'impôt sur les revenus "
            f"{YEAR} indique {due} € à payer, or la pension alimentaire que je verse à mon fils "
            "étudiant n'a pas été déduite. Après correction, le montant dû devrait être de "
            f"{claim:.0f} €. Je vous remercie de bien vouloir rectifier.\n\nCordialement,\n\n"
            f"{name(c)}\nChef de projet | Ateliers Mercier SA\nTél. {phone(c)}\n\n"
            "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention "
            "exclusive de ses destinataires. Toute utilisation non conforme à sa destination est "
            "interdite.\n\n"
            "De : Centre des finances publiques <sip.exemple@dgfip-exemple.fr>\n"
            "Envoyé : vendredi 16 octobre 2026 11:48\n"
            f"À : {name(c)} <{email(c)}>\n"
            "Objet : Votre changement d'adresse\n\n"
            "Bonjour,\n"
            "Votre changement d'adresse a bien été pris en compte. Il sera reporté sur votre "
            "prochain avis d'impôt.\n"
            "Votre centre des finances publiques"
        ],
        channel="email",
        approver=[{"effect": "adjust_tax", **APPROVE}],
        **adjusted(claim),
    )

    c = pick(both(prime_ok, with_pupil))
    case(
        "qu-11",
        ["quoted", "gmail-fr", "negation", "several-in-quote", "prime-activite"],
        c,
        [
            "Bonjour Madame Roussel,\n\nMerci encore pour le rendez-vous de la semaine dernière. "
            "Depuis, bonne nouvelle : j'ai signé un contrat de 20 heures par semaine dans une agence "
            "de nettoyage. Donc pas de RSA pour moi finalement, et la cantine est déjà réglée ; par "
            "contre je voudrais bien demander la prime d'activité, comme vous me l'aviez "
            f"conseillé.\n\nBien à vous,\n{name(c)}\n\n"
            "Le jeu. 15 oct. 2026 à 18:03, CCAS <ccas@mairie-exemple.fr> a écrit :\n"
            "> Bonjour,\n"
            "> Suite à notre entretien, voici les pistes évoquées : tarif réduit de cantine pour vos\n"
            "> enfants selon votre quotient familial, demande de RSA si vous restez sans emploi, et\n"
            "> prime d'activité en cas de reprise d'un travail à temps partiel.\n"
            "> Bien cordialement,\n"
            "> Mme Roussel, conseillère CCAS"
        ],
        channel="email",
        approver=GRANT,
        **granted("prime-activite", prime_amount(c)),
    )

    c = pick(both(female, has_caf, lambda c: len(c["caf"]["children"]) == 2))
    case(
        "qu-12",
        ["quoted", "zimbra", "move-in-quote", "logement-social"],
        c,
        [
            "Bonjour,\n\nDepuis notre séparation, je vis seule avec mes deux enfants dans un studio "
            "qu'une amie me prête, et cela ne peut pas durer. Je souhaite déposer une demande de "
            f"logement social.\n\nMerci de votre aide,\n{name(c)}\n\n"
            "----- Mail original -----\n"
            'De: "CAF" <ne-pas-repondre@caf-exemple.fr>\n'
            f'À: "{name(c)}" <{email(c)}>\n'
            "Envoyé: Mercredi 21 Octobre 2026 08:30:12\n"
            "Objet: Votre changement de situation\n\n"
            "Madame,\n"
            "Nous avons bien enregistré votre changement d'adresse et de situation familiale. Vos "
            "droits aux allocations familiales seront recalculés le mois prochain.\n"
            "Votre CAF"
        ],
        channel="email",
        **done(["logement-social"], [HOUSING]),
    )


# ---------------------------------------------------------------- 5. moves, with and without a car (10)


def addresses() -> None:
    c = pick(both(one_vehicle, elsewhere("63000")))
    plate = vehicles(c)[0]["plate"]
    case(
        "mv-01",
        ["move", "vehicle", "signature", "changement-adresse", "carte-grise-adresse"],
        c,
        [
            f"Bonjour,\n\nNous avons quitté {commune(c)} : depuis le 28 octobre nous habitons 14 rue "
            "du Docteur Roux, 63000 Clermont-Ferrand. Pouvez-vous mettre à jour mon adresse auprès "
            f"des administrations, et sur la carte grise de notre Kangoo ?\n\nMerci,\n{name(c)}"
        ],
        channel="email",
        **moved_with_car(c, plate, "63000"),
    )

    c = pick(both(one_vehicle, elsewhere("83000")))
    plate = vehicles(c)[0]["plate"]
    case(
        "mv-02",
        [
            "move",
            "vehicle",
            "formal",
            "certificat-immatriculation",
            "changement-adresse",
            "carte-grise-adresse",
        ],
        c,
        [
            "Madame, Monsieur,\n\nJe vous informe de mon changement de domicile à compter du 1er "
            "novembre : 3 place de la Liberté, 83000 Toulon. Je vous saurais gré de bien vouloir en "
            "informer les organismes dont je dépends et de modifier également l'adresse figurant sur "
            "le certificat d'immatriculation de mon véhicule.\n\nVeuillez agréer, Madame, Monsieur, "
            f"mes salutations distinguées.\n\n{name(c)}"
        ],
        channel="email",
        **moved_with_car(c, plate, "83000"),
    )

    c = pick(both(one_vehicle, elsewhere("31000")))
    plate = vehicles(c)[0]["plate"]
    case(
        "mv-03",
        ["move", "vehicle", "sms", "everyday-name", "changement-adresse", "carte-grise-adresse"],
        c,
        [
            "jai demenagé au 22 rue Lafayette 31000 toulouse, faut changer mon adresse partout et "
            "pour ma voiture aussi svp"
        ],
        channel="chat",
        **moved_with_car(c, plate, "31000"),
    )

    c = pick(both(two_vehicles, ages(42, 60), elsewhere("29000")))
    mine, sons = vehicles(c)[0]["plate"], vehicles(c)[1]["plate"]
    case(
        "mv-04",
        ["move", "vehicle", "two-vehicles", "negation", "changement-adresse", "carte-grise-adresse"],
        c,
        [
            "Bonjour, je change d'adresse à partir du 15 novembre : 7 rue des Augustins, 29000 "
            "Quimper. Merci de prévenir les organismes et de changer aussi l'adresse du véhicule "
            f"immatriculé {mine}. Le {sons}, c'est celui que conduit mon fils étudiant, il reste à "
            "l'ancienne adresse : n'y touchez pas."
        ],
        **moved_with_car(c, mine, "29000"),
    )

    c = pick(one_vehicle)
    stale_grey_card(c)
    plate = vehicles(c)[0]["plate"]
    pc = c["contact"]["address"]["postal_code"]
    case(
        "mv-05",
        ["move", "vehicle", "everyday-name", "already-done", "carte-grise-adresse"],
        c,
        [
            "La CAF, les impôts et la sécu ont déjà ma nouvelle adresse, c'est fait depuis la "
            "rentrée. Il ne manque que les papiers de la voiture, qui portent toujours l'ancienne : "
            f"c'est {home(c)} maintenant."
        ],
        **car_only(c, plate, pc),
    )

    c = pick(both(one_vehicle, elsewhere("06000")))
    plate = vehicles(c)[0]["plate"]
    case(
        "mv-06",
        ["move", "vehicle", "everyday-name", "changement-adresse", "carte-grise-adresse"],
        c,
        [
            "Depuis samedi on habite au 40 avenue Jean Médecin, 06000 Nice. Merci de faire suivre la "
            "nouvelle adresse aux caisses et aux impôts, et de mettre à jour l'immatriculation de la "
            f"Clio aussi ({plate}), elle est à mon nom."
        ],
        **moved_with_car(c, plate, "06000"),
    )

    c = pick(both(no_vehicle, ages(60, 90), status("veuf"), elsewhere("17000")))
    spouse = g(c, "mon épouse", "mon époux")
    case(
        "mv-07",
        ["move", "no-vehicle", "greeting", "formal", "long", "changement-adresse"],
        c,
        [
            f"Madame, Monsieur,\n\nAprès le décès de {spouse} au printemps, la maison était devenue "
            f"bien trop grande pour moi {g(c, 'seul', 'seule')}. Je l'ai vendue et je me suis "
            f"{g(c, 'installé', 'installée')} le 26 octobre dans un petit appartement près du port : "
            "2 rue Saint-Nicolas, 17000 La Rochelle.\n\nJe vous prie de bien vouloir communiquer "
            "cette nouvelle adresse à l'ensemble des administrations qui me concernent.\n\nAvec mes "
            f"remerciements, veuillez agréer mes salutations respectueuses.\n\n{name(c)}"
        ],
        channel="email",
        **moved(c, "17000"),
    )

    c = pick(both(one_vehicle, elsewhere("37000")))
    case(
        "mv-08",
        ["move", "vehicle", "negation", "pas-la-carte-grise", "changement-adresse"],
        c,
        [
            "Merci de changer mon adresse auprès des administrations : 9 rue Nationale, 37000 Tours, "
            "depuis le 1er novembre. Par contre ne touchez pas à la carte grise : la voiture reste "
            "chez mes parents à l'ancienne adresse, c'est mon père qui la conduit tous les jours."
        ],
        **moved(c, "37000"),
    )

    c = pick(both(no_vehicle, elsewhere("13006")))
    case(
        "mv-09",
        ["move", "no-vehicle", "sms", "missing-info", "correction", "changement-adresse"],
        c,
        [
            "coucou je demenage ce week end, faut mettre a jour mon adresse aupres des organismes",
            "cest 5 rue de la paix 13005 marseille.. ah non pardon 13006, le 13005 cest mon boulot",
        ],
        channel="chat",
        **moved(c, "13006"),
    )

    c = pick(both(no_vehicle, female, ages(26, 60), elsewhere("54000")))
    case(
        "mv-10",
        ["move", "no-vehicle", "signature", "negation", "changement-adresse"],
        c,
        [
            "Bonjour,\n\nJe vous informe que j'ai emménagé le 31 octobre au 18 rue Sainte-Catherine, "
            "54000 Nancy. Merci de transmettre aux organismes concernés. Je n'ai ni voiture ni moto, "
            f"inutile de chercher de ce côté-là.\n\n{name(c)}\nInfirmière libérale\n{phone(c)}"
        ],
        channel="email",
        **moved(c, "54000"),
    )


# ---------------------------------------------------------------- 6. road reports, with negations (8)


def roads() -> None:
    rows: list[tuple[list[str], str, str, str]] = [
        (
            ["je-ne-demande-rien"],
            "api",
            "voirie",
            "Je ne demande rien pour moi, c'est juste pour prévenir : il y a un trou d'une "
            "cinquantaine de centimètres dans la chaussée devant le 8 rue des Forges, juste avant le "
            "passage piéton. De nuit on ne le voit pas du tout.",
        ),
        (
            ["not-a-complaint"],
            "api",
            "eclairage",
            "Ce n'est pas une réclamation contre vos services, seulement un signalement : "
            "l'éclairage ne fonctionne plus dans l'allée piétonne qui relie la rue Pasteur au parc "
            "Monplaisir, depuis au moins dix jours.",
        ),
        (
            ["no-reply-needed"],
            "api",
            "proprete",
            "Les poubelles n'ont pas été ramassées depuis deux semaines devant le 22 rue Condorcet, "
            "les sacs s'entassent sur le trottoir et débordent sur la chaussée. Pas besoin de me "
            "répondre, je voulais juste que ce soit signalé.",
        ),
        (
            ["negation", "long-street"],
            "api",
            "eclairage",
            "Aucun lampadaire ne s'allume plus sur l'avenue des Tilleuls entre le numéro 2 et le "
            "numéro 30. Ce n'est pas une coupure de courant, les maisons ont bien l'électricité.",
        ),
        (
            ["no-appointment", "sms"],
            "chat",
            "voirie",
            "jveux pas de rdv ni rien, juste que qqn vienne voir la plaque d'egout qui bouge au "
            "croisement rue Gambetta / rue Thiers, ca fait un bruit terrible a chaque voiture et "
            "elle va finir par sauter",
        ),
        (
            ["not-from-here"],
            "api",
            "proprete",
            "Je n'habite pas le quartier, mais en passant ce matin j'ai vu un gros dépôt sauvage à "
            "l'entrée du chemin des Vignes, derrière le gymnase : des pots de peinture, des pneus "
            "et des gravats.",
        ),
        (
            ["sms", "negation"],
            "chat",
            "eclairage",
            "ya plus du tout de lumiere dans le passage souterrain de la gare depuis lundi, on voit "
            "pas ou on met les pieds, c pas rassurant le soir",
        ),
        (
            ["no-compensation", "negation"],
            "api",
            "voirie",
            "Je ne demande pas de dédommagement pour mon pneu, mais il faudrait vraiment reboucher "
            "le nid-de-poule de la route de Saint-Jean, à la sortie du rond-point du Leclerc : "
            "hier soir trois voitures s'y sont arrêtées avec une roue à plat.",
        ),
    ]
    for n, (tags, channel, category, text) in enumerate(rows, start=1):
        who = ages(18, 45) if channel == "chat" else anyone
        case(
            f"rd-{n:02d}",
            ["road", *tags, "signalement-voirie"],
            pick(who),
            [text],
            channel=channel,
            **ticket(category),
        )


# ---------------------------------------------------------------- 7. lost or missing cards (8)


def lost_cards() -> None:
    doc = done(["attestation-droits-sante"], [HEALTH_DOC])

    c = pick(insured)
    case(
        "lc-01",
        ["lost-card", "carte-vitale", "attestation-droits-sante"],
        c,
        [
            "J'ai perdu ma carte Vitale, sans doute dans le bus. J'ai déjà commandé la nouvelle sur "
            "ameli, mais en attendant la pharmacie me demande un papier qui prouve mes droits pour me "
            "donner mon traitement. Vous pouvez m'envoyer l'attestation ?"
        ],
        **copy.deepcopy(doc),
    )

    c = pick(insured)
    case(
        "lc-02",
        ["lost-card", "carte-vitale", "greeting", "attestation-droits-sante"],
        c,
        [
            "Bonjour,\n\nImpossible de remettre la main sur ma carte Vitale depuis notre "
            "déménagement, elle doit être au fond d'un carton. Mon kinésithérapeute refuse de "
            "continuer les séances sans justificatif : pourriez-vous m'envoyer par mail une "
            f"attestation de droits à l'assurance maladie ?\n\nMerci beaucoup,\n{name(c)}"
        ],
        channel="email",
        **copy.deepcopy(doc),
    )

    c = pick(both(insured, ages(18, 50)))
    case(
        "lc-03",
        ["lost-card", "carte-vitale", "sms", "attestation-droits-sante"],
        c,
        [
            "jai paumé ma carte vitale, le medecin veut une attestation de droits en attendant, vous "
            "pouvez me l'envoyer svp"
        ],
        channel="chat",
        **copy.deepcopy(doc),
    )

    c = pick(both(insured, with_pupil))
    case(
        "lc-04",
        ["lost-card", "carte-vitale", "side-remark", "attestation-droits-sante"],
        c,
        [
            "Mon petit dernier a joué avec mon portefeuille et ma carte Vitale a disparu, sans doute "
            "partie à la poubelle. J'ai rendez-vous chez le dentiste jeudi et il veut une attestation "
            "de droits à la place. Pouvez-vous me l'envoyer ?"
        ],
        **copy.deepcopy(doc),
    )

    case(
        "lc-05",
        ["lost-card", "passport", "out-of-scope", "handoff"],
        pick(anyone),
        [
            "Bonjour, j'ai perdu mon passeport lors d'un déplacement à Lyon la semaine dernière et "
            "j'ai fait la déclaration de perte au commissariat. Comment faire pour en obtenir un "
            "nouveau ? Je dois partir à Dakar début janvier."
        ],
        **out_of_scope(),
    )

    case(
        "lc-06",
        ["lost-card", "passport", "sms", "out-of-scope", "handoff"],
        pick(anyone),
        ["on m'a volé mon passeport dans le train, je dois en refaire un, vous pouvez m'aider ?"],
        channel="chat",
        **out_of_scope(),
    )

    c = pick(lambda c: has_cni(c) and not cni_expired(c))
    case(
        "lc-07",
        ["lost-card", "passport", "negation", "out-of-scope", "handoff"],
        c,
        [
            "Ma carte d'identité, je l'ai et elle est valable, ce n'est pas elle le problème. C'est "
            "mon passeport qui a disparu : je ne le retrouve plus depuis notre retour de vacances. "
            "Je voudrais le faire refaire."
        ],
        **out_of_scope(),
    )

    c = pick(both(has_cni, lambda c: not cni_expired(c), passport_valid))
    until = dt.date.fromisoformat(c["ants"]["passport"]["expiry"])
    case(
        "lc-08",
        ["lost-card", "cni", "passport-mention", "carte-identite"],
        c,
        [
            "J'ai perdu mon portefeuille hier soir avec ma carte d'identité dedans. Le passeport, je "
            f"l'ai encore, il est valable jusqu'en {month_year(until)}, mais je ne vais pas le "
            "promener tous les jours : je voudrais refaire la carte d'identité. Pouvez-vous "
            "m'enregistrer une pré-demande et me donner un rendez-vous ?"
        ],
        **cni("perte"),
    )


# ---------------------------------------------------------------- 8. complaints by SMS or chat (6)


def complaints() -> None:
    rows: list[tuple[list[str], Callable[[Citizen], bool], str]] = [
        (
            ["sms", "opening-hours"],
            anyone,
            "3eme fois que je me deplace pour rien a la mairie, l'accueil ferme a 16h sans prevenir "
            "alors que le site dit 17h30. je veux deposer une reclamation",
        ),
        (
            ["chat", "no-answer"],
            has_caf,
            "Bonjour, ça fait deux mois que j'attends une réponse de la CAF sur mon dossier et "
            "personne ne décroche jamais au téléphone. Je veux porter plainte officiellement contre "
            "ce service.",
        ),
        (
            ["sms", "rudeness", "carte-grise-mention"],
            lambda c: bool(vehicles(c)),
            "l agent du guichet des cartes grises m a parlé comme a un chien ce matin devant tout le "
            "monde, c inadmissible, je veux que ca remonte a son chef",
        ),
        (
            ["chat", "reminders"],
            anyone,
            "Vous m'avez envoyé quatre SMS de rappel pour un rendez-vous que j'avais annulé, et au "
            "téléphone on me répond que c'est impossible de l'enlever du système. Je souhaite faire "
            "une réclamation, c'est n'importe quoi.",
        ),
        (
            ["sms", "website", "canteen-mention"],
            with_pupil,
            "franchement votre site pour payer la cantine plante tout le temps, 1h perdue hier soir "
            "et toujours pas reussi. je me plains officiellement, faut faire quelque chose",
        ),
        (
            ["chat", "opening-hours", "children"],
            two_pupils,
            "Bonsoir, les horaires affichés sur le site de la mairie annexe sont faux : samedi matin "
            "j'ai trouvé porte close avec deux de mes enfants après quarante minutes de bus. C'est la "
            "deuxième fois. Je voudrais faire une réclamation.",
        ),
    ]
    for n, (tags, who, text) in enumerate(rows, start=1):
        case(
            f"pl-{n:02d}",
            ["complaint", *tags, "reclamation-service"],
            pick(who),
            [text],
            channel="chat",
            **handed(["reclamation-service"]),
        )


# ---------------------------------------------------------------- 9. other languages (6)


def languages() -> None:
    case(
        "la-tr",
        ["language", "tr", "signalement-voirie"],
        pick(french),
        [
            "Merhaba, 27 rue Jean Jaurès önündeki sokak lambası bir haftadır yanmıyor. Akşamları "
            "sokak kapkaranlık oluyor, çocuklar okuldan dönerken korkuyor. Tamir ettirebilir "
            "misiniz? Teşekkürler."
        ],
        **ticket("eclairage"),
    )

    c = pick(both(nationality("RO"), no_vehicle, elsewhere("67000")))
    case(
        "la-ro",
        ["language", "ro", "changement-adresse"],
        c,
        [
            "Bună ziua, m-am mutat pe 1 noiembrie. Noua mea adresă este 12 rue des Tanneurs, 67000 "
            "Strasbourg. Vă rog să actualizați adresa la toate instituțiile. Mulțumesc frumos!"
        ],
        channel="email",
        **moved(c, "67000"),
    )

    c = pick(both(insured, nationality("PL")))
    case(
        "la-pl",
        ["language", "pl", "attestation-droits-sante"],
        c,
        [
            "Dzień dobry, potrzebuję zaświadczenia o prawie do świadczeń z ubezpieczenia "
            "zdrowotnego (attestation de droits), bo prosi o nie mój nowy pracodawca. Czy mogą mi je "
            "Państwo przesłać mailem? Sam mu je przekażę. Pozdrawiam"
            if male(c)
            else "Dzień dobry, potrzebuję zaświadczenia o prawie do świadczeń z ubezpieczenia "
            "zdrowotnego (attestation de droits), bo prosi o nie mój nowy pracodawca. Czy mogą mi je "
            "Państwo przesłać mailem? Sama mu je przekażę. Pozdrawiam"
        ],
        channel="email",
        **done(["attestation-droits-sante"], [HEALTH_DOC]),
    )

    c = pick(both(cni_expired, french))
    expiry = cni_expiry(c)
    assert expiry is not None
    mesi = [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ]
    case(
        "la-it",
        ["language", "it", "carte-identite"],
        c,
        [
            f"Buongiorno, la mia carta d'identità francese è scaduta a {mesi[expiry.month - 1]} "
            f"{expiry.year}. Vorrei fare la pre-domanda di rinnovo e prendere un appuntamento in "
            f"municipio, possibilmente di mattina. Grazie, {name(c)}"
        ],
        **cni("renouvellement"),
    )

    c = pick(lambda c: c["etat_civil"]["nationality"] == "DE" and c.get("electoral") is None)
    case(
        "la-de-01",
        ["language", "de", "eu-citizen", "inscription-listes-electorales"],
        c,
        [
            f"Guten Tag, ich bin deutscher Staatsbürger und wohne seit zwei Jahren in {commune(c)}. "
            "Ich möchte mich in die Wählerliste eintragen lassen, um an den Kommunalwahlen "
            "teilnehmen zu können. Vielen Dank!"
            if male(c)
            else f"Guten Tag, ich bin deutsche Staatsbürgerin und wohne seit zwei Jahren in {commune(c)}. "
            "Ich möchte mich in die Wählerliste eintragen lassen, um an den Kommunalwahlen "
            "teilnehmen zu können. Vielen Dank!"
        ],
        channel="email",
        **voter(c),
    )

    c = pick(one_pupil)
    kid = pupils(c)[0]["given_name"]
    case(
        "la-de-02",
        ["language", "de", "restauration-scolaire"],
        c,
        [
            f"Hallo, ich möchte mein Kind {kid} für die Schulkantine anmelden, also Mittagessen an "
            "allen Schultagen ab nächster Woche. Danke und viele Grüße"
        ],
        **canteen(c, kid),
    )


# ---------------------------------------------------------------- 10. several demands, one a mention (8)


def several() -> None:
    m = ["multi", "mention"]

    c = pick(one_pupil)
    kid = pupils(c)[0]["given_name"]
    case(
        "mu-01",
        [*m, "restauration-scolaire", "signalement-voirie"],
        c,
        [
            "Bonjour, notre demande de logement social suit son cours (nous avons eu le numéro unique "
            f"en septembre), ce n'est pas pour ça que j'écris. Je voudrais inscrire {kid} à la "
            "cantine à partir du 9 novembre, et vous signaler que la plaque d'égout devant l'école "
            "Louise-Michel, 5 rue des Écoles, est descellée : elle claque à chaque voiture."
        ],
        **done(
            ["restauration-scolaire", "signalement-voirie"], [canteen_effect(c, kid), ticket_effect("voirie")]
        ),
    )

    c = pick(both(born_fr, fresh_voter))
    case(
        "mu-02",
        [*m, "negation", "acte-naissance", "inscription-listes-electorales"],
        c,
        [
            "Deux choses pour moi : une copie intégrale de mon acte de naissance, et mon inscription "
            "sur la liste électorale de la commune. Le changement d'adresse de la carte grise, c'est "
            f"{g(c, 'ma compagne', 'mon compagnon')} qui s'en occupe, ne vous en souciez pas."
        ],
        **done(
            ["acte-naissance", "inscription-listes-electorales"], [FULL_COPY, VOTE], records=voter_record(c)
        ),
    )

    c = pick(both(cni_due, insured))
    expiry = cni_expiry(c)
    assert expiry is not None
    when = f"a expiré en {month_year(expiry)}" if expiry < DAY else f"expire en {month_year(expiry)}"
    case(
        "mu-03",
        [*m, "housing-done", "carte-identite", "attestation-droits-sante"],
        c,
        [
            "Ma demande de logement social est déjà enregistrée, tout est en ordre de ce côté-là. En "
            f"revanche il me faudrait renouveler ma carte d'identité, qui {when}, et recevoir une "
            "attestation de droits à l'assurance maladie, que je remettrai moi-même à mon nouvel "
            "employeur."
        ],
        **done(["carte-identite", "attestation-droits-sante"], [*cni_effects("renouvellement"), HEALTH_DOC]),
    )

    c = pick(both(one_pupil, no_vehicle, elsewhere("69003")))
    kid = pupils(c)[0]["given_name"]
    case(
        "mu-04",
        [*m, "later", "changement-adresse", "restauration-scolaire"],
        c,
        [
            "Bonjour, nous avons emménagé le 24 octobre au 8 rue Paul Bert, 69003 Lyon. Merci de "
            f"transmettre la nouvelle adresse aux administrations et d'inscrire {kid} à la cantine "
            "de sa nouvelle école. Pour les listes électorales, je passerai en mairie plus tard."
        ],
        **done(
            ["changement-adresse", "restauration-scolaire"],
            [*moves(c, "69003"), canteen_effect(c, kid)],
            records=moved_records("69003"),
        ),
    )

    c = pick(css_ok)
    case(
        "mu-05",
        [*m, "rsa-mention", "everyday-name", "logement-social", "css"],
        c,
        [
            "Bonjour, je ne vous écris pas pour le RSA, ce dossier-là est suivi par mon assistante "
            "sociale. Je voudrais faire une demande de HLM, mon propriétaire vend l'appartement, et "
            "aussi demander la complémentaire santé solidaire car je n'ai plus de mutuelle."
        ],
        approver=GRANT,
        procedures=["logement-social", "css"],
        status="accepte",
        approvals=["grant_benefit"],
        notified=True,
        effects=[HOUSING, grant("css", css_amount(c))],
    )

    c = pick(both(insured, with_pupil))
    kid = pupils(c)[0]["given_name"]
    case(
        "mu-06",
        [*m, "canteen-already", "signalement-voirie", "attestation-droits-sante"],
        c,
        [
            f"Pour la cantine c'est bon, {kid} y mange depuis la rentrée, merci pour la rapidité ! "
            "Je vous écris pour "
            "deux autres choses : le lampadaire devant le 17 rue Voltaire clignote toute la nuit "
            "depuis une semaine, et il me faudrait une attestation de droits à l'assurance maladie "
            "pour la mutuelle de mon travail."
        ],
        **done(["signalement-voirie", "attestation-droits-sante"], [ticket_effect("eclairage"), HEALTH_DOC]),
    )

    c = pick(both(one_vehicle, fresh_voter))
    stale_grey_card(c)
    plate = vehicles(c)[0]["plate"]
    pc = c["contact"]["address"]["postal_code"]
    case(
        "mu-07",
        [*m, "move-declared", "carte-grise-adresse", "inscription-listes-electorales"],
        c,
        [
            "Les organismes sont déjà prévenus de notre déménagement, inutile de refaire quoi que ce "
            f"soit. Il reste deux choses : mettre la nouvelle adresse, {home(c)}, sur la carte grise "
            f"de ma voiture {plate}, et m'inscrire sur la liste électorale de {commune(c)}."
        ],
        **done(
            ["carte-grise-adresse", "inscription-listes-electorales"],
            [grey_card(plate, pc), VOTE],
            records=[grey_record(c, plate, pc), *voter_record(c)],
        ),
    )

    c = pick(both(born_fr, cni_from(2031)))
    expiry = cni_expiry(c)
    assert expiry is not None
    case(
        "mu-08",
        [*m, "negation", "acte-naissance", "signalement-voirie"],
        c,
        [
            f"Ma carte d'identité est encore valable jusqu'en {expiry.year}, je ne demande pas son "
            "renouvellement. Il me faudrait un extrait d'acte de naissance pour le dossier de "
            "succession de ma mère, et je vous signale au passage que des dalles du trottoir sont soulevées "
            "devant le 4 place de l'Église, ma voisine a failli tomber."
        ],
        **done(["acte-naissance", "signalement-voirie"], [EXTRACT, ticket_effect("voirie")]),
    )


def build() -> list[dict[str, Any]]:
    _prepare()
    for part in (
        questions,
        demands_as_questions,
        side_remarks,
        quoted,
        addresses,
        roads,
        lost_cards,
        complaints,
        languages,
        several,
    ):
        part()
    return list(CASES)


def main() -> None:
    cases = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(dump_case(c) + "\n" for c in cases), encoding="utf-8")
    loaded = load_dataset(OUT)
    assert len(loaded) == len(cases)
    print(f"{len(cases)} cases written to {OUT.name}")


if __name__ == "__main__":
    main()
