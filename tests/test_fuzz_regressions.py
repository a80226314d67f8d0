"""Crashes found by benchmarks/fuzz_inputs.py, each rebuilt here from code: one line on stderr and
exit 2 (or a clean exit 0), never a traceback, a warning on stderr or gigabytes of memory."""

from __future__ import annotations

import io
import shutil
import struct
from pathlib import Path

import pytest
from clirun import run_cli
from pdfmaker import raw_pdf

ROOT = Path(__file__).resolve().parents[1]


def test_pdfminer_warnings_stay_off_stderr(tmp_path) -> None:
    """A font descriptor without /FontBBox: pdfminer warned 'Could not get FontBBox ...' on stderr."""
    text = b"BT /F1 11 Tf 72 720 Td (1. Term. The Contractor assigns all work product to the Client.) Tj ET"
    path = tmp_path / "no_fontbbox.pdf"
    path.write_bytes(raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Quokka /FontDescriptor 6 0 R >>",
        b"<< /Type /FontDescriptor /FontName /Quokka /Flags 32 >>",
    ]))
    result = run_cli("parse", str(path), "--pdf-engine", "pdfplumber")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "assigns all work product" in result.stdout


def _tiff(frames: int = 2, dpi: tuple[int, int] | None = None) -> bytearray:
    from PIL import Image

    frame = Image.new("L", (40, 20), 255)
    buf = io.BytesIO()
    extra = {"dpi": dpi} if dpi else {}
    frame.save(buf, format="TIFF", save_all=True, append_images=[frame] * (frames - 1), **extra)
    return bytearray(buf.getvalue())


def _ifd_entries(data: bytearray, ifd: int):
    for k in range(struct.unpack_from("<H", data, ifd)[0]):
        at = ifd + 2 + 12 * k
        yield at, struct.unpack_from("<H", data, at)[0]


def test_tiff_frame_without_dimensions_is_refused(tmp_path) -> None:
    """Pillow raised TypeError('Missing dimensions') while counting frames: a traceback."""
    data = _tiff()
    first = struct.unpack_from("<I", data, 4)[0]
    second = struct.unpack_from("<I", data, first + 2 + 12 * struct.unpack_from("<H", data, first)[0])[0]
    for at, tag in _ifd_entries(data, second):
        if tag == 256:  # ImageWidth of the second frame becomes a tag nobody knows
            struct.pack_into("<H", data, at, 0x0F00)
    path = tmp_path / "scan.tif"
    path.write_bytes(bytes(data))
    result = run_cli("parse", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip().splitlines() == [
        "clausecheck: scan.tif: is not a type clausecheck reads (it starts like a PNG/JPEG/TIFF image but "
        "cannot be decoded), judged by its content"]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_pillow_warnings_stay_off_stderr(tmp_path) -> None:
    """A tag whose data runs past the end of the file: Pillow's UserWarning was a second stderr line."""
    data = _tiff(frames=1, dpi=(300, 300))
    for at, tag in _ifd_entries(data, struct.unpack_from("<I", data, 4)[0]):
        if tag == 282:  # XResolution: its count made far larger than the file
            struct.pack_into("<I", data, at + 4, 1_000_000)
    path = tmp_path / "blank.tif"
    path.write_bytes(bytes(data))
    result = run_cli("parse", str(path))
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "blank.tif" in result.stderr and "Warning" not in result.stderr


def _image_only_pdf(media_box: bytes) -> bytes:
    import re

    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (200, 100), 255).save(buf, format="PDF", resolution=72.0)
    return re.sub(rb"/MediaBox\s*\[[^\]]*\]", b"/MediaBox [ " + media_box + b" ]", buf.getvalue())


def test_scan_with_huge_page_box_renders_within_the_pixel_limit() -> None:
    """An image-only PDF with a 14400 x 14400 pt page: rendering it at 300 dpi for OCR asked PDFium for a
    3.6-gigapixel bitmap (10 GB of memory, 45 s, then a PdfiumError traceback)."""
    import pypdfium2 as pdfium
    from clausecheck.documents.ocr import MAX_OCR_PIXELS, rendered_pages

    pdf = pdfium.PdfDocument(_image_only_pdf(b"0 0 14400 14400"))
    try:
        (image,) = list(rendered_pages(pdf, 1, "huge.pdf"))
    finally:
        pdf.close()
    assert image.width * image.height <= MAX_OCR_PIXELS
    assert image.info["dpi"][0] < 300  # rendered coarser, and page_lines scales back by this


def test_huge_image_is_refused_before_it_is_decoded(tmp_path) -> None:
    from PIL import Image

    path = tmp_path / "poster.png"
    Image.new("1", (7000, 6000), 1).save(path)  # 42 million pixels, a few kB on disk
    result = run_cli("parse", str(path))
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        "clausecheck: poster.png: is an image of 7000 x 6000 pixels, over the 40 million pixels clausecheck "
        "reads by OCR"]
