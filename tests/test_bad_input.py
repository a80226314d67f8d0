"""Input a user can get wrong: one clear line naming the file, exit code 2, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pdfmaker import make_pdf

ONE_PAGE = [["1. Term. This Agreement begins on the Effective Date and lasts two years."]]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clausecheck.cli", *args], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], timeout=120)


def check_refused(path: Path, expect: str, *extra: str) -> None:
    result = run_cli("parse", str(path), *extra)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # one line, no traceback
    assert path.name in lines[0]
    assert expect in lines[0].lower()
    assert "Traceback" not in result.stderr


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_unknown_type_is_judged_by_content_not_extension(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    check_refused(write(tmp_path, "contract.pdf", png), "not a type clausecheck reads")


def test_empty_file(tmp_path):
    check_refused(write(tmp_path, "offer.txt", b""), "is empty")
    check_refused(write(tmp_path, "blank.txt", b"  \n\n\t "), "is empty")


def test_corrupt_pdf(tmp_path):
    good = make_pdf(ONE_PAGE)
    check_refused(write(tmp_path, "broken.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50), "corrupt")
    check_refused(write(tmp_path, "truncated.pdf", good[: len(good) // 3]), "pdf")


def test_password_protected_pdf(tmp_path):
    check_refused(write(tmp_path, "locked.pdf", make_pdf(ONE_PAGE, password="s3cret")), "password-protected")


def test_pdf_without_text_layer_says_it_needs_ocr(tmp_path):
    check_refused(write(tmp_path, "scan.pdf", make_pdf([[], []], image_only=True, footer=None)), "needs ocr")


def test_size_limit(tmp_path):
    path = write(tmp_path, "big.txt", b"The Licensee shall pay royalties. " * 40_000)  # about 1.3 MB
    check_refused(path, "size limit", "--max-size-mb", "1")


def test_page_limit(tmp_path):
    path = write(tmp_path, "long.pdf", make_pdf(ONE_PAGE * 3))
    check_refused(path, "page limit", "--max-pages", "2")


def test_missing_file(tmp_path):
    result = run_cli("parse", str(tmp_path / "nowhere.pdf"))
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_corrupt_docx(tmp_path):
    check_refused(write(tmp_path, "broken.docx", b"PK\x03\x04" + b"\x00" * 200), "corrupt")


def test_zip_that_is_not_a_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    check_refused(write(tmp_path, "archive.docx", buf.getvalue()), "not a docx")


def test_docx_zip_bomb(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (300 * 1024 * 1024) + b"</w:document>")
    check_refused(write(tmp_path, "bomb.docx", buf.getvalue()), "zip bomb")


@pytest.mark.parametrize("name,doctype,expect", [
    ("laughs.docx", '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>', "entit"),
    ("xxe.docx", '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "entit"),
])
def test_docx_entity_declarations_are_refused(tmp_path, name, doctype, expect):
    body = ('<?xml version="1.0"?>' + doctype +
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:body><w:p><w:r><w:t>&c;&x;</w:t></w:r></w:p></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"/>')
        zf.writestr("word/document.xml", body)
    check_refused(write(tmp_path, name, buf.getvalue()), expect)
