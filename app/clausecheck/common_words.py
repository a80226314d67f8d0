"""Common contract words with what the rules make of them, shipped as a table for processes that read many
contracts.

A batch or service worker reads one contract after another; the first ones cost more than the next,
mostly for words met for the first time: the segmenter's tokenizer splits each distinct word once
(Tokenizer.remember) and the classifier works out each distinct word's normal forms once
(features.remember_words). Words that many contracts hold ("Agreement", "(the", "Section", "Party's")
are in common_words.txt, made from CUAD's contracts by ``python -m clausecheck.training.common_words``,
and load() hands them to both. warm_up() loads it once in the forkserver, so every worker shares it.
Measured on 40 CUAD PDFs the table never saw, in one cold pass: 23,356 -> 13,357 words' normal forms and
27,526 -> 17,873 segmenter chunks to work out, ~0.15 s CPU less (~3.5%); loading costs ~20 ms and ~5 MB.

One analysis (the CLI) does not load it: a one-page offer letter's 296 distinct words take 2.2 ms to
work out (0.9 ms with the table), and loading the table takes 15 ms.

The table is a cache of what the rules compute, never a source of tokens: the same words and normal
forms come out with it or without it. So it is used only if it was made with the rules in use (their
fingerprints, clausecheck.tokenizer.fingerprint) and is whole (its digest). A table that is missing,
unreadable, cut short, altered or made with other rules is not loaded (load() returns 0 and logs why, at
INFO): every word is then worked out as without it, never an error. tests/test_common_words.py works out
every entry again with the current code, so a change of the rules or of the normal forms fails there
until the table is made again.

The file is text, a line per entry (reviewable in a diff, and read with a few C-level splits): a line of
JSON (format, the rules' fingerprints, the body's sha256 and how many lines each part has), then the
words, sorted, one a line; then the exceptions to the usual entry, a tab after the word: its normal forms
joined by spaces where they are not the word lower-cased, then its segmenter pieces joined by spaces where
the word is not one piece. (A word, a normal form or a piece holds no whitespace.)
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
from collections.abc import Iterator
from importlib import resources
from importlib.abc import Traversable
from itertools import repeat
from pathlib import Path

FORMAT = 1
_log = logging.getLogger(__name__)


def table_path() -> Traversable:
    return resources.files(__package__).joinpath("common_words.txt")


def fingerprints() -> dict[str, str]:
    """The rules each part of the table was made with: the classifier's tokenizer (normal forms) and the
    segmenter's."""
    from .classify import features
    from .segmentation import boundaries
    from .tokenizer import fingerprint

    return {"norms": fingerprint(features.tokenizer().rules), "segment": fingerprint(boundaries.tokenizer().rules)}


Table = tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]


def read(path: Path | Traversable | None = None) -> Table | None:
    """The table's (word -> normal forms, word -> segmenter pieces), or None when it cannot be used (why:
    logged at INFO)."""
    try:
        head, _, body = (path or table_path()).read_bytes().partition(b"\n")
        header = json.loads(head)
        if header.get("format") != FORMAT:
            return _unusable(f"format {header.get('format')!r}, not {FORMAT}")
        if header.get("sha256") != hashlib.sha256(body).hexdigest():
            return _unusable("its content is not what was written (digest differs)")
        if header.get("rules") != fingerprints():
            return _unusable("made with other tokenizer rules")
        lines = body.decode("utf-8").split("\n")
        n, n_norms, n_segment = header["lines"]
        if len(lines) != n + n_norms + n_segment:
            return _unusable("its parts are not the lengths its header gives")
        words = lines[:n]
        norms = {w: (w.lower(),) for w in words}
        norms.update(_exceptions(lines[n:n + n_norms]))
        pieces = {w: (w,) for w in words}
        pieces.update(_exceptions(lines[n + n_norms:]))
        return norms, pieces
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:  # missing, unreadable, malformed
        return _unusable(f"{exc.__class__.__name__}: {exc}")


def _exceptions(lines: list[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(word, its strings) of lines "word<tab>strings joined by spaces"."""
    words, strings = zip(*map(str.split, lines, repeat("\t"))) if lines else ((), ())
    return zip(words, map(tuple, map(str.split, strings)))


def _unusable(why: str) -> None:
    _log.info("common words table not used (%s): words are worked out as they come", why)
    return None


def load(path: Path | Traversable | None = None) -> int:
    """Hand the table's words to the segmenter's tokenizer and the classifier; the number of words (0: the
    table could not be used, and nothing was changed)."""
    from .classify import features
    from .segmentation import boundaries

    # The table is some 60,000 new tuples and dicts, of strings only: nothing the cyclic collector could
    # free, but enough to start collections that walk everything the process has loaded (read after a
    # warm-up: 80 ms with the collector on, 21 ms with it paused).
    collecting = gc.isenabled()
    gc.disable()
    try:
        table = read(path)
        if table is None:
            return 0
        norms, pieces = table
        features.remember_words(norms)
        boundaries.tokenizer().remember(pieces)
        return len(norms)
    finally:
        if collecting:
            gc.enable()


def write(words: list[str], out: Path) -> None:
    """The table of `words` (none holds whitespace), each worked out with the current rules."""
    from .classify import features
    from .segmentation import boundaries

    segmenter = boundaries.tokenizer()
    words = sorted(set(words))
    norms, pieces = [], []
    for w in words:
        if not w or any(c.isspace() for c in w):
            raise ValueError(f"not a word: {w!r}")
        word_norms = features.word_norms(w)
        if word_norms != (w.lower(),):
            norms.append(f"{w}\t{' '.join(word_norms)}")
        word_pieces = segmenter.word_tokens(w)
        if word_pieces != (w,):
            pieces.append(f"{w}\t{' '.join(word_pieces)}")
    body = "\n".join(words + norms + pieces).encode("utf-8")
    header = {"format": FORMAT, "rules": fingerprints(), "sha256": hashlib.sha256(body).hexdigest(),
              "lines": [len(words), len(norms), len(pieces)],
              "about": "common contract words: see clausecheck/common_words.py"}
    out.write_bytes(json.dumps(header).encode("utf-8") + b"\n" + body)
