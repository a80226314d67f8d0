"""Findings as a person reads them, for every report meant for people (text, HTML, the web page).

Issues apart from protections; counts in words ("1 page", "2 protections"); clauses cited by section
and page ("§6, p. 1") instead of internal clause ids; quotes cut at a word boundary; the words a
finding is about. The analysis JSON keeps ids and hashes; these helpers never show them.
"""

from __future__ import annotations

import re

from ..perspectives import BY_ID, SEVERITIES, SEVERITY_ORDER

ISSUE_SEVERITIES = tuple(s for s in SEVERITIES if s != "info")


def is_protection(finding: dict) -> bool:
    """A protection (or a point to note), not an issue: severity "info", or a rule that marks the clause
    acceptable from the reader's side, or one that says outright it found a protection."""
    return (finding.get("severity") == "info" or finding.get("protection") is True
            or finding.get("position") == "acceptable")


def split(findings: list[dict]) -> tuple[list[dict], list[dict]]:
    """(issues worst first, protections), each keeping the analysis' order within a severity."""
    ordered = sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.get("severity"), len(SEVERITIES)))
    return [f for f in ordered if not is_protection(f)], [f for f in ordered if is_protection(f)]


def counts(findings: list[dict]) -> dict[str, int]:
    """Issues per severity ("high", "medium", "low") and "protections"."""
    issues, protections = split(findings)
    out = {s: sum(f.get("severity") == s for f in issues) for s in ISSUE_SEVERITIES}
    out["protections"] = len(protections)
    return out


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def side(perspective: str) -> str:
    """ "the employee", "the vendor or contractor": whose side the report reads the contract from."""
    p = BY_ID.get(perspective)
    return f"the {p.name.lower()}" if p else perspective


def clip(text: str, limit: int) -> str:
    """`text` on one line, cut at the last word boundary within `limit` characters, with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:([\"'“‘-—") + "…"


_NUMBERED = re.compile(r"(?:section|clause|§)?\s*(\d+(?:\.\d+)*)(?:[.)]|\s|$|(?=\())", re.IGNORECASE)
_NAMED = re.compile(r"(article|schedule|exhibit|annex|appendix)\s+(\d+|[IVXLC]+\b|[A-Z]\b)", re.IGNORECASE)
_LETTER = re.compile(r"\(([a-z]{1,3}|\d{1,2})\)$")


def _heading_words(part: str) -> str | None:
    """A short unnumbered heading ("Royalties") worth citing; not a title line, address or signature."""
    words = part.split()
    if not 1 <= len(words) <= 4 or len(part) > 40 or re.search(r"[\d,:;_@<>&(\"“]", part):
        return None
    return part.title() if part.isupper() else part


def section_ref(section: str | None) -> str | None:
    """ "§6", "§1.1", "§2(a)", "Article 3", "Exhibit A" or a short heading in quotes, from a clause's
    section path ("3. Fees › 3.1"); None when the section gives nothing a reader could look up."""
    parts = [p.strip() for p in (section or "").split("›") if p.strip()]
    for i in range(len(parts) - 1, -1, -1):
        part = parts[i]
        named = _NAMED.match(part)
        if named:
            return f"{named.group(1).capitalize()} {named.group(2).upper()}"
        num = _NUMBERED.match(part)
        if num:
            letter = _LETTER.match(parts[i + 1]) if i + 1 < len(parts) else None
            return f"§{num.group(1)}" + (f"({letter.group(1)})" if letter else "")
    heading = _heading_words(parts[-1]) if parts else None
    return f"“{heading}”" if heading else None


def cite(clause: dict) -> str:
    """ "§6, p. 1", "§6", "p. 1", or the clause's first words in quotes when it has neither."""
    bits = [b for b in (section_ref(clause.get("section")), f"p. {clause['page']}" if clause.get("page") else None)
            if b]
    return ", ".join(bits) if bits else f"“{clip(clause.get('text') or '', 40)}”"


def struck_words(finding: dict) -> list[str]:
    """The words a finding asks to strike: the deletions of its redline when the suggestion is added to
    the clause (a replacement strikes the whole clause, so it names no words)."""
    red = finding.get("redline") or {}
    if red.get("mode") != "append":
        return []
    ops = red.get("ops")
    if ops is None:
        from .redline import word_diff

        ops = word_diff(red.get("original") or "", red.get("revised") or "")
    return [t.strip(" ,;") for o, t in ops if o == "delete" and t.strip(" ,;")]


def word_spans(text: str, start: int, end: int, words: list[str]) -> list[tuple[int, int]]:
    """Where each of `words` stands in text[start:end] (spacing and line breaks may differ), as absolute
    offsets, in order, without overlaps."""
    spans: list[tuple[int, int]] = []
    for w in words:
        pattern = r"\s+".join(re.escape(t) for t in w.split())
        m = re.search(pattern, text[start:end]) if pattern else None
        if m:
            spans.append((start + m.start(), start + m.end()))
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out
