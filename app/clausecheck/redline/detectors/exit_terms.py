"""Detectors: what the reader loses or keeps giving when the deal ends, and licences that reach further
than the deal (future work, the public domain, territories cut out, licences lost for suing)."""

from __future__ import annotations

import re

from ..context import Ctx
from .base import IGNORE, Hit, cite, detector, pattern_detector
from .licences import reader_licence_clauses

FORFEIT = re.compile(r"\bforfeit\w*\b[^.;]{0,80}\b(?:amounts?|earnings|payments?|fees|royalt\w*|revenue|balance|"
                     r"compensation|payable)\b|\b(?:amounts?|earnings|payments?|fees|royalt\w*|revenue|balance|"
                     r"compensation|payable)\b[^.;]{0,80}\bforfeit\w*|\bretain\b[^.;]{0,40}\bamounts? (?:payable|owed|due) "
                     r"to (?:you|the \w+)\b", IGNORE)


pattern_detector("earnings_forfeited", FORFEIT, limit=3,
                 doc="Money earned by the reader is forfeited or kept by the other side when the deal ends.")


KEPT_AFTER_EXIT = re.compile(
    r"\b(?:remain|continue to be|stay)\s+(?:publicly\s+)?(?:available|accessible|visible)\b[^.;]{0,100}\b(?:even if|after|"
    r"following|notwithstanding)\b[^.;]{0,60}\b(?:terminat\w*|delet\w*|clos\w*|cancel\w*|leave|withdraw\w*)|"
    r"\b(?:will|shall)\s+not\s+(?:be\s+able\s+to\s+)?(?:delete|remove)\b[^.;]{0,80}\b(?:content|contributions?|"
    r"recordings?|uploads?)\b|\bcannot\s+be\s+(?:deleted|removed|withdrawn)\b|"
    r"\b(?:survives?|continues?)\b[^.;]{0,60}\b(?:deletion|removal|termination of your account)\b|"
    r"\b(?:removal|deletion|withdrawal|termination)\b[^.;]{0,40}\b(?:does|will|shall) not affect\b[^.;]{0,80}"
    r"\b(?:licen[cs]es?|rights?|uses?)\b", IGNORE)


pattern_detector("content_kept_after_exit", KEPT_AFTER_EXIT, limit=3,
                 doc="The reader's contributions stay available (or are never deleted) after the reader leaves.")


PUBLIC_DOMAIN = re.compile(r"\bCC0\b|\bpublic domain dedication\b|\bdedicat\w*\b[^.;]{0,60}\bpublic domain\b|"
                           r"\bwaive\w*\b[^.;]{0,40}\ball (?:copyright|rights)\b[^.;]{0,60}\bworldwide\b", IGNORE)


@detector("public_domain_dedication")
def public_domain_dedication(ctx: Ctx, params: dict) -> list[Hit]:
    """The reader's contributions are dedicated to the public domain (CC0): anyone may use them for anything,
    AI training included, for ever."""
    cited = [c for c in ctx.matching(PUBLIC_DOMAIN)
             if not c.matches(r"\b(?:our|we)\b[^.;]{0,30}\bdedicat")]
    return cite(cited, 2)


FUTURE_WORK = re.compile(r"\b(?:past,?\s+present\s+(?:and|or)\s+future|all\s+future|any\s+future|future)\s+(?:\w+\s+)?"
                         r"(?:contributions?|works?|content|submissions?|recordings?|inventions?|materials?|creations?|uploads?|"
                         r"posts?|videos?|photos?|photographs?|images?|tracks?|songs?|designs?)\b|"
                         r"\b(?:now\s+or\s+hereafter|hereafter)\s+(?:created|made|submitted|contributed)\b", IGNORE)


@detector("licence_reaches_future_work")
def licence_reaches_future_work(ctx: Ctx, params: dict) -> list[Hit]:
    """The rights the reader grants cover work not yet made (all future contributions)."""
    grants = reader_licence_clauses(ctx)
    cited = [c for c in ctx.matching(FUTURE_WORK)
             if (c in grants or c.matches(r"\blicen[cs]e|\bassign|\bgrant|\bapply to\b"))
             and c.matches(ctx.reader_rx)]
    return cite(cited, 2)


REGIONS = (r"(?:the\s+)?(?:European Union|EU|European Economic Area|EEA|United Kingdom|UK|United States|USA|"
           r"People['’]s Republic of China|PRC|China|Russia|Switzerland|India|Canada|Japan|Brazil|Australia|Korea)\b")
TERRITORY_CUT = re.compile(r"\b(?:does|do|shall|will)\s+not\s+apply\s+in\s+" + REGIONS +
                           r"|\bnot\s+(?:licensed|granted|available|permitted)\s+(?:for use\s+)?(?:in|within)\s+" + REGIONS +
                           r"|\b(?:outside|excluding|except)\s+(?:of\s+)?" + REGIONS + r"[^.;]{0,60}\b(?:licen[cs]|territory)",
                           IGNORE)


pattern_detector("territory_excluded", TERRITORY_CUT, limit=2,
                 doc="The licence does not cover some territories (for example the European Union).")


SUE_ENDS_LICENCE = re.compile(r"\bif\s+(?:you|licensee|the licensee|customer)\s+(?:commence|institute|bring|file|initiate)s?\b"
                              r"[^.]{0,300}\b(?:licen[cs]es?|rights?)\b[^.]{0,80}\b(?:shall|will)\s+(?:automatically\s+)?"
                              r"terminate\b", IGNORE)


pattern_detector("licence_ends_if_reader_sues", SUE_ENDS_LICENCE, limit=1,
                 doc="The reader loses the licence if it brings a claim (for example of IP infringement) against the licensor.")


OVERBROAD_SECRET = re.compile(r"\bwhether\s+or\s+not\s+(?:\w+\s+){0,2}(?:marked|designated|identified|labell?ed|deemed)\b|"
                              r"\bwithout\s+regard,?\s+to\s+whether\b[^.;]{0,80}\bconfidential\b|"
                              r"\b(?:all|any)\s+information\b[^.;]{0,60}\b(?:of\s+any\s+kind|whatsoever|in\s+any\s+form)\b",
                              IGNORE)


@detector("confidentiality_overbroad")
def confidentiality_overbroad(ctx: Ctx, params: dict) -> list[Hit]:
    """What counts as confidential has no limit: everything, marked or not."""
    cited = [c for c in ctx.matching(OVERBROAD_SECRET)
             if (c.has("confidentiality") or c.matches(r"\bconfidential"))]
    return cite(cited, 2)


MUTUAL_NDA = re.compile(
    r"\bmutual\b(?!\s+(?:covenants|promises|agreements|consideration|undertakings))|"
    r"\beach\s+party\b[^.;]{0,60}\breceiv|\b(?:confidential\s+)?information\s+of\s+the\s+other\s+party\b|"
    r"\beach\s+party\b[^.;]{0,60}\bdisclos|\beither\s+party\b[^.;]{0,60}\bdisclos|"
    r"\b(?:a|the)\s+party\s+disclosing\b|\bin\s+such\s+capacity\b|\bboth\s+parties\b[^.;]{0,40}\bdisclos",
    IGNORE)


@detector("one_way_nda")
def one_way_nda(ctx: Ctx, params: dict) -> list[Hit]:
    """A non-disclosure agreement that protects only the other side's information."""
    if ctx.contract_type != "nda":
        return []
    recipient_words = {"recipient", "receiving party", "advisor", "adviser", "consultant", "contractor"}
    if not ctx.sides.reader_forms & recipient_words:
        return []  # the reader is the one whose information is protected, or we cannot tell
    text = " ".join(c.flat for c in ctx.clauses[:60])
    if MUTUAL_NDA.search(text):
        return []
    return [Hit([], missing=True)]


FURTHER_ASSURANCE = re.compile(r"\b(?:execut\w*|sign\w*|deliver\w*)\b[^.;]{0,60}\b(?:documents?|instruments?|papers)\b"
                               r"[^.;]{0,40}\b(?:of\s+)?assignment\b|\bdocuments?\s+of\s+assignment\b|"
                               r"\bassist\b[^.;]{0,80}\b(?:perfect|secure|obtain|register)\w*\b[^.;]{0,40}\brights?\b", IGNORE)


@detector("further_assurances")
def further_assurances(ctx: Ctx, params: dict) -> list[Hit]:
    """The reader must sign whatever documents the other side needs to take or register the rights."""
    cited = [c for c in ctx.matching(FURTHER_ASSURANCE) if ctx.subject_side(c, FURTHER_ASSURANCE) != "other"]
    return cite(cited, 2)


PRIOR_LICENSED = re.compile(r"\b(?:prior|pre-?existing|background)\s+(?:inventions?|ip|works?|materials?)\b", IGNORE)


@detector("prior_inventions_licensed")
def prior_inventions_licensed(ctx: Ctx, params: dict) -> list[Hit]:
    """What the reader made before is licensed to the other side, perpetually and irrevocably, once it is
    used in the work."""
    cited = [c for c in ctx.matching(PRIOR_LICENSED) if c.matches(r"\blicen[cs]e\b")
             and {"perpetual", "irrevocable"} & set(c.attrs.get("scope", []))
             and c.matches(r"\bgrant\w*\b")]
    return cite(cited, 1)


DELETED_AT_END = re.compile(r"\b(?:irreversibl\w*|permanent\w*|automatic\w*)\b[^.;]{0,60}\b(?:delet\w*|destr\w*|eras\w*)\b"
                            r"[^.;]{0,80}\b(?:content|data|files|account)|\b(?:delet\w*|destr\w*|eras\w*)\b[^.;]{0,40}"
                            r"\b(?:all|your)\b[^.;]{0,30}\b(?:content|data|files)\b[^.;]{0,80}\b(?:without\s+(?:notice|"
                            r"further notice)|immediately|upon\s+(?:termination|expiry|expiration))", IGNORE)


@detector("deleted_at_end")
def deleted_at_end(ctx: Ctx, params: dict) -> list[Hit]:
    """The reader's content or data is deleted at the end, with no window to take a copy."""
    cited = [c for c in ctx.matching(DELETED_AT_END)
             if c.matches(r"\bterminat\w*|\bexpir\w*|\bend of\b|\bcancel\w*")
             and not c.matches(r"\b(?:export|retrieve|download|recover)\w*\b[^.;]{0,60}\b(?:days?|period)\b")]
    return cite(cited, 1)


OPEN_ENDED_FIX = re.compile(r"\b(?:fix|correct|remedy|repair|resolve)\w*\b[^.;]{0,40}\b(?:any|all)\s+(?:\w+\s+)?(?:issues?|bugs?|"
                            r"defects?|errors?|problems?)\b", IGNORE)
TIME_BOUND = re.compile(r"\b(?:within|for)\s+(?:a\s+period\s+of\s+)?(?:\w+\s+)?\(?\d+\)?\s+(?:days?|weeks?|months?)\b|"
                        r"\bwarranty period\b|\bfor (?:one|two|three|six|twelve|thirty|sixty|ninety) (?:days?|months?)\b",
                        IGNORE)


@detector("open_ended_fixes")
def open_ended_fixes(ctx: Ctx, params: dict) -> list[Hit]:
    """The reader must fix any problem found, with no warranty period or limit on how long after delivery."""
    cited = [c for c in ctx.matching(OPEN_ENDED_FIX) if not c.matches(TIME_BOUND)
             and ctx.subject_side(c, OPEN_ENDED_FIX) == "reader"]
    return cite(cited, 1)


AUDIT_ON_TERMS = re.compile(r"\b(?:audit|inspection)\w*\b[^.]{0,200}\b(?:financial conditions|at (?:the )?(?:client|customer|"
                            r"your|licensee)['’]?s? (?:own |sole )?(?:cost|expense)|costs? (?:shall|will) be (?:borne|paid) by|"
                            r"(?:agree|agreed) (?:on|upon) the [^.]{0,60}conditions|subject to (?:a |an )?(?:fee|charge))|"
                            r"\b(?:agree|agreed) (?:on|upon) the [^.]{0,60}conditions\b[^.]{0,60}\b(?:audit|inspection)", IGNORE)


pattern_detector("audit_on_their_terms", AUDIT_ON_TERMS, limit=1,
                 doc="The reader's right to audit or inspect depends on terms or fees still to be agreed.")
