"""What the detectors see: the clauses with their labels and attributes, the parties and who is the
reader, and helpers to ask about them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..extract import parties_of, reading_for, sides_for
from ..extract.parties import Parties, Sides, work_term
from ..lowered import FastPattern, fast, met_in, normalised


@dataclass
class ClauseView:
    id: str
    text: str
    page: int | None
    section: str | None
    index: int
    start: int
    end: int
    labels: dict[str, float]
    attrs: Mapping  # the clause's attributes: a dict, or an extract.ClauseReading
    flat: str = field(init=False)  # whitespace-normalised text
    low: str = field(init=False, repr=False)  # flat, lower-cased
    # the strings of the prepared patterns that `low` holds (lowered.met_in), found at the first test
    _met: tuple | None = field(init=False, default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.flat, self.low = normalised(self.text)

    def matches(self, pattern: str | re.Pattern, flags: int = re.IGNORECASE) -> bool:
        """Whether the pattern finds something in the clause's text (a string pattern ignores case
        unless `flags` says otherwise). Use `c.search(pattern)` where the match itself is needed."""
        fp = self._pattern(pattern, flags)
        return fp is not None and fp.search(self.flat, self.low) is not None

    def search(self, pattern: str | re.Pattern):
        """The pattern's first match in the clause's text (a string pattern ignores case); one that ignores
        case is found in the lower-cased text (see clausecheck.lowered): its offsets are the text's, its
        strings lower case."""
        fp = self._pattern(pattern)
        return None if fp is None else fp.search(self.flat, self.low)

    def finditer(self, pattern: str | re.Pattern):
        """The pattern's matches in the clause's text, found as `search` finds them."""
        fp = self._pattern(pattern)
        return iter(()) if fp is None else fp.finditer(self.flat, self.low)

    def _pattern(self, pattern: str | re.Pattern, flags: int = re.IGNORECASE) -> FastPattern | None:
        """The pattern made fast, or None when the strings the clause holds rule it out: most patterns are,
        by the strings looked up once per clause."""
        fp = fast(pattern, flags)
        met = self.needs_met()
        return None if met is not None and fp.ruled_out(met) else fp

    def needs_met(self) -> tuple | None:
        """The strings of the prepared patterns that the clause holds (lowered.met_in), looked up at the first
        test, or None where lower-casing changed the text's length (patterns then read the text as written)."""
        if self._met is None:
            self._met = met_in(self.flat, self.low)
        return self._met

    def has(self, *categories: str) -> bool:
        return any(c in self.labels for c in categories)


@dataclass
class Ctx:
    doc: object
    clauses: list[ClauseView]
    perspective: str
    parties: Parties
    sides: Sides
    values: dict = field(default_factory=dict)
    memo: dict = field(default_factory=dict, repr=False)

    def once(self, reading):
        """`reading(self)`, worked out once per contract: for readings several detectors share."""
        if reading not in self.memo:
            self.memo[reading] = reading(self)
        return self.memo[reading]

    @property
    def contract_type(self) -> str | None:
        return self.values.get("contract_type")

    @classmethod
    def build(cls, doc, clauses, perspective: str, values: dict | None = None, attributes: list | None = None) -> Ctx:
        parties = parties_of(doc) if doc is not None else Parties([])
        views = []
        for i, c in enumerate(clauses):
            attrs = attributes[i] if attributes is not None else (c.attributes or reading_for(c, doc))
            labels = {lab.category: lab.score for lab in c.labels}
            views.append(ClauseView(c.id, c.text, c.page, c.section, i, c.start, c.end, labels, attrs))
        return cls(doc, views, perspective, parties, sides_for(parties, perspective, (values or {}).get("contract_type")),
                   values or {})

    # --- who -----------------------------------------------------------------------------------------
    def side_of(self, term: str | None) -> str | None:
        """'reader', 'other' or None for a party term as found in a clause."""
        if not term:
            return None
        low = term.lower()
        if low in self.sides.reader_forms:
            return "reader"
        if low in self.sides.other_forms:
            return "other"
        p = self.parties.find_term(term)
        if p is not None:
            if self.sides.reader is p:
                return "reader"
            if self.sides.other is p:
                return "other"
        return None

    @cached_property
    def work_term(self) -> str | None:
        return work_term(self.doc.text) if self.doc is not None else None

    @cached_property
    def reader_rx(self) -> re.Pattern:
        return _forms_rx(self.sides.reader_forms, self.sides.reader)

    @cached_property
    def other_rx(self) -> re.Pattern:
        return _forms_rx(self.sides.other_forms, self.sides.other)

    def subject_side(self, c: ClauseView, before: re.Pattern | str | None = None) -> str | None:
        """Side of the party acting in the clause: the last party named before `before` (a pattern for
        the verb of interest), else the clause's subject."""
        if before is not None:
            m = c.search(before)
            if m:
                head = c.flat[:m.start()]
                last = None
                for rx, side in ((self.reader_rx, "reader"), (self.other_rx, "other")):
                    for mm in rx.finditer(head):
                        possessive = re.match(r"[’']s\b|\s+(?:Data|Content|Materials?|Inputs?|Outputs?)\b",
                                              head[mm.end():mm.end() + 12])
                        if possessive or mm.group(0).lower() in ("your", "our", "my"):
                            continue
                        if last is None or mm.start() > last[0]:
                            last = (mm.start(), side)
                if last:
                    return last[1]
        return self.side_of(c.attrs.get("subject"))

    # --- text helpers --------------------------------------------------------------------------------
    def matching(self, pattern: str | re.Pattern) -> list[ClauseView]:
        """The clauses the pattern finds something in (ignoring case, as ClauseView.matches), in order."""
        return [c for c in self._pool(pattern) if c.matches(pattern)]

    def any_text(self, pattern: str | re.Pattern) -> ClauseView | None:
        """The first clause the pattern finds something in."""
        return next((c for c in self._pool(pattern) if c.matches(pattern)), None)

    def _pool(self, pattern: str | re.Pattern) -> list[ClauseView]:
        """The clauses that the strings they hold do not rule the pattern out for (FastPattern.ruled_out), in
        order: most patterns are for a few clauses of a contract, found by the strings each clause holds
        (_holding) without asking the others one by one. All of them when the strings cannot tell (a
        pattern not prepared yet, without needs, or not indexed when the clauses were read)."""
        fp = fast(pattern)
        holding, size, unread = self._holding
        if not 0 <= fp.top_id < size:
            return self.clauses
        may = set(unread)
        for i in fp.key.intersection(holding):
            may.update(holding[i])
        return [self.clauses[k] for k in sorted(may)]

    @cached_property
    def _holding(self) -> tuple[dict[int, list[int]], int, list[int]]:
        """The clauses by the strings they hold: a need's id -> the clauses meeting it (their places in
        `clauses`); how many needs the index held when the clauses were read (the fewest, if it grew
        meanwhile); the clauses not read (lower-casing changed their length)."""
        holding: dict[int, list[int]] = {}
        size = None
        unread = []
        for k, c in enumerate(self.clauses):
            met = c.needs_met()
            if met is None:
                unread.append(k)
                continue
            held, n = met
            size = n if size is None else min(size, n)
            for i in held:
                holding.setdefault(i, []).append(k)
        return holding, size or 0, unread

    def find(self, pattern: str | re.Pattern, categories: tuple[str, ...] = (), within=None) -> list[ClauseView]:
        pool = within if within is not None else self.clauses
        if not categories and within is None:
            return self.matching(pattern)
        return [c for c in pool if (categories and c.has(*categories)) or c.matches(pattern)]

    def neighbours(self, c: ClauseView, after: int = 2, before: int = 0) -> list[ClauseView]:
        """Clauses next to `c` in the same section (sentences of one numbered clause are split)."""
        out = []
        for j in range(max(0, c.index - before), min(len(self.clauses), c.index + after + 1)):
            d = self.clauses[j]
            if d.section == c.section or j == c.index:
                out.append(d)
        return out

    @cached_property
    def full_text(self) -> str:
        return " ".join(c.flat for c in self.clauses)


def _forms_rx(forms: set[str], party) -> re.Pattern:
    words = set(forms)
    if party is not None and party.name:
        words.add(party.name.lower())
    named = sorted((w for w in words if w), key=len, reverse=True)
    if not named:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in named) + r")\b", re.IGNORECASE)
