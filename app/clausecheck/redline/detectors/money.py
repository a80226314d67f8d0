"""Detectors: money."""

from __future__ import annotations

import re

from ..context import Ctx
from .base import IGNORE, Hit, cite, detector

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
    paid = [c for c in ctx.matching(ROYALTY) if not c.matches(NO_ROYALTY)
            and c.matches(ROYALTY_CONTEXT) and not c.matches(NOT_ROYALTY)
            and ctx.subject_side(c, r"\bpay\b|\bpays\b") != "reader"]
    if not paid:
        return []
    if any(c.matches(AUDIT) or c.has("audit_rights") and c.matches(r"\baudit|\bexamine|\binspect")
           for c in ctx.clauses):
        return []
    return [Hit(paid[:2], missing=True)]


@detector("audit_rights_granted")
def audit_rights_granted(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may audit you."""
    cited = [c for c in ctx.matching(r"\baudit\w*|\binspect\w*")
             if ctx.subject_side(c, r"\baudit|\binspect") == "other"]
    return cite(cited, 1)
