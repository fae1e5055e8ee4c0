"""Writes evals/datasets/field2-b.jsonl: held-out set, part B (short and other-language messages).

76 demands as people type them, never tuned on. What the set weighs (tags overlap):
  - 24 in other languages (English 5, Spanish 4, Portuguese 4, Arabic 4, and one each of
    Italian, Romanian, Turkish, Polish, German, Russian, Chinese), simple demands, some
    naming the démarche with its French word;
  - 12 SMS-style (abbreviations, no accents, typos) and 10 chat turns (short messages,
    the answer to the question the service must ask when something is missing);
  - everyday names and acronyms (CMU, ACS, RSA activité, HLM, CNI, la grise, papiers de
    naissance, demi-pension...), words with two senses (the restaurant's carte, an
    inscription at the university, moving a fridge, CSS as in web pages, an acte de vente,
    a plainte at the police station, "signaler" a move, a trou de mémoire), negations,
    questions about a rule (renseignement) against questions that are demands, amounts
    (gross and net, rent and income, a corrected figure, two years of RFR), eligibility
    edges (a threshold reached or just missed, age 18, 24, 25, a parent of 23), three
    ambiguous demands answered in a second message, three out-of-scope ones.

Citizens come from the seeded population, shuffled with seed 9203, never one build_core
uses, only adults, only odd id numbers (the rule of this part), each used once. When a
scenario needs it a record field is changed (an income, an RFR, a birth date, a quotient
familial) and the expectation follows the changed record. Expected outcomes are computed
here from the catalogue's parameters with build_core's helpers (thresholds, amounts,
brackets, ages, the sources a move updates) and follow core.jsonl's conventions per
procedure; nothing comes from a run of the model.

The eval format names `sms` and `web` channels but the loader (evals/dataset.py) accepts
only api, email and chat: SMS-style and web-form messages arrive on `api` and carry the
tag `sms` or `web`.
  .venv/bin/python -m evals.build_field2_b
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals import build_core
from evals.build_core import (
    APPROVE,
    DAY,
    START,
    adult,
    age,
    bracket,
    css_limits,
    css_participation,
    household,
    moves,
    params,
    prime_amount,
    rsa_amount,
)
from evals.dataset import dump_case, load_dataset
from evals.world import population

OUT = Path(__file__).parent / "datasets" / "field2-b.jsonl"
SEED = 9203
YEAR = str(DAY.year - 1)
Citizen = dict[str, Any]
# The loader's channels: SMS and web forms come in through the API.
CHANNEL = {"sms": "api", "web": "api", "api": "api", "chat": "chat"}
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

CASES: list[dict[str, Any]] = []
_pool: list[Citizen] = []
_taken: set[str] = set()


# --- citizens -------------------------------------------------------------------------


def _reset() -> None:
    CASES.clear()
    _taken.clear()
    build_core.build()
    core = set(build_core._used)
    people = list(population())
    random.Random(SEED).shuffle(people)
    _pool[:] = [c for c in people if c["id"] not in core and int(c["id"][1:]) % 2 == 1 and adult(c)]


def pick(pred: Callable[[Citizen], bool], prefer: Callable[[Citizen], bool] | None = None) -> Citizen:
    """The first citizen of the shuffled pool that fits (and `prefer`, when one does), as a copy."""
    tests: list[Callable[[Citizen], bool]] = (
        [lambda c: pred(c) and prefer(c)] if prefer else [])
    for test in [*tests, pred]:
        for c in _pool:
            if c["id"] not in _taken and test(c):
                _taken.add(c["id"])
                return copy.deepcopy(c)
    raise LookupError("no citizen left for this scenario")


def nat(*codes: str) -> Callable[[Citizen], bool]:
    return lambda c: c["etat_civil"]["nationality"] in codes


def born_fr(c: Citizen) -> bool:
    return not c["etat_civil"]["birth_commune"].startswith("99")


def vehicles(c: Citizen) -> list[dict[str, Any]]:
    return list((c.get("ants") or {}).get("vehicles") or [])


def no_vehicle(c: Citizen) -> bool:
    return not vehicles(c)


def has_cni(c: Citizen) -> bool:
    return bool((c.get("ants") or {}).get("cni"))


def insured(c: Citizen) -> bool:
    return c.get("cpam") is not None


def kids(c: Citizen) -> list[dict[str, Any]]:
    return list((c.get("caf") or {}).get("children") or [])


def one_child(c: Citizen) -> bool:
    return bool(c.get("caf")) and len(kids(c)) == 1


def school_child(c: Citizen) -> bool:
    """One child, old enough for school (3 or more)."""
    return one_child(c) and kids(c)[0]["birth_date"] <= born_years_ago(3, 0)


EU = params("inscription-listes-electorales")["eu_countries"]


def fresh_voter(c: Citizen) -> bool:
    return c.get("electoral") is None and c["etat_civil"]["nationality"] == "FR"


def css_free_of_it(c: Citizen) -> bool:
    """Insured, without a CSS already."""
    return insured(c) and not c["cpam"].get("css")


def taxed(more_than: float) -> Callable[[Citizen], bool]:
    return lambda c: bool(c.get("dgfip")) and c["dgfip"]["tax_due"].get(YEAR, 0) > more_than


def prime_threshold(c: Citizen) -> float:
    p = params("prime-activite")
    return household(c, p["threshold_one"], p, "extra_adult")


def rsa_ceiling(c: Citizen) -> float:
    p = params("rsa")
    return household(c, p["ceiling_one"], p, "extra_adult")


def prime_eligible(c: Citizen) -> bool:
    caf = c.get("caf")
    return bool(caf and 0 < caf["monthly_activity_income"] < prime_threshold(c))


def rsa_eligible(c: Citizen) -> bool:
    caf = c.get("caf")
    return bool(
        caf
        and (age(c) >= params("rsa")["min_age"] or caf["children"])
        and caf["monthly_resources"] < rsa_ceiling(c)
    )


def rfr(c: Citizen) -> float:
    years = c["dgfip"]["rfr"]
    return float(years[max(years)])


def set_activity(c: Citizen, income: float) -> None:
    """A new monthly activity income; resources keep what is not activity."""
    caf = c["caf"]
    other = max(0.0, round(caf["monthly_resources"] - caf["monthly_activity_income"], 2))
    caf["monthly_activity_income"] = income
    caf["monthly_resources"] = round(income + other, 2)


def born_years_ago(years: int, days_after: int) -> str:
    """The birth date of someone who turned `years` `days_after` days before DAY."""
    birthday = DAY.replace(year=DAY.year - years)
    return (birthday - dt.timedelta(days=days_after)).isoformat()


def she(c: Citizen, female: str, male: str) -> str:
    return female if c["etat_civil"]["sex"] == "F" else male


def first_name(c: Citizen) -> str:
    return str(c["etat_civil"]["given_names"][0])


def full_name(c: Citizen) -> str:
    return f"{first_name(c)} {c['etat_civil']['family_name'].title()}"


# --- expectations ---------------------------------------------------------------------


def case(
    cid: str,
    tags: list[str],
    citizen: Citizen,
    messages: list[str],
    *,
    channel: str,
    approver: list[dict[str, Any]] | None = None,
    **expect: Any,
) -> None:
    CASES.append(
        {
            "id": f"gb-{cid}",
            "tags": [*tags, channel],
            "citizen": citizen,
            "channel": CHANNEL[channel],
            "messages": messages,
            "approver": approver or [],
            "expect": expect,
        }
    )


def done(procedures: list[str], effects: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    return {
        "procedures": procedures,
        "status": "accepte",
        "approvals": [],
        "effects": effects,
        "notified": True,
        **more,
    }


def granted(benefit: str, amount: float) -> dict[str, Any]:
    return {
        "procedures": [benefit],
        "status": "accepte",
        "approvals": ["grant_benefit"],
        "effects": [
            {
                "effect": "grant_benefit",
                "args": {"benefit": benefit, "monthly_amount": amount, "start_date": START},
            }
        ],
        "notified": True,
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


def handed(procedures: list[str]) -> dict[str, Any]:
    return {
        "procedures": procedures,
        "status": "en_instruction",
        "approvals": [],
        "effects": [{"effect": "handoff"}],
        "notified": False,
    }


def info() -> dict[str, Any]:
    return done(["renseignement"], [])


def moved(c: Citizen, postal_code: str) -> dict[str, Any]:
    return done(
        ["changement-adresse"],
        moves(c, postal_code),
        records=[{"path": "contact.address.postal_code", "value": postal_code}],
    )


def new_plate_address(c: Citizen, index: int, postal_code: str) -> dict[str, Any]:
    plate = vehicles(c)[index]["plate"]
    return done(
        ["carte-grise-adresse"],
        [
            {
                "effect": "update_contact",
                "args": {"source": "ants", "plate": plate, "address": {"postal_code": postal_code}},
            }
        ],
        records=[{"path": f"ants.vehicles.{index}.address.postal_code", "value": postal_code}],
    )


def birth_act(kind: str) -> dict[str, Any]:
    return done(
        ["acte-naissance"], [{"effect": "issue_document", "args": {"kind": f"acte-naissance-{kind}"}}]
    )


def cni(motif: str) -> dict[str, Any]:
    return done(
        ["carte-identite"],
        [
            {"effect": "register", "args": {"list": "cni-pre-application", "motif": motif}},
            {"effect": "book_appointment"},
        ],
    )


def voter() -> dict[str, Any]:
    return done(["inscription-listes-electorales"], [{"effect": "register", "args": {"list": "electoral"}}])


def health_rights() -> dict[str, Any]:
    return done(
        ["attestation-droits-sante"],
        [{"effect": "issue_document", "args": {"kind": "attestation-droits-sante"}}],
    )


def housing() -> dict[str, Any]:
    return done(["logement-social"], [{"effect": "register", "args": {"list": "social-housing"}}])


def canteen(c: Citizen, child: str) -> dict[str, Any]:
    qf = (c.get("caf") or {}).get("quotient_familial")
    return done(
        ["restauration-scolaire"],
        [{"effect": "register", "args": {"list": "canteen", "child": child, "bracket": bracket(qf)}}],
    )


def ticket(category: str) -> dict[str, Any]:
    return done(["signalement-voirie"], [{"effect": "create_ticket", "args": {"category": category}}])


def tax_fixed(amount: float) -> dict[str, Any]:
    return {
        "procedures": ["reclamation-fiscale"],
        "status": "accepte",
        "approvals": ["adjust_tax"],
        "effects": [{"effect": "adjust_tax", "args": {"year": int(YEAR), "new_amount": amount}}],
        "notified": True,
        "records": [{"path": f"dgfip.tax_due.{YEAR}", "value": amount}],
    }


def css_granted(c: Citizen, yearly: float) -> dict[str, Any]:
    free, _ = css_limits(c)
    return granted("css", 0.0 if yearly < free else css_participation(c))


def rsa_alone(resources: float) -> float:
    """A citizen unknown to the CAF: one person's ceiling minus the resources they state."""
    return round(float(params("rsa")["ceiling_one"]) - resources, 2)


def prime_alone(income: float) -> float:
    """A citizen unknown to the CAF: one person's threshold, the income they state."""
    p = params("prime-activite")
    return round(float(p["rate"]) * (float(p["threshold_one"]) - income), 2)


GRANT = [{"effect": "grant_benefit", **APPROVE}]
REJECT = [{"effect": "reject_demand", **APPROVE}]
TAX = [{"effect": "adjust_tax", **APPROVE}]
NO_VOTER = [{"path": "electoral", "value": None}]


# --- other languages (24) -------------------------------------------------------------


def english() -> None:
    c = pick(no_vehicle, nat("GB", "US"))
    case(
        "01",
        ["language", "en", "changement-adresse"],
        c,
        [
            "Hi there, I've just moved to 27 rue Saint-Ferréol, 13001 Marseille. Could you update "
            f"my address with all the relevant offices please? Cheers, {first_name(c)}"
        ],
        channel="web",
        **moved(c, "13001"),
    )
    case(
        "02",
        ["language", "en", "signalement-voirie"],
        pick(lambda c: True),
        [
            "Hello, the street light outside 9 rue des Carmes has been out for over a week and the "
            "whole street is pitch dark at night. Could someone come and fix it? Thanks."
        ],
        channel="api",
        **ticket("eclairage"),
    )
    c = pick(school_child, nat("GB", "US"))
    kid = kids(c)[0]["given_name"]
    case(
        "03",
        ["language", "en", "restauration-scolaire"],
        c,
        [f"Hi, I'd like to sign my kid {kid} up for school lunches at the cantine. Thanks a lot!"],
        channel="chat",
        **canteen(c, kid),
    )
    case(
        "04",
        ["language", "en", "question-about-rule", "amount", "renseignement"],
        pick(lambda c: True),
        [
            "Quick question: how much is the monthly contribution for the complémentaire santé "
            "solidaire for someone aged 45? I'm not applying yet, I just want to know."
        ],
        channel="web",
        **info(),
    )
    case(
        "05",
        ["language", "en", "out-of-scope"],
        pick(lambda c: True, nat("US")),
        [
            "Hello, I'm American and I've been living in France for eight months. How do I swap my US "
            "driver's license for a French one?"
        ],
        channel="api",
        procedures=[],
        status="en_instruction",
        approvals=[],
        effects=[{"effect": "handoff"}],
        notified=False,
    )


def spanish() -> None:
    case(
        "06",
        ["language", "es", "acte-naissance"],
        pick(born_fr),
        [
            "Hola, buenas tardes. Necesito un extracto de mi partida de nacimiento (un extrait d'acte "
            "de naissance) para presentarlo en el consulado. ¿Me lo pueden enviar? Gracias."
        ],
        channel="web",
        **birth_act("extrait"),
    )
    c = pick(has_cni)
    case(
        "07",
        ["language", "es", "carte-identite"],
        c,
        [
            "Buenos días. Ayer en el metro me robaron la cartera con mi carte d'identité dentro. Ya "
            "puse la denuncia en comisaría. Necesito hacer una nueva, ¿me pueden dar cita?"
        ],
        channel="chat",
        **cni("vol"),
    )
    # A parent under 25: the RSA's age condition is lifted by a child.
    c = pick(lambda c: one_child(c) and c["etat_civil"]["sex"] == "F")
    c["etat_civil"]["birth_date"] = born_years_ago(23, 140)
    c["etat_civil"]["marital_status"] = "celibataire"
    c["caf"]["household_adults"] = 1
    c["caf"]["children"][0]["birth_date"] = born_years_ago(2, 75)
    set_activity(c, 0.0)
    c["caf"]["monthly_resources"] = 210.0
    kid = kids(c)[0]["given_name"]
    assert age(c) == 23 and rsa_eligible(c)
    case(
        "08",
        ["language", "es", "eligibility-edge", "rsa"],
        c,
        [
            f"Hola, tengo 23 años y vivo sola con mi hija {kid}, que tiene 2 años. No tengo trabajo "
            "y casi no tengo ingresos. Quiero pedir el RSA, por favor."
        ],
        channel="api",
        approver=GRANT,
        **granted("rsa", rsa_amount(c)),
    )
    case(
        "09",
        ["language", "es", "reclamation-service"],
        pick(lambda c: True),
        [
            "Quiero poner una queja. He ido tres veces a la ventanilla del ayuntamiento por mi "
            "expediente y cada vez me dicen que vuelva otro día, sin ninguna explicación. Un trato "
            "muy poco profesional."
        ],
        channel="web",
        **handed(["reclamation-service"]),
    )


def portuguese() -> None:
    c = pick(
        lambda c: (
            c.get("electoral") is None
            and c["etat_civil"]["nationality"] in EU
            and c["etat_civil"]["nationality"] != "FR"
        ),
        nat("PT"),
    )
    town = c["contact"]["address"]["commune"]
    origin = "portuguesa" if c["etat_civil"]["nationality"] == "PT" else "cidadã europeia"
    if c["etat_civil"]["sex"] == "M":
        origin = "português" if c["etat_civil"]["nationality"] == "PT" else "cidadão europeu"
    case(
        "10",
        ["language", "pt", "inscription-listes-electorales"],
        c,
        [
            f"Bom dia, sou {origin} e vivo em {town} há seis anos. Gostaria de me inscrever nas "
            f"listas eleitorais para poder votar nas eleições municipais. {she(c, 'Obrigada', 'Obrigado')}!"
        ],
        channel="web",
        **voter(),
    )
    c = pick(lambda c: len(vehicles(c)) == 1)
    plate = vehicles(c)[0]["plate"]
    case(
        "11",
        ["language", "pt", "carte-grise-adresse"],
        c,
        [
            "Olá, boa tarde. Preciso de alterar a morada no certificado de matrícula (carte grise) "
            f"do meu carro, matrícula {plate}. A nova morada é 22 rue Alsace-Lorraine, 31000 "
            "Toulouse."
        ],
        channel="api",
        **new_plate_address(c, 0, "31000"),
    )
    c = pick(lambda c: css_free_of_it(c) and bool(c.get("dgfip")) and rfr(c) < css_limits(c)[1], nat("PT"))
    case(
        "12",
        ["language", "pt", "css"],
        c,
        [
            "Boa tarde, queria pedir a complémentaire santé solidaire. Estou sem mutuelle desde o ano "
            "passado e os meus rendimentos são baixos."
        ],
        channel="chat",
        approver=GRANT,
        **css_granted(c, rfr(c)),
    )
    c = pick(insured, nat("PT"))
    case(
        "13",
        ["language", "pt", "attestation-droits-sante"],
        c,
        [
            "Olá! Preciso de um atestado dos meus direitos ao seguro de saúde (attestation de droits) "
            f"para levar ao hospital na próxima semana. Podem enviar-mo? {she(c, 'Obrigada', 'Obrigado')}."
        ],
        channel="api",
        **health_rights(),
    )


def arabic() -> None:
    c = pick(nat("MA", "DZ", "TN"))
    case(
        "14",
        ["language", "ar", "ineligible", "inscription-listes-electorales"],
        c,
        [
            f"السلام عليكم، أنا {she(c, 'مقيمة', 'مقيم')} في فرنسا منذ عشر سنوات "
            "وأريد التسجيل في اللوائح الانتخابية "
            "(listes électorales) للتصويت في الانتخابات البلدية القادمة. شكرا."
        ],
        channel="web",
        approver=REJECT,
        **refused("inscription-listes-electorales", records=NO_VOTER),
    )
    c = pick(prime_eligible, nat("MA", "DZ", "TN"))
    case(
        "15",
        ["language", "ar", "prime-activite"],
        c,
        ["مرحبا، أشتغل بدوام جزئي في مطعم وراتبي ضعيف. أريد أن أطلب la prime d'activité من فضلكم."],
        channel="chat",
        approver=GRANT,
        **granted("prime-activite", prime_amount(c)),
    )
    case(
        "16",
        ["language", "ar", "everyday-name", "logement-social"],
        pick(lambda c: bool(kids(c)), nat("MA", "DZ", "TN")),
        ["السلام عليكم، نحن عائلة نسكن في شقة صغيرة جدا، وأريد أن أقدم طلب سكن اجتماعي (HLM). شكرا جزيلا."],
        channel="api",
        **housing(),
    )
    case(
        "17",
        ["language", "ar", "signalement-voirie"],
        pick(lambda c: True),
        [
            "مساء الخير، هناك حفرة كبيرة في الطريق أمام رقم 40 rue Jean Jaurès، وسيارتي تضررت "
            "بسببها. أرجو إصلاحها بسرعة."
        ],
        channel="web",
        **ticket("voirie"),
    )


def other_languages() -> None:
    case(
        "18",
        ["language", "it", "third-party", "attestation-droits-sante"],
        pick(insured, nat("IT")),
        [
            "Buongiorno, il mio nuovo datore di lavoro, la ditta Ferri Costruzioni, mi chiede "
            "un'attestazione dei miei diritti all'assicurazione sanitaria. Potreste inviarla "
            "direttamente a loro? Grazie mille."
        ],
        channel="web",
        approver=[{"effect": "disclose_record", **APPROVE}],
        procedures=["attestation-droits-sante"],
        status="accepte",
        approvals=["disclose_record"],
        effects=[{"effect": "disclose_record", "args": {"source": "cpam"}}],
        notified=True,
    )
    c = pick(
        lambda c: (
            c.get("electoral") is None
            and c["etat_civil"]["nationality"] in EU
            and c["etat_civil"]["nationality"] != "FR"
        ),
        nat("RO"),
    )
    if c["etat_civil"]["nationality"] == "RO":
        origin = she(c, "cetățeancă română", "cetățean român")
    else:
        origin = she(c, "cetățeancă europeană", "cetățean european")
    case(
        "19",
        ["language", "ro", "inscription-listes-electorales"],
        c,
        [
            f"Bună ziua, sunt {origin} și locuiesc în {c['contact']['address']['commune']} de patru ani. "
            "Aș dori să mă înscriu pe listele electorale pentru alegerile municipale și europene. "
            "Mulțumesc!"
        ],
        channel="api",
        **voter(),
    )
    c = pick(taxed(900))
    due = c["dgfip"]["tax_due"][YEAR]
    claim = float(int(due * 0.6) // 10 * 10)
    case(
        "20",
        ["language", "tr", "amount", "reclamation-fiscale"],
        c,
        [
            f"Merhaba, {YEAR} yılı gelir vergisi bildirimimde bir hata var. Benden {due} euro "
            f"istiyorlar ama hesabıma göre {claim:.0f} euro ödemem gerekiyor. Düzeltilmesini rica "
            "ediyorum."
        ],
        channel="web",
        approver=TAX,
        **tax_fixed(claim),
    )
    c = pick(school_child, nat("PL"))
    kid = kids(c)[0]["given_name"]
    case(
        "21",
        ["language", "pl", "restauration-scolaire"],
        c,
        [
            f"Dzień dobry, {she(c, 'chciałabym', 'chciałbym')} zapisać moje dziecko, {kid}, na obiady "
            "w stołówce szkolnej (cantine). Z góry dziękuję."
        ],
        channel="chat",
        **canteen(c, kid),
    )
    c = pick(no_vehicle, nat("DE"))
    case(
        "22",
        ["language", "de", "signature", "changement-adresse"],
        c,
        [
            "Guten Tag, ich bin letzte Woche umgezogen. Meine neue Adresse lautet: 14 rue du "
            "Faubourg National, 67000 Strasbourg. Könnten Sie bitte meine Adresse bei allen Behörden "
            f"ändern? Mit freundlichen Grüßen\n{full_name(c)}"
        ],
        channel="web",
        **moved(c, "67000"),
    )
    case(
        "23",
        ["language", "ru", "acte-naissance"],
        pick(born_fr),
        [
            "Здравствуйте! Мне нужна полная копия моего свидетельства о рождении (copie intégrale "
            "d'acte de naissance) для оформления брака. Спасибо."
        ],
        channel="api",
        **birth_act("copie-integrale"),
    )
    c = pick(lambda c: len(vehicles(c)) == 1, nat("CN"))
    plate = vehicles(c)[0]["plate"]
    case(
        "24",
        ["language", "zh", "carte-grise-adresse"],
        c,
        [
            f"您好，我想修改我的车辆登记证（carte grise）上的地址。车牌号是 {plate}，新地址是 "
            "8 rue de la Paix, 75002 Paris。谢谢！"
        ],
        channel="chat",
        **new_plate_address(c, 0, "75002"),
    )


# --- SMS-style (12) -------------------------------------------------------------------


def sms() -> None:
    case(
        "25",
        ["everyday-name", "negation", "acte-naissance"],
        pick(born_fr),
        [
            "bjr jai besoin de mes papiers de naissance pr le pacs, pas la copie integrale juste l "
            "extrait. merci"
        ],
        channel="sms",
        **birth_act("extrait"),
    )
    case(
        "26",
        ["question-about-rule", "renseignement"],
        pick(lambda c: True),
        ["bsr c koi les papiers a fournir pr une demande de logement social ? merci d avance"],
        channel="sms",
        **info(),
    )
    # 18 since yesterday: old enough to be registered.
    c = pick(lambda c: fresh_voter(c) and c.get("caf") is None)
    c["etat_civil"]["birth_date"] = born_years_ago(18, 1)
    c["etat_civil"]["marital_status"] = "celibataire"
    assert age(c) == 18
    case(
        "27",
        ["eligibility-edge", "question-demand", "inscription-listes-electorales"],
        c,
        [
            "jai eu 18 ans hier !! c possible de m inscrire sur les listes electorales par ici ? jveux "
            "voter aux prochaines"
        ],
        channel="sms",
        **voter(),
    )
    c = pick(no_vehicle)
    case(
        "28",
        ["changement-adresse"],
        c,
        ["cc on a demenagé au 6 rue des Acacias 59800 Lille, vs pouvez changer mon adresse partout ? merci"],
        channel="sms",
        **moved(c, "59800"),
    )
    case(
        "29",
        ["everyday-name", "attestation-droits-sante"],
        pick(insured),
        [
            "bjr jarrive pas a me connecter sur ameli, jai besoin du papier de la secu (attestation "
            "de droits) pr la pharmacie, vs pouvez me l envoyer ?"
        ],
        channel="sms",
        **health_rights(),
    )
    # The RFR just under the free CSS limit of the household.
    c = pick(lambda c: css_free_of_it(c) and bool(c.get("dgfip")))
    c["dgfip"]["rfr"][YEAR] = math.floor(css_limits(c)[0]) - 12
    case(
        "30",
        ["everyday-name", "eligibility-edge", "css"],
        c,
        ["demande de cmu svp, jai plus de mutuelle et presque pas de revenus"],
        channel="sms",
        approver=GRANT,
        **granted("css", 0.0),
    )
    case(
        "31",
        ["everyday-name", "carte-identite"],
        pick(has_cni),
        ["g perdu ma cni samedi soir en ville, faut que jen refasse une, vs pouvez me donner un rdv ?"],
        channel="sms",
        **cni("perte"),
    )
    # A quotient familial of exactly 400 is no longer bracket A.
    c = pick(school_child)
    c["caf"]["quotient_familial"] = 400
    kid = kids(c)[0]["given_name"]
    assert bracket(400) == "B"
    case(
        "32",
        ["eligibility-edge", "restauration-scolaire"],
        c,
        [f"bjr c pr inscrire {kid} a la cantine apres les vacances de la toussaint, merci"],
        channel="sms",
        **canteen(c, kid),
    )
    # 24 and no child: under the RSA's age.
    c = pick(lambda c: bool(c.get("caf")) and not kids(c))
    c["etat_civil"]["birth_date"] = born_years_ago(24, 200)
    c["etat_civil"]["marital_status"] = "celibataire"
    c["caf"]["household_adults"] = 1
    set_activity(c, 0.0)
    c["caf"]["monthly_resources"] = 180.0
    assert age(c) == 24
    case(
        "33",
        ["eligibility-edge", "ineligible", "rsa"],
        c,
        ["rsa svp jai 24 ans, plus de taf depuis cet ete et pas d enfant"],
        channel="sms",
        approver=REJECT,
        **refused("rsa"),
    )
    c = pick(taxed(500), lambda c: age(c) < 60)
    due = c["dgfip"]["tax_due"][YEAR]
    case(
        "34",
        ["everyday-name", "amount", "correction", "reclamation-fiscale"],
        c,
        [f"ma feuille d impot {YEAR} est fausse, jdois 300e... non pardon 350e, pas {due}e"],
        channel="sms",
        approver=TAX,
        **tax_fixed(350.0),
    )
    case(
        "35",
        ["reclamation-service"],
        pick(lambda c: True),
        [
            "ca fait 2 mois que jattend un rappel du service etat civil, jai appele 5 fois, personne "
            "rappelle jamais. c nul franchement"
        ],
        channel="sms",
        **handed(["reclamation-service"]),
    )
    c = pick(lambda c: bool(kids(c)))
    size = c["caf"]["household_adults"] + len(kids(c))
    case(
        "36",
        ["everyday-name", "logement-social"],
        c,
        [f"hlm svp on est {size} dans un studio de 20m2 avec les petits"],
        channel="sms",
        **housing(),
    )


# --- chat turns (10) ------------------------------------------------------------------


def chat() -> None:
    case(
        "37",
        ["missing-info", "signalement-voirie"],
        pick(lambda c: True),
        [
            "Bonjour, le lampadaire de ma rue clignote tout le temps et finit par s'éteindre la nuit",
            "C'est rue Paul Bert, au niveau du 33",
        ],
        channel="chat",
        **ticket("eclairage"),
    )
    c = pick(no_vehicle)
    case(
        "38",
        ["missing-info", "changement-adresse"],
        c,
        ["coucou, j'ai déménagé ce week-end, faut changer mon adresse", "12 bis rue Nationale, 37000 Tours"],
        channel="chat",
        **moved(c, "37000"),
    )
    c = pick(lambda c: bool(c.get("caf")) and len(kids(c)) >= 2)
    kid = kids(c)[0]["given_name"]
    case(
        "39",
        ["missing-info", "restauration-scolaire"],
        c,
        ["bonjour je veux inscrire mon enfant à la cantine", f"c'est pour {kid}"],
        channel="chat",
        **canteen(c, kid),
    )
    c = pick(lambda c: len(vehicles(c)) == 2)
    plate = vehicles(c)[1]["plate"]
    case(
        "40",
        ["missing-info", "carte-grise-adresse"],
        c,
        [
            "salut, faut changer l'adresse sur ma carte grise, je suis au 4 rue Lafayette 63000 "
            "Clermont-Ferrand maintenant",
            f"la {plate}",
        ],
        channel="chat",
        **new_plate_address(c, 1, "63000"),
    )
    c = pick(lambda c: c.get("caf") is None and params("rsa")["min_age"] <= age(c) < 60)
    case(
        "41",
        ["missing-info", "amount", "rsa"],
        c,
        ["bonjour je voudrais demander le rsa", "je paie 450 € de loyer et je touche 280 € par mois en tout"],
        channel="chat",
        approver=GRANT,
        **granted("rsa", rsa_alone(280)),
    )
    c = pick(lambda c: css_free_of_it(c) and c.get("dgfip") is None and c.get("caf") is None)
    free, part = css_limits(c)
    assert free <= 12600 < part
    case(
        "42",
        ["missing-info", "amount", "css"],
        c,
        [
            "je peux avoir la complémentaire santé solidaire ?",
            f"12 600 € de revenu fiscal de référence en {YEAR} (en {int(YEAR) - 1} c'était 14 000)",
        ],
        channel="chat",
        approver=GRANT,
        **granted("css", css_participation(c)),
    )
    c = pick(lambda c: c.get("caf") is None and c.get("dgfip") is not None, lambda c: age(c) < 60)
    case(
        "43",
        ["missing-info", "amount", "correction", "prime-activite"],
        c,
        [
            "j'aimerais faire une demande de prime d'activité",
            "1 600 € par mois... ah non pardon, ça c'était avant mon passage à temps partiel, "
            "maintenant c'est 1 280 € net",
        ],
        channel="chat",
        approver=GRANT,
        **granted("prime-activite", prime_alone(1280)),
    )
    case(
        "44",
        ["missing-info", "reclamation-fiscale"],
        pick(taxed(420)),
        [f"je conteste mon impôt {YEAR}", "je pense que je devrais payer 420 €"],
        channel="chat",
        approver=TAX,
        **tax_fixed(420.0),
    )
    c = pick(lambda c: c.get("caf") is None, lambda c: age(c) < 50)
    case(
        "45",
        ["missing-info", "restauration-scolaire"],
        c,
        ["inscription cantine pour ma fille stp", "Elle s'appelle Inès"],
        channel="chat",
        **canteen(c, "Inès"),
    )
    case(
        "46",
        ["missing-info", "sense", "signalement-voirie"],
        pick(lambda c: True),
        [
            "Bonjour, je tiens le petit restaurant du coin, on vient de refaire la carte et la "
            "terrasse, mais quelqu'un dépose des sacs poubelle éventrés juste devant depuis 3 jours",
            "Devant le 14 rue des Tanneurs",
        ],
        channel="chat",
        **ticket("proprete"),
    )


# --- everyday names, senses, negations (22) -------------------------------------------


def everyday() -> None:
    # "RSA activité" is what the prime d'activité replaced: someone who works.
    c = pick(lambda c: prime_eligible(c) and not rsa_eligible(c))
    case(
        "47",
        ["everyday-name", "prime-activite"],
        c,
        [
            f"Bonjour, je suis {she(c, 'vendeuse', 'vendeur')} à mi-temps dans une boulangerie et je "
            "voudrais faire une demande de RSA activité. Merci d'avance."
        ],
        channel="web",
        approver=GRANT,
        **granted("prime-activite", prime_amount(c)),
    )
    c = pick(lambda c: len(vehicles(c)) == 1)
    plate = vehicles(c)[0]["plate"]
    case(
        "48",
        ["everyday-name", "question-demand", "carte-grise-adresse"],
        c,
        [
            f"Comment je fais pour mettre ma nouvelle adresse sur la grise de ma moto ({plate}) ? "
            "J'habite maintenant 8 rue Esquermoise, 59000 Lille."
        ],
        channel="web",
        **new_plate_address(c, 0, "59000"),
    )
    # The ACS is now the CSS with a participation; the RFR just over its limit.
    c = pick(lambda c: css_free_of_it(c) and bool(c.get("dgfip")) and age(c) >= 62)
    c["dgfip"]["rfr"][YEAR] = math.ceil(css_limits(c)[1]) + 8
    case(
        "49",
        ["everyday-name", "eligibility-edge", "ineligible", "css"],
        c,
        [
            "Bonjour, je suis à la retraite avec une petite pension et je voudrais demander l'ACS pour "
            "m'aider à payer ma mutuelle. Bien cordialement."
        ],
        channel="api",
        approver=REJECT,
        **refused("css"),
    )
    # A child of collège age, when there is one.
    c = pick(one_child, lambda c: kids(c)[0]["birth_date"] <= born_years_ago(11, 0))
    kid = kids(c)[0]["given_name"]
    case(
        "50",
        ["everyday-name", "negation", "restauration-scolaire"],
        c,
        [
            f"Bonjour, je ne demande aucune aide financière, je voudrais simplement inscrire {kid} à "
            f"la demi-pension : à partir de janvier, {kid} déjeunera au collège tous les midis."
        ],
        channel="web",
        **canteen(c, kid),
    )


def senses() -> None:
    c = pick(insured, lambda c: age(c) < 30)
    case(
        "51",
        ["sense", "attestation-droits-sante"],
        c,
        [
            "Bonjour, pour mon inscription à la fac on me demande une attestation de droits à "
            "l'assurance maladie. Pouvez-vous me l'envoyer ? Merci"
        ],
        channel="web",
        **health_rights(),
    )
    case(
        "52",
        ["sense", "side-remark", "signalement-voirie"],
        pick(lambda c: True),
        [
            "En déménageant le frigo de ma mère hier soir, on a remarqué que le lampadaire devant le "
            "22 rue des Écoles ne s'allume plus du tout. C'est tout noir, on a failli rater une "
            "marche."
        ],
        channel="api",
        **ticket("eclairage"),
    )
    c = pick(fresh_voter)
    case(
        "53",
        ["sense", "inscription-listes-electorales"],
        c,
        [
            f"J'ai un trou de mémoire : je ne sais plus si je me suis {she(c, 'inscrite', 'inscrit')} "
            f"sur les listes électorales quand je suis {she(c, 'arrivée', 'arrivé')} ici. Dans le "
            "doute, je voudrais m'inscrire maintenant."
        ],
        channel="chat",
        **voter(),
    )
    c = pick(lambda c: css_free_of_it(c) and c.get("dgfip") is None and c.get("caf") is None)
    assert css_limits(c)[0] > 9480
    case(
        "54",
        ["sense", "amount", "css"],
        c,
        [
            f"Bonjour, je suis {she(c, 'développeuse', 'développeur')} web en freelance (HTML, CSS, "
            f"un peu de JavaScript) et je gagne très peu : mon revenu fiscal de référence {YEAR} est "
            "de 9 480 €, soit à peu près 790 € par mois. Je voudrais demander la complémentaire "
            "santé solidaire."
        ],
        channel="web",
        approver=GRANT,
        **granted("css", 0.0),
    )
    c = pick(no_vehicle)
    case(
        "55",
        ["sense", "negation", "changement-adresse"],
        c,
        [
            "Bonjour, je vous signale mon changement de domicile : depuis le 1er octobre j'habite au "
            "3 rue de Saint-Malo, 35000 Rennes. Pas besoin de vous occuper d'une carte grise, je n'ai "
            "pas de voiture. Merci de mettre à jour mes coordonnées auprès des organismes."
        ],
        channel="api",
        **moved(c, "35000"),
    )
    case(
        "56",
        ["sense", "acte-naissance"],
        pick(born_fr, lambda c: age(c) >= 30),
        [
            "Bonjour, nous signons l'acte de vente de notre appartement chez le notaire le 20 "
            "novembre et il réclame une copie intégrale de mon acte de naissance. Pouvez-vous me la "
            "faire parvenir ? Merci beaucoup."
        ],
        channel="web",
        **birth_act("copie-integrale"),
    )
    c = pick(has_cni)
    case(
        "57",
        ["sense", "carte-identite"],
        c,
        [
            f"Bonjour, je suis {she(c, 'allée', 'allé')} porter plainte au commissariat hier soir : on "
            "m'a volé mon sac avec ma carte d'identité dedans. Il faut que je la refasse, comment "
            "prendre rendez-vous ?"
        ],
        channel="chat",
        **cni("vol"),
    )


def negations() -> None:
    # Activity income exactly at the household's threshold: not under it.
    c = pick(lambda c: bool(c.get("caf")) and c["caf"]["monthly_activity_income"] > 0)
    set_activity(c, prime_threshold(c))
    case(
        "58",
        ["negation", "eligibility-edge", "ineligible", "prime-activite"],
        c,
        [
            "Bonjour, je ne demande pas le RSA, je travaille à temps plein ; je voudrais seulement "
            "faire une demande de prime d'activité."
        ],
        channel="web",
        approver=REJECT,
        **refused("prime-activite"),
    )
    case(
        "59",
        ["negation", "signalement-voirie"],
        pick(lambda c: True),
        [
            "Ce n'est pas une réclamation, juste un signalement : le trottoir est complètement défoncé "
            "devant le 18 rue Carnot, les poussettes ne passent plus."
        ],
        channel="api",
        **ticket("voirie"),
    )
    c = pick(lambda c: "apl" in ((c.get("caf") or {}).get("benefits") or []))
    case(
        "60",
        ["negation", "logement-social"],
        c,
        [
            "Bonjour, je ne demande pas d'APL, on la touche déjà. Je voudrais déposer une demande de "
            "logement social, notre appartement est devenu bien trop petit pour nous."
        ],
        channel="web",
        **housing(),
    )
    c = pick(lambda c: has_cni(c) and c["ants"]["cni"]["expiry"] < DAY.isoformat())
    expired = dt.date.fromisoformat(c["ants"]["cni"]["expiry"])
    case(
        "61",
        ["negation", "carte-identite"],
        c,
        [
            "Je ne souhaite pas m'inscrire sur les listes électorales pour l'instant. Je voudrais "
            "seulement renouveler ma carte d'identité, elle a expiré en "
            f"{MONTHS[expired.month - 1]} {expired.year}."
        ],
        channel="api",
        **cni("renouvellement"),
    )
    # The registration still carries an earlier address; the contact one is current.
    c = pick(
        lambda c: (
            len(vehicles(c)) == 1 and vehicles(c)[0]["address_insee"] != c["contact"]["address"]["insee"]
        )
    )
    where = c["contact"]["address"]
    case(
        "62",
        ["negation", "carte-grise-adresse"],
        c,
        [
            "Bonjour, j'ai déménagé il y a deux ans et les organismes ont déjà ma nouvelle adresse, "
            f"pas besoin de refaire cette démarche. Par contre ma carte grise ({vehicles(c)[0]['plate']}) "
            f"porte encore l'ancienne : pouvez-vous la mettre à jour ? J'habite {where['line']}, "
            f"{where['postal_code']} {where['commune']}."
        ],
        channel="web",
        **new_plate_address(c, 0, where["postal_code"]),
    )
    case(
        "63",
        ["negation", "reclamation-service"],
        pick(lambda c: True),
        [
            "Je ne veux pas signaler un problème de voirie, je veux me plaindre : l'agent de la mairie "
            "que j'ai eu au téléphone ce matin m'a raccroché au nez deux fois."
        ],
        channel="api",
        **handed(["reclamation-service"]),
    )


# --- questions, amounts (11) ----------------------------------------------------------


def questions() -> None:
    case(
        "64",
        ["question-about-rule", "renseignement"],
        pick(lambda c: True),
        [
            "Bonjour, c'est quoi le plafond de revenus pour avoir la complémentaire santé solidaire "
            "gratuite quand on vit seul ?"
        ],
        channel="web",
        **info(),
    )
    case(
        "65",
        ["question-about-rule", "renseignement"],
        pick(lambda c: True),
        ["Combien de temps ça prend, en général, de changer l'adresse sur une carte grise ?"],
        channel="chat",
        **info(),
    )
    case(
        "66",
        ["question-about-rule", "renseignement"],
        pick(lambda c: True),
        ["À partir de quel âge peut-on toucher le RSA ?"],
        channel="api",
        **info(),
    )
    case(
        "67",
        ["question-about-rule", "renseignement"],
        pick(lambda c: True),
        [
            "Pour la prime d'activité, si la CAF ne répond pas, au bout de combien de temps le "
            "silence vaut refus ?"
        ],
        channel="web",
        **info(),
    )
    # Activity income 4 € under the household's threshold: eligible, for a small amount.
    c = pick(lambda c: bool(c.get("caf")) and c["caf"]["monthly_activity_income"] > 0)
    set_activity(c, round(prime_threshold(c) - 4.0, 2))
    assert prime_eligible(c)
    case(
        "68",
        ["question-demand", "eligibility-edge", "prime-activite"],
        c,
        [
            "Bonjour, est-ce que j'aurais droit à la prime d'activité ? Avec les heures sup de ces "
            "derniers mois je crois que je suis juste à la limite."
        ],
        channel="chat",
        approver=GRANT,
        **granted("prime-activite", prime_amount(c)),
    )


def amounts() -> None:
    # One person: the net income gives 168 €, the gross one would give 54 €.
    c = pick(
        lambda c: (
            bool(c.get("caf"))
            and c["caf"]["household_adults"] == 1
            and not kids(c)
            and c["caf"]["monthly_activity_income"] > 0
        )
    )
    set_activity(c, 1340.0)
    case(
        "69",
        ["amount", "prime-activite"],
        c,
        [
            "Bonjour, je voudrais demander la prime d'activité. Je gagne 1 720 € brut par mois, soit "
            "1 340 € net."
        ],
        channel="api",
        approver=GRANT,
        **granted("prime-activite", prime_amount(c)),
    )
    # 25 since last week, unknown to the CAF: the resources are what the citizen states.
    c = pick(lambda c: c.get("caf") is None and c.get("dgfip") is None)
    c["etat_civil"]["birth_date"] = born_years_ago(25, 6)
    c["etat_civil"]["marital_status"] = "celibataire"
    assert age(c) == 25
    case(
        "70",
        ["amount", "eligibility-edge", "rsa"],
        c,
        [
            "Bonjour, j'ai eu 25 ans la semaine dernière et je voudrais demander le RSA. Je suis sans "
            "emploi ; je touche 90 € par mois d'une petite rente d'accident et ma sœur me donne "
            "110 €, donc 200 € par mois en tout."
        ],
        channel="web",
        approver=GRANT,
        **granted("rsa", rsa_alone(200)),
    )
    c = pick(taxed(800))
    due = c["dgfip"]["tax_due"][YEAR]
    claim = float(int(due * 0.7) // 10 * 10)
    case(
        "71",
        ["amount", "signature", "reclamation-fiscale"],
        c,
        [
            f"Madame, Monsieur, mon avis d'impôt {YEAR} me réclame {due} €, mais il ne tient pas "
            "compte de la demi-part pour mon fils en garde alternée : je devrais payer "
            f"{claim:.0f} €. Merci de corriger.\n{full_name(c)}"
        ],
        channel="api",
        approver=TAX,
        **tax_fixed(claim),
    )


# --- ambiguous, out of scope (5) ------------------------------------------------------


def ambiguous() -> None:
    case(
        "72",
        ["ambiguous", "carte-identite"],
        pick(lambda c: has_cni(c) and bool(vehicles(c))),
        [
            "bonjour, il faut que je refasse ma carte",
            "Ma carte d'identité. Je l'ai perdue pendant les vacances.",
        ],
        channel="chat",
        **cni("perte"),
    )
    case(
        "73",
        ["ambiguous", "inscription-listes-electorales"],
        pick(fresh_voter),
        [
            "Bonjour, je voudrais m'inscrire.",
            "Sur les listes électorales, je viens d'emménager dans la commune.",
        ],
        channel="chat",
        **voter(),
    )
    case(
        "74",
        ["ambiguous", "attestation-droits-sante"],
        pick(insured),
        [
            "J'ai besoin d'une attestation, c'est assez urgent.",
            "L'attestation de droits de la sécu, pour moi.",
        ],
        channel="chat",
        **health_rights(),
    )


def out_of_scope() -> None:
    for cid, channel, text in [
        (
            "75",
            "web",
            "Bonjour, je voudrais déposer un permis de construire pour agrandir ma véranda, comment faire ?",
        ),
        (
            "76",
            "api",
            "Notre chat a disparu depuis samedi dans le quartier, est-ce que la mairie "
            "peut nous aider à le retrouver ?",
        ),
    ]:
        case(
            cid,
            ["out-of-scope"],
            pick(lambda c: True),
            [text],
            channel=channel,
            procedures=[],
            status="en_instruction",
            approvals=[],
            effects=[{"effect": "handoff"}],
            notified=False,
        )


def build() -> list[dict[str, Any]]:
    _reset()
    for part in (
        english,
        spanish,
        portuguese,
        arabic,
        other_languages,
        sms,
        chat,
        everyday,
        senses,
        negations,
        questions,
        amounts,
        ambiguous,
        out_of_scope,
    ):
        part()
    return list(CASES)


def main() -> None:
    cases = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(dump_case(c) + "\n" for c in cases), encoding="utf-8")
    loaded = load_dataset(OUT)
    print(f"{len(loaded)} cases written to evals/datasets/{OUT.name}")


if __name__ == "__main__":
    main()
