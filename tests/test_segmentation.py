"""Clause segmentation: what a reader of the clause list relies on."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from clausecheck.documents import parse
from clausecheck.documents.model import DocumentBuilder
from clausecheck.segmentation import Clause, body_starts, segment

CUAD_TXT = Path(__file__).resolve().parents[2] / "shared" / "data" / "cuad" / "txt"


def clauses_of(text: str) -> list[Clause]:
    return segment(parse(text.encode("utf-8"), "contract.txt"))


def texts(text: str) -> list[str]:
    return [c.text for c in clauses_of(text)]


def assert_exact(doc_text: str, clauses: list[Clause]) -> None:
    for n, c in enumerate(clauses, 1):
        assert c.id == f"c{n}"
        assert c.text == doc_text[c.start:c.end]
        assert c.text == c.text.strip() and c.text
    for a, b in itertools.pairwise(clauses):
        assert a.end <= b.start


# --- numbering ---------------------------------------------------------------------------------

def test_numbered_sections_on_their_own_lines_are_separate_clauses():
    got = texts("1.1 The Licensor grants a licence to the Licensee\n"
                "1.2 The Licensee shall pay the fees\n"
                "1.2.1 Fees are due within thirty days\n"
                "(a) The first instalment is due on signature\n"
                "(ii) Late payments bear interest\n"
                "(xliv) Interest accrues daily")
    # each number starts a clause; the clause text is its body and the number goes to its section
    got = clauses_of("1.1 The Licensor grants a licence to the Licensee\n"
                     "1.2 The Licensee shall pay the fees\n"
                     "1.2.1 Fees are due within thirty days\n"
                     "(a) The first instalment is due on signature\n"
                     "(ii) Late payments bear interest\n"
                     "(xliv) Interest accrues daily")
    assert [(c.text, c.section) for c in got] == [
        ("The Licensor grants a licence to the Licensee", "1.1"),
        ("The Licensee shall pay the fees", "1.2"),
        ("Fees are due within thirty days", "1.2.1"),
        ("The first instalment is due on signature", "(a)"),
        ("Late payments bear interest", "(ii)"),
        ("Interest accrues daily", "(xliv)")]


def test_new_number_after_a_sentence_on_the_same_line_starts_a_clause():
    got = texts("The term is one year. 2.1 Either party may terminate on notice. "
                "Section 2(a) Notice must be written. ARTICLE 5 Assignment is prohibited.")
    assert got == ["The term is one year.", "Either party may terminate on notice.",
                   "Notice must be written.", "Assignment is prohibited."]


def test_a_wrapped_line_starting_with_a_section_reference_does_not_split():
    got = texts("The Licensee may terminate this Agreement under Section\n"
                "4.2 hereof by written notice to the Licensor.")
    assert len(got) == 1


# --- abbreviations, defined terms, numbers -------------------------------------------------------

def test_contract_abbreviations_do_not_end_a_clause():
    text = ('This Agreement is made between Acme Holdings Inc. and Beta Ltd. and Gamma L.L.C. and '
            'Delta Corp. and Epsilon Co. of the U.S. and the U.S.A. regarding Patent No. 5,123,456 and '
            'Patent Nos. 6 and 7, e.g. the inventions, i.e. all of them, under Sec. 4 and Art. 9 '
            '(cf. 35 U.S.C. 101 et seq.) as held in Smith v. Jones and Doe vs. Roe, et al. by '
            'Mr. Smith, Ms. Jones and Dr. Roe of 1 Main St. for approx. ten years, see para. 3, viz. '
            'the term, incl. renewals.')
    assert texts(text) == [text]


def test_a_sentence_can_still_end_after_a_company_suffix():
    got = texts("The Licensee is Acme, Inc. The Licensor is Beta Corp. The term is one year.")
    assert got == ["The Licensee is Acme, Inc.", "The Licensor is Beta Corp.", "The term is one year."]


def test_defined_terms_in_quotes_and_parentheses_stay_inside_the_clause():
    text = ('This Services Agreement (the "Agreement") is made by Acme Ltd. ("Acme") and the '
            'holder of the "U.S. Patents" (as defined in Sec. 2.) for the "Work Product." '
            'Each party shall keep the "Confidential Information" secret.')
    assert texts(text) == [
        ('This Services Agreement (the "Agreement") is made by Acme Ltd. ("Acme") and the holder of the '
         '"U.S. Patents" (as defined in Sec. 2.) for the "Work Product."'),
        'Each party shall keep the "Confidential Information" secret.',
    ]


def test_decimals_amounts_and_section_references_do_not_split():
    text = "The fee is $1.5 million, payable under Section 2.1 and clause 3.4(b) at 2.5 per cent."
    assert texts(text) == [text]


def test_sentences_split_otherwise():
    assert texts("The term is one year. It renews annually! Does it? eGain pays the fees.") == [
        "The term is one year.", "It renews annually!", "Does it?", "eGain pays the fees."]


# --- headings and sections ---------------------------------------------------------------------

def test_heading_lines_become_the_section_of_the_clauses_under_them():
    text = ("ARTICLE IV\nTERM AND TERMINATION\n\n"
            "4.1 This Agreement starts on the Effective Date. It lasts five years.\n"
            "4.2 Either party may terminate on notice.\n\n"
            "Section 5. Fees and Payment\n"
            "The Licensee shall pay the fees.")
    got = clauses_of(text)
    assert [(c.text, c.section) for c in got] == [
        ("This Agreement starts on the Effective Date.", "ARTICLE IV TERM AND TERMINATION › 4.1"),
        ("It lasts five years.", "ARTICLE IV TERM AND TERMINATION"),
        ("Either party may terminate on notice.", "ARTICLE IV TERM AND TERMINATION › 4.2"),
        ("The Licensee shall pay the fees.", "Section 5. Fees and Payment"),
    ]


def test_numbered_heading_keeps_its_number_until_the_next_heading_of_that_level():
    text = ("1. DEFINITIONS\n\n\"Affiliate\" means a controlled entity.\n\n"
            "2. LICENCE\n\n2.1 Grant\n\nThe Licensor grants a licence.\n\n"
            "2.2 Restrictions\n\nThe Licensee shall not sublicense.\n\n"
            "3. FEES\n\nFees are due monthly.")
    got = clauses_of(text)
    assert [(c.text, c.section) for c in got] == [
        ('"Affiliate" means a controlled entity.', "1. DEFINITIONS"),
        ("The Licensor grants a licence.", "2.1 Grant"),
        ("The Licensee shall not sublicense.", "2.2 Restrictions"),
        ("Fees are due monthly.", "3. FEES"),
    ]


def test_inline_heading_is_the_section_of_its_clause():
    text = ("5.2 Confidentiality. The Employee shall keep all Confidential Information secret. "
            "This obligation survives termination. 5.3 Return of Materials. The Employee shall return "
            "all materials.")
    got = clauses_of(text)
    assert [(c.text, c.section) for c in got] == [
        ("The Employee shall keep all Confidential Information secret.", "5.2 Confidentiality"),
        ("This obligation survives termination.", "5.2 Confidentiality"),
        ("The Employee shall return all materials.", "5.3 Return of Materials"),
    ]
    # the clause's offsets cover its body; number and heading sit just before it
    assert text[:got[0].start].rstrip().endswith("5.2 Confidentiality.")
    assert body_starts(got[0]) == []


def test_heading_and_subheading_flattened_onto_one_line():
    got = clauses_of("1. Services. 1.1 Provision of Services. (a) Provider shall provide the Services. "
                     "(b) Recipient may assign its rights.")
    assert [(c.text, c.section) for c in got] == [
        ("Provider shall provide the Services.", "1.1 Provision of Services › (a)"),
        ("Recipient may assign its rights.", "1.1 Provision of Services › (b)"),
    ]


def test_a_heading_with_nothing_under_it_is_kept_as_a_clause():
    got = texts("12. Reserved.\n\n13. Notices.\n\nNotices must be in writing.")
    assert got == ["12. Reserved.", "Notices must be in writing."]


# --- enumerations ------------------------------------------------------------------------------

def test_short_enumeration_after_a_colon_stays_one_clause():
    text = ("The Company may: (a) use the Work; (b) modify the Work; and (c) sublicense the Work. "
            "The Creator keeps attribution.")
    assert texts(text) == ["The Company may: (a) use the Work; (b) modify the Work; and (c) sublicense the Work.",
                           "The Creator keeps attribution."]


def test_enumeration_on_separate_lines_stays_one_clause():
    text = "The Licensee shall not:\n(a) copy the Software;\n(b) reverse engineer it; or\n(c) rent it."
    assert texts(text) == [text]


def test_enumeration_of_full_sentences_splits_per_item():
    text = ("Either party may terminate this Agreement as follows:\n"
            "(a) The Licensor may terminate if the Licensee fails to pay any fee within thirty days of "
            "its due date.\n"
            "(b) The Licensee may terminate for convenience on ninety days' written notice to the "
            "Licensor.")
    got = texts(text)
    assert got == ["Either party may terminate this Agreement as follows:",
                   ("The Licensor may terminate if the Licensee fails to pay any fee within thirty days "
                    "of its due date."),
                   ("The Licensee may terminate for convenience on ninety days' written notice to the "
                    "Licensor.")]


# --- layout: wrapped lines, pages, offsets ------------------------------------------------------

def test_lines_wrapped_mid_sentence_are_not_boundaries():
    text = ("The Consultant hereby assigns to the Company all right,\ntitle and interest in the Work\n"
            "Product, including all Intellectual\nProperty Rights.")
    assert texts(text) == [text]


def test_sentence_broken_across_blocks_is_joined():
    text = "The Consultant assigns all rights in the\n\nWork Product to the Company."
    assert texts(text) == [text]


def test_page_numbers_are_not_clauses_and_do_not_break_a_sentence():
    text = ("The Consultant assigns all rights in the\n\n12\n\nWork Product to the Company.\n\n"
            "- 13 -\n\nThe term is one year.\n\n______________________")
    assert texts(text) == ["The Consultant assigns all rights in the\n\n12\n\nWork Product to the Company.",
                           "The term is one year."]


def test_offsets_are_exact_and_ids_are_in_order():
    text = ("  MASTER SERVICES AGREEMENT\n\n1. DEFINITIONS\n\n1.1 \"Services\" means the work.  \n"
            "1.2 \"Fees\" means $1.5 million.\n\n\n2. TERM. This Agreement lasts one year.   It renews.\n")
    doc = parse(text.encode(), "msa.txt")
    got = segment(doc)
    assert_exact(doc.text, got)
    assert [c.text for c in got] == ['"Services" means the work.', '"Fees" means $1.5 million.',
                                     "This Agreement lasts one year.", "It renews."]
    assert [c.section for c in got] == ["1. DEFINITIONS › 1.1", "1. DEFINITIONS › 1.2", "2. TERM",
                                        "2. TERM"]


def test_pages_come_from_the_blocks():
    builder = DocumentBuilder()
    builder.add("1. Licence. The Licensor grants a licence. It is exclusive.", page=1)
    builder.add("2. Fees. The Licensee pays the fees.", page=2)
    builder.add("3. Term. One year.", page=3)
    doc = builder.build(name="x.pdf", sha256="0", format="pdf", parser="test", pages=3)
    got = segment(doc)
    assert_exact(doc.text, got)
    assert [(c.text, c.page) for c in got] == [
        ("The Licensor grants a licence.", 1), ("It is exclusive.", 1),
        ("The Licensee pays the fees.", 2), ("One year.", 3)]


def test_a_block_the_parser_marked_as_heading_is_a_section():
    builder = DocumentBuilder()
    builder.add("Term and termination", kind="heading", level=0)
    builder.add("This Agreement lasts one year. Either party may end it on notice.")
    builder.add("Payment", kind="heading", level=0)
    builder.add("Invoices are due in thirty days.")
    doc = builder.build(name="x.docx", sha256="0", format="docx", parser="test")
    assert [(c.text, c.section) for c in segment(doc)] == [
        ("This Agreement lasts one year.", "Term and termination"),
        ("Either party may end it on notice.", "Term and termination"),
        ("Invoices are due in thirty days.", "Payment")]


def test_empty_document_has_no_clauses():
    doc = DocumentBuilder().build(name="e.txt", sha256="0", format="txt", parser="text")
    assert segment(doc) == []


@pytest.mark.skipif(not CUAD_TXT.is_dir(), reason="CUAD data not present in ../shared/data/cuad")
def test_real_contract_offsets_and_sensible_clauses():
    path = min(CUAD_TXT.glob("*.txt"))
    doc = parse(path.read_bytes(), path.name)
    got = segment(doc)
    assert_exact(doc.text, got)
    assert len(got) > 10
    words = sorted(len(c.text.split()) for c in got)
    assert 8 <= words[len(words) // 2] <= 80
