"""The Word redline: the contract with each chosen finding's suggestion as tracked changes and a comment.

    out = write_redline(analysis.to_dict(), analysis.text, original=docx_bytes, findings=chosen)
    Path("contract.redline.docx").write_bytes(out.data)

A DOCX input is changed in place (python-docx opens and saves the package, so styles, numbering,
tables, headers, footers, existing comments and existing tracked changes are kept); a PDF or text
input becomes a clean DOCX of its extracted text first (headings as Word headings, numbering as
printed). The edits are computed by the checks (`finding["redline"]`: word-level delete / insert
operations over the cited clause) and placed by aligning the analysis text with the Word text word by
word, so list labels, footnote marks and line breaks the parser added do not matter. Each finding also
gets a comment on its clause: title, explanation and fallback. A finding whose change would overlap an
earlier one's, or whose words cannot be found in the Word text, gets its suggested wording in the
comment instead.

Tracked changes are written on lxml (report/docx_revisions.py) rather than with a redlining library:
the ones on PyPI either need Python 3.12 (docx-redline), find text by searching for a string rather
than by position (docx-editor, docx-revisions), or are too young to rely on; the edits here come as
exact offsets into the analysed text.
"""

from __future__ import annotations

import difflib
import io
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..perspectives import SEVERITIES, SEVERITY_ORDER
from .docx_revisions import Revisions, paragraphs, text_of

DEFAULT_INCLUDE = ("high", "medium", "low")
DEFAULT_AUTHOR = "clausecheck"
BLOCK_SEPARATOR = "\n\n"


class RedlineError(ValueError):
    """A choice of findings that cannot be honoured (unknown severity or finding id); str() says which."""


@dataclass
class Redline:
    data: bytes
    findings: list[str]  # ids of the findings written, in order
    changes: int = 0  # tracked changes (w:ins / w:del groups and new paragraphs)
    comments: int = 0
    comment_only: list[str] = field(default_factory=list)  # ids whose wording went into the comment
    rebuilt: bool = False  # True when the DOCX was built from the extracted text


def parse_include(value: str | None) -> tuple[str, ...]:
    """"high,medium" -> ("high", "medium"); None or "" -> the default (every severity but info)."""
    if not value or not value.strip():
        return DEFAULT_INCLUDE
    names = tuple(v.strip().lower() for v in value.split(",") if v.strip())
    bad = [n for n in names if n not in SEVERITIES]
    if bad:
        raise RedlineError(f"unknown severity {', '.join(map(repr, bad))} in include; choose from {', '.join(SEVERITIES)}")
    return names


def choose(findings: list[dict], include: tuple[str, ...] | None = None, ids: list[str] | None = None) -> list[dict]:
    """The findings to write: those with the given ids (all of them must exist), else those of the
    `include` severities (default: high, medium, low); both narrow when both are given."""
    chosen = list(findings)
    if ids is not None:
        known = {f["id"] for f in findings}
        missing = [i for i in ids if i not in known]
        if missing:
            raise RedlineError(f"no finding {', '.join(missing)} in this analysis")
        wanted = set(ids)
        chosen = [f for f in chosen if f["id"] in wanted]
    if include is not None or ids is None:
        sev = set(include or DEFAULT_INCLUDE)
        chosen = [f for f in chosen if f.get("severity") in sev]
    return sorted(chosen, key=lambda f: SEVERITY_ORDER.get(f.get("severity"), 9))


# ---- building the Word document -------------------------------------------------------------------

def blocks_from_text(text: str, clauses: list[dict]) -> list[tuple[str, str, int]]:
    """(kind, text, level) blocks from the extracted text alone: paragraphs split where the parser
    joined blocks, a paragraph equal to a clause's section heading marked as a heading."""
    sections = {" ".join((c.get("section") or "").split()) for c in clauses} - {""}
    out = []
    for part in text.split(BLOCK_SEPARATOR):
        if not part.strip():
            continue
        flat = " ".join(part.split())
        out.append(("heading" if flat in sections and len(flat) < 120 else "paragraph", part.strip(), 0))
    return out


def reflow(text: str, width: int = 55) -> str:
    """A PDF paragraph's lines joined with spaces where a line was wrapped (it is long), kept as line
    breaks where it is short (addresses, signature blocks)."""
    lines = text.split("\n")
    out = lines[0]
    for prev, line in zip(lines, lines[1:]):
        out += (" " if len(prev.strip()) >= width else "\n") + line
    return out


def clean_docx(blocks: list[tuple[str, str, int]]):
    """A python-docx Document holding the blocks: headings in Heading styles, list items indented,
    wrapped lines joined."""
    import docx
    from docx.shared import Pt

    out = docx.Document()
    for kind, text, level in blocks:
        if kind == "heading":
            out.add_heading(" ".join(text.split()), level=min(max(level, 0) + 1, 9))
        else:
            para = out.add_paragraph(reflow(text))
            if kind == "list_item" and level:
                para.paragraph_format.left_indent = Pt(18 * level)
    return out


# ---- aligning the analysis text with the Word text -------------------------------------------------

_TOKEN = re.compile(r"\S+")


def align(a: str, b: str) -> list[int]:
    """For each character of `a`, the index of the same character in `b` (-1 when it has none), found
    by matching the two texts word by word (words that differ only in a tail, like a footnote mark,
    keep their common start)."""
    ta = [(m.start(), m.group()) for m in _TOKEN.finditer(a)]
    tb = [(m.start(), m.group()) for m in _TOKEN.finditer(b)]
    cmap = [-1] * len(a)
    sm = difflib.SequenceMatcher(None, [t for _, t in ta], [t for _, t in tb], autojunk=len(ta) > 20000)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag not in ("equal", "replace") or (tag == "replace" and i2 - i1 != j2 - j1):
            continue
        for k in range(i2 - i1):
            (sa, wa), (sb, wb) = ta[i1 + k], tb[j1 + k]
            n = len(wa) if tag == "equal" else len(_common_prefix(wa, wb))
            for c in range(n):
                cmap[sa + c] = sb + c
    return cmap


def _common_prefix(x: str, y: str) -> str:
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    return x[:n] if n >= 3 or n == min(len(x), len(y)) else ""


class Stream:
    """The Word body's paragraphs as one text (paragraphs joined by a blank line), and the map from the
    analysis text's offsets to (paragraph, offset)."""

    def __init__(self, body, text: str) -> None:
        self.paras = paragraphs(body)
        texts = [text_of(p) for p in self.paras]
        self.starts: list[int] = []
        pos = 0
        for t in texts:
            self.starts.append(pos)
            pos += len(t) + len(BLOCK_SEPARATOR)
        self.lengths = [len(t) for t in texts]
        self.s = BLOCK_SEPARATOR.join(texts)
        self.t = text
        self.cmap = align(text, self.s)

    def to_stream(self, t: int, side: str, lo: int, hi: int) -> int | None:
        """The Word-text boundary for analysis-text boundary `t`, looking only within [lo, hi) of the
        analysis text: "right" anchors on the next matched character, "left" on the previous one."""
        if side == "right":
            k = next((i for i in range(t, hi) if self.cmap[i] >= 0), None)
            if k is None:
                return None
            gap = self.t[t:k]
            pos = self.cmap[k]
            if gap and gap.isspace():
                while gap and pos > 0 and self.s[pos - 1].isspace():
                    pos, gap = pos - 1, gap[1:]
            return pos
        k = next((i for i in range(t - 1, lo - 1, -1) if self.cmap[i] >= 0), None)
        if k is None:
            return None
        gap = self.t[k + 1:t]
        pos = self.cmap[k] + 1
        if gap and gap.isspace():
            while gap and pos < len(self.s) and self.s[pos].isspace():
                pos, gap = pos + 1, gap[1:]
        return pos

    def locate(self, pos: int, side: str) -> tuple[int, int]:
        """(paragraph index, offset) of a Word-text boundary: "left" keeps it at the end of the paragraph
        before a separator, "right" moves it to the start of the next."""
        if side == "left":
            i = max(bisect_right(self.starts, max(pos - 1, 0)) - 1, 0)
            return i, min(pos - self.starts[i], self.lengths[i])
        i = max(bisect_right(self.starts, pos) - 1, 0)
        off = pos - self.starts[i]
        if off >= self.lengths[i] and i + 1 < len(self.paras):
            return i + 1, 0
        return i, min(off, self.lengths[i])


# ---- findings to edits ----------------------------------------------------------------------------

@dataclass
class Edits:
    """One finding's changes, in analysis-text offsets."""

    deletions: list[tuple[int, int]] = field(default_factory=list)
    insertions: list[tuple[int, str]] = field(default_factory=list)
    new_clause: str | None = None  # added as a paragraph after the clause


def _norm_map(raw: str, start: int) -> tuple[str, list[int]]:
    """The whitespace-normalised text of a clause and, per character, its offset in the analysis text
    (one more entry for the end)."""
    parts, where = [], []
    for m in _TOKEN.finditer(raw):
        if parts:
            parts.append(" ")
            where.append(start + m.start() - 1 if raw[m.start() - 1].isspace() else start + m.start())
        parts.append(m.group())
        where.extend(range(start + m.start(), start + m.end()))
    last = where[-1] + 1 if where else start
    return "".join(parts), where + [last]


def edits_for(finding: dict, clause: dict, text: str) -> Edits | None:
    """The finding's redline as edits over the analysis text; None when it has none that fits."""
    red = finding.get("redline") or {}
    ops = red.get("ops") or []
    if not ops or red.get("clause_id") != clause["id"]:
        return None
    start, end = clause["start"], clause["end"]
    norm, where = _norm_map(text[start:end], start)
    if "".join(t for o, t in ops if o != "insert") != norm:
        return None
    out = Edits()
    pos = 0
    seen_words = False
    for op, chunk in ops:
        if op == "equal":
            seen_words = seen_words or bool(chunk.strip())
            pos += len(chunk)
        elif op == "delete":
            if chunk.strip():
                out.deletions.append((where[pos], where[pos + len(chunk) - 1] + 1))
            pos += len(chunk)
        elif op == "insert":
            body = chunk if seen_words else chunk.lstrip()
            at = where[pos - 1] + 1 if pos else where[0]
            if finding.get("missing") and red.get("mode") == "append" and pos == len(norm):
                out.new_clause = (out.new_clause + " " if out.new_clause else "") + body.strip()
            elif body:
                out.insertions.append((at, body))
    return out


def _conflicts(e: Edits, claimed: list[tuple[int, int]], points: list[int]) -> bool:
    for a, b in e.deletions:
        if any(a < d and c < b for c, d in claimed) or any(a < p < b for p in points):
            return True
    return any(c < t < d for t, _ in e.insertions for c, d in claimed)


# ---- the writer -----------------------------------------------------------------------------------

def _comment_text(f: dict, with_wording: bool) -> str:
    lines = [f"{f.get('severity', '').upper()}: {f.get('title') or f.get('rule')}"]
    if f.get("explanation"):
        lines.append(f["explanation"])
    if with_wording and f.get("suggestion"):
        lines.append(f"Suggested wording: {f['suggestion']}")
    if f.get("fallback"):
        lines.append(f"Fallback: {f['fallback']}")
    return "\n".join(" ".join(line.split()) for line in lines)


class _Writer:
    def __init__(self, document, text: str, author: str, date: str) -> None:
        self.doc = document
        self.stream = Stream(document.element.body, text)
        self.rev = Revisions(document.element, author, date)
        self.after: dict[tuple, object] = {}  # where the last insertion at a place went
        self.author = author

    def span(self, a: int, b: int, lo: int, hi: int):
        sa, sb = self.stream.to_stream(a, "right", lo, hi), self.stream.to_stream(b, "left", lo, hi)
        if sa is None or sb is None or sb <= sa:
            return None
        return self.stream.locate(sa, "right"), self.stream.locate(sb, "left")

    def point(self, t: int, lo: int, hi: int):
        s = self.stream.to_stream(t, "left", lo, hi)
        if s is None:
            s = self.stream.to_stream(t, "right", lo, hi)
        return None if s is None else self.stream.locate(s, "left")

    def apply(self, e: Edits, clause: dict) -> bool:
        """Write one finding's edits; False (and nothing written) when a part cannot be placed."""
        lo, hi = clause["start"], clause["end"]
        dels = [self.span(a, b, lo, hi) for a, b in e.deletions]
        ins = [(self.point(t, lo, hi), body) for t, body in e.insertions]
        whole = self.span(lo, hi, lo, hi)
        if any(d is None for d in dels) or any(p is None for p, _ in ins) or (e.new_clause and whole is None):
            return False
        paras = self.stream.paras
        for (pa, oa), (pb, ob) in dels:
            for i in range(pa, pb + 1):
                a = oa if i == pa else 0
                b = ob if i == pb else self.stream.lengths[i]
                if b > a:
                    self.rev.delete(paras[i], a, b)
        for (pi, off), body in ins:
            if off == 0:
                body = body.lstrip()
            key = (pi, off)
            self.after[key] = self.rev.insert(paras[pi], off, body, after=self.after.get(key))
        if e.new_clause:
            last = whole[1][0]
            key = ("para", last)
            self.after[key] = self.rev.insert_paragraph_after(paras[last], e.new_clause, after=self.after.get(key))
        return True

    def comment(self, f: dict, clause: dict | None, with_wording: bool) -> None:
        whole = self.span(clause["start"], clause["end"], clause["start"], clause["end"]) if clause else None
        if whole is None:  # no clause to anchor on: the first paragraph with text
            first = next((i for i, n in enumerate(self.stream.lengths) if n), None)
            if first is None:
                return
            whole = ((first, 0), (first, self.stream.lengths[first]))
        c = self.doc.comments.add_comment(_comment_text(f, with_wording), author=self.author,
                                          initials="".join(w[0] for w in self.author.split())[:3].upper())
        (pa, oa), (pb, ob) = whole
        self.rev.comment_start(self.stream.paras[pa], oa, c.comment_id)
        self.rev.comment_end(self.stream.paras[pb], ob, c.comment_id)


def write_redline(result: dict, text: str, findings: list[dict], *, original: bytes | None = None,
                  blocks: list[tuple[str, str, int]] | None = None, author: str = DEFAULT_AUTHOR,
                  when: datetime | None = None, name: str | None = None) -> Redline:
    """The redlined DOCX of one analysis. `original` is the DOCX that was analysed (changed in place);
    without it a clean DOCX is built from `blocks` ((kind, text, level) as the parser read them) or,
    lacking those, from `text`. `findings` are the chosen findings (see `choose`). Raises InputError
    (naming `name`) when python-docx cannot open `original`."""
    import docx

    from ..documents.errors import InputError

    author = " ".join((author or DEFAULT_AUTHOR).split())[:100] or DEFAULT_AUTHOR
    date = (when or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if original is not None:
        try:
            document = docx.Document(io.BytesIO(original))
        except Exception as exc:  # a user's file must never cause a traceback
            raise InputError(name or result.get("document", {}).get("name") or "contract",
                             f"cannot be opened to write the Word redline ({type(exc).__name__}: {exc})") from exc
    else:
        document = clean_docx(blocks if blocks is not None else blocks_from_text(text, result.get("clauses", [])))
    writer = _Writer(document, text, author, date)
    clauses = {c["id"]: c for c in result.get("clauses", [])}
    claimed: list[tuple[int, int]] = []
    points: list[int] = []
    comment_only: list[str] = []
    for f in findings:
        clause = clauses.get((f.get("clause_ids") or [None])[0])
        e = edits_for(f, clause, text) if clause and f.get("suggestion") else None
        placed = False
        if e is not None and not _conflicts(e, claimed, points):
            placed = writer.apply(e, clause)
            if placed:
                claimed.extend(e.deletions)
                points.extend(t for t, _ in e.insertions)
        if not placed and f.get("suggestion"):
            comment_only.append(f["id"])
        writer.comment(f, clause, with_wording=not placed)
    buf = io.BytesIO()
    document.save(buf)
    return Redline(data=buf.getvalue(), findings=[f["id"] for f in findings], changes=writer.rev.count,
                   comments=len(findings), comment_only=comment_only, rebuilt=original is None)
