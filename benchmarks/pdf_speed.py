"""Pages per second: clausecheck `parse` (parse + segment) next to raw pypdfium2 text extraction and
pdfplumber's extract_text, on the same CUAD PDFs in the same run. Each figure is the median of
--repeat runs over the whole set.

    python benchmarks/pdf_speed.py [--files 25] [--repeat 3] [--plumber-files 25]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CUAD_PDF = ROOT.parent / "shared" / "data" / "cuad" / "pdf"


def raw_pdfium(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    n = 0
    for page in pdf:
        page.get_textpage().get_text_range()
        n += 1
    pdf.close()
    return n


def raw_plumber(data: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def ours(data: bytes, name: str = "x.pdf") -> int:
    from clausecheck.documents import parse
    from clausecheck.segmentation import segment

    doc = parse(data, name)
    segment(doc)
    return doc.pages or 0


def timed(fn, blobs: list[bytes], repeat: int) -> tuple[float, int]:
    runs = []
    pages = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        pages = sum(fn(b) for b in blobs)
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    paths = sorted(CUAD_PDF.glob("*.pdf"))
    if not paths:
        sys.exit(f"no PDFs in {CUAD_PDF}")
    # every k-th file, so the sample spans the alphabet (and the filers)
    step = max(1, len(paths) // args.files)
    blobs = [p.read_bytes() for p in paths[::step][: args.files]]
    ours(blobs[0])  # warm up: imports and spaCy pipeline construction
    t_raw, pages = timed(raw_pdfium, blobs, args.repeat)
    t_ours, _ = timed(ours, blobs, args.repeat)
    t_plumb, _ = timed(raw_plumber, blobs, 1)
    print(f"{len(blobs)} CUAD PDFs, {pages} pages; median of {args.repeat} runs (pdfplumber: 1 run)")
    print(f"  raw pypdfium2 get_text_range : {pages / t_raw:8.1f} pages/s")
    print(f"  clausecheck parse + segment  : {pages / t_ours:8.1f} pages/s")
    print(f"  pdfplumber extract_text      : {pages / t_plumb:8.1f} pages/s")
    print(f"  parse is {t_ours / t_raw:.2f}x the time of raw pypdfium2 (target <= 3x); "
          f"pdfplumber is {t_plumb / t_raw:.1f}x")


if __name__ == "__main__":
    main()
