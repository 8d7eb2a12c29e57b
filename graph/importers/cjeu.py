"""Reader of the CJEU judgments' EUR-Lex metadata (``cases_metadata.json``) and of their coded
holdings (``holdings.csv``, ``--holdings``)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from graph.cleaning.cuts import in_field
from graph.cleaning.names import cjeu_parties
from graph.cleaning.text import MAX_NAME, MAX_TEXT, clean_name, clean_text, is_placeholder
from graph.curated import records as R
from graph.importers.articles import Refs, cjeu_refs
from graph.importers.base import ImportFailed, ReadContext, load_json
from graph.importers.cases import csv_rows
from graph.importers.entities import AuthorityText
from graph.importers.items import HoldingItem, Item, Quarantined, Reread, Row, watched
from graph.importers.values import parse_date

HOLDING_COLUMNS = ("case_id", "judgment_date", "holding_id", "core_holding", "primary_concept")
_CELEX = re.compile(r"^6\d{4}[A-Z]{2}\d{4}$")


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
    seen = Reread()
    return [seen(obj, i, None, _cjeu_row, i, obj, ctx) for i, obj in enumerate(doc["cases"], 1)]


@watched
def _cjeu_row(i: int, obj: Any, ctx: ReadContext) -> Row:
    if not isinstance(obj, dict):
        return Quarantined(i, "not an object")

    def name(key: str) -> str:
        return in_field(key, clean_name, obj.get(key))

    celex = name("caseCelex")
    if not _CELEX.match(celex):
        return Quarantined(i, "no valid CELEX number: the judgment cannot be identified")
    number = re.sub(r"^(?:Joined )?Cases?\s+", "", name("caseNumber"), flags=re.I)
    title = [
        in_field("caseTitle", clean_text, s) for s in str(obj.get("caseTitle") or "").split("#")
    ]
    url = name("eurLexUrl")
    if not (url.startswith("https://eur-lex.europa.eu/") and celex in url):
        url = f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}"
    notes = [title[2]] if len(title) > 2 and title[2] else []
    comp = obj.get("composition")
    if isinstance(comp, dict):
        parts = [
            f"{label}: {in_field('composition', clean_name, comp.get(key))}"
            for label, key in (
                ("Chamber", "chamber"),
                ("Judge-Rapporteur", "judgeRapporteur"),
                ("Advocate General", "advocateGeneral"),
            )
            if not is_placeholder(in_field("composition", clean_name, comp.get(key)))
        ]
        if parts:
            notes.append("; ".join(parts))
    refs: Refs = in_field("modifiedLocations", cjeu_refs, obj.get("modifiedLocations"))
    when = in_field(
        "caseDate",
        parse_date,
        obj.get("caseDate"),
        ctx.today,
        not_after=ctx.not_after,
        not_after_why=ctx.not_after_why,
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
        parties=cjeu_parties(name("caseParties")),
        strict_parties=True,
        considered=refs,
        summary=title[3]
        if len(title) > 3
        else in_field("caseShortTitle", clean_text, obj.get("caseShortTitle")),
        case_number=number or None,
        celex=celex,
        notes=notes,
    )


def read_holdings(path: Path) -> list[HoldingItem | Quarantined]:
    """Read ``holdings.csv`` (one coded holding per row, 42 columns)."""
    out: list[HoldingItem | Quarantined] = []
    for i, line, header, row in csv_rows(path, "utf-8-sig", HOLDING_COLUMNS, "a holdings file"):
        if len(row) != len(header):
            out.append(
                Quarantined(i, f"wrong arity: {len(row)} fields, expected {len(header)}", line)
            )
            continue
        out.append(_holding(i, line, dict(zip(header, row, strict=True))))
    return out


@watched
def _holding(i: int, line: int, rec: dict[str, str]) -> HoldingItem | Quarantined:
    def cell(column: str, limit: int = MAX_NAME) -> str:
        return in_field(column, clean_text, rec.get(column, ""), limit).strip(" ,;")

    cases = _case_numbers(rec["case_id"])
    answer = in_field("core_holding", clean_text, rec["core_holding"])
    if not cases or is_placeholder(answer):
        return Quarantined(i, "no case number or no holding text", line)
    return HoldingItem(
        row=i,
        cases=cases,
        number=cell("holding_id") or str(i),
        concept=cell("primary_concept") or "OTHER",
        direction=cell("ruling_direction"),
        answer=answer,
        paragraphs=cell("paragraphs"),
        provisions=cell("provisions_cited"),
        cited=in_field("cited_cases", clean_text, rec.get("cited_cases", ""), MAX_TEXT),
        line=line,
    )


def case_numbers(item: Item) -> frozenset[str]:
    """The case numbers of a CJEU item (``C-17/22``, ``C-18/22`` for joined cases)."""
    return _case_numbers(item.case_number or "")
