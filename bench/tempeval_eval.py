"""Date resolution on the TempEval-3 platinum test set, and the timeline stage's speed.

Why: the timeline is only as good as its reading of "Monday", "last week" or "by
Easter" on stories it has never seen. TempEval-3 platinum gives 20 news articles with
gold TIMEX3 extents and normalised values, each read against its document creation
time (DCT). We strip the inline tags, parse the text with our spaCy model, find and
resolve expressions with ``synopsis.timeline`` against the DCT, and score:

- extent, relaxed (any overlap) and strict (same span): P/R/F1;
- value: accuracy over relaxed matches, and value F1 (a hit needs overlap and the
  same TimeML value), the figure TempEval-3 reports as "value F1";

for type DATE+TIME (what a timeline needs) and for all types. Speed: words/s of
``find_mentions`` + resolution over the parsed docs, and of the whole timeline stage on
the sample story, next to spaCy's own ``nlp.pipe`` on the same text in this process.

    .venv/bin/python bench/tempeval_eval.py [--verbose]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TEMPEVAL = ROOT.parent / "shared" / "benchmarks" / "tempeval3-platinum" / "te3-platinum"
SAMPLE = ROOT.parent / "shared" / "corpus" / "riyadh-2025"
sys.path.insert(0, str(ROOT))

from synopsis.config import Config  # noqa: E402
from synopsis.context import Context  # noqa: E402
from synopsis.timeline.extract import find_mentions  # noqa: E402
from synopsis.timeline.normalise import Reference  # noqa: E402

PUBLISHED = {"HeidelTime value F1": 0.78, "best relaxed extent F1": 0.90}


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


def load(path: Path) -> tuple[str, date, list[Gold]]:
    """Plain text of the TEXT element, the DCT, and the gold TIMEX3s as offsets into that text."""
    raw = path.read_text(encoding="utf-8")
    dct_value = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"", raw)
    assert dct_value is not None, path
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    text_parts: list[str] = []
    golds: list[Gold] = []
    open_timex: tuple[int, str, str] | None = None
    length = 0
    for piece in re.split(r"(<[^>]+>)", body):
        if piece.startswith("<"):
            if piece.startswith("<TIMEX3"):
                attrs = dict(re.findall(r'(\w+)="([^"]*)"', piece))
                open_timex = (length, attrs.get("type", ""), attrs.get("value", ""))
            elif piece.startswith("</TIMEX3") and open_timex is not None:
                golds.append(Gold(open_timex[0], length, open_timex[1], open_timex[2]))
                open_timex = None
            continue
        text_parts.append(piece)
        length += len(piece)
    return "".join(text_parts), date.fromisoformat(dct_value.group(1)[:10]), golds


Predicted = tuple[int, int, str | None]  # start, end, TimeML value


def _hit(gold: Gold, predicted: list[Predicted]) -> Predicted | None:
    """The first prediction overlapping ``gold``: a relaxed extent match."""
    return next((p for p in predicted if p[0] < gold.end and gold.start < p[1]), None)


def score(pairs: list[tuple[list[Gold], list[Predicted]]], types: set[str] | None) -> dict[str, float]:
    n_gold = n_sys = relaxed = strict = value_ok = 0
    for golds, predicted in pairs:
        golds = [g for g in golds if types is None or g.type in types]
        if types is not None:
            # a prediction counts for this type family when its value looks like one of the family
            predicted = [p for p in predicted if _family(p[2]) in types]
        n_gold += len(golds)
        n_sys += len(predicted)
        for g in golds:
            match = _hit(g, predicted)
            if match is None:
                continue
            relaxed += 1
            strict += match[0] == g.start and match[1] == g.end
            value_ok += match[2] == g.value
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0
    rp, rr = relaxed / max(n_sys, 1), relaxed / max(n_gold, 1)
    sp, sr = strict / max(n_sys, 1), strict / max(n_gold, 1)
    vp, vr = value_ok / max(n_sys, 1), value_ok / max(n_gold, 1)
    return {"gold": n_gold, "system": n_sys, "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": f1(rp, rr),
            "strict_f1": f1(sp, sr), "value_accuracy": value_ok / max(relaxed, 1), "value_f1": f1(vp, vr)}


def _family(value: str | None) -> str:
    if value is None:
        return "DATE"
    if value.startswith("P"):
        return "DURATION" if not value.endswith("_REF") else "DATE"
    return "TIME" if "T" in value and not value.endswith("_REF") and value[:1].isdigit() else "DATE"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    context = Context(Config.load())
    nlp = context.nlp
    files = sorted(TEMPEVAL.glob("*.tml"))
    loaded = [load(f) for f in files]
    texts = [text for text, _, _ in loaded]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    predictions: list[list[Predicted]] = []
    for doc, (_, dct, _) in zip(docs, loaded, strict=True):
        mentions = find_mentions(doc, Reference(dct))
        predictions.append([(m.start, m.end, m.value.timeml if m.value else None) for m in mentions])
    resolve_s = time.perf_counter() - t0
    pairs = [(golds, pred) for (_, _, golds), pred in zip(loaded, predictions, strict=True)]
    if args.verbose:
        for (text, _, golds), pred in zip(loaded, predictions, strict=True):
            for g in golds:
                hit = _hit(g, pred)
                mark = "ok " if hit and hit[2] == g.value else "BAD"
                print(mark, g.type, repr(text[g.start:g.end]), g.value, "->", hit and (text[hit[0]:hit[1]], hit[2]))
            for p in pred:
                if not any(p[0] < g.end and g.start < p[1] for g in golds):
                    print("FP ", repr(text[p[0]:p[1]]), p[2])
    print(f"TempEval-3 platinum: {len(files)} files, {words} words")
    for label, types in (("DATE+TIME", {"DATE", "TIME"}), ("DATE", {"DATE"}), ("all types", None)):
        s = score(pairs, types)
        print(f"  {label:10s} gold {s['gold']:3d} system {s['system']:3d} | extent relaxed P {s['relaxed_p']:.3f} "
              f"R {s['relaxed_r']:.3f} F1 {s['relaxed_f1']:.3f}, strict F1 {s['strict_f1']:.3f} | "
              f"value accuracy {s['value_accuracy']:.3f}, value F1 {s['value_f1']:.3f}")
    print("  published (all types): " + ", ".join(f"{k} ~{v:.2f}" for k, v in PUBLISHED.items()))
    print(f"  speed: find+resolve {words / resolve_s:,.0f} words/s; spaCy parse {words / parse_s:,.0f} words/s")
    _timeline_speed(context)


def _timeline_speed(context: Any) -> None:
    """Words/s of the timeline stage on the sample (parse excluded), best of three runs."""
    from synopsis import load_articles
    from synopsis.pipeline import Pipeline
    from synopsis.timeline.stage import make

    loaded = load_articles([SAMPLE], config=context.config)
    corpus = Pipeline(["annotate"], context=context)(loaded.articles, loaded.rejected)
    words = sum(len(a.text.split()) for a in corpus.articles)
    stage = make(context)
    stage(corpus)  # warm the embedder
    best = min(_timed(lambda: stage(corpus)) for _ in range(3))
    t0 = time.perf_counter()
    list(context.nlp.pipe(a.text for a in corpus.articles))
    parse = time.perf_counter() - t0
    print(f"  timeline stage on the sample: {words / best:,.0f} words/s ({words} words, {best * 1000:.0f} ms); "
          f"spaCy nlp.pipe on the same text {words / parse:,.0f} words/s")


def _timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
