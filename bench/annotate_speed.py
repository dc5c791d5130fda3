"""Ingest + annotate throughput on the sample story repeated, next to spaCy's own nlp.pipe.

Run: .venv/bin/python bench/annotate_speed.py [--copies 20]

Both runs happen in this process on the same texts with the same loaded model,
so the ratio ours/spaCy is the overhead synopsis adds around the parse. Peak
memory is the process's resident high-water mark after each run. The scaling
table repeats the measurement at growing sizes to show how cost grows.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from synopsis.config import Config
from synopsis.context import Context
from synopsis.ingest import load_articles
from synopsis.pipeline import Pipeline

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "riyadh-2025"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_copies(folder: Path, copies: int) -> None:
    """``copies`` copies of every sample file, each made distinct by a numbered first line."""
    for index in range(copies):
        for source in sorted(SAMPLE.glob("*.txt")):
            text = source.read_text(encoding="utf-8")
            (folder / f"{index:03d}_{source.name}").write_text(text, encoding="utf-8")


def measure(copies: int, context: Context) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="synopsis-bench-"))
    try:
        make_copies(folder, copies)
        nlp = context.nlp
        batch = context.config.get("nlp", "batch_size")

        started = time.perf_counter()
        loaded = load_articles([folder], config=context.config)
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        corpus = Pipeline(["annotate"], context=context)(loaded.articles, loaded.rejected)
        ours_s = ingest_s + time.perf_counter() - started
        ours_peak = peak_mib()

        texts = [a.text for a in loaded.articles]
        words = sum(len(t.split()) for t in texts)
        started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=batch):
            pass
        spacy_s = time.perf_counter() - started
        assert len(corpus.articles) == len(texts)
        return {
            "articles": len(texts), "words": words, "ingest_s": ingest_s, "ours_s": ours_s,
            "spacy_s": spacy_s, "ours_wps": words / ours_s, "spacy_wps": words / spacy_s,
            "ratio": (words / ours_s) / (words / spacy_s), "peak_mib": ours_peak,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    context = Context(Config.load(nlp__model=args.model))
    list(context.nlp.pipe(["Warm up the model once before timing."]))  # load outside the timed region
    sizes = sorted({max(1, args.copies // 4), max(1, args.copies // 2), args.copies})
    print(f"model: {context.config.get('nlp', 'model')}")
    print(f"{'copies':>6} {'articles':>8} {'words':>8} {'ingest s':>9} {'ours w/s':>9} "
          f"{'spaCy w/s':>9} {'ours/spaCy':>10} {'peak MiB':>9}")
    for copies in sizes:
        r = measure(copies, context)
        print(f"{copies:>6} {r['articles']:>8} {r['words']:>8} {r['ingest_s']:>9.2f} {r['ours_wps']:>9.0f} "
              f"{r['spacy_wps']:>9.0f} {r['ratio']:>10.2f} {r['peak_mib']:>9.0f}")


if __name__ == "__main__":
    main()
