"""What tells a heading line from a line of a sentence, shared by the PDF reader (which joins lines
into paragraphs) and the segmenter (which finds section headings)."""

from __future__ import annotations


def lists_with_commas(text: str, n_words: int) -> bool:
    """A line of a sentence rather than a heading: headings do not list with commas, but the lines of
    a clause set in capitals do ("... FOR ANY SPECIAL, INDIRECT, CONSEQUENTIAL OR PUNITIVE DAMAGES OF
    ANY KIND, LOST"), and liability clauses often are."""
    return text.count(",") >= 2 or (n_words > 8 and "," in text)
