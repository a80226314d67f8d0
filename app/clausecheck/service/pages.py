"""Server-rendered pages (jinja2). Every page works without JavaScript; app.js only enhances."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse

from ..perspectives import PERSPECTIVE_LIST, SEVERITY_RANK
from ..report.tables import matrix
from .api import batch_entries, create_analysis, create_batch
from .auth import COOKIE, page_auth, token_ok
from .errors import Problem
from .uploads import read_form

router = APIRouter(include_in_schema=False)
guarded = APIRouter(include_in_schema=False, dependencies=[Depends(page_auth)])

PERSPECTIVES = [{"id": p.id, "name": p.name, "hint": p.hint} for p in PERSPECTIVE_LIST]
RANK_NAME = {v: k for k, v in SEVERITY_RANK.items()}


def render(request: Request, template: str, status: int = 200, **context):
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)


@guarded.get("/")
async def index(request: Request, deleted: str | None = None):
    message = {"analysis": "The analysis was deleted.", "batch": "The batch was deleted."}.get(deleted or "")
    return render(request, "index.html", perspectives=PERSPECTIVES, message=message,
                  max_mb=request.app.state.rt.config.max_mb)


@guarded.post("/analyze")
async def analyze_form(request: Request):
    rec = await create_analysis(request)
    return RedirectResponse(f"/analyses/{rec['id']}", status_code=303)


@guarded.post("/batch")
async def batch_form(request: Request):
    bid = await create_batch(request)
    return RedirectResponse(f"/batches/{bid}", status_code=303)


def category_names() -> dict[str, str]:
    from ..classify.taxonomy import CATEGORIES

    return {c.id: c.name for c in CATEGORIES}


def page_model(row: dict) -> dict:
    """What analysis.html shows: the document cut into plain and highlighted runs, and findings."""
    result, text = row["result"], row["text"]
    names = category_names()
    clauses = result.get("clauses", [])
    findings = sorted(result.get("findings", []),
                      key=lambda f: -SEVERITY_RANK.get(f.get("severity"), 0))
    worst: dict[str, str] = {}
    titles: dict[str, list[str]] = {}
    for f in findings:
        for cid in f.get("clause_ids") or []:
            if SEVERITY_RANK.get(f.get("severity"), 0) > SEVERITY_RANK.get(worst.get(cid), 0):
                worst[cid] = f.get("severity")
            titles.setdefault(cid, []).append(f.get("title") or f.get("rule") or "")
    segments, pos = [], 0
    for c in sorted(clauses, key=lambda c: (c.get("start", 0), c.get("end", 0))):
        start, end = c.get("start", 0), c.get("end", 0)
        marked = bool(c.get("labels")) or c["id"] in worst
        if not marked or start < pos or end > len(text) or end <= start:
            continue
        if start > pos:
            segments.append({"text": text[pos:start], "clause": None})
        tags = ", ".join(names.get(lab["category"], lab["category"]) for lab in c.get("labels", []))
        title = "; ".join(filter(None, [tags, *titles.get(c["id"], [])]))
        segments.append({"text": text[start:end], "clause": c, "severity": worst.get(c["id"]), "tags": tags,
                         "title": title + (f" (p. {c['page']})" if c.get("page") else "")})
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:], "clause": None})
    found: dict[str, dict] = {}
    for c in clauses:
        for lab in c.get("labels", []):
            entry = found.setdefault(lab["category"], {"name": names.get(lab["category"], lab["category"]),
                                                       "first": c["id"], "count": 0})
            entry["count"] += 1
    by_id = {c["id"]: c for c in clauses}
    counts = {s: sum(1 for f in findings if f.get("severity") == s) for s in SEVERITY_RANK}
    perspective = result.get("perspective", "")
    return {
        "id": row["id"], "doc": result.get("document", {}), "clauses": clauses, "findings": findings,
        "segments": segments, "counts": counts, "notes": result.get("notes", []),
        "categories_found": sorted(found.values(), key=lambda e: e["name"]),
        "perspective_name": perspective.capitalize(), "file_kept": row["file_kept"], "batch_id": row["batch_id"],
        "clause_ref": lambda cid: (f"{cid}" + (f" (p. {by_id[cid]['page']})" if by_id.get(cid, {}).get("page") else "")),
    }


@guarded.get("/analyses/{aid}")
async def analysis_page(request: Request, aid: str):
    row = await run_in_threadpool(request.app.state.rt.store.get_analysis, aid)
    if row is None:
        raise Problem(404, f"no analysis with id {aid} (it may have been deleted)")
    return render(request, "analysis.html", **page_model(row))


@guarded.post("/analyses/{aid}/delete")
async def delete_analysis_form(request: Request, aid: str):
    if not await run_in_threadpool(request.app.state.rt.store.delete_analysis, aid):
        raise Problem(404, f"no analysis with id {aid}")
    return RedirectResponse("/?deleted=analysis", status_code=303)


def _cell_rank(cell: dict | None) -> float:
    if not cell:
        return 0
    return SEVERITY_RANK.get(cell.get("severity"), 0) + (0.5 if cell.get("present") else 0)


@guarded.get("/batches/{bid}")
async def batch_page(request: Request, bid: str, sort: str | None = None):
    rt = request.app.state.rt
    batch = await run_in_threadpool(rt.store.get_batch, bid, items=False)
    if batch is None:
        raise Problem(404, f"no batch with id {bid} (it may have been deleted)")
    m = matrix(await run_in_threadpool(batch_entries, rt, bid))
    if sort == "file":
        m["rows"].sort(key=lambda r: (r["file"] or "").lower())
    elif sort == "worst":
        m["rows"].sort(key=lambda r: -r["worst"])
    elif sort:
        m["rows"].sort(key=lambda r: -_cell_rank(r["cells"].get(sort)))
    return render(request, "batch.html", batch=batch, matrix=m, cell_rank=_cell_rank,
                  rank_name=lambda n: RANK_NAME.get(n, ""))


@guarded.post("/batches/{bid}/delete")
async def delete_batch_form(request: Request, bid: str):
    from pathlib import Path

    spools = await run_in_threadpool(request.app.state.rt.store.delete_batch, bid)
    if spools is None:
        raise Problem(404, f"no batch with id {bid}")
    for p in spools:
        Path(p).unlink(missing_ok=True)
    return RedirectResponse("/?deleted=batch", status_code=303)


@guarded.get("/library")
async def library_page(request: Request):
    from . import library

    lib = await run_in_threadpool(library.load, request.app.state.rt.config.library)
    return render(request, "library.html", entries=lib["entries"], errors=lib["errors"])


@router.get("/login")
async def login_page(request: Request, next: str = "/"):
    return render(request, "login.html", next=_safe_next(next), error=None)


@router.post("/login")
async def login(request: Request):
    form = await read_form_urlencoded(request)
    token, nxt = form.get("token", ""), _safe_next(form.get("next", "/"))
    if not token_ok(request, token):
        return render(request, "login.html", status=401, next=nxt, error="That token is not right.")
    resp = RedirectResponse(nxt, status_code=303)
    resp.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return resp


async def read_form_urlencoded(request: Request) -> dict:
    if request.headers.get("content-type", "").startswith("multipart/"):
        form = await read_form(request, 64 * 1024)
    else:
        form = await request.form(max_files=0, max_fields=10)
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _safe_next(value: str) -> str:
    return value if value.startswith("/") and not value.startswith("//") else "/"
