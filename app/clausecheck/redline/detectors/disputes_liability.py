"""Detectors: disputes, liability, indemnities."""

from __future__ import annotations

import re

from ..context import ClauseView, Ctx
from .base import IGNORE, VENDOR_DOC, Hit, _uniq, cite, detector
from .obligations import side_of_act

ARB = re.compile(r"\barbitrat\w*", IGNORE)
CLASS = re.compile(r"\bclass(?:[- ]wide)? (?:action|arbitration|or collective|proceeding)|\bcollective action|"
                   r"\bindividual basis\b|\bon an individual\b|\bindividual arbitration\b|\bclass\b[^.]{0,30}\bwaive", IGNORE)


@detector("arbitration_class_waiver", variants=("arbitration_only", "opt_out"))
def arbitration_class_waiver(ctx: Ctx, params: dict) -> list[Hit]:
    """Disputes go to private arbitration, one by one: no court, no jury, no class action."""
    arb = [c for c in ctx.matching(ARB) if c.matches(r"\bbinding\b|\bfinal\b|\bmandatory\b|\bresolved?\b|\bsubmit|"
                                                     r"\bagree\w* to arbitrate\b|\b(?:shall|will|must) be arbitrated\b")]
    if not arb:
        return []
    around = _uniq([n for c in arb for n in ctx.neighbours(c, after=2)])
    cls = [n for n in around if n.matches(CLASS)]
    variant = None
    if not cls:
        variant = "arbitration_only"
    elif any(n.matches(r"\bopt out of (?:this )?arbitration\b|\bopt out of (?:the )?(?:agreement to )?arbitrat")
             for n in around):
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
        if not (c.matches(CAP) or c.has("cap_on_liability") and c.matches(r"\bexceed|\blimited to")):
            continue
        mutual = bool(c.matches(r"\beach party|\beither party|\bneither party"))
        side = _liability_owner(ctx, c)
        if side == "reader" and not mutual:
            continue
        months = _cap_months(c.flat) if c.matches(r"\bfees\b|\bpaid\b|\bpayable\b|\bpayouts?\b") else None
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
    cited = [c for c in ctx.matching(r"\bliabilit|\blimit")
             if (c.matches(UNCAPPED) or (c.matches(CAP) and c.matches(CAP_CARVE)))
             and (c.has("cap_on_liability", "uncapped_liability") or c.matches(r"\bliabilit"))]
    return cite(cited, 2)


INDEM = re.compile(r"\bindemnif\w*|\b(?:will|shall|must|agrees? to|to)\s+(?:\w+\s+){0,2}defend\b(?! trade)|"
                   r"\bdefend(?:,| and)\s+(?:indemnif|hold)|\bhold\b[^.]{0,40}\bharmless", IGNORE)
IP_CLAIM = re.compile(r"\binfring\w*|\bintellectual property|\bmisappropriat\w*", IGNORE)


@detector("one_sided_indemnity")
def one_sided_indemnity(ctx: Ctx, params: dict) -> list[Hit]:
    """You indemnify the other side, and it gives you no indemnity back."""
    mine, theirs = [], []
    for c in ctx.matching(INDEM):
        if c.matches(r"\beach party\b|\bmutual"):
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
        if c.matches(INDEM) and c.matches(IP_CLAIM) and (
                ctx.subject_side(c, INDEM) == "other" or c.matches(r"\beach party\b")):
            return []
        # the structured reading: the other side defends or indemnifies against claims (IP ones included)
        if any(a["act"] == "indemnify" and not a["negated"] and side_of_act(ctx, a) == "other"
               and c.matches(IP_CLAIM) for a in c.attrs.get("acts", [])):
            return []
    cited = ctx.matching(r"\bas is\b|\bnon-?infringement\b")
    return [Hit(cited[:1], missing=True)]
