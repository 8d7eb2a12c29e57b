"""Draft decision records from the raw datasets, for a person to check and finish by hand.

Reads, at run time only, the shared raw datasets (never copied into this repository):

- the CMS GDPR Enforcement Tracker dump (``enforcementtracker_full_download.json``),
- the GDPRhub export (``gdprhub-eu_full_download.csv``), to find the original currency of a fine,
- the CJEU GDPR case metadata (``cases_metadata.json``) and coded holdings (``holdings.csv``).

and prints YAML drafts to stdout. Nothing is written anywhere. A draft is not a record: the
``summary`` is left as ``TODO`` (summaries are written by a person, in their own words), and the
raw fields a reviewer needs are shown as ``#`` comments that must not be pasted into the data.

Usage::

    python scripts/draft_records.py tracker --top 80          # largest fines not yet curated
    python scripts/draft_records.py tracker ETid-978 ETid-405  # named tracker rows
    python scripts/draft_records.py cjeu                       # judgments not yet curated
    python scripts/draft_records.py cjeu C-634/21              # named cases

Set ``REGKG_RAW`` to the raw folder if it is not ``../shared/data/raw`` next to the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
RAW = Path(os.environ.get("REGKG_RAW", REPO.parent / "shared" / "data" / "raw"))
TRACKER = RAW / "enforcementtracker" / "enforcementtracker_full_download.json"
GDPRHUB = RAW / "gdprhub" / "gdprhub-eu_full_download.csv"
CJEU_META = RAW / "cjeu-gdpr" / "cases_metadata.json"
CJEU_HOLDINGS = RAW / "cjeu-gdpr" / "holdings.csv"
AS_OF = "2026-11-29"

#: Tracker country (text after ``<br />``) → ISO 3166-1 alpha-2.
COUNTRIES = {
    "AUSTRIA": "AT",
    "BELGIUM": "BE",
    "BULGARIA": "BG",
    "CROATIA": "HR",
    "CYPRUS": "CY",
    "CZECH REPUBLIC": "CZ",
    "DENMARK": "DK",
    "ESTONIA": "EE",
    "FINLAND": "FI",
    "FRANCE": "FR",
    "GERMANY": "DE",
    "GREECE": "GR",
    "HUNGARY": "HU",
    "ICELAND": "IS",
    "IRELAND": "IE",
    "ISLE OF MAN": "IM",
    "ITALY": "IT",
    "LATVIA": "LV",
    "LIECHTENSTEIN": "LI",
    "LITHUANIA": "LT",
    "LUXEMBOURG": "LU",
    "MALTA": "MT",
    "NORWAY": "NO",
    "POLAND": "PL",
    "PORTUGAL": "PT",
    "ROMANIA": "RO",
    "SLOVAKIA": "SK",
    "SPAIN": "ES",
    "SWEDEN": "SE",
    "THE NETHERLANDS": "NL",
    "UNITED KINGDOM": "GB",
}

#: GDPRhub ``Jurisdiction`` value per ISO code (for matching fines).
GDPRHUB_COUNTRY = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czech Republic",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "DE": "Germany",
    "GR": "Greece",
    "HU": "Hungary",
    "IS": "Iceland",
    "IE": "Ireland",
    "IT": "Italy",
    "LV": "Latvia",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "NO": "Norway",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "ES": "Spain",
    "SE": "Sweden",
    "NL": "Netherlands",
    "GB": "United Kingdom",
}

#: Tracker authority name (whitespace-normalised) → regulator id in organisations.yaml.
AUTHORITIES = {
    "Austrian Data Protection Authority (dsb)": "dsb-at",
    "Belgian Data Protection Authority (APD)": "apd-be",
    "Bulgarian Commission for Personal Data Protection (KZLD)": "cpdp-bg",
    "Commission for Personal Data Protection (KZLD)": "cpdp-bg",
    "Data Protection Commision of Bulgaria (KZLD)": "cpdp-bg",
    "Croatian Data Protection Authority (azop)": "azop-hr",
    "Cypriot Data Protection Commissioner": "dpc-cy",
    "Czech Data Protection Auhtority (UOOU)": "uoou-cz",
    "Danish Data Protection Authority (Datatilsynet)": "datatilsynet-dk",
    "Estonian Data Protection Authority (AKI)": "aki-ee",
    "Deputy Data Protection Ombudsman": "tietosuoja-fi",
    "French Data Protection Authority (CNIL)": "cnil-fr",
    "Data Protection Authority of Baden-Wuerttemberg": "lfdi-bw-de",
    "Data Protection Authority of Berlin": "bln-bdi-de",
    "Data Protection Authority of Bremen": "lfdi-hb-de",
    "Data Protection Authority of Hamburg": "hmbbfdi-de",
    "Data Protection Authority of Niedersachsen": "lfd-ni-de",
    "The Federal Commissioner for Data Protection and Freedom of Information (BfDI)": "bfdi-de",
    "Hellenic Data Protection Authority (HDPA)": "hdpa-gr",
    "Hungarian National Authority for Data Protection and the Freedom of Information (NAIH)": (
        "naih-hu"
    ),
    "Icelandic data protection authority ('Persónuvernd')": "personuvernd-is",
    "Data Protection Authority of Ireland": "dpc-ie",
    "Information Commissioner of Isle of Man": "ico-im",
    "Italian Data Protection Authority (Garante)": "garante-it",
    "Data State Inspectorate (DSI)": "dvi-lv",
    "Lithuanian Data Protection Authority (VDAI)": "vdai-lt",
    "National Commission for Data Protection (CNPD)": "cnpd-lu",
    "Data Protection Commissioner of Malta": "idpc-mt",
    "Norwegian Supervisory Authority (Datatilsynet)": "datatilsynet-no",
    "Polish National Personal Data Protection Office (UODO)": "uodo-pl",
    "Polish Data Protection Authority (UODO)": "uodo-pl",
    "Portuguese Data Protection Authority (CNPD)": "cnpd-pt",
    "Romanian National Supervisory Authority for Personal Data Processing (ANSPDCP)": (
        "anspdcp-ro"
    ),
    "Slovak Data Protection Office": "uoou-sk",
    "Spanish Data Protection Authority (aepd)": "aepd-es",
    "Data Protection Authority of Sweden": "imy-se",
    "Data Protection Authority of Sweden (Integritetsskyddsmyndigheten)": "imy-se",
    "Dutch Supervisory Authority for Data Protection (AP)": "ap-nl",
    "Information Commissioner (ICO)": "ico-uk",
}

#: National-law names in the tracker's article column → instrument short name in law.yaml.
NATIONAL_LAWS = {
    "loi Informatique et Libertés": "French DPA",
    "LSSI": "LSSI",
    "LOPDGDD": "LOPDGDD",
    "LGT": "LGT",
    "Wbp": "Wbp",
    "laga nr. 90/2018": "Icelandic Act 90/2018",
}

#: Controllers that are not a named legal entity: never drafted as companies.
GENERIC = re.compile(
    r"^(private individual|unknown|company|bank|unknown organisation|.*\b(company|agency|"
    r"operator|program)$)",
    re.I,
)


# --------------------------------------------------------------------------- helpers
def slug(text: str) -> str:
    """A lower-case slug (``a-z0-9-``) for ids.

    >>> slug("H&M Hennes & Mauritz Online Shop A.B. & Co. KG")
    'h-m-hennes-mauritz-online-shop-a-b-co-kg'
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def tracker_amount(text: str) -> int | None:
    """The tracker's EUR amount as a whole number, or None when it is not numeric.

    >>> tracker_amount("3,940,000"), tracker_amount("Unknown")
    (3940000, None)
    """
    cleaned = text.replace(",", "").strip()
    return int(cleaned) if cleaned.isdigit() else None


_ART_SPLIT = re.compile(r"Art\.\s*")
_TOKEN = re.compile(r"\(\s*([0-9]+|[a-z])\s*\)|([0-9]+[a-z]?)|([a-z])\)")


def parse_articles(text: str) -> tuple[list[str], list[str]]:
    """Parse the tracker's articles column into provision references.

    Returns ``(references, unparsed)``: GDPR references like ``GDPR Art 5(1)(c)`` and national
    references whose law is in :data:`NATIONAL_LAWS`; anything else is returned unparsed for a
    person to look at.

    >>> parse_articles("Art. 5 (1) c), 5 (1) f) GDPR, Art. 12 (1) GDPR")
    (['GDPR Art 5(1)(c)', 'GDPR Art 5(1)(f)', 'GDPR Art 12(1)'], [])
    >>> parse_articles("Art. 5 (1) a), c) GDPR, Art. 25 (1), (2) GDPR")[0]
    ['GDPR Art 5(1)(a)', 'GDPR Art 5(1)(c)', 'GDPR Art 25(1)', 'GDPR Art 25(2)']
    >>> parse_articles("Art. 32 (1) b), (2), (4) GDPR")[0]
    ['GDPR Art 32(1)(b)', 'GDPR Art 32(2)', 'GDPR Art 32(4)']
    >>> parse_articles("Art. 82 loi Informatique et Libertés")
    (['French DPA Art 82'], [])
    >>> parse_articles("Unknown")
    ([], ['Unknown'])
    """
    refs: list[str] = []
    unparsed: list[str] = []
    text = " ".join(text.split())
    for chunk in _ART_SPLIT.split(text):
        chunk = chunk.strip().rstrip(",").strip()
        if not chunk:
            continue
        m = re.match(
            r"^(.*?)\s*(GDPR|GPDR|" + "|".join(map(re.escape, NATIONAL_LAWS)) + r")$", chunk
        )
        if not m:
            unparsed.append(chunk)
            continue
        body, law = m.group(1), m.group(2)
        short = "GDPR" if law in ("GDPR", "GPDR") else NATIONAL_LAWS[law]
        art = para = None
        items: list[str] = []
        pending = False
        for part in [p.strip() for p in body.split(",") if p.strip()]:
            for tok in _TOKEN.finditer(part):
                num_in_paren, number, letter = tok.groups()
                if number is not None:
                    if pending and art:
                        items.append(_ref(short, art, para, None))
                    art, para, pending = number, None, True
                elif num_in_paren is not None:
                    if num_in_paren.isdigit():
                        if pending and para is not None and art:
                            items.append(_ref(short, art, para, None))
                        para, pending = num_in_paren, True
                    else:  # "(e)" written in brackets: a letter
                        items.append(_ref(short, art, para, num_in_paren))
                        pending = False
                elif letter is not None:
                    items.append(_ref(short, art, para, letter))
                    pending = False
        if pending and art:
            items.append(_ref(short, art, para, None))
        if not items:
            unparsed.append(chunk)
        refs.extend(i for i in items if i not in refs)
    return refs, unparsed


def _ref(short: str, art: str | None, para: str | None, letter: str | None) -> str:
    out = f"{short} Art {art}"
    if para:
        out += f"({para})"
    if letter:
        out += f"({letter})"
    return out


_LOC = re.compile(
    r"^A(?P<art>\d+)"
    r"(?:PT(?P<point>\d+)|P(?P<para>\d+))?"
    r"(?:SNT(?P<sentence>\d+))?"
    r"(?:L(?P<sub>\d+))?"
    r"(?:L(?P<letter>[A-Z]))?$"
)


def decode_location(code: str) -> str | None:
    """Decode one EUR-Lex ``modifiedLocations`` code into a GDPR reference, or None.

    >>> [decode_location(c) for c in ("A82P1", "A04PT11", "A06P1LA", "A06P1L1LB", "A38P3SNT2")]
    ['GDPR Art 82(1)', 'GDPR Art 4(11)', 'GDPR Art 6(1)(a)', 'GDPR Art 6(1)(b)', 'GDPR Art 38(3)']
    >>> decode_location("CH8"), decode_location("A45")
    ('GDPR Chapter VIII', 'GDPR Art 45')
    """
    code = code.strip()
    if code.startswith("CH") and code[2:].isdigit():
        roman = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
        return f"GDPR Chapter {roman[int(code[2:])]}"
    m = _LOC.match(code)
    if not m:
        return None
    out = f"GDPR Art {int(m['art'])}"
    if m["point"]:
        out += f"({int(m['point'])})"
    elif m["para"]:
        out += f"({int(m['para'])})"
    if m["letter"]:
        out += f"({m['letter'].lower()})"
    return out


def gdprhub_fine(text: str) -> tuple[str, str] | None:
    """GDPRhub ``Fine`` → (value, ISO currency) when it is unambiguous, else None.

    >>> gdprhub_fine("65000000 NOK"), gdprhub_fine("99,999 SEK"), gdprhub_fine("2.000 EUR")
    (('65000000', 'NOK'), ('99999', 'SEK'), None)
    """
    m = re.fullmatch(r"\s*([0-9][0-9,]*)\s+([A-Z]{3})\s*", text)
    if not m:
        return None
    return m.group(1).replace(",", ""), m.group(2)


# --------------------------------------------------------------------------- raw readers
@dataclass(frozen=True)
class TrackerRow:
    etid: str
    country: str
    authority_name: str
    date: str
    amount: int | None
    controller: str
    sector: str
    articles: str
    violation: str
    summary: str
    links: tuple[str, ...]


def read_tracker() -> list[TrackerRow]:
    data = json.loads(TRACKER.read_text(encoding="utf-8"))["data"]
    rows = []
    for r in data:
        rows.append(
            TrackerRow(
                etid=r[1],
                country=re.sub(r"<[^>]+>", "", r[2].split("<br />")[-1]).strip(),
                authority_name=" ".join(r[3].split()),
                date=r[4].strip(),
                amount=tracker_amount(r[5]),
                controller=" / ".join(x.strip() for x in r[6].splitlines() if x.strip()),
                sector=r[7],
                articles=r[8],
                violation=r[9],
                summary=re.sub(r"<[^>]+>", "", r[10]).replace("\r\n", " "),
                links=tuple(re.findall(r"href='([^']+)'", r[11])),
            )
        )
    return rows


def read_gdprhub() -> list[dict[str, str]]:
    with GDPRHUB.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def hub_date(text: str) -> str | None:
    m = re.fullmatch(r"(\d{2})\.(\d{2})\.(\d{4})", text.strip())
    return f"{m[3]}-{m[2]}-{m[1]}" if m else None


def hub_candidates(
    row: TrackerRow, hub: list[dict[str, str]]
) -> Iterator[tuple[int, dict[str, str]]]:
    """GDPRhub rows that may be the same decision: same country, a fine, and a near date or a
    shared word of the controller's name. Scored; a person decides."""
    country = GDPRHUB_COUNTRY.get(COUNTRIES.get(row.country, ""), "")
    words = {w for w in re.findall(r"[a-z0-9]{4,}", row.controller.lower())} - {
        "gmbh",
        "limited",
        "group",
        "company",
        "s.a.u",
    }
    for h in hub:
        if (
            h["Jurisdiction"] != country
            or not h["Fine"].strip()
            or not h["Decision by"].startswith("DPA")
        ):
            continue
        score = 0
        hd = hub_date(h["Date of decision"])
        if hd and len(row.date) == 10:
            delta = abs((date.fromisoformat(hd) - date.fromisoformat(row.date)).days)
            score += 3 if delta == 0 else 1 if delta <= 45 else 0
        text = (h["Parties"] + " " + h["Case number/name"] + " " + h["Summary"]).lower()
        score += 2 * sum(1 for w in words if w in text)
        if score >= 2:
            yield score, h


def read_cjeu() -> list[dict[str, object]]:
    cases: list[dict[str, object]] = json.loads(CJEU_META.read_text(encoding="utf-8"))["cases"]
    return cases


def read_holdings() -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    with CJEU_HOLDINGS.open(encoding="utf-8", newline="") as fh:
        for h in csv.DictReader(fh):
            for case in re.split(r"\s*&\s*", h["case_id"]):
                out.setdefault(case.strip(), []).append(h)
    return out


# --------------------------------------------------------------------------- what is curated
def curated() -> tuple[set[str], set[str], set[tuple[str, str]]]:
    """ETids and CELEX numbers already cited, and (authority, date) pairs already curated."""
    etids: set[str] = set()
    celex: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for path in sorted((REPO / "data").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for rec in doc.get("decisions", []) or []:
            pairs.add((rec.get("authority", ""), str(rec.get("date", ""))))
            ids = rec.get("identifiers") or {}
            if ids.get("celex"):
                celex.add(ids["celex"])
            for src in [rec.get("source") or {}, *(rec.get("more_sources") or [])]:
                for value in (src.get("url") or "", src.get("record") or ""):
                    etids.update(re.findall(r"ETid-\d+", value))
                    celex.update(re.findall(r"CELEX:(\w+)", value))
    return etids, celex, pairs


# --------------------------------------------------------------------------- drafts
def comment(label: str, text: str, width: int = 96) -> list[str]:
    words, lines, line = text.split(), [], f"# {label}:"
    for w in words:
        if len(line) + len(w) + 1 > width:
            lines.append(line)
            line = "#   "
        line += " " + w
    lines.append(line)
    return lines


def draft_tracker(rows: Iterable[TrackerRow], hub: list[dict[str, str]]) -> Iterator[str]:
    for row in rows:
        code = COUNTRIES.get(row.country, "??")
        authority = AUTHORITIES.get(row.authority_name, "??")
        refs, unparsed = parse_articles(row.articles)
        out = [f"# ---- {row.etid} ({row.country}; {row.authority_name})"]
        out += comment("controller", row.controller)
        if GENERIC.match(row.controller):
            out.append("# WARNING: generic controller name; not a company record")
        out += comment("sector / violation", f"{row.sector} / {row.violation}")
        out += comment("raw summary, for checking only (never paste)", row.summary)
        out += comment("links", " ".join(row.links))
        if unparsed:
            out += comment("articles not parsed", "; ".join(unparsed))
        for score, h in sorted(hub_candidates(row, hub), key=lambda x: -x[0])[:3]:
            out += comment(
                f"GDPRhub candidate (score {score})",
                f"{h['Decision by']} | {h['Case number/name']} | {h['Date of decision']} | "
                f"{h['Fine']} | {' / '.join(h['Parties'].split(chr(10)))}",
            )
        out.append(
            f"- id: {authority.split('-')[0]}-{slug(row.controller)[:40]}-fine-{row.date[:4]}"
        )
        out.append("  kind: fine")
        out.append(f"  label: TODO ({row.controller})")
        out.append(f"  authority: {authority}")
        out.append(f'  jurisdiction: "{code}"' if code == "NO" else f"  jurisdiction: {code}")
        out.append(f'  date: "{row.date}"')
        out.append("  status: decided")
        out.append("  subjects: [TODO]")
        if refs:
            out.append("  infringed:")
            out += [f'    - "{r}"' for r in refs]
        if row.amount is not None:
            out.append(
                f"  amount: {{value: {row.amount}, currency: EUR}}  # tracker EUR; check currency"
            )
        out.append("  summary: TODO")
        out.append("  source:")
        out.append(f"    url: https://www.enforcementtracker.com/{row.etid}")
        out.append("    dataset: CMS GDPR Enforcement Tracker")
        out.append(f"    record: {row.etid}")
        out.append("    publisher: CMS")
        out.append(f'    as_of: "{AS_OF}"')
        yield "\n".join(out)


def draft_cjeu(
    cases: Iterable[dict[str, object]], holdings: dict[str, list[dict[str, str]]]
) -> Iterator[str]:
    for c in cases:
        number = str(c["caseNumber"])
        first = re.sub(r"^(Joined )?Cases? ", "", number)
        first = first.split(" and ")[0].split(",")[0].strip()
        segments = str(c["caseTitle"]).split("#")
        locs = [x.strip() for x in str(c.get("modifiedLocations") or "").split(",") if x.strip()]
        decoded = [(loc, decode_location(loc)) for loc in locs]
        out = [f"# ---- {number} ({c['caseCelex']})"]
        out += comment("parties", str(c["caseParties"]))
        out += comment("title", " | ".join(segments[1:4]))
        for loc, ref in decoded:
            if ref is None:
                out.append(f"# WARNING: location code {loc!r} not decoded")
        for h in holdings.get(first, []):
            out += comment(
                f"holding {h['holding_id']} ({h['ruling_direction']}), for checking only",
                h["core_holding"],
            )
        year = str(c["caseDate"])[:4]
        out.append(f"- id: cjeu-{slug(str(c['caseParties']))[:30]}-{year}")
        out.append("  kind: judgment")
        out.append(f"  label: TODO ({first}), CJEU {year}")
        out.append("  authority: cjeu")
        out.append("  jurisdiction: EU")
        out.append(f'  date: "{c["caseDate"]}"')
        out.append("  status: decided")
        refs = [r for _, r in decoded if r]
        if refs:
            out.append("  provisions:")
            out += [f'    - "{r}"' for r in dict.fromkeys(refs)]
        out.append("  identifiers:")
        out.append(f"    celex: {c['caseCelex']}")
        out.append(f'    case_number: "{re.sub(r"^(Joined )?Cases? ", "", number)}"')
        formation = re.search(r"\(([^)]*Chamber)\)", segments[0])
        chamber = formation.group(1) if formation else "?"
        m = re.match(
            r"(Requests?) for a preliminary ruling from the (.*?)\.?$", segments[2].strip()
        )
        referrer = (
            f"{'references' if m.group(1) == 'Requests' else 'a reference'} from the {m.group(2)}"
            if m
            else "?"
        )
        out.append(f"  outcome: Preliminary ruling ({chamber}) on {referrer}.")
        out.append("  summary: TODO")
        out.append("  source:")
        out.append(
            f"    url: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{c['caseCelex']}"
        )
        out.append("    publisher: EUR-Lex")
        out.append(f'    as_of: "{AS_OF}"')
        yield "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    t = sub.add_parser("tracker", help="draft fines from the Enforcement Tracker")
    t.add_argument("etids", nargs="*", help="ETid-<n> to draft (default: the largest not curated)")
    t.add_argument("--top", type=int, default=60)
    c = sub.add_parser("cjeu", help="draft CJEU judgments from cases_metadata.json")
    c.add_argument("cases", nargs="*", help="case numbers like C-634/21 (default: not curated)")
    args = parser.parse_args(argv)

    etids, celex, _pairs = curated()
    if args.what == "tracker":
        rows = read_tracker()
        if args.etids:
            wanted = {e if e.startswith("ETid-") else f"ETid-{e}" for e in args.etids}
            chosen = [r for r in rows if r.etid in wanted]
        else:
            chosen = sorted(
                (r for r in rows if r.amount and r.etid not in etids and r.date != "Unknown"),
                key=lambda r: -(r.amount or 0),
            )[: args.top]
        drafts = list(draft_tracker(chosen, read_gdprhub()))
    else:
        cases = sorted(read_cjeu(), key=lambda x: str(x["caseDate"]))
        if args.cases:
            wanted = set(args.cases)
            cases = [x for x in cases if any(w in str(x["caseNumber"]) for w in wanted)]
        else:
            cases = [x for x in cases if x["caseCelex"] not in celex]
        drafts = list(draft_cjeu(cases, read_holdings()))
    print(
        "# DRAFTS ONLY: check every field against the raw row; write summaries in your own words."
    )
    print("decisions:")
    for d in drafts:
        print()
        print("\n".join(("  " + line) if line else line for line in d.splitlines()))
    print(f"\n# {len(drafts)} draft(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
