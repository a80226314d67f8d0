"""The real-drafting development set (../shared/data/real_contracts), scored in one process.

The same scoring as the set's own score.py (imported from it), with the model loaded once, a figure per
perspective, and the time per contract. The official figure is `python score.py <venv>/bin/clausecheck`.

    python benchmarks/real_contracts.py [--formats txt,docx,pdf] [--only NAME] [-v]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

import clausecheck

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "real_contracts"


def load_scorer(folder: Path):
    spec = importlib.util.spec_from_file_location("real_score", folder / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--formats", default="txt,docx,pdf")
    ap.add_argument("--only", default=None)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--model", type=Path, default=None, help="a model file (default: the shipped one)")
    args = ap.parse_args()
    scorer = load_scorer(args.data)
    per = defaultdict(lambda: [0, 0, 0])  # perspective -> hits, total, false highs
    times = []
    for ej in sorted(args.data.glob("*.expect.json")):
        name = ej.name[: -len(".expect.json")]
        if args.only and args.only not in name:
            continue
        exp = json.loads(ej.read_text(encoding="utf-8"))
        for ext in args.formats.split(","):
            path = args.data / f"{name}.{ext}"
            if not path.exists():
                continue
            t = time.perf_counter()
            result = clausecheck.analyze(path, perspective=exp["perspective"], model=args.model).to_dict()
            times.append(time.perf_counter() - t)
            h, n, misses, fh = scorer.score_one(result, exp)
            p = per[exp["perspective"]]
            p[0] += h
            p[1] += n
            p[2] += len(fh)
            print(f"== {path.name} ({exp['perspective']}, {result['document']['contract_type']}): {h}/{n}"
                  + (f", false highs {len(fh)}" if fh else ""))
            if args.verbose:
                for m in misses:
                    print("   miss:", m)
                for f in fh:
                    print(f"   false high: {f['category']} [{f['rule']}] {f['title'][:90]}")
    H = sum(p[0] for p in per.values())
    T = sum(p[1] for p in per.values())
    F = sum(p[2] for p in per.values())
    for persp, (h, n, f) in sorted(per.items()):
        print(f"  {persp:9} {h}/{n} = {h / n:.3f}; false highs {f}")
    print(f"real_contracts: hit {H}/{T} = {H / max(T, 1):.3f}; false highs {F}; "
          f"median {statistics.median(times):.2f} s per contract over {len(times)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
