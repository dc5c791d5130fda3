"""Fit the story-grouping pair model on the tune half of the stories benchmark, and score the grouping.

Run: .venv/bin/python bench/train_grouping.py [--write] [--json PATH]

All articles of the chosen stories are read in one batch, as a stream would bring them. The logistic model
(synopsis/archive/grouping_weights.json) is fitted on the pairs of tune articles only; the grouping is then
scored by B-cubed precision and recall on the tune stories mixed together, the check stories mixed together,
and all stories mixed together, at the threshold of ``[stories] grouping_threshold`` and beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.story_split import half, stories  # noqa: E402
from synopsis.archive import grouping  # noqa: E402
from synopsis.backends import load_embedder  # noqa: E402
from synopsis.config import Config  # noqa: E402
from synopsis.ingest import load_articles  # noqa: E402

WEIGHTS = ROOT / "synopsis" / "archive" / "grouping_weights.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="refit on tune and write the weights")
    parser.add_argument("--json", type=Path, help="write the scores here")
    parser.add_argument("--window-sweep", action="store_true", help="score max_story_days choices on tune")
    args = parser.parse_args()
    import numpy as np

    folders = stories()
    loaded = load_articles([f / "articles" for f in folders])
    story_of = {a.id: Path(a.source).parent.parent.name for a in loaded.articles}
    articles = [a for a in loaded.articles if a.copy_of is None]
    embedder = load_embedder("onnx")
    features = grouping.pair_features(articles, embedder)
    tune = np.array([half(story_of[a.id]) == "tune" for a in articles])
    same = np.array([[story_of[a.id] == story_of[b.id] for b in articles] for a in articles])
    if args.write:
        from sklearn.linear_model import LogisticRegression

        upper = np.triu(np.ones(same.shape, dtype=bool), 1) & tune[:, None] & tune[None, :]
        model = LogisticRegression(C=1.0, max_iter=2000).fit(features[upper], same[upper])
        WEIGHTS.write_text(json.dumps({
            "features": list(grouping.FEATURES),
            "weights": [round(float(w), 6) for w in model.coef_[0]],
            "bias": round(float(model.intercept_[0]), 6),
            "fitted_on": "tune half of the stories benchmark, pairs of articles (bench/train_grouping.py)",
        }, indent=1) + "\n", encoding="utf-8")
        grouping._model.cache_clear()
    config = Config.load()
    chosen = config.get("stories", "grouping_threshold")
    if args.window_sweep:
        for days in (1, 2, 3, 5, 7, 10, None):
            probability = grouping.same_story_probability(features, grouping._model(), days)
            index = np.flatnonzero(tune)
            groups = grouping.average_linkage(probability[np.ix_(index, index)], chosen)
            precision, recall = grouping.bcubed([[articles[index[i]].id for i in g] for g in groups], story_of)
            print(f"tune max_story_days {days}: B-cubed precision {precision:.3f} recall {recall:.3f}")
    probability = grouping.same_story_probability(features, grouping._model(), config.get("stories", "max_story_days"))
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
