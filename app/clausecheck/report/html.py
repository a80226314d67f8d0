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
from .redline import to_html, word_diff

TEMPLATES = Path(__file__).resolve().parent / "templates"
from ..perspectives import SEVERITIES  # noqa: E402

_RANK = {s: i for i, s in enumerate(SEVERITIES)}
_WHO = {"employee": "an employee or job seeker", "creator": "a creator licensing their work",
        "customer": "a customer buying a service", "vendor": "a vendor selling a service"}


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


def _document_parts(result: dict, text: str, worst: dict[str, str], refs: dict[str, list[int]]) -> list[dict]:
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
            "text": text[start:end],
            "category": cat,
            "colour": category_colour(cat) if cat else "transparent",
            "labels": ", ".join(f"{category_name(lab['category'])} {lab['score']:.2f}" for lab in labels),
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
    findings = sorted(result.get("findings", []), key=lambda f: _RANK.get(f["severity"], 9))
    clauses = {c["id"]: c for c in result["clauses"]}
    worst: dict[str, str] = {}
    refs: dict[str, list[int]] = {}
    cards = []
    for n, f in enumerate(findings, start=1):
        for cid in f.get("clause_ids", []):
            if cid not in worst or _RANK[f["severity"]] < _RANK[worst[cid]]:
                worst[cid] = f["severity"]
            refs.setdefault(cid, []).append(n)
        red = f.get("redline")
        redline_html = None
        if red:
            ops = red.get("ops") or word_diff(red["original"], red["revised"])
            redline_html = Markup(to_html([(o, t) for o, t in ops]))
        cited = []
        for cid in f.get("clause_ids", []):
            c = clauses.get(cid)
            if c:
                cited.append({"id": cid, "page": c.get("page"), "section": c.get("section"),
                              "text": " ".join(c["text"].split())})
        cards.append({**f, "n": n, "cited": cited, "redline_html": redline_html,
                      "category_name": category_name(f["category"]),
                      "colour": category_colour(f["category"])})
    counts = {s: sum(f["severity"] == s for f in findings) for s in SEVERITIES}
    cats_present: dict[str, int] = {}
    for c in result["clauses"]:
        for lab in c.get("labels") or []:
            cats_present[lab["category"]] = cats_present.get(lab["category"], 0) + 1
    legend = [{"id": k, "name": category_name(k), "colour": category_colour(k), "count": v}
              for k, v in sorted(cats_present.items(), key=lambda kv: category_name(kv[0]))]
    perspective = result.get("perspective", "")
    return _env().get_template("report.html").render(
        doc=result["document"],
        perspective=perspective,
        who=_WHO.get(perspective, perspective),
        notes=result.get("notes", []),
        findings=cards,
        issues=[c for c in cards if c["severity"] != "info"],
        protections=[c for c in cards if c["severity"] == "info"],
        counts=counts,
        legend=legend,
        parts=_document_parts(result, text, worst, refs),
        n_clauses=len(result["clauses"]),
    )
