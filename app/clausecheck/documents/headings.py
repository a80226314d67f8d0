"""What tells a heading line from a line of a sentence, shared by the PDF reader (which joins lines
into paragraphs) and the segmenter (which finds section headings)."""

from __future__ import annotations

import re


def lists_with_commas(text: str, n_words: int) -> bool:
    """A line of a sentence rather than a heading: headings do not list with commas, but the lines of
    a clause set in capitals do ("... FOR ANY SPECIAL, INDIRECT, CONSEQUENTIAL OR PUNITIVE DAMAGES OF
    ANY KIND, LOST"), and liability clauses often are."""
    return text.count(",") >= 2 or (n_words > 8 and "," in text)


# Words a sentence does not stop on: a line ending on one goes on in the next line ("... pursuant to"
# / "Section 4.2 of this Agreement"). "and"/"or" are left out: "...; and" / "(c) ..." ends a list item.
RUN_ON_WORDS = {
    "the", "a", "an", "of", "to", "in", "on", "by", "with", "for", "under", "from", "that", "which",
    "its", "their", "any", "all", "such", "this", "these", "those", "shall", "may", "will", "is", "are",
    "be", "been", "not", "as", "at", "per", "than", "into", "upon", "between", "said", "each", "his",
    "her", "our", "your", "no", "if", "unless", "until", "within", "without",
}
_NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
}
# the last word of a text and the blanks after it, read from the end (matched in the text reversed): a
# search for "([A-Za-z]+)[\s\u00a0]*$" would try it at every position of the text before it
_LAST_WORD_REVERSED = re.compile(r"[\s\u00a0]*([A-Za-z]+)")
_FIGURE = re.compile(r"\s*\(\s*[0-9][0-9,.]*\s*%?\s*\)")  # "(30)", "(6)", "(1,000)", "(50%)"


def runs_on(before: str, after: str) -> bool:
    """Does the text `after` go on with the sentence `before` leaves open? True when `before` ends on
    a word no sentence stops on ("... in accordance with this" / "Section 7"), or on a number in
    words that `after` repeats in figures ("... no less than thirty" / "(30) days", "... SIX" /
    "(6) MONTHS")."""
    m = _LAST_WORD_REVERSED.match(before[-40:][::-1])
    if m is None:
        return False
    word = m.group(1)[::-1].lower()
    if word in RUN_ON_WORDS:
        return True
    return word.rsplit("-", 1)[-1] in _NUMBER_WORDS and _FIGURE.match(after) is not None


# words a heading never opens with: the rest of a sentence begun on the line before
_SENTENCE_PART_OPENERS = {"and", "or", "nor", "but", "of", "than", "that", "which"}


def opens_mid_sentence(text: str) -> bool:
    """'AND EXCLUSIVE REMEDY FOR ANY CLAIMS ...': a line that goes on with the one before."""
    first = text.split(None, 1)[0].lower() if text.strip() else ""
    return first.strip("\"'(\u201c") in _SENTENCE_PART_OPENERS
