"""Load on the real service: N concurrent uploads of a 10-page contract.

Starts `clausecheck serve` on a free port (a fresh data folder), reads the idle memory of every
process (RSS and PSS) once the workers are ready, measures one request on its own, then N
simultaneous uploads (all must succeed) while sampling memory, then more uploads at once than the
service takes (--overflow beyond CLAUSECHECK_MAX_CONCURRENT): the rest must get 503 with a
Retry-After, and each is sent again after it.

    python benchmarks/service_load.py [--contract FILE.pdf] [--concurrency 20] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
CUAD_PDF = ROOT.parent / "shared" / "data" / "cuad" / "pdf"


def ten_page_contract() -> tuple[str, bytes]:
    """A real 10-page contract from CUAD when it is there, else ten pages of our sample contracts."""
    if CUAD_PDF.is_dir():
        import pypdfium2 as pdfium

        for path in sorted(CUAD_PDF.glob("*.pdf")):
            pdf = pdfium.PdfDocument(str(path))
            n = len(pdf)
            pdf.close()
            if n == 10:
                return path.name, path.read_bytes()
    sys.path.insert(0, str(ROOT / "tests"))
    from pdfmaker import make_pdf

    lines = []
    for src in sorted((ROOT / "sample_contracts" / "src").glob("*.md")):
        for para in src.read_text(encoding="utf-8").split("\n\n"):
            words, line = para.split(), ""
            for w in words:
                if len(line) + len(w) > 90:
                    lines.append(line)
                    line = ""
                line += w + " "
            lines += [line, ""]
    pages = [lines[i:i + 48] for i in range(0, 480, 48)]
    return "generated-10-pages.pdf", make_pdf(pages)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_pss(p: psutil.Process) -> tuple[int, int]:
    """Resident and proportional set size in bytes; /proc/PID/smaps_rollup is cheap to read."""
    try:
        with open(f"/proc/{p.pid}/smaps_rollup") as f:
            vals = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in f if line.split(":")[0] in ("Rss", "Pss")}
        return vals["Rss"], vals["Pss"]
    except (OSError, KeyError, ValueError, IndexError):
        try:
            rss = p.memory_info().rss
            return rss, rss
        except psutil.Error:
            return 0, 0


class MemorySampler(threading.Thread):
    """Peak RSS and PSS (proportional: shared pages split between processes) of a process tree."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak_rss = self.peak_pss = 0
        self.peak_procs = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            rss = pss = 0
            try:
                procs = [self.root] + self.root.children(recursive=True)
            except psutil.Error:
                return
            for p in procs:
                r, q = rss_pss(p)
                rss, pss = rss + r, pss + q
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(procs))
            self._halt.wait(0.1)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def idle_memory(pid: int) -> list[tuple[str, int, int]]:
    """(role, RSS, PSS) of the server and every process under it."""
    root = psutil.Process(pid)
    out = []
    for p in [root] + root.children(recursive=True):
        cmd = " ".join(p.cmdline())
        role = ("server" if p.pid == pid else "resource tracker" if "resource_tracker" in cmd
                else "forkserver" if "forkserver" in cmd and p.ppid() == pid else "worker")
        out.append((role, *rss_pss(p)))
    return out


def post(url: str, name: str, data: bytes) -> tuple[int, float]:
    code, dt, _ = post_full(url, name, data)
    return code, dt


def post_full(url: str, name: str, data: bytes) -> tuple[int, float, str | None]:
    """Status, seconds, Retry-After."""
    t = time.perf_counter()
    r = httpx.post(url + "/api/v1/analyses", files={"file": (name, data)}, data={"perspective": "customer"},
                   timeout=180)
    return r.status_code, time.perf_counter() - t, r.headers.get("retry-after")


def burst(url: str, name: str, data: bytes, n: int) -> tuple[list[tuple[int, float, str | None]], float]:
    """n uploads released at the same moment; their answers and the wall time."""
    barrier = threading.Barrier(n)
    results: list[tuple[int, float, str | None]] = []
    lock = threading.Lock()

    def one() -> None:
        barrier.wait()
        res = post_full(url, name, data)
        with lock:
            results.append(res)

    threads = [threading.Thread(target=one) for _ in range(n)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return results, time.perf_counter() - t


def overflow(url: str, name: str, data: bytes, n: int) -> str:
    """n uploads at once, more than the service takes: count the 503s, then send each refused one again
    after its Retry-After (as a client that does as told) and count how many are taken then."""
    results, _ = burst(url, name, data, n)
    waits = sorted(int(ra) for code, _, ra in results if code == 503 and ra)
    counts = {c: sum(1 for code, _, _ in results if code == c) for c in sorted({r[0] for r in results})}
    retried: list[int] = []
    lock = threading.Lock()

    def again(wait: int) -> None:
        time.sleep(wait)
        code, _, _ = post_full(url, name, data)
        with lock:
            retried.append(code)

    threads = [threading.Thread(target=again, args=(w,)) for w in waits]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    ra = (f"Retry-After min {waits[0]} s, median {statistics.median(waits):g} s, max {waits[-1]} s "
          f"({len(set(waits))} distinct values); sent again after it: "
          f"{sum(1 for c in retried if c in (200, 201, 202))}/{len(retried)} taken") if waits else "no 503"
    return f"{n} uploads at once: status counts {counts}; {ra}"


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--contract", type=Path)
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--workers", type=int, default=None, help="analysis processes (default: all cores)")
    ap.add_argument("--singles", type=int, default=5, help="sequential requests for the single-request figure")
    ap.add_argument("--overflow", type=int, default=12,
                    help="then this many uploads beyond the service's limit, at once (0: skip)")
    args = ap.parse_args()

    name, data = (args.contract.name, args.contract.read_bytes()) if args.contract else ten_page_contract()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="cc-load-") as tmp:
        env = {**os.environ, "CLAUSECHECK_DATA_DIR": tmp}
        if args.workers:
            env["CLAUSECHECK_WORKERS"] = str(args.workers)
        env.setdefault("CLAUSECHECK_MAX_CONCURRENT", str(max(32, args.concurrency)))
        log = open(Path(tmp) / "server.log", "wb")
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "clausecheck.cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            while True:
                if proc.poll() is not None:
                    print((Path(tmp) / "server.log").read_text())
                    return 1
                try:
                    h = httpx.get(url + "/healthz", timeout=2).json()
                    if h["workers_ready"] == h["workers"]:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
            startup = time.perf_counter() - t0
            time.sleep(1.0)  # every worker has said it is ready; let start-up settle
            idle = idle_memory(proc.pid)
            sampler = MemorySampler(proc.pid)
            sampler.start()

            status, _ = post(url, name, data)  # warm-up
            assert status == 201, status
            singles = []
            for _ in range(args.singles):
                status, dt = post(url, name, data)
                assert status == 201, status
                singles.append(dt)

            procs = {"server": psutil.Process(proc.pid), "client": psutil.Process()}
            procs.update({f"worker{i}": c for i, c in enumerate(
                c for c in psutil.Process(proc.pid).children(recursive=True) if "forkserver" in " ".join(c.cmdline())
                and c.ppid() != proc.pid)})
            cpu0 = {k: sum(p.cpu_times()[:2]) for k, p in procs.items()}
            full, wall = burst(url, name, data, args.concurrency)
            results = [(code, dt) for code, dt, _ in full]
            if os.environ.get("CC_KEEP_LOG"):
                import shutil

                shutil.copy(Path(tmp) / "server.log", os.environ["CC_KEEP_LOG"])
            cpu = {k: sum(p.cpu_times()[:2]) - cpu0[k] for k, p in procs.items() if p.is_running()}
            sampler.stop()
            health = httpx.get(url + "/healthz").json()
            over = overflow(url, name, data, health["max_concurrent"] + args.overflow) if args.overflow else ""
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()

    ok = [dt for code, dt in results if code in (200, 201, 202)]
    codes = {c: sum(1 for code, _ in results if code == c) for c in sorted({code for code, _ in results})}
    print(f"contract: {name} ({len(data) / 1024:.0f} KB, 10 pages); server: {health['workers']} worker processes, "
          f"{os.cpu_count()} cores; started in {startup:.1f} s")
    print(f"single request (median of {len(singles)}): {statistics.median(singles):.2f} s "
          f"(min {min(singles):.2f}, max {max(singles):.2f})")
    print(f"{args.concurrency} concurrent uploads: {len(ok)}/{len(results)} succeeded (status counts {codes}); "
          f"p50 {pct(ok, 0.5):.2f} s, p95 {pct(ok, 0.95):.2f} s, max {max(ok):.2f} s; all done in {wall:.2f} s "
          f"= {len(ok) / wall:.2f} analyses/s")
    print(f"idle memory ({len(idle)} processes, workers ready): {sum(r for _, r, _ in idle) / 2**20:.0f} MB RSS summed, "
          f"{sum(p for _, _, p in idle) / 2**20:.0f} MB PSS; "
          + ", ".join(f"{role} {r / 2**20:.0f}/{p / 2**20:.0f}" for role, r, p in idle) + " (MB RSS/PSS)")
    print(f"peak during the concurrent run: {sampler.peak_rss / 2**20:.0f} MB RSS, {sampler.peak_pss / 2**20:.0f} MB PSS "
          f"({sampler.peak_procs} processes)")
    if over:
        print(f"overflow (max_concurrent {health['max_concurrent']}): {over}")
    print("CPU seconds during the concurrent run: " + ", ".join(f"{k} {v:.2f}" for k, v in cpu.items()))
    print(f"load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if len(ok) == len(results) == args.concurrency else 1


if __name__ == "__main__":
    sys.exit(main())
