"""Every word of a contract lands in a clause or a heading, and no clause stops mid-sentence at a line
break: the cases of issue 15, rebuilt as small PDFs (reportlab), read and split as a user's would be."""

from __future__ import annotations

import re

import pytest
from clausecheck.documents import parse
from clausecheck.segmentation import split
from pdfmaker import make_pdf

WORD = re.compile(r"[^\W\d_]+")


def read(lines: list[str]):
    doc = parse(make_pdf([lines], footer=None), "case.pdf")
    return doc, split(doc)


def flat(text: str) -> str:
    return " ".join(text.split())


def lost_words(doc, parts) -> list[str]:
    covered = bytearray(len(doc.text))
    for s, e in [(c.start, c.end) for c in parts.clauses] + parts.headings + parts.prefixes + parts.dropped:
        covered[s:e] = b"\x01" * (e - s)
    return [m.group() for m in WORD.finditer(doc.text) if not covered[m.start()]]


def heading_texts(doc, parts) -> list[str]:
    return [flat(doc.text[s:e]) for s, e in parts.headings]


def clause_with(parts, words: str):
    found = [c for c in parts.clauses if words in flat(c.text)]
    assert found, f"no clause holds {words!r}: {[flat(c.text) for c in parts.clauses]}"
    return found[0]


def test_a_number_in_figures_after_the_same_number_in_words_is_no_heading():
    doc, parts = read([
        "12. Renewal. This Agreement renews for successive one-year terms unless either party shall give",
        "the other party notice thereof no less than thirty",
        "(30) days before the expiration of the term then in effect.",
        "",
        "13. Notices. Notices shall be given in writing.",
    ])
    clause = clause_with(parts, "no less than thirty (30) days before the expiration")
    assert flat(clause.text).endswith("the term then in effect.")
    assert "(30)" not in heading_texts(doc, parts)
    assert lost_words(doc, parts) == []


def test_an_all_caps_liability_cap_stays_one_clause_with_every_word():
    doc, parts = read([
        "9. LIMITATION OF LIABILITY",
        "IN NO EVENT SHALL THE AGGREGATE LIABILITY OF PIVX TO DETTO OR ANY THIRD PARTY",
        "ARISING OUT OF THIS AGREEMENT EXCEED THE TOTAL AMOUNT ACTUALLY RECEIVED BY PIVX",
        "HEREUNDER DURING THE PREVIOUS SIX",
        "(6) MONTHS.",
        "",
        "10. Governing Law. This Agreement is governed by the laws of the State of New York.",
    ])
    cap = clause_with(parts, "ANY THIRD PARTY ARISING OUT OF THIS AGREEMENT EXCEED THE TOTAL AMOUNT")
    assert flat(cap.text).endswith("DURING THE PREVIOUS SIX (6) MONTHS.")
    assert "LIMITATION OF LIABILITY" in (cap.section or "")
    assert not any("MONTHS" in h or "THIRD PARTY" in h for h in heading_texts(doc, parts))
    assert lost_words(doc, parts) == []


def test_all_caps_sentences_over_several_lines_are_clause_text():
    doc, parts = read([
        "14. Disclaimer.",
        "EXCEPT AS EXPRESSLY SET OUT IN THIS AGREEMENT THE SOFTWARE IS PROVIDED AS IS",
        "AND LICENSOR DISCLAIMS ALL WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A",
        "PARTICULAR PURPOSE",
        "AND ANY WARRANTY ARISING FROM A COURSE OF DEALING.",
    ])
    clause = clause_with(parts, "THE SOFTWARE IS PROVIDED AS IS AND LICENSOR DISCLAIMS ALL WARRANTIES")
    assert flat(clause.text).endswith("ARISING FROM A COURSE OF DEALING.")
    assert heading_texts(doc, parts) == ["14. Disclaimer."]
    assert lost_words(doc, parts) == []


@pytest.mark.parametrize("ending", ["in accordance with", "pursuant to this", "set out in"])
def test_a_section_reference_at_the_start_of_a_line_is_no_new_item(ending):
    doc, parts = read([
        f"5. Fees. The Licensee shall pay the fees {ending}",
        "Section 4.2 of this Agreement within thirty days of each invoice.",
        "",
        "6. Taxes. Each party pays its own taxes.",
    ])
    clause = clause_with(parts, f"{ending} Section 4.2 of this Agreement within thirty days")
    assert flat(clause.text).endswith("of each invoice.")
    assert lost_words(doc, parts) == []


def test_a_defined_term_stays_with_its_definition():
    doc, parts = read([
        "1. Definitions.",
        "1.3 \u201cBeyond Economical",
        "Repair\u201d means the case in which the cost of repairing a unit exceeds its value.",
    ])
    clause_with(parts, "\u201cBeyond Economical Repair\u201d means the case in which")
    assert lost_words(doc, parts) == []


def test_real_headings_and_items_still_split():
    doc, parts = read([
        "ARTICLE 7",
        "TERM AND TERMINATION",
        "",
        "7.1 Term. This Agreement lasts three years.",
        "7.2 Termination. Either party may terminate it on ninety days' notice:",
        "(a) for convenience; or",
        "(b) for breach.",
    ])
    assert [flat(c.text) for c in parts.clauses] == [
        "This Agreement lasts three years.",
        "Either party may terminate it on ninety days' notice: (a) for convenience; or (b) for breach."]
    assert heading_texts(doc, parts) == ["ARTICLE 7 TERM AND TERMINATION", "7.1 Term.", "7.2 Termination."]
    assert lost_words(doc, parts) == []


def test_no_clause_ends_without_closing_punctuation_in_these_cases():
    doc, parts = read([
        "3. Payment. Invoices are due within sixty",
        "(60) days of receipt and shall be paid in",
        "United States dollars.",
        "4. Audit. The Licensor may audit the records of",
        "the Licensee once a year.",
    ])
    assert [flat(c.text)[-1] for c in parts.clauses] == [".", "."]
    assert lost_words(doc, parts) == []


def test_a_lead_in_without_colon_keeps_the_list_it_introduces():
    doc, parts = read([
        "9.3 Notices. All notices shall be in writing and shall be deemed given or delivered",
        "",
        "(i) when delivered personally, (ii) when sent by certified mail or (iii) when sent by",
        "telecopy, addressed to the party at its address below.",
    ])
    clause = clause_with(parts, "deemed given or delivered (i) when delivered personally")
    assert flat(clause.text).endswith("at its address below.")
    assert lost_words(doc, parts) == []


def test_items_that_are_sentences_after_a_full_stop_stay_apart():
    doc, parts = read([
        "9.3 Notices. All notices shall be in writing and signed by the sender.",
        "",
        "(a) The Licensee shall send notices to the Licensor by courier.",
        "(b) The Licensor shall send notices to the Licensee by mail.",
    ])
    assert [flat(c.text) for c in parts.clauses] == [
        "All notices shall be in writing and signed by the sender.",
        "The Licensee shall send notices to the Licensor by courier.",
        "The Licensor shall send notices to the Licensee by mail."]


def test_list_items_without_punctuation_stay_with_their_lead_in():
    doc, parts = read([
        "7.1 Approval. The Supplier may subcontract without consent if:",
        "",
        "(a) it is in the ordinary course of business",
        "",
        "(b) the Supplier gives the Customer advance notice",
        "",
        "(c) it does not adversely affect the Customer",
    ])
    clause = clause_with(parts, "without consent if: (a) it is in the ordinary course of business (b) the Supplier")
    assert flat(clause.text).endswith("(c) it does not adversely affect the Customer")
    assert len(parts.clauses) == 1


def test_two_letters_in_brackets_are_an_abbreviation_not_an_item():
    doc, parts = read([
        "WHEREAS, the Company is a leading provider of Internet Protocol",
        "(IP) communications services and networks based on IP;",
        "",
        "The parties agree that the following terms apply:",
        "(aa) the first term of the agreement, including the annex and schedules;",
        "(bb) the second term of the agreement, including the annex and schedules.",
    ])
    clause_with(parts, "provider of Internet Protocol (IP) communications services")
    # doubled letters still number items
    assert any(flat(c.text).startswith("The parties agree") and "(aa) the first term" in flat(c.text)
               for c in parts.clauses)
    assert lost_words(doc, parts) == []


def test_signature_and_form_lines_are_not_headings():
    doc, parts = read([
        "12. Counterparts. This Agreement may be signed in counterparts.",
        "",
        "ACME HOLDINGS, L.P., a Delaware limited partnership",
        "By /s/ Jane Q. Doe",
        "Name: Jane Q. Doe",
        "Facsimile: (310) 555-0100",
        "",
        "13. Notices",
        "Notices shall be given in writing.",
    ])
    headings = heading_texts(doc, parts)
    assert not any("/s/" in h or "Facsimile" in h or "Name:" in h for h in headings)
    assert "13. Notices" in headings  # a short numbered heading still is one
    assert lost_words(doc, parts) == []
