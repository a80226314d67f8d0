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
        copy = page.locator(".block > button.copy").first  # not one folded inside <details>
        if copy.count():
            assert copy.is_visible()  # the script unhides it
            ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
            copy.click()
            page.wait_for_function("document.querySelector('.block > button.copy').textContent === 'Copied'")
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
    assert "the creator" in page.locator(".summary .meta").inner_text()
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


SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
WIDTHS = {"desktop": 1366, "phone": 390}


def _analysed(server, browser, contract, width: int, javascript: bool = True):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    page = ctx.new_page()
    page.goto(server.url + "/")
    page.set_input_files("#file", str(contract))
    page.check("input[name=perspective][value=employee]")
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/analyses/*", timeout=60_000)
    return ctx, page


def _fits(page, width: int) -> None:
    """Nothing wider than the screen: no sideways scrolling, the title inside the window."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator("h1").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width


@pytest.mark.parametrize("device", WIDTHS)
def test_analysis_page_at_desktop_and_phone_width(server, browser, contract, device):
    width = WIDTHS[device]
    ctx, page = _analysed(server, browser, contract, width)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    aid = page.url.rsplit("/", 1)[1]
    api = ctx.request.get(f"{server.url}/api/v1/analyses/{aid}").json()
    _fits(page, width)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"analysis-{device}.png"))
    first = page.locator("#findings article.finding").first
    page.set_viewport_size({"width": width, "height": 2600})  # the whole finding inside the findings panel
    first.scroll_into_view_if_needed()
    first.screenshot(path=str(SHOTS / f"finding-{device}.png"))
    page.set_viewport_size({"width": width, "height": 900})
    text = first.inner_text()
    f = api["findings"][0]
    assert f["title"] in text and f["explanation"][:60] in text
    if f.get("redline"):
        assert first.locator(".redline del, .redline ins").count() >= 1
        # the words the finding is about are marked in the document, inside the clause it cites
        if first.locator(".strike del").count():
            hit = page.locator(f"#c-{f['redline']['clause_id']} mark.hit")
            assert hit.count() >= 1 and hit.first.inner_text().split()[0] in text
    if f.get("fallback"):
        assert "fallback, if they refuse" in text.lower() and f["fallback"][:60] in text
    for ref in f.get("references") or []:
        assert ref["title"] in text
    # every block of language to take away has its own Copy button, shown by the script
    copies = first.locator("button.copy")
    assert copies.count() == first.locator("blockquote, .strike p[id]").count() and copies.first.is_visible()
    assert not page.locator("text=/\\bc\\d+\\b/").count()  # no clause ids on the page
    # filters: choosing a severity reloads the page with only that severity
    page.select_option("#filters select[name=severity]", "high")
    page.wait_for_url("**severity=high**")
    sev = page.locator("#findings article.finding").evaluate_all("els => els.map(e => e.dataset.severity)")
    assert sev and set(sev) == {"high"}
    assert errors == [], errors
    ctx.close()


def test_filters_and_copy_without_javascript(server, browser, contract):
    ctx, page = _analysed(server, browser, contract, 390, javascript=False)
    assert page.locator("button.copy").count() >= 1 and not page.locator("button.copy").first.is_visible()
    page.select_option("#filters select[name=severity]", "medium")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**severity=medium**")
    sev = page.locator("#findings article.finding").evaluate_all("els => els.map(e => e.dataset.severity)")
    assert set(sev) <= {"medium"} and "Show all" in page.locator("#findings").inner_text()
    page.click("text=Show all")
    assert page.locator("#findings article.finding").count() > len(sev)
    ctx.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_library_and_home_at_desktop_and_phone_width(server, browser, device):
    width = WIDTHS[device]
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.goto(server.url + "/")
    _fits(page, width)
    page.screenshot(path=str(SHOTS / f"home-{device}.png"))
    page.goto(server.url + "/library")
    _fits(page, width)
    page.screenshot(path=str(SHOTS / f"library-{device}.png"))
    card = page.locator(".playbook").first
    for word in ("Acceptable", "Fallback", "Refuse"):
        assert word in card.inner_text()
    card.locator("summary", has_text="Why it matters").click()
    assert "Employee" in card.inner_text() and "Vendor" in card.inner_text()
    card.screenshot(path=str(SHOTS / f"library-card-{device}.png"))
    with page.expect_navigation():
        card.locator("a", has_text="YAML").click()
    assert "category:" in page.content()
    ctx.close()
