"""Every word of a contract lands in a clause or a heading, and no clause stops mid-sentence at a line
break: the cases of issue 15, rebuilt as small PDFs (reportlab), read and split as a user's would be."""

from __future__ import annotations

import re

import pytest
from clausecheck.documents import parse
from clausecheck.segmentation import split
from pdfmaker import make_pdf

WORD = re.compile(r"[^\W\d_]+")


def read_text(text: str):
    doc = parse(text.encode(), "case.txt")
    return doc, split(doc)


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


def no_clause_with(parts, words: str) -> None:
    held = [flat(c.text) for c in parts.clauses if words in flat(c.text)]
    assert not held, f"a clause holds {words!r}: {held}"


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
    doc, parts = read_text(
        "9.3 Notices. All notices shall be in writing and shall be deemed given or delivered\n\n"
        "(i) when delivered personally, (ii) when sent by certified mail or (iii) when sent by\n"
        "telecopy, addressed to the party at its address below.\n")
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
        "WHEREAS, the Company sells prepaid calling cards and other telephony products to customers and",
        "is a leading provider of Internet Protocol",
        "(IP) communications services and of networks based on IP to provide its products and services.",
    ])
    clause_with(parts, "provider of Internet Protocol (IP) communications services")
    assert lost_words(doc, parts) == []
    # near miss: doubled letters still number items after a short line
    doc, parts = read([
        "The parties agree that the terms of this Agreement and all of its annexes apply as follows:",
        "(aa) the first term;",
        "(bb) the second term of the agreement, including the annex and schedules, which the",
        "parties have read.",
    ])
    assert any(flat(c.text).startswith("The parties agree") and "(aa) the first term; (bb)" in flat(c.text)
               for c in parts.clauses)


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


def test_a_lead_in_ending_in_a_comma_keeps_its_first_item():
    doc, parts = read_text(
        "1.2 Interpretation. In this Agreement, unless the context otherwise requires,\n\n"
        "(a) the singular includes the plural and (b) a reference to a party includes its successors.\n\n"
        "1.3 Headings. Headings are for convenience only.\n")
    clause_with(parts, "unless the context otherwise requires, (a) the singular includes the plural")
    assert lost_words(doc, parts) == []
    # near miss: an item that is a sentence of its own (a capital) is not the lead-in's continuation
    doc, parts = read_text(
        "1.2 Interpretation. In this Agreement, unless the context otherwise requires,\n\n"
        "(a) The singular includes the plural.\n\n"
        "(b) A reference to a party includes its successors.\n")
    no_clause_with(parts, "requires, (a)")


def test_bulleted_items_in_lower_case_go_on_with_their_sentence():
    doc, parts = read_text(
        "12. Termination. Both parties may terminate the Agreement with immediate effect\n\n"
        "- if either party breaches a material term of the Agreement\n\n"
        "- in case of bankruptcy or similar.\n\n"
        "Dragon may terminate this agreement without cause on sixty days notice.\n")
    clause = clause_with(parts, "with immediate effect - if either party breaches a material term")
    assert flat(clause.text).endswith("in case of bankruptcy or similar.")
    assert lost_words(doc, parts) == []
    # near miss: a bullet that starts a sentence of its own after a full stop stays apart
    doc, parts = read_text(
        "12. Termination. Both parties may terminate the Agreement with immediate effect.\n\n"
        "- Either party may terminate it for breach.\n")
    no_clause_with(parts, "effect. - Either")


def test_line_numbers_at_a_break_do_not_end_the_sentence():
    doc, parts = read_text(
        '5. Confidentiality. Information designated by such party as "confidential or\n\n10\n11\n\n'
        '"proprietary" shall be kept secret by the other party.\n')
    clause_with(parts, 'as "confidential or 10 11 "proprietary" shall be kept secret')
    # near miss: line numbers after a full stop do not join what follows
    doc, parts = read_text(
        '5. Confidentiality. Information shall be kept secret.\n\n10\n11\n\n'
        '"Proprietary" rights remain with the owner.\n')
    assert not any("secret." in flat(c.text) and "Proprietary" in flat(c.text) for c in parts.clauses)


def test_a_sentence_after_a_number_is_no_inline_heading():
    from clausecheck.documents import parse as parse_any

    text = ("6. Intellectual Property.\n"
            "d.\tTencent claims no rights in Outputs You generate. You are responsible for Outputs.\n"
            "e.\tLaw application It will be governed by the laws of Singapore.\n")
    parts = split(parse_any(text.encode(), "t.txt"))
    claims = clause_with(parts, "claims no rights")
    assert flat(claims.text).startswith("Tencent claims no rights in Outputs You generate.")
    law = clause_with(parts, "It will be governed")  # near miss: a short phrase still is a heading
    assert flat(law.text).startswith("It will be governed") and "Law application" in (law.section or "")


def _paged_pdf(footers: list[str | None]) -> bytes:
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]
    for n, footer in enumerate(footers, start=1):
        c.setFont("Helvetica", 11)
        for k in range(8):
            c.drawString(72, 700 - 14 * k, f"The supplier shall deliver the {words[(n + k) % 10]} goods "
                                           f"of batch {words[(n * 3 + k) % 10]} {words[k]} on time.")
        if footer:
            c.setFont("Helvetica", 9)
            c.drawString(150, 40, footer.format(n=n))
        c.showPage()
    c.save()
    return buf.getvalue()


def test_a_running_footer_with_page_numbers_on_part_of_the_pages_is_dropped():
    # the agreement's footer on 3 of 10 pages, the schedules without it
    doc = parse(_paged_pdf(["Supply Agreement Page {n} of 3"] * 3 + [None] * 7), "paged.pdf")
    assert "Supply Agreement Page" not in doc.text
    # near miss: a line without a page number on 3 of 10 pages stays
    doc = parse(_paged_pdf(["Supply Agreement Schedule"] * 3 + [None] * 7), "plain.pdf")
    assert doc.text.count("Supply Agreement Schedule") == 3


def test_an_item_leading_into_a_sub_list_keeps_its_first_sub_item():
    filler = ("including all copies, notes, summaries and extracts in any form or medium whatsoever, "
              "whether held by it, its employees, its agents or its contractors, now or at any later time")
    doc, parts = read_text(
        "8.4 Return. Upon termination, each Party shall:\n\n"
        f"(a) promptly cease all use of the Confidential Information of the other Party, {filler}; and\n\n"
        "(b) upon written request of the other Party,\n\n"
        f"(i) return to the other Party all original copies of its Confidential Information, {filler}; and\n\n"
        f"(ii) destroy all other copies of its Confidential Information, {filler}.\n")
    clause_with(parts, "upon written request of the other Party, (i) return to the other Party")
    # near miss: an item ending in a semicolon stays apart from the next item
    no_clause_with(parts, "; and (b) upon written")
    assert lost_words(doc, parts) == []


def test_a_rule_line_does_not_end_a_number_in_words():
    doc, parts = read_text(
        "9. Records. The Licensee shall maintain the records for a period of two\n-------------\n\n"
        "(2) years after the end of the term.\n")
    clause_with(parts, "for a period of two ------------- (2) years after the end")
    # near miss: after a full stop and a rule, a numbered item starts a clause of its own
    doc, parts = read_text(
        "9. Records. The Licensee shall maintain the records.\n-------------\n\n"
        "(2) The Licensor may audit them once a year.\n")
    assert not any("records." in flat(c.text) and "audit" in flat(c.text) for c in parts.clauses)


def test_a_pdf_heading_line_does_not_end_on_a_word_like_or():
    from clausecheck.documents.pdf import _is_heading

    assert not _is_heading("FOR SUCH TOUCHSTAR SOFTWARE OR")
    assert not _is_heading("TERMS AND CONDITIONS OF")
    assert _is_heading("LIMITATION OF LIABILITY")  # near misses: real headings
    assert _is_heading("12. TERM AND TERMINATION")


# lines set close together before a case, so that the reader learns the page's line spacing and reads a
# blank line as a paragraph break
PREAMBLE = [
    "This Agreement is made between Acme Robotics Inc. and Beta Trading Ltd. on the date signed below",
    "and sets out the terms on which the Supplier provides the services described in the schedules to",
    "the Customer, together with the fees the Customer pays for them and the levels they must reach.",
    "Each party signs it by its authorised officer, and each party may sign it in counterparts, which",
    "together make one and the same instrument. The schedules form part of this Agreement and have",
    "effect as if set out in full in its body; a reference to this Agreement includes the schedules,",
    "and a reference to a schedule is to a schedule of this Agreement as amended from time to time.",
    "",
]


def test_list_items_without_punctuation_between_them_stay_in_one_sentence():
    doc, parts = read(PREAMBLE + [
        "7.1 Approval. The Supplier may subcontract without the Customer's consent if:",
        "",
        "(a) it is in the ordinary course of business",
        "",
        "(b) Supplier gives the Customer advance notice",
        "",
        "(c) it does not change the way the Supplier conducts its business",
        "",
        "7.2 Terms. Each subcontract must be consistent with this Agreement.",
    ])
    clause_with(parts, "gives the Customer advance notice (c) it does not change the way")
    assert not any(flat(c.text).endswith("advance notice") for c in parts.clauses)
    assert lost_words(doc, parts) == []
    # near miss: items that are sentences of their own, each starting with a capital, stay apart
    doc, parts = read(PREAMBLE + [
        "7.3 Records. The parties keep these records:",
        "",
        "(a) The Supplier keeps the delivery notes for six years",
        "",
        "(b) The Customer keeps the invoices for six years",
    ])
    no_clause_with(parts, "six years (b)")


def test_an_item_ending_on_or_goes_on_in_the_next_item():
    doc, parts = read(PREAMBLE + [
        "11.2 Indemnity. The Seller shall indemnify the Buyer against any claim arising from:",
        "",
        "(i) the Transferred Assets before the Closing or",
        "",
        "(ii) Supplier Contracts the Seller managed before the Closing.",
    ])
    clause_with(parts, "before the Closing or (ii) Supplier Contracts the Seller managed")
    # near miss: "; or" closes an item the usual way, and the next item stays apart
    doc, parts = read(PREAMBLE + [
        "11.2 Indemnity. The Seller shall indemnify the Buyer against any claim arising from:",
        "",
        f"(i) the Transferred Assets before the Closing, {'including all of their parts, ' * 12}; or",
        "",
        f"(ii) Supplier Contracts the Seller managed before the Closing, {'including all renewals, ' * 12}.",
    ])
    no_clause_with(parts, "; or (ii)")


def test_an_address_in_a_list_of_notices_goes_on_in_the_next_item():
    doc, parts = read_text(
        "14. Notices. Notices shall be sent:\n\n"
        "(i) if to the Company:\n\nAcme Robotics Inc.\n100 Main Street\nSpringfield\n"
        "Attention: Jane Roe, President\n\n"
        "(ii) if to the Distributor:\n\nBeta Trading Ltd.\n20 High Street\nRivertown\n\n"
        "15. Counterparts. This Agreement may be signed in counterparts.\n")
    assert not any(flat(c.text).endswith("Jane Roe, President") for c in parts.clauses)
    clause_with(parts, "Attention: Jane Roe, President (ii) if to the Distributor:")


def test_a_short_line_after_a_clause_stopping_on_a_word_is_no_heading():
    doc, parts = read(PREAMBLE + [
        "Service levels. The Supplier solves 98% of the faults reported in the time period",
        "",
        "Monthly",
        "",
        "The Supplier measures the period between the report of a fault and its solution.",
    ])
    assert "Monthly" not in heading_texts(doc, parts)
    clause_with(parts, "reported in the time period Monthly")
    # near misses: a title after an unpunctuated clause stays a heading
    for title in ("EXHIBIT B", "PAYMENT TERMS", "Schedule 2 - Fees"):
        doc, parts = read(PREAMBLE + [
            "The Supplier solves 98% of the faults reported in the time period",
            "",
            title,
            "",
            "The Customer pays the fees within thirty days of the invoice.",
        ])
        assert flat(clause_with(parts, "The Supplier solves").text).endswith("in the time period")
        assert clause_with(parts, "The Customer pays").section == title


def test_a_sentence_in_capitals_goes_on_after_a_break():
    doc, parts = read(PREAMBLE + [
        "6.5 LIMITATION OF LIABILITY. THE SOLE REMEDY OF THE RESELLER SHALL BE THE RETURN OF",
        "THE PURCHASE PRICE PAID BY THE RESELLER",
        "",
        "FOR SUCH SOFTWARE OR CALL CENTER SYSTEM AND (B) WITH REGARD",
        "TO SERVICES, THE REPERFORMANCE OF THE SERVICES.",
        "",
        "7. OWNERSHIP. The Licensor owns the Software.",
    ])
    clause_with(parts, "PAID BY THE RESELLER FOR SUCH SOFTWARE OR CALL CENTER SYSTEM")
    assert not any("FOR SUCH SOFTWARE" in h for h in heading_texts(doc, parts))
    assert lost_words(doc, parts) == []
    # near miss: a title in capitals after a clause in capitals without its full stop stays a heading
    doc, parts = read(PREAMBLE + [
        "6.5 LIMITATION OF LIABILITY. THE SOLE REMEDY OF THE RESELLER SHALL BE THE RETURN OF",
        "THE PURCHASE PRICE PAID BY THE RESELLER",
        "",
        "GOVERNING LAW",
        "",
        "This Agreement is governed by the laws of England.",
    ])
    assert "GOVERNING LAW" in heading_texts(doc, parts)


def test_page_numbers_one_a_line_in_the_text_are_page_furniture():
    doc, parts = read_text(
        "6.5.2 By signing this Agreement the Professional breaches no existing agreement; and\n\n"
        "-5-\n6\n\n"
        "6.5.3 The Company's use of the rights infringes no rights of third parties.\n")
    clause = clause_with(parts, "breaches no existing agreement; and")
    assert flat(clause.text).endswith("; and")
    assert lost_words(doc, parts) == []
    # near miss: lines of figures with words are text
    doc, parts = read_text("The price list:\n\n5 units\n6 units\n")
    assert any("6 units" in flat(c.text) for c in parts.clauses)


def test_a_heading_ending_in_a_colon_on_its_own_line_keeps_its_items_apart():
    doc, parts = read_text(
        "2.13 Interpretation:\n\n"
        "(a) headings are for convenience only and do not affect interpretation;\n\n"
        "(b) the singular includes the plural and conversely;\n\n"
        "(c) a reference to a party includes its successors.\n\n"
        "3. Term. This Agreement lasts five years.\n")
    assert "2.13 Interpretation:" in heading_texts(doc, parts)
    assert lost_words(doc, parts) == []
    clause_with(parts, "headings are for convenience only")
    # near miss: a heading with its list on the same line keeps the items in its clause
    doc, parts = read_text(
        "(f) Prior to the Closing Date: (i) no material adverse change shall have occurred, and "
        "(ii) the Agent shall have received the opinion of counsel.\n")
    assert lost_words(doc, parts) == []
    clause_with(parts, "no material adverse change shall have occurred, and (ii) the Agent")


def test_a_heading_over_several_lines_stops_at_sixteen_words():
    doc, parts = read_text(
        "The Franchisee signs below.\n\n"
        "Exhibit H-18\nADDENDUM TO THE ACME SERVICES AGENCY, LLC\nFRANCHISE DISCLOSURE DOCUMENT\n"
        "FOR THE STATE OF NEW YORK\n\n"
        "1. The following information is added to the cover page.\n")
    assert all(len(WORD.findall(h)) <= 16 for h in heading_texts(doc, parts))
    assert lost_words(doc, parts) == []
    # near miss: a short heading over two lines stays one heading
    doc, parts = read_text(
        "EMPLOYEE PROPRIETARY INFORMATION\nAGREEMENT\n\n1. The Employee keeps all information secret.\n")
    assert "EMPLOYEE PROPRIETARY INFORMATION AGREEMENT" in heading_texts(doc, parts)


def test_a_redacted_item_is_an_item_not_a_bare_number():
    doc, parts = read_text(
        "A. Transition Period\n\nDuring the Transition Period the Company orders from:\n\n"
        "(a) [***]\n\n(b) [***]and\n\n(c) [***]\n\nB. Later Period\n\n(a) After the Transition Period the "
        "Company orders from any supplier.\n")
    assert "B. Later Period" in heading_texts(doc, parts)
    assert not any("[***]" in h for h in heading_texts(doc, parts))
    # near miss: a number with nothing after it still belongs to what follows
    doc, parts = read_text("13.2.\n\nThe Company orders from any supplier.\n")
    clause = clause_with(parts, "The Company orders from any supplier.")
    assert clause.section == "13.2."
