"""The words and patterns of contract text the splitter reads by: abbreviations, sentence
openers, reference words, and section numbers as a reader sees them (with their nesting level)."""

from __future__ import annotations

import re

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

# Abbreviations after which a sentence does not end (a number, a name or a reference follows).
NEVER_END = {
    "e.g.", "i.e.", "E.g.", "I.e.", "E.G.", "I.E.", "No.", "Nos.", "NO.", "NOS.", "no.", "nos.",
    "Sec.", "Secs.", "sec.", "secs.", "Art.", "Arts.", "ART.", "art.", "v.", "vs.", "Vs.",
    "Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Prof.", "St.", "Mt.", "approx.", "Approx.", "para.",
    "paras.", "Para.", "cf.", "Cf.", "viz.", "incl.", "Incl.", "Fig.", "fig.", "Ch.", "ch.",
    "pp.", "p.", "Pp.", "Ref.", "ref.", "Reg.", "Regs.", "Sch.", "Cl.", "cl.", "Ex.", "Exh.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    "et.", "Nr.", "nr.", "Tel.", "tel.", "Fax.", "Attn.", "Ave.", "Blvd.", "Rd.", "Ste.", "Fl.",
}
# Abbreviations that often sit at the end of a sentence ("... and Acme, Inc. The parties ...").
# After these a sentence ends only when a typical sentence opener or a new line follows.
CAN_END = {
    "Inc.", "INC.", "inc.", "Ltd.", "LTD.", "ltd.", "Corp.", "CORP.", "corp.", "Co.", "CO.", "co.",
    "L.L.C.", "LLC.", "L.L.P.", "LLP.", "L.P.", "N.A.", "S.A.", "B.V.", "N.V.", "AG.", "GmbH.",
    "PLC.", "plc.", "Pty.", "S.p.A.", "S.A.S.", "S.L.", "A.G.", "K.K.", "Bhd.", "P.C.", "P.A.",
    "U.S.", "U.S.A.", "U.K.", "E.U.", "D.C.", "N.Y.", "etc.", "al.", "seq.", "Jr.", "Sr.",
    "Esq.", "Bros.", "Assn.", "Int'l.", "Intl.", "Dept.", "Govt.", "Ph.D.",
}
# Typical sentence openers: after an ambiguous abbreviation these mean a new sentence.
OPENERS = {
    "The", "This", "These", "That", "Those", "Each", "Every", "Any", "All", "In", "If", "Such",
    "No", "Neither", "Either", "Notwithstanding", "Except", "Upon", "For", "Subject", "Unless",
    "Without", "With", "Nothing", "Both", "It", "Its", "As", "At", "On", "During", "After",
    "Before", "Prior", "Following", "To", "Within", "When", "Where", "Whereas", "WHEREAS", "NOW",
    "THE", "THIS", "IN", "Provider", "Company", "Licensee", "Licensor", "Customer", "Supplier",
    "We", "You", "Our", "Your", "Party", "Parties", "Buyer", "Seller", "Vendor",
    "Distributor", "Manufacturer", "Contractor", "Consultant", "Client", "Employee", "Employer",
    "Executive", "Franchisee", "Franchisor", "Agent", "Recipient", "Sponsor", "Developer",
    "Additionally", "Further", "Furthermore", "However", "Moreover", "Accordingly", "Thereafter",
    "Otherwise", "Notice", "Payment", "Payments", "Name", "Title", "By", "Attention", "Address",
}
# Words that open a sentence after an unpunctuated inline heading ("1.6 Governing Law This ...")
BODY_OPENERS = {
    "The", "This", "These", "That", "Those", "Each", "Every", "Any", "All", "In", "If", "Such",
    "No", "Neither", "Either", "Notwithstanding", "Except", "Upon", "For", "Subject", "Unless",
    "Without", "With", "Nothing", "Both", "It", "As", "At", "On", "During", "After", "Before",
    "Prior", "Following", "Within", "When", "Where", "We", "You", "Our", "Your", "Its", "Their",
    "Additionally", "Further", "Furthermore", "However", "Moreover", "Accordingly", "From",
    "THE", "THIS", "EACH", "ANY", "IN", "IF", "NO", "NEITHER", "EITHER", "NOTWITHSTANDING",
    "EXCEPT", "UPON", "SUBJECT", "UNLESS", "NOTHING", "DURING", "WITHIN", "A", "An", "To",
}
# Words after which a number at the start of the next line is a reference, not a new item.
REFERENCE_WORDS = {
    "section", "sections", "article", "articles", "paragraph", "paragraphs", "clause", "clauses",
    "exhibit", "exhibits", "schedule", "schedules", "annex", "appendix", "item", "items", "part",
    "subparagraph", "subparagraphs", "subsection", "subsections", "sub-clause", "subclause",
    "sub-paragraph", "sub-section", "parts", "annexes", "appendices",
    "no.", "nos.", "sec.", "art.", "and", "or", "to", "through", "of", "under", "in", "see", "per",
    "with", "than", "by", "at", "on", "from", "$", "us$", "page", "pages", "rule", "rules", "note",
}
# Small words that may stay lower-case in a Title Case heading.
SMALL_WORDS = {
    "a", "an", "and", "the", "of", "to", "for", "in", "on", "or", "by", "with", "at", "from", "as",
    "upon", "into", "its", "their", "under", "not", "vs", "v", "per", "de", "la", "etc", "via",
    "other", "than", "after", "over", "against", "between", "during", "within", "without", "off",
    "out", "all", "any", "non",
}

ABBREVIATIONS = sorted(NEVER_END | CAN_END)

# --------------------------------------------------------------------------------------------
# Regular expressions applied at a known position (never scanning character by character)
# --------------------------------------------------------------------------------------------

_ROMAN = r"(?:xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_ROMAN_UP = r"(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_SUB = r"(?:\([0-9a-zA-Z]{1,4}\))"
# A section number as a reader sees it, at the start of an item; must be followed by whitespace.
# Two letters in brackets are a number only doubled or as a Roman numeral ("(aa)", "(iv)"); "(IP)",
# "(EU)" are abbreviations going on with the line before ("Internet Protocol" / "(IP) communications").
# The lookahead first: what a label can open with. Most lines open with a word no label does ("the",
# "Company"), and failing that test costs half of trying every branch.
LABEL = re.compile(
    r"""(?=[(§0-9\s]|[a-zA-Z][.)]|[ivxlc]{2}|[IVXLC]{2}|(?i:sec|art|cla|sch|exh|ann|app|att|par|add|rid))
    (?:
        (?P<kw>(?i:section|sec\.|article|art\.|clause|schedule|exhibit|annex|appendix|attachment
                |part|paragraph|para\.|addendum|rider)\s*
            (?:[0-9]{1,3}(?:\.[0-9]{1,3})*[A-Za-z]?|[IVXLC]{1,6}|[A-Z]{1,2}(?:-[0-9]{1,3})?|[0-9]{1,3}-[0-9]{1,3})
            (?:\.(?![0-9]))?""" + _SUB + r"""*[.:]?(?:\s*[-\u2013\u2014](?=\s))?
            (?=\s+[A-Z"\u201c(\[]|\s*$|[ \t]*\n|(?<=[.:\-\u2013\u2014])\s))
      | (?P<num>§?\s*[0-9]{1,3}(?:\.[0-9]{1,3})+\.?""" + _SUB + r"""*
              | §?\s*[0-9]{1,3}\.(?![0-9])""" + _SUB + r"""*
              | [0-9]{1,3}""" + _SUB + r"""+\.?
              | [0-9]{1,3}\.[A-Z]\.?
              | [0-9]{1,3}\))
      | (?P<paren>\((?:[0-9]{1,3}|[a-zA-Z]|(?P<dbl>[a-zA-Z])(?P=dbl)|""" + _ROMAN + "|" + _ROMAN_UP + r""")\)""" + _SUB + r"""*\.?)
      | (?P<dot>(?:[a-zA-Z]|(?=[ivxlc]{2})""" + _ROMAN + "|(?=[IVXLC]{2})" + _ROMAN_UP + r""")[.)])
    )(?=\s)""",
    re.VERBOSE,
)
# What may begin a sentence: capital, digit, quote/bracket + capital, a list label, a redaction.
STARTER = re.compile(
    r"""(?:[\"'\u201c\u2018(\[]*(?:[A-Z0-9\u00c0-\u00de]|[a-z]{1,2}[A-Z])|\[\s*\*|\*|§
        |\((?:[a-z]{1,2}|""" + _ROMAN + r""")\)\s|(?:[a-z]|""" + _ROMAN + r""")[.)]\s)""",
    re.VERBOSE,
)
AND_OR = re.compile(r"(?:and|or|and/or)\s+")
WORD = re.compile(r"[^\W\d_][\w'\u2019&-]*")
ALPHA = re.compile(r"[^\W\d_]")
TRAIL = " \t\n.:;,-\u2013\u2014_=*"
WS = re.compile(r"\s+")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
BREAK = re.compile(r"\n|[ \t]{3,}|\t")  # a line break, or a wide gap where a layout was flattened


# words that make a phrase a sentence rather than a heading
VERBISH = {
    "shall", "will", "may", "must", "is", "are", "be", "was", "were", "agrees", "agree", "has",
    "have", "hereby", "means", "mean", "not", "can", "should", "would", "does", "do", "grants",
    "acknowledges", "represents", "warrants", "undertakes", "covenants",
}
MODALS = {"shall", "will", "may", "must", "hereby", "agrees", "agree", "can", "should", "would"}

FUNCTION_WORDS = {
    "the", "a", "an", "of", "to", "in", "on", "and", "or", "by", "with", "for", "under", "from",
    "that", "which", "its", "their", "any", "all", "such", "this", "these", "shall", "may", "will",
    "is", "are", "be", "been", "not", "as", "at", "per", "than", "into", "upon", "between",
}



def label_level(label: str) -> int:
    """Nesting level of a section number: Article 0, 1. 1, 1.1 2, 1.1.1 3, (a) 5, (i) 6, (A) 7."""
    s = label.strip().rstrip(".:-\u2013\u2014 ")
    low = s.lower()
    if low.startswith(("article", "art.", "schedule", "exhibit", "annex", "appendix", "attachment",
                       "part", "addendum", "rider")):
        num = s.split(None, 1)[-1] if " " in s else ""
        return 0 if num.count(".") == 0 else num.count(".") + 1
    if low.startswith(("section", "sec.", "clause", "paragraph", "para.")):
        num = s.split(None, 1)[-1] if " " in s else s
        if "(" in num:
            return 5
        return 1 + num.count(".")
    s = s.lstrip("§ ")
    if s[:1].isdigit():
        if "(" in s:
            return 5
        if s.endswith(")"):
            return 8
        return 1 + s.rstrip(".").count(".")
    core = s.strip("().")
    if core.isdigit():
        return 8
    if len(core) > 1 or core in "ivx":
        return 6 if core.islower() else 4
    return 5 if core.islower() else 7
