"""From paths to drafts: walking folders, reading bytes safely, decoding, and the record formats.

Every failure here becomes a ``Rejected`` with one plain reason; nothing a user
gives us makes ingest raise.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import Rejected, Removed

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
SIDECAR = "sources.csv"
MAGIC = {b"%PDF": "a PDF", b"PK\x03\x04": "a ZIP archive or Office file", b"\x89PNG": "a PNG image",
         b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive",
         b"\x7fELF": "a program"}
TEXT_BYTES = bytes(range(32, 256)) + b"\t\n\x0c\r"
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<article|<meta|<!--)", re.IGNORECASE)


@dataclass
class RawInput:
    """One input on its way to becoming an article: raw body plus whatever metadata came with it."""

    source: str
    body: str
    kind: str  # "text", "markdown" or "html"
    order: tuple[str, int]
    origin: Path | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_source: str | None = None
    author: str | None = None
    url: str | None = None
    removed: list[Removed] = field(default_factory=list)


def walk(paths: list[Path]) -> Iterator[Path | Rejected]:
    """Given files as they are; folders recursively, keeping supported, non-hidden files."""
    for path in paths:
        try:
            if path.is_dir():
                found = sorted(
                    p for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUPPORTED
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
                if not found:
                    kinds = ", ".join(sorted(SUPPORTED))
                    yield Rejected(str(path), f"folder has no article files ({kinds})")
                yield from found
            elif path.exists():
                yield path
            else:
                yield Rejected(str(path), "no such file or folder")
        except OSError as exc:
            yield Rejected(str(path), f"cannot read ({exc.strerror or exc})")


def read_bytes(path: Path, limit: int) -> bytes | Rejected:
    """The file's bytes, unless it cannot be read or is larger than ``limit``."""
    try:
        size = path.stat().st_size
        if size > limit:
            return Rejected(str(path), f"file too large ({_size(size)}; limit ingest.max_file_bytes is {_size(limit)})")
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except OSError as exc:
        return Rejected(str(path), f"cannot read ({exc.strerror or exc})")


def binary_kind(data: bytes) -> str | None:
    """What a binary file looks like, or None when the bytes can be text."""
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a byte-order mark: text with NUL bytes
    head = data[:8192]
    controls = len(head.translate(None, TEXT_BYTES))
    return "binary data" if b"\x00" in head or controls > len(head) * 0.1 else None


def decode(data: bytes) -> str | None:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else the detected legacy encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8", "utf-8-sig"):
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def normalise(text: str) -> str:
    """One newline convention, no invisible characters, composed Unicode: offsets then mean what they show."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", INVISIBLE.sub("", text))


def drafts_from_file(path: Path, data: bytes, text: str) -> list[RawInput | Rejected]:
    """One draft per article the file holds: one for text, markdown and HTML; one per record for JSON."""
    suffix = path.suffix.lower()
    base = (str(path), 0)
    if suffix in RECORD_SUFFIXES:
        return _records(path, text, lines=suffix != ".json")
    if suffix in HTML_SUFFIXES or (suffix not in SUPPORTED and HTML_START.match(data[:512])):
        return [RawInput(str(path), text, "html", base, origin=path)]
    if suffix in MARKDOWN_SUFFIXES:
        body, removed = markdown_to_text(text)
        return [RawInput(str(path), body, "text", base, origin=path, removed=removed)]
    return [RawInput(str(path), text, "text", base, origin=path)]


def draft_from_stdin(text: str) -> RawInput:
    kind = "html" if HTML_START.match(text[:512].encode()) else "text"
    return RawInput("<stdin>", text, kind, ("<stdin>", 0))


def _records(path: Path, text: str, lines: bool) -> list[RawInput | Rejected]:
    out: list[RawInput | Rejected] = []
    if lines:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            source = f"{path}#{number}"
            try:
                out.append(_record(path, source, (str(path), number), json.loads(line)))
            except json.JSONDecodeError as exc:
                out.append(Rejected(source, f"not valid JSON ({exc.msg} at column {exc.colno})"))
        return out or [Rejected(str(path), "no JSON records in the file")]
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Rejected(str(path), f"not valid JSON ({exc.msg} at line {exc.lineno})")]
    if isinstance(value, list):
        return [_record(path, f"{path}#{n}", (str(path), n), v) for n, v in enumerate(value, start=1)] or [
            Rejected(str(path), "empty JSON list")
        ]
    return [_record(path, str(path), (str(path), 0), value)]


def _record(path: Path, source: str, order: tuple[str, int], value: Any) -> RawInput | Rejected:
    if not isinstance(value, dict):
        return Rejected(source, "JSON record is not an object with a 'text' or 'html' field")
    text, html = value.get("text"), value.get("html")
    if isinstance(text, str) and text.strip():
        body, kind = text, "text"
    elif isinstance(html, str) and html.strip():
        body, kind = html, "html"
    else:
        return Rejected(source, "JSON record has no 'text' or 'html' string field")

    def field_of(name: str) -> str | None:
        item = value.get(name)
        return (item.strip() or None) if isinstance(item, str) else None

    published = field_of("published")
    return RawInput(
        source, body, kind, order, origin=path, title=field_of("title"), outlet=field_of("outlet"),
        published=published, published_source="metadata" if published else None, url=field_of("url"),
        author=field_of("author"),
    )


def markdown_to_text(text: str) -> tuple[str, list[Removed]]:
    """Plain lines from markdown: heading marks, emphasis and link targets go; image lines are recorded."""
    lines: list[str] = []
    removed: list[Removed] = []
    for line in text.splitlines():
        stripped = line.strip()
        if re.fullmatch(r"!\[[^\]]*\]\([^)]*\)", stripped):
            removed.append(Removed(stripped, "image"))
            continue
        if re.fullmatch(r"(?:[-*_]\s*){3,}|`{3}.*", stripped):
            lines.append("")
            continue
        stripped = re.sub(r"^#{1,6}\s+", "", stripped)
        stripped = re.sub(r"^>\s?", "", stripped)
        stripped = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", stripped)
        stripped = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", stripped)
        stripped = re.sub(r"(\*\*|__)(.+?)\1", r"\2", stripped)
        stripped = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", stripped)
        lines.append(stripped)
    return "\n".join(lines), removed


@dataclass(frozen=True)
class SidecarRow:
    outlet: str | None
    published: str | None
    url: str | None


def read_small_text(path: Path, what: str) -> str | Rejected:
    """A small helper file (URL list, sidecar) as text, or why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Rejected(str(path), f"cannot read the {what} ({exc.strerror or exc})")
    text = decode(raw)
    return Rejected(str(path), f"cannot decode the {what}") if text is None else text


def read_sidecar(folder: Path) -> dict[str, SidecarRow] | Rejected | None:
    """``sources.csv`` next to the articles (columns file, outlet[, published, url]), if there is one."""
    path = folder / SIDECAR
    if not path.is_file():
        return None
    text = read_small_text(path, "sidecar file")
    if isinstance(text, Rejected):
        return text
    reader = csv.DictReader(text.splitlines())
    columns = {(c or "").strip().lower() for c in reader.fieldnames or ()}
    if "file" not in columns:
        return Rejected(str(path), "sidecar needs a header row with a 'file' column (file,outlet,published,url)")
    rows: dict[str, SidecarRow] = {}
    for row in reader:
        clean = {(k or "").strip().lower(): (v or "").strip() or None for k, v in row.items() if isinstance(v, str)}
        if clean.get("file"):
            rows[clean["file"] or ""] = SidecarRow(clean.get("outlet"), clean.get("published"), clean.get("url"))
    return rows


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.1f} kB"
