"""A whole build of one story with warm models: seconds per stage, the outputs, and the total.

Run: .venv/bin/python bench/end_to_end.py [FOLDER...] [--runs 5] [--tune]

Several folders (or ``--tune``: every story of the tune half of ../shared/benchmarks/stories) are built
as separate dossiers, one after the other, and their times summed per stage.

What a user waits for after the models are loaded: ingest, every stage, writing
JSON, Markdown and HTML, and saving to a fresh store. The first build loads the
models and is not counted; the sentence-vector cache is emptied before each
counted build. The figures are the best and the median of ``--runs`` later
builds in the same process, next to spaCy's own ``nlp.pipe`` on the same texts
(the parse every build needs), timed before and after the builds. "cpu" is the
process's CPU time (all threads): on a shared machine it moves less than wall time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
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
    cpu = time.process_time()
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
    timings["total cpu"] = time.process_time() - cpu
    return timings


def parse_alone(texts: list[str], context: Context) -> tuple[float, float]:
    """Wall and CPU seconds of spaCy's ``nlp.pipe`` over ``texts``, nothing else."""
    cpu, started = time.process_time(), time.perf_counter()
    for _doc in context.nlp.pipe(texts):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tune", action="store_true", help="every story of the tune half, one dossier each")
    args = parser.parse_args()
    folders: list[Path] = list(args.folders)
    if args.tune:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from story_split import stories

        folders += [story / "articles" for story in stories("tune")]
    folders = folders or [SAMPLE]
    context = Context(Config.load())
    texts = [a.text for folder in folders for a in load_articles([folder], config=context.config).articles]
    for folder in folders:
        timed_build(folder, context)  # loads the models and warms every cache but the vectors; not counted
    parse_runs = [parse_alone(texts, context)]
    runs: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.runs):
        build: dict[str, float] = defaultdict(float)
        for folder in folders:
            if isinstance(context.embedder, CachedEmbedder):
                context.embedder.clear()  # every build embeds its sentences afresh
            for name, seconds in timed_build(folder, context).items():
                build[name] += seconds
        for name, seconds in build.items():
            runs[name].append(seconds)
    parse_runs.append(parse_alone(texts, context))
    words = sum(len(t.split()) for t in texts)
    print(f"{len(folders)} dossiers, {len(texts)} articles, {words} words; {args.runs} warm builds")
    print(f"  {'':<10} {'best':>6}   {'median':>6}")
    for name, all_runs in runs.items():
        print(f"  {name:<10} {min(all_runs):6.2f} s {statistics.median(all_runs):6.2f} s")
    spacy_s = min(wall for wall, _ in parse_runs)
    spacy_cpu = min(cpu for _, cpu in parse_runs)
    total = statistics.median(runs["total"])
    total_cpu = statistics.median(runs["total cpu"])
    print(f"  spaCy nlp.pipe alone {spacy_s:.2f} s ({spacy_cpu:.2f} s cpu); median build/parse ratio "
          f"{total / spacy_s:.2f} wall, {total_cpu / spacy_cpu:.2f} cpu; {words / total:,.0f} words/s end to end")


if __name__ == "__main__":
    main()
