"""The built-in clause library: valid, complete, and referenced by the detectors; the library CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from clausecheck.classify.taxonomy import BY_ID
from clausecheck.cli import app
from clausecheck.extract.parties import Party, Sides
from clausecheck.redline.detectors import DETECTORS
from clausecheck.redline.library import PERSPECTIVES, default_dir, validate_dir
from clausecheck.redline.render import render
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "clause_library"
runner = CliRunner()


@pytest.fixture(scope="module")
def library():
    lib, problems = validate_dir(LIB)
    assert not problems, problems
    return lib


def test_builtin_library_is_valid_and_is_the_default(library) -> None:
    assert default_dir() == LIB
    assert len(library.playbooks) >= 20
    assert sum(len(pb.checks) for pb in library.playbooks.values()) >= 30


def test_every_category_is_complete(library) -> None:
    for cat, pb in library.playbooks.items():
        assert cat in BY_ID or pb.custom, cat
        assert set(pb.why_it_matters) == set(PERSPECTIVES)
        assert pb.positions.acceptable and pb.positions.fallback and pb.positions.unacceptable
        for ref in pb.references:
            assert ref.url and ref.url.startswith("https://"), (cat, ref.id)


def test_every_check_has_a_detector_and_language(library) -> None:
    rules = set()
    for pb in library.playbooks.values():
        for c in pb.checks:
            assert c.detector in DETECTORS
            assert c.id not in rules
            rules.add(c.id)
            if any(s != "info" for s in c.severity.values()):
                assert c.suggestion
    # the findings the issue names
    for rule in ("prior_inventions_missing", "assignment_reaches_personal_time", "ai_training_permitted",
                 "perpetual_irrevocable_license", "moral_rights_waiver", "post_employment_non_compete",
                 "royalties_without_audit", "ai_training_protection", "ai_training_restriction"):
        assert rule in rules, rule


def test_statutory_and_ai_references_are_in_the_playbook() -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in LIB.glob("*.yaml"))
    for cite in ("Labor Code §2870", "RCW 49.44.140", "765 ILCS 1060/2", "§181.78", "title 19 §805", "§66-57.1",
                 "K.S.A. 44-130", "§34-39-3", "NRS 600.500", "Article 4(3)", "machine-readable", "88 FR 16190",
                 "Part 2: Copyrightability"):
        assert cite in text, cite


def test_render_uses_party_names_and_pronouns() -> None:
    acme = Party(["Company"], "Acme Robotics, Inc.", article=True)
    jane = Party(["you", "Employee"], "Jane Roe")
    sides = Sides("employee", jane, acme, jane.forms(), acme.forms())
    text = "{company} will not claim {employee's} prior inventions. {employee} keeps them."
    assert render(text, sides, "employee") == "The Company will not claim Employee's prior inventions. Employee keeps them."
    assert render(text, sides, "employee", mode="plain") == ("Acme Robotics will not claim your prior inventions. "
                                                           "You keep them.")
    loop = Party(["Loop", "we"], "Loop Social Inc.")
    you = Party(["you"])
    s2 = Sides("creator", you, loop, you.forms(), loop.forms())
    assert render("{licensee} will not use {creator's} Work. {creator} grants {licensee} rights.", s2, "creator") == \
        "Loop will not use your Work. You grant Loop rights."


def test_validate_lists_every_problem_of_a_file(tmp_path: Path) -> None:
    """msgspec stops at a record's first problem; validate_dir still names each one, with where it is."""
    data = yaml.safe_load((LIB / "non_compete.yaml").read_text(encoding="utf-8"))
    data["colour"] = "blue"
    data["positions"]["fallback"] = []
    data["checks"][0]["title"] = 42
    data["checks"][0]["severity"] = {"landlord": "high"}
    data["checks"][1]["strip"] = ["(unclosed"]
    (tmp_path / "non_compete.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    lib, problems = validate_dir(tmp_path)
    assert lib is None
    assert problems == [
        "non_compete.yaml: colour: unknown field (not in the schema)",
        "non_compete.yaml: positions.fallback: Expected `array` of length >= 1",
        "non_compete.yaml: checks[0].title: Expected `str`, got `int`",
        "non_compete.yaml: checks[0].severity: Invalid enum value 'landlord' (a key)",
        "non_compete.yaml: checks[1]: strip: bad regular expression '(unclosed': missing ), unterminated subpattern "
        "at position 0",
    ]
    data = yaml.safe_load((LIB / "non_compete.yaml").read_text(encoding="utf-8"))
    del data["why_it_matters"]["creator"]  # what the record checks across its fields, once each field is fine
    (tmp_path / "non_compete.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    assert validate_dir(tmp_path)[1] == ["non_compete.yaml: why_it_matters needs every perspective; missing creator"]


def test_cli_validate_ok_and_problems(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["library", "validate"])
    assert ok.exit_code == 0 and "valid" in ok.output
    (tmp_path / "x.yaml").write_text(yaml.safe_dump({"category": "x", "name": "Thing"}), encoding="utf-8")
    (tmp_path / "moral_rights_waiver.yaml").write_text(
        (LIB / "moral_rights_waiver.yaml").read_text(encoding="utf-8").replace("detector: moral_rights_waiver",
                                                                                "detector: no_such_detector"),
        encoding="utf-8")
    bad = runner.invoke(app, ["library", "validate", str(tmp_path)])
    assert bad.exit_code == 2
    lines = [line for line in bad.output.splitlines() if line.strip()]
    assert any("unknown detector 'no_such_detector'" in line for line in lines)
    assert any("x.yaml: summary: Field required" in line for line in lines)
    assert all(line.startswith("clausecheck: ") for line in lines)
    missing = runner.invoke(app, ["library", "validate", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_cli_show() -> None:
    r = runner.invoke(app, ["library", "show", "ai_training_use"])
    assert r.exit_code == 0
    assert "Why it matters" in r.output and "ai_training_permitted" in r.output and "Article 4(3)" in r.output
    listing = runner.invoke(app, ["library", "show"])
    assert listing.exit_code == 0 and "prior_inventions_carve_out" in listing.output
    unknown = runner.invoke(app, ["library", "show", "nope"])
    assert unknown.exit_code == 2


def test_placeholders_in_library_are_known(library) -> None:
    from clausecheck.redline.library import OTHER_ALIASES, READER_ALIASES, VARIABLES

    known = READER_ALIASES | OTHER_ALIASES | VARIABLES
    for p in LIB.glob("*.yaml"):
        for name in re.findall(r"\{([a-z_]+)(?:'s)?\}", p.read_text(encoding="utf-8")):
            assert name in known, (p.name, name)


def test_no_suggestion_is_an_instruction_to_the_reader():
    """Suggested language goes into the contract as written: it must be contract text, not advice."""
    import re

    from clausecheck.redline.library import load_library

    lib = load_library()
    for _pb, check in lib.checks:
        texts = [check.suggestion] if isinstance(check.suggestion, str) else list((check.suggestion or {}).values())
        texts += [v.suggestion for v in check.variants.values() if isinstance(v.suggestion, str)]
        for text in texts:
            assert not re.match(r"\s*(?:delete|remove|strike|ask|add|insert|replace|negotiate)\b", text, re.I), \
                f"{check.id}: {text[:60]}"
