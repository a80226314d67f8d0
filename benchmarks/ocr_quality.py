"""OCR quality on CUAD pages: how many of a page's words clausecheck's OCR path gets back.

A fixed sample of CUAD PDF pages (one page from each of several contracts, chosen by a stable rule:
contracts in the order of the SHA-1 of their normalised file names, in each the first page from a
position given by the same hash that has at least 150 words in its text layer and no images) is
rendered to images two ways:

  scan   200 dpi greyscale, straight, saved as an image-only PDF (read as a scanned PDF)
  photo  150 dpi, turned 1-2 degrees either way, slightly blurred, uneven lighting, a little noise,
         saved as a JPEG (read as a photo)
  turned (only with --sets ...,turned) the 200-dpi scan turned 90, 180 or 270 degrees, as an image-only PDF

and each image goes through clausecheck's real parser (`clausecheck.documents.parse`). Its text is
compared with the same page's own text layer as clausecheck reads it (the page alone as a text PDF,
so page numbers and lines are treated alike on both sides): word multiset F1, after the same
normalisation on both sides — Unicode NFKC, lower-case, curly quotes and dashes as ASCII, every
character that is not a letter or a digit removed from each whitespace-separated word (so "U.S." is
"us", "$1,000" is "1000", "non-exclusive" is "nonexclusive"), and words left empty dropped.

The first --dev contracts are the development sample (tuning looked at these); the next --heldout
contracts are held out (report them, do not tune on them). `--no-straighten` turns off the deskew and
rotation step, to measure what it does.

    python benchmarks/ocr_quality.py [--dev 30] [--heldout 10] [--sets scan,photo,turned] [--no-straighten]
                                     [--workers 2] [--worst 5]

Measured 2026-12-03, Tesseract 5.3.0, word F1 median / micro (targets: scan 0.97, photo 0.95):

             dev, 30 pages            held out, 10 pages
  scan       0.9960 / 0.9921          0.9963 / 0.9959       (the same without straightening)
  photo      0.9860 / 0.9796          0.9862 / 0.9863       without straightening 0.9173 / 0.7516, 0.9337 / 0.7818
  turned     0.9953 / 0.9911          0.9948 / 0.9955       without straightening 0.0142 / 0.3060, 0.4953 / 0.4796

1.6-2.3 s a page with 2 workers on a shared 2-CPU machine when it was quiet (4-14 s when it was busy).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import re
import statistics
import time
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CUAD_PDF = ROOT.parent / "shared" / "data" / "cuad" / "pdf"
MIN_WORDS = 150
SETS = ("scan", "photo", "turned")
DEFAULT_SETS = "scan,photo"

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_NOT_WORD = re.compile(r"[^\w]|_")


def normalise(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().translate(_QUOTES)
    return [w for w in (_NOT_WORD.sub("", tok) for tok in text.split()) if w]


def f1_counts(ref: list[str], got: list[str]) -> tuple[int, int, int]:
    """(words in both, words of the reference, words read): a multiset intersection."""
    common = sum((Counter(ref) & Counter(got)).values())
    return common, len(ref), len(got)


def f1(common: int, n_ref: int, n_got: int) -> float:
    if not n_ref or not n_got:
        return 0.0
    p, r = common / n_got, common / n_ref
    return 2 * p * r / (p + r) if p + r else 0.0


def _contract_key(path: Path) -> str:
    """The contract a file holds: CUAD has a few copies named 'X(1).pdf' beside 'X.pdf'."""
    return re.sub(r"\s*\(\d+\)\s*$", "", path.stem).strip().lower()


def _page_ok(pdf, i: int) -> int:
    """The words of page i's text layer, or 0 when it has images (a scan with a hidden OCR layer)."""
    import pypdfium2.raw as pdfium_c

    page = pdf[i]
    try:
        if any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)):
            return 0
        tp = page.get_textpage()
        n = len(tp.get_text_range().split())
        tp.close()
        return n
    finally:
        page.close()


def sample(n: int) -> list[tuple[Path, int]]:
    """(pdf, page index) for n contracts, in a stable order that does not depend on the file system."""
    import pypdfium2 as pdfium

    files = sorted(CUAD_PDF.glob("*.pdf"), key=lambda p: hashlib.sha1(_contract_key(p).encode()).hexdigest())
    seen: set[str] = set()
    out = []
    for path in files:
        key = _contract_key(path)
        if key in seen:
            continue
        seen.add(key)
        pdf = pdfium.PdfDocument(str(path))
        try:
            n_pages = len(pdf)
            start = int(hashlib.sha1((key + "#page").encode()).hexdigest(), 16) % n_pages
            for k in range(n_pages):
                i = (start + k) % n_pages
                if _page_ok(pdf, i) >= MIN_WORDS:
                    out.append((path, i))
                    break
        finally:
            pdf.close()
        if len(out) == n:
            break
    return out


def page_pdf(path: Path, i: int) -> bytes:
    """Page i alone, as a PDF with its text layer."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(path))
    dst = pdfium.PdfDocument.new()
    dst.import_pages(src, [i])
    buf = io.BytesIO()
    dst.save(buf)
    dst.close()
    src.close()
    return buf.getvalue()


def render(path: Path, i: int, dpi: int):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[i]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
    finally:
        pdf.close()
    return image


def as_scan(path: Path, i: int) -> tuple[bytes, str]:
    image = render(path, i, 200)
    buf = io.BytesIO()
    image.save(buf, format="PDF", resolution=200)
    return buf.getvalue(), "scan.pdf"


def as_photo(path: Path, i: int) -> tuple[bytes, str]:
    """A phone photo of the page: turned 1-2 degrees, soft focus, light falling off across the page,
    sensor noise, JPEG."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = random.Random(f"{path.name}#{i}")
    angle = rng.uniform(1.0, 2.0) * rng.choice((-1, 1))
    image = render(path, i, 150)
    image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    a = np.asarray(image, dtype=np.float32)
    h, w = a.shape
    yy, xx = np.mgrid[0:h, 0:w]
    gx, gy = rng.uniform(-0.25, 0.25), rng.uniform(-0.25, 0.25)
    light = 0.85 + gx * (xx / w - 0.5) + gy * (yy / h - 0.5)  # 0.6-1.1 across the page
    a = a * np.clip(light, 0.55, 1.0)
    a += np.random.default_rng(rng.randrange(2**32)).normal(0, 6, a.shape)
    image = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=80, dpi=(150, 150))
    return buf.getvalue(), "photo.jpg"


def as_turned(path: Path, i: int) -> tuple[bytes, str]:
    """The 200-dpi scan fed into the scanner sideways or upside down (90, 180 or 270 degrees, by page)."""
    turn = (90, 180, 270)[int(hashlib.sha1(f"{path.name}#{i}".encode()).hexdigest(), 16) % 3]
    image = render(path, i, 200).rotate(turn, expand=True)
    buf = io.BytesIO()
    image.save(buf, format="PDF", resolution=200)
    return buf.getvalue(), "turned.pdf"


MAKERS = {"scan": as_scan, "photo": as_photo, "turned": as_turned}


def measure(job: tuple[str, Path, int, bool]) -> dict:
    from clausecheck.documents import InputError, parse
    from clausecheck.documents import ocr as ocr_module

    kind, path, i, straighten = job
    ocr_module.STRAIGHTEN = straighten
    ref_doc = parse(page_pdf(path, i), "page.pdf")
    ref = normalise(ref_doc.text)
    data, name = MAKERS[kind](path, i)
    t0 = time.perf_counter()
    try:
        doc = parse(data, name)
        text, notes = doc.text, doc.notes
    except InputError as exc:
        text, notes = "", [str(exc)]
    seconds = time.perf_counter() - t0
    common, n_ref, n_got = f1_counts(ref, normalise(text))
    return {"set": kind, "page": f"{path.name[:60]} p{i + 1}", "common": common, "n_ref": n_ref, "n_got": n_got,
            "f1": f1(common, n_ref, n_got), "seconds": seconds,
            "low": any("confidence was low" in n for n in notes)}


def report(label: str, rows: list[dict], worst: int) -> None:
    for kind in SETS:
        got = [r for r in rows if r["set"] == kind]
        if not got:
            continue
        common, n_ref, n_got = (sum(r[k] for r in got) for k in ("common", "n_ref", "n_got"))
        scores = [r["f1"] for r in got]
        secs = [r["seconds"] for r in got]
        print(f"{label:8} {kind:6} pages {len(got):3d}  F1 median {statistics.median(scores):.4f}  "
              f"micro {f1(common, n_ref, n_got):.4f}  min {min(scores):.4f}  "
              f"P {common / max(n_got, 1):.4f} R {common / max(n_ref, 1):.4f}  "
              f"s/page {statistics.mean(secs):.2f}  low-confidence pages {sum(r['low'] for r in got)}")
        for r in sorted(got, key=lambda r: r["f1"])[:worst]:
            print(f"         worst  {r['f1']:.4f}  {r['page']}  ({r['n_ref']} words, read {r['n_got']})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=int, default=30, help="contracts in the development sample")
    ap.add_argument("--heldout", type=int, default=10, help="contracts after them, held out (0: none)")
    ap.add_argument("--sets", default=DEFAULT_SETS, help=f"from {','.join(SETS)}")
    ap.add_argument("--no-straighten", action="store_true", help="OCR without the deskew/rotation step")
    ap.add_argument("--only", choices=("dev", "heldout", "both"), default="both")
    ap.add_argument("--workers", type=int, default=2, help="pages read at once (Tesseract kept to one thread)")
    ap.add_argument("--worst", type=int, default=5)
    args = ap.parse_args()
    if not CUAD_PDF.is_dir():
        raise SystemExit(f"CUAD PDFs not found at {CUAD_PDF}")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one Tesseract thread per worker process
    pages = sample(args.dev + args.heldout)
    groups = {"dev": pages[:args.dev], "heldout": pages[args.dev:]}
    kinds = [k for k in args.sets.split(",") if k]
    straighten = not args.no_straighten
    print(f"OCR path: clausecheck.documents.parse; straighten (deskew + OSD rotation) {'on' if straighten else 'off'}")
    for label in ("dev", "heldout"):
        if args.only not in (label, "both") or not groups[label]:
            continue
        jobs = [(k, p, i, straighten) for k in kinds for p, i in groups[label]]
        t0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            rows = list(pool.map(measure, jobs))
        report(label, rows, args.worst)
        print(f"         ({len(jobs)} page images in {time.perf_counter() - t0:.0f} s with {args.workers} workers)")


if __name__ == "__main__":
    main()
