"""The detector registry and what every family shares. Built-in detectors: functions over the whole contract that find risky clauses and missing protections.

A library check names a detector (`detector: prior_inventions_missing`) and says how to word and rate
what it finds; the detector decides which clauses it cites and may report a `variant` ("partial",
"limited", ...) that the check can word and rate differently. Two generic detectors, `match` and
`missing`, let a user's library add checks of its own from categories and regular expressions.

Detectors combine the classifier's labels with extracted attributes and patterns, so a clause the
classifier missed is still found when its wording is clear.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from ..context import ClauseView, Ctx

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


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]

VENDOR_DOC = re.compile(r"\b(?:the )?(?:Services?|Platform|Software|API|Subscription|Product)\b")

CUSTOMER_MATERIAL = re.compile(r"\bCustomer (?:Data|Content|Materials?)\b|\bInputs?\b|\byour (?:data|content|files|"
                               r"documents|inputs)\b|\bUser Content\b|\bPrompts?\b", IGNORE)


def clauses_matching(ctx: Ctx, rx: re.Pattern) -> list[ClauseView]:
    """The clauses whose text the pattern finds something in."""
    return ctx.matching(rx)


def cite(cited: list[ClauseView], limit: int = 3) -> list[Hit]:
    """One hit citing the first `limit` clauses, or no hit at all."""
    return [Hit(cited[:limit])] if cited else []


def pattern_detector(name: str, rx: re.Pattern, *, limit: int = 3, doc: str) -> None:
    """Register a detector that cites the clauses a pattern finds: the smallest kind of rule."""
    def find(ctx: Ctx, params: dict) -> list[Hit]:
        return cite(clauses_matching(ctx, rx), limit)

    find.__doc__ = doc
    find.__name__ = name
    find.__module__ = sys._getframe(1).f_globals["__name__"]  # the family module that declared it
    detector(name)(find)
