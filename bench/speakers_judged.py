"""Speakers of quotes on the stories benchmark, scored against a hand-judged sample.

Why: the stories benchmark's gold says which quotes outlets share, not who said them; whether the
dossier names the right speaker (a person, an organisation or a group, never a heading, a UI word or
a number) was judged by hand on a sample of check-half quotes. The judgments are data
(``bench/data/speakers_check.json``): each item points into ``../shared/benchmarks/stories`` by story,
article file and character offsets, with a few check words, and gives the speakers that count as
right (an empty list: the text names no one, so no speaker is right).

A second sample, of tune-half quotes (``bench/data/speakers_tune.json``, same format), is the one to study
and fix speakers on; the check sample is only reported.

Score a build (dossiers written by ``bench/stories_eval.py --half check --out DIR``; ``--half tune`` for the
tune sample and a tune build):

    .venv/bin/python bench/speakers_judged.py --stories DIR [--half tune]

Draw a fresh sample to judge (the seed fixes it; the draft lists each quote with its context):

    .venv/bin/python bench/speakers_judged.py --stories DIR --draw 60 --seed 14 [--half tune] > draft.txt
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.story_split import STORIES, half  # noqa: E402

DATA = ROOT / "bench" / "data"
#: The check sample (only reported); ``speakers_tune.json`` beside it is the one to study.
GOLD = DATA / "speakers_check.json"
TUNE_GOLD = DATA / "speakers_tune.json"
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents or punctuation, for comparing names."""
    plain = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    return " ".join(WORD.findall(plain.casefold()))


def dossiers(folder: Path) -> dict[str, dict[str, Any]]:
    return {p.parent.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*/dossier.json"))}


def locate(story: str, item_file: str, quote: str, start: int) -> tuple[int, int] | None:
    """The quote's offsets in the benchmark's own article file, at or after its offset ``start`` in the
    dossier's text (which may lack furniture lines of the file)."""
    text = (STORIES / story / item_file).read_text(encoding="utf-8")
    at = text.find(quote, start)
    if at < 0:
        head = quote[:40]
        at = text.find(head, start)
        return None if at < 0 else (at, at + len(head))
    return at, at + len(quote)


def find_quotes(dossier: dict[str, Any], item: dict[str, Any]) -> list[dict[str, Any]]:
    """The dossier's quotes at the item's place: same article file, the same words, nearest the item's offset
    (several when two cues frame the same words).

    The dossier's text may lack furniture lines of the file, so its offsets are at most the file's.
    """
    text = (STORIES / item["story"] / item["file"]).read_text(encoding="utf-8")
    words = fold(text[item["start"]:item["end"]])
    check = fold(item["check"])
    articles = {a["id"] for a in dossier["articles"] if Path(a["source"]).name == Path(item["file"]).name}
    same: list[dict[str, Any]] = []
    near: list[dict[str, Any]] = []
    for quote in dossier.get("quotes") or ():
        if quote["article_id"] not in articles:
            continue
        said = fold(quote["text"])
        if said == words:
            same.append(quote)
        elif check in said and (words in said or said in words):
            near.append(quote)
    pool = same or near
    if not pool:
        return []
    nearest = min(pool, key=lambda q: (q["start"] > item["start"], abs(item["start"] - q["start"])))
    return [dict(q) for q in pool if q["start"] == nearest["start"] and q["end"] == nearest["end"]]


def right(quotes: list[dict[str, Any]], item: dict[str, Any]) -> bool:
    """A quote at the place names one of the accepted speakers (folded), or none when the text names no one."""
    accepted = [fold(n) for n in item["speakers"]]
    names = [q.get("speaker_name") for q in quotes]
    if not accepted:
        return bool(names) and all(n is None for n in names)
    return any(n is not None and fold(n) in accepted for n in names)


def score(folder: Path, gold: Path) -> tuple[int, int, list[str]]:
    items = json.loads(gold.read_text(encoding="utf-8"))["items"]
    built = dossiers(folder)
    good = 0
    misses: list[str] = []
    for item in items:
        dossier = built.get(item["story"])
        quotes = find_quotes(dossier, item) if dossier is not None else []
        if right(quotes, item):
            good += 1
        else:
            got = "quote not found" if not quotes else repr([q.get("speaker_name") for q in quotes])
            misses.append(f"{item['story']} {item['file']}:{item['start']} [{item['check']}] "
                          f"want {item['speakers'] or 'no speaker'}, got {got}")
    return good, len(items), misses


def draw(folder: Path, size: int, seed: int, which: str = "check") -> None:
    """Print a fixed-seed sample of one half's quotes with their context, for judging."""
    pool = []
    for story, dossier in dossiers(folder).items():
        if half(story) != which:
            continue
        sources = {a["id"]: a for a in dossier["articles"]}
        for quote in dossier.get("quotes") or ():
            pool.append((story, sources[quote["article_id"]], quote))
    pool.sort(key=lambda t: (t[0], t[2]["article_id"], t[2]["start"]))
    for story, article, quote in random.Random(seed).sample(pool, min(size, len(pool))):
        file = str(Path(article["source"]).relative_to(STORIES / story))
        place = locate(story, file, quote["text"], quote["start"])
        text = article["text"]
        context = text[max(0, quote["start"] - 200):quote["end"] + 120].replace("\n", " / ")
        print(json.dumps({"story": story, "file": file, "place": place, "speaker": quote.get("speaker_name"),
                          "source": text[quote["source_span"]["start"]:quote["source_span"]["end"]]
                          if quote.get("source_span") else None, "kind": quote["kind"]}, ensure_ascii=False))
        print("   ", context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=Path, required=True, help="folder of <slug>/dossier.json")
    parser.add_argument("--half", choices=("tune", "check"), default="check",
                        help="the sample to score (bench/data/speakers_<half>.json) or to draw from")
    parser.add_argument("--gold", type=Path, help="a judged sample other than the half's")
    parser.add_argument("--draw", type=int, default=0, help="print a sample of this size to judge instead")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if args.draw:
        draw(args.stories, args.draw, args.seed, args.half)
        return
    good, total, misses = score(args.stories, args.gold or (TUNE_GOLD if args.half == "tune" else GOLD))
    for line in misses:
        print(line)
    print(f"speakers right: {good}/{total} = {good / max(total, 1):.3f}")


if __name__ == "__main__":
    main()
