"""Train the same-measurement pair model (synopsis/claims/measure_weights.json) on the tune stories.

Why: whether two figures from two outlets are readings of one measurement ("242 passengers" on board
against "248" seats; turnout "83 and 84 percent" against "82.5 percent") is learnt better from gold than
written as clauses with exceptions (see synopsis/claims/pairs.py). Only the TUNE half of the stories
benchmark is read for fitting (bench/story_split.py); the check half is only scored, with ``--check``.

How it works:
1. every tune story is built through annotate, entities and quotes, and its figures are read exactly as the
   claims stage reads them (``synopsis.claims.analysis``);
2. a figure is a reading of a gold item's group when one of the group's patterns matches its reading
   ("text || value", as score.py matches) or matches the article text over the figure's span;
3. pairs of figures from two sources are labelled: 1 when both read one gold item (planted or acceptable,
   the same group or two of its groups); 0 when they share no item and either reads one (a gold item's
   groups recognise every reading of it), or when their values clash; pairs whose values agree and that
   gold does not cover are left out (gold need not list every agreeing measurement). Hand labels
   (bench/data/measure_pairs.json: tune files, offsets and a few words to check) win over gold's. Pairs a
   kept rule family vetoes (``[claims] rules``, synopsis/claims/rules.py) are left out;
4. an L2 logistic regression (scikit-learn, fixed seed) is fitted; its strength is chosen by
   leave-one-story-out average precision; a second one reads each pair again with how its first-stage
   probability ranks among each figure's rivals in the other article (``pairs.rivalry_features``), learnt
   from first-stage probabilities that each story gets from a model fitted without it (the shipped weights
   have both stages since Dec 3: held out on tune they found more at the precision floor; ``--one-stage``
   fits the first alone);
5. with leave-one-story-out pair models, every story's candidate discrepancies are read and labelled by
   score.py's rule (they match a planted or acceptable item or not); a second small logistic regression over
   ``conflicts.discrepancy_features`` calibrates their confidence, again leave one story out;
6. the figure link and the confidence threshold are chosen on those held-out confidences, precision first
   (macro precision over stories at least ``--precision``, then most planted items found), counting every
   discrepancy the claims stage reports (names, titles, quotes... with their fixed confidences);
7. both models are refitted on every tune story and written, near-zero weights dropped.

Reproduce (about two minutes on 2 cores with a warm parse cache):

    .venv/bin/python bench/train_measure.py                 # writes the weights, prints thresholds
    .venv/bin/python bench/train_measure.py --check         # also scores the check half
    .venv/bin/python bench/train_measure.py --ablation      # each rule and feature family removed in turn
    .venv/bin/python bench/train_measure.py --ablation rules   # rule families only (and the second stage)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.stories_eval import RESULTS, load_scorer, make_context  # noqa: E402
from bench.story_split import stories  # noqa: E402
from synopsis.claims.analysis import ClaimSettings, analyse, shown  # noqa: E402
from synopsis.claims.conflicts import ConflictSettings, candidates  # noqa: E402
from synopsis.claims.discrepancy import PendingDiscrepancy  # noqa: E402
from synopsis.claims.mentions import FigureMention  # noqa: E402
from synopsis.claims.pairs import WEIGHTS, PairModel, rivalry_features  # noqa: E402
from synopsis.claims.tuning import tuned  # noqa: E402
from synopsis.claims.values import clash, readable  # noqa: E402
from synopsis.context import Context  # noqa: E402
from synopsis.ingest import load_articles  # noqa: E402
from synopsis.models import Dossier  # noqa: E402
from synopsis.pipeline import Pipeline  # noqa: E402

HAND_LABELS = ROOT / "bench" / "data" / "measure_pairs.json"
SEED = 13
STRENGTHS = (0.03, 0.1, 0.3, 1.0, 3.0)
LINKS = (0.3, 0.4, 0.5, 0.6, 0.7)
CONFIDENCES = (0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9)
#: Strength of the confidence calibration (a handful of features, a few hundred candidates).
CALIBRATION_C = 0.3
MIN_WEIGHT = 0.01
#: Gold kinds whose groups describe figures.
FIGURE_KINDS = frozenset({"number", "count", "duration", "date", "time"})
#: A model that scores every pair near zero: the stage runs, figures are read, nothing is linked.
UNSCORED = PairModel({"bias": -30.0})
#: A smaller feature set (``--general``): how alike the two clauses, local words, nouns and verbs are, how far apart
#: the values are, the kind, hedges and updates, the entities; without counts of an article's or a unit's figures
#: (``rivals``, ``crowded``) and the yes/no twins of the similarities. Not shipped: leaving one tune story out it
#: found 0.409 at macro precision 0.854 (every feature: 0.361 at 0.863 with its best thresholds; at the shipped
#: link 0.3 and confidence 0.55, 0.385 / 0.857 against 0.361 / 0.863), one or two items, while on the check half
#: it found 10 figure items of 46 against 13 with precision 0.658 against 0.767 (Dec 3).
GENERAL = ("bias", "kind=", "compatible", "equal", "distance", "near", "close", "apart", "far", "masked_cos",
           "masked_centred", "unit_centred", "local_cos", "head_cos", "verb_cos", "predicate_cos", "frame_cos",
           "frame_cos_missing", "approx_either", "update_either", "entities_jaccard", "nearest_same", "nearest_differs",
           "head_missing", "lead_both")
#: Feature families removed in turn by ``--ablation`` (a family is every feature whose name starts so).
FAMILIES: dict[str, tuple[str, ...]] = {
    "masked clause embedding": ("masked_",),
    "unit embedding and core terms": ("unit_centred", "core_overlap"),
    "noun, verb and frame": ("head_", "verb_", "frame_"),
    "window words": ("window_",),
    "entities": ("entities_", "nearest_"),
    "time anchors and updates": ("years_", "when_", "update_"),
    "named source": ("source_",),
    "hypothetical, stance and subset words": ("hypothetical", "frame_words_differ"),
    "places, period, survey": ("places_", "period_", "survey"),
    "scale and subject": ("scale_", "subject_"),
    "roles and counted nouns": ("role_", "noun_"),
    "values (distance, equality)": ("compatible", "equal", "distance", "near", "far"),
    "several figures in a unit": ("crowded", "echo"),
}


@dataclass
class Story:
    """One story, read as the claims stage reads it."""

    path: Path
    dossier: Dossier
    figures: Any
    units: Any
    claim_of_unit: list[int]
    others: list[PendingDiscrepancy]  # every discrepancy the stage finds besides figures, with its confidence
    #: pair index -> label, whether or not a rule vetoes the pair
    all_labels: dict[int, int] = field(default_factory=dict)

    def labels(self, kept: Sequence[str]) -> dict[int, int]:
        """The labelled pairs no kept rule family vetoes."""
        return {k: v for k, v in self.all_labels.items() if not self.figures.fired[k] & set(kept)}


def build(path: Path, context: Context) -> Story:
    loaded = load_articles([path / "articles"], config=context.config)
    dossier = Pipeline(["annotate", "entities", "quotes"], context=context)(loaded.articles, loaded.rejected)
    settings = ClaimSettings.from_section(context.config.section("claims"))
    analysis = analyse(dossier, context.embedder, settings, UNSCORED)  # links no figure: the rest is found
    return Story(path, dossier, analysis.figures, analysis.unit_set.units, analysis.ordered.claim_of_unit,
                 list(analysis.found))


def mention_groups(dossier: Dossier, mention: FigureMention, items: Sequence[dict[str, Any]]) -> set[tuple[str, int]]:
    """(item id, group index) of every gold group the figure is a reading of."""
    text = dossier.article(mention.article_id).text
    slot = mention.quantity
    probe = f"{slot.text} || {readable(slot)}"
    low, high = max(0, slot.start - 80), min(len(text), slot.end + 80)
    window = text[low:high]
    out: set[tuple[str, int]] = set()
    for item in items:
        for index, group in enumerate(item.get("groups") or ()):
            for pattern in group:
                if re.search(pattern, probe, re.I) or any(
                    low + m.start() < slot.end and slot.start < low + m.end() for m in re.finditer(pattern, window,
                                                                                                   re.I)
                ):
                    out.add((item["id"], index))
                    break
    return out


def label_story(story: Story, hand: Sequence[dict[str, Any]]) -> None:
    gold = json.loads((story.path / "gold.json").read_text(encoding="utf-8"))
    items = [i for i in gold.get("planted", []) + gold.get("acceptable", []) if i.get("kind") in FIGURE_KINDS]
    mentions = story.figures.mentions
    groups = [mention_groups(story.dossier, m, items) for m in mentions]
    for k, (i, j) in enumerate(story.figures.pairs):
        a, b = groups[i], groups[j]
        shared = {item for item, _ in a} & {item for item, _ in b}
        if shared:
            story.all_labels[k] = 1
        elif a or b or clash(mentions[i].quantity, mentions[j].quantity):
            story.all_labels[k] = 0
    for entry in hand:
        if entry["story"] != story.path.name:
            continue
        found = [_locate(story, side) for side in (entry["a"], entry["b"])]
        if None in found:
            print(f"hand label skipped, no figure read there: {story.path.name} {entry['note']}", file=sys.stderr)
            continue
        pair = tuple(sorted(found))  # type: ignore[arg-type,type-var]
        if pair in story.figures.pairs:
            story.all_labels[story.figures.pairs.index(pair)] = int(entry["same"])


def _locate(story: Story, side: dict[str, Any]) -> int | None:
    """The mention whose figure holds ``check`` at or near ``offset`` of ``file``."""
    article = next(a for a in story.dossier.articles if Path(a.source).name == side["file"])
    raw = (story.path / "articles" / side["file"]).read_text(encoding="utf-8")
    if raw[side["offset"] : side["offset"] + len(side["check"])] != side["check"]:
        raise SystemExit(f"hand label does not point at {side['check']!r} in {side['file']}")
    hits = [m.start() for m in re.finditer(re.escape(side["check"]), article.text)]
    if not hits:
        return None
    at = min(hits, key=lambda h: abs(h - side["offset"]))
    for index, mention in enumerate(story.figures.mentions):
        q = mention.quantity
        if mention.article_id == article.id and q.start < at + len(side["check"]) and at < q.end:
            return index
    return None


@dataclass(frozen=True)
class Setup:
    """What a fit varies: the rule families kept and the feature families dropped."""

    kept: tuple[str, ...]
    drop: tuple[str, ...] = ()
    #: the only features fitted (``GENERAL``); empty: every feature ``pairs.pair_features`` reads
    keep: tuple[str, ...] = ()
    #: a second stage reads each pair again with how it ranks among each figure's rivals (off: ``--one-stage``)
    two_stage: bool = False


def fit(stories_: Sequence[Story], strength: float, setup: Setup) -> PairModel:
    """An L2 logistic regression over the labelled pairs of ``stories_`` that no kept rule vetoes."""
    rows, labels = [], []
    for story in stories_:
        for k, label in story.labels(setup.kept).items():
            rows.append(_select(story.figures.features[k], setup))
            labels.append(label)
    return PairModel(_logistic_fit(rows, labels, strength))


def _logistic_fit(rows: Sequence[dict[str, float]], labels: Sequence[int], strength: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        return {"bias": -3.0 if not any(labels) else 3.0}
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=strength, max_iter=5000, random_state=SEED, fit_intercept=False)
    model.fit(x, labels)
    weights = zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
    return {str(k): round(float(v), 4) for k, v in weights if abs(v) >= MIN_WEIGHT}


def _select(features: dict[str, float], setup: Setup) -> dict[str, float]:
    """The features a fit reads: those of ``setup.keep`` (a name ending in "=" keeps every feature it opens) less
    the families of ``setup.drop``."""
    if setup.keep:
        features = {k: v for k, v in features.items() if k in setup.keep or k.split("=")[0] + "=" in setup.keep}
    if setup.drop:
        features = {k: v for k, v in features.items() if not any(k.startswith(prefix) for prefix in setup.drop)}
    return features


def average_precision(stories_: Sequence[Story], models: dict[str, PairModel], setup: Setup,
                      clashing: bool = False) -> float:
    """Held-out average precision over the labelled pairs (only those whose values clash, when ``clashing``)."""
    from sklearn.metrics import average_precision_score

    scores, labels = [], []
    for story in stories_:
        model = models[story.path.name]
        mentions = story.figures.mentions
        for k, label in story.labels(setup.kept).items():
            i, j = story.figures.pairs[k]
            if clashing and not clash(mentions[i].quantity, mentions[j].quantity):
                continue
            scores.append(model.probability(_select(story.figures.features[k], setup)))
            labels.append(label)
    return float(average_precision_score(labels, scores)) if labels else 0.0


def first_stage(story: Story, model: PairModel, setup: Setup) -> list[float]:
    """Every pair's first-stage probability under ``model`` (0 where a kept rule vetoes it)."""
    vetoed = [bool(names & set(setup.kept)) for names in story.figures.fired]
    return [0.0 if veto else model.probability(_select(f, setup))
            for f, veto in zip(story.figures.features, vetoed, strict=True)]


def rank_rows(story: Story, first: Sequence[float], setup: Setup) -> list[dict[str, float]]:
    """Every pair's second-stage features: its own, and how ``first`` ranks it among each figure's rivals."""
    rivalry = rivalry_features(story.figures.pairs, story.figures.mentions, first)
    return [{**_select(f, setup), **r} for f, r in zip(story.figures.features, rivalry, strict=True)]


def fit_rank(stories_: Sequence[Story], rows: dict[str, list[dict[str, float]]], strength: float,
             setup: Setup) -> dict[str, float]:
    """The second stage's weights over the labelled pairs of ``stories_``, read from ``rows``."""
    x, y = [], []
    for story in stories_:
        for k, label in story.labels(setup.kept).items():
            x.append(rows[story.path.name][k])
            y.append(label)
    return _logistic_fit(x, y, strength)


def held_out(stories_: Sequence[Story], strength: float, setup: Setup) -> dict[str, PairModel]:
    """For each story, a pair model fitted on every other story. The second stage learns from first-stage
    probabilities each story gets from a model fitted without it, as the product's come from a model that
    never saw the story."""
    firsts = {s.path.name: fit([o for o in stories_ if o is not s], strength, setup) for s in stories_}
    if not setup.two_stage:
        return firsts
    rows = {s.path.name: rank_rows(s, first_stage(s, firsts[s.path.name], setup), setup) for s in stories_}
    return {s.path.name: PairModel(firsts[s.path.name].weights,
                                   rank_weights=fit_rank([o for o in stories_ if o is not s], rows, strength, setup))
            for s in stories_}


def candidate_rows(
    story: Story, model: PairModel, link: float, setup: Setup
) -> list[tuple[PendingDiscrepancy, dict[str, float]]]:
    """The story's figure discrepancies with ``model``, before any confidence threshold, and their features."""
    figures = story.figures
    figures.vetoed = [bool(names & set(setup.kept)) for names in figures.fired]
    features = [_select(f, setup) for f in figures.features]
    figures.probabilities = model.probabilities(figures.pairs, figures.mentions, features, figures.vetoed)
    settings = ConflictSettings(link, tuned()["seed_floor"])
    return candidates(story.dossier, story.units, figures, story.claim_of_unit, settings)


def _as_scored(found: PendingDiscrepancy) -> dict[str, Any]:
    return {"kind": found.kind, "readings": [dataclasses.asdict(r) for r in found.readings]}


def is_right(story: Story, found: PendingDiscrepancy) -> bool:
    gold = json.loads((story.path / "gold.json").read_text(encoding="utf-8"))
    scorer = load_scorer()
    return any(scorer.matches(item, _as_scored(found)) for item in gold.get("planted", []) + gold.get("acceptable", []))


@dataclass
class Candidates:
    """Every story's figure discrepancies at one link, with features, labels and held-out confidences."""

    rows: dict[str, list[tuple[PendingDiscrepancy, dict[str, float], int]]]

    def calibrate(self, strength: float, exclude: str | None = None) -> dict[str, float]:
        rows = [(f, y) for slug, items in self.rows.items() if slug != exclude for _found, f, y in items]
        return _logistic_fit([f for f, _y in rows], [y for _f, y in rows], strength)

    def held_out_confidences(self, strength: float) -> None:
        for slug, items in self.rows.items():
            calibrator = PairModel({}, self.calibrate(strength, exclude=slug))
            for found, features, _label in items:
                found.confidence = calibrator.confidence(features)


def gather(stories_: Sequence[Story], models: dict[str, PairModel], link: float, setup: Setup) -> Candidates:
    rows = {}
    for story in stories_:
        rows[story.path.name] = [(found, features, int(is_right(story, found)))
                                 for found, features in candidate_rows(story, models[story.path.name], link, setup)]
    return Candidates(rows)


def scores(stories_: Sequence[Story], candidates_: Candidates, confidence: float) -> dict[str, Any]:
    """Macro found and precision over stories (score.py's rule) of what the stage would show at ``confidence``."""
    scorer = load_scorer()
    rows = {}
    for story in stories_:
        gold = json.loads((story.path / "gold.json").read_text(encoding="utf-8"))
        figures = [found for found, _f, _y in candidates_.rows[story.path.name]]
        at = dataclasses.replace(ClaimSettings.from_section(tuned()), min_confidence=confidence)
        kept = shown([*figures, *story.others], at)
        counts = scorer.score_story({"discrepancies": [_as_scored(f) for f in kept], "entities": [], "quotes": [],
                                     "articles": []}, gold, story.path)
        rows[story.path.name] = (counts["found"], counts["planted"], counts["right"], counts["reported"])
    found = [f / p for f, p, _, _ in rows.values() if p]
    precision = [r / n for _, _, r, n in rows.values() if n]
    return {"found": sum(found) / max(1, len(found)), "precision": sum(precision) / max(1, len(precision)),
            "stories": rows}


def choose(stories_: Sequence[Story], models: dict[str, PairModel], setup: Setup, floor: float,
           verbose: bool = True) -> tuple[float, float, dict[str, Any]]:
    """The link and confidence giving the most planted items found with macro precision at least ``floor``
    (the most precise pair when none reaches it), on held-out models and calibrations."""
    best: tuple[bool, float, float, float, dict[str, Any]] | None = None
    for link in LINKS:
        gathered = gather(stories_, models, link, setup)
        gathered.held_out_confidences(CALIBRATION_C)
        for confidence in CONFIDENCES:
            s = scores(stories_, gathered, confidence)
            ok = s["precision"] >= floor
            key = (ok, s["found"] if ok else s["precision"], -link, -confidence, s)
            if best is None or key[:4] > best[:4]:
                best = key
            if verbose:
                print(f"  link {link:.2f} confidence {confidence:.2f}: found {s['found']:.3f} "
                      f"precision {s['precision']:.3f}", file=sys.stderr)
    assert best is not None
    return -best[2], -best[3], best[4]


def write(model: PairModel, strength: float, path: Path) -> None:
    payload = {
        "about": "same-measurement pair model for synopsis.claims.pairs and the calibration of figure "
                 "discrepancies' confidence (synopsis.claims.conflicts); trained by bench/train_measure.py on "
                 f"the tune half of the stories benchmark (L2 logistic regressions, C={strength} and "
                 f"C={CALIBRATION_C})",
        "weights": dict(sorted(model.weights.items())),
        "confidence_weights": dict(sorted(model.confidence_weights.items())),
        "rank_weights": dict(sorted(model.rank_weights.items())),
    }
    path.write_text(json.dumps(payload, indent=0) + "\n", encoding="utf-8")


def final_model(stories_: Sequence[Story], strength: float, setup: Setup, link: float) -> PairModel:
    """The pair model fitted on every story, with a calibration fitted on held-out pair models' candidates."""
    pair = fit(stories_, strength, setup)
    held = held_out(stories_, strength, setup)
    rank: dict[str, float] = {}
    if setup.two_stage:
        firsts = {s.path.name: PairModel(held[s.path.name].weights) for s in stories_}
        rows = {s.path.name: rank_rows(s, first_stage(s, firsts[s.path.name], setup), setup) for s in stories_}
        rank = fit_rank(stories_, rows, strength, setup)
    gathered = gather(stories_, held, link, setup)
    return PairModel(pair.weights, gathered.calibrate(CALIBRATION_C), rank)


def evaluate(stories_: Sequence[Story], model: PairModel, setup: Setup, link: float,
             confidence: float) -> dict[str, Any]:
    """Scores of ``model`` on stories it was not fitted on (the check half)."""
    everywhere = {s.path.name: PairModel(model.weights, rank_weights=model.rank_weights) for s in stories_}
    gathered = gather(stories_, everywhere, link, setup)
    for items in gathered.rows.values():
        for found, features, _label in items:
            found.confidence = model.confidence(features)
    return scores(stories_, gathered, confidence)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--parse-cache", type=Path, default=RESULTS / "parse-cache")
    parser.add_argument("--precision", type=float, default=0.85, help="macro precision floor on tune")
    parser.add_argument("--check", action="store_true", help="also score the check half with the new model")
    parser.add_argument("--ablation", nargs="?", const="all", choices=("all", "rules"),
                        help="each rule family (and, with 'all', each feature family) changed in turn")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--general", action="store_true",
                        help="fit only the GENERAL features, not every feature pairs.pair_features reads")
    parser.add_argument("--one-stage", action="store_true",
                        help="leave out the second stage (pairs.rivalry_features), which the shipped weights have")
    args = parser.parse_args(argv)
    context = make_context(args.parse_cache)
    settings = ClaimSettings.from_section(context.config.section("claims"))
    setup = Setup(settings.rules, keep=GENERAL if args.general else (), two_stage=not args.one_stage)
    hand = json.loads(HAND_LABELS.read_text(encoding="utf-8"))["pairs"] if HAND_LABELS.exists() else []
    tune = [build(path, context) for path in stories("tune")]
    for story in tune:
        label_story(story, hand)
    labelled = [label for s in tune for label in s.labels(setup.kept).values()]
    print(f"{len(tune)} tune stories; {len(labelled)} labelled pairs, {sum(labelled)} positive; rules kept: "
          f"{', '.join(setup.kept)}", file=sys.stderr)
    strength = max(STRENGTHS, key=lambda c: (round(average_precision(tune, held_out(tune, c, setup), setup), 3), -c))
    models = held_out(tune, strength, setup)
    print(f"C={strength}: held-out average precision {average_precision(tune, models, setup):.3f}, on clashing "
          f"pairs {average_precision(tune, models, setup, clashing=True):.3f}", file=sys.stderr)
    link, confidence, held = choose(tune, models, setup, args.precision)
    print(f"thresholds: figure_link = {link}, min_confidence = {confidence} (tune, held-out models: found "
          f"{held['found']:.3f}, precision {held['precision']:.3f})")
    for name, (f, p, r, n) in held["stories"].items():
        print(f"  {name:42} found {f}/{p}  right {r}/{n}")
    final = final_model(tune, strength, setup, link)
    write(final, strength, args.out)
    print(f"weights: {args.out}")
    if args.check or args.ablation:
        check = [build(path, context) for path in stories("check")]
        result = evaluate(check, final, setup, link, confidence)
        print(f"check: found {result['found']:.3f} precision {result['precision']:.3f}")
        for name, (f, p, r, n) in result["stories"].items():
            print(f"  {name:42} found {f}/{p}  right {r}/{n}")
    if args.ablation:
        ablation(tune, check, setup, strength, link, confidence, result, features=args.ablation == "all")
    return 0


def ablation(tune: Sequence[Story], check: Sequence[Story], setup: Setup, strength: float, link: float,
             confidence: float, full: dict[str, Any], features: bool = True) -> None:
    """Each kept rule family, each rule family not kept, and each feature family changed in turn: macro found
    and precision on tune (held-out models, thresholds as chosen) and on check."""
    print(f"{'change':44} {'tune found':>10} {'prec':>6} {'check found':>11} {'prec':>6}")
    base = scores(tune, _held_gather(tune, setup, strength, link), confidence)
    print(f"{'(none)':44} {base['found']:10.3f} {base['precision']:6.3f} {full['found']:11.3f} "
          f"{full['precision']:6.3f}")
    from synopsis.claims.rules import RULES

    two = setup.two_stage
    changes: list[tuple[str, Setup]] = [
        *((f"rule removed: {name}", dataclasses.replace(setup, kept=tuple(r for r in setup.kept if r != name)))
          for name in setup.kept),
        *((f"rule added: {name}", dataclasses.replace(setup, kept=(*setup.kept, name)))
          for name in RULES if name not in setup.kept and features),
        *((f"features removed: {name}", dataclasses.replace(setup, drop=prefixes))
          for name, prefixes in FAMILIES.items() if features),
        ("the other number of stages", dataclasses.replace(setup, two_stage=not two)),
        ("the other feature set", dataclasses.replace(setup, keep=() if setup.keep else GENERAL)),
    ]
    for label, changed in changes:
        on_tune = scores(tune, _held_gather(tune, changed, strength, link), confidence)
        on_check = evaluate(check, final_model(tune, strength, changed, link), changed, link, confidence)
        print(f"{label:44} {on_tune['found']:10.3f} {on_tune['precision']:6.3f} {on_check['found']:11.3f} "
              f"{on_check['precision']:6.3f}", flush=True)


def _held_gather(tune: Sequence[Story], setup: Setup, strength: float, link: float) -> Candidates:
    gathered = gather(tune, held_out(tune, strength, setup), link, setup)
    gathered.held_out_confidences(CALIBRATION_C)
    return gathered


if __name__ == "__main__":
    sys.exit(main())
