"""Red-line checks over whole contracts: perspective, party names, missing protections, user libraries."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from clausecheck.analysis import analyze
from clausecheck.redline import LibraryError, load_library

ROOT = Path(__file__).resolve().parents[1]
FINDING_KEYS = {"id", "rule", "category", "severity", "title", "explanation", "clause_ids", "missing", "suggestion"}


def run(text: str, perspective: str, library: str | None = None) -> dict:
    return analyze(textwrap.dedent(text).strip(), name="contract.txt", perspective=perspective,
                   library=library).to_dict()


def rules(result: dict, severity: str | None = None) -> set[str]:
    return {f["rule"] for f in result["findings"] if severity is None or f["severity"] == severity}


def finding(result: dict, rule: str) -> dict:
    return next(f for f in result["findings"] if f["rule"] == rule)


VENDOR_NO_TRAINING = """
    SUBSCRIPTION AGREEMENT

    This Agreement is between Nimbus Models, Inc. ("Provider") and the customer named in the Order Form
    ("Customer").

    1. Services. Provider will provide the Services described in the Order Form to Customer.

    2. No Training. Provider will not use Customer Data to train models.

    3. Fees. Customer will pay the fees in the Order Form.
"""
VENDOR_TRAINS = VENDOR_NO_TRAINING.replace("Provider will not use Customer Data to train models.",
                                           "Provider may use Customer Data to improve and train its models.")


def test_perspective_changes_the_verdict_on_a_no_training_clause() -> None:
    customer = run(VENDOR_NO_TRAINING, "customer")
    vendor = run(VENDOR_NO_TRAINING, "vendor")
    f = finding(customer, "ai_training_protection")
    assert f["severity"] == "info" and f.get("position") == "acceptable"
    assert "ai_training_permitted" not in rules(customer)
    r = finding(vendor, "ai_training_restriction")
    assert r["severity"] in ("low", "medium")
    assert "ai_training_protection" not in rules(vendor)


def test_vendor_training_on_customer_data_is_high_for_the_customer() -> None:
    customer = run(VENDOR_TRAINS, "customer")
    f = finding(customer, "ai_training_permitted")
    assert f["severity"] == "high"
    assert "Provider will not use Customer Data" in f["suggestion"]
    vendor = run(VENDOR_TRAINS, "vendor")
    assert not rules(vendor, "high")


PIIA = """
    EMPLOYEE INVENTION ASSIGNMENT AGREEMENT

    This Agreement is between Acme Robotics, Inc., a Delaware corporation (the "Company"), and the employee
    signing below ("Employee").

    1. Assignment. Employee hereby assigns to the Company all right, title and interest in any inventions and
    works of authorship that Employee makes during employment.

    2. Confidentiality. Employee will keep the Company's confidential information secret.
"""


def test_missing_prior_inventions_carve_out_uses_party_names() -> None:
    r = run(PIIA, "employee")
    f = finding(r, "prior_inventions_missing")
    assert f["missing"] is True and f["severity"] == "high"
    assert "Exhibit A" in f["suggestion"] and "Employee" in f["suggestion"] and "the Company" in f["suggestion"]
    assert "{" not in f["suggestion"] and "{" not in f["explanation"]
    assert "Acme Robotics" in f["explanation"]  # plain name, not "Acme Robotics, Inc."
    own = finding(r, "own_time_carve_out_missing")
    assert own["missing"] is True and "2870" in own["suggestion"]
    refs = " ".join(x["title"] for x in own["references"])
    for cite in ("2870", "49.44.140", "765 ILCS 1060", "181.78", "Title 19", "66-57.1", "44-130", "34-39-3",
                 "600.500"):
        assert cite.replace("Title 19", "title 19") in refs or cite in refs, cite


def test_carve_outs_present_mean_no_finding() -> None:
    text = PIIA + """
    3. Prior Inventions. Inventions Employee made before employment are listed in Exhibit A and remain Employee's
    property.

    4. Notice. This Agreement does not apply to an invention that Employee developed entirely on Employee's own time
    without using the Company's equipment, supplies, facilities or trade secret information, as provided in
    California Labor Code Section 2870.
    """
    r = run(text, "employee")
    assert "prior_inventions_missing" not in rules(r)
    assert "own_time_carve_out_missing" not in rules(r)


def test_assignment_reaching_personal_time_and_after_employment() -> None:
    text = PIIA.replace("that Employee makes during employment.",
                        "that Employee makes during employment, whether or not during working hours or with "
                        "Company resources. Inventions disclosed within one (1) year after employment ends are "
                        "presumed to belong to the Company.")
    r = run(text, "employee")
    f = finding(r, "assignment_reaches_personal_time")
    assert f["severity"] == "high" and not f["missing"]
    assert f["redline"]["mode"] == "append"
    deleted = " ".join(t for o, t in f["redline"]["ops"] if o == "delete")
    assert "whether or not during working hours" in deleted
    assert "assignment_after_termination" in rules(r)
    assert "own_time_carve_out_missing" not in rules(r)  # said once, by the personal-time finding


def test_non_compete_after_employment_versus_during_the_term() -> None:
    after = PIIA + "\n3. Non-Competition. For twelve (12) months after employment ends, Employee will not work " \
                   "for any competitor of the Company anywhere in the United States.\n"
    r = run(after, "employee")
    f = finding(r, "post_employment_non_compete")
    assert f["severity"] == "high" and "twelve (12) months" in f["title"]
    during = PIIA + "\n3. Outside Work. During the term of this Agreement, Employee will not work for any " \
                    "competitor of the Company.\n"
    assert "post_employment_non_compete" not in rules(run(during, "employee"))


CREATOR_LICENCE = """
    PHOTO LICENCE

    Licensor: Mira Kowalczyk (the "Photographer"). Licensee: Ravenstone Publishing Limited (the "Publisher").

    1. Grant. The Photographer grants the Publisher a worldwide, perpetual, irrevocable, sublicensable licence to
    reproduce the Images in any media now known or hereafter devised.

    2. Royalties. The Publisher will pay the Photographer a royalty of 10% of net receipts from each licence.

    3. Credit. The Publisher will credit the Photographer next to each Image.
"""


def test_creator_licence_findings() -> None:
    r = run(CREATOR_LICENCE, "creator")
    got = rules(r)
    assert {"perpetual_irrevocable_license", "license_overbroad", "royalties_without_audit",
            "ai_training_not_addressed"} <= got
    assert finding(r, "perpetual_irrevocable_license")["severity"] == "high"
    assert "attribution_missing" not in got
    f = finding(r, "ai_training_not_addressed")
    assert f["missing"] and "Article 4(3)" in f["suggestion"] and "the Publisher" in f["suggestion"]
    red = finding(r, "perpetual_irrevocable_license")["redline"]
    assert "perpetual" in " ".join(t for o, t in red["ops"] if o == "delete")
    with_audit = CREATOR_LICENCE + "\n4. Audit. The Photographer may examine the Publisher's books and records " \
                                   "relating to the Images once a year.\n"
    assert "royalties_without_audit" not in rules(run(with_audit, "creator"))


def test_a_licence_granted_to_the_reader_is_not_a_giveaway() -> None:
    text = """
    SOFTWARE LICENCE

    This Agreement is between Corvid Software Ltd ("Licensor") and the customer named below ("Customer").

    1. Licence. Licensor grants Customer a perpetual, irrevocable, worldwide licence to use the Software.
    """
    r = run(text, "customer")
    assert "perpetual_irrevocable_license" not in rules(r)
    assert "license_overbroad" not in rules(r)


def test_we_and_you_terms_get_pronouns_in_suggestions() -> None:
    text = """
    Terms of Service

    These Terms are between you and Loop Social Inc. ("Loop", "we", "our"). You own your content. We may use Your
    Content to train our machine learning and artificial intelligence models. You agree to these Terms.
    """
    r = run(text, "creator")
    f = finding(r, "ai_training_permitted")
    assert f["severity"] == "high"
    assert f["suggestion"].startswith(("Loop will not use your", "We will not use your")), f["suggestion"]
    assert "Loop" in f["explanation"] and "you" in f["explanation"]


def test_finding_shape_is_stable() -> None:
    r = run(CREATOR_LICENCE, "creator")
    ids = {c["id"] for c in r["clauses"]}
    assert r["findings"]
    for f in r["findings"]:
        assert FINDING_KEYS <= set(f)
        assert f["severity"] in ("high", "medium", "low", "info")
        assert isinstance(f["missing"], bool) and isinstance(f["clause_ids"], list)
        assert set(f["clause_ids"]) <= ids
        assert isinstance(f["suggestion"], str)
        assert f["severity"] == "info" or f["suggestion"]
    order = ["high", "medium", "low", "info"]
    sev = [order.index(f["severity"]) for f in r["findings"]]
    assert sev == sorted(sev)
    assert len({f["id"] for f in r["findings"]}) == len(r["findings"])
    json.dumps(r)


# --- user libraries -------------------------------------------------------------------------------------

CUSTOM = """
category: governing_law_home
name: Governing law at home
custom: true
summary: The contract should be governed by the law where I live.
why_it_matters: {employee: Far-away law costs more., creator: Same for creators., customer: Same., vendor: Same.}
positions: {acceptable: [Home law], fallback: [Neutral law], unacceptable: [Far-away law]}
checks:
  - id: foreign_law
    detector: match
    params: {match: {patterns: ["governed by the laws? of"], exclude: ["Oregon"]}}
    title: Governed by another state's law
    severity: {employee: medium}
    explanation: The contract with {company} is governed by a law other than Oregon's.
    suggestion: This Agreement is governed by the laws of the State of Oregon.
"""


def test_user_library_adds_and_disables_checks(tmp_path: Path) -> None:
    (tmp_path / "governing_law_home.yaml").write_text(CUSTOM, encoding="utf-8")
    base = ROOT / "clause_library" / "prior_inventions_carve_out.yaml"
    (tmp_path / base.name).write_text(base.read_text(encoding="utf-8").replace(
        "detector: prior_inventions_missing", "detector: prior_inventions_missing\n    enabled: false"), encoding="utf-8")
    text = PIIA + "\n3. Law. This Agreement is governed by the laws of the State of Delaware.\n"
    r = run(text, "employee", library=str(tmp_path))
    got = rules(r)
    assert "foreign_law" in got and "prior_inventions_missing" not in got
    assert "own_time_carve_out_missing" in got  # other checks of the replaced file still run
    assert "non_solicitation" in {c.id for _, c in load_library(str(tmp_path)).checks}  # the rest is inherited
    assert "Acme Robotics" in finding(r, "foreign_law")["explanation"]
    (tmp_path / "_library.yaml").write_text("inherit: false\n", encoding="utf-8")
    lib = load_library(str(tmp_path))
    assert set(lib.playbooks) == {"governing_law_home", "prior_inventions_carve_out"}


def test_invalid_user_library_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "non_compete.yaml").write_text("category: non_compete\nname: x\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("checks: [\n", encoding="utf-8")
    with pytest.raises(LibraryError) as exc:
        run(PIIA, "employee", library=str(tmp_path))
    assert len(exc.value.problems) >= 3
    assert any("broken.yaml: not valid YAML" in p for p in exc.value.problems)
    assert any("non_compete.yaml: summary" in p for p in exc.value.problems)
    with pytest.raises(LibraryError):
        load_library(str(tmp_path / "nope"))


def test_cli_analyze_with_invalid_library_exits_2_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("category: [\n", encoding="utf-8")
    contract = tmp_path / "c.txt"
    contract.write_text(textwrap.dedent(PIIA), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", "from clausecheck.cli import main; main()", "analyze", str(contract),
                           "--library", str(tmp_path)], check=False, capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "invalid clause library" in proc.stderr and "bad.yaml" in proc.stderr
