"""segment(Document) -> list[Clause]: the boundaries, joined into segments, made clauses."""

from __future__ import annotations

from ..clauses import Clause
from ..documents.model import Document
from .boundaries import nlp
from .headings import heading_like, inline_heading_end, own_line
from .sections import to_clauses
from .segments import Seg, join_bare_labels, join_broken_blocks, join_enumerations
from .vocabulary import LABEL, label_level


def segment(doc: Document) -> list[Clause]:
    """Split a Document into clauses with exact offsets, page and section."""
    text = doc.text
    if not text.strip():
        return []
    pipeline = nlp()
    sdoc = pipeline.make_doc(text)
    sdoc.user_data["source_text"] = text
    for _name, component in pipeline.pipeline:
        sdoc = component(sdoc)
    # the component's boundaries, as (character offset, kind); the same starts as sdoc.sents
    bounds = sdoc.user_data.get("clause_boundaries_chars") or [(0, "doc")]
    segs: list[Seg] = []
    for b, (s, kind) in enumerate(bounds):
        e = bounds[b + 1][0] if b + 1 < len(bounds) else len(text)
        chunk = text[s:e]
        stripped = chunk.strip()
        if not stripped:
            continue
        s += len(chunk) - len(chunk.lstrip())
        segs.append(Seg(s, s + len(stripped), kind))

    segs = join_broken_blocks(text, segs)
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
        if block is not None and not text[g.end:block.end].strip():
            # the parser saw a heading (a Word heading style, a PDF heading line): trust it
            g.heading = True
            if g.label is None:
                g.level = block.level
        else:
            g.heading = heading_like(text[g.body:g.end], labelled=g.label is not None,
                                      own_line=own_line(text, g.start, g.end))
    segs = join_enumerations(text, segs)
    for g in segs:
        if not g.heading:
            g.head_end = inline_heading_end(text, g)
    return to_clauses(doc, segs)
