"""Built-in detectors: functions over the whole contract that find risky clauses and missing protections.

A library check names a detector (`detector: prior_inventions_missing`) and says how to word and rate
what it finds; the detector decides which clauses it cites and may report a `variant` ("partial",
"limited", ...) that the check can word and rate differently. Two generic detectors, `match` and
`missing`, let a user's library add checks of its own from categories and regular expressions.

Detectors combine the classifier's labels with extracted attributes and patterns, so a clause the
classifier missed is still found when its wording is clear.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .context import ClauseView, Ctx

IGNORE = re.IGNORECASE


@dataclass
class Hit:
    clauses: list[ClauseView]
    variant: str | None = None
    vars: dict = field(default_factory=dict)
    missing: bool = False


@dataclass
class Detector:
    name: str
    fn: Callable[[Ctx, dict], list[Hit]]
    variants: tuple[str, ...] = ()
    params: tuple[str, ...] = ()
    doc: str = ""


DETECTORS: dict[str, Detector] = {}


def detector(name: str, variants: tuple[str, ...] = (), params: tuple[str, ...] = ()):
    def wrap(fn):
        DETECTORS[name] = Detector(name, fn, variants, params, (fn.__doc__ or "").strip())
        return fn
    return wrap


def _uniq(cs: list[ClauseView]) -> list[ClauseView]:
    seen: set[str] = set()
    out = []
    for c in sorted(cs, key=lambda c: c.index):
        if c.id not in seen:
            seen.add(c.id)
            out.append(c)
    return out


NEG = re.compile(r"\b(?:shall|will|may|must|can|do|does|agrees?)\s+not\b|\b(?:cannot|won['’]t|can['’]t|don['’]t|"
                 r"shan['’]t|mustn['’]t)\b|\bnever\b|\bnot to\b|\bno\s+\w+(?:\s+\w+)?\s+(?:may|shall|will)\b", IGNORE)
DEFINITION = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?[\"“][A-Z][^\"”]{1,40}[\"”]\s+(?:means|includes|shall mean|"
                        r"refers to)\b|\bConfidential Information[\"”]?\)?\s+(?:means|includes)\b", IGNORE)

# --- IP assignment ------------------------------------------------------------------------------------

ASSIGN = re.compile(
    r"(?<!meaning )(?<!meanings )\bassign(?:s|ed|ment)?\b(?!\s+(?:this|the) agreement)(?![^.;]{0,30}\bits rights\b)"
    r"(?!\s+to (?:it|them|such terms?) in\b)(?!\s+or (?:pledge|transfer|delegate) (?:this|the))|\bbelongs? to\b|"
    r"\b(?:sole and )?(?:exclusive )?property of\b|\bowned (?:exclusively )?by\b|\bworks? made for hire\b|"
    r"\bshall (?:be|become) the (?:sole )?property\b|\bowns? all (?:rights|right, title)\b|"
    r"\bwith full title guarantee\b",
    IGNORE,
)
ASSIGN_OBJECT = re.compile(
    r"\binvent\w*|\bworks? of authorship|\bintellectual property|\bcopyright|\bdeliverables|\bwork product|"
    r"\bartwork|\brecordings?\b|\beverything you\b|\ball (?:rights|materials)|\bright, title and interest|"
    r"\bdesigns?\b|\bsoftware\b|\bdevelopments\b|\bworks? made for hire|\bthe work you make|\bimprovements\b|"
    r"\bsketches|\bmaterials\b",
    IGNORE,
)
NOT_ASSIGN = re.compile(
    r"\bdoes not (?:apply|require)|\bshall not apply\b|\bremain(?:s)? (?:my|your|his|her|the \w+'s) (?:sole )?property\b|"
    r"\bremain (?:yours|mine)\b|\b(?:keeps?|retains?) (?:all )?(?:ownership|the copyright|copyright)\b|"
    r"\bneither party may assign\b|\bmay not assign\b|\bassign (?:this|the) agreement\b|\bmeaning assigned\b|"
    r"\bassign\w* (?:or \w+ )?(?:this|the) agreement\b|\bassignment of this agreement\b|"
    r"\bcopyright in the \w+ remains\b|\bexception for inventions\b",
    IGNORE,
)
BROAD_OBJECT = re.compile(r"\binvent\w*|\bwork product|\bmaterials\b|\bsoftware|\btools\b|\bknow-how|"
                          r"\bintellectual property|\ball (?:rights|works)|\bdeliverables|\beverything\b|\bdevelopments\b|"
                          r"\bworks? of authorship|\bsketches\b|\bdesigns?\b", IGNORE)
SWALLOW = re.compile(
    r"\b(?:includ\w*|extends? to|covers?|also assigns?)\b[^.;]{0,120}\b(?:pre-?existing|owned by \w+ before|"
    r"(?:created|made|developed) (?:by \w+ )?before|prior (?:works?|inventions?)|before the effective date)\b",
    IGNORE,
)
PRIOR_TERM = re.compile(r"\bprior inventions?\b|\bexcluded inventions?\b|\bbackground (?:ip|technology|intellectual "
                        r"property|materials?)\b|\bpre-?existing (?:inventions?|ip|intellectual property)\b", IGNORE)
PRIOR_BEFORE = re.compile(r"\bpre-?existing\b|\b(?:made|created|developed|conceived|owned|written)\b[^.;]{0,40}"
                          r"\b(?:before|prior to)\b", IGNORE)
PRIOR_KEPT = re.compile(r"\bremain\w*|\bretain\w*|\bexclud\w*|\bkeeps?\b|\bnot (?:be )?assigned|\bdoes not (?:apply|"
                        r"include)|\blisted\b|\bexhibit\b|\bschedule\b|\bstays?\b|\byours\b|\bbelongs? to you\b|"
                        r"\byour (?:own )?property\b", IGNORE)


def _swallows(text: str) -> bool:
    """Does a sentence pull earlier work into the assignment ("This assignment includes any tools ... owned by
    Consultant before the Effective Date"), rather than keep it out ("an Exhibit A where you can list the
    inventions you made before joining, which remain yours")?"""
    for m in SWALLOW.finditer(text):
        a = text.rfind(".", 0, m.start()) + 1
        b = text.find(".", m.end())
        sentence = text[a:b if b != -1 else len(text)]
        if not PRIOR_KEPT.search(sentence) and not re.search(r"\blist\b", sentence, IGNORE):
            return True
    return False


def has_prior_carve_out(text: str) -> bool:
    """Does this text keep the reader's earlier work out of the assignment?"""
    if _swallows(text):
        return False
    return bool(PRIOR_TERM.search(text) or (PRIOR_BEFORE.search(text) and PRIOR_KEPT.search(text)))


STATUTE = re.compile(
    r"\b(?:section|§)\s*2870\b|\blabor code\b|\b49\.44\.140\b|\b765 ILCS\b|\b181\.78\b|\b19 Del\.? C\b|\b66-57\.1\b|"
    r"\b44-130\b|\b34-39-3\b|\bNRS 600\.500\b|\bentirely on (?:my|your|his|her|their|the employee's|employee's) "
    r"own time\b|\bown time without (?:using|the use)\b",
    IGNORE,
)
PERSONAL_TIME = re.compile(
    r"\bwhether or not (?:conceived )?(?:during|in the course of|within) (?:regular |normal |business )?(?:working|"
    r"business|office) hours\b|\bon or off the clock\b|\boutside (?:of )?(?:regular |normal )?(?:working|business|office) "
    r"hours\b|\b(?:during|in|on) (?:your|his|her|their|employee's|my) (?:own|free|personal|spare) time\b|"
    r"\bwhether or not (?:using|with the use of|you use|employee uses|i use)\b|\bwith or without (?:the use of )?(?:the )?"
    r"(?:company|employer)['’]?s? (?:resources|equipment|facilities)\b|\bwhether or not (?:they |it )?(?:relates?|related|"
    r"connected) to\b|\bpersonal (?:sketches|projects|time)\b|\bside projects?\b|\bnights?(?: and|,) weekends\b|"
    r"\bwhether or not (?:during|with)\b",
    IGNORE,
)
CARVE_CONTEXT = re.compile(r"\bdoes not (?:apply|require|include|cover)|\bshall not apply|\bnot (?:required|obliged) to "
                           r"assign|\bexclud\w*|\bexcept\b|\byou may\b|\byou keep\b|\byours\b|\bremains? (?:your|my)|"
                           r"\bnothing in this\b|\bis not (?:assigned|covered)|\bunless\b", IGNORE)


def reaches_personal_time(text: str) -> bool:
    """Personal-time wording that widens an assignment ("whether or not during working hours"), not the same
    words in a carve-out ("does not apply to ... developed entirely on your own time")."""
    for m in PERSONAL_TIME.finditer(text):
        a = max(text.rfind(".", 0, m.start()), text.rfind(";", 0, m.start())) + 1
        b = len(text)
        for stop in (".", ";"):
            k = text.find(stop, m.end())
            if k != -1:
                b = min(b, k)
        if not CARVE_CONTEXT.search(text[a:b]):
            return True
    return False


TRAILER = re.compile(
    r"\b(?:within|for|during)\b[^.;]{0,40}\b(?:months?|years?)\b[^.;]{0,40}\b(?:after|following)\b[^.;]{0,60}"
    r"\b(?:end|ends|termination|terminates|cessation|leave|leaves|expiry)\b",
    IGNORE,
)
TRAILER_CONTEXT = re.compile(r"\binvent\w*|\bwork product|\bworks? of authorship|\bpresum\w*|\bdeemed\b|"
                             r"\bassign\w*|\bintellectual property", IGNORE)


def _reader_gives(ctx: Ctx, c: ClauseView, kinds: tuple[str, ...] = ("assignment",)) -> bool | None:
    """True when the reader gives (assigns/licenses) in this clause, False when the other side does,
    None when unclear."""
    verdict = None
    for t in c.attrs.get("transfers", []):
        if t["kind"] not in kinds:
            continue
        g, r = ctx.side_of(t["giver"]), ctx.side_of(t["receiver"])
        if g == "reader" or r == "other":
            return True
        if g == "other" or r == "reader":
            verdict = False
    return verdict


def assignment_clauses(ctx: Ctx) -> list[ClauseView]:
    out = []
    for c in ctx.clauses:
        labelled = c.has("ip_ownership_assignment", "work_made_for_hire")
        if not (ASSIGN.search(c.flat) and (labelled or ASSIGN_OBJECT.search(c.flat))):
            continue
        if NOT_ASSIGN.search(c.flat) and not re.search(r"\bhereby assigns?\b", c.flat, IGNORE):
            continue
        gives = _reader_gives(ctx, c)
        if gives is False:
            continue
        if gives is None and not ctx.reader_rx.search(c.flat):
            continue  # nobody on the reader's side is named: not the reader's work
        if gives is None:
            side = ctx.subject_side(c, ASSIGN)
            if side == "other" and not re.search(r"works? made for hire|belongs? to|property of|owned by", c.flat, IGNORE):
                continue
            if side == "reader" and re.search(r"\b(?:owns?|retains?)\b", c.flat, IGNORE) and not re.search(
                    r"\bassign", c.flat, IGNORE):
                continue  # "Customer owns all Customer Data"
        out.append(c)
    return out


@detector("prior_inventions_missing", variants=("swallows",))
def prior_inventions_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """An assignment of your work with no carve-out for what you made before (a prior-inventions list,
    background IP), or one that expressly takes your pre-existing materials."""
    assigns = assignment_clauses(ctx)
    if ctx.perspective != "employee":
        assigns = [c for c in assigns if BROAD_OBJECT.search(c.flat)]
    swallow = [c for c in ctx.clauses if _swallows(c.flat) and (ASSIGN.search(c.flat) or c in assigns)
               and (ctx.reader_rx.search(c.flat) or not ctx.other_rx.search(c.flat))
               and not re.search(r"\b(?:client|customer|company|publisher|licensee)(?:['’]s)? (?:pre-?existing|"
                                 r"materials)\b", c.flat, IGNORE)]
    if swallow:
        return [Hit(_uniq(swallow + assigns[:1]), variant="swallows")]
    if not assigns:
        return []
    if any(has_prior_carve_out(c.flat) for c in ctx.clauses):
        return []
    if ctx.perspective != "employee" and not any(
            re.search(r"\binvent|\bwork product|\bsoftware|\btools\b|\bknow-how|\bmaterials\b", c.flat, IGNORE)
            for c in assigns):
        return []
    return [Hit(assigns[:2], missing=True)]


@detector("own_time_carve_out_missing")
def own_time_carve_out_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """An invention assignment with no carve-out for what you build on your own time, without the
    employer's equipment or secrets (the carve-out California Labor Code §2870 and similar statutes
    require)."""
    assigns = assignment_clauses(ctx)
    if not assigns or any(STATUTE.search(c.flat) for c in ctx.clauses):
        return []
    # when the assignment reaches personal time, assignment_reaches_personal_time says it better
    if any(PERSONAL_TIME.search(n.flat) for c in assigns for n in ctx.neighbours(c, after=2)):
        return []
    return [Hit(assigns[:1], missing=True)]


@detector("assignment_reaches_personal_time")
def assignment_reaches_personal_time(ctx: Ctx, params: dict) -> list[Hit]:
    """The assignment reaches work done on your own time, without the company's resources or
    unrelated to its business."""
    cited: list[ClauseView] = []
    for c in assignment_clauses(ctx):
        for n in ctx.neighbours(c, after=2):
            if n is not c and not re.search(r"\binclud\w*|\binvent\w*|\bassign\w*|\bbelong\w*|\bcreat\w*|"
                                            r"\bwork product\b|\bworks? of authorship\b", n.flat, IGNORE):
                continue
            if reaches_personal_time(n.flat):
                cited.extend([c, n])
    return [Hit(_uniq(cited))] if cited else []


PAYMENT_CONDITION = re.compile(r"\b(?:upon|on|after|following|subject to)\s+(?:the\s+)?(?:receipt of\s+|payment in full|"
                               r"full payment|final payment|payment of all)|\bonce\b[^.]{0,40}\bpaid\b|\bwhen\b[^.]{0,30}\bpaid\b|"
                               r"\buntil\b[^.]{0,40}\bpaid\b|\bconditional (?:up)?on\b[^.]{0,30}\bpayment", IGNORE)


@detector("assignment_before_payment")
def assignment_before_payment(ctx: Ctx, params: dict) -> list[Hit]:
    """Your rights pass to the client as soon as the work is created, whether or not you have been paid."""
    assigns = [c for c in assignment_clauses(ctx) if not PAYMENT_CONDITION.search(c.flat)]
    if not assigns or any(PAYMENT_CONDITION.search(c.flat) and (ASSIGN.search(c.flat) or re.search(
            r"\b(?:rights?|title|ownership) (?:pass|transfer|vest)", c.flat, IGNORE)) for c in ctx.clauses):
        return []
    if not re.search(r"\bfees?\b|\bpay\w*\b|\binvoice", ctx.full_text, IGNORE):
        return []
    return [Hit(assigns[:1])]


@detector("assignment_after_termination")
def assignment_after_termination(ctx: Ctx, params: dict) -> list[Hit]:
    """Inventions made for months after you leave are presumed to be the company's ("trailer" clause)."""
    cited = [c for c in ctx.clauses if TRAILER.search(c.flat) and TRAILER_CONTEXT.search(c.flat)
             and not re.search(r"\bcompet|\bsolicit", c.flat, IGNORE)]
    if not cited:
        return []
    m = re.search(r"\b((?:\w+ )?\(?\d*\)? ?(?:months?|years?))\b", cited[0].flat)
    return [Hit(cited[:1], vars={"duration": m.group(1).strip() if m else "a period"})]


@detector("assignment_power_of_attorney")
def assignment_power_of_attorney(ctx: Ctx, params: dict) -> list[Hit]:
    """You appoint the other side your attorney-in-fact to sign IP documents for you."""
    cited = ctx.find(r"\battorney[- ]in[- ]fact\b|\bpower of attorney\b|\bappoints?\b[^.]{0,60}\b(?:agent|attorney)\b")
    return [Hit(cited[:1])] if cited else []


# --- work made for hire, moral rights -----------------------------------------------------------------

WMFH = re.compile(r"\b(?:are|is|be|shall be|will be|constitute|deemed|considered)\s+(?:a |deemed |considered )?"
                  r"[\"“]?works? (?:made )?for hire\b|\bworks? made for hire\b[^.]{0,40}\bfor (?:the )?\w+", IGNORE)


@detector("work_made_for_hire")
def work_made_for_hire(ctx: Ctx, params: dict) -> list[Hit]:
    """Your work is a "work made for hire": the other side is its author from the start."""
    cited = [c for c in ctx.clauses if WMFH.search(c.flat) and not re.search(
        r"\b(?:shall|will|is|are) not (?:be )?(?:deemed |considered )?(?:a )?works? (?:made )?for hire", c.flat, IGNORE)]
    return [Hit(cited[:2])] if cited else []


MORAL = re.compile(r"\bmoral rights?\b|\bdroit moral\b|\brights? of (?:attribution|integrity)\b|\bright to be "
                   r"identified\b|\bright to object to (?:derogatory|edits|any)", IGNORE)
WAIVE = re.compile(r"\bwaive[sd]?\b|\bwaiver\b|\bnot (?:to )?assert\b|\bnever (?:to )?assert\b|\brelinquish\w*|"
                   r"\bconsents? to (?:any )?(?:act|omission|modification)", IGNORE)


@detector("moral_rights_waiver")
def moral_rights_waiver(ctx: Ctx, params: dict) -> list[Hit]:
    """You waive (or promise not to assert) moral rights: attribution and integrity."""
    cited = [c for c in ctx.clauses if (MORAL.search(c.flat) or c.has("moral_rights_waiver"))
             and WAIVE.search(c.flat) and not re.search(r"\basserts? the right\b", c.flat, IGNORE)
             and ctx.subject_side(c, WAIVE) != "other"]
    return [Hit(_uniq(cited)[:2])] if cited else []


# --- restrictive covenants ----------------------------------------------------------------------------

COMPETE = re.compile(
    r"\bcompet(?:e|es|ed|ing|itor|itors|itive|ition|itively)\b|\brival\w*|\bwork (?:as an? \w+ )?for any (?:company|business|competitor|person|entity)|"
    r"\b(?:provide|render|perform) (?:\w+ )?services (?:to|for) any\b|\bengage[ds]? in any business\b|"
    r"\b(?:own|advise|invest in)\b[^.]{0,60}\bbusiness\b|\bbe employed by\b|\baccept employment\b|"
    r"\blicen[cs]e (?:\w+['’]s )?(?:voice|name|likeness|works?|recordings?|tracks)\b[^.]{0,60}\b(?:any other|any third|"
    r"others?)\b|\bpublish any (?:competing )?work\b|\bsimilar business\b",
    IGNORE,
)
POST = re.compile(
    r"\b(?:after|following)\b[^.;]{0,30}\b(?:employment|engagement|relationship|services?|term|agreement)\s+(?:ends|"
    r"terminates|expires|is terminated|ceases)\b|\b(?:after|following)\s+(?:the\s+)?(?:end|termination|expiry|"
    r"expiration|cessation)\b|\bafter (?:you|employee|i|consultant|contractor|executive) (?:leave|leaves|depart)|"
    r"\b(?:months?|years?|\))\s+thereafter\b|\bpost-(?:employment|termination)\b|"
    r"\bafter (?:it|employment|your employment) ends\b|"
    r"\bafter (?:it|this agreement) (?:ends|terminates|expires)\b",
    IGNORE,
)
def _solicit_only(text: str) -> bool:
    """A non-solicitation clause, even one that mentions competition ("solicit customers to compete")."""
    sol = re.search(r"\bsolicit|\brecruit|\bhire away|\bpoach|\bencourage\w*\b[^.]{0,40}\bto leave", text, IGNORE)
    if not sol:
        return False
    comp = COMPETE.search(text)
    return comp is None or comp.start() > sol.start()


USE_TO_BUILD = re.compile(r"\buse\b[^.]{0,80}\bto (?:develop|build|train|create)\b", IGNORE)


def _restrains_reader(ctx: Ctx, c: ClauseView, verb: re.Pattern) -> bool:
    if not (NEG.search(c.flat) or re.search(r"\brefrain|\bprohibit|\bnot (?:directly|indirectly)", c.flat, IGNORE)):
        return False
    side = ctx.subject_side(c, NEG) or ctx.subject_side(c, verb)
    return side != "other"


@detector("post_employment_non_compete")
def post_employment_non_compete(ctx: Ctx, params: dict) -> list[Hit]:
    """You may not compete, or work for a competitor, for a time after the relationship ends."""
    cited = []
    for c in ctx.clauses:
        if not COMPETE.search(c.flat):
            continue
        if USE_TO_BUILD.search(c.flat) or _solicit_only(c.flat):
            continue
        if POST.search(c.flat) and _restrains_reader(ctx, c, COMPETE):
            cited.append(c)
    if not cited:
        return []
    d = cited[0].attrs.get("durations") or []
    return [Hit(cited[:2], vars={"duration": d[0]["text"] if d else "a period"})]


@detector("competition_restriction")
def competition_restriction(ctx: Ctx, params: dict) -> list[Hit]:
    """You may not compete or work with others while the contract runs (exclusivity, competing works)."""
    cited = []
    for c in ctx.clauses:
        if not COMPETE.search(c.flat) or POST.search(c.flat) or USE_TO_BUILD.search(c.flat):
            continue
        if _solicit_only(c.flat):
            continue
        if _restrains_reader(ctx, c, COMPETE):
            cited.append(c)
    return [Hit(cited[:2])] if cited else []


SOLICIT = re.compile(r"\bsolicit\w*|\brecruit\w*|\bhire away\b|\bpoach\w*|\bencourage\w*\b[^.]{0,40}\bto leave\b", IGNORE)


@detector("non_solicitation")
def non_solicitation(ctx: Ctx, params: dict) -> list[Hit]:
    """You may not solicit the other side's employees or customers."""
    cited = [c for c in ctx.clauses if (SOLICIT.search(c.flat) or c.has("no_solicit_of_employees",
                                                                        "no_solicit_of_customers"))
             and SOLICIT.search(c.flat) and _restrains_reader(ctx, c, SOLICIT)]
    return [Hit(cited[:2])] if cited else []


DISPARAGE = re.compile(r"\bdisparag\w*|\bderogatory (?:statements?|remarks?|comments?)|\bnegative (?:statements|comments|"
                       r"reviews)\b|\bsay (?:or post )?anything (?:bad|negative)", IGNORE)


@detector("non_disparagement", variants=("mutual",))
def non_disparagement(ctx: Ctx, params: dict) -> list[Hit]:
    """You may not say anything negative about the other side."""
    cited = [c for c in ctx.clauses if DISPARAGE.search(c.flat) and not re.search(r"right to object", c.flat, IGNORE)]
    cited = [c for c in cited if ctx.subject_side(c, DISPARAGE) != "other"]
    if not cited:
        return []
    mutual = any(re.search(r"\beach party\b|\bneither party\b|\bmutual\w*|\bboth parties\b|\bthe parties\b", c.flat, IGNORE)
                 for c in cited)
    return [Hit(cited[:1], variant="mutual" if mutual else None)]


# --- AI training ----------------------------------------------------------------------------------------

def ai_clauses(ctx: Ctx) -> list[ClauseView]:
    out = []
    for c in ctx.clauses:
        at = c.attrs.get("ai_training")
        if not at:
            continue
        labelled = c.has("ai_training_use", "tdm_reservation") and (at["training_use"] or at["about_use"])
        clear = (at["training_use"] and at.get("use_for_training") and not DEFINITION.search(c.flat)
                 and not OFF_TOPIC.search(c.flat))
        # an indemnity or warranty that mentions training data ("claims relating to the data used to
        # train its models") is about liability, not about using anyone's material to train
        about_liability = OFF_TOPIC.search(c.flat) and c.has(
            "indemnification", "cap_on_liability", "uncapped_liability", "warranty_duration", "insurance")
        if (labelled or clear) and not about_liability:
            out.append(c)
    return out


OFF_TOPIC = re.compile(r"\bindemnif\w*|\bdefend\b|\bhold harmless\b|\bliabilit\w*|\bdelet\w*|\bwarrant(?:y|ies)\b|"
                       r"\binsurance\b", IGNORE)


def ai_direction(ctx: Ctx, c: ClauseView) -> str:
    """'other_on_reader' when the other side (or someone it authorises) would train on the reader's
    material; 'reader_on_other' when the clause is about the reader's own use."""
    at = c.attrs["ai_training"]
    actor, owner = ctx.side_of(at.get("actor")), ctx.side_of(at.get("owner"))
    if actor == "other":
        return "other_on_reader"
    if actor == "reader":
        return "reader_on_other"
    if owner == "reader":
        return "other_on_reader"
    if owner == "other":
        return "reader_on_other"
    return "other_on_reader"


SAFE_OPT_OUT = re.compile(r"\bopt(?:s|ed|ing)?[- ]?out\b|\bturn (?:this|it|that)? ?off\b|\bdisabl\w*|\bwithdraw\w*|"
                          r"\bobject\b|\bstop (?:using|the use)\b|\bremov\w* (?:your|the|a) \w+ from\b", IGNORE)
SAFE_OPT_IN = re.compile(r"\bopt(?:s|ed|ing)?[- ]?in\b|\bif you (?:choose|elect) to\b|\bonly with (?:your|the \w+['’]s)"
                         r" (?:prior )?(?:written )?consent\b|\bwho join\b", IGNORE)
SAFE_PAY = re.compile(r"\broyalt(?:y|ies)\b(?!-free)|\b(?:will|shall) (?:receive|be paid)\b|\bshare of\b|\bpercent\b|%|"
                      r"\bnet receipts\b|\badditional (?:payments?|compensation)\b|\bin exchange\b|\bcompensated\b|"
                      r"\bpaid\b|\bfee\b", IGNORE)
NO_PAY = re.compile(r"\bwithout (?:any )?(?:further )?(?:compensation|payment|obligation)|\broyalty[- ]free\b|"
                    r"\bfor free\b|\bno (?:residuals|royalt\w*|further payments?)\b|\bfree of charge\b", IGNORE)
SAFE_TIME = re.compile(r"\bfor (?:a (?:period|term) of )?(?:\w+ )?\(?\d+\)? (?:days|months|years)\b|\buntil\b|\bexpires?\b|"
                       r"\bfor the (?:term|duration) of this\b|\bends? (?:when|on|at)\b", IGNORE)
SAFE_LIMITED = re.compile(r"\bcustomer-specific\b|\b(?:customer|client|your)['’]?s? (?:own )?exclusive use\b|"
                          r"\bdedicated\b|\bsolely for (?:customer|you|client)\b|\bfor customer only\b|"
                          r"\binternal use only\b|\bin-house\b|\bfor (?:customer|you) only\b", IGNORE)


USAGE_ONLY = re.compile(r"\b(?:usage|telemetry|diagnostic|performance|technical|operational|analytics)\s+(?:data|"
                        r"information|metrics)\b|\bmetadata\b|\bservice data\b", IGNORE)
CONTENT_WORDS = re.compile(r"\bcontent\b|\binputs?\b|\boutputs?\b|\bprompts?\b|\bfiles?\b|\bdocuments?\b|"
                           r"\bcustomer data\b|\bclient data\b|\bmaterials?\b|\bwork\b|\bimages?\b|\brecordings?\b|"
                           r"\bconversations?\b|\bmessages?\b|\bposts?\b|\bvoice\b|\blikeness\b", IGNORE)


@detector("ai_training_permitted", variants=("partial", "opt_in", "limited", "usage_data"))
def ai_training_permitted(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side (or those it licenses) may train AI models on your work or data."""
    cited = [c for c in ai_clauses(ctx) if c.attrs["ai_training"]["polarity"] == "grants"
             and ai_direction(ctx, c) == "other_on_reader"]
    if not cited:
        return []
    around = _uniq([n for c in cited for n in ctx.neighbours(c, after=2, before=1)])
    scope_text = " ".join(n.flat for n in around if n in cited or re.search(
        r"\bopt|train|model|dataset|\bAI\b|machine|royalt|receipts|share|paid|payment", n.flat, IGNORE))
    own_text = " ".join(c.flat for c in cited)
    has = {
        "opt_out": bool(SAFE_OPT_OUT.search(scope_text)),
        "opt_in": bool(SAFE_OPT_IN.search(own_text)),
        "payment": bool(SAFE_PAY.search(scope_text)) and not NO_PAY.search(own_text),
        "time_limit": bool(SAFE_TIME.search(own_text)) and "perpetual" not in " ".join(
            s for c in cited for s in c.attrs.get("scope", [])),
        "limited": bool(SAFE_LIMITED.search(own_text)) and not re.search(r"\ball (?:customers|users)\b|\bother "
                                                                         r"customers\b|\bthird parties\b", own_text, IGNORE),
    }
    missing = [name for key, name in (("opt_out", "a way to opt out"), ("payment", "payment"),
                                      ("time_limit", "a time limit")) if not has[key]]
    variant = None
    usage_only = all(USAGE_ONLY.search(c.flat) and not CONTENT_WORDS.search(c.flat) for c in cited)
    if has["opt_in"]:
        variant = "opt_in"
    elif usage_only:
        variant = "usage_data"
    elif has["limited"]:
        variant = "limited"
    elif len(missing) < 3:
        variant = "partial"
    return [Hit(cited[:3], variant=variant, vars={
        "missing_safeguards": _join(missing) if missing else "nothing obvious",
        "material": _material(ctx, cited[0]),
    })]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


_MATERIAL = re.compile(r"\b(?:your|the|its|our)\s+((?:[A-Z][\w-]+\s?){1,3})\b|\b((?:Customer|Client|Your|User|"
                       r"Enterprise) (?:Data|Content|Materials?|Inputs?))\b")


def _material(ctx: Ctx, c: ClauseView) -> str:
    m = re.search(r"\b((?:Customer|Client|Your|User|Enterprise) (?:Data|Content|Materials?|Inputs?))\b", c.flat)
    if m:
        return m.group(1)
    m = re.search(r"\bthe ((?:Licensed |Accepted )?(?:Work|Artwork|Images|Photographs|Tracks|Recordings|Deliverables|"
                  r"Content|Submissions|Masters|Footage|Materials))\b", c.flat)
    if m:
        return "the " + m.group(1)
    return {"creator": "your work", "customer": "your data", "employee": "your work", "vendor": "the data"}[
        ctx.perspective]


@detector("ai_training_protection")
def ai_training_protection(ctx: Ctx, params: dict) -> list[Hit]:
    """The contract forbids the other side to train AI on your work or data (a protection)."""
    cited = [c for c in ai_clauses(ctx) if c.attrs["ai_training"]["polarity"] == "forbids"
             and ai_direction(ctx, c) == "other_on_reader"]
    return [Hit(cited[:3], vars={"material": _material(ctx, cited[0])})] if cited else []


@detector("ai_training_restriction")
def ai_training_restriction(ctx: Ctx, params: dict) -> list[Hit]:
    """The contract restricts your own AI use of the other side's material (or your own tools)."""
    cited = [c for c in ai_clauses(ctx) if c.attrs["ai_training"]["polarity"] == "forbids"
             and ai_direction(ctx, c) == "reader_on_other"]
    return [Hit(cited[:3])] if cited else []


VENDOR_DOC = re.compile(r"\b(?:the )?(?:Services?|Platform|Software|API|Subscription|Product)\b")
CUSTOMER_MATERIAL = re.compile(r"\bCustomer (?:Data|Content|Materials?)\b|\bInputs?\b|\byour (?:data|content|files|"
                               r"documents|inputs)\b|\bUser Content\b|\bPrompts?\b", IGNORE)
TDM_RESERVED = re.compile(r"\btext (?:and|&) data mining\b|\bTDM\b|\bdata mining\b|\bmachine[- ]readable\b|\bnoai\b", IGNORE)


@detector("ai_training_not_addressed", variants=("customer",))
def ai_training_not_addressed(ctx: Ctx, params: dict) -> list[Hit]:
    """Your work is licensed (or your data processed) and the contract says nothing about AI training."""
    if ai_clauses(ctx) or any(TDM_RESERVED.search(c.flat) for c in ctx.clauses):
        return []
    if ctx.perspective == "customer":
        data = [c for c in ctx.clauses if CUSTOMER_MATERIAL.search(c.flat)]
        if data and len(VENDOR_DOC.findall(ctx.full_text)) >= 3:
            return [Hit(data[:1], variant="customer", missing=True)]
        return []
    licences = [c for c in ctx.clauses if (c.has("license_grant", "irrevocable_or_perpetual_license")
                                           or re.search(r"\blicen[cs]e\b|\bmay (?:keep|use|reproduce)\b", c.flat, IGNORE))
                and _reader_licenses(ctx, c)]
    if not licences or assignment_clauses(ctx):
        return []
    return [Hit(licences[:1], missing=True)]


# --- AI output -------------------------------------------------------------------------------------------

OUTPUT = re.compile(r"\boutputs?\b|\bgenerated (?:content|text|images?|works?|audio|code)\b|\bgenerations\b|"
                    r"\b(?:text|images|content|audio) (?:the Service|it|the \w+) generates\b|\bresults generated\b", IGNORE)
OWN = re.compile(r"\b(?:retains?(?! (?:\w+ ){0,4}for (?:up to|no more than|a period|\d|\w+ \())|owns?|shall own|will own|"
                 r"property of|belongs? to|right, title and interest)\b", IGNORE)


@detector("ai_output_owned_by_other")
def ai_output_owned_by_other(ctx: Ctx, params: dict) -> list[Hit]:
    """The provider keeps ownership of what its AI generates for you."""
    cited = []
    for c in ctx.clauses:
        if not (OUTPUT.search(c.flat) and OWN.search(c.flat)):
            continue
        if re.search(r"\b(?:delet\w*|retention|days)\b", c.flat, IGNORE) and not re.search(r"\bright, title|\bowns?\b|"
                                                                                     r"\bproperty of", c.flat, IGNORE):
            continue
        if re.search(r"\bassigns?\b[^.]{0,80}\b(?:to you|to customer)\b|\byou own\b|\bbelong to you\b|"
                     r"\b(?:customer|you) (?:owns?|retains?)\b", c.flat, IGNORE):
            continue
        if ctx.subject_side(c, OWN) == "other":
            cited.append(c)
    return [Hit(cited[:1])] if cited else []


HUMAN_WARRANTY = re.compile(
    r"\b(?:warrant|represent|promise|confirm|certif)\w*\b[^.]{0,240}\b(?:not (?:been )?(?:generated|created|produced|"
    r"made)|without (?:the )?use of|human[- ]authored|created (?:solely|entirely) by (?:a )?human)\b[^.]{0,120}"
    r"\b(?:artificial intelligence|AI\b|generative|machine)", IGNORE)


@detector("ai_output_human_authorship_warranty", variants=("disclosed",))
def ai_output_human_authorship_warranty(ctx: Ctx, params: dict) -> list[Hit]:
    """You warrant that your work was made without AI."""
    cited = [c for c in ctx.clauses if HUMAN_WARRANTY.search(c.flat) and ctx.subject_side(
        c, r"\b(?:warrant|represent|promise|confirm|certif)") != "other"]
    if not cited:
        return []
    disclosed = all(re.search(r"\bunless\b[^.]{0,60}\b(?:label|disclos|tag|mark)\w*", c.flat, IGNORE) for c in cited)
    return [Hit(cited[:1], variant="disclosed" if disclosed else None)]


# --- licences -------------------------------------------------------------------------------------------

USE_VERBS = re.compile(r"\b(?:use|reproduce|exploit|publish|display|distribute|keep|host|store|copy|modify|adapt|"
                       r"sell|license|sublicense|perform|synchroni[sz]e|analy[sz]e)\b", IGNORE)
FEEDBACK = re.compile(r"\bfeedback\b|\bsuggestions?\b|\bcomments or suggestions\b", IGNORE)


def _reader_licenses(ctx: Ctx, c: ClauseView) -> bool:
    """Does the reader give the other side a licence or a right to use the reader's material here?"""
    if re.search(r"\bassign(?:s|ment)?\b", c.flat, IGNORE) and not re.search(r"\blicen[cs]e", c.flat, IGNORE):
        return False
    gives = _reader_gives(ctx, c, ("licence",))
    if gives is not None:
        return gives
    if re.search(r"\blicen[cs]e|\bright\b", c.flat, IGNORE) and ctx.subject_side(c, r"\bgrants?\b") == "reader":
        return True
    if "permits" in c.attrs.get("modalities", []) and USE_VERBS.search(c.flat):
        side = ctx.subject_side(c, r"\bmay\b")
        if side == "other":
            return True
    return False


def reader_licence_clauses(ctx: Ctx) -> list[ClauseView]:
    out = []
    for c in ctx.clauses:
        if FEEDBACK.search(c.flat) or NEG.search(c.flat) and not re.search(r"\bgrants?\b", c.flat, IGNORE):
            continue
        if _reader_licenses(ctx, c):
            out.append(c)
            continue
        # "This licence continues even after you delete ..." right after the grant
        if len(c.flat) <= 400 and re.match(r"\W*(?:\w+\W+){0,3}(?:this|the|that|such) licen[cs]e\b|\W*(?:the )?rights? "
                                           r"granted\b", c.flat, IGNORE):
            prev = [n for n in ctx.neighbours(c, after=0, before=2) if n is not c]
            if any(_reader_licenses(ctx, p) and not FEEDBACK.search(p.flat) for p in prev):
                out.append(c)
    return out


LIMITED_USE = re.compile(r"\bsolely (?:as part of|in connection with|to (?:operate|provide|fulfil))|\bonly as part of\b|"
                         r"\bonly as (?:an? )?(?:incorporated |integrated |embedded )?(?:part|component) of\b|"
                         r"\bas (?:an? )?(?:incorporated|integrated|embedded) (?:part|component) of\b|"
                         r"\bsolely to provide\b|\bsolely for the purpose of providing\b", IGNORE)


@detector("perpetual_irrevocable_license", variants=("limited", "copyright_term"))
def perpetual_irrevocable_license(ctx: Ctx, params: dict) -> list[Hit]:
    """A licence you give that never ends or cannot be withdrawn (or survives deleting your content)."""
    cited = [c for c in reader_licence_clauses(ctx)
             if {"perpetual", "irrevocable", "survives_deletion"} & set(c.attrs.get("scope", []))]
    if not cited:
        return []
    variant = None
    if all(LIMITED_USE.search(c.flat) for c in cited):
        variant = "limited"
    elif all(re.search(r"\bfull term of (?:copyright|(?:those|such|the) rights)\b", c.flat, IGNORE)
             and not re.search(r"\bperpetu|\birrevocab", c.flat, IGNORE) for c in cited):
        variant = "copyright_term"
    return [Hit(cited[:2], variant=variant)]


@detector("license_overbroad")
def license_overbroad(ctx: Ctx, params: dict) -> list[Hit]:
    """A licence you give that can be passed on (sublicensed, transferred), used for any purpose, or used
    to make derivative works in any media."""
    cited = []
    reasons: list[str] = []
    for c in reader_licence_clauses(ctx):
        if LIMITED_USE.search(c.flat):
            continue
        scope = set(c.attrs.get("scope", []))
        why = []
        if "sublicensable" in scope:
            why.append("sublicensed to others")
        if "transferable" in scope:
            why.append("transferred")
        if "any_purpose" in scope:
            why.append("used for any purpose")
        if {"all_media", "derivative_works"} <= scope or re.search(r"\bderivative works?\b", c.flat, IGNORE):
            why.append("adapted into new works in any media")
        if why:
            cited.append(c)
            reasons.extend(w for w in why if w not in reasons)
    return [Hit(cited[:2], vars={"material": _join(reasons)})] if cited else []


@detector("exclusive_license")
def exclusive_license(ctx: Ctx, params: dict) -> list[Hit]:
    """An exclusive licence: you cannot license the same work to anyone else."""
    cited = [c for c in reader_licence_clauses(ctx) if "exclusive" in c.attrs.get("scope", [])
             and re.search(r"(?<!non-)(?<!non)\bexclusive\b(?! (?:remedy|jurisdiction|venue))", c.flat, IGNORE)]
    return [Hit(cited[:1])] if cited else []


@detector("feedback_license")
def feedback_license(ctx: Ctx, params: dict) -> list[Hit]:
    """Anything you suggest may be used by the other side, for free and for any purpose."""
    cited = [c for c in ctx.clauses if FEEDBACK.search(c.flat) and re.search(
        r"\blicen[cs]e|\bmay use\b|\bany purpose\b|\bwithout (?:any )?(?:compensation|obligation)|\bassign", c.flat, IGNORE)
        and ctx.subject_side(c, r"\bmay use\b|\blicen[cs]e|\bassign") != "reader"]
    return [Hit(cited[:1])] if cited else []


# --- money ----------------------------------------------------------------------------------------------

ROYALTY = re.compile(r"\broyalt(?:y|ies)\b(?!-free)|\bnet receipts\b|\brevenue share\b|\bshare of (?:the )?(?:net )?"
                     r"(?:revenue|receipts|proceeds|fees|dataset fees)\b|\b\d+(?:\.\d+)?\s?%\s+of\b|\bpercent\s*\(\d+%\)\s+of\b|"
                     r"\bartist margin\b|\bpercent(?:age)? of (?:the )?(?:net|gross)\b", IGNORE)
ROYALTY_CONTEXT = re.compile(r"\broyalt|\breceipts\b|\brevenue|\bsales?\b|\bprice\b|\bearnings\b|\bproceeds\b|"
                             r"\blicen[cs]e fees?\b|\bmargin\b|\bincome\b|\bshare\b|\bdataset fees\b|\bper (?:copy|unit|stream|"
                             r"download)", IGNORE)
NOT_ROYALTY = re.compile(r"\bbalance\b|\bdeposit\b|\bkill fee\b|\blate (?:fee|payment)|\binterest\b|\bpenalt\w*|"
                         r"\bfailure to\b|\bentitle[sd]? \w+ to a fee\b|\bcancel\w*|\bon signing\b|\bupfront\b", IGNORE)
NO_ROYALTY = re.compile(r"\bno (?:royalt\w*|residuals|further payment)|\broyalty[- ]free\b", IGNORE)
AUDIT = re.compile(r"\baudit\w*\b[^.]{0,80}\b(?:books|records|accounts|statements|royalt\w*|sales|payments?)\b|"
                   r"\b(?:examine|inspect)\w*\b[^.]{0,60}\b(?:books|records|accounts)\b|\bindependent accountant\b|"
                   r"\breview the records\b|\b(?:books|records) (?:and records )?(?:may|shall) be (?:audited|inspected)", IGNORE)


@detector("royalties_without_audit")
def royalties_without_audit(ctx: Ctx, params: dict) -> list[Hit]:
    """You are paid a royalty or revenue share but have no right to check the other side's books."""
    paid = [c for c in ctx.clauses if ROYALTY.search(c.flat) and not NO_ROYALTY.search(c.flat)
            and ROYALTY_CONTEXT.search(c.flat) and not NOT_ROYALTY.search(c.flat)
            and ctx.subject_side(c, r"\bpay\b|\bpays\b") != "reader"]
    if not paid:
        return []
    if any(AUDIT.search(c.flat) or c.has("audit_rights") and re.search(r"\baudit|\bexamine|\binspect", c.flat, IGNORE)
           for c in ctx.clauses):
        return []
    return [Hit(paid[:2], missing=True)]


@detector("audit_rights_granted")
def audit_rights_granted(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may audit you."""
    cited = [c for c in ctx.clauses if re.search(r"\baudit\w*|\binspect\w*", c.flat, IGNORE)
             and ctx.subject_side(c, r"\baudit|\binspect") == "other"]
    return [Hit(cited[:1])] if cited else []


# --- likeness, credit, portfolio --------------------------------------------------------------------------

LIKENESS = re.compile(r"\blikeness\b|\bvoice\b|\bbiograph\w*|\bpersona\b|\bprofile photo\b|\bphotograph(?:s)? of (?:you|"
                      r"me|talent|the \w+)\b|\bname,? (?:and |or )?(?:image|likeness|photograph)|\bimage and likeness\b|"
                      r"\bdigital replica\b", IGNORE)
LIKENESS_AI = re.compile(r"\bdigital replica|\bsynthetic|\bvoice model|\bclon(?:e|es|ed|ing)\b|\bgenerat\w* new content|"
                         r"\bfeatures? that generate|\bavatar|\bdeepfake|\bAI\b|\bartificial intelligence|"
                         r"\btrain\w*\s+(?:a |an |the |any |our |its )?(?:\w+ )?(?:models?|AI|voice|systems?)|\bgenerative\b",
                         IGNORE)
CREDIT = re.compile(r"\bcredit\w*\b|\battribut\w*|\bidentified as (?:the )?author\b|\bbyline\b|\b(?:shows?|display\w*|"
                    r"print\w*)\b[^.]{0,40}\b(?:your|the \w+['’]s|\w+['’]s) (?:\w+ )?name\b|\bname on the (?:cover|"
                    r"title page)|\bPhoto ©", IGNORE)


@detector("likeness_use", variants=("ai",))
def likeness_use(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may use your name, image, voice or likeness (for marketing, or to build AI
    replicas)."""
    cited = []
    for c in ctx.clauses:
        if not (LIKENESS.search(c.flat) or c.has("publicity_and_likeness") and re.search(
                r"\bname\b|\bimage\b|\bphoto", c.flat, IGNORE)):
            continue
        if re.search(r"\bmodel releases?\b|\bwill not use (?:the other|either)|\bshall not use (?:the other|either)", c.flat,
                     IGNORE) or NEG.search(c.flat) and not re.search(r"\bmay use\b|\bgrants?\b|\ballow", c.flat, IGNORE):
            continue
        if CREDIT.search(c.flat) and not re.search(r"\blikeness|\bvoice\b|\bbiograph", c.flat, IGNORE):
            continue
        if not re.search(r"\buse\b|\bexploit|\badvertis|\bpromot|\bmarket|\bcreate\b|\btrain|\bin connection with\b|"
                         r"\blicense\b", c.flat, IGNORE):
            continue
        if ctx.subject_side(c, r"\buse\b|\badvertis|\bpromot|\bmarket|\bcreate\b|\btrain") == "reader" and not \
                re.search(r"\bgrants?\b|\ballow|\bauthori", c.flat, IGNORE):
            continue
        cited.append(c)
    if not cited:
        return []
    ai = any(LIKENESS_AI.search(c.flat) for c in cited)
    return [Hit(cited[:2], variant="ai" if ai else None)]


PORTFOLIO = re.compile(r"\bportfolio\b|\bself-promotion\b|\bshow ?reel\b|\bdemo reel\b|\bdisplay\b[^.]{0,80}\b(?:website|"
                       r"social media)\b|\baward submissions?\b", IGNORE)
PORTFOLIO_BAN = re.compile(r"(?:\bnot\b|\bnever\b|can['’]t|cannot|won['’]t)[^.]{0,100}\b(?:portfolio|publish|post|display|"
                           r"show)\b[^.]{0,100}\b(?:work|artwork|deliverables|designs?|social media|website|portfolio|"
                           r"elsewhere)\b", IGNORE)


@detector("portfolio_right_missing", variants=("restricted",))
def portfolio_right_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """You hand over your work but may not show it in your portfolio."""
    bans = [c for c in ctx.clauses if PORTFOLIO_BAN.search(c.flat) and (
        PORTFOLIO.search(c.flat) or re.search(r"\bsocial media|\bartwork|\bdeliverables|\bwork\b", c.flat, IGNORE))
        and not re.search(r"\bcompet|\bsame subject|\bsimilar\b", c.flat, IGNORE)
        and ctx.subject_side(c, PORTFOLIO_BAN) != "other"]
    if bans:
        return [Hit(bans[:1], variant="restricted")]
    if ctx.perspective == "employee":
        return []
    grants = [c for c in ctx.clauses if PORTFOLIO.search(c.flat) and not PORTFOLIO_BAN.search(c.flat)]
    if grants:
        return []
    assigns = assignment_clauses(ctx)
    return [Hit(assigns[:1], missing=True)] if assigns else []


@detector("attribution_missing", variants=("waived",))
def attribution_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """Your work is licensed or assigned with no promise to credit you (or you waive credit)."""
    waived = [c for c in ctx.clauses if re.search(
        r"\bnot (?:be )?required to (?:credit|attribute)|\bwithout (?:attribution|credit)|\bno (?:credit|attribution)\b|"
        r"\bwaives?\b[^.]{0,120}\b(?:attribution|right to be identified|credit)\b", c.flat, IGNORE)]
    if waived:
        return [Hit(waived[:1], variant="waived")]
    given = reader_licence_clauses(ctx) + assignment_clauses(ctx)
    if not given:
        return []
    if any(CREDIT.search(c.flat) and not NEG.search(c.flat) for c in ctx.clauses):
        return []
    return [Hit(_uniq(given)[:1], missing=True)]


# --- disputes, liability, indemnities --------------------------------------------------------------------

ARB = re.compile(r"\barbitrat\w*", IGNORE)
CLASS = re.compile(r"\bclass(?:[- ]wide)? (?:action|arbitration|or collective|proceeding)|\bcollective action|"
                   r"\bindividual basis\b|\bon an individual\b|\bindividual arbitration\b|\bclass\b[^.]{0,30}\bwaive", IGNORE)


@detector("arbitration_class_waiver", variants=("arbitration_only", "opt_out"))
def arbitration_class_waiver(ctx: Ctx, params: dict) -> list[Hit]:
    """Disputes go to private arbitration, one by one: no court, no jury, no class action."""
    arb = [c for c in ctx.clauses if ARB.search(c.flat) and re.search(
        r"\bbinding\b|\bfinal\b|\bmandatory\b|\bresolved?\b|\bsubmit", c.flat, IGNORE)]
    if not arb:
        return []
    around = _uniq([n for c in arb for n in ctx.neighbours(c, after=2)])
    cls = [n for n in around if CLASS.search(n.flat)]
    variant = None
    if not cls:
        variant = "arbitration_only"
    elif any(re.search(r"\bopt out of (?:this )?arbitration\b|\bopt out of (?:the )?(?:agreement to )?arbitrat", n.flat,
                       IGNORE) for n in around):
        variant = "opt_out"
    return [Hit(_uniq(arb[:1] + cls[:1]), variant=variant)]


CAP = re.compile(r"\b(?:liability|liable)\b[^.]{0,250}\b(?:shall not exceed|will not exceed|not to exceed|exceed|"
                 r"(?:is )?limited to|capped at)\b|\bliability to you\b[^.]{0,60}\blimited", IGNORE)
MONTHS = re.compile(r"\b(?:(\w+)\s+)?\(?(\d+)?\)?\s*months?\b", IGNORE)
_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12, "eighteen": 18,
            "twenty-four": 24, "thirty-six": 36}


def _cap_months(text: str) -> int | None:
    best = None
    for m in MONTHS.finditer(text):
        n = int(m.group(2)) if m.group(2) else _WORDNUM.get((m.group(1) or "").lower())
        if n:
            best = n if best is None else max(best, n)
    return best


def _liability_owner(ctx: Ctx, c: ClauseView) -> str | None:
    """Whose liability a cap limits: "Ledgerline's aggregate liability", "our total liability"."""
    m = re.search(r"\b([\w&-]+)['’]s\s+(?:\w+\s+){0,2}liabilit", c.flat, IGNORE) or re.search(
        r"\b(our|your|its|their|my)\s+(?:\w+\s+){0,2}liabilit", c.flat, IGNORE)
    if m:
        side = ctx.side_of(m.group(1))
        if side:
            return side
    return ctx.subject_side(c, r"\bliabilit")


@detector("liability_cap_low")
def liability_cap_low(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side's liability to you is capped very low (a token sum or a few months' fees)."""
    for c in ctx.clauses:
        if not (CAP.search(c.flat) or c.has("cap_on_liability") and re.search(r"\bexceed|\blimited to", c.flat, IGNORE)):
            continue
        mutual = bool(re.search(r"\beach party|\beither party|\bneither party", c.flat, IGNORE))
        side = _liability_owner(ctx, c)
        if side == "reader" and not mutual:
            continue
        months = _cap_months(c.flat) if re.search(r"\bfees\b|\bpaid\b|\bpayable\b|\bpayouts?\b", c.flat, IGNORE) else None
        amounts = [m["amount"] for m in c.attrs.get("money", [])]
        low_money = bool(amounts) and max(amounts) < 5000
        if months is not None and months >= 12:
            continue
        if (months is not None and months < 12) or (low_money and months is None):
            cap = (f"{months} months of fees" if months is not None else "") + (
                (" or " if months is not None else "") + f"{max(amounts):,.0f}" if low_money else "")
            return [Hit([c], vars={"cap": cap.strip()})]
    return []


UNCAPPED = re.compile(r"\bunlimited\b|\buncapped\b|\bnot (?:be )?limited\b|\b(?:shall|will|does) not apply to\b|"
                      r"\bexclu\w* from (?:the|this) (?:cap|limit)|\bexcept for excluded claims\b", IGNORE)


CAP_CARVE = re.compile(r"\b(?:except|excluding|other than|save)\b(?: for)?[^.]{0,80}\b(?:indemnif\w*|breach\w*|confidential\w*|"
                       r"data|gross negligence|wil+ful|fraud|infring\w*)", IGNORE)


@detector("uncapped_liability")
def uncapped_liability(ctx: Ctx, params: dict) -> list[Hit]:
    """Some of your liability has no cap."""
    cited = [c for c in ctx.clauses if (UNCAPPED.search(c.flat) or (CAP.search(c.flat) and CAP_CARVE.search(c.flat)))
             and re.search(r"\bliabilit|\blimit", c.flat, IGNORE)
             and (c.has("cap_on_liability", "uncapped_liability") or re.search(r"\bliabilit", c.flat, IGNORE))]
    return [Hit(cited[:2])] if cited else []


INDEM = re.compile(r"\bindemnif\w*|\b(?:will|shall|must|agrees? to|to)\s+(?:\w+\s+){0,2}defend\b(?! trade)|"
                   r"\bdefend(?:,| and)\s+(?:indemnif|hold)|\bhold\b[^.]{0,40}\bharmless", IGNORE)
IP_CLAIM = re.compile(r"\binfring\w*|\bintellectual property|\bmisappropriat\w*", IGNORE)


@detector("one_sided_indemnity")
def one_sided_indemnity(ctx: Ctx, params: dict) -> list[Hit]:
    """You indemnify the other side, and it gives you no indemnity back."""
    mine, theirs = [], []
    for c in ctx.clauses:
        if not INDEM.search(c.flat) or re.search(r"\beach party\b|\bmutual", c.flat, IGNORE):
            if INDEM.search(c.flat):
                theirs.append(c)
            continue
        side = ctx.subject_side(c, INDEM)
        if side == "reader":
            mine.append(c)
        elif side == "other":
            theirs.append(c)
    if mine and not theirs:
        return [Hit(mine[:1])]
    return []


@detector("ip_indemnity_missing")
def ip_indemnity_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """The provider does not defend you if its service (or its AI output) infringes someone's rights."""
    if len(VENDOR_DOC.findall(ctx.full_text)) < 3:
        return []
    for c in ctx.clauses:
        if INDEM.search(c.flat) and IP_CLAIM.search(c.flat) and (
                ctx.subject_side(c, INDEM) == "other" or re.search(r"\beach party\b", c.flat, IGNORE)):
            return []
    cited = [c for c in ctx.clauses if re.search(r"\bas is\b|\bnon-?infringement\b", c.flat, IGNORE)]
    return [Hit(cited[:1], missing=True)]


# --- termination, data, changes --------------------------------------------------------------------------

AT_WILL = re.compile(r"\bat any time\b|\bfor any reason\b|\bno reason\b|\bwithout (?:prior )?(?:notice|cause)\b|"
                     r"\bwith or without (?:cause|notice)\b|\bsole discretion\b|\bimmediately\b", IGNORE)
TERMINATE = re.compile(r"\b(?:suspend|terminat\w*|discontinu\w*|close|disable|end)\b", IGNORE)


@detector("suspension_or_termination_at_will")
def suspension_or_termination_at_will(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may suspend or end the service (or the deal) at any time, for any reason."""
    cited = []
    for c in ctx.clauses:
        if not (TERMINATE.search(c.flat) and AT_WILL.search(c.flat)):
            continue
        if re.search(r"\beither (?:party|of us)\b|\bboth parties\b|\bmutual", c.flat, IGNORE):
            continue
        if re.search(r"\bonly (?:if|where|when|to the extent|for)\b", c.flat, IGNORE):
            continue
        if re.search(r"\b(?:\d{2,3}|thirty|sixty|ninety)\)?\s+(?:\(\d+\)\s+)?days['’]?\s+(?:prior\s+)?(?:written\s+)?notice",
                     c.flat, IGNORE):
            continue  # ends on a month's notice or more: termination for convenience, not "at any time"
        if re.search(r"\b(?:cure|fix|remedy)\b[^.]{0,60}\bwithin\b|\bwithin\b[^.]{0,30}\bdays\b[^.]{0,40}\b(?:cure|"
                     r"remedy|fix)", c.flat, IGNORE):
            continue
        if ctx.subject_side(c, TERMINATE) != "other":
            continue
        cited.append(c)
    return [Hit(cited[:1])] if cited else []


DELETE = re.compile(r"\bdelet\w*|\breturn\w*\b[^.]{0,60}\b(?:data|content)\b|\bexport\w*|\bretention\b|\bdestroy\w*|"
                    r"\b(?:store|retain)\w*\b[^.]{0,60}\b(?:no (?:more|longer) than|for up to|days)\b", IGNORE)


CONFIDENTIAL = re.compile(r"\bconfidential\w*|\bsecurity (?:measures|safeguards|controls|obligations|program)|"
                          r"\bSOC ?2\b|\bISO ?27001\b|\bencrypt\w*|\bprotect\w*\b[^.]{0,60}\b(?:data|content|inputs)", IGNORE)


@detector("confidentiality_missing")
def confidentiality_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """The provider processes your data but promises neither confidentiality nor security."""
    data = [c for c in ctx.clauses if CUSTOMER_MATERIAL.search(c.flat)]
    if not data or len(VENDOR_DOC.findall(ctx.full_text)) < 3:
        return []
    if any(CONFIDENTIAL.search(c.flat) for c in ctx.clauses):
        return []
    return [Hit(data[:1], missing=True)]


@detector("data_deletion_missing")
def data_deletion_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """Nothing says the provider will return or delete your data when the contract ends."""
    data = [c for c in ctx.clauses if CUSTOMER_MATERIAL.search(c.flat)]
    if not data or len(VENDOR_DOC.findall(ctx.full_text)) < 3:
        return []
    if any(DELETE.search(c.flat) for c in ctx.clauses):
        return []
    return [Hit(data[:1], missing=True)]


PDATA = re.compile(r"\bpersonal (?:data|information)\b|\binformation about you\b|\byour (?:personal )?(?:data|"
                   r"information)\b", IGNORE)
SHARE = re.compile(r"\b(?:sell|sale|share|shares|sharing|disclose|transfer|rent)\w*\b", IGNORE)
ADS = re.compile(r"\badvertis\w*|\bmarketing\b|\bdata brokers?\b|\bthird[- ]part(?:y|ies)\b|\bpartners\b", IGNORE)


@detector("personal_data_sharing", variants=("sale",))
def personal_data_sharing(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may sell or share your personal data with advertisers or other third parties."""
    cited = []
    for c in ctx.clauses:
        if not (SHARE.search(c.flat) and ADS.search(c.flat) and (PDATA.search(c.flat) or re.search(
                r"\binformation\b", c.flat, IGNORE) and c.has("personal_data_use"))):
            continue
        if re.search(r"\b(?:do|does|will|shall) not (?:sell|share)|\bnever (?:sell|share)", c.flat, IGNORE):
            continue
        if re.search(r"\bmerger|\bacquisition|\breorgani[sz]ation|\bbankruptcy|\bsale of (?:all|substantially|our|the|its)\b",
                     c.flat, IGNORE) and not re.search(r"\badvertis|\bmarketing", c.flat, IGNORE):
            continue
        if not re.search(r"\badvertis|\bmarketing|\bsell|\bsale\b|\bdata broker", c.flat, IGNORE):
            continue
        cited.append(c)
    if not cited:
        return []
    sale = any(re.search(r"\bsell\b(?! (?:our|the|its) (?:business|company|assets))|\bsold\b(?! to a successor)|"
                         r"\bsale of (?:your |certain )?personal", c.flat, IGNORE) for c in cited)
    return [Hit(cited[:1], variant="sale" if sale else None)]


CHANGE = re.compile(
    r"\b(?:may|can|will|reserves? the right to)\b[^.]{0,30}\b(?:change|modify|amend|update|revise)\w*\b[^.]{0,40}"
    r"\b(?:these|this|the)\s+(?:\w+\s+)?(?:Terms|Agreement|terms|agreement|Policy|policies)\b|"
    r"\b(?:may|can|reserves? the right to)\s+(?:change|increase|modify|update)\s+(?:our |its |the )?(?:prices|pricing|"
    r"fees)\b|\bcontinued (?:use|uploading|"
    r"participation|access)\b[^.]{0,100}\b(?:accept\w*|constitutes|agree\w*)\b",
    IGNORE,
)
CHANGE_NOTICE = re.compile(r"\b(?:at least|no less than|not less than)\s+\(?\w+\)?\s*(?:\(\d+\)\s*)?days?\b[^.]{0,40}"
                           r"\bbefore\b|\b\d+\s+days['’]?\s+(?:prior |advance )?notice\b|\bclose your account before\b", IGNORE)


@detector("unilateral_changes", variants=("notice",))
def unilateral_changes(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may change the terms on its own; carrying on counts as accepting."""
    cited = []
    for c in ctx.clauses:
        if not CHANGE.search(c.flat):
            continue
        if re.search(r"\bonly (?:by|in) (?:a )?writ\w*|\bsigned by both\b|\bneither party may\b|\bmutual", c.flat, IGNORE):
            continue
        if ctx.subject_side(c, CHANGE) == "reader":
            continue
        cited.append(c)
    if not cited:
        return []
    around = _uniq([n for c in cited for n in ctx.neighbours(c, after=1)])
    notice = any(CHANGE_NOTICE.search(n.flat) for n in around)
    return [Hit(cited[:2], variant="notice" if notice else None)]


RENEW = re.compile(r"\brenew\w* automatically\b|\bautomatically renew\w*|\bauto-?renew\w*|\b(?:shall|will) renew\b|"
                   r"\brenews? for (?:successive|additional)\b|\brenew\w* for (?:successive|additional)", IGNORE)


@detector("auto_renewal", variants=("long_notice",))
def auto_renewal(ctx: Ctx, params: dict) -> list[Hit]:
    """The contract renews itself unless you give notice in time."""
    cited = [c for c in ctx.clauses if RENEW.search(c.flat)]
    if not cited:
        return []
    c = cited[0]
    days = [d["value"] for d in c.attrs.get("durations", []) if d["unit"].endswith("day")]
    around = " ".join(n.flat for n in ctx.neighbours(c, after=1))
    long_notice = (days and max(days) >= 60) or re.search(r"\bincrease\w*\b[^.]{0,40}\b(?:fees|prices)\b|"
                                                          r"\bchange (?:our )?prices\b", around, IGNORE)
    return [Hit([c], variant="long_notice" if long_notice else None,
                vars={"notice": f"{int(max(days))} days" if days else "the notice period"})]


WHISTLE = re.compile(r"\b1833\b|\bDefend Trade Secrets\b|\bwhistleblow\w*|\breport\w*\b[^.]{0,80}\b(?:government|agency|"
                     r"regulator|law enforcement|violations? of law)|\bimmun\w*", IGNORE)


@detector("confidentiality_no_whistleblower_notice")
def confidentiality_no_whistleblower_notice(ctx: Ctx, params: dict) -> list[Hit]:
    """Confidentiality duties with no notice that you may still report wrongdoing to the authorities."""
    conf = [c for c in ctx.clauses if c.has("confidentiality") or re.search(r"\bconfidential", c.flat, IGNORE)]
    conf = [c for c in conf if re.search(r"\bconfidential", c.flat, IGNORE)]
    if not conf or any(WHISTLE.search(c.flat) for c in ctx.clauses):
        return []
    return [Hit(conf[:1], missing=True)]


REPAY = re.compile(r"\b(?:repay\w*|reimburse\w*|refund\w*|claw ?back)\b|\bpay\b(?:\s+[\w$,.-]+){0,4}\s+back\b", IGNORE)
BONUS = re.compile(r"\bbonus\b|\brelocation\b|\btuition\b|\btraining costs?\b|\bsign-?on\b|\bsigning\b", IGNORE)


PAYMENT_CLAUSE = re.compile(r"\b(?:pay|paid|payable|payment|invoice\w*|fees?)\b", IGNORE)
PAY_ON_EVENT = re.compile(r"\b(?:on|upon|after|following) (?:first )?(?:publication|release|broadcast|launch|use)\b|"
                          r"\bwhen (?:the \w+ is )?(?:published|released)\b", IGNORE)


@detector("slow_payment", variants=("on_publication",))
def slow_payment(ctx: Ctx, params: dict) -> list[Hit]:
    """You are paid late: more than 45 days after invoice or delivery, or only when the work is published."""
    for c in ctx.clauses:
        if not PAYMENT_CLAUSE.search(c.flat) or ctx.subject_side(c, r"\bpay\b|\bpays\b|\bpaid\b") == "reader":
            continue
        if re.search(r"\bfail\w* to pay|\bterminat\w*|\blate payment|\binterest\b", c.flat, IGNORE):
            continue
        if re.search(r"\b(?:you|customer|client) (?:will|shall|must) pay\b", c.flat, IGNORE) and ctx.perspective != "creator":
            continue
        if PAY_ON_EVENT.search(c.flat) and re.search(r"\bfee|\bpay", c.flat, IGNORE) and not re.search(r"\broyalt|"
                                                                                                 r"\badvance", c.flat, IGNORE):
            return [Hit([c], variant="on_publication")]
        for d in c.attrs.get("durations", []):
            if d["unit"].endswith("day") and d["value"] > 45 and re.search(
                    r"\bwithin\b[^.]{0,20}" + re.escape(d["text"].split()[0]), c.flat, IGNORE):
                return [Hit([c], vars={"duration": d["text"]})]
    return []


WARRANTY_DISCLAIMER = re.compile(r"\bas[- ]is\b|\bas available\b|\bdisclaims? (?:all )?warrant", IGNORE)
PERFORMANCE_WARRANTY = re.compile(r"\bwarrants? that\b[^.]{0,120}\b(?:perform|conform|function|operate)\w*|"
                                  r"\bmaterially in accordance with\b|\bservice levels?\b|\buptime\b|\bSLA\b", IGNORE)
SERVICE_LEVEL = re.compile(r"\bservice levels?\b|\buptime\b|\bavailability\b|\bSLA\b|\bservice credits?\b", IGNORE)


@detector("warranty_disclaimer")
def warranty_disclaimer(ctx: Ctx, params: dict) -> list[Hit]:
    """The service is provided "as is": no promise that it works."""
    if len(VENDOR_DOC.findall(ctx.full_text)) < 3 or any(PERFORMANCE_WARRANTY.search(c.flat) for c in ctx.clauses):
        return []
    cited = [c for c in ctx.clauses if WARRANTY_DISCLAIMER.search(c.flat)]
    return [Hit(cited[:1])] if cited else []


@detector("service_levels_missing")
def service_levels_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """A paid service with no uptime or support commitment."""
    if len(VENDOR_DOC.findall(ctx.full_text)) < 3 or not re.search(r"\bfees?\b|\bsubscription\b|\bprices?\b",
                                                                   ctx.full_text, IGNORE):
        return []
    if any(SERVICE_LEVEL.search(c.flat) for c in ctx.clauses):
        return []
    fees = [c for c in ctx.clauses if re.search(r"\bfees?\b|\bsubscription\b", c.flat, IGNORE)]
    return [Hit(fees[:1], missing=True)]


@detector("repayment_clawback", variants=("prorated",))
def repayment_clawback(ctx: Ctx, params: dict) -> list[Hit]:
    """You must pay back a bonus or other payment if you leave early."""
    cited = []
    for c in ctx.clauses:
        if not REPAY.search(c.flat):
            continue
        near = ctx.neighbours(c, after=0, before=1)
        if any(BONUS.search(n.flat) for n in near) and re.search(r"\bleave|\bresign|\bterminat|\bwithin\b|\bquit", c.flat, IGNORE):
            cited.append(c)
    if not cited:
        return []
    prorated = any(re.search(r"\bpro[- ]?rat\w*|\bprorat\w*", c.flat, IGNORE) for c in cited)
    return [Hit(cited[:1], variant="prorated" if prorated else None)]


# --- generic detectors for user checks --------------------------------------------------------------------

def _matches(ctx: Ctx, spec: dict) -> list[ClauseView]:
    cats = tuple(spec.get("categories") or ())
    pats = [re.compile(p, IGNORE) for p in spec.get("patterns") or ()]
    req = [re.compile(p, IGNORE) for p in spec.get("require") or ()]
    exc = [re.compile(p, IGNORE) for p in spec.get("exclude") or ()]
    pol = spec.get("polarity")
    out = []
    for c in ctx.clauses:
        if not ((cats and c.has(*cats)) or any(p.search(c.flat) for p in pats)):
            continue
        if any(not r.search(c.flat) for r in req) or any(e.search(c.flat) for e in exc):
            continue
        if pol and c.attrs.get("polarity") != pol:
            continue
        out.append(c)
    return out


@detector("match")
def match(ctx: Ctx, params: dict) -> list[Hit]:
    """Clauses matching params.match (categories or patterns, with require/exclude/polarity)."""
    found = _matches(ctx, params["match"])
    if not found:
        return []
    if params.get("group"):
        return [Hit(found)]
    return [Hit([c]) for c in found]


@detector("missing")
def missing(ctx: Ctx, params: dict) -> list[Hit]:
    """A protection that is missing: some clause matches params.when (or always, when absent) and no
    clause matches params.satisfied_by."""
    when = params.get("when")
    trigger = _matches(ctx, when) if when else []
    if when and not trigger:
        return []
    if _matches(ctx, params["satisfied_by"]):
        return []
    return [Hit(trigger[:1], missing=True)]
