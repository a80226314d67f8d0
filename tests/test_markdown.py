"""Markdown terms (.md, .markdown) read with markdown-it-py: headings, list items, paragraphs and table rows
as blocks, no markup in the text or the clauses, the clauses and findings of the same terms written as
plain text; through the Python API, the CLI and the service."""

from __future__ import annotations

import json
import re
from pathlib import Path

import clausecheck
import httpx
import pytest
from clausecheck.documents import InputError, parse, parse_file
from clirun import run_cli
from test_service import Server, assert_problem

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "markdown"
TERMS_MD = FIXTURES / "brightloom_creator_terms.md"
BULLET = re.compile(r"(^|\s)[-*] ")  # a plain-text bullet

# Markdown a reader never sees: heading hashes, emphasis, code ticks, link targets, images, HTML, table
# pipes, block-quote marks, front matter
MARKUP = re.compile(r"(^|\n)\s*(#{1,6}\s|>\s|[-*+]\s|\|)|\*\*|__|\*\w|`|\]\(|!\[|<[a-z!/][^>]*>|"
                    r"https?://|mailto:|layout:|last_updated|^---|\n---")
SEEN = ["You keep the copyright in Your Work", "perpetual and irrevocable licence to host",
        "to train, fine-tune and evaluate artificial intelligence", "You may not opt out of this use",
        "forty-five (45) days", "Personal licence\t40% of the net price", "hold harmless Brightloom",
        "from the Settings page.\nSections 2, 3 and 6 survive termination.", "NOT EXCEED ONE HUNDRED DOLLARS (US$100)",
        "Our Privacy Notice explains", "Write to legal@brightloom.example."]


def flat(text: str) -> str:
    return " ".join(text.split())


# ---- the parser ------------------------------------------------------------------------------------------


def test_markdown_terms_are_read_as_their_text():
    doc = parse_file(TERMS_MD)
    assert (doc.format, doc.parser, doc.pages) == ("markdown", "markdown-it-py", None)
    assert MARKUP.findall(doc.text) == []
    for words in SEEN:
        assert words in doc.text, words
    assert "Reviewed by legal" not in doc.text  # an HTML comment
    assert "Creator Terms\"" not in doc.text and "legal\n" not in doc.text  # the front matter


def test_headings_lists_and_tables_are_blocks():
    doc = parse_file(TERMS_MD)
    blocks = [(b.kind, b.level, b.label, doc.block_text(b)) for b in doc.blocks]
    assert blocks[0] == ("heading", 0, None, "Brightloom Creator Terms")
    assert ("heading", 1, None, "3. Machine learning") in blocks
    numbered = [(label, " ".join(text.split()[:3])) for kind, _, label, text in blocks if kind == "list_item" and label]
    assert numbered == [("1.", "1. You grant"), ("2.", "2. Brightloom may"), ("3.", "3. The licence")]
    bullets = [text for kind, _, label, text in blocks if kind == "list_item" and not label]
    assert bullets[0] == "you created it, or you hold every right needed to grant the licence in Section 2;"
    rows = [text for kind, *_, text in blocks if kind == "table_row"]
    assert rows == ["Licence sold\tYour royalty", "Personal licence\t40% of the net price",
                    "Commercial licence\t25% of the net price"]


def test_commonmark_forms():
    source = (b"Terms of Use\n============\n\nIntro with a [link](https://x.example \"t\") and ![logo](l.png).\n\n"
              b"3) Third, with `code` and &amp; an entity\n4) Fourth\n   - nested *item*\n     1. deeper\n\n"
              b"Fees\n----\n\n<div class=\"note\">\n<p>Fees are <b>due</b> monthly.</p>\n</div>\n\n"
              b"```\nSECTION 9. fenced text\n```\n\nLine one  \nline two\n")
    doc = parse(source, "terms.markdown")
    got = [(b.kind, b.level, b.label, doc.block_text(b)) for b in doc.blocks]
    assert got == [
        ("heading", 0, None, "Terms of Use"),
        ("paragraph", 0, None, "Intro with a link and ."),
        ("list_item", 0, "3)", "3) Third, with code and & an entity"),
        ("list_item", 0, "4)", "4) Fourth"),
        ("list_item", 1, None, "nested item"),
        ("list_item", 2, "1.", "1. deeper"),
        ("heading", 1, None, "Fees"),
        ("paragraph", 0, None, "Fees are due monthly."),
        ("paragraph", 0, None, "SECTION 9. fenced text"),
        ("paragraph", 0, None, "Line one\nline two"),
    ]


def test_markdown_is_chosen_by_the_file_name():
    source = b"# Fees\n\n**You** pay *10* dollars.\n"
    assert parse(source, "fees.MD").text == "Fees\n\nYou pay 10 dollars."
    assert parse(source, "fees.txt").format == "txt"  # a .txt file keeps its characters


@pytest.mark.parametrize("source, problem", [
    (b"", "is empty"),
    (b"  \n\n\t\n", "is empty"),
    (b"---\ntitle: Terms\n---\n", "markdown file with no readable text"),
    (b"***\n\n<!-- nothing yet -->\n\n![](banner.png)\n", "markdown file with no readable text"),
])
def test_a_markdown_file_without_text_is_one_clear_error(source, problem):
    with pytest.raises(InputError) as err:
        parse(source, "terms.md")
    assert str(err.value).startswith("terms.md: ") and problem in str(err.value).lower()
    assert "\n" not in str(err.value)


# ---- clauses and findings: the same terms as plain text --------------------------------------------------


@pytest.mark.parametrize("stem, perspective, expected", [
    ("brightloom_creator_terms", "creator", {"ai_training_permitted", "perpetual_irrevocable_license",
                                             "arbitration_class_waiver"}),
    ("quillkit_contributor_agreement", "creator", {"moral_rights_waiver", "exclusive_license", "ai_training_permitted"}),
    ("quillkit_contributor_agreement", "employee", {"prior_inventions_missing", "moral_rights_waiver"}),
])
def test_clauses_and_findings_match_the_plain_text(stem, perspective, expected):
    md = clausecheck.analyze(FIXTURES / f"{stem}.md", perspective=perspective)
    txt = clausecheck.analyze(FIXTURES / f"{stem}.txt", perspective=perspective)  # written by hand as plain text
    assert sorted(f["rule"] for f in md.findings) == sorted(f["rule"] for f in txt.findings)
    assert expected <= {f["rule"] for f in md.findings}
    assert [c["text"] for c in md.clauses if MARKUP.search(c["text"])] == []
    md_clauses = [flat(c["text"]) for c in md.clauses]
    txt_clauses = [BULLET.sub(r"\1", flat(c["text"])) for c in txt.clauses]
    # every Markdown clause is (part of) a plain-text clause, and every plain-text clause of a sentence or more
    # is in the Markdown clauses (Markdown only splits more: its table rows and bullets are blocks)
    assert [c for c in md_clauses if not any(c in t for t in txt_clauses)] == []
    joined = " ".join(md_clauses)
    assert [t for t in txt_clauses if len(t.split()) >= 8 and t not in joined] == []
    for c in md.clauses:
        assert md.text[c["start"]:c["end"]] == c["text"]


# ---- CLI and service -------------------------------------------------------------------------------------


def test_cli_analyses_markdown_and_refuses_an_empty_file(tmp_path):
    r = run_cli("analyze", str(TERMS_MD), "--perspective", "creator", "--format", "json")
    assert r.returncode == 0, r.stderr
    body = json.loads(r.stdout)
    assert body["document"]["format"] == "markdown" and body["document"]["parser"] == "markdown-it-py"
    assert "ai_training_permitted" in {f["rule"] for f in body["findings"]}
    assert not [c["text"] for c in body["clauses"] if MARKUP.search(c["text"])]
    for name, content in (("empty.md", ""), ("stub.markdown", "---\ntitle: Terms\n---\n\n***\n")):
        path = tmp_path / name
        path.write_text(content)
        r = run_cli("analyze", str(path))
        assert r.returncode == 2 and r.stdout == "", r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and name in r.stderr, r.stderr
        assert "Traceback" not in r.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("markdown"), workers=1)
    yield srv
    srv.stop()
    assert "Traceback" not in srv.log.read_text(), srv.log.read_text()


def test_service_takes_markdown_uploads(server):
    page = httpx.get(server.url + "/", timeout=30).text
    for picker in re.findall(r'<input type="file"[^>]*accept="([^"]+)"', page):
        assert {".md", ".markdown", ".png", ".jpg", ".tiff"} <= set(picker.split(",")), picker
    with server.client() as http:
        r = http.post("/api/v1/analyses", files={"file": (TERMS_MD.name, TERMS_MD.read_bytes()),
                                                  "perspective": (None, "creator")})
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["document"]["format"] == "markdown"
        assert not [c["text"] for c in body["clauses"] if MARKUP.search(c["text"])]
        kept = http.post("/api/v1/analyses", files={"file": (TERMS_MD.name, TERMS_MD.read_bytes()),
                                                    "keep_file": (None, "true")})
        assert kept.status_code == 201, kept.text
        back = http.get(f"/api/v1/analyses/{kept.json()['id']}/file")
        assert back.status_code == 200 and back.content == TERMS_MD.read_bytes()
        assert back.headers["content-type"].startswith("text/markdown")
        assert_problem(http.post("/api/v1/analyses", files={"file": ("stub.md", b"---\ntitle: x\n---\n")}),
                       422, "stub.md", "no readable text")
