"""Clause segmentation: Document -> list[Clause] (section numbering and legal-abbreviation aware).

How it works
------------
1. A blank English spaCy pipeline (no model download) tokenises the document text. The tokenizer
   carries the project's own special cases for the abbreviations contracts use ("Inc.", "L.L.C.",
   "U.S.A.", "Nos.", "Sec.", "et seq.", ...), so their periods never look like sentence ends.
2. A custom pipeline component, ``clause_boundaries``, marks where a new segment starts and why:
   a new block (paragraph), a numbered item at the start of a line, the line after a heading,
   a sentence end, or an enumerated item after a colon or semicolon. It works on the token
   arrays (numpy) and only looks closely at the few tokens that can be boundaries.
3. ``segment`` turns those segments into clauses: a bare number ("13.2.") joins what follows it,
   short enumerations after a colon are kept in one clause, headings are not emitted but become
   the ``section`` of the clauses under them (until a heading or numbered item of the same or a
   higher level), and an inline heading ("5.2 Confidentiality. The Employee shall ...") stays
   part of its clause and is that clause's section.

Offsets are exact: ``clause.text == doc.text[clause.start:clause.end]``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import numpy as np

from .documents.headings import lists_with_commas
from .documents.model import Document


@dataclass
class Label:
    category: str
    score: float


@dataclass
class Clause:
    id: str
    text: str  # == document.text[start:end]
    start: int
    end: int
    page: int | None
    section: str | None  # the heading (with its number) this clause sits under
    labels: list[Label] = field(default_factory=list)
    attributes: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

# Abbreviations after which a sentence does not end (a number, a name or a reference follows).
NEVER_END = {
    "e.g.", "i.e.", "E.g.", "I.e.", "E.G.", "I.E.", "No.", "Nos.", "NO.", "NOS.", "no.", "nos.",
    "Sec.", "Secs.", "sec.", "secs.", "Art.", "Arts.", "ART.", "art.", "v.", "vs.", "Vs.",
    "Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Prof.", "St.", "Mt.", "approx.", "Approx.", "para.",
    "paras.", "Para.", "cf.", "Cf.", "viz.", "incl.", "Incl.", "Fig.", "fig.", "Ch.", "ch.",
    "pp.", "p.", "Pp.", "Ref.", "ref.", "Reg.", "Regs.", "Sch.", "Cl.", "cl.", "Ex.", "Exh.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    "et.", "Nr.", "nr.", "Tel.", "tel.", "Fax.", "Attn.", "Ave.", "Blvd.", "Rd.", "Ste.", "Fl.",
}
# Abbreviations that often sit at the end of a sentence ("... and Acme, Inc. The parties ...").
# After these a sentence ends only when a typical sentence opener or a new line follows.
CAN_END = {
    "Inc.", "INC.", "inc.", "Ltd.", "LTD.", "ltd.", "Corp.", "CORP.", "corp.", "Co.", "CO.", "co.",
    "L.L.C.", "LLC.", "L.L.P.", "LLP.", "L.P.", "N.A.", "S.A.", "B.V.", "N.V.", "AG.", "GmbH.",
    "PLC.", "plc.", "Pty.", "S.p.A.", "S.A.S.", "S.L.", "A.G.", "K.K.", "Bhd.", "P.C.", "P.A.",
    "U.S.", "U.S.A.", "U.K.", "E.U.", "D.C.", "N.Y.", "etc.", "al.", "seq.", "Jr.", "Sr.",
    "Esq.", "Bros.", "Assn.", "Int'l.", "Intl.", "Dept.", "Govt.", "Ph.D.",
}
# Typical sentence openers: after an ambiguous abbreviation these mean a new sentence.
OPENERS = {
    "The", "This", "These", "That", "Those", "Each", "Every", "Any", "All", "In", "If", "Such",
    "No", "Neither", "Either", "Notwithstanding", "Except", "Upon", "For", "Subject", "Unless",
    "Without", "With", "Nothing", "Both", "It", "Its", "As", "At", "On", "During", "After",
    "Before", "Prior", "Following", "To", "Within", "When", "Where", "Whereas", "WHEREAS", "NOW",
    "THE", "THIS", "IN", "Provider", "Company", "Licensee", "Licensor", "Customer", "Supplier",
    "We", "You", "Our", "Your", "Party", "Parties", "Buyer", "Seller", "Vendor",
    "Distributor", "Manufacturer", "Contractor", "Consultant", "Client", "Employee", "Employer",
    "Executive", "Franchisee", "Franchisor", "Agent", "Recipient", "Sponsor", "Developer",
    "Additionally", "Further", "Furthermore", "However", "Moreover", "Accordingly", "Thereafter",
    "Otherwise", "Notice", "Payment", "Payments", "Name", "Title", "By", "Attention", "Address",
}
# Words that open a sentence after an unpunctuated inline heading ("1.6 Governing Law This ...")
BODY_OPENERS = {
    "The", "This", "These", "That", "Those", "Each", "Every", "Any", "All", "In", "If", "Such",
    "No", "Neither", "Either", "Notwithstanding", "Except", "Upon", "For", "Subject", "Unless",
    "Without", "With", "Nothing", "Both", "It", "As", "At", "On", "During", "After", "Before",
    "Prior", "Following", "Within", "When", "Where", "We", "You", "Our", "Your", "Its", "Their",
    "Additionally", "Further", "Furthermore", "However", "Moreover", "Accordingly", "From",
    "THE", "THIS", "EACH", "ANY", "IN", "IF", "NO", "NEITHER", "EITHER", "NOTWITHSTANDING",
    "EXCEPT", "UPON", "SUBJECT", "UNLESS", "NOTHING", "DURING", "WITHIN", "A", "An", "To",
}
# Words after which a number at the start of the next line is a reference, not a new item.
REFERENCE_WORDS = {
    "section", "sections", "article", "articles", "paragraph", "paragraphs", "clause", "clauses",
    "exhibit", "exhibits", "schedule", "schedules", "annex", "appendix", "item", "items", "part",
    "subparagraph", "subparagraphs", "subsection", "subsections", "sub-clause", "subclause",
    "sub-paragraph", "sub-section", "parts", "annexes", "appendices",
    "no.", "nos.", "sec.", "art.", "and", "or", "to", "through", "of", "under", "in", "see", "per",
    "with", "than", "by", "at", "on", "from", "$", "us$", "page", "pages", "rule", "rules", "note",
}
# Small words that may stay lower-case in a Title Case heading.
SMALL_WORDS = {
    "a", "an", "and", "the", "of", "to", "for", "in", "on", "or", "by", "with", "at", "from", "as",
    "upon", "into", "its", "their", "under", "not", "vs", "v", "per", "de", "la", "etc", "via",
    "other", "than", "after", "over", "against", "between", "during", "within", "without", "off",
    "out", "all", "any", "non",
}

_ABBREVIATIONS = sorted(NEVER_END | CAN_END)

# --------------------------------------------------------------------------------------------
# Regular expressions applied at a known position (never scanning character by character)
# --------------------------------------------------------------------------------------------

_ROMAN = r"(?:xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_ROMAN_UP = r"(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_SUB = r"(?:\([0-9a-zA-Z]{1,4}\))"
# A section number as a reader sees it, at the start of an item; must be followed by whitespace.
_LABEL = re.compile(
    r"""(?:
        (?P<kw>(?i:section|sec\.|article|art\.|clause|schedule|exhibit|annex|appendix|attachment
                |part|paragraph|para\.|addendum|rider)\s*
            (?:[0-9]{1,3}(?:\.[0-9]{1,3})*[A-Za-z]?|[IVXLC]{1,6}|[A-Z]{1,2}(?:-[0-9]{1,3})?|[0-9]{1,3}-[0-9]{1,3})
            (?:\.(?![0-9]))?""" + _SUB + r"""*[.:]?(?:\s*[-\u2013\u2014](?=\s))?
            (?=\s+[A-Z"\u201c(\[]|\s*$|[ \t]*\n|(?<=[.:\-\u2013\u2014])\s))
      | (?P<num>§?\s*[0-9]{1,3}(?:\.[0-9]{1,3})+\.?""" + _SUB + r"""*
              | §?\s*[0-9]{1,3}\.(?![0-9])""" + _SUB + r"""*
              | [0-9]{1,3}""" + _SUB + r"""+\.?
              | [0-9]{1,3}\.[A-Z]\.?
              | [0-9]{1,3}\))
      | (?P<paren>\((?:[0-9]{1,3}|[a-zA-Z]{1,2}|""" + _ROMAN + "|" + _ROMAN_UP + r""")\)""" + _SUB + r"""*\.?)
      | (?P<dot>(?:[a-zA-Z]|(?=[ivxlc]{2})""" + _ROMAN + "|(?=[IVXLC]{2})" + _ROMAN_UP + r""")[.)])
    )(?=\s)""",
    re.VERBOSE,
)
# What may begin a sentence: capital, digit, quote/bracket + capital, a list label, a redaction.
_STARTER = re.compile(
    r"""(?:[\"'\u201c\u2018(\[]*(?:[A-Z0-9\u00c0-\u00de]|[a-z]{1,2}[A-Z])|\[\s*\*|\*|§
        |\((?:[a-z]{1,2}|""" + _ROMAN + r""")\)\s|(?:[a-z]|""" + _ROMAN + r""")[.)]\s)""",
    re.VERBOSE,
)
_AND_OR = re.compile(r"(?:and|or|and/or)\s+")
_WORD = re.compile(r"[^\W\d_][\w'\u2019&-]*")
_ALPHA = re.compile(r"[^\W\d_]")
_TRAIL = " \t\n.:;,-\u2013\u2014_=*"
_WS = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BREAK = re.compile(r"\n|[ \t]{3,}|\t")  # a line break, or a wide gap where a layout was flattened

# --------------------------------------------------------------------------------------------
# spaCy pipeline
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
            return _BLOCK if _BLANK_LINE.search(text) or text.count("\n") > 1 else _NL
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
            return _NONE  # "a." spaCy keeps as one token: a list label, handled by _LABEL
        if "." in core or core.isupper():
            return _ABBR  # unknown dotted abbreviation ("F.O.B.", "N.Y.S.E.")
        return _STOP
    return _NONE


_CLASS_CACHE: dict[int, int] = {}
_SUFFIX = re.compile(r"""(?:[,;:!?"'\u201d\u2019)\]}>*%\u2026]|\.\.\.|(?<!\.[A-Za-z])(?<!^[A-Za-z])\.)$""")
# glued sentences "hereof.The", and a colon or semicolon glued to what follows "as follows:(a)"
_INFIX = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])|(?<=[A-Za-z)])[;:](?=[A-Za-z(\"\u201c])")


@lru_cache(maxsize=1)
def nlp():
    """The blank English pipeline with contract abbreviations and the clause boundary component."""
    import spacy
    from spacy.attrs import ORTH
    from spacy.language import Language

    if "clause_boundaries" not in Language.factories:
        Language.component("clause_boundaries", func=_clause_boundaries)
    pipeline = spacy.blank("en")
    pipeline.max_length = 50_000_000
    tokenizer = pipeline.tokenizer
    # Lean affix rules: only the splits clause boundaries need (and about twice as fast as the
    # general English ones). A period leaves a word unless it ends a dotted abbreviation or an
    # initial ("U.S.", "F.O.B.", "A."); quotes, brackets and punctuation leave any token.
    tokenizer.suffix_search = _SUFFIX.search
    tokenizer.infix_finditer = _INFIX.finditer
    tokenizer.token_match = None
    tokenizer.url_match = None
    for abbr in _ABBREVIATIONS:  # "et seq." and "et al." come through "seq." and "al."
        tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    pipeline.add_pipe("clause_boundaries")
    return pipeline


def _clause_boundaries(doc):
    """spaCy component: set sentence starts where a new clause segment may begin.

    The reason for each start goes to doc.user_data["clause_boundaries"] ({token index: kind},
    kind one of "block", "line-label", "line-heading", "sent", "enum") and the starts as
    character offsets to doc.user_data["clause_boundaries_chars"].
    """
    from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SENT_START

    n = len(doc)
    kinds: dict[int, str] = {}
    doc.user_data["clause_boundaries"] = kinds
    doc.user_data["clause_boundaries_chars"] = [(0, "doc")]
    if n == 0:
        return doc
    arr = doc.to_array([ORTH, IDX, LENGTH, IS_SPACE])
    orth = arr[:, 0].astype(np.uint64)
    idx = arr[:, 1].astype(np.int64)
    length = arr[:, 2].astype(np.int64)
    is_space = arr[:, 3].astype(bool)
    uniq, inverse = np.unique(orth, return_inverse=True)
    strings = doc.vocab.strings
    cls_u = np.empty(len(uniq), dtype=np.int8)
    for k, h in enumerate(uniq.tolist()):
        c = _CLASS_CACHE.get(h)
        if c is None:
            c = _CLASS_CACHE[h] = _token_class(strings[h])
        cls_u[k] = c
    cls = cls_u[inverse.reshape(-1)]
    ends = idx + length
    text = doc.user_data.get("source_text") or doc.text  # doc.text is rebuilt token by token
    idx_l = idx.tolist()
    ends_l = ends.tolist()
    cls_l = cls.tolist()
    space_l = is_space.tolist()

    def next_non_space(j: int) -> int:
        while j < n and space_l[j]:
            j += 1
        return j

    def token_at(pos: int, start: int) -> int:
        j = start
        while j < n and idx_l[j] < pos:
            j += 1
        return j

    last = 0  # character offset of the last boundary

    def mark(k: int, kind: str) -> None:
        nonlocal last
        kinds[k] = kind
        last = idx_l[k]

    candidates = np.nonzero((cls != _NONE) & (cls != _CLOSE))[0].tolist()
    for i in candidates:
        c = cls_l[i]
        if c == _NL or c == _BLOCK or c == _GAP:
            k = next_non_space(i + 1)
            if k >= n or k in kinds:
                continue
            if c == _BLOCK or any(cls_l[j] == _BLOCK for j in range(i + 1, k)):
                mark(k, "block")
                continue
            pos = idx_l[k]
            # the line (or, for a wide gap in flattened text, the run) before this break
            real_start = text.rfind("\n", 0, idx_l[i]) + 1
            line_start = max(real_start, last)
            prev = text[line_start:idx_l[i]].rstrip()
            if not prev:
                continue
            label = _LABEL.match(text, pos)
            if label:
                # a numbered item, unless the line before runs on into it ("... in subparagraph
                # (a) above", "... under Section 4.2 hereof")
                after = text[label.end():label.end() + 4].lstrip()[:1]
                if not _ends_with_reference(prev) and (
                        prev[-1] in ".:;!?" or prev.endswith((" and", " or", "and/or"))
                        or after.isupper() or after in "\"\u201c(["
                        or _heading_like(prev, labelled=True, own_line=True)):
                    mark(k, "line-label")
                continue
            if (prev[-1] not in ",;" and _STARTER.match(text, pos)
                    and (line_start == real_start if c == _NL else line_start == last)
                    and (_heading_like(prev, labelled=bool(_LABEL.match(prev + " ")), own_line=True)
                         or _loose_heading(prev))
                    and not _heading_wraps(prev, text, pos)):
                mark(k, "line-heading")
            continue
        if c == _DIGIT or c == _OPEN:
            # a number right after a heading on the same line: "2. GRANT OF RIGHTS 2.1 Aucta ..."
            if i in kinds or i == 0 or not text[idx_l[i] - 1].isspace() or idx_l[i] - last > 200:
                continue
            prev = text[last:idx_l[i]].rstrip()
            if not prev or prev[-1] in ",;(" or not _LABEL.match(text, idx_l[i]):
                continue
            if _heading_like(prev, labelled=bool(_LABEL.match(prev + " ")), own_line=False,
                             caps_only=not _LABEL.match(prev + " ")) and not _ends_with_reference(prev):
                mark(i, "line-label")
            continue
        if c == _SEMI or c == _COLON:
            k = next_non_space(i + 1)
            if k >= n or k == i + 1 and idx_l[k] == ends_l[i]:
                continue
            pos = idx_l[k]
            if "\n" in text[ends_l[i]:pos]:
                continue  # an item on a new line: the line-break rules decide
            m = _AND_OR.match(text, pos)
            if m:
                pos = m.end()
            if _LABEL.match(text, pos):
                k = token_at(pos, k)
                if k < n and idx_l[k] == pos:
                    mark(k, "enum")
            elif c == _COLON and m is None and _STARTER.match(text, pos) and idx_l[i] - last < 160:
                # "(b) Goodwill: Licensee acknowledges ..." - a heading ending in a colon
                prev = text[last:idx_l[i]]
                labelled = bool(_LABEL.match(prev + " "))
                if _heading_like(prev, labelled=labelled, own_line=False, caps_only=not labelled):
                    mark(k, "sent")
            continue
        # a sentence end: ".", "!", "?", or an abbreviation/initial that may end one
        j = i + 1
        while j < n and cls_l[j] == _CLOSE and idx_l[j] == ends_l[j - 1]:
            j += 1
        if j >= n:
            continue
        gap = idx_l[j] > ends_l[j - 1]
        k = next_non_space(j)
        if k >= n:
            continue
        pos = idx_l[k]
        newline = "\n" in text[ends_l[j - 1]:pos]
        if not gap and k == j and (c != _STOP or not text[pos].isupper()
                                   or not text[idx_l[i] - 1:idx_l[i]].isalpha()):
            continue  # glued "hereof.The" (spaCy split it) counts only before a capitalised word
        if c == _STOP:
            if not _STARTER.match(text, pos):
                continue
        else:
            word = text[pos:ends_l[k]]
            if c == _INITIAL:
                before = text[max(idx_l[i] - 12, 0):idx_l[i]].split()
                after_ref = bool(before) and before[-1].lower() in REFERENCE_WORDS
                if not (newline or word in OPENERS or (after_ref and _STARTER.match(text, pos))):
                    continue
            elif not (newline or word in OPENERS or _LABEL.match(text, pos)):
                continue
        if not newline and _inside_brackets(text, max(last, idx_l[i] - 400), ends_l[j - 1]):
            continue
        if ends_l[j - 1] - last < 24 and _is_bare_label(text[last:ends_l[j - 1]]):
            continue  # "5." / "Section 7.01." - the number of what follows, not a sentence
        mark(k, "sent")

    # only the starts are set (1); the rest stay unset (0), and doc.sents splits at the starts
    starts = np.zeros((n, 1), dtype=np.uint64)
    starts[0, 0] = 1
    if kinds:
        starts[np.fromiter(kinds.keys(), dtype=np.int64, count=len(kinds)), 0] = 1
    doc.from_array([SENT_START], starts)
    doc.user_data["clause_boundaries_chars"] += [(idx_l[k], kinds[k]) for k in sorted(kinds) if k]
    return doc


def _is_bare_label(s: str) -> bool:
    s = s.strip()
    m = _LABEL.match(s + " ")
    return m is not None and m.end() >= len(s)


def _inside_brackets(text: str, lo: int, pos: int) -> bool:
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


def _heading_wraps(line: str, text: str, pos: int) -> bool:
    """Does a long heading line go on at `pos` ("...Subscription and Public" + "Offerings. The")?"""
    if len(line) < 50 or line[-1] in ".:":
        return False
    tail = _HEADING_TAIL.match(text, pos)
    if tail is None:
        return False
    return not _is_caps_word(line.split()[-1]) or all(_is_caps_word(w) or len(w) < 3 for w in tail.group().split())


def _loose_heading(line: str) -> bool:
    """'28. Law and jurisdiction' on its own line: a numbered short phrase, not Title Case."""
    m = _LABEL.match(line + " ")
    if not m:
        return False
    rest = line[m.end():].strip().rstrip(".")
    words = rest.split()
    if not words or len(words) > 6 or not rest[0].isupper() or any(ch in rest for ch in ",;:."):
        return False
    return not MODALS.intersection(w.lower() for w in words)


def _ends_with_reference(prev_line: str) -> bool:
    last = prev_line.rsplit(None, 1)[-1].lower() if prev_line.strip() else ""
    return last in REFERENCE_WORDS or last.endswith((",", "(", "-"))  # wrapped mid-list / mid-ref


_KEY_VALUE = re.compile(r":\s*\S")  # "Date: 2021" is a form field, not a heading
_DANGLING = {"of", "and", "the", "to", "for", "in", "on", "or", "by", "with", "a", "an", "at", "from",
             "as", "under", "between", "into", "upon"}


def _heading_like(text: str, *, labelled: bool, own_line: bool, caps_only: bool = False) -> bool:
    """A short Title Case or ALL CAPS phrase, not a sentence (a leading number is skipped)."""
    s = text.strip()
    if labelled:
        m = _LABEL.match(s + " ")
        if m:
            s = s[m.end():].strip()
    s = s.rstrip(" .:-\u2013\u2014_=*")
    if not s or s[-1] in ",;":
        return False
    words = _WORD.findall(s)
    if not words or len(words) > 16:
        return False
    if s.count(". ") > (1 if labelled else 0):
        return False  # more than one sentence
    if words[-1].lower() in _DANGLING or '"' in s or "\u201c" in s or _KEY_VALUE.search(s):
        return False  # "... an Application for Approval of" runs on; headings do not quote
    letters = "".join(words)
    if letters.isupper():
        if lists_with_commas(s, len(words)):
            return False
        limit = 16 if (labelled or own_line) else 7
        return len(words) <= limit
    if caps_only:
        return False
    if all(w[0].isupper() or w.lower() in SMALL_WORDS for w in words) and words[0][0].isupper():
        limit = 12 if (labelled or own_line) else 6
        return len(words) <= limit
    return False


# --------------------------------------------------------------------------------------------
# From segments to clauses
# --------------------------------------------------------------------------------------------


@dataclass
class _Seg:
    start: int
    end: int
    kind: str  # why it starts: "doc", "block", "line-label", "line-heading", "sent", "enum"
    label: str | None = None
    level: int = 99
    body: int = 0  # offset just after the label
    heading: bool = False
    head_end: int | None = None  # end of an unpunctuated inline heading after the number


def label_level(label: str) -> int:
    """Nesting level of a section number: Article 0, 1. 1, 1.1 2, 1.1.1 3, (a) 5, (i) 6, (A) 7."""
    s = label.strip().rstrip(".:-\u2013\u2014 ")
    low = s.lower()
    if low.startswith(("article", "art.", "schedule", "exhibit", "annex", "appendix", "attachment",
                       "part", "addendum", "rider")):
        num = s.split(None, 1)[-1] if " " in s else ""
        return 0 if num.count(".") == 0 else num.count(".") + 1
    if low.startswith(("section", "sec.", "clause", "paragraph", "para.")):
        num = s.split(None, 1)[-1] if " " in s else s
        if "(" in num:
            return 5
        return 1 + num.count(".")
    s = s.lstrip("§ ")
    if s[:1].isdigit():
        if "(" in s:
            return 5
        if s.endswith(")"):
            return 8
        return 1 + s.rstrip(".").count(".")
    core = s.strip("().")
    if core.isdigit():
        return 8
    if len(core) > 1 or core in "ivx":
        return 6 if core.islower() else 4
    return 5 if core.islower() else 7


_TOKEN_RE = re.compile(r"\S+")


def _inline_heading_end(text: str, g: _Seg) -> int | None:
    """Where the body starts after an unpunctuated inline heading: '8.2 Limitation of Liability
    Galaxy shall ...' -> at 'Galaxy'. None when the numbered item has no such heading."""
    toks: list[re.Match] = []
    for m in _TOKEN_RE.finditer(text, g.body, min(g.end, g.body + 160)):
        toks.append(m)
        if len(toks) >= 14:
            break
    if len(toks) < 3 or not toks[0].group()[0].isupper() or toks[0].group() in BODY_OPENERS:
        return None
    labelled = g.label is not None
    for k in range(1, min(len(toks) - 1, 9)):
        # "Commercial General Liability Insurance - Combined single limit ..."
        w = toks[k].group()
        if w in _DASHES:
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
                if head[-1] not in SMALL_WORDS and not VERBISH.intersection(head):
                    end = toks[k].start()
                break
            if w[-1] in ",;:." or not w[0].isalpha():
                break
    return end


_DASHES = {"-", "--", "\u2013", "\u2014"}
# words that make a phrase a sentence rather than a heading
VERBISH = {
    "shall", "will", "may", "must", "is", "are", "be", "was", "were", "agrees", "agree", "has",
    "have", "hereby", "means", "mean", "not", "can", "should", "would", "does", "do", "grants",
    "acknowledges", "represents", "warrants", "undertakes", "covenants",
}
MODALS = {"shall", "will", "may", "must", "hereby", "agrees", "agree", "can", "should", "would"}


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
        caps = [k for k, m in enumerate(toks) if _is_caps_word(m.group())]
        if not caps or caps[0] == 0 or len(caps) < 3 or caps[:3] != list(range(caps[0], caps[0] + 3)):
            return None
        head = [m.group() for m in toks[:caps[0]]]
        if len(head) > 8 or head[-1].lower() in SMALL_WORDS or any(_is_caps_word(w) for w in head):
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


def _is_caps_word(w: str) -> bool:
    letters = [ch for ch in w if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _ends_open(text: str) -> bool:
    """Does this text stop mid-sentence (no closing punctuation)?"""
    t = text.rstrip()
    return bool(t) and t[-1] not in ".;:!?)]\"'\u201d\u2019*"


def segment(doc: Document) -> list[Clause]:
    """Split a Document into clauses with exact offsets, page and section."""
    text = doc.text
    if not text.strip():
        return []
    pipeline = nlp()
    sdoc = pipeline.make_doc(text)
    sdoc.user_data["source_text"] = text
    for _name, component in pipeline.pipeline:
        sdoc = component(sdoc)
    # the component's boundaries, as (character offset, kind); the same starts as sdoc.sents
    bounds = sdoc.user_data.get("clause_boundaries_chars") or [(0, "doc")]
    segs: list[_Seg] = []
    for b, (s, kind) in enumerate(bounds):
        e = bounds[b + 1][0] if b + 1 < len(bounds) else len(text)
        chunk = text[s:e]
        stripped = chunk.strip()
        if not stripped:
            continue
        s += len(chunk) - len(chunk.lstrip())
        segs.append(_Seg(s, s + len(stripped), kind))

    segs = _join_broken_blocks(text, segs)
    for g in segs:
        m = _LABEL.match(text, g.start)
        if m and m.end() <= g.end:
            g.label = text[g.start:m.end()]
            g.level = label_level(g.label)
            g.body = m.end()
        else:
            g.body = g.start
    segs = _join_bare_labels(text, segs)
    styled = {b.start: b for b in doc.blocks if b.kind == "heading"}
    for g in segs:
        block = styled.get(g.start)
        if block is not None and not text[g.end:block.end].strip():
            # the parser saw a heading (a Word heading style, a PDF heading line): trust it
            g.heading = True
            if g.label is None:
                g.level = block.level
        else:
            g.heading = _heading_like(text[g.body:g.end], labelled=g.label is not None,
                                      own_line=_own_line(text, g.start, g.end))
    segs = _join_enumerations(text, segs)
    for g in segs:
        if not g.heading:
            g.head_end = _inline_heading_end(text, g)
    return _to_clauses(doc, segs)


def _own_line(text: str, start: int, end: int) -> bool:
    before = text.rfind("\n", 0, start)
    if text[before + 1:start].strip():
        return False
    after = text.find("\n", end)
    return not text[end:after if after != -1 else len(text)].strip()


_PAGE_FURNITURE = re.compile(
    r"(?i)(?:page\s*)?[-\u2013\u2014(\[]?\s*[0-9]{1,4}\s*[-\u2013\u2014)\]]?(?:\s*of\s*[0-9]{1,4})?"
    r"|(?:[^\w\[\]*]|_)+")  # a page number ("12", "- 12 -", "Page 3 of 9") or a rule ("_____", "----")


def _is_furniture(text: str, g: _Seg) -> bool:
    return _PAGE_FURNITURE.fullmatch(text, g.start, g.end) is not None


def _join_broken_blocks(text: str, segs: list[_Seg]) -> list[_Seg]:
    """Join a sentence broken by a page or column break (the next block continues it in lower
    case, or the first part ends on a word like 'the'), also across a page number between the
    two parts. Page numbers and rules on their own are not clauses and are dropped."""
    out: list[_Seg] = []
    n = len(segs)
    i = 0
    while i < n:
        g = segs[i]
        if _is_furniture(text, g):
            i += 1
            continue
        if (out and g.kind == "block" and _ends_open(text[out[-1].start:out[-1].end])
                and (text[g.start].islower() or _ends_with_function_word(text, out[-1].end))
                and not _LABEL.match(text, g.start)):
            out[-1].end = g.end
        else:
            out.append(g)
        i += 1
    return out


_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")
FUNCTION_WORDS = {
    "the", "a", "an", "of", "to", "in", "on", "and", "or", "by", "with", "for", "under", "from",
    "that", "which", "its", "their", "any", "all", "such", "this", "these", "shall", "may", "will",
    "is", "are", "be", "been", "not", "as", "at", "per", "than", "into", "upon", "between",
}


def _ends_with_function_word(text: str, end: int) -> bool:
    m = _LAST_WORD.search(text, max(end - 30, 0), end)
    return bool(m) and m.group(1) in FUNCTION_WORDS


def _join_bare_labels(text: str, segs: list[_Seg]) -> list[_Seg]:
    """'13.2.' or 'ARTICLE IV' with nothing after it belongs to what follows."""
    out: list[_Seg] = []
    pending: _Seg | None = None
    for g in segs:
        bare = g.label is not None and not _ALPHA.search(text, g.body, g.end)
        if pending is not None:
            # keep the first label; the body starts after the last label of a run ("3. 6. The")
            g = _Seg(pending.start, g.end, pending.kind, pending.label, pending.level, g.body)
            pending = None
        if bare:
            pending = g
            continue
        out.append(g)
    if pending is not None:
        out.append(pending)
    return out


ENUM_MAX_WORDS = 120  # a list of lower-case items after a colon up to this size stays one clause
_FULL_SENTENCE = re.compile(r"\s*[\"'\u201c\u2018(\[]*[A-Z]")
_DOTTED = re.compile(r"\s*§?\s*[0-9]{1,3}\.[0-9]")


def _is_item(g: _Seg) -> bool:
    return g.label is not None and g.kind in ("enum", "line-label", "block") and not g.heading


def _continues(text: str, g: _Seg) -> bool:
    """Does this list item end the way a non-final item does ('...;', '...; and', '...,')?"""
    item = text[g.start:g.end].rstrip()
    return item.endswith((";", ",", ":", " and", " or", "and/or"))


def _join_enumerations(text: str, segs: list[_Seg]) -> list[_Seg]:
    """Keep '... may: (a) use ...; (b) modify ...; and (c) sublicense ...' together when short.

    A list stays split per item when its items are full sentences (they start with a capital),
    are numbered sections ("5.1.1"), or the whole list is long. Items split off after a
    semicolon on the same line that do not belong to such a list are joined back to the
    sentence they continue.
    """
    out: list[_Seg] = []
    i = 0
    n = len(segs)
    while i < n:
        g = segs[i]
        tail = text[g.start:g.end].rstrip()
        if tail.endswith(":") and i + 1 < n and _is_item(segs[i + 1]):
            last = i
            j = i + 1
            while j < n and _is_item(segs[j]):
                last = j
                if not _continues(text, segs[j]):
                    break
                j += 1
            items = segs[i + 1:last + 1]
            if len(items) == 1 and _continues(text, items[0]):
                out.append(g)
                i += 1
                continue
            words = sum(len(text[x.start:x.end].split()) for x in items) + len(tail.split())
            upper = sum(bool(_FULL_SENTENCE.match(text, x.body)) for x in items)
            dotted = any(_DOTTED.match(x.label or "") for x in items)
            if words <= ENUM_MAX_WORDS and 2 * upper < len(items) and not dotted:
                out.append(_Seg(g.start, segs[last].end, g.kind, g.label, g.level, g.body, g.heading))
            else:
                out.extend(segs[i:last + 1])
            i = last + 1
            continue
        if g.kind == "enum" and out and not g.heading:
            out[-1].end = g.end
        else:
            out.append(g)
        i += 1
    return out


def _section_text(text: str, start: int, end: int) -> str:
    return _WS.sub(" ", text[start:end]).strip(_TRAIL) or _WS.sub(" ", text[start:end]).strip()


def _to_clauses(doc: Document, segs: list[_Seg]) -> list[Clause]:
    text = doc.text
    block_starts = [b.start for b in doc.blocks]
    block_pages = [b.page for b in doc.blocks]

    def page_at(offset: int) -> int | None:
        k = bisect.bisect_right(block_starts, offset) - 1
        return block_pages[k] if k >= 0 else (block_pages[0] if block_pages else None)

    stack: list[tuple[int, str]] = []  # (level, section text)

    def push(level: int, title: str) -> None:
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))

    def heading_level(g: _Seg) -> int:
        if g.label is not None or g.level != 99:
            return g.level
        body = text[g.start:g.end]
        return 0 if _WORD.findall(body) and "".join(_WORD.findall(body)).isupper() else 99

    clauses: list[Clause] = []

    def emit(start: int, end: int, number: str | None = None) -> None:
        """A clause's text is its body: its own number and inline heading go to `section`."""
        while start < end and text[start] in _TRAIL + " \t\n":
            start += 1
        section = stack[-1][1] if stack else None
        if number:
            section = f"{section} › {number}" if section else number
        clauses.append(Clause(id=f"c{len(clauses) + 1}", text=text[start:end], start=start, end=end,
                              page=page_at(start), section=section))

    i, n = 0, len(segs)
    while i < n:
        g = segs[i]
        nxt = segs[i + 1] if i + 1 < n else None
        if (g.heading and nxt is not None and nxt.heading and nxt.label is None and nxt.kind == "line-heading"
                and len(text[g.start:nxt.end].split()) <= 20):
            # a heading that goes on over the next line: "EMPLOYEE PROPRIETARY INFORMATION" + "AGREEMENT"
            segs[i + 1] = _Seg(g.start, nxt.end, g.kind, g.label, g.level, g.body, True)
            i += 1
            continue
        if g.heading:
            level = heading_level(g)
            title = _section_text(text, g.start, g.end)
            same_line = nxt is not None and not _BREAK.search(text, g.end, nxt.start)
            if nxt is not None and same_line and nxt.label is None and not nxt.heading:
                push(level, title)  # inline heading: the section of the clause that follows it
                emit(nxt.start, nxt.end)
                i += 2
                continue
            if nxt is None or (nxt.heading and heading_level(nxt) <= level):
                push(level, title)  # a heading with nothing under it is a clause of its own
                emit(g.start, g.end)
                i += 1
                continue
            push(level, title)
            i += 1
            continue
        if g.label is not None:
            while stack and stack[-1][0] >= g.level:
                stack.pop()
            if g.head_end is not None:
                push(g.level, _section_text(text, g.start, g.head_end))
                emit(g.head_end, g.end)
            else:
                emit(g.body, g.end, number=g.label.strip())
        elif g.head_end is not None:
            push(99, _section_text(text, g.start, g.head_end))
            emit(g.head_end, g.end)
        else:
            emit(g.start, g.end)
        i += 1
    return clauses


def body_starts(clause: Clause) -> list[int]:
    """Offsets (into the document text) where the clause's body may be said to begin: after its
    own number ("5.2 ...") and after its inline heading ("5.2 Confidentiality. The Employee ..."
    -> at "The"). Empty when the clause has neither. Useful to highlight a clause without its
    number and heading, which stay available in ``clause.section``."""
    text = clause.text
    out: list[int] = []
    m = _LABEL.match(text)
    if m:
        rest = text[m.end():]
        out.append(clause.start + m.end() + len(rest) - len(rest.lstrip()))
    if clause.section:
        words = clause.section.split()
        h = re.match(r"\s*".join(map(re.escape, words)) + r"[\s.:\-\u2013\u2014_=*]*", text)
        if h and 0 < h.end() < len(text):
            out.append(clause.start + h.end())
    return sorted(set(out))
