"""Detectors over the structured reading of each clause (extract/acts.py): who acts, the act, for whom.

Each asks one question of the acts, from the reader's side, whatever the perspective: the same rule
tells an employee, a contractor, a creator or a customer what a clause costs *them*.
"""

from __future__ import annotations

import re

from ...extract.amounts import NUMBER_WORDS
from ..context import ClauseView, Ctx
from .base import IGNORE, Hit, _uniq, cite, clauses_matching, detector, pattern_detector


def _acts(ctx: Ctx, act: str):
    for c in ctx.clauses:
        for a in c.attrs.get("acts", []):
            if a["act"] == act:
                yield c, a


def side_of_act(ctx: Ctx, a: dict) -> str | None:
    """Whose act: the side of the party named as its subject. A named party that is neither side ("Google"
    beside "we"), or a subject the contract never defined ("Skyscanner may terminate"), is the drafter,
    the other side, unless it names the reader."""
    name = a["actor"] or a.get("actor_name")
    if not name:
        return None
    side = ctx.side_of(a["actor"]) if a["actor"] else None
    return side or (None if ctx.reader_rx.search(name) else "other")


def _by(ctx: Ctx, act: str, side: str) -> list[tuple[ClauseView, dict]]:
    """The acts of this kind the given side performs (not denies)."""
    return [(c, a) for c, a in _acts(ctx, act) if not a["negated"] and side_of_act(ctx, a) == side]


@detector("reader_indemnifies", variants=("mutual",))
def reader_indemnifies(ctx: Ctx, params: dict) -> list[Hit]:
    """The reader must indemnify, defend or hold the other side harmless."""
    mine = [c for c, a in _by(ctx, "indemnify", "reader") if "mutual" not in a["limits"]]
    if not mine:
        return []
    theirs = _by(ctx, "indemnify", "other")
    return [Hit(_uniq(mine)[:2], variant="mutual" if theirs else None)]


AT_WILL_NOTICE = re.compile(r"\b(?:\w+ )?\(?(\d{1,2})\)?\s+(?:business |calendar )?days['’]?\s+(?:prior\s+)?(?:written\s+)?"
                            r"notice\b", IGNORE)


FOR_CAUSE = re.compile(r"\bin the event (?:that )?\w+ (?:fails|breach|defaults?)|\bif \w+ (?:fails|breach\w*|"
                       r"defaults?|violat\w*)\b|\bfor cause\b|\bmaterial breach\b|\bupon (?:a |any )?(?:breach|default)\b",
                       IGNORE)


@detector("other_terminates_at_will")
def other_terminates_at_will(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may end the deal or the reader's access at will or on short notice (30 days or less)."""
    cited = []
    for c, a in _by(ctx, "terminate", "other"):
        if "mutual" in a["limits"] or FOR_CAUSE.search(a["text"]):
            continue
        short = AT_WILL_NOTICE.search(a["text"])
        if "at_will" in a["limits"] or (short and int(short.group(1)) <= 30):
            cited.append(c)
    return cite(_uniq(cited), 2)


CONFIDENTIAL = re.compile(r"\bconfidential\w*|\bnon-?disclosure\b|\bproprietary information\b", IGNORE)
FOREVER = re.compile(r"\bin perpetuity\b|\bperpetual(?:ly)?\b|\bend of time\b|\bindefinitely\b|\bforever\b|"
                     r"\bwithout (?:any )?time limit\b|\bwithout limit(?:ation)? (?:of|in|as to) (?:time|duration)\b|"
                     r"\bno time limit\b", IGNORE)


LONG_TERM = re.compile(r"\b(?:(five|seven|ten|fifteen|twenty)|\(?(\d{1,2})\)?)\s+(?:\(\d+\)\s+)?(?:calendar\s+)?years?\b", IGNORE)


def _long_after_end(ctx: Ctx) -> list:
    """Confidentiality that continues five years or more after the relationship ends."""
    out = []
    for c in ctx.clauses:
        if not (c.has("confidentiality") or c.matches(CONFIDENTIAL)):
            continue
        for m in c.finditer(LONG_TERM):
            years = NUMBER_WORDS[m.group(1).lower()] if m.group(1) else int(m.group(2))
            after = c.flat[m.end():m.end() + 80]
            if years >= 5 and re.search(r"\b(?:after|from|following)\b[^.;]{0,60}\b(?:end\w*|terminat\w*|expir\w*|"
                                        r"leav\w*)", after, IGNORE):
                out.append(c)
                break
    return out


@detector("confidentiality_without_end", variants=("long",))
def confidentiality_without_end(ctx: Ctx, params: dict) -> list[Hit]:
    """Confidentiality duties that never end (variant: that last five years or more after the end)."""
    cited = []
    for c in ctx.matching(FOREVER):
        m = c.search(FOREVER)
        if not m or c.matches(r"\btrade secrets?\b[^.]{0,80}\b(?:as long as|for so long)"):
            continue
        near = c.flat[max(0, m.start() - 250):m.end() + 250]
        about_secrecy = c.has("confidentiality") or CONFIDENTIAL.search(near)
        # in an NDA the agreement itself is the confidentiality duty: "This Agreement ... through the end of time"
        nda_term = ctx.contract_type == "nda" and re.search(r"\bagreement\b|\bobligations?\b|\bsurviv", near, IGNORE)
        if (about_secrecy or nda_term) and not re.search(r"\bindemnif|\bliabilit|\blicen[cs]e", near, IGNORE):
            cited.append(c)
    if cited:
        return [Hit(cited[:5])]
    long = _long_after_end(ctx)
    return [Hit(long[:2], variant="long")] if long else []


RESIDUALS = re.compile(r"\bresiduals?\b[^.]{0,200}\b(?:use|exploit)\w*|\b(?:use|exploit)\w*\b[^.]{0,120}\bresiduals?\b|"
                       r"\bretained in (?:the )?(?:unaided )?memor", IGNORE)


pattern_detector("residuals_clause", RESIDUALS, limit=3,
                 doc="A residuals clause: what a recipient remembers may be used freely.")


JURY = re.compile(r"\bwaiv\w*\b[^.]{0,120}\b(?:jury|trial by jury|right to sue in court|rights? to (?:go to|sue in) court|"
                  r"right to a (?:court|judge))|\bjury\b[^.]{0,60}\bwaive[sd]?\b", IGNORE)


STATUTORY = re.compile(r"\bstatutory (?:or common law )?claims?\b|\btitle vii\b|\bdiscriminat\w*|\bharass\w*|"
                       r"\bwage (?:and hour )?claims?\b|\bwrongful termination\b", IGNORE)


@detector("jury_waiver", variants=("statutory_claims", "mutual"))
def jury_waiver(ctx: Ctx, params: dict) -> list[Hit]:
    """The reader gives up a jury trial or the right to go to court (variant: even for statutory claims
    such as discrimination or wages)."""
    cited = clauses_matching(ctx, JURY)
    if not cited:
        return []
    if any(c.matches(STATUTORY) for c in cited):
        return [Hit(cited[:3], variant="statutory_claims")]
    mutual = all(c.matches(r"\beach (?:of the )?part(?:y|ies)\b|\bthe parties\b|\bboth parties\b|\beither party\b")
                 for c in cited)
    return [Hit(cited[:3], variant="mutual" if mutual else None)]


SOLICIT = re.compile(r"\bsolicit\w*|\brecruit\w*|\bhire\b|\bpoach\w*|\binduce\w*\b[^.]{0,40}\bto (?:leave|terminate)", IGNORE)
AFTER = re.compile(r"\b(?:\w+\s+)?\(?(\d{1,2})\)?\s+(months?|years?)\s+(?:immediately\s+)?(?:after|following|from)\b|"
                   r"\buntil\b[^.]{0,20}?\(?\b(\d{1,2})\b\)?\s+(months?|years?)\s+after\b", IGNORE)


@detector("post_term_non_solicit")
def post_term_non_solicit(ctx: Ctx, params: dict) -> list[Hit]:
    """The reader may not solicit staff or customers for months after the deal ends."""
    for c in ctx.matching(SOLICIT):
        if not c.matches(r"\bnot\b|\bnor\b|\brefrain\b"):
            continue
        if c.matches(r"\bthe other(?:['’]s| party['’]s)\b|\beach party\b|\bneither party\b|\bmutual"):
            continue  # both sides promise the same
        m = c.search(AFTER)
        if not m:
            continue
        n, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        months = int(n) * (12 if unit.lower().startswith("year") else 1)
        if months >= 6 and ctx.subject_side(c, SOLICIT) != "other":
            return [Hit([c], vars={"duration": f"{months} months"})]  # the duration of the clause cited
    return []


@detector("other_may_assign")
def other_may_assign(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may transfer the contract (to a buyer or anyone) while the reader may not."""
    theirs = [c for c, a in _by(ctx, "assign_agreement", "other") if "mutual" not in a["limits"]]
    return cite(theirs, 1)


NOT_SUE = re.compile(r"\b(?:bar|barred|bars)\b[^.;]{0,60}\b(?:from )?(?:any )?(?:legal )?(?:action|claims?|suit)\b|"
                     r"\bcovenants? not to sue\b|\bagrees? not to (?:sue|bring (?:any )?(?:claim|action|suit))\b|"
                     r"\b(?:shall|will) not (?:sue|bring (?:any )?(?:claim|action|suit))\b", IGNORE)


@detector("covenant_not_to_sue")
def covenant_not_to_sue(ctx: Ctx, params: dict) -> list[Hit]:
    """The reader promises not to sue, or is barred from legal action."""
    cited = []
    for c in ctx.matching(NOT_SUE):
        m = c.search(NOT_SUE)
        if not m:
            continue
        named_in_it = ctx.reader_rx.search(c.flat[m.start():m.end() + 20])  # "shall bar you from any legal action"
        if ctx.subject_side(c, NOT_SUE) == "reader" or named_in_it:
            cited.append(c)
    return cite(cited, 3)


MUTUAL_CAP = re.compile(r"\b(?:either|neither|each) party(?:['’]s)?\b|\bboth parties\b|\bthe parties['’]\b|"
                        r"\b(?:either|neither) of us\b|\bin no event (?:shall|will) (?:either|any) party\b", IGNORE)


@detector("cap_protects_other_only", variants=("reader_uncapped",))
def cap_protects_other_only(ctx: Ctx, params: dict) -> list[Hit]:
    """Only the other side's liability is capped or excluded; the reader's own liability has no limit."""
    theirs = [c for c, a in _by(ctx, "limit_liability", "other") if "mutual" not in a["limits"]]
    if not theirs:
        return []
    mine = _by(ctx, "limit_liability", "reader")
    mutual = [c for c, a in _acts(ctx, "limit_liability") if MUTUAL_CAP.search(a["text"])]
    if mine or mutual:
        return []
    hits = [Hit(_uniq(theirs)[:3])]
    if ctx.perspective in ("vendor", "creator", "employee"):
        hits.append(Hit([], variant="reader_uncapped", missing=True))
    return hits


MAU = re.compile(r"\b(?:greater|more) than\s+[\d,.]+\s*(?:million|billion|thousand)?\s+(?:monthly|daily) active users\b|"
                 r"\b(?:monthly|daily) active users\b[^.]{0,80}\b(?:exceed\w*|greater than|more than)\b", IGNORE)


pattern_detector("user_count_ceiling", MAU, limit=3,
                 doc="The licence stops (or needs a new licence) above a number of users.")


OUTPUT_TRAINING_BAN = re.compile(r"\b(?:not|no)\b[^.]{0,120}\b(?:outputs?|results?|materials?|models?)\b[^.]{0,120}\bto "
                                 r"(?:improve|train|develop|build|create)\b[^.]{0,60}\b(?:other|another|competing|any)\b"
                                 r"[^.]{0,40}\b(?:models?|AI|language model)", IGNORE)


pattern_detector("outputs_barred_from_training", OUTPUT_TRAINING_BAN, limit=3,
                 doc="The reader may not use outputs or the licensed model to build or improve other models.")


USAGE_DATA_USE = re.compile(r"\b(?:usage|service|telemetry|aggregate[d]?|anonymi[sz]ed|de-identified)\s+(?:data|information)"
                            r"\b[^.]{0,160}\b(?:any (?:manner|purpose)|improve|develop|any lawful purpose)|"
                            r"\b(?:anonymi[sz]ed|aggregated)\b[^.]{0,80}\bfor any purpose\b", IGNORE)


USE_VERB = re.compile(r"\b(?:use|process)\w*\b", IGNORE)


@detector("usage_data_used_freely")
def usage_data_used_freely(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may use data about the reader's use of the service for its own purposes."""
    cited = [c for c in ctx.matching(USAGE_DATA_USE) if ctx.subject_side(c, USE_VERB) != "reader"]
    return cite(cited, 3)
