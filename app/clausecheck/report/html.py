"""A standalone, printable HTML report: the findings, each suggestion beside the original clause as a
word-level redline, and the document text with its clauses highlighted by category and severity.

No external files, fonts or scripts: the page works offline and prints cleanly.
"""

from __future__ import annotations

import colorsys
import hashlib
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from ..classify.taxonomy import BY_ID
from ..perspectives import SEVERITIES
from .findings import cite, counts, is_protection, plural, side, split, struck_words, word_spans
from .redline import to_html, word_diff

TEMPLATES = Path(__file__).resolve().parent / "templates"
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    return env


def category_name(cat: str) -> str:
    c = BY_ID.get(cat)
    return c.name if c else cat.replace("_", " ").capitalize()


def category_colour(cat: str) -> str:
    """A stable, light colour per category (for borders and the legend)."""
    h = int(hashlib.sha1(cat.encode()).hexdigest()[:6], 16) / 0xFFFFFF
    r, g, b = colorsys.hls_to_rgb(h, 0.45, 0.55)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


def label_text(labels: list[dict]) -> str:
    """ "Non-compete (93 % sure)": a clause's categories with the classifier's confidence."""
    return ", ".join(f"{category_name(lab['category'])} ({lab['score']:.0%} sure)" for lab in labels)


def pieces(text: str, start: int, end: int, words: list[str]) -> list[dict]:
    """text[start:end] cut into runs, `hit` where one of `words` (what a finding is about) stands."""
    out, pos = [], start
    for s, e in word_spans(text, start, end, words):
        if s > pos:
            out.append({"text": text[pos:s], "hit": False})
        out.append({"text": text[s:e], "hit": True})
        pos = e
    if pos < end:
        out.append({"text": text[pos:end], "hit": False})
    return out


def _document_parts(result: dict, text: str, worst: dict[str, str], refs: dict[str, list[int]],
                    hits: dict[str, list[str]]) -> list[dict]:
    """The document as a list of plain-text gaps and clause spans, in order."""
    parts: list[dict] = []
    pos = 0
    for c in sorted(result["clauses"], key=lambda c: c["start"]):
        start, end = c["start"], c["end"]
        if start < pos or end > len(text) or start >= end:
            continue  # overlapping or out-of-range offsets: show the clause once, in order
        if start > pos:
            parts.append({"kind": "gap", "text": text[pos:start]})
        labels = c.get("labels") or []
        cat = labels[0]["category"] if labels else None
        parts.append({
            "kind": "clause",
            "id": c["id"],
            "pieces": pieces(text, start, end, hits.get(c["id"], [])),
            "category": cat,
            "colour": category_colour(cat) if cat else "transparent",
            "labels": label_text(labels),
            "severity": worst.get(c["id"]),
            "findings": refs.get(c["id"], []),
        })
        pos = end
    if pos < len(text):
        parts.append({"kind": "gap", "text": text[pos:]})
    return parts


def render_html(result: dict, text: str) -> str:
    """The HTML report for one analysis `result` (the analysis dict) of a document whose extracted text is
    `text` (the offsets in result["clauses"] index into it)."""
    issues, protections = split(result.get("findings", []))
    clauses = {c["id"]: c for c in result["clauses"]}
    worst: dict[str, str] = {}
    refs: dict[str, list[int]] = {}
    hits: dict[str, list[str]] = {}
    cards = []
    for n, f in enumerate(issues + protections, start=1):
        for cid in f.get("clause_ids", []):
            if cid not in worst or _RANK[f["severity"]] < _RANK[worst[cid]]:
                worst[cid] = f["severity"]
            refs.setdefault(cid, []).append(n)
        struck = struck_words(f)
        if struck and f["clause_ids"]:
            hits.setdefault((f.get("redline") or {}).get("clause_id") or f["clause_ids"][0], []).extend(struck)
        red = f.get("redline")
        redline_html = None
        if red:
            ops = red.get("ops") or word_diff(red["original"], red["revised"])
            redline_html = Markup(to_html([(o, t) for o, t in ops]))
        cited = [{"id": cid, "cite": cite(clauses[cid]), "text": " ".join(clauses[cid]["text"].split())}
                 for cid in f.get("clause_ids", []) if cid in clauses]
        cards.append({**f, "n": n, "cited": cited, "redline_html": redline_html, "struck": struck,
                      "protection": is_protection(f), "category_name": category_name(f["category"]),
                      "colour": category_colour(f["category"])})
    cats_present: dict[str, int] = {}
    for c in result["clauses"]:
        for lab in c.get("labels") or []:
            cats_present[lab["category"]] = cats_present.get(lab["category"], 0) + 1
    legend = [{"id": k, "name": category_name(k), "colour": category_colour(k), "count": v}
              for k, v in sorted(cats_present.items(), key=lambda kv: category_name(kv[0]))]
    doc, values = result["document"], result.get("values") or {}
    perspective = result.get("perspective", "")
    return _env().get_template("report.html").render(
        doc=doc,
        perspective=perspective,
        side=side(perspective),
        contract_type=(values.get("contract_type_label") or doc.get("contract_type"))
        if values.get("looks_like_contract") is not False else None,
        not_contract=values.get("looks_like_contract") is False,
        pages=plural(doc["pages"], "page") if doc.get("pages") else None,
        clause_count=plural(len(result["clauses"]), "clause"),
        notes=result.get("notes", []),
        issues=[c for c in cards if not c["protection"]],
        protections=[c for c in cards if c["protection"]],
        counts=counts(result.get("findings", [])),
        legend=legend,
        parts=_document_parts(result, text, worst, refs, hits),
    )
