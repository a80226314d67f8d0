"""The trained clause classifier: load it (skops, no code execution) and score clauses."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..resources import builtin_model
from ..segmentation import Clause, Label
from .features import context_of, feature_strings

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


N_STACK = 5
_NONE = -8.0  # the decision value standing in for a missing neighbour


def stack_features(z: np.ndarray, groups: list[str] | None, sections: list[str | None] | None) -> np.ndarray:
    """Per clause and category: its own decision value, the previous and next clause's (same
    document), the highest in its section and the highest in its document. Shape (n, C, N_STACK)."""
    z = np.clip(z, -12, 12)
    n = len(z)
    g = np.array(groups if groups is not None else [str(i) for i in range(n)], dtype=object)
    prev = np.full_like(z, _NONE)
    nxt = np.full_like(z, _NONE)
    if n > 1:
        same = g[1:] == g[:-1]
        prev[1:][same] = z[:-1][same]
        nxt[:-1][same] = z[1:][same]
    _, doc_code = np.unique(g, return_inverse=True)
    doc_max = np.full((doc_code.max() + 1, z.shape[1]), -np.inf)
    np.maximum.at(doc_max, doc_code, z)
    sec_keys = np.array([f"{a}\x00{b or ''}" for a, b in zip(g, sections or [None] * n)], dtype=object)
    _, sec_code = np.unique(sec_keys, return_inverse=True)
    sec_max = np.full((sec_code.max() + 1, z.shape[1]), -np.inf)
    np.maximum.at(sec_max, sec_code, z)
    return np.stack([z, prev, nxt, sec_max[sec_code], doc_max[doc_code]], axis=2)


def stacked_scores(z: np.ndarray, stack: np.ndarray, groups, sections) -> np.ndarray:
    f = stack_features(z, groups, sections)
    out = np.einsum("ncf,cf->nc", f, stack[:, :N_STACK]) + stack[:, N_STACK]
    return (1.0 / (1.0 + np.exp(-out))).astype(np.float32)


@dataclass
class ClauseModel:
    vectorizer: object  # a fitted TfidfVectorizer over feature strings
    categories: list[str]
    coef: np.ndarray  # (n_categories, n_features) float32
    intercept: np.ndarray  # (n_categories,)
    stack: np.ndarray  # (n_categories, N_STACK + 1): second stage over the clause and its neighbours
    thresholds: np.ndarray  # (n_categories,) on the calibrated score
    meta: dict = field(default_factory=dict)

    def raw(self, texts: list[str], sections: list[str | None],
            contexts: list[str | None] | None = None) -> np.ndarray:
        """First-stage decision values, shape (n_texts, n_categories)."""
        X = self.vectorizer.transform(feature_strings(texts, sections, contexts))
        return np.asarray(X @ self.coef.T) + self.intercept

    def scores(self, texts: list[str], sections: list[str | None],
               contexts: list[str | None] | None = None, groups: list[str] | None = None) -> np.ndarray:
        """Calibrated scores in [0, 1], shape (n_texts, n_categories). Clauses of one document share a
        group and come in document order, so each is scored with its neighbours and its section."""
        if not texts:
            return np.zeros((0, len(self.categories)), dtype=np.float32)
        z = self.raw(texts, sections, contexts)
        return stacked_scores(z, self.stack, groups, sections)

    def label(self, clauses: list[Clause], min_score: float | None = None) -> list[Clause]:
        """Attach labels to each clause: every category at or above its threshold, or at or above
        `min_score` when given."""
        contexts = [context_of(clauses, i) for i in range(len(clauses))]
        s = self.scores([c.text for c in clauses], [c.section for c in clauses], contexts,
                        groups=["doc"] * len(clauses))
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
            "stack": self.stack.astype(np.float32),
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

    path = Path(path or builtin_model())
    if not path.exists():
        where = "the model shipped with clausecheck is missing; reinstall clausecheck" if path == builtin_model() \
            else "no model file there"
        raise ModelError(f"{path}: {where}")
    try:
        untrusted = [t for t in sio.get_untrusted_types(file=path) if t not in TRUSTED_TYPES]
        if untrusted:
            raise ModelError(f"{path} holds types clausecheck does not trust: {', '.join(untrusted)}")
        state = sio.load(path, trusted=TRUSTED_TYPES)
    except ModelError:
        raise
    except Exception as exc:  # skops refuses untrusted or malformed content with several types
        raise ModelError(f"{path} is not a readable model file ({type(exc).__name__}: {exc})") from exc
    expected = {"terms", "idf", "ngram_max", "categories", "coef", "intercept", "thresholds", "meta"}
    if not isinstance(state, dict) or not expected <= set(state) or not ({"stack", "platt"} & set(state)):
        raise ModelError(f"{path} is not a clausecheck model file")
    odd = [k for k, v in state.items() if not isinstance(v, (np.ndarray, list, dict, str, int, float))]
    if odd:
        raise ModelError(f"{path} holds types clausecheck does not trust in: {', '.join(odd)}")
    vec = make_vectorizer(state.pop("terms"), state.pop("idf"), state.pop("ngram_max"))
    if "platt" in state:  # a model from before the second stage: its score is sigmoid(a * z + b)
        platt = state.pop("platt")
        stack = np.zeros((len(platt), N_STACK + 1), dtype=np.float32)
        stack[:, 0], stack[:, N_STACK] = platt[:, 0], platt[:, 1]
        state["stack"] = stack
    return ClauseModel(vectorizer=vec, **state)


def cached(path: str | Path | None = None) -> ClauseModel:
    """The model at `path` (default: the shipped one), loaded once per process."""
    resolved = Path(path or builtin_model()).resolve()
    return _cached(str(resolved))


@lru_cache(maxsize=4)
def _cached(path: str) -> ClauseModel:
    return load(path)


cached.cache_clear = _cached.cache_clear  # type: ignore[attr-defined]
cached.cache_info = _cached.cache_info  # type: ignore[attr-defined]
