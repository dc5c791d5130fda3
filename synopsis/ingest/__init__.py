"""Turning files, folders, URLs and stdin into clean articles, and every bad input into one clear reason.

The steps: read (paths, decoding, bad input) -> HTML extraction -> multi-story
split -> furniture removal -> outlet, title and date -> ids in source order ->
duplicate marking. Nothing here raises for a user's file; only an invalid
option (a ``date`` that is not a date) is an error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from ..config import Config
from ..errors import ConfigError
from ..models import Article, Rejected
from .dedupe import mark_copies
from .fetch import FetchPolicy, fetch_all, read_url_list
from .furniture import clean
from .html import extract
from .leading import Leading, read_leading
from .lexicon import stop_ratio
from .lines import Batch, batch_counts, topic_embedder
from .meta import author_cue, date_cue, date_from_file, date_from_url, outlet_cue, outlet_from_file, parse_date
from .outlets import agency_credit, host_of, masthead, outlet_of_host
from .read import (
    HTML_SUFFIXES,
    SIDECAR,
    Decoded,
    RawInput,
    SidecarRow,
    binary_kind,
    decode_bytes,
    draft_from_stdin,
    drafts_from_file,
    normalise,
    read_bytes,
    read_sidecar,
)
from .read import walk as walk_paths
from .split import split_stories

__all__ = ["LoadResult", "load_articles"]


@dataclass(frozen=True)
class LoadResult:
    """What ingest made of the inputs: usable articles, every rejected input with its reason, and warnings
    about what was guessed (for the caller to show; the library never prints)."""

    articles: tuple[Article, ...]
    rejected: tuple[Rejected, ...]
    warnings: tuple[str, ...] = ()
    decoding: tuple[tuple[str, str], ...] = ()  # (source, how its bytes were decoded) when not plain UTF-8


@dataclass(frozen=True)
class _Settings:
    max_bytes: int
    max_file_bytes: int
    max_chars: int
    max_page_size: int
    max_sidecar_cell: int
    min_words: int
    min_english_ratio: float
    near_duplicate_threshold: float
    fetch: FetchPolicy
    split: bool
    furniture_threshold: float
    furniture_hard_rules: tuple[str, ...]

    @classmethod
    def of(cls, config: Config) -> _Settings:
        section = config.section("ingest")
        return cls(
            max_bytes=int(section["max_bytes"]),
            max_file_bytes=int(section["max_file_bytes"]),
            max_chars=int(section["max_chars"]),
            max_page_size=int(section["max_page_size"]),
            max_sidecar_cell=int(section["max_sidecar_cell"]),
            min_words=int(section["min_words"]),
            min_english_ratio=float(section.get("min_english_ratio", 0.2)),
            near_duplicate_threshold=float(section["near_duplicate_threshold"]),
            fetch=FetchPolicy(
                timeout=float(section["fetch_timeout"]), max_bytes=int(section["max_page_size"]),
                max_redirects=int(section["fetch_max_redirects"]), allow_private=bool(section["fetch_private"]),
                workers=int(section["fetch_workers"]),
            ),
            split=bool(section.get("split_stories", True)),
            furniture_threshold=float(section["furniture_threshold"]),
            furniture_hard_rules=tuple(section["furniture_hard_rules"]),
        )


def load_articles(
    paths: str | Path | Iterable[str | Path],
    config: Config | None = None,
    urls_file: str | Path | None = None,
    outlet: str | None = None,
    date: str | None = None,
    stdin: TextIO | None = None,
) -> LoadResult:
    """Read every input (a path, or a list of paths; - is stdin); articles get ids a1..aN in source order,
    rejections keep the order met."""
    config = config or Config.load()
    settings = _Settings.of(config)
    user_date = _user_date(date)
    drafts: list[RawInput] = []
    rejected: list[Rejected] = []
    sidecars: dict[Path, dict[str, SidecarRow] | None] = {}

    def take(items: Iterable[RawInput | Rejected]) -> None:
        for item in items:
            if isinstance(item, Rejected):
                rejected.append(item)
            else:
                checked = _within_limits(item, settings)
                (rejected if isinstance(checked, Rejected) else drafts).append(checked)  # type: ignore[arg-type]

    given = [str(paths)] if isinstance(paths, str | Path) else [str(p) for p in paths]
    files = [Path(p) for p in given if p != "-"]
    if "-" in given:
        take([_from_stdin(stdin, settings)])
    for found in walk_paths(files):
        if isinstance(found, Rejected):
            rejected.append(found)
            continue
        take(_from_file(found, settings))
        folder = found.parent
        if folder not in sidecars:
            sidecar = read_sidecar(folder, settings.max_file_bytes, settings.max_sidecar_cell)
            if isinstance(sidecar, Rejected):
                rejected.append(sidecar)
            elif sidecar is not None:
                rejected.extend(sidecar.problems)
            sidecars[folder] = sidecar.rows if sidecar is not None and not isinstance(sidecar, Rejected) else None
    if urls_file is not None:
        urls = read_url_list(Path(urls_file), settings.max_file_bytes)
        if isinstance(urls, Rejected):
            rejected.append(urls)
        else:
            take(fetch_all(urls, settings.fetch))

    prepared: list[tuple[RawInput, SidecarRow | None, Leading]] = []
    for draft in drafts:
        row = _sidecar_row(draft, sidecars)
        for part in _split(draft, settings):
            ready = _prepare(part, settings)
            if isinstance(ready, Rejected):
                rejected.append(ready)
            else:
                prepared.append((ready[0], row, ready[1]))
    batch = batch_counts((leading.text for _, _, leading in prepared), topic_embedder(config))
    finished: list[tuple[tuple[str, int], Article, bool]] = []
    for part, row, leading in prepared:
        result = _finish(part, leading, settings, batch, row, outlet, user_date)
        if isinstance(result, Rejected):
            rejected.append(result)
        else:
            finished.append((part.order, *result))
    finished.sort(key=lambda item: item[0])
    articles = [replace(article, id=f"a{n}") for n, (_, article, _) in enumerate(finished, start=1)]
    unnamed = [article for article, (_, _, named) in zip(articles, finished, strict=True) if not named]
    decoding = tuple({_input_of(d): d.decoding for d in drafts if d.decoding}.items())
    return LoadResult(
        tuple(mark_copies(articles, settings.near_duplicate_threshold)), tuple(rejected),
        _outlet_warning(unnamed) + _replacement_warnings(drafts) + _unmatched_rows(sidecars), decoding,
    )


def _unmatched_rows(sidecars: dict[Path, dict[str, SidecarRow] | None]) -> tuple[str, ...]:
    """One warning per sources.csv whose rows name files the folder does not hold (a typo drops a row's data)."""
    found = []
    for folder, rows in sidecars.items():
        names = {p.name for p in folder.iterdir()} | {p.stem for p in folder.iterdir()} if rows else set()
        missing = [name for name in rows or {} if name not in names]
        if missing:
            found.append(f"{folder / SIDECAR}: no file named {', '.join(missing[:5])}"
                         f"{' and others' if len(missing) > 5 else ''} in the folder; check the file column")
    return tuple(found)


def _input_of(draft: RawInput) -> str:
    """The file (or stream, or URL) a draft was read from: its records and split parts share it."""
    return str(draft.origin) if draft.origin is not None else draft.order[0]


def _replacement_warnings(drafts: list[RawInput]) -> tuple[str, ...]:
    replaced = {_input_of(draft): draft.replaced for draft in drafts if draft.replaced}
    return tuple(
        f"{source}: {count} byte sequence(s) that are not UTF-8 were replaced by U+FFFD; the rest of the file is "
        "UTF-8 (save the file as UTF-8 to keep those characters)"
        for source, count in replaced.items()
    )


def _outlet_warning(unnamed: list[Article]) -> tuple[str, ...]:
    if not unnamed:
        return ()
    names = ", ".join(f"{Path(a.source).name} as '{a.outlet}'" for a in unnamed[:3])
    more = f" and {len(unnamed) - 3} more" if len(unnamed) > 3 else ""
    return (
        f"{len(unnamed)} article(s) name no outlet in their metadata, URL or text, so the outlet comes from the "
        f"file name ({names}{more}); set outlets in a sources.csv beside the files (columns file,outlet,published,"
        "url) or with --outlet",
    )


def _user_date(date: str | None) -> str | None:
    if date is None:
        return None
    parsed = parse_date(date)
    if parsed is None:
        raise ConfigError(f"--date {date!r} is not a full date; write it as YYYY-MM-DD, e.g. 2025-02-18")
    return parsed


def _from_stdin(stdin: TextIO | None, settings: _Settings) -> RawInput | Rejected:
    """Standard input read as bytes when it has them, so that its encoding is decided like a file's."""
    if stdin is None:
        return Rejected("<stdin>", "no standard input to read")
    try:
        buffer = getattr(stdin, "buffer", None)
        raw = buffer.read(settings.max_file_bytes + 1) if buffer is not None else stdin.read().encode("utf-8")
    except (OSError, UnicodeError, ValueError) as exc:
        return Rejected("<stdin>", f"cannot read standard input ({exc})")
    if len(raw) > settings.max_file_bytes:
        return Rejected("<stdin>", f"standard input too large (over {settings.max_file_bytes} bytes; "
                        "ingest.max_file_bytes)")
    if not raw.strip():
        return Rejected("<stdin>", "standard input is empty")
    decoded = _decoded("<stdin>", raw)
    if isinstance(decoded, Rejected):
        return decoded
    return replace(draft_from_stdin(decoded.text), decoding=decoded.note, replaced=decoded.replaced)


def _from_file(path: Path, settings: _Settings) -> list[RawInput | Rejected]:
    data = read_bytes(path, settings.max_file_bytes)
    if isinstance(data, Rejected):
        return [data]
    if not data.strip():
        return [Rejected(str(path), "empty file")]
    if path.suffix.lower() in HTML_SUFFIXES and len(data) > settings.max_page_size:
        return [_page_too_large(str(path), len(data), settings)]
    decoded = _decoded(str(path), data)
    if isinstance(decoded, Rejected):
        return [decoded]
    return [
        replace(item, decoding=decoded.note, replaced=decoded.replaced) if isinstance(item, RawInput) else item
        for item in drafts_from_file(path, data, decoded.text)
    ]


def _decoded(source: str, data: bytes) -> Decoded | Rejected:
    kind = binary_kind(data)
    if kind:
        return Rejected(source, f"not a text file (looks like {kind})")
    decoded = decode_bytes(data)
    if decoded is None:
        return Rejected(source, "cannot decode the text (not UTF-8, and no other encoding fits)")
    return decoded


def _within_limits(draft: RawInput, settings: _Settings) -> RawInput | Rejected:
    """A draft refused before any costly step when its page or text is over a limit."""
    if draft.kind == "html":
        if len(draft.body) > settings.max_page_size:
            return _page_too_large(draft.source, len(draft.body), settings)
        return draft
    return _text_too_large(draft.source, draft.body, settings) or draft


def _page_too_large(source: str, size: int, settings: _Settings) -> Rejected:
    return Rejected(source, f"page too large ({size / 1_000_000:.1f} MB of markup; the limit before extraction, "
                    f"ingest.max_page_size, is {settings.max_page_size / 1_000_000:.1f} MB)")


def _text_too_large(source: str, text: str, settings: _Settings) -> Rejected | None:
    """Text over the byte limit, or over the parser's character limit (the parser refuses such a text whole)."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > settings.max_bytes:
        return Rejected(source, f"too large ({size / 1_000_000:.1f} MB of text; the limit, ingest.max_bytes, is "
                        f"{settings.max_bytes / 1_000_000:.1f} MB)")
    if len(text) > settings.max_chars:
        return Rejected(source, f"too long to parse ({len(text):,} characters; the parser's limit, "
                        f"ingest.max_chars, is {settings.max_chars:,}); split it into one file per article")
    return None


def _sidecar_row(draft: RawInput, sidecars: dict[Path, dict[str, SidecarRow] | None]) -> SidecarRow | None:
    if draft.origin is None:
        return None
    rows = sidecars.get(draft.origin.parent) or {}
    return rows.get(draft.origin.name) or rows.get(draft.origin.stem)


def _split(draft: RawInput, settings: _Settings) -> list[RawInput]:
    if draft.kind != "text" or not settings.split or draft.order[1]:
        return [draft]
    parts = split_stories(draft.body, settings.min_words)
    if len(parts) == 1:
        return [draft]
    return [
        replace(draft, source=f"{draft.source}#{n}", body=part, order=(draft.order[0], n))
        for n, part in enumerate(parts, start=1)
    ]


def _prepare(draft: RawInput, settings: _Settings) -> tuple[RawInput, Leading] | Rejected:
    """A draft's text as furniture removal will see it: page extracted, normalised, metadata lines taken."""
    if draft.kind == "html":
        draft = _with_page(draft)
        if not draft.body.strip():
            return Rejected(draft.source, "no article text found in the page")
    text = normalise(draft.body)
    too_large = _text_too_large(draft.source, text, settings)
    if too_large:
        return too_large
    return draft, read_leading(text)


def _finish(
    draft: RawInput,
    leading: Leading,
    settings: _Settings,
    batch: Batch,
    row: SidecarRow | None,
    user_outlet: str | None,
    user_date: str | None,
) -> tuple[Article, bool] | Rejected:
    """A prepared draft through furniture removal, size and language checks and metadata; the flag says
    whether the outlet was found (False: named after the file)."""
    cleaned = clean(leading.text, settings.furniture_threshold, batch=batch, hard_rules=settings.furniture_hard_rules)
    n_words = len(cleaned.text.split())
    if n_words < settings.min_words:
        what = "no text left after removing page furniture" if not n_words else f"only {n_words} words"
        return Rejected(draft.source, f"too short to be an article ({what}; ingest.min_words is {settings.min_words})")
    english = stop_ratio(cleaned.text)
    if english < settings.min_english_ratio:
        return Rejected(
            draft.source,
            f"not English (only {english:.0%} of its words are English function words; skipped)",
        )
    removed = (*draft.removed, *leading.removed, *cleaned.removed)
    url = (row.url if row else None) or draft.url or leading.url
    published = parse_date(draft.published) if draft.published else None
    published_source = draft.published_source
    row_date = parse_date(row.published) if row and row.published else None
    if row_date:
        published, published_source = row_date, "user"
    elif published:
        published_source = published_source or "metadata"
    elif leading.published:
        published, published_source = leading.published, "text"
    elif found := date_cue(removed, cleaned.text):
        published, published_source = found, "text"
    elif dated_url := date_from_url(url):
        published, published_source = dated_url, "metadata"
    elif draft.origin is not None and (named := date_from_file(draft.origin)):
        published, published_source = named, "metadata"
    elif user_date:
        published, published_source = user_date, "user"
    else:
        published_source = None
    outlet = (
        (row.outlet if row else None)
        or user_outlet
        or draft.outlet
        or outlet_cue(removed)
        or outlet_of_host(url)
        or masthead(leading.text, removed)
        or host_of(url)
        or leading.agency
        or agency_credit(cleaned.text)
    )
    found_outlet = outlet is not None
    if outlet is None:
        outlet = outlet_from_file(draft.origin) if draft.origin else "standard input"
    article = Article(
        id="",
        text=cleaned.text,
        source=draft.source,
        outlet=outlet,
        title=_tidy_title(draft.title or cleaned.title),
        published=published,
        published_source=published_source,
        author=draft.author or author_cue(removed),
        url=url,
        word_count=n_words,
        content_hash=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
        removed=removed,
        decoding=draft.decoding,
    )
    return article, found_outlet


def _with_page(draft: RawInput) -> RawInput:
    """An HTML draft as its page's main text; metadata the input gave wins over what the page says of itself."""
    page = extract(draft.body, draft.url)
    published, published_source = draft.published, draft.published_source
    if page.published and not published:
        published, published_source = page.published, "metadata"
    return replace(
        draft, body=page.text, title=draft.title or page.title, outlet=draft.outlet or page.sitename,
        author=draft.author or page.author, url=draft.url or page.url,
        published=published, published_source=published_source,
    )


def _tidy_title(title: str | None) -> str | None:
    """A headline without the joint a feed leaves at its end ("Absent Trump derides debate;", "... Figures.")."""
    if title is None:
        return None
    tidy = " ".join(title.split()).rstrip(";:,|–—- ")
    last = tidy.rsplit(" ", 1)[-1]
    if tidy.endswith(".") and not tidy.endswith("..") and last.count(".") == 1 and len(last) > 4:
        tidy = tidy[:-1]  # a closing full stop, not the dot of "U.S." or "St."
    return tidy or None
