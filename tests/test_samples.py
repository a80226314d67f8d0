"""The sample contracts the project wrote: every expected finding is raised, nothing unexpected of high
severity, expected-absent rules are absent, and AI-training clauses have the right polarity; from both the PDF
and the DOCX rendering. (The held-out set in sample_contracts/holdout is measured by
benchmarks/redline_quality.py, not asserted here: it must not become a tuning target.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from clausecheck.analysis import analyze_document
from clausecheck.documents import parse_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_contracts"
EXPECTED = sorted(SAMPLES.glob("*.expected.yaml"))
CASES = [(p.name.removesuffix(".expected.yaml"), fmt) for p in EXPECTED for fmt in ("pdf", "docx")]


def _norm(s: str) -> str:
    return " ".join(s.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split()).lower()


def test_at_least_twelve_samples_in_every_genre() -> None:
    assert len(EXPECTED) >= 12
    genres = {yaml.safe_load(p.read_text(encoding="utf-8")).get("genre") for p in EXPECTED}
    for g in ("offer_letter", "piia", "invention_assignment", "freelance", "creator_licence", "stock_media",
              "platform_tos", "ai_vendor", "saas_vendor", "publishing"):
        assert g in genres, g
    for p in EXPECTED:
        stem = p.name.removesuffix(".expected.yaml")
        for ext in ("pdf", "docx"):
            assert (SAMPLES / f"{stem}.{ext}").exists(), f"{stem}.{ext}: run python sample_contracts/build.py"
        assert (SAMPLES / "src" / f"{stem}.md").exists()


@pytest.mark.parametrize(("stem", "fmt"), CASES, ids=[f"{s}.{f}" for s, f in CASES])
def test_sample(stem: str, fmt: str) -> None:
    expected = yaml.safe_load((SAMPLES / f"{stem}.expected.yaml").read_text(encoding="utf-8"))
    doc = parse_file(SAMPLES / f"{stem}.{fmt}")
    last = None
    for perspective, exp in expected["perspectives"].items():
        result = analyze_document(doc, perspective=perspective).to_dict()
        last = result
        raised = {f["rule"]: f for f in result["findings"]}
        missing = [r for r in exp.get("expect") or [] if r not in raised]
        assert not missing, f"{perspective}: expected findings not raised: {missing}"
        ok = set(exp.get("expect") or []) | set(exp.get("allow") or [])
        unexpected_high = [f"{f['rule']} ({f['title']})" for f in result["findings"]
                           if f["severity"] == "high" and f["rule"] not in ok]
        assert not unexpected_high, f"{perspective}: unexpected high findings: {unexpected_high}"
        present = [r for r in exp.get("absent") or [] if r in raised]
        assert not present, f"{perspective}: raised but expected absent: {present}"
        for f in result["findings"]:
            assert f["clause_ids"] or f["missing"], f["rule"]
    for q in expected.get("ai_training") or []:
        quote = _norm(q["quote"])
        clause = next((c for c in last["clauses"] if quote in _norm(c["text"])), None)
        assert clause is not None, f"no clause holds {q['quote']!r}"
        assert clause["attributes"].get("ai_training", {}).get("polarity") == q["polarity"], q["quote"]


def test_demo_offer_letter_report_is_clear() -> None:
    """The README demo: `clausecheck analyze sample_contracts/offer_letter_acme_robotics.pdf -p employee`."""
    from clausecheck.report.text import render_text

    doc = parse_file(SAMPLES / "offer_letter_acme_robotics.pdf")
    result = analyze_document(doc, perspective="employee").to_dict()
    text = render_text(result)
    high = [f for f in result["findings"] if f["severity"] == "high"]
    assert {f["rule"] for f in high} == {"prior_inventions_missing", "assignment_reaches_personal_time",
                                         "post_employment_non_compete"}
    assert "Ask for:" in text and "Acme Robotics" in text and "{" not in text
    assert all(f["pages"] for f in result["findings"] if f["clause_ids"])
