"""What the development sets from field-dev10 on share: picking citizens, words from their
records, and expectations written from the catalogue's rules.

A builder calls `configure(prefix, seed)`, registers its scenarios with `@scenario(kind)` and
writes its set with `write_set(out, weights)`. The state (the shuffled population, the citizens
taken, the cases) is this module's: one builder runs per process (`python -m evals.build_…`).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from collections import Counter
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
)
from evals.dataset import dump_case, load_dataset
from evals.world import TODAY, population
from guichet.population import age_on

DATASETS = Path(__file__).parent / "datasets"
DAY = TODAY.date()
YEAR = str(DAY.year - 1)
Citizen = dict[str, Any]
Scenario = Callable[[], None]

_order: list[Citizen] = []
_skip: set[str] = set()
_mine: set[str] = set()
_named: set[str] = set()
CASES: list[dict[str, Any]] = []
SCENARIOS: dict[str, list[Scenario]] = {}
# The set being written: its id prefix and its shuffle seed (configure()).
_config: dict[str, Any] = {"prefix": "", "seed": 0, "skip_sets": ()}


def scenario(kind: str) -> Callable[[Scenario], Scenario]:
    def register(fn: Scenario) -> Scenario:
        SCENARIOS.setdefault(kind, []).append(fn)
        return fn

    return register


# ---------------------------------------------------------------- picking citizens


def _prepare() -> None:
    for held in (_order, CASES):
        held.clear()
    for ids in (_skip, _mine, _named):
        ids.clear()
    build_core.build()
    _skip.update(build_core._used)
    for path in _config["skip_sets"]:
        _skip.update(_ids(path))
    order = list(population())
    random.Random(_config["seed"]).shuffle(order)
    _order.extend(order)


def pick(pred: Callable[[Citizen], bool]) -> Citizen:
    """The next citizen of the shuffled population, unused so far, that fits the scenario."""
    for c in _order:
        if c["id"] in _skip or c["id"] in _mine or not adult(c):
            continue
        if pred(c):
            _mine.add(c["id"])
            return copy.deepcopy(c)
    raise LookupError("no citizen left for this scenario")


def other_person(pred: Callable[[Citizen], bool]) -> Citizen:
    """Someone a message names: a citizen of build_core or of a skipped set, so never the
    citizen of a case here."""
    for c in _order:
        if c["id"] in _skip and c["id"] not in _named and adult(c) and pred(c):
            _named.add(c["id"])
            return c
    raise LookupError("no other person left for this scenario")


def anyone(c: Citizen) -> bool:
    return True


def both(*preds: Callable[[Citizen], bool]) -> Callable[[Citizen], bool]:
    return lambda c: all(p(c) for p in preds)


def born_fr(c: Citizen) -> bool:
    return not c["etat_civil"]["birth_commune"].startswith("99")


def insured(c: Citizen) -> bool:
    return c.get("cpam") is not None


def has_email(c: Citizen) -> bool:
    return bool(c["contact"].get("email"))


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


def two_vehicles(c: Citizen) -> bool:
    return len(vehicles(c)) == 2


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


def never_voted_non_eu(c: Citizen) -> bool:
    return non_eu(c) and c.get("electoral") is None


def pupils(c: Citizen) -> list[dict[str, Any]]:
    """Children of school age (maternelle to collège), who may eat at a school canteen."""
    kids = (c.get("caf") or {}).get("children") or []
    return [k for k in kids if 3 <= age_on(k["birth_date"], DAY) <= 14]


def one_pupil(c: Citizen) -> bool:
    return len((c.get("caf") or {}).get("children") or []) == 1 and len(pupils(c)) == 1


def two_pupils(c: Citizen) -> bool:
    return len(pupils(c)) >= 2


def pupil(c: Citizen, n: int = 0) -> str:
    return str(pupils(c)[n]["given_name"])


def qf_at_least(low: float) -> Callable[[Citizen], bool]:
    return lambda c: (c.get("caf") or {}).get("quotient_familial", 0) >= low


def prime_ok(c: Citizen) -> bool:
    return bool(build_core._prime_eligible(c))


def prime_over(c: Citizen) -> bool:
    p = params("prime-activite")
    caf = c.get("caf") or {}
    return bool(caf) and caf["monthly_activity_income"] >= build_core.household(
        c, p["threshold_one"], p, "extra_adult")


def rsa_ok(c: Citizen) -> bool:
    return bool(build_core._rsa_eligible(c))


def rsa_over(c: Citizen) -> bool:
    p = params("rsa")
    return (
        bool(c.get("caf"))
        and age(c) >= p["min_age"]
        and c["caf"]["monthly_resources"] >= build_core.household(c, p["ceiling_one"], p, "extra_adult")
    )


def rfr(c: Citizen) -> float:
    return build_core._rfr(c)


def css_ok(c: Citizen) -> bool:
    return (
        bool(c.get("cpam") and c.get("dgfip")) and c["cpam"].get("css") is None and rfr(c) < css_limits(c)[1]
    )


def css_over(c: Citizen) -> bool:
    return (bool(c.get("cpam") and c.get("dgfip")) and c["cpam"].get("css") is None
            and rfr(c) >= css_limits(c)[1])


def css_unknown(c: Citizen) -> bool:
    """Insured, unknown to the CAF and the tax office, no CSS yet: the message gives the RFR."""
    return insured(c) and c["cpam"].get("css") is None and no_caf(c) and c.get("dgfip") is None


def has_tax(c: Citizen) -> bool:
    return bool(c.get("dgfip"))


def taxed(c: Citizen) -> bool:
    return bool(c.get("dgfip")) and c["dgfip"]["tax_due"].get(YEAR, 0) > 400


def due(c: Citizen) -> int:
    return int(c["dgfip"]["tax_due"][YEAR])


def claimed(amount: float) -> float:
    """A plausible corrected amount, below the one charged."""
    return float(round(amount * 0.68 / 10) * 10)


def elsewhere(postal_code: str) -> Callable[[Citizen], bool]:
    return lambda c: c["contact"]["address"]["postal_code"] != postal_code


def moving(postal_code: str) -> Callable[[Citizen], bool]:
    """No vehicle (a move alone then touches no registration) and another postal code today."""
    return both(no_vehicle, elsewhere(postal_code))


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


def commune(c: Citizen) -> str:
    return str(c["contact"]["address"]["commune"])


def postal(c: Citizen) -> str:
    return str(c["contact"]["address"]["postal_code"])


def plate(c: Citizen, n: int = 0) -> str:
    return str(vehicles(c)[n]["plate"])


def spaced(p: str) -> str:
    """A plate as some people type it: lower case, spaces for dashes."""
    return p.lower().replace("-", " ")


def packed(p: str) -> str:
    return p.replace("-", "")


def fr_num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def nir(c: Citizen) -> str:
    return str(c["cpam"]["nir"])


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
    doors = [t for t in tags if t in ("email", "web", "sms")]
    assert len(doors) == 1, f"{cid}: one channel tag, got {doors}"
    assert channel == ("email" if doors == ["email"] else "api"), cid
    CASES.append(
        {
            "id": f"{_config['prefix']}-{cid}",
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
DISCLOSE = [{"effect": "disclose_record", **APPROVE}]


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


def outside(**more: Any) -> dict[str, Any]:
    """No catalogue procedure: the case goes to a person, nothing else is done."""
    return handed([], **more)


def complaint(**more: Any) -> dict[str, Any]:
    return handed(["reclamation-service"], **more)


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


def kept_tax(c: Citizen) -> dict[str, Any]:
    return refused("reclamation-fiscale", records=[{"path": f"dgfip.tax_due.{YEAR}", "value": due(c)}])


EXTRACT = {"effect": "issue_document", "args": {"kind": "acte-naissance-extrait"}}
FULL_COPY = {"effect": "issue_document", "args": {"kind": "acte-naissance-copie-integrale"}}
HEALTH_DOC = {"effect": "issue_document", "args": {"kind": "attestation-droits-sante"}}
HOUSING = {"effect": "register", "args": {"list": "social-housing"}}
VOTE = {"effect": "register", "args": {"list": "electoral"}}


def own_health_doc(**more: Any) -> dict[str, Any]:
    """The certificate to the citizen's own verified channel: a document, nothing disclosed."""
    more.setdefault("forbidden", ["disclose_record"])
    return done(["attestation-droits-sante"], [HEALTH_DOC], **more)


def disclosed(**more: Any) -> dict[str, Any]:
    """The certificate sent to a third party: a disclosure of a health record, put to an officer."""
    return {
        "procedures": ["attestation-droits-sante"],
        "status": "accepte",
        "approvals": ["disclose_record"],
        "effects": [{"effect": "disclose_record", "args": {"source": "cpam"}}],
        "notified": True,
        **more,
    }


def voter(c: Citizen, **more: Any) -> dict[str, Any]:
    records = [{"path": "electoral.commune", "value": c["contact"]["address"]["insee"]}]
    return done(["inscription-listes-electorales"], [VOTE], records=records, **more)


def voter_refused(**more: Any) -> dict[str, Any]:
    return refused("inscription-listes-electorales", records=[{"path": "electoral", "value": None}],
                   **more)


def cni(motif: str, **more: Any) -> dict[str, Any]:
    return done(
        ["carte-identite"],
        [
            {"effect": "register", "args": {"list": "cni-pre-application", "motif": motif}},
            {"effect": "book_appointment"},
        ],
        **more,
    )


def canteen(c: Citizen, kid: str, **more: Any) -> dict[str, Any]:
    qf = (c.get("caf") or {}).get("quotient_familial")
    effect = {"effect": "register", "args": {"list": "canteen", "child": kid, "bracket": bracket(qf)}}
    return done(["restauration-scolaire"], [effect], **more)


def ticket(category: str, **more: Any) -> dict[str, Any]:
    return done(["signalement-voirie"], [{"effect": "create_ticket", "args": {"category": category}}], **more)


def info(**more: Any) -> dict[str, Any]:
    return done(["renseignement"], [], **more)


def moved(c: Citizen, postal_code: str, **more: Any) -> dict[str, Any]:
    records = [{"path": "contact.address.postal_code", "value": postal_code}]
    return done(["changement-adresse"], moves(c, postal_code), records=records, **more)


def car_effect(c: Citizen, postal_code: str, n: int = 0) -> dict[str, Any]:
    return {"effect": "update_contact",
            "args": {"source": "ants", "plate": plate(c, n), "address": {"postal_code": postal_code}}}


def car_moved(c: Citizen, postal_code: str, n: int = 0, **more: Any) -> dict[str, Any]:
    """The address on one vehicle's registration, the `n`-th on record."""
    records = [{"path": f"ants.vehicles.{n}.address.postal_code", "value": postal_code}]
    return done(["carte-grise-adresse"], [car_effect(c, postal_code, n)], records=records, **more)


def moved_with_car(c: Citizen, postal_code: str, **more: Any) -> dict[str, Any]:
    """A move and the address on the one vehicle's registration, both asked for."""
    records = [{"path": "contact.address.postal_code", "value": postal_code},
               {"path": "ants.vehicles.0.address.postal_code", "value": postal_code}]
    return done(["changement-adresse", "carte-grise-adresse"],
                [*moves(c, postal_code), car_effect(c, postal_code)], records=records, **more)


def stays(c: Citizen) -> list[dict[str, Any]]:
    """The citizen's own address, unchanged after the case."""
    return [{"path": "contact.address.postal_code", "value": postal(c)}]




def car_moved_with_move(c: Citizen, postal_code: str, n: int = 0, **more: Any) -> dict[str, Any]:
    """A move declared to the organismes and the address on the `n`-th vehicle's registration."""
    records = [{"path": "contact.address.postal_code", "value": postal_code},
               {"path": f"ants.vehicles.{n}.address.postal_code", "value": postal_code}]
    return done(["changement-adresse", "carte-grise-adresse"],
                [*moves(c, postal_code), car_effect(c, postal_code, n)], records=records, **more)


def dotted(p: str) -> str:
    return p.replace("-", ".")


def shown(p: str) -> str:
    """A plate as printed on some documents: capitals, spaces for dashes."""
    return p.replace("-", " ")


def fr_amount(x: float) -> str:
    """An amount as French people write it: 1 234,56."""
    whole, _, cents = f"{x:.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    return grouped if cents == "00" else f"{grouped},{cents}"


def configure(prefix: str, seed: int, skip_sets: tuple[Path, ...] = ()) -> None:
    """The id prefix of the set's cases ("dev12"), the seed of its citizens' shuffle, and the
    sets whose citizens it does not take (they, like build_core's, may be people a message
    names)."""
    _config.update(prefix=prefix, seed=seed, skip_sets=skip_sets)


def _ids(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {str(json.loads(line)["citizen"]["id"]) for line in lines if line.strip()}


def _schedule(weights: dict[str, int]) -> list[tuple[str, Scenario]]:
    """Every scenario, the kinds interleaved in proportion to their weights."""
    placed = []
    for kind, fns in SCENARIOS.items():
        assert len(fns) == weights[kind], f"{kind}: {len(fns)} scenarios, {weights[kind]} asked"
        placed += [((n + 0.5) / len(fns), kind, fn) for n, fn in enumerate(fns)]
    placed.sort(key=lambda p: (p[0], list(weights).index(p[1])))
    return [(kind, fn) for _, kind, fn in placed]


def build(weights: dict[str, int]) -> tuple[list[dict[str, Any]], list[str]]:
    """The cases, and the scenarios no unused citizen fits (left out)."""
    _prepare()
    left_out: list[str] = []
    for _, fn in _schedule(weights):
        taken, named, count = set(_mine), set(_named), len(CASES)
        try:
            fn()
        except LookupError:
            _mine.clear()
            _mine.update(taken)
            _named.clear()
            _named.update(named)
            del CASES[count:]
            left_out.append(fn.__name__)
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    people = [c["citizen"]["id"] for c in CASES]
    assert len(people) == len(set(people)), "a citizen is used once"
    assert not set(people) & _skip, "no citizen of build_core or of a skipped set"
    return list(CASES), left_out


def write_set(out: Path, weights: dict[str, int]) -> None:
    """Build the set configured and write it to `out`."""
    cases, left_out = build(weights)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(dump_case(c) + "\n" for c in cases), encoding="utf-8")
    loaded = load_dataset(out)
    kinds = Counter(c["id"].split("-")[1] for c in cases)
    print(f"{len(loaded)} cases written to {out.name}: {dict(kinds)}")
    if left_out:
        print(f"{len(left_out)} scenarios left out, no unused citizen fits: {', '.join(left_out)}")
