"""How many gold shared-quote wordings of the stories benchmark lie inside a quote the extractor keeps.

Why: a shared quote can only be clustered across outlets when every one of its wordings is covered by an
extracted quote of its article; this measures that ceiling for the extraction alone, apart from speakers and
clustering. For each story of the chosen half, every article is ingested and parsed as a build would (the
shared parse cache is used), the quotes stage's own extraction and statement filter
(``AttributeQuotes.attribute`` without speakers) run over it, and each gold ``quotes`` wording is checked:

- inside: the wording lies within one kept attribution's span (from its content's first to last character);
- touched: some kept attribution's span overlaps it (what the benchmark's score.py asks of a quote);

a gold quote counts as covered when all its wordings are (inside, or touched). Missed wordings are listed
with the words around them for a reader (never written anywhere but the terminal).

    .venv/bin/python bench/quote_coverage.py --half tune
    .venv/bin/python bench/quote_coverage.py --half check --json /tmp/cov.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.story_split import stories  # noqa: E402
from synopsis.config import Config  # noqa: E402
from synopsis.context import Context  # noqa: E402
from synopsis.ingest import load_articles  # noqa: E402
from synopsis.pipeline import Pipeline  # noqa: E402
from synopsis.quotes.spans import trim  # noqa: E402
from synopsis.quotes.stage import kept_attributions  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def kept_spans(doc: Any) -> list[tuple[int, int]]:
    """(start, end) of every attribution the quotes stage keeps as a quote in one parsed article."""
    return [(a.start, a.end) for a in kept_attributions(doc)]


def story_coverage(story: Path, context: Context) -> dict[str, Any]:
    """Per gold quote of one story: whether every wording is inside (or touched by) a kept quote."""
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    loaded = load_articles([story / "articles"], config=context.config)
    corpus = Pipeline(["annotate"], context=context)(loaded.articles, loaded.rejected)
    by_file = {Path(str(a.source or "")).name: a for a in corpus.articles}
    spans = {name: kept_spans(a.doc) for name, a in by_file.items() if a.doc is not None and not a.copy_of}
    rows = []
    for quote in gold.get("quotes", []):
        inside = touched = True
        missed = []
        for fname, wording in zip(quote.get("files") or (), quote.get("wordings") or (), strict=False):
            article = by_file.get(fname)
            text = article.text if article is not None else ""
            at = text.find(wording) if article is not None else -1
            found = spans.get(fname, [])
            end = at + len(wording)
            if at >= 0:
                at, end = trim(text, at, end)  # quote marks and a full stop at its edges do not count
            is_in = at >= 0 and any(s <= at and end <= e for s, e in found)
            is_touched = at >= 0 and any(s < end and at < e for s, e in found)
            inside &= is_in
            touched &= is_touched
            if not is_in and article is not None:
                around = text[max(0, at - 80):end + 40].replace("\n", " / ") if at >= 0 else "(not in text)"
                missed.append(f"{fname}: {'touched' if is_touched else 'missed'}: {around}")
        rows.append({"speaker": quote.get("speaker"), "inside": inside, "touched": touched, "missed": missed})
    return {"story": story.name, "quotes": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", default="tune", choices=("tune", "check", "all"))
    parser.add_argument("--only", default="", help="comma-separated story folder names")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--show", action="store_true", help="print the missed wordings in context")
    args = parser.parse_args()
    context = Context(Config.load(nlp__parse_cache=str(RESULTS / "parse-cache")))
    chosen = [s for s in stories(None if args.half == "all" else args.half)
              if not args.only or s.name in args.only.split(",")]
    results = [story_coverage(story, context) for story in chosen]
    total = inside = touched = 0
    for result in results:
        rows = result["quotes"]
        n_in = sum(r["inside"] for r in rows)
        n_touch = sum(r["touched"] for r in rows)
        total, inside, touched = total + len(rows), inside + n_in, touched + n_touch
        print(f"{result['story']:42} inside {n_in}/{len(rows)}  touched {n_touch}/{len(rows)}")
        if args.show:
            for row in rows:
                for line in row["missed"]:
                    print(f"    {row['speaker']}: {line}")
    print(f"{args.half}: {len(results)} stories, gold quotes with every wording inside a kept quote {inside}/{total}, "
          f"touched {touched}/{total}")
    if args.json:
        args.json.write_text(json.dumps({"half": args.half, "quotes": total, "inside": inside, "touched": touched,
                                         "stories": results}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
