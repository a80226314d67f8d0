"""From segments to clauses: headings become the ``section`` of the clauses under them."""

from __future__ import annotations

import bisect
import re

from ..clauses import Clause
from ..documents.model import Document
from .segments import Seg
from .vocabulary import BREAK, LABEL, TRAIL, WORD, WS

Span = tuple[int, int]
_LEAD = TRAIL + " \t\n"  # what a clause's text does not start with


def section_text(text: str, start: int, end: int) -> str:
    return WS.sub(" ", text[start:end]).strip(TRAIL) or WS.sub(" ", text[start:end]).strip()


def to_clauses(doc: Document, segs: list[Seg]) -> tuple[list[Clause], list[Span], list[Span]]:
    """The clauses, the spans of headings, and the spans of the numbers and inline headings that
    precede a clause's text (all of which reach the clauses as their `section`)."""
    out = _Sections(doc)
    text = doc.text
    i, n = 0, len(segs)
    while i < n:
        g = segs[i]
        nxt = segs[i + 1] if i + 1 < n else None
        if (g.heading and nxt is not None and nxt.heading and nxt.label is None and nxt.kind == "line-heading"
                and len(WORD.findall(text, g.start, nxt.end)) <= 16):
            # a heading that goes on over the next line: "EMPLOYEE PROPRIETARY INFORMATION" + "AGREEMENT";
            # a heading is 16 words at most, as heading_like has it
            segs[i + 1] = Seg(g.start, nxt.end, g.kind, g.label, g.level, g.body, True)
            i += 1
        elif g.heading:
            i += out.heading(g, nxt)
        else:
            out.item(g)
            i += 1
    return out.clauses, out.headings, out.prefixes


class _Sections:
    """The clauses so far and the stack of headings (level, section text) they sit under."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.block_starts = [b.start for b in doc.blocks]
        self.block_pages = [b.page for b in doc.blocks]
        self.stack: list[tuple[int, str]] = []
        self.clauses: list[Clause] = []
        # text that went to `section` rather than a clause: headings; numbers and inline headings
        self.headings: list[Span] = []
        self.prefixes: list[Span] = []

    def page_at(self, offset: int) -> int | None:
        k = bisect.bisect_right(self.block_starts, offset) - 1
        return self.block_pages[k] if k >= 0 else (self.block_pages[0] if self.block_pages else None)

    def push(self, level: int, title: str) -> None:
        self.pop_to(level)
        self.stack.append((level, title))

    def pop_to(self, level: int) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()

    def heading_level(self, g: Seg) -> int:
        if g.label is not None or g.level != 99:
            return g.level
        words = WORD.findall(self.text, g.start, g.end)
        return 0 if words and "".join(words).isupper() else 99

    def emit(self, start: int, end: int, number: str | None = None) -> None:
        """A clause's text is its body: its own number and inline heading go to `section`."""
        text = self.text
        while start < end and text[start] in _LEAD:
            start += 1
        section = self.stack[-1][1] if self.stack else None
        if number:
            section = f"{section} › {number}" if section else number
        self.clauses.append(Clause(id=f"c{len(self.clauses) + 1}", text=text[start:end], start=start, end=end,
                                   page=self.page_at(start), section=section))

    def heading(self, g: Seg, nxt: Seg | None) -> int:
        """Open a section at heading g; how many segments that used (2 for an inline heading)."""
        text = self.text
        level = self.heading_level(g)
        self.push(level, section_text(text, g.start, g.end))
        self.headings.append((g.start, g.end))
        if nxt is not None and not BREAK.search(text, g.end, nxt.start) and nxt.label is None and not nxt.heading:
            self.emit(nxt.start, nxt.end)  # inline heading: the section of the clause that follows it
            return 2
        if nxt is None or (nxt.heading and self.heading_level(nxt) <= level):
            self.headings.pop()
            self.emit(g.start, g.end)  # a heading with nothing under it is a clause of its own
        return 1

    def item(self, g: Seg) -> None:
        """A numbered item or a plain segment: one clause, its inline heading a section."""
        if g.head_end is not None or g.label is not None:
            self.prefixes.append((g.start, g.head_end if g.head_end is not None else g.body))
        if g.label is not None:
            self.pop_to(g.level)
            if g.head_end is not None:
                self.push(g.level, section_text(self.text, g.start, g.head_end))
                self.emit(g.head_end, g.end)
            else:
                self.emit(g.body, g.end, number=g.label.strip())
        elif g.head_end is not None:
            self.push(99, section_text(self.text, g.start, g.head_end))
            self.emit(g.head_end, g.end)
        else:
            self.emit(g.start, g.end)


def body_starts(clause: Clause) -> list[int]:
    """Offsets (into the document text) where the clause's body may be said to begin: after its
    own number ("5.2 ...") and after its inline heading ("5.2 Confidentiality. The Employee ..."
    -> at "The"). Empty when the clause has neither. Useful to highlight a clause without its
    number and heading, which stay available in ``clause.section``."""
    text = clause.text
    out: list[int] = []
    m = LABEL.match(text)
    if m:
        rest = text[m.end():]
        out.append(clause.start + m.end() + len(rest) - len(rest.lstrip()))
    if clause.section:
        words = clause.section.split()
        h = re.match(r"\s*".join(map(re.escape, words)) + r"[\s.:\-\u2013\u2014_=*]*", text)
        if h and 0 < h.end() < len(text):
            out.append(clause.start + h.end())
    return sorted(set(out))
