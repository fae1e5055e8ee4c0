"""Démarches given up or withdrawn, negated orders, a tax notice asked as a document, a third
party's mail address, values said apart or corrected in text-message style, and French written
as in a text message. Phrasings written for these tests, not taken from any eval dataset."""

from __future__ import annotations

import pytest

from agents import languages
from agents.asking import asked_part, for_another
from agents.classify import default_classifier
from agents.extract import extract_amounts_at, extract_recipient
from agents.fields import _address, _not_done
from agents.slots import choose_amount
from tools.redaction import Placeholders, redact_text


def classify(text: str) -> list[str]:
    return default_classifier().classify(languages.read(text).french)


@pytest.mark.parametrize("text,expected", [
    # Thought of, then given up.
    ("On avait envisagé de demander la prime d'activité mais finalement non, mon contrat "
     "s'arrête. Par contre je voudrais une attestation de droits à l'assurance maladie.",
     ["attestation-droits-sante"]),
    # A negated order to the service.
    ("N'inscrivez pas Lina à la cantine, elle mange chez sa grand-mère. Je voudrais déposer "
     "une demande de logement social.", ["logement-social"]),
    ("Pour les listes électorales c'est réglé, ne faites rien. Il me faudrait un extrait "
     "d'acte de naissance.", ["acte-naissance"]),
    # Asked, then withdrawn further on.
    ("Nouvelle adresse : 8 rue Pasteur, 35000 Rennes. Merci de prévenir les organismes et de "
     "changer ma carte grise.\n\nEn fait oubliez la carte grise, la voiture part à la casse.",
     ["changement-adresse"]),
])
def test_what_is_given_up_negated_or_withdrawn_is_not_asked(
        text: str, expected: list[str]) -> None:
    assert classify(text) == expected


def test_a_withdrawn_demand_asked_again_later_stays() -> None:
    text = ("Merci de prévenir les organismes de ma nouvelle adresse, 8 rue Pasteur, 35000 "
            "Rennes, et de changer ma carte grise. Oubliez la carte grise. Non, pardon : "
            "pouvez-vous changer l'adresse sur ma carte grise aussi ?")
    assert "carte-grise-adresse" in classify(text)


def test_without_meaning_to_complain_is_no_complaint() -> None:
    text = ("Sans vouloir me plaindre de la mairie : des sacs poubelle éventrés traînent "
            "devant le 4 rue Carnot depuis lundi.")
    assert classify(text) == ["signalement-voirie"]


def test_a_past_refusal_and_a_later_wish_are_background() -> None:
    assert classify("L'an dernier la CAF m'avait refusé le RSA, c'était justifié. Aujourd'hui "
                    "je travaille à mi-temps, je voudrais la prime d'activité.") == [
        "prime-activite"]
    assert classify("jai perdu ma carte d identite. pour le rsa je verrai plus tard, la je "
                    "veux juste refaire ma carte") == ["carte-identite"]


@pytest.mark.parametrize("text,expected", [
    ("La banque me demande mon avis d'imposition pour le prêt, pouvez-vous l'envoyer ?", []),
    ("Il me faut une copie de mon avis d'imposition 2025, j'ai perdu l'original.", []),
    # Said wrong: a claim against the tax.
    ("Mon avis d'imposition 2025 est faux, je conteste le montant : je devrais payer 300 €.",
     ["reclamation-fiscale"]),
])
def test_a_tax_notice_asked_as_a_document_is_outside_the_catalogue(
        text: str, expected: list[str]) -> None:
    assert classify(text) == expected


def test_a_third_partys_mail_address_is_a_recipient() -> None:
    text = "Envoyez mon attestation à mon comptable, [TIERS_EMAIL_1], merci."
    assert extract_recipient(text) == "[TIERS_EMAIL_1]"
    # The citizen's own address, said to be theirs after it.
    own = "Envoyez mon attestation à [EMAIL_1] (c'est bien mon adresse personnelle)."
    assert extract_recipient(own) is None
    # Where the citizen goes is not where the document goes.
    going = "Il me faut mon attestation de droits pour mon admission à l'hôpital lundi."
    assert extract_recipient(going) is None


def test_another_adult_named_by_a_new_kind_of_tie() -> None:
    assert for_another("Mon colocataire [TIERS_1] voudrait son attestation de droits, "
                       "pouvez-vous la lui envoyer ?")
    assert for_another("Mon voisin de palier, [TIERS_1], déménage à Tours. Il m'a demandé de "
                       "déclarer son changement d'adresse.")
    # The citizen's own move declared beside it is theirs to make.
    assert not for_another("J'ai déménagé au 3 rue Nationale, 37000 Tours. Changez aussi "
                           "l'adresse de ma colocataire [TIERS_1].")


def test_a_flatmate_and_a_neighbour_across_the_landing_are_redacted() -> None:
    ph = Placeholders()
    out = redact_text("ma coloc Inès Garnier a besoin de son attestation, et mon voisin de "
                      "palier, Hugo Masson, aussi", ph)
    assert "Garnier" not in out and "Masson" not in out
    assert "[TIERS_1]" in out and "[TIERS_2]" in out


def test_the_postal_code_said_apart_from_the_street() -> None:
    text = ("Please update my address: 4 rue des Lilas, Nantes. The postcode is 44300, "
            "not 44000.")
    assert _address(text) == {"line": "4 rue des Lilas", "postal_code": "44300",
                              "commune": "Nantes"}


def test_a_star_line_corrects_a_text_message() -> None:
    text = "demenagé au 5 rue Jean Macé 29200 brest svp changez partout\n*29000"
    address = _address(text)
    assert address is not None and address["postal_code"] == "29000"


@pytest.mark.parametrize("text,field,expected", [
    ("je dois payer 980 €, enfin 890 € avec la réduction", "declared_tax", 890.0),
    ("J'avais 700 € jusqu'en août, puis 250 € depuis. C'est donc 250 € qu'il faut retenir.",
     "resources", 250.0),
    ("I earn €1,240 a month after tax", "net_income", 1240.0),
])
def test_amounts_with_a_late_cue_or_a_leading_sign(
        text: str, field: str, expected: float) -> None:
    assert choose_amount(field, text, extract_amounts_at(text), asked=False) == expected


def test_a_child_already_registered_is_not_the_one_meant() -> None:
    text = "Lou est déjà inscrite à la cantine, il reste Sacha"
    found = [("Lou", 0, 3), ("Sacha", 46, 51)]
    assert _not_done(text, found) == [("Sacha", 46, 51)]


def test_text_message_french_is_written_out_but_plates_stay() -> None:
    read = languages.read("jai paumé ma cni pr le voyage, jveux un rdv")
    assert read.french == "j ai perdu ma cni pour le voyage, je veux un rendez vous"
    assert "GH-215-DS" in languages.read("cest la GH-215-DS pr la carte grise").french


def test_a_changed_mind_keeps_what_follows() -> None:
    text = "J'avais pensé au RSA, mais finalement non, je voudrais juste une attestation."
    assert "RSA" not in asked_part(text) and "attestation" in asked_part(text)


def test_the_address_pair_stays_together_however_split() -> None:
    text = ("J'ai déménagé au 2 rue Vauban, 21000 Dijon : merci de prévenir les organismes et "
            "de changer l'adresse de ma carte grise.")
    assert set(default_classifier().assess(languages.read(text).french).procedures) == {
        "changement-adresse", "carte-grise-adresse"}
