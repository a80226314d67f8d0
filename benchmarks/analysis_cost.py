"""Analysis time per contract on the real-drafting development set, for this checkout or an older one.

    python benchmarks/analysis_cost.py                 # this installation (clausecheck.analyze)
    python benchmarks/analysis_cost.py --old /tmp/old  # a checkout from before the package move (app.analysis)

Runs every document twice and keeps the second run (model loaded, caches warm); prints the median and
the total over the set, so two checkouts can be compared in one sitting on the same machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "real_contracts"


def runner(old: Path | None):
    if old is None:
        import clausecheck

        return lambda path, p: clausecheck.analyze(path, perspective=p)
    sys.path.insert(0, str(old))
    from app.analysis import analyze  # noqa: PLC0415 - the older layout

    return lambda path, p: analyze(path.read_bytes(), path.name, perspective=p)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", type=Path, default=None)
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    run = runner(args.old)
    times = []
    for ej in sorted(args.data.glob("*.expect.json")):
        perspective = json.loads(ej.read_text())["perspective"]
        for ext in ("txt", "docx", "pdf"):
            path = ej.with_name(ej.name.replace(".expect.json", f".{ext}"))
            if path.exists():
                run(path, perspective)
                t = time.perf_counter()
                run(path, perspective)
                times.append(time.perf_counter() - t)
    label = f"old checkout {args.old}" if args.old else "this checkout"
    print(f"{label}: {len(times)} documents, median {statistics.median(times) * 1000:.0f} ms, "
          f"total {sum(times):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
