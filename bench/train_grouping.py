"""Fit the story-grouping pair model on the tune half of the stories benchmark, and score the grouping.

Run: .venv/bin/python bench/train_grouping.py [--write] [--polnear] [--json PATH]

All articles of the chosen stories are read in one batch, as a stream would bring them. The logistic model
(synopsis/archive/grouping_weights.json) is fitted on the pairs of tune articles only; the grouping is then
scored by B-cubed precision and recall on the tune stories mixed together, the check stories mixed together,
and all stories mixed together, at the threshold of ``[stories] grouping_threshold`` and beside it.

With ``--polnear``, the pairs of PolNeAR articles labelled by reading (bench/data/grouping_polnear_pairs.json: one
election, so same-topic pairs that are not one event) join the training pairs, weighted by ``--polnear-weight``;
they are split in two halves by a hash of the pair, the model is fitted on one half and the precision and recall
of its same-event calls are reported on the other (at the threshold, with ``max_story_days``), beside the shipped
model's on the same held-out pairs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.story_split import half, stories  # noqa: E402
from synopsis.archive import grouping  # noqa: E402
from synopsis.backends import load_embedder  # noqa: E402
from synopsis.config import Config  # noqa: E402
from synopsis.ingest import load_articles  # noqa: E402

WEIGHTS = ROOT / "synopsis" / "archive" / "grouping_weights.json"
POLNEAR_PAIRS = ROOT / "bench" / "data" / "grouping_polnear_pairs.json"


def fitted_half(first: str, second: str) -> bool:
    """Whether a labelled pair is in the half the model is fitted on (the other half is held out)."""
    return hashlib.sha256("|".join(sorted((first, second))).encode("utf-8")).digest()[0] % 2 == 0


def polnear_pairs(embedder: object) -> tuple[Any, Any, Any]:
    """Features, same-event labels and fitted-half flags of the labelled PolNeAR pairs."""
    import numpy as np

    from bench.polnear_stories import articles as polnear_articles

    labelled = json.loads(POLNEAR_PAIRS.read_text(encoding="utf-8"))["pairs"]
    pool = polnear_articles()
    position = {Path(a.source).name: i for i, a in enumerate(pool)}
    features = grouping.pair_features(pool, embedder)  # type: ignore[arg-type]
    rows = np.array([features[position[p["a"]], position[p["b"]]] for p in labelled])
    same = np.array([bool(p["same_event"]) for p in labelled])
    fitted = np.array([fitted_half(p["a"], p["b"]) for p in labelled])
    return rows, same, fitted


def pair_scores(probability: Any, same: Any, threshold: float) -> str:
    """Precision and recall of the same-event calls at ``threshold``, as printed."""
    called = probability >= threshold
    right = int((called & same).sum())
    precision = right / max(1, int(called.sum()))
    return f"precision {precision:.3f} ({right}/{int(called.sum())}) recall {right / max(1, int(same.sum())):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="refit on tune and write the weights")
    parser.add_argument("--json", type=Path, help="write the scores here")
    parser.add_argument("--window-sweep", action="store_true", help="score max_story_days choices on tune")
    parser.add_argument("--weights", type=Path, default=WEIGHTS, help="where --write writes the weights")
    parser.add_argument("--polnear", action="store_true", help="add the labelled PolNeAR pairs to the training pairs")
    parser.add_argument("--polnear-weight", type=float, default=30.0, help="sample weight of each PolNeAR pair")
    args = parser.parse_args()
    import numpy as np

    folders = stories()
    loaded = load_articles([f / "articles" for f in folders])
    story_of = {a.id: Path(a.source).parent.parent.name for a in loaded.articles}
    articles = [a for a in loaded.articles if a.copy_of is None]
    embedder = load_embedder("onnx")
    try:
        pair_model: grouping.PairModel | None = grouping._model()
    except ValueError:  # the features changed: only a refit (--write) can score
        pair_model = None
    features = grouping.pair_features(articles, embedder)
    tune = np.array([half(story_of[a.id]) == "tune" for a in articles])
    same = np.array([[story_of[a.id] == story_of[b.id] for b in articles] for a in articles])
    config = Config.load()
    chosen = config.get("stories", "grouping_threshold")
    max_days = config.get("stories", "max_story_days")
    if args.polnear:
        extra, extra_same, fitted = polnear_pairs(embedder)
        print(f"PolNeAR held-out pairs: {int((~fitted).sum())}, {int(extra_same[~fitted].sum())} same event")
        if pair_model is not None:
            shipped = grouping.same_story_probability(extra[None], pair_model, max_days)[0]
            scored = pair_scores(shipped[~fitted], extra_same[~fitted], chosen)
            print(f"PolNeAR held-out pairs, shipped model: {scored}")
    if args.write:
        from sklearn.linear_model import LogisticRegression

        upper = np.triu(np.ones(same.shape, dtype=bool), 1) & tune[:, None] & tune[None, :]
        rows, labels, weight = features[upper], same[upper], np.ones(int(upper.sum()))
        if args.polnear:
            rows = np.concatenate([rows, extra[fitted]])
            labels = np.concatenate([labels, extra_same[fitted]])
            weight = np.concatenate([weight, np.full(int(fitted.sum()), args.polnear_weight)])
        model = LogisticRegression(C=1.0, max_iter=2000).fit(rows, labels, sample_weight=weight)
        pair_model = grouping.PairModel(
            tuple(round(float(w), 6) for w in model.coef_[0]), round(float(model.intercept_[0]), 6)
        )
        fitted_on = "tune half of the stories benchmark, pairs of articles"
        if args.polnear:
            fitted_on += f", and the fitted half of {POLNEAR_PAIRS.relative_to(ROOT)} (weight {args.polnear_weight:g})"
        args.weights.write_text(json.dumps({
            "features": list(grouping.FEATURES),
            "weights": list(pair_model.weights),
            "bias": pair_model.bias,
            "fitted_on": f"{fitted_on} (bench/train_grouping.py)",
        }, indent=1) + "\n", encoding="utf-8")
        if args.polnear:
            refit = grouping.same_story_probability(extra[None], pair_model, max_days)[0]
            print(f"PolNeAR held-out pairs, refitted model: {pair_scores(refit[~fitted], extra_same[~fitted], chosen)}")
    if pair_model is None:
        sys.exit("grouping_weights.json was fitted on other features: refit with --write")
    if args.window_sweep:
        for days in (1, 2, 3, 5, 7, 10, None):
            probability = grouping.same_story_probability(features, pair_model, days)
            index = np.flatnonzero(tune)
            groups = grouping.average_linkage(probability[np.ix_(index, index)], chosen)
            precision, recall = grouping.bcubed([[articles[index[i]].id for i in g] for g in groups], story_of)
            print(f"tune max_story_days {days}: B-cubed precision {precision:.3f} recall {recall:.3f}")
    probability = grouping.same_story_probability(features, pair_model, max_days)
    scores: dict[str, dict[str, float]] = {}
    for name, mask in (("tune", tune), ("check", ~tune), ("all", np.ones_like(tune))):
        index = np.flatnonzero(mask)
        for threshold in sorted({0.3, 0.5, 0.7, chosen}):
            groups = grouping.average_linkage(probability[np.ix_(index, index)], threshold)
            found = [[articles[index[i]].id for i in g] for g in groups]
            precision, recall = grouping.bcubed(found, story_of)
            print(f"{name:5} threshold {threshold:.2f}: B-cubed precision {precision:.3f} recall {recall:.3f}, "
                  f"{len(groups)} groups for {len({story_of[articles[i].id] for i in index})} stories")
            if threshold == chosen:
                scores[name] = {"precision": round(precision, 4), "recall": round(recall, 4), "groups": len(groups)}
    if args.json:
        args.json.write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
