"""Score the timeline of the stories benchmark against events judged by hand, and list events to judge.

Why: the sample story's gold is one story; dates on new stories go wrong in ways it never shows (a comparison
year taken for the event's, a past month put in the future). A judged file
(bench/data/timeline_judged_<half>.json) holds events of the stories as a careful reader dates them: each item
points into ../shared/benchmarks/stories/<story>/articles/<file> by the character offsets of the date's words
(with those words, to check), and gives the right ``date`` (ISO, as the timeline writes it), ``granularity``
(day | month | year | range) and ``tense`` (past: it happened by the day of writing; planned: still to come),
or ``date: null`` when the words date no event of the story (a figure's year of comparison, a name).

Scoring builds each story's timeline as ``synopsis build`` does (ingest, parse through the shared parse cache,
the timeline stage) and finds the dated event whose date words overlap the item's. Three accuracies over all
items: date, granularity, tense; an event judged null is right when the timeline dates nothing there, and an
event the timeline lost is wrong on all three. Items on a line the story's gold lists as page furniture are not
scored (a build that removes the line is right).

    .venv/bin/python bench/timeline_judged.py [--judged bench/data/timeline_judged_tune.json] [--verbose]
    .venv/bin/python bench/timeline_judged.py --list --half tune           # every event, to judge
    .venv/bin/python bench/timeline_judged.py --list --half check --sample 60 --seed 12
"""

from __future__ import annotations

import argparse
import difflib
import functools
import json
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make bench.story_split importable
    sys.path.insert(0, str(ROOT))

from bench.story_split import STORIES, stories  # noqa: E402
from synopsis.context import Context  # noqa: E402

DATA = ROOT / "bench" / "data"
MEASURES = ("date", "granularity", "tense")


@dataclass(frozen=True)
class Placed:
    """One dated event as the timeline gives it, its date words located in the article's file."""

    file: str
    start: int  # offsets into the file under ../shared (None-free: events on removed lines cannot exist)
    end: int
    words: str
    date: str
    granularity: str
    tense: str
    published: str | None
    sentence: str


def tense_of(status: str) -> str:
    """The timeline's status as a reader's tense: a plan is still to come; news and background happened."""
    return "planned" if status == "planned" else "past"


def _to_file(raw: str, text: str) -> list[tuple[int, int, int]]:
    """Blocks (text offset, file offset, length) the cleaned text shares with its file, in order."""
    matcher = difflib.SequenceMatcher(None, text, raw, autojunk=False)
    return [(b.a, b.b, b.size) for b in matcher.get_matching_blocks() if b.size]


def _mapped(blocks: Sequence[tuple[int, int, int]], at: int, forward: bool = True) -> int | None:
    for text_at, file_at, size in blocks:
        if text_at <= at < text_at + size or (not forward and at == text_at + size):
            return file_at + at - text_at
    return None


def placed_events(story: Path, context: Context) -> list[Placed]:
    """Every dated event of one story's timeline, as built from ``story/articles``."""
    from synopsis.ingest import load_articles
    from synopsis.pipeline import Pipeline
    from synopsis.timeline.stage import make

    loaded = load_articles([story / "articles"], config=context.config)
    corpus = Pipeline(["annotate"], context=context)(loaded.articles)
    built, placed = make(context).placed(corpus)
    by_id = {a.id: a for a in corpus.articles}
    inferred = {d.article_id: d.date for d in built.inferred_dates or ()}
    blocks: dict[str, list[tuple[int, int, int]]] = {}
    out: list[Placed] = []
    for event, entry in placed:
        article = by_id[event.article_id]
        source = Path(article.source)
        if article.id not in blocks:
            blocks[article.id] = _to_file(source.read_text(encoding="utf-8"), article.text)
        start = _mapped(blocks[article.id], event.mention.start)
        end = _mapped(blocks[article.id], event.mention.end, forward=False)
        if start is None or end is None:
            continue
        sentence = " ".join(article.text[slice(*event.sentence)].split())
        out.append(Placed(source.name, start, end, event.mention.text, event.value.value, event.value.granularity,
                          tense_of(entry.status), article.published or inferred.get(article.id), sentence))
    return out


@dataclass
class Outcome:
    """One judged item against the build: what the timeline gave at its words (None: no event there)."""

    item: dict[str, Any]
    found: Placed | None

    def right(self, measure: str) -> bool:
        if self.item["date"] is None:
            return self.found is None
        if self.found is None:
            return False
        return bool(getattr(self.found, measure) == self.item[measure])


def _at(events: Iterable[Placed], file: str, start: int, end: int) -> Placed | None:
    """The event whose date words overlap ``start:end`` of ``file`` most."""
    best: tuple[int, Placed] | None = None
    for e in events:
        overlap = min(end, e.end) - max(start, e.start)
        if e.file == file and overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, e)
    return best[1] if best else None


def check_item(item: dict[str, Any], root: Path = STORIES) -> None:
    """Raise when an item's offsets no longer hold its check words."""
    text = (root / item["story"] / "articles" / item["file"]).read_text(encoding="utf-8")
    if text[item["start"]:item["end"]] != item["check"]:
        raise ValueError(f"{item['story']}/{item['file']}@{item['start']}: {item['check']!r} not found there")


def score(judged: dict[str, Any], context: Context, slugs: set[str] | None = None) -> list[Outcome]:
    """Each judged item (of ``slugs``, or all) with the event the current build gives at its words."""
    items = [i for i in judged["events"] if (slugs is None or i["story"] in slugs) and not on_furniture(i)]
    outcomes: list[Outcome] = []
    for slug in sorted({i["story"] for i in items}):
        events = placed_events(STORIES / slug, context)
        for item in (i for i in items if i["story"] == slug):
            check_item(item)
            outcomes.append(Outcome(item, _at(events, item["file"], item["start"], item["end"])))
    return outcomes


def on_furniture(item: dict[str, Any], root: Path = STORIES) -> bool:
    """Whether the item's words lie on a line the story's gold lists as page furniture: an event read there is
    no event of the article, and a build that removes the line is right, so the item is not scored."""
    lines = _furniture_lines(root / item["story"], item["file"])
    if not lines:
        return False
    text = _article_text(root / item["story"] / "articles" / item["file"])
    start = text.rfind("\n", 0, item["start"]) + 1
    end = text.find("\n", item["start"])
    return text[start : end if end >= 0 else len(text)].strip() in lines


@functools.cache
def _furniture_lines(story: Path, file: str) -> frozenset[str]:
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    return frozenset(line.strip() for line in gold.get("furniture", {}).get(file, ()))


@functools.cache
def _article_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def accuracy(outcomes: Sequence[Outcome]) -> dict[str, float]:
    """Share of items right on each measure, and on all three at once."""
    n = len(outcomes) or 1
    figures = {m: sum(o.right(m) for o in outcomes) / n for m in MEASURES}
    figures["all"] = sum(all(o.right(m) for m in MEASURES) for o in outcomes) / n
    return figures


def make_context() -> Context:
    from bench.stories_eval import RESULTS
    from bench.stories_eval import make_context as stories_context

    return stories_context(RESULTS / "parse-cache")


def _listing(half: str, sample: int | None, seed: int, context: Context) -> None:
    rows: list[tuple[str, Placed]] = []
    for story in stories(half):
        rows += [(story.name, e) for e in placed_events(story, context)]
    if sample is not None:
        rows = sorted(random.Random(seed).sample(rows, min(sample, len(rows))),
                      key=lambda r: (r[0], r[1].file, r[1].start))
    for slug, e in rows:
        print(json.dumps({"story": slug, "file": e.file, "start": e.start, "end": e.end, "check": e.words,
                          "published": e.published, "date": e.date, "granularity": e.granularity,
                          "tense": e.tense, "sentence": e.sentence}, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--judged", type=Path, default=DATA / "timeline_judged_tune.json")
    parser.add_argument("--list", action="store_true", help="list the timeline's events (JSON lines) to judge")
    parser.add_argument("--half", choices=("tune", "check"), default="tune")
    parser.add_argument("--sample", type=int, help="with --list: this many events, drawn with --seed")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--verbose", action="store_true", help="print every wrong item")
    args = parser.parse_args(argv)
    context = make_context()
    if args.list:
        _listing(args.half, args.sample, args.seed, context)
        return 0
    outcomes = score(json.loads(args.judged.read_text(encoding="utf-8")), context)
    for slug in sorted({o.item["story"] for o in outcomes}):
        mine = [o for o in outcomes if o.item["story"] == slug]
        figures = accuracy(mine)
        print(f"{slug:40} {len(mine):4} " + " ".join(f"{m} {figures[m]:.3f}" for m in (*MEASURES, "all")))
    figures = accuracy(outcomes)
    print(f"{'all':40} {len(outcomes):4} " + " ".join(f"{m} {figures[m]:.3f}" for m in (*MEASURES, "all")))
    if args.verbose:
        for o in outcomes:
            if not all(o.right(m) for m in MEASURES):
                got = (o.found.date, o.found.granularity, o.found.tense) if o.found else None
                print(f"  {o.item['story']}/{o.item['file']}@{o.item['start']} {o.item['check']!r}: judged "
                      f"{(o.item['date'], o.item['granularity'], o.item['tense'])} got {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
