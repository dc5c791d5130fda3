"""Train the cue model (synopsis/quotes/cue_weights.json) from the PolNeAR train split.

Why: which words report speech or thought, and which of the attributions the span rules build
from them are real, is learnt better from annotated news than listed by hand (see
synopsis/quotes/cues.py). Only the train split is read; dev stays for reporting.

How it works:
1. parse the 840 train articles with en_core_web_md, kept as DocBin files under ``--cache DIR``
   (default bench/results/polnear-train, ignored by git) so that retraining skips spaCy;
2. every candidate word (a verb, or a noun governing a clause or a prepositional object) frames
   an attribution by the span rules (``extract.candidate_attribution``); it gets the features of
   ``extract.scored_features`` (the word, its window and frame, and the shape of what it frames)
   and is labelled 1 when that attribution pairs with a gold one as score.py pairs them, with a
   cue sharing a token with the gold cue (one candidate per gold attribution, the one with the
   exact gold cue where there is one);
3. an L2 logistic regression (scikit-learn) is fitted on 70% of the articles; the acceptance
   threshold is the one that maximises the mean of source, cue and content exact F1 and
   attribution F1 (the benchmark's own score.py) on the held-out 30%;
4. the model is refitted on all train articles and written, rare features and near-zero
   weights dropped, with that threshold;
5. the content-boundary model (synopsis/quotes/content_weights.json, see
   synopsis/quotes/boundary.py): with the cue model of step 3, every unquoted content
   found in the 70% part lists its candidate ends; a candidate is labelled 1 when it is the
   end of the gold content it overlaps (contents with no right candidate are skipped). An L2
   logistic regression is fitted on those candidates; its strength and a bias towards the
   parse subtree's end are chosen on the held-out 30% with the same mean of score.py
   figures, then it is refitted on all train articles with the final cue model.

Reproduce (about 25 minutes on 2 busy cores, the parse included):

    .venv/bin/python bench/train_attribution.py
    .venv/bin/python bench/polnear_eval.py            # dev figures with the new weights
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from polnear_eval import POLNEAR, as_record, load_scorer  # noqa: E402

from synopsis.quotes.boundary import WEIGHTS as BOUNDARY_WEIGHTS  # noqa: E402
from synopsis.quotes.boundary import BoundaryModel, ContentEnd  # noqa: E402
from synopsis.quotes.cues import WEIGHTS, CueModel, unit  # noqa: E402
from synopsis.quotes.extract import candidate_attribution, extract_attributions, scored_features  # noqa: E402
from synopsis.quotes.shapes import according_to  # noqa: E402
from synopsis.quotes.spans import quote_marks  # noqa: E402

CHUNK = 105
VECTOR_WIDTH = 300
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
#: Weights nearer zero than this are dropped (they change no decision; the file stays small).
MIN_WEIGHT = 0.1
BOUNDARY_C = (0.3, 1.0, 3.0)
#: Added to the subtree end's score: how much evidence a cut needs before it wins.
BOUNDARY_BIAS = (-0.5, 0.0, 0.5)
TARGETS = ("source_exact_f1", "cue_exact_f1", "content_exact_f1", "attribution_f1")


def parsed_train(nlp: Any, stems: list[str], texts: dict[str, str], cache: Path | None) -> list[Any]:
    """The parse of every train article, read from (or written to) DocBin chunks under ``cache``."""
    from spacy.tokens import DocBin

    docs: list[Any] = []
    for k in range(0, len(stems), CHUNK):
        part = stems[k:k + CHUNK]
        path = cache / f"train_{k:04d}.spacy" if cache is not None else None
        if path is not None and path.exists():
            chunk = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            if [d.text for d in chunk] == [texts[s] for s in part]:
                docs.extend(chunk)
                continue
        chunk = list(nlp.pipe((texts[s] for s in part), batch_size=16))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=chunk, store_user_data=False).to_disk(path)
        docs.extend(chunk)
    return docs


def examples(score: Any, article: Any, doc: Any,
             gold: list[dict[str, Any]]) -> tuple[list[list[str]], list[int], list[Any]]:
    """Features and labels of every attribution the rules can build in one article, one per candidate word.

    A candidate is labelled 1 when what it frames is a gold attribution in score.py's sense
    (content and source share a token with the gold's, or both sources are empty) and its cue
    shares a token with the gold cue; each gold attribution labels one candidate at most, the one
    whose cue is exactly the gold's where there is one.
    """
    text = doc.text
    quotes = quote_marks(text)
    starts = [q.start for q in quotes]
    built = []
    for token in doc:
        if token.lower_ == "according" and according_to(token) is not None:
            continue  # 'according to' is taken by rule
        made = candidate_attribution(token, text, quotes, starts)
        if made is not None:
            built.append((token, made))
    predicted = [score.prep(article, [as_record(m)]) for _, m in built]
    truth = score.prep(article, gold)
    pairs = []
    for i, item in enumerate(predicted):
        if not item:
            continue
        p = item[0]
        for j, g in enumerate(truth):
            shared = len(p["content"][1] & g["content"][1])
            said = len(p["source"][1] & g["source"][1])
            cue = len(p["cue"][1] & g["cue"][1])
            if shared and (said or not (p["source"][1] or g["source"][1])) and cue:
                exact = int(p["cue"][0] == g["cue"][0])  # of two candidates for one gold, the one with its cue
                pairs.append(((-exact, -(shared + said), -cue, i, j), i, j))
    positives = {i for i, _ in score.greedy_pairs(pairs)}
    feats, labels, vectors = [], [], []
    for i, (token, made) in enumerate(built):
        feats.append(scored_features(token, text, quotes, starts, made))
        labels.append(int(i in positives))
        vectors.append(unit(token.vector) if token.has_vector else [0.0] * VECTOR_WIDTH)
    return feats, labels, vectors


def fit(feats: list[list[str]], labels: list[int], vectors: list[Any], c: float,
        min_count: int = 5) -> tuple[dict[str, float], list[float]]:
    """Sparse feature weights (rare features dropped) and the word-vector weights."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for row in feats for f in set(row))
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{f: 1 for f in row if counts[f] >= min_count} for row in feats])
    dense = csr_matrix(np.asarray(vectors, dtype=np.float64))
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(hstack([matrix, dense]).tocsr(), labels)
    names = list(vectorizer.get_feature_names_out())
    coef = model.coef_[0]
    weights = {name: float(w) for name, w in zip(names, coef[: len(names)], strict=True)}
    weights["bias"] = weights.get("bias", 0.0) + float(model.intercept_[0])
    sparse = {k: round(v, 3) for k, v in weights.items() if abs(v) >= MIN_WEIGHT}
    return sparse, [round(float(w), 4) for w in coef[len(names):]]


class EndRecorder:
    """Stands in for the boundary model during training: keeps every candidate list, changes nothing."""

    def __init__(self) -> None:
        self.seen: list[list[ContentEnd]] = []

    def choose(self, options: list[ContentEnd]) -> int:
        self.seen.append(options)
        return options[0].end


def boundary_examples(article: Any, doc: Any, gold: list[dict[str, Any]],
                      model: CueModel) -> list[tuple[dict[str, int], int]]:
    """Candidate ends of one article's unquoted contents with their labels (1: the gold content's end)."""
    recorder = EndRecorder()
    extract_attributions(doc, model, recorder)  # type: ignore[arg-type]
    contents = [article.normalise(g["content"]) for g in gold if g["content"]]
    rows: list[tuple[dict[str, int], int]] = []
    for options in recorder.seen:
        start = options[0].start
        current = article.normalise([(start, options[0].end)])
        if not current:
            continue
        head = current[0]
        match = next((c for c in contents if c[-1][0] <= head[0] < c[-1][1] or head[0] <= c[-1][0] < head[1]), None)
        if match is None:
            continue
        ends = [article.normalise([(start, o.end)]) for o in options]
        labels = [int(bool(e) and e[0][1] == match[-1][1]) for e in ends]
        if any(labels):
            rows.extend(({f: 1 for f in o.features}, y) for o, y in zip(options, labels, strict=True))
    return rows


def fit_boundary(rows: list[tuple[dict[str, int], int]], c: float, bias: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([x for x, _ in rows])
    model = LogisticRegression(C=c, max_iter=3000).fit(matrix, [y for _, y in rows])
    weights = {n: float(w) for n, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)}
    weights["bias_current"] = weights.get("bias_current", 0.0) + bias
    return {k: round(v, 3) for k, v in sorted(weights.items()) if abs(v) >= 0.05}


def evaluate(score: Any, articles: dict[str, Any], gold: dict[str, Any], docs: dict[str, Any],
             model: CueModel, boundary: BoundaryModel | None = None) -> dict[str, float]:
    preds = {stem: [as_record(a) for a in extract_attributions(doc, model, boundary)] for stem, doc in docs.items()}
    figures: dict[str, float] = score.figures(score.score(
        {s: articles[s] for s in docs}, {s: gold[s] for s in docs}, preds))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "results" / "polnear-train",
                        help="folder for the DocBin parse of train (kept between runs, so retraining skips spaCy)")
    parser.add_argument("--c", type=float, default=0.5, help="inverse L2 strength of the logistic regression")
    parser.add_argument("--threshold", type=float, default=None,
                        help="keep this acceptance threshold instead of the held-out best (the committed 0.35 tied "
                             "the best 0.40 there, .641 against .642, and keeps the sample story's gold quotes)")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--boundary-out", type=Path, default=BOUNDARY_WEIGHTS)
    args = parser.parse_args()

    from synopsis.nlp import load_model

    score = load_scorer()
    articles, gold, _notes = score.load_gold(str(POLNEAR / "train"))
    stems = sorted(articles)
    docs = dict(zip(stems, parsed_train(load_model("en_core_web_md"), stems,
                                        {s: articles[s].text for s in stems}, args.cache), strict=True))
    rows = {s: examples(score, articles[s], docs[s], gold[s]) for s in stems}

    shuffled = stems[:]
    random.Random(13).shuffle(shuffled)
    held = set(shuffled[: int(len(stems) * 0.3)])
    fit_stems = [s for s in stems if s not in held]
    weights, vector_weights = fit([f for s in fit_stems for f in rows[s][0]],
                                  [y for s in fit_stems for y in rows[s][1]],
                                  [v for s in fit_stems for v in rows[s][2]], args.c)
    best = (-1.0, 0.5)
    for cut in THRESHOLDS:
        model = CueModel(weights, cut, vector_weights)
        figures = evaluate(score, articles, gold, {s: docs[s] for s in sorted(held)}, model, None)
        mean = sum(figures[k] for k in TARGETS) / len(TARGETS)
        print(f"threshold {cut:.2f}: " + " ".join(f"{k}={figures[k]:.3f}" for k in TARGETS) + f" mean={mean:.3f}")
        best = max(best, (mean, cut))
    if args.threshold is not None:
        best = (best[0], args.threshold)
    held_model = CueModel(weights, best[1], vector_weights)
    end_rows = [r for s in fit_stems for r in boundary_examples(articles[s], docs[s], gold[s], held_model)]
    best_end = (-1.0, 1.0, 0.0)
    for c in BOUNDARY_C:
        for bias in BOUNDARY_BIAS:
            ender = BoundaryModel(fit_boundary(end_rows, c, bias))
            figures = evaluate(score, articles, gold, {s: docs[s] for s in sorted(held)}, held_model, ender)
            mean = sum(figures[k] for k in TARGETS) / len(TARGETS)
            print(f"boundary C={c} bias={bias}: " + " ".join(f"{k}={figures[k]:.3f}" for k in TARGETS)
                  + f" mean={mean:.3f}")
            best_end = max(best_end, (mean, c, bias))

    weights, vector_weights = fit([f for s in stems for f in rows[s][0]], [y for s in stems for y in rows[s][1]],
                                  [v for s in stems for v in rows[s][2]], args.c)
    final = CueModel(weights, best[1], vector_weights)
    end_rows = [r for s in stems for r in boundary_examples(articles[s], docs[s], gold[s], final)]
    args.boundary_out.write_text(json.dumps({
        "about": "content-end model for synopsis.quotes.boundary; trained by bench/train_attribution.py "
                 "on PolNeAR train",
        "c": best_end[1], "bias": best_end[2],
        "weights": fit_boundary(end_rows, best_end[1], best_end[2]),
    }, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.boundary_out}: C={best_end[1]}, bias={best_end[2]} (held-out mean {best_end[0]:.3f})")
    args.out.write_text(json.dumps({
        "about": "cue model for synopsis.quotes.cues; trained by bench/train_attribution.py on PolNeAR train",
        "threshold": best[1],
        "vector_weights": vector_weights,
        "weights": dict(sorted(weights.items())),
    }, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} weights, threshold {best[1]:.2f} (held-out mean {best[0]:.3f})")


if __name__ == "__main__":
    main()
