"""Detectors: IP assignment."""

from __future__ import annotations

import re

from ..context import ClauseView, Ctx
from .base import IGNORE, Hit, _uniq, cite, detector

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
    r"(?:created|made|developed) (?:by \w+ )?before|prior (?:works?|inventions?)|before the effective date)\b|"
    # a promise not to claim earlier work: "you will not assert that any invention was made before your employment"
    r"\b(?:not|never)\s+(?:to\s+)?(?:assert|claim|contend|allege)\b[^.;]{0,80}\b(?:made|created|conceived|developed|"
    r"invented)\b[^.;]{0,40}\b(?:before|prior to)\b",
    IGNORE,
)
PRIOR_TERM = re.compile(r"\bprior inventions?\b|\bexcluded inventions?\b|\bbackground (?:ip|technology|intellectual "
                        r"property|materials?)\b|\bpre-?existing (?:inventions?|ip|intellectual property)\b", IGNORE)
PRIOR_BEFORE = re.compile(r"\bpre-?existing\b|\b(?:made|created|developed|conceived|owned|written)\b[^.;]{0,40}"
                          r"\b(?:before|prior to)\b", IGNORE)
PRIOR_KEPT = re.compile(r"\bremain\w*|\bretain\w*|\bexclud\w*|\bkeeps?\b|\bnot (?:be )?assigned|\bdoes not (?:apply|"
                        r"include)|\blisted\b|\bexhibit\b|\bschedule\b|\bstays?\b|\byours\b|\bbelongs? to you\b|"
                        r"\byour (?:own )?property\b", IGNORE)


def _swallows(c: ClauseView) -> bool:
    """Does a sentence pull earlier work into the assignment ("This assignment includes any tools ... owned by
    Consultant before the Effective Date"), rather than keep it out ("an Exhibit A where you can list the
    inventions you made before joining, which remain yours")?"""
    text = c.flat
    for m in c.finditer(SWALLOW):
        a = text.rfind(".", 0, m.start()) + 1
        b = text.find(".", m.end())
        sentence = text[a:b if b != -1 else len(text)]
        if not PRIOR_KEPT.search(sentence) and not re.search(r"\blist\b", sentence, IGNORE):
            return True
    return False


def has_prior_carve_out(c: ClauseView) -> bool:
    """Does this clause keep the reader's earlier work out of the assignment?"""
    if _swallows(c):
        return False
    return c.matches(PRIOR_TERM) or (c.matches(PRIOR_BEFORE) and c.matches(PRIOR_KEPT))


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
    r"\bwhether or not (?:during|with)\b|\b(?:including )?(?:during )?(?:my|your|his|her|their|employee's) off-duty\b|"
    r"\boff-duty hours\b|\bafter (?:working )?hours\b",
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
        # "except as provided in Section 2(c)" points at the carve-out; it does not make this sentence one
        sentence = CROSS_REFERENCE.sub("", text[a:b])
        if not CARVE_CONTEXT.search(sentence):
            return True
    return False


CROSS_REFERENCE = re.compile(r"\bexcept as (?:otherwise )?(?:provided|set (?:forth|out)|described|stated) (?:in|under|by) "
                             r"(?:section|paragraph|exhibit|clause|schedule|article)\s*[\w.()]*", IGNORE)


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
    """The clauses in which the reader assigns its work to the other side."""
    return list(ctx.once(_assignment_clauses))


def _assignment_clauses(ctx: Ctx) -> list[ClauseView]:
    out = []
    for c in ctx.matching(ASSIGN):
        labelled = c.has("ip_ownership_assignment", "work_made_for_hire")
        if not (labelled or c.matches(ASSIGN_OBJECT)):
            continue
        if c.matches(NOT_ASSIGN) and not c.matches(r"\bhereby assigns?\b"):
            continue
        gives = _reader_gives(ctx, c)
        if gives is False:
            continue
        if gives is None and not c.matches(ctx.reader_rx):
            continue  # nobody on the reader's side is named: not the reader's work
        if gives is None:
            side = ctx.subject_side(c, ASSIGN)
            if side == "other" and not c.matches(r"works? made for hire|belongs? to|property of|owned by"):
                continue
            if side == "reader" and c.matches(r"\b(?:owns?|retains?)\b") and not c.matches(r"\bassign"):
                continue  # "Customer owns all Customer Data"
        out.append(c)
    return out


SCOPED_TO_THE_JOB = re.compile(r"\b(?:work|inventions?|developments?|deliverables|materials)\b[^.;]{0,60}\b(?:for the "
                               r"(?:company|employer|client)|in the course of (?:your|my|his|her|the) (?:employment|"
                               r"engagement|work|services|duties)|within the scope of (?:your|my|the) (?:employment|"
                               r"engagement|duties))\b", IGNORE)


def _scoped_to_the_job(ctx: Ctx) -> bool:
    """The assigned work is only work done for the other side (not anything the reader makes), and no
    clause reaches personal time: earlier personal work is less at risk."""
    texts = [c.flat for c in ctx.clauses]
    return any(SCOPED_TO_THE_JOB.search(t) for t in texts) and not any(reaches_personal_time(t) for t in texts)


@detector("prior_inventions_missing", variants=("swallows", "scoped"))
def prior_inventions_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """An assignment of your work with no carve-out for what you made before (a prior-inventions list,
    background IP), or one that expressly takes your pre-existing materials."""
    assigns = assignment_clauses(ctx)
    if ctx.perspective != "employee":
        assigns = [c for c in assigns if c.matches(BROAD_OBJECT)]
    swallow = [c for c in ctx.matching(SWALLOW) if _swallows(c) and (c.matches(ASSIGN) or c in assigns or (
               assigns and c.matches(r"\b(?:not|never)\s+(?:to\s+)?(?:assert|claim|contend)\b")))
               and (ctx.reader_rx.search(c.flat) or not c.matches(ctx.other_rx))
               and not c.matches(r"\b(?:client|customer|company|publisher|licensee)(?:['’]s)? (?:pre-?existing|"
                                 r"materials)\b")]
    if swallow:
        return [Hit(_uniq(swallow + assigns[:1]), variant="swallows")]
    if not assigns:
        return []
    if any(has_prior_carve_out(c) for c in ctx.clauses):
        return []
    if ctx.perspective != "employee" and not any(
            c.matches(r"\binvent|\bwork product|\bsoftware|\btools\b|\bknow-how|\bmaterials\b")
            for c in assigns):
        return []
    return [Hit(assigns[:2], missing=True, variant="scoped" if _scoped_to_the_job(ctx) else None)]


@detector("own_time_carve_out_missing")
def own_time_carve_out_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """An invention assignment with no carve-out for what you build on your own time, without the
    employer's equipment or secrets (the carve-out California Labor Code §2870 and similar statutes
    require)."""
    assigns = assignment_clauses(ctx)
    if not assigns or ctx.any_text(STATUTE):
        return []
    # when the assignment reaches personal time, assignment_reaches_personal_time says it better
    if any(n.matches(PERSONAL_TIME) for c in assigns for n in ctx.neighbours(c, after=2)):
        return []
    return [Hit(assigns[:1], missing=True)]


@detector("assignment_reaches_personal_time")
def assignment_reaches_personal_time(ctx: Ctx, params: dict) -> list[Hit]:
    """The assignment reaches work done on your own time, without the company's resources or
    unrelated to its business."""
    cited: list[ClauseView] = []
    for c in assignment_clauses(ctx):
        for n in ctx.neighbours(c, after=2):
            if n is not c and not n.matches(r"\binclud\w*|\binvent\w*|\bassign\w*|\bbelong\w*|\bcreat\w*|"
                                            r"\bwork product\b|\bworks? of authorship\b"):
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
    assigns = [c for c in assignment_clauses(ctx) if not c.matches(PAYMENT_CONDITION)]
    passes = r"\b(?:rights?|title|ownership) (?:pass|transfer|vest)"
    if not assigns or any(c.matches(PAYMENT_CONDITION) and (c.matches(ASSIGN) or c.matches(passes))
                          for c in ctx.clauses):
        return []
    if not re.search(r"\bfees?\b|\bpay\w*\b|\binvoice", ctx.full_text, IGNORE):
        return []
    return [Hit(assigns[:1])]


@detector("assignment_after_termination")
def assignment_after_termination(ctx: Ctx, params: dict) -> list[Hit]:
    """Inventions made for months after you leave are presumed to be the company's ("trailer" clause)."""
    cited = [c for c in ctx.matching(TRAILER) if c.matches(TRAILER_CONTEXT) and not c.matches(r"\bcompet|\bsolicit")]
    if not cited:
        return []
    m = re.search(r"\b((?:\w+ )?\(?\d*\)? ?(?:months?|years?))\b", cited[0].flat)
    return [Hit(cited[:1], vars={"duration": m.group(1).strip() if m else "a period"})]


@detector("assignment_power_of_attorney")
def assignment_power_of_attorney(ctx: Ctx, params: dict) -> list[Hit]:
    """You appoint the other side your attorney-in-fact to sign IP documents for you."""
    cited = ctx.find(r"\battorney[- ]in[- ]fact\b|\bpower of attorney\b|\bappoints?\b[^.]{0,60}\b(?:agent|attorney)\b")
    return cite(cited, 1)
