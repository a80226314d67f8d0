"""Findings on 50 real consumer Terms of Service (CLAUDETTE, CC BY 4.0) the checks were never written
against: of the sentences the CLAUDETTE annotators graded potentially or clearly unfair, how many
does clausecheck raise a finding on, in the matching category, read from the customer's side?

Each document is rebuilt from its sentences (one per line) and analysed whole. A tagged sentence is
found when a finding of a mapped category cites a clause that contains it. Also printed: findings of
those categories that cite no clause holding a sentence of that tag (a proxy for false alarms; for
ter and ch only unfair instances were tagged, so a fair clause may be counted here).

Note: the shipped classifier was trained partly on CLAUDETTE sentences (see models/MODEL_CARD.md);
the checks and their severities were not. Measure with --folds to restrict to documents of the
authors' test folds.

    python benchmarks/claudette_findings.py [--perspective customer] [--docs 50]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import clausecheck

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "more" / "claudette_tos_en" / "sentences.jsonl"
TAGS = {
    "ter": {"termination", "termination_for_convenience"},
    "ltd": {"cap_on_liability", "uncapped_liability"},
    "a": {"dispute_resolution"},
    "ch": {"changes_to_terms"},
}
UNFAIR = {"potentially_unfair", "clearly_unfair"}
_TAG = re.compile(r"^([a-z]+)(\d)$")


def norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def tags_of(row: dict) -> dict[str, bool]:
    """tag -> is it graded unfair (2 or 3)."""
    out = {}
    for raw in row["raw_tags"]:
        m = _TAG.match(raw)
        if m and m.group(1) in TAGS:
            out[m.group(1)] = out.get(m.group(1), False) or m.group(2) in ("2", "3")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--perspective", default="customer")
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--folds", default="0,1,2,3,4", help="the authors' test folds whose documents to use "
                    "(develop on some, measure on the others)")
    args = ap.parse_args()
    docs: dict[str, list[dict]] = defaultdict(list)
    for line in DATA.open(encoding="utf-8"):
        row = json.loads(line)
        docs[row["doc"]].append(row)
    found, total, alarms, cited_findings = Counter(), Counter(), Counter(), Counter()
    docs_hit, docs_with = Counter(), Counter()
    folds = {int(f) for f in args.folds.split(",")}
    names = [n for n in sorted(docs) if docs[n][0]["cv_test_fold"] in folds][: args.docs]
    for name in names:
        rows = sorted(docs[name], key=lambda r: r["sentence_index"])
        text = "\n".join(r["text"] for r in rows)
        result = clausecheck.analyze(text, name=f"{name}.txt", perspective=args.perspective)
        clause_text = {c["id"]: norm(c["text"]) for c in result.clauses}
        tagged = [(norm(r["text"]), tags_of(r)) for r in rows if tags_of(r)]
        for tag, cats in TAGS.items():
            fs = [f for f in result.findings if f["category"] in cats and f["clause_ids"]]
            cited = [clause_text[cid] for f in fs for cid in f["clause_ids"]]
            unfair = [s for s, t in tagged if t.get(tag)]
            any_graded = [s for s, t in tagged if tag in t]
            hit = [s for s in unfair if s and any(s in c for c in cited)]
            total[tag] += len(unfair)
            found[tag] += len(hit)
            if unfair:
                docs_with[tag] += 1
                docs_hit[tag] += bool(hit)
            for f in fs:
                cited_findings[tag] += 1
                texts = [clause_text[cid] for cid in f["clause_ids"]]
                if not any(s and s in c for s in any_graded for c in texts):
                    alarms[tag] += 1
    print(f"CLAUDETTE: {len(names)} consumer ToS (folds {args.folds}), read as {args.perspective}")
    print(f"{'tag':5} {'categories':45} {'unfair sentences found':>24} {'docs found':>11} {'findings':>9} "
          f"{'on no tagged clause':>20}")
    for tag, cats in TAGS.items():
        r = found[tag] / total[tag] if total[tag] else float("nan")
        print(f"{tag:5} {', '.join(sorted(cats)):45} {found[tag]:>8}/{total[tag]:<5} = {r:.2f} "
              f"{docs_hit[tag]:>5}/{docs_with[tag]:<5} {cited_findings[tag]:>9} {alarms[tag]:>20}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
