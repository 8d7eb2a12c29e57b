"""Names of controllers and parties: normalised forms, and whether a name may become an entity
(private individuals never do)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.cleaning.text import clean_name, fold, is_placeholder, strip_parens

#: Legal forms, as folded token sequences (``S.A.U.`` folds to ``s a u``).
LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(form.split())
    for form in """
    ltd|limited|gmbh|mbh|ag|sa|s a|sau|s a u|srl|s r l|s r l u|spa|s p a|inc|incorporated|llc|l l c
    |plc|se|nv|n v|bv|b v|ab|publ|as|a s|asa|aps|oy|oyj|sp z o o|sp zoo|kg|kgaa|ohg|ug|e v|ev|co
    |corp|corporation|company|public company|sl|s l|slu|s l u|sarl|s a r l|sas|s a s|sasu|sc|scs
    |scrl|sprl|bvba|asbl|vzw|uc|dac|lp|llp|kft|zrt|nyrt|bt|sro|s r o|ad|ood|eood|doo|d o o|dd|d d
    |ltda|ifn|ehf|hf|ou|uab|sia|lda|ike|ae|oe|pte|pty|pvt|αε|α ε|επε|ε π ε|οε|ο ε|εε|ε ε|ικε|ι κ ε
    |μαε|ооо|оод|еоод|ад|еад
    """.replace("\n", "").split("|")
)
#: Short legal forms that are also ordinary words: they count only at the end of a name.
_AMBIGUOUS = {("as",), ("se",), ("ag",), ("sa",), ("ab",), ("ad",), ("co",), ("sc",), ("bt",)}
_AMBIGUOUS |= {("uc",), ("oe",), ("ae",), ("hf",), ("sl",), ("dd",), ("lp",), ("company",)}
_AMBIGUOUS |= {("ou",), ("sia",), ("lda",), ("nv",), ("bv",), ("kg",), ("ev",), ("ug",)}

#: Words that make a name an organisation's (public bodies first).
PUBLIC_WORDS = frozenset(
    "municipality municipal municipio comune gemeinde kommune commune ayuntamiento gmina "
    "ministry ministerio ministero ministerie ministere ministerium council agency authority "
    "authorities police polizei government regierung department prefecture county province "
    "region regione city parliament tax revenue court commissioner inspectorate office "
    "administration directorate state republic federal landkreis bezirk".split()
)
ORG_WORDS = PUBLIC_WORDS | frozenset(
    "bank banca banco hospital university universidad universita universitat school college "
    "clinic insurance association foundation stichting fundacion fondazione verein union "
    "federation institute istituto instituto party club church academy group holding trust "
    "services telecom telecommunications energy airlines airline".split()
)
#: Words describing a natural person.
PERSON_WORDS = frozenset(
    "individual individuals person persons people natural private citizen citizens doctor "
    "physician dentist teacher teachers mayor officer officers policeman policewoman attorney "
    "lawyer candidate politician councillor councilor priest nurse pharmacist notary bailiff "
    "journalist blogger youtuber influencer student students parent parents father mother child "
    "children spouse husband wife neighbour neighbor landlord tenant resident employee employees "
    "worker manager owner owners entrepreneur trader self employed psychologist therapist "
    "photographer driver mr mrs ms dr herr frau sr sra subject claimant complainant applicant "
    "plaintiff defendant appellant respondent member members deputy mp director ceo consultant "
    "detective guard coach user users patient patients customer customers client clients "
    "pensioner victim minor representative alderman agent major pediatrician entrepreneur "
    "officials official".split()
)
#: Titles: a name containing one names a natural person.
TITLES = frozenset("mr mrs ms miss dr herr frau sr sra sig mister".split())
#: Words that open a description of someone the source does not name.
UNNAMED = frozenset("unknown unnamed unnkown anonymous anonymised anonymized some an a".split())
_PREPOSITIONS = frozenset("of in for at with from on by de del della di van von du".split())
#: Words that describe a kind of controller without naming one.
GENERIC_WORDS = PERSON_WORDS | frozenset(
    "a an the of for and in on at with by his her their its unknown company companies "
    "controller controllers processor business businesses enterprise firm entity organisation "
    "organization bank restaurant hotel bar shop store supermarket retailer website operator "
    "operators employer municipality school hospital clinic homeowners homeowner association "
    "property community communities telecommunication telecommunications telecom service "
    "services provider providers online betting place kebab center centre covid test job "
    "insurance energy utility healthcare health medical pharmacy gym fitness club sports church "
    "parish union trade housing real estate agency agent broker debt collection collector "
    "recruitment public body sector local small medium large several various multiple other "
    "others not available disclosed known named redacted city town council ministry department "
    "government administration authority court university kindergarten nursery daycare "
    "hairdresser taxi newspaper media publisher app developer software marketing advertiser "
    "ecommerce e commerce call bakery security cctv camera video surveillance political "
    "parliamentary elections election campaign platform social network customer customers client "
    "clients user users patient patients gas electricity water transport airline lending "
    "credit financial institution institutions mobile operator internet provide provider "
    "accommodation hospitality industry commerce political party car dealer dealership rental "
    "apartment building residential complex former reference rating neighborhood neighbourhood "
    "data anonymous anonymised anonymized unnamed unnkown natural private involved merchant "
    "creditor hairdressing salon supplier non profit accounting travel enforcement higher "
    "education cultural care facility orthodontic nursing car insurer consulting brokerage "
    "working publicly source sources cafe".split()
)
#: Nationality adjectives ("Spanish citizen", "German company") never name anyone.
NATIONALITIES = frozenset(
    "spanish italian german french dutch polish romanian greek belgian austrian danish swedish "
    "norwegian finnish icelandic irish british english scottish welsh hungarian czech slovak "
    "slovenian croatian bulgarian cypriot maltese portuguese estonian latvian lithuanian "
    "luxembourgish european american".split()
)
_PARTY_PREFIX = re.compile(r"^\s*(?:\d+\)|[-•*]|\(\d+\))\s*")


def tokens(name: str) -> list[str]:
    """Folded tokens of a name (accents and punctuation dropped)."""
    return fold(name.replace("&", " ")).split()


def _strip_forms(toks: list[str]) -> tuple[list[str], list[str]]:
    """Tokens without trailing legal forms (repeatedly: ``GmbH & Co. KG``), and the forms."""
    forms: list[str] = []
    changed = True
    while changed and toks:
        changed = False
        for form in sorted(LEGAL_FORMS, key=len, reverse=True):
            n = len(form)
            if len(toks) > n and tuple(toks[-n:]) == form:
                forms[:0] = list(form)
                toks = toks[:-n]
                changed = True
                break
        if toks and toks[-1] == "and" and forms:
            toks = toks[:-1]
            changed = True
    return toks, forms


def core(name: str) -> str:
    """The comparable core of a name: folded, without parentheses, leading "the" and legal forms.

    >>> core("Vodafone España, S.A.U."), core("Amazon Europe Core S.à r.l.")
    ('vodafone espana', 'amazon europe core')
    >>> core("TikTok (entity not specified by source)")
    'tiktok'
    >>> core("Fashion ID GmbH & Co. KG"), legal_form("Fashion ID GmbH & Co. KG")
    ('fashion id', 'gmbh co kg')
    """
    outer, _inner = strip_parens(name)
    toks = tokens(outer)
    if toks[:1] == ["the"]:
        toks = toks[1:]
    return " ".join(_strip_forms(toks)[0])


def legal_form(name: str) -> str:
    """The legal form at the end of a name (folded), or ``""``."""
    return " ".join(_strip_forms(tokens(strip_parens(name)[0]))[1])


def _has_legal_form(toks: list[str]) -> bool:
    if _strip_forms(toks)[1]:
        return True
    for form in LEGAL_FORMS:
        if form in _AMBIGUOUS:
            continue
        n = len(form)
        if any(tuple(toks[i : i + n]) == form for i in range(1, len(toks) - n + 1)):
            return True
    return False


@dataclass(frozen=True)
class Kind:
    """What a name is: ``entity`` (with ``entity_kind`` company or public-body), ``person``,
    ``generic`` (a kind of controller, not a name) or ``placeholder``."""

    kind: str
    entity_kind: str = "company"


def _head(toks: list[str]) -> str:
    """The head word of a description: the last word before its first preposition."""
    for i, tok in enumerate(toks):
        if tok in _PREPOSITIONS and i > 0:
            return toks[i - 1]
    return toks[-1]


def classify(name: str, *, strict: bool) -> Kind:
    """Classify a controller or party name.

    ``strict`` (GDPRhub and CJEU parties): only a name with a legal form or an organisation word
    is an entity; anything else is taken to be a person. Otherwise (tracker controllers) any name
    that is not a placeholder, a person or a generic description is an entity.

    Private individuals never become entities: a name that only describes someone generically
    ("Private individual", "Police officer", "Bank") or, for GDPRhub and CJEU parties, a name that
    does not look like an organisation (no legal form, no organisation word) is recorded only as a
    description on the decision, never as a node.

    >>> classify("Private Individual", strict=False).kind
    'person'
    >>> classify("Mayor of Springfield", strict=False).kind
    'person'
    >>> classify("Homeowners Association", strict=False).kind
    'generic'
    >>> classify("Unknown", strict=False).kind
    'placeholder'
    >>> classify("Klarna Bank AB", strict=True).kind, classify("Max Mustermann", strict=True).kind
    ('entity', 'person')
    >>> classify("Bergen Municipality", strict=True).entity_kind
    'public-body'
    """
    if is_placeholder(name):
        return Kind("placeholder")
    outer, _inner = strip_parens(name)
    toks = tokens(outer) or tokens(name)
    words = {t for t in toks if not t.isdigit()} - NATIONALITIES
    if len("".join(toks)) < 2 or not words:
        return Kind("placeholder")
    head = _head([t for t in toks if not t.isdigit()] or toks)
    legal = _has_legal_form(toks)
    person_like = head in PERSON_WORDS or bool(words & TITLES)
    if not legal and (words <= GENERIC_WORDS or toks[0] in UNNAMED):
        return Kind("person" if person_like else "generic")
    if not legal and person_like:
        return Kind("person")
    if strict and not (legal or words & ORG_WORDS):
        return Kind("person")
    public = bool(words & PUBLIC_WORDS) and not legal
    return Kind("entity", "public-body" if public else "company")


def split_controllers(raw: str) -> list[str]:
    """``A Ltd, B Ltd, and C Ltd`` → three names, but only when every part has a legal form.

    >>> split_controllers("LGS Handling Ltd, Louis Travel Ltd, and Louis Aviation Ltd")
    ['LGS Handling Ltd', 'Louis Travel Ltd', 'Louis Aviation Ltd']
    >>> split_controllers("Vodafone España, S.A.U.")
    ['Vodafone España, S.A.U.']
    """
    text = clean_name(raw)
    parts = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|;\s*", text) if p.strip()]
    if len(parts) > 1 and all(legal_form(p) for p in parts):
        return parts
    return [text] if text else []


def split_parties(text: str) -> list[str]:
    """GDPRhub's ``Parties`` field: one party per line (list markers dropped); a line that lists
    several companies is split as :func:`split_controllers` does."""
    out = []
    for line in text.splitlines():
        line = _PARTY_PREFIX.sub("", line).strip(" ,;")
        if line:
            out.extend(split_controllers(line))
    return out


def cjeu_parties(text: str) -> list[str]:
    """``X v Y and Z`` → ``["X", "Y", "Z"]`` (CJEU case parties)."""
    text = re.sub(r"^(?:criminal )?proceedings (?:brought by|against)\s+", "", text, flags=re.I)
    names = []
    for side in re.split(r"\s+v\.?\s+", text):
        for part in re.split(r"\s+and\s+|,\s+(?=[A-ZÄÖÜÉ])", side):
            part = re.sub(r"\s+and others$", "", part.strip(), flags=re.I)
            if part:
                names.append(part)
    return names
