"""Segments between boundaries, and the rules that join them: a sentence broken by a page break,
a bare number and what follows it, a short enumeration after a colon."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..documents.headings import runs_on
from .vocabulary import ALPHA, FUNCTION_WORDS, LABEL


@dataclass
class Seg:
    start: int
    end: int
    kind: str  # why it starts: "doc", "block", "line-label", "line-heading", "sent", "enum"
    label: str | None = None
    level: int = 99
    body: int = 0  # offset just after the label
    heading: bool = False
    head_end: int | None = None  # end of an unpunctuated inline heading after the number


def ends_open(text: str) -> bool:
    """Does this text stop mid-sentence (no closing punctuation)?"""
    t = text.rstrip()
    return bool(t) and t[-1] not in ".;:!?)]\"'\u201d\u2019*"


_PAGE_FURNITURE = re.compile(
    r"(?i)(?:page\s*)?[-\u2013\u2014(\[]?\s*[0-9]{1,4}\s*[-\u2013\u2014)\]]?(?:\s*of\s*[0-9]{1,4})?"
    r"|(?:[^\w\[\]*]|_)+")  # a page number ("12", "- 12 -", "Page 3 of 9") or a rule ("_____", "----")


def is_furniture(text: str, g: Seg) -> bool:
    return _PAGE_FURNITURE.fullmatch(text, g.start, g.end) is not None


def join_broken_blocks(text: str, segs: list[Seg]) -> list[Seg]:
    """Join a sentence broken by a page or column break (the next block continues it in lower
    case, or the first part ends on a word like 'the'), also across a page number between the
    two parts. Page numbers and rules on their own are not clauses and are dropped."""
    out: list[Seg] = []
    n = len(segs)
    i = 0
    while i < n:
        g = segs[i]
        if is_furniture(text, g):
            i += 1
            continue
        before = text[out[-1].start:out[-1].end] if out else ""
        if (out and g.kind == "block" and ends_open(before)
                and ((text[g.start].islower() or _ends_with_function_word(text, out[-1].end))
                     and not LABEL.match(text, g.start)
                     or runs_on(before, text[g.start:g.start + 12]))):
            out[-1].end = g.end
        else:
            out.append(g)
        i += 1
    return out


_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")


def _ends_with_function_word(text: str, end: int) -> bool:
    m = _LAST_WORD.search(text, max(end - 30, 0), end)
    return bool(m) and m.group(1) in FUNCTION_WORDS


def join_bare_labels(text: str, segs: list[Seg]) -> list[Seg]:
    """'13.2.' or 'ARTICLE IV' with nothing after it belongs to what follows."""
    out: list[Seg] = []
    pending: Seg | None = None
    for g in segs:
        bare = g.label is not None and not ALPHA.search(text, g.body, g.end)
        if pending is not None:
            # keep the first label; the body starts after the last label of a run ("3. 6. The")
            g = Seg(pending.start, g.end, pending.kind, pending.label, pending.level, g.body)
            pending = None
        if bare:
            pending = g
            continue
        out.append(g)
    if pending is not None:
        out.append(pending)
    return out


ENUM_MAX_WORDS = 120  # a list of lower-case items after a colon up to this size stays one clause
_FULL_SENTENCE = re.compile(r"\s*[\"'\u201c\u2018(\[]*[A-Z]")
_DOTTED = re.compile(r"\s*§?\s*[0-9]{1,3}\.[0-9]")


def _is_item(g: Seg) -> bool:
    return g.label is not None and g.kind in ("enum", "line-label", "block") and not g.heading


def _continues(text: str, g: Seg) -> bool:
    """Does this list item end the way a non-final item does ('...;', '...; and', '...,')?"""
    item = text[g.start:g.end].rstrip()
    return item.endswith((";", ",", ":", " and", " or", "and/or"))


def join_enumerations(text: str, segs: list[Seg]) -> list[Seg]:
    """Keep '... may: (a) use ...; (b) modify ...; and (c) sublicense ...' together when short.

    A list stays split per item when its items are full sentences (they start with a capital),
    are numbered sections ("5.1.1"), or the whole list is long. Items split off after a
    semicolon on the same line that do not belong to such a list are joined back to the
    sentence they continue.
    """
    out: list[Seg] = []
    i = 0
    n = len(segs)
    while i < n:
        g = segs[i]
        tail = text[g.start:g.end].rstrip()
        if tail.endswith(":") and i + 1 < n and _is_item(segs[i + 1]):
            last = i
            j = i + 1
            while j < n and _is_item(segs[j]):
                last = j
                if not _continues(text, segs[j]):
                    break
                j += 1
            items = segs[i + 1:last + 1]
            if len(items) == 1 and _continues(text, items[0]):
                out.append(g)
                i += 1
                continue
            words = sum(len(text[x.start:x.end].split()) for x in items) + len(tail.split())
            upper = sum(bool(_FULL_SENTENCE.match(text, x.body)) for x in items)
            dotted = any(_DOTTED.match(x.label or "") for x in items)
            if words <= ENUM_MAX_WORDS and 2 * upper < len(items) and not dotted:
                out.append(Seg(g.start, segs[last].end, g.kind, g.label, g.level, g.body, g.heading))
            else:
                out.extend(segs[i:last + 1])
            i = last + 1
            continue
        if g.kind == "enum" and out and not g.heading:
            out[-1].end = g.end
        else:
            out.append(g)
        i += 1
    return out
