"""Service settings, from the environment (CLAUSECHECK_*) or given directly (tests)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..documents.limits import DEFAULT_MAX_MB, DEFAULT_MAX_PAGES


class ConfigError(Exception):
    pass


def _num(name: str, default, kind=float, minimum=None):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a {'whole ' if kind is int else ''}number") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={raw!r} must be at least {minimum}")
    return value


@dataclass
class ServiceConfig:
    data_dir: Path = field(default_factory=lambda: Path("."))
    database_url: str | None = None  # None: SQLite in data_dir
    api_token: str | None = None
    max_mb: float = DEFAULT_MAX_MB  # per uploaded document
    max_pages: int = DEFAULT_MAX_PAGES
    max_batch_mb: float = 250.0  # one batch upload, all files (or the zip, unpacked)
    max_batch_files: int = 500
    timeout: float = 120.0  # seconds per document
    max_concurrent: int = 32  # analyses in flight (uploads being read, queued or running)
    max_active_batches: int = 20
    workers: int | None = None  # analysis processes; None = all cores
    dask_scheduler: str | None = None  # hand batches to this Dask cluster

    @classmethod
    def from_env(cls, **overrides) -> ServiceConfig:
        from ..store import data_dir

        cfg = cls(
            data_dir=data_dir(),
            database_url=os.environ.get("CLAUSECHECK_DATABASE_URL") or None,
            api_token=os.environ.get("CLAUSECHECK_API_TOKEN") or None,
            max_mb=_num("CLAUSECHECK_MAX_MB", DEFAULT_MAX_MB, float, 0.001),
            max_pages=_num("CLAUSECHECK_MAX_PAGES", DEFAULT_MAX_PAGES, int, 1),
            max_batch_mb=_num("CLAUSECHECK_MAX_BATCH_MB", 250.0, float, 0.001),
            max_batch_files=_num("CLAUSECHECK_MAX_BATCH_FILES", 500, int, 1),
            timeout=_num("CLAUSECHECK_TIMEOUT", 120.0, float, 1),
            max_concurrent=_num("CLAUSECHECK_MAX_CONCURRENT", 32, int, 1),
            workers=_num("CLAUSECHECK_WORKERS", None, int, 1),
            dask_scheduler=os.environ.get("CLAUSECHECK_DASK_SCHEDULER") or None,
        )
        for key, value in overrides.items():
            if value is not None:
                setattr(cfg, key, value)
        return cfg

    @property
    def url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'clausecheck.db'}"

    def database_label(self) -> str:
        url = self.url
        if "@" in url and "://" in url:  # hide credentials
            scheme, rest = url.split("://", 1)
            return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
        return url

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1024 * 1024)

    @property
    def max_batch_bytes(self) -> int:
        return int(self.max_batch_mb * 1024 * 1024)
