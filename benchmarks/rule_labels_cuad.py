"""How often the wording rules of clausecheck.classify.rules fire on real commercial contracts, and how
often they agree with CUAD's lawyers, for the categories CUAD marks (independent of the development set).

A rule hit on a clause counts as agreeing when a lawyer-marked excerpt of that category overlaps the
clause (shares at least half of the shorter one's words). Clauses the model already labelled are left
out, as in the pipeline: this measures only what the rules add.

    python benchmarks/rule_labels_cuad.py [--contracts 120]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from clausecheck.classify.model import cached
from clausecheck.classify.rules import RULES
from clausecheck.documents import parse
from clausecheck.segmentation import segment
from clausecheck.training.cuad import load, word_set

CUAD = Path(__file__).resolve().parents[2] / "shared" / "data" / "cuad"


def overlaps(clause: str, excerpt: str) -> bool:
    a, b = word_set(clause), word_set(excerpt)
    return bool(a and b) and len(a & b) >= 0.5 * min(len(a), len(b))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--contracts", type=int, default=120)
    args = ap.parse_args()
    contracts = [c for c in load(CUAD) if c.txt is not None][: args.contracts]
    model = cached()
    fired, agreed, gold_docs, found_docs = Counter(), Counter(), Counter(), Counter()
    marked = {cat for c in contracts for cat in c.excerpts}
    for contract in contracts:
        doc = parse(contract.txt.read_bytes(), contract.txt.name)
        clauses = segment(doc)
        model.label(clauses)
        for cat, rx in RULES.items():
            if cat not in marked:
                continue
            gold = contract.excerpts.get(cat, [])
            gold_docs[cat] += bool(gold)
            hit_doc = False
            for cl in clauses:
                if any(lab.category == cat for lab in cl.labels):
                    continue
                if rx.search(" ".join(cl.text.split())):
                    fired[cat] += 1
                    ok = any(overlaps(cl.text, ex) for ex in gold)
                    agreed[cat] += ok
                    hit_doc |= ok
            found_docs[cat] += hit_doc
    print(f"{len(contracts)} CUAD contracts (txt); rule labels added where the model gave none")
    print(f"{'category':36} {'fired':>6} {'agree':>6} {'precision':>9} {'docs newly found':>17}")
    for cat in sorted(fired | gold_docs):
        if cat not in RULES or cat not in marked:
            continue
        p = agreed[cat] / fired[cat] if fired[cat] else float("nan")
        print(f"{cat:36} {fired[cat]:6} {agreed[cat]:6} {p:9.2f} {found_docs[cat]:8}/{gold_docs[cat]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
