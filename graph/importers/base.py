"""What the importers share: the sources they know, the read context, and reading JSON safely."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import RegKGError
from graph.importers.articles import Instruments

#: Preference when two records describe the same decision: lower wins (curated data is 0).
CURATED_RANK = 0
UNKNOWN_RANK = 9


class ImportFailed(RegKGError):
    """An import cannot start or finish: unknown source, unreadable file, failed validation."""


@dataclass(frozen=True)
class SourceInfo:
    """An importable source: how its graph is described and how its records are cited."""

    name: str
    title: str
    licence: str
    attribution: str
    dataset: str
    publisher: str
    rank: int
    #: sha256 of known snapshots → (date the snapshot was taken, how that is known): a
    #: decision dated after it is impossible.
    snapshots: dict[str, tuple[date, str]] = field(default_factory=dict)


SOURCES: dict[str, SourceInfo] = {
    s.name: s
    for s in (
        SourceInfo(
            "enforcementtracker",
            "CMS GDPR Enforcement Tracker (imported)",
            "no licence stated; © CMS; not for redistribution",
            "CMS GDPR Enforcement Tracker, © CMS (enforcementtracker.com)",
            "CMS GDPR Enforcement Tracker",
            "CMS",
            1,
            {
                "85c9bb50527835d2c996e0cba08feb79c58ca9db911f1ead1e6319118cf79013": (
                    date(2024, 3, 7),
                    "after the snapshot was taken (about March 2024)",
                )
            },
        ),
        SourceInfo(
            "gdprhub",
            "GDPRhub decision database export (imported)",
            "no licence stated; © noyb (GDPRhub); not for redistribution",
            "GDPRhub, noyb – European Center for Digital Rights (gdprhub.eu)",
            "GDPRhub",
            "noyb",
            2,
            {
                "617c31bd2feb3a6ded2b035e015bec5b88d628e8079d62585e0bf4538f919589": (
                    date(2024, 3, 7),
                    "after the export was downloaded (about March 2024)",
                )
            },
        ),
        SourceInfo(
            "privacyaffairs",
            "PrivacyAffairs GDPR fines tracker (imported)",
            "no licence stated; © PrivacyAffairs; not for redistribution",
            "PrivacyAffairs GDPR fines tracker, © PrivacyAffairs (privacyaffairs.com)",
            "PrivacyAffairs",
            "PrivacyAffairs",
            3,
            {
                "011f1775568d7ad3cdb997ebc6b2bac3283f6e04f6c2029b37de4a2409f407b3": (
                    date(2021, 10, 15),
                    "after the snapshot was taken (2021-10-15)",
                )
            },
        ),
        SourceInfo(
            "cjeu",
            "CJEU GDPR judgments: EUR-Lex metadata and coded holdings (imported)",
            "no licence stated; © mnov88/cjeudataprotection (coding); EUR-Lex data © European "
            "Union, reuse under Commission Decision 2011/833/EU; not for redistribution",
            "mnov88/cjeudataprotection (academic research use); judgments from EUR-Lex, "
            "© European Union",
            "CJEU GDPR holdings (mnov88/cjeudataprotection)",
            "mnov88/cjeudataprotection",
            4,
        ),
    )
}


@dataclass(frozen=True)
class ReadContext:
    """What a reader needs besides the file."""

    today: date
    instruments: Instruments
    not_after: date | None = None
    not_after_why: str = ""

    @property
    def as_of(self) -> str:
        return self.today.isoformat()


def load_json(path: Path) -> Any:
    """Parse a JSON file, or raise :class:`ImportFailed` with one line saying why."""
    try:
        with path.open(encoding="utf-8-sig") as fh:
            return json.load(fh)
    except json.JSONDecodeError as exc:
        msg = f"{path.name} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise ImportFailed(msg) from None
    except UnicodeDecodeError as exc:
        msg = f"{path.name} is not UTF-8 text (byte {exc.start})"
        raise ImportFailed(msg) from None
    except RecursionError:
        msg = f"{path.name} is nested too deeply to read"
        raise ImportFailed(msg) from None
