"""A readable terminal report of one analysis: issues first (worst first), then the protections found,
then the clauses by category. Clauses are cited by section and page; no internal ids or hashes."""

from __future__ import annotations

import textwrap

from ..classify.taxonomy import BY_ID
from .findings import cite, clip, counts, plural, side, split, struck_words


def _name(cat: str) -> str:
    c = BY_ID.get(cat)
    return c.name if c else cat.replace("_", " ")


def _wrap(text: str, width: int, indent: str = "  ", first: str | None = None) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent, break_on_hyphens=False) or [first or indent]


def _header(result: dict, width: int) -> list[str]:
    doc, values = result["document"], result.get("values") or {}
    n = counts(result.get("findings", []))
    shape = [doc["format"].upper()]
    if doc.get("pages"):
        shape.append(plural(doc["pages"], "page"))
    shape.append(plural(len(result["clauses"]), "clause"))
    out = [f"{doc['name']}  ({', '.join(shape)})"]
    kind = values.get("contract_type_label") or doc.get("contract_type")
    if kind and values.get("looks_like_contract") is not False:
        out.append(f"Contract type: {kind}")
    perspective = result.get("perspective", "")
    out.append(f"Read from the side of {side(perspective)} (--perspective {perspective}).")
    out.append(f"Issues: {n['high']} high, {n['medium']} medium, {n['low']} low. "
               f"Protections found: {n['protections']}.")
    for note in result.get("notes", []):
        out.extend(_wrap(f"Note: {note}", width, "  ", ""))
    return out


def _issue(n: int, f: dict, clauses: dict, width: int) -> list[str]:
    tag = "  (missing protection)" if f.get("missing") else ""
    out = ["", f"{n}. [{f['severity'].upper()}] {f['title']}{tag}"]
    out.extend(_wrap(f["explanation"], width, "   "))
    for cid in f.get("clause_ids", []):
        c = clauses.get(cid)
        if c:
            label = "Nearest clause" if f.get("missing") else "Clause"
            out.extend(_wrap(f'{label}, {cite(c)}: "{clip(c["text"], 320)}"', width, "     ", "   > "))
    struck = struck_words(f)
    if struck:
        out.extend(_wrap("Strike: " + "; ".join(f'"{w}"' for w in struck), width, "     ", "   "))
    if f.get("suggestion"):
        out.extend(_wrap("Ask for: " + f["suggestion"], width, "     ", "   "))
    if f.get("fallback"):
        out.extend(_wrap("Fallback: " + f["fallback"], width, "     ", "   "))
    refs = [r["title"] for r in f.get("references") or []][:4]
    if refs:
        out.extend(_wrap("See: " + "; ".join(refs), width, "     ", "   "))
    return out


def _by_category(result: dict, width: int) -> list[str]:
    out = ["", "CLAUSES BY CATEGORY",
           "(the number before each clause is how sure the classifier is that it is of that type, 0 to 1)"]
    by_cat: dict[str, list[dict]] = {}
    for c in result["clauses"]:
        for lab in c["labels"]:
            by_cat.setdefault(lab["category"], []).append(c)
    for cat, items in sorted(by_cat.items(), key=lambda kv: _name(kv[0])):
        out.append(f"\n{_name(cat)} ({len(items)})")
        for c in items[:5]:
            score = next(lab["score"] for lab in c["labels"] if lab["category"] == cat)
            where = cite(c) if c.get("section") or c.get("page") else ""
            lead = f"  {score:.2f} {where + ': ' if where else ''}"
            out.append(lead + clip(c["text"], max(20, width - len(lead))))
        if len(items) > 5:
            out.append(f"  … and {len(items) - 5} more")
    if not by_cat:
        out.append("(no clause was recognised as one of the types clausecheck knows)")
    return out


def render_text(result: dict, width: int = 100) -> str:
    clauses = {c["id"]: c for c in result["clauses"]}
    issues, protections = split(result.get("findings", []))
    out = _header(result, width)
    out.append("")
    if issues:
        out.append(f"ISSUES ({len(issues)})")
    elif (result.get("values") or {}).get("looks_like_contract") is False:
        out.append("ISSUES: none found, but see the note above: this may not be a contract")
    else:
        out.append("ISSUES: none found")
    for n, f in enumerate(issues, start=1):
        out.extend(_issue(n, f, clauses, width))
    if protections:
        out.append("")
        out.append(f"PROTECTIONS FOUND ({len(protections)})")
        for f in protections:
            where = "; ".join(cite(clauses[cid]) for cid in f.get("clause_ids", []) if cid in clauses)
            out.extend(_wrap(f"- {f['title']}{f' ({where})' if where else ''}: {f['explanation']}",
                             width, "    ", "  "))
    out.extend(_by_category(result, width))
    out.append("")
    out.append("clausecheck flags common risks and suggests language to ask for; it is not legal advice.")
    return "\n".join(out)
