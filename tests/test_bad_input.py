"""Input a user can get wrong: one clear line naming the file, exit code 2, never a traceback."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from clirun import run_cli
from pdfmaker import make_pdf, raw_pdf

ONE_PAGE = [["1. Term. This Agreement begins on the Effective Date and lasts two years."]]


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


# ---- hostile input (issue 16) ---------------------------------------------------------------------


def nested_page_tree(depth: int) -> bytes:
    """One page under `depth` nested /Pages nodes."""
    text = b"BT /F1 12 Tf 72 720 Td (The Licensee shall pay the fee within thirty days of the invoice.) Tj ET"
    page_id = depth + 2
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for k in range(depth):
        kid = 3 + k if k < depth - 1 else page_id
        parent = b" /Parent %d 0 R" % (1 + k) if k else b""
        objs.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (kid, parent))
    objs.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /Font "
                b"<< /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>" % (depth + 1, page_id + 1))
    objs.append(b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream")
    return raw_pdf(objs)


def test_a_shallow_hand_written_page_tree_reads():
    """The generator below makes readable PDFs: only the depth or the loop makes the next test's files bad."""
    with tempfile.TemporaryDirectory() as d:
        path = write(Path(d), "shallow.pdf", nested_page_tree(3))
        result = run_cli("parse", str(path))
        assert result.returncode == 0, result.stderr
        assert "within thirty days" in result.stdout


@pytest.mark.parametrize("engine", ["auto", "pdfplumber"])
@pytest.mark.parametrize("name,data", [
    ("deep.pdf", nested_page_tree(5000)),
    ("loop.pdf", raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                          b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>"])),
])
def test_pdf_page_tree_nested_5000_deep_or_looping(tmp_path, name, data, engine):
    """PDFium's 'Failed to load page' used to escape as a traceback and exit 1."""
    check_refused(write(tmp_path, name, data), "pdf", "--pdf-engine", engine)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_not_read(device):
    """`parse /dev/zero` used to grow to gigabytes and die with a MemoryError traceback."""
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    check_refused(Path(device), "not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    """A FIFO used to block for ever (nobody writes to it); run_cli's own timeout would fail this test."""
    fifo = tmp_path / "contract.txt"
    os.mkfifo(fifo)
    check_refused(fifo, "not a regular file")
    result = run_cli("analyze", str(fifo))
    assert result.returncode == 2 and "not a regular file" in result.stderr and "Traceback" not in result.stderr


def contract_with(blob: str) -> str:
    return ("1. Fees. The Client shall pay the Designer within thirty (30) days of each invoice, and a royalty "
            f"of five percent of net receipts. {blob} The licence lasts 2 years.\n\n"
            "2. Governing Law. This Agreement is governed by the laws of the State of New York.\n")


@pytest.mark.parametrize("blob", ["a" * 40_000, "a-" * 20_000, "x" * 39_990 + " 12 months"])
def test_durations_and_percentages_read_past_a_40000_letter_word(blob):
    """What the regexes find is unchanged by a long run of letters next to it."""
    from clausecheck.extract.amounts import durations, percentages

    text = contract_with(blob)
    found = {(d["value"], d["unit"]) for d in durations(text)}
    assert {(30.0, "day"), (2.0, "year")} <= found
    assert (12.0, "month") in found or not blob.endswith("months")
    assert [p["value"] for p in percentages(text)] == [5]


def test_a_40000_letter_word_analyses_within_the_time_limit(tmp_path):
    """Before the fix the duration and percentage regexes rescanned the word from every letter (about two
    minutes of CPU at 40 KB); --timeout turns any such slowness into one line and exit 2, so a limit far
    above the normal time tells the two apart."""
    path = tmp_path / "blob.txt"
    path.write_text(contract_with("Q" * 40_000))
    result = run_cli("analyze", str(path), "--format", "json", "--timeout", "60")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_analyze_time_limit_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "slow.txt"
    path.write_text(contract_with("") * 1000)
    result = run_cli("analyze", str(path), "--timeout", "1")
    # loading the model alone takes longer than a second, so the limit is reached
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "slow.txt: took longer than the 1 s time limit" in lines[0], result.stderr
