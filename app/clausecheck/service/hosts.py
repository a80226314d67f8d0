"""Which requests the service answers at all: the Host header must name this service (a DNS-rebinding
page calls itself by its own name), and a form or API post sent by a browser must come from the
service's own pages (a cross-site auto-submitted form carries another Origin).

The allowed names are CLAUSECHECK_ALLOWED_HOSTS (default: the loopback names), plus the address
`clausecheck serve --host` was given; "*" allows any name."""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def host_name(value: str) -> str:
    """'Example.com:8000' -> 'example.com'; '[::1]:8000' -> '::1'."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") > 1:  # a bare IPv6 address
        return value
    return value.split(":", 1)[0].rstrip(".")


def host_allowed(host_header: str | None, allowed: tuple[str, ...]) -> bool:
    if "*" in allowed:
        return True
    if not host_header:
        return False
    name = host_name(host_header)
    return any(name == a or (a.startswith("*.") and name.endswith(a[1:])) for a in allowed)


def cross_site(method: str, headers) -> str | None:
    """The foreign origin of a state-changing request sent by a browser from another site, or None.

    Browsers say where a request comes from in Sec-Fetch-Site, and send Origin on every cross-origin
    POST (Referer when Origin is missing); a request with none of them comes from a program (curl,
    httpx), which no page can make a browser send."""
    if method.upper() in SAFE_METHODS:
        return None
    fetch_site = (headers.get("sec-fetch-site") or "").strip().lower()
    if fetch_site in ("cross-site", "same-site"):
        return headers.get("origin") or headers.get("referer") or fetch_site
    host = (headers.get("host") or "").strip().lower()
    origin = headers.get("origin")
    if origin is not None and origin.strip().lower() == "null":
        # our pages send no Referer (Referrer-Policy: no-referrer), so their own posts say Origin: null;
        # a browser that says so with Sec-Fetch-Site is judged above, one that does not is let through
        return None
    if origin is not None:
        source = origin
    else:
        source = headers.get("referer")
        if not source:
            return None
    parts = urlsplit(source.strip())
    if parts.netloc.lower() != host:
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else source[:100]
    return None


def with_listen_address(allowed: tuple[str, ...], host: str) -> tuple[str, ...]:
    """The allowed names plus the address the service listens on, unless that is every address."""
    name = host_name(host)
    if not name or name in ("0.0.0.0", "::") or name in allowed:
        return allowed
    return (*allowed, name)
