"""Batch analysis: worker processes (app.batch.pool), a Dask cluster (app.batch.executors) and the
resumable batch runner (app.batch.runner). Kept import-light: a worker process imports this."""
