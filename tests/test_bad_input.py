"""Each bad input becomes exactly one rejection with a plain reason, and the good files still load."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from synopsis.config import Config
from synopsis.errors import ConfigError
from synopsis.ingest import LoadResult, load_articles

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
