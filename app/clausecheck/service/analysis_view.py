"""What the analysis page shows: findings grouped by severity with protections apart, each with its
citations, the words to strike, a word-level redline, the fallback and the references; the document
cut into runs with each clause and the exact words findings are about highlighted; the filters.

Plain data for analysis.html; the same readings as the printable report (clausecheck.report)."""

from __future__ import annotations

from markupsafe import Markup

from ..perspectives import SEVERITY_RANK
from ..report.findings import ISSUE_SEVERITIES, cite, counts, is_protection, plural, side, split, struck_words
from ..report.html import category_name, label_text, pieces
from ..report.redline import to_html, word_diff

SEVERITY_FILTERS = {**{s: s.capitalize() for s in ISSUE_SEVERITIES}, "protection": "Protections"}


def _card(f: dict, n: int, clauses: dict[str, dict]) -> dict:
    red = f.get("redline") or None
    redline_html = None
    if red:
        ops = red.get("ops") or word_diff(red.get("original") or "", red.get("revised") or "")
        redline_html = Markup(to_html([(o, t) for o, t in ops]))
    return {
        **f, "n": n, "protection": is_protection(f), "category_name": category_name(f.get("category") or ""),
        "cited": [{"id": cid, "cite": cite(clauses[cid])} for cid in f.get("clause_ids") or [] if cid in clauses],
        "struck": struck_words(f), "redline_html": redline_html,
        "redline_appends": bool(red and red.get("mode") == "append"),
        "revised": (red or {}).get("revised"), "references": f.get("references") or [],
    }


def _wanted(card: dict, severity: str | None, category: str | None) -> bool:
    if severity == "protection" and not card["protection"]:
        return False
    if severity in ISSUE_SEVERITIES and (card["protection"] or card.get("severity") != severity):
        return False
    return not category or card.get("category") == category


def _segments(result: dict, text: str, cards: list[dict]) -> list[dict]:
    """The document as runs: gaps, and clauses (labelled or cited) with the struck words marked."""
    worst: dict[str, str] = {}
    numbers: dict[str, list[dict]] = {}
    hits: dict[str, list[str]] = {}
    for card in cards:
        for cid in card.get("clause_ids") or []:
            if SEVERITY_RANK.get(card.get("severity"), 0) > SEVERITY_RANK.get(worst.get(cid), 0):
                worst[cid] = card.get("severity")
            numbers.setdefault(cid, []).append({"n": card["n"], "id": card["id"]})
        if card["struck"] and card.get("clause_ids"):
            target = (card.get("redline") or {}).get("clause_id") or card["clause_ids"][0]
            hits.setdefault(target, []).extend(card["struck"])
    segments, pos = [], 0
    for c in sorted(result.get("clauses", []), key=lambda c: (c.get("start", 0), c.get("end", 0))):
        start, end = c.get("start", 0), c.get("end", 0)
        if not (c.get("labels") or c["id"] in worst) or start < pos or end > len(text) or end <= start:
            continue
        if start > pos:
            segments.append({"text": text[pos:start], "clause": None})
        segments.append({"clause": c, "severity": worst.get(c["id"]), "cite": cite(c),
                         "tags": ", ".join(category_name(lab["category"]) for lab in c.get("labels") or []),
                         "labels": label_text(c.get("labels") or []), "findings": numbers.get(c["id"], []),
                         "pieces": pieces(text, start, end, hits.get(c["id"], []))})
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:], "clause": None})
    return segments


def _categories_found(clauses: list[dict]) -> list[dict]:
    found: dict[str, dict] = {}
    for c in clauses:
        for lab in c.get("labels") or []:
            entry = found.setdefault(lab["category"], {"name": category_name(lab["category"]), "first": c["id"],
                                                       "cite": cite(c), "count": 0})
            entry["count"] += 1
    return sorted(found.values(), key=lambda e: e["name"])


def analysis_view(row: dict, severity: str | None = None, category: str | None = None) -> dict:
    """The context of analysis.html for one stored analysis `row` ({"id", "result", "text", ...}),
    showing only the findings of `severity` ("high", "medium", "low" or "protection") and `category`."""
    result, text = row["result"], row["text"]
    clauses = {c["id"]: c for c in result.get("clauses", [])}
    issues, protections = split(result.get("findings", []))
    cards = [_card(f, n, clauses) for n, f in enumerate(issues + protections, start=1)]
    severity = severity if severity in SEVERITY_FILTERS else None
    category = category if category in {c.get("category") for c in cards} else None
    shown = [c for c in cards if _wanted(c, severity, category)]
    doc, values = result.get("document", {}), result.get("values") or {}
    not_contract = values.get("looks_like_contract") is False
    return {
        "id": row["id"], "doc": doc, "file_kept": row.get("file_kept"), "batch_id": row.get("batch_id"),
        "pages": plural(doc["pages"], "page") if doc.get("pages") else None,
        "clause_count": plural(len(clauses), "clause"),
        "contract_type": None if not_contract else values.get("contract_type_label") or doc.get("contract_type"),
        "not_contract": not_contract, "side": side(result.get("perspective", "")),
        "perspective": result.get("perspective", ""), "notes": result.get("notes", []),
        "counts": counts(result.get("findings", [])), "total": len(cards), "shown": len(shown),
        "groups": [{"severity": s, "name": s.capitalize(), "cards": [c for c in shown
                                                                   if not c["protection"] and c["severity"] == s]}
                   for s in ISSUE_SEVERITIES],
        "protections": [c for c in shown if c["protection"]],
        "filter": {"severity": severity, "category": category, "severities": SEVERITY_FILTERS,
                   "categories": sorted({(c["category"], c["category_name"]) for c in cards if c.get("category")},
                                        key=lambda kv: kv[1])},
        "segments": _segments(result, text, cards),
        "categories_found": _categories_found(result.get("clauses", [])),
    }
