"""Each bad input becomes exactly one rejection with a plain reason, and the good files still load."""

from __future__ import annotations

import http.server
import io
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from synopsis.config import Config
from synopsis.errors import ConfigError
from synopsis.ingest import LoadResult, load_articles
from synopsis.models import Article

ENGLISH = (
    "The school board met late on Monday and agreed to keep the library open on weekends, after parents and "
    "teachers asked for more time to study. The board said it would pay for the extra hours from savings, "
    "and that it would look again at the plan in the spring when the new budget is ready.\n"
)
GERMAN = (
    "Der Stadtrat hat am Montag beschlossen, die alte Brücke am Hafen für sechs Monate zu sperren. Ingenieure "
    "hatten Risse in zwei Pfeilern gefunden. Der Verkehr wird über die nördliche Brücke umgeleitet, und die "
    "Arbeiten sollen noch vor dem Winter beginnen, teilte die Bürgermeisterin in einer Erklärung mit.\n"
)


def _load(*paths: Path, config: Config | None = None) -> LoadResult:
    return load_articles(list(paths), config=config or Config.load())


def _good(tmp_path: Path) -> Path:
    good = tmp_path / "good.txt"
    good.write_text("Library to open on weekends\n" + ENGLISH, encoding="utf-8")
    return good


def _one_rejection(result: LoadResult, path: Path | str) -> str:
    """The single reason given for ``path``; the good file must have loaded beside it."""
    reasons = [r.reason for r in result.rejected if r.source == str(path)]
    assert len(reasons) == 1, result.rejected
    assert [Path(a.source).name for a in result.articles] == ["good.txt"]
    return reasons[0]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t \n", "empty file"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a text file (looks like a PNG image)"),
        ("noise.txt", bytes(range(256)) * 8, "not a text file (looks like binary data)"),
        ("short.txt", b"Just a headline\nand one line.", "too short to be an article"),
        ("german.txt", GERMAN.encode(), "not English"),
        ("broken.json", b'{"text": "unterminated', "not valid JSON"),
        ("record.json", b'{"title": "no body here"}', "no 'text' or 'html'"),
        ("chrome.html", b"<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>",
         "no text left after removing page furniture"),
    ],
)
def test_each_bad_file_gets_one_clear_reason(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    reason = _one_rejection(_load(bad, _good(tmp_path)), bad)
    assert expected in reason


def test_missing_path_and_folder_without_articles(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "image.png").write_bytes(b"\x89PNG\r\n")
    result = _load(missing, folder, _good(tmp_path))
    assert _one_rejection(result, missing) == "no such file or folder"
    assert "folder has no article files" in _one_rejection(result, folder)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="file permissions do not bind this user")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(ENGLISH)
    locked.chmod(0)
    try:
        assert "cannot read" in _one_rejection(_load(locked, _good(tmp_path)), locked)
    finally:
        locked.chmod(0o644)


def test_oversized_text_is_rejected_with_the_limit(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text("Library hours\n" + ENGLISH * 20_000, encoding="utf-8")  # about 5.8 MB
    reason = _one_rejection(_load(huge, _good(tmp_path)), huge)
    assert reason.startswith("too large") and "ingest.max_bytes" in reason
    small_limit = Config.load(ingest__max_bytes=1_000)
    assert "too large" in _one_rejection(_load(tmp_path / "huge.txt", _good(tmp_path), config=small_limit), huge)


def test_legacy_encodings_and_bom_are_decoded(tmp_path: Path) -> None:
    text = "Café owners said the new “weekend” hours suit them well. " + ENGLISH
    (tmp_path / "latin.txt").write_bytes(("Café hours\n" + ENGLISH.replace("board", "café board")).encode("latin-1"))
    (tmp_path / "windows.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))
    result = _load(tmp_path)
    assert result.rejected == ()
    by_name = {Path(a.source).name: a for a in result.articles}
    assert "café board" in by_name["latin.txt"].text
    for name in ("windows.txt", "bom.txt", "wide.txt"):
        assert by_name[name].text.startswith("Café owners said the new “weekend” hours"), name


def test_html_scripts_never_reach_the_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><script>window.secretTracker = 'do-not-show';</script><style>p { color: red }</style></head>"
        f"<body><p>{ENGLISH}</p><script>document.write('also-hidden')</script></body></html>",
        encoding="utf-8",
    )
    (article,) = _load(page).articles
    for hidden in ("secretTracker", "do-not-show", "also-hidden", "color: red"):
        assert hidden not in article.text
    assert "The school board met late on Monday" in article.text


def test_stdin_and_url_list_problems_are_rejections(tmp_path: Path) -> None:
    result = load_articles(["-", str(_good(tmp_path))], stdin=io.StringIO("   \n"),
                           urls_file=tmp_path / "no-urls.txt")
    assert {r.source: r.reason for r in result.rejected} == {
        "<stdin>": "standard input is empty",
        str(tmp_path / "no-urls.txt"): "cannot read the URL list (No such file or directory)",
    }
    assert len(result.articles) == 1


def test_bad_jsonl_line_leaves_the_other_records(tmp_path: Path) -> None:
    records = tmp_path / "batch.jsonl"
    records.write_text(json.dumps({"text": ENGLISH}) + "\nnot json\n[1, 2]\n", encoding="utf-8")
    result = _load(records)
    assert [a.source for a in result.articles] == [f"{records}#1"]
    reasons = {r.source: r.reason for r in result.rejected}
    assert reasons[f"{records}#2"].startswith("not valid JSON")
    assert reasons[f"{records}#3"].startswith("JSON record is not an object")


def test_a_date_option_that_is_no_date_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        load_articles([_good(tmp_path)], date="next tuesday")


# --- issue 15: each hostile case of the campaign, by name -------------------------------------------------


def test_text_over_the_parser_limit_is_one_line_not_a_crash(tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_text("Library hours\n" + ENGLISH * 3_600, encoding="utf-8")  # about 1.04 million characters
    reason = _one_rejection(_load(long, _good(tmp_path)), long)
    assert reason.startswith("too long to parse") and "ingest.max_chars" in reason


def test_page_over_the_limit_is_refused_before_extraction(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body><div><p>" + ENGLISH.encode() + b"</p></div>" * 120_000 + b"</body></html>")  # 1.2 MB
    started = time.monotonic()
    reason = _one_rejection(_load(page, _good(tmp_path), config=Config.load(ingest__max_page_size=1_000_000)), page)
    assert time.monotonic() - started < 10
    assert reason.startswith("page too large") and "ingest.max_page_size" in reason


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_deeply_nested_json_is_one_rejection(tmp_path: Path, suffix: str) -> None:
    deep = tmp_path / f"deep{suffix}"
    deep.write_bytes(b"[" * 50_000 + b"]" * 50_000 + b"\n")
    source = f"{deep}#1" if suffix == ".jsonl" else deep
    assert "nested too deeply" in _one_rejection(_load(deep, _good(tmp_path)), source)


def test_stdin_that_is_not_utf8_is_decoded_and_the_files_still_load(tmp_path: Path) -> None:
    raw = ("Café hours\nThe café board said Señor Muñoz agreed. " + ENGLISH).encode("latin-1")
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    result = load_articles(["-", str(_good(tmp_path))], stdin=stdin)
    assert result.rejected == ()
    piped = next(a for a in result.articles if a.source == "<stdin>")
    assert "Señor Muñoz" in piped.text
    assert dict(result.decoding)["<stdin>"].startswith("cp1252")


def _in_thread(call: Callable[[], LoadResult], seconds: float) -> LoadResult:
    """``call`` run with a time limit, so that a hang fails the test instead of the suite."""
    box: list[LoadResult] = []
    worker = threading.Thread(target=lambda: box.append(call()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert box, f"still running after {seconds} s"
    return box[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_and_symlink_loops_are_skipped_with_one_line_each(tmp_path: Path) -> None:
    given = tmp_path / "given.fifo"
    os.mkfifo(given)
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "good.txt").write_text("Library to open on weekends\n" + ENGLISH, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "up").symlink_to(folder)  # a folder link back up the tree
    result = _in_thread(lambda: _load(given, folder), 30)
    reasons = {r.source: r.reason for r in result.rejected}
    assert len(result.rejected) == 4, result.rejected
    assert "FIFO" in reasons[str(given)] and "FIFO" in reasons[str(folder / "pipe.txt")]
    assert "loops" in reasons[str(folder / "loop.txt")]
    assert "to nothing" in reasons[str(folder / "gone.txt")]
    assert [Path(a.source).name for a in result.articles] == ["good.txt"]


def test_utf8_with_a_few_bad_bytes_stays_utf8_and_is_reported(tmp_path: Path) -> None:
    text = "Library hours\nParents said the board’s “weekend” plan suits them. " + ENGLISH
    data = text.encode("utf-8")
    cut = data.index(b" plan")
    (tmp_path / "mixed.txt").write_bytes(data[:cut] + b"\xff\xfe" + data[cut:])
    result = _load(tmp_path / "mixed.txt")
    (article,) = result.articles
    assert "the board’s “weekend”" in article.text and "‚Äô" not in article.text
    assert any("mixed.txt: 2 byte sequence(s)" in w for w in result.warnings)
    assert "2 invalid" in dict(result.decoding)[str(tmp_path / "mixed.txt")]


def test_latin1_uses_the_western_code_page_and_bomless_utf16_is_text(tmp_path: Path) -> None:
    text = "Señor Muñoz said the façade in Zürich would be rebuilt. " + ENGLISH
    (tmp_path / "latin.txt").write_bytes(("Harbour news\n" + text).encode("latin-1"))
    (tmp_path / "le.txt").write_bytes(("Harbour news\n" + text).encode("utf-16-le"))
    (tmp_path / "be.txt").write_bytes(("Harbour news\n" + text).encode("utf-16-be"))
    result = _load(tmp_path)
    assert result.rejected == ()
    for article in result.articles:
        assert "Señor Muñoz said the façade in Zürich" in article.text, article.source
    decided = dict(result.decoding)
    assert "utf-16-le" in decided[str(tmp_path / "le.txt")] and "utf-16-be" in decided[str(tmp_path / "be.txt")]
    recorded = {Path(a.source).name: a.decoding for a in result.articles}
    assert "utf-16-le" in (recorded["le.txt"] or "") and recorded["latin.txt"], "the article's record keeps it"
    assert Article.from_dict(result.articles[0].to_dict()).decoding == result.articles[0].decoding


def _story_with_sidecar(tmp_path: Path, sidecar: str) -> tuple[LoadResult, Path]:
    story = tmp_path / "story"
    story.mkdir(parents=True)
    for name in ("a.txt", "b.txt", "c.txt"):
        (story / name).write_text("Library to open on weekends\n" + ENGLISH, encoding="utf-8")
    (story / "sources.csv").write_text(sidecar, encoding="utf-8")
    return _load(story), story / "sources.csv"


def test_sidecar_with_an_unclosed_quote_is_an_error_naming_the_line(tmp_path: Path) -> None:
    result, sidecar = _story_with_sidecar(
        tmp_path, 'file,outlet\na.txt,"Daily Example\nb.txt,Other Paper\nc.txt,Third Paper\n'
    )
    reasons = [r.reason for r in result.rejected if r.source == str(sidecar)]
    assert len(reasons) == 1 and reasons[0].startswith("line 2: a quote opened on this line is not closed")
    assert not {"Daily Example", "Other Paper"} & {a.outlet for a in result.articles}  # no row is trusted
    assert len(result.articles) == 3


def test_sidecar_cell_over_the_limit_and_duplicate_rows(tmp_path: Path) -> None:
    result, sidecar = _story_with_sidecar(tmp_path, "file,outlet\na.txt," + "x" * 200_000 + "\n")
    assert [r.reason for r in result.rejected] == [
        "line 2: a cell is over 4000 characters (ingest.max_sidecar_cell); a sidecar cell holds a file name, "
        "outlet, date or URL"
    ]
    result, sidecar = _story_with_sidecar(tmp_path / "again", "file,outlet\na.txt,First\nb.txt,Second\na.txt,Later\n")
    assert [(r.source, r.reason) for r in result.rejected] == [
        (f"{sidecar}:4", "repeats the row for 'a.txt' of line 2; the first row is used")
    ]
    assert {a.outlet for a in result.articles} >= {"First", "Second"}
    result, sidecar = _story_with_sidecar(tmp_path / "typo", "file,outlet\na.txt,First\nmissing.txt,Second\n")
    assert f"{sidecar}: no file named missing.txt in the folder; check the file column" in result.warnings


class _HostileSite(http.server.BaseHTTPRequestHandler):
    """A local server that misbehaves on purpose: bad redirects, endless bodies, a byte at a time."""

    def do_GET(self) -> None:
        if self.path == "/story":
            self._page(f"<html><body><article><p>{ENGLISH}</p></article></body></html>".encode())
        elif self.path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/article.html")
        elif self.path.startswith("/hop/"):
            self._redirect(f"/hop/{int(self.path.rsplit('/', 1)[1]) + 1}")
        elif self.path in ("/drip", "/endless"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk, pause = (b"<", 0.2) if self.path == "/drip" else (b"<p>word</p>" * 6_000, 0.0)
            try:
                for _ in range(10_000):
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    time.sleep(pause)
            except OSError:
                return

    def _page(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def hostile_site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HostileSite)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_policy_holds_at_every_hop(hostile_site: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(f"{hostile_site}{p}" for p in ("/story", "/to-ftp", "/hop/0", "/drip", "/endless")))
    config = Config.load(ingest__fetch_timeout=2, ingest__max_page_size=100_000, ingest__fetch_max_redirects=3)
    started = time.monotonic()
    result = load_articles([], config=config, urls_file=urls)
    assert time.monotonic() - started < 8  # the drip alone would run 2000 s against a per-read timeout
    assert [a.source for a in result.articles] == [f"{hostile_site}/story"]
    reasons = {r.source.removeprefix(hostile_site): r.reason for r in result.rejected}
    assert reasons["/to-ftp"] == "not fetched (redirected to a ftp URL; only http(s) is followed)"
    assert reasons["/hop/0"] == "not fetched (more than 3 redirects (ingest.fetch_max_redirects))"
    assert reasons["/drip"].startswith("cannot fetch (no complete answer within 2 s")
    assert reasons["/endless"].startswith("page too large (over 100000 bytes")


def test_fetch_can_refuse_private_and_loopback_addresses(hostile_site: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{hostile_site}/story\n")
    result = load_articles([], config=Config.load(ingest__fetch_private=False), urls_file=urls)
    assert result.articles == ()
    (rejected,) = result.rejected
    assert "private or loopback address" in rejected.reason


def test_articles_given_to_the_api_are_held_to_the_parser_limit() -> None:
    from synopsis import build_dossier
    from synopsis.errors import NoUsableInputError
    from synopsis.models import Article

    huge = Article(id="a1", text="word " * 250_000, source="made.txt")  # 1.25 million characters
    with pytest.raises(NoUsableInputError, match="too long to parse"):
        build_dossier([huge])
