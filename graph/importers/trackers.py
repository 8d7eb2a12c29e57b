"""Readers of the two fine trackers: the CMS Enforcement Tracker (JSON array of arrays) and
PrivacyAffairs (JSON objects, ``allItems``). Both give amounts in EUR and quote GDPR articles."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graph.cleaning.cuts import in_field
from graph.cleaning.names import GENERIC_WORDS, classify, split_controllers, tokens
from graph.cleaning.text import clean_name, clean_text, fold, is_placeholder, strip_parens
from graph.curated import records as R
from graph.importers.articles import tracker_refs
from graph.importers.base import ImportFailed, ReadContext, load_json
from graph.importers.entities import AuthorityText
from graph.importers.items import Item, Quarantined, Reread, Row, watched
from graph.importers.values import parse_amount, parse_date
from graph.vocabulary.ids import digest

TRACKER_FIELDS = 13
TRACKER_NOTE = (
    "amount in EUR as given by the CMS Enforcement Tracker, which converts fines in other "
    "currencies to EUR; the original currency and amount are not given"
)
UK_NOTE = " (a UK fine: the ICO imposes it in GBP; the tracker stores it converted to EUR)"
PA_NOTE = "amount in EUR as given by PrivacyAffairs; the original currency is not given"
_AUTHORITY_WORDS = frozenset(
    "authority commission commissioner office inspectorate ombudsman protection supervisory "
    "agency garante datatilsynet personuvernd board council data commissioners".split()
)
_GENERIC_AUTHORITIES = frozenset(
    {"data protection authority", "supervisory authority", "dpa", "data protection office"}
)
_ETID = re.compile(r"^ETid-(\d+)$")
#: An AEPD decision document named by its procedure number: ``…/ps-00141-2020.pdf``.
_AEPD_DOCUMENT = re.compile(
    r"https?://(?:www\.)?aepd\.es/[^'\"\s]*/(PS)[-_](\d{5})[-_](\d{4})", re.IGNORECASE
)
AEPD_NUMBER_NOTE = (
    "case number read from the name of the AEPD decision document the Tracker links to"
)
#: The Enforcement Tracker's positional columns, named for the report (SOURCES.md).
COLUMN = {
    i: f"{name} (index {i})"
    for i, name in enumerate(
        "button ETid country authority date fine controller sector articles violation summary "
        "links url".split()
    )
}


def authority_text(raw: object, notes: list[str]) -> AuthorityText:
    """A tracker's authority column: ``Spanish Data Protection Authority (aepd)``.

    A value that is not an authority's name (a company or a person: the trackers sometimes
    swap fields) is not used; the record notes it without repeating a person's name.
    """
    text = clean_name(raw)
    if is_placeholder(text):
        return AuthorityText("", "regulator")
    if fold(strip_parens(text)[0]) in _GENERIC_AUTHORITIES:
        notes.append(f"the source names the authority only generically ({text})")
        return AuthorityText("", "regulator")
    if not set(tokens(text)) & _AUTHORITY_WORDS:
        shown = text if classify(text, strict=False).kind == "entity" else "a person"
        notes.append(f"the source's authority field names {shown}: fields appear swapped")
        return AuthorityText("", "regulator")
    outer, inner = strip_parens(text)
    abbreviation = inner[0] if len(inner) == 1 and len(inner[0].split()) == 1 else ""
    return AuthorityText(text, "regulator", name=outer, abbreviation=abbreviation)


def aepd_procedure(links: object) -> str | None:
    """The AEPD procedure number of the one decision document a tracker row links to.

    >>> aepd_procedure("<a href='https://www.aepd.es/es/documento/ps-00141-2020.pdf'>x</a>")
    'PS/00141/2020'
    >>> aepd_procedure("<a href='https://example.org/ps-00141-2020.pdf'>x</a>") is None
    True

    ``None`` when no link names one, or when links name several (which one is the row's?).
    """
    found = {f"{m[0].upper()}/{m[1]}/{m[2]}" for m in _AEPD_DOCUMENT.findall(str(links))}
    return found.pop() if len(found) == 1 else None


def safe_record_name(name: str) -> str:
    """A controller name fit for a record identifier: never a natural person's name."""
    kind = classify(name, strict=False).kind
    if kind == "person" and not set(tokens(strip_parens(name)[0])) <= GENERIC_WORDS:
        return "(natural person, name withheld)"
    return name


def read_tracker(path: Path, ctx: ReadContext) -> list[Row]:
    """Read ``enforcementtracker_full_download.json``: ``{"data": [[13 strings], …]}``."""
    doc = load_json(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
        msg = f'{path.name} is not an Enforcement Tracker export: expected {{"data": [[…], …]}}'
        raise ImportFailed(msg)
    seen = Reread()
    return [seen(rec, i, None, _tracker_row, i, rec, ctx) for i, rec in enumerate(doc["data"], 1)]


@watched
def _tracker_row(i: int, rec: Any, ctx: ReadContext) -> Row:
    if not isinstance(rec, list):
        return Quarantined(i, f"not an array of {TRACKER_FIELDS} fields")
    if len(rec) != TRACKER_FIELDS:
        return Quarantined(i, f"wrong arity: {len(rec)} fields, expected {TRACKER_FIELDS}")
    if not all(isinstance(x, str) for x in rec):
        return Quarantined(i, "a field is not text")
    if all(is_placeholder(x) for x in rec):
        return Quarantined(i, "every field is empty or a placeholder")
    m = _ETID.match(in_field(COLUMN[1], clean_name, rec[1]))
    if not m:
        return Quarantined(i, "no ETid: the record cannot be identified")
    n = int(m[1])
    notes: list[str] = []
    country = in_field(COLUMN[2], clean_name, rec[2])
    amount = in_field(COLUMN[5], parse_amount, rec[5], "EUR")
    note = TRACKER_NOTE + (UK_NOTE if fold(country) == "united kingdom" else "")
    sector = in_field(COLUMN[7], clean_name, rec[7])
    violation = in_field(COLUMN[9], clean_name, rec[9])
    if not is_placeholder(sector):
        notes.append(f"sector (as the tracker classifies it): {sector}")
    refs = in_field(COLUMN[8], tracker_refs, rec[8], ctx.instruments)
    case_number = in_field(COLUMN[11], aepd_procedure, rec[11])
    if case_number:
        notes.append(AEPD_NUMBER_NOTE)
    return Item(
        row=i,
        key=f"etid-{n}",
        kind="fine",
        authority=in_field(COLUMN[3], authority_text, rec[3], notes),
        country=country,
        date=in_field(
            COLUMN[4],
            parse_date,
            rec[4],
            ctx.today,
            not_after=ctx.not_after,
            not_after_why=ctx.not_after_why,
        ),
        source=R.Source(
            ctx.as_of,
            url=f"https://www.enforcementtracker.com/ETid-{n}",
            dataset="CMS GDPR Enforcement Tracker",
            record=f"ETid-{n}",
            publisher="CMS",
        ),
        label=f"ETid-{n}",
        amount=amount,
        amount_note=note,
        parties=in_field(COLUMN[6], split_controllers, rec[6]),
        infringed=refs,
        summary=in_field(COLUMN[10], clean_text, rec[10]),
        outcome=None if is_placeholder(violation) else f"Violation type: {violation}",
        case_number=case_number,
        notes=notes,
    )


def read_privacyaffairs(path: Path, ctx: ReadContext) -> list[Row]:
    """Read ``scraped_fines.json``: ``{"allItems": [{…}, …]}`` (``allItemsPriceGrouped`` is a
    derived subset and is not read)."""
    doc = load_json(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("allItems"), list):
        msg = f'{path.name} is not a PrivacyAffairs export: expected {{"allItems": [{{…}}, …]}}'
        raise ImportFailed(msg)
    seen = Reread()
    return [seen(obj, i, None, _pa_row, i, obj, ctx) for i, obj in enumerate(doc["allItems"], 1)]


def _text(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    return value if isinstance(value, str) else ("" if value is None else str(value))


@watched
def _pa_row(i: int, obj: Any, ctx: ReadContext) -> Row:
    if not isinstance(obj, dict):
        return Quarantined(i, "not an object")
    fields = ("name", "authority", "date", "controller", "articleViolated", "type", "summary")
    price = obj.get("price")
    if all(is_placeholder(_text(obj, k)) for k in fields) and price in (0, None, ""):
        return Quarantined(i, "every field is empty or a placeholder")
    raw = {k: _text(obj, k).strip() for k in ("authority", "date", "controller", "articleViolated")}
    notes: list[str] = []
    controller = in_field("controller", clean_name, raw["controller"])
    url = in_field("source", clean_name, _text(obj, "source"))
    url = url if re.match(r"^https?://[^\s<>\"]+$", url) else ""
    record = " | ".join(
        (
            safe_record_name(in_field("authority", clean_name, raw["authority"])),
            in_field("date", clean_name, raw["date"]),
            safe_record_name(controller),
        )
    )
    refs = in_field("articleViolated", tracker_refs, raw["articleViolated"], ctx.instruments)
    typ = in_field("type", clean_name, _text(obj, "type"))
    return Item(
        row=i,
        key=digest(raw["authority"], raw["date"], raw["controller"], raw["articleViolated"]),
        kind="fine",
        authority=in_field("authority", authority_text, raw["authority"], notes),
        country=in_field("name", clean_name, _text(obj, "name")),
        date=in_field(
            "date",
            parse_date,
            raw["date"],
            ctx.today,
            us=True,
            not_after=ctx.not_after,
            not_after_why=ctx.not_after_why,
        ),
        source=R.Source(
            ctx.as_of,
            url=url or None,
            dataset="PrivacyAffairs",
            record=record,
            publisher="PrivacyAffairs",
        ),
        label="PrivacyAffairs",
        amount=in_field("price", parse_amount, price if price is not None else "", "EUR"),
        amount_note=PA_NOTE,
        parties=in_field("controller", split_controllers, controller),
        infringed=refs,
        summary=in_field("summary", clean_text, _text(obj, "summary")),
        outcome=None if is_placeholder(typ) else f"Violation type: {typ}",
        notes=notes,
    )
