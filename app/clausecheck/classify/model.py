"""The trained clause classifier: score clauses, and save and load it.

A model file is a zip (an .npz) of plain float arrays, read with numpy's allow_pickle=False, and one
`model.json` of the vocabulary, the category ids and the training metadata. Loading checks every member,
dtype and shape and refuses anything else with a ModelError; nothing in the file is ever executed.
It loads in a few hundredths of a second and needs neither scikit-learn nor skops at run time.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..clauses import Clause, Label
from ..resources import builtin_model
from .features import context_of, feature_words
from .tfidf import word_decision_values

FORMAT = "clausecheck-model"
VERSION = 1
HEADER = "model.json"
ARRAYS = ("idf", "weights", "intercept", "stack", "thresholds")  # each stored as <name>.npy, float32
MAX_BYTES = 512 * 2**20  # refuse model files that would unpack to more than this


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
    doc_max = _group_max(z, list(g))
    sec_max = _group_max(z, list(zip(g, sections or [None] * n)))
    return np.stack([z, prev, nxt, sec_max, doc_max], axis=2)


def _group_max(z: np.ndarray, keys: list) -> np.ndarray:
    """For each row, the highest value in each column among the rows with its key (as float64)."""
    index: dict = {}
    code = np.fromiter((index.setdefault(k, len(index)) for k in keys), dtype=np.intp, count=len(keys))
    order = np.argsort(code, kind="stable")
    starts = np.flatnonzero(np.r_[True, code[order][1:] != code[order][:-1]])
    return np.maximum.reduceat(z[order], starts, axis=0).astype(np.float64)[code]


def stacked_scores(z: np.ndarray, stack: np.ndarray, groups, sections) -> np.ndarray:
    f = stack_features(z, groups, sections)
    out = np.einsum("ncf,cf->nc", f, stack[:, :N_STACK]) + stack[:, N_STACK]
    return (1.0 / (1.0 + np.exp(-out))).astype(np.float32)


@dataclass
class ClauseModel:
    terms: list[str]  # the TF-IDF vocabulary: terms[i] is feature column i
    idf: np.ndarray  # (n_terms,) float32 idf weights
    categories: list[str]
    weights: np.ndarray  # (n_terms, n_categories) float32: the first-stage coefficients, one column per category
    intercept: np.ndarray  # (n_categories,)
    stack: np.ndarray  # (n_categories, N_STACK + 1): second stage over the clause and its neighbours
    thresholds: np.ndarray  # (n_categories,) on the calibrated score
    meta: dict = field(default_factory=dict)
    ngram_max: int = 2
    vocabulary: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.vocabulary = {t: i for i, t in enumerate(self.terms)}

    @classmethod
    def from_fitted(cls, vectorizer, categories: list[str], coef: np.ndarray, intercept: np.ndarray,
                    stack: np.ndarray, thresholds: np.ndarray, meta: dict) -> ClauseModel:
        """From a fitted scikit-learn TfidfVectorizer and coefficients of shape (n_categories, n_terms)."""
        terms = [""] * len(vectorizer.vocabulary_)
        for term, idx in vectorizer.vocabulary_.items():
            terms[idx] = term
        return cls(terms, np.asarray(vectorizer.idf_, dtype=np.float32), list(categories),
                   np.ascontiguousarray(np.asarray(coef, dtype=np.float32).T),
                   np.asarray(intercept, dtype=np.float32), np.asarray(stack, dtype=np.float32),
                   np.asarray(thresholds, dtype=np.float32), meta, int(vectorizer.ngram_range[1]))

    @property
    def coef(self) -> np.ndarray:
        """The first-stage coefficients as (n_categories, n_terms)."""
        return self.weights.T

    def raw(self, texts: list[str], sections: list[str | None],
            contexts: list[str | None] | None = None) -> np.ndarray:
        """First-stage decision values, shape (n_texts, n_categories)."""
        return word_decision_values(feature_words(texts, sections, contexts), self.vocabulary, self.idf,
                                    self.weights, self.intercept, self.ngram_max)

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
        floor = self.thresholds if min_score is None else np.full_like(self.thresholds, min_score)
        for clause, row in zip(clauses, s):
            hits = np.nonzero(row >= floor)[0]
            clause.labels = sorted(
                (Label(self.categories[j], round(float(row[j]), 4)) for j in hits),
                key=lambda lab: -lab.score,
            )
        return clauses


class ModelError(Exception):
    pass


def save(model: ClauseModel, path: Path) -> None:
    """Write `model` to `path` (an .npz: the arrays uncompressed, so they load at disk speed)."""
    header = {"format": FORMAT, "version": VERSION, "categories": list(model.categories),
              "ngram_max": int(model.ngram_max), "meta": model.meta, "terms": list(model.terms)}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(HEADER, json.dumps(header, ensure_ascii=False))
        for name in ARRAYS:
            with zf.open(f"{name}.npy", "w") as fh:
                np.lib.format.write_array(fh, np.ascontiguousarray(getattr(model, name), dtype=np.float32),
                                          allow_pickle=False)
    tmp.replace(path)


def _members(zf: zipfile.ZipFile, path: Path) -> None:
    names = set(zf.namelist())
    if "schema.json" in names:  # how skops files begin
        raise ModelError(f"{path} is a .skops model from an earlier clausecheck; this version reads .npz models "
                         "(retrain it with `clausecheck train --out MODEL.npz`)")
    expected = {HEADER} | {f"{n}.npy" for n in ARRAYS}
    odd, missing = sorted(names - expected), sorted(expected - names)
    if odd or missing:
        what = "; ".join(filter(None, [odd and f"unexpected content: {', '.join(odd[:5])}",
                                       missing and f"missing: {', '.join(missing)}"]))
        raise ModelError(f"{path} is not a clausecheck model file ({what})")
    if sum(i.file_size for i in zf.infolist()) > MAX_BYTES:
        raise ModelError(f"{path} unpacks to more than {MAX_BYTES // 2**20} MB; not a clausecheck model file")


def _mapped(path: Path, info: zipfile.ZipInfo) -> np.ndarray | None:
    """The array of an uncompressed member, memory-mapped read-only from the file: pages are read when
    used and shared by every process that maps the file (the service's workers, a batch's jobs). Its
    values are checked by reading the file, so the check leaves no pages resident in the mapping."""
    import math
    import struct

    with open(path, "rb") as fh:
        fh.seek(info.header_offset)
        local = fh.read(30)
        if len(local) != 30 or local[:4] != b"PK\x03\x04":
            return None
        name_len, extra_len = struct.unpack("<HH", local[26:30])
        start = info.header_offset + 30 + name_len + extra_len
        fh.seek(start)
        version = np.lib.format.read_magic(fh)
        if version not in ((1, 0), (2, 0)):
            return None
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, fortran, dtype = read_header(fh)
        offset = fh.tell()
        nbytes = dtype.itemsize * math.prod(shape)
        if dtype != np.float32 or offset + nbytes > start + info.file_size:
            return None  # read the ordinary way, which names the problem
        for at in range(0, nbytes, 2**22):
            if not np.isfinite(np.frombuffer(fh.read(min(2**22, nbytes - at)), dtype=dtype)).all():
                raise ModelError(f"{path}: {info.filename} holds values that are not finite numbers")
    if not all(shape):
        return np.zeros(shape, dtype=dtype)
    return np.asarray(np.memmap(path, dtype=dtype, mode="r", shape=shape, order="F" if fortran else "C",
                                offset=offset))


def _array(zf: zipfile.ZipFile, name: str, path: Path) -> np.ndarray:
    try:
        info = zf.getinfo(f"{name}.npy")
        arr = _mapped(path, info) if info.compress_type == zipfile.ZIP_STORED else None
        if arr is not None:
            return arr
        with zf.open(info) as fh:
            arr = np.lib.format.read_array(fh, allow_pickle=False)
    except ValueError as exc:
        if "allow_pickle" in str(exc):
            raise ModelError(f"{path}: {name}.npy holds pickled Python objects, which clausecheck does not load"
                             ) from None
        raise ModelError(f"{path}: {name}.npy is not a readable array ({exc})") from None
    if arr.dtype != np.float32:
        raise ModelError(f"{path}: {name}.npy holds {arr.dtype} values; a clausecheck model holds float32")
    if not np.isfinite(arr).all():
        raise ModelError(f"{path}: {name}.npy holds values that are not finite numbers")
    return arr


def _header(zf: zipfile.ZipFile, path: Path) -> dict:
    try:
        header = json.loads(zf.read(HEADER).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: {HEADER} is not valid JSON ({exc})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ModelError(f"{path} is not a clausecheck model file ({HEADER} does not say format {FORMAT!r})")
    if header.get("version") != VERSION:
        raise ModelError(f"{path} is a version {header.get('version')!r} model; this clausecheck reads version "
                         f"{VERSION}")
    terms, cats, n = header.get("terms"), header.get("categories"), header.get("ngram_max")
    if not (isinstance(terms, list) and terms and all(isinstance(t, str) for t in terms)
            and len(set(terms)) == len(terms)):
        raise ModelError(f"{path}: {HEADER} has no list of distinct vocabulary terms")
    if not (isinstance(cats, list) and cats and all(isinstance(c, str) for c in cats)):
        raise ModelError(f"{path}: {HEADER} has no list of categories")
    if type(n) is not int or not 1 <= n <= 3:
        raise ModelError(f"{path}: {HEADER} has ngram_max {n!r}; expected 1, 2 or 3")
    if not isinstance(header.get("meta", {}), dict):
        raise ModelError(f"{path}: {HEADER} has meta that is not an object")
    return header


def _check_shapes(arrays: dict[str, np.ndarray], n_terms: int, n_cats: int, path: Path) -> None:
    expected = {"idf": (n_terms,), "weights": (n_terms, n_cats), "intercept": (n_cats,),
                "stack": (n_cats, N_STACK + 1), "thresholds": (n_cats,)}
    for name, shape in expected.items():
        if arrays[name].shape != shape:
            raise ModelError(f"{path}: {name}.npy has shape {arrays[name].shape}; expected {shape} for "
                             f"{n_terms} terms and {n_cats} categories")


def load(path: Path | str | None = None) -> ClauseModel:
    path = Path(path or builtin_model())
    if not path.is_file():
        where = "the model shipped with clausecheck is missing; reinstall clausecheck" if path == builtin_model() \
            else "no model file there"
        raise ModelError(f"{path}: {where}")
    try:
        with zipfile.ZipFile(path) as zf:
            _members(zf, path)
            header = _header(zf, path)
            arrays = {name: _array(zf, name, path) for name in ARRAYS}
    except ModelError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, NotImplementedError) as exc:
        raise ModelError(f"{path} is not a readable model file ({type(exc).__name__}: {exc})") from None
    _check_shapes(arrays, len(header["terms"]), len(header["categories"]), path)
    return ClauseModel(header["terms"], arrays["idf"], header["categories"], arrays["weights"], arrays["intercept"],
                       arrays["stack"], arrays["thresholds"], header.get("meta", {}), header["ngram_max"])


def cached(path: str | Path | None = None) -> ClauseModel:
    """The model at `path` (default: the shipped one), loaded once per process."""
    resolved = Path(path or builtin_model()).resolve()
    return _cached(str(resolved))


@lru_cache(maxsize=4)
def _cached(path: str) -> ClauseModel:
    return load(path)


cached.cache_clear = _cached.cache_clear  # type: ignore[attr-defined]
cached.cache_info = _cached.cache_info  # type: ignore[attr-defined]
