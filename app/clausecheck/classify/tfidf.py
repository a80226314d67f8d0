"""TF-IDF of feature strings over a fixed vocabulary, and the linear decision values on it, with numpy
alone. Importing scikit-learn takes longer (1-3 s) than classifying a whole contract, so the shipped
model is applied without it. The arithmetic is scikit-learn's, step for step and in the same float
precision: TfidfVectorizer(token_pattern=r"\\S+", lowercase=False, ngram_range=(1, n), sublinear_tf=True,
norm="l2", dtype=float32), then X @ coef.T + intercept (tests/test_classify.py checks the two agree).
"""

from __future__ import annotations

from itertools import chain, count, repeat
from operator import contains

import numpy as np

from ..memo import IdentityMemo

#: strings counted before the vocabulary is numbered for array look-ups (_Pairs, about 0.1 s): a batch or
#: the service gets there in its first contracts, one short contract from the command line does not
PAIRS_AFTER = 2000
_STRINGS_SEEN = 0


def term_counts(words: list[list[str]], vocabulary: dict[str, int], ngram_max: int = 2):
    """(rows, cols, counts) of the terms in `vocabulary` found in each string's words (the string split at
    whitespace): the words and their runs of up to `ngram_max` words joined by one space. Sorted by row,
    then column."""
    global _STRINGS_SEEN
    _STRINGS_SEEN += len(words)
    if ngram_max == 2 and (_STRINGS_SEEN >= PAIRS_AFTER or vocabulary in _pairs_of):
        rows, cols = _unigrams_and_bigrams(words, _pairs_of(vocabulary))
    else:
        rows, cols = _ngrams(words, vocabulary, ngram_max)
    width = max(len(vocabulary), 1)
    keys, counts = np.unique(rows.astype(np.int64) * width + cols, return_counts=True)
    return keys // width, keys % width, counts


def _ngrams(words: list[list[str]], vocabulary: dict[str, int], ngram_max: int):
    """(rows, cols) of every term occurrence, each run of n words joined and looked up."""
    get = vocabulary.get
    rows: list[int] = []
    cols: list[int] = []
    for i, ws in enumerate(words):
        grams = [ws]  # the words, then their runs of n words: (w0 w1), (w1 w2), ... in the text's order
        for n in range(2, min(ngram_max, len(ws)) + 1):
            grams.append(map(" ".join, zip(*(ws[k:] for k in range(n)))))
        found = [j for j in map(get, chain.from_iterable(grams)) if j is not None]
        cols.extend(found)
        rows.extend([i] * len(found))
    return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)


class _Pairs:
    """A vocabulary of words and two-word terms as numbers: each word that is in a term gets an id; a word's
    column (-1: not a term), and the two-word terms as sorted keys (first id * ids.none + second id) with
    their columns. Looking up every word and pair of a document is then a few array operations."""

    def __init__(self, vocabulary: dict[str, int]):
        # a term is one word or two joined by a space. The words of all terms in order, made and numbered
        # by str and dict methods: a loop over 90,000 terms in Python was most of the start-up of a worker
        terms = list(vocabulary)
        words = " ".join(terms).split(" ") if terms else []
        ids = _WordIds(zip(dict.fromkeys(words), count()))
        ids.none = n = len(ids)  # the id standing for a word in no term
        self.ids = ids
        word_id = np.fromiter(map(ids.__getitem__, words), dtype=np.int64, count=len(words))
        is_pair = np.fromiter(map(contains, terms, repeat(" ")), dtype=bool, count=len(terms))
        if len(words) != len(terms) + int(is_pair.sum()):
            raise ValueError("a vocabulary of one- and two-word terms was expected")
        first = np.cumsum(is_pair + 1) - (is_pair + 1)  # where each term's first word is in `words`
        cols = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(terms))
        self.word_col = np.full(n + 1, -1, dtype=np.int64)  # the last: a word in no term
        self.word_col[word_id[first[~is_pair]]] = cols[~is_pair]
        keys = word_id[first[is_pair]] * n + word_id[first[is_pair] + 1]
        order = np.argsort(keys)
        self.pair_keys = keys[order]
        self.pair_cols = cols[is_pair][order]


class _WordIds(dict):
    """A word's id, and `none` for a word in no term: a look-up that finds the word costs no Python call (a
    default to dict.get did, for every word of a document)."""

    __slots__ = ("none",)

    def __missing__(self, word: str) -> int:
        return self.none


_pairs_of = IdentityMemo(_Pairs, 5)  # a vocabulary (a dict: found by identity) -> its _Pairs


def number_vocabulary(vocabulary: dict[str, int]) -> None:
    """Number the vocabulary for array look-ups now (a batch or service worker, before its first contract)."""
    _pairs_of(vocabulary)


def _unigrams_and_bigrams(words: list[list[str]], pairs: _Pairs):
    """(rows, cols) of every word and two-word term occurrence, all strings at once."""
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    flat = list(chain.from_iterable(words))
    none = pairs.ids.none
    ids = np.fromiter(map(pairs.ids.__getitem__, flat), dtype=np.int64, count=len(flat))
    row = np.repeat(np.arange(len(words), dtype=np.int64), lengths)
    uni = pairs.word_col[ids]
    found_uni = uni >= 0
    # a pair: two words of the same string, both in some term
    both = (row[:-1] == row[1:]) & (ids[:-1] != none) & (ids[1:] != none)
    first = np.flatnonzero(both)
    keys = ids[first] * none + ids[first + 1]
    at = np.searchsorted(pairs.pair_keys, keys)
    at[at == len(pairs.pair_keys)] = 0
    hit = pairs.pair_keys[at] == keys if len(pairs.pair_keys) else np.zeros(len(keys), dtype=bool)
    rows = np.concatenate([row[found_uni], row[first[hit]]])
    cols = np.concatenate([uni[found_uni], pairs.pair_cols[at[hit]]])
    return rows, cols


def tfidf(words: list[list[str]], vocabulary: dict[str, int], idf: np.ndarray, ngram_max: int = 2):
    """The l2-normalised, sublinear TF-IDF rows of each string's words as (rows, cols, values float32)."""
    rows, cols, counts = term_counts(words, vocabulary, ngram_max)
    values = counts.astype(np.float32)
    np.log(values, out=values)
    values += 1.0
    values = (values.astype(np.float64) * idf.astype(np.float64)[cols]).astype(np.float32)
    norms = np.sqrt(np.bincount(rows, weights=(values * values).astype(np.float64), minlength=len(words)))
    scale = norms[rows]
    values = np.where(scale > 0, values.astype(np.float64) / np.where(scale > 0, scale, 1.0), values)
    return rows, cols, values.astype(np.float32)


def decision_values(strings: list[str], vocabulary: dict[str, int], idf: np.ndarray, weights: np.ndarray,
                    intercept: np.ndarray, ngram_max: int = 2) -> np.ndarray:
    """TF-IDF rows times `weights` (n_terms, n_outputs) plus `intercept`: shape (len(strings), n_outputs)."""
    return word_decision_values([s.split() for s in strings], vocabulary, idf, weights, intercept, ngram_max)


def word_decision_values(words: list[list[str]], vocabulary: dict[str, int], idf: np.ndarray, weights: np.ndarray,
                         intercept: np.ndarray, ngram_max: int = 2) -> np.ndarray:
    """decision_values of strings given as their words (what str.split() makes of each): a caller that has
    the words need not join them to be split again."""
    rows, cols, values = tfidf(words, vocabulary, idf, ngram_max)
    z = np.zeros((len(words), weights.shape[1]), dtype=np.float32)
    if len(rows):
        # Each row's terms are added one after another in float32, as scipy's sparse product does
        # (a pairwise sum differs in the last bits): the k-th term of every row at once, k = 0, 1, ...
        # The rows longest first, so the rows that have a k-th term are the first live[k]; the products
        # are laid out in that order (all rows' first terms, then their second ...), so each step adds a
        # slice rather than gathering rows.
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        lengths = np.diff(np.r_[starts, len(rows)])
        order = np.argsort(-lengths, kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        segment = np.repeat(np.arange(len(starts)), lengths)
        place = np.arange(len(rows)) - starts[segment]  # a term's place in its row
        layout = np.argsort(place * len(starts) + rank[segment], kind="stable")
        # the rows of weights taken (np.take: twice as fast as indexing them) and scaled in place (a product
        # with the values broadcast along each row made another array, more slowly)
        contrib = np.take(weights, cols[layout], axis=0)
        contrib *= values[layout, None]
        live = np.searchsorted(-lengths[order], -np.arange(1, lengths[order[0]] + 1), side="right")
        acc = np.zeros((len(starts), weights.shape[1]), dtype=np.float32)
        at = 0
        for n in live.tolist():
            acc[:n] += contrib[at:at + n]
            at += n
        z[rows[starts[order]]] = acc
    return z + intercept
