"""Batch analysis: worker processes (clausecheck.batch.pool), a Dask cluster (clausecheck.batch.executors) and the
resumable batch runner (clausecheck.batch.runner). Kept import-light: a worker process imports this."""
