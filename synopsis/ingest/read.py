"""From paths to drafts: walking folders, reading bytes safely, decoding, and the record formats.

Every failure here becomes a ``Rejected`` with one plain reason; nothing a user
gives us makes ingest raise.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import stat
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
TOO_DEEP = "JSON nested too deeply to be an article record (arrays or objects inside one another thousands deep)"
MAGIC = {b"%PDF": "a PDF", b"PK\x03\x04": "a ZIP archive or Office file", b"\x89PNG": "a PNG image",
         b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive",
         b"\x7fELF": "a program"}
TEXT_BYTES = bytes(range(32, 256)) + b"\t\n\x0c\r"
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
NON_ASCII = re.compile("[^\x00-\x7f]")
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
    decoding: str | None = None  # how the bytes were decoded, when not plain UTF-8
    replaced: int = 0  # invalid bytes replaced while decoding


def walk(paths: list[Path]) -> Iterator[Path | Rejected]:
    """Given files as they are; folders recursively, keeping supported, non-hidden files.

    Only regular files are ever opened: a FIFO, socket or device (which would block or never end) and a
    symbolic link that loops or points nowhere each get one line, given or met in a folder. Linked folders
    are followed once each, so a link back up the tree cannot loop.
    """
    for path in paths:
        try:
            if path.is_symlink() and not path.exists():
                yield Rejected(str(path), _link_problem(path))
            elif path.is_dir():
                found: list[Path | Rejected] = list(_folder(path))
                if not any(isinstance(item, Path) for item in found):
                    kinds = ", ".join(sorted(SUPPORTED))
                    yield Rejected(str(path), f"folder has no article files ({kinds})")
                yield from found
            elif path.exists():
                special = _special_kind(path)
                yield Rejected(str(path), f"not a regular file ({special}); skipped") if special else path
            else:
                yield Rejected(str(path), "no such file or folder")
        except OSError as exc:
            yield Rejected(str(path), f"cannot read ({exc.strerror or exc})")


def _folder(root: Path) -> Iterator[Path | Rejected]:
    """The supported files under ``root`` in path order, plus one rejection per entry that cannot be a file."""
    seen: set[tuple[int, int]] = set()
    items: list[Path | Rejected] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue  # a link back to a folder already walked
            seen.add((info.st_dev, info.st_ino))
            entries = list(os.scandir(folder))
        except OSError as exc:
            items.append(Rejected(str(folder), f"cannot read the folder ({exc.strerror or exc})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink() and not path.exists():
                    items.append(Rejected(str(path), _link_problem(path)))
                elif entry.is_dir():
                    pending.append(path)
                elif entry.is_file():
                    if path.suffix.lower() in SUPPORTED:
                        items.append(path)
                elif special := _special_kind(path):
                    items.append(Rejected(str(path), f"not a regular file ({special}); skipped"))
            except OSError as exc:
                items.append(Rejected(str(path), f"cannot read ({exc.strerror or exc})"))
    yield from sorted(items, key=lambda item: item if isinstance(item, Path) else Path(item.source))


def _link_problem(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return "symbolic link that loops; skipped"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link that loops; skipped"
    return "symbolic link to nothing; skipped"


def _special_kind(path: Path) -> str | None:
    """What a path that is not a regular file is, or None for a regular file."""
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def read_bytes(path: Path, limit: int) -> bytes | Rejected:
    """The file's bytes, unless it cannot be read, is not a regular file or is larger than ``limit``."""
    try:
        special = _special_kind(path)
        if special:
            return Rejected(str(path), f"not a regular file ({special}); skipped")
        size = path.stat().st_size
        if size > limit:
            return Rejected(str(path), f"file too large ({_size(size)}; limit ingest.max_file_bytes is {_size(limit)})")
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except OSError as exc:
        return Rejected(str(path), f"cannot read ({exc.strerror or exc})")


@dataclass(frozen=True)
class Decoded:
    """Text from bytes and how it was had: ``note`` says what was decided when it was not plain UTF-8."""

    text: str
    encoding: str
    note: str | None = None
    replaced: int = 0  # invalid bytes replaced by U+FFFD


def binary_kind(data: bytes) -> str | None:
    """What a binary file looks like, or None when the bytes can be text."""
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_order(data):
        return None  # UTF-16: text with NUL bytes
    head = data[:8192]
    controls = len(head.translate(None, TEXT_BYTES))
    return "binary data" if b"\x00" in head or controls > len(head) * 0.1 else None


def _utf16_order(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 without a byte-order mark, told by where its NUL bytes fall.

    Text in a Latin script written as UTF-16 has a NUL in (nearly) every other byte, always on the same side.
    """
    head = data[:8192]
    if len(head) < 8 or len(data) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd >= half * 0.6 and even <= half * 0.05:
        return "utf-16-le"
    if even >= half * 0.6 and odd <= half * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> str | None:
    """Text from bytes (see ``decode_bytes``), or None when no encoding fits."""
    decoded = decode_bytes(data)
    return decoded.text if decoded else None


def decode_bytes(data: bytes) -> Decoded | None:
    """Text from bytes, never by a silent guess.

    UTF-8 (with or without BOM) and UTF-16 (with a BOM, or told by its NUL bytes) first. UTF-8 with a few
    invalid bytes stays UTF-8, those bytes replaced and counted, when the file holds valid multi-byte
    sequences and at most two invalid ones for each (a legacy file has next to none valid). Else the charset
    detector decides; between code pages it finds equally plausible the Western one wins, as only English
    articles are kept.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16", "UTF-16 (byte-order mark)")
        except UnicodeDecodeError:
            return None
    order = _utf16_order(data)
    if order:
        try:
            return Decoded(data.decode(order), order, f"UTF-16 without a byte-order mark ({order}, told by NUL bytes)")
        except UnicodeDecodeError:
            return None
    try:
        return Decoded(data.decode("utf-8").removeprefix("\ufeff"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = len(NON_ASCII.findall(text)) - text.count("\ufffd")
    if valid and replaced <= 2 * valid:
        note = f"UTF-8 with {replaced} invalid byte sequence(s) replaced by U+FFFD"
        return Decoded(text, "utf-8", note, replaced)
    return _detected(data)


def _detected(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None:
        return None
    encoding, why = best.encoding, "charset detector"
    western = next((m for m in matches if "cp1252" in m.could_be_from_charset), None)
    if encoding != "cp1252" and western is not None and western.chaos <= best.chaos:
        encoding, why = "cp1252", f"charset detector; as plausible as {best.encoding}, and only English is kept"
    try:
        return Decoded(data.decode(encoding), encoding, f"{encoding} ({why})")
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
            except RecursionError:
                out.append(Rejected(source, TOO_DEEP))
        return out or [Rejected(str(path), "no JSON records in the file")]
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Rejected(str(path), f"not valid JSON ({exc.msg} at line {exc.lineno})")]
    except RecursionError:
        return [Rejected(str(path), TOO_DEEP)]
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


def read_small_text(path: Path, what: str, limit: int) -> str | Rejected:
    """A small helper file (URL list, sidecar) as text, or why it cannot be read."""
    data = read_bytes(path, limit)
    if isinstance(data, Rejected):
        return Rejected(str(path), data.reason.replace("cannot read", f"cannot read the {what}", 1))
    decoded = decode_bytes(data)
    if decoded is None or decoded.replaced or binary_kind(data):
        return Rejected(str(path), f"cannot decode the {what} (save it as UTF-8)")
    return decoded.text


@dataclass(frozen=True)
class Sidecar:
    """The rows of one folder's ``sources.csv`` by file name, and one line per row that was not used."""

    rows: dict[str, SidecarRow]
    problems: tuple[Rejected, ...] = ()


def read_sidecar(folder: Path, limit: int, cell_limit: int) -> Sidecar | Rejected | None:
    """``sources.csv`` next to the articles (columns file, outlet[, published, url]), if there is one.

    A malformed file (a quote left open, a cell over ``cell_limit`` characters) is refused whole with its
    line, so that no row can silently swallow the next; a repeated file name is reported and its first row
    kept.
    """
    path = folder / SIDECAR
    if not path.is_file():
        return None
    text = read_small_text(path, "sidecar file", limit)
    if isinstance(text, Rejected):
        return text
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table: list[tuple[int, list[str]]] = []
    start = 1
    unclosed = "a quote opened on this line is not closed before {}; close it so each row is one line"
    too_long = (f"a cell is over {cell_limit} characters (ingest.max_sidecar_cell); a sidecar cell holds a file "
                "name, outlet, date or URL")
    try:
        for cells in reader:
            if any("\n" in cell or "\r" in cell for cell in cells):
                return Rejected(str(path), f"line {start}: " + unclosed.format(f"line {reader.line_num}"))
            if any(len(cell) > cell_limit for cell in cells):
                return Rejected(str(path), f"line {start}: {too_long}")
            table.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        message = str(exc)
        why = (too_long if "field larger" in message else unclosed.format("the end of the file")
               if "end of data" in message else f"malformed CSV ({message}); each row is file,outlet,published,url")
        return Rejected(str(path), f"line {start}: {why}")
    if not table or "file" not in {c.strip().lower() for c in table[0][1]}:
        return Rejected(str(path), "sidecar needs a header row with a 'file' column (file,outlet,published,url)")
    header = [c.strip().lower() for c in table[0][1]]
    rows: dict[str, SidecarRow] = {}
    first_line: dict[str, int] = {}
    problems: list[Rejected] = []
    for line, cells in table[1:]:
        clean = {name: cell.strip() or None for name, cell in zip(header, cells, strict=False)}
        name = clean.get("file")
        if not name:
            continue
        if name in rows:
            problems.append(Rejected(f"{path}:{line}", f"repeats the row for {name!r} of line {first_line[name]}; "
                                     "the first row is used"))
            continue
        rows[name] = SidecarRow(clean.get("outlet"), clean.get("published"), clean.get("url"))
        first_line[name] = line
    return Sidecar(rows, tuple(problems))


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.1f} kB"
