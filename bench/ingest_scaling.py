"""How ingest time grows with input size, and how fast inputs over the limits are refused.

Inputs are generated (made-up sentences, no article text): a text of one repeated line, a text of varied
lines, an HTML page of paragraphs, and a JSON record holding the same text. For each size, the best of
``--repeat`` runs of ``load_articles`` is printed with the ratio to the previous size: linear cost gives a
time ratio close to the size ratio. The limits are lifted for the scaling rows (``--sizes`` may go past
them, e.g. 10000000, to profile the furniture rules); a last row times the refusal of inputs over the
default limits, which must not depend on their size.

    .venv/bin/python bench/ingest_scaling.py [--sizes 100000,300000,1000000] [--repeat 1] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synopsis.config import Config  # noqa: E402
from synopsis.ingest import load_articles  # noqa: E402

SENTENCE = "The council said on day {n} that the new bridge would open to traffic after the last checks are done.\n"


def repeated(size: int) -> tuple[str, bytes]:
    line = SENTENCE.format(n=1)
    return "repeated.txt", ("Bridge news\n" + line * (size // len(line))).encode()


def varied(size: int) -> tuple[str, bytes]:
    lines = (SENTENCE.format(n=n) for n in range(size // len(SENTENCE) + 1))
    return "varied.txt", ("Bridge news\n" + "".join(lines))[:size].encode()


def page(size: int) -> tuple[str, bytes]:
    body = "".join(f"<p>{SENTENCE.format(n=n).strip()}</p>\n" for n in range(size // (len(SENTENCE) + 8) + 1))
    return "page.html", f"<html><head><title>Bridge news</title></head><body>{body}</body></html>".encode()


def record(size: int) -> tuple[str, bytes]:
    return "record.json", json.dumps({"text": varied(size)[1].decode(), "title": "Bridge news"}).encode()


SHAPES: dict[str, Callable[[int], tuple[str, bytes]]] = {
    "repeated line": repeated, "varied lines": varied, "html page": page, "json record": record,
}


def timed(name: str, data: bytes, config: Config, repeat: int, profile: bool) -> tuple[float, str]:
    """Best wall time of ``repeat`` loads of one input, and what became of it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        best = float("inf")
        outcome = ""
        for _ in range(repeat):
            profiler = cProfile.Profile() if profile else None
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            result = load_articles([path], config=config)
            if profiler:
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(12)
            best = min(best, time.perf_counter() - started)
            outcome = "article" if result.articles else f"refused: {result.rejected[0].reason[:60]}"
        return best, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,300000,1000000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile for each run")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    unlimited = Config.load(ingest__max_bytes=10**10, ingest__max_chars=10**10, ingest__max_page_size=10**10)
    load_articles([], config=unlimited)  # imports done before timing
    for shape, make in SHAPES.items():
        previous: tuple[int, float] | None = None
        for size in sizes:
            name, data = make(size)
            seconds, outcome = timed(name, data, unlimited, args.repeat, args.profile)
            ratio = f"x{seconds / previous[1]:.1f} time for x{size / previous[0]:.1f} size" if previous else ""
            print(f"{shape:14} {len(data):>10} bytes {seconds:8.2f} s  {seconds / len(data) * 1e6:6.1f} us/byte  "
                  f"{ratio:28} {outcome}")
            previous = (size, seconds)
    defaults = Config.load()
    for shape, make in SHAPES.items():
        name, data = make(12_000_000)
        seconds, outcome = timed(name, data, defaults, 1, False)
        print(f"{shape:14} {len(data):>10} bytes {seconds:8.2f} s  over the default limits: {outcome}")


if __name__ == "__main__":
    main()
