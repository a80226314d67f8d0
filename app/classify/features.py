"""Clause features: spaCy tokens of the clause, its section heading and its neighbours, as one string
that a standard TF-IDF vectoriser reads (tokens are whitespace-separated)."""

from __future__ import annotations

import re
from functools import lru_cache

_MONEY = re.compile(r"^[$€£]?\d[\d,.]*%?$")


@lru_cache(maxsize=1)
def tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _norm_token(tok) -> str | None:
    if tok.is_space or tok.is_punct and tok.text not in ("%", "$", "§"):
        return None
    text = tok.lower_
    if tok.like_num or _MONEY.match(text):
        if "%" in text:
            return "<pct>"
        if text[:1] in "$€£":
            return "<money>"
        return "<num>"
    return text


def tokens(texts: list[str]) -> list[list[str]]:
    out = []
    for doc in tokenizer().pipe(texts, batch_size=256):
        out.append([t for t in (_norm_token(tok) for tok in doc) if t])
    return out


def feature_strings(texts: list[str], sections: list[str | None],
                    contexts: list[str | None] | None = None) -> list[str]:
    """One whitespace-joined token string per clause: clause words, `h:` heading words,
    `p:` words of the preceding clause (context for clauses that continue a sentence or list)."""
    body = tokens(texts)
    uniq_heads = sorted({s for s in sections if s})
    head_tokens = dict(zip(uniq_heads, tokens(uniq_heads)))
    ctx_tokens = tokens([c or "" for c in contexts]) if contexts is not None else [[] for _ in texts]
    out = []
    for words, section, ctx in zip(body, sections, ctx_tokens):
        parts = list(words)
        if section:
            parts.extend("h:" + w for w in head_tokens[section] if not w.startswith("<"))
        parts.extend("p:" + w for w in ctx[:40] if not w.startswith("<"))
        out.append(" ".join(parts) if parts else "<empty>")
    return out


def context_of(clauses: list, i: int) -> str | None:
    """The text of the clause before clause i, when it leads into it (ends with ':' or is short)."""
    if i == 0:
        return None
    prev = clauses[i - 1].text.rstrip()
    return prev if prev.endswith((":", ";", "-", "—")) or len(prev) < 120 else prev[-200:]
