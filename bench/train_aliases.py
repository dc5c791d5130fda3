"""Fit the alias pair model of the entities stage on the tune half of the stories benchmark.

Run: .venv/bin/python bench/train_aliases.py [--parse-cache DIR] [--table bench/data/alias_pairs.json]

For each tune story the articles are parsed (through the shared parse cache), linked by the rules
of ``synopsis.entities.cluster``, and every candidate pair of groups the rules left apart gets its
features. A pair is positive when gold lists two of its written forms as aliases or
bench/data/alias_hand.json judges it one referent by hand, negative otherwise (precision first: an
unlisted pair is taken as two referents). A logistic regression over the standardised features is written to
``synopsis/entities/alias_weights.json``; the threshold printed is the lowest probability above every
negative pair's that the guard of ``pairs.admissible`` lets through, for ``[entities] alias_threshold`` in
``synopsis/defaults.toml``. The labelled table
(names and features only, no article text) goes to ``--table``.
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

from bench.stories_eval import RESULTS, make_context  # noqa: E402
from bench.story_split import stories  # noqa: E402
from synopsis.entities.assemble import chains_of  # noqa: E402
from synopsis.entities.cluster import Groups, across_articles, scored_candidates  # noqa: E402
from synopsis.entities.pairs import FEATURES, WEIGHTS_FILE, PairModel, admissible, vector  # noqa: E402
from synopsis.ingest import load_articles  # noqa: E402
from synopsis.pipeline import Pipeline  # noqa: E402
from synopsis.util import DisjointSet  # noqa: E402

TABLE = ROOT / "bench" / "data" / "alias_pairs.json"
#: Pairs gold does not list, judged by hand from the names and the articles: [story, form, form, same], and for
#: later entries a fifth item pointing at where the article shows it ({"file", "start", "end", "check"}).
HAND = ROOT / "bench" / "data" / "alias_hand.json"


def hand_label(row: dict[str, Any], judged: list[list[Any]]) -> bool | None:
    for story, x, y, same, *_ in judged:  # an optional fifth item points into the article that shows it
        if story == row["story"] and ((x in row["a"] and y in row["b"]) or (y in row["a"] and x in row["b"])):
            return bool(same)
    return None


def forms(groups: Groups, members: list[int]) -> set[str]:
    return {" ".join(m.text.split()).casefold() for i in members for m in groups.chains[i].mentions}


def rows_of_story(story: Path, context: Any) -> list[dict[str, Any]]:
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    names = sorted({n.casefold() for pair in gold.get("aliases", []) for n in pair})
    sets = DisjointSet(names)
    for a, b in gold.get("aliases", []):
        sets.union(a.casefold(), b.casefold())
    referent = {name: str(sets.find(name)) for name in names}
    loaded = load_articles([story / "articles"], config=context.config)
    annotated = Pipeline(["annotate"], context=context)(loaded.articles)
    articles = annotated.articles
    groups = across_articles(chains_of(articles), {a.id: a for a in articles})
    rows = []
    for left, right, found in scored_candidates(groups, int(context.config.get("entities", "alias_largest_block"))):
        a, b = forms(groups, left), forms(groups, right)
        in_a = {referent[f] for f in a if f in referent}
        in_b = {referent[f] for f in b if f in referent}
        rows.append({"story": story.name, "a": sorted(a)[:8], "b": sorted(b)[:8],
                     "same": bool(in_a & in_b), "gold": bool(in_a & in_b), "features": vector(found)})
    return rows


#: Inverse regularisation strength, chosen by leaving one tune story out at a time (``--cross-check``), pairs
#: the guard of ``pairs.admissible`` refuses counted as apart: C=0.5 keeps 36 of 54 held-out same pairs and merges
#: no other pair; C=10 to 200 keep 36 and merge one ("NBC News" / the "NBC" of a station's name), C=2 keeps 35
#: (one other), C=0.05 36 (two others).
REGULARISATION = 0.5


def labelled(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with the hand judgements applied where gold is silent, and every pair that gold and the hand
    judgements link through a third name (one story's same pairs closed transitively) counted same."""
    judged = json.loads(HAND.read_text(encoding="utf-8"))["pairs"] if HAND.is_file() else []
    for r in rows:
        hand = hand_label(r, judged)
        if hand is not None and not r.get("gold"):
            r["same"] = hand
    linked: DisjointSet[tuple[str, str]] = DisjointSet()
    for r in rows:
        if r["same"]:
            for form in r["a"] + r["b"]:
                linked.union((r["story"], r["a"][0]), (r["story"], form))
    for r in rows:
        if not r["same"] and hand_label(r, judged) is None and any(
                (r["story"], x) in linked and (r["story"], y) in linked
                and linked.connected((r["story"], x), (r["story"], y)) for x in r["a"] for y in r["b"]):
            r["same"] = True
    return rows


def fit_only(rows: list[dict[str, Any]], c: float) -> tuple[PairModel, float]:
    """A model over ``rows`` and its threshold: just above the highest-scored pair that is not one referent."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([r["features"] for r in rows], dtype=float)
    y = np.array([int(r["same"]) for r in rows])
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    model.fit((x - means) / scales, y)
    pair = PairModel(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]),
                     tuple(float(m) for m in means), tuple(float(s) for s in scales))
    negative = max((pair.probability(found) for found in (dict(zip(FEATURES, r["features"], strict=True))
                                                          for r in rows if not r["same"]) if admissible(found)),
                   default=0.0)
    return pair, round(min(0.999, negative + 0.01), 3)


def cross_check(rows: list[dict[str, Any]]) -> None:
    """Leave one story out: same pairs kept and other pairs merged in the held-out story, per C."""
    for c in (0.05, 0.5, 2.0, 10.0, 20.0, 50.0, 200.0):
        kept = merged = same = 0
        for held in sorted({r["story"] for r in rows}):
            model, threshold = fit_only([r for r in rows if r["story"] != held], c)
            for r in (r for r in rows if r["story"] == held):
                found = dict(zip(FEATURES, r["features"], strict=True))
                merges = model.probability(found) >= threshold and admissible(found)
                same += r["same"]
                kept += r["same"] and merges
                merged += not r["same"] and merges
        print(f"C={c}: held-out same pairs kept {kept}/{same}, other pairs merged {merged}")


def fit(rows: list[dict[str, Any]]) -> tuple[PairModel, float]:
    pair, threshold = fit_only(rows, REGULARISATION)
    probabilities = [pair.probability(dict(zip(FEATURES, r["features"], strict=True))) for r in rows]
    for p, r in sorted(zip(probabilities, rows, strict=True), key=lambda t: -t[0])[:90]:
        print(f"{p:.3f} {'SAME' if r['same'] else '    '} {r['story'][:24]:24} {r['a'][:2]} | {r['b'][:2]}")
    kept = sum(1 for p, r in zip(probabilities, rows, strict=True)
               if r["same"] and p >= threshold and admissible(dict(zip(FEATURES, r["features"], strict=True))))
    positives = sum(1 for r in rows if r["same"])
    print(f"{len(rows)} pairs, {positives} positive; threshold {threshold}: {kept} positives above, 0 negatives")
    return pair, threshold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--parse-cache", type=Path, default=RESULTS / "parse-cache")
    parser.add_argument("--table", type=Path, default=TABLE)
    parser.add_argument("--from-table", action="store_true", help="refit from --table without parsing")
    parser.add_argument("--cross-check", action="store_true", help="leave-one-story-out figures per C")
    parser.add_argument("--weights", type=Path, default=WEIGHTS_FILE, help="where the fitted weights go")
    args = parser.parse_args(argv)
    if args.from_table:
        rows = json.loads(args.table.read_text(encoding="utf-8"))["pairs"]
    else:
        context = make_context(args.parse_cache)
        rows = [row for story in stories("tune") for row in rows_of_story(story, context)]
        args.table.parent.mkdir(parents=True, exist_ok=True)
        args.table.write_text(json.dumps({
            "about": "Candidate alias pairs of the tune half of ../shared/benchmarks/stories after the rules of "
                     "synopsis.entities.cluster: up to four written forms of each side, whether gold lists them "
                     "as one referent, and the pair features (synopsis.entities.pairs.FEATURES). Written and "
                     "read by bench/train_aliases.py.",
            "features": list(FEATURES), "pairs": rows}, indent=0), encoding="utf-8")
    rows = labelled(rows)
    if args.cross_check:
        cross_check(rows)
    model, threshold = fit(rows)
    about = "tune half of ../shared/benchmarks/stories (bench/train_aliases.py)"
    payload = {**model.as_json(), "threshold_on_tune": threshold, "fitted_on": about}
    args.weights.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    print(f"weights: {args.weights}; set [entities] alias_threshold = {threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
