"""The strings a pattern's matches need (clausecheck.needs): texts without them are not searched."""

from __future__ import annotations

import re

import pytest
from clausecheck import lowered
from clausecheck.lowered import FastPattern, for_lower
from clausecheck.needs import need_sets, need_ways, strings


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


def _ways(pattern: str, flags: int = 0) -> list[list[set[tuple[str, bool]]]]:
    return [[set(c) for c in way] for way in need_ways(re.compile(pattern, flags))]


def test_each_way_a_match_can_go_has_its_own_needs():
    # an alternation: one of "terminat" and "convenience" (need_sets), or all the strings of one alternative
    pattern = r"\bterminat\w*\b[^.;]{0,80}\bwithout\s+cause\b|\bfor\s+convenience\b"
    assert _needs(pattern) == [{("terminat", True), ("convenience", False)}]
    assert _ways(pattern) == [[{("terminat", True)}, {("without", True)}, {("cause", False)}],
                              [{("convenience", False)}, {("for", True)}]]
    # a group's alternatives are spelt out in the sequence around them; spellings stay one literal run
    assert _ways(r"\b(?:may\s+not|cannot)\s+(?:assign|transfer)") == [
        [{("assign", False), ("transfer", False)}, {("may", True)}, {("not", False)}],
        [{("cannot", True)}, {("assign", False), ("transfer", False)}]]
    assert _ways(r"(feed|upload)\w*\s+(into|through)") == [
        [{("feed", False), ("upload", False)}, {("into", False), ("through", False)}]]
    # one way without needs: no way is tested
    assert _ways(r"\bfoo\b|\d+") == [] and _ways("Licensor", re.I) == []
    # no alternation: the one way is need_sets
    assert _ways(r"\b(?:shall|will)\s+not\s+compete\b") == [_needs(r"\b(?:shall|will)\s+not\s+compete\b")]


def test_an_alternation_of_too_many_ways_is_read_as_one_set():
    pattern = "(?:" + "|".join(rf"w{i}\s+x" for i in range(40)) + ")"
    assert need_ways(re.compile(pattern)) == [need_sets(re.compile(pattern))]
    ways = need_ways(re.compile(r"(?:a\s+b|c\s+d)\s+(?:" + "|".join(rf"e{i}\s+f" for i in range(20)) + ")"))
    assert len(ways) == 2  # the first alternation spelt out, the second (40 ways with it) kept whole


@pytest.mark.parametrize("pattern, flags, text", [
    (r"\bterminat\w*\b[^.;]{0,80}\bwithout\s+cause\b|\bfor\s+convenience\b", re.I,
     "Either party may terminate for any reason without notice"),
    (r"\b(?:may\s+not|cannot)\s+assign\b", re.I, "Customer may assign"),
    (r"\bAI\b|\bA\.I\.", 0, "the maid"),
])
def test_a_text_meeting_no_way_whole_is_not_searched_and_one_meeting_a_way_is(pattern, flags, text, monkeypatch):
    monkeypatch.setattr(lowered, "_INDEX", lowered.StringIndex())
    fast = FastPattern(re.compile(pattern, flags), warm_up=0)
    fast.search("")
    lowered._INDEX.build()
    assert len(fast.ways) > 1
    rx = re.compile(pattern, flags)
    for t in (text, text.upper(), "Either party may terminate this Agreement without cause", "for convenience",
              "The AI may not assign", "You may not assign; nor may the A.I. team", "İ: the AI team cannot assign"):
        assert fast.possible(t, t.lower()) or not rx.search(t), t
        assert bool(fast.search(t, t.lower())) == bool(rx.search(t)), t
    assert not fast.possible(text, text.lower())


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
