"""PDF contracts: pypdfium2 (fast) by default, pdfplumber for tables and pages the fast path reads badly.

Both engines produce positioned lines; one pipeline then drops page furniture (running headers,
footers, page numbers, initials lines), rejoins words hyphenated across line ends and groups lines
into paragraphs, so no body text is lost and paragraph breaks are kept.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import math
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass
from itertools import compress

from .errors import InputError
from .headings import lists_with_commas, opens_mid_sentence, runs_on
from .limits import Limits
from .model import Document, DocumentBuilder

# --------------------------------------------------------------------------------------------- lines


@dataclass(slots=True)  # slots: cheaper to make and to read, thirty of them a page
class Line:
    page: int  # 1-based
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    kind: str = "text"  # "text" | "table_cell"


# pdfminer (under pdfplumber) logs warnings about damaged files; without a handler Python prints them
# on stderr, beside the one line a refused file gets
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

# spaces other than " ", then runs of " ": together they make each run of spaces one " " (one pattern for all
# spaces costs twice as much, replacing each " " by itself; "  +" is found faster than " {2,}")
_ODD_SPACES = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r"  +")
_CONTROL = re.compile(r"[\x00-\x01\x03-\x08\x0b-\x1f\ufffe\uffff]")
# either of the two above: most pages hold neither once "\r" and "\u00a0" are dealt with
_CONTROL_OR_ODD = re.compile(r"[\x00-\x01\x03-\x09\x0b-\x1f\ufffe\uffff\u00a0\u2000-\u200b\u202f\u205f\u3000]")


# a number set apart by position, not by a space character ("1.1The Licensee", "(a)Any")
_GLUED_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*\.|\d{1,3}(?:\.\d{1,3})+|\([a-zA-Z0-9]{1,4}\))(?=[A-Z(“\"])")


# characters PDFs use for others: a Greek question mark for a semicolon (common in EDGAR filings),
# typographic ligatures for their letters
_LOOKALIKES = {"\u037e": ";", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}


def _unify(text: str) -> str:
    """Soft hyphens, lookalike characters, control characters and runs of spaces made plain. Newlines are
    kept, so a page's text can be unified in one pass and then split into its lines."""
    text = text.replace("\x02", "-").replace("\u00ad", "-")  # PDFium marks soft hyphens as \x02
    # one str.replace per lookalike (no replacement holds a lookalike): str.translate looks every character
    # of a text that is not all ASCII up in its table, 25 times slower on a page
    for char, plain in _LOOKALIKES.items():
        text = text.replace(char, plain)
    # PDFium's "\r" at each line end and the no-break spaces of EDGAR filings (about a hundred a page) are
    # the control character and odd space pages hold: str.replace deals with them at a fraction of what the
    # substitutions cost, and these run only on a text that holds others (one page in twelve)
    text = text.replace("\r", "").replace("\u00a0", " ")
    if _CONTROL_OR_ODD.search(text):
        text = _ODD_SPACES.sub(" ", _CONTROL.sub("", text))
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def _finish(text: str) -> str:
    """A unified line stripped, with a number glued to its first word set apart (sub only when the cheaper
    match finds one: about one line in a hundred)."""
    text = text.strip()
    return _GLUED_NUMBER.sub(r"\1 ", text) if _GLUED_NUMBER.match(text) else text


def _clean(text: str) -> str:
    return _finish(_unify(text))


@functools.cache
def _char_box():
    """FPDFText_GetCharBox without argument types, so ctypes converts none of a call's arguments (the index
    goes as a C int, the textpage and the doubles by reference): half the cost of a call through the typed
    function. Its class keeps the library's calling convention and result type."""
    import pypdfium2.raw as pdfium_c

    typed = pdfium_c.FPDFText_GetCharBox
    return type(typed)(ctypes.cast(typed, ctypes.c_void_p).value)


def _pdfium_lines(textpage, page_no: int, height: float) -> list[Line]:
    import pypdfium2 as pdfium

    raw = textpage.get_text_range()
    pieces = raw.split("\r\n")
    # PDFium ends each line with "\r\n" and _unify deletes "\r": unless a line holds a "\n" of its own,
    # the page's text is unified in one pass (a quarter cheaper than line by line) and split at "\n"
    if raw.count("\n") == len(pieces) - 1:
        unified = _unify(raw).split("\n")
    else:
        unified = [_unify(piece) for piece in pieces]
    # the char boxes through the raw API (untyped, see _char_box) into reused doubles, not textpage.get_charbox
    char_box, handle = _char_box(), textpage.raw
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    left_ref, right_ref, bottom_ref, top_ref = map(ctypes.byref, (left, right, bottom, top))
    lines: list[Line] = []
    pos = 0
    for piece, text in zip(pieces, unified):
        start = pos
        pos += len(piece) + 2
        text = _finish(text)
        if not text:
            continue
        first = start + (len(piece) - len(piece.lstrip()))
        last = max(first, start + len(piece.rstrip()) - 1)
        if not char_box(handle, first, left_ref, right_ref, bottom_ref, top_ref):
            raise pdfium.PdfiumError("Failed to get charbox.")
        x0, b1, t1 = left.value, bottom.value, top.value
        if not char_box(handle, last, left_ref, right_ref, bottom_ref, top_ref):
            raise pdfium.PdfiumError("Failed to get charbox.")
        lines.append(Line(page_no, text, x0, right.value, height - max(t1, top.value),
                          height - min(b1, bottom.value)))
    return lines


def _poor_text(lines: list[Line]) -> bool:
    """Text the fast path reads badly: words run together, or undecodable glyphs."""
    text = " ".join([line.text for line in lines])
    if len(text) < 200:
        return False
    if text.count(" ") / len(text) < 0.04:
        return True
    cids = len(re.findall(r"\(cid:\d+\)", text)) if "(cid:" in text else 0  # searched only when there
    return (text.count("\ufffd") + cids) / len(text) > 0.02


def _plumber_lines(page, page_no: int, with_tables: bool) -> list[Line]:
    lines: list[Line] = []
    boxes = []
    if with_tables:
        for table in page.find_tables():
            boxes.append(table.bbox)
            for row in table.rows:
                for cell in row.cells:
                    if cell is None:
                        continue
                    text = page.crop(cell).extract_text() or ""
                    text = _clean(text.replace("\n", " "))
                    if text:
                        lines.append(Line(page_no, text, cell[0], cell[2], cell[1], cell[3], kind="table_cell"))

    def inside(line: dict) -> bool:
        cx, cy = (line["x0"] + line["x1"]) / 2, (line["top"] + line["bottom"]) / 2
        return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    for line in page.extract_text_lines(layout=False, strip=True, return_chars=False):
        if boxes and inside(line):
            continue
        text = _clean(line["text"])
        if text:
            lines.append(Line(page_no, text, line["x0"], line["x1"], line["top"], line["bottom"]))
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
    return lines


# ----------------------------------------------------------------------------------- page furniture

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—(\[]?\s*(?:[a-z]{1,2}\s?-\s?)?\d{1,4}\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?\.?$"
    r"|^(?:page\s*)?[ivxlc]{1,7}$",
    re.IGNORECASE,
)
_PAGED = re.compile(r"\bpage\s*#|#\s*(?:of|/)\s*#$")  # "... Page # of #", "... # of #" (digits as "#")
# a page's own number set anywhere on it, as a document inserted into another keeps its pages' footers
# mid-page: "Page 3 of 32", "Page ii of 32", "3 of 6"
_PAGE_OF = re.compile(r"^(?:page\s*(?:\d{1,4}|[ivxlc]{1,7})|\d{1,4})\s*(?:of|/)\s*\d{1,4}$", re.IGNORECASE)
_EDGE_LINES = 3  # lines at the top and bottom of a page that may be running headers or footers


_DIGITS = re.compile(r"\d+")


def _key(lowered: str) -> str:
    """A lowered line with its whitespace runs made one space and its numbers "#". str.split() splits on
    the characters the regex \\s matches, and is much faster than a substitution per space."""
    return _DIGITS.sub("#", " ".join(lowered.split()))


def _may_be_paged(lowered: str) -> bool:
    """Could _PAGED find the key of this lowered line? Only if the line holds "page" or ends on a digit or a
    "#" (the key's numbers are "#" and its whitespace one space, so it ends where the line does): a test
    much cheaper than working out the key, which most lines far from a page's edge need not have."""
    last = lowered.rstrip()[-1:]
    return "page" in lowered or last == "#" or last.isdecimal()  # what \d matches


def _remove_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], list[str], list[str]]:
    """Drop running headers/footers, page numbers and other lines repeated on many pages."""
    n = len(pages)
    edge_count: dict[str, int] = defaultdict(int)
    any_count: dict[str, int] = defaultdict(int)
    paged_count: dict[str, int] = defaultdict(int)  # holds every key _PAGED finds
    # each page's text lines with their keys (None for a line away from the edges that _PAGED cannot find:
    # only edge lines' keys are counted, and only _PAGED's are looked up) and lowered texts, worked out once
    read: list[tuple[list[Line], list[str | None], list[str]]] = []
    for lines in pages:
        text_lines = [ln for ln in lines if ln.kind == "text"]
        lowered = [ln.text.lower() for ln in text_lines]
        inner = range(_EDGE_LINES, len(lowered) - _EDGE_LINES)
        page_keys = [None if i in inner and not _may_be_paged(low) else _key(low) for i, low in enumerate(lowered)]
        read.append((text_lines, page_keys, lowered))
        for key in set(page_keys[:_EDGE_LINES] + page_keys[-_EDGE_LINES:]):
            edge_count[key] += 1
        for key in set(lowered):
            any_count[key] += 1
        # both of _PAGED's forms hold a "#": the test for one is much cheaper than the search
        for key in {k for k in page_keys if k is not None and "#" in k and _PAGED.search(k)}:
            paged_count[key] += 1
    need = max(2, math.ceil(n / 2))
    # a running footer that carries its page number ("Collaboration Agreement Page 3 of 75") often runs
    # for one part of the document only (the agreement, then each schedule with its own): at a page's
    # edge, three pages with it are enough
    need_paged = min(need, 3)
    headers: dict[str, None] = {}
    footers: dict[str, None] = {}
    kept_pages = []
    for lines, (text_lines, page_keys, lowered) in zip(pages, read):
        bottom = len(text_lines) - _EDGE_LINES  # the first of the bottom edge's lines
        keep: list[bool] = []  # of each text line
        for i, (ln, key, low) in enumerate(zip(text_lines, page_keys, lowered)):
            if key is None:
                # a line away from the edges that does not end on a digit (see _may_be_paged): not a page
                # number (_PAGE_OF's end on one) nor a footer carrying one
                furniture = n >= 3 and any_count[low] >= need
            else:
                at_edge = i < _EDGE_LINES or i >= bottom
                furniture = (
                    (n >= 2 and at_edge and edge_count[key] >= (need_paged if key in paged_count else need))
                    or (at_edge and _PAGE_NUMBER.match(ln.text) is not None)
                    or (n >= 3 and any_count[low] >= need)
                    # the footer of a document inserted into another, away from the page's edge
                    or _PAGE_OF.match(ln.text) is not None
                    or (n >= 3 and paged_count.get(key, 0) >= 3)
                )
            keep.append(not furniture)
            if furniture and not _PAGE_NUMBER.match(ln.text) and not _PAGE_OF.match(ln.text):
                (headers if i < _EDGE_LINES else footers)[ln.text] = None
        if len(text_lines) == len(lines):
            kept_pages.append(list(compress(lines, keep)))
        else:  # table cells among the text lines stay where they are
            kept_text = iter(keep)
            kept_pages.append([ln for ln in lines if ln.kind != "text" or next(kept_text)])
    return kept_pages, list(headers), list(footers)


# -------------------------------------------------------------------------------------- paragraphs

# a line's own number; letters in brackets are one, a doubled one or a Roman numeral ("(a)", "(aa)",
# "(iv)"), not an abbreviation ("(IP) communications ...", "(FPO)")
_ROMAN = r"(?=[ivxlc])(?:xl|l?x{0,3})(?:ix|iv|v?i{0,3})|(?=[IVXLC])(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_NUMBERED = re.compile(
    r"^(?:\d{1,3}\.(?:\d{1,3}\.?)*|\(\d{1,3}\)|\d{1,3}\)|\((?:[a-zA-Z]|([a-zA-Z])\1|" + _ROMAN + r")\)"
    r"|[a-zA-Z]\)|[A-Z]\."
    r"|(?:section|article|schedule|exhibit|annex|appendix)\s+[\dIVXLCA-Z]+[.:]?)(?:\s|$)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.:;!?][\"'”’)\]]*$")
_HYPHENATED = re.compile(r"[A-Za-z]-$")
_CLOSERS, _STOPS = "\"'”’)]", {".", ":", ";", "!", "?"}


def _ends_sentence(text: str) -> bool:
    """_SENTENCE_END.search(text), without searching the whole line: the stop and the closing quotes and
    brackets after it end the line (or come before a final "\n", which a line does not have)."""
    if text.endswith("\n"):
        return _SENTENCE_END.search(text) is not None
    return text.rstrip(_CLOSERS)[-1:] in _STOPS


def _starts_item(prev: Line, ln: Line) -> bool:
    """A numbered line starts an item unless the line before runs on into it ("... no less than thirty" /
    "(30) days", "... pursuant to" / "Section 4.2 of")."""
    return _NUMBERED.match(ln.text) is not None and not runs_on(prev.text, ln.text)


def _line_gap(lines: list[Line]) -> float:
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top - a.top > 1]
    return statistics.median(gaps) if gaps else 12.0


_DANGLING = {"of", "and", "the", "to", "for", "in", "on", "or", "by", "with", "at", "from", "as",
             "under", "between", "into", "upon", "that", "which", "such", "any", "all", "its", "their"}
# a signature ("/s/", "____") or a field with its value after a colon ("Title: President")
_FORM_LINE = re.compile(r"/s/|_{3,}|\w:\s*\S")


def _is_heading(text: str) -> bool:
    # split no further than a 13th word: a longer line (most lines asked) is no heading
    words = text.split(None, 12)
    if not words or len(words) > 12 or not text.endswith(".") and _ends_sentence(text):
        return False
    number = _NUMBERED.match(text)  # anchored: what _NUMBERED.sub would take off
    body = (text[number.end():] if number else text).strip(" .:")
    if body.endswith((",", ";")) or lists_with_commas(body, len(words)) or opens_mid_sentence(body):
        return False
    if _FORM_LINE.search(body):
        return False  # a filled-in form or signature line: "By: /s/ Jane Doe", "Facsimile: (310) 555-0100"
    if body and body.split()[-1].lower() in _DANGLING:
        return False  # a line of a sentence in capitals: "FOR SUCH SOFTWARE OR"
    return any(map(str.isalpha, body)) and (body.isupper() or (len(words) <= 8 and text.endswith(".") is False
                                                                and sum(w[0].isupper() for w in words
                                                                        if w[0].isalpha())
                                                                >= 0.7 * len(words)))


def _paragraphs(pages: list[list[Line]]) -> list[list[Line]]:
    paras: list[list[Line]] = []
    current: list[Line] = []
    prev: Line | None = None
    for lines in pages:
        if not lines:
            continue
        gap = _line_gap([ln for ln in lines if ln.kind == "text"])
        right = max((ln.x1 for ln in lines if ln.kind == "text"), default=0.0)
        left = min((ln.x0 for ln in lines if ln.kind == "text"), default=0.0)
        width = max(right - left, 1.0)
        for ln in lines:
            new = prev is None or ln.kind == "table_cell" or prev.kind == "table_cell"
            if not new and prev is not None:
                ended = _ends_sentence(prev.text)
                # whether a numbered line starts an item is asked only where the answer counts, after the
                # cheaper tests
                if ln.page != prev.page:
                    new = ended or _starts_item(prev, ln)
                else:
                    vgap = ln.top - prev.top
                    short = prev.x1 < right - 0.15 * width
                    new = (
                        vgap > gap * 1.45 + 1
                        or vgap < -1  # a new column or out-of-order text
                        or (ended or short) and _starts_item(prev, ln)
                        or (ended and short)
                        # a heading line starts its paragraph; a short last line of a sentence
                        # set in capitals ("... TO DETTO OR ANY THIRD PARTY") is not one
                        or len(current) == 1 and _is_heading(prev.text) and short
                    )
            if new and current:
                paras.append(current)
                current = []
            current.append(ln)
            prev = ln
    if current:
        paras.append(current)
    return paras


def _join(lines: list[Line]) -> tuple[str, list[tuple[int, int]]]:
    """Join a paragraph's lines; return its text and (offset, page) where each page's part starts."""
    text = ""
    page_marks: list[tuple[int, int]] = []
    for ln in lines:
        if not page_marks or page_marks[-1][1] != ln.page:
            page_marks.append((len(text) + (1 if text else 0), ln.page))
        if not text:
            text = ln.text
        # the pattern looks at the last three characters at most ("a-", "a-\n"); searching the whole text
        # at each line costs time quadratic in a long paragraph's length
        elif ln.text[:1].islower() and _HYPHENATED.search(text[-3:]):
            text = text[:-1] + ln.text  # a word hyphenated across the line end
            if page_marks[-1][0] > len(text):
                page_marks[-1] = (len(text), page_marks[-1][1])
        else:
            text += "\n" + ln.text
    return text, page_marks


def _build(pages: list[list[Line]], n_pages: int) -> tuple[DocumentBuilder, list[int]]:
    builder = DocumentBuilder()
    page_starts: dict[int, int] = {}
    for para in _paragraphs(pages):
        text, marks = _join(para)
        kind = para[0].kind if para[0].kind == "table_cell" else "paragraph"
        if kind == "paragraph" and len(para) == 1 and _is_heading(text):
            kind = "heading"
        label_match = _NUMBERED.match(text)
        block = builder.add(text, kind=kind, page=para[0].page,
                            label=label_match.group(0).strip() if label_match else None)
        if block is None:
            continue
        for offset, page in marks:
            page_starts.setdefault(page, block.start + offset)
    # pages with no body text start where the next page with text starts
    starts: list[int] = []
    end = len(builder.text)
    for page in range(n_pages, 0, -1):
        end = page_starts.get(page, end)
        starts.append(end)
    starts.reverse()
    for i in range(1, len(starts)):  # keep them monotonic
        starts[i] = max(starts[i], starts[i - 1])
    return builder, starts


# ------------------------------------------------------------------------------------------ engine


def _open_pdfium(data: bytes, name: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == 4:  # FPDF_ERR_PASSWORD
            raise InputError(name, "is a password-protected PDF; remove the password and try again") from exc
        if code == 5:  # FPDF_ERR_SECURITY
            raise InputError(name, "uses a PDF security handler clausecheck cannot open") from exc
        raise InputError(name, "is a corrupt or unreadable PDF (the PDF structure cannot be parsed)") from exc


def _damaged(name: str, page_no: int) -> InputError:
    return InputError(name, f"is a damaged PDF: page {page_no} cannot be read (a broken, looping or too "
                            "deeply nested page tree, or corrupt page data)")


def _has_images(pdf, pages: int, name: str) -> bool:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    for i in range(min(pages, 5)):
        try:
            page = pdf[i]
            try:
                if any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2)):
                    return True
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise _damaged(name, i + 1) from exc
    return False


def _read_pdfium_page(pdf, i: int, name: str) -> list[Line]:
    """One page's lines; PDFium's errors on a damaged page become one InputError naming the page."""
    import pypdfium2 as pdfium

    try:
        page = pdf[i]
        try:
            textpage = page.get_textpage()
            try:
                return _pdfium_lines(textpage, i + 1, page.get_height())
            finally:
                textpage.close()
        finally:
            page.close()
    except pdfium.PdfiumError as exc:
        raise _damaged(name, i + 1) from exc


def parse_pdf(data: bytes, name: str, sha256: str, *, engine: str = "auto",
              limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    pdf = _open_pdfium(data, name)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise InputError(name, "is a PDF with no pages")
        if n_pages > limits.max_pages:
            raise InputError(name, f"has {n_pages} pages, over the {limits.max_pages}-page limit "
                                   "(raise it with --max-pages or CLAUSECHECK_MAX_PAGES)")
        pages: list[list[Line]] = []
        plumber_pages: list[int] = []
        if engine == "pdfplumber":
            plumber_pages = list(range(n_pages))
            pages = [[] for _ in range(n_pages)]
        else:
            for i in range(n_pages):
                lines = _read_pdfium_page(pdf, i, name)
                pages.append(lines)
                if _poor_text(lines):
                    plumber_pages.append(i)
        used_plumber = bool(plumber_pages)
        if plumber_pages:
            pages = _with_plumber(data, name, pages, plumber_pages, tables=engine == "pdfplumber")
        chars = sum(len(ln.text) for lines in pages for ln in lines)
        if chars < 20 * n_pages and chars < 400:
            if not _has_images(pdf, n_pages, name):
                raise InputError(name, "holds no text")
            return _scanned(pdf, n_pages, name, sha256, limits)
        # a page image among text pages (a scanned signature page, exhibit or amendment) is read by OCR
        image_pages = _image_pages(pdf, pages, name)
        ocr_notes: list[str] = []
        ocr_read: dict[int, list[Line]] = {}
        if image_pages:
            from .ocr import read_image_pages

            ocr_read, ocr_notes = read_image_pages(pdf, image_pages, name, limits)
            for page_no, lines in ocr_read.items():
                pages[page_no - 1] = lines
    finally:
        pdf.close()

    if engine == "pdfplumber":
        parser = "pdfplumber"
    elif used_plumber:
        parser = f"pypdfium2+pdfplumber({len(plumber_pages)} of {n_pages} pages)"
    else:
        parser = "pypdfium2"
    if ocr_read:
        parser += f"+tesseract({len(ocr_read)} of {n_pages} pages)"
    notes = []
    if used_plumber and engine != "pdfplumber":
        notes.append(f"{len(plumber_pages)} page(s) read with pdfplumber because the fast engine "
                     "gave poor text there")
    notes.extend(ocr_notes)
    return document_from_lines(pages, name, sha256, fmt="pdf", parser=parser, notes=notes)


#: a page of a PDF with a text layer is a page image to read by OCR when its text layer holds fewer letters and
#: digits than IMAGE_PAGE_TEXT (none, a page number, "Exhibit B") and its images cover at least IMAGE_PAGE_COVER
#: of it (a scan; a logo or a signature's image covers a few per cent)
IMAGE_PAGE_TEXT = 20
IMAGE_PAGE_COVER = 0.25


def _image_pages(pdf, pages: list[list[Line]], name: str) -> list[int]:
    """The page numbers (1-based) of page images among the text pages; pages with text are not looked at."""
    import pypdfium2 as pdfium

    from .ocr import image_cover

    found = []
    for i, lines in enumerate(pages):
        if _holds_text(lines):
            continue
        try:
            page = pdf[i]
            try:
                if image_cover(page) >= IMAGE_PAGE_COVER:
                    found.append(i + 1)
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise _damaged(name, i + 1) from exc
    return found


def _holds_text(lines: list[Line]) -> bool:
    """IMAGE_PAGE_TEXT letters and digits or more (counted line by line until there are enough)."""
    seen = 0
    for ln in lines:
        seen += sum(map(str.isalnum, ln.text))
        if seen >= IMAGE_PAGE_TEXT:
            return True
    return False


def _scanned(pdf, n_pages: int, name: str, sha256: str, limits: Limits) -> Document:
    """A PDF of page images without a text layer: every page read by OCR."""
    from .ocr import check_pages, ocr_notes, ocr_pages, rendered_pages

    check_pages(n_pages, name, limits)
    pages, low = ocr_pages(rendered_pages(pdf, n_pages, name), name)
    return document_from_lines(pages, name, sha256, fmt="pdf", parser="tesseract", notes=ocr_notes(n_pages, low),
                               empty="has no text layer (a scan that needs OCR) and OCR found no text in its "
                                     "page images")


def document_from_lines(pages: list[list[Line]], name: str, sha256: str, *, fmt: str, parser: str,
                        notes: list[str], empty: str = "holds no body text (only headers, footers or "
                                                          "page numbers)") -> Document:
    """The Document of positioned lines, page by page: furniture dropped, lines joined into paragraphs."""
    n_pages = len(pages)
    pages, headers, footers = _remove_furniture(pages)
    builder, page_starts = _build(pages, n_pages)
    if not builder.blocks:
        raise InputError(name, empty)
    doc = builder.build(name=name, sha256=sha256, format=fmt, parser=parser, pages=n_pages,
                        headers=headers, footers=footers, page_starts=page_starts)
    doc.notes.extend(notes)
    return doc


def _with_plumber(data: bytes, name: str, pages: list[list[Line]], which: list[int],
                  tables: bool) -> list[list[Line]]:
    import io

    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as plumber:
            for i in which:
                pages[i] = _plumber_lines(plumber.pages[i], i + 1, with_tables=tables)
                plumber.pages[i].flush_cache()
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many types on damaged files
        raise InputError(name, f"is a PDF the layout engine cannot read ({type(exc).__name__})") from exc
    return pages
