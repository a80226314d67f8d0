"""The strings a pattern's matches need (clausecheck.needs): texts without them are not searched."""

from __future__ import annotations

import re

import pytest
from clausecheck import lowered
from clausecheck.lowered import FastPattern, for_lower
from clausecheck.needs import need_sets, strings


def required_string_sets(rx: re.Pattern) -> list[tuple[str, ...]]:
    """The strings of each need set, most selective first (a text holds one of each)."""
    return [strings(c) for c in need_sets(rx)]


def required_literals(rx: re.Pattern) -> tuple[str, ...] | None:
    sets = required_string_sets(rx)
    return sets[0] if sets else None


def test_required_literals_are_what_every_match_contains():
    assert set(required_literals(for_lower(re.compile(r"\bperpetu(?:al|ity)\b|\bforever\b", re.I))[0])) == {
        "perpetual", "perpetuity", "forever"}
    # an optional part is not required; a repeated one is
    assert required_literals(re.compile(r"\b(?:re)?train(?:s|ed)?\b")) == ("train",)
    assert required_literals(re.compile(r"(?:abc)+x")) == ("abc",)
    # an alternative without a fixed string makes the whole pattern unknown: always searched
    assert required_literals(re.compile(r"\bfoo\b|\d+ days")) is not None  # " days" is fixed
    assert required_literals(re.compile(r"\bfoo\b|\d+")) is None
    # a case-insensitive part of a case-sensitive pattern has no fixed string
    assert required_literals(re.compile(r"(?i:Licensor)")) is None
    # a case-insensitive pattern is read in its lowered form only
    assert required_literals(re.compile("Licensor", re.I)) is None


def test_every_string_a_match_needs_is_read_most_selective_first():
    sets = required_string_sets(re.compile(r"\b(?:shall|will)\s+not\s+compete\b"))
    assert sets[0] == ("compete",)
    assert set(sets) == {("compete",), ("shall", "will"), ("not",)}
    assert required_literals(re.compile(r"\b(?:shall|will)\s+not\s+compete\b")) == ("compete",)


def _needs(pattern: str) -> list[set[tuple[str, bool]]]:
    return [set(c) for c in need_sets(re.compile(pattern))]


def test_a_word_boundary_makes_a_string_start_a_word():
    assert _needs(r"\bmin(?:e|ed|ing)\b") == [{("mine", True), ("mining", True)}]
    assert _needs(r"\$\d+") == [{("$", False)}]  # "$" is no word character: no word start asked
    assert {("compete", False)} in _needs(r"\b(?:shall|will)\s+not\s+compete\b")
    assert {("shall", True), ("will", True)} in _needs(r"\b(?:shall|will)\s+not\s+compete\b")


def test_a_literal_run_is_read_with_its_spellings():
    assert _needs(r"licen[cs]e") == [{("licence", False), ("license", False)}]
    assert _needs(r"\bfine[- ]?tun\w*") == [{("fine-tun", True), ("fine tun", True), ("finetun", True)}]
    assert _needs(r"\b(?:re)?train(?:s|ed)?\b") == [{("train", True), ("retrain", True)}]
    assert _needs(r"\b(?:a\.?i\.?|ml)\b") == [{("ai", True), ("a.i", True), ("ml", True)}]


def test_an_optional_or_unknown_part_needs_nothing():
    assert _needs(r"\b(?:un)?") == []
    assert _needs(r"\bfoo\b|\d+") == []
    assert _needs("Licensor") == [{("Licensor", False)}]
    assert need_sets(re.compile("Licensor", re.I)) == []  # read the lower-cased form instead


def _indexed(pattern: str, monkeypatch) -> FastPattern:
    """The pattern prepared, its needs in a fresh index (as in a worker after its first contracts)."""
    monkeypatch.setattr(lowered, "_INDEX", lowered.StringIndex())
    fast = FastPattern(re.compile(pattern, re.I), warm_up=0)
    fast.search("")
    lowered._INDEX.build()
    return fast


@pytest.mark.parametrize("pattern, text", [
    (r"\bmin(?:e|ed|ing)\b", "terminate the administration"),
    (r"\b(?:re)?train(?:s|ed|ing)?\b", "without restraint or constraint"),
    (r"\b(?:a\.?i\.?|ml)\b", "a mail to the html team"),
])
def test_a_text_holding_the_strings_only_inside_words_is_not_searched(pattern, text, monkeypatch):
    fast = _indexed(pattern, monkeypatch)
    assert not fast.possible(text) and fast.search(text) is None


@pytest.mark.parametrize("pattern, text, span", [
    (r"\bmin(?:e|ed|ing)\b", "data mining", (5, 11)),
    (r"\bmin(?:e|ed|ing)\b", "Mined, indexed", (0, 5)),
    (r"\b(?:re)?train(?:s|ed|ing)?\b", "(retrained)", (1, 10)),
    (r"\b(?:a\.?i\.?|ml)\b", "A.I. tools", (0, 3)),
    (r"\b(?:a\.?i\.?|ml)\b", "é-ml", (2, 4)),  # "-" is no word character: "ml" starts a word there
])
def test_a_text_with_the_strings_at_a_word_start_is_searched(pattern, text, span, monkeypatch):
    fast = _indexed(pattern, monkeypatch)
    assert fast.search(text).span() == span
