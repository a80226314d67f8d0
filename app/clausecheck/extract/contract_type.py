"""What kind of contract this is, from its title and opening and from the words its body keeps using.

Types (ids shown in the report): employment, invention_assignment, consulting, creator_licence,
platform_terms, saas_terms, model_licence, nda, dpa, other_commercial. Checks that belong to some
types stay silent on the others (see `applies_to` in the clause library).
"""

from __future__ import annotations

import math
import re

from .. import lowered
from ..lowered import FastPattern, count_in_windows, for_lower, max_width
from ..needs import need_sets, strings
from .alternatives import alternatives

TYPES = {
    "employment": "Employment or offer letter",
    "invention_assignment": "Invention assignment / confidentiality (PIIA)",
    "consulting": "Contractor or consulting agreement",
    "creator_licence": "Creator, contributor or content licence",
    "platform_terms": "Platform or website terms",
    "saas_terms": "SaaS, cloud or AI service terms",
    "model_licence": "AI model licence",
    "nda": "Non-disclosure agreement",
    "dpa": "Data processing agreement",
    "other_commercial": "Other commercial agreement",
}

_I = re.IGNORECASE
# (pattern, weight in the title/opening, weight per occurrence in the body, cap for the body). Repeats are
# bounded ("\w{0,40}", not "\w*") where they can be: a pattern of bounded length is searched only around
# the strings it needs (FastPattern.count), not along the whole body
SIGNALS: dict[str, list[tuple[re.Pattern, float, float, float]]] = {
    "employment": [
        (re.compile(r"\boffer (?:letter|of employment)\b|\bemployment (?:agreement|contract|offer)\b|"
                    r"\bat-will employment\b|\bwe are (?:pleased|delighted|excited) to offer you\b|\bcontract of employment\b|"
                    r"\b(?:is )?offering you the (?:job|position|role)\b|\byour offer\b", _I), 6, 1, 4),
        (re.compile(r"\b(?:base )?salary\b|\bstart date\b|\bat[- ]will\b|\bbenefits\b|\bpaid time off\b|"
                    r"\bexempt employee\b|\bjob title\b", _I), 1, 0.3, 3),
    ],
    "invention_assignment": [
        (re.compile(r"\binvention (?:and|&)? ?(?:non-?disclosure|assignment)|\bproprietary information and inventions\b|"
                    r"\bPIIA\b|\bCIIAA?\b|\bintellectual property (?:assignment|rules)\b|"
                    r"\bconfidential information (?:and|&) (?:intellectual property|invention)", _I), 6, 1, 3),
        (re.compile(r"\bprior inventions?\b|\bassign(?:s|ment)? to the company\b|\binventions?\b", _I), 0.5, 0.25, 3),
    ],
    "consulting": [
        (re.compile(r"\bconsult(?:ing|ancy|ant) (?:services )?agreement\b|\b(?:independent )?contractor "
                    r"(?:agreement|terms)\b|\bwork[- ]for[- ]hire contract\b|\bfreelance\b|\bstatement of work\b|"
                    r"\bservices agreement\b", _I), 5, 0.5, 3),
        (re.compile(r"\b(?:the )?(?:Consultant|Contractor|Freelancer)\b|\binvoices?\b|\bhourly rate\b", 0), 0.5, 0.2, 3),
    ],
    "creator_licence": [
        (re.compile(r"\bcontributor (?:license|licence) agreement\b|\bcontributor terms\b|\bpublishing agreement\b|"
                    r"\bbook contract\b|\b(?:photo|image|music|content|font) licen[cs]e\b|\bopen font license\b|"
                    r"\bpartner (?:programme|program|conditions|terms)\b|\bcreator (?:terms|agreement|fund)\b|"
                    r"\binfluencer\b|\bstock contributor\b|\bdonate your voice\b|\brelease form\b|"
                    r"\bauthor(?:-publisher)? agreement\b|\b(?:photography|illustration|artwork) licen[cs]e\b|"
                    r"\b(?:voice|talent|performer|model) (?:talent )?(?:and [\w ]{1,60} )?agreement\b|\bLicensor\b", _I), 5, 0.5, 3),
        (re.compile(r"\b(?:your )?contributions?\b|\broyalt(?:y|ies)\b|\bstreamer\b|\bartist\b|\bcreator\b|"
                    r"\bmoral rights\b|\bcredit\b|\bupload\w{0,40}\b", _I), 0.5, 0.15, 3),
    ],
    "platform_terms": [
        (re.compile(r"\bterms of (?:service|use)\b|\buser agreement\b|\bcommunity guidelines\b|\bterms and conditions\b",
                    _I), 4, 0.3, 2),
        (re.compile(r"\byour (?:account|content|use of the (?:service|site|platform))\b|\bwebsites?\b|\bpost\w{0,40}\b|"
                    r"\busers?\b|\bsign up\b", _I), 0.5, 0.1, 3),
    ],
    "saas_terms": [
        (re.compile(r"\b(?:cloud|subscription|saas|hosted|api|enterprise|business) (?:services? )?terms\b|"
                    r"\bmaster (?:subscription|services) agreement\b|\bsubscription services\b|\border form\b|"
                    r"\bservice level\b|\bAI services? (?:addendum|terms)\b|\bplatform agreement\b.{0,200}\bCustomer\b|"
                    r"\bprovides? hosted\b", _I | re.S), 5, 0.4, 3),
        (re.compile(r"\bcustomer data\b|\bsubscription (?:term|period)\b|\buptime\b|\bsupport policy\b|"
                    r"\bauthori[sz]ed users\b|\busage data\b|\bthe Service\b", _I), 0.5, 0.2, 3),
    ],
    "model_licence": [
        (re.compile(r"\b(?:community|model|open rail|responsible ai) licen[cs]e\b|\bmodel weights\b|"
                    r"\bacceptable use policy\b.*\bmodel|\blarge language model\b|\bLlama\b|\bmachine-learning model\b",
                    _I), 4, 0.4, 3),
        (re.compile(r"\bmodel weights\b|\bfine-?tun\w{1,40}\b|\bmonthly active users\b|\boutputs?\b|\binference\b", _I),
         0.5, 0.2, 3),
    ],
    "nda": [
        (re.compile(r"\bnon-?\s?disclosure agreement\b|\bconfidentiality agreement\b|\bmutual nda\b|\bNDA\b|"
                    r"\bconfidentiality and non ?-?disclosure\b", _I), 6, 0.4, 2),
        (re.compile(r"\bconfidential information\b|\b(?:disclosing|receiving) party\b|\brecipient\b", _I), 0.5, 0.15, 3),
    ],
    "dpa": [
        (re.compile(r"\bdata process(?:ing|or) (?:agreement|addendum)\b|\bDPA\b|\barticle 28\b", _I), 7, 0.5, 3),
        (re.compile(r"\bsub-?processors?\b|\bdata subjects?\b|\bcontroller\b|\bGDPR\b|\bpersonal data breach\b", _I),
         0.5, 0.2, 4),
    ],
}
HEAD_CHARS = 1500
BODY_CHARS = 120_000
MIN_SCORE = 3.0


class _Signal:
    """A signal ready to count in a body. Every match of a pattern of bounded length holds one of the
    pattern's strings, so it is searched only in a window around each place one is (as FastPattern.count
    does), the places of every signal's strings found in one pass over the body (`_Places`).

    One with an alternative of unbounded length (a ".*") cannot be counted so: it is counted along the
    whole body only when the body holds a string that alternative needs; otherwise, that alternative
    matching nowhere, its bounded alternatives alone count the same, in windows."""

    __slots__ = ("fp", "counted", "counted_fp", "unbounded_on_lower", "unbounded_strings", "low", "width", "strings")

    def __init__(self, rx: re.Pattern):
        self.fp = FastPattern(rx)
        self.counted: re.Pattern | None = rx if max_width(rx) is not None else None  # counted in windows
        self.unbounded_on_lower = False
        self.unbounded_strings: tuple[str, ...] = ()
        self.low: re.Pattern | None = None  # counted, for the lower-cased body, once prepared
        self.width = 0
        self.strings: tuple[str, ...] = ()
        if self.counted is None:
            parts = alternatives(rx)
            bounded = [p for p in parts if max_width(p) is not None]
            unbounded = [p for p in parts if max_width(p) is None]
            if bounded and unbounded:
                low, on_lower = for_lower(re.compile("|".join(p.pattern for p in unbounded), rx.flags))
                sets = need_sets(low) if not (on_lower and low.flags & re.IGNORECASE) else []
                if sets:  # (letters written as escapes: its strings would need lower-casing too)
                    self.counted = re.compile("|".join(p.pattern for p in bounded), rx.flags)
                    self.unbounded_on_lower, self.unbounded_strings = on_lower, strings(sets[0])
        self.counted_fp = self.fp if self.counted is rx else FastPattern(self.counted) if self.counted else None

    def prepare(self) -> None:
        """Lower-case the counted pattern and read its strings: a signal that keeps case, writes letters as
        escapes or needs no string stays with FastPattern.count."""
        if self.counted is None:
            return
        low, on_lower = for_lower(self.counted)
        sets = need_sets(low) if on_lower and not low.flags & re.IGNORECASE else []
        if sets:
            self.low, self.width, self.strings = low, max_width(low), strings(sets[0])

    def count(self, body: str, low_body: str, limit: int, places: _Places | None) -> int:
        """How many matches the signal has in the body (up to `limit`); `places` finds its strings in the
        lower-cased body (None: the body's length changed with lower-casing, or not prepared yet)."""
        if self.counted is not None and self.unbounded_strings:
            if self.unbounded_on_lower and len(low_body) != len(body):
                return self.fp.count(body, low_body, limit)
            s = low_body if self.unbounded_on_lower else body
            if any(map(s.__contains__, self.unbounded_strings)):
                return self.fp.count(body, low_body, limit)
        if self.low is None or places is None:
            return (self.counted_fp or self.fp).count(body, low_body, limit)
        return count_in_windows(self.low, low_body, self.width, places.of(self.strings), limit)


class _Places:
    """Where each signal string is in a lower-cased body, all found in one pass (Aho-Corasick)."""

    def __init__(self, automaton, strings: tuple[str, ...], low_body: str):
        self._at: dict[str, list[int]] = {}
        for k, start, _end in automaton.find_matches_as_indexes(low_body, overlapping=True):
            self._at.setdefault(strings[k], []).append(start)
        self._merged: dict[tuple[str, ...], list[int]] = {}

    def of(self, strings: tuple[str, ...]) -> list[int]:
        """Where any of the strings starts, in order."""
        at = self._merged.get(strings)
        if at is None:
            at = self._merged[strings] = sorted({q for s in strings for q in self._at.get(s, ())})
        return at


def _prepared_signals() -> dict[str, list[tuple[_Signal, float, float, float, int]]]:
    """SIGNALS ready to run, with the number of body occurrences after which a signal's cap is reached
    (counting stops there)."""
    return {kind: [(_Signal(rx), head_w, body_w, cap, math.ceil(cap / body_w))
                   for rx, head_w, body_w, cap in signals]
            for kind, signals in SIGNALS.items()}


_SIGNALS = _prepared_signals()
_state: dict = {"uses": 0, "automaton": None, "strings": ()}


def _automaton():
    """The automaton of every prepared signal's strings, once `scores` has run as often as lowered's
    WARM_UP says preparing pays (at once in a batch or service worker)."""
    if _state["automaton"] is None:
        _state["uses"] += 1
        if _state["uses"] <= lowered.WARM_UP:
            return None
        for signals in _SIGNALS.values():
            for sig, *_ in signals:
                sig.prepare()
        found = tuple(dict.fromkeys(t for signals in _SIGNALS.values() for sig, *_ in signals for t in sig.strings))
        _state["strings"] = found
        _state["automaton"] = lowered.automaton(found)
    return _state["automaton"]


def scores(text: str) -> dict[str, float]:
    """Each type's score: signals in the title and opening weigh most; body signals add a little each,
    up to a cap."""
    head, body = text[:HEAD_CHARS], text[HEAD_CHARS:BODY_CHARS]
    low_head, low_body = head.lower(), body.lower()
    automaton = _automaton()
    places = _Places(automaton, _state["strings"], low_body) if automaton and len(low_body) == len(body) else None
    out: dict[str, float] = {}
    for kind, signals in _SIGNALS.items():
        total = 0.0
        for sig, head_w, body_w, cap, enough in signals:
            if sig.fp.search(head, low_head):
                total += head_w
            total += min(cap, body_w * sig.count(body, low_body, enough, places))
        out[kind] = round(total, 2)
    return out


def contract_type(text: str) -> str:
    """The best-scoring type, or other_commercial when nothing stands out. An employment agreement that
    also assigns inventions is employment; a PIIA on its own is invention_assignment."""
    s = scores(text)
    best = max(s, key=lambda k: s[k])
    if s[best] < MIN_SCORE:
        return "other_commercial"
    if best == "invention_assignment" and s["employment"] >= s["invention_assignment"] - 1:
        return "employment"
    return best


def label(type_id: str) -> str:
    return TYPES.get(type_id, type_id)
