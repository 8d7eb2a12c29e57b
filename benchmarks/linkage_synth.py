"""Synthetic linker input for the linkage benchmark: decisions, each told by one to four sources
that disagree the way the real trackers do, with the truth (which records are one decision).

Shape, all drawn from one seeded ``random.Random`` (same size and seed, same records):

- 35 jurisdictions, weighted by the Enforcement Tracker's row count per country in the shared
  file (Spain about a third, Italy a sixth, a long tail of one-digit countries); every
  jurisdiction has a regulator (Germany sixteen) and a court; 4 % of decisions are court rulings;
- decision dates over one fixed window (``WINDOW``), so more records mean busier months, as a
  larger store of the same years would be;
- amounts: three in five from the common small fines (EUR 1,000, 2,000, 5,000 ...), the rest
  log-normal around EUR 20,000; non-euro countries state their own currency, converted to EUR at
  a rate each source sets a little differently;
- parties: one in eight decisions names no one (a private individual: never an entity); one in
  five a company of a group present in many countries (the group's weight is Zipf-like); the
  rest a local company, a few of which are fined again;
- each source's record: the date exact, days off (announcement), a month off or a typo (day and
  month swapped, a digit), or missing; the amount exact, close (conversion), a typo (one digit),
  reduced (the AEPD's 20 % / 40 %) or missing; the company by the shared IRI, by its own IRI
  with the same or another legal form, or not named; a case number in some sources (once in a
  hundred with a slip); provisions and a summary that the sources copy, trim or reword.

The records are :class:`graph.linkage.records.LinkRecord` as :func:`read_records` builds them
(identifiers through :func:`id_tokens`), so :func:`graph.linkage.link.link` sees what it sees
on a real store.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from graph.linkage.records import LinkRecord, id_tokens

D = "https://w3id.org/regkg/id/decision/syn-"
ORG = "https://w3id.org/regkg/id/"
WINDOW = (date(2018, 5, 25), date(2025, 6, 30))

#: (code, weight: the Enforcement Tracker's rows per country; four small ones added, weight 2-5)
JURISDICTIONS = [
    ("ES", 809), ("IT", 343), ("RO", 173), ("DE", 163), ("HU", 68), ("PL", 68), ("GR", 66),
    ("NO", 51), ("FR", 45), ("BE", 41), ("CY", 40), ("SE", 38), ("LU", 32), ("IE", 27),
    ("CZ", 26), ("HR", 26), ("DK", 25), ("BG", 24), ("NL", 24), ("AT", 23), ("IS", 20),
    ("FI", 20), ("MT", 14), ("GB", 14), ("LT", 11), ("SK", 9), ("LV", 8), ("PT", 7), ("EE", 6),
    ("SI", 5), ("CH", 4), ("IM", 3), ("GG", 2), ("JE", 2), ("LI", 1),
]  # fmt: skip
#: Local currency and a round EUR rate (synthetic: only the disagreement between sources matters).
CURRENCY = {
    "RO": ("RON", "0.2"), "HU": ("HUF", "0.0026"), "PL": ("PLN", "0.22"), "NO": ("NOK", "0.09"),
    "SE": ("SEK", "0.09"), "CZ": ("CZK", "0.04"), "DK": ("DKK", "0.134"), "BG": ("BGN", "0.51"),
    "IS": ("ISK", "0.0067"), "GB": ("GBP", "1.15"), "CH": ("CHF", "1.02"), "IM": ("GBP", "1.15"),
    "GG": ("GBP", "1.15"), "JE": ("GBP", "1.15"),
}  # fmt: skip
COMMON_AMOUNTS = [1000, 2000, 3000, 5000, 10000, 1500, 4000, 20000, 300, 600, 500, 6000, 50000]
#: Sources by how often a decision appears in them; the curated set holds mostly large fines.
SOURCES = [("enforcementtracker", 10), ("gdprhub", 6), ("privacyaffairs", 4), ("curated", 1)]
SOURCE_COUNTS = [(1, 45), (2, 30), (3, 18), (4, 7)]
ID_SHARE = {"gdprhub": 0.6, "curated": 0.5, "enforcementtracker": 0.2, "privacyaffairs": 0.05}
GROUPS = 60
FORMS = ["S.L.", "S.p.A.", "GmbH", "Ltd", "S.A.", "AB", "sp. z o.o.", "Kft.", "B.V.", "AS"]
SYLLABLES = "ka lo mi ne ru ta vo si de ba pe gu ri no za fe lu co ma te".split()
WORDS = (
    "controller processed personal data without legal basis video surveillance employees "
    "customers marketing calls consent withdrawn access request unanswered security breach "
    "passwords exposed health records school app cookies banner tracking debt collector "
    "published list neighbours camera bank account transfer telecom contract fraudulent "
    "duplicate sim card identity verification failed erasure refused retention period exceeded "
    "information notice missing dpo not appointed processor agreement absent email recipients "
    "visible newsletter unsubscribe ignored credit file inaccurate whistleblower disclosed"
).split()
PROVISIONS = [f"gdpr-art-{a}" for a in (5, 6, 7, 12, 13, 14, 15, 17, 21, 25, 28, 32, 33, 37)]


@dataclass(frozen=True)
class Decision:
    """One synthetic decision: what every source starts from."""

    key: str
    jurisdiction: str
    authority: str
    court: bool
    day: date
    amount: Decimal | None
    company: tuple[str, str, str] | None  # (IRI, group IRI, name)
    case: str
    provisions: frozenset[str]
    words: tuple[str, ...]


def _name(rng: random.Random, parts: int = 2) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(parts)
    )


def _amount(rng: random.Random) -> Decimal | None:
    if rng.random() < 0.04:
        return None
    if rng.random() < 0.6:
        return Decimal(rng.choice(COMMON_AMOUNTS))
    return Decimal(max(100, round(rng.lognormvariate(10, 2.2), -2 if rng.random() < 0.7 else 0)))


class World:
    """Decisions drawn one at a time; companies and groups kept so that some are fined again."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.codes = [c for c, _ in JURISDICTIONS]
        self.weights = [w for _, w in JURISDICTIONS]
        self.groups = [(f"{ORG}company/syn-group-{g}", _name(self.rng, 1)) for g in range(GROUPS)]
        self.group_weights = [1 / (g + 1) for g in range(GROUPS)]
        self.locals: dict[str, list[tuple[str, str, str]]] = {c: [] for c in self.codes}
        self.count = 0

    def company(self, j: str) -> tuple[str, str, str] | None:
        rng = self.rng
        r = rng.random()
        if r < 0.125:
            return None
        if r < 0.325:
            g = rng.choices(range(GROUPS), self.group_weights)[0]
            parent, name = self.groups[g]
            return f"{ORG}company/syn-{name.lower()}-{j.lower()}", parent, f"{name} {j}"
        pool = self.locals[j]
        if pool and rng.random() < 0.15:
            return rng.choice(pool)
        iri = f"{ORG}company/syn-{j.lower()}-{len(pool)}"
        made = (iri, iri, f"{_name(rng)} {rng.choice(FORMS)}")
        pool.append(made)
        return made

    def decision(self) -> Decision:
        rng = self.rng
        self.count += 1
        j = rng.choices(self.codes, self.weights)[0]
        court = rng.random() < 0.04
        n_auth = 16 if j == "DE" else 1
        auth = f"{ORG}{'court' if court else 'regulator'}/syn-{j.lower()}-{rng.randrange(n_auth)}"
        span = (WINDOW[1] - WINDOW[0]).days
        day = WINDOW[0] + timedelta(days=int(span * rng.random() ** 0.7))
        case = f"{j}-{rng.randrange(1, 99999):05d}-{day.year}" if rng.random() < 0.8 else ""
        return Decision(
            key=f"{self.count:07d}",
            jurisdiction=j,
            authority=auth,
            court=court,
            day=day,
            amount=None if court else _amount(rng),
            company=self.company(j),
            case=case,
            provisions=frozenset(rng.sample(PROVISIONS, rng.randint(1, 3))),
            words=tuple(rng.choices(WORDS, k=rng.randint(12, 30))),
        )


def _date(rng: random.Random, day: date) -> set[str]:
    r = rng.random()
    if r < 0.05:
        return set()
    if r < 0.09:
        return {f"{day.year}"} if rng.random() < 0.5 else {f"{day.year}-{day.month:02d}"}
    if r < 0.12 and day.day <= 12 and day.day != day.month:
        return {date(day.year, day.day, day.month).isoformat()}  # day and month swapped
    if r < 0.40:
        day += timedelta(days=rng.randint(1, 14))
    elif r < 0.45:
        day += timedelta(days=rng.randint(15, 40))
    return {day.isoformat()}


def _amount_seen(rng: random.Random, amount: Decimal, j: str) -> Decimal:
    r = rng.random()
    if r < 0.80:
        return amount
    if r < 0.87:
        return (amount * Decimal(str(1 + rng.uniform(-0.015, 0.015)))).quantize(Decimal(1))
    if r < 0.90 and amount >= 10000:
        digits = list(str(int(amount)))
        i = rng.randrange(1, len(digits))
        digits[i] = str((int(digits[i]) + rng.randint(1, 9)) % 10)
        return Decimal("".join(digits))
    if r < 0.95 and j == "ES":
        return (amount * rng.choice((Decimal("0.8"), Decimal("0.6")))).quantize(Decimal(1))
    return amount


def record(rng: random.Random, d: Decision, source: str) -> LinkRecord:
    """One source's record of decision ``d``."""
    r = LinkRecord(f"{D}{source}-{d.key}", f"synthetic/{source}", source, authority=d.authority)
    r.jurisdiction, r.court = d.jurisdiction, d.court
    r.kinds.add("judgment" if d.court else "fine")
    r.label = f"Decision {d.key}"
    r.dates = _date(rng, d.day)
    if d.amount is not None and rng.random() > 0.05:
        value = _amount_seen(rng, d.amount, d.jurisdiction)
        currency, rate = CURRENCY.get(d.jurisdiction, ("EUR", "1"))
        if currency != "EUR" and source == "privacyaffairs":
            value, currency, rate = (value * Decimal(rate)).quantize(Decimal(1)), "EUR", "1"
        r.amounts.add((value, currency))
        jitter = Decimal(str(1 + rng.uniform(-0.012, 0.012))) if currency != "EUR" else 1
        r.eur.add((value * Decimal(rate) * jitter).quantize(Decimal("0.01")))
    if d.company is None:
        r.unnamed = True
    else:
        iri, group, name = d.company
        s = rng.random()
        if s < 0.6:
            r.parties.add(iri)
            r.groups.add(group)
            r.party_labels.add(name)
        elif s < 0.85:
            own = f"{iri}-{source}"
            r.parties.add(own)
            r.groups.add(group if group != iri else own)
            form = rng.choice(FORMS) if rng.random() < 0.5 else ""
            r.party_labels.add(f"{name.rsplit(' ', 1)[0] if form else name} {form}".strip())
        else:
            r.unnamed = True
    if d.case and rng.random() < ID_SHARE[source]:
        case = d.case
        if rng.random() < 0.01:
            case = case[:3] + str((int(case[3]) + 1) % 10) + case[4:]
        r.ids |= id_tokens(case)
    if source != "privacyaffairs" or rng.random() < 0.5:
        r.provisions |= {p for p in d.provisions if rng.random() < 0.8}
    if source != "curated":
        words = [w for w in d.words if rng.random() < (0.9 if source == "gdprhub" else 1.0)]
        r.summary = " ".join(words + rng.choices(WORDS, k=rng.randint(0, 4)))
    return r


def synthetic_records(size: int, seed: int = 13) -> tuple[list[LinkRecord], dict[str, str]]:
    """Exactly ``size`` records and the truth: record IRI → the decision it tells."""
    world = World(seed)
    rng = world.rng
    records: list[LinkRecord] = []
    truth: dict[str, str] = {}
    names = [s for s, _ in SOURCES]
    weights = [w for _, w in SOURCES]
    while len(records) < size:
        d = world.decision()
        k = rng.choices([n for n, _ in SOURCE_COUNTS], [w for _, w in SOURCE_COUNTS])[0]
        chosen: list[str] = []
        while len(chosen) < k:
            s = rng.choices(names, weights)[0]
            if s == "curated" and (d.amount or 0) < 1_000_000 and rng.random() < 0.9:
                s = "enforcementtracker"
            if s not in chosen:
                chosen.append(s)
        for s in chosen[: size - len(records)]:
            rec = record(rng, d, s)
            records.append(rec)
            truth[rec.iri] = d.key
    return records, truth
