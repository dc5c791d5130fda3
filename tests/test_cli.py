"""The command line end to end, in process, on the real sample story."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from synopsis import __version__
from synopsis.cli import app
from synopsis.models import Dossier, verify_spans
from synopsis.render.json import validate

from .conftest import SAMPLE

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("cli")
    result = runner.invoke(app, ["build", str(SAMPLE), "-o", str(out), "--store", str(out / "s.duckdb")])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_writes_a_valid_dossier_in_every_format(built: tuple[Path, str]) -> None:
    out, output = built
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert validate(data) == []
    dossier = Dossier.from_dict(data)
    assert len(dossier.articles) == 5
    assert verify_spans(dossier) == []
    assert (out / "dossier.md").read_text(encoding="utf-8").startswith("#")
    assert "<html" in (out / "dossier.html").read_text(encoding="utf-8")
    assert "5 articles" in output


def test_ls_and_show_read_the_store(built: tuple[Path, str]) -> None:
    out, _ = built
    listing = runner.invoke(app, ["ls", "--store", str(out / "s.duckdb")])
    assert listing.exit_code == 0
    dossier_id = next(word for word in listing.output.split() if word.startswith("d") and len(word) == 12)
    shown = runner.invoke(app, ["show", dossier_id, "--store", str(out / "s.duckdb"), "--format", "json"])
    assert shown.exit_code == 0
    assert json.loads(shown.output)["articles"][0]["id"] == "a1"


def test_bad_inputs_get_one_line_each_and_the_rest_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    good = SAMPLE / sorted(p.name for p in SAMPLE.iterdir())[1]
    result = runner.invoke(
        app, ["build", str(empty), str(tmp_path / "missing.txt"), str(good), "-o", str(tmp_path / "out"),
              "--store", str(tmp_path / "s.duckdb"), "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 2
    assert any("empty.txt" in line for line in skipped)
    assert any("missing.txt" in line for line in skipped)
    assert "Traceback" not in result.output


def test_nothing_usable_fails_with_one_clear_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"),
                                 "--store", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    assert "nothing usable" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_format_and_version() -> None:
    assert runner.invoke(app, ["build", str(SAMPLE), "--format", "pdf"]).exit_code == 2
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and __version__ in version.output


def test_module_entry_point_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "synopsis", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "build" in result.stdout
