"""The classifier as a user meets it: categories, labels with scores, --min-score, a safe model file."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from clausecheck.analysis import analyze
from clausecheck.classify.model import ModelError, load
from clausecheck.classify.taxonomy import BY_ID, CATEGORIES, PROJECT_IDS
from clausecheck.resources import builtin_model
from clausecheck.training.cuad import jaccard, word_set
from clausecheck.training.evaluate import average_precision, cuad_code_aupr, metrics
from clirun import run_cli as cli

DEFAULT_MODEL = builtin_model()

ROOT = Path(__file__).resolve().parents[1]
CUAD = ROOT.parent / "shared" / "data" / "cuad"

CONTRACT = b"""EMPLOYEE PROPRIETARY INFORMATION AND INVENTIONS AGREEMENT

1. Assignment of Inventions. Employee hereby assigns to the Company all right, title and interest in
and to any and all Inventions conceived during the period of employment, whether or not during
working hours.

2. Training Data. The Company may use any content Employee creates to train, fine-tune and improve
its machine learning models.

3. Governing Law. This Agreement is governed by the laws of the State of Delaware.
"""


def test_categories_json_lists_cuad_and_our_categories():
    out = cli("categories", "--format", "json")
    assert out.returncode == 0
    cats = json.loads(out.stdout)
    assert all(set(c) == {"id", "name", "description", "cuad"} for c in cats)
    by_id = {c["id"]: c for c in cats}
    for ours in ("ai_training_use", "tdm_reservation", "ai_output_ownership", "prior_inventions_carve_out",
                 "work_made_for_hire", "moral_rights_waiver", "confidentiality", "publicity_and_likeness",
                 "attribution_and_portfolio_use", "personal_data_use", "indemnification", "termination",
                 "dispute_resolution"):
        assert by_id[ours]["cuad"] is None
    cuad_names = {c["cuad"] for c in cats if c["cuad"]}
    assert len(cuad_names) == 37
    assert {"Document Name", "Parties", "Agreement Date", "Effective Date"}.isdisjoint(cuad_names)


@pytest.mark.skipif(not (CUAD / "category_descriptions.csv").exists(), reason="CUAD data not in ../shared")
def test_cuad_names_are_exact():
    with open(CUAD / "category_descriptions.csv", encoding="utf-8-sig") as fh:
        names = {row[0].removeprefix("Category: ").strip() for row in csv.reader(fh) if row}
    ours = {c.cuad for c in CATEGORIES if c.cuad}
    assert ours <= names
    assert len(names - ours) == 4 + 1  # the four metadata fields and the header row


@pytest.fixture(scope="module")
def result():
    return analyze(CONTRACT, name="piia.txt", perspective="employee").to_dict()


def labels_of(result, needle):
    clause = next(c for c in result["clauses"] if needle in c["text"])
    return {lab["category"]: lab["score"] for lab in clause["labels"]}


def test_clauses_are_tagged_with_scores(result):
    assert "ip_ownership_assignment" in labels_of(result, "hereby assigns")
    assert "ai_training_use" in labels_of(result, "machine learning models")
    assert "governing_law" in labels_of(result, "laws of the State of Delaware")
    for c in result["clauses"]:
        assert c["text"] == CONTRACT.decode()[c["start"]:c["end"]]
        for lab in c["labels"]:
            assert lab["category"] in BY_ID and 0.0 <= lab["score"] <= 1.0


def test_min_score_lists_near_misses():
    strict = analyze(CONTRACT, name="piia.txt", perspective="employee").to_dict()
    loose = analyze(CONTRACT, name="piia.txt", perspective="employee", min_score=0.01).to_dict()
    n_strict = sum(len(c["labels"]) for c in strict["clauses"])
    n_loose = sum(len(c["labels"]) for c in loose["clauses"])
    assert n_loose > n_strict
    assert all(lab["score"] >= 0.01 for c in loose["clauses"] for lab in c["labels"])


def test_analyze_json_has_the_design_schema():
    out = cli("analyze", "sample_contracts/offer_letter_acme_robotics.pdf", "--format", "json",
              "--min-score", "0.3")
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert set(body["document"]) >= {"name", "sha256", "format", "pages", "parser"}
    assert body["perspective"] == "employee"
    clause = body["clauses"][0]
    assert set(clause) >= {"id", "text", "start", "end", "page", "section", "labels", "attributes"}
    assert all(lab["score"] >= 0.3 for c in body["clauses"] for lab in c["labels"])


def test_shipped_model_is_small_and_covers_every_category():
    assert DEFAULT_MODEL.exists()
    assert DEFAULT_MODEL.stat().st_size <= 25 * 1024 * 1024
    model = load(DEFAULT_MODEL)
    assert model.categories == [c.id for c in CATEGORIES]
    assert set(PROJECT_IDS) <= set(model.categories)


def _rewrite(src: Path, dst: Path, replace: dict[str, bytes | None]) -> Path:
    """A copy of the model file `src` with members replaced (None: left out) or added."""
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            if name not in replace:
                zout.writestr(name, zin.read(name))
        for name, data in replace.items():
            if data is not None:
                zout.writestr(name, data)
    return dst


def _npy(arr: np.ndarray) -> bytes:
    import io

    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=True)
    return buf.getvalue()


def test_a_model_file_with_unexpected_content_is_refused(tmp_path):
    """Loading never unpickles: pickled objects, extra members, wrong arrays and old formats are refused with
    a ModelError that names the file and the problem."""
    src = DEFAULT_MODEL
    cases = {
        "extra.npz": ({"payload.pkl": b"\x80\x04K\x01."}, "unexpected content: payload.pkl"),
        "pickled.npz": ({"thresholds.npy": _npy(np.array([object()] * 50, dtype=object))}, "pickled Python objects"),
        "shape.npz": ({"weights.npy": _npy(np.zeros((3, 4), dtype=np.float32))}, "weights.npy has shape"),
        "ints.npz": ({"thresholds.npy": _npy(np.zeros(50, dtype=np.int64))}, "int64 values"),
        "nan.npz": ({"intercept.npy": _npy(np.full(50, np.nan, dtype=np.float32))}, "not finite"),
        "missing.npz": ({"stack.npy": None}, "missing: stack.npy"),
        "header.npz": ({"model.json": b'{"format": "something else"}'}, "does not say format"),
        "old.skops": ({"schema.json": b"{}"}, "skops model from an earlier clausecheck"),
    }
    for name, (replace, message) in cases.items():
        with pytest.raises(ModelError, match=message) as err:
            load(_rewrite(src, tmp_path / name, replace))
        assert str(tmp_path / name) in str(err.value)
    (tmp_path / "junk.npz").write_bytes(b"PK\x03\x04 not a model")
    with pytest.raises(ModelError, match="not a readable model"):
        load(tmp_path / "junk.npz")
    out = cli("analyze", "sample_contracts/offer_letter_acme_robotics.pdf", "--model", str(tmp_path / "pickled.npz"))
    assert out.returncode == 2 and "pickled Python objects" in out.stderr and "Traceback" not in out.stderr


def test_scores_are_scikit_learns_and_survive_save_and_load(result, tmp_path, monkeypatch):
    """The numpy TF-IDF and linear stage give bit for bit what scikit-learn's TfidfVectorizer and a
    sparse product give, and a saved model loads back the same."""
    from clausecheck.classify.features import feature_strings
    from clausecheck.classify.model import save
    from clausecheck.classify.tfidf import decision_values
    from sklearn.feature_extraction.text import TfidfVectorizer

    model = load(DEFAULT_MODEL)
    texts = [c["text"] for c in result["clauses"]] + [""]
    sections = [c["section"] for c in result["clauses"]] + [None]
    feats = feature_strings(texts, sections) + ["zzqx qqzx"]
    vec = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, model.ngram_max), sublinear_tf=True,
                          dtype=np.float32, vocabulary=model.vocabulary)
    vec._validate_vocabulary()
    vec.idf_ = model.idf.astype(np.float64)
    expected = np.asarray(vec.transform(feats) @ model.weights) + model.intercept
    from clausecheck.classify import tfidf
    from clausecheck.memo import IdentityMemo

    for pairs_after in (10**9, 0):  # words and pairs looked up one by one, then as arrays (a batch's way)
        monkeypatch.setattr(tfidf, "PAIRS_AFTER", pairs_after)
        monkeypatch.setattr(tfidf, "_pairs_of", IdentityMemo(tfidf._Pairs, 5))  # nothing numbered yet
        got = decision_values(feats, model.vocabulary, model.idf, model.weights, model.intercept, model.ngram_max)
        assert got.dtype == np.float32 and np.array_equal(got, expected)
        assert np.array_equal(got[-1], model.intercept)  # no known term: the intercept alone

    save(model, tmp_path / "copy.npz")
    again = load(tmp_path / "copy.npz")
    assert again.terms == model.terms and again.categories == model.categories and again.meta == model.meta
    for name in ("idf", "weights", "intercept", "stack", "thresholds"):
        assert np.array_equal(getattr(again, name), getattr(model, name))


def test_missing_model_is_a_clear_cli_error(tmp_path):
    out = cli("analyze", "sample_contracts/offer_letter_acme_robotics.pdf", "--model", str(tmp_path / "none.skops"))
    assert out.returncode == 2
    assert "no model file" in out.stderr and "Traceback" not in out.stderr


def test_cuad_metric_pieces():
    assert word_set("Licensee shall pay: 5% of Net/Sales.") == {"licensee", "shall", "pay", "5%", "of", "net", "sales"}
    assert jaccard({"a", "b"}, {"a", "b", "c", "d"}) == 0.5
    # two gold excerpts; ranked: hit, miss, hit -> AP = (1/1 + 2/3) / 2
    assert average_precision([(0.9, True), (0.8, False), (0.7, True)], 2) == pytest.approx((1 + 2 / 3) / 2)
    cats = ["governing_law"]
    results = [{"stem": "a", "scores": np.array([[0.9], [0.1]]), "labels": [{"governing_law"}, set()],
                "words": [word_set("governed by the laws of Delaware"), word_set("fees are due")],
                "gold": {"governing_law": [word_set("This Agreement is governed by the laws of Delaware")]}},
               {"stem": "b", "scores": np.array([[0.2]]), "labels": [set()], "words": [word_set("x")],
                "gold": {}}]
    res = metrics(results, cats, np.array([0.5]))
    v = res["per_category"]["governing_law"]
    assert v["precision"] == 1.0 and v["recall"] == 1.0 and v["doc_f1"] == 1.0
    assert v["aupr"] == pytest.approx(1.0)
    assert v["aupr_cuad_code"] == pytest.approx(1.0)


def test_cuad_code_aupr_follows_the_cuad_authors_rules():
    # a second clause matching an already-found excerpt is not a false positive (unlike one-to-one
    # matching), and a contract without excerpts adds a false positive only below its score
    contracts = [(np.array([0.9, 0.8, 0.7]), [[0], [0], [1]], 2), (np.array([0.5]), [[]], 0)]
    assert cuad_code_aupr(contracts) == pytest.approx(1.0)
    # excerpt 1 never found: recall stops at 0.5 and the area with it
    contracts = [(np.array([0.9, 0.8, 0.55]), [[0], [0], []], 2), (np.array([0.6]), [[]], 0)]
    assert cuad_code_aupr(contracts) == pytest.approx(0.5)
    # a false positive ranked first lowers the curve
    contracts = [(np.array([0.9, 0.8]), [[], [0]], 1)]
    assert cuad_code_aupr(contracts) == pytest.approx(0.5)


@pytest.fixture(scope="module")
def small_cuad(tmp_path_factory) -> Path:
    """A CUAD-layout folder with 12 of the shared contracts (their txt): a small slice, so training and
    evaluation run end to end quickly (the project's own clauses are left out with --no-project)."""
    if not (CUAD / "master_clauses.csv").exists():
        pytest.skip("../shared/data/cuad is not beside the project")
    out = tmp_path_factory.mktemp("cuad")
    (out / "txt").mkdir()
    with open(CUAD / "master_clauses.csv", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if (CUAD / "txt" / f"{Path(r['Filename']).stem}.txt").exists()][:12]
        fields = reader.fieldnames
    with open(out / "master_clauses.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    for r in rows:
        stem = Path(r["Filename"]).stem
        (out / "txt" / f"{stem}.txt").symlink_to(CUAD / "txt" / f"{stem}.txt")
    return out


def test_train_then_evaluate_on_contracts_it_never_saw(small_cuad, tmp_path):
    model_path = tmp_path / "model.npz"
    out = cli("train", "--cuad", str(small_cuad), "--more", str(tmp_path / "none"), "--out", str(model_path),
              "--holdout", "0.3", "--from", "txt", "--no-project", timeout=None)
    assert out.returncode == 0, out.stderr
    assert model_path.exists() and model_path.stat().st_size < 25e6
    model = load(model_path)
    assert model.meta["holdout"] == 0.3 and model.meta["contracts"]
    # the held-out contracts are not among those it was trained on
    from clausecheck.training.cuad import in_holdout
    from clausecheck.training.cuad import load as load_cuad

    held = [c.stem for c in load_cuad(small_cuad) if in_holdout(c.stem, 0.3)]
    assert held and not set(held) & set(model.meta["contracts"])
    # the freshly trained model tags a governing-law clause it has never seen
    labels = analyze(CONTRACT, name="piia.txt", model=model_path).to_dict()["clauses"]
    assert any(lab["category"] == "governing_law" for c in labels for lab in c["labels"])

    report = tmp_path / "eval.json"
    out = cli("evaluate", str(small_cuad), "--model", str(model_path), "--formats", "txt",
              "--more", str(tmp_path / "none"), "--json", str(report), timeout=None)
    assert out.returncode == 0, out.stderr
    assert "CUAD-style AUPR" in out.stdout and "document-level macro F1" in out.stdout
    res = json.loads(report.read_text())["ours_txt"]
    assert res["contracts"] == len(held)
    gl = res["per_category"]["governing_law"]
    assert gl["positive_contracts"] > 0 and 0 <= gl["aupr"] <= 1 and 0 <= gl["aupr_cuad_code"] <= 1


def test_concept_groups_match_whatever_the_case():
    from clausecheck.classify.features import LEXICON, lexicon_tokens

    texts = ["We may FEED your uploads   INTO our Machine-Learning MODELS.",
             "Customer's NAME and LOGO may appear in PRESS RELEASES.",
             "Under California Labor Code Section 2870, PRIOR INVENTIONS are excluded.",
             "The Author WAIVES all Moral Rights.", "Nothing here."]
    for text in texts:
        expected = {k for k, pat in LEXICON.items() if pat.search(text)}
        assert {t[4:] for t in lexicon_tokens(text) if "+" not in t} == expected
    assert "lex:ai+learn" in lexicon_tokens(texts[0])
    assert "lex:likeness+promo" in lexicon_tokens(texts[1])


def test_a_cuad_clause_is_withheld_from_a_category_only_when_it_could_belong_to_it():
    """A CUAD clause that was never annotated for one of our categories is a negative for it unless it
    has that category's words: "immediately" is not mediation, "invoice" is not a voice, "authorized"
    is not an author, and a service credit is not a byline."""
    from clausecheck.training.corpus import GUARDS

    plain = "Supplier shall invoice Customer immediately upon shipment, and any authorized officer may approve it."
    assert not any(GUARDS[c].search(plain) for c in
                   ("dispute_resolution", "publicity_and_likeness", "attribution_and_portfolio_use"))
    assert not GUARDS["ai_training_use"].search("Distributor shall train its sales staff to demonstrate the Product.")
    assert not GUARDS["prior_inventions_carve_out"].search("Neither party may assign without prior written consent.")
    assert GUARDS["dispute_resolution"].search("Each party waives any right to a jury trial.")
    assert GUARDS["publicity_and_likeness"].search("Neither party shall issue a press release without consent.")
    assert GUARDS["attribution_and_portfolio_use"].search("Licensee shall credit the Author in every copy.")
    assert GUARDS["attribution_and_portfolio_use"].search(
        "Photo credit must read \"© Dana Wilkes\"; failure to credit triples the licence fee.")
    for money in ("Customer shall receive a service credit of 5% of the monthly fee for each hour of downtime.",
                  "Buyer shall deliver an irrevocable letter of credit issued by a bank acceptable to Seller.",
                  "Employees issued a corporate credit card must submit receipts for all expenses."):
        assert not GUARDS["attribution_and_portfolio_use"].search(money), money
    assert GUARDS["ai_training_use"].search("Vendor shall not use Customer Data to train any machine-learning model.")
    assert GUARDS["prior_inventions_carve_out"].search("Inventions made on the Employee's own time are excluded.")


def test_thresholds_are_not_set_on_the_files_of_hard_cases():
    """The files of deliberate near misses teach the model but would pull thresholds too low; each one
    named as such must exist, and only their clauses are left out of calibration."""
    from clausecheck.training.corpus import DATA, HARD_CASE_FILES, project_examples

    assert all((DATA / f"{stem}.jsonl").exists() for stem in HARD_CASE_FILES)
    examples = project_examples()
    left_out = {e.group.split("-")[0] for e in examples if not e.calibrate}
    assert left_out == HARD_CASE_FILES
    assert any(e.calibrate and e.split == "train" for e in examples)


def test_every_project_clause_file_is_well_formed_and_keeps_its_test_rows_apart():
    from clausecheck.classify.taxonomy import BY_ID
    from clausecheck.training.corpus import project_examples

    seen: dict[str, str] = {}
    for e in project_examples():
        assert e.split in ("train", "test"), e.group
        assert all(label in BY_ID for label in e.labels), e.group
        assert len(e.text.split()) >= 4, e.group
        other = seen.setdefault(e.text, e.split)
        assert other == e.split, f"{e.group} is both a train and a test clause"


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_training_without_scikit_learn_says_how_to_install_it(command, tmp_path):
    """A plain install analyses without scikit-learn; train and evaluate say in one line what to install."""
    code = ("import sys; sys.modules['sklearn'] = None; from clausecheck.cli import main; "
            f"sys.argv = ['clausecheck', {command!r}] + ([{str(tmp_path)!r}] if {command!r} == 'evaluate' else []); "
            "main()")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip().count("\n") == 0 and "pip install 'clausecheck[train]'" in r.stderr, r.stderr
