"""Fast pattern search (clausecheck.lowered) finds exactly what the plain patterns find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clausecheck.classify.features import LEXICON
from clausecheck.classify.rules import EXCEPT, RULES
from clausecheck.extract import vocab
from clausecheck.extract.acts import ACTS, LIMITS
from clausecheck.lowered import FastPattern, PatternSet, found_in

SAMPLES = Path(__file__).resolve().parents[1] / "sample_contracts"


def test_a_prepared_pattern_skips_only_texts_that_cannot_match():
    fast = FastPattern(re.compile(r"\bsub-?licens\w*|\bthrough multiple tiers\b", re.I), warm_up=0)
    assert fast.search("may SUBLICENSE the work").span() == (4, 14)
    assert fast.search("through multiple tiers of distribution") is not None
    assert not fast.possible("a licence to use the work")
    assert fast.search("a licence to use the work") is None
    assert [m.span() for m in fast.finditer("sublicense, sub-license")] == [(0, 10), (12, 23)]


def test_a_pattern_used_a_few_times_is_searched_as_written_then_prepared():
    fast = FastPattern(re.compile(r"\bperpetual\b", re.I), warm_up=2)
    for _ in range(2):
        assert fast.search("a PERPETUAL licence").group() == "PERPETUAL"
        assert fast.low is None
    assert fast.search("a PERPETUAL licence").span() == (2, 11)
    assert fast.low is not None and fast.literals == ("perpetual",)


@pytest.mark.parametrize("text", [
    "Licensee SHALL NOT Sublicense the Work",
    "İstanbul office: the Licensor may sublicense",  # lower() lengthens "İ": offsets must stay the text's
    "no match at all here",
])
def test_pattern_set_matches_like_the_plain_patterns(text):
    patterns = {"sub": re.compile(r"\bsub-?licens\w*", re.I), "cased": re.compile(r"\bLicensor\b")}
    got = PatternSet(patterns).matches(text)
    fast = PatternSet(patterns)
    for _ in range(30):  # past the warm-up, prepared patterns find the same
        got_prepared = fast.matches(text)
    want = [(name, rx.search(text)) for name, rx in patterns.items() if rx.search(text)]
    assert [(n, m.start(), m.end()) for n, m in got] == [(n, m.start(), m.end()) for n, m in want]
    assert [(n, m.start(), m.end()) for n, m in got_prepared] == [(n, m.start(), m.end()) for n, m in want]


@pytest.mark.parametrize("pattern, text, found", [
    (r"\b(?-i:AI)\b", "the ai team", False),  # a part that keeps case is searched in the text as written
    (r"\b(?-i:AI)\b", "the AI team", True),
    (r"\x41cme", "ACME Corp", True),  # a letter written as an escape still ignores case
    (r"(?P<Party>Licensor)", "the LICENSOR shall", True),  # group names are not lower-cased
])
def test_user_patterns_with_case_parts_escapes_and_group_names(pattern, text, found):
    rx = re.compile(pattern, re.I)
    assert bool(rx.search(text)) is found
    assert found_in(rx, text, text.lower()) is found
    assert bool(PatternSet({"p": rx}).matches(text)) is found


def _sample_clauses() -> list[str]:
    from clausecheck.documents import parse_file
    from clausecheck.segmentation import segment

    texts = []
    for path in sorted(SAMPLES.glob("*.pdf"))[:8]:
        texts.extend(" ".join(c.text.split()) for c in segment(parse_file(path)))
    return texts


def test_every_pattern_set_of_the_analysis_finds_the_same_as_before_on_real_clauses():
    texts = _sample_clauses()
    assert len(texts) > 100
    sets = {"scope": vocab.SCOPE, "ai": vocab.AI_TERMS, "carve": vocab.CARVE_OUTS, "rules": RULES,
            "except": EXCEPT, "lexicon": LEXICON, "acts": ACTS, "limits": LIMITS}
    for name, patterns in sets.items():
        fast = PatternSet(patterns)  # the first texts find the warm-up, the rest the prepared patterns
        for text in texts:
            plain = [k for k, rx in patterns.items() if rx.search(text)]
            assert fast.hits(text) == plain, (name, text[:80])
            for k, rx in patterns.items():
                assert found_in(rx, text, text.lower()) == bool(rx.search(text)), (name, k, text[:80])


COUNTED = [
    # bounded patterns: searched only around the strings they need
    (r"\bpost\w{0,40}\b|\busers?\b", re.I),
    (r"\bplatform agreement\b.{0,200}\bCustomer\b", re.I | re.S),
    (r"\b(?:the )?(?:Consultant|Contractor)\b|\binvoices?\b", 0),
    (r"\bfoo\b", re.I),
    # no bound, or a look-ahead past the match: the whole text is searched
    (r"\bacceptable use policy\b.*\bmodel", re.I),
    (r"\bfoo(?= bar)", re.I),
]
COUNT_TEXT = ("Posts by USERS: foo, food, afoo, foo bar. POSTING postpone user's Contractor-invoice. "
              "The Platform Agreement between us and Customer; the platform agreement\n\nand Customer. "
              "Acceptable Use Policy for this model; foo") * 3


@pytest.mark.parametrize("pattern,flags", COUNTED)
@pytest.mark.parametrize("limit", [None, 1, 2, 5])
def test_count_is_how_many_matches_finditer_gives(pattern, flags, limit):
    fast = FastPattern(re.compile(pattern, flags), warm_up=0)
    plain = [m.span() for m in re.compile(pattern, flags).finditer(COUNT_TEXT)]
    expected = len(plain) if limit is None else min(limit, len(plain))
    assert fast.count(COUNT_TEXT, COUNT_TEXT.lower(), limit) == expected


def test_count_reads_windows_without_losing_word_boundaries():
    fast = FastPattern(re.compile(r"\bfoo\b", re.I), warm_up=0)
    text = "xfoo foox " * 40 + "FOO"
    assert fast.count(text) == 1
    assert fast.count("İ foo foo") == 2  # lower-casing changes the length: the text as written


def test_a_pattern_with_escaped_letters_is_still_pre_tested_for_its_strings():
    # "\x41" is "A": the pattern keeps IGNORECASE, yet texts without "assign" are not searched
    fast = FastPattern(re.compile(r"\b(?:may\s+not|can['\u2019]?t)\s+\x41ssign\w*", re.I), warm_up=0)
    assert fast.search("Employee MAY NOT ASSIGN this Agreement").group(0) == "may not assign"
    assert fast.search("You can\u2019t assignments") is not None
    assert not fast.possible("You may not transfer this Agreement")
    assert fast.search("You may not transfer this Agreement") is None


def test_the_string_index_serves_patterns_prepared_before_and_after_it_was_built(monkeypatch):
    from clausecheck import lowered

    monkeypatch.setattr(lowered, "_INDEX", lowered.StringIndex())
    monkeypatch.setattr(lowered, "REINDEX_AFTER", 3)
    texts = ["Employee shall not compete with the Company", "Employee SHALL NOT solicit", "will not compete",
             "a competent person", "nothing here"]
    early = FastPattern(re.compile(r"\b(?:shall|will)\s+not\s+compete\b", re.I), warm_up=0)
    for text in texts:  # prepared, then pre-tested plainly until three such tests build the index
        assert bool(early.search(text)) == bool(early.rx.search(text)), text
    assert lowered._INDEX.held("shall not compete", early.top_id) == lowered._INDEX.ids([("shall", True), ("not", False), ("compete", False)])
    late = FastPattern(re.compile(r"\bsolicit\w*", re.I), warm_up=0)  # its string is not in the index yet
    for _ in range(2):
        for text in texts:
            assert bool(late.search(text)) == bool(late.rx.search(text)), text
            assert bool(early.search(text)) == bool(early.rx.search(text)), text
    assert lowered._INDEX.held("solicit", late.top_id) is not None  # built again with it
    assert not early.possible("employee shall not solicit")  # "compete" is missing
    assert not early.possible("the company will compete")  # "not" is missing


def test_a_prepared_pattern_set_asks_only_the_patterns_the_texts_strings_allow(monkeypatch):
    from clausecheck import lowered

    monkeypatch.setattr(lowered, "_INDEX", lowered.StringIndex())
    monkeypatch.setattr(lowered, "REINDEX_AFTER", 1)
    patterns = {"compete": re.compile(r"\b(?:shall|will)\s+not\s+compete\b", re.I),
                "any": re.compile(r"\d+ days|\bfoo\b|\w+ly\b", re.I),  # no string every match needs
                "cased": re.compile(r"\bAI\b"), "sub": re.compile(r"\bsub-?licens\w*", re.I)}
    texts = ["Employee shall not compete for 30 days", "The AI may SUBLICENSE", "shall not ai compete",
             "İstanbul: will not compete", "quickly, Company shall compete"]
    fast = PatternSet(patterns)
    for _ in range(30):
        for text in texts:
            want = [(k, rx.search(text).span()) for k, rx in patterns.items() if rx.search(text)]
            assert [(k, m.span()) for k, m in fast.matches(text)] == want, text
    assert fast._prepared and lowered._INDEX.held("shall", fast._top_id) is not None


def test_a_pattern_that_keeps_case_is_pre_tested_for_its_strings_lower_cased(monkeypatch):
    """"\\bAI\\b" is searched in the text as written; the index finds "ai" at a word's start in the
    lower-cased text, where lower-casing kept the text's length (else its string is tested as written)."""
    from clausecheck import lowered

    monkeypatch.setattr(lowered, "_INDEX", lowered.StringIndex())
    monkeypatch.setattr(lowered, "REINDEX_AFTER", 1)
    patterns = {"ai": re.compile(r"\bartificial[- ]intelligence\b|\bAI\b|\bA\.I\."),
                "sub": re.compile(r"\bsub-?licens\w*", re.I)}
    texts = ["The AI may sublicense", "the ai team", "AIM high", "an A.I. model", "said: AI", "İstanbul AI",
             "İstanbul ai", "ARTIFICIAL INTELLIGENCE", "artificial intelligence", "nothing", "xAI and AIs"]
    fast = PatternSet(patterns)
    for _ in range(30):
        for text in texts:
            want = [(k, rx.search(text).span()) for k, rx in patterns.items() if rx.search(text)]
            assert [(k, m.span()) for k, m in fast.matches(text)] == want, text
            for rx in patterns.values():
                assert found_in(rx, text, text.lower()) == bool(rx.search(text)), text
    ai = dict(fast._items)["ai"]
    assert ai.ways and not ai.on_lower and not ai.possible("remain here", "remain here")
    assert ai.possible("the ai team", "the ai team")  # "ai" is there lower-cased: searched, not found


def test_a_pattern_set_without_strings_to_test_is_searched_whole(monkeypatch):
    from clausecheck import lowered

    monkeypatch.setattr(lowered, "_INDEX", lowered.StringIndex())
    lowered._INDEX.build()  # nothing to index yet
    patterns = {"num": re.compile(r"\d+", re.I), "any": re.compile(r"\w+ly\b", re.I)}
    fast = PatternSet(patterns)
    for _ in range(30):
        assert fast.hits("paid monthly within 30 days") == ["num", "any"]
        assert fast.hits("nothing") == []


def test_a_worker_prepares_each_pattern_at_its_first_use(monkeypatch):
    from clausecheck import lowered

    monkeypatch.setattr(lowered, "_INDEX", lowered.StringIndex())
    monkeypatch.setattr(lowered, "WARM_UP", lowered.WARM_UP)
    before = FastPattern(re.compile(r"\bperpetual\b", re.I))
    before.search("a perpetual licence")
    assert before.low is None  # one use: still searched as written
    lowered.prepare_at_first_use()
    after = FastPattern(re.compile(r"\birrevocabl[ey]\b", re.I))
    assert after.search("an IRREVOCABLE licence").span() == (3, 14) and after.low is not None
    assert before.search("a PERPETUAL licence").span() == (2, 11) and before.low is not None


def test_a_clause_rules_out_only_patterns_that_find_nothing_in_it():
    """ClauseView.matches rules patterns out by the strings the clause holds (looked up once per clause):
    on real clauses and the detectors' own patterns, it says what the plain pattern says, before and after
    the patterns are prepared and indexed. (The process's own index: these patterns are the detectors',
    and the ids they are prepared with must be that index's.)"""
    from clausecheck import lowered
    from clausecheck.documents import parse_file
    from clausecheck.redline.context import ClauseView
    from clausecheck.redline.detectors import base, exit_terms, licences
    from clausecheck.segmentation import segment

    patterns = [base.NEG, base.DEFINITION, licences.FEEDBACK, licences.LIMITED_USE, exit_terms.OVERBROAD_SECRET,
                r"\bassign(?:s|ment)?\b", r"\blicen[cs]e|\bright\b", re.compile(r"\bAI\b")]
    clauses = [c for p in sorted(SAMPLES.glob("*.pdf"))[:4] for c in segment(parse_file(p))]
    ruled_out = 0
    for round_ in range(3):  # plain, then prepared (after the warm-up uses), then indexed
        if round_ == 2:
            lowered.index_prepared()
        views = [ClauseView(c.id, c.text, c.page, c.section, i, c.start, c.end, {}, {}) for i, c in enumerate(clauses)]
        for view in views:
            for pattern in patterns:
                rx = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.I)
                assert view.matches(pattern) == bool(rx.search(view.flat)), (pattern, view.flat[:80])
                ruled_out += round_ == 2 and view._met is not None and lowered.fast(pattern).ruled_out(view._met)
    assert ruled_out > len(clauses)  # the set test did the work for most of them


def test_a_contract_asks_a_pattern_only_of_the_clauses_whose_strings_allow_it():
    """Ctx.matching looks a pattern's clauses up by the strings each clause holds (inverted once per
    contract): the same clauses, in order, as asking every clause, before and after the patterns are
    prepared and indexed, with a clause whose length lower-casing changes. (The process's own index, as
    in the test above.)"""
    from clausecheck import lowered
    from clausecheck.documents import parse_file
    from clausecheck.extract.parties import Parties
    from clausecheck.redline.context import ClauseView, Ctx
    from clausecheck.redline.detectors import assignment, base, licences, restraints
    from clausecheck.segmentation import segment

    patterns = [base.NEG, licences.FEEDBACK, assignment.ASSIGN, restraints.COMPETE, r"\bconfidential",
                r"\bassign(?:s|ment)?\b", r"\bsub-?licens\w*|\bİstanbul\b", re.compile(r"\bAI\b|\bA\.I\.")]
    texts = [c.text for p in sorted(SAMPLES.glob("*.pdf"))[4:8] for c in segment(parse_file(p))]
    texts += ["İstanbul: the Licensor may sublicense and assign the AI", "The A.I. shall not compete"]
    pooled = 0
    for round_ in range(3):  # plain, then prepared, then indexed
        if round_ == 2:
            lowered.index_prepared()
        views = [ClauseView(str(i), t, None, None, i, 0, len(t), {}, {}) for i, t in enumerate(texts)]
        ctx = Ctx(None, views, "employee", Parties([]), None)
        for pattern in patterns:
            found = [c.index for c in ctx.matching(pattern)]
            first = ctx.any_text(pattern)
            assert found == [c.index for c in views if c.matches(pattern)], pattern
            assert (first.index if first else None) == (found[0] if found else None)
            pooled += round_ == 2 and len(ctx._pool(pattern)) < len(views) / 2
    assert pooled >= len(patterns) - 2  # most are asked of a few clauses only


def test_a_clause_as_written_is_pre_tested_with_the_strings_of_its_normalised_form(monkeypatch):
    """The classifier's lexicon reads a clause as written (line breaks and all) but takes the strings it
    holds from its whitespace-normalised form, which the later stages index anyway: strings whose spacing
    normalising changes are taken as held, so no pattern is skipped that would match."""
    from clausecheck import lowered

    monkeypatch.setattr(lowered, "_INDEX", lowered.StringIndex())
    patterns = {"ai": re.compile(r"\bartificial intelligence\b", re.I), "broken": re.compile(r"end of\nline", re.I),
                "gap": re.compile(r"two  spaces", re.I), "edge": re.compile(r" leading", re.I),
                "tab": re.compile(r"a\tb", re.I), "word": re.compile(r"\bmodel\b", re.I)}
    texts = ["Artificial\nIntelligence model", "the end of\nline", "two  spaces here", " leading space", "a\tb",
             "remodel the artificial intelligence", "nothing", "MODEL\tweights"]
    fast = PatternSet(patterns)
    for round_ in range(30):
        if round_ == 25:
            lowered.index_prepared()
        for text in texts:
            low = text.lower()
            met = lowered.needs_met_at_any_spacing(" ".join(low.split()))
            want = [k for k, rx in patterns.items() if rx.search(text)]
            assert fast.hits(text, low, met) == want, text
    assert lowered._INDEX.met("x")[1] > 0  # the index was built and used


def test_needs_opening_with_a_space_are_looked_for_at_any_spacing():
    # "improv\w+ its models" needs " its" (space included); the index reads a clause in its
    # whitespace-normalised form, where that space may be a line break or gone: the need is looked for
    # as "its" at a word's start, so the pattern is still pre-tested (not asked of every clause) and
    # never ruled out where it matches
    from clausecheck.lowered import FastPattern, index_prepared, met_in, needs_met_at_any_spacing, normalised

    rx = re.compile(r"\bimprov\w+ (our|its) (models?|systems?)\b", re.IGNORECASE)
    fp = FastPattern(rx, warm_up=0)
    texts = ["We use it for improving its models.", "improving\nits models", "improving  our systems",
             "its models are improved", "the model improves", "nothing here", "IMPROVES OUR MODEL",
             "we improve the product", "improving the models"]
    for text in texts:
        fp.search(text)
    index_prepared()
    assert fp.top_id >= 0 and fp.ways  # indexed
    for text in texts:
        low = text.lower()
        found = rx.search(text) is not None
        assert fp.possible(text, low, met_in(text, low)) or not found, text
        assert not fp.ruled_out(needs_met_at_any_spacing(normalised(text)[1])) or not found, text
    for text in ("we improve the product", "improving the models"):  # "improv" but no " our"/" its"
        assert fp.ruled_out(needs_met_at_any_spacing(normalised(text)[1])), text
