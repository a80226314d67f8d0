"""Is every word of a contract read? Text accounting of PDF parsing + segmentation on the CUAD PDFs.

For every PDF in ../shared/data/cuad/pdf, parse it, split it (clausecheck.segmentation.split) and print:

1. words lost: words of the body text (running headers and footers already removed by the parser)
   in no clause, no heading, no number or inline heading before a clause and no dropped page number
   or rule, plus the words of false headings: a "heading" of more than 16 words, ending on a word
   like "of" or "the", or coming right after a clause that stops mid-sentence ("... no less than
   thirty" / "(30)" / "days before ..."); target <= 0.05 %;
2. sentences cut per 1,000 clauses: a clause that stops without closing punctuation (a list item
   ending "; and" is closed) while the text after it continues the sentence: it starts in lower
   case or with a "(30) days"-like number and a lower-case word, it is a heading, or the clause
   ends on a word like "the", "of", "to"; target <= 1. Printed twice: by that first definition (v1),
   and by v2, which does not count a clause that ends a list item (the label of the item before
   the next one, "(b)" before "(c)", opened it within 1,000 characters; a lead-in before a first
   item "(a)" still counts), that comes before a signature line ("By: /s/ ..."), that ends on a
   figure rather than a word (v1 read "Page 3 of 75" and "n/a $2.95" as ending on "of" and "a";
   line or page numbers alone on the last lines are skipped), or whose only reason is the heading
   after it when that heading is a title ("EXHIBIT E", "Appendix 5 - ...", capitals after a clause
   that is not in capitals) or the clause is a table row's cells (two or more lines of at most four
   words, no sentence punctuation). On the 411 PDFs (2026-12-03), before -> after the issue 15
   rules: v1 4.49 -> 3.38, v2 1.55 -> 1.17 per 1,000; held-out part v1 5.45 -> 5.04, v2 2.72 -> 2.47;
   then with the continuation rules (list items without punctuation between them, a line taken for a
   heading after a clause stopping on a word, capitals going on after a break, page footers mid-page):
   v1 3.38 -> 0.68 (dev 0.62, held-out 0.80), v2 1.17 -> 0.06 (dev 0.07, held-out 0.03) per 1,000,
   and words lost 0.044 % -> 0.009 %;
3. header/footer leakage: occurrences of lines that repeat on half or more of a PDF's pages (raw
   pypdfium2 text, as benchmarks/pdf_fidelity.py counts them) found inside clause text; target <= 2 %.

    python benchmarks/text_accounting.py [--part dev|held|all] [--limit N] [--jobs 2] [--show K] [--dump F]

--part: the PDFs are split by a stable hash of the file name into a development part (about 2/3)
and a held-out part (about 1/3); look only at examples of the dev part when changing the rules and
report held-out figures as the check. With --part all the figures are printed for each part.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdf_fidelity import line_key, repeated_lines  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT.parent / "shared" / "data" / "cuad" / "pdf"

WORD = re.compile(r"[^\W\d_]+")
CLOSING = ".;:!?)]\"'\u201d\u2019*"
CONTINUES = re.compile(r"\s*(?:\(\w{1,4}\)\s+)?[a-z][a-z]+\b(?![.)])")
LIST_ITEM_END = re.compile(r"[;,]\s*(?:and|or|and/or)\s*$")
ENDS_ON = {"the", "a", "an", "of", "to", "in", "on", "and", "or", "by", "with", "for", "under", "from",
           "that", "which", "than", "such", "any", "all", "its", "their", "this", "at", "as", "per"}


def covered_mask(length: int, spans) -> bytearray:
    mask = bytearray(length)
    for s, e in spans:
        mask[s:e] = b"\x01" * (e - s)
    return mask


def ends_open(text: str) -> bool:
    body = text.rstrip()
    return bool(body) and body[-1] not in CLOSING and not LIST_ITEM_END.search(body)


def last_word(text: str) -> str:
    words = WORD.findall(text[-30:])
    return words[-1] if words else ""


NUMBER_WORDS = re.compile(r"(?i)(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|ty"
                          r"|hundred|thousand|million|half|dollars)$")
PAREN_NUMBER = re.compile(r"\s*\(\d[\d,.]*\)")
# a section number at the start of a heading: "12.", "(a)", "Section 4.2", "ARTICLE IV", "a."
LABEL = re.compile(r"\s*(?:(?i:section|article)\s+[\dIVXLC.]+|\(?[\dA-Za-z]{1,4}[.)]|\d{1,3}(?:\.\d+)*\.?)(?=\s)\s*")


def false_heading(text: str, span: tuple[int, int], before: tuple[str, int, int] | None) -> bool:
    """A 'heading' that is sentence text: long, ending on "of"/"the", starting in lower case after
    its number, or going on with the clause before it ("... no less than thirty" / "(30)", "... THE
    PREVIOUS SIX" / "(6) MONTHS", "... shall be approved by the" / "Board")."""
    head = text[span[0]:span[1]]
    words = WORD.findall(head)
    first = LABEL.sub("", head, count=1).split(None, 1)[:1]
    if len(words) > 16 or last_word(head) in ENDS_ON or (first and first[0].isalpha() and first[0].islower()):
        return True
    if before is None or before[0] != "clause" or not ends_open(text[before[1]:before[2]]):
        return False
    prev = text[before[1]:before[2]].split()[-1]
    if NUMBER_WORDS.search(prev) and PAREN_NUMBER.match(head):
        return True
    # a lower-case word, then an unnumbered heading: the rest of the sentence ("approved by the" /
    # "Board"); a numbered heading after a clause whose full stop the source left out is a heading
    return LABEL.match(head) is None and prev.isalpha() and prev.islower()


def cut_reason(text: str, end: int, following: tuple[str, int, int], false_next: bool) -> str | None:
    """Does the clause ending at `end` stop mid-sentence, what follows going on with it? The reason
    ("ends-on" a word like "the", "false-heading" next, next "continues" in lower case) or None.
    This is the issue's first definition (v1), kept so figures stay comparable."""
    body = text[max(end - 200, 0):end]
    if not ends_open(body):
        return None
    if last_word(body) in ENDS_ON:
        return "ends-on"
    if false_next:
        return "false-heading"
    return "continues" if CONTINUES.match(text, following[1]) is not None else None


def is_cut(text: str, end: int, following: tuple[str, int, int], false_next: bool) -> bool:
    return cut_reason(text, end, following, false_next) is not None


# v2 of the definition of a cut: the same three reasons, but a clause that ends a list item, that comes
# before a signature line, or ends on a figure ("Page 3 of 75", "n/a $2.95", last_word skipped the
# figure and saw "of", "a") is not cut mid-sentence
ITEM_LABEL = re.compile(r"\s*(?:\(\w{1,4}\)|\w{1,3}[.)]|\d{1,3}(?:\.\d{1,3})+\.?)(?=\s)")
ITEM_END = re.compile(r"(?:[,;]|[;,]?\s+(?:and|or|and/or|nor|minus|plus|but|then))\s*$")
FIRST_ITEM = re.compile(r"\s*\(?(?:a|A|i|I|1)[.)]")  # "(a)", "(i)", "1.": a list's first item, after its lead-in
BARE_NUMBER_LINES = re.compile(r"(?:\n[ \t]*[-(\[]?\d{1,4}[-)\]]?[ \t]*)+$")  # line numbers, page numbers
SIGNATURE = re.compile(r"\s*(?:(?i:by|name|title|its|date|signature|signed)\s*:|(?i:by)\s+/s/|/s/|_{3,})")


ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = ROMAN[a]
        total += -v if b != " " and ROMAN[b] > v else v
    return total


def to_roman(n: int) -> str:
    out = ""
    for v, r in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out, n = out + r, n - v
    return out


def previous_labels(label: str) -> list[str]:
    """The labels the item before `label` may carry: "(c)" -> "(b)", "(iv)" -> "(iii)", "4.2.4" -> "4.2.3"."""
    m = re.fullmatch(r"(\(?)([0-9A-Za-z]{1,5}(?:\.[0-9]{1,3})*)([.)]?)", label.strip())
    if not m:
        return []
    opening, core, closing = m.groups()
    heads, last = (core.rsplit(".", 1) + [""])[:2] if "." in core else ("", core)
    prefix = heads + "." if "." in core else ""
    out = []
    if last.isdigit() and int(last) > 1:
        out.append(str(int(last) - 1))
    if len(last) == 1 and last.isalpha() and last.lower() != "a":
        out.append(chr(ord(last) - 1))
    if len(last) == 2 and last[0] == last[1] and last.isalpha() and last.lower() != "aa":
        out.append(chr(ord(last[0]) - 1) * 2)
    if last and all(ch in ROMAN for ch in last.lower()) and roman_value(last.lower()) > 1:
        r = to_roman(roman_value(last.lower()) - 1)
        out.append(r.upper() if last.isupper() else r)
    return [opening + prefix + x + closing for x in out]


def ends_item(text: str, start: int, nxt: int) -> bool:
    """Does the text before `nxt` end an item of the list that the label at `nxt` goes on with: the
    label of the item before it ("(b)" before "(c)") opens a line or follows a space shortly before?"""
    m = ITEM_LABEL.match(text, nxt)
    if m is None or FIRST_ITEM.match(text, nxt):
        return False
    window = text[max(start - 1000, 0):nxt]
    return any(re.search(r"(?:^|\s)" + re.escape(p) + r"\s", window) for p in previous_labels(m.group()))


def last_token_word(text: str) -> str:
    """The clause's last word, or "" when it ends on a figure, an amount or a symbol (lines holding
    only a number, line or page numbers, are skipped: "... or" / "10" / "11" ends on "or")."""
    text = BARE_NUMBER_LINES.sub("", text)
    tokens = text[-60:].split()
    word = tokens[-1].strip("\"'()[]\u201c\u201d\u2018\u2019*") if tokens else ""
    return word if word.isalpha() else ""


def fair_cut_reason(text: str, spans: list[tuple[str, int, int]], k: int, false_next: bool) -> str | None:
    """Definition v2: cut_reason, less the clauses that end a list item, stand before a signature
    line, end on a figure rather than on "of" / "a", or stand before a title or are a table's cells
    (when the only reason was the heading after them)."""
    _, s, end = spans[k]
    following = spans[k + 1]
    body = BARE_NUMBER_LINES.sub("", text[max(end - 200, 0):end])
    if not ends_open(body):
        return None
    if SIGNATURE.match(text, following[1]) or SIGNATURE.match(text, s):
        return None  # a signature block line ("a Delaware corporation" / "By: /s/ ...")
    word = last_token_word(body)
    if word in ENDS_ON and word not in ("and", "or"):
        return "ends-on"
    if ends_item(text, s, following[1]):
        return None  # one item of a list, the next item after it ("(b) ... advance notice" / "(c) it
        # does not ..."); a lead-in before the first item ("... the context otherwise requires," /
        # "(a) ...") is a cut
    if word in ENDS_ON:
        return "ends-on"
    if false_next and not title_after(text, (s, end), following) and not table_cell(text[s:end]):
        return "false-heading"
    return "continues" if CONTINUES.match(text, following[1]) is not None else None


TITLE = re.compile(r"\s*(?i:exhibit|schedule|appendix|annex|attachment|part|article|section|chapter|addendum)"
                   r"\s+[\dA-Z][\w.-]*\b")


def title_after(text: str, clause: tuple[int, int], heading: tuple[str, int, int]) -> bool:
    """Is the heading after the clause a title rather than the rest of its sentence: "EXHIBIT E",
    "Appendix 5 - ...", or a line in capitals after a clause that is not in capitals?"""
    head = text[heading[1]:heading[2]]
    if TITLE.match(head):
        return True
    letters = "".join(WORD.findall(head))
    before = "".join(WORD.findall(text, max(clause[0], clause[1] - 80), clause[1]))
    return letters.isupper() and len(letters) > 3 and not before.isupper()


def table_cell(clause: str) -> bool:
    """A clause of two or more short lines (four words or fewer) with no sentence punctuation: the
    cells of a table row read line by line ("Workdays in" / "South African" / "work schedule")."""
    lines = [x for x in clause.split("\n") if x.strip()]
    return len(lines) >= 2 and all(len(x.split()) <= 4 for x in lines) and not re.search(r"[.;:]\s", clause + " ")


def account(text: str, parts) -> tuple[int, int, int, list[str], list[str], list[str]]:
    """(words, words lost, of them in false headings, examples of lost text, cuts (v1), cuts (v2))."""
    spans = sorted([("clause", c.start, c.end) for c in parts.clauses]
                   + [("heading", s, e) for s, e in parts.headings]
                   + [("prefix", s, e) for s, e in parts.prefixes], key=lambda x: x[1])
    good: list[tuple[int, int]] = list(parts.dropped)
    lost_text: list[str] = []
    cuts: list[str] = []
    fair: list[str] = []
    before = None
    false = set()
    for k, (kind, s, e) in enumerate(spans):
        if kind == "heading" and false_heading(text, (s, e), before):
            lost_text.append(show(text, s, e))
            false.add(k)
        else:
            good.append((s, e))
        if kind != "prefix":
            before = (kind, s, e)
    for k, (kind, s, e) in enumerate(spans[:-1]):
        if kind != "clause":
            continue
        example = show(text, e - 50, e) + " | " + show(text, spans[k + 1][1], spans[k + 1][1] + 30)
        reason = cut_reason(text, e, spans[k + 1], k + 1 in false)
        if reason:
            cuts.append(f"[{reason}] {example}")
        reason = fair_cut_reason(text, spans, k, k + 1 in false)
        if reason:
            fair.append(f"[{reason}] {example}")
    mask = covered_mask(len(text), good)
    words = lost = 0
    false_words = sum(len(WORD.findall(text, s, e)) for k, (_, s, e) in enumerate(spans) if k in false)
    for m in WORD.finditer(text):
        words += 1
        if not mask[m.start()]:
            lost += 1
            if not lost_text or not lost_text[-1].startswith("…" + text[m.start():m.end()]):
                lost_text.append(show(text, m.start() - 40, m.end() + 40))
    return words, lost, false_words, lost_text, cuts, fair


def show(text: str, s: int, e: int) -> str:
    return text[max(s, 0):e].replace("\n", "⏎")


def one(path: str) -> dict:
    from clausecheck.documents import InputError, parse
    from clausecheck.segmentation import split

    data = Path(path).read_bytes()
    try:
        doc = parse(data, Path(path).name)
    except InputError as exc:
        return {"name": Path(path).name, "error": str(exc)}
    parts = split(doc)
    words, lost, false_words, lost_text, cuts, fair = account(doc.text, parts)
    rep = repeated_lines(data)
    clause_lines = Counter(line_key(x) for c in parts.clauses for x in c.text.split("\n"))
    leaked = sum(min(clause_lines.get(k, 0), v) for k, v in rep.items())
    return {"name": Path(path).name, "words": words, "lost": lost, "false": false_words, "clauses": len(parts.clauses), "cuts": cuts,
            "fair_cuts": fair,
            "lost_runs": lost_text, "repeated": sum(rep.values()), "leaked": leaked}


def part_of(name: str) -> str:
    """'dev' (about 2/3 of the PDFs) or 'held', by a stable hash of the file name."""
    h = int(hashlib.sha256(("text-accounting:" + name).encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "dev" if h < 2 / 3 else "held"


def summary(title: str, results: list[dict]) -> None:
    ok = [r for r in results if "error" not in r]
    if not ok:
        return
    words, lost = sum(r["words"] for r in ok), sum(r["lost"] for r in ok)
    clauses, cuts = sum(r["clauses"] for r in ok), sum(len(r["cuts"]) for r in ok)
    repeated, leaked = sum(r["repeated"] for r in ok), sum(r["leaked"] for r in ok)
    worst = max(ok, key=lambda r: r["lost"] / max(r["words"], 1))
    print(f"[{title}] contracts: {len(ok)} read, {len(results) - len(ok)} refused")
    print(f"[{title}] words lost: {lost}/{words} = {100 * lost / max(words, 1):.3f} % "
          f"(in false headings {sum(r['false'] for r in ok)}; worst {worst['name'][:40]}: "
          f"{100 * worst['lost'] / max(worst['words'], 1):.2f} %)")
    fair = sum(len(r["fair_cuts"]) for r in ok)
    print(f"[{title}] sentences cut: {cuts} in {clauses} clauses = {1000 * cuts / max(clauses, 1):.2f} per 1,000 "
          f"(definition v1); {fair} = {1000 * fair / max(clauses, 1):.2f} per 1,000 (v2: list item ends, "
          "signature lines, clauses ending on a figure, before a title or that are table cells are not cuts)")
    print(f"[{title}] header/footer leakage: {leaked}/{repeated} = {100 * leaked / max(repeated, 1):.2f} %")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=0, help="print up to K examples of lost words and cuts")
    ap.add_argument("--part", choices=("dev", "held", "all"), default="all",
                    help="the development part (about 2/3 of the PDFs), the held-out part, or all")
    ap.add_argument("--dump", type=Path, help="write every contract's figures, cuts and lost runs here (JSON lines)")
    args = ap.parse_args()
    paths = sorted(str(p) for p in PDFS.glob("*.pdf") if args.part == "all" or part_of(p.name) == args.part)
    if not paths:
        sys.exit(f"CUAD PDFs not found at {PDFS}")
    if args.limit:
        paths = paths[: args.limit]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, paths, chunksize=2))
    took = time.perf_counter() - t0
    print(f"contracts: {len(results)}, {took:.1f} s ({args.jobs} jobs)")
    parts = ("dev", "held", "all") if args.part == "all" else (args.part,)
    for part in parts:
        summary(part, [r for r in results if part == "all" or part_of(r["name"]) == part])
    if args.dump:
        with args.dump.open("w") as f:
            for r in results:
                f.write(json.dumps({**r, "part": part_of(r["name"])}) + "\n")
    # examples come from the development part only (unless the held-out part alone was asked for)
    ok = [r for r in results if "error" not in r and (args.part != "all" or part_of(r["name"]) == "dev")]
    if args.show:
        print("\nlost:")
        for r in [r for r in ok if r["lost_runs"]][: args.show]:
            print(f"  {r['name'][:40]}: {r['lost_runs'][0]!r}")
        print("\ncut:")
        for r in [r for r in ok if r["fair_cuts"]][: args.show]:
            print(f"  {r['name'][:40]}: {r['fair_cuts'][0]!r}")


if __name__ == "__main__":
    main()
