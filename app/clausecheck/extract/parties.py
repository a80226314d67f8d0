"""The parties a contract defines ("Acme Robotics, Inc. (the "Company")", "hereinafter "Licensee"",
"("Corvid", "we", "us" or "our")") and which of them is the reader for a perspective."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import cached_property
from itertools import islice

_Q_OPEN = "\"\u201c\u201d'\u2018"
_Q_CLOSE = "\"\u201d\u201c'\u2019"
# A parenthesis holding one or more quoted terms: (the "Company"), ("you" or "Employee"), (hereinafter "Licensee")
_PAREN = re.compile(r"\(([^()]{0,160}?[" + _Q_OPEN + r"][^()]{1,160}?)\)")
_QUOTED = re.compile(r"[" + _Q_OPEN + r"]\s*(\[?[A-Za-z][\w .&'\u2019-]{0,40}?\]?)\s*[" + _Q_CLOSE + r"]")
# "you" and "Employee" mean Jordan Ellis / "You" means the individual ...
_MEANS = re.compile(r"((?:[" + _Q_OPEN + r"][A-Za-z][\w .'-]{0,30}[" + _Q_CLOSE + r"][\s,]*(?:and|or)?\s*){1,4})"
                    r"\s+means?\s+([^.;\n]{1,120})")
# "hereinafter Licensee" without quotes is rare; quoted forms are covered by _PAREN

PRONOUNS = {
    "you": ("you", "your", "yours", "yourself"),
    "we": ("we", "us", "our", "ours", "ourselves"),
    "i": ("i", "me", "my", "mine", "myself"),
}

# Role words: which side of a deal a defined term usually names.
ROLE_WORDS: dict[str, set[str]] = {
    "employee": {"employee", "executive", "intern", "worker", "staff member", "candidate", "new hire", "officer"},
    "employer": {"company", "employer", "corporation", "firm", "bank", "organisation", "organization"},
    "creator": {"licensor", "contributor", "creator", "artist", "author", "photographer", "illustrator",
                "designer", "composer", "talent", "performer", "writer", "consultant", "contractor",
                "freelancer", "translator", "model", "musician", "seller", "member", "user", "developer",
                "studio", "agency", "owner", "participant", "presenter", "influencer", "voice actor",
                "narrator", "songwriter", "videographer", "filmmaker", "editor", "journalist"},
    "licensee": {"licensee", "publisher", "client", "agency", "platform", "producer", "studio", "label",
                 "company", "commissioner", "purchaser", "buyer", "distributor", "broadcaster", "network",
                 "marketplace", "library"},
    "customer": {"customer", "client", "subscriber", "buyer", "licensee", "user", "purchaser", "member",
                 "controller", "enterprise", "organization", "organisation", "account holder"},
    "provider": {"provider", "vendor", "supplier", "service provider", "company", "licensor", "processor",
                 "contractor", "consultant", "seller", "developer", "platform"},
    "confidant": {"recipient", "receiving party", "discloser", "disclosing party", "advisor", "adviser"},
}
# Who the reader is, and who the other side is, for each perspective: the roles a defined party's name
# suggests. The same word can lean differently by perspective: "Company" is the other side for an
# employee and for a contractor, the provider for a customer.
READER_ROLES: dict[str, set[str]] = {
    "employee": ROLE_WORDS["employee"],
    "creator": ROLE_WORDS["creator"],
    "customer": ROLE_WORDS["customer"],
    "vendor": {"consultant", "contractor", "independent contractor", "freelancer", "provider", "service provider",
               "vendor", "supplier", "seller", "developer", "processor", "recipient", "receiving party", "agency",
               "studio", "advisor", "adviser", "agent", "licensor", "partner", "reseller", "distributor"},
}
OTHER_ROLES: dict[str, set[str]] = {
    "employee": ROLE_WORDS["employer"],
    "creator": ROLE_WORDS["licensee"],
    "customer": ROLE_WORDS["provider"] | {"discloser", "disclosing party"},
    "vendor": {"company", "client", "customer", "buyer", "purchaser", "licensee", "controller", "discloser",
               "disclosing party", "corporation", "firm", "organisation", "organization", "employer", "principal",
               "owner", "bank", "subscriber"} | ROLE_WORDS["employee"],
}

_NOT_PARTY = {
    "agreement", "services", "service", "work", "works", "deliverables", "confidential information",
    "inventions", "invention", "effective date", "term", "content", "your content", "customer data",
    "work product", "materials", "recordings", "images", "artwork", "tracks", "outputs", "output",
    "inputs", "input", "documentation", "platform terms", "terms", "pii", "data", "feedback",
    "proprietary information", "prior inventions", "company inventions", "fees", "order form", "msa",
    "voice model", "final art", "designer materials", "accepted content", "licence", "license",
    "subscription term", "usage data", "excluded claims", "net receipts", "data licences", "piia",
}


@dataclass
class Party:
    terms: list[str]  # the defined terms as written: ["Company"], ["Corvid", "we", "us", "our"]
    name: str | None = None  # the full name before the definition: "Acme Robotics, Inc."
    article: bool = False  # defined with "the" ("the Company")
    # the contract mostly calls this party by its pronoun ("you" far more than "Employee"): suggested
    # language should too
    prefers_pronoun: bool = False

    @property
    def main(self) -> str:
        """The term to use in suggestions: the first non-pronoun term, else the first."""
        for t in self.terms:
            if t.lower() not in _ALL_PRONOUNS:
                return t
        return self.terms[0]

    def forms(self) -> set[str]:
        """Every lower-case form that refers to this party, pronoun forms expanded."""
        out: set[str] = set()
        for t in self.terms:
            low = t.lower()
            for forms in PRONOUNS.values():
                if low in forms:
                    out.update(forms)
                    break
            else:
                out.add(low)
        return out

    def to_dict(self) -> dict:
        return asdict(self) | {"main": self.main}


_ALL_PRONOUNS = {f for forms in PRONOUNS.values() for f in forms}
# the role words a contract may name a party by without defining it ("the Company", "Licensee")
GENERIC_TERMS = tuple(sorted({w.title() for ws in ROLE_WORDS.values() for w in ws if " " not in w}, key=len,
                             reverse=True))


@dataclass
class Parties:
    parties: list[Party] = field(default_factory=list)

    def to_dict(self) -> list[dict]:
        return [p.to_dict() for p in self.parties]

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The words that name a party in a clause besides the role words and pronouns any contract may use
        (the contract's own terms and names, pronouns left out), worked out once per contract."""
        terms: list[str] = []
        for p in self.parties:
            terms.extend(p.terms)
            if p.name:
                terms.append(p.name)
        return tuple(t for t in terms if t.lower() not in _ALL_PRONOUNS)

    @cached_property
    def respelt_roles(self) -> frozenset[str]:
        """The role words (GENERIC_TERMS) a clause does not name a party by as such: those the contract
        has its own term or name for in some spelling ("Company", "COMPANY", "company")."""
        known = {t.lower() for p in self.parties for t in [*p.terms, *([p.name] if p.name else [])]}
        return frozenset(t for t in GENERIC_TERMS if t.lower() in known)

    @cached_property
    def _party_of_form(self) -> dict[str, Party]:
        """Each lower-case form naming a party -> the first party it names (worked out once per contract,
        not for every mention in every clause)."""
        out: dict[str, Party] = {}
        for p in self.parties:
            for form in p.forms():
                out.setdefault(form, p)
        return out

    def find_term(self, word: str) -> Party | None:
        return self._party_of_form.get(word.lower())


def _clean_name(before: str) -> str | None:
    """The party name in the text just before its definition."""
    seg = before[-200:]
    k = seg.rfind("\n\n")
    seg = re.sub(r"\s+", " ", seg[k + 2:] if k != -1 else seg)
    # start after the last of: a previous definition's ")", "between", "by", "Dear", ...
    cut = 0
    for sep in (")", "between ", "Between ", "BETWEEN ", " by ", " BY ", " By ", "Dear ", "offer you, ", " you, ", "greement with ",
                "ontract with ", " role of ", " job of "):
        k = seg.rfind(sep)
        if k != -1:
            cut = max(cut, k + len(sep))
    seg = re.sub(r"^[\s,;]*(?:and|AND|And)?\s+", "", seg[cut:])
    seg = re.split(r",\s+(?:a|an|the|of|whose|professionally|trading|residing|an individual|registered|with offices|"
                   r"having|incorporated|organi[sz]ed|located)\b|\s+(?:residing|whose|trading as)\b|"
                   r",\s+(?:professional|registered)\b|,\s+\d", seg)[0]
    if seg[:1].islower() or " at " in seg:  # "you and Loop Social Inc.", "Data Scientist at Brightwater ..."
        k = max(seg.rfind(" and "), seg.rfind(" at "))
        if k != -1:
            seg = seg[k + 4:].lstrip()
    k = seg.rfind(": ")
    if k != -1:
        seg = seg[k + 2:]
    seg = seg.strip(" ,;:\t\"\u201c\u201d")
    if not seg or len(seg) > 80 or not seg[0].isupper() or _NOT_A_NAME.search(seg):
        return None
    return seg


_NOT_A_NAME = re.compile(r"\b(?:Order Form|Schedule|Exhibit|Agreement|Terms|signature page)\b")


def _add(found: list[Party], terms: list[str], name: str | None, article: bool) -> None:
    """Add a party, or merge its terms into a party already found that shares one."""
    terms = [t.strip() for t in terms if t.strip()]
    if not terms:
        return
    low = {t.lower() for t in terms}
    for p in found:
        if low & {t.lower() for t in p.terms}:
            p.terms.extend(t for t in terms if t.lower() not in {x.lower() for x in p.terms})
            p.name = p.name or name
            return
    found.append(Party(terms=terms, name=name, article=article))


def _defined_in_parentheses(head: str, found: list[Party]) -> None:
    """Acme Robotics, Inc. (the "Company"); ("Corvid", "we", "us" or "our")."""
    for m in _PAREN.finditer(head):
        inner = m.group(1)
        terms = _QUOTED.findall(inner)
        if not terms:
            continue
        quoted_article = any(re.match(r"the\s", t, re.IGNORECASE) for t in terms)
        terms = [re.sub(r"^the\s+", "", t, flags=re.IGNORECASE) for t in terms]
        name = _clean_name(head[max(0, m.start() - 200):m.start()])
        if not _is_party(terms, name):
            continue
        article = (quoted_article or bool(re.search(r"\bthe\s*[" + _Q_OPEN + "]", inner, re.IGNORECASE))) and not any(
            t.lower() in _ALL_PRONOUNS for t in terms)
        _add(found, terms, name, article)


def _defined_by_means(text: str, found: list[Party]) -> None:
    """'"You" means the individual ...', '"you" and "Employee" mean Jordan Ellis'."""
    for m in _MEANS.finditer(text[:20000]):
        terms = _QUOTED.findall(m.group(1))
        if not terms or not any(t.lower() in _ALL_PRONOUNS or t.lower() in _ALL_ROLE_WORDS for t in terms):
            continue
        name = m.group(2).strip()
        target = next((p for p in found if name.lower().removeprefix("the ") in {t.lower() for t in p.terms}), None)
        if target is not None:  # '"you" means Employee': another name for a party already defined
            target.terms.extend(t for t in terms if t.lower() not in {x.lower() for x in target.terms})
            continue
        _add(found, terms, name if len(name) < 60 and name[:1].isupper() else None, False)


def _implied(text: str, found: list[Party]) -> None:
    """Parties no sentence defines: capitalised role words used again and again ("Customer and Provider
    complete ..."), "I" in a first-person agreement, "you" and "we" in terms addressed to a reader."""
    body = text[:60000]
    uses = Counter(_ANY_ROLE_NAME.findall(body))  # one pass, not one str.count per role name
    for word in _ROLE_NAMES:
        if uses[word] >= 3 and not any(word.lower() in {t.lower() for t in p.terms} for p in found) and \
                _at_least(3, _ROLE_NAME_USE[word], body):
            _add(found, [word], None, True)
    head = text[:20000]
    if _FIRST_PERSON.search(head) and not any("i" in p.forms() for p in found):
        found.append(Party(terms=["I"], name=None))
    if not any("you" in p.forms() for p in found) and _at_least(3, _YOU, head):
        found.append(Party(terms=["you"], name=None))
    if not any("we" in p.forms() for p in found) and _at_least(3, _WE, head):
        found.append(Party(terms=["we"], name=None))


def _at_least(n: int, rx: re.Pattern, text: str) -> bool:
    """Whether `rx` matches `text` n times or more (it stops looking at the n-th)."""
    return sum(1 for _ in islice(rx.finditer(text), n)) >= n


def word_start(first: str) -> str:
    """A word's first letter and, after it, the word boundary that comes before it ("\\bI" as
    "I(?<!\\wI)"): re scans a long text for the letter instead of trying the whole pattern at every
    position (the same matches)."""
    return f"{re.escape(first)}(?<!\\w{re.escape(first)})"


def find_parties(text: str) -> Parties:
    """Parties defined in the first part of the contract (where definitions of parties live), in
    "X means ..." sentences naming a pronoun or role, and those the text implies."""
    found: list[Party] = []
    _defined_in_parentheses(text[:6000], found)
    _defined_by_means(text, found)
    _implied(text, found)
    _mark_pronoun_voice(text[:60000], found)
    return Parties(found)


def _mark_pronoun_voice(text: str, found: list[Party]) -> None:
    for p in found:
        pronouns = [t for t in p.terms if t.lower() in _ALL_PRONOUNS]
        named = [t for t in p.terms if t.lower() not in _ALL_PRONOUNS]
        if not pronouns or not named:
            continue
        forms = next((f for f in PRONOUNS.values() if pronouns[0].lower() in f), ())
        by_pronoun = len(re.findall(r"\b(?:" + "|".join(forms) + r")\b", text, re.IGNORECASE))
        by_name = len(re.findall(r"\b(?:" + "|".join(re.escape(t) for t in named) + r")\b", text))
        p.prefers_pronoun = by_pronoun > 2 * by_name


_ALL_ROLE_WORDS = set().union(*ROLE_WORDS.values())
# Role words that name a party when written capitalised on their own ("Customer", "the Client").
_ROLE_NAMES = ("Customer", "Client", "Provider", "Vendor", "Supplier", "Consultant", "Contractor", "Recipient",
               "Discloser", "Licensee", "Licensor", "Contributor", "Employee", "Employer", "Subscriber", "Seller",
               "Buyer", "Processor", "Controller", "Developer", "Publisher", "Author", "Artist", "Streamer")
# no role name holds another, so the matches of each are where str.count finds it
_ANY_ROLE_NAME = re.compile("|".join(_ROLE_NAMES))
# the patterns _implied counts in the first 60,000 (role names) and 20,000 characters (the rest)
_ROLE_NAME_USE = {w: re.compile(word_start(w[0]) + re.escape(w[1:]) + r"(?:['\u2019]s)?\b") for w in _ROLE_NAMES}
_FIRST_PERSON = re.compile(word_start("I") + r" (?:agree|will|understand|acknowledge|have|hereby)\b")
_YOU = re.compile(word_start("y") + r"ou(?:r)?\b", re.IGNORECASE)
_WE = re.compile(f"(?:{word_start('w')}e|{word_start('o')}ur|{word_start('u')}s)\\b")
# Role words that also name things ("the Ledgerline platform (the "Platform")"): a party only with a name.
_NEEDS_NAME = {"platform", "user", "member", "model", "studio", "library", "network", "marketplace", "owner",
               "editor", "label", "developer", "participant"}


def _is_party(terms: list[str], name: str | None) -> bool:
    low = [t.lower() for t in terms]
    if any(t in _NOT_PARTY for t in low):
        return False
    if any(t in _ALL_PRONOUNS for t in low):
        return True
    if any(t in _ALL_ROLE_WORDS for t in low):
        return bool(name) or not any(t in _NEEDS_NAME for t in low)
    if name:
        first = name.split()[0].strip(",.").lower()
        if any(t.split()[0].lower() == first for t in terms):
            return True  # "Larkspur Analytics, Inc." ("Larkspur")
        if re.search(r"\b(?:Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Corporation|GmbH|PLC|LLP|Co)\b\.?", name, re.IGNORECASE):
            return True
    return False


_WORK_TERMS = ("Work", "Works", "Deliverables", "Artwork", "Images", "Photographs", "Photos", "Recordings", "Tracks",
               "Content", "Your Content", "Accepted Content", "Licensed Content", "Items", "Work Product", "Footage",
               "Submissions", "Masters", "Illustrations", "Designs", "Final Art", "Manuscript", "Book", "Videos",
               "Songs", "Compositions", "Scripts", "Translations", "Music", "Licensed Images", "Licensed Materials")
_WORK_DEF = re.compile(r"\(\s*(?:the\s+|together,?\s+the\s+|collectively,?\s+the\s+)?[" + _Q_OPEN + r"](" +
                       "|".join(sorted((re.escape(t) for t in _WORK_TERMS), key=len, reverse=True)) +
                       r")[" + _Q_CLOSE + r"]")


def work_term(text: str) -> str | None:
    """The contract's defined term for the work being created or licensed ("Recordings", "Artwork"), if any."""
    m = _WORK_DEF.search(text[:30000])
    return m.group(1) if m else None


@dataclass
class Sides:
    """Who is who from the reader's point of view."""

    perspective: str
    reader: Party | None
    other: Party | None
    reader_forms: set[str]
    other_forms: set[str]

    def name_of(self, who: str) -> str | None:
        p = self.reader if who == "reader" else self.other
        return p.main if p else None

    def to_dict(self) -> dict:
        return {
            "perspective": self.perspective,
            "reader": self.reader.to_dict() if self.reader else None,
            "other": self.other.to_dict() if self.other else None,
        }


def _lean(party: Party, perspective: str) -> int:
    """How strongly a party's names say it is the reader (> 0) or the other side (< 0) for a perspective."""
    score = 0
    for t in party.terms:
        low = t.lower().strip("[]")
        for words, sign in ((READER_ROLES[perspective], 1), (OTHER_ROLES[perspective], -1)):
            if low in words:
                score += 3 * sign
            elif any(w in low.split() for w in words):
                score += sign
    return score


# Contract types written by the provider of a service to its users: reading them as the vendor, the
# vendor is the drafter ("we"), not the one addressed.
PROVIDER_TERMS = {"platform_terms", "saas_terms", "model_licence", "dpa"}


def sides_for(parties: Parties, perspective: str, contract_type: str | None = None) -> Sides:
    """Pick the reader's party and the counterparty for a perspective.

    A document is addressed to whoever signs it: a party called "you" (or "I") is the reader, from any
    side, unless its defined role is the other side's for this perspective ("you" defined as the
    Customer while reading as the vendor). Otherwise the reader is the party whose role names lean to the
    perspective (Consultant, Contributor, Customer, ...); "we" is the reader only for a vendor reading
    its own terms, when no one is addressed.
    """
    cands = list(parties.parties)
    addressed = next((p for p in cands if p.forms() & {"you", "i"}), None)
    reader: Party | None = None
    if perspective == "vendor" and contract_type in PROVIDER_TERMS and cands:
        reader = next((p for p in cands if "we" in p.forms()), None)
        if reader is None:  # the provider named in its own terms: the party that leans least to the customer
            best = max(cands, key=lambda p: (_lean(p, perspective), bool(p.name)))
            reader = best if _lean(best, perspective) >= 0 and best is not addressed else None
    if reader is None and addressed is not None and _lean(addressed, perspective) >= 0:
        reader = addressed
    if reader is None:
        ranked = sorted(cands, key=lambda p: _lean(p, perspective), reverse=True)
        if ranked and _lean(ranked[0], perspective) > 0:
            reader = ranked[0]
    if reader is None and perspective == "vendor":
        # a vendor reading its own terms: "we", or the party opposite the one addressed
        reader = next((p for p in cands if "we" in p.forms()), None)
        if reader is None and addressed is not None:
            reader = next((p for p in sorted(cands, key=lambda p: -_lean(p, perspective)) if p is not addressed), None)
    rest = [p for p in cands if p is not reader]
    other = next((p for p in rest if "we" in p.forms()), None)
    if other is None and rest:
        # the other side: a party that does not lean to the reader's role, a named one first
        # ("Linear Orbit, Inc." ("Linear") before a "Processor" the text only mentions)
        ranked = sorted((p for p in rest if _lean(p, perspective) <= 0),
                        key=lambda p: (not p.name, _lean(p, perspective)))
        other = ranked[0] if ranked else None
    if reader is None and other is not None:  # two parties and no role says which: the one that is not the other
        left = sorted((p for p in rest if p is not other), key=lambda p: (not p.name, -_lean(p, perspective)))
        reader = left[0] if left else None
    reader_forms = reader.forms() if reader else set()
    other_forms = other.forms() if other else set()
    if not reader_forms:
        reader_forms = set(READER_ROLES[perspective]) | set(PRONOUNS["you"])
    if not other_forms:
        other_forms = set(OTHER_ROLES[perspective]) | set(PRONOUNS["we"])
    other_forms -= reader_forms
    return Sides(perspective, reader, other, reader_forms, other_forms)
