"""Plain-text contracts in the encodings people actually send."""

from __future__ import annotations

import codecs

from clausecheck.documents import parse

CLAUSE = "The Licensor grants the Licensee a non-exclusive licence \u2014 \u201cSoftware\u201d excluded."


def test_utf8_with_and_without_bom():
    for data in (CLAUSE.encode("utf-8"), codecs.BOM_UTF8 + CLAUSE.encode("utf-8")):
        doc = parse(data, "a.txt")
        assert doc.text == CLAUSE and doc.format == "txt" and doc.parser == "text"


def test_utf16_with_a_bom_both_byte_orders():
    for enc in ("utf-16", "utf-16-le", "utf-16-be"):
        bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[enc]
        doc = parse(bom + CLAUSE.encode(enc), "a.txt")
        assert doc.text == CLAUSE


def test_windows_1252():
    doc = parse(CLAUSE.encode("cp1252"), "a.txt")
    assert doc.text == CLAUSE


def test_line_endings_are_normalised_and_paragraphs_become_blocks():
    raw = "1. Term.\r\nOne year.\r\n\r\n2. Fees.\rDue monthly.\r\r3. Law.\nNew York."
    doc = parse(raw.encode(), "a.txt")
    assert "\r" not in doc.text
    assert [doc.text[b.start:b.end] for b in doc.blocks] == ["1. Term.\nOne year.", "2. Fees.\nDue monthly.",
                                                             "3. Law.\nNew York."]
