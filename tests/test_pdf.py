"""PDF reading: body text kept, page furniture dropped, hyphens rejoined, pages carried."""

from __future__ import annotations

from clausecheck.documents import parse
from clausecheck.segmentation import segment
from pdfmaker import make_pdf

BODY_1 = [
    "1. Assignment of Inventions.",
    "The Employee hereby assigns to the Company all right, title and interest in any inven-",
    "tions conceived during the period of employment.",
    "",
    "2. Confidentiality. The Employee shall keep all Confidential Information secret and shall",
    "not disclose it to any third party.",
]
BODY_2 = [
    "3. Prior Inventions. Inventions listed in Exhibit A are excluded from this Agreement.",
    "",
    "4. Governing Law. This Agreement is governed by the laws of the State of California.",
]


def _pdf() -> bytes:
    return make_pdf([BODY_1, BODY_2, ["IN WITNESS WHEREOF, the parties have signed this Agreement."]], header="ACME ROBOTICS INC. - EMPLOYEE AGREEMENT",
                    initials=True)


def test_running_header_footer_and_initials_are_not_body_text():
    doc = parse(_pdf(), "piia.pdf")
    assert doc.format == "pdf" and doc.parser == "pypdfium2" and doc.pages == 3
    assert "ACME ROBOTICS INC. - EMPLOYEE AGREEMENT" not in doc.text
    assert "Page 1 of 3" not in doc.text and "Initials" not in doc.text
    assert "ACME ROBOTICS INC. - EMPLOYEE AGREEMENT" in doc.headers


def test_words_hyphenated_across_lines_are_rejoined():
    doc = parse(_pdf(), "piia.pdf")
    assert "any inventions conceived" in " ".join(doc.text.split())
    assert "inven-" not in doc.text


def test_body_text_and_paragraph_breaks_are_kept():
    doc = parse(_pdf(), "piia.pdf")
    flat = " ".join(doc.text.split())
    for line in BODY_1 + BODY_2:
        if line and not line.endswith("-"):
            assert line.split()[-1] in flat
    starts = [doc.text[b.start:b.end][:2] for b in doc.blocks]
    assert starts[:4] == ["1.", "Th", "2.", "3."]


def test_clauses_carry_their_page():
    doc = parse(_pdf(), "piia.pdf")
    clauses = segment(doc)
    governing = next(c for c in clauses if "governed by the laws" in c.text)
    assert governing.page == 2
    assert governing.text == doc.text[governing.start:governing.end]
    first = next(c for c in clauses if "hereby assigns" in c.text)
    assert first.page == 1


def test_layout_engine_reads_tables_as_cells():
    data = make_pdf([BODY_2], table=[["Royalty", "Rate"], ["Print editions", "10%"]])
    doc = parse(data, "royalties.pdf", pdf_engine="pdfplumber")
    assert doc.parser == "pdfplumber"
    cells = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "table_cell"]
    assert cells == ["Royalty", "Rate", "Print editions", "10%"]
    assert "Governing Law" in doc.text


def test_an_all_caps_liability_clause_stays_one_clause():
    from clausecheck.segmentation import segment

    lines = ["9. LIMITATION OF LIABILITY", "",
             "EXCEPT FOR BREACHES OF SECTION 8, IN NO EVENT SHALL EITHER PARTY BE LIABLE TO THE OTHER",
             "FOR ANY SPECIAL, INDIRECT, CONSEQUENTIAL OR PUNITIVE DAMAGES OF ANY KIND, LOST",
             "PROFITS OR LOST REVENUE, WHETHER ARISING IN CONTRACT, TORT OR OTHERWISE.", "",
             "10. NOTICES", "", "Notices shall be given in writing to the addresses above."]
    doc = parse(make_pdf([lines]), "caps.pdf")
    clauses = segment(doc)
    liability = [c for c in clauses if "PUNITIVE" in c.text]
    assert len(liability) == 1
    assert liability[0].text.startswith("EXCEPT FOR BREACHES") and liability[0].text.rstrip().endswith("OTHERWISE.")
    assert "LIMITATION OF LIABILITY" in (liability[0].section or "")


def test_page_footers_of_a_document_set_inside_another_are_dropped():
    # an escrow agreement printed inside a licence: its own page footers sit in the middle of the pages
    words = ["source code", "build scripts", "design notes"]
    pages = []
    for n, what in enumerate(words, start=1):
        pages.append([
            f"The Owner shall deposit the {what} with the Agent.",
            f"The Agent shall keep the {what} in a secure place.",
            f"The Agent shall not copy the {what} except for the release.",
            f"The Owner shall update the {what} with each new version.",
            "",
            f"Escrow Terms Version 1: August 1997 {n} of 3",
            f"Page {n} of 3",
            "",
            f"The Licensee may ask for the release of the {what} under clause 6.",
            f"The Agent shall verify the {what} once a year at the Owner's cost.",
            f"The Agent shall return the {what} to the Owner at the end.",
            f"The parties shall share the fees for the {what} equally.",
        ])
    doc = parse(make_pdf(pages, footer=None), "escrow.pdf")
    assert "of 3" not in doc.text and "Version 1" not in doc.text
    assert "ask for the release of the design notes" in doc.text
    # near miss: a sentence that names a page stays, as does a line with a number on fewer pages
    pages = [["The schedule on page 4 of the Agreement sets the fees.", "", "Escrow Terms Version 1: August 1997 1 of 3",
              "", "The Licensee pays the fees."], ["The Agent keeps the deposit."]]
    doc = parse(make_pdf(pages, footer=None), "one.pdf")
    assert "page 4 of the Agreement" in doc.text and "Escrow Terms Version 1" in doc.text


def test_a_small_logo_on_a_page_is_not_read_by_ocr(monkeypatch):
    from clausecheck.documents import ocr

    def no_ocr(*args, **kwargs):
        raise AssertionError("a page with a logo was sent to OCR")

    monkeypatch.setattr(ocr, "read_image_pages", no_ocr)
    pages = [["1. Term. This Agreement runs for two years from the Effective Date."], ["EXHIBIT A"],
             ["2. Fees. The Customer pays the fees in Exhibit A within thirty days."]]
    doc = parse(make_pdf(pages, logos=(1, 2, 3)), "letterhead.pdf")  # page 2: a title and the logo only
    assert doc.parser == "pypdfium2" and not any("OCR" in note for note in doc.notes)
    assert "EXHIBIT A" in doc.text


def test_the_page_image_test_looks_only_at_pages_without_text(monkeypatch):
    from clausecheck.documents import ocr

    looked = []
    monkeypatch.setattr(ocr, "image_cover", lambda page: looked.append(page) or 0.0)
    pages = [["1. Term. This Agreement runs for two years from the Effective Date."], [],
             ["2. Fees. The Customer pays the fees in Exhibit A within thirty days."]]
    parse(make_pdf(pages, logos=(1, 3)), "blank-page.pdf")
    assert len(looked) == 1  # the blank page 2 only


def test_a_page_cleaned_in_one_pass_gives_the_lines_cleaned_one_by_one():
    from clausecheck.documents.pdf import _clean, _finish, _unify

    raw = ("1.1The\x02 Licen\u00adsee\u037e \t\u00a0 \ufb01nal  terms\r\n\r\n  \x01(a)Any\u2003\u2003\ufb00\r\r\n"
           "Page 3\x0b of 4 \r\n")
    lines = [_clean(piece) for piece in raw.split("\r\n")]
    assert lines == ["1.1 The- Licen-see; final terms", "", "(a) Any ff", "Page 3 of 4", ""]
    assert [_finish(text) for text in _unify(raw).split("\n")] == lines


def _body(page: int, k: int) -> str:
    return f"The {['first', 'second', 'third'][page - 1]} page's line {'abcdefgh'[k]} of the supply terms."


def test_furniture_is_dropped_around_table_cells_which_stay_in_place():
    from clausecheck.documents.pdf import Line, _remove_furniture

    def page(no: int, cells: bool) -> list[Line]:
        lines = [Line(no, "ACME SUPPLY AGREEMENT", 72, 300, 40, 52)]
        lines += [Line(no, _body(no, k), 72, 500, 100 + 14 * k, 112 + 14 * k) for k in range(8)]
        if cells:  # a table's cells among the text lines (the layout engine's reading)
            lines[4:4] = [Line(no, "Fee", 72, 120, 160, 172, kind="table_cell"),
                          Line(no, "ACME SUPPLY AGREEMENT", 130, 300, 160, 172, kind="table_cell")]
        return lines + [Line(no, f"Page {no} of 3", 280, 330, 760, 772)]

    pages = [page(1, False), page(2, True), page(3, False)]
    kept, headers, footers = _remove_furniture(pages)
    assert headers == ["ACME SUPPLY AGREEMENT"] and footers == []
    assert [ln.text for ln in kept[1]] == ([_body(2, k) for k in range(3)] + ["Fee", "ACME SUPPLY AGREEMENT"]
                                           + [_body(2, k) for k in range(3, 8)])
    assert [len(p) for p in kept] == [8, 10, 8]
