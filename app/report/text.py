"""A readable terminal report of one analysis."""

from __future__ import annotations

import textwrap

from ..classify.taxonomy import BY_ID

_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def _name(cat: str) -> str:
    c = BY_ID.get(cat)
    return c.name if c else cat


def render_text(result: dict, width: int = 100) -> str:
    doc = result["document"]
    clauses = {c["id"]: c for c in result["clauses"]}
    out = [f"{doc['name']}  ({doc['format']}, {doc['pages'] or '-'} pages, {len(clauses)} clauses)  "
           f"perspective: {result['perspective']}"]
    for note in result.get("notes", []):
        out.append(f"note: {note}")
    findings = sorted(result.get("findings", []), key=lambda f: _ORDER.get(f["severity"], 9))
    out.append("")
    out.append(f"FINDINGS ({len(findings)})" if findings else "FINDINGS: none")
    for f in findings:
        out.append(f"\n[{f['severity'].upper()}] {f['title']}" + ("  (missing)" if f.get("missing") else ""))
        out.extend(textwrap.wrap(f["explanation"], width, initial_indent="  ", subsequent_indent="  "))
        for cid in f.get("clause_ids", []):
            c = clauses.get(cid)
            if c:
                where = f"p{c['page']} " if c.get("page") else ""
                out.extend(textwrap.wrap(f"{where}{cid}: \"{' '.join(c['text'].split())[:300]}\"", width,
                                         initial_indent="  > ", subsequent_indent="    "))
        if f.get("suggestion"):
            out.extend(textwrap.wrap("Ask for: " + f["suggestion"], width, initial_indent="  ",
                                     subsequent_indent="  "))
    out.append("\nCLAUSES BY CATEGORY")
    by_cat: dict[str, list[dict]] = {}
    for c in result["clauses"]:
        for lab in c["labels"]:
            by_cat.setdefault(lab["category"], []).append(c)
    for cat, items in sorted(by_cat.items(), key=lambda kv: _name(kv[0])):
        out.append(f"\n{_name(cat)} ({len(items)})")
        for c in items[:5]:
            score = next(lab["score"] for lab in c["labels"] if lab["category"] == cat)
            where = f"p{c['page']} " if c.get("page") else ""
            out.append(f"  {score:.2f} {where}{c['id']}: {' '.join(c['text'].split())[:width - 20]}")
        if len(items) > 5:
            out.append(f"  ... and {len(items) - 5} more")
    return "\n".join(out)
