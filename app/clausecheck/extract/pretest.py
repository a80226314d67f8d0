"""The extractors' test of whether a pattern can match a clause at all, asked of the strings the clause holds.

`lowered.may_match` asks the pattern's own pre-test, a chain of some ten calls, and the extractors ask it
some fifteen times per clause (each act, money, percentages, durations, the modal words). Once a pattern
is prepared and the string index holds its needs, the same answer is a set test of the needs the index
found in the clause (`met`, looked up once per clause: the classifier had the index find them already).
"""

from __future__ import annotations

from ..lowered import FastPattern, needs_met

Met = tuple[frozenset[int], int]


def met_in(text: str, low: str) -> Met | None:
    """The needs the string index finds in `low`, the text lower-cased (None where lower-casing changed the
    text's length: the patterns then search the text as written)."""
    return needs_met(low) if len(low) == len(text) else None


def may_match(fp: FastPattern, text: str, low: str | None, met: Met | None) -> bool:
    """fp.possible(text, low), from `met` (met_in(text, low), when the caller has it) where it can tell:
    False only when the pattern cannot find anything in `text`."""
    if met is not None and fp.string_ids and fp.top_id < met[1]:  # searched in `low`, its needs indexed
        return not fp.ruled_out(met)
    return fp.possible(text, low)
