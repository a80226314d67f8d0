"""Run the library's checks over a contract and turn what the detectors find into findings."""

from __future__ import annotations

import re

from .context import Ctx
from .detectors import DETECTORS, Hit
from .library import SEVERITY_ORDER, CategoryPlaybook, Check, Library, as_data, load_library
from .render import render

# Statutes that limit invention assignments (the employee-side references).
STATUTES = ("California Labor Code §2870; Washington RCW 49.44.140; Illinois 765 ILCS 1060/2; Minnesota Stat. "
            "§181.78; Delaware 19 Del. C. §805; North Carolina G.S. §66-57.1; Kansas K.S.A. 44-130; Utah Code "
            "§34-39-3; Nevada NRS 600.500")


def check_contract(doc, clauses, perspective: str, library_dir=None, values: dict | None = None,
                   attributes: list | None = None) -> list[dict]:
    """Findings for one contract from `perspective` (employee, creator, customer or vendor), using the
    built-in clause library with `library_dir` laid over it. `values` are the document facts
    extract/ read (contract type, parties); `attributes` each clause's (a dict, or an
    extract.ClauseReading that works out what the checks ask for; default: the clauses' own, or a
    reading where a clause has none)."""
    library = load_library(library_dir)
    ctx = Ctx.build(doc, clauses, perspective, values=values, attributes=attributes)
    return run_checks(ctx, library)


# The checks over the structured reading (detectors/obligations.py) restate some older checks in new words.
_RESTATING = frozenset(name for name, d in DETECTORS.items() if d.fn.__module__.endswith(".obligations"))


def _drop_restated(findings: list[dict]) -> list[dict]:
    """Drop a structured-reading finding when older findings of its category, at the same or a higher
    severity, already cite every clause it cites (findings come sorted by severity)."""
    older = [f for f in findings if f["_detector"] not in _RESTATING and f["clause_ids"]]
    out = []
    for f in findings:
        covered = {cid for o in older if o["category"] == f["category"]
                   and SEVERITY_ORDER[o["severity"]] <= SEVERITY_ORDER[f["severity"]] for cid in o["clause_ids"]}
        if f["_detector"] in _RESTATING and f["clause_ids"] and set(f["clause_ids"]) <= covered:
            continue  # says nothing the older finding does not
        out.append(f)
    for f in out:
        del f["_detector"]
    return out


def _pick(value, perspective: str):
    if isinstance(value, dict):
        return value.get(perspective) or value.get("default")
    return value


def run_checks(ctx: Ctx, library: Library) -> list[dict]:
    findings: list[dict] = []
    for pb, check in library.checks:
        if ctx.perspective not in check.severity:
            continue
        if check.applies_to is not None and ctx.contract_type and ctx.contract_type not in check.applies_to:
            continue
        det = DETECTORS[check.detector]
        params = as_data(check.params_model()) if check.detector in ("match", "missing") else check.params
        for hit in det.fn(ctx, params):
            f = _finding(ctx, pb, check, hit)
            if f is not None:
                findings.append(f)
    findings.sort(key=lambda f: (SEVERITY_ORDER[f["severity"]], f["_order"]))
    findings = _drop_restated(findings)
    for i, f in enumerate(findings, start=1):
        f["id"] = f"f{i}"
        del f["_order"]
    return findings


def _finding(ctx: Ctx, pb: CategoryPlaybook, check: Check, hit: Hit) -> dict | None:
    p = ctx.perspective
    variant = check.variants.get(hit.variant) if hit.variant else None
    severity = (variant.severity.get(p) if variant else None) or check.severity[p]
    title = (variant.title if variant and variant.title else None) or check.title
    explanation = _pick(variant.explanation, p) if variant and variant.explanation else None
    explanation = explanation or _pick(check.explanation, p)
    suggestion = _pick(variant.suggestion, p) if variant and variant.suggestion else None
    suggestion = suggestion or _pick(check.suggestion, p)
    fallback = _pick(variant.fallback, p) if variant and variant.fallback else None
    fallback = fallback or _pick(check.fallback, p)
    position = (variant.position if variant and variant.position else None) or check.position
    work_name = ctx.work_term or "work"
    if ctx.work_term is None:  # no defined term: "your work", "Photographer's work"
        work = render("{creator's} work", ctx.sides, p if p != "vendor" else "customer")
    else:
        work = work_name if work_name.lower().startswith(("your ", "customer ")) else f"the {work_name}"
    variables = {"statutes": STATUTES, "document": ctx.doc.name if ctx.doc is not None else "this contract",
                 "work": work, "work_name": work_name,
                 "material": "your work", "missing_safeguards": "", "duration": "a period", "cap": "",
                 "notice": "the notice period", "amount": ""} | hit.vars
    sides = ctx.sides
    cited = hit.clauses
    pages = sorted({c.page for c in cited if c.page is not None})
    refs = pb.references if check.references is None else [r for r in pb.references if r.id in check.references]
    rendered_suggestion = render(suggestion, sides, p, variables)
    finding = {
        "id": "",
        "rule": check.id,
        "category": pb.category,
        "severity": severity,
        "title": render(title, sides, p, variables, mode="plain"),
        "explanation": render(explanation, sides, p, variables, mode="plain"),
        "clause_ids": [c.id for c in cited],
        "missing": hit.missing,
        "suggestion": rendered_suggestion or "",
        "fallback": render(fallback, sides, p, variables),
        "position": position,
        "variant": hit.variant,
        "pages": pages,
        "references": [{k: v for k, v in as_data(r).items() if v is not None} for r in refs],
        "redline": _redline(check, cited, rendered_suggestion),
        "_order": cited[0].index if cited else 10**6,
        "_detector": check.detector,
    }
    return finding


def _redline(check: Check, cited, suggestion: str | None) -> dict | None:
    """The first cited clause, the clause as it would read with the suggestion applied, and the word-level
    changes between them ([op, text] with op equal / delete / insert)."""
    if not cited or not suggestion:
        return None
    original = " ".join(cited[0].text.split())
    if check.redline == "append":
        spans = []
        for pat in check.strip:
            spans.extend((m.start(), m.end()) for m in re.finditer(pat, original, flags=re.IGNORECASE)
                         if m.end() > m.start())
        ops: list[list[str]] = []
        pos = 0
        for a, b in sorted(_merge(spans)):
            if 0 < a and b < len(original) and not original[a - 1].isspace() and original[b] not in " .,;:)!?" \
                    and original[b - 1].isspace():
                b -= 1  # keep one space: "employment (the", not "employment(the"
            if a > pos:
                ops.append(["equal", original[pos:a]])
            ops.append(["delete", original[a:b]])
            pos = b
        ops.append(["equal", original[pos:]])
        ops.append(["insert", " " + suggestion])
        ops = [o for o in ops if o[1]]
        revised = "".join(t for o, t in ops if o != "delete")
    else:
        from ..textdiff import similarity, word_diff

        revised = suggestion
        if similarity(original, revised) >= 0.45:
            ops = [[o, t] for o, t in word_diff(original, revised)]
        else:  # little in common: strike the clause and insert the new text, rather than word confetti
            ops = [["delete", original], ["insert", " " + revised]]
    return {"clause_id": cited[0].id, "original": original, "revised": revised, "mode": check.redline,
            "ops": ops}


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
