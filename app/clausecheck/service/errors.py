"""Errors as RFC 9457 problem details (application/problem+json) for the API, and as a plain
error page for a browser. Never a traceback."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("clausecheck.service")


class Problem(Exception):
    def __init__(self, status: int, detail: str, *, title: str | None = None, headers: dict | None = None,
                 type_: str = "about:blank", extra: dict | None = None) -> None:
        self.status, self.detail, self.headers, self.type = status, detail, headers or {}, type_
        self.title = title or HTTPStatus(status).phrase
        self.extra = extra or {}
        super().__init__(detail)


class LoginRequired(Exception):
    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path in ("/healthz", "/openapi.json"):
        return False
    return "text/html" in request.headers.get("accept", "")


def problem_response(request: Request, status: int, detail: str, *, title: str | None = None,
                     headers: dict | None = None, type_: str = "about:blank", extra: dict | None = None) -> Response:
    title = title or HTTPStatus(status).phrase
    if wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(request, "error.html", {"status": status, "title": title,
                                                                   "detail": detail}, status_code=status,
                                          headers=headers)
    body = {"type": type_, "title": title, "status": status, "detail": detail, "instance": request.url.path}
    body.update(extra or {})
    return JSONResponse(body, status_code=status, headers=headers, media_type="application/problem+json")


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem):
        return problem_response(request, exc.status, exc.detail, title=exc.title, headers=exc.headers,
                                type_=exc.type, extra=exc.extra)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired):
        from urllib.parse import quote

        from fastapi.responses import RedirectResponse

        return RedirectResponse(f"/login?next={quote(exc.next_url, safe='/')}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        elif exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
        return problem_response(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        errors = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
            errors.append({"field": where, "message": err.get("msg", "invalid")})
        detail = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors)
        return problem_response(request, 422, detail or "invalid request", extra={"errors": errors})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem_response(request, 500, f"an unexpected error ({exc.__class__.__name__}); the service is "
                                              "still running and nothing was lost")
