"""Fuzzing the parser boundary: mutated sample PDFs and DOCX files through the real CLI.

    python benchmarks/fuzz_inputs.py [--count 2000] [--seed 16] [--time-limit 1800] [--analyze-every 10]
                                     [--per-file-timeout 60] [--cli-timeout 30] [--jobs 1] [--exec]
                                     [--keep DIR]

Each mutation starts from one of the PDFs or DOCX files in sample_contracts/ and applies one to three
mutators, chosen with a fixed seed (the same seed gives the same files): byte flips, bytes set to
delimiters, truncation, a chunk duplicated or deleted; for PDFs, xref offsets, object headers,
references, /Count and /Length damaged and objects dropped; for DOCX, a member's XML mutated and the
archive rebuilt, a member's compressed bytes flipped, a member dropped, zip header fields changed.

Every mutated file goes through `clausecheck parse FILE` in its own process, every `--analyze-every`-th
through `clausecheck analyze FILE --format json` instead. By default each run is a child forked from
this process after it has imported clausecheck (the CLI's own main(), its exit code, and stdout/stderr
at the file-descriptor level, so C libraries' output counts too), which saves the ~1 s interpreter and
import start-up per file; `--exec` starts the installed `clausecheck` command afresh for each file
instead. A run still going after --per-file-timeout is killed and counted as a hang.

Printed: how many runs exited 0, exited 2 with one line on stderr (and the commonest of those lines,
the file name taken out), printed a traceback, exited otherwise, or hung; the peak RSS of any run.
Files that did not end with exit 0 or a one-line exit 2 are kept in --keep with their mutation for
reproducing.
"""

from __future__ import annotations

import argparse
import collections
import io
import os
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_contracts"

# ------------------------------------------------------------------------------------ mutators
# each takes (rng, data) and returns the mutated bytes; all are plain functions over bytes


def flip_bits(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


_SPECIAL = b"\x00\xff()<>[]{}/%\\\n\r 0123456789-.R"


def set_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.choice(_SPECIAL)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(1, len(data))]


def _span(rng: random.Random, data: bytes) -> tuple[int, int]:
    a = rng.randrange(len(data))
    return a, min(len(data), a + rng.randint(1, max(1, min(4096, len(data) // 4))))


def duplicate_chunk(rng: random.Random, data: bytes) -> bytes:
    a, b = _span(rng, data)
    at = rng.randrange(len(data))
    return data[:at] + data[a:b] * rng.choice((1, 2, 8)) + data[at:]


def delete_chunk(rng: random.Random, data: bytes) -> bytes:
    a, b = _span(rng, data)
    return data[:a] + data[b:]


GENERIC = [flip_bits, set_bytes, truncate, duplicate_chunk, delete_chunk]

# PDF structure: xref, objects, references, counts, lengths

_XREF_ENTRY = re.compile(rb"\d{10} \d{5} [nf]")
_OBJ = re.compile(rb"(\d+) (\d+) obj")
_REF = re.compile(rb"(\d+) 0 R")
_NUMBER_KEY = re.compile(rb"/(Count|Length|Size|Prev|First|N)\s+(-?\d+)")


def _sub_one(rng: random.Random, pattern: re.Pattern, data: bytes, make) -> bytes:
    hits = list(pattern.finditer(data))
    if not hits:
        return flip_bits(rng, data)
    m = rng.choice(hits)
    return data[:m.start()] + make(m) + data[m.end():]


def pdf_xref(rng: random.Random, data: bytes) -> bytes:
    """An xref entry pointing elsewhere, or marked free; or startxref pointing elsewhere."""
    if rng.random() < 0.3:
        return re.sub(rb"startxref\s+\d+", b"startxref\n" + str(rng.randrange(len(data) * 2)).encode(), data)
    return _sub_one(rng, _XREF_ENTRY, data,
                    lambda m: b"%010d %05d %s" % (rng.randrange(len(data) + 100), rng.choice((0, 0, 65535)),
                                                  rng.choice((b"n", b"f"))))


def pdf_object_header(rng: random.Random, data: bytes) -> bytes:
    """An object renumbered, given another generation, or its 'endobj' removed."""
    if rng.random() < 0.3:
        i = data.find(b"endobj", rng.randrange(len(data)))
        return data if i < 0 else data[:i] + data[i + 6:]
    return _sub_one(rng, _OBJ, data, lambda m: b"%d %d obj" % (rng.randrange(0, 40), rng.choice((0, 1, 99999))))


def pdf_reference(rng: random.Random, data: bytes) -> bytes:
    """A reference retargeted: to itself, a parent (loops), a missing object or a huge number."""
    return _sub_one(rng, _REF, data,
                    lambda m: b"%d 0 R" % rng.choice((rng.randrange(1, 20), 0, 2 ** 31 - 1, 99999, int(m.group(1)))))


def pdf_number(rng: random.Random, data: bytes) -> bytes:
    """/Count, /Length, /Size ... set to 0, negative, huge or off by some."""
    def make(m: re.Match) -> bytes:
        value = int(m.group(2))
        new = rng.choice((0, -1, -2 ** 31, 2 ** 31 - 1, 10 ** 12, value + rng.randint(-50, 50), value * 1000))
        return b"/%s %d" % (m.group(1), new)
    return _sub_one(rng, _NUMBER_KEY, data, make)


def pdf_drop_object(rng: random.Random, data: bytes) -> bytes:
    """A whole object removed (the xref now points at the wrong bytes)."""
    hits = list(_OBJ.finditer(data))
    if not hits:
        return delete_chunk(rng, data)
    m = rng.choice(hits)
    end = data.find(b"endobj", m.end())
    return data if end < 0 else data[:m.start()] + data[end + 6:]


def pdf_stream(rng: random.Random, data: bytes) -> bytes:
    """Bytes flipped inside a stream's data (compressed content, fonts)."""
    starts = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
    if not starts:
        return flip_bits(rng, data)
    s = rng.choice(starts)
    e = data.find(b"endstream", s)
    e = e if e > s else min(len(data), s + 64)
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(s, max(s + 1, e))] = rng.randrange(256)
    return bytes(out)


_BOX = re.compile(rb"/(MediaBox|CropBox)\s*\[[^\]]*\]|/Rotate\s+-?\d+")


def pdf_geometry(rng: random.Random, data: bytes) -> bytes:
    """A page box made empty, negative, inverted or enormous, or an odd /Rotate."""
    def make(m: re.Match) -> bytes:
        if m.group(0).startswith(b"/Rotate"):
            return b"/Rotate %d" % rng.choice((45, -90, 270, 1 << 31, 7))
        box = rng.choice(((0, 0, 0, 0), (0, 0, -612, -792), (612, 792, 0, 0), (0, 0, 14400, 14400),
                          (0, 0, 1e9, 1e9), (-1e30, -1e30, 1e30, 1e30), (0, 0, 612, 3)))
        return b"/MediaBox [ " + b" ".join(b"%g" % v for v in box) + b" ]"
    return _sub_one(rng, _BOX, data, make)


PDF = [pdf_xref, pdf_object_header, pdf_reference, pdf_number, pdf_drop_object, pdf_stream, pdf_geometry]


def image_head(rng: random.Random, data: bytes) -> bytes:
    """Bytes of an image's header changed: dimensions, bit depth, tags, EXIF, frame counts."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(8, min(len(out), 400)) if len(out) > 9 else 0
        out[i] = rng.choice((0, 1, 0x7F, 0xFF, rng.randrange(256)))
    return bytes(out)


IMAGE = [image_head, image_head, image_head]

# DOCX: the zip package and its XML members


_UNZIP_ERRORS = (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, RuntimeError,
                 NotImplementedError)


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


def _zip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, raw in members:
            zf.writestr(info.filename, raw)
    return buf.getvalue()


def _xml_mutation(rng: random.Random, raw: bytes) -> bytes:
    choice = rng.randrange(6)
    if choice == 0:  # a tag's closing bracket or name damaged
        return set_bytes(rng, raw)
    if choice == 1:  # deep nesting
        depth = rng.choice((100, 5000, 50000))
        i = raw.rfind(b"</", 0, max(1, len(raw) - 20)) if raw else 0
        return raw[:i] + b"<w:p>" * depth + b"</w:p>" * depth + raw[i:]
    if choice == 2:  # a huge attribute or text run
        i = rng.randrange(len(raw) + 1)
        return raw[:i] + b" " + b"A" * rng.choice((10_000, 1_000_000)) + raw[i:]
    if choice == 3:  # an element cut out
        return delete_chunk(rng, raw)
    if choice == 4:  # numbers in attributes made extreme (numIds, levels, widths)
        return re.sub(rb'w:val="(\d+)"', lambda m: b'w:val="%d"' % rng.choice((-1, 0, 9, 2 ** 31, 10 ** 30))
                      if rng.random() < 0.3 else m.group(0), raw)
    return truncate(rng, raw) if raw else raw


def docx_member_xml(rng: random.Random, data: bytes) -> bytes:
    """One member's XML mutated (document.xml, numbering, styles, rels ... most often the body)."""
    try:
        members = _members(data)
    except _UNZIP_ERRORS:
        return flip_bits(rng, data)
    names = [info.filename for info, _ in members]
    weights = [6 if n == "word/document.xml" else 2 if n.endswith((".xml", ".rels")) else 1 for n in names]
    k = rng.choices(range(len(members)), weights)[0]
    info, raw = members[k]
    members[k] = (info, _xml_mutation(rng, raw))
    return _zip(members)


def docx_drop_member(rng: random.Random, data: bytes) -> bytes:
    try:
        members = _members(data)
    except _UNZIP_ERRORS:
        return delete_chunk(rng, data)
    del members[rng.randrange(len(members))]
    return _zip(members)


def docx_compressed_bytes(rng: random.Random, data: bytes) -> bytes:
    """Bytes flipped inside one member's compressed data (bad CRC or deflate stream)."""
    heads = [m.start() for m in re.finditer(rb"PK\x03\x04", data)]
    if not heads:
        return flip_bits(rng, data)
    h = rng.choice(heads)
    start = min(len(data) - 1, h + 30 + int.from_bytes(data[h + 26:h + 28], "little")
                + int.from_bytes(data[h + 28:h + 30], "little"))
    end = max(start + 1, min(len(data), start + int.from_bytes(data[h + 18:h + 22], "little")))
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        out[rng.randrange(start, end)] ^= 1 << rng.randrange(8)
    return bytes(out)


def docx_header_fields(rng: random.Random, data: bytes) -> bytes:
    """A local or central header's method, flags, sizes, name length or offset changed."""
    heads = [m.start() for m in re.finditer(rb"PK\x01\x02|PK\x03\x04|PK\x05\x06", data)]
    if not heads:
        return flip_bits(rng, data)
    h = rng.choice(heads)
    off = h + rng.randrange(4, 46)
    width = rng.choice((1, 2, 4))
    value = rng.choice((0, 1, 0xFF, 0xFFFF, 0xFFFFFFFF, rng.randrange(1 << (8 * width))))
    value &= (1 << (8 * width)) - 1
    return data[:off] + value.to_bytes(width, "little") + data[off + width:]


DOCX = [docx_member_xml, docx_member_xml, docx_drop_member, docx_compressed_bytes, docx_header_fields]


def mutate(rng: random.Random, name: str, data: bytes) -> tuple[str, bytes]:
    """One to three mutators, generic or for the file's kind; their names and the result."""
    kind = Path(name).suffix
    pool = GENERIC + (PDF * 2 if kind == ".pdf" else DOCX * 2 if kind == ".docx" else IMAGE)
    steps = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        fn = rng.choice(pool)
        if not data:
            break
        data = fn(rng, data)
        steps.append(fn.__name__)
    return "+".join(steps), data


# ------------------------------------------------------------------------------------- running


@dataclass
class Run:
    index: int
    seed_file: str
    mutation: str
    command: str
    path: Path
    pid: int = 0
    started: float = 0.0


@dataclass
class Tally:
    counts: collections.Counter = field(default_factory=collections.Counter)
    by_command: collections.Counter = field(default_factory=collections.Counter)
    refusals: collections.Counter = field(default_factory=collections.Counter)
    peak_kb: int = 0
    peak_file: str = ""
    failures: list[str] = field(default_factory=list)
    slowest: float = 0.0


def _child(args: list[str], err_path: Path, mem_mb: int) -> None:
    """In a forked child: the real CLI main() with its stdout discarded and stderr to a file."""
    code = 1
    try:
        if mem_mb:
            limit = mem_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        devnull = os.open(os.devnull, os.O_WRONLY)
        err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(devnull, 1)
        os.dup2(err, 2)
        from clausecheck.cli import main

        sys.argv = ["clausecheck", *args]
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if isinstance(exc.code, str):
                print(exc.code, file=sys.stderr)
        except BaseException:  # what a user would see: the traceback and exit 1
            import traceback

            traceback.print_exc()
            code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _start(run: Run, cli_args: list[str], use_exec: bool, mem_mb: int) -> None:
    args = [run.command, str(run.path), *cli_args]
    err_path = run.path.with_suffix(run.path.suffix + ".err")
    run.started = time.monotonic()
    if use_exec:
        exe = shutil.which("clausecheck") or "clausecheck"
        with open(err_path, "wb") as err, open(os.devnull, "wb") as out:
            pid = os.posix_spawn(exe, [exe, *args], os.environ, file_actions=[
                (os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)])
        run.pid = pid
        return
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _child(args, err_path, mem_mb)
    run.pid = pid


def _judge(run: Run, status: int | None, rusage, tally: Tally, keep: Path) -> None:
    err_path = run.path.with_suffix(run.path.suffix + ".err")
    err = err_path.read_text(errors="replace") if err_path.exists() else ""
    lines = [ln for ln in err.splitlines() if ln.strip()]
    elapsed = time.monotonic() - run.started
    tally.slowest = max(tally.slowest, elapsed)
    if rusage is not None and rusage.ru_maxrss > tally.peak_kb:
        tally.peak_kb, tally.peak_file = rusage.ru_maxrss, f"#{run.index} {run.seed_file} {run.mutation}"
    if status is None:
        kind = "hang"
    elif os.WIFSIGNALED(status):
        kind = f"killed by signal {os.WTERMSIG(status)}"
    else:
        code = os.WEXITSTATUS(status)
        if "Traceback" in err:
            kind = "traceback"
        elif code == 0:
            kind = "exit 0"
        elif code == 2 and len(lines) == 1:
            kind = "exit 2, one line"
            tally.refusals[re.sub(r"^clausecheck: \S+: ", "", lines[0])[:110]] += 1
        elif code == 2:
            kind = f"exit 2 with {len(lines)} lines on stderr"
        else:
            kind = f"exit {code}"
    tally.counts[kind] += 1
    tally.by_command[run.command] += 1
    if kind not in ("exit 0", "exit 2, one line"):
        keep.mkdir(parents=True, exist_ok=True)
        kept = keep / f"{run.index:05d}-{run.command}-{Path(run.seed_file).stem}{run.path.suffix}"
        shutil.copyfile(run.path, kept)
        last = lines[-1] if lines else "(no output)"
        tally.failures.append(f"{kind}: {kept} [{run.mutation}] {last[:200]}")
    run.path.unlink(missing_ok=True)
    err_path.unlink(missing_ok=True)


def _reap(running: dict[int, Run], timeout: float, tally: Tally, keep: Path) -> None:
    """Collect finished children; kill and count as hangs those past the per-file timeout."""
    while True:
        try:
            pid, status, rusage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            break
        run = running.pop(pid, None)
        if run is not None:
            _judge(run, status, rusage, tally, keep)
    now = time.monotonic()
    for pid, run in list(running.items()):
        if now - run.started > timeout:
            os.kill(pid, signal.SIGKILL)
            _, _, rusage = os.wait4(pid, 0)
            running.pop(pid)
            _judge(run, None, rusage, tally, keep)


def _warm() -> None:
    """Import what the CLI imports and load the model once, so forked children share it."""
    import clausecheck
    import clausecheck.cli  # noqa: F401
    import clausecheck.documents.docx  # noqa: F401
    import clausecheck.documents.pdf  # noqa: F401
    import clausecheck.segmentation  # noqa: F401

    clausecheck.analyze("1. Term. This agreement lasts one year.", name="warm.txt")


def _scans(pdf_path: Path) -> list[tuple[str, bytes]]:
    """The top of the first page of a sample PDF as a small scan: PNG, JPEG (with an EXIF
    orientation), a two-frame TIFF and an image-only PDF, made here so the OCR path is fuzzed too."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_path.read_bytes())
    image = pdf[0].render(scale=2).to_pil().convert("L")
    pdf.close()
    image = image.crop((0, 0, image.width, image.height // 3))
    out = []
    for suffix, kwargs in ((".png", {"format": "PNG"}), (".jpg", {"format": "JPEG", "quality": 70}),
                           (".tif", {"format": "TIFF", "save_all": True, "append_images": [image]}),
                           (".pdf", {"format": "PDF", "resolution": 144.0})):
        buf = io.BytesIO()
        if suffix == ".jpg":
            exif = image.getexif()
            exif[0x0112] = 1  # orientation: upright
            kwargs["exif"] = exif
        image.save(buf, **kwargs)
        out.append((f"scan-{pdf_path.stem}{suffix}", buf.getvalue()))
    return out


def _seeds(with_scans: bool) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """(sample PDFs and DOCX files, scans made from two sample PDFs)."""
    files = sorted(SAMPLES.glob("*.pdf")) + sorted(SAMPLES.glob("*.docx"))
    scans = [s for p in sorted(SAMPLES.glob("*.pdf"))[:2] for s in _scans(p)] if with_scans else []
    return [(p.name, p.read_bytes()) for p in files], scans


def fuzz(opts: argparse.Namespace) -> Tally:
    rng = random.Random(opts.seed)
    seeds, scans = _seeds(opts.scan_every > 0)
    if not opts.exec:
        _warm()
    tally = Tally()
    running: dict[int, Run] = {}
    work = Path(tempfile.mkdtemp(prefix="clausecheck-fuzz-"))
    cli_args = ["--timeout", str(opts.cli_timeout)]
    t0 = time.monotonic()
    index = 0
    try:
        while index < opts.count and time.monotonic() - t0 < opts.time_limit:
            while len(running) >= opts.jobs:
                _reap(running, opts.per_file_timeout, tally, Path(opts.keep))
                time.sleep(0.005)
            scan = opts.scan_every and index % opts.scan_every == 1
            seed_name, seed_data = rng.choice(scans if scan else seeds)
            mutation, data = mutate(rng, seed_name, seed_data)
            path = work / f"{index:05d}{Path(seed_name).suffix}"
            path.write_bytes(data)
            command = "analyze" if opts.analyze_every and index % opts.analyze_every == 0 else "parse"
            extra = ["--format", "json"] if command == "analyze" else []
            if command == "parse" and seed_name.endswith(".pdf") and rng.random() < opts.plumber_share:
                extra, mutation = ["--pdf-engine", "pdfplumber"], mutation + " (--pdf-engine pdfplumber)"
            run = Run(index, seed_name, mutation, command, path)
            _start(run, cli_args + extra, opts.exec, opts.mem_limit_mb)
            running[run.pid] = run
            index += 1
            if opts.progress and index % opts.progress == 0:
                print(f"  {index} started, {time.monotonic() - t0:.0f} s, {dict(tally.counts)}", flush=True)
        while running:
            _reap(running, opts.per_file_timeout, tally, Path(opts.keep))
            time.sleep(0.005)
    finally:
        for pid in running:
            os.kill(pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)
    tally.elapsed = time.monotonic() - t0  # type: ignore[attr-defined]
    return tally


def report(tally: Tally, opts: argparse.Namespace) -> None:
    total = sum(tally.counts.values())
    mode = "a fresh `clausecheck` process each" if opts.exec else "forked from a warm parent"
    print(f"{total} mutated files in {tally.elapsed:.0f} s (seed {opts.seed}; {mode}; "  # type: ignore[attr-defined]
          f"parse {tally.by_command['parse']}, analyze {tally.by_command['analyze']})")
    order = ["exit 0", "exit 2, one line", "traceback", "hang"]
    for kind in order + sorted(k for k in tally.counts if k not in order):
        print(f"  {kind:<34} {tally.counts.get(kind, 0):>6}")
    other = sum(n for k, n in tally.counts.items() if k not in order)
    print(f"  {'other exits (all of the above else)':<34} {other:>6}")
    print(f"peak RSS of one run: {tally.peak_kb / 1024:.0f} MB ({tally.peak_file}); slowest run {tally.slowest:.1f} s")
    print("commonest one-line refusals:")
    for line, n in tally.refusals.most_common(opts.show):
        print(f"  {n:>5}  {line}")
    if tally.failures:
        print(f"failures ({len(tally.failures)}, files kept in {opts.keep}):")
        for line in tally.failures[:opts.show * 3]:
            print(f"  {line}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=2000, help="mutated files to run")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--time-limit", type=float, default=1800.0, help="seconds; stop starting new files after it")
    ap.add_argument("--per-file-timeout", type=float, default=60.0, help="seconds before a run counts as a hang")
    ap.add_argument("--cli-timeout", type=float, default=30.0, help="the CLI's own --timeout for each run")
    ap.add_argument("--analyze-every", type=int, default=10, help="every N-th file through analyze (0: none)")
    ap.add_argument("--scan-every", type=int, default=20,
                    help="every N-th file a mutated scan (PNG/JPEG/TIFF/image-only PDF) read by OCR (0: none)")
    ap.add_argument("--plumber-share", type=float, default=0.2,
                    help="share of PDF parse runs with --pdf-engine pdfplumber")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--exec", action="store_true", help="start `clausecheck` afresh for every file")
    ap.add_argument("--mem-limit-mb", type=int, default=4096, help="address-space limit of each forked run (0: none)")
    ap.add_argument("--keep", default=str(Path(tempfile.gettempdir()) / "clausecheck-fuzz-failures"))
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--progress", type=int, default=0, help="print counts every N files")
    opts = ap.parse_args()
    report(fuzz(opts), opts)


if __name__ == "__main__":
    main()
