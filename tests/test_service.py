"""The web service, run for real: uvicorn on a free port in its own process, every route exercised
over HTTP with real PDF, DOCX and text files."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from pdfmaker import make_pdf

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_contracts"

CLAUSES = [
    "1. Position. The Company offers the Employee the position of Engineer.",
    "",
    "2. Inventions. The Employee hereby assigns to the Company all right, title and interest in",
    "all inventions conceived during employment, whether or not during working hours.",
    "",
    "3. Non-Competition. For two years after termination the Employee shall not work for a competitor.",
    "",
    "4. Governing Law. This Agreement is governed by the laws of the State of New York.",
]


# ---- a real server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data_dir: Path, env: dict | None = None, workers: int = 2) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir / "server.log"
        full_env = {**os.environ, "CLAUSECHECK_DATA_DIR": str(data_dir), "CLAUSECHECK_WORKERS": str(workers)}
        full_env.pop("CLAUSECHECK_DATABASE_URL", None)
        full_env.update(env or {})
        data_dir.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log, "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "clausecheck.cli", "serve", "--port", str(self.port)],
                                     cwd=ROOT, env=full_env, stdout=self._log, stderr=subprocess.STDOUT)
        self.wait_ready()

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()}")
            try:
                r = httpx.get(self.url + "/healthz", timeout=2)
                last = r.text
                if r.status_code == 200 and r.json()["workers_ready"] >= 1:
                    return
            except httpx.HTTPError as exc:
                last = repr(exc)
            time.sleep(0.25)
        tail = self.log.read_text()[-3000:]
        self.stop()
        raise RuntimeError(f"server not ready in {timeout} s; /healthz: {last}; log: {tail}")

    def client(self, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120, **kw)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("service"), {"CLAUSECHECK_MAX_MB": "2"})
    yield srv
    srv.stop()
    assert "Traceback" not in srv.log.read_text(), srv.log.read_text()


@pytest.fixture(scope="module")
def http(server):
    with server.client() as c:
        yield c


def sample(name: str) -> bytes:
    path = SAMPLES / name
    if path.exists():
        return path.read_bytes()
    return make_pdf([CLAUSES])  # sample_contracts/ not there yet: a real PDF of our own


def docx_bytes() -> bytes:
    path = SAMPLES / "offer_letter_acme_robotics.docx"
    if path.exists():
        return path.read_bytes()
    import docx

    d = docx.Document()
    for line in CLAUSES:
        if line:
            d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def upload(http: httpx.Client, name: str, data: bytes, **fields) -> httpx.Response:
    return http.post("/api/v1/analyses", files={"file": (name, data)}, data=fields)


def assert_problem(r: httpx.Response, status: int, *words: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json"), r.headers
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in r.text
    for w in words:
        assert w.lower() in body["detail"].lower(), body
    return body


# ---- health, docs -------------------------------------------------------------------------------------


def test_healthz(http):
    r = http.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["database"] is True and body["workers"] == 2


def test_openapi_lists_every_route(http):
    paths = http.get("/openapi.json").json()["paths"]
    for p in ["/api/v1/analyses", "/api/v1/analyses/{aid}", "/api/v1/analyses/{aid}/report", "/api/v1/categories",
              "/api/v1/library", "/api/v1/batches", "/api/v1/batches/{bid}", "/api/v1/batches/{bid}/results.{fmt}",
              "/healthz"]:
        assert p in paths, p
    assert "multipart/form-data" in paths["/api/v1/analyses"]["post"]["requestBody"]["content"]
    docs = http.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()  # served from here: works offline
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert http.get(f"/static-offline-docs/{asset}").status_code == 200


# ---- analyses ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name,data", [
    ("offer_letter_acme_robotics.pdf", None),
    ("offer.docx", "docx"),
    ("terms.txt", "txt"),
])
def test_analyse_real_files(http, name, data):
    if data is None:
        data = sample(name)
    elif data == "docx":
        data = docx_bytes()
    else:
        data = "\n\n".join(line for line in CLAUSES if line).encode()
    r = upload(http, name, data, perspective="employee")
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["location"] == f"/api/v1/analyses/{body['id']}"
    assert set(body) >= {"id", "document", "perspective", "clauses", "findings", "links"}
    assert body["document"]["name"] == name and len(body["document"]["sha256"]) == 64
    assert body["document"]["format"] == name.rsplit(".", 1)[1]
    assert body["perspective"] == "employee" and body["clauses"]
    for c in body["clauses"]:
        assert {"id", "text", "start", "end", "page", "section", "labels", "attributes"} <= set(c)
    assert any(c["labels"] for c in body["clauses"])
    # what GET returns is what POST returned, and the document text matches the clause offsets
    got = http.get(f"/api/v1/analyses/{body['id']}", params={"include_text": "true"}).json()
    assert got["clauses"] == body["clauses"] and got["findings"] == body["findings"]
    for c in got["clauses"]:
        assert got["text"][c["start"]:c["end"]] == c["text"]


def test_perspective_is_honoured_and_checked(http):
    data = sample("offer_letter_acme_robotics.pdf")
    r = upload(http, "a.pdf", data, perspective="creator")
    assert r.status_code == 201 and r.json()["perspective"] == "creator"
    assert_problem(upload(http, "a.pdf", data, perspective="landlord"), 422, "perspective")
    assert_problem(upload(http, "a.pdf", data, min_score="lots"), 422, "min_score")
    assert_problem(upload(http, "a.pdf", data, min_score="1.5"), 422, "min_score")
    low = upload(http, "a.pdf", data, min_score="0.05").json()
    default = upload(http, "a.pdf", data).json()
    assert sum(len(c["labels"]) for c in low["clauses"]) >= sum(len(c["labels"]) for c in default["clauses"])


def test_upload_is_not_kept_unless_asked(http, server):
    data = sample("offer_letter_acme_robotics.pdf")
    plain = upload(http, "plain.pdf", data).json()
    assert plain["file_kept"] is False
    assert_problem(http.get(f"/api/v1/analyses/{plain['id']}/file"), 404, "not kept")
    kept = upload(http, "kept.pdf", data, keep_file="true").json()
    assert kept["file_kept"] is True
    r = http.get(kept["links"]["file"])
    assert r.status_code == 200 and r.content == data
    # the database holds the bytes of the kept upload only
    with sqlite3.connect(server.data_dir / "clausecheck.db") as db:
        rows = db.execute("SELECT analysis_id FROM uploads").fetchall()
    assert (kept["id"],) in rows and (plain["id"],) not in rows
    # and no copy of any upload is left lying in the data folder
    leftovers = [p for p in (server.data_dir / "spool").rglob("*") if p.is_file()] if (server.data_dir / "spool").exists() else []
    assert leftovers == []


def test_ids_are_unguessable_and_unknown_ids_are_404(http):
    ids = {upload(http, "t.txt", b"1. Term. This Agreement lasts one year.").json()["id"] for _ in range(3)}
    assert len(ids) == 3
    for i in ids:
        assert len(i) >= 22 and i.replace("-", "").replace("_", "").isalnum()
    assert_problem(http.get("/api/v1/analyses/AAAAAAAAAAAAAAAAAAAAAA"), 404, "no analysis")
    assert_problem(http.get("/api/v1/analyses/../../etc/passwd"), 404)
    assert_problem(http.get("/api/v1/analyses/x' OR '1'='1"), 404)


def test_report_html_and_downloads(http):
    body = upload(http, "offer_letter_acme_robotics.pdf", sample("offer_letter_acme_robotics.pdf")).json()
    r = http.get(f"/api/v1/analyses/{body['id']}/report")
    try:
        from clausecheck.report.html import render_html  # noqa: F401
    except ImportError:
        assert_problem(r, 501, "report")
        return
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "offer_letter_acme_robotics" in r.text
    assert "script-src" not in r.headers["content-security-policy"]  # no script runs in a report
    d = http.get(f"/api/v1/analyses/{body['id']}/report", params={"download": 1})
    assert d.headers["content-disposition"].startswith("attachment;") and ".html" in d.headers["content-disposition"]
    j = http.get(f"/api/v1/analyses/{body['id']}", params={"download": 1})
    assert "attachment" in j.headers["content-disposition"] and json.loads(j.content)["id"] == body["id"]


def test_delete(http):
    body = upload(http, "kept.pdf", sample("offer_letter_acme_robotics.pdf"), keep_file="1").json()
    assert http.delete(f"/api/v1/analyses/{body['id']}").status_code == 204
    assert_problem(http.get(f"/api/v1/analyses/{body['id']}"), 404)
    assert_problem(http.get(f"/api/v1/analyses/{body['id']}/file"), 404)
    assert_problem(http.get(f"/api/v1/analyses/{body['id']}/report"), 404)
    assert_problem(http.delete(f"/api/v1/analyses/{body['id']}"), 404)


def test_categories_and_library(http):
    cats = http.get("/api/v1/categories").json()
    assert len(cats) > 30
    assert all({"id", "name", "description", "cuad"} <= set(c) for c in cats)
    assert any(c["cuad"] is None for c in cats) and any(c["cuad"] for c in cats)
    lib = http.get("/api/v1/library")
    assert lib.status_code == 200
    body = lib.json()
    assert isinstance(body["entries"], list) and body["source"] in ("redline", "yaml")
    if (ROOT / "clause_library").is_dir() and any((ROOT / "clause_library").glob("*.y*ml")):
        assert body["entries"] and all("id" in e for e in body["entries"])


# ---- what a user can get wrong ---------------------------------------------------------------------------


def test_bad_uploads_are_problem_details(http):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    assert_problem(upload(http, "contract.pdf", png), 415, "contract.pdf", "judged by its content")
    assert_problem(upload(http, "empty.pdf", b""), 422, "empty")
    assert_problem(upload(http, "broken.pdf", b"%PDF-1.7\n" + os.urandom(3000)), 422, "broken.pdf")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("a.txt", "hello")
    assert_problem(upload(http, "a.docx", zipped.getvalue()), 415, "zip")
    assert_problem(upload(http, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)), 415, ".doc")
    assert_problem(http.post("/api/v1/analyses", json={"file": "x"}), 415, "multipart")
    assert_problem(http.post("/api/v1/analyses", data={"perspective": "employee"},
                             files={"other": ("", b"")}), 422, "file")
    r = http.post("/api/v1/analyses", content=b"--xx\r\nnot really", headers={"content-type": "multipart/form-data; boundary=xx"})
    assert r.status_code in (400, 422) and r.headers["content-type"].startswith("application/problem+json")
    assert_problem(http.get("/api/v1/nothing-here"), 404)
    assert_problem(http.put("/api/v1/analyses"), 405)


def test_upload_size_limit(http):
    big = make_pdf([CLAUSES]) + b"%" + b"x" * (3 * 1024 * 1024)  # 3 MB, the server allows 2
    assert_problem(upload(http, "big.pdf", big), 413, "2 MB")
    # the limit holds without a Content-Length too (chunked upload)
    boundary = "cc-boundary"
    parts = [f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
             "Content-Type: application/pdf\r\n\r\n".encode(), big, f"\r\n--{boundary}--\r\n".encode()]

    def chunks():
        for p in parts:
            for i in range(0, len(p), 65536):
                yield p[i:i + 65536]

    r = http.post("/api/v1/analyses", content=chunks(), headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert_problem(r, 413)
    assert http.get("/healthz").status_code == 200


# ---- batches ----------------------------------------------------------------------------------------------


def wait_batch(http, bid: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        b = http.get(f"/api/v1/batches/{bid}").json()
        if b["status"] == "done":
            return b
        time.sleep(0.3)
    raise AssertionError(f"batch {bid} not done: {b}")


def test_batch_of_files(http):
    files = [("files", ("offer.pdf", sample("offer_letter_acme_robotics.pdf"))),
             ("files", ("offer.docx", docx_bytes())),
             ("files", ("notes.txt", "\n\n".join(line for line in CLAUSES if line).encode())),
             ("files", ("picture.pdf", b"\x89PNG\r\n\x1a\n" + bytes(2000)))]
    r = http.post("/api/v1/batches", files=files, data={"perspective": "employee"})
    assert r.status_code == 202, r.text
    bid = r.json()["id"]
    assert r.headers["location"] == f"/api/v1/batches/{bid}"
    b = wait_batch(http, bid)
    assert (b["total"], b["done"], b["failed"]) == (4, 3, 1), b
    bad = [i for i in b["items"] if i["status"] == "error"]
    assert bad[0]["name"] == "picture.pdf" and "judged by its content" in bad[0]["error"]
    for item in b["items"]:
        if item["status"] == "done":
            assert http.get(f"/api/v1/analyses/{item['analysis_id']}").status_code == 200

    rows = list(csv.DictReader(io.StringIO(http.get(f"/api/v1/batches/{bid}/results.csv").text)))
    assert {r["file"] for r in rows} == {"offer.pdf", "offer.docx", "notes.txt", "picture.pdf"}
    assert any(r["present"] == "yes" and r["clause_text"] for r in rows)
    assert [r["status"] for r in rows if r["file"] == "picture.pdf"] == ["error"]

    x = http.get(f"/api/v1/batches/{bid}/results.xlsx")
    assert x.status_code == 200 and x.content[:2] == b"PK"
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(x.content))
    assert {"Matrix", "Details", "Errors"} <= set(wb.sheetnames)
    assert wb["Matrix"].max_row == 5

    lines = http.get(f"/api/v1/batches/{bid}/results.jsonl").text.splitlines()
    assert len(lines) == 4 and json.loads(lines[0])["file"] == "offer.pdf"
    assert_problem(http.get(f"/api/v1/batches/{bid}/results.pdf"), 404)

    page = http.get(f"/batches/{bid}", headers={"accept": "text/html"})
    assert page.status_code == 200 and "offer.docx" in page.text and 'id="matrix"' in page.text
    assert http.get(f"/batches/{bid}", params={"sort": "worst"}).status_code == 200

    assert http.delete(f"/api/v1/batches/{bid}").status_code == 204
    assert_problem(http.get(f"/api/v1/batches/{bid}"), 404)
    for item in b["items"]:
        if item["analysis_id"]:
            assert http.get(f"/api/v1/analyses/{item['analysis_id']}").status_code == 404


def test_batch_from_a_zip(http):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("contracts/offer.pdf", sample("offer_letter_acme_robotics.pdf"))
        zf.writestr("contracts/offer.docx", docx_bytes())
        zf.writestr("__MACOSX/contracts/._offer.pdf", b"junk")
        zf.writestr("contracts/empty.txt", b"")
        zf.writestr("../escape.txt", b"1. Term. One year.")  # used to vanish without a word
    r = http.post("/api/v1/batches", files={"files": ("contracts.zip", buf.getvalue())}, data={"perspective": "vendor"})
    assert r.status_code == 202, r.text
    b = wait_batch(http, r.json()["id"])
    names = sorted(i["name"] for i in b["items"])
    assert names == ["contracts.zip/../escape.txt", "contracts.zip/empty.txt", "contracts.zip/offer.docx",
                     "contracts.zip/offer.pdf"]
    assert (b["done"], b["failed"], b["perspective"]) == (2, 2, "vendor")
    escape = next(i for i in b["items"] if i["name"].endswith("escape.txt"))
    assert escape["status"] == "error" and "unsafe path" in escape["error"]


def test_bad_batches(http):
    assert_problem(http.post("/api/v1/batches", data={"perspective": "employee"}, files={"x": ("", b"")}), 422)
    # a broken file is one failed item, not a failed request
    r = http.post("/api/v1/batches", files={"files": ("bad.zip", b"PK\x03\x04 broken")})
    assert r.status_code == 202
    b = wait_batch(http, r.json()["id"])
    assert b["failed"] == 1 and "corrupt" in b["items"][0]["error"]
    assert_problem(http.get("/api/v1/batches/AAAAAAAAAAAAAAAAAAAAAA"), 404)
    assert_problem(http.delete("/api/v1/batches/AAAAAAAAAAAAAAAAAAAAAA"), 404)


# ---- pages -----------------------------------------------------------------------------------------------------


def test_pages_without_javascript(http):
    html = {"accept": "text/html"}
    home = http.get("/", headers=html)
    assert home.status_code == 200 and 'action="/analyze"' in home.text and 'name="perspective"' in home.text
    assert "default-src 'self'" in home.headers["content-security-policy"]
    r = http.post("/analyze", files={"file": ("offer_letter_acme_robotics.pdf", sample("offer_letter_acme_robotics.pdf"))},
                  data={"perspective": "employee"}, headers=html)
    assert r.status_code == 303 and r.headers["location"].startswith("/analyses/")
    page = http.get(r.headers["location"], headers=html)
    assert page.status_code == 200
    assert "offer_letter_acme_robotics.pdf" in page.text and '<mark id="c-' in page.text
    assert "/report?download=1" in page.text and "?download=1" in page.text
    aid = r.headers["location"].rsplit("/", 1)[1]
    findings = http.get(f"/api/v1/analyses/{aid}").json()["findings"]
    for f in findings:
        assert (f.get("title") or f["rule"]) in page.text.replace("&#39;", "'").replace("&amp;", "&")
    lib = http.get("/library", headers=html)
    assert lib.status_code == 200 and "Clause library" in lib.text
    # a bad upload from the form gets an error page, not JSON and not a traceback
    bad = http.post("/analyze", files={"file": ("x.pdf", b"\x00\x01binary" * 50)}, headers=html)
    assert bad.status_code == 415 and "<html" in bad.text and "x.pdf" in bad.text
    missing = http.get("/analyses/AAAAAAAAAAAAAAAAAAAAAA", headers=html)
    assert missing.status_code == 404 and "<html" in missing.text
    # delete from the page
    gone = http.post(f"/analyses/{aid}/delete", headers=html)
    assert gone.status_code == 303 and http.get(f"/api/v1/analyses/{aid}").status_code == 404
    assert http.get("/static/app.js").status_code == 200


# ---- limits and safety: a second server with a token, one slot and a short time limit -------------------------


@pytest.fixture(scope="module")
def strict(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("strict"), {"CLAUSECHECK_API_TOKEN": "s3cret-token-for-tests",
                                                     "CLAUSECHECK_UPLOAD_TIMEOUT": "3",
                                                     "CLAUSECHECK_MAX_CONCURRENT": "1",
                                                     "CLAUSECHECK_TIMEOUT": "2"}, workers=1)
    yield srv
    srv.stop()


def test_token_is_required_when_configured(strict):
    with strict.client() as c:
        assert c.get("/healthz").status_code == 200  # health stays open
        body = assert_problem(c.get("/api/v1/categories"), 401, "token")
        assert body["status"] == 401
        assert_problem(c.get("/api/v1/categories", headers={"authorization": "Bearer wrong"}), 401)
        assert c.get("/api/v1/categories", headers={"authorization": "Bearer s3cret-token-for-tests"}).status_code == 200
        page = c.get("/", headers={"accept": "text/html"})
        assert page.status_code == 303 and page.headers["location"].startswith("/login")
        assert c.post("/login", data={"token": "nope", "next": "/"}).status_code == 401
        ok = c.post("/login", data={"token": "s3cret-token-for-tests", "next": "/library"})
        assert ok.status_code == 303 and ok.headers["location"] == "/library"
        assert c.get("/library", headers={"accept": "text/html"}).status_code == 200  # the cookie now
        assert c.get("/api/v1/categories").status_code == 200


def test_wrong_tokens_are_rate_limited(tmp_path):
    """Without a limit a token could be guessed as fast as the server answers."""
    srv = Server(tmp_path / "guarded", {"CLAUSECHECK_API_TOKEN": "a-long-enough-token-0123"}, workers=1)
    try:
        with srv.client() as c:
            for n in range(10):
                assert c.get("/api/v1/categories", headers={"authorization": f"Bearer guess-{n}"}).status_code == 401
            r = c.get("/api/v1/categories", headers={"authorization": "Bearer a-long-enough-token-0123"})
            assert_problem(r, 429, "too many wrong tokens")
            assert 1 <= int(r.headers["retry-after"]) <= 300
            assert c.post("/login", data={"token": "guess", "next": "/"}).status_code == 429
            assert c.get("/healthz").status_code == 200  # health stays open
    finally:
        srv.stop()
    assert "Traceback" not in srv.log.read_text()


def huge_contract() -> bytes:
    src = next((p for p in sorted((SAMPLES / "src").glob("*.md"))), None)
    text = src.read_bytes() if src else "\n\n".join(CLAUSES).encode()
    return text * (1_500_000 // len(text))  # about 20 s of work; the strict server's limit is 2 s


def test_busy_service_answers_503_with_retry_after(strict):
    import threading

    auth = {"authorization": "Bearer s3cret-token-for-tests"}
    answers = []

    def slow():  # holds the only slot until the time limit ends it
        with strict.client(headers=auth) as c:
            answers.append(c.post("/api/v1/analyses", files={"file": ("huge.txt", huge_contract())}).status_code)

    t = threading.Thread(target=slow)
    t.start()
    try:
        with strict.client(headers=auth) as c:
            deadline = time.monotonic() + 60
            while c.get("/healthz").json()["in_flight"] < 1 and time.monotonic() < deadline:
                time.sleep(0.05)
            r = c.post("/api/v1/analyses", files={"file": ("t.txt", b"1. Term. One year.")})
            assert_problem(r, 503, "busy")
            assert int(r.headers["retry-after"]) >= 1
    finally:
        t.join(120)
    assert answers == [422]
    with strict.client(headers=auth) as c:
        assert c.post("/api/v1/analyses", files={"file": ("t.txt", b"1. Term. One year.")}).status_code == 201


def test_retry_after_follows_the_queue_not_a_constant():
    from clausecheck.service.runtime import wait_estimate

    # 0.5 s per analysis on 2 workers: the 1st, 4th and 40th analyses ahead finish after 1, 1 and 10 s
    assert [wait_estimate(n, [0.5, 0.5], [], 2, 120) for n in (1, 4, 40)] == [1, 1, 10]
    assert wait_estimate(10, [], [], 2, 120) == 25  # nothing measured yet: 5 s each
    assert wait_estimate(10, [2.0], [30.0, 1.0], 2, 120) == 20  # one worker stuck on a slow document
    assert wait_estimate(10, [500.0], [], 1, 20) == 200  # never more than the time limit allows


def test_refused_clients_are_told_to_come_back_one_after_another(tmp_path):
    from clausecheck.service.config import ServiceConfig
    from clausecheck.service.runtime import Runtime

    rt = Runtime(ServiceConfig(data_dir=tmp_path))
    try:
        rt.latencies.extend([2.0, 2.0])  # 2 s per analysis, one worker (none started here)
        assert [rt.retry_after() for _ in range(4)] == [2, 4, 6, 8]
    finally:
        rt.store.close()


def test_overflow_is_refused_with_retry_after_and_the_retries_get_in(strict):
    """More simultaneous uploads than the service takes (here 1): the rest get 503 with Retry-After, and
    each refused upload sent again after its Retry-After is taken."""
    import threading

    auth = {"authorization": "Bearer s3cret-token-for-tests"}
    data = huge_contract()[:10_000]  # a few tenths of a second of work, well within the 2 s limit
    with strict.client(headers=auth) as c:  # one on its own first: the service learns how long it takes
        assert c.post("/api/v1/analyses", files={"file": ("c.txt", data)}).status_code == 201
    answers: list[httpx.Response] = []
    gate = threading.Barrier(5)

    def send():
        with strict.client(headers=auth) as c:
            gate.wait()
            answers.append(c.post("/api/v1/analyses", files={"file": ("c.txt", data)}))

    threads = [threading.Thread(target=send) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    codes = sorted(r.status_code for r in answers)
    assert set(codes) <= {201, 503} and codes.count(201) >= 1 and codes.count(503) >= 2, codes
    refused = [r for r in answers if r.status_code == 503]
    for r in refused:
        assert_problem(r, 503, "busy", "try again in about")
    waits = sorted(int(r.headers["retry-after"]) for r in refused)  # answers come in any order
    assert waits[0] >= 1, waits
    with strict.client(headers=auth) as c:
        start = time.monotonic()
        for w in waits:  # a client that does as told
            time.sleep(max(0.0, start + w - time.monotonic()))
            assert c.post("/api/v1/analyses", files={"file": ("c.txt", data)}).status_code == 201


def stalled_upload(port: int, host: str = "127.0.0.1") -> socket.socket:
    """An upload that sends its headers and a few bytes of body, then nothing."""
    sock = socket.create_connection(("127.0.0.1", port))
    head = (f"POST /api/v1/analyses HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Authorization: Bearer s3cret-token-for-tests\r\n"
            "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n"
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.txt\"\r\n\r\n1. Term.")
    sock.sendall(head.encode())
    return sock


def test_stalled_uploads_hold_no_slot_and_are_let_go(strict):
    """32 uploads that stopped after a few bytes used to take every slot: all others got 503."""
    socks = [stalled_upload(strict.port) for _ in range(40)]
    try:
        time.sleep(0.5)
        with strict.client(headers={"authorization": "Bearer s3cret-token-for-tests"}) as c:
            r = c.post("/api/v1/analyses", files={"file": ("t.txt", b"1. Term. This Agreement lasts one year.")})
            assert r.status_code == 201, r.text
        # the strict server allows an upload 3 s to arrive: each stalled one is answered and closed
        socks[0].settimeout(60)
        answer = b""
        while chunk := socks[0].recv(4096):  # until the server closes the connection
            answer += chunk
        answer = answer.decode("latin-1")
        assert answer.startswith("HTTP/1.1 408"), answer[:200]
        assert "did not arrive within 3 s" in answer
    finally:
        for sock in socks:
            sock.close()


def test_foreign_host_and_cross_site_posts_are_refused(http, server):
    # DNS rebinding: a page on evil.example resolves its own name to 127.0.0.1
    r = http.get("/api/v1/categories", headers={"host": f"evil.example:{server.port}"})
    assert_problem(r, 400, "host name")
    assert http.get("/api/v1/categories", headers={"host": f"localhost:{server.port}"}).status_code == 200
    # a form on another site, submitted by the user's browser
    form = {"file": ("t.txt", b"1. Term. This Agreement lasts one year.")}
    for header in ({"origin": "https://evil.example"}, {"referer": "https://evil.example/page"},
                   {"origin": "null", "sec-fetch-site": "cross-site"}):
        assert_problem(http.post("/api/v1/analyses", files=form, headers=header), 403, "another site")
        assert http.post("/analyze", files=form, headers={**header, "accept": "text/html"}).status_code == 403
    same = http.post("/api/v1/analyses", files=form, headers={"origin": server.url})
    assert same.status_code == 201, same.text


def test_document_time_limit(strict):
    huge = huge_contract()
    with strict.client(headers={"authorization": "Bearer s3cret-token-for-tests"}) as c:
        t = time.monotonic()
        r = c.post("/api/v1/analyses", files={"file": ("huge.txt", huge)})
        assert_problem(r, 422, "time limit")
        assert time.monotonic() - t < 15
        ok = c.post("/api/v1/analyses", files={"file": ("t.txt", b"1. Term. This Agreement lasts one year.")})
        assert ok.status_code == 201  # the service carries on


# ---- nothing is lost when the service stops -----------------------------------------------------------------


def test_batch_survives_a_restart(tmp_path):
    data = tmp_path / "data"
    srv = Server(data, workers=1)
    try:
        with srv.client() as c:
            files = [("files", (f"c{i}.txt", ("\n\n".join(CLAUSES) + f"\n\nContract {i}.").encode() * 40))
                     for i in range(6)]
            bid = c.post("/api/v1/batches", files=files).json()["id"]
    finally:
        srv.stop()  # stop at once, with the batch (most likely) unfinished
    srv = Server(data, workers=1)
    try:
        with srv.client() as c:
            b = wait_batch(c, bid)
            assert (b["total"], b["done"], b["failed"]) == (6, 6, 0), b
    finally:
        srv.stop()
    assert not [p for p in (data / "spool").rglob("*") if p.is_file()]  # uploads gone once analysed


@pytest.mark.parametrize("env,expect", [
    ({"CLAUSECHECK_DATABASE_URL": "nosuchdialect://x/y"}, "cannot open the database"),
    ({"CLAUSECHECK_TIMEOUT": "soon"}, "CLAUSECHECK_TIMEOUT"),
    ({"CLAUSECHECK_MAX_CONCURRENT": "0"}, "at least 1"),
    ({"CLAUSECHECK_API_TOKEN": "short"}, "use at least 16"),
    ({"CLAUSECHECK_KEEP_TEXT": "maybe"}, "CLAUSECHECK_KEEP_TEXT"),
])
def test_serve_refuses_bad_settings(tmp_path, env, expect):
    r = subprocess.run([sys.executable, "-m", "clausecheck.cli", "serve", "--port", str(free_port())], cwd=ROOT, timeout=60,
                       capture_output=True, text=True, env={**os.environ, "CLAUSECHECK_DATA_DIR": str(tmp_path), **env})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and expect in lines[0], r.stderr


# ---- pages for people: citations, filters, protections, the playbook, the no-contract notice ----------------


def test_analysis_page_speaks_plainly_and_filters_without_javascript(http):
    html = {"accept": "text/html"}
    r = upload(http, "offer_letter_acme_robotics.pdf", sample("offer_letter_acme_robotics.pdf"), perspective="employee")
    aid = r.json()["id"]
    api = http.get(f"/api/v1/analyses/{aid}").json()
    page = http.get(f"/analyses/{aid}", headers=html).text
    visible = re.sub(r"<[^>]+>", " ", page)  # text a reader sees, without tags and attributes
    assert not re.search(r"\bc\d+\b", visible) and api["document"]["sha256"][:12] not in page
    assert all(f["rule"] not in visible for f in api["findings"])
    assert re.search(r"§\d+(\.\d+)?, p\. \d", visible)  # citations by section and page
    assert api["values"]["contract_type_label"] in page
    if any(f.get("redline") for f in api["findings"]):
        assert "<del>" in page and "<ins>" in page and 'class="hit"' in page
    high = [f for f in api["findings"] if f["severity"] == "high" and f.get("position") != "acceptable"]
    only_high = http.get(f"/analyses/{aid}", params={"severity": "high"}, headers=html).text
    assert only_high.count('<article class="finding') == len(high)
    assert f"Showing {len(high)} of {len(api['findings'])}" in only_high or len(high) == len(api["findings"])
    cat = api["findings"][0]["category"]
    by_cat = http.get(f"/analyses/{aid}", params={"category": cat}, headers=html).text
    assert by_cat.count('<article class="finding') == sum(f["category"] == cat for f in api["findings"])
    # an unknown filter value shows everything rather than failing
    odd = http.get(f"/analyses/{aid}", params={"severity": "<x>", "category": "nope"}, headers=html)
    assert odd.status_code == 200 and odd.text.count('<article class="finding') == len(api["findings"])


def test_protections_are_listed_apart_and_counted(http):
    text = ("MASTER SUBSCRIPTION AGREEMENT\n\nThis Agreement is between Kestrel Labs, Inc. (\"Kestrel\") and the "
            "customer named in the order form (\"Customer\").\n\n1. Customer Content. Kestrel will not use Customer "
            "Content to train, retrain or improve any artificial intelligence or machine learning model.\n\n"
            "2. Fees. Customer will pay the fees in the order form within thirty days of invoice.\n\n"
            "3. Governing Law. This Agreement is governed by the laws of the State of Washington.\n")
    r = upload(http, "kestrel.txt", text.encode(), perspective="customer")
    api = http.get(f"/api/v1/analyses/{r.json()['id']}").json()
    protections = [f for f in api["findings"] if f["severity"] == "info" or f.get("position") == "acceptable"]
    page = http.get(f"/analyses/{r.json()['id']}", headers={"accept": "text/html"}).text
    n = len(protections)
    assert f"{n} protection{'' if n == 1 else 's'}" in page
    if protections:
        assert f"Protections found ({n})" in page and 'id="protections"' in page
        assert page.index(f'id="f-{protections[0]["id"]}"') > page.index('id="protections"')


def test_not_a_contract_is_said_in_api_and_page(http):
    recipe = ("Lemon drizzle cake\n\nHeat the oven to 180C. Beat the butter and sugar until pale, then add the eggs.\n\n"
              "Pour into a lined tin and bake for 45 minutes. You can freeze it for a month.\n\nServe with cream.\n")
    r = upload(http, "recipe.txt", recipe.encode())
    api = http.get(f"/api/v1/analyses/{r.json()['id']}").json()
    assert api["values"]["looks_like_contract"] is False
    assert any(n.startswith("This does not look like a contract") for n in api["notes"])
    page = http.get(f"/analyses/{r.json()['id']}", headers={"accept": "text/html"}).text
    assert 'class="notice"' in page and "This does not look like a contract" in page
    contract = upload(http, "offer.pdf", sample("offer_letter_acme_robotics.pdf")).json()
    assert http.get(f"/api/v1/analyses/{contract['id']}").json()["values"]["looks_like_contract"] is True


def test_library_page_reads_as_a_playbook(http):
    page = http.get("/library", headers={"accept": "text/html"}).text
    assert page.count('class="card libentry playbook"') >= 10
    for word in ("Acceptable", "Fallback", "Refuse", "Why it matters, from each side", "Suggested language"):
        assert word in page
    assert "detector" not in page and "params" not in page  # internal keys stay in the YAML
    first = re.search(r'href="/library/([a-z0-9_]+)\.yaml"', page).group(1)
    raw = http.get(f"/library/{first}.yaml")
    assert raw.status_code == 200 and raw.headers["content-type"].startswith("text/plain")
    assert f"category: {first}" in raw.text
    assert http.get("/library/no_such_thing.yaml").status_code == 404


def test_favicon(http):
    r = http.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml") and b"<svg" in r.content


def test_serve_reports_a_busy_port_before_serving(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "clausecheck.cli", "serve", "--port", str(port)], cwd=ROOT,
                           timeout=60, capture_output=True, text=True,
                           env={**os.environ, "CLAUSECHECK_DATA_DIR": str(tmp_path)})
    assert r.returncode == 2 and "Traceback" not in r.stderr and "serving on" not in r.stderr + r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and f"port {port}" in lines[0] and "in use" in lines[0], r.stderr
