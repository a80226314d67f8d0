"""How well do clause boundaries line up with the excerpts CUAD's lawyers marked? And how fast?

For every contract in master_clauses.csv whose txt is present, parse the txt with
clausecheck.documents.parse, segment it, locate every lawyer-marked excerpt of the 37 clause categories
in doc.text (whitespace differs, so matching ignores whitespace and maps back to offsets; an
excerpt the lawyers joined from pieces with "<omitted>" runs from its first piece to its last)
and count the excerpt as ALIGNED when it starts within TOL characters of some clause start and
ends within TOL characters of some clause end (edges compared on the first/last letter or digit,
so whitespace, punctuation and quote characters at the edges do not count), with the end clause
at or after the start clause. An excerpt may span several consecutive clauses.

A second figure also lets a clause start at its body (clausecheck.segmentation.body_starts: after the
clause's own number and inline heading, which the segmenter keeps in the clause and in its
section). Lawyers mark "5.2 Confidentiality. [The Employee shall ...]": the first figure counts
that as a miss because the clause starts at "5.2".

    python benchmarks/segmentation_cuad.py [--data ../shared/data/cuad] [--limit N]
        [--misses K [--strict-misses] [--category NAME] [--seed S]] [--pdf]

Data: CUAD v1, The Atticus Project, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import csv
import gc
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from clausecheck.documents import parse
from clausecheck.segmentation import body_starts, segment, tokenizer

ROOT = Path(__file__).resolve().parents[1]


DEFAULT_DATA = ROOT.parent / "shared" / "data" / "cuad"
METADATA = {"Document Name", "Parties", "Agreement Date", "Effective Date"}
TOL = 5
_NONSPACE = re.compile(r"\S")
_WS = re.compile(r"\s+")
_ALNUM = re.compile(r"[^\W_]")


def squeeze(text: str) -> tuple[str, list[int]]:
    """`text` without whitespace, and the offset in `text` of each kept character."""
    positions = [m.start() for m in _NONSPACE.finditer(text)]
    return _WS.sub("", text), positions


def core_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of the first letter/digit and one past the last in text[start:end]."""
    first = _ALNUM.search(text, start, end)
    if first is None:
        return None
    last = first.start()
    # scan back from the end for the last letter/digit (edges are short; this loop is cheap)
    j = end - 1
    while j >= first.start():
        if text[j].isalnum():
            last = j
            break
        j -= 1
    return first.start(), last + 1


def find_all(hay: str, needle: str) -> list[int]:
    out, i = [], hay.find(needle)
    while i != -1:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


def locate(squeezed: str, positions: list[int], pieces: list[str]) -> list[tuple[int, int]]:
    """Every (start, end) in the original text where the pieces occur in order (squeezed search)."""
    out = []
    for h in find_all(squeezed, pieces[0]):
        at = h + len(pieces[0])
        for piece in pieces[1:]:
            k = squeezed.find(piece, at)
            if k == -1:
                break
            at = k + len(piece)
        else:
            out.append((positions[h], positions[at - 1] + 1))
    return out


def aligned(starts: list[tuple[int, int]], ends: list[tuple[int, int]], s: int, e: int) -> bool:
    """Some clause starts within TOL of s, and the same or a later clause ends within TOL of e.

    `starts` and `ends` are sorted (position, clause index) pairs."""
    i = bisect.bisect_left(starts, (s - TOL, -1))
    first = min((k for pos, k in starts[i:i + 8] if pos <= s + TOL), default=None)
    if first is None:
        return False
    j = bisect.bisect_left(ends, (e - TOL, -1))
    return any(k >= first for pos, k in ends[j:j + 8] if pos <= e + TOL)


def load_rows(data: Path):
    csv.field_size_limit(10**9)
    with open(data / "master_clauses.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    cats = [k for k in rows[0] if k != "Filename" and not k.endswith("-Answer") and k not in METADATA]
    return rows, cats


def clause_edges(stem: str, text: str, clauses) -> tuple[list, list, list]:
    """(position, clause index) of every clause start, body start and end, on letters/digits."""
    start_edges, body_edges, end_edges = [], [], []
    prev_end = -1
    for k, c in enumerate(clauses):
        assert c.text == text[c.start:c.end], f"{stem}: clause {c.id} text != doc.text[start:end]"
        assert c.start >= prev_end, f"{stem}: clause {c.id} overlaps the one before"
        prev_end = c.end
        span = core_span(text, c.start, c.end)
        if span is None:
            continue
        start_edges.append((span[0], k))
        end_edges.append((span[1], k))
        body_edges.append((span[0], k))
        for b in body_starts(c):
            inner = core_span(text, b, c.end)
            if inner:
                body_edges.append((inner[0], k))
    body_edges.sort()
    return start_edges, body_edges, end_edges


def score_excerpts(stem: str, row: dict, cats: list[str], text: str, edges, tallies, strict: bool) -> None:
    """Locate the row's excerpts in `text` and count the aligned ones into tallies
    (total, per_cat_found, per_cat_hit, per_cat_body, misses)."""
    start_edges, body_edges, end_edges = edges
    total, per_cat_found, per_cat_hit, per_cat_body, misses = tallies
    squeezed, positions = squeeze(text)
    for cat in cats:
        for excerpt in ast.literal_eval(row[cat]):
            total["excerpts"] += 1
            # lawyers joined discontiguous passages with "<omitted>": the excerpt then runs from
            # the start of its first piece to the end of its last (pieces found in order)
            pieces = [p for p in (_WS.sub("", p) for p in excerpt.split("<omitted>")) if p]
            if not pieces:
                total["empty"] += 1
                continue
            spans = [sp for sp in (core_span(text, s, e) for s, e in locate(squeezed, positions, pieces))
                     if sp is not None]
            if not spans:
                total["not_found"] += 1
                continue
            total["found"] += 1
            total["omitted"] += len(pieces) > 1
            per_cat_found[cat] += 1
            ok = any(aligned(start_edges, end_edges, *sp) for sp in spans)
            body_ok = ok or any(aligned(body_edges, end_edges, *sp) for sp in spans)
            if body_ok:
                total["hit_body"] += 1
                per_cat_body[cat] += 1
            if ok:
                total["hit"] += 1
                per_cat_hit[cat] += 1
            elif strict or not body_ok:
                misses.append((stem, cat, spans[0]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=0, help="only the first N contracts")
    ap.add_argument("--misses", type=int, default=0, help="print K random misses")
    ap.add_argument("--strict-misses", action="store_true",
                    help="sample misses of the strict figure (default: misses even with body starts)")
    ap.add_argument("--category", default=None, help="only this category (for --misses)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--pdf", action="store_true",
                    help="segment the PDFs (through the PDF parser) instead of the txt files")
    args = ap.parse_args(argv)

    data: Path = args.data
    if not (data / "master_clauses.csv").exists():
        print(f"no CUAD data at {data}", file=sys.stderr)
        return 2
    rows, cats = load_rows(data)
    gc.freeze()  # the loaded CSV is long-lived: keep the collector from rescanning it per contract
    if args.category:
        cats = [c for c in cats if c == args.category]

    t_load = time.perf_counter()
    tokenizer()  # build the tokenizer once, outside the per-contract timing
    t_load = time.perf_counter() - t_load
    total = Counter()
    per_cat_found, per_cat_hit, per_cat_body = Counter(), Counter(), Counter()
    misses: list[tuple] = []
    clause_counts: list[int] = []
    clause_words: list[int] = []
    t_parse = t_seg = cpu_seg = 0.0
    n_chars = 0
    contracts = 0
    for row in rows:
        if args.limit and contracts >= args.limit:
            break
        stem = row["Filename"].rsplit(".", 1)[0]
        path = data / "pdf" / f"{stem}.pdf" if args.pdf else data / "txt" / f"{stem}.txt"
        if not path.exists():
            total["no_txt"] += 1
            continue
        contracts += 1
        raw = path.read_bytes()
        t0 = time.perf_counter()
        doc = parse(raw, path.name)
        t1 = time.perf_counter()
        c1 = time.process_time()
        clauses = segment(doc)
        cpu_seg += time.process_time() - c1
        t2 = time.perf_counter()
        t_parse += t1 - t0
        t_seg += t2 - t1
        n_chars += len(doc.text)
        clause_counts.append(len(clauses))
        clause_words.extend(len(c.text.split()) for c in clauses)

        text = doc.text
        edges = clause_edges(stem, doc.text, clauses)
        score_excerpts(stem, row, cats, doc.text, edges,
                       (total, per_cat_found, per_cat_hit, per_cat_body, misses), args.strict_misses)

    found = total["found"]
    print(f"contracts: {contracts} ({'pdf' if args.pdf else 'txt'}; rows without one: {total['no_txt']})")
    print(f"excerpts: {total['excerpts']}  found in text: {found}  not found (skipped): "
          f"{total['not_found']}  empty: {total['empty']}  (of the found, with <omitted> gaps: {total['omitted']})")
    if found:
        print(f"ALIGNED: {total['hit']}/{found} = {100 * total['hit'] / found:.1f}% "
              f"(start and end within {TOL} chars of clause boundaries)")
        print(f"ALIGNED if a clause may also start at its body (after its own number / inline heading):"
              f" {total['hit_body']}/{found} = {100 * total['hit_body'] / found:.1f}%")
        missed = found - total["hit"]
        if missed:
            print(f"  of the {missed} misses, {total['hit_body'] - total['hit']} "
                  f"({100 * (total['hit_body'] - total['hit']) / missed:.0f}%) only start after the "
                  "clause's own number / inline heading")
    print(f"per category: {'':27s} aligned   (body start allowed)")
    for cat in sorted(per_cat_found, key=lambda c: -per_cat_found[c]):
        f, h, hb = per_cat_found[cat], per_cat_hit[cat], per_cat_body[cat]
        print(f"  {cat:38s} {h:5d}/{f:<5d} {100 * h / f:5.1f}%   {100 * hb / f:5.1f}%")
    if clause_counts:
        print(f"clauses per contract: mean {statistics.mean(clause_counts):.0f}, median "
              f"{statistics.median(clause_counts):.0f}, min {min(clause_counts)}, max {max(clause_counts)}")
        print(f"clause length in words: median {statistics.median(clause_words):.0f}, mean "
              f"{statistics.mean(clause_words):.1f}, p90 {sorted(clause_words)[int(0.9 * len(clause_words))]}"
              f", clauses <= 3 words: {100 * sum(w <= 3 for w in clause_words) / len(clause_words):.1f}%")
    mb = n_chars / 1e6
    print(f"speed: segment {t_seg:.2f}s wall / {cpu_seg:.2f}s CPU for {mb:.1f}M chars "
          f"({mb / t_seg if t_seg else 0:.1f}M chars/s wall, {1000 * t_seg / max(contracts, 1):.0f} ms/contract);"
          f" parse {t_parse:.2f}s; pipeline load {t_load:.2f}s")

    if args.misses and misses:
        rng = random.Random(args.seed)
        for stem, cat, (s, e) in rng.sample(misses, min(args.misses, len(misses))):
            path = data / "pdf" / f"{stem}.pdf" if args.pdf else data / "txt" / f"{stem}.txt"
            text = parse(path.read_bytes(), path.name).text
            clauses = segment(parse(path.read_bytes(), path.name))
            starts = [c.start for c in clauses]
            ends = [c.end for c in clauses]
            i = max(bisect.bisect_right(starts, s) - 1, 0)
            j = min(bisect.bisect_left(ends, e), len(ends) - 1)
            ok_s = any(abs((core_span(text, c.start, c.end) or (-99,))[0] - s) <= TOL for c in clauses)
            ok_e = any(abs((core_span(text, c.start, c.end) or (0, -99))[1] - e) <= TOL for c in clauses)
            print("=" * 100)
            print(f"{stem} | {cat} | start {'ok' if ok_s else 'MISS'} end {'ok' if ok_e else 'MISS'}")

            def show(a: int, b: int, text: str = text) -> str:
                return text[a:b].replace("\n", "\u23ce")

            print(f"  EXCERPT start: ...{show(max(s - 80, 0), s)}【{show(s, min(s + 80, e))}")
            print(f"  EXCERPT end:   {show(max(e - 80, s), e)}】{show(e, e + 60)}...")
            print(f"  clause@start [{clauses[i].id}] {show(clauses[i].start, clauses[i].start + 100)!r}")
            print(f"  clause@end   [{clauses[j].id}] ...{show(clauses[j].end - 100, clauses[j].end)!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
