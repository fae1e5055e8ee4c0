"""Held-out checks of the offline classifier: phrasings written apart from the catalogue."""

from __future__ import annotations

import pytest

from agents.classify import (
    ProcedureClassifier,
    default_classifier,
    information_topic,
    wants_human,
)
from agents.text import normalise
from guichet.catalogue import default_catalogue

# Written without looking at the catalogue's examples, to measure generalisation rather than
# recall; test_held_out_phrasings_are_not_examples keeps it that way.
HELD_OUT: list[tuple[str, list[str]]] = [
    # acte-naissance
    ("Bonjour, pourriez-vous me faire parvenir un extrait de naissance ? c'est pour un "
     "dossier de mariage", ["acte-naissance"]),
    ("g besoin de mon acte de naisance en copie integral", ["acte-naissance"]),
    ("je souhaiterais recevoir une copie de mon acte de naissance, le notaire me la réclame "
     "pour la succession", ["acte-naissance"]),
    ("birth certificate copy needed for my visa application", ["acte-naissance"]),
    ("Où puis-je obtenir mon extrait d'acte de naissance ? j'en ai besoin rapidement",
     ["acte-naissance"]),
    # changement-adresse
    ("On a emménagé à Villeurbanne le 1er mars, il faut que toutes les administrations aient "
     "la nouvelle adresse", ["changement-adresse"]),
    ("je demenage le mois prochain, comment je previens tout le monde de mon changement "
     "d'adresse", ["changement-adresse"]),
    ("Merci d'enregistrer mes nouvelles coordonnées : 8 impasse des Roses, 31000 Toulouse",
     ["changement-adresse"]),
    ("chgt d'adresse svp jhabite plus au meme endroit", ["changement-adresse"]),
    ("I've relocated to a new flat, my address needs changing everywhere",
     ["changement-adresse"]),
    # inscription-listes-electorales
    ("Je souhaite m'inscrire sur la liste électorale de ma nouvelle commune pour les "
     "municipales", ["inscription-listes-electorales"]),
    ("comment faire pour pouvoir voter ? je ne suis inscrit nulle part",
     ["inscription-listes-electorales"]),
    ("inscription sur les listes électorals svp", ["inscription-listes-electorales"]),
    ("je suis italienne, j'habite en France et j'aimerais voter aux européennes",
     ["inscription-listes-electorales"]),
    ("I'd like to be able to vote in the next election, please register me",
     ["inscription-listes-electorales"]),
    # carte-identite
    ("ma carte d'identité n'est plus valable, il me faut un rendez-vous pour la refaire",
     ["carte-identite"]),
    ("on m'a dérobé mon sac avec ma carte d'identité dedans", ["carte-identite"]),
    ("Je souhaite faire établir ma toute première carte nationale d'identité",
     ["carte-identite"]),
    ("carte d identiter perdue, que dois-je faire", ["carte-identite"]),
    ("I lost my French ID card, how can I get another one?", ["carte-identite"]),
    # prime-activite
    ("je voudrais savoir si j'ai droit à la prime d'activité", ["prime-activite"]),
    ("je suis caissière à temps partiel, je gagne 900 euros, puis-je avoir la prime "
     "d'activité", ["prime-activite"]),
    ("demande de prime dactivité svp", ["prime-activite"]),
    ("est-ce que je peux toucher la prime d'activité de la CAF avec un petit salaire ?",
     ["prime-activite"]),
    ("Am I eligible for the prime d'activité? I earn very little", ["prime-activite"]),
    # css
    ("je n'arrive plus à payer ma complémentaire santé, je voudrais la CSS", ["css"]),
    ("je voudrais la complémentaire santé solidaire pour moi et mes enfants", ["css"]),
    ("ma mutuelle coûte trop cher, y a-t-il une aide de la sécu ?", ["css"]),
    ("complementaire sante solidère", ["css"]),
    ("I can't afford health insurance top-up, can I get help with medical costs?", ["css"]),
    # rsa
    ("je n'ai plus aucun revenu depuis la fin de mon contrat, je voudrais le RSA", ["rsa"]),
    ("demande de RSA svp, je suis au chômage sans indemnités", ["rsa"]),
    ("j'ai 27 ans, je suis sans ressources, puis-je toucher le revenu de solidarité active ?",
     ["rsa"]),
    ("le rsa jvoudrais le demander", ["rsa"]),
    ("I lost my job and have no money left, can I get the RSA benefit?", ["rsa"]),
    # reclamation-fiscale
    ("je conteste mon impôt 2025, le montant me paraît beaucoup trop élevé",
     ["reclamation-fiscale"]),
    ("mon avis d'imposition comporte une erreur, mes enfants à charge n'ont pas été pris en "
     "compte", ["reclamation-fiscale"]),
    ("réclamation sur l'impot sur le revenu : on me demande trop", ["reclamation-fiscale"]),
    ("les impôts se sont trompés dans le calcul, je dois payer moins",
     ["reclamation-fiscale"]),
    ("There is a mistake on my tax notice, I am being charged too much",
     ["reclamation-fiscale"]),
    # attestation-droits-sante
    ("pouvez-vous me transmettre une attestation de droits de l'assurance maladie ?",
     ["attestation-droits-sante"]),
    ("il me faut une attestation de ma carte vitale pour mon nouveau travail",
     ["attestation-droits-sante"]),
    ("attestation secu pour la mutuelle svp", ["attestation-droits-sante"]),
    ("je voudrais télécharger mon attestation de droits à la sécurité sociale",
     ["attestation-droits-sante"]),
    ("I need proof of my health insurance coverage for my employer",
     ["attestation-droits-sante"]),
    # logement-social
    ("nous sommes quatre dans un studio, je voudrais faire une demande de HLM",
     ["logement-social"]),
    ("demande de logement social svp, mon loyer est trop cher", ["logement-social"]),
    ("je voudrais déposer un dossier pour un logement social dans ma ville",
     ["logement-social"]),
    ("je recherche un logement à loyer modéré pour ma famille", ["logement-social"]),
    ("I am looking for social housing, my current flat is too small", ["logement-social"]),
    # restauration-scolaire
    ("je voudrais inscrire ma fille à la cantine de l'école primaire",
     ["restauration-scolaire"]),
    ("mon fils déjeunera à la cantine à partir de la rentrée, comment l'inscrire ?",
     ["restauration-scolaire"]),
    ("inscrption cantinne pour mes deux enfants", ["restauration-scolaire"]),
    ("restauration scolaire : inscription de mon fils en CP", ["restauration-scolaire"]),
    ("I'd like my daughter to have lunch at school", ["restauration-scolaire"]),
    # signalement-voirie
    ("un lampadaire est tombé en panne au bout de ma rue", ["signalement-voirie"]),
    ("plein de déchets abandonnés dans le parc près de chez moi", ["signalement-voirie"]),
    ("la route est pleine de trous après l'hiver, c'est dangereux pour les vélos",
     ["signalement-voirie"]),
    ("le trottoir est défoncé devant le 8 rue Victor Hugo", ["signalement-voirie"]),
    ("Rubbish has been dumped on the pavement near my house", ["signalement-voirie"]),
    # carte-grise-adresse
    ("je dois mettre à jour l'adresse sur le certificat d'immatriculation de mon véhicule",
     ["carte-grise-adresse"]),
    ("changement d'adresse carte grise pour ma voiture svp", ["carte-grise-adresse"]),
    ("ma carte grise indique encore mon ancienne adresse, il faut la modifier",
     ["carte-grise-adresse"]),
    ("carte grisse adresse a changer", ["carte-grise-adresse"]),
    ("I moved, the address on my car's registration document must be updated",
     ["carte-grise-adresse"]),
    # renseignement
    ("Quels sont les papiers à fournir pour une demande de RSA ?", ["renseignement"]),
    ("combien de temps pour recevoir une copie d'acte de naissance ?", ["renseignement"]),
    ("comment ça fonctionne la complémentaire santé solidaire ?", ["renseignement"]),
    ("quel est le délai pour une carte d'identité en ce moment", ["renseignement"]),
    ("What documents are needed to apply for social housing?", ["renseignement"]),
    # reclamation-service
    ("je veux porter plainte contre l'accueil de la CAF, on m'a très mal reçu",
     ["reclamation-service"]),
    ("personne ne décroche jamais au standard de la mairie, c'est scandaleux",
     ["reclamation-service"]),
    ("j'attends une réponse depuis deux mois, c'est inacceptable", ["reclamation-service"]),
    ("l'agent au guichet a été très impoli avec moi", ["reclamation-service"]),
    ("I'm unhappy with how I was treated at the town hall", ["reclamation-service"]),
]

# A second batch, written once the first had been measured and never tuned against.
HELD_OUT_2: list[tuple[str, list[str]]] = [
    (
        "Je me marie en juin et la mairie me demande un acte de naissance de moins de trois mois",
        ["acte-naissance"],
    ),
    ("acte de naissance plurilingue svp", ["acte-naissance"]),
    ("could I get my birth certificate sent by email?", ["acte-naissance"]),
    (
        "Nous habitons désormais à une autre adresse, pouvez-vous faire le nécessaire auprès "
        "de la CPAM et de la CAF ?",
        ["changement-adresse"],
    ),
    ("signaler un changement d'adresse", ["changement-adresse"]),
    (
        "j'ai emmenagé dans ma nouvelle maison, merci de changer mes coordonnées",
        ["changement-adresse"],
    ),
    ("je n'ai jamais voté, je voudrais m'inscrire", ["inscription-listes-electorales"]),
    (
        "Bonjour, je viens de déménager dans votre commune et souhaite m'inscrire sur les "
        "listes électorales afin de pouvoir voter en mars.",
        ["inscription-listes-electorales"],
    ),
    ("how do I sign up to vote in local elections", ["inscription-listes-electorales"]),
    ("Je dois renouveler ma CNI avant de partir en voyage", ["carte-identite"]),
    ("carte d'identité volée dans le métro hier", ["carte-identite"]),
    ("je voudrais prendre un rdv pour ma carte d'identité", ["carte-identite"]),
    (
        "Je suis apprenti et je touche 800 euros par mois, la prime d'activité c'est possible ?",
        ["prime-activite"],
    ),
    ("ouvrir mes droits à la prime d'activité", ["prime-activite"]),
    ("activity bonus application please", ["prime-activite"]),
    ("je voudrais bénéficier de la complémentaire santé solidaire, je suis au RSA", ["css"]),
    ("une mutuelle pas chère ou gratuite pour mes soins", ["css"]),
    ("demande de complémentaire santé", ["css"]),
    (
        "Je suis sans revenus depuis que mon entreprise a fermé, je voudrais une aide financière",
        ["rsa"],
    ),
    ("demande de revenu de solidarité active pour un couple sans ressources", ["rsa"]),
    ("can I apply for RSA, I'm 30 and broke", ["rsa"]),
    ("Je conteste le calcul de mon impôt sur le revenu", ["reclamation-fiscale"]),
    ("mon avis d'imposition est faux, je n'ai pas eu de revenus en 2024", ["reclamation-fiscale"]),
    ("l'impot me reclame trop d'argent cette annee", ["reclamation-fiscale"]),
    ("il me faudrait une attestation de droits de la CPAM", ["attestation-droits-sante"]),
    (
        "je voudrais recevoir mon attestation d'assurance maladie par mail",
        ["attestation-droits-sante"],
    ),
    ("health insurance rights certificate please", ["attestation-droits-sante"]),
    ("Je souhaite déposer une demande de logement HLM", ["logement-social"]),
    (
        "nous vivons à six dans un T2, il nous faut un logement plus grand à loyer modéré",
        ["logement-social"],
    ),
    ("social housing request", ["logement-social"]),
    ("inscription de mes enfants à la cantine", ["restauration-scolaire"]),
    ("mon fils rentre en CP, il mangera à la cantine", ["restauration-scolaire"]),
    ("sign my son up for school meals", ["restauration-scolaire"]),
    ("un lampadaire clignote toute la nuit rue Pasteur", ["signalement-voirie"]),
    ("des sacs poubelles éventrés traînent sur le trottoir", ["signalement-voirie"]),
    ("il y a un grand trou dans la chaussée au carrefour", ["signalement-voirie"]),
    ("mettre à jour l'adresse de ma carte grise", ["carte-grise-adresse"]),
    (
        "j'ai changé de domicile, je dois modifier le certificat d'immatriculation de ma moto",
        ["carte-grise-adresse"],
    ),
    ("update address on vehicle registration", ["carte-grise-adresse"]),
    ("quels papiers pour une carte d'identité ?", ["renseignement"]),
    ("quel est le délai pour obtenir un extrait d'acte de naissance ?", ["renseignement"]),
    ("how long does the RSA application take?", ["renseignement"]),
    ("je veux faire une réclamation sur l'accueil du guichet", ["reclamation-service"]),
    ("j'ai été très mal reçue à la mairie", ["reclamation-service"]),
    ("votre service est nul, personne ne répond jamais", ["reclamation-service"]),
]

MULTI: list[tuple[str, list[str]]] = [
    ("je déménage au 3 rue Garibaldi 69003 Lyon, changez aussi l'adresse de ma carte grise",
     ["changement-adresse", "carte-grise-adresse"]),
    ("je veux m'inscrire sur les listes électorales et refaire ma carte d'identité",
     ["inscription-listes-electorales", "carte-identite"]),
    ("Je voudrais inscrire mon fils à la cantine et aussi faire une demande de logement "
     "social", ["restauration-scolaire", "logement-social"]),
    ("j'ai perdu ma carte d'identité. Par ailleurs je voudrais un extrait d'acte de naissance",
     ["carte-identite", "acte-naissance"]),
    ("demande de RSA ; je voudrais aussi la complémentaire santé solidaire", ["rsa", "css"]),
    ("Il y a un nid de poule rue Victor Hugo et le lampadaire d'à côté est cassé",
     ["signalement-voirie"]),
    ("I moved to a new address and I also need to update my car registration",
     ["changement-adresse", "carte-grise-adresse"]),
    ("mon impôt 2024 est trop élevé, je le conteste, et j'aimerais également une attestation "
     "de droits à l'assurance maladie", ["reclamation-fiscale", "attestation-droits-sante"]),
    # From the second batch:
    ("je voudrais une copie intégrale de mon acte de naissance et aussi m'inscrire sur les "
     "listes électorales", ["acte-naissance", "inscription-listes-electorales"]),
    ("J'ai déménagé. Il faut aussi changer l'adresse de ma carte grise.",
     ["changement-adresse", "carte-grise-adresse"]),
    ("demande de logement social et de complémentaire santé solidaire", ["logement-social", "css"]),
]

OUT_OF_SCOPE: list[str] = [
    "quel temps fera-t-il demain",
    "je veux acheter une voiture",
    "bonjour",
    "Quel est le score du match de foot hier soir ?",
    "je cherche une recette de gâteau au chocolat",
    "pouvez-vous me conseiller un bon restaurant à Lyon",
    "merci beaucoup, bonne journée",
    "What's the capital of Australia?",
    "j'aime les chats",
    "ok",
    "je vends mon canapé, ça intéresse quelqu'un ?",
    "à quelle heure ferme la piscine ?",
    # From the second batch:
    "quelle est la météo à Paris",
    "je voudrais commander une pizza",
    "peux-tu m'aider à écrire un poème",
    "who won the world cup?",
    "j'ai perdu mes clés",
    "comment faire une mayonnaise",
]

ALL_CASES = HELD_OUT + HELD_OUT_2 + MULTI + [(text, []) for text in OUT_OF_SCOPE]

# Misses kept visible rather than tuned away: English words the lexicon does not know, and
# a long demand whose one telling word ("logement") is outweighed by words no example uses.
# Strict, so a fix shows up as a test to update.
KNOWN_MISSES = {
    "I can't afford health insurance top-up, can I get help with medical costs?",
    "nous vivons à six dans un T2, il nous faut un logement plus grand à loyer modéré",
}


def _cases(cases: list[tuple[str, list[str]]]) -> list[object]:
    return [
        pytest.param(
            text, expected,
            marks=[pytest.mark.xfail(strict=True, reason="known miss")]
            if text in KNOWN_MISSES else [],
        )
        for text, expected in cases
    ]


@pytest.fixture(scope="module")
def classifier() -> ProcedureClassifier:
    return default_classifier()


def _examples() -> set[str]:
    return {normalise(e) for p in default_catalogue().procedures for e in p.examples}


def test_held_out_phrasings_are_not_examples() -> None:
    examples = _examples()
    copied = [text for text, _ in ALL_CASES if normalise(text) in examples]
    assert copied == []


def test_held_out_covers_every_procedure_three_times() -> None:
    for batch in (HELD_OUT, HELD_OUT_2):
        counts = {pid: 0 for pid in default_catalogue().procedure_ids}
        for _, expected in batch:
            for pid in expected:
                counts[pid] += 1
        assert min(counts.values()) >= 3, counts


def test_held_out_accuracy(classifier: ProcedureClassifier) -> None:
    # The figure is what matters; the misses are listed to help whoever tunes next.
    misses = [(t, e, classifier.classify(t)) for t, e in ALL_CASES if classifier.classify(t) != e]
    accuracy = 1 - len(misses) / len(ALL_CASES)
    assert accuracy >= 0.9, misses


@pytest.mark.parametrize(("text", "expected"), _cases(HELD_OUT + HELD_OUT_2))
def test_single_procedure(classifier: ProcedureClassifier, text: str, expected: list[str]) -> None:
    assert classifier.classify(text) == expected


@pytest.mark.parametrize(("text", "expected"), _cases(MULTI))
def test_several_procedures_in_order(
    classifier: ProcedureClassifier, text: str, expected: list[str]
) -> None:
    assert classifier.classify(text) == expected


@pytest.mark.parametrize("text", OUT_OF_SCOPE)
def test_out_of_scope_gives_nothing(classifier: ProcedureClassifier, text: str) -> None:
    assert classifier.classify(text) == []


def test_placeholders_do_not_change_the_decision(classifier: ProcedureClassifier) -> None:
    text = "Bonjour, je suis [PRENOM_1] [NOM_1], je voudrais le RSA, écrivez-moi à [EMAIL_1]"
    assert classifier.classify(text) == ["rsa"]


def test_eligibility_question_is_a_demand(classifier: ProcedureClassifier) -> None:
    assert classifier.classify("est-ce que j'ai droit au RSA ?") == ["rsa"]


def test_demand_with_a_question_stays_a_demand(classifier: ProcedureClassifier) -> None:
    text = "je voudrais refaire ma carte d'identité, quels documents dois-je apporter ?"
    assert classifier.classify(text) == ["carte-identite"]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Quels sont les papiers à fournir pour une demande de RSA ?", "rsa"),
        ("combien de temps pour recevoir une copie d'acte de naissance ?", "acte-naissance"),
        ("What documents are needed to apply for social housing?", "logement-social"),
        ("quel est le délai pour changer l'adresse de ma carte grise", "carte-grise-adresse"),
    ],
)
def test_information_topic(classifier: ProcedureClassifier, text: str, topic: str) -> None:
    assert information_topic(text, classifier) == topic


def test_information_topic_none_without_a_procedure(classifier: ProcedureClassifier) -> None:
    assert information_topic("quels documents faut-il ?", classifier) is None


def test_scores_cover_every_procedure(classifier: ProcedureClassifier) -> None:
    scores = classifier.scores("je voudrais le RSA")
    assert set(scores) == set(default_catalogue().procedure_ids)
    assert max(scores, key=lambda pid: scores[pid]) == "rsa"


def test_classifier_from_plain_data() -> None:
    small = ProcedureClassifier(
        {
            "pizza": ["je voudrais commander une pizza", "une pizza margherita svp"],
            "taxi": ["il me faut un taxi pour la gare", "réserver un taxi demain matin"],
        }
    )
    assert small.classify("une pizzza 4 fromages") == ["pizza"]
    assert small.classify("taxi pour l'aéroport") == ["taxi"]
    assert small.classify("quel temps fait-il") == []


@pytest.mark.parametrize(
    "text",
    [
        "je voudrais parler à un agent",
        "Je veux un humain, pas un robot",
        "pouvez-vous me passer un conseiller ?",
        "can I talk to a real person please",
    ],
)
def test_wants_human(text: str) -> None:
    assert wants_human(text)


@pytest.mark.parametrize(
    "text", ["je voudrais le RSA", "l'agent au guichet a été impoli", "mon conseiller CAF"]
)
def test_does_not_want_human(text: str) -> None:
    assert not wants_human(text)
