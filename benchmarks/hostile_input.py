"""Hostile input, measured: regular expressions over long runs of letters, and a normal upload while
40 uploads stall.

    python benchmarks/hostile_input.py [--skip-service] [--old]

1. The duration and percentage patterns of extract/amounts.py over runs of 2.5, 5, 10 and 40 KB
   (with --old, the patterns as they were before issue 16 too, up to 10 KB: they grow quadratically).
2. Every compiled pattern at module level in clausecheck.extract, clausecheck.redline and
   clausecheck.segmentation, searched (finditer) over 20 KB and 40 KB of adversarial runs: the worst
   time and the growth factor (about 2 is linear, about 4 quadratic). Some patterns are only ever
   `match`ed at one position, where a large factor here does not matter; the list says which grow.
3. A real `clausecheck serve`: 40 uploads that send a few bytes and stop, then a normal upload:
   its status and time, and how long until a stalled upload is answered 408.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNITS = ["a", "A", "1", "a-", "a ", "1.", "(a)", "aA1", "1,", ". ", "-", "a.", "a/", "_", "a'", " ", "\n"]
OLD = {
    "_DURATION": re.compile(r"(?:(?P<words>[a-z]+(?:-[a-z]+)?)\s+)?\(?(?P<num>\d{1,4})?\)?\s*(?P<unit>business "
                            r"days?|calendar days?|days?|weeks?|months?|years?)\b", re.IGNORECASE),
    "_PERCENT": re.compile(r"(?P<num>\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)|"
                           r"\b(?P<words>[a-z-]+(?: [a-z-]+)?) (?:percent|per cent)\b(?!\s*\()", re.IGNORECASE),
}


class _TooSlow(Exception):
    pass


def _stop(_sig, _frame):
    raise _TooSlow()


CAP = 2.0  # seconds: a search still running then is stopped (SIGALRM interrupts the regex engine)


def timed(pattern: re.Pattern, text: str) -> float:
    """CPU seconds for one finditer pass; CAP (reported as '>= CAP') when it had to be stopped."""
    signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, CAP)
    t = time.process_time()
    try:
        for _ in pattern.finditer(text):
            pass
    except _TooSlow:
        return CAP
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.process_time() - t


def worst(pattern: re.Pattern, size: int, units=UNITS) -> tuple[float, str]:
    return max((timed(pattern, (u * (size // len(u) + 1))[:size]), u) for u in units)


def amounts_table(old: bool) -> None:
    from clausecheck.extract import amounts

    print("1. extract/amounts.py, worst case over runs of letters, hyphens, digits, spaces (CPU seconds)")
    sizes = (2_500, 5_000, 10_000, 40_000)
    print(f"   {'pattern':12} " + " ".join(f"{s / 1000:>7g} KB" for s in sizes))
    for name in ("_DURATION", "_PERCENT"):
        cells = [f"{worst(getattr(amounts, name), s)[0]:10.4f}" for s in sizes]
        print(f"   {name:12} " + " ".join(cells), flush=True)
        if old:
            cells = [f"{worst(OLD[name], s, ['a', 'a-', 'A'])[0]:10.4f}" for s in sizes[:3]]
            print(f"   {'  before':12} " + " ".join(cells) + "   (40 KB not run: minutes)", flush=True)


def module_patterns() -> dict[str, re.Pattern]:
    found: dict[str, re.Pattern] = {}
    for pkg in ("clausecheck.extract", "clausecheck.redline", "clausecheck.segmentation"):
        mod = importlib.import_module(pkg)
        mods = [mod] + [importlib.import_module(m.name) for m in pkgutil.walk_packages(getattr(mod, "__path__", []),
                                                                                       pkg + ".")]
        for m in mods:
            for name, obj in vars(m).items():
                items = obj.items() if isinstance(obj, dict) else [(None, obj)]
                for key, value in items:
                    if isinstance(value, re.Pattern):
                        found[f"{m.__name__}.{name}" + (f"[{key!r}]" if key is not None else "")] = value
    return found


def scan_all() -> None:
    pats = module_patterns()
    print(f"\n2. {len(pats)} module-level patterns in extract/, redline/, segmentation: growth 20 KB -> 40 KB",
          flush=True)
    rows = []
    for name, p in pats.items():
        small, unit = worst(p, 2_000)
        if small < 0.002:
            continue  # fast at 2 KB: not quadratic in any way that matters
        t2, t4 = small, timed(p, (unit * (4_000 // len(unit) + 1))[:4_000])
        if t4 > 0.02:  # too slow to run at 20 and 40 KB: report the small sizes
            rows.append((t4 / t2 * 1e6, f"   {name:70} run {unit!r:7}  2 KB {t2:8.3f} s   4 KB {t4:8.3f} s  "
                                        f"x{t4 / t2:.1f}  (not run larger)"))
            continue
        t20 = timed(p, (unit * (20_000 // len(unit) + 1))[:20_000])  # the run that was worst at 2 KB
        t40 = timed(p, (unit * (40_000 // len(unit) + 1))[:40_000])
        rows.append((t40 / max(t20, 1e-9), f"   {name:70} run {unit!r:7} 20 KB {t20:8.3f} s  40 KB {t40:8.3f} s  "
                                           f"x{t40 / max(t20, 1e-9):.1f}"))
    for _, line in sorted(rows, reverse=True)[:20]:
        print(line, flush=True)
    print(f"   (the other {len(pats) - len(rows)} take under 2 ms on 2 KB of every run)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stalled_scenario() -> None:
    import httpx

    print("\n3. A real server, 40 stalled uploads, then a normal one")
    port = free_port()
    with tempfile.TemporaryDirectory() as d:
        env = {**os.environ, "CLAUSECHECK_DATA_DIR": d, "CLAUSECHECK_WORKERS": "1", "CLAUSECHECK_UPLOAD_TIMEOUT": "10"}
        env.pop("CLAUSECHECK_API_TOKEN", None)
        log = open(Path(d) / "server.log", "wb")
        proc = subprocess.Popen([sys.executable, "-m", "clausecheck.cli", "serve", "--port", str(port)], cwd=ROOT,
                                env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                try:
                    if httpx.get(url + "/healthz", timeout=2).json().get("workers_ready"):
                        break
                except (httpx.HTTPError, ValueError):
                    pass
                time.sleep(0.25)
            body = b"1. Term. This Agreement lasts one year."
            t = time.perf_counter()
            r = httpx.post(url + "/api/v1/analyses", files={"file": ("t.txt", body)}, timeout=300)
            print(f"   normal upload, nothing stalled: {r.status_code} in {time.perf_counter() - t:.2f} s")
            socks = []
            for _ in range(40):
                s = socket.create_connection(("127.0.0.1", port))
                s.sendall((f"POST /api/v1/analyses HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: multipart/"
                           "form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\n").encode())
                socks.append(s)
            t0 = time.perf_counter()
            time.sleep(0.5)
            t = time.perf_counter()
            r = httpx.post(url + "/api/v1/analyses", files={"file": ("t.txt", body)}, timeout=300)
            print(f"   normal upload beside 40 stalled: {r.status_code} in {time.perf_counter() - t:.2f} s")
            socks[0].settimeout(120)
            first = socks[0].recv(64).decode("latin-1").split("\r\n")[0]
            print(f"   first stalled upload answered {first!r} after {time.perf_counter() - t0:.1f} s "
                  "(CLAUSECHECK_UPLOAD_TIMEOUT=10)")
            for s in socks:
                s.close()
        finally:
            proc.terminate()
            proc.wait(30)
            log.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-service", action="store_true", help="only the regular expressions")
    ap.add_argument("--old", action="store_true", help="also time the patterns as they were (slow)")
    args = ap.parse_args()
    amounts_table(args.old)
    scan_all()
    if not args.skip_service:
        stalled_scenario()


if __name__ == "__main__":
    main()
