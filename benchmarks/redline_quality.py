"""Red-line quality on contracts with expected findings.

    python benchmarks/redline_quality.py                    # held-out contracts (sample_contracts/holdout)
    python benchmarks/redline_quality.py --set samples      # the tuning samples (sample_contracts)
    python benchmarks/redline_quality.py --set all -v       # both, listing every miss

Figures (the ones the issue is judged on):
- recall: expected findings (`expect`) that were raised, over all expected findings;
- high-severity precision: high findings whose rule is expected or allowed (`allow`), over all high
  findings;
- AI-training polarity: the clause holding each `ai_training` quote gets the expected polarity
  (grants / forbids); plus the held-out polarity sentences (holdout/ai_training_sentences.yaml).
Each contract is analysed from its PDF and its DOCX, so every figure counts both renderings.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml
from clausecheck.analysis import analyze_document
from clausecheck.documents import parse_file
from clausecheck.extract.polarity import ai_training_polarity

ROOT = Path(__file__).resolve().parents[1]

SETS = {"samples": ROOT / "sample_contracts", "holdout": ROOT / "sample_contracts" / "holdout"}


def _norm(s: str) -> str:
    return " ".join(s.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split()).lower()


def evaluate_file(path: Path, expected: dict, library: str | None = None) -> dict:
    doc = parse_file(path)
    out = {"recall": [0, 0], "high": [0, 0], "polarity": [0, 0], "absent": [0, 0], "misses": []}
    result = None
    for perspective, exp in (expected.get("perspectives") or {}).items():
        result = analyze_document(doc, perspective=perspective, library=library).to_dict()
        raised = {f["rule"] for f in result["findings"]}
        ok_rules = set(exp.get("expect") or []) | set(exp.get("allow") or [])
        for rule in exp.get("expect") or []:
            out["recall"][1] += 1
            if rule in raised:
                out["recall"][0] += 1
            else:
                out["misses"].append(f"{path.name} [{perspective}] missed {rule}")
        for f in result["findings"]:
            if f["severity"] == "high":
                out["high"][1] += 1
                if f["rule"] in ok_rules:
                    out["high"][0] += 1
                else:
                    out["misses"].append(f"{path.name} [{perspective}] unexpected high {f['rule']}: {f['title']}")
        for rule in exp.get("absent") or []:
            out["absent"][1] += 1
            if rule in raised:
                out["misses"].append(f"{path.name} [{perspective}] raised {rule}, expected absent")
            else:
                out["absent"][0] += 1
    if result is None:
        result = analyze_document(doc, perspective="creator", library=library).to_dict()
    for q in expected.get("ai_training") or []:
        out["polarity"][1] += 1
        quote = _norm(q["quote"])
        clause = next((c for c in result["clauses"] if quote in _norm(c["text"])), None)
        if clause is None:  # a quote split across clauses: the clause holding its start
            clause = next((c for c in result["clauses"] if _norm(c["text"]) and quote[:40] in _norm(c["text"])), None)
        got = ((clause or {}).get("attributes") or {}).get("ai_training", {}).get("polarity")
        if got == q["polarity"]:
            out["polarity"][0] += 1
        else:
            out["misses"].append(f"{path.name}: AI-training polarity {got} for {q['quote']!r}, expected "
                                 f"{q['polarity']}")
    return out


def sentence_polarity(path: Path) -> tuple[int, int]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    ok = sum((ai_training_polarity(r["text"]) or {}).get("polarity") == r["polarity"] for r in rows)
    return ok, len(rows)


def run(which: str, formats: tuple[str, ...], verbose: bool, library: str | None) -> dict:
    dirs = [SETS[which]] if which in SETS else list(SETS.values())
    tot = {"recall": [0, 0], "high": [0, 0], "polarity": [0, 0], "absent": [0, 0]}
    misses: list[str] = []
    n = 0
    t0 = time.perf_counter()
    for d in dirs:
        for exp_path in sorted(d.glob("*.expected.yaml")):
            expected = yaml.safe_load(exp_path.read_text(encoding="utf-8"))
            stem = exp_path.name.removesuffix(".expected.yaml")
            for fmt in formats:
                path = d / f"{stem}.{fmt}"
                if not path.exists():
                    misses.append(f"{path}: missing (run python sample_contracts/build.py)")
                    continue
                r = evaluate_file(path, expected, library)
                n += 1
                for k, acc in tot.items():
                    acc[0] += r[k][0]
                    acc[1] += r[k][1]
                misses.extend(r["misses"])
    elapsed = time.perf_counter() - t0

    def pct(a: list[int]) -> str:
        return f"{a[0]}/{a[1]} = {100 * a[0] / a[1]:.1f}%" if a[1] else "n/a"

    print(f"set: {which}  files: {n} ({', '.join(formats)})  time: {elapsed:.1f}s")
    print(f"  recall of expected findings:      {pct(tot['recall'])}")
    print(f"  precision of high findings:       {pct(tot['high'])}")
    print(f"  AI-training polarity (contracts): {pct(tot['polarity'])}")
    print(f"  expected-absent rules absent:     {pct(tot['absent'])}")
    if which in ("holdout", "all"):
        ok, total = sentence_polarity(SETS["holdout"] / "ai_training_sentences.yaml")
        print(f"  AI-training polarity (held-out sentences): {ok}/{total} = {100 * ok / total:.1f}%")
    if verbose:
        for m in misses:
            print("   -", m)
    elif misses:
        print(f"  ({len(misses)} misses; -v lists them)")
    return tot


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=["holdout", "samples", "all"], default="holdout")
    ap.add_argument("--formats", default="pdf,docx")
    ap.add_argument("--library", default=None, help="a clause-library folder laid over the built-in one")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    run(args.set, tuple(f.strip() for f in args.formats.split(",") if f.strip()), args.verbose, args.library)
    return 0


if __name__ == "__main__":
    sys.exit(main())
