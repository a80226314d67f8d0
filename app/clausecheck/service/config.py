"""Service settings, from the environment (CLAUSECHECK_*) or given directly (tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..settings import DEFAULT_MAX_MB, DEFAULT_MAX_PAGES, LOOPBACK_HOSTS, Settings


@dataclass
class ServiceConfig:
    data_dir: Path = field(default_factory=lambda: Path("."))
    database_url: str | None = None  # None: SQLite in data_dir
    api_token: str | None = None
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS  # Host header names served; "*" = any
    upload_timeout: float = 60.0  # seconds for an upload's body to arrive, else 408
    keep_text: bool = False  # store the full extracted text, not only the clauses the pages show
    max_mb: float = DEFAULT_MAX_MB  # per uploaded document
    max_pages: int = DEFAULT_MAX_PAGES
    max_batch_mb: float = 250.0  # one batch upload, all files (or the zip, unpacked)
    max_batch_files: int = 500
    timeout: float = 120.0  # seconds per document
    max_concurrent: int = 32  # analyses in flight (queued or running; an upload holds a slot only once it has arrived)
    max_active_batches: int = 20
    workers: int | None = None  # analysis processes; None = all cores
    dask_scheduler: str | None = None  # hand batches to this Dask cluster
    model: Path | None = None  # None: the shipped model
    library: Path | None = None  # the user's clause library, laid over the built-in one

    @classmethod
    def from_settings(cls, settings: Settings, **overrides) -> ServiceConfig:
        cfg = cls(
            data_dir=settings.resolved_data_dir(),
            database_url=settings.database_url,
            api_token=settings.api_token,
            allowed_hosts=settings.allowed_hosts,
            upload_timeout=settings.upload_timeout,
            keep_text=settings.keep_text,
            max_mb=settings.max_mb,
            max_pages=settings.max_pages,
            max_batch_mb=settings.max_batch_mb,
            max_batch_files=settings.max_batch_files,
            timeout=settings.timeout,
            max_concurrent=settings.max_concurrent,
            workers=settings.workers,
            dask_scheduler=settings.dask_scheduler,
            model=settings.model,
            library=settings.library,
        )
        for key, value in overrides.items():
            if value is not None:
                setattr(cfg, key, value)
        return cfg

    @classmethod
    def from_env(cls, **overrides) -> ServiceConfig:
        """From CLAUSECHECK_* (read by clausecheck.settings); raises SettingsError for a bad value."""
        return cls.from_settings(Settings.from_env(), **overrides)

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
