"""Scans and photos read by OCR with the real Tesseract engine: a contract rendered to page images
(text -> PDF -> 200 dpi image -> image-only PDF, and the same page as PNG/JPEG), read back whole."""

from __future__ import annotations

import io
import shutil

import pypdfium2 as pdfium
import pytest
from clausecheck.documents import InputError, Limits, parse
from clausecheck.segmentation import segment
from clirun import run_cli
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


# ---- straightening: deskew, uneven light, pages turned by a quarter or half ------------------------------


def photo_like(image, angle: float):
    """A phone photo of a page: turned `angle` degrees, light falling off to one side, soft focus."""
    import numpy as np
    from PIL import Image, ImageFilter

    image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))
    a = np.asarray(image, dtype=np.float32)
    a *= np.linspace(1.0, 0.6, a.shape[1])[None, :]
    return Image.fromarray(a.astype(np.uint8))


@pytest.mark.parametrize("angle", [-4.0, -1.3, 2.5])
def test_skew_angle_is_measured(angle):
    from clausecheck.documents.ocr import flatten, skew_angle

    image = photo_like(page_images()[0], angle)
    assert abs(skew_angle(flatten(image)) - (-angle)) <= 0.15  # the turn that levels it undoes the skew


def test_flatten_evens_out_the_light():
    import numpy as np
    from clausecheck.documents.ocr import flatten

    page = page_images()[0]
    shaded = np.asarray(photo_like(page, 0.0), dtype=np.float32)
    even = np.asarray(flatten(photo_like(page, 0.0)), dtype=np.float32)
    right = slice(-300, None)  # the darkest side: paper at 60 % of the light
    assert np.median(shaded[:, right]) < 170 and np.median(even[:, right]) > 245
    ink = (np.asarray(page) < 100).sum()
    assert 0.8 * ink < (even < 100).sum() < 1.3 * ink  # the letters stay dark, and nothing else turns dark


def test_a_skewed_photo_in_shadow_is_read():
    data = image_bytes(photo_like(page_images()[1], -3.0), "JPEG")
    doc = parse(data, "photo.jpg")
    flat = " ".join(words(doc.text))
    assert "Inventions listed in Exhibit A are excluded from this Agreement." in flat
    assert "governed by the laws of the State of California." in flat


@pytest.mark.skipif(shutil.which("tesseract") is None or "osd" not in __import__("pytesseract").get_languages(),
                    reason="Tesseract's orientation data is not installed (apt-get install tesseract-ocr-osd)")
def test_a_page_scanned_upside_down_is_turned_upright():
    pages = page_images()
    doc = parse(scanned_pdf([pages[0].rotate(180), pages[1]]), "scan.pdf")
    flat = " ".join(words(doc.text))
    assert "hereby assigns to the Company all right, title and interest" in flat
    assert doc.pages == 2 and not any("low" in note for note in doc.notes)


# ---- notes in the report, and what is not a document ------------------------------------------------------


def test_ocr_notes_reach_the_json_and_text_report(monkeypatch):
    import clausecheck
    from clausecheck.documents import ocr
    from clausecheck.report.text import render_text

    monkeypatch.setattr(ocr, "LOW_CONFIDENCE", 101.0)  # every page counts as low confidence
    monkeypatch.setattr(ocr, "STRAIGHTEN", False)  # (and is not shown to orientation detection)
    result = clausecheck.analyze(scanned_pdf(page_images()), name="scan.pdf", perspective="employee").to_dict()
    assert result["document"]["parser"] == "tesseract"
    assert any("text read by OCR (Tesseract) from 2 page images" in n for n in result["notes"])
    assert "OCR confidence was low on pages 1\u20132" in " ".join(result["notes"])
    text = " ".join(render_text(result).split())
    assert "text read by OCR" in text and "OCR confidence was low on pages 1\u20132" in text
    assert {c["page"] for c in result["clauses"]} == {1, 2}  # page numbers kept


def test_a_picture_with_a_few_words_is_not_a_document():
    from PIL import Image, ImageDraw, ImageFont

    poster = Image.new("L", (1200, 800), 255)
    draw = ImageDraw.Draw(poster)
    draw.text((100, 150), "SUMMER SALE", fill=0, font=ImageFont.load_default(size=90))
    draw.ellipse((800, 450, 1100, 750), fill=120)
    with pytest.raises(InputError, match=r"^sale\.png: is not a document: OCR found only \d+ words"):
        parse(image_bytes(poster, "PNG"), "sale.png")


def test_cli_refuses_bad_scans_with_one_line(tmp_path):
    from PIL import Image

    holiday = Image.linear_gradient("L").resize((900, 600)).convert("RGB")
    (tmp_path / "holiday.jpg").write_bytes(image_bytes(holiday, "JPEG"))
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf(page_images()[:1]))
    cases = [("holiday.jpg", {}, "no text was found in it by OCR"),
             ("scan.pdf", {"PATH": str(tmp_path)}, "Tesseract OCR engine is not installed")]  # no tesseract on PATH
    for name, env, problem in cases:
        r = run_cli("analyze", str(tmp_path / name), env=env)
        assert r.returncode == 2 and r.stdout == "", r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and name in r.stderr and problem in r.stderr, r.stderr


def test_a_kept_scan_is_sent_back_as_the_image_it_is():
    from clausecheck.service.api import _upload_media_type
    from PIL import Image

    for fmt, kind in (("PNG", "png"), ("JPEG", "jpeg"), ("TIFF", "tiff")):
        buf = io.BytesIO()
        Image.new("RGB", (60, 40), "white").save(buf, fmt)
        assert _upload_media_type("image", buf.getvalue()) == f"image/{kind}"
    # an uploaded web page is never sent back as text/html from the service's own origin
    assert _upload_media_type("html", b"<html><script>alert(1)</script></html>") == "application/octet-stream"


# ---- page images among text pages: a scanned page appended to a typed agreement ---------------------------

TYPED_1 = [
    "EMPLOYMENT AGREEMENT",
    "",
    "1. Position. The Company employs the Employee as a Software Engineer from March 1.",
    "",
    "2. Salary. The Company shall pay the Employee a salary of $120,000 per year.",
]
SCANNED_2 = [
    "3. Inventions. The Employee assigns all inventions conceived during employment to",
    "the Company, together with all patents and copyrights in them.",
    "",
    "4. Notice. Either party may end this Agreement on thirty days written notice.",
]
TYPED_3 = [
    "5. Governing Law. This Agreement is governed by the laws of the State of New York.",
    "",
    "6. Entire Agreement. This Agreement is the whole agreement of the parties.",
]


def mixed_pdf(scanned: tuple[int, ...] = (2,)) -> bytes:
    pages = [TYPED_1, SCANNED_2, TYPED_3, TYPED_3[:1]]
    return make_pdf(pages[:max(3, *scanned)], scanned=scanned)


def test_a_page_image_among_text_pages_is_read_by_ocr_in_page_order():
    doc = parse(mixed_pdf(), "offer.pdf")
    assert doc.parser == "pypdfium2+tesseract(1 of 3 pages)" and doc.pages == 3
    assert "page 2 was a page image, read by OCR (Tesseract); check names, figures and dates" in " ".join(doc.notes)
    flat = " ".join(words(doc.text))
    assert "The Employee assigns all inventions conceived during employment to the Company" in flat
    assert flat.index("$120,000") < flat.index("assigns all inventions") < flat.index("State of New York")
    assert "Page 2 of 3" not in doc.text  # the scanned page's footer is furniture, as on the typed pages
    clauses = segment(doc)
    assigns = [c for c in clauses if "assigns all inventions" in " ".join(c.text.split())]
    assert len(assigns) == 1 and assigns[0].page == 2
    assert [c.page for c in clauses if "thirty days" in c.text] == [2]
    assert [c.page for c in clauses if "New York" in c.text] == [3]


def test_ocr_pages_of_a_mixed_pdf_reach_the_report(monkeypatch):
    import clausecheck
    from clausecheck.documents import ocr

    monkeypatch.setattr(ocr, "LOW_CONFIDENCE", 101.0)  # the OCR page counts as low confidence
    monkeypatch.setattr(ocr, "STRAIGHTEN", False)
    result = clausecheck.analyze(mixed_pdf(), name="offer.pdf", perspective="employee").to_dict()
    notes = " ".join(result["notes"])
    assert "page 2 was a page image, read by OCR (Tesseract)" in notes
    assert "OCR confidence was low on page 2;" in notes
    assert result["document"]["parser"] == "pypdfium2+tesseract(1 of 3 pages)"
    assert 2 in {c["page"] for c in result["clauses"] if "inventions" in c["text"]}


def test_image_pages_over_the_ocr_limit_are_named_not_read():
    doc = parse(mixed_pdf(scanned=(2, 4)), "long.pdf", limits=Limits(max_ocr_pages=1))
    notes = " ".join(doc.notes)
    assert doc.parser == "pypdfium2+tesseract(1 of 4 pages)"
    assert "page 2 was a page image, read by OCR" in notes
    assert "page 4 was a page image and not read" in notes and "over the 1-page limit for OCR" in notes
    assert "assigns all inventions" in " ".join(words(doc.text))


def test_without_tesseract_a_mixed_pdf_is_read_from_its_text_pages(tmp_path):
    import json

    (tmp_path / "offer.pdf").write_bytes(mixed_pdf(scanned=(2, 3)))
    r = run_cli("analyze", str(tmp_path / "offer.pdf"), "--format", "json", env={"PATH": str(tmp_path)})
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    result = json.loads(r.stdout)
    notes = " ".join(result["notes"])
    assert "pages 2\u20133 were page images and not read" in notes, notes
    assert "the Tesseract OCR engine is not installed" in notes and "apt-get install tesseract-ocr" in notes
    assert result["document"]["parser"] == "pypdfium2"
    assert any("$120,000" in c["text"] for c in result["clauses"])
    assert not any("inventions" in c["text"] for c in result["clauses"])
