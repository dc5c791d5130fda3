"""A whole build of one story with warm models: seconds per stage, the outputs, and the total.

Run: .venv/bin/python bench/end_to_end.py [FOLDER] [--runs 5]

What a user waits for after the models are loaded: ingest, every stage, writing
JSON, Markdown and HTML, and saving to a fresh store. The first build loads the
models and is not counted; the sentence-vector cache is emptied before each
counted build. The figures are the best and the median of ``--runs`` later
builds in the same process, next to spaCy's own ``nlp.pipe`` on the same texts
(the parse every build needs).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from synopsis.backends import CachedEmbedder
from synopsis.config import Config
from synopsis.context import Context
from synopsis.ingest import load_articles
from synopsis.pipeline import Pipeline
from synopsis.render import write_outputs
from synopsis.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "riyadh-2025"


def timed_build(folder: Path, context: Context) -> dict[str, float]:
    """Seconds spent in ingest, in each stage, in writing the outputs and in the store, for one build."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    loaded = load_articles([folder], config=context.config)
    timings["ingest"] = time.perf_counter() - started
    last = time.perf_counter()

    def progress(name: str, done: int, total: int) -> None:
        nonlocal last
        if done < total:  # a stage under way: only its end is timed
            return
        now = time.perf_counter()
        timings[name] = now - last
        last = now

    dossier = Pipeline(context=context)(loaded.articles, loaded.rejected, progress=progress)
    with tempfile.TemporaryDirectory() as folder_out:
        out = Path(folder_out)
        last = time.perf_counter()
        write_outputs(dossier, out, ["json", "md", "html"])
        progress("render", 0, 0)
        with Store(out / "synopsis.duckdb") as db:
            db.save_dossier(dossier)
        progress("store", 0, 0)
    timings["total"] = time.perf_counter() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    context = Context(Config.load())
    timed_build(args.folder, context)  # loads the models; not counted
    runs: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.runs):
        if isinstance(context.embedder, CachedEmbedder):
            context.embedder.clear()  # every build embeds its sentences afresh
        for name, seconds in timed_build(args.folder, context).items():
            runs[name].append(seconds)
    texts = [a.text for a in load_articles([args.folder], config=context.config).articles]
    started = time.perf_counter()
    list(context.nlp.pipe(texts))
    spacy_s = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words; {args.runs} warm builds")
    print(f"  {'':<10} {'best':>6}   {'median':>6}")
    for name, seconds in runs.items():
        print(f"  {name:<10} {min(seconds):6.2f} s {statistics.median(seconds):6.2f} s")
    total = statistics.median(runs["total"])
    print(f"  spaCy nlp.pipe alone {spacy_s:.2f} s; median build/parse ratio {total / spacy_s:.1f}; "
          f"{words / total:,.0f} words/s end to end")


if __name__ == "__main__":
    main()
