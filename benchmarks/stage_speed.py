"""Where the time goes: each stage of the analysis per page and per contract, next to raw pypdfium2 text
extraction of the same PDFs, plus model load time, process start-up and peak memory, in one run.

Stages are timed inside the real `clausecheck.analyze()` (its stage functions are wrapped, not
re-implemented): read (parse the file), segment, classify (label the clauses), extract (clause
attributes and document values), check (the playbook), report (the analysis JSON, as `analyze --format
json` writes it) and other (what analyze does besides). The raw reference is read per file right before
its analysis, so both see the same machine load. Sets: the sample contracts' PDFs and the first
--cuad PDFs (by name) of ../shared/data/cuad/pdf.

`--compare DIR` measures a second source tree in the same run (e.g. an earlier commit unpacked with
`git archive COMMIT app models clause_library | tar -x -C DIR`): its app/ on PYTHONPATH, its model
and its clause library, so before and after are quoted from one run. `--batch` also times `clausecheck batch --jobs 1` and `2`,
`--batch-runs` times each (3: the median and the range are printed; one batch run on a shared machine says little).

`--clock cpu` counts the CPU seconds of the measured process instead of wall seconds: on a shared, busy
machine the ratios stay put (batch is timed in wall seconds either way).

    python benchmarks/stage_speed.py [--cuad 40] [--repeat 1] [--process-runs 5] [--compare DIR] [--batch]
                                     [--batch-runs 3] [--clock wall|cpu]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_contracts"
CUAD_PDF = ROOT.parent / "shared" / "data" / "cuad" / "pdf"
LETTER = SAMPLES / "offer_letter_acme_robotics.pdf"
STAGES = ["read", "segment", "classify", "extract", "check", "report", "other"]
# --clock cpu: seconds of CPU the process used (steadier than wall time on a busy shared machine)
CLOCK = time.perf_counter

RAW_TEXT = """
import sys, pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
text = []
for page in pdf:
    tp = page.get_textpage()
    text.append(tp.get_text_range())
    tp.close()
    page.close()
sys.stdout.write("\\n".join(text))
"""

LOAD = """
import os, time, json
t0 = time.perf_counter()
from clausecheck.classify import model as m
t1 = time.perf_counter()
m.load(os.environ.get("CLAUSECHECK_MODEL") or None)
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1}))
"""


# ---- in the measuring process ---------------------------------------------------------------------

def raw_extract(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    n = len(pdf)
    for page in pdf:
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
    pdf.close()
    return n


def instrument(times: dict[str, float]) -> None:
    """Wrap the stage functions analyze() calls so each adds its time to `times`."""
    import clausecheck.analysis as analysis
    import clausecheck.extract as extract
    import clausecheck.redline as redline
    from clausecheck.classify.model import ClauseModel

    def timed(stage, fn):
        def wrapper(*args, **kwargs):
            t = CLOCK()
            try:
                return fn(*args, **kwargs)
            finally:
                times[stage] += CLOCK() - t
        return wrapper

    analysis.parse_file = timed("read", analysis.parse_file)
    analysis.parse = timed("read", analysis.parse)
    analysis.segment = timed("segment", analysis.segment)
    ClauseModel.label = timed("classify", ClauseModel.label)
    # reading the clauses: attributes_for in a tree from before extract.ClauseReading, then reading_for and
    # ClauseReading.as_dict (what analyze() calls to keep every attribute)
    for name in ("attributes_for", "reading_for", "document_values"):
        if hasattr(extract, name):
            setattr(extract, name, timed("extract", getattr(extract, name)))
    if hasattr(extract, "ClauseReading"):
        extract.ClauseReading.as_dict = timed("extract", extract.ClauseReading.as_dict)
    redline.check_contract = timed("check", redline.check_contract)


def measure_set(files: list[Path], repeat: int) -> dict:
    """Per file: raw extraction, then the full analysis with its stages; the median of `repeat` runs."""
    import clausecheck

    model = os.environ.get("CLAUSECHECK_MODEL") or None
    times: dict[str, float] = defaultdict(float)
    instrument(times)
    clausecheck.analyze(files[0], model=model)  # warm: model loaded, spaCy and the playbook read
    per_file = []
    for path in files:
        data = path.read_bytes()
        runs = []
        for _ in range(repeat):
            t = CLOCK()
            pages = raw_extract(data)
            raw = CLOCK() - t
            times.clear()
            t = CLOCK()
            result = clausecheck.analyze(path, model=model)
            t2 = CLOCK()
            json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
            times["report"] = CLOCK() - t2
            times["other"] = (t2 - t) - sum(v for k, v in times.items() if k != "report")
            runs.append({"raw": raw, **{s: times[s] for s in STAGES}})
        per_file.append({"name": path.name, "pages": pages, "clauses": len(result.clauses),
                         **{k: statistics.median(r[k] for r in runs) for k in ["raw", *STAGES]}})
    return {"files": per_file, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def worker(args) -> None:
    set_clock(args.clock)
    files = [Path(p) for p in json.loads(args.worker)]
    print(json.dumps(measure_set(files, args.repeat)))


# ---- the coordinating process ---------------------------------------------------------------------

def tree_env(tree: Path | None) -> dict[str, str]:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    if tree is not None:
        env["PYTHONPATH"] = str(tree / "app")
        for part in ("models", "clause_library"):  # the tree's own, found before the installed checkout's
            link = tree / "app" / "clausecheck" / part
            if (tree / part).is_dir() and not link.exists():
                link.symlink_to(tree / part)
        model = next(iter(sorted((tree / "models").glob("clause_classifier.*"))), None)
        if model is None:
            sys.exit(f"no models/clause_classifier.* in {tree}")
        env["CLAUSECHECK_MODEL"] = str(model)
    return env


def run_child(cmd: list[str], env: dict, stdout=subprocess.DEVNULL) -> tuple[float, float, str]:
    """Seconds (wall, or CPU with --clock cpu), peak resident MB and stdout of one process (its own peak
    and CPU, via wait4)."""
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=stdout, stderr=err)
        out = proc.stdout.read().decode() if proc.stdout else ""
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        if CLOCK is time.process_time:
            wall = usage.ru_utime + usage.ru_stime
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"{' '.join(cmd[:4])} ... failed ({proc.returncode}): {err.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024, out


def startup(env: dict, repeat: int) -> dict[str, tuple[float, float]]:
    """Median wall seconds and peak MB of whole processes, as a user starts them."""
    cli = [sys.executable, "-m", "clausecheck.cli"]
    commands = {
        "raw pypdfium2 text of the letter": [sys.executable, "-c", RAW_TEXT, str(LETTER)],
        "clausecheck --help": [*cli, "--help"],
        "clausecheck categories --format json": [*cli, "categories", "--format", "json"],
        "clausecheck library validate": [*cli, "library", "validate"],
        "clausecheck analyze letter --format json": [*cli, "analyze", str(LETTER), "--format", "json"],
    }
    out = {}
    for name, cmd in commands.items():
        runs = [run_child(cmd, env)[:2] for _ in range(repeat)]
        out[name] = (statistics.median(r[0] for r in runs), max(r[1] for r in runs))
    return out


def model_load(env: dict, repeat: int) -> dict[str, float]:
    runs = [json.loads(run_child([sys.executable, "-c", LOAD], env, stdout=subprocess.PIPE)[2])
            for _ in range(repeat)]
    return {k: statistics.median(r[k] for r in runs) for k in ("import", "load")}


def batch(env: dict, files: list[Path], jobs: int) -> float:
    """The seconds `clausecheck batch --jobs N` reports for `files`: from starting its worker pool to the last
    result, so the workers' start-up (imports, model, warm-up) is counted; reading the folder is not."""
    import re

    work = Path(tempfile.mkdtemp(prefix="cc-stage-batch-"))
    try:
        folder = work / "in"
        folder.mkdir()
        for p in files:
            (folder / p.name).symlink_to(p)
        _, _, out = run_child([sys.executable, "-m", "clausecheck.cli", "batch", str(folder), "--out",
                               str(work / "out.csv"), "--jobs", str(jobs), "-q"], env, stdout=subprocess.PIPE)
        m = re.search(r"(\d+) files in ([\d.]+) s", out)
        if not m or int(m.group(1)) != len(files):
            sys.exit(f"batch --jobs {jobs} did not analyse every file: {out[-500:]}")
        return float(m.group(2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def stage_table(label: str, results: dict[str, dict]) -> None:
    """Per stage: total ms per page, median ms per contract and the ratio to raw extraction, per tree."""
    first = next(iter(results.values()))["files"]
    pages = sum(f["pages"] for f in first)
    print(f"\n== {label}: {len(first)} PDFs, {pages} pages, "
          f"{sum(f['clauses'] for f in first)} clauses (current tree)")
    trees = list(results)
    print(f"{'':22}" + "".join(f"{t + ' ms/page':>20}{'ms/contract':>13}{'x raw':>8}" for t in trees))
    for stage in ["raw", *STAGES, "all"]:
        cells = ""
        for t in trees:
            files = results[t]["files"]
            per = [f["raw"] if stage == "raw" else sum(f[s] for s in STAGES) if stage == "all" else f[stage]
                   for f in files]
            raw = sum(f["raw"] for f in files)
            cells += f"{1000 * sum(per) / pages:20.2f}{1000 * statistics.median(per):13.1f}{sum(per) / raw:8.2f}"
        name = "raw pypdfium2 text" if stage == "raw" else "all (analysis+report)" if stage == "all" else stage
        print(f"{name:22}{cells}")
    for t in trees:
        files = results[t]["files"]
        total = sum(sum(f[s] for s in STAGES) for f in files)
        print(f"{t}: {pages / total:.1f} pages/s analysed on one core vs {pages / sum(f['raw'] for f in files):.1f} "
              f"raw; peak memory of the measuring process {results[t]['peak_mb']:.0f} MB")


def pick_files(n_cuad: int) -> dict[str, list[Path]]:
    sets = {"sample contracts": sorted(SAMPLES.glob("*.pdf"))}
    if CUAD_PDF.is_dir() and n_cuad:
        sets[f"CUAD PDFs (first {n_cuad})"] = sorted(CUAD_PDF.glob("*.pdf"))[:n_cuad]
    else:
        print(f"no {CUAD_PDF}: CUAD set skipped")
    return sets


def report_processes(trees: dict, args) -> None:
    print(f"\n== processes (median of {args.process_runs} runs; peak resident memory)")
    for t, env in trees.items():
        load = model_load(env, args.process_runs)
        print(f"{t}: model load {load['load']:.3f} s (after importing clausecheck.classify.model in "
              f"{load['import']:.3f} s)")
        runs = startup(env, args.process_runs)
        raw = runs["raw pypdfium2 text of the letter"][0]
        for name, (wall, peak) in runs.items():
            print(f"  {name:42} {wall:6.3f} s  {wall / raw:5.1f}x raw  {peak:5.0f} MB")


def raw_alone(files: list[Path]) -> float:
    """Wall seconds of raw pypdfium2 text extraction of `files` in a process doing nothing else (after its
    imports). It runs faster there than file by file between analyses (caches stay warm), so a batch
    compared with it looks slower: both references are printed."""
    _, _, out = run_child([sys.executable, __file__, "--raw-alone", json.dumps([str(p) for p in files])],
                          dict(os.environ), stdout=subprocess.PIPE)
    return float(out)


def report_batch(trees: dict, files: list[Path], results: dict, runs: int) -> None:
    print(f"\n== clausecheck batch over the same {len(files)} CUAD PDFs (wall time from starting the workers, "
          "their start-up included), against the raw rate above and against raw extraction of the same files "
          f"in a process of its own; median of {runs} runs (range), the trees taking turns run by run")
    times: dict[str, dict[str, list[float]]] = {t: {"one": [], "two": [], "alone": []} for t in trees}
    for _ in range(runs):
        for t, env in trees.items():
            times[t]["alone"].append(raw_alone(files))
            times[t]["one"].append(batch(env, files, 1))
            times[t]["two"].append(batch(env, files, 2))
    for t in trees:
        per = results[t]["files"]
        pages = sum(f["pages"] for f in per)
        raw_rate = pages / sum(f["raw"] for f in per)
        one, two, alone = (times[t][k] for k in ("one", "two", "alone"))
        vs_raw = [raw_rate / (pages / x) for x in one]
        vs_alone = [x / a for x, a in zip(one, alone)]  # each run against raw alone read right before it
        speedup = [x / y for x, y in zip(one, two)]  # each run's two jobs against its one job

        def cell(values: list[float], fmt: str) -> str:
            mid = format(statistics.median(values), fmt)
            return mid if len(values) == 1 else f"{mid} ({format(min(values), fmt)}-{format(max(values), fmt)})"

        print(f"{t}: --jobs 1 {cell([pages / x for x in one], '.1f')} pages/s = {cell(vs_raw, '.2f')}x slower "
              f"than raw {raw_rate:.0f} pages/s, {cell(vs_alone, '.2f')}x slower than raw alone "
              f"{statistics.median(pages / a for a in alone):.0f} pages/s; --jobs 2 "
              f"{cell([pages / x for x in two], '.1f')} pages/s = {cell(speedup, '.2f')}x of one job")


def set_clock(name: str) -> None:
    global CLOCK
    CLOCK = time.process_time if name == "cpu" else time.perf_counter


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cuad", type=int, default=40, help="how many CUAD PDFs (0: none)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per file (median)")
    ap.add_argument("--process-runs", type=int, default=5, help="runs per process measured (median)")
    ap.add_argument("--compare", type=Path, help="another source tree to measure in the same run")
    ap.add_argument("--after", type=Path, help="with --compare: a snapshot to measure as 'after' (default: this "
                    "checkout; a snapshot keeps others' edits in progress out of the run)")
    ap.add_argument("--batch", action="store_true", help="also time clausecheck batch --jobs 1 and 2")
    ap.add_argument("--batch-runs", type=int, default=3, help="with --batch: runs of each (median and range)")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                    help="wall seconds, or CPU seconds of the measured process (steadier on a busy machine)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--raw-alone", help=argparse.SUPPRESS)
    args = ap.parse_args()
    set_clock(args.clock)
    if args.raw_alone:  # raw_alone()'s process: raw extraction of the files, nothing else
        datas = [Path(p).read_bytes() for p in json.loads(args.raw_alone)]
        t = time.perf_counter()
        for data in datas:
            raw_extract(data)
        print(time.perf_counter() - t)
        return 0
    if args.worker:
        worker(args)
        return 0
    trees = {"current": tree_env(None)}
    if args.compare:
        trees = {"before": tree_env(args.compare), "after": tree_env(args.after)}
    print(f"clock: {args.clock}; {os.cpu_count()} cores; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results_by_set = {}
    for label, files in pick_files(args.cuad).items():
        results = {}
        for t, env in trees.items():
            _, _, out = run_child([sys.executable, __file__, "--worker", json.dumps([str(p) for p in files]),
                                   "--repeat", str(args.repeat), "--clock", args.clock], env,
                                  stdout=subprocess.PIPE)
            results[t] = json.loads(out)
        stage_table(label, results)
        results_by_set[label] = (files, results)
    report_processes(trees, args)
    cuad = [v for k, v in results_by_set.items() if k.startswith("CUAD")]
    if args.batch and cuad:
        report_batch(trees, *cuad[0], max(1, args.batch_runs))
    print(f"\nload average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
