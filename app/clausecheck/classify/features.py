"""Clause features: tokens (spaCy's English tokenization, see clausecheck.tokenizer) of the clause, its section heading and its neighbours, as one string
that a standard TF-IDF vectoriser reads (tokens are whitespace-separated)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from ..lowered import PatternSet, needs_met_at_any_spacing, normalised
from ..memo import Memo
from ..tokenizer import english, is_punct, like_num

_MONEY = re.compile(r"^[$€£]?\d[\d,.]*%?$")

# Concept groups whose presence (and co-occurrence) is a feature: a linear model cannot learn
# "AI words AND learning words" from separate n-grams, and small categories need the help.
LEXICON: dict[str, re.Pattern] = {k: re.compile(v, re.I) for k, v in {
    "ai": r"\b(artificial intelligence|A\.?I\.?|machine[- ]learning|ML|LLMs?|large language models?|neural|"
          r"foundation models?|generative|gen-?AI|chatgpt|midjourney|stable diffusion|dall-?e|GPT|deep learning|"
          r"algorithms?|models?|predictive|chatbots?|assistant|automated systems?)\b",
    "learn": r"\b(train(s|ed|ing)?|fine-?tun\w*|re-?train\w*|learn(s|ing)? from|teach\w*|ingest\w*|"
             r"(feed|run|put|upload)\w*(\s+\S+){0,4}\s+(into|through)|datasets?|corpus|corpora|embeddings?|weights|RLHF|"
             r"improv\w+ (our|its|the|their) (models?|algorithms?|AI|systems?))\b",
    "mining": r"\b(text[- ]and[- ]data[- ]mining|data[- ]mining|TDM|scrap\w*|crawl\w*|spider\w*|harvest\w*|"
              r"robots\.txt|machine-readable|mined)\b",
    "neg": r"\b(not|never|no|neither|nor|prohibit\w*|forbid\w*|won't|cannot|can't|without (the |your |its )?"
           r"(prior|express|written))\b",
    "credit": r"\b(credit(ed)?|attribut\w*|byline|portfolio|showreel|case stud(y|ies)|acknowledg\w*|cite)\b",
    "prior": r"\b(prior inventions?|pre-?existing|background (IP|intellectual)|own time|personal time|"
             r"side projects?|own (equipment|laptop|tools|resources)|schedule a|exhibit a|2870|excluded|"
             r"before (the start|joining|the effective))\b",
    "owner": r"\b(own(s|ed|ership)?|title|assign\w*|property of|belong\w*|vest\w*)\b",
    "output": r"\b(outputs?|generated|results|responses|completions|creations)\b",
    "likeness": r"\b(name|likeness|image|voice|photograph\w*|portrait|biograph\w*|signature|persona)\b",
    "promo": r"\b(promot\w*|advertis\w*|marketing|endors\w*|press releases?|publicity|publici[sz]\w*|"
             r"sponsor\w*|testimonials?|(client|customer) lists?|merchandis\w*|commercial purposes)\b",
    "moral": r"\b(moral rights?|droit moral|right of integrity|right to object|paternity)\b",
    "personal": r"\b(personal (data|information)|privacy|data protection|GDPR|CCPA|cookies?|tracking|"
                r"de-?identified|anonymi[sz]ed|biometric)\b",
}.items()}
_PAIRS = [("ai", "learn"), ("ai", "owner"), ("ai", "output"), ("ai", "neg"), ("learn", "neg"),
          ("mining", "neg"), ("credit", "likeness"), ("prior", "owner"), ("personal", "ai"),
          ("likeness", "promo"), ("credit", "promo")]


# The same groups for lower-cased text, without re.I: twice as fast, and the same hits (checked on
# the 94,333 training clauses); case-insensitive matching was the largest cost of classifying.
_LEXICON = PatternSet(LEXICON)


def lexicon_tokens(text: str) -> list[str]:
    # the strings the clause holds are looked up in its whitespace-normalised form, which the rule labels,
    # the extractors and the detectors read next: one pass over the clause serves them all
    hits = set(_LEXICON.hits(text, text.lower(), needs_met_at_any_spacing(normalised(text)[1])))
    out = ["lex:" + k for k in sorted(hits)]
    out.extend(f"lex:{a}+{b}" for a, b in _PAIRS if a in hits and b in hits)
    return out


@lru_cache(maxsize=1)
def tokenizer():
    """spaCy's English tokenizer (the model's words were read with it), without importing spaCy."""
    return english()


_KEEP_PUNCT = ("%", "$", "§")


def _norm(lower: str, punct: bool, space: bool, like_num: bool) -> str | None:
    """A token's normal form from its attributes: None for whitespace and punctuation (but %, $ and §),
    <pct>, <money> or <num> for numbers, else the lower-cased text."""
    if space or punct and lower not in _KEEP_PUNCT:
        return None
    if like_num or _MONEY.match(lower):
        if "%" in lower:
            return "<pct>"
        if lower[:1] in "$€£":
            return "<money>"
        return "<num>"
    return lower


def _norm_of(text: str) -> str | None:
    return _norm(text.lower(), is_punct(text), text.isspace(), like_num(text))


# A token's normal form depends on its text alone: kept per token text for the process.
_NORMS = Memo(_norm_of)


def word_norms(word: str) -> tuple[str, ...]:
    """The normal forms of a word's tokens (a word: no whitespace), worked out from the rules, not looked up."""
    return tuple(filter(None, map(_NORMS.__getitem__, tokenizer().word_tokens(word))))


# The tokenizer splits a text at whitespace first, then each word alone (no special case holds whitespace:
# the tokenizer refuses one that would), and whitespace tokens have no normal form: a text's normal forms
# are its whitespace-separated words' in turn, kept per word.
_WORD_NORMS = Memo(word_norms)


def remember_words(norms: dict[str, tuple[str, ...]]) -> None:
    """Take words' normal forms worked out before (word -> word_norms(word) with the same rules, e.g.
    clausecheck.common_words' table), kept as if the words had been read here."""
    _WORD_NORMS.update(norms)


def tokens(texts: list[str]) -> list[list[str]]:
    """The normal forms of each text's words: lower case, numbers as <num>/<pct>/<money>, no punctuation
    (but %, $, §) and no whitespace."""
    norms = _WORD_NORMS.__getitem__
    return [list(chain.from_iterable(map(norms, text.split()))) for text in texts]


def feature_strings(texts: list[str], sections: list[str | None],
                    contexts: list[str | None] | None = None) -> list[str]:
    """One whitespace-joined token string per clause (what the vectoriser is trained on): see feature_words."""
    return [" ".join(words) for words in feature_words(texts, sections, contexts)]


def feature_words(texts: list[str], sections: list[str | None],
                  contexts: list[str | None] | None = None) -> list[list[str]]:
    """The words of each clause's feature string: clause words, `lex:` concept groups, `h:` heading words,
    `p:` words of the preceding clause (context for clauses that continue a sentence or list); `<empty>`
    for a clause with none. No word holds whitespace, so they are the string's words split again."""
    body = tokens(texts)
    uniq_heads = sorted({s for s in sections if s})
    # a section's heading words and a lead-in's words are the same for every clause that has them: their
    # feature words are made once per heading and per lead-in
    head_words = {s: ["h:" + w for w in words if not w.startswith("<")]
                  for s, words in zip(uniq_heads, tokens(uniq_heads))}
    if contexts is None:
        ctx_words: list[list[str]] = [[] for _ in texts]
    else:  # a lead-in is usually the previous clause itself: reuse its tokens
        known = dict(zip(texts, body))
        missing = sorted({c for c in contexts if c and c not in known})
        known.update(zip(missing, tokens(missing)))
        lead_words = {c: ["p:" + w for w in known[c][:40] if not w.startswith("<")] for c in set(contexts) if c}
        ctx_words = [lead_words[c] if c else [] for c in contexts]
    out = []
    for text, words, section, ctx in zip(texts, body, sections, ctx_words):
        parts = list(words)
        parts.extend(lexicon_tokens(text))
        if section:
            parts.extend(head_words[section])
        parts.extend(ctx)
        out.append(parts if parts else ["<empty>"])
    return out


def context_of(clauses: list, i: int) -> str | None:
    """The text of the clause before clause i, when it leads into it (ends with ':' or is short)."""
    if i == 0:
        return None
    prev = clauses[i - 1].text.rstrip()
    return prev if prev.endswith((":", ";", "-", "—")) or len(prev) < 120 else prev[-200:]
