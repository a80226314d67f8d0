"""Reports: the text report, the standalone HTML report and the word-level redline helper."""

from __future__ import annotations

import html.parser
import random
import re
from pathlib import Path

import pytest
from clausecheck.analysis import analyze
from clausecheck.cli import app
from clausecheck.report.html import render_html
from clausecheck.report.redline import similarity, to_html, to_text, word_diff
from clausecheck.report.text import render_text
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]

CONTRACT = """TERMS OF SERVICE

These Terms are between you and Loop Social Inc. ("Loop", "we", "our").

1. Licence. You grant Loop a worldwide, perpetual, irrevocable, sublicensable licence to use Your Content in any \
media now known or hereafter devised.

2. Training. We may use Your Content to train our machine learning and artificial intelligence models.

3. Safety. <script>alert("x")</script> & other markup in a contract is shown as text.

4. Disputes. Any dispute will be resolved by binding individual arbitration, and you waive any right to a class \
action.
"""


@pytest.fixture(scope="module")
def result() -> dict:
    return analyze(CONTRACT, name="loop.txt", perspective="creator").to_dict()


def test_text_report(result: dict) -> None:
    out = render_text(result)
    assert out.splitlines()[0].startswith("loop.txt")
    assert "[HIGH]" in out and "Ask for:" in out and "not legal advice" in out
    assert "Strike:" in out and "perpetual" in out
    high = out.index("[HIGH]")
    assert all(high < m.start() for m in re.finditer(r"\[(?:MEDIUM|LOW)\]", out))
    assert "{" not in out.split("CLAUSES BY CATEGORY")[0]


class _Collect(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_is_standalone_and_escaped(result: dict) -> None:
    page = render_html(result, CONTRACT)
    p = _Collect()
    p.feed(page)
    tags = [t for t, _ in p.tags]
    assert tags.count("script") == 0 and "link" not in tags and "img" not in tags
    assert "&lt;script&gt;" in page and '<script>alert' not in page
    assert "<del>" in page and "<ins>" in page
    assert "@media print" in page
    # every clause is highlighted, with its id as an anchor the findings link to
    ids = {a.get("id") for t, a in p.tags if t == "span"}
    for c in result["clauses"]:
        assert f"clause-{c['id']}" in ids
    for f in result["findings"]:
        for cid in f["clause_ids"]:
            assert f'href="#clause-{cid}"' in page
    assert any("sev-high" in (a.get("class") or "") for t, a in p.tags if t == "span")
    # the document text is all there
    body = "".join(p.text)
    for line in CONTRACT.splitlines():
        assert line.replace("&", "&").strip()[:40] in body


def test_html_report_without_findings() -> None:
    r = analyze("This letter confirms our meeting on Tuesday.", name="memo.txt", perspective="employee").to_dict()
    page = render_html(r, "This letter confirms our meeting on Tuesday.")
    assert "No issues found" in page


def test_cli_html_and_text_formats(tmp_path: Path) -> None:
    f = tmp_path / "loop.txt"
    f.write_text(CONTRACT, encoding="utf-8")
    runner = CliRunner()
    html_out = runner.invoke(app, ["analyze", str(f), "--perspective", "creator", "--format", "html"])
    assert html_out.exit_code == 0 and html_out.output.lstrip().startswith("<!DOCTYPE html>")
    text_out = runner.invoke(app, ["analyze", str(f), "--perspective", "creator", "--format", "text"])
    assert text_out.exit_code == 0 and "ISSUES" in text_out.output


def test_word_diff_examples() -> None:
    ops = word_diff("a perpetual, irrevocable licence", "a licence for three years")
    assert to_text(ops) == "a [-perpetual, irrevocable -]licence{+ for three years+}"
    assert to_html(word_diff("x < y", "x > y")) == "x <del>&lt; </del><ins>&gt; </ins>y"
    assert similarity("same words here", "same words here") == 1.0
    assert similarity("", "anything") == 0.0


def test_word_diff_rebuilds_both_texts() -> None:
    rnd = random.Random(7)
    words = ["the", "a", "licence", "may", "not", "use", ",", ".", ";", "perpetual", "irrevocable", "train", "", "model", "(Customer)", "30%", "$100"]
    for _ in range(500):
        a = " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 15)))
        b = " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 15)))
        ops = word_diff(a, b)
        assert "".join(t for o, t in ops if o != "insert") == a
        assert "".join(t for o, t in ops if o != "delete") == b


# ---- reports for people ------------------------------------------------------------------------------------

from clausecheck.report.findings import clip, counts, is_protection, section_ref, split  # noqa: E402

SAMPLE_PDF = ROOT / "sample_contracts" / "offer_letter_acme_robotics.pdf"
RECIPE = ("Lemon drizzle cake\n\nHeat the oven to 180C. Beat the butter and sugar until pale, then add the eggs.\n\n"
          "Pour into a lined tin and bake for 45 minutes. You can freeze it for a month.\n\nServe with cream.\n")


@pytest.fixture(scope="module")
def offer():
    if not SAMPLE_PDF.exists():
        pytest.skip("sample_contracts/offer_letter_acme_robotics.pdf is not there")
    return analyze(SAMPLE_PDF, perspective="employee")


@pytest.mark.parametrize("section,expect", [
    ("6. Assignment of Inventions", "§6"), ("1. Subscription › 1.1", "§1.1"), ("2. Licence › (a)", "§2(a)"),
    ("6.1 IN NO EVENT SHALL", "§6.1"), ("ARTICLE 3 — WORK PRODUCT", "Article 3"), ("Section 4 Payment", "§4"),
    ("EXHIBIT A — LIST OF PRIOR INVENTIONS", "Exhibit A"), ("Royalties", "“Royalties”"),
    ("April 14, 2025 Jordan Ellis", None), ("To: Sam Okafor", None), ("", None), (None, None),
])
def test_sections_are_cited_as_a_reader_would(section, expect) -> None:
    assert section_ref(section) == expect


def test_quotes_end_at_a_word_boundary() -> None:
    text = "You hereby assign to the Company all right, title and interest in and to any and all inventions"
    cut = clip(text, 40)
    assert cut.endswith("…") and len(cut) <= 40 and text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
    assert clip("short  text\n here", 40) == "short text here"


def test_protections_are_counted_apart() -> None:
    found = [{"severity": "high", "position": "unacceptable"}, {"severity": "info", "position": "acceptable"},
             {"severity": "low", "position": "acceptable"}, {"severity": "medium", "protection": True},
             {"severity": "low", "position": "fallback"}]
    issues, protections = split(found)
    assert [f["severity"] for f in issues] == ["high", "low"]
    assert len(protections) == 3 and all(is_protection(f) for f in protections)
    assert counts(found) == {"high": 1, "medium": 0, "low": 1, "protections": 3}


def test_text_report_cites_sections_and_hides_ids(offer) -> None:
    result = offer.to_dict()
    out = render_text(result)
    lines = out.splitlines()
    assert lines[0] == "offer_letter_acme_robotics.pdf  (PDF, 2 pages, 22 clauses)".replace(
        "22 clauses", f"{len(result['clauses'])} clauses")
    assert f"Contract type: {result['values']['contract_type_label']}" in out
    assert "Read from the side of the employee" in out
    assert not re.search(r"\bc\d+\b", out) and result["document"]["sha256"][:8] not in out
    assert all(f["rule"] not in out for f in result["findings"])
    assert re.search(r"Clause, §\d+, p\. \d: \"", out)
    n = counts(result["findings"])
    assert f"Protections found: {n['protections']}." in out
    for quote in re.findall(r'"([^"]*…)"', out):
        assert not quote[:-1].endswith(" ") and quote[:-1].split()[-1] in " ".join(
            c["text"] for c in result["clauses"]).split()  # whole words before the ellipsis


def test_one_page_is_one_page() -> None:
    result = analyze(CONTRACT, name="loop.txt", perspective="creator").to_dict()
    result["document"]["pages"] = 1
    assert "(TXT, 1 page, " in render_text(result)
    result["document"]["pages"] = None
    assert "page" not in render_text(result).splitlines()[0]


def test_html_report_for_people(offer) -> None:
    result = offer.to_dict()
    page = render_html(result, offer.text)
    p = _Collect()
    p.feed(page.split("</head>", 1)[1])
    visible = "".join(p.text)
    assert result["document"]["sha256"][:12] not in page and "sha256" not in page
    assert all(f["rule"] not in page for f in result["findings"])
    assert not re.search(r"\bc\d+\b", visible)
    assert result["values"]["contract_type_label"] in visible
    assert re.search(r"§\d+, p\. \d", visible)
    assert "how sure the classifier is" in visible


def test_not_a_contract_is_said_once_and_shown() -> None:
    a = analyze(RECIPE, name="recipe.txt", perspective="employee")
    assert a.values["looks_like_contract"] is False
    assert [n for n in a.notes if n.startswith("This does not look like a contract")]
    out = render_text(a.to_dict())
    assert "This does not look like a contract" in out and "may not be a contract" in out
    assert "Contract type:" not in out
    page = render_html(a.to_dict(), a.text)
    assert 'class="notice"' in page and "may not be a contract" in page
    assert analyze(CONTRACT, name="loop.txt", perspective="creator").values["looks_like_contract"] is True


def test_cli_help_describes_every_option() -> None:
    import click
    from typer.main import get_command

    root = get_command(app)
    runner = CliRunner()
    for name, cmd in root.commands.items():
        for sub_name, sub in (cmd.commands.items() if isinstance(cmd, click.Group) else [(None, cmd)]):
            for param in sub.params:
                if isinstance(param, click.Option):
                    assert param.help, f"{name} {sub_name or ''} {param.opts} has no description"
            args = [name] + ([sub_name] if sub_name else []) + ["--help"]
            out = runner.invoke(app, args, env={"COLUMNS": "100"}).output
            assert "<bool>" not in out and "{file}" not in out, args
    help_text = runner.invoke(app, ["analyze", "--help"], env={"COLUMNS": "100"}).output
    assert "customer:" in help_text and "vendor:" in help_text and "standard output" in help_text


def test_analyze_writes_the_report_to_a_file_with_out(tmp_path):
    import subprocess
    import sys

    sample = Path(__file__).resolve().parents[1] / "sample_contracts" / "offer_letter_acme_robotics.pdf"
    target = tmp_path / "report.html"
    out = subprocess.run([sys.executable, "-m", "clausecheck.cli", "analyze", str(sample), "-f", "html",
                          "--out", str(target)], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0 and out.stdout == "" and f"wrote {target}" in out.stderr
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")
    bad = subprocess.run([sys.executable, "-m", "clausecheck.cli", "analyze", str(sample), "--out",
                          str(tmp_path / "missing" / "r.txt")], capture_output=True, text=True, timeout=600)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "cannot write" in bad.stderr
