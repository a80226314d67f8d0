"""The table of common words (clausecheck.common_words) is a cache of what the rules compute: every entry is
what the current code makes of its word, loading it changes no token and no analysis, and a table that
cannot be trusted is not loaded."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from clausecheck import common_words
from clausecheck.classify import features
from clausecheck.segmentation.boundaries import tokenizer as segment_tokenizer
from test_tokenizer import TRICKY, _sample_texts

SAMPLES = Path(__file__).resolve().parents[1] / "sample_contracts"
REBUILD = "the rules or the normal forms changed: python -m clausecheck.training.common_words"


@pytest.fixture(scope="module")
def table():
    table = common_words.read()
    assert table is not None, REBUILD
    return table


def test_the_table_is_shipped_and_made_with_the_rules_in_use(table):
    norms, pieces = table
    assert common_words.table_path().is_file()
    assert len(norms) > 5000 and norms.keys() == pieces.keys()


def test_every_entry_is_what_the_rules_make_of_its_word(table):
    norms, pieces = table
    segmenter = segment_tokenizer.__wrapped__()  # a new one: nothing remembered
    assert [w for w, n in norms.items() if n != features.word_norms(w)] == [], REBUILD
    assert [w for w, p in pieces.items() if p != segmenter.word_tokens(w)] == [], REBUILD


def _texts(words: list[str]) -> list[str]:
    """Tricky texts, sample contracts, and the table's words in every kind of place: after one space, at
    the start and the end of a text, before a line break, two spaces or a tab, glued to punctuation."""
    spaced = [" ".join(words), "\n".join(words), "  ".join(words), "\t".join(words), " \n ".join(words)]
    glued = [" ".join(f"({w}) {w}. {w}, {w}'s {w}:" for w in words[::7])]
    return TRICKY + _sample_texts() + spaced + glued + [w for w in words[::50]] + [f" {w} " for w in words[::50]]


def test_loading_the_table_changes_no_token(table):
    norms, pieces = table
    texts = _texts(sorted(norms))
    fresh = segment_tokenizer.__wrapped__()
    want_tokens = [fresh.tokens(t) for t in texts]
    want_norms = [[n for w in t.split() for n in features.word_norms(w)] for t in texts]
    assert common_words.load() == len(norms)
    assert [segment_tokenizer().tokens(t) for t in texts] == want_tokens
    assert features.tokens(texts) == want_norms


_ANALYSE = """
import json, sys
from pathlib import Path
import clausecheck
from clausecheck import common_words
if sys.argv[1] == "load":
    assert common_words.load() > 0
print(json.dumps([clausecheck.analyze(Path(p)).to_dict() for p in sys.argv[2:]], sort_keys=True))
print("clausecheck.common_words" in sys.modules)
"""


def test_analyses_are_the_same_with_the_table_and_one_analysis_does_not_load_it():
    files = [str(p) for p in sorted(SAMPLES.glob("*.pdf"))[:3]]
    script = {"plain": _ANALYSE.replace("from clausecheck import common_words\n", ""), "load": _ANALYSE}
    runs = {how: subprocess.run([sys.executable, "-c", code, how, *files], capture_output=True, text=True,
                                check=True).stdout.splitlines() for how, code in script.items()}
    assert runs["plain"][0] == runs["load"][0]
    assert runs["plain"][1] == "False"  # analyze() alone never imported the table's module


def _spoiled(good: bytes, how: str) -> bytes:
    head, _, body = good.partition(b"\n")
    header = json.loads(head)

    def with_header(**changes) -> bytes:
        return json.dumps(header | changes).encode() + b"\n" + body

    if how == "cut short":
        return good[:len(good) // 2]
    if how == "altered":
        assert b"\tagreement\n" in body
        return head + b"\n" + body.replace(b"\tagreement\n", b"\tagreemen\n", 1)
    if how == "other rules":
        return with_header(rules={k: "0" * 64 for k in header["rules"]})
    if how == "other format":
        return with_header(format=header["format"] + 1)
    if how == "wrong lengths":
        return with_header(lines=[header["lines"][0] + 1, *header["lines"][1:]])
    if how == "digest of other lines":
        lines = body.split(b"\n")
        body2 = b"\n".join(lines[:3] + [b"x\ty\tz"] + lines[3:])
        return json.dumps(header | {"sha256": hashlib.sha256(body2).hexdigest()}).encode() + b"\n" + body2
    return {"empty": b"", "not json": b"not a table\nat all", "binary": bytes(range(256))}[how]


@pytest.mark.parametrize("how", ["missing", "cut short", "altered", "other rules", "other format", "wrong lengths",
                                 "digest of other lines", "empty", "not json", "binary"])
def test_a_table_that_cannot_be_trusted_is_not_loaded(tmp_path, how):
    path = tmp_path / "common_words.txt"
    if how != "missing":
        path.write_bytes(_spoiled(common_words.table_path().read_bytes(), how))
    known = (len(features._WORD_NORMS), len(segment_tokenizer()._pieces_of))
    assert common_words.read(path) is None
    assert common_words.load(path) == 0
    assert (len(features._WORD_NORMS), len(segment_tokenizer()._pieces_of)) == known
