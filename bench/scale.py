"""An archive at growing sizes: ingest, stories and build of 100, 300 and 1,000 articles, with ratios in one run.

Run: .venv/bin/python bench/scale.py [--sizes 100,300,1000] [--build-sizes 100,300] [--ray] [--json PATH]

The pool is every article of ../shared/benchmarks/stories (252, 28 stories) and of PolNeAR's train and dev
splits (924), shuffled once with a fixed seed; each size takes the first N. For each size, in one process:
``ingest`` (read, clean, store), ``stories`` (group the whole archive), and, for the build sizes, ``build
--all`` with the local executor (and with Ray on 2 local workers when ``--ray``), next to spaCy's own
``nlp.pipe`` over the same texts, the parse every build needs. Reported: seconds, words per second, each
step's ratio to the parse, the process's peak memory, and the exponent of time against size (a log-log
fit: 1 is linear).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.story_split import STORIES, stories  # noqa: E402
from synopsis.archive.stream import StoryJob, build_story_dossiers, find_stories, stories_articles  # noqa: E402
from synopsis.backends import load_executor  # noqa: E402
from synopsis.config import Config  # noqa: E402
from synopsis.context import Context  # noqa: E402
from synopsis.ingest import load_articles  # noqa: E402
from synopsis.store import Store  # noqa: E402

POLNEAR = STORIES.parent / "polnear"


def pool() -> list[Path]:
    """Every article file of the pool, shuffled with a fixed seed."""
    files = [p for folder in stories() for p in sorted((folder / "articles").iterdir()) if p.suffix != ".csv"]
    for split in ("train", "dev"):
        files += sorted((POLNEAR / split / "text").glob("*.txt"))
    random.Random(7).shuffle(files)
    return files


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(files: list[Path], build: bool, ray: bool, folder: Path) -> dict[str, Any]:
    """One size: seconds and words of each step."""
    config = Config.load(nlp__parse_cache=str(folder / "parses"))
    context = Context(config)
    clear = getattr(context.embedder, "clear", None)
    if clear is not None:
        clear()  # each size embeds its texts anew: the sizes share their first articles
    row: dict[str, Any] = {"articles": len(files)}
    with Store(folder / "s.duckdb") as db:
        started = time.perf_counter()
        loaded = load_articles(files, config=config)
        db.add_articles(loaded.articles)
        row["ingest_s"] = time.perf_counter() - started
        texts = [a.text for a in loaded.articles]
        row["words"] = sum(len(t.split()) for t in texts)
        started = time.perf_counter()
        found = find_stories(db, context)
        row["stories_s"] = time.perf_counter() - started
        row["stories"] = len(found)
        row["multi_outlet_stories"] = sum(
            len({a["outlet"] or a["source"] for a in s["articles"]}) > 1 for s in db.stories())
        jobs = [StoryJob(story_id, config.to_dict(), tuple(a.to_dict() for a in articles))
                for story_id, articles in stories_articles(db).items()]
    if build:
        nlp = context.nlp
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=int(config.get("nlp", "batch_size"))):
            pass
        row["parse_s"] = time.perf_counter() - started
        started = time.perf_counter()
        load_executor("local").map(build_story_dossiers, jobs)
        row["build_local_s"] = time.perf_counter() - started  # parses again: the cache starts empty
        if ray:
            started = time.perf_counter()
            load_executor("ray", workers=2).map(build_story_dossiers, jobs)
            row["build_ray_s"] = time.perf_counter() - started  # reads the parses the local build cached
    row["peak_mib"] = round(peak_mib())
    for key in [k for k in row if k.endswith("_s")]:
        row[key] = round(row[key], 2)
        row[key.replace("_s", "_words_per_s")] = round(row["words"] / max(row[key], 1e-9))
        if "parse_s" in row and key != "parse_s":
            row[key.replace("_s", "_to_parse")] = round(row[key] / row["parse_s"], 2)
    return row


def exponent(rows: list[dict[str, Any]], key: str) -> float | None:
    """The slope of log(seconds) against log(articles): 1 is linear growth."""
    points = [(math.log(r["articles"]), math.log(r[key])) for r in rows if r.get(key)]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)
    return round(slope, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--build-sizes", default="100,300")
    parser.add_argument("--ray", action="store_true", help="also build with Ray on 2 local workers")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    files = pool()
    builds = {int(n) for n in args.build_sizes.split(",") if n}
    rows = []
    for size in (int(n) for n in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            rows.append(measure(files[:size], size in builds, args.ray, Path(folder)))
        print(json.dumps(rows[-1]), flush=True)
    summary = {"rows": rows, "exponents": {k: exponent(rows, k) for k in
                                           ("ingest_s", "stories_s", "parse_s", "build_local_s", "build_ray_s")}}
    print(json.dumps(summary["exponents"]))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
