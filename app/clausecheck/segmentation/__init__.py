"""Clause segmentation: Document -> list[Clause] (section numbering and legal-abbreviation aware).

How it works
------------
1. spaCy's English tokenization rules (clausecheck.tokenizer, without importing spaCy) with lean
   affix rules tokenise the document text. The tokenizer carries the project's own special cases for the abbreviations contracts use ("Inc.", "L.L.C.",
   "U.S.A.", "Nos.", "Sec.", "et seq.", ...), so their periods never look like sentence ends.
2. ``clause_boundaries`` (boundaries.py) marks where a new segment
   starts and why: a new block (paragraph), a numbered item at the start of a line, the line after a heading,
   a sentence end, or an enumerated item after a colon or semicolon. It works on the token
   lists (texts, offsets, classes) and only looks closely at the few tokens that can be boundaries.
3. ``segment`` (splitter.py) turns those segments into clauses: a bare number ("13.2.") joins what
   follows it, short enumerations after a colon are kept in one clause, a list item or a short line that
   goes on with the sentence before it stays in that sentence's clause, headings are not emitted but become
   the ``section`` of the clauses under them (until a heading or numbered item of the same or a
   higher level), and an inline heading ("5.2 Confidentiality. The Employee shall ...") stays
   part of its clause and is that clause's section.

Offsets are exact: ``clause.text == doc.text[clause.start:clause.end]``.

Modules: vocabulary (words, number patterns), boundaries (tokenizer and boundaries), headings
(what a heading looks like), segments (joining rules), continuations (segments that go on with the
sentence before them), sections (segments -> clauses with their section), splitter (segment). The Clause and Label model lives in clausecheck.clauses.
"""

from ..clauses import Clause, Label
from .boundaries import tokenizer
from .sections import body_starts
from .splitter import Split, segment, split
from .vocabulary import label_level

__all__ = ["Clause", "Label", "Split", "body_starts", "label_level", "segment", "split", "tokenizer"]
