"""Detectors: restrictive covenants."""

from __future__ import annotations

import re

from ..context import ClauseView, Ctx
from .base import IGNORE, NEG, Hit, cite, detector

COMPETE = re.compile(
    r"\bcompet(?:e|es|ed|ing|itor|itors|itive|ition|itively)\b|\brival\w*|\bwork (?:as an? \w+ )?for any (?:company|business|competitor|person|entity)|"
    r"\b(?:provide|render|perform) (?:\w+ )?services (?:to|for) any\b|\bengage[ds]? in any business\b|"
    r"\b(?:own|advise|invest in)\b[^.]{0,60}\bbusiness\b|\bbe employed by\b|\baccept employment\b|"
    r"\blicen[cs]e (?:\w+['’]s )?(?:voice|name|likeness|works?|recordings?|tracks)\b[^.]{0,60}\b(?:any other|any third|"
    r"others?)\b|\bpublish any (?:competing )?work\b|\bsimilar business\b|\bany other (?:employment|occupation|"
    r"business activit\w*)\b|\bconsulting relationship\b|\bmoonlight\w*|\boutside (?:employment|business activit\w*)\b",
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
    if not (c.matches(NEG) or c.matches(r"\brefrain|\bprohibit|\bnot (?:directly|indirectly)")):
        return False
    side = ctx.subject_side(c, NEG) or ctx.subject_side(c, verb)
    return side != "other"


@detector("post_employment_non_compete")
def post_employment_non_compete(ctx: Ctx, params: dict) -> list[Hit]:
    """You may not compete, or work for a competitor, for a time after the relationship ends."""
    cited = []
    for c in ctx.matching(COMPETE):
        if c.matches(USE_TO_BUILD) or _solicit_only(c.flat):
            continue
        if c.matches(POST) and _restrains_reader(ctx, c, COMPETE):
            cited.append(c)
    if not cited:
        return []
    d = cited[0].attrs.get("durations") or []
    return [Hit(cited[:2], vars={"duration": d[0]["text"] if d else "a period"})]


@detector("competition_restriction")
def competition_restriction(ctx: Ctx, params: dict) -> list[Hit]:
    """You may not compete or work with others while the contract runs (exclusivity, competing works)."""
    cited = []
    for c in ctx.matching(COMPETE):
        if c.matches(POST) or c.matches(USE_TO_BUILD):
            continue
        if _solicit_only(c.flat):
            continue
        if _restrains_reader(ctx, c, COMPETE):
            cited.append(c)
    return cite(cited, 2)


SOLICIT = re.compile(r"\bsolicit\w*|\brecruit\w*|\bhire away\b|\bpoach\w*|\bencourage\w*\b[^.]{0,40}\bto leave\b", IGNORE)


@detector("non_solicitation")
def non_solicitation(ctx: Ctx, params: dict) -> list[Hit]:
    """You may not solicit the other side's employees or customers."""
    cited = [c for c in ctx.clauses if (c.matches(SOLICIT) or c.has("no_solicit_of_employees",
                                                                        "no_solicit_of_customers"))
             and c.matches(SOLICIT) and _restrains_reader(ctx, c, SOLICIT)]
    return cite(cited, 2)


DISPARAGE = re.compile(r"\bdisparag\w*|\bderogatory (?:statements?|remarks?|comments?)|\bnegative (?:statements|comments|"
                       r"reviews)\b|\bsay (?:or post )?anything (?:bad|negative)", IGNORE)


@detector("non_disparagement", variants=("mutual",))
def non_disparagement(ctx: Ctx, params: dict) -> list[Hit]:
    """You may not say anything negative about the other side."""
    cited = [c for c in ctx.matching(DISPARAGE) if not c.matches(r"right to object")]
    cited = [c for c in cited if ctx.subject_side(c, DISPARAGE) != "other"]
    if not cited:
        return []
    mutual = any(c.matches(r"\beach party\b|\bneither party\b|\bmutual\w*|\bboth parties\b|\bthe parties\b")
                 for c in cited)
    return [Hit(cited[:1], variant="mutual" if mutual else None)]
