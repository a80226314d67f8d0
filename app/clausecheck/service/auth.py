"""The optional API token (CLAUSECHECK_API_TOKEN, at least 16 characters), for serving beyond localhost.

API clients send `Authorization: Bearer TOKEN`; a browser signs in once at /login and carries the
token in an HttpOnly, SameSite=Strict cookie. Without a configured token everything is open.
A client that sends a wrong token too often is refused (429) for a while, right token or not."""

from __future__ import annotations

import hmac
import math
import threading
import time
from collections import defaultdict, deque

from fastapi import Request

from .errors import LoginRequired, Problem

COOKIE = "clausecheck_token"
MAX_FAILURES = 10  # wrong tokens allowed from one client address ...
WINDOW = 300.0  # ... within this many seconds


class FailedAttempts:
    """Wrong tokens per client address, in a sliding window."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = WINDOW) -> None:
        self.limit, self.window = limit, window
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, who: str, now: float) -> deque[float]:
        times = self._seen[who]
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def wait_for(self, who: str) -> int:
        """Seconds this client must wait before trying again (0: it may try now)."""
        now = time.monotonic()
        with self._lock:
            times = self._recent(who, now)
            if len(times) < self.limit:
                if not times:
                    self._seen.pop(who, None)
                return 0
            return max(1, math.ceil(self.window - (now - times[0])))

    def failed(self, who: str) -> None:
        with self._lock:
            self._recent(who, time.monotonic()).append(time.monotonic())


def _attempts(request: Request) -> FailedAttempts:
    state = request.app.state
    if not hasattr(state, "failed_tokens"):
        state.failed_tokens = FailedAttempts()
    return state.failed_tokens


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
    if not given:
        return False
    attempts = _attempts(request)
    who = request.client.host if request.client else "unknown"
    wait = attempts.wait_for(who)
    if wait:
        raise Problem(429, f"too many wrong tokens from {who}; try again in {wait} s", title="Too many attempts",
                      headers={"Retry-After": str(wait)})
    if hmac.compare_digest(given.encode(), expected.encode()):
        return True
    attempts.failed(who)
    return False


async def api_auth(request: Request) -> None:
    if not token_ok(request):
        raise Problem(401, "this service needs an API token: send 'Authorization: Bearer <token>'",
                      headers={"WWW-Authenticate": 'Bearer realm="clausecheck"'})


async def page_auth(request: Request) -> None:
    if not token_ok(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target if request.method == "GET" else "/")
