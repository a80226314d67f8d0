"""Word-level differences between a clause and its suggested rewrite (difflib). A neutral text
utility: the checks use it to decide what a suggestion strikes; the reports render its output.

    word_diff("a perpetual, irrevocable licence", "a licence for three years")
    -> [("equal", "a "), ("delete", "perpetual, irrevocable "), ("equal", "licence"), ("insert", " for three years")]
"""

from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(r"^\s+|[\w'’-]+\s*|[^\w\s]\s*")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(original: str, revised: str) -> list[tuple[str, str]]:
    """[(op, text)] with op "equal", "delete" or "insert", joining to `original` (equal + delete) and
    to `revised` (equal + insert). Words are compared whole; whitespace is kept."""
    a, b = tokens(original), tokens(revised)
    # compare words without the spaces after them, so whitespace never anchors an alignment
    sm = difflib.SequenceMatcher(None, [t.rstrip() for t in a], [t.rstrip() for t in b], autojunk=False)
    out: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            # the spaces after the last equal word may differ; take the revised text's only at the end
            for ta, tb in zip(a[i1:i2], b[j1:j2], strict=True):
                if ta == tb:
                    add("equal", ta)
                    continue
                core = ta.strip()
                lead_a, lead_b = ta[:len(ta) - len(ta.lstrip())], tb[:len(tb) - len(tb.lstrip())]
                if lead_a != lead_b:
                    add("delete", lead_a)
                    add("insert", lead_b)
                else:
                    add("equal", lead_a)
                add("equal", core)
                add("delete", ta[len(lead_a) + len(core):])
                add("insert", tb[len(lead_b) + len(core):])
        else:
            if i2 > i1:
                add("delete", "".join(a[i1:i2]))
            if j2 > j1:
                add("insert", "".join(b[j1:j2]))
    return _tidy(out)


def _tidy(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Merge neighbouring changes so a rewritten passage reads as one deletion then one insertion."""
    merged: list[tuple[str, str]] = []
    for op, text in ops:
        if merged and op != "equal" and merged[-1][0] != "equal":
            # a run of changes: keep one delete and one insert, in that order
            run = [merged.pop()]
            while merged and merged[-1][0] != "equal":
                run.insert(0, merged.pop())
            run.append((op, text))
            dels = "".join(t for o, t in run if o == "delete")
            ins = "".join(t for o, t in run if o == "insert")
            if dels:
                merged.append(("delete", dels))
            if ins:
                merged.append(("insert", ins))
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return [(o, t) for o, t in merged if t]


def similarity(original: str, revised: str) -> float:
    """Share of words kept (0..1): near 1 for an edit, near 0 for a replacement."""
    a, b = [t.rstrip() for t in tokens(original)], [t.rstrip() for t in tokens(revised)]
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
