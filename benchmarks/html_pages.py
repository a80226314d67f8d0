"""Saved web pages: how many clauses carry markup or site chrome when a page is read as plain text
(before the HTML reader) and as HTML (now), on the test fixtures; and, on the shared real contracts
wrapped in site chrome, whether the HTML page gives the same findings as the contract's plain text.

    python benchmarks/html_pages.py [--limit N]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import time
from pathlib import Path

from clausecheck import analyze
from clausecheck.documents import parse
from clausecheck.documents.text import parse_text
from clausecheck.segmentation import segment

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "html"
REAL = ROOT.parent / "shared" / "data" / "real_contracts"

MARKUP = re.compile(r"</?[A-Za-z!][^>]*>|&[a-z]+;|&#\d+;|\{\s*\"@|function\s*\(")
# the chrome written into the fixtures and into CHROME_PAGE below
CHROME = ("Skip to main content", "Explore", "Pricing", "Log in", "Search artworks", "Related articles",
          "Careers", "All rights reserved", "cookie", "Accept all", "Share this page", "Help Centre",
          "Was this article helpful", "Sign up", "Privacy", "Manage preferences", "Subscribe to our newsletter")

CHROME_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Example Legal</title>
<style>.cookie-banner{{position:fixed}}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}</script>
</head><body>
<a class="skip-link" href="#main">Skip to main content</a>
<header><nav><ul><li><a href="/explore">Explore</a></li><li><a href="/pricing">Pricing</a></li>
<li><a href="/login">Log in</a></li></ul></nav></header>
<main id="main"><article>
{body}
</article></main>
<aside><h3>Related articles</h3><p>Subscribe to our newsletter</p></aside>
<footer><p><a href="/careers">Careers</a> | <a href="/privacy">Privacy</a></p><p>&copy; 2025 Example. All rights
reserved.</p></footer>
<div class="cookie-banner" role="dialog"><p>We use cookies.</p><button>Accept all cookies</button></div>
<script src="app.js"></script>
</body></html>
"""


def dirty(text: str) -> bool:
    return bool(MARKUP.search(text)) or any(c.lower() in text.lower() for c in CHROME)


def clauses_of(doc) -> list[str]:
    return [c.text for c in segment(doc)]


def fixtures() -> None:
    print("fixture pages (tests/fixtures/html): clauses with markup or chrome, read as text -> read as HTML")
    total_before = total_after = n_before = n_after = 0
    for path in sorted(FIXTURES.glob("*.htm*")):
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        before = clauses_of(parse_text(data, path.name, sha))
        after = clauses_of(parse(data, path.name))
        b, a = sum(map(dirty, before)), sum(map(dirty, after))
        print(f"  {path.name:40} {b:3d}/{len(before):3d} -> {a:3d}/{len(after):3d}")
        total_before, total_after = total_before + b, total_after + a
        n_before, n_after = n_before + len(before), n_after + len(after)
    print(f"  {'all':40} {total_before:3d}/{n_before:3d} -> {total_after:3d}/{n_after:3d}")


def as_page(text: str, title: str) -> bytes:
    paras = [p.strip() for p in re.split(r"\n[ \t]*\n+", text) if p.strip()]
    body = "\n".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paras)
    return CHROME_PAGE.format(title=html.escape(title), body=body).encode("utf-8")


def real_contracts(limit: int) -> None:
    if not REAL.is_dir():
        print(f"real contracts: skipped ({REAL} is absent)")
        return
    paths = sorted(REAL.glob("*.txt"))[:limit]
    print(f"real contracts wrapped in site chrome ({len(paths)}): same finding rules as the plain text?")
    same = dirty_total = clauses_total = before_total = before_clauses = 0
    start = time.perf_counter()
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        plain = analyze(text, name=path.name, perspective="employee")
        page = analyze(as_page(text, path.stem), name=path.stem + ".html", perspective="employee")
        rules_plain = sorted(f["rule"] for f in plain.findings)
        rules_page = sorted(f["rule"] for f in page.findings)
        plain_texts = {" ".join(c["text"].split()) for c in plain.to_dict()["clauses"]}
        # chrome words can be contract words ("Privacy Policy"): a clause is wrong when the plain text lacks it
        # (spaces compared as a browser shows them: runs of spaces and no-break spaces collapse to one)
        bad = sum(" ".join(c["text"].split()) not in plain_texts or bool(MARKUP.search(c["text"]))
                  for c in page.to_dict()["clauses"])
        data = as_page(text, path.stem)
        as_text = clauses_of(parse_text(data, path.name, hashlib.sha256(data).hexdigest()))
        before_total += sum(" ".join(t.split()) not in plain_texts or bool(MARKUP.search(t)) for t in as_text)
        before_clauses += len(as_text)
        dirty_total += bad
        clauses_total += len(page.clauses)
        same += rules_plain == rules_page
        diff = set(rules_plain) ^ set(rules_page)
        print(f"  {path.name:45} clauses {len(plain.clauses):4d} txt / {len(page.clauses):4d} html, "
              f"not in the text's clauses {bad}, findings {'same' if not diff else 'differ: ' + ', '.join(sorted(diff))}")
    print(f"  same findings {same}/{len(paths)}; clauses not in the text's or with markup: read as text "
          f"{before_total}/{before_clauses}, read as HTML {dirty_total}/{clauses_total}; "
          f"{time.perf_counter() - start:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=8, help="real contracts to wrap (default 8)")
    args = ap.parse_args()
    fixtures()
    real_contracts(args.limit)


if __name__ == "__main__":
    main()
