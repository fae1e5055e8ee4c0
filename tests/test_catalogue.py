"""The catalogue file is validated at start; a bad file is refused with line and reason."""

from __future__ import annotations

from importlib import resources

import pytest

from guichet.catalogue import CatalogueError, default_catalogue, parse_catalogue

TEXT = resources.files("guichet").joinpath("catalogue.yaml").read_text(encoding="utf-8")


def _line_of(needle: str) -> int:
    return TEXT[: TEXT.index(needle)].count("\n") + 1


def test_packaged_catalogue_has_every_procedure_of_the_contract() -> None:
    cat = default_catalogue()
    assert set(cat.procedure_ids) == {
        "acte-naissance", "changement-adresse", "inscription-listes-electorales",
        "carte-identite", "prime-activite", "css", "rsa", "reclamation-fiscale",
        "attestation-droits-sante", "logement-social", "restauration-scolaire",
        "signalement-voirie", "carte-grise-adresse", "renseignement", "reclamation-service"}
    assert {e for e, v in cat.effects.items() if v.sensitive} == {
        "grant_benefit", "reject_demand", "adjust_tax", "disclose_record"}


def test_bad_value_is_refused_with_its_line() -> None:
    bad = TEXT.replace("delay_days: 10", "delay_days: -1", 1)
    with pytest.raises(CatalogueError) as err:
        parse_catalogue(bad)
    assert f"catalogue.yaml:{_line_of('delay_days: 10')}:" in str(err.value)
    assert "greater than 0" in str(err.value)


def test_unknown_source_field_is_refused() -> None:
    bad = TEXT.replace("electoral: [commune, registered_on]", "electoral: [commune, shoe_size]", 1)
    with pytest.raises(CatalogueError, match="shoe_size"):
        parse_catalogue(bad)


def test_broken_yaml_is_refused_with_its_line() -> None:
    bad = TEXT.replace("version: 1", "version: [1", 1)
    with pytest.raises(CatalogueError, match=r"catalogue.yaml:\d+:"):
        parse_catalogue(bad)
