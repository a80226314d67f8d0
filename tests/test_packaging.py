"""What a user installs: the `clausecheck` package with its model and clause library, one settings
object, one analysis API whose user library reaches every entry point."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import clausecheck
import pytest
from clausecheck.resources import builtin_library, builtin_model
from clausecheck.settings import Settings, SettingsError
from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_contracts" / "offer_letter_acme_robotics.pdf"

# A user's playbook that adds one check the built-in library does not have.
USER_CHECK = """\
category: governing_law
name: Governing law
summary: Which law governs the contract.
why_it_matters:
  employee: The law chosen decides which protections apply.
  creator: The law chosen decides which protections apply.
  customer: The law chosen decides which protections apply.
  vendor: The law chosen decides which protections apply.
positions:
  acceptable: ["The law of the place where you live."]
  fallback: ["A neutral law."]
  unacceptable: ["A law far from you."]
checks:
  - id: house_rule_governing_law
    detector: match
    title: House rule - governing law named
    explanation: Our house rule flags every governing-law clause for review.
    severity: {employee: low, creator: low, customer: low, vendor: low}
    suggestion: This Agreement is governed by the laws of the state where {reader} lives.
    params:
      match: {categories: [governing_law], patterns: ["laws? of"]}
"""


def test_every_package_under_app_is_listed_for_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    assert set(find_packages(ROOT / "app")) <= listed
    assert {"clausecheck.models", "clausecheck.clause_library"} <= listed


def test_the_model_and_library_are_found_as_package_resources():
    assert builtin_model().is_file()
    assert (builtin_library() / "ip_ownership_assignment.yaml").is_file()
    assert clausecheck.__version__


def test_settings_read_every_variable_once_and_refuse_bad_values(tmp_path):
    s = Settings.from_env({"CLAUSECHECK_LIBRARY": str(tmp_path), "CLAUSECHECK_MAX_MB": "3",
                           "CLAUSECHECK_WORKERS": "2"})
    assert s.library == tmp_path and s.max_mb == 3.0 and s.workers == 2 and s.model is None
    with pytest.raises(SettingsError, match="CLAUSECHECK_MAX_PAGES"):
        Settings.from_env({"CLAUSECHECK_MAX_PAGES": "many"})


def test_the_api_reads_a_path_bytes_or_text():
    text = "1. Governing Law. This Agreement is governed by the laws of the State of New York.\n"
    by_text = clausecheck.analyze(text, name="memo.txt", perspective="vendor")
    by_bytes = clausecheck.analyze(text.encode(), name="memo.txt", perspective="vendor")
    assert by_text.to_dict()["clauses"] == by_bytes.to_dict()["clauses"]
    assert by_text.values["governing_law"] == "State of New York"
    with pytest.raises(clausecheck.PerspectiveError):
        clausecheck.analyze(text, perspective="landlord")
    with pytest.raises(clausecheck.InputError):
        clausecheck.analyze(Path("/nonexistent/contract.pdf"))


@pytest.mark.parametrize("name, perspective", [("offer_letter_acme_robotics.pdf", "employee"),
                                                ("ai_api_kestrel_terms.docx", "customer"),
                                                ("photo_agency_lumen_terms.pdf", "creator")])
def test_an_analysis_without_attributes_finds_the_same(name, perspective):
    """attributes=False (what batch runs) skips the clause attributes nobody keeps: the labels, the
    findings and the notes are those of the full analysis."""
    path = Path(__file__).resolve().parents[1] / "sample_contracts" / name
    full = clausecheck.analyze(path, perspective=perspective).to_dict()
    lean = clausecheck.analyze(path, perspective=perspective, attributes=False).to_dict()
    assert full["findings"] and lean["findings"] == full["findings"]
    assert lean["notes"] == full["notes"] and lean["values"] == full["values"]
    assert [c["labels"] for c in lean["clauses"]] == [c["labels"] for c in full["clauses"]]
    assert all(c["attributes"] for c in full["clauses"])
    assert not any(c["attributes"] for c in lean["clauses"])


@pytest.fixture(scope="module")
def user_library(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("playbook")
    (d / "governing_law.yaml").write_text(USER_CHECK, encoding="utf-8")
    return d


def _rules(findings) -> set[str]:
    return {f["rule"] for f in findings}


def test_a_user_library_applies_through_the_api(user_library):
    assert "house_rule_governing_law" in _rules(clausecheck.analyze(SAMPLE, library=user_library).findings)
    assert "house_rule_governing_law" not in _rules(clausecheck.analyze(SAMPLE).findings)


def test_a_user_library_applies_to_the_cli_from_the_environment(user_library):
    env = {"CLAUSECHECK_LIBRARY": str(user_library), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "clausecheck.cli", "analyze", str(SAMPLE), "--format", "json"],
                         capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr
    assert "house_rule_governing_law" in _rules(json.loads(out.stdout)["findings"])


def test_a_user_library_applies_to_batch(user_library, tmp_path):
    from clausecheck.batch.executors import RunOptions
    from clausecheck.batch.runner import run_batch

    out = tmp_path / "results.jsonl"
    run_batch([SAMPLE], out, RunOptions(library=str(user_library)), jobs=1)
    rows = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    assert any("house_rule_governing_law" in json.dumps(r) for r in rows)


def test_a_user_library_applies_to_the_service(user_library, tmp_path):
    """`clausecheck serve` with CLAUSECHECK_LIBRARY set: analyses and the library page use that playbook."""
    from test_service import Server

    server = Server(tmp_path / "service", {"CLAUSECHECK_LIBRARY": str(user_library)}, workers=1)
    try:
        with server.client() as http:
            r = http.post("/api/v1/analyses", files={"file": ("offer.pdf", SAMPLE.read_bytes(), "application/pdf")},
                          data={"perspective": "employee"})
            assert r.status_code == 201, r.text
            assert "house_rule_governing_law" in json.dumps(r.json())
            lib = http.get("/api/v1/library").json()
            assert any("house_rule_governing_law" in json.dumps(e) for e in lib["entries"])
    finally:
        server.stop()


def test_no_sample_reports_a_carve_out_and_its_absence_at_once():
    """The checks read the carve-outs extract/ found; they do not decide them again."""
    for path in sorted((ROOT / "sample_contracts").glob("*.pdf")):
        result = clausecheck.analyze(path, perspective="employee")
        carved = {c["id"] for c in result.clauses if "prior_inventions" in c["attributes"].get("carve_outs", [])}
        missing = [f for f in result.findings if f["rule"] == "prior_inventions_missing" and f.get("missing")]
        assert not (carved and missing), f"{path.name}: carve-out in {sorted(carved)} but reported missing"


def test_values_read_the_expiration_date_from_a_clause_tagged_with_it():
    text = ("SERVICES AGREEMENT\n\nThis Agreement is made on January 5, 2025 between Acme, Inc. (\"Acme\") and "
            "Beta LLC (\"Beta\").\n\n1. Term. This Agreement expires on December 31, 2027, unless renewed in writing "
            "by both parties.\n\n2. Governing Law. This Agreement is governed by the laws of the State of Texas.")
    result = clausecheck.analyze(text, name="services.txt", perspective="vendor")
    assert any(lab["category"] == "expiration_date" for c in result.clauses for lab in c["labels"])
    assert result.values["expiration_date"] == "December 31, 2027"
    assert result.values["agreement_date"] == "January 5, 2025"
    assert result.values["governing_law"] == "State of Texas"
