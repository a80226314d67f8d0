"""Fill a library text's placeholders with the contract's own party names and the finding's details.

"{company} will not use {employee's} prior inventions" becomes "The Company will not use Employee's
prior inventions" in a contract that defines "the Company" and "Employee", and "we will not use your
prior inventions" in one written as "we"/"you".
"""

from __future__ import annotations

import re

from ..extract.parties import ROLE_WORDS, Party, Sides
from .library import OTHER_ALIASES, READER_ALIASES

_PH = re.compile(r"\{([a-z_]+)((?:['\u2019]s)?)\}")
_SUBJECT_NEXT = re.compile(r"\s+(?:will|shall|may|must|can|cannot|agrees?|has|have|is|are|was|were|does|do|"
                           r"should|would|retains?|owns?|keeps?|grants?|acknowledges?|represents?|warrants?|"
                           r"undertakes?|reserves?|need|wants?)\b", re.IGNORECASE)

# A placeholder after these words is an object ("to me", "notify us"); after these, a subject.
_OBJECT_BEFORE = {"to", "for", "with", "by", "from", "of", "against", "between", "about", "on", "upon", "under", "than",
                  "notify", "inform", "pay", "give", "grant", "tell", "allow", "permit", "let", "ask", "remind",
                  "require", "help", "assist", "indemnify", "defend", "reimburse", "compensate", "credit", "name",
                  "identify", "without", "toward", "towards", "including", "except", "via", "behalf"}
_SUBJECT_BEFORE = {"whom", "who", "that", "which", "if", "when", "unless", "until", "because", "where", "while",
                   "whether", "after", "before", "once", "as"}

GENERIC = {
    "employee": ("Employee", "the Company"),
    "creator": ("Creator", "Licensee"),
    "customer": ("Customer", "Provider"),
    "vendor": ("Provider", "Customer"),
}
_PRON = {
    # subject, object, possessive
    "you": ("you", "you", "your"),
    "we": ("we", "us", "our"),
    "i": ("I", "me", "my"),
}


def _who(name: str, perspective: str) -> str:
    """'reader' or 'other' for a placeholder name in this perspective."""
    if name in ("provider", "vendor"):
        return "reader" if perspective == "vendor" else "other"
    if name == "customer":
        return "other" if perspective == "vendor" else "reader"
    if name in READER_ALIASES:
        return "reader"
    if name in OTHER_ALIASES:
        return "other"
    return "reader"


def _party_words(party: Party | None, fallback: str) -> tuple[str, str, str]:
    """(subject, object, possessive) for a party, as the contract names it."""
    if party is None:
        return fallback, fallback, fallback + "'s"
    main = party.main
    if party.prefers_pronoun:  # a letter written to "you": the suggestion speaks the same way
        main = next(t for t in party.terms if t.lower() in {f.lower() for fs in _PRON.values() for f in fs})
    low = main.lower()
    for key, forms in _PRON.items():
        if low == key or low in (f.lower() for f in forms):
            return forms
    # "the Company", "the Employee"; a proper name takes no article ("BrightPath's", not "the BrightPath's")
    name = f"the {main}" if party.article and main.lower() in _ROLE_WORDS else main
    return name, name, name + "'s"


_ROLE_WORDS = set().union(*ROLE_WORDS.values()) | {"recipient", "discloser", "receiving party", "disclosing party"}
_SUFFIX = re.compile(r",?\s+(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|Co|PLC|LLP|GmbH)\.?$")


def short_name(party: Party | None, fallback: str) -> str:
    """A plain name for explanations: "Acme Robotics" for "Acme Robotics, Inc." (the defined term when the
    party has no name, or when its name is a person's)."""
    if party is None:
        return fallback
    if party.name and _SUFFIX.search(party.name):
        return _SUFFIX.sub("", party.name).strip()
    main = party.main
    if main.lower() in ("we", "us", "our"):
        return party.name or "the other side"
    return f"the {main}" if party.article else main


_THIRD = {"owns": "own", "has": "have", "is": "are", "grants": "grant", "agrees": "agree", "retains": "retain",
          "warrants": "warrant", "acknowledges": "acknowledge", "represents": "represent", "keeps": "keep",
          "reserves": "reserve", "undertakes": "undertake", "does": "do", "was": "were", "assigns": "assign",
          "asserts": "assert", "consents": "consent", "waives": "waive", "needs": "need", "wants": "want",
          "makes": "make", "develops": "develop", "incorporates": "incorporate", "fails": "fail",
          "gives": "give", "resigns": "resign", "removes": "remove", "lists": "list", "owes": "owe",
          "conceives": "conceive", "creates": "create", "licenses": "license", "receives": "receive",
          "opts": "opt", "withdraws": "withdraw", "notifies": "notify", "elects": "elect", "chooses": "choose",
          "provides": "provide", "pays": "pay", "uses": "use", "requests": "request", "terminates": "terminate",
          "sends": "send", "signs": "sign", "submits": "submit", "uploads": "upload", "delivers": "deliver",
          "sells": "sell", "displays": "display", "publishes": "publish", "proposes": "propose",
          "lives": "live", "works": "work", "finds": "find", "holds": "hold"}
_AGREE = re.compile(r"\b(you|we|You|We|I)\s+(" + "|".join(_THIRD) + r")\b")


def _agree(m: re.Match) -> str:
    verb = _THIRD[m.group(2)]
    if m.group(1) == "I" and m.group(2) == "is":
        verb = "am"
    elif m.group(1) == "I" and m.group(2) == "was":
        verb = "was"
    return f"{m.group(1)} {verb}"


def render(text: str | None, sides: Sides, perspective: str, variables: dict | None = None,
           mode: str = "draft") -> str | None:
    """mode "draft" (suggested contract language) uses the contract's defined terms; mode "plain"
    (titles and explanations, addressed to the reader) says "you" for the reader and a short name for
    the other side."""
    if text is None:
        return None
    variables = variables or {}
    gen_reader, gen_other = GENERIC[perspective]

    def repl(m: re.Match) -> str:
        name, poss = m.group(1), bool(m.group(2))
        if name in variables:
            value = str(variables[name]) + (m.group(2) if poss else "")
            before = m.string[:m.start()].rstrip()
            if value and (not before or before.endswith((".", ":", "!", "?", "\n"))):
                value = value[:1].upper() + value[1:]
            elif value.split(" ", 1)[0] in ("Your", "Our", "My", "The"):
                value = value[:1].lower() + value[1:]
            return value
        if name not in READER_ALIASES | OTHER_ALIASES | {"provider", "vendor", "customer"}:
            return m.group(0)
        who = _who(name, perspective)
        party = sides.reader if who == "reader" else sides.other
        if mode == "plain":
            if who == "reader":
                subj, obj, possessive = _PRON["you"]
            else:
                subj = obj = short_name(party, gen_other)
                possessive = subj + "'s"
        else:
            subj, obj, possessive = _party_words(party, gen_reader if who == "reader" else gen_other)
        if poss:
            word = possessive
        else:
            following = m.string[m.end():m.end() + 20]
            prev = re.search(r"([A-Za-z]+)\W*$", m.string[:m.start()])
            prev_word = prev.group(1).lower() if prev else ""
            if prev_word in _OBJECT_BEFORE:
                word = obj  # "assigns to {company}", "notify {reader}"
            elif _SUBJECT_NEXT.match(following) or prev_word in _SUBJECT_BEFORE or re.match(r"\s+\w+ed\b", following):
                word = subj  # "{reader} will", "with whom {reader} worked", "that {provider} uses"
            else:
                word = obj
        start = m.start()
        before = m.string[:start].rstrip()
        if not before or before.endswith((".", ":", "!", "?", "\n", "\u201c", '"')):
            word = word[:1].upper() + word[1:]
        elif word in ("The", "Our", "Your", "We", "You", "Us", "My", "Me") or word.startswith("The "):
            word = word[:1].lower() + word[1:]
        return word

    out = _PH.sub(repl, text)
    out = _AGREE.sub(_agree, out)
    out = re.sub(r"\b([A-Z][\w&-]*s)['\u2019]s\b", r"\1'", out)  # "Northwind Labs's" -> "Northwind Labs'"
    return re.sub(r"[ \t]+", " ", out).strip()


def display_name(sides: Sides, who: str, perspective: str) -> str:
    party = sides.reader if who == "reader" else sides.other
    gen_reader, gen_other = GENERIC[perspective]
    if party is None:
        return gen_reader if who == "reader" else gen_other
    return party.name or party.main
