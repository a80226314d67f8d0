"""segment(Document) -> list[Clause]: the boundaries, joined into segments, made clauses."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress
from operator import not_

from ..clauses import Clause
from ..documents.model import Document
from .boundaries import clause_boundaries
from .continuations import join_continued_headings, join_run_on_items
from .headings import heading_like, inline_heading_end, own_line
from .sections import Span, to_clauses
from .segments import Seg, is_furniture, join_bare_labels, join_broken_blocks, join_enumerations
from .vocabulary import LABEL, label_level


@dataclass
class Split:
    """Where every character of a document went: a clause, a heading, the number or inline heading
    before a clause's text (headings, numbers and inline headings reach the clauses as `section`),
    or page furniture left out (page numbers and rules)."""

    clauses: list[Clause]
    headings: list[Span] = field(default_factory=list)
    prefixes: list[Span] = field(default_factory=list)
    dropped: list[Span] = field(default_factory=list)


def segment(doc: Document) -> list[Clause]:
    """Split a Document into clauses with exact offsets, page and section."""
    return split(doc).clauses


def split(doc: Document) -> Split:
    """segment(), with the spans of headings and dropped page furniture (for text accounting)."""
    text = doc.text
    if not text or text.isspace():  # not text.strip(): that copies the whole text
        return Split([])
    bounds = clause_boundaries(text)  # (character offset, kind)
    segs: list[Seg] = []
    for b, (s, kind) in enumerate(bounds):
        e = bounds[b + 1][0] if b + 1 < len(bounds) else len(text)
        chunk = text[s:e]
        stripped = chunk.strip()
        if not stripped:
            continue
        s += len(chunk) - len(chunk.lstrip())
        segs.append(Seg(s, s + len(stripped), kind))

    # page numbers and rules on their own are not clauses
    furniture = [is_furniture(text, g) for g in segs]
    dropped = [(g.start, g.end) for g in compress(segs, furniture)]
    segs = join_broken_blocks(text, list(compress(segs, map(not_, furniture))))
    for g in segs:
        m = LABEL.match(text, g.start)
        if m and m.end() <= g.end:
            g.label = text[g.start:m.end()]
            g.level = label_level(g.label)
            g.body = m.end()
        else:
            g.body = g.start
    segs = join_bare_labels(text, segs)
    styled = {b.start: b for b in doc.blocks if b.kind == "heading"}
    for g in segs:
        block = styled.get(g.start)
        if block is not None and g.end <= block.end and not text[g.end:block.end].strip():
            # the parser saw a heading (a Word heading style, a PDF heading line): trust it, unless
            # the segment goes on past it (a number joined to what follows, a sentence run on)
            g.heading = True
            if g.label is None:
                g.level = block.level
        else:
            g.heading = heading_like(text[g.body:g.end], labelled=g.label is not None,
                                      own_line=own_line(text, g.start, g.end))
    segs = join_continued_headings(text, segs)
    segs = join_enumerations(text, segs)
    segs = join_run_on_items(text, segs)
    for g in segs:
        if not g.heading:
            g.head_end = inline_heading_end(text, g)
    clauses, headings, prefixes = to_clauses(doc, segs)
    return Split(clauses, headings, prefixes, dropped)
