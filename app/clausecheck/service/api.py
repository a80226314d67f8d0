"""The JSON API under /api/v1."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ..perspectives import DEFAULT_PERSPECTIVE, PERSPECTIVES
from .auth import api_auth
from .errors import Problem
from .runtime import Runtime
from .uploads import batch_files, form_value, one_document, read_form

router = APIRouter(dependencies=[Depends(api_auth)])

NOT_FOUND = "no analysis with id {id} (it may have been deleted)"

_OPTIONS = {
    "perspective": {"type": "string", "enum": list(PERSPECTIVES), "default": DEFAULT_PERSPECTIVE},
    "min_score": {"type": "number", "minimum": 0, "maximum": 1},
}
ANALYSIS_FORM = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object",
    "properties": {"file": {"type": "string", "format": "binary"},
                   "text": {"type": "string", "description": "the contract's text, instead of a file"}, **_OPTIONS,
                   "keep_file": {"type": "boolean", "default": False}}}}}}}
BATCH_FORM = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["files"],
    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}, **_OPTIONS}}}}}}


def rt(request: Request) -> Runtime:
    return request.app.state.rt


def parse_options(form) -> tuple[str, float | None, bool]:
    perspective = (form_value(form, "perspective") or DEFAULT_PERSPECTIVE).strip().lower()
    if perspective not in PERSPECTIVES:
        raise Problem(422, f"unknown perspective {perspective!r}; choose from {', '.join(PERSPECTIVES)}")
    raw = (form_value(form, "min_score") or "").strip()
    min_score = None
    if raw:
        try:
            min_score = float(raw)
        except ValueError:
            raise Problem(422, f"min_score must be a number between 0 and 1, not {raw!r}") from None
        if not 0.0 <= min_score <= 1.0:
            raise Problem(422, f"min_score must be between 0 and 1, not {raw}")
    keep = (form_value(form, "keep_file") or "").strip().lower() in ("1", "true", "yes", "on")
    return perspective, min_score, keep


async def create_analysis(request: Request) -> dict:
    """Shared by the API and the upload page: read, analyse, store. Returns the stored record."""
    r = rt(request)
    # the body is read before a slot is taken: a stalled upload holds no slot, and gets 408 in the end
    form = await read_form(request, r.config.max_bytes, max_files=1, timeout=r.config.upload_timeout)
    try:
        perspective, min_score, keep = parse_options(form)
        name, data = await one_document(form, r.config.max_bytes)
    finally:
        await form.close()
    async with r.slot():
        out = await r.analyse(data, name, perspective, min_score)
        aid = await run_in_threadpool(r.store.save_analysis, out["result"], out["text"],
                                      upload=data if keep else None, keep_text=r.config.keep_text)
    return {"id": aid, "file_kept": keep, "result": out["result"]}


def analysis_body(aid: str, result: dict, *, created_at: str | None = None, file_kept: bool = False) -> dict:
    return {"id": aid, "created_at": created_at, "file_kept": file_kept,
            "links": {"self": f"/api/v1/analyses/{aid}", "report": f"/api/v1/analyses/{aid}/report",
                      "page": f"/analyses/{aid}", **({"file": f"/api/v1/analyses/{aid}/file"} if file_kept else {})},
            **result}


def _download_name(name: str, suffix: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).stem)[:80] or "analysis"
    return f"{stem}.clausecheck.{suffix}"


@router.post("/analyses", status_code=201, summary="Analyse an uploaded contract",
             description="multipart/form-data: `file` (PDF, DOCX, text or HTML) or `text` (the contract's text, "
                         "pasted), `perspective` (employee, creator, "
                         "customer, vendor), optional `min_score` (0-1) and `keep_file` (true to keep the "
                         "uploaded bytes; by default only the derived results are kept).",
             openapi_extra=ANALYSIS_FORM)
async def post_analysis(request: Request):
    rec = await create_analysis(request)
    aid = rec["id"]
    stored = await run_in_threadpool(rt(request).store.get_analysis, aid)
    body = analysis_body(aid, rec["result"], created_at=stored["created_at"] if stored else None,
                         file_kept=rec["file_kept"])
    return JSONResponse(body, status_code=201, headers={"Location": f"/api/v1/analyses/{aid}"})


async def _get(request: Request, aid: str) -> dict:
    row = await run_in_threadpool(rt(request).store.get_analysis, aid)
    if row is None:
        raise Problem(404, NOT_FOUND.format(id=aid))
    return row


@router.get("/analyses/{aid}", summary="An analysis (add ?download=1 to save it as a file)")
async def get_analysis(request: Request, aid: str, download: bool = False, include_text: bool = False):
    row = await _get(request, aid)
    body = analysis_body(aid, row["result"], created_at=row["created_at"], file_kept=row["file_kept"])
    if include_text:
        body["text"] = row["text"]
    headers = {}
    if download:
        headers["Content-Disposition"] = f'attachment; filename="{_download_name(row["name"], "json")}"'
    return JSONResponse(body, headers=headers)


@router.delete("/analyses/{aid}", status_code=204, summary="Delete an analysis (and its kept upload)")
async def delete_analysis(request: Request, aid: str):
    if not await run_in_threadpool(rt(request).store.delete_analysis, aid):
        raise Problem(404, NOT_FOUND.format(id=aid))
    return Response(status_code=204)


def render_report(result: dict, text: str) -> str:
    from ..report.html import render_html

    return render_html(result, text)


REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@router.get("/analyses/{aid}/report", response_class=HTMLResponse,
            summary="The standalone HTML report (add ?download=1 to save it)")
async def get_report(request: Request, aid: str, download: bool = False):
    row = await _get(request, aid)
    html = await run_in_threadpool(render_report, row["result"], row["text"])
    headers = {"Content-Security-Policy": REPORT_CSP}
    if download:
        headers["Content-Disposition"] = f'attachment; filename="{_download_name(row["name"], "html")}"'
    return HTMLResponse(html, headers=headers)


@router.get("/analyses/{aid}/file", summary="The uploaded file, when it was kept")
async def get_file(request: Request, aid: str):
    row = await _get(request, aid)
    data = await run_in_threadpool(rt(request).store.get_upload, aid)
    if data is None:
        raise Problem(404, f"the uploaded file of analysis {aid} was not kept (upload with keep_file=true to keep it)")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", row["name"])[:120] or "contract"
    return Response(data, media_type=_upload_media_type(row["result"]["document"].get("format"), data),
                    headers={"Content-Disposition": f'attachment; filename="{safe}"'})


_UPLOAD_MEDIA = {"pdf": "application/pdf", "txt": "text/plain; charset=utf-8",
                 "markdown": "text/markdown; charset=utf-8",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _upload_media_type(fmt: str | None, data: bytes) -> str:
    """The media type a kept upload is sent back with. A scan or photo is named by its own bytes; an
    uploaded web page stays application/octet-stream, never text/html from this origin."""
    if fmt == "image":
        from ..documents.ocr import image_kind

        kind = image_kind(data)
        return f"image/{kind}" if kind else "application/octet-stream"
    return _UPLOAD_MEDIA.get(fmt, "application/octet-stream")


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def redline_source(result: dict, file_kept: bool) -> tuple[bool, str]:
    """Whether the redline starts from the uploaded DOCX, and a sentence saying what the reader gets.
    Without the kept upload a DOCX is rebuilt from the stored text (same words, plain formatting)."""
    fmt = result.get("document", {}).get("format")
    if fmt == "docx" and file_kept:
        return True, "Your own Word file comes back with the changes tracked and a comment on each finding."
    if fmt == "docx":
        return False, ("The uploaded file was not kept, so the Word file is rebuilt from the contract's text: the "
                       "same words in plain formatting. Upload it again with \u201ckeep the uploaded file\u201d "
                       "ticked to get your own document back with the changes.")
    return False, "A Word copy of the contract's text, with the changes tracked and a comment on each finding."


def redline_choices(row: dict) -> dict:
    """What the page's "Download Word redline" form shows: every finding (high, medium and low ticked),
    where the Word file comes from, and the negotiation email."""
    from ..report.docx_redline import DEFAULT_INCLUDE
    from ..report.email import render_email

    _, note = redline_source(row["result"], bool(row.get("file_kept")))
    findings = [{"id": f["id"], "severity": f.get("severity"), "title": f.get("title") or f.get("rule"),
                 "checked": f.get("severity") in DEFAULT_INCLUDE} for f in row["result"].get("findings", [])]
    return {"findings": findings, "note": note, "email": render_email(row["result"])}


@router.get("/analyses/{aid}/redline.docx", summary="The Word redline: tracked changes and a comment per finding",
            description="`include` (severities, e.g. high,medium; default high,medium,low) and/or `findings` "
                        "(ids, repeated or comma-separated) choose the findings; `author` names the changes. A "
                        "DOCX upload kept with keep_file=true is changed in place; otherwise the Word file is "
                        "built from the extracted text (header X-Clausecheck-Redline-Source says which).")
async def get_redline(request: Request, aid: str, include: str | None = None,
                      findings: list[str] | None = Query(None), chosen: bool = False, author: str = "clausecheck"):
    from ..documents import InputError
    from ..report.docx_redline import RedlineError, choose, parse_include, write_redline

    row = await _get(request, aid)
    ids = [i.strip() for v in findings or [] for i in v.split(",") if i.strip()] if findings or chosen else None
    if ids is not None and not ids:
        raise Problem(422, "choose at least one finding to put in the Word redline")
    try:
        picked = choose(row["result"].get("findings", []), parse_include(include) if include else None, ids)
    except RedlineError as exc:
        raise Problem(422, str(exc)) from None
    from_upload, _ = redline_source(row["result"], row["file_kept"])
    original = await run_in_threadpool(rt(request).store.get_upload, aid) if from_upload else None
    try:
        red = await run_in_threadpool(lambda: write_redline(row["result"], row["text"], picked, original=original,
                                                            author=author, name=row["name"]))
    except InputError as exc:
        raise Problem(422, str(exc), title="Unusable document") from None
    return Response(red.data, media_type=DOCX, headers={
        "Content-Disposition": f'attachment; filename="{_download_name(row["name"], "redline.docx")}"',
        "X-Clausecheck-Redline-Source": "original" if original is not None else "rebuilt from text",
        "X-Clausecheck-Findings": ",".join(red.findings)})


@router.get("/categories", summary="Every clause category clausecheck tags")
async def categories():
    from ..classify.taxonomy import as_dicts

    return as_dicts()


@router.get("/library", summary="The clause library (playbook)")
async def library(request: Request):
    from . import library as lib

    return await run_in_threadpool(lib.load, rt(request).config.library)


# ---- batches ------------------------------------------------------------------------------------


async def create_batch(request: Request) -> str:
    r = rt(request)
    cfg = r.config
    if await run_in_threadpool(r.store.active_batches) >= cfg.max_active_batches:
        wait_s = await run_in_threadpool(r.batch_retry_after)
        raise Problem(503, f"{cfg.max_active_batches} batches are already waiting or running; try again in about "
                      f"{wait_s} s", headers={"Retry-After": str(wait_s)})
    form = await read_form(request, cfg.max_batch_bytes, max_files=cfg.max_batch_files, timeout=cfg.upload_timeout)
    try:
        perspective, min_score, _keep = parse_options(form)
        files = await batch_files(form, cfg.max_bytes, cfg.max_batch_bytes, cfg.max_batch_files)
    finally:
        await form.close()
    async with r.slot():
        bid = await run_in_threadpool(_spool_and_create, r, files, perspective, min_score)
    r.batches.notify()
    return bid


def _spool_and_create(r: Runtime, files, perspective: str, min_score: float | None) -> str:
    """Write the documents to a private folder until they are analysed (then each is deleted)."""
    import secrets

    folder = r.spool_dir / secrets.token_hex(12)
    r.spool_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.mkdir(mode=0o700)
    items = []
    for n, f in enumerate(files):
        if f.data is None:
            items.append({"name": f.name, "size": 0, "error": f.error})
            continue
        path = folder / f"{n:05d}.bin"
        path.write_bytes(f.data)
        items.append({"name": f.name, "size": len(f.data), "spool": str(path)})
    runner = "dask" if r.config.dask_scheduler else "local"
    return r.store.create_batch(perspective, items, min_score=min_score, runner=runner)


def batch_body(b: dict) -> dict:
    bid = b["id"]
    finished = b["done"] + b["failed"]
    return {**b, "progress": round(finished / b["total"], 4) if b["total"] else 1.0,
            "links": {"self": f"/api/v1/batches/{bid}", "csv": f"/api/v1/batches/{bid}/results.csv",
                      "xlsx": f"/api/v1/batches/{bid}/results.xlsx", "page": f"/batches/{bid}"}}


@router.post("/batches", status_code=202, summary="Start a batch review",
             description="multipart/form-data: `files` (several contracts, or one .zip of them), "
                         "`perspective`, optional `min_score`. Answers at once; poll GET /batches/{id}.",
             openapi_extra=BATCH_FORM)
async def post_batch(request: Request):
    bid = await create_batch(request)
    b = await run_in_threadpool(rt(request).store.get_batch, bid)
    return JSONResponse(batch_body(b), status_code=202, headers={"Location": f"/api/v1/batches/{bid}"})


async def _get_batch(request: Request, bid: str) -> dict:
    b = await run_in_threadpool(rt(request).store.get_batch, bid)
    if b is None:
        raise Problem(404, f"no batch with id {bid} (it may have been deleted)")
    return b


@router.get("/batches/{bid}", summary="A batch's progress and items")
async def get_batch(request: Request, bid: str):
    return batch_body(await _get_batch(request, bid))


@router.delete("/batches/{bid}", status_code=204, summary="Delete a batch and all its analyses")
async def delete_batch(request: Request, bid: str):
    spools = await run_in_threadpool(rt(request).store.delete_batch, bid)
    if spools is None:
        raise Problem(404, f"no batch with id {bid}")
    for p in spools:
        Path(p).unlink(missing_ok=True)
    return Response(status_code=204)


def batch_entries(r: Runtime, bid: str) -> list[dict]:
    return [{"file": row["name"], "status": "done" if row["status"] == "done" else row["status"],
             "error": row["error"] if row["status"] == "error" else
             (None if row["status"] == "done" else f"{row['name']}: not analysed yet ({row['status']})"),
             "analysis_id": row["analysis_id"], "record": row["result"]}
            for row in r.store.batch_results(bid)]


@router.get("/batches/{bid}/results.{fmt}", summary="The batch table: csv, xlsx or jsonl")
async def batch_results(request: Request, bid: str, fmt: str):
    from ..report.tables import FORMATS, to_bytes

    if fmt not in FORMATS:
        raise Problem(404, f"no results.{fmt}; choose results.csv, results.xlsx or results.jsonl")
    await _get_batch(request, bid)
    entries = await run_in_threadpool(batch_entries, rt(request), bid)
    data = await run_in_threadpool(to_bytes, entries, fmt)
    media = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[fmt]
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="clausecheck-batch-{bid[:8]}.{fmt}"'})
