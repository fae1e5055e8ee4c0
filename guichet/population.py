"""Deterministic synthetic population of citizens shaped as catalogue.md "Record fields"."""

from __future__ import annotations

import datetime
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from guichet import population_data as data
from guichet.population_data import Commune

Citizen = dict[str, Any]
T = TypeVar("T")
_DAY = datetime.timedelta(days=1)

_CNI_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def age_on(birth_date: str, today: datetime.date) -> int:
    """Age in whole years on `today` of someone born on `birth_date` (ISO 8601)."""
    born = datetime.date.fromisoformat(birth_date)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def index_by_id(population: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The population keyed by citizen id."""
    return {citizen["id"]: citizen for citizen in population}


def generate_population(
    n: int = 600, *, seed: int = 2026, today: datetime.date = datetime.date(2026, 11, 1)
) -> list[dict[str, Any]]:
    """`n` synthetic citizens, identical for identical arguments."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    generator = _Generator(random.Random(seed), today)
    people: list[Citizen] = []
    while len(people) < n:
        people.extend(generator.household())
    people = people[:n]
    for number, citizen in enumerate(people, start=1):
        citizen["id"] = f"C{number:06d}"
    return people


def _shift_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year + years, day=28)


def _adult_on(civil: dict[str, Any]) -> datetime.date:
    return _shift_years(datetime.date.fromisoformat(civil["birth_date"]), 18)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _tax_parts(adults: int, children: int) -> float:
    return adults + sum(0.5 if rank < 2 else 1.0 for rank in range(children))


def _income_tax(rfr: int, parts: float) -> int:
    # A rough progressive scale, only so that tax_due looks plausible next to the RFR.
    per_part, tax, lower = rfr / parts, 0.0, 11_497
    for upper, rate in ((29_315, 0.11), (83_823, 0.30), (180_294, 0.41), (10**9, 0.45)):
        tax += max(0.0, min(per_part, upper) - lower) * rate
        lower = upper
    return int(tax * parts)


@dataclass
class _Household:
    kind: str
    adults: int
    age: int  # of the adult the household is generated around
    residence: Commune
    address: dict[str, str]
    origin: str  # where the family's names come from
    kids: list[tuple[str, str, str]] = field(default_factory=list)  # name, sex, birth date
    profile: str = "none"
    activity: float = 0.0
    pension: float = 0.0
    allowance: float = 0.0
    resources: float = 0.0
    unemployment_benefit: bool = False


class _Generator:
    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng = rng
        self.today = today
        self.used: set[str] = set()
        self.adults: list[Citizen] = []

    def pick(self, items: Sequence[T], weights: Sequence[float]) -> T:
        return self.rng.choices(items, weights=weights)[0]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def unique(self, kind: str, draw: Callable[[], str]) -> str:
        while True:
            value = draw()
            if (key := f"{kind}:{value}") not in self.used:
                self.used.add(key)
                return value

    def chars(self, alphabet: str, count: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(count))

    def digits(self, count: int) -> str:
        return self.chars("0123456789", count)

    def letters(self, count: int) -> str:
        return self.chars(data.PLATE_LETTERS, count)

    def cni_number(self) -> str:
        # New-format CNI: 9 characters, always mixing letters and digits.
        return self.letters(1) + self.chars(_CNI_CHARS, 7) + self.digits(1)

    def date_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def birth_date(self, age: int) -> str:
        earliest = _shift_years(self.today, -age - 1) + _DAY
        return self.date_between(earliest, _shift_years(self.today, -age)).isoformat()

    def commune(self) -> Commune:
        return self.pick(data.COMMUNES, [c.weight for c in data.COMMUNES])

    def given_name(self, origin: str, sex: str) -> str:
        return self.rng.choice(data.GIVEN_NAMES[data.GIVEN_NAME_POOL[origin]][sex])

    def household(self) -> list[Citizen]:
        kind, _, (low, high) = self.pick(data.HOUSEHOLD_KINDS, [k[1] for k in data.HOUSEHOLD_KINDS])
        couple = kind in ("couple", "couple_kids") or (kind == "retired" and self.chance(0.4))
        residence = self.commune()
        number = f"{self.rng.randint(1, 150)}{' bis' if self.chance(0.05) else ''}"
        address = {
            "line": f"{number} {self.rng.choice(data.STREETS)}",
            "postal_code": self.rng.choice(residence.postal_codes),
            "commune": residence.name,
            "insee": residence.insee,
        }
        h = _Household(
            kind, 2 if couple else 1, self.rng.randint(low, high), residence, address, "FR"
        )
        person = self.adult(h)
        self.kids(h, avoid=person["etat_civil"]["given_names"])
        self.income(h)
        civil = person["etat_civil"]
        french = civil["nationality"] == "FR"
        # Only households without children lose someone: the dead are nobody's guardian.
        deceased = not h.kids and self.chance(0.2 if kind == "retired" else 0.03)
        if (caf := self.caf(h, deceased)) is not None:
            person["caf"] = caf
        if self.chance(0.5 if kind == "young" else 0.95 if french else 0.8):
            person["dgfip"] = self.dgfip(h)
        if self.chance(0.96 if french else 0.85):
            css = None
            if h.profile in ("none", "low") and self.chance(0.25):
                css = "gratuite" if h.profile == "none" else "participation"
            regime = self.pick(("general", "agricole", "special"), (88, 8, 4))
            person["cpam"] = {"nir": self.nir(civil), "regime": regime, "css": css}
        if (ants := self.ants(adult=True, french=french, insee=residence.insee)) is not None:
            person["ants"] = ants
        if not deceased and (electoral := self.electoral(civil, residence)) is not None:
            person["electoral"] = electoral
        if not deceased and kind != "retired" and (ft := self.france_travail(h, civil)):
            person["france_travail"] = ft
        if deceased:
            start = max(_adult_on(civil), self.today - datetime.timedelta(days=600))
            civil["death_date"] = self.date_between(start, self.today - _DAY).isoformat()
        self.adults.append(person)
        minors = [self.minor(person, h, kid) for kid in h.kids if self.chance(0.4)]
        return [person, *minors]

    def adult(self, h: _Household) -> Citizen:
        if self.adults and self.chance(0.03):
            # A deliberate homonym of someone already generated: same family name and first
            # given name, another person; the tools must never mix them up.
            twin = self.rng.choice(self.adults)["etat_civil"]
            nationality, sex = twin["nationality"], twin["sex"]
            family, first = twin["family_name"], twin["given_names"][0]
            h.origin = nationality
        else:
            group = self.pick(("FR", "EU", "NON_EU"), (80, 9, 11))
            pool = data.EU_NATIONALITIES if group == "EU" else data.NON_EU_NATIONALITIES
            nationality = "FR" if group == "FR" else self.rng.choice(pool)
            sex = self.rng.choice("FM")
            h.origin = nationality
            if nationality == "FR" and self.chance(0.15):
                h.origin = self.rng.choice(data.FRENCH_OTHER_ORIGINS)
            family = self.rng.choice(data.FAMILY_NAMES[h.origin])
            first = self.given_name(h.origin, sex)
        if h.adults == 2:
            status = self.pick(("marie", "pacse"), (65, 35))
        elif h.kind == "young":
            status = "celibataire"
        else:
            widowed = 45 if h.kind == "retired" else 3
            status = self.pick(("celibataire", "divorce", "veuf"), (40, 25, widowed))
        if self.chance(0.94 if nationality == "FR" else 0.2):
            birth_commune = h.residence.insee if self.chance(0.4) else self.commune().insee
        else:  # abroad: in their own country, or anywhere for a French national
            codes = data.COUNTRY_BIRTH_CODES
            birth_commune = codes.get(nationality) or codes[self.rng.choice(list(codes))]
        civil = {
            "family_name": family,
            "given_names": self.given_names(h.origin, sex, first),
            "sex": sex,
            "birth_date": self.birth_date(h.age),
            "birth_commune": birth_commune,
            "nationality": nationality,
            "marital_status": status,
            "death_date": None,
        }
        return {"id": "", "etat_civil": civil, "contact": self.contact(civil, h.address, h.age)}

    def given_names(self, origin: str, sex: str, first: str) -> list[str]:
        names = [first]
        for _ in range(self.pick((0, 1, 2), (35, 50, 15))):
            if (extra := self.given_name(origin, sex)) not in names:
                names.append(extra)
        return names

    def kids(self, h: _Household, *, avoid: list[str]) -> None:
        # Parents were 19 to 45 when each child was born; children are all minors.
        count = self.rng.choice(data.CHILDREN_COUNTS.get(h.kind, (0,)))
        ages = [self.rng.randint(max(0, h.age - 45), min(17, h.age - 19)) for _ in range(count)]
        for age in sorted(ages, reverse=True):
            sex = self.rng.choice("FM")
            name = self.given_name(h.origin, sex)
            if name not in avoid and all(name != kid[0] for kid in h.kids):
                h.kids.append((name, sex, self.birth_date(age)))

    def income(self, h: _Household) -> None:
        if h.kind == "retired":
            h.profile = "retired"
            h.pension = sum(self.rng.uniform(750, 3200) for _ in range(h.adults))
        else:
            profiles, weights = list(data.MONTHLY_PAY), data.PROFILE_WEIGHTS
            h.profile = self.pick(profiles, weights["young" if h.kind == "young" else "adult"])
            partner = self.pick(profiles, weights["adult"]) if h.adults == 2 else "none"
            pay = [self.rng.uniform(*data.MONTHLY_PAY[p]) for p in (h.profile, partner)]
            h.activity = round(sum(pay), 2)
        h.unemployment_benefit = h.profile == "none" and self.chance(0.55)
        h.allowance = self.rng.uniform(450, 1400) if h.unemployment_benefit else 0.0
        other = self.rng.uniform(0, 250) if self.chance(0.3) else 0.0
        # Resources include activity income, so resources >= activity always holds.
        h.resources = round(h.activity + h.pension + h.allowance + other, 2)

    def caf(self, h: _Household, deceased: bool) -> dict[str, Any] | None:
        if not h.kids and (deceased or not self.chance(data.CAF_WITHOUT_CHILDREN[h.profile])):
            return None
        prefix = "20" if h.residence.insee[:2] in ("2A", "2B") else h.residence.insee[:2]
        # CAF counts 2 parts for a couple or a single parent; children as for tax.
        parts = _tax_parts(2 if h.adults == 2 or h.kids else 1, len(h.kids))
        ages = [age_on(kid[2], self.today) for kid in h.kids]
        quotient = round(h.resources / parts)
        # Means-tested benefits follow the household's quotient, not one adult's pay.
        poor = quotient < 800
        # rsa and prime_activite are never already paid: those are requests the service handles.
        benefits = [name for name, paid in (
            ("allocations_familiales", len(h.kids) >= 2), ("paje", any(a < 3 for a in ages)),
            ("ars", poor and any(a >= 6 for a in ages)), ("apl", poor and self.chance(0.7)),
            ("aah", self.chance(0.03)),
        ) if paid]  # fmt: skip
        return {
            "allocataire": self.unique("caf", lambda: prefix + self.digits(5)),
            "household_adults": h.adults,
            "children": [{"given_name": name, "birth_date": born} for name, _, born in h.kids],
            "quotient_familial": quotient,
            "monthly_activity_income": h.activity,
            "monthly_resources": h.resources,
            "benefits": benefits,
        }

    def dgfip(self, h: _Household) -> dict[str, Any]:
        parts = _tax_parts(h.adults, len(h.kids)) + (0.5 if h.kind == "single_parent" else 0)
        taxable = 12 * (h.activity + h.pension + h.allowance)
        rfr = int(taxable * self.rng.uniform(0.82, 0.95))
        if self.chance(0.2):
            rfr += self.rng.randint(0, 3000)  # capital income
        latest, previous = str(self.today.year - 1), str(self.today.year - 2)
        return {
            "spi": self.unique("spi", lambda: self.rng.choice("0123") + self.digits(12)),
            "rfr": {latest: rfr, previous: int(rfr * self.rng.uniform(0.85, 1.12))},
            "parts": parts,
            "tax_due": {latest: _income_tax(rfr, parts)},
        }

    def nir(self, civil: dict[str, Any]) -> str:
        born = civil["birth_date"]
        head = f"{1 if civil['sex'] == 'M' else 2}{born[2:4]}{born[5:7]}{civil['birth_commune']}"

        def draw() -> str:
            body = f"{head}{self.rng.randint(1, 999):03d}"
            # Corsica's 2A and 2B count as 19 and 18 in the key (INSEE rule).
            number = int(body.replace("2A", "19").replace("2B", "18"))
            return f"{body}{97 - number % 97:02d}"

        return self.unique("nir", draw)

    def contact(self, civil: dict[str, Any], address: dict[str, str], age: int) -> dict[str, Any]:
        email = phone = None
        if age >= 15 and self.chance(0.55 if age >= 70 else 0.9 if age >= 18 else 0.5):
            local = f"{_ascii(civil['given_names'][0])}.{_ascii(civil['family_name'])}"
            local = re.sub(r"[^a-z0-9.]+", "-", local.replace("'", ""))
            variants = (local, f"{local}{civil['birth_date'][2:4]}", f"{local}{self.digits(3)}")
            email = self.unique(
                "email",
                lambda: f"{self.rng.choice(variants)}@{self.rng.choice(data.EMAIL_DOMAINS)}",
            )
        if age >= 13 and self.chance(0.93 if age >= 18 else 0.6):
            phone = self.unique("phone", lambda: f"+33{self.rng.choice('67')}{self.digits(8)}")
        channels = ["post"] + (["email", "app"] if email else []) + (["sms"] if phone else [])
        weights = [{"post": 1, "email": 4, "app": 2, "sms": 3}[c] for c in channels]
        return {
            "address": dict(address),
            "email": email,
            "phone": phone,
            "preferred_channel": self.pick(channels, weights),
        }

    def ants(self, *, adult: bool, french: bool, insee: str) -> dict[str, Any] | None:
        cni = passport = None
        if french and self.chance(0.9 if adult else 0.5):
            expiry = self.today + datetime.timedelta(days=self.rng.randint(-1500, 3650))
            cni = {"number": self.unique("cni", self.cni_number), "expiry": expiry.isoformat()}
        if french and self.chance(0.3 if adult else 0.15):
            number = self.unique(
                "passport", lambda: self.digits(2) + self.letters(2) + self.digits(5)
            )
            expiry = self.today + datetime.timedelta(days=self.rng.randint(-900, 3650))
            passport = {"number": number, "expiry": expiry.isoformat()}
        vehicles = []
        for _ in range(self.pick((0, 1, 2), (40, 45, 15)) if adult else 0):
            plate = self.unique(
                "plate",
                lambda: f"{self.letters(2)}-{self.rng.randint(1, 999):03d}-{self.letters(2)}",
            )
            # Some registrations still carry a former address: what carte-grise-adresse is for.
            where = insee if self.chance(0.85) else self.commune().insee
            vehicles.append({"plate": plate, "address_insee": where})
        if cni is None and passport is None and not vehicles:
            return None
        return {"cni": cni, "passport": passport, "vehicles": vehicles}

    def electoral(self, civil: dict[str, Any], residence: Commune) -> dict[str, Any] | None:
        nationality = civil["nationality"]
        if nationality not in ("FR", *data.EU_NATIONALITIES):
            return None
        if not self.chance(0.85 if nationality == "FR" else 0.35):
            return None
        # Some stayed registered where they used to live.
        commune = residence.city_insee if self.chance(0.9) else self.commune().city_insee
        since = self.date_between(_adult_on(civil), self.today - _DAY)
        return {"commune": commune, "registered_on": since.isoformat()}

    def france_travail(self, h: _Household, civil: dict[str, Any]) -> dict[str, Any] | None:
        registered = h.unemployment_benefit or (
            (h.profile == "none" and self.chance(0.6)) or (h.profile == "low" and self.chance(0.05))
        )
        if not registered and not self.chance(0.12):
            return None
        since = max(
            _adult_on(civil), self.today - datetime.timedelta(days=self.rng.randint(30, 900))
        )
        return {
            "registered": registered,
            "registered_on": since.isoformat() if registered else None,
            "benefit": h.unemployment_benefit,
        }

    def minor(self, parent: Citizen, h: _Household, kid: tuple[str, str, str]) -> Citizen:
        name, sex, born = kid
        # Family name and nationality come from the parent.
        civil = {
            **parent["etat_civil"],
            "given_names": self.given_names(h.origin, sex, name),
            "sex": sex,
            "birth_date": born,
            "birth_commune": h.residence.insee if self.chance(0.85) else self.commune().insee,
            "marital_status": "celibataire",
            "death_date": None,
        }
        nationality = civil["nationality"]
        age = age_on(born, self.today)
        child: Citizen = {
            "id": "",
            "etat_civil": civil,
            "contact": self.contact(civil, h.address, age),
        }
        if self.chance(0.9):
            regime = parent.get("cpam", {}).get("regime", "general")
            child["cpam"] = {"nir": self.nir(civil), "regime": regime, "css": None}
        if (
            ants := self.ants(adult=False, french=nationality == "FR", insee=h.residence.insee)
        ) is not None:
            child["ants"] = ants
        return child
