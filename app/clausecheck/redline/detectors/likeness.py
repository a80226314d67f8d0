"""Detectors: likeness, credit, portfolio."""

from __future__ import annotations

import re

from ..context import Ctx
from .assignment import assignment_clauses
from .base import IGNORE, NEG, Hit, _uniq, detector
from .licences import reader_licence_clauses

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
        if not (c.matches(LIKENESS) or c.has("publicity_and_likeness") and c.matches(r"\bname\b|\bimage\b|"
                                                                                         r"\bphoto")):
            continue
        if c.matches(r"\bmodel releases?\b|\bwill not use (?:the other|either)|\bshall not use (?:the other|"
                     r"either)") or c.matches(NEG) and not c.matches(r"\bmay use\b|\bgrants?\b|\ballow"):
            continue
        if c.matches(CREDIT) and not c.matches(r"\blikeness|\bvoice\b|\bbiograph"):
            continue
        if not c.matches(r"\buse\b|\bexploit|\badvertis|\bpromot|\bmarket|\bcreate\b|\btrain|\bin connection with\b|"
                         r"\blicense\b"):
            continue
        if ctx.subject_side(c, r"\buse\b|\badvertis|\bpromot|\bmarket|\bcreate\b|\btrain") == "reader" and not \
                re.search(r"\bgrants?\b|\ballow|\bauthori", c.flat, IGNORE):
            continue
        cited.append(c)
    if not cited:
        return []
    ai = any(c.matches(LIKENESS_AI) for c in cited)
    return [Hit(cited[:2], variant="ai" if ai else None)]


PORTFOLIO = re.compile(r"\bportfolio\b|\bself-promotion\b|\bshow ?reel\b|\bdemo reel\b|\bdisplay\b[^.]{0,80}\b(?:website|"
                       r"social media)\b|\baward submissions?\b", IGNORE)
PORTFOLIO_BAN = re.compile(r"(?:\bnot\b|\bnever\b|can['’]t|cannot|won['’]t)[^.]{0,100}\b(?:portfolio|publish|post|display|"
                           r"show)\b[^.]{0,100}\b(?:work|artwork|deliverables|designs?|social media|website|portfolio|"
                           r"elsewhere)\b", IGNORE)


@detector("portfolio_right_missing", variants=("restricted",))
def portfolio_right_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """You hand over your work but may not show it in your portfolio."""
    bans = [c for c in ctx.matching(PORTFOLIO_BAN) if (
        c.matches(PORTFOLIO) or c.matches(r"\bsocial media|\bartwork|\bdeliverables|\bwork\b"))
        and not c.matches(r"\bcompet|\bsame subject|\bsimilar\b")
        and ctx.subject_side(c, PORTFOLIO_BAN) != "other"]
    if bans:
        return [Hit(bans[:1], variant="restricted")]
    if ctx.perspective == "employee":
        return []
    grants = [c for c in ctx.matching(PORTFOLIO) if not c.matches(PORTFOLIO_BAN)]
    if grants:
        return []
    assigns = assignment_clauses(ctx)
    return [Hit(assigns[:1], missing=True)] if assigns else []


@detector("attribution_missing", variants=("waived",))
def attribution_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """Your work is licensed or assigned with no promise to credit you (or you waive credit)."""
    waived = ctx.matching(r"\bnot (?:be )?required to (?:credit|attribute)|\bwithout (?:attribution|credit)|"
                          r"\bno (?:credit|attribution)\b|\bwaives?\b[^.]{0,120}\b(?:attribution|right to be identified|"
                          r"credit)\b")
    if waived:
        return [Hit(waived[:1], variant="waived")]
    given = reader_licence_clauses(ctx) + assignment_clauses(ctx)
    if not given:
        return []
    if any(not c.matches(NEG) for c in ctx.matching(CREDIT)):
        return []
    return [Hit(_uniq(given)[:1], missing=True)]
