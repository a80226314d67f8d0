"""Clause attributes the red-line checks need: polarity and modality, who gives what to whom, scope,
AI terms (and the polarity of AI-training clauses), carve-outs, money, percentages and durations.

`reading_for(clause, doc)` reads one clause of a document: a ClauseReading, whose attributes are worked out as
they are asked for, and `.as_dict()` all of them as plain JSON-ready data. Party detection runs once per
document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from ..lowered import PatternSet, fast, met_in, normalised
from . import amounts, vocab
from .acts import acts_of, may_hold_acts
from .alternatives import alternatives
from .parties import GENERIC_TERMS, PRONOUNS, Parties, Party, find_parties, sides_for, word_start
from .polarity import ai_training_polarity, modality, segments
from .values import document_values

__all__ = [
    "Parties",
    "Party",
    "ai_training_polarity",
    "attributes_of_text",
    "ClauseReading",
    "document_values",
    "find_parties",
    "modality",
    "parties_of",
    "reading_for",
    "segments",
    "sides_for",
]


@lru_cache(maxsize=64)
def _parties_cached(sha: str, text: str) -> Parties:
    return find_parties(text)


def parties_of(doc) -> Parties:
    """The document's parties (cached per document text)."""
    return _parties_cached(getattr(doc, "sha256", ""), doc.text)


# --- party mentions ---------------------------------------------------------------------------------

_POSSESSIVE_PRON = {"your", "yours", "our", "ours", "my", "mine"}
_OBJECT_PRON = {"us", "me"}


_PRONOUN_FORMS = frozenset(f for fs in PRONOUNS.values() for f in fs)
_WORD_CHAR = re.compile(r"\w")


def _alternation(named: tuple[str, ...], pronouns: bool, shouting: bool) -> re.Pattern | None:
    """Party names and role words (the longest first), then, with `pronouns`, a pronoun (any case) and
    "I", each a whole word (None: nothing to find). A clause set in capitals ("IN NO EVENT SHALL COMPANY
    BE LIABLE") names its parties in capitals too: then the names are found in any case."""
    named = sorted((t for t in named if t.lower() not in _PRONOUN_FORMS), key=len, reverse=True)
    prons = sorted(_PRONOUN_FORMS - {"i"}, key=len, reverse=True) if pronouns else []
    if not named and not prons:
        return None
    if shouting or not all(_WORD_CHAR.match(t) for t in named):
        parts = [r"\b(?:" + "|".join(map(re.escape, named)) + r")\b"] if named else []
        if prons:
            parts.append(r"\b(?i:" + "|".join(prons) + r")\b|\bI\b")
        return re.compile("|".join(parts), re.IGNORECASE if shouting else 0)
    # The same alternatives grouped by their first character, each group starting with that character as
    # written: re then finds where a match may start by scanning for those characters, instead of trying
    # every alternative at every word boundary (the \b before the first character becomes a look-behind).
    groups: dict[str, list[str]] = {}
    for t in named:
        groups.setdefault(t[0], []).append(re.escape(t[1:]) + r"\b")
    for p in prons:
        for first in dict.fromkeys((p[0], p[0].upper())):
            groups.setdefault(first, []).append("(?i:" + re.escape(p[1:]) + r")\b")
    if prons:
        groups.setdefault("I", []).append(r"\b")
    return re.compile("|".join(f"{word_start(c)}(?:{'|'.join(alts)})" for c, alts in groups.items()))


@lru_cache(maxsize=2)
def _shared_re(shouting: bool) -> re.Pattern:
    """Every role word a contract may name a party by, the pronouns and "I": the part of the mention
    pattern all contracts share, compiled once (a pattern of them all takes some 3 ms to compile)."""
    return _alternation(GENERIC_TERMS, True, shouting)


@lru_cache(maxsize=256)
def _names_re(names: tuple[str, ...], shouting: bool) -> re.Pattern | None:
    """The contract's own names for its parties: a few words, cheap to compile for each contract."""
    return _alternation(names, False, shouting)


def _mention_matches(text: str, parties: Parties, shouting: bool) -> list[re.Match]:
    """The party mentions in `text`: what one pattern of the contract's names, then the role words it has no
    term for in any spelling, then the pronouns and "I" (_alternation of them all) finds, found with two:
    the contract's names (compiled per contract) and the words every contract shares (compiled once).

    Why the same: a shared word is a whole word (letters to a word boundary) and no name starts inside a
    word, so where both patterns match, the name is as long or longer, and comes first in the one pattern;
    finditer of the shared pattern gives every place it matches. The one pattern's matches are therefore
    both lists' in order, the name first at a place, less any starting inside the last one taken (role
    words inside a name). A role word the contract spells its own way ("COMPANY") is not in the one
    pattern: only a name can match where the shared pattern finds it."""
    shared = _shared_re(shouting)
    respelt = parties.respelt_roles
    found = [m for m in shared.finditer(text) if m.group() not in respelt] if respelt else list(shared.finditer(text))
    names = _names_re(parties.names, shouting)
    own = list(names.finditer(text)) if names is not None else []
    if not own:
        return found
    out: list[re.Match] = []
    end = 0
    for m in sorted(own + found, key=re.Match.start):  # stable: a name before a shared word at the same place
        if m.start() >= end:
            out.append(m)
            end = m.end()
    return out


_NOT_LETTER = re.compile(r"[\W\d_]+")


_NOT_ASCII_LETTER = bytes(b for b in range(256) if not chr(b).isalpha() or b > 127)
_NOT_ASCII_CAPITAL = bytes(b for b in range(256) if not chr(b).isupper() or b > 127)


_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")


def _shouting(text: str) -> bool:
    """Set in capitals: over 40 letters in its first 2,000 characters, more than 80 % of them capitals."""
    head = text[:2000]
    if head.isascii() or not _NON_ASCII_LETTER.search(head):
        # most clauses, and those whose only non-ASCII characters are curly quotes or dashes: count letters
        # and capitals by deleting the rest, in C (in UTF-8 every byte of a non-ASCII character is > 127)
        raw = head.encode()
        letters = len(raw.translate(None, _NOT_ASCII_LETTER))
        return letters > 40 and len(raw.translate(None, _NOT_ASCII_CAPITAL)) > 0.8 * letters
    letters = _NOT_LETTER.sub("", head)
    if len(letters) <= 40:
        return False
    low = letters.lower()
    if len(low) != len(letters):  # a capital that lower-cases to two characters ("İ"): count one by one
        return sum(ch.isupper() for ch in letters) > 0.8 * len(letters)
    import numpy as np  # here, not at import: `clausecheck library` reads the extractors but never runs them

    # a capital is a letter that lower-casing changes: count those in C, not char by char
    changed = np.count_nonzero(np.frombuffer(letters.encode("utf-32-le"), dtype=np.uint32)
                               != np.frombuffer(low.encode("utf-32-le"), dtype=np.uint32))
    return changed > 0.8 * len(letters)


_APOSTROPHE_S = re.compile(r"[’']s\b")
_NEXT_CAPITALISED = re.compile(r" (?:[A-Z][a-z]+)\b")
_NEXT_COMPANY_WORD = re.compile(r" (?:Inc|Ltd|Limited|LLC|Corp|Corporation|Co|Labs|Group|Media|Software|Technologies|"
                                r"Press|Studio|Audio|Books)\b")


def _mentions(text: str, parties: Parties) -> list[dict]:
    out = []
    for m in _mention_matches(text, parties, _shouting(text)):
        word = m.group(0)
        low = word.lower()
        after = text[m.end():m.end() + 24]
        possessive = (low in _POSSESSIVE_PRON or bool(_APOSTROPHE_S.match(after))
                      or (low not in _PRONOUN_FORMS and bool(_NEXT_CAPITALISED.match(after))
                          and not _NEXT_COMPANY_WORD.match(after)))
        party = parties.find_term(word)
        if party is None and word.isupper():  # "COMPANY" in a clause set in capitals
            party = next((p for p in parties.parties for t in p.terms if t.lower() == low), None)
        if party is None:
            party = p_name_match(parties, word)
        out.append({"text": word, "start": m.start(), "end": m.end(), "possessive": possessive,
                    "object": low in _OBJECT_PRON, "party": party.main if party else word})
    return out


def p_name_match(parties: Parties, word: str) -> Party | None:
    for p in parties.parties:
        if p.name and p.name == word:
            return p
    return None


_MODAL = re.compile(r"\s*(?:,[^,]{0,60},\s*)?(?:(?:and|or|and/or)\s+(?:its|their|our|his|her)\s+[\w\s-]{1,40}?\s+)?"
                    r"(?:hereby\s+|also\s+|expressly\s+|irrevocably\s+|unconditionally\s+|"
                    r"further\s+|shall\s+not\s+|will\s+not\s+|may\s+not\s+|must\s+not\s+)*(?:may|will|shall|must|"
                    r"can|cannot|won['’]t|can['’]t|do|does|agrees?|acknowledges?|is|are|has|have|grants?|assigns?|"
                    r"licen[cs]es?|waives?|undertakes?|reserves?|permits?|authori[sz]es?|consents?|uses?|use|"
                    r"retains?|owns?|understands?|represents?|warrants?|promises?|should|would|need)\b", re.IGNORECASE)
_GRANT_VERB = re.compile(r"\b(?:grants?|granting|authori[sz]es?|authori[sz]ing|permits?|allows?|lets?|letting|"
                         r"licen[cs]es?|consents? to|gives?|giving|entitles?)\b\s*$", re.IGNORECASE)


def _subject(window: str, mentions: list[dict], offset: int) -> dict | None:
    """The party acting in `window` (which starts at `offset`): the grantee after a grant verb
    ("you grant us ...", "Customer authorises Vendor to use"), else the last non-possessive party
    mention followed by a verb."""
    found = None
    for mt in mentions:
        s = mt["start"] - offset
        if s < 0 or s >= len(window):
            continue
        if _GRANT_VERB.search(window[max(0, s - 40):s]) and not mt["possessive"]:  # the 40 characters before it
            found = mt  # the grantee is the one who acts
            continue
        if mt["possessive"]:
            continue
        if _MODAL.match(window, s + len(mt["text"])):
            found = mt
    return found


_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?(?:used|processed|included|shared|"
                      r"licensed|sold|mined|supplied|fed|ingested|retained|incorporated|made available|reviewed)\b",
                      re.IGNORECASE)
_BY_PARTY = re.compile(r"\bby\s+(?:the\s+)?(\w+)", re.IGNORECASE)


def _ai_parties(text: str, span: list[int], mentions: list[dict], mention_start: int | None = None
                ) -> tuple[str | None, str | None]:
    """(actor, owner) for the AI-training segment: who would train, and whose material it is (named before
    the training words)."""
    a, b = span
    mention_start = b if mention_start is None else mention_start
    seg = text[a:b]
    inside = [m for m in mentions if a <= m["start"] < b]
    subj = _subject(seg, inside, a)
    actor = subj["party"] if subj else None
    if _PASSIVE.search(seg):
        by = _BY_PARTY.search(seg[_PASSIVE.search(seg).end():][:40])
        byp = [m for m in inside if by and m["text"].lower() == by.group(1).lower()]
        if byp:
            actor = byp[0]["party"]
        elif subj and subj["start"] - a < _PASSIVE.search(seg).start():
            # "Customer Data will not be used" - the subject is the material, not an actor
            actor = None if subj["possessive"] else actor
    owner = None
    for m in inside:
        if m["start"] >= mention_start:
            break  # "... as training data for the Publisher's tools": whose tools, not whose material
        if m["possessive"] and (subj is None or m["party"] != actor or m["start"] > subj["start"]):
            owner = m["party"]
            break
    return actor, owner


# --- who gives what to whom ---------------------------------------------------------------------------

_TRANSFER = re.compile(
    r"\b(?P<verb>assign(?:s|ed)?|grant(?:s|ed)?|licen[cs]es|licen[cs]ed(?= to\b)|transfer(?:s|red)?|convey(?:s|ed)?|waive[sd]?|"
    r"release[sd]?|belong(?:s)?|(?:shall|will) be (?:the (?:sole and )?exclusive )?property of|owned (?:exclusively )?by|"
    r"works? made for hire)\b",
    re.IGNORECASE,
)


_TRANSFER_FAST = fast(_TRANSFER)


def transfers(text: str, mentions: list[dict], low: str | None = None) -> list[dict]:
    out = []
    for m in _TRANSFER_FAST.finditer(text, low):  # on the lower-cased text: the verb is lower-cased anyway
        verb = m.group("verb").lower()
        before = [x for x in mentions if x["end"] <= m.start() and m.start() - x["end"] < 80 and not x["possessive"]]
        after = [x for x in mentions if x["start"] >= m.end() and x["start"] - m.end() < 60 and not x["possessive"]]
        giver = before[-1]["party"] if before else None
        receiver = after[0]["party"] if after else None
        if verb.startswith(("belong", "owned", "shall be", "will be", "work")) or re.match(
                r"\s*to\b", text[m.end():m.end() + 5]) is None and verb.endswith("ed"):
            # "belongs to X", "owned by X", "is assigned to X": the party after is the receiver
            giver = None if not verb.startswith("work") else giver
        if verb.startswith("waive"):
            receiver = None
        if giver and receiver and giver == receiver:
            receiver = after[1]["party"] if len(after) > 1 else None
        obj = text[m.end():m.end() + 120].strip()
        kind = ("assignment" if verb.startswith(("assign", "transfer", "convey", "belong", "owned", "shall be",
                                                  "will be", "work"))
                else "waiver" if verb.startswith(("waive", "release")) else "licence")
        out.append({"kind": kind, "verb": verb, "giver": giver, "receiver": receiver, "object": obj[:120]})
    return out


# --- the attributes -----------------------------------------------------------------------------------

_SAFEGUARDS = {
    "opt_out": re.compile(r"\bopt(?:s|ed|ing)?[- ]?out\b|\bturn (?:this|it|that)? ?off\b|\bdisabl\w*|\bwithdraw\w*|"
                          r"\b(?:settings?|dashboard|data controls)\b|\bremove\w* \w+ (?:from|content)\b", re.IGNORECASE),
    "opt_in": re.compile(r"\bopt(?:s|ed|ing)?[- ]?in\b|\bif you (?:choose|elect|agree) to\b|\bjoin\w* the\b", re.IGNORECASE),
    "consent": re.compile(r"\b(?:prior |separate |express |informed )?(?:written )?(?:consent|approval|permission)\b|"
                          r"\bseparate (?:written )?agreement\b", re.IGNORECASE),
    "payment": re.compile(r"\broyalt(?:y|ies)\b(?!-free)|\b(?:will|shall) (?:be )?(?:receive|paid|pay)\b|\bpayments?\b|"
                          r"\bcompensat\w+\b|\bshare of\b|\bpercent\b|%|\bnet receipts\b|\brevenue\b|\bfees?\b|"
                          r"\bin exchange\b|\bin consideration\b", re.IGNORECASE),
    "aggregated": re.compile(r"\baggregat\w*|\bde-?identif\w*|\banonymi[sz]\w*|\bpseudonymi[sz]\w*", re.IGNORECASE),
    "customer_only": re.compile(r"\bcustomer-specific\b|\bfor (?:the )?(?:customer|client|you)(?:'s)? (?:own )?(?:exclusive )?"
                                r"(?:use|benefit)\b|\bexclusive use\b|\bdedicated\b|\bsolely for (?:customer|you|client)\b|"
                                r"\bfor customer only\b|\bown exclusive use\b|\binternal use only\b|\bin-house\b", re.IGNORECASE),
    "shared": re.compile(r"\b(?:all|other|any other) (?:customers?|clients?|users)\b|\bcustomer base\b|"
                         r"\bthird part(?:y|ies)\b|\btechnology companies\b|\bpartners\b|\bothers\b", re.IGNORECASE),
    "time_limit": re.compile(r"\bfor (?:a period of )?\w+ \(?\d*\)? ?(?:days|months|years)\b|\buntil\b|"
                             r"\bexpires?\b|\bterm of\b", re.IGNORECASE),
}


_USE_VERB = re.compile(
    r"\b(?:use[sd]?|using|usage|include[sd]?|including|licen[cs]\w*|feed\w*|supply|supplied|process\w*|input\w*|"
    r"upload\w*|submit\w*|analy[sz]\w*|min(?:e|ed|ing)|scrap\w*|collect\w*|harvest\w*|ingest\w*|share[sd]?|"
    r"sharing|sell|sold|train\w*|fine-?tun\w*|retrain\w*|improv\w*|develop\w*|creat\w*|build\w*|refin\w*|"
    r"enhanc\w*|benchmark\w*|evaluat\w*|learn\w*|paste|enter|run|put|reproduc\w*|mak\w* available|"
    r"authori[sz]\w*|permit\w*|consent\w*|reserv\w*|opt\w*|grant\w*|help\w*|derive|exploit\w*|"
    r"made available|offer\w*|provid\w*)\b", re.IGNORECASE)


_USE_FOR_TRAINING = re.compile(
    r"\b(?:use|using|used|usage|include|including|included|licen[cs]e|licensed|licensing|supply|supplied|feed|feeding|"
    r"fed|submit\w*|input\w*|upload\w*|paste|enter|process\w*|analy[sz]\w*|mine|mined|mining|scrap\w*|harvest\w*|"
    r"shar\w*|sell|sold|make available|made available|ingest\w*|run|put|collect\w*|reproduc\w*|add\w*|"
    r"incorporat\w*)\b[^.;]{0,120}?\b(?:to|for|as|in|into|through)\b[^.;]{0,60}?\b(?:(?:re)?train\w*|fine-?tun\w*|"
    r"machine[- ]learning|AI\b|artificial intelligence|models?\b|data ?sets?|corpus|text (?:and|&) data mining|"
    r"data mining|generative|algorithms?|neural|digital replicas?|synthetic)|"
    r"\b(?:re)?train\w*\b[^.;]{0,40}\b(?:on|with|using|from)\b|\b(?:training|fine-tuning|development) of\b[^.;]{0,60}"
    r"\b(?:models?|AI\b|artificial|machine)|\blearn\w* from\b|\b(?:create|build|train)\w*\b[^.;]{0,40}\b(?:digital "
    r"replica|voice model|synthetic voice)|\b(?:excluded|exclude\w*|opt\w*[- ]out)\b[^.;]{0,60}\b(?:train\w*|model "
    r"improvement)|\bmodel (?:training|improvement)\b|\btraining (?:data|material|corpus|purposes)\b|"
    r"\b(?:text (?:and|&) data mining|TDM)\b",
    re.IGNORECASE,
)


_SCOPE = PatternSet(vocab.SCOPE)
_AI_TERMS = PatternSet(vocab.AI_TERMS)
_CARVE_OUTS = PatternSet(vocab.CARVE_OUTS)
# only asked whether it matches: each alternative pre-tested for its own strings (see alternatives.py)
_TRAINING_USE = PatternSet(dict(enumerate(alternatives(vocab.TRAINING_USE))))


def attributes_of_text(text: str, parties: Parties | None = None) -> dict:
    """Every attribute of a clause's text, as plain data (JSON-ready)."""
    return ClauseReading(text, parties).as_dict()


def reading_for(clause, doc) -> ClauseReading:
    """The attributes of one clause of `doc` (None: no document, no parties), worked out as they are read."""
    return ClauseReading(clause.text, parties_of(doc) if doc is not None else None)


_UNREAD = object()


class ClauseReading(Mapping):
    """A clause's attributes, each worked out the first time it is asked for and kept: `as_dict()` gives
    them all (what an analysis keeps), while reading only some (what the checks ask of a clause) skips
    the rest. Each attribute is worked out one way, by the method named for it, whichever is asked.

    Keys, in this order: modality, modalities, polarity, subject, parties_mentioned, transfers, scope,
    ai_terms, carve_outs, money, percentages, durations, acts, and ai_training when the clause is about
    training AI on material (then its polarity is the clause's when it is strong)."""

    __slots__ = ("text", "low", "met", "parties", "_kept", "_mentions", "_modality")

    def __init__(self, text: str, parties: Parties | None = None) -> None:
        # PDF line breaks must not split "now known or\nlater developed"
        self.text, self.low = normalised(text)
        self.parties = parties or Parties([])
        self.met = met_in(self.text, self.low)  # the strings the clause holds, for the pre-tests of the patterns
        self._kept: dict = {}  # each attribute worked out so far (ai_training: None when the clause has none)
        self._mentions = self._modality = _UNREAD

    def _read(self, key: str):
        """The attribute, worked out once (ai_training may be None)."""
        kept = self._kept
        if key not in kept:
            kept[key] = _READERS[key](self)
        return kept[key]

    def __getitem__(self, key: str):
        if key not in _READERS:
            raise KeyError(key)
        value = self._read(key)
        if value is None and key == "ai_training":
            raise KeyError(key)
        return value

    def __iter__(self):
        return (key for key in _READERS if key != "ai_training" or self._read(key) is not None)

    def __len__(self) -> int:
        return len(_READERS) - (self._read("ai_training") is None)

    def as_dict(self) -> dict:
        """Every attribute, in the order of the keys."""
        return {key: self._read(key) for key in self}

    # --- what several attributes share -------------------------------------------------------------------
    def mentions(self) -> list[dict]:
        if self._mentions is _UNREAD:
            self._mentions = _mentions(self.text, self.parties)
        return self._mentions

    def _mod(self) -> dict:
        if self._modality is _UNREAD:
            self._modality = modality(self.text, self.low, self.met)
        return self._modality

    # --- the attributes, each worked out (ClauseReading._read keeps them) ----------------------------------
    def modality(self) -> str:
        return self._mod()["modality"]

    def modalities(self) -> list[str]:
        return self._mod()["modalities"]

    def polarity(self) -> str:
        ai = self._read("ai_training")
        return ai["polarity"] if ai is not None and ai["training_use"] else self._mod()["polarity"]

    def subject(self) -> str | None:
        subj = _subject(self.text, self.mentions(), 0)
        return subj["party"] if subj else None

    def parties_mentioned(self) -> list[str]:
        return sorted({m["party"] for m in self.mentions()})

    def transfers(self) -> list[dict]:
        if not _TRANSFER_FAST.possible(self.text, self.low, self.met):
            return []  # no transfer verb: its mentions need not be looked for
        return transfers(self.text, self.mentions(), self.low)

    def scope(self) -> list[str]:
        text = self.text
        scope = _SCOPE.hits(text, self.low, self.met)
        if "exclusive" in scope and "non_exclusive" in scope and not re.search(
                r"(?<!non-)(?<!non)\bexclusive\b", re.sub(r"non[- ]?exclusive", "", text, flags=re.IGNORECASE),
                re.IGNORECASE):
            scope.remove("exclusive")
        return scope

    def ai_terms(self) -> list[str]:
        return _AI_TERMS.hits(self.text, self.low, self.met)

    def carve_outs(self) -> list[str]:
        return _CARVE_OUTS.hits(self.text, self.low, self.met)

    def money(self) -> list[dict]:
        return amounts.money(self.text, self.low, self.met)

    def percentages(self) -> list[dict]:
        return amounts.percentages(self.text, self.low, self.met)

    def durations(self) -> list[dict]:
        return amounts.durations(self.text, self.low, self.met)

    def acts(self) -> list[dict]:
        if not may_hold_acts(self.text, self.low, self.met):
            return []
        return acts_of(self.text, self.mentions(), self.low, self.met)

    def ai_training(self) -> dict | None:
        """Who would train AI on whose material, how the clause stands on it and its safeguards; None when
        the clause is not about that ("training" of people, no AI terms)."""
        text = self.text
        if not (self._read("ai_terms") or _TRAINING_USE.hits(text, self.low, self.met)):
            return None
        pol = ai_training_polarity(text)  # None when "training" is about people, not machines
        if not pol:
            return None
        actor, owner = _ai_parties(text, pol["span"], self.mentions(), pol.get("mention_start"))
        safeguards = [k for k, rx in _SAFEGUARDS.items() if rx.search(text)]
        if "royalty_free" in self._read("scope") and "payment" in safeguards and not re.search(
                r"\broyalt(?:y|ies)\b(?!-free)|\bshare of\b|%|\bpercent\b", text, re.IGNORECASE):
            safeguards.remove("payment")
        seg_text = text[pol["span"][0]:pol["span"][1]]
        return {
            "polarity": pol["polarity"],
            "training_use": pol["strong"],
            "about_use": bool(_USE_VERB.search(seg_text)),
            "use_for_training": bool(_USE_FOR_TRAINING.search(text)),
            "mention": pol["mention"],
            "reason": pol["reason"],
            "actor": actor,
            "owner": owner,
            "safeguards": safeguards,
        }


#: each attribute's key and the method that works it out, in the order an analysis lists them
_READERS = {name: getattr(ClauseReading, name) for name in (
    "modality", "modalities", "polarity", "subject", "parties_mentioned", "transfers", "scope", "ai_terms",
    "carve_outs", "money", "percentages", "durations", "acts", "ai_training")}
