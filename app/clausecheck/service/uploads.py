"""Reading uploads within limits: the request body is counted as it arrives (Content-Length is
not trusted) and must arrive within a time limit (a stalled upload gets 408 and lets go), each
document is checked against the size limit, and a batch's zip is unpacked with caps on members,
sizes and compression ratio; a member with an unsafe path is reported, not silently dropped."""

from __future__ import annotations

import asyncio
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from ..documents import sniff
from .errors import Problem

MULTIPART_OVERHEAD = 64 * 1024
DRAIN_CAP = 512 * 1024 * 1024  # read (and drop) at most this much of a too-large body to answer cleanly


class _TooLarge(Exception):
    pass


class _Stalled(Exception):
    pass


def clean_name(name: str | None, default: str = "upload") -> str:
    """A file's base name, safe to show and store: no folders, no control characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[:200] or default


async def read_form(request: Request, max_body: int, *, max_files: int = 1,
                    timeout: float | None = None) -> FormData:
    """The parsed form. The whole body must arrive within `timeout` seconds (None: no limit)."""
    ctype = request.headers.get("content-type", "")
    if not ctype.lower().startswith("multipart/form-data"):
        raise Problem(415, "send the contract as multipart/form-data (a form upload with a 'file' field)")
    limit = max_body + MULTIPART_OVERHEAD
    declared = request.headers.get("content-length")
    received = 0
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout if timeout else None

    async def next_message() -> dict:
        if deadline is None:
            return await request.receive()
        try:
            return await asyncio.wait_for(request.receive(), max(deadline - loop.time(), 0.001))
        except TimeoutError:
            raise _Stalled() from None

    async def receive():
        nonlocal received
        message = await next_message()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge()
        return message

    too_large = Problem(413, f"the upload is larger than the {max_body / 1048576:g} MB limit",
                        title="Upload too large")
    stalled = Problem(408, f"the upload did not arrive within {timeout or 0:g} s; send it again on a faster "
                           "connection", title="Upload too slow", headers={"Connection": "close"})
    try:
        if declared and declared.isdigit() and int(declared) > limit:
            await _drain(next_message, int(declared))
            raise too_large
        try:
            return await Request(request.scope, receive).form(max_files=max_files, max_fields=20,
                                                              max_part_size=limit)  # a pasted 'text' field
        except _TooLarge:
            await _drain(next_message, DRAIN_CAP)
            raise too_large from None
    except _Stalled:
        raise stalled from None
    except Problem:
        raise
    except Exception as exc:  # starlette's MultiPartException and malformed bodies
        raise Problem(400, f"the upload could not be read as a form ({exc})") from None


async def _drain(next_message, up_to: int) -> None:
    """Read and discard the rest of the body, so the client gets our answer rather than a reset."""
    seen = 0
    while seen <= min(up_to, DRAIN_CAP):
        message = await next_message()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body"):
            return


def form_value(form: FormData, key: str) -> str | None:
    value = form.get(key)
    return value if isinstance(value, str) else None


async def one_file(form: FormData, max_bytes: int, field: str = "file") -> tuple[str, bytes]:
    upload = form.get(field)
    if not isinstance(upload, UploadFile):
        files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
        if len(files) != 1:
            raise Problem(422, f"attach exactly one contract in the '{field}' field")
        upload = files[0]
    name = clean_name(upload.filename)
    data = await upload.read()
    check_document(name, data, max_bytes)
    return name, data


PASTED_NAME = "pasted-text.txt"


async def one_document(form: FormData, max_bytes: int) -> tuple[str, bytes]:
    """The contract of an analysis: the uploaded 'file', or the text pasted in the 'text' field."""
    text = form_value(form, "text")
    has_file = any(isinstance(v, UploadFile) and (v.filename or v.size) for _, v in form.multi_items())
    if text is None or (not text.strip() and has_file):
        return await one_file(form, max_bytes)
    if has_file:
        raise Problem(422, "send either a file in the 'file' field or pasted text in the 'text' field, not both")
    data = text.encode("utf-8")
    check_document(PASTED_NAME, data, max_bytes)
    return PASTED_NAME, data


def check_document(name: str, data: bytes, max_bytes: int) -> None:
    """Size and type, judged by content, before any worker time is spent."""
    if len(data) > max_bytes:
        raise Problem(413, f"{name}: is {len(data) / 1048576:.1f} MB, over the {max_bytes / 1048576:g} MB limit",
                      title="Upload too large")
    if not data.strip():
        raise Problem(422, f"{name}: is empty", title="Unusable document")
    kind = sniff(data)
    if kind == "corrupt-zip":
        raise Problem(422, f"{name}: looks like a DOCX/ZIP file but is corrupt (cannot open the archive)",
                      title="Unusable document")
    if kind in (None, "zip", "ole"):
        what = {"zip": "a ZIP archive, not a DOCX document", "ole": "a legacy Word .doc or an encrypted "
                "Office file (save it as .docx or PDF)"}.get(kind, "not a type clausecheck reads (PDF, DOCX, "
                                                             "plain text, HTML, Markdown or a PNG/JPEG/TIFF scan), "
                                                             "judged by its content")
        raise Problem(415, f"{name}: is {what}", title="Unsupported file type")


@dataclass
class BatchFile:
    name: str
    data: bytes | None
    error: str | None = None


async def batch_files(form: FormData, max_bytes: int, max_total: int, max_files: int) -> list[BatchFile]:
    """Every document of a batch upload: several files, or one zip of them (or a mix)."""
    uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
    if not uploads:
        raise Problem(422, "attach the contracts in the 'files' field (several files, or one .zip)")
    out: list[BatchFile] = []
    for up in uploads:
        name = clean_name(up.filename)
        data = await up.read()
        if not data and not up.filename:
            continue  # an empty file input in a browser form
        if sniff(data) == "zip":
            out.extend(_unzip(name, data, max_bytes, max_total, max_files))
        else:
            out.append(_checked(name, data, max_bytes))
        if len(out) > max_files:
            raise Problem(413, f"a batch may hold at most {max_files} files", title="Batch too large")
    if not out:
        raise Problem(422, "the batch holds no documents")
    return out


def _checked(name: str, data: bytes, max_bytes: int) -> BatchFile:
    try:
        check_document(name, data, max_bytes)
    except Problem as p:
        return BatchFile(name, None, p.detail)
    return BatchFile(name, data)


def _unzip(zip_name: str, data: bytes, max_bytes: int, max_total: int, max_files: int) -> list[BatchFile]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, NotImplementedError, OSError, EOFError):
        raise Problem(422, f"{zip_name}: the ZIP archive is corrupt", title="Unusable archive") from None
    unsafe = [i for i in infos if not i.is_dir() and _unsafe(i.filename)]
    members = [i for i in infos if not i.is_dir() and not _unsafe(i.filename) and not _junk(i.filename)]
    if len(members) + len(unsafe) > max_files:
        raise Problem(413, f"{zip_name}: holds {len(members)} files; a batch may hold at most {max_files}",
                      title="Batch too large")
    total = 0
    out = [BatchFile(f"{zip_name}/{_shown_path(i.filename)}", None,
                     f"{zip_name}/{_shown_path(i.filename)}: has an unsafe path in the archive (it climbs out of "
                     "the folder with '..' or starts at the root); skipped") for i in unsafe]
    with zf:
        for info in members:
            name = clean_name(info.filename, default=f"member-{len(out) + 1}")
            shown = f"{zip_name}/{name}"
            if info.file_size > max_bytes:
                out.append(BatchFile(shown, None, f"{shown}: is {info.file_size / 1048576:.1f} MB, over the "
                                                  f"{max_bytes / 1048576:g} MB limit"))
                continue
            total += info.file_size
            if total > max_total:
                raise Problem(413, f"{zip_name}: unpacks to more than the {max_total / 1048576:g} MB batch limit",
                              title="Batch too large")
            if info.compress_size and info.file_size / info.compress_size > 200 and info.file_size > 1 << 20:
                out.append(BatchFile(shown, None, f"{shown}: compressed suspiciously well (a zip bomb?); skipped"))
                continue
            try:
                with zf.open(info) as f:
                    body = f.read(max_bytes + 1)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError, ValueError) as exc:
                msg = "is encrypted" if "encrypt" in str(exc).lower() or "password" in str(exc).lower() else \
                    f"cannot be unpacked ({exc})"
                out.append(BatchFile(shown, None, f"{shown}: {msg}"))
                continue
            if sniff(body) == "zip":
                out.append(BatchFile(shown, None, f"{shown}: is a ZIP inside the ZIP; unpack it first"))
                continue
            out.append(_checked(shown, body, max_bytes))
    return out


def _unsafe(path: str) -> bool:
    """A member path that would leave the folder it is unpacked into: '..' parts, or an absolute path."""
    norm = path.replace("\\", "/")
    return norm.startswith("/") or re.match(r"^[A-Za-z]:", norm) is not None or ".." in norm.split("/")


def _shown_path(path: str) -> str:
    """A member's path as given (so the user recognises it), without control characters."""
    return "".join(ch for ch in path if unicodedata.category(ch)[0] != "C")[:200] or "member"


def _junk(path: str) -> bool:
    parts = path.replace("\\", "/").split("/")
    return any(p.startswith(".") or p == "__MACOSX" for p in parts) or parts[-1] in ("Thumbs.db", "desktop.ini")
