"""`clausecheck train` and `clausecheck evaluate`: what data goes where."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..classify.model import ClauseModel, load, save
from . import corpus, cuad
from .evaluate import evaluate_contracts, evaluate_examples, format_examples, format_report
from .train import TrainConfig, train

REPO = Path(__file__).resolve().parents[3]
DEFAULT_CUAD = REPO.parent / "shared" / "data" / "cuad"
DEFAULT_MORE = REPO.parent / "shared" / "data" / "more"


def build_and_train(cuad_dir: Path, more_dir: Path | None, out: Path, holdout: float = 0.0,
                    prefer: str = "pdf", jobs: int = 2, log=print, project: bool = True) -> ClauseModel:
    contracts = cuad.load(cuad_dir)
    train_contracts = [c for c in contracts if not cuad.in_holdout(c.stem, holdout)]
    log(f"CUAD: {len(contracts)} contracts, training on {len(train_contracts)} "
        f"(held out {len(contracts) - len(train_contracts)} at fraction {holdout})")
    ex, stats = corpus.cuad_corpus(train_contracts, prefer=prefer, jobs=jobs)
    found = sum(s.get("found", 0) for s in stats)
    total = sum(s.get("total", 0) for s in stats)
    log(f"  {len(ex)} clauses; {found}/{total} excerpts located in our text")
    project = [e for e in corpus.project_examples() if e.split == "train"] if project else []
    log(f"project set: {len(project)} training clauses")
    extra = []
    if more_dir and more_dir.exists():
        extra = [e for e in corpus.extra_examples(more_dir) if e.split == "train"]
        log(f"extra sets (ContractNLI, CLAUDETTE, ToS;DR): {len(extra)} training rows")
    meta = {"holdout": holdout, "prefer": prefer, "cuad_dir": str(cuad_dir)}
    model = train(ex + project + extra, TrainConfig(jobs=jobs), meta=meta, log=log)
    save(model, out)
    log(f"saved {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return model


def run_evaluate(data_dir: Path, model_path: Path | None, formats: list[str], baseline: bool,
                 more_dir: Path | None, jobs: int = 2, json_out: Path | None = None, log=print) -> dict:
    model = load(model_path)
    seen = set(model.meta.get("contracts", []))
    contracts = [c for c in cuad.load(data_dir) if c.stem not in seen]
    report: dict = {"model": str(model_path or "default"), "trained": model.meta.get("trained")}
    if not contracts:
        log(f"every contract in {data_dir} was used to train this model: nothing held out to measure. "
            "Train with --holdout 0.2 (and --out) to measure on the shared data.")
    else:
        log(f"{len(contracts)} contracts in {data_dir} were not seen in training")
        for fmt in formats:
            res = evaluate_contracts(contracts, model.categories, model.thresholds, prefer=fmt,
                                     model_path=str(model_path) if model_path else None, jobs=jobs)
            log(format_report(f"clausecheck, from {fmt.upper()}", res))
            report[f"ours_{fmt}"] = res
        if baseline:
            from .baseline import train_baseline

            train_contracts = [c for c in cuad.load(data_dir) if c.stem in seen]
            if not train_contracts:
                log("baseline skipped: the model records no training contracts in this folder")
            else:
                base = train_baseline(train_contracts, prefer="pdf", jobs=jobs)
                res = evaluate_contracts(contracts, base.categories,
                                         np.full(len(base.categories), 0.5), prefer="pdf",
                                         baseline=base, jobs=jobs)
                log(format_report("plain baseline (raw pypdfium2, regex sentences, TF-IDF + LR)", res))
                report["baseline_pdf"] = res
    held = [e for e in corpus.project_examples() if e.split == "test"]
    res = evaluate_examples(model, held)
    from ..classify.taxonomy import PROJECT_IDS

    log(format_examples(f"project set, held-out split ({len(held)} clauses)",
                        {k: v for k, v in res.items()}))
    proj = [v["f1"] for k, v in res.items() if k in PROJECT_IDS]
    if proj:
        log(f"project categories: min F1 {min(proj):.3f}, mean F1 {np.mean(proj):.3f}")
    report["project_test"] = res
    if more_dir and more_dir.exists():
        extra = [e for e in corpus.extra_examples(more_dir) if e.split == "test"]
        res = evaluate_examples(model, extra)
        log(format_examples(f"extra sets, held-out documents ({len(extra)} rows)", res))
        report["extra_test"] = res
    if json_out:
        json_out.write_text(json.dumps(report, indent=1, default=_np_default))
    return report


def _np_default(o):
    if isinstance(o, (np.floating, np.integer)):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)
