"""Polarity and modality: does a clause grant, permit, require or prohibit, and above all, does an
AI-training clause permit the training use ("may use your content to train") or forbid it ("will not
use your content to train")?

How the AI-training polarity is decided
---------------------------------------
1. The clause is split into sentences, and each sentence into segments: main segments, and condition
   segments opened by "unless", "except", "provided that", "if", "subject to", "excluding", ... (a
   leading "Unless X, ..." runs to the first comma; a trailing one to the end of the sentence).
   "but", ";" and ", and <subject> <verb>" start a new main segment. Short heading sentences
   ("9.4 No Training.") are used only when nothing else mentions training.
2. The governing mention is the first training-use phrase ("train", "fine-tune", "text and data
   mining", "datasets", "feed ... into", "improve ... models", ...) in a main segment; failing that, in
   a condition segment; failing that, the first plain AI mention.
3. Its segment decides: the words before the mention (the verb chain governing it) and after it in
   the same segment. Conditions requiring consent ("without X's consent") are removed first, and so
   are phrases that only look negative ("whether or not", "not limited to", "non-exclusive").
   - "nothing ... prevents/restricts" -> grants (double negative); "reserves the right to use" ->
     grants; "lifting the reservation" -> grants;
   - a negation or restriction word before the mention (not, never, no, n't, prohibit, exclude,
     refrain, restrict, "in no event") -> forbids;
   - an opt-out, reservation or stop right governing it ("may opt out of ... training", "reserves
     all rights ... including TDM", "instruct Provider to stop using") -> forbids;
   - "only with consent / only if you opt in" -> forbids;
   - after the mention, "is prohibited / is not permitted / outside the scope / used solely for" ->
     forbids;
   - a mention that only sits in an "if you use it to train ..." condition of a penalty ("we may
     terminate") -> forbids;
   - otherwise -> grants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lowered import Met, PatternSet, fast, met_in
from . import vocab

_SENT = re.compile(r"(?<=[.!?])[\"\u201d\u2019)]?\s+(?=[\"\u201c(\[]?[A-Z0-9\u00a9])|\n\s*\n")
_LEADING_LABEL = re.compile(r"^\s*(?:(?:section|clause|article)\s+)?[0-9]+(?:\.[0-9]+)*(?:\([a-z0-9]+\))*[.:)]?\s*"
                            r"(?:[-\u2013\u2014:]\s*)?|^\s*\([a-z0-9]{1,4}\)\s*", re.IGNORECASE)
_COND_OPENERS = re.compile(
    r"^(?:unless|except|excluding|other than|provided|if|where|whereas|subject to|notwithstanding|without "
    r"prejudice|without limiting|in the event|when|whenever|once|for the avoidance of doubt|to the extent|"
    r"by (?:posting|using|submitting|uploading|opting|creating|accepting|clicking|signing|joining|continuing))\b",
    re.IGNORECASE,
)
_MID_COND = re.compile(
    r",?\s+(?=(?:unless|except(?! (?:that )?(?:we|you|it|they|provider|customer|vendor)\b (?:will|shall|may))|"
    r"excluding|other than|provided(?: that)?|if|subject to|so long as|as long as|on condition that)\b)",
    re.IGNORECASE,
)
_NEW_MAIN = re.compile(
    r";\s*|,?\s+but\s+|,\s*and\s+(?=(?:the |its |our |your |their |any |no |such |that )?[\w'’-]+(?:'s)?\s+"
    r"(?:[\w'’-]+\s+)?(?:may|will|shall|must|can|cannot|won['’]t|agrees?|is|are|has|have|does|do|undertakes?|"
    r"acknowledges?|reserves?)\b)|\s+(?:\u2014|--)\s+",
    re.IGNORECASE,
)
_FAKE_NEG = re.compile(
    r"\bwhether or not\b|\b(?:including,? )?(?:but )?not limited to\b|\bnot only\b|\bno later than\b|"
    r"\bnon[- ]?\w+|\bcan[’']?t[- ]be[- ]taken[- ]back\b|\bnot less than\b|\bno more than\b|\bif not\b|"
    r"\bwithout limitation\b|\bnotwithstanding\b|\bnothing in (?:this|these) [\w ]{0,20}(?:shall )?(?:limit|"
    r"restrict)s? (?:the )?(?:foregoing|generality)\b",
    re.IGNORECASE,
)
_ONLY_WITH = re.compile(r"\bonly (?:with|if|upon|after|where|when|to the extent)\b[^.;]{0,80}\b(?:consent|"
                        r"approv\w*|permission|opt(?:s|ed)?[- ]in|authori[sz]\w*|agree\w*|request\w*)", re.IGNORECASE)
_CHOOSE = re.compile(r"\bchoose (?:whether|not to)\b|\bdecide whether\b|\belect not to\b|\bexclude (?:your|its)\b",
                     re.IGNORECASE)
_HEADING_SENT = re.compile(r"^[\"\u201c(]?[A-Z][^.;:!?]*[.:]?$")
_VERBISH = re.compile(r"\b(?:may|will|shall|must|can|is|are|was|were|be|been|do|does|did|has|have|agrees?|"
                      r"grants?|uses?|means)\b", re.IGNORECASE)


@dataclass
class Segment:
    start: int  # offset in the clause text
    end: int
    kind: str  # "main" | "cond"
    opener: str = ""  # the condition word for "cond" segments
    heading: bool = False


def sentences(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in _SENT.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def segments(text: str) -> list[Segment]:
    """Main and condition segments of every sentence, as offsets into `text`."""
    segs: list[Segment] = []
    for s0, s1 in sentences(text):
        sent = text[s0:s1]
        m = _LEADING_LABEL.match(sent)
        off = m.end() if m else 0
        words = sent[off:].split()
        heading = (len(words) <= 5 and bool(_HEADING_SENT.match(sent[off:].strip()))
                   and not _VERBISH.search(sent[off:]))
        # main pieces
        pieces: list[tuple[int, int]] = []
        p = off
        for nm in _NEW_MAIN.finditer(sent, off):
            if nm.start() > p:
                pieces.append((p, nm.start()))
            p = nm.end()
        pieces.append((p, len(sent)))
        for a, b in pieces:
            piece = sent[a:b]
            lead = piece.lstrip(" ,\"\u201c(")
            la = a + (len(piece) - len(lead))
            cm = _COND_OPENERS.match(lead)
            if cm:
                # a leading condition runs to the first comma that is followed by more words
                comma = _leading_cond_end(sent, la, b)
                if comma is not None:
                    segs.append(Segment(s0 + la, s0 + comma, "cond", cm.group(0).lower(), heading))
                    la = comma + 1
                else:
                    segs.append(Segment(s0 + la, s0 + b, "cond", cm.group(0).lower(), heading))
                    continue
            # a trailing condition runs to the end of the piece
            mc = _MID_COND.search(sent, la, b)
            if mc and mc.end() < b:
                if mc.start() > la:
                    segs.append(Segment(s0 + la, s0 + mc.start(), "main", "", heading))
                opener = re.match(r"\w+(?: \w+)?", sent[mc.end():b])
                segs.append(Segment(s0 + mc.end(), s0 + b, "cond", opener.group(0).lower() if opener else "",
                                    heading))
            elif b > la:
                segs.append(Segment(s0 + la, s0 + b, "main", "", heading))
    return segs


def _leading_cond_end(sent: str, start: int, end: int) -> int | None:
    depth = 0
    quote = False
    for i in range(start, end):
        ch = sent[i]
        if ch in "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in "\"\u201c\u201d":
            quote = not quote if ch == '"' else ch == "\u201c"
        elif ch == "," and depth == 0 and not quote and i > start + 3:
            rest = sent[i + 1:end].strip()
            if len(rest.split()) >= 2:
                return i
    return None


def _clean(window: str) -> str:
    return _cleaned(window)[0]


def _cleaned(window: str, low: str | None = None, met: Met | None = None) -> tuple[str, str, Met | None]:
    """The window without "without condition" phrases and false negations, it lower-cased, and the needs
    the string index finds in that (`low`, `met`: the window's, when the caller has them; see lowered.met_in).
    Lowered again only when something was removed: the same text keeps the strings the index found in it."""
    low = window.lower() if low is None else low
    if _WITHOUT_CONDITION.possible(window, low, met):
        window, n = vocab.WITHOUT_CONDITION.subn(" ", window)
        if n:
            low = window.lower()
            met = met_in(window, low)
    if _FAKE_NEG_FAST.possible(window, low, met):
        window, n = _FAKE_NEG.subn(" ", window)
        if n:
            low = window.lower()
            met = met_in(window, low)
    return window, low, met


_WITHOUT_CONDITION, _FAKE_NEG_FAST = fast(vocab.WITHOUT_CONDITION), fast(_FAKE_NEG)


@dataclass
class Mention:
    start: int
    end: int
    strong: bool
    seg: Segment


def _mentions(text: str, segs: list[Segment]) -> list[Mention]:
    out: list[Mention] = []
    ml = bool(vocab.ML_CONTEXT.search(text))
    for seg in segs:
        chunk = text[seg.start:seg.end]
        for m in vocab.TRAINING_USE.finditer(chunk):
            a, b = seg.start + m.start(), seg.start + m.end()
            near = bool(vocab.ML_CONTEXT.search(text[max(0, a - 120):b + 120]))
            if vocab.GENERIC_TRAINING.match(m.group(0)) and not near and not _machine_object(text, b):
                continue  # "system training", "learned from a third party": not machine learning
            out.append(Mention(seg.start + m.start(), seg.start + m.end(), True, seg))
        for m in vocab.AI_MENTION.finditer(chunk):
            if m.group(0).lower().startswith("model") and not ml:
                continue  # "model release", "business model"
            out.append(Mention(seg.start + m.start(), seg.start + m.end(), False, seg))
    return sorted(out, key=lambda x: x.start)


_MACHINE = re.compile(r"\b(?:tools?|systems?|software|engines?|programs?|bots?|classifiers?|detectors?|filters?|"
                      r"recogni\w+|translat\w+ (?:tools?|engines?)|automated|automatic)\b", re.IGNORECASE)
_PEOPLE = re.compile(r"\b(?:staff|employees?|personnel|users?|agents|team|trainees|workers|people|drivers|"
                     r"representatives|managers|volunteers|students)\b", re.IGNORECASE)


def _machine_object(text: str, pos: int) -> bool:
    """Is what is being trained, in the next few words, a machine ("to train automated grading tools")
    rather than people ("train Customer's staff")?"""
    words = []
    for w in text[pos:pos + 80].split()[:6]:
        if w.lower().strip(",;.") in _STOP_OBJECT:
            break
        words.append(w)
        if w.endswith((",", ";", ".")):
            break
    after = " ".join(words)
    return bool(_MACHINE.search(after)) and not _PEOPLE.search(after)


_STOP_OBJECT = {"for", "of", "to", "in", "on", "with", "by", "at", "and", "or", "using", "from", "as", "that",
                "which", "who", "under", "during"}


def choose_mention(text: str, segs: list[Segment]) -> Mention | None:
    ms = _mentions(text, segs)
    for pred in (
        lambda m: m.strong and m.seg.kind == "main" and not m.seg.heading,
        lambda m: m.strong and m.seg.kind == "cond" and not m.seg.heading,
        lambda m: m.strong,
        lambda m: m.seg.kind == "main" and not m.seg.heading,
        lambda m: True,
    ):
        for m in ms:
            if pred(m):
                return m
    return None


def decide(text: str, mention: Mention, segs: list[Segment]) -> tuple[str, str]:
    """(polarity, reason) for the segment holding the mention."""
    seg = mention.seg
    # a long mention ("uploads are not used for AI") can hold the negation itself: read it with the words before
    pre_raw = text[seg.start:mention.end] if mention.end - mention.start > 25 else text[seg.start:mention.start]
    post_raw = text[mention.end:seg.end]
    pre = _clean(pre_raw)
    post = _clean(post_raw)
    if seg.kind == "cond" and seg.opener in ("if", "in the event", "where", "when", "whenever", "once") or (
            seg.kind == "cond" and seg.opener.startswith("if")):
        # "We may terminate your access if you use it to develop competing models"
        main = " ".join(text[s.start:s.end] for s in segs if s.kind == "main")
        if vocab.PENAL.search(main):
            return "forbids", "condition of a penalty"
    if vocab.NOTHING_PREVENTS.search(pre):
        return "grants", "nothing prevents"
    if vocab.LIFT_RESERVATION.search(pre + " " + post):
        return "grants", "lifts a reservation"
    if vocab.RESERVE_RIGHT_TO.search(pre) and not vocab.NEGATION.search(pre):
        return "grants", "reserves the right to"
    if vocab.NEGATION.search(pre) or re.search(r"\bnothing\b", pre, re.IGNORECASE):
        return "forbids", "negated or restricted: " + (vocab.NEGATION.search(pre) or
                                                       re.search(r"nothing", pre, re.IGNORECASE)).group(0)
    if vocab.OPT_OUT.search(pre):
        return "forbids", "opt-out or reservation: " + vocab.OPT_OUT.search(pre).group(0)
    if _CHOOSE.search(pre):
        return "forbids", "a choice for the owner"
    if _ONLY_WITH.search(pre) or _ONLY_WITH.search(post):
        return "forbids", "only with consent"
    if vocab.POST_FORBID.search(post):
        return "forbids", "prohibited after the mention: " + vocab.POST_FORBID.search(post).group(0)
    return "grants", "permitted"


def ai_training_polarity(text: str) -> dict | None:
    """{"polarity": "grants"|"forbids", "mention": str, "reason": str, "strong": bool, "segment": str,
    "span": [start, end]} for a clause that mentions AI at all, else None."""
    text = " ".join(text.split())
    segs = segments(text)
    mention = choose_mention(text, segs)
    if mention is None:
        return None
    polarity, reason = decide(text, mention, segs)
    return {
        "polarity": polarity,
        "mention": text[mention.start:mention.end],
        "reason": reason,
        "strong": mention.strong,
        "segment": text[mention.seg.start:mention.seg.end].strip(),
        "span": [mention.seg.start, mention.seg.end],
        "mention_start": mention.start,
    }


# --- general modality ---------------------------------------------------------------------------------

_GRANT = re.compile(r"\b(?:hereby )?(?:grants?|assigns?|licen[cs]es?|transfers?|conveys?|waives?|releases?)\b|"
                    r"\bhereby\b", re.IGNORECASE)
_PERMIT = re.compile(r"\bmay\b(?! not)|\bcan\b|\bis (?:permitted|entitled|authori[sz]ed|allowed|free) to\b|"
                     r"\b(?:has|have) the right to\b|\bright to\b", re.IGNORECASE)
_REQUIRE = re.compile(r"\b(?:shall|must|will|agrees? to|undertakes? to|is required to|(?:is|are) responsible "
                      r"for)\b", re.IGNORECASE)


_PROHIBIT = re.compile(r"\b(?:shall|will|may|must|can|do|does|is|are)\s+not\b|\b(?:cannot|won['’]t|shan['’]t|"
                      r"mustn['’]t)\b|\bno\s+\w+(?:\s+\w+)?\s+(?:may|shall|will)\b|\bprohibit\w*|\bnever\b|"
                      r"\bin no event\b|\bunder no circumstances\b|\brefrain\w*", re.IGNORECASE)
_KINDS = PatternSet({"grants": _GRANT, "permits": _PERMIT, "prohibits": _PROHIBIT})
_MUST_NOT = re.compile(r"\b(?:shall|will|must)\s+not\b", re.IGNORECASE)
_REQUIRE_FAST, _MUST_NOT_FAST = fast(_REQUIRE), fast(_MUST_NOT)


def modality(text: str, low: str | None = None, met: Met | None = None) -> dict:
    """Which kinds of obligation a clause expresses, and the main one:
    grants | permits | requires | prohibits | neutral. (`low`: the text lower-cased, and `met`:
    lowered.met_in(text, low), when the caller has them.)"""
    cleaned, low, met = _cleaned(text, low, met)
    kinds = _KINDS.hits(cleaned, low, met)
    if _REQUIRE_FAST.possible(cleaned, low, met):  # "shall", "must", "will" ... not followed by "not"
        if _MUST_NOT_FAST.possible(cleaned, low, met):
            cleaned, n = _MUST_NOT.subn(" ", cleaned)
            if n:
                low = cleaned.lower()
                met = met_in(cleaned, low)
        if _REQUIRE_FAST.possible(cleaned, low, met) and _REQUIRE_FAST.search(cleaned, low):
            kinds.append("requires")
    main = "neutral"
    for k in ("prohibits", "grants", "permits", "requires"):
        if k in kinds:
            main = k
            break
    polarity = "forbids" if main == "prohibits" else ("grants" if main in ("grants", "permits") else "neutral")
    return {"modality": main, "modalities": kinds, "polarity": polarity}
