"""Detectors: generic detectors for user checks."""

from __future__ import annotations

import re

from ..context import ClauseView, Ctx
from .base import IGNORE, Hit, detector


def _matches(ctx: Ctx, spec: dict) -> list[ClauseView]:
    cats = tuple(spec.get("categories") or ())
    pats = [re.compile(p, IGNORE) for p in spec.get("patterns") or ()]
    req = [re.compile(p, IGNORE) for p in spec.get("require") or ()]
    exc = [re.compile(p, IGNORE) for p in spec.get("exclude") or ()]
    pol = spec.get("polarity")
    out = []
    for c in ctx.clauses:
        if not ((cats and c.has(*cats)) or any(c.matches(p) for p in pats)):
            continue
        if any(not c.matches(r) for r in req) or any(c.matches(e) for e in exc):
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
