"""Quality on held-out contracts: per-category precision/recall/F1 at the chosen thresholds,
document-level F1, and CUAD-style AUPR (predictions ranked by score; a prediction matches a
lawyer-marked excerpt when the word-set Jaccard overlap is at least 0.5)."""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from ..classify.taxonomy import BY_ID
from .corpus import Example, label_clauses
from .cuad import Contract, Span, jaccard, word_set


def average_precision(preds: list[tuple[float, bool]], n_gold: int) -> float:
    """Area under the precision-recall curve of a ranked list (step-wise, as in CUAD's code)."""
    if n_gold == 0:
        return float("nan")
    preds = sorted(preds, key=lambda p: -p[0])
    tp = 0
    ap = 0.0
    for k, (_, hit) in enumerate(preds, start=1):
        if hit:
            tp += 1
            ap += tp / k
    return ap / n_gold


_CUAD_CONFIDENCES = np.concatenate([np.arange(0.99, 0, -0.01), [0.001, 0.0]])


def cuad_code_aupr(contracts: list[tuple[np.ndarray, list[list[int]], int]]) -> float:
    """AUPR exactly as the CUAD authors' evaluate.py computes it, for one category: at each
    confidence level 0.99, 0.98, ..., 0.01, 0.001, 0 the predictions scoring above it are kept; an
    excerpt is found when any kept prediction matches it, a kept prediction that matches no excerpt
    is a false positive (a second match of an excerpt is neither); precision is made monotone
    (best precision at this or any higher recall) and the area is taken by the trapezoid rule from
    (recall 0, precision 1). `contracts`: per contract, the clause scores, the excerpts each clause
    matches, and the number of excerpts."""
    precisions, recalls = [1.0], [0.0]
    for conf in _CUAD_CONFIDENCES:
        tp = fp = fn = 0
        for scores, matches, n_gold in contracts:
            kept = np.nonzero(scores > conf)[0]
            found: set[int] = set()
            for i in kept:
                if matches[i]:
                    found.update(matches[i])
                else:
                    fp += 1
            tp += len(found)
            fn += n_gold - len(found)
        precisions.append(tp / (tp + fp) if tp + fp else np.nan)
        recalls.append(tp / (tp + fn) if tp + fn else np.nan)
    p = np.array(precisions)
    for i in range(len(p) - 2, -1, -1):  # monotone: the best precision at this or a higher recall
        p[i] = np.fmax(p[i], p[i + 1])
    r = np.array(recalls)
    if np.isnan(r).any() or np.isnan(p).any():
        return 0.0
    return float(np.trapezoid(p, r))


def _pipeline_ours(path, model_path):
    from ..classify.features import context_of
    from ..classify.model import cached
    from ..documents import parse
    from ..segmentation import segment

    model = cached(model_path)
    doc = parse(path.read_bytes(), path.name)
    clauses = segment(doc)
    ctx = [context_of(clauses, i) for i in range(len(clauses))]
    scores = model.scores([c.text for c in clauses], [c.section for c in clauses], ctx,
                          groups=["doc"] * len(clauses))
    return doc.text, [Span(c.text, c.start, c.end) for c in clauses], scores


def _one(args):
    contract, prefer, model_path, baseline = args
    path = contract.pdf if (prefer == "pdf" and contract.pdf) else contract.txt
    if path is None:
        return None
    try:
        if baseline is not None:
            from .baseline import pipeline as base_pipeline

            text, spans, scores = base_pipeline(path, baseline)
        else:
            text, spans, scores = _pipeline_ours(path, model_path)
    except Exception as exc:  # noqa: BLE001 - a refused file is reported, not fatal
        return {"stem": contract.stem, "error": str(exc)}
    labels, _, _ = label_clauses(spans, text, contract.excerpts)
    words = [word_set(s.text) for s in spans]
    return {"stem": contract.stem, "scores": scores, "labels": labels, "words": words,
            "gold": {c: [word_set(e) for e in ex] for c, ex in contract.excerpts.items()}}


def evaluate_contracts(contracts: list[Contract], categories: list[str], thresholds: np.ndarray, *,
                       prefer: str = "pdf", model_path: str | None = None, baseline=None,
                       jobs: int = 2) -> dict:
    tasks = [(c, prefer, model_path, baseline) for c in contracts]
    with ProcessPoolExecutor(max(1, jobs)) as pool:
        results = [r for r in pool.map(_one, tasks, chunksize=2) if r is not None]
    return metrics(results, categories, thresholds)


def metrics(results: list[dict], categories: list[str], thresholds: np.ndarray) -> dict:
    """results: one dict per contract with `scores` (clauses x categories), `labels` (per clause),
    `words` (per clause word sets) and `gold` (category -> excerpt word sets)."""
    errors = [r for r in results if "error" in r]
    results = [r for r in results if "error" not in r]
    per_cat = {}
    for j, cat in enumerate(categories):
        if BY_ID[cat].cuad is None:
            continue
        tp = fp = fn = 0
        dtp = dfp = dfn = 0
        ranked: list[tuple[float, bool]] = []
        code_input = []
        n_gold = 0
        pos_docs = 0
        for r in results:
            s = r["scores"][:, j]
            pred = s >= thresholds[j]
            truth = np.array([cat in lab for lab in r["labels"]], dtype=bool)
            tp += int((pred & truth).sum())
            fp += int((pred & ~truth).sum())
            fn += int((~pred & truth).sum())
            gold = r["gold"].get(cat, [])
            doc_true, doc_pred = bool(gold), bool(pred.any())
            pos_docs += doc_true
            dtp += doc_true and doc_pred
            dfp += doc_pred and not doc_true
            dfn += doc_true and not doc_pred
            n_gold += len(gold)
            matches = [[g for g, gw in enumerate(gold) if jaccard(w, gw) >= 0.5] for w in r["words"]]
            code_input.append((s, matches, len(gold)))
            # rank this contract's clauses; each gold excerpt can be matched once
            used = [False] * len(gold)
            for i in np.argsort(-s):
                hit = False
                for g in matches[i]:
                    if not used[g]:
                        used[g] = hit = True
                        break
                ranked.append((float(s[i]), hit))
        prec = tp / max(tp + fp, 1)
        rec = tp / max(tp + fn, 1)
        dprec = dtp / max(dtp + dfp, 1)
        drec = dtp / max(dtp + dfn, 1)
        per_cat[cat] = {
            "precision": prec, "recall": rec, "f1": 2 * prec * rec / max(prec + rec, 1e-9),
            "doc_precision": dprec, "doc_recall": drec,
            "doc_f1": 2 * dprec * drec / max(dprec + drec, 1e-9) if pos_docs or dfp else float("nan"),
            "aupr": average_precision(ranked, n_gold),
            "aupr_cuad_code": cuad_code_aupr(code_input) if n_gold else float("nan"),
            "positive_contracts": pos_docs,
            "excerpts": n_gold, "clauses_true": tp + fn,
        }
    scored = [v for v in per_cat.values() if not np.isnan(v["aupr"])]
    auprs = [v["aupr"] for v in scored]
    big = [v["doc_f1"] for v in per_cat.values() if v["positive_contracts"] >= 10]
    big_aupr = [v["aupr"] for v in scored if v["positive_contracts"] >= 10]
    return {
        "contracts": len(results), "refused": [e["error"] for e in errors], "per_category": per_cat,
        "aupr_mean": float(np.mean(auprs)) if auprs else float("nan"),
        "aupr_categories": len(auprs),
        "aupr_cuad_code_mean": float(np.mean([v["aupr_cuad_code"] for v in scored])) if scored else float("nan"),
        "aupr_mean_10plus": float(np.mean(big_aupr)) if big_aupr else float("nan"),
        "doc_f1_macro_10plus": float(np.mean(big)) if big else float("nan"),
        "doc_f1_categories": len(big),
    }


def evaluate_examples(model, examples: list[Example]) -> dict:
    """Per-category P/R/F1 at the model's thresholds on labelled single clauses."""
    if not examples:
        return {}
    scores = model.scores([e.text for e in examples], [e.section for e in examples],
                          [e.context for e in examples])
    out = {}
    counts = defaultdict(int)
    for e in examples:
        for lab in e.labels:
            counts[lab] += 1
    for j, cat in enumerate(model.categories):
        if counts[cat] == 0:
            continue
        rows = [i for i, e in enumerate(examples) if cat not in e.unknown]
        pred = scores[rows, j] >= model.thresholds[j]
        truth = np.array([cat in examples[i].labels for i in rows])
        tp = int((pred & truth).sum())
        prec = tp / max(int(pred.sum()), 1)
        rec = tp / max(int(truth.sum()), 1)
        out[cat] = {"precision": prec, "recall": rec, "f1": 2 * prec * rec / max(prec + rec, 1e-9),
                    "positives": int(truth.sum()), "rows": len(rows)}
    return out


def format_report(title: str, res: dict) -> str:
    lines = [f"== {title}: {res['contracts']} held-out contracts"
             + (f", {len(res['refused'])} refused" if res["refused"] else "")]
    lines.append(f"{'category':38} {'P':>5} {'R':>5} {'F1':>5} | {'docP':>5} {'docR':>5} {'docF1':>5} "
                 f"{'pos':>4} | {'AUPR':>5} {'excerpts':>8}")
    for cat, v in res["per_category"].items():
        lines.append(f"{cat:38} {v['precision']:5.2f} {v['recall']:5.2f} {v['f1']:5.2f} | "
                     f"{v['doc_precision']:5.2f} {v['doc_recall']:5.2f} {v['doc_f1']:5.2f} "
                     f"{v['positive_contracts']:4d} | {v['aupr']:5.3f} {v['excerpts']:8d}")
    lines.append(f"CUAD-style AUPR (one-to-one matching, step-wise), mean over {res['aupr_categories']} categories: "
                 f"{res['aupr_mean']:.3f}")
    lines.append(f"  the same over the categories with >= 10 positive contracts: {res['aupr_mean_10plus']:.3f}")
    lines.append(f"  as the CUAD authors' evaluate.py computes it (confidence grid, monotone precision), "
                 f"mean over categories: {res['aupr_cuad_code_mean']:.3f}")
    lines.append(f"document-level macro F1 over the {res['doc_f1_categories']} categories with >= 10 "
                 f"positive contracts: {res['doc_f1_macro_10plus']:.3f}")
    return "\n".join(lines)


def format_examples(title: str, res: dict) -> str:
    lines = [f"== {title}", f"{'category':38} {'P':>5} {'R':>5} {'F1':>5} {'pos':>5}"]
    for cat, v in res.items():
        lines.append(f"{cat:38} {v['precision']:5.2f} {v['recall']:5.2f} {v['f1']:5.2f} {v['positives']:5d}")
    return "\n".join(lines)
