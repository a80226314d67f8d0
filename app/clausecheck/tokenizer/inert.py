"""Whether a regular expression can match anywhere in a text made of given characters, read from the
pattern's own text: the tokenizer asks it of its affix rules once, when it is made, so that a word no rule
can split skips the rules (spaCy's English rules split no word of ASCII letters; rules given by a caller
might).

The reading is conservative. A pattern is read as branches, each a sequence of the items it requires (an
item repeated at least once): a one-character item (a literal, an escape, a set), or a group or positive
lookaround, itself branches. A branch is impossible if one item it requires matches none of the
characters; negative lookarounds, anchors, backreferences and optional items require nothing. Syntax not
read here (scoped flags, conditionals, verbose patterns) makes the whole pattern "may match". So a "no"
is a proof, and a wrong "may" costs only the fast path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial

_QUANTIFIER = re.compile(r"[?*+]|\{(\d*)(?:,\d*)?\}")
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_ZERO_WIDTH_ESCAPES = frozenset("AZbB")

# A pattern read: its branches, each the items it requires, each a one-character item's text or (a group)
# branches again.
Branches = list[list["str | Branches"]]


class _Unread(Exception):
    """Syntax this reading does not follow."""


@lru_cache(maxsize=64)
def may_match_within(pattern: re.Pattern, alphabet: str) -> bool:
    """False only if `pattern` matches nowhere (not even an empty match) in any string made only of
    `alphabet`'s characters: the text its lookarounds see is of them too."""
    if pattern.flags & re.VERBOSE:
        return True
    try:
        branches, end = _Reader(pattern.pattern).alternatives(0)
        if end != len(pattern.pattern):  # an unmatched ")": not a pattern re compiles
            return True
        return _possible(branches, partial(_matches_one_of, flags=pattern.flags, alphabet=alphabet))
    except (_Unread, re.error, IndexError, ValueError):
        return True


def _possible(branches: Branches, one_char: Callable[[str], bool]) -> bool:
    """Some branch all of whose required items can match; the short items are judged first (a set of
    every letter is slow to compile, and seldom needed once a "." is required beside it)."""
    return any(all(one_char(item) if isinstance(item, str) else _possible(item, one_char)
                   for item in sorted(branch, key=_size))
               for branch in branches)


def _size(item: str | Branches) -> int:
    return len(item) if isinstance(item, str) else 1 + sum(_size(x) for branch in item for x in branch)


@lru_cache(maxsize=1024)
def _matches_one_of(item: str, flags: int, alphabet: str) -> bool:
    """Whether a one-character item matches some character of the alphabet: one found in the alphabet's
    string, or none. Kept: the English rules' affix patterns share their sets."""
    return re.compile(item, flags).search(alphabet) is not None


class _Reader:
    """A pattern's text read into Branches (what it requires, not all it says)."""

    def __init__(self, source: str):
        self.src = source

    def alternatives(self, i: int) -> tuple[Branches, int]:
        """The branches from i up to an unmatched ')' or the end, and where they end."""
        branches = []
        while True:
            branch, i = self.sequence(i)
            branches.append(branch)
            if i < len(self.src) and self.src[i] == "|":
                i += 1
                continue
            return branches, i

    def sequence(self, i: int) -> tuple[list, int]:
        """One branch: the items it requires (those repeated at least once that require something)."""
        required = []
        src = self.src
        while i < len(src) and src[i] not in "|)":
            item, i = self.item(i)
            least = 1
            q = _QUANTIFIER.match(src, i)
            if q:
                least = 1 if q[0] == "+" else int(q[1] or 0) if q[0][0] == "{" else 0
                i = q.end()
                if i < len(src) and src[i] in "?+":  # lazy or possessive
                    i += 1
            if least and item is not None:
                required.append(item)
        return required, i

    def item(self, i: int) -> tuple[str | Branches | None, int]:
        """The item at i (None: it requires nothing of the characters) and where it ends."""
        src = self.src
        c = src[i]
        if c == "(":
            return self.group(i)
        if c == "[":
            j = i + 1
            if src[j] == "^":
                j += 1
            if src[j] == "]":
                j += 1
            while src[j] != "]":
                j += 2 if src[j] == "\\" else 1
            return src[i:j + 1], j + 1
        if c == "\\":
            return self.escape(i)
        if c in "^$":
            return None, i + 1
        if c in "*+?{" and _QUANTIFIER.match(src, i):  # a quantifier with nothing before it: an error
            raise _Unread(src[i:i + 10])
        return c, i + 1

    def escape(self, i: int) -> tuple[str | None, int]:
        src = self.src
        c = src[i + 1]
        if c in _ZERO_WIDTH_ESCAPES:
            return None, i + 2
        if c in "123456789":  # a backreference (or an octal escape): whatever it matches
            j = i + 2
            while j < len(src) and src[j].isdigit():
                j += 1
            return None, j
        if c == "N":
            j = src.index("}", i) + 1
        else:
            j = i + 2 + {"x": 2, "u": 4, "U": 8}.get(c, 0)
            if c == "0":
                while j < len(src) and j < i + 4 and src[j] in "01234567":
                    j += 1
        return src[i:j], j

    def group(self, i: int) -> tuple[Branches | None, int]:
        src = self.src
        flags = _GLOBAL_FLAGS.match(src, i)  # (?u) opening the pattern: its flags are the compiled pattern's
        if flags:
            return None, flags.end()
        if src.startswith("(?#", i):
            return None, src.index(")", i) + 1
        for opening, requires in (("(?:", True), ("(?=", True), ("(?<=", True), ("(?!", False), ("(?<!", False)):
            if src.startswith(opening, i):
                start = i + len(opening)
                break
        else:
            if src.startswith("(?P<", i):
                start, requires = src.index(">", i) + 1, True
            elif src.startswith("(?P=", i):  # a named backreference
                return None, src.index(")", i) + 1
            elif src.startswith("(?", i):
                raise _Unread(src[i:i + 10])
            else:
                start, requires = i + 1, True
        branches, end = self.alternatives(start)
        if src[end] != ")":
            raise _Unread(src[i:i + 10])
        return (branches if requires else None), end + 1
