"""Imported once by the multiprocessing forkserver: load the pipeline and the model there, so every
worker forked from it starts warm, at once, sharing the model's memory (copy-on-write).

A failure here is not fatal: the worker's own start-up then reports the problem (e.g. no model)."""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one process per core; no thread oversubscription

ENV = {k: v for k, v in os.environ.items() if k.startswith("CLAUSECHECK_")}

try:
    from .tasks import warm_up

    warm_up()
    READY = True
except Exception:  # noqa: BLE001
    READY = False
