"""Labels from clear wording the statistical model tends to miss in real drafting (plain English,
statements of ownership kept, short transfer bans, automatic renewal ...).

The model reads vocabulary and misses what a clause *says* when the wording is rare in its training
data ("you continue to own the rights to that content", "you can't transfer this contract to anyone
else"). These rules add a label only where the model gave none for that category, with a fixed score
(RULE_SCORE) so a reader can tell them apart from calibrated model scores. Language data only: one
pattern per category, each describing a kind of statement, not a sentence of any one contract.
"""

from __future__ import annotations

import re

from ..clauses import Clause, Label
from ..lowered import PatternSet, normalised

RULE_SCORE = 0.8
_I = re.IGNORECASE
_PARTY = r"(?:you|i|we|licensee|licensor|customer|client|contributor|creator|author|artist|user|the \w+)"

RULES: dict[str, re.Pattern] = {
    # who owns the work: kept, not claimed, or assigned
    "ip_ownership_assignment": re.compile(
        r"\b" + _PARTY + r"\s+(?:will\s+|shall\s+|do\s+|does\s+)?(?:own|retain|keep|continue to own|remain the owner)\w*"
        r"\s+(?:and\s+(?:will\s+)?retain\s+)?(?:all\s+)?(?:of\s+)?(?:your\s+|my\s+|its\s+|their\s+|the\s+)?(?:right,?\s+title|"
        r"rights?|ownership|intellectual property|copyright)|"
        r"\b(?:does|do|will|shall)\s+not\s+(?:claim|take|acquire|obtain)\s+(?:any\s+)?(?:ownership|title|rights?)\b|"
        r"\bclaims?\s+no\s+(?:ownership|rights?|title)\b|\b(?:will|shall)\s+be\s+the\s+(?:sole\s+)?owners?\s+of\b|"
        r"\bremains?\s+(?:the\s+)?(?:sole\s+|exclusive\s+)?property\s+of\b|"
        r"\b(?:copyright|ownership|title|rights?)\s+(?:in\s+\w+\s+)?(?:will|shall)\s+(?:be\s+)?(?:automatically\s+)?"
        r"(?:assigned|transfer\w*|pass)\b", _I),
    "ai_output_ownership": re.compile(
        r"\boutputs?\b[^.;]{0,80}\b(?:owns?|owner|ownership|claims?\s+no\s+rights?)\b|"
        r"\b(?:owns?|owner|ownership|claims?\s+no\s+rights?)\b[^.;]{0,60}\boutputs?\b|"
        r"\bowner of (?:any |all )?(?:such )?derivative works\b", _I),
    "anti_assignment": re.compile(
        r"\b(?:may\s+not|can['\u2019]?t|cannot|shall\s+not|will\s+not|must\s+not)\s+(?:\w+\s+){0,2}(?:assign|transfer|"
        r"delegate)\w*\s+(?:this|these|the|its|your)\s+(?:agreement|contract|terms|rights)|"
        r"\b(?:assign|transfer)\w*\s+(?:this|the)\s+(?:agreement|contract)\b[^.;]{0,80}\bwithout\b", _I),
    "confidentiality": re.compile(
        r"\b(?:keep|maintain|hold|treat)\w*\s+(?:\w+\s+){0,6}?(?:in\s+)?(?:strict\s+)?confiden\w+|"
        r"\bconfidentiality\s+(?:obligations?|undertakings?|duty)\b|\b(?:duty|obligation)\s+of\s+confidentiality\b|"
        r"\breturn\w*\b[^.;]{0,80}\b(?:confidential|proprietary)\s+information\b|"
        r"\b(?:confidential|proprietary)\s+information\b[^.;]{0,80}\breturn\w*\b|\bwhistle-?blow\w*|"
        r"\b(?:materials|documents|copies|records)\b[^.;]{0,80}\b(?:returned|destroyed)\b[^.;]{0,40}\b(?:upon|on|at)\s+"
        r"(?:the\s+)?(?:termination|expiration|expiry|request|end)\b", _I),
    "exclusivity": re.compile(
        r"\b(?:only|exclusively)\b[^.;]{0,80}\bother\s+(?:platforms?|services?|channels?|sites?)\b|"
        r"\b(?:not|never)\b[^.;]{0,60}\b(?:on|to|with|through)\s+(?:any\s+)?(?:other|competing|third[- ]party)\s+"
        r"(?:platforms?|services?|channels?|sites?)\b|\bexclusive(?:ly)?\s+(?:to|on|with)\s+(?:us|the\s+platform)\b", _I),
    "renewal_term": re.compile(r"\brenew\w*\s+automatically\b|\bautomatically\s+renew\w*|\bauto-?renew\w*", _I),
    "notice_period_to_terminate_renewal": re.compile(
        r"\b(?:not\s+to\s+renew|non-?renewal)\b[^.;]{0,100}\b(?:notice|notif\w+)\b|"
        r"\b(?:notice|notif\w+)\b[^.;]{0,80}\b(?:not\s+to\s+renew|non-?renewal)\b|"
        r"\bchoose\s+not\s+to\s+renew\b", _I),
    "termination": re.compile(
        r"\b(?:becomes?|shall\s+become|is|are)\s+null\s+and\s+void\b|"
        r"\b(?:licen[cs]es?|rights?)\s+granted\b[^.;]{0,100}\b(?:shall|will)\s+(?:automatically\s+)?terminate\b", _I),
    "termination_for_convenience": re.compile(
        r"\bterminat\w*\b[^.;]{0,80}\bwithout\s+(?:specific\s+|any\s+)?cause\b|"
        r"\bterminat\w*\b[^.;]{0,100}\bfor\s+convenience\b|"
        r"\bfor\s+any\s+reason\s+or\s+(?:for\s+)?no\s+reason\b|"
        r"\b(?:end|terminate|cancel)\s+(?:this|the)\s+(?:contract|agreement|engagement)\s+at\s+any\s+time\b|"
        r"\bpay\s+you\b[^.;]{0,60}\b(?:everything|all\s+work)\b[^.;]{0,60}\buntil\b", _I),
    "third_party_beneficiary": re.compile(
        r"\bthird[- ]party\s+beneficiar\w*|\bintended\s+to\s+be\s+for\s+the\s+benefit\s+of\b|"
        r"\b(?:not|no)\b[^.;]{0,60}\b(?:intended|deemed|construed)\b[^.;]{0,40}\bbenefit\b|"
        r"\bconfer\w*\b[^.;]{0,40}\b(?:rights?|benefits?|remed\w*)\b[^.;]{0,40}\b(?:upon|on|to)\s+any\s+"
        r"(?:person|third)|\bfor\s+the\s+benefit\s+of\s+no\s+other\b", _I),
    "attribution_and_portfolio_use": re.compile(
        r"\b(?:display|include|retain|reproduce|contain)\w*\b[^.;]{0,80}\b(?:copyright\s+notice|attribution\s+notice|"
        r"[\"\u201c]built\s+with)|\bprominently\s+(?:display|mark)\w*\b|\bmark\w*\s+(?:the\s+)?products?\b[^.;]{0,60}"
        r"\b(?:developed|built|made)\b", _I),
    "prior_inventions_carve_out": re.compile(
        r"\blist\w*\b[^.;]{0,100}\b(?:prior\s+inventions|all\s+inventions|inventions\s+(?:that\s+)?(?:i|you)\s+(?:have\s+)?"
        r"(?:made|developed|conceived))\b|\bstates?\s+(?:with\s+)?laws?\s+(?:that\s+)?limit\w*\b[^.;]{0,100}\bassign|"
        r"\bsection\s+2870\b|\blabor\s+code\s+(?:section\s+|§\s*)?2870\b", _I),
    "personal_data_use": re.compile(
        r"\bpersonal\s+(?:data|information)\b[^.;]{0,120}\b(?:process\w*|use[sd]?|access\w*|transfer\w*|stor\w*)\b|"
        r"\b(?:process\w*|stor\w*|hosted)\b[^.;]{0,60}\bservers?\s+located\b|"
        r"\b(?:process\w*|use|access|transfer\w*|disclos\w*)\b[^.;]{0,40}\bpersonal\s+(?:data|information)\b", _I),
    "ai_training_use": re.compile(
        r"\b(?:voice|speech|text|image|audio|video|training|open(?:-source)?)\s+(?:data\s?base|data\s?set|corpus)\b[^.;]{0,80}"
        r"\b(?:anyone|the public|publicly|third parties|researchers|developers)\b", _I),
    "license_grant": re.compile(
        r"\blicen[cs]e\b[^.;]{0,80}\b(?:ends|terminates|expires|lasts)\s+(?:when|until|once)\b|"
        r"\blicen[cs]e\b[^.;]{0,40}\b(?:does not|doesn['’]t)\s+(?:apply|extend)\s+to\b", _I),
}


# A rule does not fire where its words mean something else: property kept in confidential information
# is the return-of-materials duty, not ownership of work.
EXCEPT: dict[str, re.Pattern] = {
    "ip_ownership_assignment": re.compile(r"\bconfidential information\b|\bproprietary information\b", _I),
}


_RULES = PatternSet(RULES)
_EXCEPT = PatternSet(EXCEPT)


def apply_rules(clauses: list[Clause]) -> list[Clause]:
    """Add a rule label to each clause whose wording clearly states a category the model did not give."""
    for clause in clauses:
        have = {lab.category for lab in clause.labels}
        flat, low = normalised(clause.text)
        found = [c for c in _RULES.hits(flat, low) if c not in have]
        if found:
            excepted = set(_EXCEPT.hits(flat, low))
            clause.labels.extend(Label(c, RULE_SCORE) for c in found if c not in excepted)
    return clauses
