"""The segmenter's tokenizer (spaCy's English rules, lean affixes, contract abbreviations) and
``clause_boundaries``, which marks where a new segment may start and why."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress

from ..documents.headings import runs_on
from ..memo import Memo
from ..tokenizer import english
from .headings import heading_like, is_caps_word
from .vocabulary import (
    ABBREVIATIONS,
    AND_OR,
    BLANK_LINE,
    CAN_END,
    LABEL,
    MODALS,
    NEVER_END,
    OPENERS,
    REFERENCE_WORDS,
    STARTER,
)

# --------------------------------------------------------------------------------------------
# tokens and their classes
# --------------------------------------------------------------------------------------------

# token classes used by the boundary component
_NONE, _STOP, _ABBR, _SEMI, _COLON, _NL, _BLOCK, _CLOSE, _INITIAL, _GAP, _DIGIT, _OPEN = range(12)
_DIGIT_TOKEN = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3})*\.?")
_KEYWORD_TOKENS = {w for k in ("section", "article", "schedule", "exhibit", "clause", "part", "annex",
                                "appendix") for w in (k.capitalize(), k.upper())}
_CLOSERS = {'"', "'", "\u201d", "\u2019", ")", "]"}


def _token_class(text: str) -> int:
    if text in (".", "!", "?", "...", "?!"):
        return _STOP
    if text == ";":
        return _SEMI
    if text == ":":
        return _COLON
    if text in _CLOSERS:
        return _CLOSE
    if text.isspace():
        if "\n" in text:
            return _BLOCK if BLANK_LINE.search(text) or text.count("\n") > 1 else _NL
        # a run of 3+ spaces (the token holds all but the first) or a tab: a line break in a
        # contract whose layout was flattened into one line
        return _GAP if len(text) >= 2 or "\t" in text else _NONE
    if text in ("(", "\u2022", "\u25cf", "\u25aa", "\u00a7") or text in _KEYWORD_TOKENS:
        return _OPEN
    if _DIGIT_TOKEN.fullmatch(text):
        return _DIGIT
    if text.endswith("."):
        if text in NEVER_END:
            return _NONE
        if text in CAN_END:
            return _ABBR
        core = text[:-1]
        if len(core) == 1 and core.isupper():
            return _INITIAL  # "A." - an initial, or "Exhibit A." at a sentence end
        if len(core) == 1:
            return _NONE  # "a." spaCy keeps as one token: a list label, handled by LABEL
        if "." in core or core.isupper():
            return _ABBR  # unknown dotted abbreviation ("F.O.B.", "N.Y.S.E.")
        return _STOP
    return _NONE


_SUFFIX = re.compile(r"""(?:[,;:!?"'\u201d\u2019)\]}>*%\u2026]|\.\.\.|(?<!\.[A-Za-z])(?<!^[A-Za-z])\.)$""")
# glued sentences "hereof.The", and a colon or semicolon glued to what follows "as follows:(a)"
_INFIX = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])|(?<=[A-Za-z)])[;:](?=[A-Za-z(\"\u201c])")


@lru_cache(maxsize=1)
def tokenizer():
    """spaCy's English tokenizer with lean affix rules and contract abbreviations (clausecheck.tokenizer).

    Lean affix rules: only the splits clause boundaries need (and about twice as fast as the general
    English ones). A period leaves a word unless it ends a dotted abbreviation or an initial ("U.S.",
    "F.O.B.", "A."); quotes, brackets and punctuation leave any token. "et seq." and "et al." come
    through "seq." and "al."."""
    return english(suffix=_SUFFIX, infix=_INFIX, url=None, extra_special=tuple(ABBREVIATIONS))


def clause_boundaries(text: str) -> list[tuple[int, str]]:
    """Where a new clause segment may begin, as (character offset, kind), the first (0, "doc");
    kind one of "block", "line-label", "line-heading", "sent", "enum"."""
    words, idx = tokenizer().words_and_offsets(text)
    if not words:
        return [(0, "doc")]
    cls = list(map(_CLASSES.__getitem__, words))
    b = _Boundaries(text, words, idx, cls)
    for i in compress(range(len(cls)), cls):  # the tokens of a class (_NONE is 0)
        c = cls[i]
        if c in (_NL, _BLOCK, _GAP):
            b.line_break(i, c)
        elif c in (_DIGIT, _OPEN):
            b.number_after_heading(i)
        elif c in (_SEMI, _COLON):
            b.after_semicolon(i, c)
        elif c != _CLOSE:
            b.sentence_end(i, c)
    kinds = b.kinds
    return [(0, "doc")] + [(b.idx[k], kinds[k]) for k in sorted(kinds) if k]


_CLASSES = Memo(_token_class)  # token string -> its class, each distinct string classified once


class _Boundaries:
    """The tokens of one document (texts, offsets, classes), the boundaries marked so far and the last one."""

    def __init__(self, text: str, words: list[str], idx: list[int], cls: list[int]) -> None:
        self.text = text
        self.n = len(idx)
        self.words = words
        self.idx = idx
        self.cls = cls
        self.kinds: dict[int, str] = {}
        self.last = 0  # character offset of the last boundary

    def end(self, j: int) -> int:
        """Where token j ends: worked out for the few tokens looked at, not kept for every token."""
        return self.idx[j] + len(self.words[j])

    def next_non_space(self, j: int) -> int:
        while j < self.n and self.words[j].isspace():
            j += 1
        return j

    def token_at(self, pos: int, start: int) -> int:
        j = start
        while j < self.n and self.idx[j] < pos:
            j += 1
        return j

    def mark(self, k: int, kind: str) -> None:
        self.kinds[k] = kind
        self.last = self.idx[k]

    def line_break(self, i: int, c: int) -> None:
        """A new line (or a wide gap in flattened text): a block, a numbered item or after a heading."""
        text, idx = self.text, self.idx
        k = self.next_non_space(i + 1)
        if k >= self.n or k in self.kinds:
            return
        if c == _BLOCK or k > i + 1 and _BLOCK in self.cls[i + 1:k]:
            self.mark(k, "block")
            return
        pos = idx[k]
        # the line (or, for a wide gap in flattened text, the run) before this break
        real_start = text.rfind("\n", 0, idx[i]) + 1
        line_start = max(real_start, self.last)
        prev = text[line_start:idx[i]].rstrip()
        if not prev:
            return
        label = LABEL.match(text, pos)
        if label:
            # a numbered item, unless the line before runs on into it ("... in subparagraph
            # (a) above", "... under Section 4.2 hereof", "... no less than thirty" / "(30) days")
            after = text[label.end():label.end() + 4].lstrip()[:1]
            if not ends_with_reference(prev) and not runs_on(prev, text[pos:pos + 12]) and (
                    prev[-1] in ".:;!?" or prev.endswith((" and", " or", "and/or"))
                    or after.isupper() or after in "\"\u201c(["
                    or heading_like(prev, labelled=True, own_line=True)):
                self.mark(k, "line-label")
            return
        # the line before is a heading only if it starts where a segment starts: a line that goes
        # on with a sentence begun above is never one ("... LIABILITY TO DETTO OR ANY THIRD PARTY")
        starts_segment = (self.last >= real_start and not text[real_start:self.last].strip()
                          if c == _NL else line_start == self.last)
        if (prev[-1] not in ",;" and STARTER.match(text, pos) and starts_segment
                and not runs_on(prev, text[pos:pos + 12])
                and (heading_like(prev, labelled=bool(LABEL.match(prev + " ")), own_line=True)
                     or loose_heading(prev))
                and not heading_wraps(prev, text, pos)):
            self.mark(k, "line-heading")

    def number_after_heading(self, i: int) -> None:
        """A number right after a heading on the same line: "2. GRANT OF RIGHTS 2.1 Aucta ..." """
        text, at = self.text, self.idx[i]
        if i in self.kinds or i == 0 or not text[at - 1].isspace() or at - self.last > 200:
            return
        prev = text[self.last:at].rstrip()
        if not prev or prev[-1] in ",;(" or not LABEL.match(text, at):
            return
        if heading_like(prev, labelled=bool(LABEL.match(prev + " ")), own_line=False,
                        caps_only=not LABEL.match(prev + " ")) and not ends_with_reference(prev):
            self.mark(i, "line-label")

    def after_semicolon(self, i: int, c: int) -> None:
        """An enumerated item after ";" or ":" on the same line, or the body after "Heading:"."""
        text, idx = self.text, self.idx
        k = self.next_non_space(i + 1)
        end = self.end(i)
        if k >= self.n or k == i + 1 and idx[k] == end:
            return
        pos = idx[k]
        if "\n" in text[end:pos]:
            return  # an item on a new line: the line-break rules decide
        m = AND_OR.match(text, pos)
        if m:
            pos = m.end()
        label = LABEL.match(text, pos)
        if label and not text[label.end():label.end() + 3].lstrip()[:1].isdigit():
            # an item, not a figure after a field name ("Facsimile: (310) 555-0100")
            k = self.token_at(pos, k)
            if k < self.n and idx[k] == pos:
                self.mark(k, "enum")
        elif c == _COLON and m is None and STARTER.match(text, pos) and idx[i] - self.last < 160:
            # "(b) Goodwill: Licensee acknowledges ..." - a heading ending in a colon
            prev = text[self.last:idx[i]]
            labelled = bool(LABEL.match(prev + " "))
            if heading_like(prev, labelled=labelled, own_line=False, caps_only=not labelled):
                self.mark(k, "sent")

    def sentence_end(self, i: int, c: int) -> None:
        """".", "!", "?", or an abbreviation/initial that may end a sentence."""
        text, idx = self.text, self.idx
        j = i + 1
        while j < self.n and self.cls[j] == _CLOSE and idx[j] == self.end(j - 1):
            j += 1
        k = self.next_non_space(j)
        if k >= self.n:
            return
        pos = idx[k]
        end = self.end(j - 1)  # of the stop and the quotes or brackets right after it
        newline = "\n" in text[end:pos]
        if idx[j] <= end and k == j and (c != _STOP or not text[pos].isupper()
                                                  or not text[idx[i] - 1:idx[i]].isalpha()):
            return  # glued "hereof.The" (spaCy split it) counts only before a capitalised word
        if not self._may_start(c, i, k, newline):
            return
        if not newline and inside_brackets(text, max(self.last, idx[i] - 400), end):
            return
        if end - self.last < 24 and is_bare_label(text[self.last:end]):
            return  # "5." / "Section 7.01." - the number of what follows, not a sentence
        self.mark(k, "sent")

    def _may_start(self, c: int, i: int, k: int, newline: bool) -> bool:
        """Does token k start a sentence after the stop (or abbreviation, initial) at token i?"""
        text, pos = self.text, self.idx[k]
        if c == _STOP:
            return bool(STARTER.match(text, pos))
        word = self.words[k]
        if c == _INITIAL:
            before = text[max(self.idx[i] - 12, 0):self.idx[i]].split()
            after_ref = bool(before) and before[-1].lower() in REFERENCE_WORDS
            return bool(newline or word in OPENERS or (after_ref and STARTER.match(text, pos)))
        return bool(newline or word in OPENERS or LABEL.match(text, pos))


def is_bare_label(s: str) -> bool:
    s = s.strip()
    m = LABEL.match(s + " ")
    return m is not None and m.end() >= len(s)


def inside_brackets(text: str, lo: int, pos: int) -> bool:
    """Is `pos` inside a parenthesis or a quotation opened since `lo` and closed soon after?"""
    op = text.rfind("(", lo, pos)
    if op != -1 and op > text.rfind(")", lo, pos) and text.find(")", pos, pos + 250) != -1:
        return True
    oq = text.rfind("\u201c", lo, pos)
    if oq != -1 and oq > text.rfind("\u201d", lo, pos) and text.find("\u201d", pos, pos + 60) != -1:
        return True
    if text.count('"', lo, pos) % 2 == 1:
        close = text.find('"', pos, pos + 60)
        if close != -1 and not text[pos:close].strip(" .").count(" ") > 6:
            return True
    return False


_TITLE_WORD = r"(?:[A-Z][\w'\u2019&/-]*|of|and|the|to|for|in|on|or|with|by|a|an)"
# the rest of a heading wrapped onto the next line: "Subscription and Public\nOfferings. The ..."
_HEADING_TAIL = re.compile(_TITLE_WORD + r"(?:[ \t]+" + _TITLE_WORD + r"){0,5}[.:](?:\s|$)")


def heading_wraps(line: str, text: str, pos: int) -> bool:
    """Does a long heading line go on at `pos` ("...Subscription and Public" + "Offerings. The")?"""
    if len(line) < 50 or line[-1] in ".:":
        return False
    tail = _HEADING_TAIL.match(text, pos)
    if tail is None:
        return False
    return not is_caps_word(line.split()[-1]) or all(is_caps_word(w) or len(w) < 3 for w in tail.group().split())


def loose_heading(line: str) -> bool:
    """'28. Law and jurisdiction' on its own line: a numbered short phrase, not Title Case."""
    m = LABEL.match(line + " ")
    if not m:
        return False
    rest = line[m.end():].strip().rstrip(".")
    words = rest.split()
    if not words or len(words) > 6 or not rest[0].isupper() or any(ch in rest for ch in ",;:."):
        return False
    return not MODALS.intersection(w.lower() for w in words)


def ends_with_reference(prev_line: str) -> bool:
    last = prev_line.rsplit(None, 1)[-1].lower() if prev_line.strip() else ""
    return last in REFERENCE_WORDS or last.endswith((",", "(", "-"))  # wrapped mid-list / mid-ref
