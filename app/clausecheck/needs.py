"""The strings every match of a regular expression must contain, read from the parse tree `re` itself
uses (Python 3.11+), so that a text lacking them need not be searched.

A need is (string, word_start): the string, and whether the pattern puts a word boundary right before it
(and it starts with a letter or digit), so that it must start a word there: "\\bmin(?:e|ed|ing)\\b"
needs "min" at a word's start, which "terminate" and "administration" do not give. A need set is
met by a text holding one of its needs; every match of the pattern meets each of its need sets.

Literal runs are read with their few spellings: "licen[cs]e" needs "licence" or "license",
"\\bfine[- ]?tun" one of "fine-tun", "fine tun", "finetun", "\\b(?:re)?train" "train" or "retrain"
at a word's start, "a\\.?i\\.?" "ai" or "a.i".

An alternation is read as one set (need_sets: a match holds the strings of one of its alternatives) or,
sharper, as the ways a match can go (need_ways: the need sets of each alternative, all of which a match
going that way meets): "\\bterminat\\w*\\b[^.;]{0,80}\\bwithout\\s+cause\\b|\\bfor\\s+convenience\\b" needs
"terminat", "without" and "cause", or "convenience" — not just one of "terminat" and "convenience".
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as sre_c  # the parser re itself uses (Python 3.11+)
from re import _parser as sre_parse

Need = tuple[str, bool]

_REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", sre_c.MAX_REPEAT))
_ATOMIC = getattr(sre_c, "ATOMIC_GROUP", None)
_MAX_SPELLINGS = 32  # spellings of one literal run before it is cut there
_MAX_SET = 256  # needs in one set (the index finds any number of them in one pass over a text)
_MAX_CLASS = 6  # letters of a class read as spellings ("[cs]", "[- ]")
_MAX_WAYS = 32  # ways a pattern is read as (need_ways); past that an alternation is read as one set


def is_word_char(ch: str) -> bool:
    """What `re` counts as a word character (\\w): a letter, a digit or "_"."""
    return ch.isalnum() or ch == "_"


#: the op of an item that stands for a run of literals, its av the run's text (see _items)
_TEXT = object()


def _items(seq) -> list:
    """A parsed sequence's (op, av) items, each run of literals made one (_TEXT, text) item (read one literal
    at a time, a run cost a set of spellings per character)."""
    out = []
    text: list[str] = []
    for item in (seq.data if isinstance(seq, sre_parse.SubPattern) else seq):  # a SubPattern's list: at C speed
        if item[0] is sre_c.LITERAL:
            text.append(chr(item[1]))
            continue
        if text:
            out.append((_TEXT, "".join(text)))
            text = []
        out.append(item)
    if text:
        out.append((_TEXT, "".join(text)))
    return out


class _Reader:
    """Reads one pattern's parse tree. The same subtree is read many times — for its spellings at every
    level of nesting above it, and once per way a match can go (need_ways) — so what a subtree gives is
    kept, by the subtree's identity, for as long as the reader lives (one pattern)."""

    def __init__(self) -> None:
        self._item_spellings: dict[tuple[int, int], tuple[object, set[str] | None]] = {}
        self._seq_sets: dict[tuple[int, bool], tuple[object, list[frozenset[Need]]]] = {}

    def spellings(self, items) -> set[str] | None:
        """The strings a sequence of literals matches (literals, small classes of literals, optional parts
        and alternatives made of those), or None when it holds anything else or too many spellings."""
        out = {""}
        for op, av in _items(items):
            sub = self.item_spellings(op, av)
            if sub is None:
                return None
            out = {a + b for a in out for b in sub}
            if len(out) > _MAX_SPELLINGS:
                return None
        return out

    def item_spellings(self, op, av) -> set[str] | None:
        """The spellings of one item, None past _MAX_SPELLINGS (callers only read the set)."""
        if op is _TEXT:  # (a literal comes as part of a _TEXT run: sequences are read through _items)
            return {av}
        key = (id(op), id(av))
        kept = self._item_spellings.get(key)
        if kept is not None and kept[0] is av:
            return kept[1]
        if op is sre_c.IN and len(av) <= _MAX_CLASS and all(o is sre_c.LITERAL for o, _ in av):
            sub = {chr(a) for _, a in av}
        elif op in _REPEATS and av[0] == 0 and av[1] == 1:
            inner = self.spellings(av[2])
            sub = None if inner is None else inner | {""}
        elif op is sre_c.BRANCH:
            alternatives = [self.spellings(alt) for alt in av[1]]
            sub = None if None in alternatives else set().union(*alternatives)
        elif op is sre_c.SUBPATTERN and not av[1] & re.IGNORECASE:
            sub = self.spellings(av[3])
        else:
            sub = None
        if sub is not None and len(sub) > _MAX_SPELLINGS:
            sub = None
        self._item_spellings[key] = (av, sub)  # av kept alive with its entry: its id is not reused
        return sub

    def sets(self, items, after_boundary: bool = False) -> list[frozenset[Need]]:
        """The need sets of a parsed sequence (`after_boundary`: it follows a word boundary)."""
        if not isinstance(items, sre_parse.SubPattern):  # a way need_ways put together: read once
            return self._sets(items, after_boundary)
        key = (id(items), after_boundary)
        kept = self._seq_sets.get(key)
        if kept is None or kept[0] is not items:
            kept = self._seq_sets[key] = (items, self._sets(items, after_boundary))
        return kept[1]

    def _sets(self, items, after_boundary: bool) -> list[frozenset[Need]]:
        found: list[frozenset[Need]] = []
        run: set[str] | None = None  # the spellings of the literal run so far
        run_ws = False
        at_boundary = after_boundary

        def close() -> None:
            done = _run(run, run_ws) if run is not None else None
            if done:
                found.append(done)

        for op, av in _items(items):
            sub = self.item_spellings(op, av)
            if sub is not None:
                if run is None:
                    run, run_ws = {""}, at_boundary
                longer = {a + b for a in run for b in sub}
                if len(longer) > _MAX_SPELLINGS:
                    close()
                    run, run_ws = sub, False
                else:
                    run = longer
                at_boundary = False
                continue
            close()
            run = None
            if op is sre_c.AT and av is sre_c.AT_BOUNDARY:
                at_boundary = True
                continue
            found.extend(self.item_sets(op, av, at_boundary))
            at_boundary = False
        close()
        return found

    def item_sets(self, op, av, at_boundary: bool) -> list[frozenset[Need]]:
        if op is sre_c.SUBPATTERN:
            return [] if av[1] & re.IGNORECASE else self.sets(av[3], at_boundary)
        if op is sre_c.BRANCH:
            alternatives = [best(self.sets(alt, at_boundary)) for alt in av[1]]
            if any(a is None for a in alternatives):
                return []
            union = _fewest(frozenset().union(*alternatives))
            return [union] if len(union) <= _MAX_SET else []
        if op in _REPEATS and av[0] >= 1:
            return self.sets(av[2], at_boundary)
        if op is _ATOMIC:
            return self.sets(av, at_boundary)
        return []

    def ways(self, items) -> list[list]:
        """A parsed sequence as the sequences a match can follow: each alternation (one not read as the
        spellings of a literal run) and each group that keeps the flags replaced by its contents, one
        alternative at a time; an alternation that would make more than _MAX_WAYS sequences is kept whole."""
        ways: list[list] = [[]]
        for op, av in _items(items):
            options = None
            if op is sre_c.BRANCH and self.item_spellings(op, av) is None:
                options = [way for alternative in av[1] for way in self.ways(alternative)]
            elif op is sre_c.SUBPATTERN and not av[1] and not av[2]:
                options = self.ways(av[3])
            if options is None or len(ways) * len(options) > _MAX_WAYS:
                options = [[(op, av)]]
            ways = [way + option for way in ways for option in options]
        return ways


def _fewest(needs: set[Need]) -> frozenset[Need]:
    """The set without needs another of its needs implies ("trains" at a word's start: "train" there)."""
    return frozenset((s, w) for s, w in needs
                     if not any((t, u) != (s, w) and t in s and (not u or w and s.startswith(t)) for t, u in needs))


def _run(spellings: set[str], word_start: bool) -> frozenset[Need] | None:
    if not spellings or not all(spellings):
        return None
    return _fewest({(s, word_start and is_word_char(s[0])) for s in spellings})


def selectivity(needs) -> tuple[int, int, int]:
    """Longest shortest string, then fewest needs, then most of them at a word's start."""
    return min(len(s) for s, _ in needs), -len(needs), sum(w for _, w in needs)


def best(sets: list[frozenset[Need]]) -> frozenset[Need] | None:
    return max(sets, key=selectivity) if sets else None


@lru_cache(maxsize=1024)
def parsed(pattern: str, flags: int):
    """re's own parse of a pattern (sre_parse.SubPattern), kept: preparing a pattern reads it twice (its
    needs here, its widest match in lowered.max_width). Callers only read it."""
    return sre_parse.parse(pattern, flags)


def need_sets(rx: re.Pattern) -> list[frozenset[Need]]:
    """Every need set of `rx`, the most selective first; [] when the pattern does not say (one that
    ignores case: [], read its lower-cased form)."""
    if rx.flags & re.IGNORECASE:
        return []
    try:
        found = _Reader().sets(parsed(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001 - a pattern the private parser cannot read just gets no pre-test
        return []
    return _sorted(found)


def need_ways(rx: re.Pattern) -> list[list[frozenset[Need]]]:
    """The need sets of each way a match of `rx` can go (each alternative, with the alternatives of its
    groups spelt out), the most selective first in each; a match meets every set of one of them. []
    when some way needs nothing, or the pattern ignores case (as need_sets)."""
    if rx.flags & re.IGNORECASE:
        return []
    try:
        reader = _Reader()
        ways = [_sorted(reader.sets(items)) for items in reader.ways(parsed(rx.pattern, rx.flags))]
    except Exception:  # noqa: BLE001 - see need_sets
        return []
    return ways if all(ways) else []


def _sorted(sets: list[frozenset[Need]]) -> list[frozenset[Need]]:
    """The distinct sets, the most selective first."""
    return sorted(dict.fromkeys(sets), key=selectivity, reverse=True)


def strings(needs) -> tuple[str, ...]:
    """The strings of a need set, longest first, without those holding another: a text meeting the set
    holds one of them (at a word's start or not)."""
    found = {s for s, _ in needs}
    return tuple(sorted((s for s in found if not any(t != s and t in s for t in found)), key=len, reverse=True))
