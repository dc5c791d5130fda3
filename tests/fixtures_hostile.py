"""Generated hostile inputs for the ingest fuzz corpus: every byte here is made up, no article text is copied.

``corpus(seed)`` gives a few hundred cases, each a file name, its bytes and what must become of it:
an article (optionally holding a given string, which checks the decoding), or exactly one rejection
whose reason holds a given phrase, or either (``None``: the only promise is no crash and at most one line).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass

ARTICLE = "article"

SUBJECTS = ("The council", "The mayor", "A spokeswoman for the port", "The inspectors", "The union", "Officials")
VERBS = ("said on Monday that", "told reporters that", "confirmed in a statement that", "warned that")
OBJECTS = ("the bridge would reopen", "the ferry service would resume", "the budget would be cut",
           "the harbour wall had cracked", "the night trains would stop", "the school would stay open")
TAILS = ("before the end of the month.", "after the last checks are done.", "while the repairs go on.",
         "as soon as the money is found.", "if the weather holds.", "for at least two more weeks.")
ACCENTED = ("café", "Muñoz", "naïve", "résumé", "Zürich", "façade")
MAGIC = (b"%PDF-1.7\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"\x1f\x8b\x08",
         b"\x7fELF\x02")
HOSTILE_CHARS = ("[/]", "[bold red]", "\x1b[2J", "\x1b]0;owned\x07", "\u202e", "\u2066", "\x00", "\r", "\u2028")


@dataclass(frozen=True)
class Case:
    """One generated input and what ingest must make of it."""

    name: str
    data: bytes
    expect: str | None  # ARTICLE, a phrase of the single rejection's reason, or None for either
    contains: str | None = None  # a string the article's text must hold (the decoding was right)


def prose(rng: random.Random, sentences: int = 6, extra: str = "") -> str:
    """A made-up English news paragraph, long enough to be an article (``extra`` is woven into it)."""
    out = []
    for n in range(sentences):
        line = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
        if n == 1 and extra:
            line = line[:-1] + f", near the {extra} on the corner."
        out.append(line)
    return "Harbour bridge update\n" + " ".join(out) + "\n"


def corpus(seed: int = 0) -> list[Case]:
    """Every family of hostile input, with variations drawn from ``seed``."""
    rng = random.Random(seed)
    cases: list[Case] = []
    for family in (_encodings, _broken_utf8, _binary, _json, _jsonl, _markup, _names, _empty, _repeats):
        cases.extend(family(rng))
    return cases


def _encodings(rng: random.Random) -> Iterator[Case]:
    for n, word in enumerate(ACCENTED):
        text = prose(rng, extra=word)
        yield Case(f"enc/utf8-{n}.txt", text.encode("utf-8"), ARTICLE, word)
        yield Case(f"enc/utf8sig-{n}.txt", text.encode("utf-8-sig"), ARTICLE, word)
        yield Case(f"enc/utf16bom-{n}.txt", text.encode("utf-16"), ARTICLE, word)
        yield Case(f"enc/utf16le-{n}.txt", text.encode("utf-16-le"), ARTICLE, word)
        yield Case(f"enc/utf16be-{n}.txt", text.encode("utf-16-be"), ARTICLE, word)
        yield Case(f"enc/latin1-{n}.txt", text.encode("latin-1"), ARTICLE, word)
        quoted = prose(rng, extra=f"“{word}” stall")
        yield Case(f"enc/cp1252-{n}.txt", quoted.encode("cp1252"), ARTICLE, f"“{word}”")
        yield Case(f"enc/utf16html-{n}.html", f"<html><body><p>{text}</p></body></html>".encode("utf-16"), ARTICLE,
                   word)


def _broken_utf8(rng: random.Random) -> Iterator[Case]:
    """UTF-8 with curly quotes and a few bytes no encoder would write: the quotes must survive."""
    for n in range(40):
        data = bytearray(prose(rng, extra="“harbour” ’s").encode("utf-8"))
        for _ in range(1 + n % 3):  # between two ASCII bytes, so no valid sequence is cut
            at = rng.choice([i for i in range(len(data) // 2, len(data)) if data[i - 1] < 0x80 > data[i]])
            data.insert(at, rng.choice((0xFF, 0xFE, 0xC0, 0x80, 0xF5)))
        yield Case(f"utf8bad/{n}.txt", bytes(data), ARTICLE, "“harbour”")


def _binary(rng: random.Random) -> Iterator[Case]:
    for n, magic in enumerate(MAGIC):
        yield Case(f"bin/magic-{n}.txt", magic + rng.randbytes(2048), "not a text file")
    for n in range(20):
        noise = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00" * 8
        yield Case(f"bin/noise-{n}.html", noise, "not a text file")


def _json(rng: random.Random) -> Iterator[Case]:
    for n, depth in enumerate((5_000, 20_000, 100_000)):
        yield Case(f"json/deep-list-{n}.json", b"[" * depth + b"]" * depth, "nested too deeply")
        yield Case(f"json/deep-object-{n}.json", b'{"a":' * depth + b"1" + b"}" * depth, "nested too deeply")
        record = b'{"text": ' + b"[" * depth + b"]" * depth + b"}"
        yield Case(f"json/deep-field-{n}.json", record, "nested too deeply")
    good = json.dumps({"text": prose(rng), "title": "[/] [bold]Harbour\x1b[2J"}).encode()
    yield Case("json/good.json", good, ARTICLE, "Harbour bridge")
    for n in range(25):
        cut = good[: rng.randrange(1, len(good) - 1)]
        yield Case(f"json/truncated-{n}.json", cut, "not valid JSON")
    yield Case("json/number.json", b"42", "not an object")
    yield Case("json/string.json", b'"just a string"', "not an object")
    yield Case("json/no-body.json", b'{"title": "x"}', "no 'text' or 'html'")
    yield Case("json/text-not-string.json", b'{"text": {"nested": true}}', "no 'text' or 'html'")
    yield Case("json/empty-list.json", b"[]", "empty JSON list")
    yield Case("json/nan.json", b'{"text": NaN}', "no 'text' or 'html'")


def _jsonl(rng: random.Random) -> Iterator[Case]:
    """One record a line; only the bad line is refused (the file's good line is checked separately)."""
    for n, depth in enumerate((3_000, 50_000)):
        yield Case(f"jsonl/deep-{n}.jsonl", b"[" * depth + b"]" * depth + b"\n", "nested too deeply")
    yield Case("jsonl/garbage.jsonl", b"\x00\x01\x02 not json\n", None)
    yield Case("jsonl/blank.jsonl", b"\n\n  \n", "empty file")
    yield Case("jsonl/only-bad.jsonl", b"\n  {\n", "not valid JSON")


def _markup(rng: random.Random) -> Iterator[Case]:
    """Pages and texts whose titles and bodies carry terminal markup, escape codes and bidi overrides."""
    for n, chars in enumerate(HOSTILE_CHARS):
        title = f"Harbour {chars} update"
        page = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{prose(rng)}</p>"
                f"<p>{prose(rng, extra=chars)}</p></article></body></html>")
        expect = None if chars == "\x00" else ARTICLE  # a NUL byte makes a file look binary
        yield Case(f"markup/page-{n}.html", page.encode("utf-8"), expect)
        yield Case(f"markup/text-{n}.txt", prose(rng, extra=chars).encode("utf-8"), expect)
    yield Case("markup/unclosed.html", b"<html><body><p>" + prose(rng).encode() + b"<div><span><b", ARTICLE)
    yield Case("markup/comment-bomb.html", b"<!--" * 20_000 + b"<p>" + prose(rng).encode(), None)
    yield Case("markup/tag-soup.html", b"<div>" * 20_000 + prose(rng).encode() + b"</div>" * 3, None)


def _names(rng: random.Random) -> Iterator[Case]:
    """File names that try to forge output lines or drive the terminal; the files themselves are fine."""
    for n, chars in enumerate(("\nskipped other.txt: forged", "\x1b[31mred", "\u202eevil", "[/]", "[bold]x",
                               "tab\there", "\x07bell")):
        yield Case(f"names/name{chars}-{n}.txt", prose(rng).encode("utf-8"), ARTICLE)


def _empty(rng: random.Random) -> Iterator[Case]:
    yield Case("empty/zero.txt", b"", "empty file")
    yield Case("empty/spaces.txt", b" \n\t\n", "empty file")
    yield Case("empty/bom-only.txt", b"\xef\xbb\xbf", None)
    yield Case("empty/nuls.txt", b"\x00" * 64, "not a text file")
    yield Case("empty/short.md", b"# Title\n\nOne line.", "too short")
    for n in range(4):
        yield Case(f"empty/punct-{n}.txt", bytes(rng.choice(b".,;:!?-") for _ in range(500)), None)


def _repeats(rng: random.Random) -> Iterator[Case]:
    line = prose(rng, sentences=1).splitlines()[1] + "\n"
    yield Case("repeat/one-line.txt", (line * 400).encode(), None)
    yield Case("repeat/long-line.txt", (prose(rng).strip() + " ").encode() * 300, None)
    yield Case("repeat/crlf.txt", prose(rng).replace("\n", "\r\n").encode() * 3, None)
    yield Case("repeat/cr-only.txt", prose(rng).replace("\n", "\r").encode(), ARTICLE)


def huge_cases() -> list[Case]:
    """The two inputs over the default limits; built on demand as they weigh a few megabytes."""
    rng = random.Random(7)
    text = prose(rng, sentences=3)
    over_parser = (text * (1_000_100 // len(text) + 1)).encode()
    page = b"<html><body>" + b"<p>" + text.encode() + b"</p>" * 1 + b"<div>x</div>" * 420_000 + b"</body></html>"
    return [Case("huge/over-parser.txt", over_parser, "too long to parse"),
            Case("huge/page.html", page, "page too large")]
