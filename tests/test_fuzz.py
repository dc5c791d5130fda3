"""Hostile input never takes the batch down: a generated corpus in one batch, and property tests on each reader.

Every case promises the same three things: no exception escapes ingest, a rejected input gets exactly one
line, and the good articles given beside it are all built. The corpus also checks what each family must
become (an article with its characters decoded right, or the one reason that names its problem). A longer
run of the same properties lives in bench/fuzz_long.py.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from synopsis.cli import BIDI, CONTROLS, safe
from synopsis.config import Config
from synopsis.ingest import LoadResult, load_articles
from synopsis.ingest.read import decode_bytes

from .fixtures_hostile import ARTICLE, corpus, huge_cases, prose

CONFIG = Config.load()
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def _with_good(folder: Path, count: int = 2) -> list[Path]:
    """Good articles beside the hostile input: they must all be built, whatever the hostile one does."""
    rng = random.Random(11)
    good = []
    for n in range(count):
        path = folder / "good" / f"good-{n}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(prose(rng, sentences=8), encoding="utf-8")
        good.append(path)
    return good


def _by_source(result: LoadResult, path: Path) -> tuple[list[str], list[str]]:
    """The article texts and rejection reasons that came from ``path`` (its records count as it)."""
    def mine(source: str) -> bool:
        return source == str(path) or source.startswith(f"{path}#")

    return ([a.text for a in result.articles if mine(a.source)], [r.reason for r in result.rejected if mine(r.source)])


def _assert_batch_survives(result: LoadResult, good: list[Path]) -> None:
    assert {str(p) for p in good} <= {a.source for a in result.articles}, result.rejected
    repeated = [source for source, n in Counter(r.source for r in result.rejected).items() if n > 1]
    assert not repeated, f"more than one line for {repeated}"
    assert all(r.reason and "\n" not in r.reason for r in result.rejected)


def test_hostile_corpus_in_one_batch(tmp_path: Path) -> None:
    check_corpus(tmp_path, seed=0)


def check_corpus(tmp_path: Path, seed: int) -> None:
    """The corpus of ``seed`` loaded as one batch, each case checked against what it must become."""
    cases = corpus(seed)
    assert len(cases) >= 200
    for case in cases:
        path = tmp_path / "corpus" / case.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.data)
    good = _with_good(tmp_path / "corpus")
    result = load_articles([tmp_path / "corpus"], config=CONFIG)
    _assert_batch_survives(result, good)
    wrong = []
    for case in cases:
        texts, reasons = _by_source(result, tmp_path / "corpus" / case.name)
        if case.expect == ARTICLE:
            ok = len(texts) == 1 and not reasons and (case.contains is None or case.contains in texts[0])
        elif case.expect is None:
            ok = len(texts) + len(reasons) >= 1 or case.name.endswith(".jsonl")
        else:
            ok = not texts and len(reasons) == 1 and case.expect in reasons[0]
        if not ok:
            wrong.append((case.name, case.expect, reasons, [t[:60] for t in texts]))
    assert not wrong
    replaced = [w for w in result.warnings if "replaced by U+FFFD" in w]
    assert len(replaced) == sum(case.name.startswith("utf8bad/") for case in cases)
    decided = dict(result.decoding)
    assert "utf-16-le" in decided[str(tmp_path / "corpus" / "enc" / "utf16le-0.txt")]
    assert decided[str(tmp_path / "corpus" / "enc" / "latin1-0.txt")].startswith("cp1252")


def test_inputs_over_the_limits_are_refused_before_any_costly_step(tmp_path: Path) -> None:
    paths = []
    for case in huge_cases():
        path = tmp_path / case.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.data)
        paths.append((path, case.expect))
    good = _with_good(tmp_path)
    started = time.monotonic()
    result = load_articles([*(p for p, _ in paths), *good], config=CONFIG)
    assert time.monotonic() - started < 20  # furniture removal alone would take minutes on these
    _assert_batch_survives(result, good)
    for path, expect in paths:
        texts, reasons = _by_source(result, path)
        assert not texts and len(reasons) == 1 and str(expect) in reasons[0]


def _one_file(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        good = _with_good(root)
        path = root / name
        path.write_bytes(data)
        result = load_articles([path, *good], config=CONFIG)
        _assert_batch_survives(result, good)
        texts, reasons = _by_source(result, path)
        assert texts or reasons  # every input is accounted for


def any_bytes_under_any_name(data: bytes, suffix: str) -> None:
    _one_file("input" + suffix, data)


def html_made_of_markup_fragments(text: str) -> None:
    _one_file("page.html", text.encode("utf-8"))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["text", "html", "title", "url",
                                                                                   "outlet", "published", "x"]),
                                                                  inner, max_size=4),
    max_leaves=20,
)


def any_json_shape(value: object, lines: bool) -> None:
    encoded = json.dumps(value)
    _one_file("records.jsonl" if lines else "records.json", (encoded + "\n" + encoded if lines else encoded).encode())


def any_sources_csv(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        good = _with_good(root)
        (root / "good" / "sources.csv").write_text("file,outlet\n" + text, encoding="utf-8")
        result = load_articles(good, config=CONFIG)
        _assert_batch_survives(result, good)
        whole = [r for r in result.rejected if r.source.endswith("sources.csv")]
        assert len(whole) <= 1


def decoding_never_raises_and_keeps_valid_utf8(data: bytes) -> None:
    decoded = decode_bytes(data)
    try:
        plain = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and decoded is not None and decoded.encoding == "utf-8":
        assert decoded.text == plain.removeprefix("\ufeff")


def safe_text_is_one_line_with_nothing_a_terminal_acts_on(text: str) -> None:
    shown = safe(text)
    assert not CONTROLS.search(shown) and not BIDI.search(shown) and "\n" not in shown


# Each property with the strategies that feed it; bench/fuzz_long.py runs the same with more examples.
PROPERTIES: dict[str, tuple[Callable[..., None], dict[str, SearchStrategy[Any]]]] = {
    "any_bytes_under_any_name": (any_bytes_under_any_name, {
        "data": st.binary(max_size=3000),
        "suffix": st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".xyz"])}),
    "html_made_of_markup_fragments": (html_made_of_markup_fragments, {
        "text": st.text(alphabet=st.sampled_from(list("<>/=\"' abcpdivhtml!-\n&;#[]\x1b\u202e")), max_size=2000)}),
    "any_json_shape": (any_json_shape, {"value": JSON_VALUES, "lines": st.booleans()}),
    "any_sources_csv": (any_sources_csv, {
        "text": st.text(alphabet=st.sampled_from(list('abc,"\n\r\t ;file,outlet.txt\x00é')), max_size=600)}),
    "decoding_never_raises_and_keeps_valid_utf8": (decoding_never_raises_and_keeps_valid_utf8, {
        "data": st.binary(max_size=4000)}),
    "safe_text_is_one_line_with_nothing_a_terminal_acts_on": (safe_text_is_one_line_with_nothing_a_terminal_acts_on, {
        "text": st.text()}),
}


def _property_test(name: str) -> Callable[[], None]:
    check, strategies = PROPERTIES[name]
    return FAST(given(**strategies)(check))  # type: ignore[no-any-return]


test_any_bytes_under_any_name = _property_test("any_bytes_under_any_name")
test_html_made_of_markup_fragments = _property_test("html_made_of_markup_fragments")
test_any_json_shape = _property_test("any_json_shape")
test_any_sources_csv = _property_test("any_sources_csv")
test_decoding_never_raises_and_keeps_valid_utf8 = _property_test("decoding_never_raises_and_keeps_valid_utf8")
test_safe_text_is_one_line = _property_test("safe_text_is_one_line_with_nothing_a_terminal_acts_on")
