"""Segments that go on with the sentence before them, joined back to it: the next item of a list whose
source leaves off the punctuation between items, and a short line taken for a heading after a clause
that stops on a lower-case word."""

from __future__ import annotations

import re

from .segments import Seg, before_number_lines, ends_open
from .vocabulary import WORD

_NUMBERED = re.compile(r"\s*(?:§|[0-9])")  # "§ 1 License", "12 Months": a numbered heading or a figure
_TITLE = re.compile(r"\s*(?i:exhibit|schedule|appendix|annex|attachment|part|article|section|chapter|addendum"
                    r"|table|form)\b")
# an item the next one goes on from: it stops on "and", "or", "minus", ... ("(i) the Acquired Assets or"
# / "(ii) ...", "... allocable to principal; minus" / "(c) ..."), not on "; and" or ", or", which close
# a list item the usual way
_CONJUNCTION_END = re.compile(r"(?:(?<=[^\s;,])\s+|(?<=[\])]))(?:and|or|nor|and/or|minus|plus|less)\s*,?$"
                              r"|(?<=[;,])\s*(?:minus|plus|less)\s*,?$|\b(?:and|or)\s*,$")
_ITEM_END = re.compile(r"[;,]\s*(?:and|or|and/or)$")  # "...; and" closes an item the usual way
_LOWER_WORD = re.compile(r"\s*[\"'\u201c\u2018]?[a-z]{2,}\b(?![.)])")


def _joined(text: str, segs: list[Seg], goes_on) -> list[Seg]:
    """The segments, each one that `goes_on(text, before, it)` with the one before it joined to that one."""
    out: list[Seg] = []
    for g in segs:
        if out and goes_on(text, out[-1], g):
            out[-1].end = g.end
        else:
            out.append(g)
    return out


def join_run_on_items(text: str, segs: list[Seg]) -> list[Seg]:
    """A numbered item that goes on with the sentence the segment before it leaves open, in a list
    without the usual '; and' between items: that segment stops without closing punctuation and the
    item's text starts in lower case ('(b) Datec supplies BSP with advance notice' / '(c) it does not
    result in ...', an address 'Attention: ..., President' / '(ii) if to Diplomat:'), or the segment
    stops on 'or', 'and', 'minus' ('(i) the Acquired Assets or' / '(ii) managed ...'). One clause
    holds both, as a list after a colon does."""
    return _joined(text, segs, _goes_on)


def _goes_on(text: str, prev: Seg, g: Seg) -> bool:
    if g.label is None or g.heading or prev.heading or _TITLE.match(g.label):
        return False  # "ANNEX II" / "to the Field Trial Agreement": a title, not an item
    end = before_number_lines(text, prev.start, prev.end)  # "... or" / "12" / "13": line numbers
    before = text[prev.start:end].rstrip()
    if not ends_open(before) or _ITEM_END.search(before):
        return False
    return _LOWER_WORD.match(text, g.body) is not None or _CONJUNCTION_END.search(before) is not None


def join_continued_headings(text: str, segs: list[Seg]) -> list[Seg]:
    """A short unnumbered line taken for a heading right after a clause that stops on a lower-case word
    goes on with that clause ('... 98% of faults reported in the time period' / 'Monthly', '... shall be
    approved by the' / 'Board'), unless it is clearly a title: 'EXHIBIT B', 'Schedule 2 - Fees', a line in
    capitals."""
    return _joined(text, segs, _continues_clause)


def _continues_clause(text: str, prev: Seg, g: Seg) -> bool:
    if not g.heading or g.label is not None or prev.heading:
        return False
    before = text[prev.start:prev.end].rstrip()
    if not ends_open(before):
        return False
    last = before.rsplit(None, 1)[-1]
    if not (last.isalpha() and last.islower()):
        return False
    if _TITLE.match(text, g.start) or _NUMBERED.match(text, g.start):
        return False
    letters = "".join(WORD.findall(text, g.start, g.end))
    return not (letters.isupper() and len(letters) > 3)  # a title in capitals, not a cell ("8H-20H")
