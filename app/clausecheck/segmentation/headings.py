"""What a heading looks like: a short Title Case or ALL CAPS phrase on its own, or an unpunctuated
inline heading after a section number ("8.2 Limitation of Liability Galaxy shall ...")."""

from __future__ import annotations

import re

from ..documents.headings import lists_with_commas, opens_mid_sentence
from .segments import Seg
from .vocabulary import BODY_OPENERS, LABEL, SMALL_WORDS, VERBISH, WORD

_KEY_VALUE = re.compile(r":\s*\S|/s/")  # "Date: 2021", "By /s/ Jane Doe": form fields, not headings
# 17 words (as WORD finds them, with what lies between them) make a text too long for a heading. A match
# reads only as far as its 17th word, which in a clause's whole text comes early, and makes no list
_SEVENTEEN_WORDS = re.compile(r"[\W\d_]*+(?:[^\W\d_][\w'\u2019&-]*+[\W\d_]*+){17}")
_DANGLING = {"of", "and", "the", "to", "for", "in", "on", "or", "by", "with", "a", "an", "at", "from",
             "as", "under", "between", "into", "upon"}


def heading_like(text: str, *, labelled: bool, own_line: bool, caps_only: bool = False) -> bool:
    """A short Title Case or ALL CAPS phrase, not a sentence (a leading number is skipped)."""
    s = text.strip()
    if labelled:
        m = LABEL.match(s + " ")
        if m:
            s = s[m.end():].strip()
    s = s.rstrip(" .:-\u2013\u2014_=*")
    if not s or s[-1] in ",;":
        return False
    if _SEVENTEEN_WORDS.match(s):
        return False  # a sentence, or a clause's whole text
    words = WORD.findall(s)
    if not words:
        return False
    if s.count(". ") > (1 if labelled else 0):
        return False  # more than one sentence
    if words[-1].lower() in _DANGLING or '"' in s or "\u201c" in s or _KEY_VALUE.search(s):
        return False  # "... an Application for Approval of" runs on; headings do not quote
    if opens_mid_sentence(s):
        return False
    letters = "".join(words)
    if letters.isupper():
        if lists_with_commas(s, len(words)) or VERBISH.intersection(w.lower() for w in words):
            return False  # a line of a sentence set in capitals ("... IT IS BOTH", "... SHALL NOT")
        limit = 16 if (labelled or own_line) else 7
        return len(words) <= limit
    if caps_only:
        return False
    if all(w[0].isupper() or w.lower() in SMALL_WORDS for w in words) and words[0][0].isupper():
        limit = 12 if (labelled or own_line) else 6
        return len(words) <= limit
    return False



_TOKEN_RE = re.compile(r"\S+")


def inline_heading_end(text: str, g: Seg) -> int | None:
    """Where the body starts after an unpunctuated inline heading: '8.2 Limitation of Liability
    Galaxy shall ...' -> at 'Galaxy'. None when the numbered item has no such heading."""
    end = min(g.end, g.body + 160)
    first = _TOKEN_RE.search(text, g.body, end)
    if first is None or not first.group()[0].isupper() or first.group() in BODY_OPENERS:
        return None  # most items: their first word alone says so, before reading up to 14
    toks: list[re.Match] = []
    for m in _TOKEN_RE.finditer(text, g.body, end):
        toks.append(m)
        if len(toks) >= 14:
            break
    if len(toks) < 3:
        return None
    labelled = g.label is not None
    for k in range(1, min(len(toks) - 1, 9)):
        # "Commercial General Liability Insurance - Combined single limit ..."
        w = toks[k].group()
        if w in DASHES:
            head = [m.group() for m in toks[:k]]
            if all(h[0].isupper() or h.lower() in SMALL_WORDS for h in head):
                return toks[k + 1].start()
            break
        if w[-1] in ",;:.":
            break
    end = _title_heading_end(toks)
    if end is None and labelled:
        # "21. Law application It will be governed ...": a short heading, then a sentence opener
        for k in range(1, min(len(toks) - 1, 7)):
            w = toks[k].group()
            if w in BODY_OPENERS:
                head = [m.group().lower() for m in toks[:k]]
                if head[-1] not in SMALL_WORDS and not VERBISH.intersection(head) and _phrase_heading(toks[:k]):
                    end = toks[k].start()
                break
            if w[-1] in ",;:." or not w[0].isalpha():
                break
    return end


DASHES = {"-", "--", "\u2013", "\u2014"}
_NEGATIONS = {"no", "not", "never", "nor", "any", "each", "every"}


def _phrase_heading(head: list[re.Match]) -> bool:
    """A heading in sentence case is a short phrase ("Law application"), not a sentence ("Tencent
    claims no rights in Outputs"): four words at most unless in Title Case, no "no"/"not"/"any"."""
    words = [m.group() for m in head]
    if any(w.lower() in _NEGATIONS for w in words[1:]):
        return False
    return len(words) <= 4 or all(w[0].isupper() or w.lower() in SMALL_WORDS for w in words)


def _title_heading_end(toks: list[re.Match]) -> int | None:
    """'8.2 Limitation of Liability The Supplier ...' -> at 'The'; 'Limitation of Liability TO THE
    MAXIMUM EXTENT ...' -> at 'TO'. A Title Case heading, then a sentence opener or capitals."""
    first_lower = None
    for k, m in enumerate(toks):
        w = m.group()
        core = w.strip("\"'()[]\u201c\u201d")
        if not core:
            return None
        if (core[0].islower() and core.lower() not in SMALL_WORDS) or w[-1] in ",;:." or not core[0].isalpha():
            first_lower = k
            break
    if first_lower is None:
        # 'Limitation of Liability TO THE MAXIMUM EXTENT ...': a Title Case heading, then capitals
        caps = [k for k, m in enumerate(toks) if is_caps_word(m.group())]
        if not caps or caps[0] == 0 or len(caps) < 3 or caps[:3] != list(range(caps[0], caps[0] + 3)):
            return None
        head = [m.group() for m in toks[:caps[0]]]
        if len(head) > 8 or head[-1].lower() in SMALL_WORDS or any(is_caps_word(w) for w in head):
            return None
        if not all(w[0].isupper() or w.lower() in SMALL_WORDS for w in head):
            return None
        return toks[caps[0]].start()
    if first_lower < 2:
        return None
    split = None
    for k in range(first_lower - 1, 0, -1):
        if toks[k].group() in BODY_OPENERS:
            split = k
            break
    if split is None:
        return None  # only a clear sentence opener marks where the body starts
    head = [m.group() for m in toks[:split]]
    if not head or len(head) > 8 or head[-1].lower() in SMALL_WORDS:
        return None
    if not all(w[0].isupper() or w.lower() in SMALL_WORDS or not w[0].isalpha() for w in head):
        return None
    return toks[split].start()


def is_caps_word(w: str) -> bool:
    letters = [ch for ch in w if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)



def own_line(text: str, start: int, end: int) -> bool:
    before = text.rfind("\n", 0, start)
    if text[before + 1:start].strip():
        return False
    after = text.find("\n", end)
    return not text[end:after if after != -1 else len(text)].strip()
