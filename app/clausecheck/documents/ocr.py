"""Scans and photos read by OCR: Tesseract (through pytesseract) turns each page image into positioned
lines, which then go through the PDF reader's own pipeline (page furniture dropped, lines joined into
paragraphs, page numbers kept). Nothing is downloaded: Tesseract and its English data are a system
package (Debian: tesseract-ocr)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from .errors import InputError
from .limits import Limits

#: pages rendered for OCR at this resolution (Tesseract reads body text best at about 300 dpi)
RENDER_DPI = 300
#: at most this many pixels in one page image read by OCR (an A2 page at 300 dpi is about 35 million):
#: a larger PDF page is rendered at a lower resolution, a larger image file is refused
MAX_OCR_PIXELS = 40_000_000
#: a page whose words Tesseract trusts less than this on average (0-100) is noted as low confidence
LOW_CONFIDENCE = 75.0
INSTALL_HINT = ("install the Tesseract OCR engine (Debian/Ubuntu: apt-get install tesseract-ocr; "
                "macOS: brew install tesseract) and try again")


_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"II*\x00": "tiff", b"MM\x00*": "tiff"}


def image_kind(data: bytes) -> str | None:
    """'png', 'jpeg' or 'tiff' from the bytes alone: the signature, and a header Pillow can read
    (only the header is read here; the pixels are decoded when the page is read)."""
    kind = next((k for magic, k in _MAGIC.items() if data.startswith(magic)), None)
    if kind is None:
        return None
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():  # a damaged or huge image is judged by image_frames, not warned
            warnings.simplefilter("ignore")  # about on stderr
            Image.open(io.BytesIO(data)).close()  # reads the header only
    except Exception:  # Pillow raises many types on a damaged header: not an image we can read
        return None
    return kind


def _tesseract(name: str):
    try:
        import pytesseract
    except ImportError as exc:  # the Python wrapper is a dependency; guard a broken environment
        raise InputError(name, f"needs OCR, but pytesseract is not installed; {INSTALL_HINT}") from exc
    try:
        pytesseract.get_tesseract_version()
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise InputError(name, f"needs OCR (it is a scan or photo without a text layer), but the "
                               f"Tesseract OCR engine is not installed: {INSTALL_HINT}") from exc
    return pytesseract


def page_lines(image, page_no: int, name: str):
    """The text lines Tesseract finds on one page image, and the mean confidence of its words."""
    from .pdf import Line

    pytesseract = _tesseract(name)
    image = image.convert("L")
    try:
        data = pytesseract.image_to_data(image, lang="eng", config="--psm 3",
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError as exc:
        raise InputError(name, f"could not be read by OCR on page {page_no} ({exc.message or exc})") from exc
    scale = 72.0 / (image.info.get("dpi", (RENDER_DPI, RENDER_DPI))[1] or RENDER_DPI)
    groups: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word.strip() and float(data["conf"][i]) >= 0:
            groups.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    lines, confs = [], []
    for idx in groups.values():
        idx.sort(key=lambda i: data["left"][i])
        confs.extend(float(data["conf"][i]) for i in idx)
        lines.append(Line(
            page=page_no, text=" ".join(data["text"][i].strip() for i in idx),
            x0=min(data["left"][i] for i in idx) * scale,
            x1=max(data["left"][i] + data["width"][i] for i in idx) * scale,
            top=min(data["top"][i] for i in idx) * scale,
            bottom=max(data["top"][i] + data["height"][i] for i in idx) * scale))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines, (sum(confs) / len(confs) if confs else 0.0)


def ocr_pages(images: Iterable, name: str) -> tuple[list[list], list[int]]:
    """Lines of every page image, and the pages (1-based) read with low confidence."""
    pages, low = [], []
    for page_no, image in enumerate(images, start=1):
        lines, conf = page_lines(image, page_no, name)
        pages.append(lines)
        if lines and conf < LOW_CONFIDENCE:
            low.append(page_no)
    return pages, low


def check_pages(n_pages: int, name: str, limits: Limits) -> None:
    if n_pages > limits.max_ocr_pages:
        raise InputError(name, f"is a scan of {n_pages} pages, over the {limits.max_ocr_pages}-page limit for "
                               "OCR (reading a page by OCR takes seconds; split the file)")


def rendered_pages(pdf, n_pages: int, name: str = "the PDF"):
    """The pages of an open pypdfium2 document as images at RENDER_DPI (lower for a page so large that
    it would exceed MAX_OCR_PIXELS), one at a time; a page PDFium cannot render is one InputError."""
    import pypdfium2 as pdfium

    for i in range(n_pages):
        try:
            page = pdf[i]
            try:
                width, height = page.get_size()
                scale = min(RENDER_DPI / 72, 0.999 * (MAX_OCR_PIXELS / max(abs(width * height), 1.0)) ** 0.5)
                image = page.render(scale=scale).to_pil()
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise InputError(name, f"is a damaged PDF: page {i + 1} cannot be rendered for OCR ({exc})") from exc
        image.info["dpi"] = (scale * 72, scale * 72)
        yield image


def image_frames(data: bytes, name: str, limits: Limits) -> list:
    """The pages of a PNG, JPEG or (multi-page) TIFF, each upright as its EXIF orientation says."""
    import warnings

    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():  # Pillow's warnings on damaged tags would add lines to stderr;
            warnings.simplefilter("ignore")  # the pixel count is checked here, with a clear message
            img = Image.open(io.BytesIO(data))
            n = getattr(img, "n_frames", 1)
            check_pages(n, name, limits)
            frames = []
            for k in range(n):
                img.seek(k)
                if img.width * img.height > MAX_OCR_PIXELS:
                    raise InputError(name, f"is an image of {img.width} x {img.height} pixels, over the "
                                           f"{MAX_OCR_PIXELS // 1_000_000} million pixels clausecheck reads by OCR")
                frame = ImageOps.exif_transpose(img.copy())
                frame.info["dpi"] = img.info.get("dpi") or (RENDER_DPI, RENDER_DPI)
                frames.append(frame)
    except InputError:
        raise
    # Pillow raises many types on damaged files (OSError, ValueError, TypeError 'Missing dimensions',
    # struct.error, ...): each is a file we cannot decode
    except Exception as exc:
        raise InputError(name, "is not a type clausecheck reads (it starts like a PNG/JPEG/TIFF image but "
                               "cannot be decoded), judged by its content") from exc
    return frames


def parse_image(data: bytes, name: str, sha256: str, *, limits: Limits):
    """A photo or scan of pages (PNG, JPEG, TIFF) read by OCR."""
    from .pdf import document_from_lines

    pages, low = ocr_pages(image_frames(data, name, limits), name)
    return document_from_lines(pages, name, sha256, fmt="image", parser="tesseract",
                               notes=ocr_notes(len(pages), low), empty="no text was found in it by OCR "
                               "(is it a photo of a document?)")


def ocr_notes(n_pages: int, low: list[int]) -> list[str]:
    notes = [f"text read by OCR (Tesseract) from {n_pages} page image{'s' if n_pages != 1 else ''}; "
             "check names, figures and dates against the original"]
    if low:
        notes.append(f"OCR confidence was low on page{'s' if len(low) != 1 else ''} "
                     f"{', '.join(map(str, low))}; the text there may hold errors")
    return notes
