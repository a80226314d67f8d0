"""A negotiation email in plain words: what the reader asks to change and why, one point each, most
important first, with the exact wording to propose attached.

Written from the reader's side to the other side (a job seeker to a recruiter, a creator to a
platform or publisher, a customer to a vendor, a vendor to a customer). Only findings the reader
would ask about go in: those with a severity of high, medium or low and a suggested wording;
protections found (info) and points without a proposal stay out. The fallback position is never
put in the email: it is what the reader can accept, not what they open with.
"""

from __future__ import annotations

import re
import textwrap

from ..perspectives import SEVERITY_ORDER

ASKED = ("high", "medium", "low")

_OPENING = {
    "employee": ("Thank you for the offer, and for sending the {doc}. I am looking forward to joining {other}. "
                 "Before I sign, I would like to ask for a few changes, most important first:"),
    "creator": ("Thank you for sending the {doc}. Before I agree to it, I would like to ask for a few changes "
                "to how my work is used, most important first:"),
    "customer": ("Thank you for sending the {doc}. Before we sign, we would like to ask for the following "
                 "changes, most important first:"),
    "vendor": ("Thank you for sending the {doc}. Before we sign, we would like to propose the following "
               "changes, most important first:"),
}
_CLOSING = {
    "employee": "I am happy to talk any of these through. Thank you for considering them.",
    "creator": "I am happy to talk any of these through. Thank you for considering them.",
    "customer": "We are happy to discuss any of these. Thank you for considering them.",
    "vendor": "We are happy to discuss any of these. Thank you for considering them.",
}
_NOTHING = {
    "employee": "I have read the {doc} and have no changes to ask for. Thank you.",
    "creator": "I have read the {doc} and have no changes to ask for. Thank you.",
    "customer": "We have read the {doc} and have no changes to ask for. Thank you.",
    "vendor": "We have read the {doc} and have no changes to ask for. Thank you.",
}

# The titles speak to the reader ("you", "your") about the other side ("they", "their"); in the email
# the reader speaks ("I" / "we") to the other side ("you").
_PERSON = {"you": "I", "your": "my", "yours": "mine", "yourself": "myself", "they": "you", "their": "your",
           "theirs": "yours", "them": "you", "themselves": "yourselves"}
_PERSON_WE = {"you": "we", "your": "our", "yours": "ours", "yourself": "ourselves", "they": "you",
              "their": "your", "theirs": "yours", "them": "you", "themselves": "yourselves"}
_WORD = re.compile(r"\b(you|your|yours|yourself|they|their|theirs|them|themselves)\b", re.IGNORECASE)
_AFTER_VERB = re.compile(r"(?:^|\b)(?:to|for|with|against|on|at|by|from|about|off|audit|cut|indemnify|"
                         r"pay|bind|credit|gives?|let|lets)\s+$", re.IGNORECASE)
_I_VERBS = {"are": "am", "were": "was"}


def voiced(title: str, business: bool) -> str:
    """A finding title in the reader's own voice: "You give up your moral rights" -> "I give up my moral
    rights"; "They may use your name" -> "You may use my name" (we / our for a business)."""
    table = _PERSON_WE if business else _PERSON

    def repl(m: re.Match) -> str:
        word = m.group(1)
        low = word.lower()
        if low == "you" and _AFTER_VERB.search(m.string[:m.start()]):
            new = "us" if business else "me"
        else:
            new = table[low]
        if word[0].isupper() and new != "I":
            new = new[0].upper() + new[1:]
        return new

    out = _WORD.sub(repl, title)
    if not business:
        out = re.sub(r"\bI (are|were)\b", lambda m: "I " + _I_VERBS[m.group(1)], out)
    else:
        out = re.sub(r"\b([Ww]e) (am|was)\b", lambda m: f"{m.group(1)} {'are' if m.group(2) == 'am' else 'were'}", out)
    out = re.sub(r"\byou (is|was|has)\b", lambda m: "you " + {"is": "are", "was": "were", "has": "have"}[m.group(1)],
                 out)
    return out[:1].upper() + out[1:]


def asks(result: dict) -> list[dict]:
    """The findings the reader asks about, most important first."""
    found = [f for f in result.get("findings", []) if f.get("severity") in ASKED and (f.get("suggestion") or "").strip()]
    return sorted(found, key=lambda f: SEVERITY_ORDER.get(f.get("severity"), 9))


def _other_name(result: dict) -> str | None:
    from ..extract.parties import Parties, Party, sides_for
    from ..redline.render import short_name

    parties = []
    for p in (result.get("values") or {}).get("parties") or []:
        terms = [t for t in p.get("terms") or [] if t]
        if terms:
            parties.append(Party(terms=terms, name=p.get("name"), article=bool(p.get("article"))))
    perspective = result.get("perspective") or "employee"
    if not parties or perspective not in _OPENING:
        return None
    other = sides_for(Parties(parties), perspective).other
    if other is None:
        return None
    name = short_name(other, "")
    return name if name and name.lower() not in ("you", "we", "us", "the other side") else None


def _quote(text: str, n: int = 10) -> str:
    words = " ".join(text.split()).split(" ")
    return " ".join(words[:n]) + ("..." if len(words) > n else "")


def _where(f: dict, clauses: dict[str, dict]) -> str:
    cid = (f.get("clause_ids") or [None])[0]
    c = clauses.get(cid) if cid else None
    if c is None:
        return ""
    section = " ".join((c.get("section") or "").split())
    if section and len(section) <= 60:
        return f"the clause under \"{section}\""
    return f"the clause that begins \"{_quote(c.get('text', ''), 8)}\""


def ask_line(f: dict, clauses: dict[str, dict]) -> str:
    """What the reader asks for, in one sentence."""
    red = f.get("redline") or {}
    where = _where(f, clauses)
    if f.get("missing") or not where:
        return "Please add the wording below."
    deleted = [t.strip(" ,;") for o, t in red.get("ops") or [] if o == "delete" and t.strip(" ,;")]
    if red.get("mode") == "append" and deleted:
        cut = "; ".join(f"\"{_quote(d, 12)}\"" for d in deleted[:2])
        return f"Please remove {cut} from {where} and add the wording below."
    if red.get("mode") == "append":
        return f"Please add the wording below to {where}."
    return f"Please replace {where} with the wording below."


def render_email(result: dict, width: int = 100) -> str:
    perspective = result.get("perspective") or "employee"
    if perspective not in _OPENING:
        perspective = "employee"
    business = perspective in ("customer", "vendor")
    doc = "agreement"
    other = _other_name(result)
    clauses = {c["id"]: c for c in result.get("clauses", [])}
    chosen = asks(result)
    name = result.get("document", {}).get("name") or "the contract"
    subject = f"Subject: {name}: {'a few requested changes' if chosen else 'no changes requested'}"
    out = [subject, "", f"Dear {other} team," if other else "Hello,", ""]
    if not chosen:
        out.extend(textwrap.wrap(_NOTHING[perspective].format(doc=doc), width))
        out.extend(["", "Kind regards,", "[Your name]"])
        return "\n".join(out) + "\n"
    opening = _OPENING[perspective].format(doc=doc, other=other or "the team")
    out.extend(textwrap.wrap(opening, width))
    for n, f in enumerate(chosen, start=1):
        out.append("")
        why = voiced(f.get("title") or f.get("rule") or "", business).rstrip(".")
        out.extend(textwrap.wrap(f"{n}. {why}. {ask_line(f, clauses)}", width, subsequent_indent="   "))
        quoted = " ".join(f["suggestion"].split())
        out.extend(textwrap.wrap(f"\"{quoted}\"", width, initial_indent="   ", subsequent_indent="   "))
    out.append("")
    out.extend(textwrap.wrap(_CLOSING[perspective], width))
    out.extend(["", "Kind regards,", "[Your name]"])
    return "\n".join(out) + "\n"
