"""CUAD v1 (The Atticus Project, CC BY 4.0): contracts, their lawyer-marked excerpts, and where those
excerpts sit in our own parsed text."""

from __future__ import annotations

import ast
import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..classify.taxonomy import BY_CUAD

csv.field_size_limit(1 << 30)

METADATA = {"Document Name", "Parties", "Agreement Date", "Effective Date"}
_ALNUM = re.compile(r"[a-z0-9]")


@dataclass
class Span:
    """A piece of a contract's text that is scored (a clause, or a baseline's sentence)."""
    text: str
    start: int
    end: int


@dataclass
class Contract:
    stem: str
    pdf: Path | None
    txt: Path | None
    excerpts: dict[str, list[str]]  # category id -> excerpts


def load(data_dir: Path) -> list[Contract]:
    """Every contract in a CUAD-layout folder (master_clauses.csv, pdf/, txt/)."""
    data_dir = Path(data_dir)
    master = data_dir / "master_clauses.csv"
    if not master.exists():
        raise FileNotFoundError(f"{data_dir} has no master_clauses.csv (expected CUAD v1's layout)")
    out = []
    with open(master, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            stem = Path(row["Filename"]).stem
            excerpts: dict[str, list[str]] = {}
            for name, cat in BY_CUAD.items():
                value = row.get(name) or "[]"
                try:
                    items = ast.literal_eval(value)
                except (ValueError, SyntaxError):
                    items = []
                items = [x for x in items if isinstance(x, str) and _ALNUM.search(x.lower())]
                if items:
                    excerpts[cat.id] = items
            pdf, txt = data_dir / "pdf" / f"{stem}.pdf", data_dir / "txt" / f"{stem}.txt"
            out.append(Contract(stem, pdf if pdf.exists() else None, txt if txt.exists() else None, excerpts))
    return out


def in_holdout(stem: str, fraction: float) -> bool:
    """A stable contract-level split: the same contract always lands on the same side."""
    if fraction <= 0:
        return False
    h = int(hashlib.sha256(stem.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return h < fraction


class Locator:
    """Finds excerpts in a text, comparing on lower-cased letters and digits only."""

    def __init__(self, text: str) -> None:
        low = text.lower()
        self.positions = [i for i, ch in enumerate(low) if ch.isalnum() and ch.isascii()]
        self.norm = "".join(low[i] for i in self.positions)

    def find(self, excerpt: str) -> tuple[int, int] | None:
        key = "".join(ch for ch in excerpt.lower() if ch.isalnum() and ch.isascii())
        if len(key) < 4:
            return None
        i = self.norm.find(key)
        if i < 0:
            return None
        return self.positions[i], self.positions[i + len(key) - 1] + 1


_WORD_SPLIT = re.compile(r"[\s/]+")


def word_set(text: str) -> set[str]:
    """The CUAD metric's words: lower-cased, `.,;:` removed, `/` as a space."""
    return {w for w in _WORD_SPLIT.split(re.sub(r"[.,;:]", "", text.lower())) if w}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)
