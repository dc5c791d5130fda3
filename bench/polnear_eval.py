"""Attribution extraction on PolNeAR: our rules against textacy's direct_quotations, scored by score.py.

Why: the quotes stage must find who said what on text it has never seen; PolNeAR gives
a public, fully annotated yardstick. Both systems run on the same spaCy parse, and both
predictions are scored by the benchmark's own ``score.py`` (exact and token-overlap
P/R/F1 for source, cue and content, and attribution F1).

``ours`` is the product: rules for spans plus the cue model and the content-end model, both
trained on the train split by ``bench/train_attribution.py``; ``--rules`` adds a column where
the word-list rules alone pick the cues (the content-end model still applies).

Speed is reported for our extractor alone (words per CPU second over the already parsed texts);
the parse is timed separately, as is the baseline.

    .venv/bin/python bench/polnear_eval.py                      # dev split, both systems
    .venv/bin/python bench/polnear_eval.py --split train --limit 200 --no-baseline
    .venv/bin/python bench/polnear_eval.py --cache /tmp/dev.spacy   # the parse kept elsewhere
    .venv/bin/python bench/polnear_eval.py --diagnose --no-baseline  # why gold attributions are missed

``--diagnose`` sorts every missed gold attribution by where it was lost (no candidate word in its cue,
a candidate that frames another content or source, a right candidate the cue model rejects, or one
accepted and lost later), by the part of speech of its cue, and prints the ceiling: the figures when
the cue model's decisions are replaced by the gold (every candidate whose frame pairs with a gold
attribution accepted, every other one rejected). What the ceiling leaves is the span builder's.

Tune on train only; report dev.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "benchmarks" / "polnear"
sys.path.insert(0, str(ROOT))

import synopsis.quotes.extract as extract_module  # noqa: E402
from synopsis.quotes.cues import default_model  # noqa: E402
from synopsis.quotes.extract import Attribution, candidate_attribution, extract_attributions  # noqa: E402
from synopsis.quotes.spans import quote_marks  # noqa: E402

KEYS = ("source_exact_f1", "cue_exact_f1", "content_exact_f1", "source_overlap_f1", "cue_overlap_f1",
        "content_overlap_f1", "attribution_f1", "attribution_p", "attribution_r")


def load_scorer() -> Any:
    """The benchmark's own score.py as a module, for scoring in-process (training, tuning)."""
    spec = importlib.util.spec_from_file_location("polnear_score", POLNEAR / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_split(split: str, limit: int | None) -> tuple[list[str], list[str]]:
    files = sorted((POLNEAR / split / "text").glob("*.txt"))
    if limit:
        files = files[:limit]
    return [f.stem for f in files], [f.read_text(encoding="utf-8") for f in files]


def parse(nlp: Any, texts: list[str], cache: Path | None) -> tuple[list[Any], float]:
    from spacy.tokens import DocBin

    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) >= len(texts) and all(d.text == t for d, t in zip(docs, texts, strict=False)):
            return docs[: len(texts)], float("nan")
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    elapsed = time.perf_counter() - started
    if cache is not None:
        DocBin(docs=docs).to_disk(cache)
    return docs, elapsed


def as_record(attribution: Attribution) -> dict[str, list[list[int]]]:
    return {
        "source": [list(attribution.source)] if attribution.source else [],
        "cue": [list(attribution.cue)] if attribution.cue else [],
        "content": [list(p) for p in attribution.content],
    }


def run_ours(stems: list[str], docs: list[Any], model: bool = True) -> tuple[list[dict[str, Any]], float]:
    """Our extractor: with the trained cue model (the product), or with the word-list rules alone."""
    extract_attributions(docs[0], model)  # loads the cue model once, outside the timing
    started = time.process_time()  # CPU seconds of this process: other jobs on the machine do not count
    found = [extract_attributions(doc, model) for doc in docs]
    elapsed = time.process_time() - started
    lines = [{"article": s, "attributions": [as_record(a) for a in atts]} for s, atts in zip(stems, found, strict=True)]
    return lines, elapsed


def paragraphs(doc: Any) -> list[Any]:
    """The doc's paragraphs (split at newlines) as spans."""
    out = []
    start = 0
    text = doc.text
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                out.append(span)
        start = end + 1
    return out


def run_textacy(stems: list[str], docs: list[Any]) -> tuple[list[dict[str, Any]], float]:
    from textacy.extract.triples import direct_quotations

    def piece(tokens: Any) -> list[list[int]]:
        toks = list(tokens)
        if not toks:
            return []
        return [[min(t.idx for t in toks), max(t.idx + len(t) for t in toks)]]

    started = time.perf_counter()
    lines = []
    for stem, doc in zip(stems, docs, strict=True):
        attrs = []
        for span in paragraphs(doc):
            sub = span.as_doc()
            offset = span.start_char
            try:
                triples = list(direct_quotations(sub))
            except ValueError:  # textacy refuses paragraphs with an unclosed quote
                continue
            for triple in triples:
                rec = {"source": piece(triple.speaker), "cue": piece(triple.cue), "content": piece(triple.content)}
                attrs.append({k: [[s + offset, e + offset] for s, e in v] for k, v in rec.items()})
        lines.append({"article": stem, "attributions": attrs})
    return lines, time.perf_counter() - started


def split_dir(split: str, stems: list[str], workdir: Path) -> Path:
    """The split itself, or (for a subset) a folder of links to just those articles."""
    full = POLNEAR / split
    if len(stems) == len(list((full / "text").glob("*.txt"))):
        return full
    subset = workdir / f"{split}-subset"
    for sub in ("text", "attributions"):
        (subset / sub).mkdir(parents=True, exist_ok=True)
    for stem in stems:
        link = subset / "text" / f"{stem}.txt"
        if not link.exists():
            link.symlink_to(full / "text" / f"{stem}.txt")
        for ann in (full / "attributions").glob(f"{stem}_*.ann"):
            target = subset / "attributions" / ann.name
            if not target.exists():
                target.symlink_to(ann)
    return subset


def score(split: Path, lines: list[dict[str, Any]], workdir: Path, name: str) -> dict[str, float]:
    pred = workdir / f"{name}.jsonl"
    out = workdir / f"{name}.json"
    pred.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    subprocess.run([sys.executable, str(POLNEAR / "score.py"), str(split), str(pred), "--json", str(out)],
                   check=True, capture_output=True, text=True)
    figures: dict[str, float] = json.loads(out.read_text(encoding="utf-8"))
    return figures.get("figures", figures)  # type: ignore[return-value]


def _pairs(scorer: Any, predicted: list[Any], truth: list[Any]) -> list[tuple[int, int]]:
    """score.py's attribution pairing: contents share a token, and sources do or both are empty."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(truth):
            shared = len(p["content"][1] & g["content"][1])
            said = len(p["source"][1] & g["source"][1])
            if shared and (said or not (p["source"][1] or g["source"][1])):
                pairs.append(((-(shared + said), i, j), i, j))
    return list(scorer.greedy_pairs(pairs))


def _frames_gold(scorer: Any, article: Any, made: Attribution, gold: dict[str, Any], cue: bool = False) -> bool:
    """What ``made`` frames pairs with the gold attribution (with ``cue``: and the cues share a token)."""
    found = scorer.prep(article, [as_record(made)])
    if not found or not _pairs(scorer, found, [gold]):
        return False
    return not cue or bool(found[0]["cue"][1] & gold["cue"][1])


#: Where a missed attribution is lost, from the nearest to being found to the farthest.
REASONS = ("accepted, lost later", "rejected by the cue model", "frames another content or source",
           "no candidate word")


def diagnose(split: str, stems: list[str], docs: list[Any]) -> None:
    """Why each missed attribution is missed, by cue part of speech, and the cue model's ceiling."""
    from collections import Counter

    scorer = load_scorer()
    articles, gold, _notes = scorer.load_gold(str(POLNEAR / split))
    model = default_model()
    assert model is not None
    reasons: Counter[tuple[str, str]] = Counter()
    for stem, doc in zip(stems, docs, strict=True):
        article, text = articles[stem], doc.text
        quotes = quote_marks(text)
        starts = [q.start for q in quotes]
        truth = scorer.prep(article, gold[stem])
        found = {j for _, j in _pairs(scorer, scorer.prep(article, [as_record(a) for a in extract_attributions(doc)]),
                                      truth)}
        for j, item in enumerate(gold[stem]):
            if j in found or not item["content"]:
                continue
            if not item["cue"]:
                reasons[("no gold cue", "-")] += 1
                continue
            span = doc.char_span(item["cue"][0][0], item["cue"][-1][1], alignment_mode="expand")
            words = list(span or ())
            inside = {t.i for t in words}
            head = next((t for t in words if t.head.i not in inside), words[0] if words else None)
            best = len(REASONS) - 1
            for token in words:
                made = candidate_attribution(token, text, quotes, starts)
                if made is None:
                    continue
                if not _frames_gold(scorer, article, made, truth[j]):
                    best = min(best, 2)
                    continue
                vector = token.vector if token.has_vector else None
                best = min(best, 0 if model.accepts(
                    extract_module.scored_features(token, text, quotes, starts, made), vector) else 1)
            reasons[(REASONS[best], head.pos_ if head is not None else "-")] += 1
    print(f"missed gold attributions by reason and cue part of speech ({sum(reasons.values())}):")
    for (reason, pos), n in sorted(reasons.items(), key=lambda kv: -kv[1]):
        print(f"  {n:5d}  {reason:34} {pos}")
    print("ceiling (the gold decides which candidates are cues):")
    for key, value in _ceiling(scorer, articles, gold, stems, docs).items():
        print(f"  {key:22}{value:10.3f}")


class _GoldDecides:
    """Stands in for the cue model: accepts a candidate when what it frames pairs with a gold attribution and
    its cue shares a token with the gold cue (the training label of bench/train_attribution.py)."""

    def __init__(self, scorer: Any) -> None:
        self.scorer = scorer
        self.article: Any = None
        self.truth: list[Any] = []
        self.made: Attribution | None = None

    def accepts(self, features: list[str], vector: Any = None) -> bool:
        made = self.made
        return made is not None and any(_frames_gold(self.scorer, self.article, made, g, cue=True) for g in self.truth)


def _ceiling(scorer: Any, articles: dict[str, Any], gold: dict[str, Any], stems: list[str],
             docs: list[Any]) -> dict[str, float]:
    oracle = _GoldDecides(scorer)
    features = extract_module.scored_features

    def remembering(token: Any, text: str, quotes: Any, starts: Any, made: Attribution) -> list[str]:
        oracle.made = made
        return features(token, text, quotes, starts, made)

    extract_module.scored_features = remembering  # the oracle reads what each candidate frames
    try:
        preds = {}
        for stem, doc in zip(stems, docs, strict=True):
            oracle.article, oracle.truth = articles[stem], scorer.prep(articles[stem], gold[stem])
            preds[stem] = [as_record(a) for a in extract_attributions(doc, oracle)]  # type: ignore[arg-type]
    finally:
        extract_module.scored_features = features
    figures = scorer.figures(scorer.score({s: articles[s] for s in stems}, {s: gold[s] for s in stems}, preds))
    return {k: figures[k] for k in KEYS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--rules", action="store_true", help="also score our word-list rules without the cue model")
    parser.add_argument("--cache", type=Path, default=None,
                        help="DocBin file of the parse (default: bench/results/polnear-SPLIT.spacy)")
    parser.add_argument("--out", type=Path, default=None, help="folder for predictions and score JSON")
    parser.add_argument("--diagnose", action="store_true",
                        help="sort the missed attributions by where they are lost, and print the ceiling")
    args = parser.parse_args()

    from synopsis.nlp import load_model

    nlp = load_model("en_core_web_md")
    stems, texts = load_split(args.split, args.limit)
    words = sum(len(t.split()) for t in texts)
    subset = f"-{args.limit}" if args.limit else ""
    cache = args.cache or ROOT / "bench" / "results" / f"polnear-{args.split}{subset}.spacy"
    docs, parse_s = parse(nlp, texts, cache)
    workdir = args.out or Path(tempfile.mkdtemp(prefix="polnear-"))
    workdir.mkdir(parents=True, exist_ok=True)

    gold_dir = split_dir(args.split, stems, workdir)
    ours, ours_s = run_ours(stems, docs)
    results = {"ours": score(gold_dir, ours, workdir, "ours")}
    timings = {"ours": ours_s}
    if args.rules:
        rules, _rules_s = run_ours(stems, docs, model=False)
        results["rules"] = score(gold_dir, rules, workdir, "rules")
    if not args.no_baseline:
        base, base_s = run_textacy(stems, docs)
        results["textacy"] = score(gold_dir, base, workdir, "textacy")
        timings["textacy"] = base_s

    print(f"PolNeAR {args.split}: {len(stems)} articles, {words} words (predictions in {workdir})")
    if args.limit:
        print(f"subset: the first {args.limit} articles of {args.split}, scored against their own gold")
    print(f"{'figure':22}" + "".join(f"{n:>10}" for n in results))
    for key in KEYS:
        print(f"{key:22}" + "".join(f"{r.get(key, float('nan')):10.3f}" for r in results.values()))
    if not math.isnan(parse_s):  # NaN: the parse came from --cache
        print(f"spaCy parse: {parse_s:.1f} s, {words / parse_s:,.0f} words/s")
    for name, seconds in timings.items():
        clock = "CPU s" if name == "ours" else "s"
        print(f"{name} on top of the parse: {seconds:.2f} {clock}, {words / max(seconds, 1e-9):,.0f} words/s")
    if args.diagnose:
        diagnose(args.split, stems, docs)


if __name__ == "__main__":
    main()
