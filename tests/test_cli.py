"""The command line end to end, in process, on the real sample story."""

from __future__ import annotations

import json
import subprocess
import sys
import time
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
    # not a terminal: one plain line per stage as it ends, the parse counting its articles
    stages = [line.split(":")[0] for line in output.splitlines() if line.endswith(" s")]
    assert stages == ["annotate", "entities", "quotes", "claims", "timeline", "positions", "summary"]
    assert "annotate: 5 articles, " in output


def test_ls_and_show_read_the_store(built: tuple[Path, str]) -> None:
    out, _ = built
    listing = runner.invoke(app, ["ls", "--store", str(out / "s.duckdb")])
    assert listing.exit_code == 0 and "version" in listing.output
    (row,) = json.loads(runner.invoke(app, ["ls", "--json", "--store", str(out / "s.duckdb")]).output)
    assert row["version"] == 1 and row["articles"] == 5
    shown = runner.invoke(app, ["show", row["id"][:6], "--store", str(out / "s.duckdb"), "--format", "json"])
    assert shown.exit_code == 0
    assert json.loads(shown.output)["articles"][0]["id"] == "a1"
    missing = runner.invoke(app, ["ls", "--store", str(out / "typo.duckdb")])
    assert missing.exit_code == 1 and "no store at" in missing.output
    assert not (out / "typo.duckdb").exists()


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


def test_hostile_names_titles_and_stdin_are_printed_safely(tmp_path: Path) -> None:
    """Markup, escape codes, bidi controls and newlines in names and titles never reach the terminal raw;
    non-UTF-8 standard input is decoded, and the file arguments beside it still load."""
    first, second = sorted(SAMPLE.glob("*.txt"))[:2]
    named = tmp_path / "evil\x1b[2J[/]\nskipped forged.txt"  # the '/' makes a folder "evil...[" too
    named.parent.mkdir()
    named.write_bytes(first.read_bytes())
    page = tmp_path / "a-page.html"  # its title shares most words with the others', so it is the dossier's headline
    body = "".join(f"<p>{line}</p>" for line in second.read_text(encoding="utf-8").splitlines())
    page.write_text("<html><head><title>[/] \x1b]0;owned\x07 Russia Talks in Saudi Arabia \u202eTitle</title></head>"
                    f"<body>{body}</body></html>", encoding="utf-8")
    piped = "Caf\u00e9 hours\n" + "The caf\u00e9 board said Se\u00f1or Mu\u00f1oz would stay open on Sunday. " * 8
    store = str(tmp_path / "s.duckdb")
    result = runner.invoke(
        app, ["build", "-", str(named), str(page), str(tmp_path / "gone[/]\x1b[31m.txt"), "-o", str(tmp_path / "out"),
              "--store", store, "--format", "json", "--explain"],
        input=piped.encode("latin-1"),
    )
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output and "Traceback" not in result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and "gone[/]?[31m.txt" in skipped[0]
    assert "<stdin>: decoded as cp1252" in result.output
    assert "3 articles" in result.output
    listing = runner.invoke(app, ["ls", "--store", store])
    assert listing.exit_code == 0, listing.output
    assert "\x1b" not in listing.output and "Traceback" not in listing.output
    assert "[/]" in listing.output and "owned" in listing.output  # the title shown as text, its codes defused


@pytest.mark.parametrize("case", ["output is a file", "output under a file", "dossier.json is a folder",
                                  "store under a file", "store is a folder"])
def test_output_and_store_problems_fail_before_any_article_is_read(tmp_path: Path, case: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    output, store = tmp_path / "out", tmp_path / "s.duckdb"
    if case == "output is a file":
        output = blocker
    elif case == "output under a file":
        output = blocker / "out"
    elif case == "dossier.json is a folder":
        (output / "dossier.json").mkdir(parents=True)
    elif case == "store under a file":
        store = blocker / "s.duckdb"
    else:
        store.mkdir()
    started = time.monotonic()
    result = runner.invoke(app, ["build", str(tmp_path / "missing.txt"), str(SAMPLE), "-o", str(output),
                                 "--store", str(store), "--format", "json"])
    assert time.monotonic() - started < 2
    assert result.exit_code != 0
    assert "error:" in result.output and "Traceback" not in result.output
    assert "skipped" not in result.output  # no input was read
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_locked_store_fails_before_any_article_is_read(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(store)!r}); print('ready', "
                               "flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = runner.invoke(app, ["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out"),
                                     "--store", str(store)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code != 0
    assert "is in use by another process" in result.output and "skipped" not in result.output


def test_sources_writes_a_sidecar_to_edit_and_keeps_one_already_there(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    for path in sorted(SAMPLE.iterdir())[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "wire.txt").write_text(
        "https://apnews.com/article/example-story\n" + (SAMPLE / sorted(p.name for p in SAMPLE.iterdir())[2])
        .read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["sources", str(folder)])
    assert result.exit_code == 0, result.output
    rows = (folder / "sources.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "file,outlet,published,url" and len(rows) == 4
    wire = next(row for row in rows if row.startswith("wire.txt,")).split(",")
    assert wire[1] and wire[3] == "https://apnews.com/article/example-story"
    assert all(row.split(",")[1] == "" for row in rows if row.startswith("0")), "a file name is not an outlet"
    again = runner.invoke(app, ["sources", str(folder)])
    assert again.exit_code == 2 and "--force" in again.output
