"""The synthetic population: shape, determinism, consistency and coverage of every case."""

from __future__ import annotations

import datetime
import json
import random
import re
from collections import Counter, defaultdict
from typing import Any

import pytest

from guichet.population import age_on, generate_population, index_by_id
from guichet.population_data import COMMUNES, EU_NATIONALITIES, NON_EU_NATIONALITIES

TODAY = datetime.date(2026, 11, 1)

# Keys of each source, exactly as catalogue.md "Record fields" shows them.
SOURCE_KEYS = {
    "etat_civil": {"family_name", "given_names", "sex", "birth_date", "birth_commune",
                   "nationality", "marital_status", "death_date"},
    "contact": {"address", "email", "phone", "preferred_channel"},
    "caf": {"allocataire", "household_adults", "children", "quotient_familial",
            "monthly_activity_income", "monthly_resources", "benefits"},
    "dgfip": {"spi", "rfr", "parts", "tax_due"},
    "cpam": {"nir", "regime", "css"},
    "ants": {"cni", "passport", "vehicles"},
    "electoral": {"commune", "registered_on"},
    "france_travail": {"registered", "registered_on", "benefit"},
}  # fmt: skip
OPTIONAL_SOURCES = ("caf", "dgfip", "cpam", "ants", "electoral", "france_travail")

# Illustrative parameters of catalogue.md, restated here to check the data covers them.
PRIME_ACTIVITE_CEILING = 1900.0
RSA_CEILING = 646.52
CSS_FREE, CSS_PARTICIPATION = 10_166, 13_724


@pytest.fixture(scope="module")
def population() -> list[dict[str, Any]]:
    return generate_population()


def age(citizen: dict[str, Any]) -> int:
    return age_on(citizen["etat_civil"]["birth_date"], TODAY)


def alive(citizen: dict[str, Any]) -> bool:
    return citizen["etat_civil"]["death_date"] is None


def living_adults(population: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in population if alive(c) and age(c) >= 18]


def household_factor(caf: dict[str, Any], *, per_adult: float, per_child: float) -> float:
    extra_adults: int = caf["household_adults"] - 1
    return 1 + per_adult * extra_adults + per_child * len(caf["children"])


def prime_activite_eligible(citizen: dict[str, Any]) -> bool:
    caf = citizen["caf"]
    ceiling = PRIME_ACTIVITE_CEILING * household_factor(caf, per_adult=0.5, per_child=0.3)
    return age(citizen) >= 18 and 0 < caf["monthly_activity_income"] < ceiling


def rsa_eligible(citizen: dict[str, Any]) -> bool:
    caf = citizen["caf"]
    ceiling = RSA_CEILING * household_factor(caf, per_adult=0.5, per_child=0.3)
    old_enough = age(citizen) >= 25 or bool(caf["children"])
    return old_enough and caf["monthly_resources"] < ceiling


def css_band(citizen: dict[str, Any]) -> str:
    caf, dgfip = citizen.get("caf"), citizen["dgfip"]
    if caf is not None:
        persons = caf["household_adults"] + len(caf["children"])
    else:
        persons = 2 if dgfip["parts"] >= 2 else 1
    factor = 1 + (0.5 if persons >= 2 else 0) + 0.3 * max(0, persons - 2)
    rfr = dgfip["rfr"][str(TODAY.year - 1)]
    if rfr < CSS_FREE * factor:
        return "free"
    return "participation" if rfr < CSS_PARTICIPATION * factor else "above"


def canteen_bracket(quotient: int) -> str:
    return "A" if quotient < 400 else "B" if quotient < 700 else "C" if quotient < 1000 else "D"


def nir_key_ok(nir: str) -> bool:
    number = int(nir[:13].replace("2A", "19").replace("2B", "18"))
    return int(nir[13:]) == 97 - number % 97


# --- helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "expected"),
    [("2008-11-01", 18), ("2008-11-02", 17), ("1991-03-08", 35), ("2026-10-31", 0)],
)
def test_age_on_counts_whole_years(born: str, expected: int) -> None:
    assert age_on(born, TODAY) == expected


def test_age_on_a_29_february_birthday() -> None:
    assert age_on("2008-02-29", datetime.date(2026, 2, 28)) == 17
    assert age_on("2008-02-29", datetime.date(2026, 3, 1)) == 18


def test_index_by_id(population: list[dict[str, Any]]) -> None:
    index = index_by_id(population)
    assert len(index) == len(population)
    assert index["C000042"] is population[41]


# --- shape and determinism -----------------------------------------------------------------


def test_default_size_and_ids(population: list[dict[str, Any]]) -> None:
    assert len(population) == 600
    assert [c["id"] for c in population] == [f"C{i:06d}" for i in range(1, 601)]


def test_every_record_has_exactly_the_catalogue_fields(population: list[dict[str, Any]]) -> None:
    for citizen in population:
        assert {"id", "etat_civil", "contact"} <= citizen.keys() <= {"id", *SOURCE_KEYS}
        for source, keys in SOURCE_KEYS.items():
            if source in citizen:
                assert citizen[source].keys() == keys, (citizen["id"], source)
        address = citizen["contact"]["address"]
        assert address.keys() == {"line", "postal_code", "commune", "insee"}


def test_is_plain_json(population: list[dict[str, Any]]) -> None:
    assert json.loads(json.dumps(population, ensure_ascii=False)) == population


def test_same_arguments_same_population() -> None:
    assert generate_population(120, seed=7) == generate_population(120, seed=7)
    assert generate_population(120, seed=7) != generate_population(120, seed=8)


def test_size_is_exact_and_a_prefix_is_stable() -> None:
    assert generate_population(0) == []
    assert len(generate_population(37)) == 37
    # Generating more people never changes the first ones (truncation, not resampling).
    assert generate_population(37) == generate_population(60)[:37]


def test_negative_size_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_population(-1)


def test_leaves_the_global_random_alone() -> None:
    random.seed(99)
    state = random.getstate()
    generate_population(50)
    assert random.getstate() == state


def test_dates_follow_today() -> None:
    citizen = next(
        c for c in generate_population(80, today=datetime.date(2030, 6, 1)) if "dgfip" in c
    )
    assert set(citizen["dgfip"]["rfr"]) == {"2029", "2028"}
    assert set(citizen["dgfip"]["tax_due"]) == {"2029"}


# --- coverage: every kind of citizen the procedures and evals need -------------------------


def test_coverage_counts(population: list[dict[str, Any]]) -> None:
    adults = living_adults(population)
    nationalities = Counter(c["etat_civil"]["nationality"] for c in population)
    assert sum(age(c) < 18 for c in population) >= 50
    assert sum(18 <= age(c) <= 24 for c in adults) >= 20
    assert sum(nationalities[n] for n in EU_NATIONALITIES) >= 20
    assert sum(nationalities[n] for n in NON_EU_NATIONALITIES) >= 20
    assert nationalities["GB"] >= 1
    assert sum(not alive(c) for c in population) >= 10
    assert sum(bool(c.get("caf", {}).get("children")) for c in population) >= 50
    assert sum(c["etat_civil"]["birth_commune"].startswith("99") for c in population) >= 30
    for source in OPTIONAL_SOURCES:
        unknown_adults = [c for c in adults if source not in c]
        assert len(unknown_adults) >= 10, source
        assert sum(source in c for c in adults) >= 10, source
    french = [c for c in adults if c["etat_civil"]["nationality"] == "FR"]
    assert sum("electoral" in c for c in french) >= 100
    assert sum("electoral" not in c for c in french) >= 20
    channels = Counter(c["contact"]["preferred_channel"] for c in population)
    assert set(channels) == {"email", "sms", "app", "post"}
    assert min(channels.values()) >= 30


def test_homonyms(population: list[dict[str, Any]]) -> None:
    by_name: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for citizen in population:
        civil = citizen["etat_civil"]
        by_name[(civil["family_name"], civil["given_names"][0])].append(citizen)
    pairs = [
        group
        for group in by_name.values()
        if len(group) >= 2 and len({c["etat_civil"]["birth_date"] for c in group}) >= 2
    ]
    assert len(pairs) >= 5


def test_vehicles_have_siv_plates(population: list[dict[str, Any]]) -> None:
    plates = [v["plate"] for c in population for v in (c.get("ants") or {}).get("vehicles", [])]
    assert len(plates) >= 100
    assert all(re.fullmatch(r"[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}", p) for p in plates)
    assert len(set(plates)) == len(plates)


def test_identity_cards_expired_and_valid(population: list[dict[str, Any]]) -> None:
    expiries = [c["ants"]["cni"]["expiry"] for c in population if (c.get("ants") or {}).get("cni")]
    assert sum(e < TODAY.isoformat() for e in expiries) >= 20
    assert sum(e >= TODAY.isoformat() for e in expiries) >= 20


# --- eligibility rules find people on both sides -------------------------------------------


def test_prime_activite_both_sides(population: list[dict[str, Any]]) -> None:
    outcomes = Counter(prime_activite_eligible(c) for c in living_adults(population) if "caf" in c)
    assert outcomes[True] >= 10 and outcomes[False] >= 10


def test_rsa_both_sides(population: list[dict[str, Any]]) -> None:
    adults = [c for c in living_adults(population) if "caf" in c]
    outcomes = Counter(rsa_eligible(c) for c in adults)
    assert outcomes[True] >= 10 and outcomes[False] >= 10
    # The age condition matters on its own: young, childless, and poor enough otherwise.
    assert any(
        age(c) < 25 and not c["caf"]["children"] and c["caf"]["monthly_resources"] < RSA_CEILING
        for c in adults
    )


def test_css_all_three_bands(population: list[dict[str, Any]]) -> None:
    bands = Counter(css_band(c) for c in living_adults(population) if "dgfip" in c)
    assert bands["free"] >= 10 and bands["participation"] >= 10 and bands["above"] >= 10


def test_canteen_all_four_brackets(population: list[dict[str, Any]]) -> None:
    brackets = Counter(
        canteen_bracket(c["caf"]["quotient_familial"])
        for c in living_adults(population)
        if c.get("caf", {}).get("children")
    )
    assert all(brackets[b] >= 5 for b in "ABCD"), brackets


# --- consistency --------------------------------------------------------------------------


def test_caf_and_dgfip_figures_are_consistent(population: list[dict[str, Any]]) -> None:
    for citizen in population:
        if caf := citizen.get("caf"):
            assert caf["monthly_resources"] >= caf["monthly_activity_income"] >= 0
            assert caf["household_adults"] in (1, 2)
            assert re.fullmatch(r"\d{7}", caf["allocataire"])
        if dgfip := citizen.get("dgfip"):
            assert set(dgfip["rfr"]) == {"2025", "2024"}
            assert set(dgfip["tax_due"]) == {"2025"}
            assert re.fullmatch(r"[0-3]\d{12}", dgfip["spi"])
            assert dgfip["parts"] >= 1


def test_nir_matches_sex_birth_and_place(population: list[dict[str, Any]]) -> None:
    checked = 0
    for citizen in population:
        if "cpam" not in citizen:
            continue
        civil, nir = citizen["etat_civil"], citizen["cpam"]["nir"]
        assert re.fullmatch(r"[12]\d{4}(?:\d{2}|2[AB])\d{8}", nir), nir
        assert nir[0] == ("1" if civil["sex"] == "M" else "2")
        assert nir[1:3] == civil["birth_date"][2:4] and nir[3:5] == civil["birth_date"][5:7]
        assert nir[5:10] == civil["birth_commune"]
        assert nir_key_ok(nir), nir
        checked += 1
    assert checked >= 500


def test_identifiers_are_unique(population: list[dict[str, Any]]) -> None:
    def values(path: tuple[str, ...]) -> list[str]:
        found = []
        for citizen in population:
            value: Any = citizen
            for step in path:
                value = value.get(step) if isinstance(value, dict) else None
            if value is not None:
                found.append(value)
        return found

    paths = [
        ("cpam", "nir"), ("dgfip", "spi"), ("caf", "allocataire"), ("contact", "email"),
        ("contact", "phone"), ("ants", "cni", "number"), ("ants", "passport", "number"),
    ]  # fmt: skip
    for path in paths:
        found = values(path)
        assert len(found) == len(set(found)) > 0, path


def test_minors_hold_nothing_of_their_own(population: list[dict[str, Any]]) -> None:
    for citizen in population:
        if age(citizen) < 18:
            assert not {"caf", "dgfip", "electoral", "france_travail"} & citizen.keys()
            assert (citizen.get("ants") or {}).get("vehicles", []) == []


def test_minors_belong_to_a_living_parent(population: list[dict[str, Any]]) -> None:
    children = {
        (c["etat_civil"]["family_name"], kid["given_name"], kid["birth_date"]): c
        for c in population
        if "caf" in c
        for kid in c["caf"]["children"]
    }
    minors = [c for c in population if age(c) < 18]
    for minor in minors:
        civil = minor["etat_civil"]
        key = (civil["family_name"], civil["given_names"][0], civil["birth_date"])
        parent = children[key]
        assert alive(parent)
        assert parent["contact"]["address"] == minor["contact"]["address"]


def test_children_fit_their_parents_age(population: list[dict[str, Any]]) -> None:
    for citizen in population:
        born = citizen["etat_civil"]["birth_date"]
        for kid in citizen.get("caf", {}).get("children", []):
            assert 18 <= age_on(born, datetime.date.fromisoformat(kid["birth_date"])) <= 46
            assert age_on(kid["birth_date"], TODAY) < 18


def test_the_dead_are_plausible(population: list[dict[str, Any]]) -> None:
    for citizen in population:
        if alive(citizen):
            continue
        civil = citizen["etat_civil"]
        assert civil["birth_date"] < civil["death_date"] < TODAY.isoformat()
        # Nobody's guardian, no longer paid or registered anywhere.
        assert not {"caf", "electoral", "france_travail"} & citizen.keys()


def test_electoral_roll_is_for_french_and_eu_adults(population: list[dict[str, Any]]) -> None:
    city_codes = {c.city_insee for c in COMMUNES}
    for citizen in population:
        if electoral := citizen.get("electoral"):
            assert citizen["etat_civil"]["nationality"] in ("FR", *EU_NATIONALITIES)
            assert electoral["commune"] in city_codes
            born = citizen["etat_civil"]["birth_date"]
            registered_on = datetime.date.fromisoformat(electoral["registered_on"])
            assert age_on(born, registered_on) >= 18


def test_france_travail_dates(population: list[dict[str, Any]]) -> None:
    for citizen in population:
        if ft := citizen.get("france_travail"):
            assert (ft["registered_on"] is not None) == ft["registered"]
            assert ft["registered"] or not ft["benefit"]


def test_addresses_are_real_communes(population: list[dict[str, Any]]) -> None:
    by_code = {c.insee: c for c in COMMUNES}
    for citizen in population:
        address = citizen["contact"]["address"]
        commune = by_code[address["insee"]]
        assert address["commune"] == commune.name
        assert address["postal_code"] in commune.postal_codes
        for vehicle in (citizen.get("ants") or {}).get("vehicles", []):
            assert vehicle["address_insee"] in by_code


def test_preferred_channel_is_reachable(population: list[dict[str, Any]]) -> None:
    needs = {"email": "email", "app": "email", "sms": "phone"}
    for citizen in population:
        contact = citizen["contact"]
        if field := needs.get(contact["preferred_channel"]):
            assert contact[field] is not None
        if contact["phone"] is not None:
            assert re.fullmatch(r"\+33[67]\d{8}", contact["phone"])
