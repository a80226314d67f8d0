"""Scans and photos read by OCR: Tesseract (through pytesseract) turns each page image into positioned
lines, which then go through the PDF reader's own pipeline (page furniture dropped, lines joined into
paragraphs, page numbers kept). Before Tesseract reads a page, its lighting is evened out, its skew
measured and undone, and a page read with low confidence is turned upright as Tesseract's orientation
detection says. Nothing is downloaded: Tesseract, its English and orientation data are system packages
(Debian: tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-osd). benchmarks/ocr_quality.py measures it."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable

from .errors import InputError
from .limits import Limits

#: PDF pages are rendered for OCR at their scan's own resolution, at least MIN_RENDER_DPI and at most RENDER_DPI
#: (Tesseract reads body text best at 200-300 dpi); a page without an image at RENDER_DPI
RENDER_DPI = 300
MIN_RENDER_DPI = 150
#: at most this many pixels in one page image read by OCR (an A2 page at 300 dpi is about 35 million):
#: a larger PDF page is rendered at a lower resolution, a larger image file is refused
MAX_OCR_PIXELS = 40_000_000
#: a page whose words Tesseract trusts less than this on average (0-100) is noted as low confidence
LOW_CONFIDENCE = 75.0
#: a scan or photo in which OCR finds fewer words than this in all is not a document (a picture with a
#: caption, a sign, a logo); the shortest contract page holds far more
MIN_DOCUMENT_WORDS = 12
#: page images are straightened before OCR: lighting evened out, deskewed (up to MAX_SKEW degrees) and,
#: when read with low confidence, turned upright (90/180/270 degrees) as Tesseract's orientation detection
#: says; benchmarks/ocr_quality.py turns it off to compare
STRAIGHTEN = True
MAX_SKEW = 5.0
#: a page read with low confidence is read again turned as Tesseract's orientation detection says when it is at
#: least this sure (an open-ended scale: right calls on CUAD pages at 300 dpi scored 18-39, on a three-paragraph
#: page 8.6; wrong calls on blurred 150-dpi photos up to 7.8), and the turned reading is kept only when
#: Tesseract trusts its words more than the first, so a wrong call costs time, not text
MIN_OSD_CONFIDENCE = 1.0
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


def engine_missing() -> str | None:
    """What is missing to run OCR ("pytesseract is not installed", "the Tesseract OCR engine is not
    installed"), None when Tesseract can be run."""
    try:
        import pytesseract
    except ImportError:  # the Python wrapper is a dependency; guard a broken environment
        return "pytesseract is not installed"
    try:
        pytesseract.get_tesseract_version()
    except (pytesseract.TesseractNotFoundError, OSError):
        return "the Tesseract OCR engine is not installed"
    return None


def _tesseract(name: str):
    missing = engine_missing()
    if missing == "pytesseract is not installed":
        raise InputError(name, f"needs OCR, but {missing}; {INSTALL_HINT}")
    if missing:
        raise InputError(name, f"needs OCR (it is a scan or photo without a text layer), but {missing}: "
                               f"{INSTALL_HINT}")
    import pytesseract

    return pytesseract


def page_lines(image, page_no: int, name: str):
    """The text lines Tesseract finds on one page image, and the mean confidence of its words.

    With STRAIGHTEN the image is first evened out and deskewed; a page read with low confidence is
    then shown to Tesseract's orientation detection, and when that is sure the page is sideways or upside
    down, read again turned upright (the better-trusted reading is kept). Upright pages, nearly all of
    them, pay for no orientation detection."""
    pytesseract = _tesseract(name)
    dpi = (image.info.get("dpi") or (RENDER_DPI, RENDER_DPI))[1] or RENDER_DPI
    image = image.convert("L")
    if not STRAIGHTEN:
        return _read(image, dpi, page_no, name, pytesseract)
    image = deskew(flatten(image))
    lines, conf = _read(image, dpi, page_no, name, pytesseract)
    if conf < LOW_CONFIDENCE:
        turn = orientation(image, dpi, pytesseract)
        if turn:
            turned = _read(deskew(image.rotate(-turn, expand=True)), dpi, page_no, name, pytesseract)  # clockwise
            if turned[1] > conf:
                lines, conf = turned
    return lines, conf


def _read(image, dpi: float, page_no: int, name: str, pytesseract):
    from .pdf import Line

    try:
        data = pytesseract.image_to_data(image, lang="eng", config="--psm 3",
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError as exc:
        raise InputError(name, f"could not be read by OCR on page {page_no} ({exc.message or exc})") from exc
    scale = 72.0 / dpi
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


def flatten(image):
    """The page with uneven lighting evened out (a photo's shadow, a scan's grey paper): each pixel divided
    by the brightness of the paper around it, estimated as the brightest pixels nearby."""
    import numpy as np
    from PIL import Image, ImageFilter

    w, h = image.size
    f = max(1, min(w, h) // 200)  # the background at about 200 pixels across; strokes are far narrower
    small = image.resize((max(1, w // f), max(1, h // f)), Image.BILINEAR)
    paper = small.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.GaussianBlur(3))
    darkest, brightest = paper.getextrema()
    if darkest >= 0.9 * brightest:  # evenly lit already (a flatbed scan): nothing to even out
        return image
    paper = paper.resize((w, h), Image.BILINEAR)
    ink = np.asarray(image, dtype=np.float32)
    bright = np.maximum(np.asarray(paper, dtype=np.float32), 1.0)
    return Image.fromarray(np.clip(ink / bright * 255.0, 0, 255).astype(np.uint8))


def skew_angle(image, limit: float = MAX_SKEW) -> float:
    """The angle (degrees, counter-clockwise) that makes the page's text lines level: the angle at which
    the dark pixels, projected onto the vertical, pile up into the sharpest rows (sum of squared row
    counts), searched in quarter degrees within +-limit, then in fortieths around the best."""
    import numpy as np

    ys, xs = np.nonzero(np.asarray(image) < 128)
    if len(ys) < 500:  # next to no ink: nothing to level
        return 0.0
    if len(ys) > 300_000:
        keep = np.random.default_rng(0).choice(len(ys), 300_000, replace=False)
        ys, xs = ys[keep], xs[keep]
    ys, xs = ys.astype(np.float64), xs.astype(np.float64)

    def sharpness(deg: float) -> float:
        rows = np.round(ys - xs * np.tan(np.radians(deg))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    best = max(np.arange(-limit, limit + 1e-9, 0.25), key=sharpness)
    best = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.025), key=sharpness)
    return float(best)


def orientation(image, dpi: float, pytesseract) -> int:
    """Degrees (0, 90, 180 or 270, clockwise) to turn the page upright, by Tesseract's orientation and script
    detection, shown the page at RENDER_DPI (at 200 dpi it was unsure of an upside-down CUAD page, 0.5, that
    it called at 300 dpi with 18); 0 when it is unsure, finds too few letters, or its data (osd) is missing."""
    from PIL import Image

    if dpi < RENDER_DPI:
        f = RENDER_DPI / dpi
        image = image.resize((round(image.width * f), round(image.height * f)), Image.BILINEAR)
    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", output_type=pytesseract.Output.DICT)
    except (pytesseract.TesseractError, ValueError, KeyError):
        return 0
    if float(osd.get("orientation_conf", 0)) < MIN_OSD_CONFIDENCE:
        return 0
    return int(osd.get("rotate", 0)) % 360


def deskew(image):
    """The page turned by its skew angle so that its text lines are level (white fills the corners)."""
    from PIL import Image

    angle = skew_angle(image)
    if abs(angle) < 0.1:
        return image
    return image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)


def read_pages(images: Iterable, page_numbers: Iterable[int], name: str) -> tuple[list[list], list[int]]:
    """Lines of each page image (numbered by page_numbers, 1-based), and the pages read with low confidence:
    the one reading loop of whole scans, photos and the image pages of a PDF with a text layer."""
    pages, low = [], []
    for page_no, image in zip(page_numbers, images):
        lines, conf = page_lines(image, page_no, name)
        pages.append(lines)
        if lines and conf < LOW_CONFIDENCE:
            low.append(page_no)
    return pages, low


def ocr_pages(images: Iterable, name: str) -> tuple[list[list], list[int]]:
    """Lines of every page image of a scan or photo, and the pages (1-based) read with low confidence; a scan
    with next to no words is not a document."""
    pages, low = read_pages(images, itertools.count(1), name)
    n_words = sum(len(ln.text.split()) for lines in pages for ln in lines)
    if 0 < n_words < MIN_DOCUMENT_WORDS:
        raise InputError(name, f"is not a document: OCR found only {n_words} word{'s' if n_words != 1 else ''} in "
                               "it (a picture, a sign or a screenshot?); give a scan or photo of the contract's pages")
    return pages, low


def check_pages(n_pages: int, name: str, limits: Limits) -> None:
    if n_pages > limits.max_ocr_pages:
        raise InputError(name, f"is a scan of {n_pages} pages, over the {limits.max_ocr_pages}-page limit for "
                               "OCR (reading a page by OCR takes seconds; split the file)")


def _placed_images(page):
    """(area on the page in square points, pixels) of each image drawn on a PDF page."""
    import pypdfium2.raw as pdfium_c

    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        px_w, px_h = obj.get_px_size()
        yield abs((right - left) * (top - bottom)), px_w * px_h


def scan_dpi(page) -> float | None:
    """The resolution (pixels per inch of the page) of the image that covers most of a PDF page, None when no
    image covers half of it (a logo on a page of text drawn as outlines is no guide)."""
    width, height = page.get_size()
    best, area = None, 0.5 * abs(width * height)
    for placed, pixels in _placed_images(page):
        if placed > area and pixels > 0:
            best, area = 72.0 * (pixels / placed) ** 0.5, placed
    return best


def image_cover(page) -> float:
    """The share of a PDF page (0-1) its images cover (their areas added up: a scan cut into strips counts
    whole; a logo or a signature's image covers a few per cent)."""
    width, height = page.get_size()
    covered = sum(placed for placed, pixels in _placed_images(page) if pixels > 0)
    return min(1.0, covered / max(abs(width * height), 1.0))


def render_dpi(page) -> float:
    """A scan is rendered at its own resolution, within MIN_RENDER_DPI..RENDER_DPI: scaling a 200-dpi scan
    up to 300 dpi made OCR slower and no better (10 CUAD pages: word F1 0.978 at 300, 0.984 at 200)."""
    native = scan_dpi(page)
    return RENDER_DPI if native is None else min(RENDER_DPI, max(MIN_RENDER_DPI, native))


def rendered_pages(pdf, n_pages: int, name: str = "the PDF", only: Iterable[int] | None = None):
    """The first n_pages pages of an open pypdfium2 document (or the pages numbered `only`, 1-based) as images
    at the resolution of their scan (render_dpi; lower for a page so large that it would exceed MAX_OCR_PIXELS),
    one at a time; a page PDFium cannot render is one InputError."""
    import pypdfium2 as pdfium

    for i in (range(n_pages) if only is None else (n - 1 for n in only)):
        try:
            page = pdf[i]
            try:
                width, height = page.get_size()
                scale = min(render_dpi(page) / 72, 0.999 * (MAX_OCR_PIXELS / max(abs(width * height), 1.0)) ** 0.5)
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


def page_list(numbers: Iterable[int]) -> str:
    """'page 3', 'pages 3–4', 'pages 2, 5–7, 9'."""
    nums = sorted(set(numbers))
    runs: list[list[int]] = []
    for n in nums:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}\u2013{r[-1]}" for r in runs]
    return f"page{'s' if len(nums) != 1 else ''} {', '.join(parts)}"


def ocr_notes(n_pages: int, low: list[int], pages: list[int] | None = None) -> list[str]:
    """The notes on text read by OCR: from all n_pages page images of a scan or photo, or (`pages`) from the
    page images among the text pages of a PDF; and the pages read with low confidence."""
    check = "check names, figures and dates against the original"
    if pages is None:
        notes = [f"text read by OCR (Tesseract) from {n_pages} page image{'s' if n_pages != 1 else ''}; {check}"]
    else:
        were = "were page images" if len(pages) != 1 else "was a page image"
        notes = [f"{page_list(pages)} {were}, read by OCR (Tesseract); {check}"]
    if low:
        notes.append(f"OCR confidence was low on {page_list(low)}; the text there may hold errors")
    return notes


def unread_note(pages: list[int], reason: str) -> str:
    """The note on page images of a PDF with a text layer that were not read by OCR, and why."""
    were = "were page images" if len(pages) != 1 else "was a page image"
    return f"{page_list(pages)} {were} and not read (their words are missing from this analysis): {reason}"


def missing_engine_reason(missing: str) -> str:
    return f"{missing}; to read them, {INSTALL_HINT}"


def read_image_pages(pdf, page_numbers: list[int], name: str, limits: Limits) -> tuple[dict[int, list], list[str]]:
    """The page images among the text pages of a PDF (a scanned signature page, an exhibit or amendment
    scanned and appended) read by OCR: {page number: lines} and the notes for the report. Nothing here stops
    the analysis of the text pages: when Tesseract is missing, a page cannot be rendered or read, or there are
    more image pages than limits.max_ocr_pages, the pages left unread are named in a note."""
    missing = engine_missing()
    if missing:
        return {}, [unread_note(page_numbers, missing_engine_reason(missing))]
    todo, over = page_numbers[:limits.max_ocr_pages], page_numbers[limits.max_ocr_pages:]
    read: dict[int, list] = {}
    low: list[int] = []
    failed: dict[int, str] = {}
    for page_no in todo:
        try:
            (lines,), page_low = read_pages(rendered_pages(pdf, 0, name, only=[page_no]), [page_no], name)
        except InputError as exc:  # a page PDFium cannot render or Tesseract cannot read
            failed[page_no] = exc.problem
            continue
        read[page_no] = lines
        low.extend(page_low)
    notes = ocr_notes(len(read), low, pages=list(read)) if read else []
    if failed:
        notes.append(unread_note(list(failed), next(iter(failed.values()))))
    if over:
        notes.append(unread_note(over, f"over the {limits.max_ocr_pages}-page limit for OCR (reading a page by "
                                       "OCR takes seconds; split the file)"))
    return read, notes
