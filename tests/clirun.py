"""Run the clausecheck command as a user does: a new process, started in the repository folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, timeout: float | None = 300, env: dict | None = None) -> subprocess.CompletedProcess:
    """`clausecheck ARGS...`; `timeout=None` where the time is the work itself (training, evaluation);
    `env` adds to this process's environment."""
    return subprocess.run([sys.executable, "-m", "clausecheck.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, env={**os.environ, **(env or {})})
