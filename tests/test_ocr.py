"""Scans and photos read by OCR with the real Tesseract engine: a contract rendered to page images
(text -> PDF -> 200 dpi image -> image-only PDF, and the same page as PNG/JPEG), read back whole."""

from __future__ import annotations

import io
import shutil

import pypdfium2 as pdfium
import pytest
from clausecheck.documents import InputError, Limits, parse
from clausecheck.segmentation import segment
from pdfmaker import make_pdf

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None,
                                reason="Tesseract is not installed (apt-get install tesseract-ocr)")

PAGE_1 = [
    "1. Assignment of Inventions. The Employee hereby assigns to the Company all right,",
    "title and interest in any inventions conceived during the period of employment.",
    "",
    "2. Confidentiality. The Employee shall keep all Confidential Information secret.",
]
PAGE_2 = [
    "3. Prior Inventions. Inventions listed in Exhibit A are excluded from this Agreement.",
    "",
    "4. Governing Law. This Agreement is governed by the laws of the State of California.",
]


def page_images(dpi: int = 200, rotate: float = 0.0) -> list:
    pdf = pdfium.PdfDocument(make_pdf([PAGE_1, PAGE_2], footer="Page {n} of {total}"))
    images = [page.render(scale=dpi / 72).to_pil().convert("L") for page in pdf]
    pdf.close()
    if rotate:
        images = [im.rotate(rotate, expand=True, fillcolor=255) for im in images]
    return images


def scanned_pdf(images) -> bytes:
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=200)
    return buf.getvalue()


def image_bytes(image, fmt: str) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format=fmt, dpi=(200, 200))
    return buf.getvalue()


def words(text: str) -> list[str]:
    return " ".join(text.split()).split()


def test_a_scanned_pdf_is_read_by_ocr_with_its_pages():
    doc = parse(scanned_pdf(page_images()), "scan.pdf")
    assert doc.parser == "tesseract" and doc.format == "pdf" and doc.pages == 2
    flat = " ".join(words(doc.text))
    assert "hereby assigns to the Company all right, title and interest in any inventions" in flat
    assert "governed by the laws of the State of California." in flat
    assert "Page 1 of 2" not in doc.text  # page numbers are furniture, as in a text PDF
    assert any("OCR" in note for note in doc.notes)
    clauses = segment(doc)
    law = [c for c in clauses if "California" in c.text]
    assert law and law[0].page == 2


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF"])
def test_a_photo_of_a_page_is_read(fmt):
    data = image_bytes(page_images(rotate=1.5)[0], fmt)
    doc = parse(data, f"offer.{fmt.lower()}")
    assert doc.parser == "tesseract" and doc.format == "image"
    flat = " ".join(words(doc.text))
    assert "keep all Confidential Information secret" in flat


def test_an_image_without_text_is_refused_with_one_line():
    from PIL import Image

    blank = image_bytes(Image.new("L", (800, 1000), 255), "PNG")
    with pytest.raises(InputError, match="no text was found in it by OCR"):
        parse(blank, "holiday.png")


def test_the_ocr_page_limit():
    with pytest.raises(InputError, match="over the 1-page limit for OCR"):
        parse(scanned_pdf(page_images()), "long-scan.pdf", limits=Limits(max_ocr_pages=1))


def test_a_missing_engine_says_how_to_install_it(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(InputError, match="apt-get install tesseract-ocr"):
        parse(scanned_pdf(page_images()[:1]), "scan.pdf")
