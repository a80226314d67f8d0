"""Tokens as spaCy's English tokenizer makes them, without importing spaCy.

``english()`` is spaCy's English tokenizer (rules in english.json, exported from spaCy by
``python -m clausecheck.training.export_tokenizer``); ``english(suffix=..., infix=..., url=None,
extra_special=...)`` the same with some rules replaced, as the segmenter uses it. ``like_num`` and
``is_punct`` are spaCy's English lexeme attributes. The classifier's features and the segmenter's
boundaries are read from these tokens.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from .engine import Rules, Tokenizer

__all__ = ["Rules", "Tokenizer", "english", "english_rules", "fingerprint", "is_punct", "like_num"]

_KEEP = object()


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(resources.files(__package__).joinpath("english.json").read_text(encoding="utf-8"))


def _compiled(pattern: str | None) -> re.Pattern | None:
    return re.compile(pattern) if pattern else None


@lru_cache(maxsize=1)
def english_rules() -> Rules:
    d = _data()
    return Rules(prefix=_compiled(d["prefix"]), suffix=_compiled(d["suffix"]), infix=_compiled(d["infix"]),
                 url=_compiled(d["url"]), special={k: tuple(v) for k, v in d["special"].items()})


def english(*, suffix=_KEEP, infix=_KEEP, url=_KEEP, extra_special: tuple[str, ...] = ()) -> Tokenizer:
    """A new English tokenizer; `suffix`, `infix`, `url` (a compiled pattern or None) replace the English
    ones, and each of `extra_special` becomes one token wherever it stands alone."""
    base = english_rules()
    changes = {k: v for k, v in (("suffix", suffix), ("infix", infix), ("url", url)) if v is not _KEEP}
    special = base.special | {s: (s,) for s in extra_special}
    return Tokenizer(replace(base, special=special, **changes))


def is_punct(text: str) -> bool:
    """spaCy's IS_PUNCT: every character is punctuation (Unicode category P*)."""
    if text.isalpha() or text.isdecimal():  # letters (categories L*) or digits (Nd): the usual token, told at once
        return False
    return all(unicodedata.category(ch).startswith("P") for ch in text)


@lru_cache(maxsize=1)
def _number_words() -> tuple[frozenset[str], frozenset[str]]:
    d = _data()
    return frozenset(d["num_words"]), frozenset(d["ordinal_words"])


def like_num(text: str) -> bool:
    """spaCy's English LIKE_NUM: digits (with , and .), a fraction, a number word or an ordinal."""
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    low = text.lower()
    numbers, ordinals = _number_words()
    if low in numbers or low in ordinals:
        return True
    return low.endswith(("st", "nd", "rd", "th")) and low[:-2].isdigit()


def fingerprint(rules: Rules) -> str:
    """A digest of what a tokenizer's tokens and their attributes depend on besides this package's code:
    its rules and the number words like_num knows. Tokens kept from another process (a table of common
    words, clausecheck.common_words) are used only where the fingerprint is the same."""
    numbers, ordinals = _number_words()
    patterns = [p.pattern if p else None for p in (rules.prefix, rules.suffix, rules.infix, rules.url)]
    data = [patterns, rules.special, sorted(numbers), sorted(ordinals)]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
