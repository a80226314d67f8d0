"""Saved web pages and pasted text: terms read as text without markup or site chrome, through the
Python API, the CLI, the service over HTTP and a real browser without JavaScript."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import clausecheck
import pytest
from clausecheck.batch.runner import collect
from clausecheck.documents import InputError, parse, parse_file
from clausecheck.documents.text import parse_text
from clausecheck.segmentation import segment
from clirun import run_cli
from test_service import Server, assert_problem

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "html"
PIXELVALE = PAGES / "pixelvale_terms.html"
LUMENHUB = PAGES / "lumenhub_creator_agreement.htm"
CHROMIUM = os.environ.get("CLAUSECHECK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions"]

MARKUP = re.compile(r"</?[A-Za-z!][^>]*>|&[a-z]+;|&#\d+;|\{\s*\"@|function\s*\(|dataLayer")
# every piece of site chrome written into the two fixtures
CHROME = ["Skip to main content", "Explore", "Pricing", "Log in", "Search", "Related articles", "Privacy",
          "Careers", "All rights reserved", "cookie", "Accept all", "Manage preferences", "Share this page",
          "Twitter", "Help Centre", "Was this article helpful", "Sign up", "LumenHub Ltd \u2013", "Pixelvale home",
          "Terms of Service | Pixelvale", "Legal >"]
TERMS = {PIXELVALE: ["You retain ownership of the artwork", "train, test and improve machine learning",
                     "You may not opt out of this use", "terminate your account at any time",
                     "shall not exceed fifty dollars (US$50)", "binding arbitration on an individual basis"],
         LUMENHUB: ["exclusive licence to sell prints", "royalty of 30% of net receipts", "credit you by name",
                    "30 days\u2019 written notice", "Caf\u00e9 owners", "\u201cSections 2 and 3\u201d survive"]}
PASTED = ("1. Licence. You grant the Platform a perpetual, irrevocable licence to use your photographs.\n\n"
          "2. Machine learning. The Platform may use your photographs to train artificial intelligence models.\n\n"
          "3. Law. These terms are governed by the laws of England.")


def chrome_in(text: str) -> list[str]:
    found = [c for c in CHROME if c.lower() in text.lower()]
    return found + MARKUP.findall(text)


# ---- the parser ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", [PIXELVALE, LUMENHUB], ids=lambda p: p.name)
def test_saved_page_is_read_as_its_text(page):
    doc = parse_file(page)
    assert (doc.format, doc.parser, doc.pages) == ("html", "lxml.html", None)
    assert chrome_in(doc.text) == []
    for term in TERMS[page]:
        assert term in doc.text


def test_headings_lists_and_tables_keep_their_structure():
    doc = parse_file(PIXELVALE)
    blocks = [(b.kind, b.level, doc.block_text(b)) for b in doc.blocks]
    assert blocks[0] == ("heading", 0, "Pixelvale Terms of Service")
    assert ("heading", 1, "2. Machine Learning") in blocks
    assert ("list_item", 0, "You may not opt out of this use once Your Content has been uploaded.") in blocks
    doc = parse_file(LUMENHUB)  # XHTML in windows-1252, an ordered list and a table
    items = [(b.label, doc.block_text(b)) for b in doc.blocks if b.kind == "list_item"]
    assert [label for label, _ in items] == ["1.", "2.", "3."]
    assert items[1][1].startswith("2. LumenHub shall pay you a royalty")
    rows = [doc.block_text(b) for b in doc.blocks if b.kind == "table_row"]
    assert rows == ["Product\tRoyalty", "Prints\t30%", "Digital downloads\t45%"]
    assert ("heading", "Ending the agreement") in [(b.kind, doc.block_text(b)) for b in doc.blocks]


def test_html_is_sniffed_by_content_and_by_name():
    data = PIXELVALE.read_bytes()
    assert parse(data, "terms-download").format == "html"
    assert parse(b"\xef\xbb\xbf<!-- saved -->\n<HTML><body><p>The fee is 10.</p></body></HTML>", "t").format == "html"
    assert parse(b"<p>The fee is <b>10</b> dollars.</p>", "fee.htm").text == "The fee is 10 dollars."
    assert parse(b"The fee is < 10 dollars and <b> is not a tag here.", "fee.txt").format == "txt"


def test_ordered_list_numbers_as_the_browser_shows_them():
    page = (b"<!doctype html><ol start='4' type='a'><li>first</li><li>(x) own label</li></ol>"
            b"<ol><li value='7'>seventh<ol type='i'><li>inner</li></ol> and more</li></ol>")
    doc = parse(page, "p.html")
    assert [(doc.block_text(b), b.level) for b in doc.blocks] == [
        ("d. first", 0), ("(x) own label", 0), ("7. seventh", 0), ("i. inner", 1), ("and more", 0)]


@pytest.mark.parametrize("page, problem", [
    (b"<!doctype html><html><head><title>Terms</title><script>x()</script></head>"
     b"<body><nav>Home | Terms</nav><div class='cookie-banner'>We use cookies</div></body></html>", "no readable text"),
    (b"<?xml version='1.0'?>\n   ", "cannot be read as an html page"),
])
def test_a_page_without_text_is_one_clear_error(page, problem):
    with pytest.raises(InputError) as err:
        parse(page, "empty.html")
    assert str(err.value).startswith("empty.html: ") and problem in str(err.value).lower()


# ---- clauses: before (read as text) and after -------------------------------------------------------------


@pytest.mark.parametrize("page", [PIXELVALE, LUMENHUB], ids=lambda p: p.name)
def test_clauses_hold_the_terms_and_none_of_the_chrome(page):
    data = page.read_bytes()
    as_text = [c.text for c in segment(parse_text(data, page.name, hashlib.sha256(data).hexdigest()))]
    assert any(chrome_in(t) for t in as_text)  # what the issue saw: markup and chrome in the clauses
    result = clausecheck.analyze(page, perspective="creator")
    clauses = [c["text"] for c in result.to_dict()["clauses"]]
    assert [(t, chrome_in(t)) for t in clauses if chrome_in(t)] == []
    for term in TERMS[page]:
        assert any(term in t for t in clauses), term


def test_page_gives_the_findings_of_its_plain_text():
    page = clausecheck.analyze(PIXELVALE, perspective="creator")
    plain = clausecheck.analyze(parse_file(PIXELVALE).text, name="pixelvale.txt", perspective="creator")
    rules = sorted(f["rule"] for f in page.findings)
    assert rules == sorted(f["rule"] for f in plain.findings)
    assert {"ai_training_permitted", "perpetual_irrevocable_license"} <= set(rules)


# ---- CLI and batch ---------------------------------------------------------------------------------------


def test_cli_analyses_a_saved_page(tmp_path):
    r = run_cli("analyze", str(PIXELVALE), "--perspective", "creator", "--format", "json")
    assert r.returncode == 0, r.stderr
    body = json.loads(r.stdout)
    assert body["document"]["format"] == "html" and body["document"]["parser"] == "lxml.html"
    assert body["clauses"] and not [c["text"] for c in body["clauses"] if chrome_in(c["text"])]
    assert "ai_training_permitted" in {f["rule"] for f in body["findings"]}
    empty = tmp_path / "menu.html"
    empty.write_text("<!doctype html><html><body><nav><a href='/'>Home</a></nav><script>go()</script></body></html>")
    r = run_cli("analyze", str(empty))
    assert r.returncode == 2 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "menu.html" in r.stderr and "no readable text" in r.stderr


def test_batch_finds_web_pages_markdown_and_scans_in_a_folder(tmp_path):
    for name in ("terms.html", "help.htm", "notes.md", "scan.PNG", "data.csv", "page.css"):
        (tmp_path / name).write_bytes(PIXELVALE.read_bytes())
    assert sorted(i.path.name for i in collect([tmp_path])) == ["help.htm", "notes.md", "scan.PNG", "terms.html"]


# ---- the service: paste box and API, over HTTP ------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("html"))
    yield srv
    srv.stop()
    assert "Traceback" not in srv.log.read_text(), srv.log.read_text()


def test_api_accepts_pasted_text_and_html_pages(server):
    with server.client() as http:
        r = http.post("/api/v1/analyses", files={"text": (None, PASTED), "perspective": (None, "creator")})
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["document"]["name"] == "pasted-text.txt" and body["document"]["format"] == "txt"
        assert any("train artificial intelligence models" in c["text"] for c in body["clauses"])
        r = http.post("/api/v1/analyses", files={"text": (None, PIXELVALE.read_text(encoding="utf-8"))})
        assert r.status_code == 201 and r.json()["document"]["format"] == "html"
        r = http.post("/api/v1/analyses", files={"file": (PIXELVALE.name, PIXELVALE.read_bytes())})
        assert r.status_code == 201, r.text
        assert not [c["text"] for c in r.json()["clauses"] if chrome_in(c["text"])]
        assert_problem(http.post("/api/v1/analyses", files={"text": (None, "  \r\n ")}), 422, "pasted-text.txt",
                       "empty")
        assert_problem(http.post("/api/v1/analyses", files={"text": (None, PASTED), "file": ("a.txt", b"Fee.")}),
                       422, "not both")
        menu = b"<!doctype html><body><nav>Home</nav></body>"
        assert_problem(http.post("/api/v1/analyses", files={"file": ("menu.html", menu)}), 422, "menu.html",
                       "no readable text")


def test_paste_box_on_the_page_without_javascript(server):
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            ctx = browser.new_context(java_script_enabled=False)
            page = ctx.new_page()
            page.goto(server.url + "/")
            page.fill("#text", PASTED)
            page.select_option("#paste-form select[name=perspective]", "creator")
            page.click("#paste-form button[type=submit]")
            page.wait_for_url("**/analyses/*", timeout=120_000)
            assert page.locator("h1").inner_text() == "pasted-text.txt"
            assert "the creator" in page.locator(".summary .meta").inner_text()
            assert "train artificial intelligence models" in page.locator("#document").inner_text()
            ctx.close()
        finally:
            browser.close()
