"""Stories found among PolNeAR's train and dev articles (7 US outlets, 2016 election coverage).

Run: .venv/bin/python bench/polnear_stories.py [--show 20] [--seed 3] [--json PATH]

The 924 articles are read with their metadata (publisher as the outlet, date, title) and grouped as
``synopsis stories`` groups an archive. Printed: how many stories, how many of them are told by more than one
outlet, and ``--show`` of those multi-outlet stories drawn with a fixed seed, each with its articles' outlets,
dates and titles, to be read by a person (the corpus has no story gold).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.story_split import STORIES  # noqa: E402
from synopsis.archive.grouping import group_stories  # noqa: E402
from synopsis.config import Config  # noqa: E402
from synopsis.context import Context  # noqa: E402
from synopsis.models import Article  # noqa: E402

POLNEAR = STORIES.parent / "polnear"


def articles() -> list[Article]:
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as handle:
        meta = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    found = []
    for split in ("train", "dev"):
        for path in sorted((POLNEAR / split / "text").glob("*.txt")):
            row = meta.get(path.stem, {})
            text = path.read_text(encoding="utf-8")
            found.append(Article(
                id=f"a{len(found) + 1}", text=text, source=str(path), outlet=row.get("publisher"),
                title=row.get("title"), published=row.get("publication_date") or None,
                content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(), word_count=len(text.split()),
            ))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=20)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    pool = articles()
    context = Context(Config.load())
    section = context.config.section("stories")
    found = group_stories(pool, context.embedder, section["grouping_threshold"], section["max_story_days"])
    by_id = {a.id: a for a in pool}
    multi = [s for s in found if len({by_id[i].outlet for i in s.article_ids}) > 1]
    print(f"{len(pool)} articles, {len(found)} stories, {len(multi)} told by more than one outlet "
          f"({sum(len(s.article_ids) for s in multi)} articles in them)")
    shown = random.Random(args.seed).sample(multi, min(args.show, len(multi)))
    for story in shown:
        print(f"\n{story.id}  {story.title}")
        for article_id in story.article_ids:
            article = by_id[article_id]
            print(f"    {article.published}  {article.outlet:<10}  {article.title}")
    if args.json:
        args.json.write_text(json.dumps({
            "articles": len(pool), "stories": len(found), "multi_outlet": len(multi),
            "shown": [{"id": s.id, "articles": [by_id[i].source.rsplit("/", 1)[-1] for i in s.article_ids]}
                      for s in shown],
        }, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
