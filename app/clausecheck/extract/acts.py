"""Who does what, for whom, in each sentence of a clause: a small structured reading the checks share.

`acts_of(text, mentions)` returns one record per act found:
    {"act": "indemnify", "actor": "Consultant", "negated": False, "modality": "shall",
     "beneficiary": "Company", "sentence": 0, "limits": ["time"], "text": "..."}
`actor` is the party named as the sentence's subject before the act's verb (the existing party
mentions, so "I", "you", "Consultant", "Kick" all work); `negated` is a negation between the actor
and the verb ("shall not", "will never", "no ... is due"). The acts' vocabulary is language data in
ACTS; the logic does not know any act by name.
"""

from __future__ import annotations

import re

from ..lowered import Met, PatternSet, fast

_I = re.IGNORECASE

# act -> the verb phrase that performs it. Passive forms ("shall be terminated by X") are rare in the
# clauses the checks need and are left to the subject fallback.
ACTS: dict[str, re.Pattern] = {
    "indemnify": re.compile(r"\bindemnif(?:y|ies|ied)\b|\bhold\s+(?:\w+\s+){0,6}?harmless\b|"
                            r"\bdefend\b(?!\s+trade)|\bpay any losses\b|\breimburse\b[^.;]{0,40}\blosses\b", _I),
    "terminate": re.compile(r"\bterminat(?:e|es)\b|\bsuspend\b|\bcancel\b|\bend (?:this|the) (?:agreement|contract|"
                            r"engagement|relationship)\b|\breserves? the right to (?:\w+ ){0,3}terminat\w*|"
                            r"\b(?:stop|cease)\s+providing\b|\bdiscontinue\b|\b(?:disable|block|revoke|restrict)\s+"
                            r"(?:your\s+)?(?:access|account)|\bclose\s+your\s+account\b|\bdelete\s+your\s+account\b", _I),
    "assign_agreement": re.compile(r"\b(?:assign|transfer|delegate)\w*\s+(?:this|these|the)\s+(?:agreement|contract|"
                                   r"terms)\b|\bassign\w*\s+(?:any|all)\s+of\s+(?:its|their|our)\s+rights\b", _I),
    "waive": re.compile(r"\bwaive[sd]?\b|\bagrees? not to (?:assert|enforce)\b|\brelinquish\w*", _I),
    "restrain": re.compile(r"\bnot\s+(?:\w+\s+){0,3}(?:solicit|recruit|hire|compete|engage in|disparage)\w*|"
                           r"\brefrain from\b", _I),
    "sue": re.compile(r"\b(?:bar|barred|bars)\b[^.;]{0,40}\b(?:legal )?action\b|\bnot (?:to )?sue\b|"
                      r"\bcovenants? not to sue\b|\bright to sue\b", _I),
    "limit_liability": re.compile(r"\b(?:aggregate |total |entire |cumulative )?liabilit(?:y|ies)\b[^.;]{0,200}?"
                                  r"\b(?:shall not exceed|will not exceed|not to exceed|exceed|limited to|capped at)\b|"
                                  r"\b(?:shall|will) (?:not|in no event|under no circumstances)\s+be\s+liable\b|"
                                  r"\bin no event\b[^.;]{0,80}\bliable\b|"
                                  r"\b(?:is|are|be|shall be|will be)\s+not\s+(?:responsible\s+(?:or|and|nor)\s+)?liable\b|"
                                  r"\b(?:not|never)\s+(?:be\s+)?(?:held\s+)?(?:responsible|liable)\s+(?:or\s+liable\s+)?for\b|"
                                  r"\bwith(?:out)?\s+(?:any\s+)?liability\b|\bwith no liability\b|\bexclud\w*\s+(?:all\s+)?"
                                  r"(?:its\s+|our\s+)?liability\b|\bliable only\b|\bhave no liability\b", _I),
}

NEGATIVE_ACTS = {"restrain", "sue", "limit_liability"}
NEGATION = re.compile(r"\b(?:not|never|no|neither|nor|cannot|won['’]t|can['’]t|don['’]t|shan['’]t)\b", _I)
MODAL = re.compile(r"\b(?:shall|will|must|may|can|agrees? to|hereby|undertakes? to|is entitled to|reserves? the "
                   r"right to)\b", _I)
LIMITS = {
    "time": re.compile(r"\b(?:for|during) (?:a period of )?(?:\w+ )?\(?\d+\)? (?:days|months|years)\b|\buntil\b", _I),
    "notice": re.compile(r"\bnotice\b", _I),
    "at_will": re.compile(r"\bat any time\b|\bfor any reason\b|\bwith or without (?:cause|notice|reason)\b|"
                          r"\b(?:or )?(?:for )?no reason\b|\bin (?:its|our|their) (?:sole )?discretion\b|"
                          r"\bfor convenience\b|\banytime\b", _I),
    "perpetual": re.compile(r"\bperpetu\w+|\bin perpetuity\b|\bend of time\b|\bindefinitely\b|\bwithout (?:limit|end)\b|"
                            r"\bnot limited in time\b|\bforever\b", _I),
    "mutual": re.compile(r"\beither party\b|\beach party\b|\bneither party\b|\bboth parties\b|\bmutual\w*\b|"
                         r"\bthe parties\b|\beither of us\b|\bneither of us\b", _I),
}
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z(“\"])")


def sentences(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in _SENTENCE.split(text):
        start = text.find(part, pos)
        out.append((start, part))
        pos = start + len(part)
    return out


_PREPOSITION = re.compile(r"\b(?:of|to|by|for|with|from|against|toward|towards|behalf of|than|under|between|"
                          r"and its|upon|on)\s+(?:the\s+|any\s+|each\s+|such\s+)?$", _I)
_RELATIVE = re.compile(r",\s*(?:which|who|whose|as)\b[^,]{0,200},?", _I)


_THAT = re.compile(r"\b(?:agree|agrees|acknowledge|acknowledges|understand|understands|accept|accepts|confirm|"
                   r"confirms|represent|represents|warrant|warrants|recogni[sz]e|recogni[sz]es|note|notes)\s+"
                   r"(?:and\s+\w+\s+)?that\b", _I)


def _actor(text: str, mentions: list[dict], start: int, verb_at: int) -> dict | None:
    """The subject acting with the verb at `verb_at`: the last party mention before it in the same
    sentence that is not possessive, not the object of a preposition ("obligations of the Controller",
    "responsible to OVH") and not inside a relative clause (", which is responsible to OVH,")."""
    hidden = [(m.start() + start, m.end() + start) for m in _RELATIVE.finditer(text[start:verb_at])]
    # "you acknowledge and agree that Under Armour is not responsible": the verb's subject comes after
    # the last "that" of a reporting verb, not before it
    clause_start = start
    for m in _THAT.finditer(text[start:verb_at]):
        clause_start = start + m.end()
    best = None
    for m in mentions:
        if not (clause_start <= m["start"] < verb_at) or m["possessive"] or m.get("object"):
            continue
        if _PREPOSITION.search(text[max(start, m["start"] - 30):m["start"]]):
            continue
        if any(a <= m["start"] < b for a, b in hidden):
            continue
        best = m
    return best


def _owner_of_liability(text: str, mentions: list[dict], start: int, verb_at: int) -> dict | None:
    """Whose liability is limited: "Kick's aggregate liability", "our liability", "the liability of X"."""
    window = text[start:verb_at]
    m = re.search(r"\bliabilit(?:y|ies)\s+of\s+(?:the\s+)?(\w+)", window, _I)
    if m:
        for mt in mentions:
            if mt["start"] == start + m.start(1):
                return mt
    owner = None
    for mt in mentions:
        if start <= mt["start"] < verb_at and mt["possessive"]:
            after = text[mt["end"]:mt["end"] + 40]
            if re.match(r"(?:['\u2019]s)?\s+(?:\w+\s+){0,2}liabilit", after, _I):
                owner = mt
    return owner


def _beneficiary(mentions: list[dict], verb_end: int, end: int, actor: str | None) -> str | None:
    for m in mentions:
        if verb_end <= m["start"] < end and m["party"] != actor:
            return m["party"]
    return None


_NAMED_SUBJECT = re.compile(r"(?:^|[,;:]\s*|\b(?:that|then|and)\s+)((?:[A-Z][\w&'\u2019.-]*)(?:\s+[A-Z][\w&'\u2019.-]*){0,2})"
                            r"(?:['\u2019]s\s+\w+)?\s+(?:\w+\s+){0,3}?(?i:may|shall|will|can|reserves?|is|are|has|have|does)\b")
_NOT_A_SUBJECT = {"If", "The", "This", "These", "To", "In", "Any", "All", "Each", "No", "Nothing", "Such", "When", "Where",
                  "Subject", "Notwithstanding", "Except", "Unless", "Our", "Your", "You", "We", "It", "They", "There"}


def _named_subject(before: str) -> str | None:
    m = None
    for m in _NAMED_SUBJECT.finditer(before):
        pass
    if m is None:
        return None
    name = m.group(1)
    first = name.split()[0]
    return None if first in _NOT_A_SUBJECT or first.title() in _NOT_A_SUBJECT else name


_ACTS = PatternSet(ACTS)
_LIMITS = PatternSet(LIMITS)


# each act's pattern, to ask whether a clause holds the strings it needs
_ACT_TESTS = [fast(rx) for rx in ACTS.values()]


def may_hold_acts(text: str, low: str, met: Met | None = None) -> bool:
    """Whether the clause holds the strings some act needs: a sentence holds only strings the clause holds
    (at a word's start too: sentences are cut at spaces), so a clause without them (most clauses) has no
    act in any sentence, and its party mentions need not be looked for."""
    return any(fp.possible(text, low, met) for fp in _ACT_TESTS)


def acts_of(text: str, mentions: list[dict], low: str | None = None, met: Met | None = None) -> list[dict]:
    """The acts of each sentence (`low`: the text lower-cased, and `met`: lowered.met_in(text, low), when
    the caller has them)."""
    low = text.lower() if low is None else low
    if not may_hold_acts(text, low, met):
        return []
    out = []
    for n, (start, sent) in enumerate(sentences(text)):
        end = start + len(sent)
        low = sent.lower()
        for act, m in _ACTS.matches(sent, low):
            verb_at, verb_end = start + m.start(), start + m.end()
            actor = _actor(text, mentions, start, verb_at)
            if act == "limit_liability":
                actor = _owner_of_liability(text, mentions, start, verb_at) or actor
            between = text[actor["end"]:verb_at] if actor else text[max(start, verb_at - 40):verb_at]
            mod = MODAL.search(between)
            out.append({
                "act": act,
                "actor": actor["party"] if actor else None,
                # a subject the contract never defined ("Skyscanner may terminate", "GARMIN SHALL NOT BE LIABLE")
                "actor_name": None if actor else _named_subject(text[start:verb_at]),
                # the negation of a restraint, a promise not to sue or a cap is the act itself, not its denial
                "negated": act not in NEGATIVE_ACTS and bool(NEGATION.search(between)),
                "modality": mod.group(0).lower() if mod else None,
                "beneficiary": _beneficiary(mentions, verb_end, end, actor["party"] if actor else None),
                "limits": _LIMITS.hits(sent, low),
                "sentence": n,
                "text": sent[:300],
            })
    return out
