"""TF-IDF of feature strings over a fixed vocabulary, and the linear decision values on it, with numpy
alone. Importing scikit-learn takes longer (1-3 s) than classifying a whole contract, so the shipped
model is applied without it. The arithmetic is scikit-learn's, step for step and in the same float
precision: TfidfVectorizer(token_pattern=r"\\S+", lowercase=False, ngram_range=(1, n), sublinear_tf=True,
norm="l2", dtype=float32), then X @ coef.T + intercept (tests/test_classify.py checks the two agree).
"""

from __future__ import annotations

from itertools import chain

import numpy as np


def term_counts(strings: list[str], vocabulary: dict[str, int], ngram_max: int = 2):
    """(rows, cols, counts) of the terms in `vocabulary` found in each string: whitespace-separated
    words and their runs of up to `ngram_max` words joined by one space. Sorted by row, then column."""
    get = vocabulary.get
    rows: list[int] = []
    cols: list[int] = []
    for i, s in enumerate(strings):
        words = s.split()
        grams = [words]  # the words, then their runs of n words: (w0 w1), (w1 w2), ... in the text's order
        for n in range(2, min(ngram_max, len(words)) + 1):
            grams.append(map(" ".join, zip(*(words[k:] for k in range(n)))))
        found = [j for j in map(get, chain.from_iterable(grams)) if j is not None]
        cols.extend(found)
        rows.extend([i] * len(found))
    width = max(len(vocabulary), 1)
    keys, counts = np.unique(np.asarray(rows, dtype=np.int64) * width + np.asarray(cols, dtype=np.int64),
                             return_counts=True)
    return keys // width, keys % width, counts


def tfidf(strings: list[str], vocabulary: dict[str, int], idf: np.ndarray, ngram_max: int = 2):
    """The l2-normalised, sublinear TF-IDF rows of `strings` as (rows, cols, values float32)."""
    rows, cols, counts = term_counts(strings, vocabulary, ngram_max)
    values = counts.astype(np.float32)
    np.log(values, out=values)
    values += 1.0
    values = (values.astype(np.float64) * idf.astype(np.float64)[cols]).astype(np.float32)
    norms = np.sqrt(np.bincount(rows, weights=(values * values).astype(np.float64), minlength=len(strings)))
    scale = norms[rows]
    values = np.where(scale > 0, values.astype(np.float64) / np.where(scale > 0, scale, 1.0), values)
    return rows, cols, values.astype(np.float32)


def decision_values(strings: list[str], vocabulary: dict[str, int], idf: np.ndarray, weights: np.ndarray,
                    intercept: np.ndarray, ngram_max: int = 2) -> np.ndarray:
    """TF-IDF rows times `weights` (n_terms, n_outputs) plus `intercept`: shape (len(strings), n_outputs)."""
    rows, cols, values = tfidf(strings, vocabulary, idf, ngram_max)
    z = np.zeros((len(strings), weights.shape[1]), dtype=np.float32)
    if len(rows):
        # Each row's terms are added one after another in float32, as scipy's sparse product does
        # (a pairwise sum differs in the last bits): the k-th term of every row at once, k = 0, 1, ...
        # The rows longest first, so the rows that have a k-th term are the first live[k].
        contrib = weights[cols] * values[:, None]
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        lengths = np.diff(np.r_[starts, len(rows)])
        order = np.argsort(-lengths, kind="stable")
        starts, lengths = starts[order], lengths[order]
        live = np.searchsorted(-lengths, -np.arange(1, lengths[0] + 1), side="right")
        acc = np.zeros((len(starts), weights.shape[1]), dtype=np.float32)
        for k, n in enumerate(live.tolist()):
            acc[:n] += contrib[starts[:n] + k]
        z[rows[starts]] = acc
    return z + intercept
