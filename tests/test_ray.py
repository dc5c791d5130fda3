"""Stories built on a local Ray cluster of two workers equal, byte for byte, those built in this process."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from synopsis.cli import app
from tests.test_archive import FIRST, SECOND, needs_stories

runner = CliRunner()


@needs_stories
def test_ray_builds_the_same_dossiers_as_the_local_executor(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    store = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", str(FIRST), str(SECOND), "--store", store]).exit_code == 0
    assert runner.invoke(app, ["stories", "--store", store]).exit_code == 0
    outputs = {}
    try:
        for executor in ("local", "ray"):
            outputs[executor] = tmp_path / executor
            result = runner.invoke(app, ["build", "--all", "--store", store, "-o", str(outputs[executor]),
                                         "--format", "json,md", "--executor", executor, "--workers", "2"])
            assert result.exit_code == 0, result.output
    finally:
        ray.shutdown()
    local = sorted(p.relative_to(outputs["local"]) for p in outputs["local"].rglob("dossier.*"))
    assert len(local) == 4
    assert local == sorted(p.relative_to(outputs["ray"]) for p in outputs["ray"].rglob("dossier.*"))
    for name in local:
        assert (outputs["local"] / name).read_bytes() == (outputs["ray"] / name).read_bytes(), name
