"""Write spaCy's English tokenizer rules as data for clausecheck.tokenizer (run when spaCy is upgraded).

The runtime tokenizer (clausecheck/tokenizer) applies spaCy's algorithm to these rules without
importing spaCy. spaCy's rules and word lists are MIT-licensed (Explosion AI); the file records the
spaCy version it came from.

    python -m clausecheck.training.export_tokenizer [OUT]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "tokenizer" / "english.json"


def export() -> dict:
    import spacy
    from spacy.attrs import ORTH
    from spacy.lang.en import lex_attrs

    tok = spacy.blank("en").tokenizer

    def pattern(fn):
        return None if fn is None else fn.__self__.pattern

    if tok.token_match is not None:
        raise SystemExit("spaCy's English tokenizer now has a token_match: clausecheck.tokenizer needs it too")
    special = {}
    for string, pieces in sorted(tok.rules.items()):
        special[string] = [p.get(ORTH, p.get("ORTH")) for p in pieces]
    return {
        "source": f"spaCy {spacy.__version__} English tokenizer (spacy.blank('en')), MIT licence, Explosion AI",
        "prefix": pattern(tok.prefix_search),
        "suffix": pattern(tok.suffix_search),
        "infix": pattern(tok.infix_finditer),
        "url": pattern(tok.url_match),
        "special": special,
        "num_words": sorted(lex_attrs._num_words),
        "ordinal_words": sorted(lex_attrs._ordinal_words),
    }


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    out.write_text(json.dumps(export(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
