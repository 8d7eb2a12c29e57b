"""Reader of GDPRhub's CSV export (regulators and courts, multi-line fields), and the CSV reading
the CJEU holdings share (:mod:`graph.importers.cjeu`)."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from typing import Any

from graph.cleaning.cuts import in_field
from graph.cleaning.names import split_parties
from graph.cleaning.text import (
    MAX_NAME,
    MAX_TEXT,
    clean_name,
    clean_text,
    fold,
    is_placeholder,
    strip_parens,
)
from graph.curated import records as R
from graph.importers.articles import Refs, gdprhub_refs
from graph.importers.base import ImportFailed, ReadContext
from graph.importers.entities import AuthorityText
from graph.importers.items import Item, Quarantined, Reread, Row, watched
from graph.importers.values import parse_amount, parse_date
from graph.vocabulary.ids import digest

GDPRHUB_COLUMNS = (
    "Decision by",
    "Case number/name",
    "Jurisdiction",
    "Date of decision",
    "Relevant GDPR articles",
    "Relevant EU laws",
    "Relevant national/other laws",
    "Type of decision & outcome",
    "Fine",
    "Parties",
    "Summary",
)
_VIOLATION = re.compile(r"upheld|violation found|violation$|order|reprimand|enforcement|fine", re.I)
_AG = re.compile(r"opinion of (?:the )?(?:advocate general|AG)\b|\bAG opinion", re.I)
_EDPB = re.compile(r"^(?:EDPB|European Data Protection Board)\b", re.I)
_BINDING = re.compile(r"\bbinding decision\b", re.I)
_DISPUTE_RESOLUTION = re.compile(r"^GDPR Art 65\b")


def binding_decision(authority: AuthorityText, case: str, considered: Refs) -> bool:
    """Whether a GDPRhub row is an EDPB binding decision: decided by the EDPB, and its case name
    says "binding decision" (also the Art 66(2) urgent ones) or it applies Art 65 GDPR (dispute
    resolution: "Decision 3/2022" with Art 65). Such a decision binds the lead authority, which
    then decides, and fines, itself (Art 65(6) GDPR): the row is never a fine, whatever its
    ``Fine`` column says.

    >>> edpb = AuthorityText("EDPB", "regulator", name="EDPB")
    >>> binding_decision(edpb, "Binding Decision 2/2022", Refs())
    True
    >>> binding_decision(edpb, "Decision 3/2022", Refs(provisions=["GDPR Art 65(1)(a)"]))
    True
    >>> binding_decision(edpb, "Endorsement 1/2018", Refs())
    False
    >>> binding_decision(AuthorityText("DPC", "regulator"), "Binding Decision 2/2022", Refs())
    False
    """
    if not any(_EDPB.match(v) for v in (authority.text, authority.name) if v):
        return False
    return bool(_BINDING.search(case)) or any(
        _DISPUTE_RESOLUTION.match(p) for p in considered.provisions
    )


def _open_csv(path: Path, encoding: str) -> tuple[list[str], Any, Any]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # huge fields are cut later, not fatal
    try:
        fh = path.open(encoding=encoding, newline="")
        reader = csv.reader(fh)
        header = [h.strip() for h in next(reader, [])]
    except UnicodeDecodeError as exc:
        msg = f"{path.name} is not UTF-8 text (byte {exc.start})"
        raise ImportFailed(msg) from None
    except csv.Error as exc:
        msg = f"{path.name} is not a readable CSV file: {exc}"
        raise ImportFailed(msg) from None
    return header, reader, fh


def csv_rows(path: Path, encoding: str, required: tuple[str, ...], what: str) -> Any:
    header, reader, fh = _open_csv(path, encoding)
    missing = [c for c in required if c not in header]
    if missing:
        fh.close()
        msg = f"{path.name} is not {what}: column {missing[0]!r} is missing"
        raise ImportFailed(msg)
    with fh:
        start = reader.line_num + 1
        try:
            for i, row in enumerate(reader, 1):
                yield i, start, header, row
                start = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError) as exc:
            msg = f"{path.name}: cannot read past line {reader.line_num}: {exc}"
            raise ImportFailed(msg) from None


def _authority(raw: str) -> AuthorityText:
    """``DPA: AEPD (Spain)``, ``Court: Rb. Amsterdam``, ``CJEU (Court of Justice …)``."""
    text = clean_name(raw)
    kind = "regulator"
    m = re.match(r"^(DPA|Court)\s*:\s*(.*)$", text, re.I)
    if m:
        kind = "court" if m[1].casefold() == "court" else "regulator"
        text = m[2].strip()
    elif fold(text).startswith("cjeu"):
        kind = "court"
    if is_placeholder(text):
        return AuthorityText("", kind)
    outer, inner = strip_parens(text)
    return AuthorityText(text, kind, name=outer, place=inner[0] if len(inner) == 1 else "")


def read_gdprhub(path: Path, ctx: ReadContext) -> list[Row]:
    """Read GDPRhub's ``gdprhub-eu_full_download.csv`` (UTF-8 with BOM, multi-line fields)."""
    rows: list[Row] = []
    seen = Reread()
    for i, line, header, row in csv_rows(path, "utf-8-sig", GDPRHUB_COLUMNS, "a GDPRhub export"):
        if len(row) != len(header):
            rows.append(
                Quarantined(i, f"wrong arity: {len(row)} fields, expected {len(header)}", line)
            )
            continue
        if all(is_placeholder(v) for v in row):
            rows.append(Quarantined(i, "every field is empty or a placeholder ('-)", line))
            continue
        rec = dict(zip(header, row, strict=True))
        rows.append(seen(row, i, line, _gdprhub_item, i, line, rec, ctx))
    return rows


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        cleaned = clean_name(line)
        if not is_placeholder(cleaned):
            out.append(cleaned)
    return out


@watched
def _gdprhub_item(i: int, line: int, rec: dict[str, str], ctx: ReadContext) -> Item:
    def cell(column: str, limit: int = MAX_NAME) -> str:
        return in_field(column, clean_text, rec[column], limit).strip(" ,;")

    authority = in_field("Decision by", _authority, rec["Decision by"])
    case = cell("Case number/name")
    when = in_field(
        "Date of decision",
        parse_date,
        rec["Date of decision"],
        ctx.today,
        not_after=ctx.not_after,
        not_after_why=ctx.not_after_why,
    )
    fine_text = cell("Fine")
    outcome = cell("Type of decision & outcome")
    parties = in_field("Parties", split_parties, rec["Parties"])
    first_party = rec["Parties"].strip().splitlines()[0].strip() if rec["Parties"].strip() else ""
    considered = in_field("Relevant GDPR articles", gdprhub_refs, rec["Relevant GDPR articles"])
    court = authority.kind == "court"
    if court:
        kind = "court-case" if _AG.search(case) else "judgment"
    elif binding_decision(authority, case, considered):
        kind = "binding-decision"  # an amount it states is reported, not stored (resolve.py)
    elif not is_placeholder(fine_text):
        kind = "fine"
    else:
        kind = (
            "order"
            if _VIOLATION.search(outcome) and "no violation" not in outcome.casefold()
            else "investigation"
        )
    shown_case = case if not is_placeholder(case) else "case not named"
    where = authority.text or "authority not identified"
    summary = re.sub(r"^\{DISPLAYTITLE:[^}]*\}\s*", "", cell("Summary", MAX_TEXT))
    return Item(
        row=i,
        line=line,
        key=digest(
            rec["Decision by"].strip(),
            rec["Case number/name"].strip(),
            rec["Date of decision"].strip(),
            first_party,
        ),
        kind=kind,
        authority=authority,
        country=cell("Jurisdiction"),
        date=when,
        source=R.Source(
            ctx.as_of,
            dataset="GDPRhub",
            record=f"{cell('Decision by')} | {case}",
            publisher="noyb",
        ),
        label=f"{where}: {shown_case}",
        amount=None if is_placeholder(fine_text) else in_field("Fine", parse_amount, fine_text),
        parties=parties,
        strict_parties=True,
        role="named-party" if court else "subject",
        considered=considered,
        unresolved=in_field("Relevant EU laws", _lines, rec["Relevant EU laws"])
        + in_field("Relevant national/other laws", _lines, rec["Relevant national/other laws"]),
        summary="" if is_placeholder(summary) else summary,
        outcome=None if is_placeholder(outcome) else outcome,
        case_number=None if is_placeholder(case) else case,
        notes=["an Advocate General's opinion, not a judgment"] if kind == "court-case" else [],
    )
