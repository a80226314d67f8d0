"""Detectors: AI output."""

from __future__ import annotations

import re

from ..context import Ctx
from .base import IGNORE, Hit, cite, detector

OUTPUT = re.compile(r"\boutputs?\b|\bgenerated (?:content|text|images?|works?|audio|code)\b|\bgenerations\b|"
                    r"\b(?:text|images|content|audio) (?:the Service|it|the \w+) generates\b|\bresults generated\b", IGNORE)
OWN = re.compile(r"\b(?:retains?(?! (?:\w+ ){0,4}for (?:up to|no more than|a period|\d|\w+ \())|owns?|shall own|will own|"
                 r"property of|belongs? to|right, title and interest)\b", IGNORE)


@detector("ai_output_owned_by_other")
def ai_output_owned_by_other(ctx: Ctx, params: dict) -> list[Hit]:
    """The provider keeps ownership of what its AI generates for you."""
    cited = []
    for c in ctx.matching(OUTPUT):
        if not c.matches(OWN):
            continue
        if c.matches(r"\b(?:delet\w*|retention|days)\b") and not c.matches(r"\bright, title|\bowns?\b|"
                                                                                     r"\bproperty of"):
            continue
        if c.matches(r"\bassigns?\b[^.]{0,80}\b(?:to you|to customer)\b|\byou own\b|\bbelong to you\b|"
                     r"\b(?:customer|you) (?:owns?|retains?)\b"):
            continue
        if ctx.subject_side(c, OWN) == "other":
            cited.append(c)
    return cite(cited, 1)


HUMAN_WARRANTY = re.compile(
    r"\b(?:warrant|represent|promise|confirm|certif)\w*\b[^.]{0,240}\b(?:not (?:been )?(?:generated|created|produced|"
    r"made)|without (?:the )?use of|human[- ]authored|created (?:solely|entirely) by (?:a )?human)\b[^.]{0,120}"
    r"\b(?:artificial intelligence|AI\b|generative|machine)", IGNORE)


@detector("ai_output_human_authorship_warranty", variants=("disclosed",))
def ai_output_human_authorship_warranty(ctx: Ctx, params: dict) -> list[Hit]:
    """You warrant that your work was made without AI."""
    cited = [c for c in ctx.matching(HUMAN_WARRANTY) if ctx.subject_side(
        c, r"\b(?:warrant|represent|promise|confirm|certif)") != "other"]
    if not cited:
        return []
    disclosed = all(c.matches(r"\bunless\b[^.]{0,60}\b(?:label|disclos|tag|mark)\w*") for c in cited)
    return [Hit(cited[:1], variant="disclosed" if disclosed else None)]
