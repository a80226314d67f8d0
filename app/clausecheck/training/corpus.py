"""Labelled clauses for training and evaluation, from CUAD, the project's own set and the extra sets.

Each example says which categories it is positive for, and which it says nothing about (`unknown`):
a CUAD contract was never annotated for `confidentiality`, so a CUAD clause that mentions
confidentiality is neither a positive nor a negative for it — unless its section heading says it is
a confidentiality clause (a silver label).
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..classify.taxonomy import CUAD_IDS, PROJECT_IDS
from .cuad import Contract, Locator

DATA = Path(__file__).resolve().parent / "data"
PROJECT_SET = DATA / "project_clauses.jsonl"
HARD_CASE_FILES = {"project_clauses_boundary", "project_clauses_boundary2", "project_clauses_cuad_rare"}


@dataclass
class Example:
    text: str
    section: str | None
    context: str | None
    labels: set[str]
    unknown: set[str] = field(default_factory=set)
    source: str = ""
    group: str = ""
    split: str = "train"
    # whether the clause may set a threshold: the files written to be hard cases on purpose (category
    # boundaries, rare CUAD categories) are far denser in near misses than any contract, and thresholds
    # chosen on them were too low for real clauses
    calibrate: bool = True


# Words without which a clause cannot be a positive of a project category. A clause from a set that
# was not annotated for that category and that has none of these words is a safe negative. Whole
# words, and senses narrowed where CUAD uses a word otherwise: the first guards matched "author" in
# "authorized", "mediat" in "immediately", "voice" in "invoice", "mark" in "market", and so withheld
# tens of thousands of ordinary clauses from these categories' negatives.
# "credit" in CUAD is nearly always money (service credits, letters of credit, credited against fees):
# it counts as attribution only in a clause with no money words, or beside a creator, a name or a credit
# line. Of the 631 CUAD training clauses that say "credit", all were held back from attribution's
# negatives before; 192 still are (measured on the project's held-out clauses: attribution F1 0.81 -> 0.84).
_MONEY_WORDS = (r"[$€£]|\b(fees?|invoic\w*|payments?|paid|pay|payable|accounts?|refunds?|tax\w*|prices?|royalt\w*|"
                r"amounts?|debit\w*|loans?|lenders?|banks?|banking|indebtedness|financ\w*|monies|sums|purchases?|"
                r"returns?|returned|creditors?|borrow\w*|deposits?|offset|deduct\w*|discounts?|rebates?|charges?|"
                r"expenses?|receipts?|credit (cards?|reports?|risk|ratings?|scor\w*|checks?|limits?|facilit\w*))\b")
_CREDIT_CONTEXT = (r"©|\b(photo\w*|images?|authors?|names?|by-?lines?|credit (lines?|notices?)|translat\w*|composers?|"
                   r"musicians?|performers?|artists?|illustrat\w*|designers?|writers?|contributors?|creators?|"
                   r"lent by|title page|packaging|closing credits)\b")
_CREDIT_AS_ATTRIBUTION = rf"(?s:^(?=.*?\bcredit(s|ed|ing)?\b)(?:(?!.*?({_MONEY_WORDS}))|(?=.*?({_CREDIT_CONTEXT}))))"

GUARDS: dict[str, re.Pattern] = {k: re.compile(v, re.I) for k, v in {
    "ai_training_use": r"artificial intelligence|machine[- ]learning|\bA\.?I\.?\b|\bmodels?\b|algorithm|dataset|neural|"
                       r"fine-?tun|generative|predictive|\blearn(s|ing)\b|"
                       r"\btrain\w*\b.{0,120}\b(data|content|materials?|works?|corpus|systems?|software)\b|"
                       r"\b(data|content|materials?|works?)\b.{0,120}\btrain",
    "tdm_reservation": r"data[- ]mining|text and data|\bTDM\b|scrap|crawl|robot|spider|harvest|mining",
    "ai_output_ownership": r"artificial intelligence|\bA\.?I\.?\b|generative|\bgenerated\b|\bmodels?\b|"
                           r"machine[- ]learning|\boutputs?\b|algorithm",
    "prior_inventions_carve_out": r"prior (inventions?|works?|developments?|creations?|ip\b|intellectual|technolog)|"
                                  r"pre-?existing|background (ip\b|intellectual|technolog|materials?)|2870|"
                                  r"own time|personal time|without (the )?use of|excluded (inventions?|works?|ip\b)|"
                                  r"previously (developed|created|conceived|owned)|existing (ip\b|intellectual|"
                                  r"technolog|inventions?|works?|materials?)|inventions?|side projects?|personal projects?|"
                                  r"own (laptop|equipment|devices?|resources|tools|computer)|weekends|evenings|"
                                  r"outside (of )?(normal |regular )?(working|business) hours",
    "work_made_for_hire": r"for hire|work made|commissioned (works?|by)|specially commissioned",
    "moral_rights_waiver": r"moral|droit|integrity|\battribution|paternity",
    "confidentiality": r"confiden|secre|proprietary|disclos|non-?public",
    "publicity_and_likeness": r"likeness|\bnames?\b|\bimages?\b|publicity|\bvoices?\b|\bphoto|portrait|biograph|"
                              r"endorse|\blogos?\b|\bmarks?\b|trademark|press release|announce|portfolio|case stud|"
                              r"(customer|client) lists?",
    "attribution_and_portfolio_use": _CREDIT_AS_ATTRIBUTION + r"|\battribution|\battribut(e|ed|es|ing)\b|portfolio|"
                                     r"byline|\bauthor(s|ship|ed)?\b|showreel|case stud|identified as|\bnamed as|\busernames?\b|"
                                     r"acknowledg\w*\s+(\w+\s+){0,4}(as|the)\s+(author|source|creator|contributor)",
    "personal_data_use": r"personal|privacy|\bdata\b|cookie|GDPR|CCPA|HIPAA|\btrack(s|ed|ing)?\b|biometric|"
                         r"(customer|user|consumer|patient|subscriber|employee|individual|member)s?'?\s+"
                         r"(information|records|details)|health information|\bcollect(s|ed|ing|ion)?\b|processors?\b|facial|"
                         r"e-?mail address|identifiable",
    "indemnification": r"indemn|hold harmless|\bdefend|reimburse\w*\b.{0,80}\b(loss|losses|damages|claims?|liabilit)",
    "termination": r"terminat|cancel|expir|\bend(s|ed|ing)?\b|suspen|surviv|\bceas",
    "dispute_resolution": r"arbitrat|\bjury\b|\bclass\b|\bcourts?\b|venue|jurisdiction|dispute|\bmediat|forum|"
                          r"tribunal|litigat|\btrial\b|\bexpert\b|grievance|lawyers?\b|judicial",
}.items()}

# Section headings that make a CUAD clause a (silver) positive of a project category.
HEADING_LABELS: dict[str, re.Pattern] = {k: re.compile(v, re.I) for k, v in {
    "confidentiality": r"confidential|non-?disclosure|proprietary information",
    "indemnification": r"indemn",
    "termination": r"^\W*[\w.()]*\s*(term and )?terminat|^\W*[\w.()]*\s*effect of (expiration|terminat)",
    "dispute_resolution": r"arbitrat|dispute|jurisdiction|venue",
}.items()}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def label_clauses(clauses: list, text: str, excerpts: dict[str, list[str]]) -> tuple[list[set[str]], int, int]:
    """Positive categories of each clause: it overlaps an excerpt by half of itself or half of the
    excerpt. Returns the labels and how many excerpts were found / looked for."""
    loc = Locator(text)
    labels: list[set[str]] = [set() for _ in clauses]
    found = total = 0
    starts = [c.start for c in clauses]
    import bisect

    for cat, items in excerpts.items():
        for ex in items:
            total += 1
            span = loc.find(ex)
            if span is None:
                continue
            found += 1
            i = max(0, bisect.bisect_right(starts, span[0]) - 1)
            while i < len(clauses) and clauses[i].start < span[1]:
                c = clauses[i]
                ov = _overlap((c.start, c.end), span)
                if ov and (ov >= 0.5 * (c.end - c.start) or ov >= 0.5 * (span[1] - span[0])):
                    labels[i].add(cat)
                i += 1
    return labels, found, total


def cuad_examples(contract: Contract, prefer: str = "pdf") -> tuple[list[Example], dict]:
    """Parse one CUAD contract (its PDF, else its txt), segment it and label its clauses."""
    from ..classify.features import context_of
    from ..documents import InputError, parse
    from ..segmentation import segment

    path = contract.pdf if (prefer == "pdf" and contract.pdf) else (contract.txt or contract.pdf)
    if path is None:
        return [], {"stem": contract.stem, "error": "no file"}
    try:
        doc = parse(path.read_bytes(), path.name)
    except InputError as exc:
        return [], {"stem": contract.stem, "error": str(exc)}
    clauses = segment(doc)
    labels, found, total = label_clauses(clauses, doc.text, contract.excerpts)
    out = []
    for i, (c, pos) in enumerate(zip(clauses, labels)):
        guarded = _guarded_unknown(c.text, PROJECT_IDS)
        silver = {cat for cat in guarded if cat in HEADING_LABELS and c.section
                  and HEADING_LABELS[cat].search(c.section)}
        pos |= silver
        unknown = guarded - silver
        out.append(Example(c.text, c.section, context_of(clauses, i), pos, unknown, "cuad", contract.stem))
    return out, {"stem": contract.stem, "found": found, "total": total, "clauses": len(clauses),
                 "format": path.suffix.lstrip(".")}


def cuad_corpus(contracts: list[Contract], prefer: str = "pdf", jobs: int = 2) -> tuple[list[Example], list[dict]]:
    examples: list[Example] = []
    stats: list[dict] = []
    with ProcessPoolExecutor(max(1, jobs)) as pool:
        for ex, st in pool.map(cuad_examples, contracts, [prefer] * len(contracts), chunksize=4):
            examples.extend(ex)
            stats.append(st)
    return examples, stats


def project_examples(paths: list[Path] | None = None) -> list[Example]:
    """The project's own labelled clauses (project_clauses*.jsonl; their `split` says train/test)."""
    out = []
    for path in paths or sorted(DATA.glob("project_clauses*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if not line.strip():
                    continue
                row = json.loads(line)
                out.append(Example(row["text"], None, None, set(row["labels"]), set(), "project",
                                   f"{path.stem}-{row.get('genre', '')}-{n}", row.get("split", "train"),
                                   calibrate=path.stem not in HARD_CASE_FILES))
    return out


def _guarded_unknown(text: str, cats: list[str], exclude: set[str] = frozenset()) -> set[str]:
    return {c for c in cats if c not in exclude and GUARDS[c].search(text)}


def extra_examples(more_dir: Path) -> list[Example]:
    """ContractNLI (confidentiality), CLAUDETTE (dispute resolution, termination, governing law, caps)
    and ToS;DR (personal data, moral rights, indemnities, class actions...) — held-out documents
    are marked split='test' using each set's own split."""
    out: list[Example] = []
    all_cuad = set(CUAD_IDS)
    cnli = more_dir / "contractnli" / "spans.jsonl"
    if cnli.exists():
        for line in open(cnli, encoding="utf-8"):
            row = json.loads(line)
            cats = set(row["categories"]) & {"confidentiality", "no_solicit_of_employees"}
            text = row["text"]
            if len(text) < 25:
                continue
            unknown = (all_cuad - {"no_solicit_of_employees"}) | _guarded_unknown(text, PROJECT_IDS, cats)
            if not cats and re.search(r"confiden|disclos|secre", text, re.I):
                continue  # unmarked spans of an NDA are often confidentiality clauses too
            out.append(Example(text, None, None, cats, unknown, "contractnli", f"cnli-{row['doc_id']}",
                               "test" if row["split"] == "test" else "train"))
    cl = more_dir / "claudette_tos_en" / "sentences.jsonl"
    if cl.exists():
        keep = {"dispute_resolution", "termination", "governing_law", "cap_on_liability"}
        for line in open(cl, encoding="utf-8"):
            row = json.loads(line)
            text = row["text"]
            if len(text) < 25:
                continue
            cats = set(row["categories"]) & keep
            # only unfair terminations were tagged: a fair one may sit untagged
            known = {"dispute_resolution", "governing_law", "cap_on_liability"} | (cats & {"termination"})
            unknown = (all_cuad - known) | _guarded_unknown(text, PROJECT_IDS, known)
            out.append(Example(text, None, None, cats, unknown, "claudette", f"claudette-{row['doc']}",
                               "test" if row["cv_test_fold"] == 0 else "train"))
    td = more_dir / "tosdr_points" / "quotes.jsonl"
    if td.exists():
        keep = {"personal_data_use", "moral_rights_waiver", "indemnification", "dispute_resolution",
                "termination", "publicity_and_likeness"}
        for line in open(td, encoding="utf-8"):
            row = json.loads(line)
            text = row["text"]
            cats = set(row["categories"]) & keep
            if len(text) < 40 or not cats or row.get("awaiting_moderation"):
                continue
            unknown = (all_cuad | set(PROJECT_IDS)) - cats
            out.append(Example(text, None, None, cats, unknown, "tosdr", f"tosdr-{row['service']}",
                               "test" if hash_split(row["service"]) else "train"))
    return out


def hash_split(key: str, fraction: float = 0.2) -> bool:
    from .cuad import in_holdout

    return in_holdout(key, fraction)
