"""The Word redline and the negotiation email: real DOCX files (python-docx, with Word automatic numbering,
a table, header and footer, an existing comment and existing tracked changes), a PDF sample, LibreOffice
opening what is written, accept-all / reject-all by transforming the XML, the CLI, the API and the page."""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import clausecheck
import docx
import pytest
from clausecheck.cli import app
from clausecheck.report.docx_redline import RedlineError, choose, parse_include, write_redline
from clausecheck.report.email import asks, render_email, voiced
from lxml import etree
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_contracts"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def q(local: str) -> str:
    return f"{{{W}}}{local}"


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def c14n(data: bytes, name: str) -> bytes:
    return etree.tostring(part(data, name), method="c14n")


def resolve(body: etree._Element, accept: bool, author: str | None = None) -> etree._Element:
    """Accept or reject the tracked changes (of `author`, or all) in a copy of `body`."""
    body = copy.deepcopy(body)
    drop, keep = (q("del"), q("ins")) if accept else (q("ins"), q("del"))

    def mine(el):
        return author is None or el.get(q("author")) == author

    for p in list(body.iter(q("p"))):
        _resolve_mark(p, drop, keep, mine)
    for el in list(body.iter(drop)):
        if el.getparent() is not None and el.getparent().tag != q("rPr") and mine(el):
            el.getparent().remove(el)
    for el in list(body.iter(keep)):
        parent = el.getparent()
        if parent is None or parent.tag == q("rPr") or not mine(el):
            continue
        at = parent.index(el)
        for c in reversed(list(el)):
            parent.insert(at, c)
        parent.remove(el)
    if not accept or author is None:
        for t in body.iter(q("delText")):
            if not any(a.tag == q("del") for a in t.iterancestors()):
                t.tag = q("t")
    return body


def _resolve_mark(p: etree._Element, drop: str, keep: str, mine) -> None:
    mark = p.find(f"{q('pPr')}/{q('rPr')}/{drop}")
    if mark is not None and mine(mark):  # the paragraph mark goes: its content joins the next paragraph
        nxt = p.getnext()
        content = [c for c in p if c.tag != q("pPr")]
        if nxt is not None and nxt.tag == q("p"):
            at = 1 if nxt.find(q("pPr")) is not None else 0
            for c in reversed(content):
                nxt.insert(at, c)
        p.getparent().remove(p)
    elif mark is None:
        kept = p.find(f"{q('pPr')}/{q('rPr')}/{keep}")
        if kept is not None and mine(kept):
            kept.getparent().remove(kept)


def texts(body: etree._Element) -> list[str]:
    out = []
    for p in body.iter(q("p")):
        out.append("".join(t.text or "" if t.tag == q("t") else " " for t in p.iter(q("t"), q("tab"), q("br"))))
    return out


def flat(text: str) -> str:
    return " ".join(text.split())


def body(data: bytes) -> etree._Element:
    return part(data, "word/document.xml").find(q("body"))


def open_in_libreoffice(data: bytes, tmp: Path, fmt: str = "pdf") -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    src = tmp / "redline.docx"
    src.write_bytes(data)
    out = tmp / "lo"
    proc = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo-profile",
                           "--convert-to", fmt, "--outdir", str(out), str(src)], capture_output=True, text=True,
                          timeout=300)
    result = out / f"redline.{fmt.split(':')[0]}"
    assert proc.returncode == 0 and result.exists() and result.stat().st_size > 500, proc.stdout + proc.stderr
    return result


# ---- a DOCX with numbering, a table, header/footer, a comment and tracked changes --------------------

INTRO = ('Acme Robotics, Inc., a Delaware corporation (the "Company"), is pleased to offer you employment as '
         'Senior Perception Engineer on the terms in this letter (the "Agreement"). In this Agreement, "you" and '
         '"Employee" mean Jordan Ellis.')
CLAUSES = [
    ("Assignment of Inventions. ", "You hereby assign to the Company all right, title and interest in and to any and "
     "all inventions, discoveries, designs, software, works of authorship and improvements that you make, conceive "
     "or reduce to practice during your employment, whether or not during working hours or with the use of Company "
     "resources, and whether or not they relate to the Company's business (the \"Inventions\")."),
    ("Moral Rights. ", "You waive any moral rights you may have in any Invention, including rights of attribution, "
     "and agree not to assert them against the Company or its licensees."),
    ("Non-Competition. ", "For a period of twelve (12) months after your employment ends for any reason, you will "
     "not, directly or indirectly, work for, advise or invest in any business that develops or sells robotic "
     "perception products anywhere in the United States."),
    ("Arbitration. ", "You and the Company agree that any dispute arising out of your employment will be resolved "
     "by final and binding arbitration in Portland, Oregon, on an individual basis. You waive any right to a jury "
     "trial and to bring or participate in any class or collective action."),
]
SOLICIT = "For twelve (12) months after your employment ends, you will not solicit any Company employee to leave " \
          "the Company."


def _revision(tag: str, text: str, rid: int) -> etree._Element:
    el = etree.Element(q(tag))
    el.set(q("id"), str(rid))
    el.set(q("author"), "Alice Reviewer")
    el.set(q("date"), "2025-04-01T10:00:00Z")
    r = etree.SubElement(el, q("r"))
    t = etree.SubElement(r, q("delText" if tag == "del" else "t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return el


def rich_docx() -> bytes:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Acme Robotics draft header"
    d.sections[0].footer.paragraphs[0].text = "Acme Robotics confidential footer"
    d.add_heading("Offer Letter and Proprietary Rights Terms", level=1)
    intro = d.add_paragraph(INTRO)
    d.add_comment(intro.runs, text="Check the job title.", author="Bob Counsel", initials="BC")
    for heading, text in CLAUSES:
        p = d.add_paragraph(style="List Number")  # Word automatic numbering
        p.add_run(heading).bold = True
        if heading.startswith("Non-Competition"):  # runs split by formatting inside the sentence
            a, b = text.split("twelve (12) months")
            p.add_run(a)
            p.add_run("twelve (12) months").italic = True
            p.add_run(b)
        else:
            p.add_run(text)
        if heading.startswith("Moral"):  # an existing insertion and deletion by another reviewer
            p._p.append(_revision("ins", " This waiver is irrevocable.", 901))
            p._p.append(_revision("del", " Forever.", 902))
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Non-Solicitation"
    table.cell(0, 1).text = SOLICIT
    d.add_paragraph("Please sign below to accept this offer by April 25, 2025.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    path = tmp_path_factory.mktemp("rich") / "offer_rich.docx"
    path.write_bytes(rich_docx())
    analysis = clausecheck.analyze(path, perspective="employee")
    result = analysis.to_dict()
    chosen = choose(result["findings"])
    red = write_redline(result, analysis.text, chosen, original=path.read_bytes())
    return {"path": path, "original": path.read_bytes(), "analysis": analysis, "result": result, "chosen": chosen,
            "red": red}


def test_docx_redline_tracks_changes_and_comments_by_clausecheck(rich, tmp_path):
    red, out = rich["red"], rich["red"].data
    assert rich["chosen"], "the contract should give findings to redline"
    assert red.changes >= 1 and len(red.comment_only) < len(red.findings)
    b = body(out)
    ins = [e for e in b.iter(q("ins")) if e.get(q("author")) == "clausecheck"]
    dels = [e for e in b.iter(q("del")) if e.get(q("author")) == "clausecheck"]
    assert ins and dels
    assert all(e.get(q("date")) and e.get(q("id")) for e in ins + dels)
    ids = [e.get(q("id")) for e in b.iter(q("ins"), q("del"))]
    assert len(ids) == len(set(ids))  # revision ids unique
    comments = part(out, "word/comments.xml")
    ours = [c for c in comments.iter(q("comment")) if c.get(q("author")) == "clausecheck"]
    assert len(ours) == len(rich["chosen"])
    first = rich["chosen"][0]
    assert any(first["title"] in "".join(c.itertext()) for c in ours)
    anchored = {e.get(q("id")) for e in b.iter(q("commentRangeStart"))}
    assert {c.get(q("id")) for c in ours} <= anchored
    assert {e.get(q("id")) for e in b.iter(q("commentReference"))} >= anchored
    docx.Document(io.BytesIO(out))  # python-docx opens it
    open_in_libreoffice(out, tmp_path)  # and so does LibreOffice


def test_docx_redline_keeps_the_original(rich):
    orig, out = rich["original"], rich["red"].data
    for name in ("word/styles.xml", "word/numbering.xml", "word/header1.xml", "word/footer1.xml"):
        assert c14n(out, name) == c14n(orig, name), name
    assert "Acme Robotics draft header" in "".join(part(out, "word/header1.xml").itertext())
    kept = [p for p in body(out).iter(q("p")) if p.find(f"{q('pPr')}/{q('rPr')}/{q('ins')}") is None]
    styles = [e.get(q("val")) for p in kept for e in p.iter(q("pStyle"))]
    assert styles.count("ListNumber") == len(CLAUSES)  # every numbered clause keeps its numbering
    assert len(list(body(out).iter(q("tbl")))) == 1
    comments = part(out, "word/comments.xml")
    bob = [c for c in comments.iter(q("comment")) if c.get(q("author")) == "Bob Counsel"]
    assert bob and "Check the job title." in "".join(bob[0].itertext())
    alice = [e for e in body(out).iter(q("ins"), q("del")) if e.get(q("author")) == "Alice Reviewer"]
    assert {e.tag for e in alice} == {q("ins"), q("del")}
    # rejecting clausecheck's changes gives back the original document, Alice's changes still pending
    assert texts(resolve(body(out), accept=False, author="clausecheck")) == texts(body(orig))
    # rejecting every change gives back exactly the original text
    assert texts(resolve(body(out), accept=False)) == texts(resolve(body(orig), accept=False))


def test_docx_redline_accepted_reads_the_protective_language(rich):
    out = rich["red"].data
    accepted = flat(" ".join(texts(resolve(body(out), accept=True))))
    placed = [f for f in rich["chosen"] if f["id"] not in rich["red"].comment_only and f.get("suggestion")]
    assert placed
    for f in placed:
        assert flat(f["suggestion"]) in accepted, f["id"]
        for op, chunk in (f.get("redline") or {}).get("ops", []):
            if op == "delete" and len(chunk.split()) >= 6 and flat(chunk) not in flat(f["suggestion"]):
                assert flat(chunk) not in accepted, (f["id"], chunk)
    # Alice's insertion stays in the accepted text unless a clausecheck change replaced that clause
    original_accepted = flat(" ".join(texts(resolve(body(rich["original"]), accept=True))))
    assert "This waiver is irrevocable." in original_accepted


def test_include_and_ids_choose_the_findings(rich):
    findings = rich["result"]["findings"]
    high = choose(findings, parse_include("high"))
    assert all(f["severity"] == "high" for f in high)
    assert [f["id"] for f in choose(findings, None, [findings[0]["id"]])] == [findings[0]["id"]]
    with pytest.raises(RedlineError):
        parse_include("high,urgent")
    with pytest.raises(RedlineError):
        choose(findings, None, ["f999"])
    red = write_redline(rich["result"], rich["analysis"].text, high, original=rich["original"], author="Jordan Ellis")
    authors = {c.get(q("author")) for c in part(red.data, "word/comments.xml").iter(q("comment"))}
    assert authors == ({"Jordan Ellis", "Bob Counsel"} if high else {"Bob Counsel"})
    assert not [e for e in body(red.data).iter(q("ins")) if e.get(q("author")) == "clausecheck"]


def test_pdf_input_becomes_a_clean_docx_with_the_changes(tmp_path):
    path = SAMPLES / "offer_letter_acme_robotics.pdf"
    if not path.exists():
        pytest.skip("sample_contracts/ not present")
    out = tmp_path / "acme.redline.docx"
    res = CliRunner().invoke(app, ["redline", str(path), "--perspective", "employee", "--out", str(out),
                                   "--include", "high,medium"])
    assert res.exit_code == 0, res.output
    assert "tracked changes" in res.output
    data = out.read_bytes()
    analysis = clausecheck.analyze(path, perspective="employee")
    chosen = choose(analysis.to_dict()["findings"], ("high", "medium"))
    rejected = flat(" ".join(texts(resolve(body(data), accept=False))))
    assert rejected == flat(analysis.text)  # the contract's words, every change rejected
    accepted = flat(" ".join(texts(resolve(body(data), accept=True))))
    assert any(flat(f["suggestion"]) in accepted for f in chosen if f.get("suggestion"))
    styles = {e.get(q("val")) for e in body(data).iter(q("pStyle"))}
    assert any(s.startswith("Heading") for s in styles)  # headings as Word headings
    txt = open_in_libreoffice(data, tmp_path, "txt:Text")
    assert "ACME ROBOTICS" in txt.read_text(encoding="utf-8-sig")


def test_cli_redline_errors_are_one_line(tmp_path):
    cases = [
        (["redline", str(tmp_path / "missing.docx"), "--out", str(tmp_path / "o.docx")], "missing.docx"),
        (["redline", str(SAMPLES / "offer_letter_acme_robotics.docx"), "--out", str(tmp_path / "o.pdf")], "o.pdf"),
        (["redline", str(SAMPLES / "offer_letter_acme_robotics.docx"), "--out", str(tmp_path / "o.docx"),
          "--include", "urgent"], "urgent"),
    ]
    for args, word in cases:
        proc = subprocess.run(["clausecheck", *args], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and word in lines[0] and "Traceback" not in proc.stderr


# ---- the email ------------------------------------------------------------------------------------

def test_voice_of_the_reader():
    assert voiced("You give up your moral rights (credit and integrity)", False) == \
        "I give up my moral rights (credit and integrity)"
    assert voiced("They can cut you off at any time", True) == "You can cut us off at any time"
    assert voiced("You are paid slowly (30 days)", False) == "I am paid slowly (30 days)"
    assert voiced("Ideas you have after leaving are presumed to be theirs", False) == \
        "Ideas I have after leaving are presumed to be yours"


def _email_checks(result: dict) -> None:
    text = render_email(result)
    body_text = flat(text)
    for f in result["findings"]:
        if f["severity"] == "high" and f.get("suggestion"):
            assert flat(f["suggestion"]) in body_text, f["id"]
    for f in result["findings"]:
        if f["severity"] == "info" and f.get("suggestion") and f["suggestion"] not in \
                {g["suggestion"] for g in asks(result)}:
            assert flat(f["suggestion"]) not in body_text, f["id"]
    assert "Fallback" not in text
    lines = [n for n in text.splitlines() if n[:1].isdigit()]
    assert len(lines) == len(asks(result))
    order = [f["severity"] for f in asks(result)]
    assert order == sorted(order, key=["high", "medium", "low"].index)


@pytest.mark.parametrize("name,perspective", [("offer_letter_acme_robotics.pdf", "employee"),
                                              ("stock_contributor_pixelgrove.pdf", "creator"),
                                              ("saas_msa_ledgerline.pdf", "customer")])
def test_email_names_every_high_ask(name, perspective):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip("sample_contracts/ not present")
    result = clausecheck.analyze(path, perspective=perspective).to_dict()
    _email_checks(result)
    text = render_email(result)
    assert text.startswith("Subject: ")
    assert ("I would like" in text) if perspective != "customer" else ("we would like" in text or "no changes" in text)


@pytest.mark.slow
def test_email_for_every_sample_contract():
    import yaml

    for spec in sorted(SAMPLES.glob("*.expected.yaml")):
        doc = spec.with_name(spec.name.replace(".expected.yaml", ".pdf"))
        for perspective in (yaml.safe_load(spec.read_text()).get("perspectives") or {}):
            _email_checks(clausecheck.analyze(doc, perspective=perspective).to_dict())


def test_cli_email_format():
    path = SAMPLES / "offer_letter_acme_robotics.docx"
    if not path.exists():
        pytest.skip("sample_contracts/ not present")
    res = CliRunner().invoke(app, ["analyze", str(path), "--perspective", "employee", "--format", "email"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("Subject: ") and "[Your name]" in res.output


# ---- the service: API and the page ------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from test_service import Server

    srv = Server(tmp_path_factory.mktemp("redline-service"))
    yield srv
    srv.stop()


def _upload(server, data: bytes, name: str, keep: bool) -> dict:
    with server.client() as c:
        r = c.post("/api/v1/analyses", files={"file": (name, data)},
                   data={"perspective": "employee", "keep_file": "true" if keep else "false"})
        assert r.status_code == 201, r.text
        return r.json()


def test_api_redline_from_kept_docx_and_rebuilt(server):
    data = rich_docx()
    kept = _upload(server, data, "offer_rich.docx", keep=True)
    not_kept = _upload(server, data, "offer_rich.docx", keep=False)
    ids = [f["id"] for f in kept["findings"] if f["severity"] in ("high", "medium", "low")][:2]
    assert ids
    with server.client() as c:
        r = c.get(f"/api/v1/analyses/{kept['id']}/redline.docx", params={"findings": ",".join(ids),
                                                                         "author": "Jordan Ellis"})
        assert r.status_code == 200, r.text
        assert r.headers["x-clausecheck-redline-source"] == "original"
        assert "attachment" in r.headers["content-disposition"]
        authors = [c_.get(q("author")) for c_ in part(r.content, "word/comments.xml").iter(q("comment"))]
        assert authors.count("Jordan Ellis") == len(ids) and "Bob Counsel" in authors
        assert c14n(r.content, "word/numbering.xml") == c14n(data, "word/numbering.xml")
        r2 = c.get(f"/api/v1/analyses/{not_kept['id']}/redline.docx", params={"include": "high"})
        assert r2.status_code == 200 and r2.headers["x-clausecheck-redline-source"] == "rebuilt from text"
        rejected = flat(" ".join(texts(resolve(body(r2.content), accept=False))))
        assert "Assignment of Inventions" in rejected and "Bob Counsel" not in rejected
        assert c.get(f"/api/v1/analyses/{kept['id']}/redline.docx", params={"include": "urgent"}).status_code == 422
        assert c.get(f"/api/v1/analyses/{kept['id']}/redline.docx", params={"findings": "f999"}).status_code == 422
        assert c.get(f"/api/v1/analyses/{kept['id']}/redline.docx", params={"chosen": "1"}).status_code == 422
        assert c.get("/api/v1/analyses/nope/redline.docx").status_code == 404
        page = c.get(f"/analyses/{not_kept['id']}").text
        assert "Download Word redline" in page and "rebuilt from the contract" in page


def test_browser_downloads_the_chosen_findings(server, tmp_path):
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("no Chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    rec = _upload(server, rich_docx(), "offer_rich.docx", keep=True)
    wanted = [f for f in rec["findings"] if f["severity"] in ("high", "medium", "low")]
    assert len(wanted) >= 2
    keep = wanted[0]["id"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            page = browser.new_context(accept_downloads=True).new_page()
            page.goto(f"{server.url}/analyses/{rec['id']}")
            boxes = page.locator("#redline-form input[name=findings]")
            assert boxes.count() == len(rec["findings"])
            for i in range(boxes.count()):
                box = boxes.nth(i)
                if box.get_attribute("value") == keep:
                    box.check()
                else:
                    box.uncheck()
            with page.expect_download() as info:
                page.click("#download-redline")
            saved = tmp_path / "downloaded.docx"
            info.value.save_as(saved)
            assert info.value.suggested_filename.endswith(".docx")
            page.click("#email summary")
            assert page.locator("#email-text").inner_text().startswith("Subject: ")
            assert page.locator("#email button.copy").is_visible()
        finally:
            browser.close()
    data = saved.read_bytes()
    docx.Document(io.BytesIO(data))
    ours = [c for c in part(data, "word/comments.xml").iter(q("comment")) if c.get(q("author")) == "clausecheck"]
    assert len(ours) == 1 and wanted[0]["title"] in "".join(ours[0].itertext())
