"""Readers of the case databases: GDPRhub's CSV export (regulators and courts, multi-line
fields) and the CJEU judgments' EUR-Lex metadata with their coded holdings."""

from __future__ import annotations

import csv
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from graph import records as R
from graph.ids import digest
from graph.importers.articles import Refs, cjeu_refs, gdprhub_refs
from graph.importers.base import ImportFailed, ReadContext, load_json
from graph.importers.entities import AuthorityText
from graph.importers.items import HoldingItem, Item, Quarantined, Row
from graph.importers.names import cjeu_parties, split_parties
from graph.importers.text import (
    MAX_TEXT,
    clean_name,
    clean_text,
    fold,
    is_placeholder,
    strip_parens,
)
from graph.importers.values import parse_amount, parse_date

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
HOLDING_COLUMNS = ("case_id", "judgment_date", "holding_id", "core_holding", "primary_concept")
_CELEX = re.compile(r"^6\d{4}[A-Z]{2}\d{4}$")
_VIOLATION = re.compile(r"upheld|violation found|violation$|order|reprimand|enforcement|fine", re.I)
_AG = re.compile(r"opinion of (?:the )?(?:advocate general|AG)\b|\bAG opinion", re.I)


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


def _csv_rows(path: Path, encoding: str, required: tuple[str, ...], what: str) -> Any:
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
    for i, line, header, row in _csv_rows(path, "utf-8-sig", GDPRHUB_COLUMNS, "a GDPRhub export"):
        if len(row) != len(header):
            rows.append(
                Quarantined(i, f"wrong arity: {len(row)} fields, expected {len(header)}", line)
            )
            continue
        if all(is_placeholder(v) for v in row):
            rows.append(Quarantined(i, "every field is empty or a placeholder ('-)", line))
            continue
        rows.append(_gdprhub_item(i, line, dict(zip(header, row, strict=True)), ctx))
    return rows


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        cleaned = clean_name(line)
        if not is_placeholder(cleaned):
            out.append(cleaned)
    return out


def _gdprhub_item(i: int, line: int, rec: dict[str, str], ctx: ReadContext) -> Item:
    authority = _authority(rec["Decision by"])
    case = clean_name(rec["Case number/name"])
    when = parse_date(
        rec["Date of decision"], ctx.today, not_after=ctx.not_after, not_after_why=ctx.not_after_why
    )
    fine_text = clean_name(rec["Fine"])
    outcome = clean_name(rec["Type of decision & outcome"])
    parties = split_parties(rec["Parties"])
    first_party = rec["Parties"].strip().splitlines()[0].strip() if rec["Parties"].strip() else ""
    court = authority.kind == "court"
    if court:
        kind = "court-case" if _AG.search(case) else "judgment"
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
    summary = re.sub(r"^\{DISPLAYTITLE:[^}]*\}\s*", "", clean_text(rec["Summary"], MAX_TEXT))
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
        country=clean_name(rec["Jurisdiction"]),
        date=when,
        source=R.Source(
            ctx.as_of,
            dataset="GDPRhub",
            record=f"{clean_name(rec['Decision by'])} | {case}",
            publisher="noyb",
        ),
        label=f"{where}: {shown_case}",
        amount=None if is_placeholder(fine_text) else parse_amount(fine_text),
        parties=parties,
        strict_parties=True,
        role="named-party" if court else "subject",
        considered=gdprhub_refs(rec["Relevant GDPR articles"]),
        unresolved=_lines(rec["Relevant EU laws"]) + _lines(rec["Relevant national/other laws"]),
        summary="" if is_placeholder(summary) else summary,
        outcome=None if is_placeholder(outcome) else outcome,
        case_number=None if is_placeholder(case) else case,
        notes=["an Advocate General's opinion, not a judgment"] if kind == "court-case" else [],
    )


def _case_numbers(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"C-\d+/\d+", text))


def read_cjeu(path: Path, ctx: ReadContext) -> list[Row]:
    """Read ``cases_metadata.json``: ``{cases: [{caseCelex, caseNumber, …}], exportDate}``."""
    doc = load_json(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
        msg = f'{path.name} is not CJEU case metadata: expected {{"cases": [{{…}}, …]}}'
        raise ImportFailed(msg)
    export = parse_date(str(doc.get("exportDate", ""))[:10], ctx.today)
    if export.value and len(export.value) == 10:
        ctx = ReadContext(
            ctx.today,
            ctx.instruments,
            date.fromisoformat(export.value),
            f"after the metadata was exported ({export.value})",
        )
    return [_cjeu_row(i, obj, ctx) for i, obj in enumerate(doc["cases"], 1)]


def _cjeu_row(i: int, obj: Any, ctx: ReadContext) -> Row:
    if not isinstance(obj, dict):
        return Quarantined(i, "not an object")
    celex = clean_name(obj.get("caseCelex"))
    if not _CELEX.match(celex):
        return Quarantined(i, "no valid CELEX number: the judgment cannot be identified")
    number = re.sub(r"^(?:Joined )?Cases?\s+", "", clean_name(obj.get("caseNumber")), flags=re.I)
    title = [clean_text(s) for s in str(obj.get("caseTitle") or "").split("#")]
    url = clean_name(obj.get("eurLexUrl"))
    if not (url.startswith("https://eur-lex.europa.eu/") and celex in url):
        url = f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}"
    notes = [title[2]] if len(title) > 2 and title[2] else []
    comp = obj.get("composition")
    if isinstance(comp, dict):
        parts = [
            f"{label}: {clean_name(comp.get(key))}"
            for label, key in (
                ("Chamber", "chamber"),
                ("Judge-Rapporteur", "judgeRapporteur"),
                ("Advocate General", "advocateGeneral"),
            )
            if not is_placeholder(clean_name(comp.get(key)))
        ]
        if parts:
            notes.append("; ".join(parts))
    refs: Refs = cjeu_refs(obj.get("modifiedLocations"))
    when = parse_date(
        obj.get("caseDate"), ctx.today, not_after=ctx.not_after, not_after_why=ctx.not_after_why
    )
    return Item(
        row=i,
        key=celex.lower(),
        kind="judgment",
        authority=AuthorityText("Court of Justice of the European Union", "court", name="CJEU"),
        country="European Union",
        date=when,
        source=R.Source(ctx.as_of, url=url),
        label=f"CJEU judgment in Case {number or celex}",
        parties=cjeu_parties(clean_name(obj.get("caseParties"))),
        strict_parties=True,
        considered=refs,
        summary=title[3] if len(title) > 3 else clean_text(obj.get("caseShortTitle")),
        case_number=number or None,
        celex=celex,
        notes=notes,
    )


def read_holdings(path: Path) -> list[HoldingItem | Quarantined]:
    """Read ``holdings.csv`` (one coded holding per row, 42 columns)."""
    out: list[HoldingItem | Quarantined] = []
    for i, line, header, row in _csv_rows(path, "utf-8-sig", HOLDING_COLUMNS, "a holdings file"):
        if len(row) != len(header):
            out.append(
                Quarantined(i, f"wrong arity: {len(row)} fields, expected {len(header)}", line)
            )
            continue
        rec = dict(zip(header, row, strict=True))
        cases = _case_numbers(rec["case_id"])
        answer = clean_text(rec["core_holding"])
        if not cases or is_placeholder(answer):
            out.append(Quarantined(i, "no case number or no holding text", line))
            continue
        out.append(
            HoldingItem(
                row=i,
                cases=cases,
                number=clean_name(rec["holding_id"]) or str(i),
                concept=clean_name(rec["primary_concept"]) or "OTHER",
                direction=clean_name(rec.get("ruling_direction", "")),
                answer=answer,
                paragraphs=clean_name(rec.get("paragraphs", "")),
                provisions=clean_name(rec.get("provisions_cited", "")),
                cited=clean_text(rec.get("cited_cases", ""), MAX_TEXT),
            )
        )
    return out


def case_numbers(item: Item) -> frozenset[str]:
    """The case numbers of a CJEU item (``C-17/22``, ``C-18/22`` for joined cases)."""
    return _case_numbers(item.case_number or "")
