"""The tokenizer's fast path: a word of ASCII letters skips the affix rules when tokenizer.inert shows from
the patterns that none can match within such a word. Its "no" must be a proof, and the fast path must give
the slow path's tokens."""

from __future__ import annotations

import re
from string import ascii_letters

import pytest
from clausecheck.segmentation.boundaries import tokenizer as segment_tokenizer
from clausecheck.tokenizer import english, english_rules
from clausecheck.tokenizer.inert import may_match_within

# (pattern, whether it may match within a string of ASCII letters)
PATTERNS = [
    ("[a-z]", True), ("km$", True), ("(?<=[0-9])km$", False), ("(?i)K", True), ("(?i:\\.)", True),
    ("\\.", False), ("\\.{2,}", False), ("\\.{0,3}", True), ("\\.{,2}", True), ("\\.*", True), ("\\.+?", False),
    ("x{0}", True), ("a{,2}\\.", False), ("{", False), ("{}", True), ("(\\.)?", True), ("\\.|", True),
    ("(?:\\.|a)", True), ("a|\\.", True), ("(?:(?:\\.)+)", False), ("()", True), ("", True), ("$", True),
    ("(?=\\.)", False), ("(?!\\.)a", True), ("(?<!\\.)\\.", False), ("(?<=[a-z])(?=[A-Z])", True),
    ("\\.(?=[a-z]*)", False), ("(a)\\1", True), ("(?P<n>\\.)", False), ("(?P<x>a)(?P=x)", True),
    ("(\\.)(?(1)a|b)", True), ("(?#note)\\.", False), ("(?x) . ", True), ("(?u)^\\.", False),
    ("[^a-z]", True), ("[^A-Za-z]", False), ("[\\]a]", True), ("[]]", False), ("(?i)[^\\W\\d_]", True),
    ("\\w", True), ("\\W", False), ("\\d", False), ("\\0", False), ("\\x41", True), ("\\x2e", False),
    ("\\u0041", True), ("\\N{FULL STOP}", False), ("\\N{LATIN SMALL LETTER A}", True),
    ("^US\\$|(?<=[0-9])(?:km|m)$|'s$", False),
]


@pytest.mark.parametrize("pattern,may", PATTERNS)
def test_a_pattern_that_cannot_match_within_letters_is_told(pattern, may):
    assert may_match_within(re.compile(pattern), ascii_letters) is may


def test_no_english_or_segmenter_affix_rule_matches_within_letters():
    """Else the fast path is off: the same tokens, slower."""
    from clausecheck.segmentation.boundaries import _INFIX, _SUFFIX

    rules = english_rules()
    for pattern in (rules.prefix, rules.suffix, rules.infix, _SUFFIX, _INFIX):
        assert not may_match_within(pattern, ascii_letters), pattern.pattern[:60]


def _words() -> list[str]:
    """Special cases and words near them, with affixes around; apostrophes, hyphens, dots, unicode letters."""
    specials = sorted(english_rules().special)
    near = ["cannot", "Cannot", "CANNOT", "can", "not", "gonna", "gon", "na", "Gonna", "e.g.", "e.g", "eg", "U.S.",
            "U.S", "US", "us", "Inc.", "Inc", "inc", "No.", "No", "no", "and/or", "and", "or", "a.m.", "am", "pm",
            "it's", "its", "it", "Company's", "Companies'", "Company’s", "don't", "dont", "non-exclusive",
            "re-sign", "Société", "naïve", "Ærø", "straße", "İstanbul", "ǅemal", "km", "10km", "5m", "kg", "Mr",
            "Mrs.", "vs", "vs.", "etc", "etc.", "al", "et", "seq", "Ph", "Ph.D.", "o.O", "xD", "XD", "x", "D"]
    words = specials + near
    wrapped = [f"{a}{w}{b}" for w in words for a, b in (("(", ")"), ("", ","), ("", "."), ("“", "”"), ("'", "'"))]
    return words + wrapped + [" ".join(words), "".join(near), "-".join(near), ".".join(near)]


@pytest.mark.parametrize("make", [english, segment_tokenizer], ids=["english", "segmenter"])
def test_the_fast_path_gives_the_slow_paths_tokens(make):
    fast = make()
    slow = english() if make is english else segment_tokenizer.__wrapped__()
    assert fast._letters_unsplit
    slow._letters_unsplit = False  # every word through the affix rules
    for text in _words():
        assert fast.tokens(text) == slow.tokens(text), text
        for word in text.split():
            assert fast.word_tokens(word) == tuple(slow.words(word)), word
