"""Server-rendered pages (jinja2). Every page works without JavaScript; app.js only enhances."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse

from ..perspectives import PERSPECTIVE_LIST, SEVERITY_RANK
from ..report.tables import matrix
from .analysis_view import analysis_view
from .api import batch_entries, create_analysis, create_batch, redline_choices
from .auth import COOKIE, page_auth, token_ok
from .errors import Problem
from .uploads import read_form

router = APIRouter(include_in_schema=False)
guarded = APIRouter(include_in_schema=False, dependencies=[Depends(page_auth)])

STATIC = Path(__file__).resolve().parent / "static"
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


@guarded.get("/analyses/{aid}")
async def analysis_page(request: Request, aid: str, severity: str | None = None, category: str | None = None):
    row = await run_in_threadpool(request.app.state.rt.store.get_analysis, aid)
    if row is None:
        raise Problem(404, f"no analysis with id {aid} (it may have been deleted)")
    return render(request, "analysis.html", **analysis_view(row, severity=severity, category=category),
                  redline=redline_choices(row))


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
    return render(request, "library.html", entries=lib["entries"], errors=lib["errors"], perspectives=PERSPECTIVES)


@guarded.get("/library/{category}.yaml")
async def library_yaml(request: Request, category: str):
    """The playbook file of one clause type, as written (the built-in one or the user's)."""
    from ..redline.library import LibraryError, load_library

    try:
        lib = await run_in_threadpool(load_library, request.app.state.rt.config.library)
    except LibraryError as exc:
        raise Problem(500, f"the clause library cannot be read: {exc}") from None
    source = lib.sources.get(category)
    if source is None:
        raise Problem(404, f"no clause type {category!r} in the clause library")
    text = await run_in_threadpool(source.read_text, encoding="utf-8")
    return PlainTextResponse(text, media_type="text/plain; charset=utf-8")


@router.get("/favicon.ico", include_in_schema=False)
async def favicon():
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


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
