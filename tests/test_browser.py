"""A real browser (headless Chromium driven by Playwright) against the real server: upload a sample
contract, see its findings, copy a suggestion, download the report; the same without JavaScript;
a batch with live progress and a sortable table."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from test_service import CLAUSES, Server, docx_bytes, sample

CHROMIUM = os.environ.get("CLAUSECHECK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions"]

if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")

SAMPLE = "offer_letter_acme_robotics.pdf"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("browser"))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def contract(tmp_path) -> Path:
    path = tmp_path / SAMPLE
    path.write_bytes(sample(SAMPLE))
    return path


def test_upload_see_findings_download_report(server, browser, contract, tmp_path):
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url + "/")
    page.set_input_files("#file", str(contract))
    page.check("input[name=perspective][value=employee]")
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/analyses/*", timeout=60_000)
    assert page.locator("h1").inner_text() == SAMPLE

    aid = page.url.rsplit("/", 1)[1]
    api = ctx.request.get(f"{server.url}/api/v1/analyses/{aid}").json()
    findings = page.locator("#findings article.finding")
    assert findings.count() == len(api["findings"])
    if api["findings"]:
        first = api["findings"][0]
        assert (first.get("title") or first["rule"]) in page.locator("#findings").inner_text()
        # highlighted clauses in the document, linked from the findings
        assert page.locator("#document mark.clause").count() >= 1
        linked = [cid for f in api["findings"] for cid in f.get("clause_ids") or []]
        if linked:
            assert page.locator(f"#c-{linked[0]}").count() == 1
        copy = page.locator("button.copy").first
        if copy.count():
            assert copy.is_visible()  # the script unhides it
            ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
            copy.click()
            page.wait_for_function("document.querySelector('button.copy').textContent === 'Copied'")
    else:
        assert "No findings" in page.locator("#findings").inner_text()

    try:
        from clausecheck.report.html import render_html  # noqa: F401
    except ImportError:
        pytest.skip("clausecheck.report.html is not there yet: nothing to download")
    with page.expect_download() as dl:
        page.click("#download-html")
    saved = tmp_path / "report.html"
    dl.value.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert dl.value.suggested_filename.endswith(".html") and "<html" in html.lower() and "acme" in html.lower()
    with page.expect_download() as dl:
        page.click("#download-json")
    assert dl.value.suggested_filename.endswith(".json")
    assert errors == [], errors
    ctx.close()


def test_pages_work_without_javascript(server, browser, contract):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server.url + "/")
    page.set_input_files("#file", str(contract))
    page.check("input[name=perspective][value=creator]")
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/analyses/*", timeout=60_000)
    assert "Creator" in page.locator(".meta").inner_text()
    assert page.locator("#document").count() == 1
    # delete from the page, without a confirm dialog
    page.click("form[action$='/delete'] button")
    page.wait_for_url("**/?deleted=analysis")
    assert "deleted" in page.locator(".flash").inner_text()
    page.goto(server.url + "/library")
    assert page.locator("h1").inner_text() == "Clause library"
    ctx.close()


def test_batch_page_progress_and_sorting(server, browser, tmp_path):
    files = []
    for name, data in [("offer.pdf", sample(SAMPLE)), ("offer.docx", docx_bytes()),
                       ("notes.txt", "\n\n".join(line for line in CLAUSES if line).encode()),
                       ("picture.pdf", b"\x89PNG\r\n\x1a\n" + bytes(400))]:
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    page = browser.new_page()
    page.goto(server.url + "/")
    page.set_input_files("#files", files)
    page.click("#batch-form button[type=submit]")
    page.wait_for_url("**/batches/*", timeout=60_000)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and page.locator("#status").inner_text() != "done":
        time.sleep(0.5)  # the page polls and reloads itself when the batch is done
    page.wait_for_load_state()
    assert page.locator("#status").inner_text() == "done"
    assert page.locator("#matrix tbody tr").count() == 4
    assert "picture.pdf" in page.locator("#matrix").inner_text()
    page.click("#matrix thead th:first-child")  # sort by contract name, in place
    names = page.locator("#matrix tbody td:first-child").all_inner_texts()
    assert [n.split("\n")[0] for n in names] == sorted(n.split("\n")[0] for n in names)
    assert page.url.endswith(page.url.rsplit("/", 1)[1])  # no navigation: sorted by the script
    page.close()
