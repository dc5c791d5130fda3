"""The `synopsis` command: validates options, calls the library, reports in one line per problem."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from . import __version__
from .config import Config
from .errors import SynopsisError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Rebuild one news story from several outlets as a source-attributed dossier.",
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

EXAMPLES = """
Examples:

  synopsis build ../shared/corpus/riyadh-2025 -o out

  synopsis build story/*.html notes.txt -o out --format json,md --date 2025-02-18

  synopsis build --urls links.txt -o out     (fetches only the URLs listed)

  cat article.txt | synopsis build - -o out --outlet "Daily Example"
"""


def _version(value: bool) -> None:
    if value:
        out.print(f"synopsis {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Rebuild one news story from several outlets as a source-attributed dossier."""


@app.command(epilog=EXAMPLES)
def build(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders of articles, or - for stdin.")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write the dossier into.")] = Path("out"),
    formats: Annotated[str, typer.Option("--format", help="Comma-separated: json, md, html.")] = "json,md,html",
    store: Annotated[Path | None, typer.Option(help="DuckDB store file (default ./synopsis.duckdb).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model: en_core_web_md or en_core_web_sm.")] = None,
    date: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for undated articles.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every input.")] = None,
    urls: Annotated[Path | None, typer.Option(help="Text file of URLs to fetch (one per line).")] = None,
    config: Annotated[Path | None, typer.Option(help="TOML file overriding defaults.toml.")] = None,
    explain: Annotated[bool, typer.Option(help="Print every removed line and the rule that removed it.")] = False,
    all_discrepancies: Annotated[bool, typer.Option(
        help="Keep every discrepancy found, also those below [claims] min_confidence.")] = False,
    quiet: Annotated[bool, typer.Option(help="Print only errors.")] = False,
) -> None:
    """Build a dossier from articles about one story."""
    from .api import build_dossier
    from .ingest import load_articles
    from .render import RENDERERS, write_outputs
    from .store import Store

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in RENDERERS]
    if unknown:
        _fail(f"unknown format {', '.join(unknown)}; choose from {', '.join(RENDERERS)}", code=2)
    if not paths and urls is None:
        _fail("give at least one file or folder, - for stdin, or --urls FILE", code=2)
    try:
        settings = Config.load(config, nlp__model=model, claims__all_discrepancies=all_discrepancies or None)
        loaded = load_articles(
            paths or [], config=settings, urls_file=urls, outlet=outlet, date=date,
            stdin=sys.stdin if paths and "-" in paths else None,
        )
        for rejected in loaded.rejected:
            err.print(f"[yellow]skipped[/] {rejected.source}: {rejected.reason}", markup=True, highlight=False)
        for warning in () if quiet else loaded.warnings:
            err.print(f"[yellow]warning[/] {warning}", markup=True, highlight=False)
        if explain:
            for article in loaded.articles:
                for removed in article.removed:
                    out.print(f"{article.source}: removed [{removed.reason}] {removed.text!r}", markup=False)
        with _progress(quiet) as bar:
            task = bar.add_task("building", total=None)
            dossier = build_dossier(
                loaded, config=settings,
                progress=lambda name, i, n: bar.update(task, total=n, completed=i, description=name),
            )
        written = write_outputs(dossier, output, chosen)
        with Store(store or settings.get("store", "path")) as db:
            dossier_id = db.save_dossier(dossier)
    except SynopsisError as exc:
        _fail(str(exc))
    if not quiet:
        out.print(
            f"dossier {dossier_id}: {len(dossier.articles)} articles, "
            f"{len(dossier.rejected)} skipped -> {', '.join(str(p) for p in written)}",
            highlight=False,
        )


@app.command("ls")
def list_dossiers(store: Annotated[Path, typer.Option(help="DuckDB store file.")] = Path("synopsis.duckdb")) -> None:
    """List the dossiers in the store."""
    from .store import Store

    try:
        with Store(store) as db:
            rows = db.list_dossiers()
    except SynopsisError as exc:
        _fail(str(exc))
    table = Table("id", "created", "articles", "title")
    for row in rows:
        table.add_row(row["id"], f"{row['created']:%Y-%m-%d %H:%M}", str(row["articles"]), row["title"] or "")
    out.print(table)


@app.command()
def show(
    dossier_id: Annotated[str, typer.Argument(help="Dossier id (a prefix is enough).")],
    store: Annotated[Path, typer.Option(help="DuckDB store file.")] = Path("synopsis.duckdb"),
    fmt: Annotated[str, typer.Option("--format", help="json or md.")] = "md",
) -> None:
    """Print a stored dossier."""
    from .render import RENDERERS
    from .store import Store

    if fmt not in RENDERERS:
        _fail(f"unknown format {fmt}; choose from {', '.join(RENDERERS)}", code=2)
    try:
        with Store(store) as db:
            dossier = db.load_dossier(dossier_id)
    except SynopsisError as exc:
        _fail(str(exc))
    sys.stdout.write(RENDERERS[fmt](dossier))


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("{task.description:<10}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
        console=err, disable=quiet, transient=True,
    )


def _fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[red]error:[/] {message}", markup=True, highlight=False)
    raise typer.Exit(code)


def run() -> None:
    app()
