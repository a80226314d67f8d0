"""Text fidelity of the PDF parser on the real CUAD PDFs.

1. Of the lawyer-marked excerpts (master_clauses.csv) that occur in the dataset's own txt, how many
   also occur in our parsed PDF text (compared on lower-cased letters and digits only)?
2. Of the lines that repeat on half or more of a PDF's pages (raw pypdfium2 text), how many
   occurrences end up inside clause text?

    python benchmarks/pdf_fidelity.py [--limit N] [--engine auto|pypdfium2|pdfplumber] [--misses]
"""

from __future__ import annotations

import argparse
import ast
import csv
import math
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CUAD = ROOT.parent / "shared" / "data" / "cuad"

csv.field_size_limit(1 << 30)


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def line_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip().lower()


def excerpts_of(row: dict) -> list[str]:
    out = []
    for key, value in row.items():
        if key == "Filename" or key.endswith("-Answer") or not value:
            continue
        try:
            items = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            continue
        out.extend(x for x in items if isinstance(x, str) and norm(x))
    return out


def repeated_lines(pdf_bytes: bytes) -> Counter:
    """Raw pypdfium2 lines repeating on half or more of the pages: line -> occurrences."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    n = len(pdf)
    per_page: list[list[str]] = []
    for page in pdf:
        text = page.get_textpage().get_text_range()
        per_page.append([k for k in (line_key(x) for x in text.split("\r\n")) if re.search(r"[a-z0-9]", k)])
    pdf.close()
    if n < 2:
        return Counter()
    pages_with = Counter(k for lines in per_page for k in set(lines))
    need = max(2, math.ceil(n / 2))  # on at least two pages: a line on one page does not repeat
    occ = Counter(k for lines in per_page for k in lines)
    return Counter({k: occ[k] for k, c in pages_with.items() if c >= need})


def one(args: tuple[str, list[str], str]) -> dict:
    from clausecheck.documents import InputError, parse
    from clausecheck.segmentation import segment

    stem, excerpts, engine = args
    pdf_path, txt_path = CUAD / "pdf" / f"{stem}.pdf", CUAD / "txt" / f"{stem}.txt"
    data = pdf_path.read_bytes()
    try:
        doc = parse(data, pdf_path.name, pdf_engine=engine)
    except InputError as exc:
        return {"stem": stem, "error": str(exc)}
    ours = norm(doc.text)
    theirs = norm(txt_path.read_text(encoding="utf-8", errors="replace"))
    eligible = [e for e in excerpts if norm(e) in theirs]
    missing = [e for e in eligible if norm(e) not in ours]
    clauses = segment(doc)
    clause_lines = Counter(line_key(x) for c in clauses for x in c.text.split("\n"))
    rep = repeated_lines(data)
    leaked = sum(min(clause_lines.get(k, 0), v) for k, v in rep.items())
    return {"stem": stem, "eligible": len(eligible), "missing": missing, "repeated": sum(rep.values()),
            "leaked": leaked, "leaked_lines": [k for k in rep if clause_lines.get(k)], "pages": doc.pages}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--engine", default="auto")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    if not (CUAD / "master_clauses.csv").exists():
        sys.exit(f"CUAD data not found at {CUAD}")
    rows = list(csv.DictReader(open(CUAD / "master_clauses.csv", encoding="utf-8")))
    tasks = []
    for row in rows:
        stem = Path(row["Filename"]).stem
        if (CUAD / "pdf" / f"{stem}.pdf").exists() and (CUAD / "txt" / f"{stem}.txt").exists():
            tasks.append((stem, excerpts_of(row), args.engine))
    if args.limit:
        tasks = tasks[: args.limit]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, tasks, chunksize=2))
    took = time.perf_counter() - t0
    errors = [r for r in results if "error" in r]
    ok = [r for r in results if "error" not in r]
    eligible = sum(r["eligible"] for r in ok)
    missing = sum(len(r["missing"]) for r in ok)
    repeated = sum(r["repeated"] for r in ok)
    leaked = sum(r["leaked"] for r in ok)
    print(f"contracts: {len(ok)} parsed, {len(errors)} refused, {sum(r['pages'] for r in ok)} pages, "
          f"{took:.1f} s ({args.jobs} jobs, engine={args.engine})")
    for r in errors:
        print("  refused:", r["error"])
    print(f"excerpts found in our PDF text: {eligible - missing}/{eligible} = "
          f"{100 * (eligible - missing) / max(eligible, 1):.2f} %")
    print(f"repeated-line occurrences inside clauses: {leaked}/{repeated} = "
          f"{100 * leaked / max(repeated, 1):.2f} %")
    if args.misses:
        for r in ok:
            for e in r["missing"][:3]:
                print(f"MISS {r['stem'][:50]}: {e[:200]!r}")
            if r["leaked_lines"]:
                print(f"LEAK {r['stem'][:50]}: {r['leaked_lines'][:5]}")


if __name__ == "__main__":
    main()
