"""Segments between boundaries, and the rules that join them: a sentence broken by a page break,
a bare number and what follows it, a short enumeration after a colon."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..documents.headings import runs_on
from .vocabulary import ALPHA, FUNCTION_WORDS, LABEL, WORD


@dataclass
class Seg:
    start: int
    end: int
    kind: str  # why it starts: "doc", "block", "line-label", "line-heading", "sent", "enum"
    label: str | None = None
    level: int = 99
    body: int = 0  # offset just after the label
    heading: bool = False
    head_end: int | None = None  # end of an unpunctuated inline heading after the number


def ends_open(text: str) -> bool:
    """Does this text stop mid-sentence (no closing punctuation)?"""
    t = text.rstrip()
    return bool(t) and t[-1] not in ".;:!?)]\"'\u201d\u2019*"


_PAGE_NUMBER = r"(?:page\s*)?[-\u2013\u2014(\[]?\s*[0-9]{1,4}\s*[-\u2013\u2014)\]]?(?:\s*of\s*[0-9]{1,4})?"
# page numbers, one a line ("12", "- 12 -", "Page 3 of 9", "-5-" / "6"), or a rule ("_____", "----")
_PAGE_FURNITURE = re.compile(r"(?i)" + _PAGE_NUMBER + r"(?:[ \t]*\n\s*" + _PAGE_NUMBER + r")*|(?:[^\w\[\]*]|_)+")


def is_furniture(text: str, g: Seg) -> bool:
    return _PAGE_FURNITURE.fullmatch(text, g.start, g.end) is not None


def join_broken_blocks(text: str, segs: list[Seg]) -> list[Seg]:
    """Join a sentence broken by a page or column break (the next block continues it in lower
    case, or the first part ends on a word like 'the'), also across a page number between the
    two parts. `segs` come without page furniture (split leaves page numbers and rules out)."""
    out: list[Seg] = []
    for g in segs:
        if out and g.kind == "block":
            # line numbers or a rule at the end of the part before ("... or" / "10" / "11") do not end its sentence
            end = before_number_lines(text, out[-1].start, out[-1].end)
            before = text[out[-1].start:end]
            if ends_open(before) and ((_starts_lower(text, g.start) or _ends_with_function_word(text, end))
                                      and not LABEL.match(text, g.start)
                                      or runs_on(before, text[g.start:g.start + 12])
                                      or _capitals_go_on(before, text, g)):
                out[-1].end = g.end
                continue
        out.append(g)
    return out


# the last word of a text and what follows it, read from the end (matched in the text reversed): a search
# for "([A-Za-z]+)\W*$" would try it at every position before it
_LAST_WORD_REVERSED = re.compile(r"\W*([A-Za-z]+)")
_NUMBER_LINES = re.compile(r"(?:\n[ \t]*(?:[0-9]{1,4}|[-_=*]{3,})[ \t]*)+$")  # line numbers, rules
_NUMBER_LINE_END = frozenset("0123456789-_=* \t\n")  # the last character of a text _NUMBER_LINES can end
_BULLET = re.compile(r"(?:[-\u2013\u2014\u2022\u00b7\u25cf\u25aa*][ \t]+)+")


# words a title does not open with: a block in capitals opening with one goes on with a sentence
_PART_OPENERS = {"FOR", "TO", "OF", "AND", "OR", "NOR", "BY", "WITH", "IN", "ON", "FROM", "AS", "AT", "THAN",
                 "THAT", "WHICH", "UNDER", "INCLUDING", "WHETHER", "BUT", "IF", "UNLESS", "UPON"}


def _capitals_go_on(before: str, text: str, g: Seg) -> bool:
    """A sentence set in capitals broken by a page or column break: the part before stops without
    punctuation in capitals, and the block goes on in capitals with a word no title opens with or with a
    full line ('... PAID BY RESELLER' / 'FOR SUCH SOFTWARE OR CALL CENTER SYSTEM AND (B) WITH REGARD')."""
    eol = text.find("\n", g.start, g.end)
    first_line = text[g.start:eol if eol != -1 else g.end]
    if LABEL.match(first_line + " "):
        return False
    last_words = WORD.findall(before.rsplit("\n", 1)[-1])
    first_words = WORD.findall(first_line)
    if len(last_words) < 3 or not first_words:
        return False
    if not ("".join(last_words).isupper() and "".join(first_words).isupper()):
        return False
    return first_words[0] in _PART_OPENERS or len(first_words) >= 8


def before_number_lines(text: str, start: int, end: int) -> int:
    """Where the line numbers or rules that end text[start:end] begin (else `end`). Searching tries
    every line of the segment, so a segment that cannot end in one (its last character is neither a
    digit, a rule's, a blank nor a line's end) is answered without it."""
    if end <= start or text[end - 1] not in _NUMBER_LINE_END:
        return end
    m = _NUMBER_LINES.search(text, start, end)
    return m.start() if m and m.start() > start else end


def _starts_lower(text: str, pos: int) -> bool:
    """The block starts in lower case, after any bullets or dashes ("- - if either party breaches")."""
    m = _BULLET.match(text, pos)
    pos = m.end() if m else pos
    return pos < len(text) and text[pos].islower()


def _ends_with_function_word(text: str, end: int) -> bool:
    m = _LAST_WORD_REVERSED.match(text[max(end - 30, 0):end][::-1])
    return bool(m) and m.group(1)[::-1] in FUNCTION_WORDS


_REDACTED = re.compile(r"\[\s*\*|\*{3,}")  # "[***]", "[* * *]", "*****": text left out of a filing


def join_bare_labels(text: str, segs: list[Seg]) -> list[Seg]:
    """'13.2.' or 'ARTICLE IV' with nothing after it belongs to what follows; an item whose text was
    redacted ('(e) [***]') is an item of its own."""
    out: list[Seg] = []
    pending: Seg | None = None
    for g in segs:
        bare = (g.label is not None and not ALPHA.search(text, g.body, g.end)
                and not _REDACTED.search(text, g.body, g.end))
        if pending is not None:
            # keep the first label; the body starts after the last label of a run ("3. 6. The")
            g = Seg(pending.start, g.end, pending.kind, pending.label, pending.level, g.body)
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


def _is_item(g: Seg) -> bool:
    return g.label is not None and g.kind in ("enum", "line-label", "block") and not g.heading


def _continues(text: str, g: Seg) -> bool:
    """Does this list item end the way a non-final item does ('...;', '...; and', '...,')?"""
    item = text[g.start:g.end].rstrip()
    return item.endswith((";", ",", ":", " and", " or", "and/or"))


_LOWER_BODY = re.compile(r"\s*[a-z]")
_FIRST_LABEL = re.compile(r"\s*\(?(?:a|A|i|I|1)[.)]")  # "(a)", "(i)", "1)", "a.": a list's first item


def _shape(label: str | None) -> str:
    """'(b)' and '(c)' alike, '(iv)' and '(v)' alike, '4.2.3' and '4.2.4' alike."""
    return re.sub(r"[a-zA-Z]+", "a", re.sub(r"[0-9]+", "0", (label or "").strip()))


def _open_end(text: str, g: Seg) -> bool:
    """The segment stops on a word or a comma ('... given or delivered', '... the context requires,')."""
    t = text[g.start:g.end].rstrip()
    return bool(t) and (t[-1].isalnum() or t[-1] in ")],") and ends_open(t)


def _runs_into_next(text: str, segs: list[Seg], j: int) -> bool:
    """An item without closing punctuation, the next item of the same list going on in lower case
    ('(b) Datec supplies BSP with advance notice' / '(c) it does not result in ...')."""
    if j + 1 >= len(segs) or not _is_item(segs[j + 1]) or not _open_end(text, segs[j]):
        return False
    nxt = segs[j + 1]
    return _shape(nxt.label) == _shape(segs[j].label) and _LOWER_BODY.match(text, nxt.body) is not None


def _lead_in(text: str, segs: list[Seg], i: int) -> bool:
    """Segment i introduces a list: it ends in a colon, or stops on a word with no punctuation and
    the first item goes on with its sentence in lower case ('... shall be deemed given or delivered'
    / '(i) when delivered personally, ...')."""
    g = segs[i]
    if i + 1 >= len(segs) or not _is_item(segs[i + 1]):
        return False
    if g.heading and "\n" in text[g.end:segs[i + 1].start]:
        return False  # a heading on its own line ("2.13 Miscellaneous Definitions:") is its items' section
    if text[g.start:g.end].rstrip().endswith(":"):
        return True
    nxt = segs[i + 1]
    return (not g.heading and _open_end(text, g) and _FIRST_LABEL.match(nxt.label or "") is not None
            and _LOWER_BODY.match(text, nxt.body) is not None)


def _keep_lead_ins(text: str, segs: list[Seg]) -> list[Seg]:
    """A list split per item: a part that leads into the next without a colon keeps it ('... deemed
    given' + '(i) when delivered ...', an item '(b) upon request of the other Party,' + its '(i) return
    ...')."""
    out: list[Seg] = []
    for k, g in enumerate(segs):
        if k > 0 and _lead_in(text, segs, k - 1) and not text[segs[k - 1].start:segs[k - 1].end].rstrip().endswith(":"):
            prev = out[-1]
            out[-1] = Seg(prev.start, g.end, prev.kind, prev.label, prev.level, prev.body, prev.heading)
        else:
            out.append(g)
    return out


def join_enumerations(text: str, segs: list[Seg]) -> list[Seg]:
    """Keep '... may: (a) use ...; (b) modify ...; and (c) sublicense ...' together when short.

    A list is introduced by a colon, or by a sentence that stops on a word and goes on in its first
    item ('... deemed given' / '(i) when delivered ...'); its items end like non-final items ('...;',
    '...; and') or run into the next item without punctuation. A list stays split per item when its
    items are full sentences (they start with a capital), are numbered sections ("5.1.1"), or the
    whole list is long; a lead-in without a colon then keeps its first item. Items split off after
    a semicolon on the same line that do not belong to such a list are joined back to the sentence
    they continue.
    """
    out: list[Seg] = []
    i = 0
    n = len(segs)
    while i < n:
        g = segs[i]
        if _lead_in(text, segs, i):
            last = i
            j = i + 1
            while j < n and _is_item(segs[j]):
                last = j
                if not (_continues(text, segs[j]) or _runs_into_next(text, segs, j)):
                    break
                j += 1
            items = segs[i + 1:last + 1]
            colon = text[g.start:g.end].rstrip().endswith(":")
            if colon and len(items) == 1 and _continues(text, items[0]):
                out.append(g)
                i += 1
                continue
            tail = text[g.start:g.end].rstrip()
            words = sum(len(text[x.start:x.end].split()) for x in items) + len(tail.split())
            upper = sum(bool(_FULL_SENTENCE.match(text, x.body)) for x in items)
            dotted = any(_DOTTED.match(x.label or "") for x in items)
            if words <= ENUM_MAX_WORDS and 2 * upper < len(items) and not dotted:
                out.append(Seg(g.start, segs[last].end, g.kind, g.label, g.level, g.body, g.heading))
            else:
                out.extend(_keep_lead_ins(text, segs[i:last + 1]))
            i = last + 1
            continue
        if g.kind == "enum" and out and not g.heading:
            out[-1].end = g.end
        else:
            out.append(g)
        i += 1
    return out
