"""Write the table of common contract words (clausecheck/common_words.txt, read by clausecheck.common_words)
from CUAD's contract texts. Run it again when the tokenizer rules or the normal forms change
(tests/test_common_words.py fails until then).

    python -m clausecheck.training.common_words [--cuad DIR] [--min-docs N] [--out PATH]

The words: the whitespace-separated words of CUAD's txt/ files found in at least N contracts. Only
contracts on the training side of the held-out split (cuad.in_holdout at HOLDOUT, as ``clausecheck train
--holdout 0.2`` keeps out) are read, less the ones the speed benchmark times (the first 40 PDFs by name,
benchmarks/stage_speed.py), so the benchmark and the coverage printed here are measured on contracts
the table never saw.

N = 5 (about 14,000 words, 0.34 MB) was chosen by measurement on the 40 benchmark PDFs (the CPU of the
words' normal forms and segmenter pieces still to work out in a cold pass, against loading the table
after a warm-up): N = 3, 20,647 words: ~157 ms saved, ~37 ms to load, +11 MB; N = 5: ~160 ms saved,
~21 ms, +8 MB (+5 MB in the forkserver); N = 10, 8,294 words: ~97 ms saved, ~13 ms, +4 MB. Words found
in fewer contracts are seldom met again; the ones that cost most to work out (numbers, references
such as "4.2(a)") are seldom in any table.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ..common_words import write
from . import cuad
from .workflow import DEFAULT_CUAD

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "common_words.txt"
HOLDOUT = 0.2
BENCHMARK_CONTRACTS = 40  # benchmarks/stage_speed.py --cuad: the first PDFs by name
MIN_DOCS = 5


def _words(contract: cuad.Contract) -> set[str]:
    return set(contract.txt.read_text(encoding="utf-8", errors="replace").split())


def split(cuad_dir: Path) -> tuple[list[cuad.Contract], list[cuad.Contract]]:
    """The contracts (with a text) the table is made from, and the held-out ones it is measured on."""
    contracts = [c for c in cuad.load(cuad_dir) if c.txt]
    timed = {p.stem for p in sorted((cuad_dir / "pdf").glob("*.pdf"))[:BENCHMARK_CONTRACTS]}
    source = [c for c in contracts if not cuad.in_holdout(c.stem, HOLDOUT) and c.stem not in timed]
    held = [c for c in contracts if cuad.in_holdout(c.stem, HOLDOUT) and c.stem not in timed]
    return source, held


def common_words(contracts: list[cuad.Contract], min_docs: int) -> list[str]:
    docs = Counter(w for c in contracts for w in _words(c))
    return sorted(w for w, n in docs.items() if n >= min_docs)


def coverage(words: set[str], contracts: list[cuad.Contract]) -> tuple[float, float]:
    """The share of the contracts' distinct words in `words`: over all of them, and per contract (mean)."""
    each = [_words(c) for c in contracts]
    every = set().union(*each)
    return len(every & words) / len(every), sum(len(w & words) / len(w) for w in each) / len(each)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cuad", type=Path, default=DEFAULT_CUAD, help="a CUAD v1 folder (master_clauses.csv, txt/)")
    ap.add_argument("--min-docs", type=int, default=MIN_DOCS, help="contracts a word must be found in")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    source, held = split(args.cuad)
    words = common_words(source, args.min_docs)
    write(words, args.out)
    covered = coverage(set(words), held)
    print(f"{len(words)} words found in >= {args.min_docs} of {len(source)} contracts -> {args.out} "
          f"({args.out.stat().st_size / 1e3:.0f} kB); on {len(held)} held-out contracts they are "
          f"{covered[0]:.0%} of the distinct words ({covered[1]:.0%} of each contract's, on average)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
