"""DOCX parsing: real documents built with python-docx (plus raw OOXML where its API stops),
and hostile archives (corrupt, zip bomb, entity bomb, external entity)."""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile

import docx
import pytest
from clausecheck.documents import InputError, parse
from clausecheck.documents.docx import parse_docx
from clausecheck.documents.limits import Limits
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


# ---------------------------------------------------------------------------------------------
# helpers to build documents


def _xml(fragment: str):
    """Parse a fragment written without namespace declarations (they are added to its root)."""
    return parse_xml(re.sub(r"^<([\w:]+)", lambda m: f"<{m.group(1)} {NS}", fragment, count=1))


def _append(doc, fragment: str) -> None:
    body = doc.element.body
    body.insert(len(body) - 1, _xml(fragment))  # before the final w:sectPr


def _add_list(doc, levels: list[tuple[str, str]], *, start: int = 1, style_links: dict | None = None,
              abstract_id: int = 90) -> int:
    """Add an abstractNum with (numFmt, lvlText) per level and a num for it; return the numId."""
    numbering = doc.part.numbering_part.element
    lvls = []
    for i, (fmt, text) in enumerate(levels):
        pstyle = f'<w:pStyle w:val="{style_links[i]}"/>' if style_links and i in style_links else ""
        lvls.append(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                    f'{pstyle}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')
    abstract = _xml(f'<w:abstractNum w:abstractNumId="{abstract_id}">'
                    f'<w:multiLevelType w:val="multilevel"/>{"".join(lvls)}</w:abstractNum>')
    first_num = numbering.find(f"{{{W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return _add_num(doc, abstract_id)


def _add_num(doc, abstract_id: int, start_override: dict[int, int] | None = None) -> int:
    numbering = doc.part.numbering_part.element
    ids = [int(n.get(f"{{{W_NS}}}numId")) for n in numbering.findall(f"{{{W_NS}}}num")]
    num_id = max(ids, default=0) + 1
    overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                        for lvl, v in (start_override or {}).items())
    numbering.append(_xml(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                          f'{overrides}</w:num>'))
    return num_id


def _numbered(doc, text: str, num_id: int, ilvl: int, style: str | None = None):
    p = doc.add_paragraph(text, style=style)
    p._p.get_or_add_pPr().append(
        _xml(f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def _add_notes(doc, notes: dict[int, str], kind: str = "footnote") -> None:
    """Add word/footnotes.xml (or endnotes.xml) with separator notes plus `notes` by id."""
    items = [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
             (f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
              f'</w:r></w:p></w:{kind}>')]
    for nid, text in notes.items():
        items.append(f'<w:{kind} w:id="{nid}"><w:p><w:r><w:{kind}Ref/></w:r>'
                     f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>')
    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:{kind}s {NS}>{"".join(items)}</w:{kind}s>').encode()
    content_type, rel_type = ((CT.WML_FOOTNOTES, RT.FOOTNOTES) if kind == "footnote"
                              else (CT.WML_ENDNOTES, RT.ENDNOTES))
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, blob, doc.part.package)
    doc.part.relate_to(part, rel_type)


def _save(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _zip(parts: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


def _document_xml(body: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')


# ---------------------------------------------------------------------------------------------
# a contract with every feature


TEXTBOX = (
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed: licence is royalty-free.</w:t></w:r></w:p>'
    '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
    '</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
    '<w:t>Boxed: licence is royalty-free.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>'
    '</w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    '<w:r><w:t>Anchor paragraph.</w:t></w:r></w:p>'
)


@pytest.fixture(scope="module")
def contract() -> bytes:
    doc = docx.Document()
    doc.add_heading("Employment Agreement", 0)
    doc.add_paragraph("This agreement is made between Acme Ltd and the Employee.")

    outline = _add_list(doc, [("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "(%3)"),
                              ("lowerRoman", "(%4)")])
    _numbered(doc, "Definitions", outline, 0)
    _numbered(doc, "The Employee shall assign all Inventions.", outline, 1)
    _numbered(doc, "made during working hours;", outline, 2)
    _numbered(doc, "using Company equipment;", outline, 3)
    _numbered(doc, "or Company information;", outline, 3)
    _numbered(doc, "related to the business.", outline, 2)
    _numbered(doc, "Prior inventions are excluded.", outline, 1)
    _numbered(doc, "Intellectual Property", outline, 0)
    _numbered(doc, "The Company owns the Work Product.", outline, 1)
    _numbered(doc, "including source code.", outline, 2)

    doc.add_paragraph("Before the table.")
    table = doc.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Salary"
    table.cell(0, 1).text = "USD 100,000"
    table.cell(1, 0).text = "Notice"
    table.cell(1, 1).text = "30 days"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Spans both columns"
    vmerge = doc.add_table(rows=2, cols=1)
    vmerge.cell(0, 0).merge(vmerge.cell(1, 0)).text = "Vertically merged"
    doc.add_paragraph("After the table.")

    # style-linked numbering: Heading 1 carries "Article %1" in upper roman
    articles = _add_list(doc, [("upperRoman", "Article %1")], style_links={0: "Heading1"}, abstract_id=91)
    doc.styles["Heading 1"].element.get_or_add_pPr().append(
        _xml(f'<w:numPr><w:numId w:val="{articles}"/></w:numPr>'))
    doc.add_heading("Confidentiality", 1)
    doc.add_paragraph("Confidential Information stays secret.")
    doc.add_heading("Term", 1)

    # a restarted list: new num on the same abstract with a startOverride
    restarted = _add_num(doc, 90, start_override={0: 5})
    _numbered(doc, "Overridden start.", restarted, 0)
    _numbered(doc, "Continues after override.", restarted, 0)

    # text box, content controls
    _append(doc, TEXTBOX)
    _append(doc, '<w:sdt><w:sdtPr><w:alias w:val="Law"/></w:sdtPr><w:sdtContent><w:p><w:r>'
                 '<w:t>Governing law: Delaware.</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    _append(doc, '<w:p><w:r><w:t xml:space="preserve">Employee name: </w:t></w:r><w:sdt><w:sdtPr/>'
                 '<w:sdtContent><w:r><w:t>Jane Doe</w:t></w:r></w:sdtContent></w:sdt></w:p>')

    # tracked changes
    _append(doc, '<w:p><w:r><w:t xml:space="preserve">The Company </w:t></w:r>'
                 '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">'
                 'shall not</w:t></w:r></w:ins>'
                 '<w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>may'
                 '</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> assign this agreement.</w:t>'
                 '</w:r></w:p>')
    _append(doc, '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A" w:date="2024-01-01T00:00:00Z"/>'
                 '</w:rPr></w:pPr><w:del w:id="4" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r>'
                 '<w:delText>A deleted non-compete clause.</w:delText></w:r></w:del></w:p>')
    _append(doc, '<w:p><w:moveFrom w:id="5" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t>'
                 'Moved away sentence.</w:t></w:r></w:moveFrom><w:r><w:t>Stays put.</w:t></w:r></w:p>')

    # run-level special characters and a footnote reference
    _append(doc, '<w:p><w:r><w:t>Non</w:t><w:noBreakHyphen/><w:t>exclusive</w:t><w:tab/>'
                 '<w:t>li\u00adcence</w:t><w:br/><w:t>next line</w:t></w:r></w:p>')
    _append(doc, '<w:p><w:r><w:t>Salary is paid monthly</w:t></w:r><w:r><w:rPr>'
                 '<w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
                 '<w:r><w:t>.</w:t></w:r></w:p>')
    _add_notes(doc, {1: "Before tax, in arrears."})
    _append(doc, '<w:p><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                 '<w:r><w:t>Final paragraph.</w:t></w:r></w:p>')

    section = doc.sections[0]
    section.header.paragraphs[0].text = "ACME CONFIDENTIAL HEADER"
    section.footer.paragraphs[0].text = "Footer page text"
    return _save(doc)


@pytest.fixture(scope="module")
def parsed(contract):
    return parse(contract, "contract.docx")


def _block(doc, startswith: str):
    hits = [b for b in doc.blocks if doc.block_text(b).startswith(startswith)]
    assert hits, f"no block starts with {startswith!r}; blocks: {[doc.block_text(b) for b in doc.blocks]}"
    return hits[0]


def test_metadata(parsed):
    assert parsed.format == "docx"
    assert parsed.parser == "ooxml"
    assert parsed.pages is None
    assert parsed.name == "contract.docx"
    for b in parsed.blocks:
        assert parsed.text[b.start:b.end] == parsed.block_text(b)
        assert parsed.block_text(b) == parsed.block_text(b).strip()


def test_nested_numbering_labels(parsed):
    expected = [
        ("1. Definitions", "1.", 0),
        ("1.1 The Employee shall assign all Inventions.", "1.1", 1),
        ("(a) made during working hours;", "(a)", 2),
        ("(i) using Company equipment;", "(i)", 3),
        ("(ii) or Company information;", "(ii)", 3),
        ("(b) related to the business.", "(b)", 2),
        ("1.2 Prior inventions are excluded.", "1.2", 1),
        ("2. Intellectual Property", "2.", 0),
        ("2.1 The Company owns the Work Product.", "2.1", 1),
        ("(a) including source code.", "(a)", 2),
    ]
    for text, label, level in expected:
        block = _block(parsed, text)
        assert parsed.block_text(block) == text
        assert block.label == label
        assert block.level == level
        assert block.kind == "list_item"


def test_start_override_restarts_then_continues(parsed):
    assert _block(parsed, "5. Overridden start.").label == "5."
    assert _block(parsed, "6. Continues after override.").label == "6."


def test_headings_and_style_linked_numbering(parsed):
    title = _block(parsed, "Employment Agreement")
    assert title.kind == "heading"
    art1 = _block(parsed, "Article I Confidentiality")
    assert (art1.kind, art1.label) == ("heading", "Article I")
    art2 = _block(parsed, "Article II Term")
    assert (art2.kind, art2.label) == ("heading", "Article II")
    assert _block(parsed, "Confidential Information stays secret.").kind == "paragraph"


def test_table_cells_in_reading_order_without_duplicates(parsed):
    texts = [parsed.block_text(b) for b in parsed.blocks]
    i = texts.index("Before the table.")
    assert texts[i + 1:i + 9] == ["Salary", "USD 100,000", "Notice", "30 days", "Spans both columns",
                                  "Vertically merged", "After the table.", "Article I Confidentiality"]
    assert parsed.text.count("Spans both columns") == 1
    assert parsed.text.count("Vertically merged") == 1
    assert {parsed.blocks[j].kind for j in range(i + 1, i + 7)} == {"table_cell"}


def test_document_order(parsed):
    order = ["Employment Agreement", "This agreement is made", "1. Definitions", "2.1 The Company",
             "Before the table.", "Salary", "After the table.", "Article I", "Article II",
             "5. Overridden", "Boxed: licence", "Governing law", "Employee name", "The Company shall not",
             "Stays put.", "Non-exclusive", "Salary is paid", "Final paragraph.", "[1] Before tax"]
    positions = [parsed.text.index(s) for s in order]
    assert positions == sorted(positions)


def test_headers_and_footers_kept_apart(parsed):
    assert parsed.headers == ["ACME CONFIDENTIAL HEADER"]
    assert parsed.footers == ["Footer page text"]
    assert "ACME CONFIDENTIAL" not in parsed.text
    assert "Footer page text" not in parsed.text


def test_text_box_appears_once(parsed):
    assert parsed.text.count("Boxed: licence is royalty-free.") == 1
    assert "Anchor paragraph." in parsed.text


def test_content_controls(parsed):
    assert "Governing law: Delaware." in parsed.text
    assert "Employee name: Jane Doe" in parsed.text


def test_tracked_changes_accepted(parsed):
    assert "The Company shall not assign this agreement." in parsed.text
    assert "may" not in parsed.block_text(_block(parsed, "The Company shall not"))
    assert "non-compete" not in parsed.text
    assert "Moved away" not in parsed.text
    assert "Stays put." in parsed.text
    notes = [n for n in parsed.notes if n.startswith("tracked changes accepted")]
    assert len(notes) == 1
    assert "1 insertion" in notes[0]
    assert "3 deletions" in notes[0]


def test_special_characters_and_field_codes(parsed):
    assert "Non-exclusive licence\nnext line" in parsed.text
    assert "\u00ad" not in parsed.text and "\t" not in parsed.text
    assert "PAGE" not in parsed.text


def test_footnotes(parsed):
    assert parsed.footnotes == ["[1] Before tax, in arrears."]
    assert "Salary is paid monthly[1]." in parsed.text
    assert parsed.text.endswith("[1] Before tax, in arrears.")


def test_no_tracked_change_note_without_revisions():
    doc = docx.Document()
    doc.add_paragraph("Plain clause.")
    parsed = parse(_save(doc), "plain.docx")
    assert parsed.notes == []
    assert parsed.text == "Plain clause."
    assert parsed.headers == [] and parsed.footers == [] and parsed.footnotes == []


def test_deleted_paragraph_mark_merges_into_next():
    doc = docx.Document()
    _append(doc, '<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A"/></w:rPr></w:pPr><w:r>'
                 '<w:t xml:space="preserve">First half </w:t></w:r></w:p>')
    doc.add_paragraph("second half.")
    parsed = parse(_save(doc), "merge.docx")
    assert parsed.text == "First half second half."
    assert len(parsed.blocks) == 1


def test_bullets_and_letters_and_restart_levels():
    doc = docx.Document()
    nid = _add_list(doc, [("upperLetter", "%1."), ("bullet", "\uf0b7")])
    _numbered(doc, "Alpha", nid, 0)
    _numbered(doc, "point", nid, 1)
    _numbered(doc, "Beta", nid, 0)
    parsed = parse(_save(doc), "bullets.docx")
    assert [b.label for b in parsed.blocks] == ["A.", "•", "B."]
    assert parsed.text == "A. Alpha\n\n• point\n\nB. Beta"


def test_large_document_is_fast():
    doc = docx.Document()
    nid = _add_list(doc, [("decimal", "%1."), ("decimal", "%1.%2")])
    for i in range(300):  # ~30 pages
        _numbered(doc, f"Clause heading {i}", nid, 0)
        _numbered(doc, "The Employee assigns to the Company all right, title and interest in any "
                       "invention conceived during the term of employment. " * 3, nid, 1)
    table = doc.add_table(rows=40, cols=3)
    for row in table.rows:
        for cell in row.cells:
            cell.text = "cell text"
    data = _save(doc)
    t0 = time.perf_counter()
    parsed = parse(data, "long.docx")
    elapsed = time.perf_counter() - t0
    assert _block(parsed, "300. Clause heading 299").label == "300."
    assert _block(parsed, "300.1 The Employee").label == "300.1"
    assert elapsed < 1.0


# ---------------------------------------------------------------------------------------------
# bad inputs


def _raises(data: bytes, name: str = "bad.docx") -> InputError:
    with pytest.raises(InputError) as info:
        parse(data, name)
    err = info.value
    assert str(err).startswith(f"{name}: ")
    assert err.name == name
    return err


def test_empty_document_holds_no_text():
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Only a header"
    err = _raises(_save(doc), "empty.docx")
    assert "holds no text" in err.problem


def test_truncated_docx(contract):
    err = _raises(contract[: len(contract) // 2], "truncated.docx")
    assert "corrupt" in err.problem or "not a readable DOCX" in err.problem
    with pytest.raises(InputError) as info:  # the parser itself, past the dispatcher's sniffing
        parse_docx(contract[: len(contract) // 2], "truncated.docx", "0" * 64, limits=Limits())
    assert "not a readable DOCX file" in info.value.problem


def test_garbled_document_xml():
    err = _raises(_zip({"word/document.xml": "<w:document><w:body><w:p>unclosed"}), "garbled.docx")
    assert "not a readable DOCX file" in err.problem
    assert "word/document.xml" in err.problem


def test_damaged_compressed_stream(contract):
    # flip bytes inside word/document.xml's compressed data: the CRC/inflate check must fail cleanly
    zf = zipfile.ZipFile(io.BytesIO(contract))
    info = zf.getinfo("word/document.xml")
    name_len, extra_len = struct.unpack("<HH", contract[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    data = bytearray(contract)
    for k in range(start + 10, start + min(info.compress_size - 10, 200)):
        data[k] ^= 0x5A
    err = _raises(bytes(data), "damaged.docx")
    assert "not a readable DOCX file" in err.problem


def test_missing_body():
    err = _raises(_zip({"word/document.xml": f'<w:document xmlns:w="{W_NS}"/>'}), "nobody.docx")
    assert "not a readable DOCX file" in err.problem


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A DOCX-looking zip whose word/document.xml inflates to 300 MB of spaces (~1.4 MB packed)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as fh:
            fh.write(_document_xml("<w:p><w:r><w:t>").encode().replace(b"</w:body></w:document>", b""))
            chunk = b" " * (1 << 20)
            for _ in range(300):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def test_zip_bomb_refused_before_inflating(zip_bomb):
    assert len(zip_bomb) < 5 * 1024 * 1024
    t0 = time.perf_counter()
    err = _raises(zip_bomb, "bomb.docx")
    assert "zip bomb" in err.problem
    assert time.perf_counter() - t0 < 0.5  # it was not decompressed


def test_zip_bomb_ratio_limit(zip_bomb):
    # under a generous size limit, the compression ratio alone gives it away
    limits = Limits(max_unzipped_bytes=1 << 40)
    with pytest.raises(InputError) as info:
        parse(zip_bomb, "bomb.docx", limits=limits)
    assert "zip bomb" in info.value.problem


def test_zip_bomb_with_lying_sizes(zip_bomb):
    # the central directory claims a tiny size: reading is capped at the claim, never 300 MB
    zf = zipfile.ZipFile(io.BytesIO(zip_bomb))
    info = zf.getinfo("word/document.xml")
    data = bytearray(zip_bomb)
    name = info.filename.encode()
    cd = data.find(b"PK\x01\x02")
    while cd != -1 and data[cd + 46:cd + 46 + len(name)] != name:
        cd = data.find(b"PK\x01\x02", cd + 1)
    assert cd != -1
    struct.pack_into("<I", data, cd + 24, 4096)  # uncompressed size
    t0 = time.perf_counter()
    err = _raises(bytes(data), "liar.docx")
    assert "zip bomb" in err.problem or "not a readable DOCX file" in err.problem
    assert time.perf_counter() - t0 < 0.5


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
)


def test_entity_bomb_refused():
    xml = _document_xml("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog=BILLION_LAUGHS)
    t0 = time.perf_counter()
    err = _raises(_zip({"word/document.xml": xml}), "laughs.docx")
    assert "entity" in err.problem.lower()
    assert "refused" in err.problem
    assert time.perf_counter() - t0 < 1.0


def test_external_entity_refused():
    xml = _document_xml("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>",
                        prolog='<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
    err = _raises(_zip({"word/document.xml": xml}), "xxe.docx")
    assert "external entities" in err.problem
    assert "root:" not in str(err)


def test_entity_declaration_in_utf16_part_refused():
    xml = _document_xml("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>",
                        prolog='<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    err = _raises(_zip({"word/document.xml": xml.encode("utf-16")}), "utf16.docx")
    assert "entity" in err.problem.lower()


def test_entity_declaration_in_other_part_refused(contract):
    # a DOCTYPE hidden in a secondary part (here styles.xml) is refused too
    src = zipfile.ZipFile(io.BytesIO(contract))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "word/styles.xml":
                content = content.replace(b"?>", b'?><!DOCTYPE s [<!ENTITY e SYSTEM "http://x/">]>', 1)
            out.writestr(info, content)
    err = _raises(buf.getvalue(), "styles.docx")
    assert "word/styles.xml" in err.problem
    assert "entity" in err.problem.lower()


def test_plain_good_zip_parses_without_rels():
    data = _zip({"word/document.xml": _document_xml("<w:p><w:r><w:t>Minimal clause.</w:t></w:r></w:p>")})
    parsed = parse(data, "minimal.docx")
    assert parsed.text == "Minimal clause."


def test_endnotes_hidden_text_and_symbols():
    doc = docx.Document()
    _append(doc, '<w:p><w:r><w:t>Royalties are due quarterly</w:t></w:r><w:r>'
                 '<w:endnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r>'
                 '<w:r><w:rPr><w:vanish/></w:rPr><w:t>Secret drafting note.</w:t></w:r></w:p>')
    _append(doc, '<w:p><w:r><w:sym w:font="Wingdings" w:char="F0A8"/><w:t xml:space="preserve"> '
                 'I opt out of AI training.</w:t></w:r></w:p>')
    _add_notes(doc, {1: "Calendar quarters.", 2: "Never referenced."}, kind="endnote")
    parsed = parse(_save(doc), "notes.docx")
    assert "Royalties are due quarterly[i]." in parsed.text
    assert "Secret drafting note" not in parsed.text
    assert any("hidden text" in n for n in parsed.notes)
    assert "☐ I opt out of AI training." in parsed.text
    assert parsed.footnotes == ["[i] Calendar quarters.", "[ii] Never referenced."]
    assert parsed.text.endswith("[i] Calendar quarters.\n\n[ii] Never referenced.")


def test_restart_rules_and_legal_numbering():
    doc = docx.Document()
    nid = _add_list(doc, [("upperRoman", "Article %1"), ("lowerLetter", "%1.%2"),
                          ("decimal", "Schedule %3")])
    numbering = doc.part.numbering_part.element
    abstract = next(a for a in numbering.findall(f"{{{W_NS}}}abstractNum")
                    if a.get(f"{{{W_NS}}}abstractNumId") == "90")
    levels = abstract.findall(f"{{{W_NS}}}lvl")
    levels[1].append(_xml('<w:isLgl/>'))  # legal numbering: "%1.%2" shows arabic numbers
    levels[2].append(_xml('<w:lvlRestart w:val="0"/>'))  # schedules never restart
    _numbered(doc, "Grant", nid, 0)
    _numbered(doc, "sub", nid, 1)
    _numbered(doc, "first schedule", nid, 2)
    _numbered(doc, "Payment", nid, 0)
    _numbered(doc, "sub", nid, 1)
    _numbered(doc, "second schedule", nid, 2)
    parsed = parse(_save(doc), "rules.docx")
    assert [b.label for b in parsed.blocks] == ["Article I", "1.1", "Schedule 1", "Article II", "2.1",
                                                "Schedule 2"]


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (4, "lowerRoman", "iv"), (14, "upperRoman", "XIV"), (3, "lowerLetter", "c"), (27, "upperLetter", "AA"),
    (2, "decimalZero", "02"), (3, "ordinal", "3rd"), (12, "ordinal", "12th"), (21, "cardinalText", "Twenty-one"),
    (2, "ordinalText", "Second"), (20, "ordinalText", "Twentieth"), (7, "decimal", "7"),
])
def test_number_formats(value, fmt, expected):
    from clausecheck.documents.docx import _format_number

    assert _format_number(value, fmt) == expected


def test_list_instances_sharing_an_abstract_continue():
    # Word keeps one running count per abstract definition: a second w:num without an override
    # continues the sequence; one with a startOverride restarts it
    doc = docx.Document()
    first = _add_list(doc, [("decimal", "%1.")])
    second = _add_num(doc, 90)
    restart = _add_num(doc, 90, start_override={0: 1})
    _numbered(doc, "one", first, 0)
    _numbered(doc, "two", first, 0)
    _numbered(doc, "three", second, 0)
    _numbered(doc, "restarted", restart, 0)
    _numbered(doc, "continues", first, 0)
    parsed = parse(_save(doc), "shared.docx")
    assert [b.label for b in parsed.blocks] == ["1.", "2.", "3.", "1.", "2."]


def test_merge_continuation_cells_not_repeated():
    doc = docx.Document()
    _append(doc, '<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Term'
                 '</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Two years</w:t></w:r></w:p></w:tc></w:tr>'
                 '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>Term</w:t></w:r></w:p></w:tc>'
                 '<w:tc><w:p><w:r><w:t>Renewable</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    parsed = parse(_save(doc), "merged.docx")
    assert [parsed.block_text(b) for b in parsed.blocks] == ["Term", "Two years", "Renewable"]
    assert {b.kind for b in parsed.blocks} == {"table_cell"}


def test_strict_ooxml_namespace():
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    xml = (f'<?xml version="1.0"?><w:document xmlns:w="{strict}"><w:body><w:p><w:r><w:t>Strict clause.'
           '</w:t></w:r></w:p></w:body></w:document>')
    assert parse(_zip({"word/document.xml": xml}), "strict.docx").text == "Strict clause."


def test_damaged_secondary_part_is_noted_not_fatal(contract):
    src = zipfile.ZipFile(io.BytesIO(contract))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "word/footnotes.xml":
                content = content[: len(content) // 2]  # cut off mid-element
            out.writestr(info, content)
    parsed = parse(buf.getvalue(), "halfnotes.docx")
    assert "The Company shall not assign this agreement." in parsed.text
    assert parsed.footnotes == []
    assert any("word/footnotes.xml" in n and "left out" in n for n in parsed.notes)


def test_random_corruption_only_raises_input_error(contract):
    import random

    rng = random.Random(2024)
    outcomes = set()
    for _ in range(60):
        data = bytearray(contract)
        for _ in range(rng.randint(1, 30)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            parse_docx(bytes(data), "fuzz.docx", "0" * 64, limits=Limits())
            outcomes.add("parsed")
        except InputError as err:
            assert str(err).startswith("fuzz.docx: ")
            outcomes.add("refused")
    assert "refused" in outcomes
