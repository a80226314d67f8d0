"""Money, percentages (royalty rates, revenue shares) and durations in a clause."""

from __future__ import annotations

import re

from ..lowered import Met, fast, folds_unlike_lower

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "eighteen": 18, "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36, "forty-five": 45,
    "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "a hundred": 100, "one hundred": 100, "a": 1, "an": 1,
    "half": 0.5,
}
_CUR = {"$": "USD", "us$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP", "€": "EUR", "eur": "EUR"}
_MONEY = re.compile(
    r"(?P<cur>US\$|\$|£|€|USD|GBP|EUR)\s?(?P<num>\d{1,3}(?:[,\u00a0]\d{3})+|\d+)(?:\.(?P<dec>\d{1,2}))?"
    r"(?:\s?(?P<mult>million|billion|thousand|[kKmM])\b)?",
)
_MONEY_WORDS = re.compile(r"\b(?P<words>(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|"
                          r"one hundred|a hundred|five hundred|a thousand|one thousand)(?:[- ]\w+)?)\s+"
                          r"(?:U\.?S\.?\s+)?(?P<unit>dollars|pounds|euros)\b", re.IGNORECASE)
# Every pattern below is linear in the length of the text (tests/test_bad_input.py runs each over long
# runs of letters, digits and punctuation): a run of letters is read only from its first letter (the
# look-behinds), possessive quantifiers never give back what they took, and no match may begin in
# whitespace. Without that, a 40,000-letter word (a base64 blob, a URL, text that lost its spaces)
# was rescanned from every position: seconds per 10 KB, minutes per 40 KB.
_PERCENT = re.compile(r"(?P<num>\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)|"
                      r"\b(?<![a-z-])(?P<words>[a-z-]++(?: [a-z-]++)?) (?:percent|per cent)\b(?!\s*\()",
                      re.IGNORECASE)
_DURATION = re.compile(
    r"(?=\S)(?:(?<![a-z])(?P<words>[a-z]++(?:-[a-z]++)?)\s++)?\(?(?P<num>\d{1,4})?\)?\s*+"
    r"(?P<unit>business days?|calendar days?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
_MONTHS_PER = {"day": 1 / 30.0, "business day": 1 / 21.0, "calendar day": 1 / 30.0, "week": 12 / 52.0, "month": 1.0,
               "year": 12.0}
_WORD_PCT = {"fifty": 50, "twenty-five": 25, "ten": 10, "five": 5, "twenty": 20, "thirty": 30, "forty": 40,
             "fifteen": 15, "thirty-five": 35, "seventy": 70, "sixty": 60, "eighty": 80, "one hundred": 100}
_RATE_CONTEXT = re.compile(r"\broyalt\w*|\bnet receipts\b|\brevenue\b|\bshare\b|\bmargin\b|\bearnings\b|"
                           r"\bcommission\b|\bprofits?\b|\bproceeds\b|\blicen[cs]e fees?\b|\bdataset fees\b", re.IGNORECASE)
# the patterns asked whether a clause may hold a match at all
_MONEY_FAST, _MONEY_WORDS_FAST, _PERCENT_FAST, _DURATION_FAST = map(fast, (_MONEY, _MONEY_WORDS, _PERCENT, _DURATION))


def money(text: str, low: str | None = None, met: Met | None = None) -> list[dict]:
    """Sums of money, in figures or words (`low`, here and below: the text lower-cased, and `met`:
    lowered.met_in(text, low), when the caller has them, for the cheap test of the strings a pattern needs)."""
    out: list[dict] = []
    low = text.lower() if low is None else low
    figures = _MONEY_FAST.possible(text, low, met)
    # sums in words are looked for where their pre-test lets them (or cannot tell): _MONEY_WORDS has no
    # fast scan, and most clauses with a "$" hold no "dollars"
    in_words = _MONEY_WORDS_FAST.possible(text, low, met) or (figures and folds_unlike_lower(text))
    if not (figures or in_words):
        return out
    for m in _MONEY.finditer(text) if figures else ():
        value = float(re.sub(r"[,\u00a0]", "", m.group("num")) + ("." + m.group("dec") if m.group("dec") else ""))
        mult = (m.group("mult") or "").lower()
        value *= {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "billion": 1e9}.get(mult, 1)
        out.append({"text": m.group(0), "amount": value, "currency": _CUR.get(m.group("cur").lower(), "USD")})
    for m in _MONEY_WORDS.finditer(text) if in_words else ():
        words = m.group("words").lower()
        base = {"one hundred": 100, "a hundred": 100, "five hundred": 500, "a thousand": 1000,
                "one thousand": 1000}.get(words, NUMBER_WORDS.get(words.split()[0].split("-")[0]))
        if base is None:
            continue
        if any(abs(x["amount"] - base) < 1e-6 for x in out):
            continue  # "one hundred U.S. dollars ($100)" counted once
        # casefold, not lower: IGNORECASE matched "dollarſ" (long s), which lower() keeps
        cur = {"dollars": "USD", "pounds": "GBP", "euros": "EUR"}[m.group("unit").casefold()]
        out.append({"text": m.group(0), "amount": float(base), "currency": cur})
    return out


def percentages(text: str, low: str | None = None, met: Met | None = None) -> list[dict]:
    out: list[dict] = []
    if not _PERCENT_FAST.possible(text, low, met):
        return out
    seen: set[float] = set()
    for m in _PERCENT.finditer(text):
        if m.group("num"):
            value = float(m.group("num"))
        else:
            value = _WORD_PCT.get(m.group("words").lower().split()[-1]) or _WORD_PCT.get(m.group("words").lower())
            if value is None:
                continue
        if value in seen:
            continue
        seen.add(value)
        window = text[max(0, m.start() - 80):m.end() + 80]
        out.append({"text": m.group(0), "value": value, "rate": bool(_RATE_CONTEXT.search(window))})
    return out


def durations(text: str, low: str | None = None, met: Met | None = None) -> list[dict]:
    out: list[dict] = []
    if not _DURATION_FAST.possible(text, low, met):
        return out
    for m in _DURATION.finditer(text):
        num = m.group("num")
        words = (m.group("words") or "").lower()
        if num:
            value = float(num)
        elif words in NUMBER_WORDS:
            value = float(NUMBER_WORDS[words])
        else:
            continue
        unit = m.group("unit").lower().rstrip("s")
        months = value * _MONTHS_PER.get(unit, _MONTHS_PER.get(unit.split()[-1], 0))
        start = m.start("num") if num and not words else m.start()
        if words and words not in NUMBER_WORDS:
            start = m.start("num")
        out.append({"text": text[start:m.end()].strip(" ("), "value": value, "unit": unit,
                    "months": round(months, 2)})
    return out
