"""Detectors: AI training."""

from __future__ import annotations

import re

from ..context import ClauseView, Ctx
from .assignment import assignment_clauses
from .base import CUSTOMER_MATERIAL, DEFINITION, IGNORE, VENDOR_DOC, Hit, _join, _uniq, cite, detector
from .licences import _reader_licenses

# Training done to material, not AI named as a product ("machine learning features", "Models, Datasets").
TRAINING_ACT = re.compile(r"\b(?:re)?train\w*|\bfine-?tun\w*|\blearn\w* from\b|"
                          r"\b(?:text (?:and|&) )?data mining\b|\bTDM\b|\bdigital replicas?\b|\bsynthetic\b|"
                          r"\b(?:develop|improv|build|creat)\w*\b[^.;]{0,60}\b(?:models?|AI\b|artificial intelligence|"
                          r"algorithms?)|\bmodel (?:training|improvement)\b|\bdatasets?\b[^.;]{0,60}\b(?:licen[cs]\w*|"
                          r"sell|sold|third parties)", IGNORE)


def ai_clauses(ctx: Ctx) -> list[ClauseView]:
    out = []
    for c in ctx.clauses:
        at = c.attrs.get("ai_training")
        if not at:
            continue
        if c.matches(DEFINITION) or not c.matches(TRAINING_ACT):
            continue  # a definition, or AI products named ("Models, Datasets") with no training done
        labelled = c.has("ai_training_use", "tdm_reservation") and (at["training_use"] or at["about_use"])
        clear = (at["training_use"] and at.get("use_for_training") and not c.matches(DEFINITION)
                 and not c.matches(OFF_TOPIC))
        # an indemnity or warranty that mentions training data ("claims relating to the data used to
        # train its models") is about liability, not about using anyone's material to train
        about_liability = c.matches(OFF_TOPIC) and c.has(
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
                    r"\bfor free\b|\bno (?:residuals|royalt\w*|further payments?|payment|compensation|fee)\b|"
                    r"\bfree of charge\b|\bnot (?:be )?(?:entitled to|paid) (?:any )?(?:royalt|payment|compensation)",
                    IGNORE)
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
    scope_text = " ".join(n.flat for n in around if n in cited or n.matches(r"\bopt|train|model|dataset|\bAI\b|"
                                                                            r"machine|royalt|receipts|share|"
                                                                            r"paid|payment"))
    own_text = " ".join(c.flat for c in cited)
    has = {
        "opt_out": bool(SAFE_OPT_OUT.search(scope_text)),
        "opt_in": bool(SAFE_OPT_IN.search(own_text)),
        # "No royalty or other payment is due" beside the grant is the absence of payment, not payment
        "payment": bool(SAFE_PAY.search(scope_text)) and not NO_PAY.search(scope_text),
        "time_limit": bool(SAFE_TIME.search(own_text)) and "perpetual" not in " ".join(
            s for c in cited for s in c.attrs.get("scope", [])),
        "limited": bool(SAFE_LIMITED.search(own_text)) and not re.search(r"\ball (?:customers|users)\b|\bother "
                                                                         r"customers\b|\bthird parties\b", own_text, IGNORE),
    }
    missing = [name for key, name in (("opt_out", "a way to opt out"), ("payment", "payment"),
                                      ("time_limit", "a time limit")) if not has[key]]
    variant = None
    usage_only = all(c.matches(USAGE_ONLY) and not c.matches(CONTENT_WORDS) for c in cited)
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
    return cite(cited, 3)


TDM_RESERVED = re.compile(r"\btext (?:and|&) data mining\b|\bTDM\b|\bdata mining\b|\bmachine[- ]readable\b|\bnoai\b", IGNORE)


@detector("ai_training_not_addressed", variants=("customer",))
def ai_training_not_addressed(ctx: Ctx, params: dict) -> list[Hit]:
    """Your work is licensed (or your data processed) and the contract says nothing about AI training."""
    if ai_clauses(ctx) or ctx.any_text(TDM_RESERVED):
        return []
    if ctx.perspective == "customer":
        data = ctx.matching(CUSTOMER_MATERIAL)
        if data and len(VENDOR_DOC.findall(ctx.full_text)) >= 3:
            return [Hit(data[:1], variant="customer", missing=True)]
        return []
    licences = [c for c in ctx.clauses if (c.has("license_grant", "irrevocable_or_perpetual_license")
                                           or c.matches(r"\blicen[cs]e\b|\bmay (?:keep|use|reproduce)\b"))
                and _reader_licenses(ctx, c)]
    if not licences or assignment_clauses(ctx):
        return []
    return [Hit(licences[:1], missing=True)]
