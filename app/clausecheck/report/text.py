"""A readable terminal report of one analysis: findings first (worst first), then protections found,
then the clauses by category."""

from __future__ import annotations

import textwrap

from ..classify.taxonomy import BY_ID
from ..perspectives import SEVERITY_ORDER as _ORDER  # noqa: E402
from .redline import word_diff

_WHO = {"employee": "an employee or job seeker", "creator": "a creator licensing their work",
        "customer": "a customer buying a service", "vendor": "a vendor selling a service"}


def _name(cat: str) -> str:
    c = BY_ID.get(cat)
    return c.name if c else cat.replace("_", " ")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _wrap(text: str, width: int, indent: str = "  ", first: str | None = None) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent, break_on_hyphens=False) or [first or indent]


def _deleted_words(finding: dict) -> list[str]:
    red = finding.get("redline") or {}
    if not red or red.get("mode") != "append":
        return []  # a replacement: the suggestion says it all
    ops = red.get("ops") or word_diff(red["original"], red["revised"])
    return [t.strip(" ,;") for o, t in ops if o == "delete" and t.strip(" ,;")]


def render_text(result: dict, width: int = 100) -> str:
    doc = result["document"]
    clauses = {c["id"]: c for c in result["clauses"]}
    findings = sorted(result.get("findings", []), key=lambda f: _ORDER.get(f["severity"], 9))
    issues = [f for f in findings if f["severity"] != "info"]
    protections = [f for f in findings if f["severity"] == "info"]
    counts = {s: sum(f["severity"] == s for f in findings) for s in _ORDER}
    perspective = result.get("perspective", "")
    out = [f"{doc['name']}  ({doc['format']}, {doc.get('pages') or '-'} pages, {len(clauses)} clauses)",
           f"Read as {_WHO.get(perspective, perspective)} (--perspective {perspective}).",
           "Findings: " + ", ".join(f"{counts[s]} {s}" for s in ("high", "medium", "low")) +
           f"; {counts['info']} protections found."]
    for note in result.get("notes", []):
        out.append(f"note: {note}")
    out.append("")
    out.append("ISSUES" if issues else "ISSUES: none found")
    for n, f in enumerate(issues, start=1):
        out.append("")
        tag = "  (missing protection)" if f.get("missing") else ""
        pages = f.get("pages") or []
        where = f"  [p{', p'.join(map(str, pages))}]" if pages else ""
        out.append(f"{n}. [{f['severity'].upper()}] {f['title']}{tag}{where}")
        out.extend(_wrap(f["explanation"], width, "   "))
        for cid in f.get("clause_ids", []):
            c = clauses.get(cid)
            if not c:
                continue
            loc = f"p{c['page']} " if c.get("page") else ""
            quote = _flat(c["text"])
            quote = quote if len(quote) <= 320 else quote[:317] + "..."
            label = "Clause" if not f.get("missing") else "Near"
            out.extend(_wrap(f'{label} {loc}{cid}: "{quote}"', width, "     ", "   > "))
        dele = _deleted_words(f)
        if dele:
            out.extend(_wrap("Strike: " + "; ".join(f'"{d}"' for d in dele), width, "     ", "   "))
        if f.get("suggestion"):
            out.extend(_wrap("Ask for: " + f["suggestion"], width, "     ", "   "))
        if f.get("fallback"):
            out.extend(_wrap("Fallback: " + f["fallback"], width, "     ", "   "))
        refs = [r["title"] for r in f.get("references", [])][:4]
        if refs:
            out.extend(_wrap("See: " + "; ".join(refs), width, "     ", "   "))
    if protections:
        out.append("")
        out.append("PROTECTIONS AND POINTS TO NOTE")
        for f in protections:
            cids = ", ".join(f.get("clause_ids", []))
            out.extend(_wrap(f"- {f['title']} ({cids}): {f['explanation']}", width, "    ", "  "))
    out.append("")
    out.append("CLAUSES BY CATEGORY")
    by_cat: dict[str, list[dict]] = {}
    for c in result["clauses"]:
        for lab in c["labels"]:
            by_cat.setdefault(lab["category"], []).append(c)
    for cat, items in sorted(by_cat.items(), key=lambda kv: _name(kv[0])):
        out.append(f"\n{_name(cat)} ({len(items)})")
        for c in items[:5]:
            score = next(lab["score"] for lab in c["labels"] if lab["category"] == cat)
            where = f"p{c['page']} " if c.get("page") else ""
            out.append(f"  {score:.2f} {where}{c['id']}: {_flat(c['text'])[:width - 20]}")
        if len(items) > 5:
            out.append(f"  ... and {len(items) - 5} more")
    out.append("")
    out.append("clausecheck flags common risks and suggests language to ask for; it is not legal advice.")
    return "\n".join(out)
