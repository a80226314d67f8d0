"""Case-insensitive patterns run on lower-cased text, behind a cheap test for the words they need.

Python's `re` matches a case-insensitive pattern about half as fast as the same pattern with its
letters lower-cased run over `text.lower()`: every comparison folds case, and literal prefixes lose
their fast scan. The extractors, the rule labels and the classifier's lexicon search every clause with
hundreds of such patterns, so they lower-case a clause once and use the patterns made here.

Most clauses match none of a given pattern's alternatives, and `re` tries every alternative at every
position. clausecheck.needs reads a pattern for the strings any match must contain — "perpetual",
"forever", "irrevocabl" ... — and `FastPattern` searches only texts holding them. A pattern without such
strings is always searched. `StringIndex` finds the strings of all prepared patterns in one pass over a
text and remembers them, so a pattern's pre-test is a set test. Preparing costs a compile and a parse,
so a pattern is prepared only after a few uses (WARM_UP).

`str.lower()` changes the length of a few rare characters ("İ"); where it did, the original pattern
searches the original text, so the offsets of matches are always the text's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import islice
from re import _constants as sre_c  # the parser re itself uses (Python 3.11+)
from re import _parser as sre_parse

from .memo import IdentityMemo
from .needs import Need, is_word_char, need_sets, need_ways, parsed, strings

# an escape (kept as written), a group name (kept: "(?P<Name>", "(?P=Name)"), or a capital letter
_TOKEN = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[A-Z]")


def lower_literals(pattern: str) -> str:
    """The pattern with its literal letters lower-cased; escapes (\\S, \\b, \\N ...) and group names kept."""
    return _TOKEN.sub(lambda m: m.group(0) if len(m.group(0)) > 1 else m.group(0).lower(), pattern)


_SCOPED_CASE = re.compile(r"\(\?[a-zA-Z]*-[a-zA-Z]*i")  # "(?-i:...)": a part that keeps case
_CHAR_ESCAPE = re.compile(r"\\(?:x|u|U|N|[0-7]{3})")  # a letter written as an escape ("\x41")


def for_lower(rx: re.Pattern) -> tuple[re.Pattern, bool]:
    """(pattern, on_lower): for a case-insensitive pattern, the case-sensitive one that finds the same in
    lower-cased text (on_lower True). A pattern without IGNORECASE, or with a part that keeps case
    ("(?-i:AI)"), is returned as it is, to run on the original text. One that writes letters as escapes
    keeps IGNORECASE (still right on lowered text, just not faster)."""
    if not rx.flags & re.IGNORECASE or _SCOPED_CASE.search(rx.pattern):
        return rx, False
    if _CHAR_ESCAPE.search(rx.pattern):
        return rx, True
    return _case_sensitive_lowered(rx), True


def _case_sensitive_lowered(rx: re.Pattern) -> re.Pattern:
    return re.compile(lower_literals(rx.pattern), rx.flags & ~re.IGNORECASE)


def _read_for_needs(rx: re.Pattern, on_lower: bool) -> re.Pattern:
    """The pattern to read the needs of `rx` (as for_lower gave it) from. One that kept IGNORECASE because it
    writes some letters as escapes runs on lower-cased text too: it is read with its letters lower-cased
    (and its needs lower-cased in turn: "\\x41" is "a")."""
    return _case_sensitive_lowered(rx) if on_lower and rx.flags & re.IGNORECASE else rx


def _needs_to_test(plain: re.Pattern, escapes: bool) -> list[frozenset[Need]]:
    """The need sets a text must meet for a pattern to match there, read from `plain` (_read_for_needs; with
    `escapes`, the lower-cased copy of a pattern writing letters as escapes: its needs lower-cased)."""
    sets = need_sets(plain)
    return [frozenset((text.lower(), w) for text, w in c) for c in sets] if escapes else sets


def _ways_to_test(plain: re.Pattern, sets: list[frozenset[Need]]) -> list[list[frozenset[Need]]]:
    """The ways a match of a pattern can go, read from `plain` (_read_for_needs), each with the need sets it
    meets in the lower-cased text (needs.need_ways; its need sets, `sets`, as one way where its ways cannot
    be read): the index finds them for all patterns in one pass over that text. A pattern that keeps case
    is searched in the text as written, where lower-casing kept the text's length: a match of "\\bAI\\b"
    there is "ai" at the same place in the lower-cased text, at a word's start there too (lower-casing
    makes no word character of another character, nor the other way round), so its needs are lower-cased.
    Tested per way: the most selective set, and the next ones whose strings are all at least 3 long."""
    ways = need_ways(plain) or ([sets] if sets else [])
    tested = []
    for way in ways:
        way = [c for c in (_spacing_kept(frozenset((text.lower(), w) for text, w in c)) for c in way) if c]
        if not way:  # a way that needs nothing the index can look for: the pattern cannot be pre-tested
            return []
        tested.append(way[:1] + [c for c in way[1:] if min(len(t) for t, _ in c) >= 3][:_SETS_TESTED - 1])
    return tested


def _spacing_kept(needs: frozenset[Need]) -> frozenset[Need] | None:
    """The need set with the spaces opening or closing its strings left out (None: a string was only
    spaces, so the set says nothing). The index looks for needs in a clause's whitespace-normalised form,
    where the space before "its" may be gone (at the start) or stand for a line break: "its", at a word's
    start, holds wherever " its" does, and needs no spacing kept (StringIndex.met_at_any_spacing)."""
    out = set()
    for text, word_start in needs:
        inner = text.strip(" ")
        if not inner:
            return None
        out.add((inner, word_start or text[0] == " "))
    return frozenset(out)


#: uses of a pattern before it is prepared (lowered, compiled again, read for its strings): a short
#: contract is analysed before preparing would pay for itself; a batch or the service prepares at once
#: (prepare_at_first_use)
WARM_UP = 24


def prepare_at_first_use() -> None:
    """For a process that will analyse many contracts (a batch or service worker): every pattern is
    prepared the first time it is used (by default only after WARM_UP uses)."""
    global WARM_UP
    WARM_UP = 0


def index_prepared() -> None:
    """Index the needs of the patterns prepared so far now, not after REINDEX_AFTER plain tests (a worker,
    after its warm-up: the processes forked from it share the index)."""
    _INDEX.build()


#: plain pre-tests (patterns prepared since the index was built) before the index is built again with them
REINDEX_AFTER = 2000
#: texts whose strings the index remembers (then it forgets the older half: a batch moves on to other texts)
_REMEMBERED = 4096
#: sets of strings a prepared pattern is pre-tested for, per way a match can go: the most selective, and
#: the next ones whose strings are all at least 3 long ("not" and "shall", not "a")
_SETS_TESTED = 3


#: what StringIndex.met answers: the ids of the needs a text meets, and how many needs the index holds
Met = tuple[frozenset[int], int]


class StringIndex:
    """Which of the prepared patterns' strings a text holds, found for all of them in one pass over the
    text (an Aho-Corasick automaton, ahocorasick-rs) and remembered per text. A pattern's pre-test is then
    a set intersection instead of a scan of the text for each of its strings; the extractors, rules and
    detectors pre-test some 1,100 patterns per page. Patterns prepared since the automaton was built are
    pre-tested the plain way, until enough such tests make building it again worth it."""

    def __init__(self) -> None:
        self._ids: dict[Need, int] = {}
        self._state: tuple = (None, 0, {})  # (automaton, how many needs it holds, text -> ids it meets)
        self._spacing: frozenset[int] = frozenset()  # needs whose strings' whitespace spacing can change
        self._plain = 0

    def ids(self, needs) -> frozenset[int]:
        """The needs' ids, numbered as they are first seen (the index holds them once built again)."""
        return frozenset(self._ids.setdefault(n, len(self._ids)) for n in needs)

    def held(self, text: str, top_id: int) -> frozenset[int] | None:
        """The ids of the needs `text` meets, or None when the index does not hold need `top_id` yet."""
        if top_id < 0:  # no need asked about
            return frozenset()
        automaton, size, remembered = self._state
        if top_id >= size:
            self._plain += 1
            if self._plain >= REINDEX_AFTER:
                self.build()
            return None
        return self._found(text, automaton, remembered)

    def met(self, text: str) -> Met:
        """The ids of the needs `text` meets and how many needs the index holds (a need numbered at or past
        that is not tested): for a text many patterns will be asked about (see FastPattern.ruled_out)."""
        automaton, size, remembered = self._state
        return (self._found(text, automaton, remembered), size) if size else (frozenset(), 0)

    def met_at_any_spacing(self, flat: str) -> Met:
        """met() for every text whose whitespace-normalised form (" ".join(text.split())) is `flat`: what
        `flat` meets, and the needs whose strings have whitespace that normalising can change (a tab, a
        line break, two spaces, a space at an end). Any other string a text holds, `flat` holds at the
        same word start or not: one pass serves a clause as written and as normalised."""
        held, size = self.met(flat)
        return (held | self._spacing if self._spacing else held), size

    @staticmethod
    def _found(text: str, automaton, remembered: dict) -> frozenset[int]:
        found = remembered.get(text)
        if found is None:
            if len(remembered) >= _REMEMBERED:
                _forget_older_half(remembered)
            found = remembered[text] = _met(text, automaton)
        return found

    def build(self) -> None:
        """Build the automaton again with every need numbered so far; for each of its strings, the id of the
        need to hold it anywhere and the id of the need to hold it at a word's start (-1: none)."""
        needs = list(self._ids.items())
        if not needs:
            return
        of_string: dict[str, list[int]] = {}
        for (string, word_start), i in needs:
            of_string.setdefault(string, [-1, -1])[word_start] = i
        found_by = automaton(tuple(of_string))
        spacing = frozenset(i for (string, _), i in needs if string != string.strip() or "  " in string
                            or any(c.isspace() and c != " " for c in string))
        # the state in one assignment: a reader sees the old one or the new (spacing only grows, and it
        # is read with the state's size: a need numbered past that is not tested)
        self._spacing = spacing | self._spacing
        self._state = ((found_by, list(of_string.values())), len(needs), {})
        self._plain = 0


def _met(text: str, index) -> frozenset[int]:
    """The ids of the needs `text` meets: each string found, and at a word's start where no word
    character comes before it."""
    automaton, needs_of = index
    found = set()
    add = found.add
    for k, start, _end in automaton.find_matches_as_indexes(text, overlapping=True):
        anywhere, word_start = needs_of[k]
        if anywhere >= 0:
            add(anywhere)
        if word_start >= 0 and (start == 0 or not is_word_char(text[start - 1])):
            add(word_start)
    return frozenset(found)


def _forget_older_half(remembered: dict) -> None:
    """Make room in a per-text cache by forgetting the texts it has held longest (a dict keeps the order
    they came in): the clauses of the contract being read, which each stage reads in turn, stay."""
    for text in list(islice(remembered, len(remembered) // 2)):
        del remembered[text]


_INDEX = StringIndex()


class FastPattern:
    """A compiled pattern, searched the fast way once it has been used `warm_up` times: a case-insensitive
    one on the lower-cased text, and only in texts holding one of the strings every match needs. Until
    then, and where lower-casing changed the text's length, the pattern itself on the text as written.
    Matches found in the lowered text have the text's offsets; their strings are lower case."""

    __slots__ = ("rx", "uses", "warm_up", "low", "on_lower", "literals", "ways", "key", "top_id", "width")

    def __init__(self, rx: re.Pattern, warm_up: int | None = None):
        self.rx = rx
        self.uses = 0
        self.warm_up = warm_up
        self.low: re.Pattern | None = None
        self.on_lower = False
        self.literals: tuple[str, ...] = ()  # every match holds one of these (the most selective such set)
        # per way a match can go, the need sets (StringIndex ids) it meets in the lower-cased text: a match
        # meets every set of one way
        self.ways: tuple[tuple[frozenset[int], ...], ...] = ()
        self.key: frozenset[int] = frozenset()  # the first set of each way: every match meets one of these
        self.top_id = -1
        self.width: int | None = None

    def _ready(self) -> bool:
        if self.low is not None:
            return True
        self.uses += 1
        if self.uses <= (WARM_UP if self.warm_up is None else self.warm_up):
            return False
        low, on_lower = for_lower(self.rx)
        plain = _read_for_needs(low, on_lower)
        sets = _needs_to_test(plain, plain is not low)
        self.literals = strings(sets[0]) if sets else ()
        self.ways = tuple(tuple(_INDEX.ids(c) for c in way) for way in _ways_to_test(plain, sets))
        self.key = frozenset().union(*(way[0] for way in self.ways))
        self.top_id = max((max(ids) for way in self.ways for ids in way), default=-1)
        self.width = max_width(low)
        self.on_lower = on_lower
        self.low = low  # set last: the others are ready when it is
        return True

    def _subject(self, text: str, low: str | None) -> str | None:
        """The string to search with the prepared pattern, or None: search the pattern on the text."""
        return self._prepared_subject(text, low) if self._ready() else None

    def _prepared_subject(self, text: str, low: str | None) -> str | None:
        if not self.on_lower:
            return text
        low = text.lower() if low is None else low
        return low if len(low) == len(text) else None

    def _holds_literal(self, s: str, low: str | None) -> bool:
        """Whether `s` (the string searched) holds the strings every match needs: the needs of one of the
        ways a match can go, found by the index in the lower-cased text `low` when it has the text's
        length. Else (no lower-cased text, or the pattern prepared since the index was built) the
        strings of its most selective set, tested one by one."""
        if self.ways:
            low = s if self.on_lower else low
            held = _INDEX.held(low, self.top_id) if low is not None and len(low) == len(s) else None
            if held is not None:
                return not self._excluded_by(held)
        return not self.literals or any(map(s.__contains__, self.literals))

    def _excluded_by(self, held: frozenset[int]) -> bool:
        """Whether a text meeting the needs `held` (ids of the index) leaves every way a match can go unmet."""
        return held.isdisjoint(self.key) or _misses(self.ways, held)

    def ruled_out(self, met: Met) -> bool:
        """Whether the needs a lower-cased text meets (`met`: StringIndex.met of it, for a text lower-cased
        without changing its length) show that this pattern finds nothing in it: a test as cheap as a
        pattern's can be, for a text asked about by many patterns. False when they cannot tell (a pattern
        not prepared, without needs, or not indexed yet)."""
        held, size = met
        return 0 <= self.top_id < size and self._excluded_by(held)

    def possible(self, text: str, low: str | None = None, met: Met | None = None) -> bool:
        """False only when the pattern cannot find anything in the text. `met`: met_in(text, low), when the
        caller asks many patterns about one text: once the pattern is prepared and indexed, the answer is
        then a set test (ruled_out) rather than the pre-test's chain of calls."""
        if met is not None and 0 <= self.top_id < met[1]:
            return not self.ruled_out(met)
        s = self._subject(text, low)
        return s is None or self._holds_literal(s, low)

    def search(self, text: str, low: str | None = None) -> re.Match | None:
        if self.low is None and not self._ready():
            return self.rx.search(text)
        return self._search_prepared(text, low)

    def _search_prepared(self, text: str, low: str | None) -> re.Match | None:
        """search, once prepared (PatternSet calls it directly once all its patterns are)."""
        s = self._prepared_subject(text, low)
        if s is None:
            return self.rx.search(text)
        return self.low.search(s) if self._holds_literal(s, low) else None

    def finditer(self, text: str, low: str | None = None):
        s = self._subject(text, low)
        if s is None:
            return self.rx.finditer(text)
        return self.low.finditer(s) if self._holds_literal(s, low) else iter(())

    def count(self, text: str, low: str | None = None, limit: int | None = None) -> int:
        """How many matches `finditer` gives (counting stops at `limit`). In a long text, where every match
        needs one of the pattern's strings and is at most `width` long, the pattern is searched only in
        a window around each place such a string is found (the strings themselves found by fast scans)."""
        s = self._subject(text, low)
        if s is None or self.width is None or not self.literals:
            return sum(1 for _ in islice(self.finditer(text, low), limit))
        return count_in_windows(self.low, s, self.width, _places(s, self.literals), limit)


def _misses(ways: tuple[tuple[frozenset[int], ...], ...], held: frozenset[int]) -> bool:
    """Whether the needs `held` leave a set of every way unmet (a pattern tested for them finds nothing);
    False when there is no way to test."""
    for way in ways:
        if not any(map(held.isdisjoint, way)):
            return False
    return bool(ways)


def count_in_windows(rx: re.Pattern, s: str, width: int, places: list[int], limit: int | None) -> int:
    """How many matches rx.finditer(s) gives (counting stops at `limit`), where every match holds a string
    found at one of `places` (in order) and is at most `width` long: rx is searched only in a window around
    each place."""
    end = len(s)
    found = pos = k = 0
    while limit is None or found < limit:
        k = bisect_left(places, pos, k)
        if k == len(places):
            break
        q = places[k]  # the first place at or after pos
        # a match holding the string found at q starts at q - width or later and ends by q + width;
        # the window ends past that, so a word boundary at a match's end sees the character after it
        m = rx.search(s, max(pos, q - width), min(end, q + width + 1))
        if m is None or m.start() > q:
            pos = q + 1
            continue
        found += 1
        pos = m.end() if m.end() > m.start() else m.end() + 1
    return found


def automaton(strings: tuple[str, ...]):
    """An Aho-Corasick automaton (a DFA) finding every place of each of the strings in one pass."""
    import ahocorasick_rs  # here: only a process that searches enough text builds one

    return ahocorasick_rs.AhoCorasick(list(strings), implementation=ahocorasick_rs.Implementation.DFA)


_finder = lru_cache(maxsize=256)(automaton)  # count()'s, per pattern


def _places(text: str, strings: tuple[str, ...]) -> list[int]:
    """Where any of the strings starts in the text, in order (one scan for many strings)."""
    if len(strings) <= 2:
        found: set[int] = set()
        for string in strings:
            at = text.find(string)
            while at >= 0:
                found.add(at)
                at = text.find(string, at + 1)
        return sorted(found)
    return sorted({start for _k, start, _end in _finder(strings).find_matches_as_indexes(text, overlapping=True)})


def max_width(rx: re.Pattern) -> int | None:
    """The longest match the pattern can make, or None when there is no bound (or it looks ahead, which
    can read past a match's end)."""
    try:
        tree = parsed(rx.pattern, rx.flags)
    except Exception:  # noqa: BLE001 - see needs.need_sets
        return None
    if _looks_ahead(tree):
        return None
    widest = tree.getwidth()[1]
    return widest if widest < 100_000 else None


def _looks_ahead(items) -> bool:
    for op, av in items:
        if op in (sre_c.ASSERT, sre_c.ASSERT_NOT) and av[0] == 1:
            return True
        subs = av if isinstance(av, (list, tuple)) else (av,)
        for sub in subs:
            if isinstance(sub, sre_parse.SubPattern) and _looks_ahead(sub):
                return True
            if isinstance(sub, list) and any(isinstance(x, sre_parse.SubPattern) and _looks_ahead(x) for x in sub):
                return True
    return False


class PatternSet:
    """Named patterns searched together over one text (see FastPattern); `low` is the text lower-cased,
    when the caller has it already. Once its patterns are prepared, the set looks up which of them the
    text's strings (StringIndex) allow, instead of asking each pattern in turn."""

    def __init__(self, patterns: dict[str, re.Pattern]):
        self._items = [(name, FastPattern(rx)) for name, rx in patterns.items()]
        self._prepared = False  # every pattern prepared (they are used together, so warm up together)
        self._always: frozenset[int] = frozenset()  # patterns asked whatever the text holds
        # a need's id -> the ways with it in their first set: (pattern, the way's other sets)
        self._by_string: dict[int, list[tuple[int, tuple[frozenset[int], ...]]]] = {}
        self._strings: frozenset[int] = frozenset()  # the needs of _by_string
        # per pattern: (name, FastPattern, asked whatever the text holds, searched in the lowered text)
        self._plans: list[tuple[str, FastPattern, bool, bool]] = []
        self._top_id = -1

    def _plan(self) -> None:
        by_string: dict[int, list[int]] = {}
        always = []
        for k, (_name, fp) in enumerate(self._items):
            if not fp.ways:
                always.append(k)
                continue
            for way in fp.ways:
                for i in way[0]:
                    by_string.setdefault(i, []).append((k, way[1:]))
        self._always, self._by_string, self._strings = frozenset(always), by_string, frozenset(by_string)
        self._plans = [(name, fp, k in self._always, fp.on_lower) for k, (name, fp) in enumerate(self._items)]
        self._top_id = max((fp.top_id for _, fp in self._items), default=-1)
        self._prepared = True

    def matches(self, text: str, low: str | None = None,
                met: Met | None = None) -> list[tuple[str, re.Match]]:
        """(name, first match) of each pattern that matches, in the order the patterns were given. `met`:
        needs_met_at_any_spacing of the text's normalised form, when the caller has it (else looked up)."""
        low = text.lower() if low is None else low
        if not self._prepared:
            found = [(name, fp.search(text, low)) for name, fp in self._items]
            if all(fp.low is not None for _, fp in self._items):
                self._plan()
            return [(name, m) for name, m in found if m]
        if len(low) != len(text):
            held = None
        elif met is not None and self._top_id < met[1]:
            held = met[0]
        else:
            held = _INDEX.held(low, self._top_id)
        if held is None:
            return [(name, m) for name, fp in self._items if (m := fp._search_prepared(text, low))]
        asked = set(self._always)
        by_string = self._by_string
        for i in self._strings.intersection(held):  # the ways whose first set the text meets
            for k, rest in by_string[i]:
                if k not in asked and (not rest or not any(map(held.isdisjoint, rest))):
                    asked.add(k)
        out = []
        plans = self._plans
        for k in sorted(asked):
            name, fp, always, on_lower = plans[k]
            if always:
                m = fp._search_prepared(text, low)
            else:  # held says the lowered text has the text's length: a pattern that keeps case reads the text
                m = fp.low.search(low if on_lower else text)
            if m:
                out.append((name, m))
        return out

    def hits(self, text: str, low: str | None = None, met: Met | None = None) -> list[str]:
        """The names of the patterns that match."""
        return [name for name, _ in self.matches(text, low, met)]


@lru_cache(maxsize=4096)
def _fast(pattern: str, flags: int) -> FastPattern:
    return FastPattern(re.compile(pattern, flags))


# a compiled pattern -> its FastPattern, by identity: the detectors look their patterns up for every clause
_of_compiled = IdentityMemo(FastPattern, 4096)


def fast(pattern: str | re.Pattern, flags: int = re.IGNORECASE) -> FastPattern:
    """The process's one FastPattern for a compiled pattern, or for a string compiled with `flags`."""
    return _fast(pattern, flags) if isinstance(pattern, str) else _of_compiled(pattern)


_NORMALISED: dict[str, tuple[str, str]] = {}


def normalised(text: str) -> tuple[str, str]:
    """(flat, low): the text with each whitespace run as one space (none at the ends), and that lower-cased.
    The classifier's lexicon, the rule labels, the extractors and the detectors each read a clause so: it
    is worked out once and kept for the texts asked about lately."""
    forms = _NORMALISED.get(text)
    if forms is None:
        if len(_NORMALISED) >= _REMEMBERED:
            _forget_older_half(_NORMALISED)
        flat = " ".join(text.split())
        forms = _NORMALISED[text] = (flat, flat.lower())
    return forms


# the only characters re's IGNORECASE takes for an ASCII letter that lower() does not turn into it
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def folds_unlike_lower(text: str) -> bool:
    """Whether a case-insensitive pattern of ASCII letters may match in `text` where it finds nothing in
    `text.lower()`: the text holds "İ", "ı", "ſ" or the Kelvin sign (re reads "ſ" as "s", lower() keeps it).
    A pre-test read from the lower-cased text cannot rule such a text out."""
    return not text.isascii() and _FOLDS_TO_ASCII.search(text) is not None


def met_in(text: str, low: str) -> Met | None:
    """The needs the string index finds in `low`, the text lower-cased, for FastPattern.possible and
    ruled_out; None where lower-casing changed the text's length (the patterns then search the text as
    written)."""
    return _INDEX.met(low) if len(low) == len(text) else None


def needs_met_at_any_spacing(flat_low: str) -> Met:
    """StringIndex.met_at_any_spacing of a whitespace-normalised, lower-cased text, for PatternSet.matches."""
    return _INDEX.met_at_any_spacing(flat_low)


def found_in(pattern: str | re.Pattern, text: str, low: str, flags: int = re.IGNORECASE) -> bool:
    """Whether the pattern (a compiled one, or a string compiled with `flags`) finds something in `text`,
    whose lower-cased form is `low`."""
    return fast(pattern, flags).search(text, low) is not None
