"""A whole build of one story with warm models: seconds per stage, and the total.

Run: .venv/bin/python bench/end_to_end.py [FOLDER] [--runs 3]

The first build loads the models and is not counted; the sentence-vector cache
is emptied before each counted build; the figures are the best of
``--runs`` later builds in the same process, next to spaCy's own ``nlp.pipe`` on
the same texts (the parse every build needs).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from synopsis.backends import CachedEmbedder
from synopsis.config import Config
from synopsis.context import Context
from synopsis.ingest import load_articles
from synopsis.pipeline import Pipeline

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "riyadh-2025"


def timed_build(folder: Path, context: Context) -> dict[str, float]:
    """Seconds spent in ingest and in each stage of one full build."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    loaded = load_articles([folder], config=context.config)
    timings["ingest"] = time.perf_counter() - started
    last = time.perf_counter()

    def progress(name: str, _index: int, _total: int) -> None:
        nonlocal last
        now = time.perf_counter()
        timings[name] = now - last
        last = now

    Pipeline(context=context)(loaded.articles, loaded.rejected, progress=progress)
    timings["total"] = time.perf_counter() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    context = Context(Config.load())
    timed_build(args.folder, context)  # loads the models; not counted
    best: dict[str, float] = defaultdict(lambda: float("inf"))
    for _ in range(args.runs):
        if isinstance(context.embedder, CachedEmbedder):
            context.embedder.clear()  # every build embeds its sentences afresh
        for name, seconds in timed_build(args.folder, context).items():
            best[name] = min(best[name], seconds)
    texts = [a.text for a in load_articles([args.folder], config=context.config).articles]
    started = time.perf_counter()
    list(context.nlp.pipe(texts))
    spacy_s = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words; best of {args.runs} warm builds")
    for name, seconds in best.items():
        print(f"  {name:<10} {seconds:6.2f} s")
    print(f"  spaCy nlp.pipe alone {spacy_s:.2f} s; build/parse ratio {best['total'] / spacy_s:.1f}")


if __name__ == "__main__":
    main()
