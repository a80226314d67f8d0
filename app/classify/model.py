"""The trained clause classifier: load it (skops, no code execution) and score clauses."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..segmentation import Clause, Label
from .features import context_of, feature_strings

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / "clause_classifier.skops"
PACKAGED_MODEL = Path(__file__).resolve().parent / "clause_classifier.skops"

# What a model file may contain; anything else is refused on load.
TRUSTED_TYPES = [
    "numpy.float32",
    "numpy.float64",
    "numpy.int64",
    "numpy.dtype",
    "builtins.dict",
    "builtins.list",
    "builtins.str",
    "collections.OrderedDict",
]


@dataclass
class ClauseModel:
    vectorizer: object  # a fitted TfidfVectorizer over feature strings
    categories: list[str]
    coef: np.ndarray  # (n_categories, n_features) float32
    intercept: np.ndarray  # (n_categories,)
    platt: np.ndarray  # (n_categories, 2): calibrated score = sigmoid(a * z + b)
    thresholds: np.ndarray  # (n_categories,) on the calibrated score
    meta: dict = field(default_factory=dict)

    def scores(self, texts: list[str], sections: list[str | None],
               contexts: list[str | None] | None = None) -> np.ndarray:
        """Calibrated scores in [0, 1], shape (n_texts, n_categories)."""
        if not texts:
            return np.zeros((0, len(self.categories)), dtype=np.float32)
        X = self.vectorizer.transform(feature_strings(texts, sections, contexts))
        z = np.asarray(X @ self.coef.T) + self.intercept
        z = z * self.platt[:, 0] + self.platt[:, 1]
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)

    def label(self, clauses: list[Clause], min_score: float | None = None) -> list[Clause]:
        """Attach labels to each clause: every category at or above its threshold, or at or above
        `min_score` when given."""
        contexts = [context_of(clauses, i) for i in range(len(clauses))]
        s = self.scores([c.text for c in clauses], [c.section for c in clauses], contexts)
        for clause, row in zip(clauses, s):
            floor = self.thresholds if min_score is None else np.full_like(self.thresholds, min_score)
            hits = np.nonzero(row >= floor)[0]
            clause.labels = sorted(
                (Label(self.categories[j], round(float(row[j]), 4)) for j in hits),
                key=lambda lab: -lab.score,
            )
        return clauses

    def to_state(self) -> dict:
        vocab = self.vectorizer.vocabulary_
        terms = np.empty(len(vocab), dtype=object)
        for term, idx in vocab.items():
            terms[idx] = term
        return {
            "terms": np.array(terms.tolist(), dtype=str),
            "idf": self.vectorizer.idf_.astype(np.float32),
            "ngram_max": int(self.vectorizer.ngram_range[1]),
            "categories": list(self.categories),
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float32),
            "platt": self.platt.astype(np.float32),
            "thresholds": self.thresholds.astype(np.float32),
            "meta": self.meta,
        }


def make_vectorizer(terms: np.ndarray, idf: np.ndarray, ngram_max: int = 2):
    """A fitted TF-IDF vectoriser from its vocabulary and idf weights (stored as plain arrays: a
    pickled vocabulary dict is slow to load and large)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, ngram_max),
                          sublinear_tf=True, dtype=np.float32,
                          vocabulary={str(t): i for i, t in enumerate(terms)})
    vec._validate_vocabulary()
    vec.idf_ = np.asarray(idf, dtype=np.float64)
    return vec


def save(model: ClauseModel, path: Path) -> None:
    import zipfile

    import skops.io as sio

    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model.to_state(), path, compression=zipfile.ZIP_DEFLATED, compresslevel=6)


class ModelError(Exception):
    pass


def load(path: Path | str | None = None) -> ClauseModel:
    import skops.io as sio

    path = Path(path or os.environ.get("CLAUSECHECK_MODEL") or _default_path())
    if not path.exists():
        raise ModelError(f"no trained model at {path}; run `clausecheck train` first")
    untrusted = [t for t in sio.get_untrusted_types(file=path) if t not in TRUSTED_TYPES]
    if untrusted:
        raise ModelError(f"{path} holds types clausecheck does not trust: {', '.join(untrusted)}")
    state = sio.load(path, trusted=TRUSTED_TYPES)
    vec = make_vectorizer(state.pop("terms"), state.pop("idf"), state.pop("ngram_max"))
    return ClauseModel(vectorizer=vec, **state)


def _default_path() -> Path:
    return DEFAULT_MODEL if DEFAULT_MODEL.exists() else PACKAGED_MODEL


@lru_cache(maxsize=4)
def cached(path: str | None = None) -> ClauseModel:
    return load(path)
