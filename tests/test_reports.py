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
