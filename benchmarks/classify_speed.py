"""Classify time next to parse time for the same ~30-page CUAD contracts, in one run.

`parse` is reading the PDF into a Document and splitting it into clauses (what `clausecheck parse`
does); `classify` is labelling those clauses with the trained model (model already loaded, as in
the service and in batch workers). Medians over the files, each timed --repeat times.

    python benchmarks/classify_speed.py [--files 10] [--min-pages 25] [--max-pages 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CUAD_PDF = ROOT.parent / "shared" / "data" / "cuad" / "pdf"


def main() -> None:
    import pypdfium2 as pdfium
    from clausecheck.classify.model import cached
    from clausecheck.documents import parse
    from clausecheck.segmentation import segment

    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--min-pages", type=int, default=25)
    ap.add_argument("--max-pages", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    chosen = []
    for p in sorted(CUAD_PDF.glob("*.pdf")):
        n = len(pdfium.PdfDocument(str(p)))
        if args.min_pages <= n <= args.max_pages:
            chosen.append((p, n))
        if len(chosen) >= args.files:
            break
    if not chosen:
        sys.exit(f"no PDFs of {args.min_pages}-{args.max_pages} pages in {CUAD_PDF}")
    model = cached()
    segment(parse(chosen[0][0].read_bytes(), chosen[0][0].name))  # warm up spaCy
    parse_t, class_t = [], []
    for path, pages in chosen:
        data = path.read_bytes()
        tp, tc = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            clauses = segment(parse(data, path.name))
            t1 = time.perf_counter()
            model.label(clauses)
            t2 = time.perf_counter()
            tp.append(t1 - t0)
            tc.append(t2 - t1)
        parse_t.append(statistics.median(tp))
        class_t.append(statistics.median(tc))
        print(f"  {pages:3d} pages {len(clauses):4d} clauses  parse {parse_t[-1] * 1000:6.0f} ms  "
              f"classify {class_t[-1] * 1000:6.0f} ms  {path.name[:60]}")
    mp, mc = statistics.median(parse_t), statistics.median(class_t)
    print(f"{len(chosen)} contracts of {args.min_pages}-{args.max_pages} pages: median parse {mp * 1000:.0f} ms, "
          f"median classify {mc * 1000:.0f} ms, classify/parse = {mc / mp:.2f} (target <= 1)")


if __name__ == "__main__":
    main()
