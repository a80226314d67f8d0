"""Batch throughput: `clausecheck batch` over a folder of contracts with 1 and 2 local worker
processes and on a Dask LocalCluster with 1 and 2 workers, plus an interrupt-and-resume check.

Each run is the real command in its own process, with a fresh output. Throughput is files per
second over the analysis (workers already warm: the start-up is reported apart).

    python benchmarks/batch_throughput.py [DIR] [--jobs 1,2] [--dask 1,2] [--resume] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "cuad" / "pdf"
RATE = re.compile(r"(\d+) files in ([\d.]+) s = ([\d.]+) files/s")


def run(inputs: list[str], out: Path, *extra: str) -> dict:
    """One `clausecheck batch` run; also the CPU time of its own (parent) process, sampled until it ends."""
    import psutil

    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "clausecheck.cli", "batch", *inputs, "--out", str(out), "-q",
                             *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    parent_cpu = 0.0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            c = ps.cpu_times()
            parent_cpu = c.user + c.system
        except psutil.Error:
            break
        time.sleep(0.1)
    stdout, stderr = proc.communicate()
    r = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"batch failed ({r.returncode}): {r.stderr}\n{r.stdout}")
    m = RATE.search(r.stdout)
    first = r.stdout.splitlines()[0]
    elapsed = cpu = 0.0
    pages = 0
    workers = set()
    progress = out.with_name(out.name + ".progress.jsonl")
    for line in progress.read_text().splitlines():
        rec = json.loads(line)
        elapsed += rec.get("elapsed") or 0
        cpu += rec.get("cpu") or 0
        pages += ((rec.get("record") or {}).get("document") or {}).get("pages") or 0
        workers.add(rec.get("worker"))
    analysis_s = float(m.group(2)) if m else 0.0
    return {"wall": wall, "files": int(m.group(1)) if m else 0, "analysis_s": analysis_s,
            "rate": float(m.group(3)) if m else 0.0, "summary": first, "stdout": r.stdout,
            "task_s": elapsed, "cpu_s": cpu, "workers": len(workers - {None}), "pages": pages,
            "pages_rate": pages / analysis_s if analysis_s else 0.0, "wall_pages_rate": pages / wall if wall else 0.0,
            "parent_cpu": parent_cpu}


def describe(r: dict) -> str:
    """CPU share: the worker CPU time over the time the tasks took. Under 100% means the workers
    waited for a core (other processes on the machine, or more workers than cores)."""
    share = 100 * r["cpu_s"] / r["task_s"] if r["task_s"] else 0
    return (f"{r['pages']} pages; analysis {r['analysis_s']:.1f} s = {r['pages_rate']:.1f} pages/s "
            f"({r['rate']:.3f} files/s); wall {r['wall']:.1f} s = {r['wall_pages_rate']:.1f} pages/s (interpreter "
            f"start, hashing and table included); {r['workers']} worker processes; task time {r['task_s']:.0f} s, "
            f"worker CPU {r['cpu_s']:.1f} s ({share:.0f}% CPU share); batch parent process CPU {r['parent_cpu']:.1f} s")


SPIN = "n = 0\nfor i in range(12_000_000):\n    n += i & 7\n"  # about a second of pure-Python work


def parallel_reference() -> tuple[float, str]:
    """How much faster two processes are than one on the same pure-Python work, on this machine now.
    With the kernel's autogroup scheduling (/proc/sys/kernel/sched_autogroup_enabled), CPU is shared
    between sessions, not processes: when other sessions keep the cores busy, a second process of
    ours gets no more CPU for the session, and this ratio falls toward 1. It is the ceiling for
    --jobs 2 over --jobs 1 at the moment."""
    def timed(n: int) -> float:
        t = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(n)]
        for p in procs:
            p.wait()
        return time.perf_counter() - t

    one, two = timed(1), timed(2)
    ratio = 2 * one / two
    try:
        auto = Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        auto = False
    return ratio, (f"pure-Python reference: 1 process {one:.2f} s, 2 processes {two:.2f} s for twice the work = "
                   f"{ratio:.2f}x (the most --jobs 2 can gain now){'; autogroup scheduling on' if auto else ''}")


def raw_pdfium(files: list[Path]) -> str:
    """Text extraction alone, one process: pypdfium2 opening each PDF and reading every page's text."""
    import pypdfium2 as pdfium

    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
    pages = 0
    t = time.perf_counter()
    for p in pdfs:
        doc = pdfium.PdfDocument(str(p))
        for page in doc:
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
            pages += 1
        doc.close()
    dt = time.perf_counter() - t
    return f"raw pypdfium2 text extraction, 1 process: {pages} pages of {len(pdfs)} PDFs in {dt:.2f} s = {pages / dt:.0f} pages/s"


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--jobs", default="1,2", help="local worker counts to try ('' for none)")
    ap.add_argument("--dask", default="1,2", help="Dask LocalCluster worker counts to try ('' for none)")
    ap.add_argument("--resume", action="store_true", help="also interrupt a run and resume it")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (sorted by name)")
    args = ap.parse_args()

    if not args.folder.is_dir():
        print(f"no folder {args.folder}; skipping")
        return 0
    files = sorted(p for p in args.folder.iterdir() if p.suffix.lower() in (".pdf", ".docx", ".txt"))
    if args.limit:
        files = files[:args.limit]
    work = Path(tempfile.mkdtemp(prefix="cc-batch-bench-"))
    if args.limit:  # a folder holding just those files, so every run sees the same input
        sub = work / "input"
        sub.mkdir()
        for p in files:
            (sub / p.name).symlink_to(p)
        inputs = [str(sub)]
    else:
        inputs = [str(args.folder)]
    # Every run uses one copy of the model, whatever else happens to models/ meanwhile.
    from clausecheck.resources import builtin_model

    model = Path(os.environ.get("CLAUSECHECK_MODEL") or builtin_model())
    shutil.copy(model, work / model.name)
    os.environ["CLAUSECHECK_MODEL"] = str(work / model.name)
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} files ({size / 2**20:.0f} MB) from {args.folder}; {cpu_count()} cores; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    print(raw_pdfium(files), flush=True)
    if args.jobs.strip():
        print("before: " + parallel_reference()[1], flush=True)
    results: dict[str, dict] = {}
    try:
        for n in [int(x) for x in args.jobs.split(",") if x.strip()]:
            r = run(inputs, work / f"local{n}.csv", "--jobs", str(n))
            results[f"local, --jobs {n}"] = r
            print(f"local --jobs {n}: {r['summary']}\n    {describe(r)}", flush=True)

        if args.dask.strip():
            from distributed import LocalCluster

            logging.getLogger("distributed").setLevel(logging.CRITICAL)  # no noise from the cluster closing

            for n in [int(x) for x in args.dask.split(",") if x.strip()]:
                with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as cluster:
                    r = run(inputs, work / f"dask{n}.csv", "--cluster", cluster.scheduler_address)
                results[f"dask, {n} workers"] = r
                print(f"dask LocalCluster {n} worker(s): {r['summary']}\n    {describe(r)}", flush=True)

        def speedup(a: str, b: str) -> None:
            if a in results and b in results and results[a]["pages_rate"]:
                s = results[b]["pages_rate"] / results[a]["pages_rate"]
                w = results[b]["wall_pages_rate"] / results[a]["wall_pages_rate"]
                print(f"speed-up {b} over {a}: {s:.2f}x pages/s over the analysis, {w:.2f}x over the whole command")

        speedup("local, --jobs 1", "local, --jobs 2")
        if "local, --jobs 2" in results:
            print("after: " + parallel_reference()[1], flush=True)
        speedup("dask, 1 workers", "dask, 2 workers")

        if args.resume:
            resume_check(inputs, work, len(files))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def resume_check(inputs: list[str], work: Path, total: int) -> None:
    """Interrupt a --jobs 2 run part-way (SIGINT, as Ctrl-C), then run the same command again: it
    must analyse only the files the first run had not finished, and the table must be complete."""
    out = work / "resume.csv"
    progress = work / "resume.csv.progress.jsonl"
    cmd = [sys.executable, "-m", "clausecheck.cli", "batch", *inputs, "--out", str(out), "-q", "--jobs", "2"]
    # Ctrl-C as in a terminal: SIGINT with its default meaning, even when this script itself was
    # started in the background (where SIGINT is ignored, and children inherit that).
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    target = max(1, total // 3)
    while proc.poll() is None:
        if progress.exists() and progress.read_text().count("\n") >= target:
            break
        time.sleep(0.1)
    t = time.perf_counter()
    proc.send_signal(signal.SIGINT)
    _stdout, stderr = proc.communicate(timeout=120)
    stop_s = time.perf_counter() - t
    lines = progress.read_text().splitlines()
    done_before = len({json.loads(line)["sha256"] for line in lines})
    print(f"interrupted after {done_before} of {total} files (exit code {proc.returncode}, stopped in {stop_s:.1f} s): "
          f"{stderr.strip().splitlines()[-1] if stderr.strip() else ''}")
    r = run(inputs, out, "--jobs", "2")
    lines2 = progress.read_text().splitlines()
    shas = [json.loads(line)["sha256"] for line in lines2]
    redone = len(shas) - len(set(shas))
    print(f"resumed: {r['summary']}")
    import csv

    in_table = len({row["file"] for row in csv.DictReader(out.open(encoding="utf-8"))})
    print(f"files analysed twice: {redone}; files in the final table: {in_table} of {total}")


if __name__ == "__main__":
    sys.exit(main())
