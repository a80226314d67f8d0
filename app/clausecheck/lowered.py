"""Case-insensitive patterns run on lower-cased text.

Python's `re` matches a case-insensitive pattern about half as fast as the same pattern with its
letters lower-cased run over `text.lower()`: every comparison folds case, and literal prefixes lose
their fast scan. The extractors, the rule labels and the classifier's lexicon search every clause with
hundreds of such patterns, so they lower-case a clause once and use the patterns made here.

`str.lower()` changes the length of a few rare characters ("İ"); where it did, PatternSet searches
the original text with the original patterns, so the offsets of its matches are always the text's.
"""

from __future__ import annotations

import re

# an escape (kept as written), a group name (kept: "(?P<Name>", "(?P=Name)"), or a capital letter
_TOKEN = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[A-Z]")


def lower_literals(pattern: str) -> str:
    """The pattern with its literal letters lower-cased; escapes (\\S, \\b, \\N ...) and group names kept."""
    return _TOKEN.sub(lambda m: m.group(0) if len(m.group(0)) > 1 else m.group(0).lower(), pattern)


def lowered(rx: re.Pattern) -> re.Pattern:
    """For a case-insensitive pattern, the case-sensitive one that finds the same in lower-cased text.
    A pattern without IGNORECASE is returned as it is: it must be run on the original text."""
    if not rx.flags & re.IGNORECASE:
        return rx
    return re.compile(lower_literals(rx.pattern), rx.flags & ~re.IGNORECASE)


class PatternSet:
    """Named patterns searched together over one text. Case-insensitive ones run on the text lower-cased
    once, the others on the text as written."""

    def __init__(self, patterns: dict[str, re.Pattern]):
        self.names = list(patterns)
        self._items = [(name, rx, lowered(rx), bool(rx.flags & re.IGNORECASE)) for name, rx in patterns.items()]

    def matches(self, text: str, low: str | None = None) -> list[tuple[str, re.Match]]:
        """(name, first match) of each pattern that matches, in the order the patterns were given."""
        low = text.lower() if low is None else low
        if len(low) != len(text):  # offsets would shift: search the text as written
            found = ((name, rx.search(text)) for name, rx, _, _ in self._items)
        else:
            found = ((name, lrx.search(low if on_lower else text)) for name, _, lrx, on_lower in self._items)
        return [(name, m) for name, m in found if m]

    def hits(self, text: str, low: str | None = None) -> list[str]:
        """The names of the patterns that match."""
        return [name for name, _ in self.matches(text, low)]
