"""The `synopsis` command: validates options, calls the library, reports in one line per problem."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .config import Config
from .errors import SynopsisError

if TYPE_CHECKING:
    from .backends import Executor
    from .ingest import LoadResult
    from .models import Dossier

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Rebuild one news story from several outlets as a source-attributed dossier.",
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
# Characters a terminal acts on rather than shows: C0/C1 controls (escape sequences, newlines that could forge
# a line of output) become '?'; bidi controls and isolates (which reorder what is shown) are dropped.
CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """User-derived text (paths, URLs, titles, reasons) as one harmless line for a terminal or log."""
    return CONTROLS.sub("?", BIDI.sub("", str(text))).replace("\t", " ")


def _say(console: Console, label: str, style: str, message: object) -> None:
    """One line: a styled label, then the message as plain text (markup never read from user text)."""
    line = Text(label, style=style) if label else Text()
    line.append((" " if label else "") + safe(message))
    console.print(line, highlight=False, soft_wrap=True)

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
    formats: Annotated[str, typer.Option("--format", help="Comma-separated: json, md, html, csv.")] = "json,md,html",
    store: Annotated[Path | None, typer.Option(help="DuckDB store file (default ./synopsis.duckdb).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model: en_core_web_md or en_core_web_sm.")] = None,
    date: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for undated articles.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every input.")] = None,
    urls: Annotated[Path | None, typer.Option(help="Text file of URLs to fetch (one per line).")] = None,
    config: Annotated[Path | None, typer.Option(help="TOML file overriding defaults.toml.")] = None,
    explain: Annotated[bool, typer.Option(help="Print every removed line and the rule that removed it.")] = False,
    all_discrepancies: Annotated[bool, typer.Option(
        help="Keep every discrepancy found, also those below [claims] min_confidence.")] = False,
    story: Annotated[str | None, typer.Option(help="Build this story of the store's archive (see `stories`).")]
    = None,
    every: Annotated[bool, typer.Option("--all", help="Build every story of the archive, each into -o/<id>.")] = False,
    executor: Annotated[str, typer.Option(help="Where stories of --all/--story are built: local or ray.")] = "local",
    ray_address: Annotated[str | None, typer.Option(help="A running Ray cluster (else Ray starts locally).")] = None,
    workers: Annotated[int, typer.Option(help="CPUs of a Ray started locally.")] = 2,
    name: Annotated[str | None, typer.Option(help="A name for the stored dossier (shown by `ls`).")] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Write the files only; keep nothing in the store.")]
    = False,
    quiet: Annotated[bool, typer.Option(help="Print only errors.")] = False,
) -> None:
    """Build a dossier from articles about one story."""
    from .archive.stream import mixed_story_warning
    from .backends import load_executor
    from .context import Context
    from .ingest import load_articles
    from .render import FORMATS, write_outputs
    from .store import Store

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        _fail(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}", code=2)
    if (story or every) and (paths or urls):
        _fail("give either files (or --urls) or --story/--all, not both", code=2)
    if not paths and urls is None and not story and not every:
        _fail("give at least one file or folder, - for stdin, --urls FILE, or --story ID / --all", code=2)
    try:
        settings = Config.load(config, nlp__model=model, claims__all_discrepancies=all_discrepancies or None)
        store_path = Path(store or settings.get("store", "path"))
        _check_output(output, chosen)
        if (story or every) and no_store:
            _fail("--story and --all read the store; drop --no-store", code=2)
        if not no_store:
            with Store(store_path):
                pass  # opened once before any article is read: a locked, read-only or misplaced store fails now
        if story or every:
            runner = load_executor(executor, ray_address, workers)
            _build_stories(store_path, output, chosen, story, settings, runner, quiet)
            return
        loaded = load_articles(
            paths or [], config=settings, urls_file=urls, outlet=outlet, date=date,
            stdin=sys.stdin if paths and "-" in paths else None,
        )
        for rejected in loaded.rejected:
            _say(err, "skipped", "yellow", f"{rejected.source}: {rejected.reason}")
        for warning in () if quiet else loaded.warnings:
            _say(err, "warning", "yellow", warning)
        mixed = None if quiet else mixed_story_warning(loaded.articles, Context(settings))
        if mixed:
            _say(err, "warning", "yellow", mixed)
        if explain:
            for source, how in loaded.decoding:
                _say(out, "", "", f"{source}: decoded as {how}")
            for article in loaded.articles:
                for removed in article.removed:
                    _say(out, "", "", f"{article.source}: removed [{removed.reason}] {removed.text!r}")
        dossier = _built(loaded, settings, quiet)
        written = _write(dossier, output, chosen, write_outputs)
        dossier_id = "not stored"
        if not no_store:
            with Store(store_path) as db:
                dossier_id = db.save_dossier(dossier, name)
    except SynopsisError as exc:
        _fail(str(exc))
    if not quiet:
        _say(out, "", "", f"dossier {dossier_id}: {len(dossier.articles)} articles, "
             f"{len(dossier.rejected)} skipped -> {', '.join(str(p) for p in written)}")


def _built(loaded: LoadResult, settings: Config, quiet: bool) -> Dossier:
    """The dossier of ``loaded``, showing each stage as it goes: a bar per stage with its elapsed time on a
    terminal (articles counted while they are parsed), one plain line per finished stage otherwise."""
    from .api import build_dossier

    if quiet:
        return build_dossier(loaded, config=settings)
    if not err.is_terminal:
        started: dict[str, float] = {}

        def line(name: str, done: int, total: int) -> None:
            started.setdefault(name, time.perf_counter())
            if done == total:
                unit = f"{total} articles, " if name == "annotate" else ""
                _say(err, "", "", f"{name}: {unit}{time.perf_counter() - started[name]:.1f} s")

        return build_dossier(loaded, config=settings, progress=line)
    with _progress(False) as bar:
        tasks: dict[str, TaskID] = {}

        def update(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=done, total=total)
            if done == total:
                bar.stop_task(tasks[name])

        return build_dossier(loaded, config=settings, progress=update)


def _build_stories(
    store_path: Path, output: Path, formats: list[str], story: str | None, settings: Config, runner: Executor,
    quiet: bool,
) -> None:
    """Build one stored story into ``output``, or every story into ``output/<id>``; parses are kept beside the
    store, so a story that gained articles parses only the new ones."""
    from .archive.stream import (
        StoryJob,
        build_story_dossiers,
        parse_cache_beside,
        stories_articles,
        story_id_of,
        vectors_beside,
    )
    from .models import Dossier
    from .render import write_outputs
    from .store import Store

    if not settings.get("nlp", "parse_cache"):
        settings = settings.with_values(nlp__parse_cache=str(parse_cache_beside(store_path)))
    with Store(store_path) as db:
        chosen = stories_articles(db, [story_id_of(db, story)] if story else None)
        if not chosen:
            _fail(f"no stories in {store_path}; run `synopsis stories` first")
        vectors = str(vectors_beside(store_path))
        jobs = [StoryJob(i, settings.to_dict(), tuple(a.to_dict() for a in articles), vectors)
                for i, articles in chosen.items()]
    with _progress(quiet) as bar:
        bar.add_task(f"building {len(jobs)} {'story' if len(jobs) == 1 else 'stories'}", total=None)
        built = runner.map(build_story_dossiers, jobs)
    for story_id, body in built:
        target = output if story else output / story_id
        dossier = Dossier.from_dict(body)
        written = _write(dossier, target, formats, write_outputs)
        with Store(store_path) as db:
            dossier_id = db.save_dossier(dossier)
        if not quiet:
            _say(out, "", "", f"story {story_id}: dossier {dossier_id}, {len(dossier.articles)} articles -> "
                 f"{', '.join(str(p) for p in written)}")


def _check_output(output: Path, formats: list[str]) -> None:
    """Fail before any work when the dossier could not be written to ``output``.

    The folder is not created here (nothing is made when nothing is built): its nearest existing folder
    must take a new file, and no ``dossier.<format>`` in it may be a folder.
    """
    if output.exists() and not output.is_dir():
        _fail(f"-o {output} is a file, not a folder; pass a folder for the dossier", code=2)
    nearest = output
    while not nearest.exists() and nearest != nearest.parent:
        nearest = nearest.parent
    if not nearest.is_dir():
        _fail(f"-o {output}: {nearest} is a file, so no folder can be made under it; pass another -o", code=2)
    try:
        with tempfile.TemporaryFile(dir=nearest):
            pass
    except OSError as exc:
        _fail(f"-o {output}: cannot write into {nearest} ({exc.strerror or exc}); pass another -o", code=2)
    from .render import output_names

    for name in output_names(formats):
        target = output / name
        if target.is_dir() or (target.exists() and not os.access(target, os.W_OK)):
            _fail(f"-o {output}: {target} cannot be replaced (a folder or read-only); move it or pass another -o",
                  code=2)


def _write(dossier: Dossier, output: Path, formats: list[str], write: Callable[..., list[Path]]) -> list[Path]:
    """The dossier written (each format to a temporary file, then renamed); no ``.tmp`` left on failure."""
    from .render import output_names

    try:
        return list(write(dossier, output, formats))
    except OSError as exc:
        for name in output_names(formats):
            Path(output, f"{name}.tmp").unlink(missing_ok=True)
        _fail(f"cannot write the dossier into {output} ({exc.strerror or exc}); pass another -o")


@app.command("ls")
def list_dossiers(
    store: Annotated[Path, typer.Option(help="DuckDB store file.")] = Path("synopsis.duckdb"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the dossiers as a JSON list.")] = False,
) -> None:
    """List the dossiers in the store (each at its latest version)."""
    import json

    from .store import Store

    try:
        with Store(store, read_only=True) as db:
            rows = db.list_dossiers()
    except SynopsisError as exc:
        _fail(str(exc))
    if as_json:
        sys.stdout.write(json.dumps([{**row, "created": row["created"].isoformat()} for row in rows],
                                    ensure_ascii=False, indent=1) + "\n")
        return
    table = Table("id", "version", "created", "articles", "discrepancies", "name", "title")
    for row in rows:
        table.add_row(
            Text(safe(row["id"])), str(row["version"]), f"{row['created']:%Y-%m-%d %H:%M}", str(row["articles"]),
            str(row["discrepancies"]), Text(safe(row["name"] or "")), Text(safe(row["title"] or "")),
        )
    out.print(table)


@app.command()
def show(
    dossier_id: Annotated[str, typer.Argument(help="Dossier id (a prefix is enough).")],
    store: Annotated[Path, typer.Option(help="DuckDB store file.")] = Path("synopsis.duckdb"),
    fmt: Annotated[str, typer.Option("--format", help="json or md.")] = "md",
    version: Annotated[int | None, typer.Option("--version", help="A stored version (default: the latest).")]
    = None,
) -> None:
    """Print a stored dossier."""
    from .render import RENDERERS
    from .store import Store

    if fmt not in RENDERERS:
        _fail(f"unknown format {fmt}; choose from {', '.join(RENDERERS)}", code=2)
    try:
        with Store(store, read_only=True) as db:
            dossier = db.load_dossier(dossier_id, version)
    except SynopsisError as exc:
        _fail(str(exc))
    sys.stdout.write(RENDERERS[fmt](dossier) if fmt == "json" else _printable(RENDERERS[fmt](dossier)))


@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders of articles.")] = None,
    urls: Annotated[Path | None, typer.Option(help="Text file of URLs to fetch (one per line).")] = None,
    feed: Annotated[str | None, typer.Option(help="RSS or Atom feed file whose entries' links are fetched.")] = None,
    store: Annotated[Path | None, typer.Option(help="DuckDB store file (default ./synopsis.duckdb).")] = None,
    config: Annotated[Path | None, typer.Option(help="TOML file overriding defaults.toml.")] = None,
    quiet: Annotated[bool, typer.Option(help="Print only errors.")] = False,
) -> None:
    """Add articles to the store's archive (same text from another outlet is kept as a copy)."""
    from .archive.stream import ingest as ingest_into
    from .store import Store

    if not paths and urls is None and feed is None:
        _fail("give at least one file or folder, --urls FILE or --feed FILE", code=2)
    try:
        settings = Config.load(config)
        with Store(Path(store or settings.get("store", "path"))) as db:
            done = ingest_into(db, paths or [], settings, urls_file=urls, feed=feed)
    except SynopsisError as exc:
        _fail(str(exc))
    for rejected in done.loaded.rejected:
        _say(err, "skipped", "yellow", f"{rejected.source}: {rejected.reason}")
    for warning in () if quiet else done.loaded.warnings:
        _say(err, "warning", "yellow", warning)
    if not quiet:
        _say(out, "", "", f"{done.added} articles added, {done.known} already in the archive, "
             f"{len(done.loaded.rejected)} skipped")


@app.command()
def stories(
    since: Annotated[str | None, typer.Option(help="Only articles published on or after this date (YYYY-MM-DD).")]
    = None,
    store: Annotated[Path | None, typer.Option(help="DuckDB store file (default ./synopsis.duckdb).")] = None,
    config: Annotated[Path | None, typer.Option(help="TOML file overriding defaults.toml.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the stories as a JSON list.")] = False,
) -> None:
    """Group the archive's articles into stories, keep them in the store, and list them."""
    import json

    from .archive.stream import find_stories
    from .context import Context
    from .store import Store

    try:
        settings = Config.load(config)
        with Store(Path(store or settings.get("store", "path"))) as db:
            find_stories(db, Context(settings), since)
            found = db.stories()
    except SynopsisError as exc:
        _fail(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
        return
    table = Table("id", "articles", "outlets", "latest", "title")
    for story in found:
        outlets = {a["outlet"] or a["source"] for a in story["articles"]}
        latest = max((a["published"] or "" for a in story["articles"]), default="")
        table.add_row(Text(safe(story["id"])), str(len(story["articles"])), str(len(outlets)), Text(safe(latest)),
                      Text(safe(story["title"] or "")))
    out.print(table)


@app.command()
def sources(
    folder: Annotated[Path, typer.Argument(help="A folder of articles.")],
    force: Annotated[bool, typer.Option(help="Replace a sources.csv already there.")] = False,
    config: Annotated[Path | None, typer.Option(help="TOML file overriding defaults.toml.")] = None,
) -> None:
    """Write FOLDER/sources.csv pre-filled with each file's detected outlet, date and URL, for you to edit."""
    import csv
    import io

    from .ingest import load_articles
    from .ingest.meta import outlet_from_file
    from .ingest.read import SIDECAR

    target = folder / SIDECAR
    if not folder.is_dir():
        _fail(f"{folder} is not a folder of articles", code=2)
    if target.exists() and not force:
        _fail(f"{target} exists; edit it, or pass --force to write it again from what synopsis detects", code=2)
    try:
        loaded = load_articles(folder, config=Config.load(config))
    except SynopsisError as exc:
        _fail(str(exc))
    rows: dict[str, list[str]] = {}
    for article in loaded.articles:
        try:
            name = Path(article.source).resolve().relative_to(folder.resolve()).as_posix()
        except ValueError:
            continue
        guessed = article.outlet == outlet_from_file(Path(article.source))  # a file name is no outlet: leave blank
        if name not in rows:
            rows[name] = [name, "" if guessed else article.outlet or "", article.published or "", article.url or ""]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "outlet", "published", "url"])
    writer.writerows(rows[name] for name in sorted(rows))
    try:
        target.write_text(buffer.getvalue(), encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {target} ({exc.strerror or exc})")
    for rejected in loaded.rejected:
        _say(err, "skipped", "yellow", f"{rejected.source}: {rejected.reason}")
    _say(out, "", "", f"{target}: {len(rows)} files; check the outlets and dates, then build the folder")


def _printable(document: str) -> str:
    """A rendered document with its lines kept and every other control and bidi character neutralised."""
    return "\n".join(safe(line) for line in document.split("\n"))


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=quiet, transient=True,
    )


def _fail(message: str, code: int = 1) -> NoReturn:
    _say(err, "error:", "red", message)
    raise typer.Exit(code)


def run() -> None:
    app()


@app.command()
def serve(
    store: Annotated[Path | None, typer.Option(help="DuckDB store file (default ./synopsis.duckdb).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on; keep 127.0.0.1 unless you mean to share.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    read_only: Annotated[bool, typer.Option(help="Browse only: no adding articles, no builds.")] = False,
    config: Annotated[Path | None, typer.Option(help="TOML file overriding defaults.toml.")] = None,
    get: Annotated[str | None, typer.Option(help="Print one page (e.g. /api/home) and exit, starting no server.")]
    = None,
) -> None:
    """Browse the store in a web browser: stories, dossiers, names and quotes across stories; add articles."""
    from .serve import get_page, make_app
    from .serve.app import LOOPBACK_NAMES

    try:
        settings = Config.load(config)
        store_path = Path(store or settings.get("store", "path"))
        if (read_only or get is not None) and not store_path.is_file():
            _fail(f"no store at {store_path}; build a dossier first or pass --store PATH", code=2)
        hosts = LOOPBACK_NAMES if host in LOOPBACK_NAMES else (host, *LOOPBACK_NAMES)
        web = make_app(store_path, settings, read_only=read_only or get is not None, hosts=hosts)
    except SynopsisError as exc:
        _fail(str(exc))
    if get is not None:
        status, body = get_page(web, get)
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
        if status >= 400:
            raise typer.Exit(1)
        return
    import uvicorn

    if host not in LOOPBACK_NAMES:
        _say(err, "warning", "yellow", f"listening on {host}: anyone who can reach it can read and add to the store")
    _say(err, "", "", f"serving {store_path} at http://{host}:{port}/ (Ctrl-C stops)")
    uvicorn.run(web, host=host, port=port, log_level="warning")
