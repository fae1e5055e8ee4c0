"""Writes evals/datasets/field-dev14.jsonl: a fourteenth development (tuning) set of real-sounding demands.

What it weighs (102 scenarios): the everyday, old and colloquial names of procedures and
documents (CMU, CMU-C, ACS, "la complémentaire gratuite" for the CSS; "RSA activité" and "la
prime de la CAF" for the prime d'activité; "le papier de la voiture" and "la carte" of a vehicle
for the carte grise; the attestation against the carte vitale itself, which is outside the
catalogue; "ma carte" for the identity card; "la cantine", "le périscolaire du midi"; "les
impôts", "mon avis d'imposition"; "m'inscrire pour voter"; "encombrants"), and words with two
senses used in the sense that is no procedure ("la carte du restaurant", "voter pour le délégué
de classe", "ma déclaration d'amour", "le lampadaire de mon jardin"); questions about a rule
(renseignement: an age, an amount, a ceiling, a delay, documents) against demands phrased as
questions, and a question beside a separate real demand (both parts); corrections inside one
message and in an answer to the guichet's question ("pardon", "*33800", "je me suis trompé",
"erratum", "correction :", "c'est bien X et non Y", "not X, Y") on postal codes, communes,
plates, amounts, dates, a child's name, a kind of act and a withdrawn part: the latest value
wins; one real demand with side remarks naming other procedures that must not be opened (someone
else's benefit, a card already held, a child already registered, taxes already declared, past
events, wishes for later, "si jamais"); two or three independent demands in one message (lists,
run-on sentences, "et aussi", "par ailleurs", a PS carrying a real demand); very short SMS; benefit
and tax demands whose amount sentence carries dates, references and a wrong-then-right amount;
and simple demands in Spanish, Portuguese, Arabic and English (the case format has no language
field: the language is a tag).

Expectations are written from the catalogue's published rules and parameters and the citizen's
own records, never from a model run, with build_core's helpers through the shared kit as
field-dev10 to field-dev12 use them. Web forms and SMS arrive on the `api` channel with a `web`
or `sms` tag; mails on `email`. A later message is only read as the answer to a question the
guichet asks: a correction after a complete demand is written in the same message. Citizens are
drawn from the seeded population in a fixed shuffled order (seed 14141), skipping only those
build_core uses and non-adults, never twice in this set. The scenarios are interleaved by kind
in proportion to their weights; a scenario no unused citizen fits is left out (and named when
the set is written):
  .venv/bin/python -m evals.build_field_dev14
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from evals import dev_kit
from evals.build_core import moves, prime_amount
from evals.dev_kit import (
    ADJUST,
    EXTRACT,
    FULL_COPY,
    GRANT,
    HOUSING,
    REJECT,
    VOTE,
    YEAR,
    Citizen,
    adjusted,
    ages,
    anyone,
    born_fr,
    both,
    canteen,
    car_moved,
    case,
    claimed,
    cni,
    cni_due,
    commune,
    css_amount,
    css_declared,
    css_ok,
    css_over,
    css_unknown,
    done,
    due,
    elsewhere,
    fr_amount,
    fresh_voter,
    g,
    given,
    granted,
    has_cni,
    has_tax,
    info,
    insured,
    moved,
    moved_with_car,
    moving,
    name,
    no_caf,
    one_pupil,
    one_vehicle,
    outside,
    own_health_doc,
    packed,
    phone,
    pick,
    plate,
    prime_declared,
    prime_ok,
    prime_over,
    pupil,
    pupils,
    refused,
    rsa_declared,
    scenario,
    spaced,
    stays,
    taxed,
    ticket,
    two_pupils,
    two_vehicles,
    vehicles,
    voter,
)

OUT = Path(__file__).parent / "datasets" / "field-dev14.jsonl"
dev_kit.configure("dev14", 14141)
# How many cases of each kind the set asks for (the brief's weights).
WEIGHTS = {"names": 18, "question": 14, "correction": 16, "side-remark": 14, "multi": 12,
           "sms": 12, "amount": 8, "lang": 8}


def has_pupil(c: Citizen) -> bool:
    return len(pupils(c)) >= 1


def merged(*parts: dict[str, Any]) -> dict[str, Any]:
    """Several accepted parts of one case: every procedure, approval, effect and record."""
    out: dict[str, Any] = {"procedures": [], "status": "accepte", "approvals": [], "effects": [],
                           "notified": True}
    records: list[dict[str, Any]] = []
    forbidden: set[str] = set()
    for part in parts:
        assert part["status"] == "accepte"
        out["procedures"] += [p for p in part["procedures"] if p not in out["procedures"]]
        out["approvals"] += part["approvals"]
        out["effects"] += part["effects"]
        records += part.get("records", [])
        forbidden.update(part.get("forbidden", []))
    if records:
        out["records"] = records
    if forbidden:
        out["forbidden"] = sorted(forbidden)
    return out


MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]


def fr_date(iso: str, shift_days: int = 0) -> str:
    """A date as a French letter writes it ("5 avril 2026"), optionally shifted."""
    day = dt.date.fromisoformat(iso) + dt.timedelta(days=shift_days)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def car_kept(c: Citizen) -> list[dict[str, Any]]:
    """The address of the one vehicle on record, unchanged after the case."""
    return [{"path": "ants.vehicles.0.address_insee", "value": vehicles(c)[0]["address_insee"]}]


# ---------------------------------------------------------------- 1. names of procedures (18)

NAM = ["names"]


@scenario("names")
def nam_01() -> None:
    c = pick(css_ok)
    case("nam-01", [*NAM, "old-name", "cmu", "sms", "css"], c, [
        "bjr jai plus de mutuelle depuis que jai perdu mon boulot, je voudrais la cmu svp"],
        approver=GRANT, **granted("css", css_amount(c)))


@scenario("names")
def nam_02() -> None:
    c = pick(css_over)
    case("nam-02", [*NAM, "old-name", "cmu-c", "formal", "refusal", "ineligible", "email", "css"], c, [
        "Madame, Monsieur,\n\nJe me permets de solliciter le bénéfice de la CMU-C, ou de ce qui "
        "l'a remplacée, ma mutuelle actuelle étant devenue trop onéreuse.\n\nJe vous prie "
        f"d'agréer l'expression de mes salutations distinguées.\n\n{name(c)}"],
        approver=REJECT, **refused("css"))


@scenario("names")
def nam_03() -> None:
    c = pick(css_ok)
    case("nam-03", [*NAM, "old-name", "acs", "email", "css"], c, [
        "Bonjour,\n\nIl y a quelques années j'avais l'ACS, l'aide pour payer la complémentaire "
        "santé. Elle s'est arrêtée et je n'ai jamais refait le dossier. Je voudrais la redemander "
        f"aujourd'hui, sous son nom actuel.\n\nMerci,\n{given(c)}"],
        approver=GRANT, **granted("css", css_amount(c)))


@scenario("names")
def nam_04() -> None:
    c = pick(css_ok)
    case("nam-04", [*NAM, "everyday-name", "complementaire-gratuite", "web", "css"], c, [
        "La pharmacienne m'a parlé de la complémentaire gratuite de la sécu pour les petits "
        "revenus. C'est ce que je voudrais demander, je n'arrive plus à payer les lunettes."],
        approver=GRANT, **granted("css", css_amount(c)))


@scenario("names")
def nam_05() -> None:
    c = pick(prime_ok)
    case("nam-05", [*NAM, "old-name", "rsa-activite", "web", "prime-activite"], c, [
        "Je touchais le RSA activité il y a longtemps, avant que ça change de nom. Je suis de "
        "nouveau salarié à temps partiel, payé au lance-pierre : je voudrais refaire une demande."],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))


@scenario("names")
def nam_06() -> None:
    c = pick(prime_over)
    case("nam-06", [*NAM, "everyday-name", "prime-de-la-caf", "refusal", "ineligible", "sms",
                    "prime-activite"], c, [
        "salut je voudrais la prime de la caf pour ceux qui bossent, mes collegues la touchent "
        "tous"],
        approver=REJECT, **refused("prime-activite"))


@scenario("names")
def nam_07() -> None:
    c = pick(both(one_vehicle, elsewhere("21000")))
    case("nam-07", [*NAM, "everyday-name", "papier-de-la-voiture", "web", "carte-grise-adresse"], c, [
        "Il faut que je mette ma nouvelle adresse sur le papier de la voiture, vous savez, le "
        f"grand papier qu'on garde dans la boîte à gants. Voiture {plate(c)}, j'habite maintenant "
        "5 rue Chabot-Charny, 21000 Dijon."],
        **car_moved(c, "21000"))


@scenario("names")
def nam_08() -> None:
    c = pick(both(one_vehicle, elsewhere("29200")))
    case("nam-08", [*NAM, "ambiguous-carte", "context-vehicle", "sms", "carte-grise-adresse"], c, [
        f"faut mettre a jour la carte de ma caisse {spaced(plate(c))} jsuis au 18 rue de Siam "
        "29200 brest maintenant"],
        **car_moved(c, "29200"))


@scenario("names")
def nam_09() -> None:
    c = pick(insured)
    case("nam-09", [*NAM, "carte-vitale-vs-attestation", "own-document", "web",
                    "attestation-droits-sante"], c, [
        "Ma carte vitale, je l'ai, elle marche très bien. Ce qu'il me faut, c'est le papier de la "
        "sécu qui prouve que je suis bien couvert, la clinique le veut imprimé."],
        **own_health_doc())


@scenario("names")
def nam_10() -> None:
    c = pick(insured)
    case("nam-10", [*NAM, "carte-vitale-vs-attestation", "carte-vitale-itself", "no-procedure",
                    "email"], c, [
        "Bonjour,\n\nMa carte vitale est passée à la machine à laver et la puce est fichue, le "
        "médecin n'arrive plus à la lire. Je voudrais en commander une nouvelle.\n\n"
        f"{name(c)}"],
        **outside(forbidden=["disclose_record"]))


@scenario("names")
def nam_11() -> None:
    c = pick(cni_due)
    case("nam-11", [*NAM, "ambiguous-carte", "answer-if-asked", "web", "carte-identite"], c, [
        "Ma carte est périmée et on part en Espagne au printemps. Je voudrais prendre un "
        "rendez-vous à la mairie pour la refaire, j'ai déjà les photos.",
        "La carte nationale d'identité."],
        **cni("renouvellement"))


@scenario("names")
def nam_12() -> None:
    c = pick(has_pupil)
    kid = pupil(c)
    case("nam-12", [*NAM, "two-senses", "carte-du-restaurant", "email", "restauration-scolaire"], c, [
        f"Bonjour,\n\nÀ partir du lundi 4 janvier, {kid} déjeunera à l'école : merci de "
        "l'inscrire à la cantine. Nous avons déjà regardé ensemble la carte du restaurant "
        "scolaire affichée devant la grille : il y a des frites le vendredi, succès garanti."
        f"\n\n{name(c)}"],
        **canteen(c, kid))


@scenario("names")
def nam_13() -> None:
    c = pick(taxed)
    new = claimed_for(c)
    case("nam-13", [*NAM, "everyday-name", "les-impots", "avis-d-imposition", "web",
                    "reclamation-fiscale"], c, [
        f"Les impôts me réclament {due(c)} € sur mon avis d'imposition {YEAR}, ils ont oublié la "
        "demi-part pour mon fils qui vit chez moi une semaine sur deux. Avec elle, je devrais "
        f"payer {new:.0f} €. Je veux faire corriger ça."],
        approver=ADJUST, **adjusted(new))


@scenario("names")
def nam_14() -> None:
    c = pick(moving("49100"))
    case("nam-14", [*NAM, "two-senses", "declaration-d-amour", "email", "changement-adresse"], c, [
        "Bonjour,\n\nAprès une déclaration d'amour sur le quai de la gare (oui, comme au cinéma), "
        "je me suis installé" + g(c, "", "e") + " chez mon compagnon le mois dernier. Je vous "
        "déclare donc ma nouvelle adresse pour toutes les administrations : 7 rue Lenepveu, "
        f"49100 Angers.\n\n{name(c)}"],
        **moved(c, "49100", forbidden=["adjust_tax"]))


@scenario("names")
def nam_15() -> None:
    c = pick(fresh_voter)
    case("nam-15", [*NAM, "everyday-name", "m-inscrire-pour-voter", "web",
                    "inscription-listes-electorales"], c, [
        "Comment je fais pour m'inscrire pour voter ? J'habite ici depuis deux ans et je n'ai "
        "jamais reçu de carte d'électeur. Je veux être sur la liste de ma commune."],
        **voter(c))


@scenario("names")
def nam_16() -> None:
    c = pick(has_pupil)
    kid = pupil(c)
    case("nam-16", [*NAM, "two-senses", "delegue-de-classe", "sms", "restauration-scolaire"], c, [
        f"bonsoir hier c etait l election du delegue de classe, {kid} a vote pour sa copine lol. "
        f"sinon je voudrais inscrire {kid} a la cantine a partir de la semaine pro, merci"],
        **canteen(c, kid))


@scenario("names")
def nam_17() -> None:
    c = pick(anyone)
    case("nam-17", [*NAM, "two-senses", "lampadaire-du-jardin", "encombrants", "web",
                    "signalement-voirie"], c, [
        "Le lampadaire de mon jardin est tombé avec le vent, ça c'est mon affaire, je le "
        "réparerai. Par contre quelqu'un a laissé des encombrants sur le trottoir devant le 9 "
        "rue des Glycines : un canapé, une armoire et des planches. Merci de les faire enlever."],
        **ticket("proprete"))


@scenario("names")
def nam_18() -> None:
    c = pick(has_pupil)
    kid = pupil(c)
    case("nam-18", [*NAM, "everyday-name", "periscolaire-du-midi", "web", "restauration-scolaire"], c, [
        f"Je voudrais inscrire {kid} au périscolaire du midi, donc la restauration scolaire, à "
        "partir de la rentrée des vacances. Pour le soir, pas besoin, je m'en occupe."],
        **canteen(c, kid))


def claimed_for(c: Citizen) -> float:
    return claimed(due(c))


# ---------------------------------------------------------------- 2. questions about a rule (14)

QU = ["question"]


@scenario("question")
def que_01() -> None:
    case("que-01", [*QU, "question-only", "age-rule", "sms", "renseignement"], pick(anyone), [
        "a partir de quel age on peut s inscrire sur les listes pour voter ? c pour ma niece, "
        "elle demandera elle meme"],
        **info(forbidden=["register"]))


@scenario("question")
def que_02() -> None:
    case("que-02", [*QU, "question-only", "amount-rule", "web", "renseignement"], pick(anyone), [
        "Combien touche-t-on à peu près de prime d'activité quand on est au SMIC à mi-temps ? Je "
        "me renseigne avant d'accepter un poste, je ne fais aucune demande pour l'instant."],
        **info(forbidden=["grant_benefit", "reject_demand"]))


@scenario("question")
def que_03() -> None:
    case("que-03", [*QU, "question-only", "eligibility-rule", "email", "renseignement"],
         pick(anyone), [
        "Bonjour,\n\nEst-ce qu'on a droit à la complémentaire santé solidaire quand on est "
        "étudiant et qu'on vit seul ? Quel est le plafond de revenus ? Je ne dépose pas de "
        "dossier, je veux d'abord comprendre.\n\nBonne journée"],
        **info(forbidden=["grant_benefit", "reject_demand"]))


@scenario("question")
def que_04() -> None:
    c = pick(anyone)
    case("que-04", [*QU, "question-only", "delay", "lang-en", "web", "renseignement"], c, [
        "How long does it take for a change of address to be passed on to the CAF and the tax "
        "office? We haven't moved yet, I'm just planning ahead."],
        **info(forbidden=["update_contact"], records=stays(c)))


@scenario("question")
def que_05() -> None:
    case("que-05", [*QU, "question-only", "documents", "lang-en", "email", "renseignement"],
         pick(anyone), [
        "Hello,\n\nWhat documents do I need to bring to the town hall for a French ID card "
        "appointment? I'll book it myself once I have everything together.\n\nThanks"],
        **info(forbidden=["register", "book_appointment"]))


@scenario("question")
def que_06() -> None:
    case("que-06", [*QU, "question-only", "price-rule", "web", "renseignement"], pick(anyone), [
        "Le prix du repas à la cantine, il dépend de quoi exactement ? Du quotient familial ? "
        "Mes enfants n'y mangent pas, je compare avec la nounou."],
        **info(forbidden=["register"]))


@scenario("question")
def que_07() -> None:
    case("que-07", [*QU, "question-only", "ceiling-rule", "sms", "renseignement"], pick(anyone), [
        "cest quoi le plafond de ressources du rsa pr une personne seule sans enfant ? juste pr "
        "savoir"],
        **info(forbidden=["grant_benefit", "reject_demand"]))


@scenario("question")
def que_08() -> None:
    c = pick(cni_due)
    case("que-08", [*QU, "question-and-demand", "same-procedure", "web", "carte-identite"], c, [
        "Quels papiers faut-il apporter pour refaire une carte d'identité ? Dans tous les cas je "
        "veux lancer le renouvellement de la mienne, elle est périmée, et avoir un "
        "rendez-vous."],
        **cni("renouvellement"))


@scenario("question")
def que_09() -> None:
    c = pick(anyone)
    case("que-09", [*QU, "question-and-demand", "other-procedure", "web", "renseignement",
                    "signalement-voirie"], c, [
        "Deux choses sans rapport. D'abord une question : combien de temps la CPAM met-elle pour "
        "répondre à une demande de complémentaire santé solidaire ? Ensuite, il y a un nid de "
        "poule énorme devant le 22 avenue de la Marne, une voiture y a crevé ce matin."],
        **merged(info(), ticket("voirie")))


@scenario("question")
def que_10() -> None:
    c = pick(prime_ok)
    case("que-10", [*QU, "demand-as-question", "sms", "prime-activite"], c, [
        "est ce que jai droit a la prime d activite ? si oui je la demande, je suis a 24h par "
        "semaine"],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))


@scenario("question")
def que_11() -> None:
    c = pick(anyone)
    case("que-11", [*QU, "demand-and-question", "same-procedure", "email", "logement-social"], c, [
        "Bonjour,\n\nJe voudrais déposer une demande de logement social pour mes deux filles et "
        "moi. Au passage : combien de temps faut-il compter en moyenne avant une proposition ?\n\n"
        f"{name(c)}"],
        **done(["logement-social"], [HOUSING]))


@scenario("question")
def que_12() -> None:
    case("que-12", [*QU, "question-only", "delay", "price", "sms", "renseignement"], pick(anyone), [
        "un acte de naissance c payant ? et ca met combien de jours a arriver ? je le demanderai "
        "plus tard"],
        **info(forbidden=["issue_document"]))


@scenario("question")
def que_13() -> None:
    c = pick(moving("87000"))
    case("que-13", [*QU, "question-and-demand", "other-procedure", "email", "renseignement",
                    "changement-adresse"], c, [
        "Bonjour,\n\nQuelles pièces faut-il pour s'inscrire sur les listes électorales après un "
        "déménagement ? Je ferai l'inscription moi-même plus tard. Par ailleurs, je vous déclare "
        "dès maintenant ma nouvelle adresse pour les organismes : 3 rue Jean Jaurès, 87000 "
        f"Limoges.\n\n{name(c)}"],
        **merged(info(), moved(c, "87000", forbidden=["register"])))


@scenario("question")
def que_14() -> None:
    c = pick(one_vehicle)
    case("que-14", [*QU, "question-only", "delay", "vehicle", "web", "renseignement"], c, [
        "Combien de temps faut-il pour que la nouvelle adresse apparaisse sur une carte grise ? "
        "Je signe mon bail dans trois semaines, je ferai la démarche à ce moment-là."],
        **info(forbidden=["update_contact"], records=[*stays(c), *car_kept(c)]))


# ---------------------------------------------------------------- 3. corrections (16)

COR = ["correction"]


@scenario("correction")
def cor_01() -> None:
    c = pick(moving("69003"))
    case("cor-01", [*COR, "postal-code", "pardon", "web", "changement-adresse"], c, [
        "Nouvelle adresse à déclarer aux organismes : 41 rue Paul Bert, 69002 Lyon... pardon, "
        "69003, je confonds avec mon ancien travail."],
        **moved(c, "69003"))


@scenario("correction")
def cor_02() -> None:
    c = pick(moving("33800"))
    case("cor-02", [*COR, "postal-code", "star", "sms", "changement-adresse"], c, [
        "demenagement au 12 rue des Faures 33000 bordeaux, changez mon adresse partout svp\n"
        "*33800"],
        **moved(c, "33800"))


@scenario("correction")
def cor_03() -> None:
    c = pick(moving("59800"))
    case("cor-03", [*COR, "postal-code", "in-answer", "je-me-suis-trompe", "web",
                    "changement-adresse"], c, [
        "On a déménagé le week-end dernier, il faudrait changer notre adresse partout.",
        "14 rue de la Monnaie, 59000 Lille. Ah non, je me suis trompé : c'est 59800, on est dans "
        "le Vieux-Lille."],
        **moved(c, "59800"))


@scenario("correction")
def cor_04() -> None:
    c = pick(both(one_vehicle, elsewhere("25000")))
    case("cor-04", [*COR, "plate", "euh-non", "web", "carte-grise-adresse"], c, [
        "Changement d'adresse sur ma carte grise, immatriculation AB-552-QX, euh non, ça c'est la "
        f"plaque de ma mère : la mienne est {plate(c)}. Nouvelle adresse : 6 rue Battant, 25000 "
        "Besançon."],
        **car_moved(c, "25000"))


@scenario("correction")
def cor_05() -> None:
    c = pick(both(two_vehicles, elsewhere("80000")))
    case("cor-05", [*COR, "plate", "several-vehicles", "non-erreur", "email", "carte-grise-adresse"], c, [
        "Bonjour,\n\nMerci de mettre à jour la carte grise de la "
        f"{plate(c, 0)}... non, erreur de ma part, c'est la {plate(c, 1)} qu'il faut changer, "
        "l'autre reste chez mes parents. Nouvelle adresse : 10 rue des Jacobins, 80000 Amiens."
        f"\n\n{name(c)}"],
        **car_moved(c, "80000", 1))


@scenario("correction")
def cor_06() -> None:
    c = pick(both(two_vehicles, elsewhere("38100")))
    case("cor-06", [*COR, "postal-code", "in-answer", "several-vehicles", "web",
                    "carte-grise-adresse"], c, [
        "Bonjour, il faut changer l'adresse sur ma carte grise : 9 rue Ampère, 38000 Grenoble.",
        f"C'est la {packed(plate(c, 1))}. Et pardon, le code postal c'est 38100, pas 38000 comme "
        "je l'ai écrit."],
        **car_moved(c, "38100", 1))


@scenario("correction")
def cor_07() -> None:
    c = pick(moving("69120"))
    case("cor-07", [*COR, "commune", "enfin", "email", "changement-adresse"], c, [
        "Bonjour,\n\nNous habitons désormais à Villeurbanne, enfin non, à Vaulx-en-Velin "
        "(Villeurbanne c'est là où je travaille, je mélange tout) : 25 avenue Gabriel Péri, 69120 "
        "Vaulx-en-Velin. Merci de transmettre aux organismes.\n\n"
        f"{name(c)}"],
        **moved(c, "69120"))


@scenario("correction")
def cor_08() -> None:
    c = pick(taxed)
    new = claimed_for(c)
    case("cor-08", [*COR, "amount", "je-me-suis-trompe", "web", "reclamation-fiscale"], c, [
        f"Je conteste mon impôt sur le revenu {YEAR}, mes frais de garde n'ont pas été retenus. "
        f"J'avais calculé {new - 40:.0f} € mais je me suis trompé dans une case : le bon montant "
        f"est {new:.0f} €."],
        approver=ADJUST, **adjusted(new))


@scenario("correction")
def cor_09() -> None:
    c = pick(both(cni_due, lambda c: c["ants"]["cni"]["expiry"] < dev_kit.DAY.isoformat()))
    expiry = c["ants"]["cni"]["expiry"]
    case("cor-09", [*COR, "date", "email", "carte-identite"], c, [
        f"Bonjour,\n\nMa carte d'identité a expiré le {fr_date(expiry, -31)}, non, le "
        f"{fr_date(expiry)}, je viens de vérifier. Je voudrais faire la pré-demande de "
        f"renouvellement et avoir un créneau en mairie.\n\n{name(c)}"],
        **cni("renouvellement"))


@scenario("correction")
def cor_10() -> None:
    c = pick(two_pupils)
    first, second = pupil(c, 0), pupil(c, 1)
    case("cor-10", [*COR, "child-name", "pardon", "web", "restauration-scolaire"], c, [
        f"Je voudrais inscrire {first} à la cantine. Pardon, je confonds toujours les deux : "
        f"c'est {second} qu'il faut inscrire, {first} rentre déjeuner à la maison."],
        **canteen(c, second))


@scenario("correction")
def cor_11() -> None:
    c = pick(two_pupils)
    first, second = pupil(c, 0), pupil(c, 1)
    case("cor-11", [*COR, "child-name", "in-answer", "sms", "restauration-scolaire"], c, [
        "bonjour je voudrais inscrire un de mes enfants a la cantine",
        f"{first}... non attendez {second}, {first} mange chez sa nounou le midi"],
        **canteen(c, second))


@scenario("correction")
def cor_12() -> None:
    c = pick(moving("44300"))
    case("cor-12", [*COR, "postal-code", "c-est-bien-x-et-non-y", "email", "changement-adresse"], c, [
        "Bonjour,\n\nSuite à notre déménagement, voici notre nouvelle adresse à communiquer aux "
        "organismes : 8 rue du Croisic, 44300 Nantes. C'est bien 44300 et non 44000 comme je "
        "l'ai mis par erreur sur le formulaire de La Poste.\n\nCordialement"],
        **moved(c, "44300"))


@scenario("correction")
def cor_13() -> None:
    c = pick(born_fr)
    case("cor-13", [*COR, "kind-of-act", "correction-colon", "web", "acte-naissance"], c, [
        "Je voudrais un extrait de mon acte de naissance pour le notaire.\n"
        "Correction : il me faut une copie intégrale, le notaire vient de me rappeler."],
        **done(["acte-naissance"], [FULL_COPY]))


@scenario("correction")
def cor_14() -> None:
    c = pick(moving("75011"))
    case("cor-14", [*COR, "postal-code", "not-x-y", "lang-en", "email", "changement-adresse"], c, [
        "Hi,\n\nPlease update my address with all the agencies: 17 rue de la Roquette, Paris. "
        "The postcode is 75011, not 75001 as I typed on the website yesterday.\n\n"
        f"Thanks,\n{given(c)}"],
        **moved(c, "75011"))


@scenario("correction")
def cor_15() -> None:
    c = pick(both(no_caf, ages(18, 64)))
    case("cor-15", [*COR, "amount", "in-answer", "unknown-to-administration", "web",
                    "prime-activite"], c, [
        "Je voudrais demander la prime d'activité, je suis en CDD dans une cantine d'entreprise.",
        "1 350 € par mois... non pardon, ça c'est le brut. En net je touche 1 050 €."],
        approver=GRANT, **granted("prime-activite", prime_declared(1050)))


@scenario("correction")
def cor_16() -> None:
    c = pick(both(one_vehicle, elsewhere("72000")))
    case("cor-16", [*COR, "withdrawn-part", "has-vehicle", "email", "changement-adresse"], c, [
        "Bonjour,\n\nNouvelle adresse : 4 rue Gambetta, 72000 Le Mans. Merci de la transmettre "
        "aux organismes et de changer ma carte grise.\n\nCorrection : oubliez la carte grise, la "
        "voiture est vendue samedi et le nouveau propriétaire fera sa propre carte. Seulement "
        f"les organismes, donc.\n\n{name(c)}"],
        **done(["changement-adresse"], moves(c, "72000"),
               records=[{"path": "contact.address.postal_code", "value": "72000"}, *car_kept(c)]))


# ---------------------------------------------------------------- 4. side remarks (14)

SID = ["side-remark"]


@scenario("side-remark")
def sid_01() -> None:
    c = pick(anyone)
    case("sid-01", [*SID, "someone-else-benefit", "web", "signalement-voirie"], c, [
        "Ma voisine a eu la complémentaire santé grâce à votre site, elle était ravie. Moi c'est "
        "plus simple : le réverbère devant le 5 impasse des Tilleuls est éteint depuis dix jours."],
        **ticket("eclairage", forbidden=["grant_benefit"]))


@scenario("side-remark")
def sid_02() -> None:
    c = pick(fresh_voter)
    case("sid-02", [*SID, "already-held", "carte-vitale", "email", "inscription-listes-electorales"], c, [
        "Bonjour,\n\nJ'ai déjà ma carte vitale et ma mutuelle, rien à faire de ce côté-là. Je "
        f"voudrais en revanche être {g(c, 'inscrit', 'inscrite')} sur les listes électorales de "
        f"{commune(c)}.\n\n{name(c)}"],
        **voter(c, forbidden=["issue_document"]))


@scenario("side-remark")
def sid_03() -> None:
    c = pick(has_pupil)
    case("sid-03", [*SID, "already-registered", "cantine", "web", "logement-social"], c, [
        f"{pupil(c)} mange à la cantine depuis septembre, tout va bien de ce côté-là. Ce qui "
        "ne va pas, c'est l'appartement : trop petit et trop cher. "
        "Je voudrais déposer une demande de logement social."],
        **done(["logement-social"], [HOUSING]))


@scenario("side-remark")
def sid_04() -> None:
    c = pick(both(moving("31400"), has_tax))
    case("sid-04", [*SID, "already-done", "impots", "email", "changement-adresse"], c, [
        "Bonjour,\n\nOn a déjà déclaré nos impôts en ligne en mai, aucun souci avec le montant. "
        "Par contre on a déménagé depuis : 11 rue Saint-Roch, 31400 Toulouse. Pouvez-vous prévenir "
        f"l'ensemble des organismes ?\n\n{name(c)}"],
        **moved(c, "31400", forbidden=["adjust_tax"]))


@scenario("side-remark")
def sid_05() -> None:
    c = pick(both(one_vehicle, elsewhere("67200")))
    case("sid-05", [*SID, "later-wish", "carte-grise", "has-vehicle", "web", "changement-adresse"], c, [
        "Je déclare mon changement d'adresse pour les organismes : 32 route de Schirmeck, 67200 "
        "Strasbourg. Peut-être plus tard pour la carte grise, la voiture est encore au garage "
        "chez mon frère et je ne sais pas si je la garde."],
        **done(["changement-adresse"], moves(c, "67200"),
               records=[{"path": "contact.address.postal_code", "value": "67200"}, *car_kept(c)]))


@scenario("side-remark")
def sid_06() -> None:
    c = pick(cni_due)
    case("sid-06", [*SID, "conditional", "si-jamais", "web", "carte-identite"], c, [
        "Je voudrais renouveler ma carte d'identité, qui est périmée, avec un rendez-vous. "
        "Si jamais je déménage l'an prochain comme prévu, je vous redirai pour l'adresse."],
        **cni("renouvellement", records=stays(c)))


@scenario("side-remark")
def sid_07() -> None:
    c = pick(prime_ok)
    case("sid-07", [*SID, "past-event", "rsa", "email", "prime-activite"], c, [
        "Bonjour,\n\nL'an dernier on m'avait refusé le RSA parce que j'avais retrouvé du "
        "travail, c'était normal. Aujourd'hui je travaille toujours, mais à temps partiel : je "
        f"voudrais demander la prime d'activité.\n\n{name(c)}"],
        approver=GRANT, **granted("prime-activite", prime_amount(c)))


@scenario("side-remark")
def sid_08() -> None:
    c = pick(born_fr)
    case("sid-08", [*SID, "someone-else-did", "cni", "web", "acte-naissance"], c, [
        "Ma fille a refait sa carte d'identité le mois dernier, ça s'est très bien passé. Moi, "
        "j'ai seulement besoin d'un extrait de mon acte de naissance pour mon dossier de retraite."],
        **done(["acte-naissance"], [EXTRACT]))


@scenario("side-remark")
def sid_09() -> None:
    c = pick(has_pupil)
    kid = pupil(c)
    case("sid-09", [*SID, "someone-else-will", "listes-electorales", "email",
                    "restauration-scolaire"], c, [
        "Bonjour,\n\nMon conjoint s'inscrira lui-même sur les listes électorales, il a ses "
        f"identifiants. De mon côté, je voudrais inscrire {kid} à la cantine de l'école.\n\n"
        f"{name(c)}"],
        **canteen(c, kid))


@scenario("side-remark")
def sid_10() -> None:
    c = pick(both(has_cni, ages(18, 24)))
    case("sid-10", [*SID, "later-wish", "rsa", "sms", "carte-identite"], c, [
        "jai perdu ma carte d identite a la fete de la musique. pour le rsa je verrai quand j "
        "aurai 25 ans, la je veux juste refaire ma carte et avoir un rdv"],
        **cni("perte", forbidden=["grant_benefit", "reject_demand"]))


@scenario("side-remark")
def sid_11() -> None:
    c = pick(anyone)
    case("sid-11", [*SID, "past-event", "logement-social", "web", "signalement-voirie"], c, [
        "On a obtenu notre HLM il y a trois ans, on est très bien dans la résidence. Mais depuis "
        "une semaine les poches poubelle s'entassent au pied du bâtiment C, allée des Peupliers, "
        "les rats commencent à sortir."],
        **ticket("proprete"))


@scenario("side-remark")
def sid_12() -> None:
    c = pick(both(css_ok, lambda c: bool(c.get("caf"))))
    case("sid-12", [*SID, "already-paid", "caf", "email", "css"], c, [
        "Bonjour,\n\nLa CAF me verse déjà l'APL et les allocations, je ne demande rien de plus "
        "de ce côté. Il me manque seulement une mutuelle : je voudrais faire la demande de "
        f"complémentaire santé solidaire.\n\n{name(c)}"],
        approver=GRANT, **granted("css", css_amount(c)))


@scenario("side-remark")
def sid_13() -> None:
    c = pick(born_fr)
    case("sid-13", [*SID, "past-event", "voirie", "web", "acte-naissance"], c, [
        "Le nid de poule que j'avais signalé rue Pasteur a été rebouché en deux jours, bravo. "
        "Aujourd'hui c'est pour autre chose : une copie intégrale de mon acte de naissance, pour "
        "mon mariage en juin."],
        **done(["acte-naissance"], [FULL_COPY], forbidden=["create_ticket"]))


@scenario("side-remark")
def sid_14() -> None:
    c = pick(insured)
    case("sid-14", [*SID, "someone-else-did", "impots", "sms", "attestation-droits-sante"], c, [
        "mon mari a fait sa reclamation d impot de son cote c regle. moi il me faut juste mon "
        "attestation de droits secu pour le dentiste"],
        **own_health_doc(forbidden=["disclose_record", "adjust_tax"]))


# ---------------------------------------------------------------- 5. several demands (12)

MUL = ["multi"]


@scenario("multi")
def mul_01() -> None:
    c = pick(has_pupil)
    kid = pupil(c)
    case("mul-01", [*MUL, "list", "web", "restauration-scolaire", "signalement-voirie"], c, [
        "Bonjour, deux demandes :\n"
        f"1. inscrire {kid} à la cantine à partir du mois prochain ;\n"
        "2. signaler le lampadaire en face de l'école, rue Victor Hugo, qui ne s'allume plus le "
        "matin."],
        **merged(canteen(c, kid), ticket("eclairage")))


@scenario("multi")
def mul_02() -> None:
    c = pick(both(one_vehicle, elsewhere("13008")))
    case("mul-02", [*MUL, "run-on", "sms", "changement-adresse", "carte-grise-adresse"], c, [
        "bjr jai demenage au 45 bd Michelet 13008 marseille faut changer mon adresse pour la caf "
        f"les impots la secu tout ca et aussi la carte grise de la {packed(plate(c)).lower()} merci"],
        **moved_with_car(c, "13008"))


@scenario("multi")
def mul_03() -> None:
    c = pick(both(insured, born_fr))
    case("mul-03", [*MUL, "et-aussi", "email", "acte-naissance", "attestation-droits-sante"], c, [
        "Bonjour,\n\nPour mon inscription en master, il me faut un extrait d'acte de naissance, "
        "et aussi une attestation de droits à l'assurance maladie à mon nom.\n\n"
        f"{name(c)}"],
        **merged(done(["acte-naissance"], [EXTRACT]), own_health_doc()))


@scenario("multi")
def mul_04() -> None:
    c = pick(both(cni_due, fresh_voter))
    case("mul-04", [*MUL, "par-ailleurs", "email", "carte-identite", "inscription-listes-electorales"], c, [
        "Bonjour,\n\nMa carte d'identité est périmée : je voudrais faire la "
        "pré-demande et prendre rendez-vous. Par ailleurs, je n'ai jamais été "
        f"{g(c, 'inscrit', 'inscrite')} sur les listes électorales ; pouvez-vous m'y inscrire "
        f"aussi ?\n\nCordialement,\n{name(c)}"],
        **done(["carte-identite", "inscription-listes-electorales"],
               [*cni("renouvellement")["effects"], VOTE], records=voter(c)["records"]))


@scenario("multi")
def mul_05() -> None:
    c = pick(anyone)
    case("mul-05", [*MUL, "ps", "web", "logement-social", "signalement-voirie"], c, [
        "Je souhaite déposer une demande de logement social : nous sommes quatre dans un studio "
        "depuis la naissance du petit.\n\nPS : il y a aussi un trou dans la chaussée au carrefour "
        "de la rue Nationale et de la rue Thiers, merci de le signaler au service concerné."],
        **merged(done(["logement-social"], [HOUSING]), ticket("voirie")))


@scenario("multi")
def mul_06() -> None:
    c = pick(both(insured, born_fr))
    case("mul-06", [*MUL, "three", "list", "email", "acte-naissance", "attestation-droits-sante",
                    "signalement-voirie"], c, [
        "Bonjour,\n\nJe profite d'un seul message pour trois choses :\n"
        "- une copie intégrale de mon acte de naissance (dossier de PACS) ;\n"
        "- mon attestation de droits à l'assurance maladie, pour moi ;\n"
        "- des encombrants abandonnés devant le 3 rue des Lilas depuis une semaine (un matelas "
        f"et une gazinière).\n\nMerci,\n{name(c)}"],
        **merged(done(["acte-naissance"], [FULL_COPY]), own_health_doc(), ticket("proprete")))


@scenario("multi")
def mul_07() -> None:
    c = pick(both(prime_ok, has_pupil))
    kid = pupil(c)
    case("mul-07", [*MUL, "run-on", "approval", "web", "prime-activite", "restauration-scolaire"], c, [
        "Je viens de reprendre un travail à temps partiel dans une boulangerie donc je voudrais "
        f"demander la prime d'activité et comme je commence à 11 h il faudrait que {kid} mange à "
        "la cantine de l'école à partir de lundi."],
        approver=GRANT,
        **merged(granted("prime-activite", prime_amount(c)), canteen(c, kid)))


@scenario("multi")
def mul_08() -> None:
    c = pick(css_ok)
    case("mul-08", [*MUL, "et-aussi", "approval", "web", "css", "attestation-droits-sante"], c, [
        "Je voudrais demander la complémentaire santé solidaire, et aussi recevoir mon "
        "attestation de droits à l'assurance maladie pour la donner moi-même à l'ophtalmo."],
        approver=GRANT, **merged(granted("css", css_amount(c)), own_health_doc()))


@scenario("multi")
def mul_09() -> None:
    c = pick(both(taxed, moving("64000")))
    new = claimed_for(c)
    case("mul-09", [*MUL, "par-ailleurs", "approval", "email", "reclamation-fiscale",
                    "changement-adresse"], c, [
        f"Bonjour,\n\nJe conteste mon impôt sur le revenu {YEAR} : ma pension alimentaire versée "
        f"n'a pas été déduite, je devrais payer {new:.0f} €. Par ailleurs, j'ai déménagé : "
        "merci de déclarer ma nouvelle adresse, 2 rue Henri IV, 64000 Pau, à tous les "
        f"organismes.\n\n{name(c)}"],
        approver=ADJUST, **merged(adjusted(new), moved(c, "64000")))


@scenario("multi")
def mul_10() -> None:
    c = pick(anyone)
    case("mul-10", [*MUL, "two-reports", "lang-en", "web", "signalement-voirie"], c, [
        "Two things on my street, rue Danton: there's a deep pothole outside number 14, and the "
        "streetlight by the bus stop has been out for a week."],
        **done(["signalement-voirie"], [*ticket("voirie")["effects"], *ticket("eclairage")["effects"]]))


@scenario("multi")
def mul_11() -> None:
    c = pick(both(has_cni, born_fr))
    case("mul-11", [*MUL, "run-on", "sms", "carte-identite", "acte-naissance"], c, [
        "on m a vole mon sac avec ma cni dedans, faut que j en refasse une avec un rdv. et il me "
        "faut aussi un extrait d acte de naissance pr le dossier"],
        **merged(cni("vol"), done(["acte-naissance"], [EXTRACT])))


@scenario("multi")
def mul_12() -> None:
    c = pick(both(has_pupil, insured))
    kid = pupil(c)
    case("mul-12", [*MUL, "ps", "email", "restauration-scolaire", "attestation-droits-sante"], c, [
        f"Bonjour,\n\nMerci d'inscrire {kid} à la restauration scolaire à compter du 1er "
        f"décembre.\n\n{name(c)}\n\nPS : pouvez-vous aussi m'envoyer mon attestation de droits "
        "à l'assurance maladie ? La mienne date de l'an dernier."],
        **merged(canteen(c, kid), own_health_doc()))


# ---------------------------------------------------------------- 6. short SMS (12)

SMS = ["sms-short", "sms"]


@scenario("sms")
def sms_01() -> None:
    c = pick(both(one_vehicle, elsewhere("63000")))
    case("sms-01", [*SMS, "carte-grise-adresse"], c, [
        f"slt faut changer l adresse de ma carte grise {packed(plate(c)).lower()}, jsuis au 8 rue "
        "Ballainvilliers 63000 clermont"],
        **car_moved(c, "63000"))


@scenario("sms")
def sms_02() -> None:
    case("sms-02", [*SMS, "attestation-droits-sante"], pick(insured), [
        "coucou besoin de mon attest secu pr la mutuelle stp"],
        **own_health_doc())


@scenario("sms")
def sms_03() -> None:
    case("sms-03", [*SMS, "acte-naissance"], pick(born_fr), [
        "extrait de naissance svp c urgent pr le taf"],
        **done(["acte-naissance"], [EXTRACT]))


@scenario("sms")
def sms_04() -> None:
    case("sms-04", [*SMS, "signalement-voirie"], pick(anyone), [
        "nid de poule devant le 8 rue jean jaures, avec la drache d hier il est enorme"],
        **ticket("voirie"))


@scenario("sms")
def sms_05() -> None:
    case("sms-05", [*SMS, "signalement-voirie"], pick(anyone), [
        "lampadaire hs rue des lilas depuis 3j on y voit goutte"],
        **ticket("eclairage"))


@scenario("sms")
def sms_06() -> None:
    c = pick(one_pupil)
    kid = pupil(c)
    case("sms-06", [*SMS, "restauration-scolaire"], c, [
        f"inscrire {kid.lower()} a la cantoche stp"],
        **canteen(c, kid))


@scenario("sms")
def sms_07() -> None:
    case("sms-07", [*SMS, "carte-identite"], pick(has_cni), [
        "jai paumé ma cni hier soir besoin d un rdv pr la refaire"],
        **cni("perte"))


@scenario("sms")
def sms_08() -> None:
    c = pick(fresh_voter)
    case("sms-08", [*SMS, "inscription-listes-electorales"], c, [
        "jveu minscrire sur les listes pr voter svp"],
        **voter(c))


@scenario("sms")
def sms_09() -> None:
    case("sms-09", [*SMS, "logement-social"], pick(anyone), [
        "hlm svp on est 4 ds un t1 bis"],
        **done(["logement-social"], [HOUSING]))


@scenario("sms")
def sms_10() -> None:
    c = pick(moving("35000"))
    case("sms-10", [*SMS, "changement-adresse"], c, [
        "demenagé au 3 rue d antrain 35000 rennes chgt adresse partout merci"],
        **moved(c, "35000"))


@scenario("sms")
def sms_11() -> None:
    case("sms-11", [*SMS, "signalement-voirie"], pick(anyone), [
        "poubelles pas ramassees depuis 2 semaines rue berthelot ca deborde"],
        **ticket("proprete"))


@scenario("sms")
def sms_12() -> None:
    case("sms-12", [*SMS, "acte-naissance"], pick(born_fr), [
        "copie integrale acte de naissance pr mon mariage merci bcp"],
        **done(["acte-naissance"], [FULL_COPY]))


# ---------------------------------------------------------------- 7. amounts (8)

AMT = ["amount"]


@scenario("amount")
def amt_01() -> None:
    c = pick(both(no_caf, ages(18, 64)))
    case("amt-01", [*AMT, "dates", "contract-id", "wrong-then-right", "unknown-to-administration",
                    "web", "prime-activite"], c, [
        "Demande de prime d'activité. Depuis le 15/09/2026 (contrat n° CDI-2026-118), je touche "
        "1 420 € net par mois, non, 1 240 € : j'ai recopié la fiche de paie d'août, qui avait des "
        "heures supplémentaires."],
        approver=GRANT, **granted("prime-activite", prime_declared(1240)))


@scenario("amount")
def amt_02() -> None:
    c = pick(both(no_caf, ages(18, 64)))
    case("amt-02", [*AMT, "dates", "wrong-then-right", "refusal", "ineligible",
                    "unknown-to-administration", "email", "prime-activite"], c, [
        "Bonjour,\n\nJe fais une demande de prime d'activité. Salaire net au 31/10/2026 : 1 650 €, "
        "erratum, 2 050 € net par mois depuis mon changement de poste du 01/10 (avenant n° 7).\n\n"
        f"{name(c)}"],
        approver=REJECT, **refused("prime-activite", forbidden=["grant_benefit"]))


@scenario("amount")
def amt_03() -> None:
    c = pick(both(no_caf, ages(25, 64)))
    case("amt-03", [*AMT, "dates", "wrong-then-right", "unknown-to-administration", "sms", "rsa"], c, [
        "demande rsa. pas de numero caf. depuis le 1/10 mes ressources c 380e par mois pardon "
        "310e, le 380 c etait en septembre"],
        approver=GRANT, **granted("rsa", rsa_declared(310)))


@scenario("amount")
def amt_04() -> None:
    c = pick(css_unknown)
    case("amt-04", [*AMT, "rfr", "wrong-then-right", "unknown-to-administration", "web", "css"], c, [
        f"Demande de complémentaire santé solidaire. Avis d'imposition {YEAR} reçu le "
        "27/07/2026 : revenu fiscal de référence 12 850 €, je me suis trompé de ligne, c'est "
        "9 850 € (le 12 850 est le revenu brut global)."],
        approver=GRANT, **granted("css", css_declared(c, 9850)))


@scenario("amount")
def amt_05() -> None:
    c = pick(css_unknown)
    case("amt-05", [*AMT, "rfr", "wrong-then-right", "participation", "unknown-to-administration",
                    "email", "css"], c, [
        "Bonjour,\n\nJe sollicite la complémentaire santé solidaire. Mon revenu fiscal de "
        f"référence sur l'avis {YEAR} (référence 26 75 A 041 388, émis le 04/08/2026) est de "
        "9 900 €... non, pardon, 11 400 € : 9 900 € c'était l'année d'avant.\n\n"
        f"{name(c)}"],
        approver=GRANT, **granted("css", css_declared(c, 11400)))


@scenario("amount")
def amt_06() -> None:
    c = pick(taxed)
    new = claimed_for(c)
    spi = c["dgfip"]["spi"]
    case("amt-06", [*AMT, "dates", "fiscal-number", "wrong-then-right", "web", "reclamation-fiscale"], c, [
        f"Réclamation sur mon impôt {YEAR}, numéro fiscal {spi}, avis du 28/07/2026 : montant "
        f"réclamé {due(c)} €. Mes dons n'ont pas été pris en compte ; je devrais payer "
        f"{new + 90:.0f} €, enfin {new:.0f} € en comptant aussi le reçu de décembre."],
        approver=ADJUST, **adjusted(new))


@scenario("amount")
def amt_07() -> None:
    c = pick(taxed)
    new = claimed_for(c)
    case("amt-07", [*AMT, "dates", "instalments", "wrong-then-right", "email", "reclamation-fiscale"], c, [
        f"Bonjour,\n\nJe conteste mon impôt sur le revenu {YEAR} (prélèvements de "
        f"{fr_amount(due(c) / 4)} € les 15/09, 15/10, 15/11 et 15/12). Le nombre de parts est "
        f"faux : j'ai un enfant à charge depuis le 12/03. Montant dû selon moi : {new - 30:.0f} € ; "
        f"erratum : {new:.0f} €, j'avais oublié la décote.\n\n{name(c)}\n{phone(c)}"],
        approver=ADJUST, **adjusted(new))


@scenario("amount")
def amt_08() -> None:
    c = pick(both(no_caf, ages(25, 64)))
    case("amt-08", [*AMT, "dates", "wrong-then-right", "unknown-to-administration", "email", "rsa"], c, [
        "Bonjour,\n\nJe sollicite le revenu de solidarité active. Mes ressources : 890 € par mois "
        "jusqu'au 30/09 (allocation chômage, identifiant 4471230K), mais plus que 190 € par mois "
        "depuis le 01/10, une petite pension d'invalidité. C'est donc 190 € qu'il faut retenir."
        f"\n\n{name(c)}"],
        approver=GRANT, **granted("rsa", rsa_declared(190)))


# ---------------------------------------------------------------- 8. other languages (8)

LANG = ["lang"]


@scenario("lang")
def lang_01() -> None:
    case("lang-01", [*LANG, "lang-es", "web", "attestation-droits-sante"], pick(insured), [
        "Buenas tardes, necesito un certificado de mis derechos del seguro de salud (attestation "
        "de droits) para el hospital. ¿Me lo pueden enviar a mí? Gracias."],
        **own_health_doc())


@scenario("lang")
def lang_02() -> None:
    case("lang-02", [*LANG, "lang-es", "sms", "carte-identite"], pick(has_cni), [
        "hola me robaron la cartera con mi carnet de identidad frances ayer en el metro, "
        "necesito uno nuevo y una cita en la mairie"],
        **cni("vol"))


@scenario("lang")
def lang_03() -> None:
    c = pick(moving("45000"))
    case("lang-03", [*LANG, "lang-pt", "email", "changement-adresse"], c, [
        "Bom dia,\n\nMudei de casa no fim de outubro. A minha nova morada é 9 rue de Bourgogne, "
        "45000 Orléans. Podem avisar a CAF, os impostos e a segurança social, por favor?\n\n"
        f"Obrigado,\n{name(c)}"],
        **moved(c, "45000"))


@scenario("lang")
def lang_04() -> None:
    c = pick(has_pupil)
    kid = pupil(c)
    case("lang-04", [*LANG, "lang-pt", "web", "restauration-scolaire"], c, [
        f"Olá, queria inscrever {kid} na cantina da escola a partir de janeiro. "
        "Obrigada."],
        **canteen(c, kid))


@scenario("lang")
def lang_05() -> None:
    case("lang-05", [*LANG, "lang-ar", "web", "acte-naissance"], pick(born_fr), [
        "السلام عليكم، أحتاج إلى مستخرج من شهادة ميلادي (extrait d'acte de naissance) من أجل "
        "ملف العمل. شكرا جزيلا."],
        **done(["acte-naissance"], [EXTRACT]))


@scenario("lang")
def lang_06() -> None:
    case("lang-06", [*LANG, "lang-ar", "sms", "signalement-voirie"], pick(anyone), [
        "مساء الخير، عمود الإنارة أمام رقم 12 شارع فولتير مطفأ منذ أسبوع والشارع مظلم تماما"],
        **ticket("eclairage"))


@scenario("lang")
def lang_07() -> None:
    c = pick(fresh_voter)
    case("lang-07", [*LANG, "en", "lang-en", "email", "inscription-listes-electorales"], c, [
        "Hello,\n\nI'm French but I lived in Canada for ten years and never registered to vote "
        f"here. Could you put me on the electoral roll in {commune(c)}?\n\nBest wishes,\n"
        f"{name(c)}"],
        **voter(c))


@scenario("lang")
def lang_08() -> None:
    c = pick(css_ok)
    case("lang-08", [*LANG, "en", "lang-en", "web", "css"], c, [
        "Hi, I'm on a very low income and can't pay for top-up health insurance. Could I get "
        "the complémentaire santé solidaire, please?"],
        approver=GRANT, **granted("css", css_amount(c)))


# ---------------------------------------------------------------- build


def main() -> None:
    dev_kit.write_set(OUT, WEIGHTS)


if __name__ == "__main__":
    main()
