"""clausecheck.tokenizer makes spaCy's tokens without spaCy: the model's features and the segmenter's
boundaries depend on every token being the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from clausecheck.segmentation.boundaries import _INFIX, _SUFFIX, ABBREVIATIONS
from clausecheck.segmentation.boundaries import tokenizer as segment_tokenizer
from clausecheck.tokenizer import english, is_punct, like_num

spacy = pytest.importorskip("spacy")

SAMPLES = Path(__file__).resolve().parents[1] / "sample_contracts"

TRICKY = [
    "The Company's U.S.A. office (the \"Office\") opens at 9 a.m. -- don't be late :) e-mail: a@b.com",
    "  leading spaces, then\ttabs\n\nand  double  spaces; trailing space ",
    "Notice no less than thirty\n(30) days before expiry.The next sentence, per Section 4.2(a)(iii).",
    "https://example.com/terms?x=1 and www.example.org, $1,000.00, 15%, 3rd, one-half, 1/2, ±5",
    "Inc. Ltd. L.L.C. Nos. et seq. et al. vs. e.g., i.e., No. 5, art. 3; ¶ 4 § 2 — “quoted” ‘single’ …",
    "IN NO EVENT SHALL LICENSOR'S LIABILITY EXCEED THE FEES PAID (THE \"CAP\").",
    # words of letters (the fast path), special cases among them, and their neighbours
    "Cannot gonna cannot, can not the U.S. Société's naïve re-sign; Ærø 10km 5m x.y (and) and/or it's Its no. No",
    # special cases that affix splitting cuts apart, re-joined (within each word and its whitespace)
    "12a.m. and/or 3p.m. :-) e.g.e.g. Mr.Smith's (8) 'em, i.e.i.e. Inc.'s 8-)",
    "",
    " ",
]


def _sample_texts() -> list[str]:
    from clausecheck.documents import parse_file

    return [parse_file(p).text for p in sorted(SAMPLES.glob("*.pdf"))[:6]]


def _spacy_tokens(tok, text: str) -> list[tuple[str, int]]:
    return [(t.text, t.idx) for t in tok(text)]


def test_english_tokens_are_spacys():
    ours, theirs = english(), spacy.blank("en").tokenizer
    for text in TRICKY + _sample_texts():
        assert ours.tokens(text) == _spacy_tokens(theirs, text), text[:80]


def test_segmenter_tokens_are_spacys_with_the_same_rules():
    theirs = spacy.blank("en").tokenizer
    theirs.suffix_search = _SUFFIX.search
    theirs.infix_finditer = _INFIX.finditer
    theirs.token_match = None
    theirs.url_match = None
    from spacy.attrs import ORTH

    for abbr in ABBREVIATIONS:
        theirs.add_special_case(abbr, [{ORTH: abbr}])
    ours = segment_tokenizer()
    for text in TRICKY + _sample_texts():
        assert ours.tokens(text) == _spacy_tokens(theirs, text), text[:80]


def test_lexeme_attributes_are_spacys():
    vocab = spacy.blank("en").vocab
    words = {w for text in TRICKY + _sample_texts()[:2] for w in english().words(text)}
    words |= {"ten", "Tenth", "1,000", "+3", "3/4", "1st", "22nd", "x/y", "%", "$", "§", "—", "...", "٣", "Ⅻ", "²",
              "Société", "'", "''"}
    for w in words:
        lex = vocab[w]
        assert (like_num(w), is_punct(w)) == (lex.like_num, lex.is_punct), w


def test_analysis_does_not_import_spacy():
    code = ("import sys; from pathlib import Path; import clausecheck; "
            f"clausecheck.analyze(Path({str(SAMPLES / 'offer_letter_acme_robotics.pdf')!r})); "
            "print('spacy' in sys.modules, 'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_shipped_rules_are_the_installed_spacys():
    from clausecheck.tokenizer import _data
    from clausecheck.training.export_tokenizer import export

    shipped, now = _data(), export()
    if shipped["source"] != now["source"]:
        pytest.skip(f"rules exported from {shipped['source']}; installed: {now['source']}")
    assert shipped == now


def test_a_special_case_holding_whitespace_is_refused():
    """Special cases are re-joined within a chunk; one spanning whitespace would be silently split."""
    with pytest.raises(ValueError, match="holds whitespace"):
        english(extra_special=("et seq.",))


def test_the_classifiers_words_are_the_normal_forms_of_the_texts_tokens():
    """features.tokens keeps normal forms per whitespace-separated word: they must be those of the text's
    own tokens, in order."""
    from clausecheck.classify.features import _norm_of, tokenizer, tokens

    texts = TRICKY + _sample_texts()
    want = [[n for n in map(_norm_of, tokenizer().words(t)) if n] for t in texts]
    assert tokens(texts) == want
