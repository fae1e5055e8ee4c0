"""Personas: profiles computed from the population by the service's rules, and the command."""

from __future__ import annotations

import copy

import pytest
import typer
from typer.testing import CliRunner

from guichet import cli_citizens
from guichet.catalogue import default_catalogue
from guichet.personas import (
    UnknownProcedure,
    outcome,
    personas,
    procedure_ids,
    profile,
)
from tests import citizens as pop

TODAY = pop.TODAY
BY_ID = {c["id"]: c for c in pop.population()}


def _deceased() -> pop.Citizen:
    return pop.pick(lambda c: c["etat_civil"]["death_date"] is not None)


def test_prime_activite_listing_agrees_with_an_independent_reading_of_the_rule() -> None:
    listed = personas(procedure="prime-activite", limit=600, today=TODAY)
    kinds = {p.outcomes["prime-activite"].kind for p in listed}
    assert kinds == {"accepte_apres_agent", "refuse_apres_agent", "agent"}
    for p in listed:
        c, o = BY_ID[p.id], p.outcomes["prime-activite"]
        if o.kind == "accepte_apres_agent":
            assert pop.prime_eligible(c), p
            assert o.effects == ["grant_benefit"]
        elif o.kind == "refuse_apres_agent":
            assert pop.alive_adult(c), p
            assert not pop.prime_eligible(c), p
        else:
            assert c["etat_civil"]["death_date"] is not None, p
    # Everyone the rule can say yes to is listed: the filter drops no eligible citizen.
    assert {p.id for p in listed if p.outcomes["prime-activite"].kind == "accepte_apres_agent"} \
        == {c["id"] for c in pop.population() if pop.prime_eligible(c)}


def test_filtered_listing_shows_each_path_in_its_first_rows() -> None:
    first = personas(procedure="prime-activite", limit=3, today=TODAY)
    assert [p.outcomes["prime-activite"].kind for p in first] == [
        "accepte_apres_agent", "refuse_apres_agent", "agent"]


def test_unknown_to_the_caf_depends_on_the_answer_and_is_not_listed() -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("caf") is None)
    o = outcome(c, default_catalogue().procedure("prime-activite"), today=TODAY)
    assert (o.kind, o.asks) == ("selon_reponse", ["monthly_activity_income"])
    listed = personas(procedure="prime-activite", limit=600, today=TODAY)
    assert c["id"] not in {p.id for p in listed}
    # The canteen rule would register any child named: with none on record, nothing is clear.
    canteen = outcome(c, default_catalogue().procedure("restauration-scolaire"), today=TODAY)
    assert (canteen.kind, canteen.asks) == ("selon_reponse", ["child_name"])


def test_a_deceased_citizen_is_profiled_as_deceased() -> None:
    c = _deceased()
    p = profile(c, today=TODAY)
    assert "décédé(e)" in p.who
    cat = default_catalogue()
    for pid, o in p.outcomes.items():
        if "etat_civil" in cat.procedure(pid).records:
            assert (o.kind, o.effects) == ("agent", ["handoff"]), o
            assert "décédée" in o.detail


def test_profiles_follow_the_records_not_a_list() -> None:
    c = copy.deepcopy(pop.pick(pop.prime_eligible))
    assert profile(c, today=TODAY).outcomes["prime-activite"].kind == "accepte_apres_agent"
    c["caf"]["monthly_activity_income"] = 100_000.0
    assert profile(c, today=TODAY).outcomes["prime-activite"].kind == "refuse_apres_agent"
    c["etat_civil"]["death_date"] = "2026-01-01"
    assert profile(c, today=TODAY).outcomes["prime-activite"].kind == "agent"


def test_who_says_age_band_nationality_and_household() -> None:
    eu = pop.pick(lambda c: pop.alive_adult(c) and c["etat_civil"]["nationality"] in ("IT", "DE")
                  and c.get("caf") is not None)
    who = profile(eu, today=TODAY, only="rsa").who
    band = pop.age(eu) // 10 * 10
    assert f"{band}-{band + 9} ans" in who
    assert f"UE ({eu['etat_civil']['nationality']})" in who
    assert ("en couple" if eu["caf"]["household_adults"] == 2 else "seul(e)") in who
    minor = pop.pick(lambda c: pop.age(c) < 18)
    assert f"mineur(e), {pop.age(minor)} ans" in profile(minor, today=TODAY, only="rsa").who


def test_the_tax_claim_assumes_a_claim_below_the_tax_due() -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("dgfip") is not None
                 and c["dgfip"]["tax_due"].get("2025", 0) > 200)
    o = outcome(c, default_catalogue().procedure("reclamation-fiscale"), today=TODAY)
    assert o.kind == "accepte_apres_agent"
    assert o.assumed == {"claimed_amount": round(c["dgfip"]["tax_due"]["2025"] / 2)}
    assert "claimed_amount = " in o.text


def test_unfiltered_listing_is_the_population_in_order() -> None:
    listed = personas(limit=4, today=TODAY)
    assert [p.id for p in listed] == [c["id"] for c in pop.population()[:4]]
    assert set(listed[0].outcomes) == set(procedure_ids())


def test_an_unknown_procedure_names_the_valid_ones() -> None:
    with pytest.raises(UnknownProcedure) as err:
        personas(procedure="prime-activité", limit=5)
    assert "prime-activite" in str(err.value) and err.value.valid == procedure_ids()


def test_command_exits_2_on_an_unknown_procedure_and_prints_a_table_otherwise() -> None:
    app = typer.Typer()
    app.command("citizens")(cli_citizens.citizens)
    app.command("other")(lambda: None)  # two commands: `citizens` stays a sub-command
    result = CliRunner().invoke(app, ["citizens", "--procedure", "nope"])
    assert result.exit_code == 2
    assert "démarche inconnue : nope" in result.stderr
    assert all(pid in result.stderr for pid in procedure_ids())
    shown = CliRunner().invoke(app, ["citizens", "--procedure", "prime-activite", "--limit", "2"],
                          env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    ids = [p.id for p in personas(procedure="prime-activite", limit=2)]
    assert all(i in shown.output for i in ids) and "accorder une prestation" in shown.output
