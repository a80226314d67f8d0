"""serve --keep-text/--no-keep-text: the flag overrides CLAUSECHECK_KEEP_TEXT; the default is unchanged."""

from __future__ import annotations

import pytest
from clausecheck.cli import app
from typer.testing import CliRunner


@pytest.fixture
def served(monkeypatch, tmp_path):
    """Run `serve` up to the point it would listen; return the ServiceConfig it built."""
    import clausecheck.service as service
    import uvicorn

    seen = {}

    def fake_create_app(config):
        seen["config"] = config
        return object()

    monkeypatch.setattr(service, "create_app", fake_create_app)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.setattr("clausecheck.cli._port_problem", lambda host, port: None)

    def run(args: list[str], env: dict[str, str]) -> bool:
        env = {"CLAUSECHECK_DATA_DIR": str(tmp_path), **env}
        result = CliRunner().invoke(app, ["serve", "--port", "8765", *args], env=env)
        assert result.exit_code == 0, result.output
        return seen.pop("config").keep_text

    return run


@pytest.mark.parametrize(("args", "env", "kept"), [
    ([], {}, False),                                          # default: only the clauses
    ([], {"CLAUSECHECK_KEEP_TEXT": "1"}, True),               # the variable
    (["--keep-text"], {}, True),                              # the flag ...
    (["--no-keep-text"], {"CLAUSECHECK_KEEP_TEXT": "1"}, False),  # ... overrides the variable
    (["--keep-text"], {"CLAUSECHECK_KEEP_TEXT": "0"}, True),
])
def test_keep_text_flag_overrides_environment(served, args, env, kept) -> None:
    assert served(args, env) is kept


def test_keep_text_help_says_what_is_kept() -> None:
    out = " ".join(CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"}).output.split())
    assert "--keep-text / --no-keep-text" in out
    assert "whole extracted text" in out and "only the text of the clauses" in out
    assert "CLAUSECHECK_KEEP_TEXT" in out
