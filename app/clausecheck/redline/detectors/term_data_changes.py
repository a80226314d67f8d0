"""Detectors: termination, data, changes."""

from __future__ import annotations

import re

from ..context import Ctx
from .base import CUSTOMER_MATERIAL, IGNORE, VENDOR_DOC, Hit, _uniq, cite, clauses_matching, detector

AT_WILL = re.compile(r"\bat any time\b|\bfor any reason\b|\bno reason\b|\bwithout (?:prior )?(?:notice|cause)\b|"
                     r"\bwith or without (?:cause|notice)\b|\bsole discretion\b|\bimmediately\b", IGNORE)
TERMINATE = re.compile(r"\b(?:suspend|terminat\w*|discontinu\w*|close|disable|end)\b", IGNORE)


@detector("suspension_or_termination_at_will")
def suspension_or_termination_at_will(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may suspend or end the service (or the deal) at any time, for any reason."""
    cited = []
    for c in ctx.matching(TERMINATE):
        if not c.matches(AT_WILL):
            continue
        if c.matches(r"\beither (?:party|of us)\b|\bboth parties\b|\bmutual"):
            continue
        if c.matches(r"\bonly (?:if|where|when|to the extent|for)\b"):
            continue
        if c.matches(r"\b(?:\d{2,3}|thirty|sixty|"
                     r"ninety)\)?\s+(?:\(\d+\)\s+)?days['’]?\s+(?:prior\s+)?(?:written\s+)?notice"):
            continue  # ends on a month's notice or more: termination for convenience, not "at any time"
        if c.matches(r"\b(?:cure|fix|remedy)\b[^.]{0,60}\bwithin\b|\bwithin\b[^.]{0,30}\bdays\b[^.]{0,40}\b(?:cure|"
                     r"remedy|fix)"):
            continue
        if ctx.subject_side(c, TERMINATE) != "other":
            continue
        cited.append(c)
    return cite(cited, 1)


DELETE = re.compile(r"\bdelet\w*|\breturn\w*\b[^.]{0,60}\b(?:data|content)\b|\bexport\w*|\bretention\b|\bdestroy\w*|"
                    r"\b(?:store|retain)\w*\b[^.]{0,60}\b(?:no (?:more|longer) than|for up to|days)\b", IGNORE)


CONFIDENTIAL = re.compile(r"\bconfidential\w*|\bsecurity (?:measures|safeguards|controls|obligations|program)|"
                          r"\bSOC ?2\b|\bISO ?27001\b|\bencrypt\w*|\bprotect\w*\b[^.]{0,60}\b(?:data|content|inputs)", IGNORE)


@detector("confidentiality_missing")
def confidentiality_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """The provider processes your data but promises neither confidentiality nor security."""
    data = ctx.matching(CUSTOMER_MATERIAL)
    if not data or len(VENDOR_DOC.findall(ctx.full_text)) < 3:
        return []
    if ctx.any_text(CONFIDENTIAL):
        return []
    return [Hit(data[:1], missing=True)]


@detector("data_deletion_missing")
def data_deletion_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """Nothing says the provider will return or delete your data when the contract ends."""
    data = ctx.matching(CUSTOMER_MATERIAL)
    if not data or len(VENDOR_DOC.findall(ctx.full_text)) < 3:
        return []
    if ctx.any_text(DELETE):
        return []
    return [Hit(data[:1], missing=True)]


PDATA = re.compile(r"\bpersonal (?:data|information)\b|\binformation about you\b|\byour (?:personal )?(?:data|"
                   r"information)\b", IGNORE)
SHARE = re.compile(r"\b(?:sell|sale|share|shares|sharing|disclose|transfer|rent)\w*\b", IGNORE)
ADS = re.compile(r"\badvertis\w*|\bmarketing\b|\bdata brokers?\b|\bthird[- ]part(?:y|ies)\b|\bpartners\b", IGNORE)


@detector("personal_data_sharing", variants=("sale",))
def personal_data_sharing(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may sell or share your personal data with advertisers or other third parties."""
    cited = []
    for c in ctx.matching(ADS):
        personal = c.matches(PDATA) or c.matches(r"\binformation\b") and c.has("personal_data_use")
        if not (c.matches(SHARE) and personal):
            continue
        if c.matches(r"\b(?:do|does|will|shall) not (?:sell|share)|\bnever (?:sell|share)"):
            continue
        if c.matches(r"\bmerger|\bacquisition|\breorgani[sz]ation|\bbankruptcy|\bsale of (?:all|substantially|"
                     r"our|the|its)\b") and not c.matches(r"\badvertis|\bmarketing"):
            continue
        if not c.matches(r"\badvertis|\bmarketing|\bsell|\bsale\b|\bdata broker"):
            continue
        cited.append(c)
    if not cited:
        return []
    sale = any(c.matches(r"\bsell\b(?! (?:our|the|its) (?:business|company|assets))|\bsold\b(?! to a successor)|"
                         r"\bsale of (?:your |certain )?personal") for c in cited)
    return [Hit(cited[:1], variant="sale" if sale else None)]


CHANGE = re.compile(
    r"\b(?:may|can|will|reserves? the right to)\b[^.]{0,40}\b(?:change|modify|amend|update|revise|modification|"
    r"amendment)\w*\b[^.]{0,40}\b(?:these|this|the|our)\s+(?:\w+\s+)?(?:Terms|Agreements?|terms|agreements?|Polic(?:y|ies)|"
    r"policies|T&Cs|T&C|[Cc]onditions|[Rr]egulations)\b|"
    r"\b(?:Terms|terms|[Cc]onditions|[Rr]egulations|[Pp]rices|[Ff]ees|T&Cs)\b[^.]{0,60}\b(?:are|is)\s+subject\s+to\s+change\b|"
    r"\b(?:may|can|reserves? the right to)\s+(?:change|increase|modify|update)\s+(?:our |its |the )?(?:prices|pricing|"
    r"fees)\b|\bcontinued (?:use|uploading|"
    r"participation|access)\b[^.]{0,100}\b(?:accept\w*|constitutes|agree\w*)\b",
    IGNORE,
)
CHANGE_NOTICE = re.compile(r"\b(?:at least|no less than|not less than)\s+\(?\w+\)?\s*(?:\(\d+\)\s*)?days?\b[^.]{0,40}"
                           r"\bbefore\b|\b\d+\s+days['’]?\s+(?:prior |advance )?notice\b|\bclose your account before\b", IGNORE)


@detector("unilateral_changes", variants=("notice",))
def unilateral_changes(ctx: Ctx, params: dict) -> list[Hit]:
    """The other side may change the terms on its own; carrying on counts as accepting."""
    cited = []
    for c in ctx.matching(CHANGE):
        if c.matches(r"\bonly (?:by|in) (?:a )?writ\w*|\bsigned by both\b|\bneither party may\b|\bmutual"):
            continue
        if ctx.subject_side(c, CHANGE) == "reader":
            continue
        cited.append(c)
    if not cited:
        return []
    around = _uniq([n for c in cited for n in ctx.neighbours(c, after=1)])
    notice = any(n.matches(CHANGE_NOTICE) for n in around)
    return [Hit(cited[:2], variant="notice" if notice else None)]


RENEW = re.compile(r"\brenew\w* automatically\b|\bautomatically renew\w*|\bauto-?renew\w*|\b(?:shall|will) renew\b|"
                   r"\brenews? for (?:successive|additional)\b|\brenew\w* for (?:successive|additional)", IGNORE)


@detector("auto_renewal", variants=("long_notice",))
def auto_renewal(ctx: Ctx, params: dict) -> list[Hit]:
    """The contract renews itself unless you give notice in time."""
    cited = clauses_matching(ctx, RENEW)
    if not cited:
        return []
    c = cited[0]
    days = [d["value"] for d in c.attrs.get("durations", []) if d["unit"].endswith("day")]
    around = " ".join(n.flat for n in ctx.neighbours(c, after=1))
    long_notice = (days and max(days) >= 60) or re.search(r"\bincrease\w*\b[^.]{0,40}\b(?:fees|prices)\b|"
                                                          r"\bchange (?:our )?prices\b", around, IGNORE)
    return [Hit(cited[:2], variant="long_notice" if long_notice else None,
                vars={"notice": f"{int(max(days))} days" if days else "the notice period"})]


WHISTLE = re.compile(r"\b1833\b|\bDefend Trade Secrets\b|\bwhistleblow\w*|\breport\w*\b[^.]{0,80}\b(?:government|agency|"
                     r"regulator|law enforcement|violations? of law)|\bimmun\w*", IGNORE)


@detector("confidentiality_no_whistleblower_notice")
def confidentiality_no_whistleblower_notice(ctx: Ctx, params: dict) -> list[Hit]:
    """Confidentiality duties with no notice that you may still report wrongdoing to the authorities."""
    conf = ctx.matching(r"\bconfidential")
    if not conf or ctx.any_text(WHISTLE):
        return []
    return [Hit(conf[:1], missing=True)]


REPAY = re.compile(r"\b(?:repay\w*|reimburse\w*|refund\w*|claw ?back)\b|\bpay\b(?:\s+[\w$,.-]+){0,4}\s+back\b", IGNORE)
BONUS = re.compile(r"\bbonus\b|\brelocation\b|\btuition\b|\btraining costs?\b|\bsign-?on\b|\bsigning\b", IGNORE)


PAYMENT_CLAUSE = re.compile(r"\b(?:pay|paid|payable|payment|invoice\w*|fees?)\b", IGNORE)
PAY_ON_EVENT = re.compile(r"\b(?:on|upon|after|following) (?:first )?(?:publication|release|broadcast|launch|use)\b|"
                          r"\bwhen (?:the \w+ is )?(?:published|released)\b", IGNORE)


@detector("slow_payment", variants=("on_publication",))
def slow_payment(ctx: Ctx, params: dict) -> list[Hit]:
    """You are paid late: more than 45 days after invoice or delivery, or only when the work is published."""
    for c in ctx.matching(PAYMENT_CLAUSE):
        if ctx.subject_side(c, r"\bpay\b|\bpays\b|\bpaid\b") == "reader":
            continue
        if c.matches(r"\bfail\w* to pay|\bterminat\w*|\blate payment|\binterest\b"):
            continue
        if c.matches(r"\b(?:you|customer|client) (?:will|shall|must) pay\b") and ctx.perspective != "creator":
            continue
        if c.matches(PAY_ON_EVENT) and c.matches(r"\bfee|\bpay") and not c.matches(r"\broyalt|"
                                                                                                 r"\badvance"):
            return [Hit([c], variant="on_publication")]
        for d in c.attrs.get("durations", []):
            if d["unit"].endswith("day") and d["value"] > 45 and re.search(
                    r"\bwithin\b[^.]{0,20}" + re.escape(d["text"].split()[0]), c.flat, IGNORE):
                return [Hit([c], vars={"duration": d["text"]})]
    return []


WARRANTY_DISCLAIMER = re.compile(r"\bas[- ]is\b|\bas available\b|\bdisclaims? (?:all )?warrant", IGNORE)
PERFORMANCE_WARRANTY = re.compile(r"\bwarrants? that\b[^.]{0,120}\b(?:perform|conform|function|operate)\w*|"
                                  r"\bmaterially in accordance with\b|\bservice levels?\b|\buptime\b|\bSLA\b", IGNORE)
SERVICE_LEVEL = re.compile(r"\bservice levels?\b|\buptime\b|\bavailability\b|\bSLA\b|\bservice credits?\b", IGNORE)


@detector("warranty_disclaimer")
def warranty_disclaimer(ctx: Ctx, params: dict) -> list[Hit]:
    """The service is provided "as is": no promise that it works."""
    if len(VENDOR_DOC.findall(ctx.full_text)) < 3 or ctx.any_text(PERFORMANCE_WARRANTY):
        return []
    cited = clauses_matching(ctx, WARRANTY_DISCLAIMER)
    return cite(cited, 1)


@detector("service_levels_missing")
def service_levels_missing(ctx: Ctx, params: dict) -> list[Hit]:
    """A paid service with no uptime or support commitment."""
    if len(VENDOR_DOC.findall(ctx.full_text)) < 3 or not re.search(r"\bfees?\b|\bsubscription\b|\bprices?\b",
                                                                   ctx.full_text, IGNORE):
        return []
    if ctx.any_text(SERVICE_LEVEL):
        return []
    fees = ctx.matching(r"\bfees?\b|\bsubscription\b")
    return [Hit(fees[:1], missing=True)]


@detector("repayment_clawback", variants=("prorated",))
def repayment_clawback(ctx: Ctx, params: dict) -> list[Hit]:
    """You must pay back a bonus or other payment if you leave early."""
    cited = []
    for c in ctx.matching(REPAY):
        near = ctx.neighbours(c, after=0, before=1)
        if any(n.matches(BONUS) for n in near) and c.matches(r"\bleave|\bresign|\bterminat|\bwithin\b|\bquit"):
            cited.append(c)
    if not cited:
        return []
    prorated = any(c.matches(r"\bpro[- ]?rat\w*|\bprorat\w*") for c in cited)
    return [Hit(cited[:1], variant="prorated" if prorated else None)]
