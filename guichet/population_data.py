"""Embedded name, commune, country and street lists for the synthetic population."""

from __future__ import annotations

from typing import NamedTuple


class Commune(NamedTuple):
    insee: str  # code of the address (an arrondissement in Paris, Lyon, Marseille)
    name: str
    postal_codes: tuple[str, ...]
    city_insee: str  # code of the commune itself, the one the electoral roll uses
    weight: int


def _arrondissements(
    city: str, name: str, first_insee: int, first_postal: int, count: int, weight: int
) -> list[Commune]:
    return [
        Commune(str(first_insee + i), name, (f"{first_postal + i:05d}",), city, weight)
        for i in range(count)
    ]


def _commune(insee: str, name: str, postal: str, weight: int) -> Commune:
    return Commune(insee, name, tuple(postal.split()), insee, weight)


COMMUNES: tuple[Commune, ...] = (
    *_arrondissements("75056", "Paris", 75101, 75001, 20, 4),
    *_arrondissements("69123", "Lyon", 69381, 69001, 9, 6),
    *_arrondissements("13055", "Marseille", 13201, 13001, 16, 2),
    _commune("31555", "Toulouse", "31000 31100 31200 31300 31400 31500", 20),
    _commune("44109", "Nantes", "44000 44100 44200 44300", 14),
    _commune("59350", "Lille", "59000 59160 59260 59800", 14),
    _commune("33063", "Bordeaux", "33000 33100 33200 33300 33800", 14),
    _commune("35238", "Rennes", "35000 35200 35700", 12),
    _commune("67482", "Strasbourg", "67000 67100 67200", 12),
    _commune("34172", "Montpellier", "34000 34070 34080 34090", 12),
    _commune("69266", "Villeurbanne", "69100", 8),
    _commune("69259", "Vénissieux", "69200", 5),
    _commune("42218", "Saint-Étienne", "42000 42100", 6),
    _commune("38185", "Grenoble", "38000 38100", 6),
    _commune("2A004", "Ajaccio", "20000 20090", 3),
    _commune("2B033", "Bastia", "20200 20600", 2),
    _commune("15187", "Saint-Flour", "15100", 2),
    _commune("48095", "Mende", "48000", 2),
    _commune("09122", "Foix", "09000", 2),
    _commune("46102", "Figeac", "46100", 2),
    _commune("24520", "Sarlat-la-Canéda", "24200", 2),
    _commune("74056", "Chamonix-Mont-Blanc", "74400", 2),
    _commune("56260", "Vannes", "56000", 3),
    _commune("11069", "Carcassonne", "11000", 3),
    _commune("68066", "Colmar", "68000", 3),
    _commune("23096", "Guéret", "23000", 2),
)

# Dense word lists read better as blocks than one item per line.
# fmt: off
STREETS: tuple[str, ...] = (
    "rue Victor Hugo", "avenue Jean Jaurès", "rue de la République", "boulevard Gambetta",
    "place de la Mairie", "rue Pasteur", "rue du Général de Gaulle", "allée des Tilleuls",
    "chemin des Vignes", "rue Saint-Martin", "impasse des Lilas", "rue de la Paix",
    "avenue de la Libération", "rue Jules Ferry", "rue des Écoles", "quai des Chartrons",
    "rue Émile Zola", "boulevard de la Croix-Rousse", "rue du Moulin", "route de Lyon",
    "rue des Acacias", "avenue Aristide Briand", "rue Paul Bert", "cours Lafayette",
    "rue de Marseille", "rue Nationale", "place du Marché", "rue Louis Blanc",
)

# INSEE codes of foreign countries (birth places abroad are coded 99 + country).
COUNTRY_BIRTH_CODES: dict[str, str] = {
    "DE": "99109", "ES": "99134", "IT": "99127", "PT": "99139", "BE": "99131",
    "RO": "99114", "PL": "99122", "GB": "99132", "MA": "99350", "DZ": "99352",
    "TN": "99351", "SN": "99341", "US": "99404", "CN": "99216",
}

EU_NATIONALITIES: tuple[str, ...] = ("DE", "ES", "IT", "PT", "BE", "RO", "PL")
# GB has been outside the EU since 2020: its citizens are not on municipal rolls.
NON_EU_NATIONALITIES: tuple[str, ...] = ("MA", "DZ", "US", "CN", "SN", "TN", "GB")

# Short (LY, LI, BA), compound (LE GALL, DUPONT-MARTIN) and accented names are here on
# purpose: redaction must cope with all of them.
FAMILY_NAMES: dict[str, tuple[str, ...]] = {
    "FR": (
        "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS",
        "MOREAU", "LAURENT", "SIMON", "MICHEL", "LEFÈVRE", "LEROY", "ROUX", "DAVID",
        "BERTRAND", "MOREL", "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE",
        "ROUSSEAU", "VINCENT", "MULLER", "FAURE", "ANDRÉ", "MERCIER", "BLANC", "GUÉRIN",
        "BOYER", "GARNIER", "CHEVALIER", "FRANÇOIS", "LEGRAND", "GAUTHIER", "PERRIN",
        "ROBIN", "CLÉMENT", "MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU", "GAUTIER",
        "MASSON", "LE GALL", "LE ROUX", "DE LA FONTAINE", "DUPONT-MARTIN", "N'DIAYE",
        "NGUYEN", "LY", "HOARAU", "PAYET", "GRONDIN", "KERBRAT", "ETCHEVERRY",
    ),
    "DE": ("MÜLLER", "SCHMIDT", "SCHNEIDER", "FISCHER", "WEBER", "BECKER"),
    "ES": ("GARCÍA", "FERNÁNDEZ", "LÓPEZ", "MARTÍNEZ", "SÁNCHEZ", "PÉREZ"),
    "IT": ("ROSSI", "RUSSO", "FERRARI", "ESPOSITO", "BIANCHI", "ROMANO"),
    "PT": ("SILVA", "SANTOS", "FERREIRA", "PEREIRA", "OLIVEIRA", "COSTA"),
    "BE": ("PEETERS", "JANSSENS", "MAES", "DUBOIS", "LAMBERT", "DUPONT"),
    "RO": ("POPESCU", "IONESCU", "POPA", "CONSTANTIN", "STAN", "DUMITRU"),
    "PL": ("NOWAK", "KOWALSKI", "WIŚNIEWSKI", "WÓJCIK", "KAMIŃSKI", "LEWANDOWSKI"),
    "GB": ("SMITH", "JONES", "TAYLOR", "BROWN", "WILLIAMS", "WILSON"),
    "US": ("JOHNSON", "MILLER", "DAVIS", "GARCIA", "RODRIGUEZ", "ANDERSON"),
    "MA": ("EL AMRANI", "BENALI", "ALAOUI", "BENNANI", "TAZI", "IDRISSI"),
    "DZ": ("BOUZID", "HADDAD", "MANSOURI", "BELKACEM", "SAIDI", "BENAMARA"),
    "TN": ("TRABELSI", "GHARBI", "BEN SALAH", "JEBALI", "HAMMAMI", "BOUAZIZI"),
    "SN": ("DIOP", "NDIAYE", "FALL", "SOW", "BA", "DIALLO"),
    "CN": ("WANG", "LI", "ZHANG", "CHEN", "LIU", "YANG"),
}

GIVEN_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "FR": {
        "F": (
            "Léa", "Emma", "Chloé", "Manon", "Camille", "Inès", "Sarah", "Julie", "Lucie",
            "Anne", "Marie", "Sophie", "Nathalie", "Isabelle", "Hélène", "Gaëlle", "Éloïse",
            "Claire", "Juliette", "Zoé", "Lou", "Eva", "Jeanne", "Margaux", "Océane",
            "Marie-Claire", "Anne-Sophie", "Françoise", "Monique", "Sylvie", "Nadia", "Yasmine",
        ),
        "M": (
            "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Nathan", "Thomas",
            "Nicolas", "Julien", "Pierre", "Jean", "Michel", "Philippe", "Jérôme", "François",
            "Noé", "Léo", "Tom", "Paul", "Antoine", "Maxime", "Théo", "Bernard", "Alain",
            "Jean-Pierre", "Jean-Marc", "Mohamed", "Karim", "Rayan", "Guy", "Yves",
        ),
    },
    "EU": {
        "F": ("Anna", "Laura", "Sofia", "Giulia", "Ana", "Ioana", "Agnieszka", "Lena", "Inês"),
        "M": ("Lukas", "Pablo", "Marco", "João", "Andrei", "Piotr", "Jonas", "Matteo", "Diego"),
    },
    "MAGHREB": {
        "F": ("Fatima", "Amina", "Khadija", "Salma", "Meriem", "Leïla", "Nour", "Imane"),
        "M": ("Mohamed", "Youssef", "Karim", "Mehdi", "Rachid", "Amine", "Omar", "Ali"),
    },
    "SN": {
        "F": ("Aminata", "Fatou", "Awa", "Mariama", "Aïssatou", "Khady"),
        "M": ("Mamadou", "Moussa", "Ibrahima", "Cheikh", "Ousmane", "Abdou"),
    },
    "EN": {
        "F": ("Emily", "Olivia", "Jessica", "Sarah", "Hannah", "Grace"),
        "M": ("James", "John", "Michael", "David", "Oliver", "Ethan"),
    },
    "CN": {
        "F": ("Mei", "Xiu", "Ying", "Hui", "Lan", "Jing"),
        "M": ("Wei", "Jun", "Hao", "Lei", "Tao", "Ming"),
    },
}

# Which given-name pool a name origin draws from.
GIVEN_NAME_POOL: dict[str, str] = {
    "FR": "FR", "DE": "EU", "ES": "EU", "IT": "EU", "PT": "EU", "BE": "FR", "RO": "EU",
    "PL": "EU", "GB": "EN", "US": "EN", "MA": "MAGHREB", "DZ": "MAGHREB", "TN": "MAGHREB",
    "SN": "SN", "CN": "CN",
}
# fmt: on

# (household kind, weight, age range of its first adult)
HOUSEHOLD_KINDS: tuple[tuple[str, int, tuple[int, int]], ...] = (
    ("young", 12, (18, 24)),
    ("single", 24, (25, 64)),
    ("couple", 12, (25, 64)),
    ("single_parent", 12, (22, 52)),
    ("couple_kids", 22, (24, 55)),
    ("retired", 18, (65, 96)),
)
CHILDREN_COUNTS = {"single_parent": (1, 1, 2, 2, 3), "couple_kids": (1, 2, 2, 2, 3, 3, 4)}
# Monthly net pay per income profile. The ranges are wide on purpose: every eligibility rule
# of the catalogue then finds people on both sides of its threshold, without the generator
# knowing the thresholds (they are catalogue data, not code).
MONTHLY_PAY: dict[str, tuple[float, float]] = {
    "none": (0.0, 0.0),
    "low": (250.0, 1500.0),
    "mid": (1500.0, 2900.0),
    "high": (2900.0, 6500.0),
}
PROFILE_WEIGHTS = {"young": (35, 45, 20, 0), "adult": (18, 32, 32, 18)}
# Probability of being known to the CAF without children (housing aid, AAH...).
CAF_WITHOUT_CHILDREN = {"none": 0.8, "low": 0.6, "mid": 0.15, "high": 0.03, "retired": 0.12}

# Name origins of French nationals with a family name from elsewhere.
FRENCH_OTHER_ORIGINS: tuple[str, ...] = ("MA", "DZ", "SN", "PT", "IT", "ES", "CN")

EMAIL_DOMAINS: tuple[str, ...] = ("example.fr", "example.com", "example.org", "example.net")

# SIV plates never use I, O or U, too easily read as 1, 0 or V.
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"
