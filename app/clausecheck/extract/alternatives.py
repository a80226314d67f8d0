"""A pattern's top-level alternatives ("a|b(c|d)|e" -> "a", "b(c|d)", "e"), each compiled on its own.

Whether a pattern matches anywhere in a text is whether any of its alternatives does, so an extractor
that only asks that can pre-test each alternative for the strings it alone needs (most clauses hold
none of them) instead of searching the whole alternation at every position. And an alternative that
matches nowhere in a text changes none of the pattern's matches there: the others' matches are the
pattern's.
"""

from __future__ import annotations

import re

# group references and flags for the whole pattern: an alternative compiled alone would mean something else
_NOT_SPLIT = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[aiLmsux]+\)")


def split(pattern: str) -> list[str] | None:
    """The top-level alternatives of a pattern's source, or None when it cannot be split safely."""
    if _NOT_SPLIT.search(pattern):
        return None
    out, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":  # "[]...]" and "[^]...]": the first "]" is a member
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out if depth == 0 and not in_class else None


def alternatives(rx: re.Pattern) -> list[re.Pattern]:
    """The pattern's top-level alternatives, compiled with its flags (the pattern itself when it has one,
    or cannot be split)."""
    parts = split(rx.pattern)
    if not parts or len(parts) == 1:
        return [rx]
    try:
        compiled = [re.compile(p, rx.flags) for p in parts]
    except re.error:
        return [rx]
    return compiled
