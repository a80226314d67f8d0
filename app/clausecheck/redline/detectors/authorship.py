"""Detectors: work made for hire, moral rights."""

from __future__ import annotations

import re

from ..context import Ctx
from .base import IGNORE, Hit, _uniq, cite, detector

WMFH = re.compile(r"\b(?:are|is|be|shall be|will be|constitute|deemed|considered)\s+(?:a |deemed |considered )?"
                  r"[\"“]?works? (?:made )?for hire\b|\bworks? made for hire\b[^.]{0,40}\bfor (?:the )?\w+|"
                  r"\bon an? [\"“]?work[- ]for[- ]hire[\"”]? basis\b|\bas (?:an? )?[\"“]?works?[- ]for[- ]hire\b", IGNORE)


@detector("work_made_for_hire")
def work_made_for_hire(ctx: Ctx, params: dict) -> list[Hit]:
    """Your work is a "work made for hire": the other side is its author from the start."""
    not_hire = r"\b(?:shall|will|is|are) not (?:be )?(?:deemed |considered )?(?:a )?works? (?:made )?for hire"
    cited = [c for c in ctx.matching(WMFH) if not c.matches(not_hire)]
    return cite(cited, 2)


MORAL = re.compile(r"\bmoral rights?\b|\bdroit moral\b|\brights? of (?:attribution|integrity)\b|\bright to be "
                   r"identified\b|\bright to object to (?:derogatory|edits|any)", IGNORE)
WAIVE = re.compile(r"\bwaive[sd]?\b|\bwaiver\b|\bnot (?:to )?assert\b|\bnever (?:to )?assert\b|\brelinquish\w*|"
                   r"\bconsents? to (?:any )?(?:act|omission|modification)", IGNORE)


@detector("moral_rights_waiver")
def moral_rights_waiver(ctx: Ctx, params: dict) -> list[Hit]:
    """You waive (or promise not to assert) moral rights: attribution and integrity."""
    cited = [c for c in ctx.matching(WAIVE) if (c.matches(MORAL) or c.has("moral_rights_waiver"))
             and not c.matches(r"\basserts? the right\b")
             and ctx.subject_side(c, WAIVE) != "other"]
    return [Hit(_uniq(cited)[:2])] if cited else []
