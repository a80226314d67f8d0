"""The optional API token (CLAUSECHECK_API_TOKEN), for serving beyond localhost.

API clients send `Authorization: Bearer TOKEN`; a browser signs in once at /login and carries the
token in an HttpOnly, SameSite=Strict cookie. Without a configured token everything is open."""

from __future__ import annotations

import hmac

from fastapi import Request

from .errors import LoginRequired, Problem

COOKIE = "clausecheck_token"


def _supplied(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-api-token") or request.cookies.get(COOKIE)


def token_ok(request: Request, token: str | None = None) -> bool:
    expected = request.app.state.rt.config.api_token
    if not expected:
        return True
    given = token if token is not None else _supplied(request)
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


async def api_auth(request: Request) -> None:
    if not token_ok(request):
        raise Problem(401, "this service needs an API token: send 'Authorization: Bearer <token>'",
                      headers={"WWW-Authenticate": 'Bearer realm="clausecheck"'})


async def page_auth(request: Request) -> None:
    if not token_ok(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target if request.method == "GET" else "/")
