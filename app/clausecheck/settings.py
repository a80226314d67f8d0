"""Every CLAUSECHECK_* environment variable, read in this one place.

`Settings.from_env()` reads them once; the CLI, the service and batch pass the resulting values
down. Nothing else in the package reads `os.environ` for its own configuration (batch workers are
handed the same variables so that they build the same Settings).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_MB = 25.0
DEFAULT_MAX_PAGES = 1000
PREFIX = "CLAUSECHECK_"
# The names a loopback service answers to; any other Host header is refused (DNS rebinding).
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
MIN_TOKEN_LENGTH = 16


class SettingsError(Exception):
    """A CLAUSECHECK_* variable holds a value that cannot be used; str() names it."""


def _num(env: dict, name: str, default, kind=float, minimum=None):
    raw = env.get(PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise SettingsError(f"{PREFIX}{name}={raw!r} is not a {'whole ' if kind is int else ''}number") from None
    if minimum is not None and value < minimum:
        raise SettingsError(f"{PREFIX}{name}={raw!r} must be at least {minimum}")
    return value


def _text(env: dict, name: str) -> str | None:
    value = env.get(PREFIX + name)
    return value if value and value.strip() else None


def _token(env: dict) -> str | None:
    token = _text(env, "API_TOKEN")
    if token is not None and len(token.strip()) < MIN_TOKEN_LENGTH:
        raise SettingsError(f"{PREFIX}API_TOKEN is {len(token.strip())} characters; use at least {MIN_TOKEN_LENGTH} "
                            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(24))')")
    return token.strip() if token else None


def _hosts(env: dict) -> tuple[str, ...]:
    raw = _text(env, "ALLOWED_HOSTS")
    if raw is None:
        return LOOPBACK_HOSTS
    hosts = tuple(h.strip().lower().strip("[]") for h in raw.split(",") if h.strip())
    return hosts or LOOPBACK_HOSTS


def _flag(env: dict, name: str, default: bool) -> bool:
    raw = _text(env, name)
    if raw is None:
        return default
    if raw.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if raw.strip().lower() in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{PREFIX}{name}={raw!r} is not one of 1/0, true/false, yes/no, on/off")


def _default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("clausecheck", appauthor=False))


@dataclass(frozen=True)
class Settings:
    model: Path | None = None                               # CLAUSECHECK_MODEL (None: the shipped model)
    library: Path | None = None                             # CLAUSECHECK_LIBRARY: laid over the built-in one
    data_dir: Path | None = None                            # CLAUSECHECK_DATA_DIR (None: per-user folder)
    database_url: str | None = None                         # CLAUSECHECK_DATABASE_URL (None: SQLite in data_dir)
    api_token: str | None = None                            # CLAUSECHECK_API_TOKEN (at least 16 characters)
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS         # CLAUSECHECK_ALLOWED_HOSTS, comma-separated; * = any
    upload_timeout: float = 60.0                            # CLAUSECHECK_UPLOAD_TIMEOUT, seconds for a body to arrive
    keep_text: bool = False                                 # CLAUSECHECK_KEEP_TEXT: store the full extracted text
    max_mb: float = DEFAULT_MAX_MB                          # CLAUSECHECK_MAX_MB, per document
    max_pages: int = DEFAULT_MAX_PAGES                      # CLAUSECHECK_MAX_PAGES
    max_batch_mb: float = 250.0                             # CLAUSECHECK_MAX_BATCH_MB
    max_batch_files: int = 500                              # CLAUSECHECK_MAX_BATCH_FILES
    timeout: float = 120.0                                  # CLAUSECHECK_TIMEOUT, seconds per document
    max_concurrent: int = 32                                # CLAUSECHECK_MAX_CONCURRENT
    workers: int | None = None                              # CLAUSECHECK_WORKERS (None: all cores)
    dask_scheduler: str | None = None                       # CLAUSECHECK_DASK_SCHEDULER

    @classmethod
    def from_env(cls, env: dict | None = None) -> Settings:
        env = os.environ if env is None else env
        model = _text(env, "MODEL")
        library = _text(env, "LIBRARY")
        data_dir = _text(env, "DATA_DIR")
        return cls(
            model=Path(model).expanduser() if model else None,
            library=Path(library).expanduser() if library else None,
            data_dir=Path(data_dir).expanduser() if data_dir else None,
            database_url=_text(env, "DATABASE_URL"),
            api_token=_token(env),
            allowed_hosts=_hosts(env),
            upload_timeout=_num(env, "UPLOAD_TIMEOUT", 60.0, float, 1),
            keep_text=_flag(env, "KEEP_TEXT", False),
            max_mb=_num(env, "MAX_MB", DEFAULT_MAX_MB, float, 0.001),
            max_pages=_num(env, "MAX_PAGES", DEFAULT_MAX_PAGES, int, 1),
            max_batch_mb=_num(env, "MAX_BATCH_MB", 250.0, float, 0.001),
            max_batch_files=_num(env, "MAX_BATCH_FILES", 500, int, 1),
            timeout=_num(env, "TIMEOUT", 120.0, float, 1),
            max_concurrent=_num(env, "MAX_CONCURRENT", 32, int, 1),
            workers=_num(env, "WORKERS", None, int, 1),
            dask_scheduler=_text(env, "DASK_SCHEDULER"),
        )

    def resolved_data_dir(self) -> Path:
        return self.data_dir or _default_data_dir()


def env_for_workers() -> dict[str, str]:
    """The CLAUSECHECK_* variables to hand to a worker process so it builds the same Settings."""
    return {k: v for k, v in os.environ.items() if k.startswith(PREFIX)}
