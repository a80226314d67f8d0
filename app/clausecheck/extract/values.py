"""Facts about the whole contract, read once: its parties, dates, governing law and kind.

`document_values(doc, clauses)` returns the analysis JSON's "values"; the checks read the contract
type from it instead of guessing again.
"""

from __future__ import annotations

import re

from ..lowered import folds_unlike_lower
from .contract_type import contract_type
from .contract_type import label as type_label

_LAW = re.compile(r"(?i:\b(?:governed by|construed in accordance with|subject to)\s+(?:and\s+construed\s+in\s+"
                  r"accordance\s+with\s+)?the\s+(?:internal\s+|substantive\s+)?laws?\s+of\s+(?:the\s+)?)"
                  r"(?P<place>(?i:state|commonwealth|province|republic|kingdom)\s+of\s+[A-Z]\w+(?:\s+[A-Z]\w+){0,3}|"
                  r"[A-Z]\w+(?:\s+(?:and|of)\s+[A-Z]\w+|\s+[A-Z]\w+){0,3})(?=[,.;\s(]|$)")
_DATE = re.compile(r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                   r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|"
                   r"October|November|December),?\s+\d{4}|\d{4}-\d{2}-\d{2})\b")
_DATE_KINDS = (
    ("effective_date", re.compile(r"\beffective(?: date| as of| from|\b)", re.IGNORECASE)),
    ("agreement_date", re.compile(r"\b(?:dated|made|entered into|as of|last updated|release date)\b", re.IGNORECASE)),
)


# every _LAW match starts with one of these, in any case
_LAW_CUES = ("governed by", "construed in accordance with", "subject to")


def _may_name_law(text: str) -> bool:
    """False when _LAW cannot match: the lower-cased text holds none of its opening phrases (most clauses;
    a substring test is far cheaper than the search)."""
    if folds_unlike_lower(text):
        return True
    low = text.lower()
    return any(cue in low for cue in _LAW_CUES)


def _labelled(clauses, category: str):
    return [c for c in clauses if any(lab.category == category for lab in getattr(c, "labels", []))]


def governing_law(clauses) -> str | None:
    """The place whose law governs: from a clause tagged governing law first, else any clause."""
    for c in _labelled(clauses, "governing_law") + list(clauses):
        m = _LAW.search(c.text) if _may_name_law(c.text) else None
        if m:
            return re.sub(r"\s+", " ", m.group("place")).strip()
    return None


def expiration_date(clauses) -> str | None:
    """The first calendar date in a clause the classifier tagged as the expiration date, if any."""
    for c in _labelled(clauses, "expiration_date"):
        m = _DATE.search(c.text)
        if m:
            return m.group(0)
    return None


def dates(text: str) -> dict:
    out: dict[str, str | None] = {"agreement_date": None, "effective_date": None}
    for m in _DATE.finditer(text[:4000]):
        before = text[max(0, m.start() - 60):m.start()]
        for key, rx in _DATE_KINDS:
            if out[key] is None and rx.search(before):
                out[key] = m.group(0)
                break
    return out


def document_values(doc, clauses) -> dict:
    from . import parties_of

    parties = parties_of(doc)
    kind = contract_type(doc.text)
    return {
        "parties": [{"name": p.name, "terms": p.terms} for p in parties.parties],
        **dates(doc.text),
        "expiration_date": expiration_date(clauses),
        "governing_law": governing_law(clauses),
        "contract_type": kind,
        "contract_type_label": type_label(kind),
    }
