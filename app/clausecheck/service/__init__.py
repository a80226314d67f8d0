"""The clausecheck web service: JSON API under /api/v1, server-rendered pages, /healthz, /docs.

    uvicorn --factory clausecheck.service:create_app      (or: clausecheck serve)
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from .config import ServiceConfig

HERE = Path(__file__).resolve().parent
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
DOCS_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"


def create_app(config: ServiceConfig | None = None) -> FastAPI:
    from . import api, errors, pages
    from .runtime import Runtime

    config = config or ServiceConfig.from_env()
    rt = Runtime(config)  # opens (and migrates) the store now, so a bad database fails before serving

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        rt.start()
        try:
            yield
        finally:
            rt.stop()

    meta = {"title": "clausecheck", "version": __version__, "lifespan": lifespan,
            "description": "Find, tag and check the clauses of a contract, on your own machine. "
                           "Errors are RFC 9457 problem details (application/problem+json)."}
    # the API docs page with its scripts served from here, not from a CDN: nothing leaves the machine
    from fastapi_offline import FastAPIOffline

    web = FastAPIOffline(redoc_url=None, **meta)
    web.state.rt = rt
    web.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    errors.install(web)
    web.include_router(api.router, prefix="/api/v1")
    web.include_router(pages.router)
    web.include_router(pages.guarded)
    web.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @web.get("/healthz", tags=["health"], summary="Liveness and readiness")
    async def healthz():
        ex = rt.executor
        pool = ex.pool if ex else None
        ok = rt.store.healthy() and pool is not None and not pool.broken
        body = {"status": "ok" if ok else "degraded", "version": __version__, "database": rt.store.healthy(),
                "workers": pool.size if pool else 0, "workers_ready": pool.ready if pool else 0,
                "busy": pool.busy if pool else 0, "queued": pool.queued if pool else 0,
                "in_flight": rt.in_flight, "max_concurrent": config.max_concurrent,
                "batch_runner": "dask" if config.dask_scheduler else "local"}
        if pool is not None and pool.broken:
            body["problem"] = pool.broken
        from fastapi.responses import JSONResponse

        return JSONResponse(body, status_code=200 if ok else 503)

    @web.middleware("http")
    async def request_checks(request: Request, call_next):
        from .errors import problem_response
        from .hosts import cross_site, host_allowed

        if not host_allowed(request.headers.get("host"), config.allowed_hosts):
            return problem_response(request, 400, "this service does not answer to the host name "
                                    f"{(request.headers.get('host') or '(none)')[:100]!r}; add it to "
                                    "CLAUSECHECK_ALLOWED_HOSTS to serve it", title="Unknown host")
        foreign = cross_site(request.method, request.headers)
        if foreign:
            return problem_response(request, 403, f"a {request.method} from another site ({foreign[:100]}) is "
                                    "refused; use clausecheck's own pages", title="Cross-site request")
        return await call_next(request)

    @web.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if response.headers.get("content-type", "").startswith("text/html"):
            csp = DOCS_CSP if request.url.path.startswith(("/docs", "/redoc")) else PAGE_CSP
            response.headers.setdefault("Content-Security-Policy", csp)
        return response

    logging.getLogger("clausecheck.service").setLevel(logging.INFO)
    return web
