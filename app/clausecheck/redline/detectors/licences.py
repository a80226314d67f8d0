"""Detectors: licences."""

from __future__ import annotations

import re

from ..context import ClauseView, Ctx
from .assignment import _reader_gives
from .base import IGNORE, NEG, Hit, _join, cite, detector

USE_VERBS = re.compile(r"\b(?:use|reproduce|exploit|publish|display|distribute|keep|host|store|copy|modify|adapt|"
                       r"sell|license|sublicense|perform|synchroni[sz]e|analy[sz]e)\b", IGNORE)
FEEDBACK = re.compile(r"\bfeedback\b|\bsuggestions?\b|\bcomments or suggestions\b", IGNORE)


def _reader_licenses(ctx: Ctx, c: ClauseView) -> bool:
    """Does the reader give the other side a licence or a right to use the reader's material here?"""
    if c.matches(r"\bassign(?:s|ment)?\b") and not c.matches(r"\blicen[cs]e"):
        return False
    gives = _reader_gives(ctx, c, ("licence",))
    if gives is not None:
        return gives
    if c.matches(r"\blicen[cs]e|\bright\b") and ctx.subject_side(c, r"\bgrants?\b") == "reader":
        return True
    if c.matches(USE_VERBS) and "permits" in c.attrs.get("modalities", []):
        side = ctx.subject_side(c, r"\bmay\b")
        if side == "other":
            return True
    return False


def reader_licence_clauses(ctx: Ctx) -> list[ClauseView]:
    """The clauses in which the reader licenses its material to the other side (and those qualifying them)."""
    return list(ctx.once(_reader_licence_clauses))


def _reader_licence_clauses(ctx: Ctx) -> list[ClauseView]:
    out = []
    for c in ctx.clauses:
        # "This licence continues even after you delete ...", "The licenses granted under clauses 1.2 and 1.3
        # are exclusive, perpetual ...": a clause that qualifies a licence the reader granted earlier,
        # negations included ("you can't revoke it")
        if BACK_REFERENCE.match(c.flat) and any(p.index < c.index for p in out) and not c.matches(FEEDBACK):
            out.append(c)
            continue
        if c.matches(FEEDBACK) or not _reader_licenses(ctx, c):
            continue
        if not c.matches(NEG) or c.matches(r"\bgrants?\b"):  # a licence refused is none
            out.append(c)
    return out


BACK_REFERENCE = re.compile(r"\W*(?:[\w.()]+\W+){0,4}(?:(?:this|the|that|such|these|those) licen[cs]es?\b|(?:the )?"
                            r"(?:licen[cs]es?|rights?) granted\b)", IGNORE)


LIMITED_USE = re.compile(r"\bsolely (?:as part of|in connection with|to (?:operate|provide|fulfil))|\bonly as part of\b|"
                         r"\bonly as (?:an? )?(?:incorporated |integrated |embedded )?(?:part|component) of\b|"
                         r"\bas (?:an? )?(?:incorporated|integrated|embedded) (?:part|component) of\b|"
                         r"\bsolely to provide\b|\bsolely for the purpose of providing\b", IGNORE)


@detector("perpetual_irrevocable_license", variants=("limited", "copyright_term"))
def perpetual_irrevocable_license(ctx: Ctx, params: dict) -> list[Hit]:
    """A licence you give that never ends or cannot be withdrawn (or survives deleting your content)."""
    cited = [c for c in reader_licence_clauses(ctx)
             if {"perpetual", "irrevocable", "survives_deletion"} & set(c.attrs.get("scope", []))]
    if not cited:
        return []
    variant = None
    if all(c.matches(LIMITED_USE) for c in cited):
        variant = "limited"
    elif all(c.matches(r"\bfull term of (?:copyright|(?:those|such|the) rights)\b")
             and not c.matches(r"\bperpetu|\birrevocab") for c in cited):
        variant = "copyright_term"
    return [Hit(cited[:2], variant=variant)]


@detector("license_overbroad")
def license_overbroad(ctx: Ctx, params: dict) -> list[Hit]:
    """A licence you give that can be passed on (sublicensed, transferred), used for any purpose, or used
    to make derivative works in any media."""
    cited = []
    reasons: list[str] = []
    for c in reader_licence_clauses(ctx):
        if c.matches(LIMITED_USE):
            continue
        scope = set(c.attrs.get("scope", []))
        why = []
        if "sublicensable" in scope:
            why.append("sublicensed to others")
        if "transferable" in scope:
            why.append("transferred")
        if "any_purpose" in scope:
            why.append("used for any purpose")
        if {"all_media", "derivative_works"} <= scope or c.matches(r"\bderivative works?\b"):
            why.append("adapted into new works in any media")
        if why:
            cited.append(c)
            reasons.extend(w for w in why if w not in reasons)
    return [Hit(cited[:2], vars={"material": _join(reasons)})] if cited else []


@detector("exclusive_license")
def exclusive_license(ctx: Ctx, params: dict) -> list[Hit]:
    """An exclusive licence: you cannot license the same work to anyone else."""
    cited = [c for c in reader_licence_clauses(ctx) if "exclusive" in c.attrs.get("scope", [])
             and c.matches(r"(?<!non-)(?<!non)\bexclusive\b(?! (?:remedy|jurisdiction|venue))")]
    return cite(cited, 1)


@detector("feedback_license")
def feedback_license(ctx: Ctx, params: dict) -> list[Hit]:
    """Anything you suggest may be used by the other side, for free and for any purpose."""
    cited = [c for c in ctx.matching(FEEDBACK) if c.matches(r"\blicen[cs]e|\bmay use\b|\bany purpose\b|"
                                                            r"\bwithout (?:any )?(?:compensation|obligation)|\bassign")
        and ctx.subject_side(c, r"\bmay use\b|\blicen[cs]e|\bassign") != "reader"]
    return cite(cited, 1)
