"""What the offline model reads out of citizens' texts: addresses, amounts, dates, ids."""

from __future__ import annotations

from datetime import date

import pytest

from agents.extract import (
    Address,
    extract_address,
    extract_amounts,
    extract_child_name,
    extract_cni_motif,
    extract_date,
    extract_document_kind,
    extract_integer_answer,
    extract_location,
    extract_plate,
    extract_recipient,
    extract_road_category,
    extract_year,
    is_affirmative,
    mask_places,
)
from agents.text import Vocabulary, content_words, edit_distance, normalise, stem, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("j'habite maintenant au 12 bis rue de la Paix, 75002 Paris",
         Address("12 bis rue de la Paix", "75002", "Paris")),
        ("nouvelle adresse : 3 avenue Jean Jaurès 69007 LYON",
         Address("3 avenue Jean Jaurès", "69007", "Lyon")),
        ("4, place Bellecour 69002 Lyon", Address("4 place Bellecour", "69002", "Lyon")),
        ("12 rue des Lilas a Nantes 44000", Address("12 rue des Lilas", "44000", "Nantes")),
        ("je déménage au 3 rue Garibaldi 69003 Lyon, changez aussi l'adresse de ma carte grise",
         Address("3 rue Garibaldi", "69003", "Lyon")),
        ("12 rue de la paix 75002 paris depuis le 3 mars",
         Address("12 rue de la Paix", "75002", "Paris")),
        ("j'habite 5 rue de la Place 42000 saint-étienne",
         Address("5 rue de la Place", "42000", "Saint-Étienne")),
        ("13 chemin du Moulin, 59650 villeneuve d'ascq",
         Address("13 chemin du Moulin", "59650", "Villeneuve d'Ascq")),
        ("je vis au 2 bd Voltaire 75011 PARIS et je voudrais le dire à la CAF",
         Address("2 boulevard Voltaire", "75011", "Paris")),
        ("Je m'appelle [NOM_1], j'habite au 7 allée des Pins 13100 Aix-en-Provence",
         Address("7 allée des Pins", "13100", "Aix-en-Provence")),
    ],
)
def test_address(text: str, expected: Address) -> None:
    assert extract_address(text) == expected


@pytest.mark.parametrize(
    "text", ["je déménage à Lyon 69003", "je gagne 75002 euros", "j'ai changé d'adresse", ""]
)
def test_no_address(text: str) -> None:
    assert extract_address(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("il y a un trou devant le 8 rue Victor Hugo", "8 rue Victor Hugo"),
        ("à l'angle de la rue Pasteur et de l'avenue Jean Jaurès, il y a des tags",
         "angle rue Pasteur et avenue Jean Jaurès"),
        ("le lampadaire du boulevard Voltaire est éteint", "boulevard Voltaire"),
        ("nid de poule rue victor hugo depuis hier", "rue Victor Hugo"),
        ("il y a un trou sur la route de Lyon", "route de Lyon"),
        ("des poubelles au parc de la Tête d'Or", "parc de la Tête d'Or"),
        ("trou devant le 8 rue Victor Hugo, 69002 Lyon", "8 rue Victor Hugo, 69002 Lyon"),
        ("Le lampadaire de ma rue ne fonctionne plus", None),
        ("la route est pleine de trous après l'hiver", None),
    ],
)
def test_location(text: str, expected: str | None) -> None:
    assert extract_location(text) == expected


def test_mask_places_keeps_the_street_word() -> None:
    masked = mask_places("je déménage au 3 rue Garibaldi 69003 Lyon, merci")
    assert words(masked) == ["je", "demenage", "au", "rue", "merci"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 100 euros", [1100.0]),
        ("1100€", [1100.0]),
        ("1.100,50 €", [1100.5]),
        ("1 200 € nets", [1200.0]),
        ("850 eur", [850.0]),
        ("je gagne 1100 par mois", [1100.0]),
        ("mon RFR est de 15100", [15100.0]),
        ("1 250", [1250.0]),
        ("j'ai 2 enfants et je gagne 1 100 euros", [1100.0]),
        ("en 2024 j'ai payé 1 200 €", [1200.0]),
        ("j'habite au 12 rue Nationale 75002 Paris et je touche 900 euros", [900.0]),
        ("le 03/03/2026 j'ai reçu 300€", [300.0]),
        ("les impôts me demandent 800 euros alors que je devrais payer 300", [800.0, 300.0]),
        ("mon impôt 2025 est de 800 euros", [800.0]),
        ("j'ai 27 ans et [TEL_1]", []),
        ("pour l'année 2024", []),
        ("3 rue de la Paix 75002 Paris", []),
    ],
)
def test_amounts(text: str, expected: list[float]) -> None:
    assert extract_amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je conteste mon impôt pour 2025", 2025),
        ("le montant de l'année 2024 est faux", 2024),
        ("impôts 2025", 2025),
        ("avis reçu le 3 mars 2026, pour les revenus 2025", 2025),
        ("j'ai payé 2000 euros en 2024", 2024),
        ("reçu le 03/03/2026", None),
        ("mon impôt est trop élevé", None),
    ],
)
def test_year(text: str, expected: int | None) -> None:
    assert extract_year(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je déménage le 3 mars 2026", date(2026, 3, 3)),
        ("le 1er février 2026", date(2026, 2, 1)),
        ("à partir du 03/03/2026", date(2026, 3, 3)),
        ("date : 2026-03-03", date(2026, 3, 3)),
        ("né le 12.05.1990", date(1990, 5, 12)),
        ("le 31/02/2026", None),
        ("le mois prochain", None),
    ],
)
def test_date(text: str, expected: date | None) -> None:
    assert extract_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ab 123 cd", "AB-123-CD"),
        ("AB123CD", "AB-123-CD"),
        ("ma plaque est GH-412-KL", "GH-412-KL"),
        ("immatriculée gh 412 kl", "GH-412-KL"),
        ("j'habite au 123 bd Voltaire", None),
        ("ma voiture", None),
    ],
)
def test_plate(text: str, expected: str | None) -> None:
    assert extract_plate(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il y a un nid de poule énorme", "voirie"),
        ("le trottoir est abîmé", "voirie"),
        ("There is a pothole in my street", "voirie"),
        ("le lampadaire ne marche plus", "eclairage"),
        ("la lumière de la rue reste éteinte", "eclairage"),
        ("réverbère en panne", "eclairage"),
        ("des poubelles débordent sur le trottoir", "proprete"),
        ("dépôt sauvage d'encombrants", "proprete"),
        ("des tags sur le mur", "proprete"),
        ("bonjour", None),
    ],
)
def test_road_category(text: str, expected: str | None) -> None:
    assert extract_road_category(text) == expected


@pytest.mark.parametrize(
    ("text", "candidates", "expected"),
    [
        ("je voudrais inscrire Léa à la cantine", ["Tom", "Léa"], "Léa"),
        ("inscrire tom a la cantine", ["Tom", "Léa"], "Tom"),
        ("pour LEA", ["Tom", "Léa"], "Léa"),
        ("pour jean pierre", ["Jean-Pierre", "Marie"], "Jean-Pierre"),
        ("pour Mathide", ["Mathilde"], "Mathilde"),
        ("pour mon fils", ["Tom", "Léa"], None),
        ("pour Tom", [], None),
    ],
)
def test_child_name(text: str, candidates: list[str], expected: str | None) -> None:
    assert extract_child_name(text, candidates) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("une copie intégrale de mon acte de naissance", "acte-naissance-copie-integrale"),
        ("la copie complète svp", "acte-naissance-copie-integrale"),
        ("I need the full copy", "acte-naissance-copie-integrale"),
        ("un extrait avec filiation", "acte-naissance-extrait"),
        ("juste un extrait", "acte-naissance-extrait"),
        ("une copie de mon acte", None),
    ],
)
def test_document_kind(text: str, expected: str | None) -> None:
    assert extract_document_kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("j'ai perdu ma carte d'identité", "perte"),
        ("on m'a volé ma CNI", "vol"),
        ("my ID card was stolen", "vol"),
        ("elle est périmée depuis mai", "renouvellement"),
        ("elle expire le mois prochain", "renouvellement"),
        ("je voudrais la renouveler", "renouvellement"),
        ("c'est ma première carte d'identité", "premiere-demande"),
        ("une carte d'identité svp", None),
    ],
)
def test_cni_motif(text: str, expected: str | None) -> None:
    assert extract_cni_motif(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("attestation de droits sécu pour mon employeur", None),  # what it is for
        ("pouvez-vous l'envoyer à ma mutuelle ?", "ma mutuelle"),
        ("transmettez-la à mon propriétaire", "mon propriétaire"),
        ("à envoyer directement à [EMAIL_2]", "[EMAIL_2]"),
        ("please send it to my bank", "ma banque"),
        ("écrivez-moi à [EMAIL_1]", None),
        ("mon email est [EMAIL_1]", None),
        ("envoyez-moi l'attestation à [EMAIL_1]", None),
        ("je voudrais mon attestation de droits", None),
        ("J'ai besoin de mon attestation de droits à l'assurance maladie", None),
        ("une attestation pour mon assurance", None),
    ],
)
def test_recipient(text: str, expected: str | None) -> None:
    assert extract_recipient(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2", 2), ("deux", 2), ("j'ai 3 enfants", 3), ("aucun", 0), ("pas d'enfant", 0),
     ("un seul", 1), ("1 250", 1250), ("je ne sais pas", None)],
)
def test_integer_answer(text: str, expected: int | None) -> None:
    assert extract_integer_answer(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oui", True), ("Oui, c'est ça", True), ("d'accord", True), ("yes please", True),
        ("ok", True), ("ouais vas-y", True), ("non", False), ("non merci", False),
        ("pas d'accord", False), ("no", False), ("bien sûr que non", False),
        ("je ne sais pas", None), ("", None),
    ],
)
def test_affirmative(text: str, expected: bool | None) -> None:
    assert is_affirmative(text) is expected


def test_normalise() -> None:
    assert normalise("  L'Été, à Saint-Étienne !  Œuvre ") == "l ete a saint etienne oeuvre"
    assert words("C'est l'adresse") == ["c", "est", "l", "adresse"]
    assert content_words("je voudrais la CAF et 12 trucs") == ["caf", "trucs"]


def test_stem_conflates_word_families() -> None:
    assert len({stem(w) for w in ["inscrire", "inscription", "inscrit", "inscrite"]}) == 1
    assert len({stem(w) for w in ["electorale", "elections", "electoral"]}) == 1
    assert stem("demenagement") == stem("demenager") == stem("demenage")
    assert stem("journaux") == stem("journal")


def test_typo_repair() -> None:
    vocabulary = Vocabulary(["naissance", "cantine", "identite", "logement"])
    assert vocabulary.correct("naisance") == "naissance"
    # Already the same stem as a known word: left as typed, it matches after stemming.
    assert stem(vocabulary.correct("cantinne")) == stem("cantine")
    assert stem(vocabulary.correct("identitee")) == stem("identite")
    assert vocabulary.correct("logment") == "logement"
    assert vocabulary.correct("chat") == "chat"
    assert vocabulary.correct("voiture") == "voiture"
    assert edit_distance("logment", "logement") == 1
    assert edit_distance("identiet", "identite") == 1
