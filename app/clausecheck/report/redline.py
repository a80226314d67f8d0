"""Word-level redlines (difflib): what a clause would look like with the suggested language.

    ops = word_diff("a perpetual, irrevocable licence", "a licence for three years")
    to_html(ops)  ->  'a <del>perpetual, irrevocable </del>licence<ins> for three years</ins>'
    to_text(ops)  ->  'a [-perpetual, irrevocable -]licence{+ for three years+}'
"""

from __future__ import annotations

import html

from ..textdiff import similarity, tokens, word_diff  # noqa: F401 (re-exported for the reports)


def to_html(ops: list[tuple[str, str]]) -> str:
    parts = []
    for op, text in ops:
        t = html.escape(text)
        if op == "delete":
            parts.append(f"<del>{t}</del>")
        elif op == "insert":
            parts.append(f"<ins>{t}</ins>")
        else:
            parts.append(t)
    return "".join(parts)


def to_text(ops: list[tuple[str, str]]) -> str:
    parts = []
    for op, text in ops:
        if op == "delete":
            parts.append(f"[-{text}-]")
        elif op == "insert":
            parts.append(f"{{+{text}+}}")
        else:
            parts.append(text)
    return "".join(parts)
