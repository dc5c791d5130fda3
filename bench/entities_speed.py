"""Cost of the entities stage next to the parse it depends on, on the sample repeated.

Run: .venv/bin/python bench/entities_speed.py [--copies 20] [--repeat 3]

The sample's articles are copied ``copies`` times with distinct ids (about 120k
words at 20 copies), annotated once with spaCy's ``nlp.pipe`` (timed: the
reference), then resolved by the entities stage (timed, best of ``repeat``).
The target is a stage time of at most 10% of the annotate time. Peak traced
memory of one stage run is reported through tracemalloc.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
import tracemalloc
from pathlib import Path

from synopsis.config import Config
from synopsis.context import Context
from synopsis.entities.stage import make
from synopsis.ingest import load_articles
from synopsis.models import Dossier
from synopsis.pipeline import Pipeline

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "riyadh-2025"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    context = Context(Config.load())
    loaded = load_articles([SAMPLE], config=context.config)
    articles = [
        dataclasses.replace(article, id=f"c{copy}-{article.id}", outlet=f"{article.outlet}#{copy}")
        for copy in range(args.copies)
        for article in loaded.articles
    ]
    words = sum(len(a.text.split()) for a in articles)
    context.nlp  # load the model outside the timings  # noqa: B018

    started = time.perf_counter()
    corpus = Pipeline(["annotate"], context=context)(articles)
    annotate_s = time.perf_counter() - started

    stage = make(context)
    timings = []
    result: Dossier = corpus
    for _ in range(args.repeat):
        started = time.perf_counter()
        result = stage(corpus)
        timings.append(time.perf_counter() - started)
    entities_s = min(timings)

    tracemalloc.start()
    stage(corpus)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    entities = result.entities or ()
    people = sum(1 for e in entities if e.type == "PERSON")
    print(f"articles: {len(articles)}  words: {words}")
    print(f"annotate (nlp.pipe): {annotate_s:8.2f} s  {words / annotate_s:10.0f} words/s")
    print(f"entities stage:      {entities_s:8.2f} s  {words / entities_s:10.0f} words/s  (best of {args.repeat})")
    print(f"stage / annotate:    {entities_s / annotate_s:8.1%}  (target <= 10%)")
    print(f"stage peak traced memory: {peak / 2**20:.1f} MiB")
    print(f"entities: {len(entities)}  people: {people}")


if __name__ == "__main__":
    main()
