"""Train the quote pair model (synopsis/quotes/cluster_weights.json) on the tune stories; report both halves.

Why: whether two quotes from two outlets are one statement (a translation, a trim, a partial quote of a full
sentence) is learnt from the stories benchmark's ``quotes`` gold instead of set by hand-picked thresholds
on letters and embeddings (see synopsis/quotes/clusters.py). Only the TUNE half (bench/story_split.py) is
fitted on; the check half is only reported.

How:
1. ``--collect``: every story is built as bench/stories_eval.py builds it; the quotes stage's cluster items
   are kept, and ``clusters.PairTable`` gives every candidate pair (two articles) its features, exactly as at
   run time. A quote covers a gold wording when their spans overlap in the article's text (score.py's rule).
   A pair is labelled 1 when both quotes cover one gold statement, 0 when they cover different ones or
   when one covers a statement that gold places elsewhere in the other's article; other pairs stay
   unlabelled, since gold need not list every outlet reporting a statement (they still take part in the
   clustering below). The
   table goes to bench/data/quote_pairs_<half>.json: files, offsets, features, labels, which quotes cover
   which statement; no article text;
2. ``--fit``: L2 logistic regressions (scikit-learn) with and without the embedding features; the strength
   and the threshold are chosen on leave-one-story-out probabilities by clustering every story as the stage
   does (union-find over pairs at or above the threshold, plus the within-article repetitions) and scoring
   it by score.py's rule: precision first (no two gold statements merged, unless one quote holds both, at
   the threshold and one step below it; pair precision of joined labelled pairs at least ``--precision``),
   then most statements clustered;
   the models are refitted on every tune pair and written; the threshold is printed for defaults.toml;
3. ``--report``: the check (and tune) half's tables are clustered with the shipped weights and threshold, per
   story: statements clustered and statements wrongly merged;
4. ``--diagnose [--half tune]``: why each gold statement is or is not clustered by the shipped model, counted
   per cause (a wording no quote covers, speakers told apart and not compatible (``clusters.compatible_speakers``),
   no shared content word, the pair model below the threshold).

``--collect`` scores the pairs without embeddings unless ``--embed`` is given; ``--fit`` refits the embedded
weights only from a table collected with them (otherwise the shipped ones stay). ``--items-cache DIR`` (outside
the repository: it holds article text) keeps the built quotes, so that later runs skip the build.

Reproduce (about three minutes on 2 cores with a warm parse cache):

    .venv/bin/python bench/train_quote_pairs.py --collect     # builds both halves, writes the pair tables
    .venv/bin/python bench/train_quote_pairs.py --fit         # writes the weights, prints the threshold
    .venv/bin/python bench/train_quote_pairs.py --report      # per-story figures with the shipped model
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.story_split import STORIES, stories  # noqa: E402
from synopsis.config import Config  # noqa: E402
from synopsis.quotes import clusters  # noqa: E402
from synopsis.quotes.clusters import EMBEDDING_FEATURES, FEATURES, ClusterSettings, PairModel, PairTable  # noqa: E402
from synopsis.util import DisjointSet  # noqa: E402

DATA = ROOT / "bench" / "data"
SEED = 7
STRENGTHS = (0.1, 0.3, 1.0, 3.0, 10.0)
#: The stages up to the quotes (the later ones do not change quotes).
STAGES = ("annotate", "entities", "quotes")
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(4, 20))


def table_path(half: str) -> Path:
    return DATA / f"quote_pairs_{half}.json"


# --- collect --------------------------------------------------------------------------------------------


def built_items(half: str, parse_cache: Path, cache: Path | None = None) -> dict[str, Any]:
    """Every story of ``half`` built as bench/stories_eval.py builds it: its articles (id, file, text) and the
    quotes stage's cluster items. ``cache``: a pickle kept outside the repository (it holds article text) that
    later runs read instead of building again."""
    import pickle

    if cache is not None and cache.exists():
        return dict(pickle.loads(cache.read_bytes()))
    from bench.stories_eval import make_context
    from synopsis.ingest import load_articles
    from synopsis.pipeline import Pipeline
    from synopsis.quotes import stage as quote_stage

    context = make_context(parse_cache)
    captured: dict[str, Any] = {}
    original = quote_stage.cluster_quotes

    def recording(items: Sequence[clusters.ClusterItem], settings_: ClusterSettings,
                  embed: Callable[[list[str]], Any] | None = None, model: PairModel | None = None) -> list[int]:
        captured["items"] = list(items)
        return original(items, settings_, embed, model)

    quote_stage.cluster_quotes = recording  # type: ignore[assignment]
    out: dict[str, Any] = {}
    try:
        for story in stories(half):
            loaded = load_articles([story / "articles"], config=context.config)
            built = Pipeline(STAGES, context=context)(loaded.articles, loaded.rejected)
            articles = [{"id": a.id, "file": Path(str(a.source or "")).name, "text": a.text} for a in built.articles]
            out[story.name] = {"articles": articles, "items": captured.pop("items", [])}
            print(f"{story.name}: {len(out[story.name]['items'])} quotes", file=sys.stderr)
    finally:
        quote_stage.cluster_quotes = original  # type: ignore[assignment]
    if cache is not None:
        cache.write_bytes(pickle.dumps(out))
    return out


def collect(half: str, parse_cache: Path, cache: Path | None = None, embedded: bool = False) -> dict[str, Any]:
    """Every story of ``half``: its items' gold coverage and its candidate pairs with features (with the
    embedding features too when ``embedded``)."""
    from synopsis.context import Context

    config = Config.load()
    settings = ClusterSettings.from_config(config)
    context = Context(config)
    embed = (lambda texts: context.embedder.embed(texts)) if embedded else None
    out: dict[str, Any] = {"half": half, "embedded": embedded, "stories": {}}
    for slug, built in built_items(half, parse_cache, cache).items():
        out["stories"][slug] = story_table(STORIES / slug, built["articles"], built["items"], settings, embed)
    return out


def coverage_of(story: Path, articles: Sequence[dict[str, Any]],
                items: Sequence[clusters.ClusterItem]) -> list[dict[str, list[int]]]:
    """coverage[g][file]: the items covering gold statement g's wording in that file (score.py's overlap rule)."""
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8")).get("quotes", [])
    coverage: list[dict[str, list[int]]] = []
    for q in gold:
        per_file: dict[str, list[int]] = {}
        for fname, wording in zip(q["files"], q["wordings"], strict=True):
            article = next((a for a in articles if a["file"] == fname), None)
            at = article["text"].find(wording) if article else -1
            per_file[fname] = [k for k, it in enumerate(items) if article is not None and at >= 0
                               and it.article_id == article["id"] and it.start < at + len(wording) and at < it.end]
        coverage.append(per_file)
    return coverage


def story_table(story: Path, articles: Sequence[dict[str, Any]], items: list[clusters.ClusterItem],
                settings: ClusterSettings, embed: Callable[[list[str]], Any] | None = None) -> dict[str, Any]:
    files = {a["id"]: a["file"] for a in articles}
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8")).get("quotes", [])
    coverage = coverage_of(story, articles, items)
    covers: list[set[int]] = [set() for _ in items]
    for g, per_file in enumerate(coverage):
        for ks in per_file.values():
            for k in ks:
                covers[k].add(g)
    table = PairTable(items, embed)
    pairs = []
    for i, j in table.candidates(settings):
        label = pair_label(covers[i], covers[j], files[items[i].article_id], files[items[j].article_id], coverage)
        feats = table.features(i, j)
        pairs.append({"i": i, "j": j, "label": label, "f": [round(feats[n], 4) for n in FEATURES]})
    repeats = [[i, j] for i in range(len(items)) for j in range(i + 1, len(items))
               if (table.repeated(i, j, settings) if items[i].article_id == items[j].article_id
                   else clusters.same_speaker(items[i], items[j]) is False and table.verbatim(i, j, settings))]
    return {
        "items": [{"file": files[it.article_id], "start": it.start, "end": it.end,
                   "covers": sorted(covers[k])} for k, it in enumerate(items)],
        "statements": [{"speaker": q["speaker"], "files": coverage[g]} for g, q in enumerate(gold)],
        "repeats": repeats,  # joined before the model: repetitions in one article, verbatim runs across two
        "pairs": pairs,
    }


def pair_label(covers_a: set[int], covers_b: set[int], file_a: str, file_b: str,
               coverage: Sequence[dict[str, list[int]]]) -> int | None:
    """1: both quotes cover one gold statement. 0: they cover different ones, or one covers a statement that
    gold places elsewhere in the other's article. None: gold does not say (it need not list every outlet that
    reports a statement, so a quote beside no gold wording may still be one)."""
    if covers_a & covers_b:
        return 1
    if covers_a and covers_b:
        return 0
    if any(file_b in coverage[g] for g in covers_a) or any(file_a in coverage[g] for g in covers_b):
        return 0
    return None


# --- cluster and score a table ------------------------------------------------------------------------


def cluster_story(story: dict[str, Any], probabilities: Sequence[float], threshold: float) -> list[int]:
    groups = DisjointSet(range(len(story["items"])))
    for i, j in story["repeats"]:
        groups.union(i, j)
    for pair, p in zip(story["pairs"], probabilities, strict=True):
        if p >= threshold:
            groups.union(pair["i"], pair["j"])
    return [groups.find(k) for k in range(len(story["items"]))]


def score_story(story: dict[str, Any], cluster: Sequence[int], probabilities: Sequence[float],
                threshold: float) -> dict[str, int]:
    """Statements clustered (score.py's rule), statements wrongly merged, labelled joined pairs right/all."""
    clustered = 0
    for statement in story["statements"]:
        sets = [{cluster[k] for k in ks} for ks in statement["files"].values()]
        clustered += bool(sets) and all(sets) and bool(set.intersection(*sets))
    members: dict[int, list[int]] = {}
    for k, c in enumerate(cluster):
        members.setdefault(c, []).append(k)
    merged = set()
    for ks in members.values():
        covers = [set(story["items"][k]["covers"]) for k in ks]
        present = set().union(*covers)
        for a in present:
            for b in present:
                if a < b and not any(a in c and b in c for c in covers):
                    merged.add((a, b))
    right = joined = 0
    for pair, p in zip(story["pairs"], probabilities, strict=True):
        if p >= threshold and pair["label"] is not None:
            joined += 1
            right += pair["label"]
    return {"clustered": clustered, "statements": len(story["statements"]), "merged": len(merged),
            "joined": joined, "right": right}


def totals(rows: Sequence[dict[str, int]]) -> dict[str, int]:
    keys = ("clustered", "statements", "merged", "joined", "right")
    return {k: sum(r[k] for r in rows) for k in keys}


# --- fit ------------------------------------------------------------------------------------------------


def columns(names: Sequence[str]) -> list[int]:
    return [FEATURES.index(n) for n in names]


def fit_weights(rows: list[list[float]], labels: list[int], names: Sequence[str], strength: float) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=strength, max_iter=5000, random_state=SEED)
    model.fit(rows, labels)
    weights = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)}
    weights["bias"] = round(float(model.intercept_[0]), 4)
    return weights


def labelled(
    stories_: dict[str, Any], names: Sequence[str], skip: str | None = None
) -> tuple[list[list[float]], list[int]]:
    cols = columns(names)
    rows, labels = [], []
    for slug, story in stories_.items():
        if slug == skip:
            continue
        for pair in story["pairs"]:
            if pair["label"] is not None:
                rows.append([pair["f"][c] for c in cols])
                labels.append(pair["label"])
    return rows, labels


def probabilities(story: dict[str, Any], weights: dict[str, float]) -> list[float]:
    model = PairModel(weights, weights)
    return [model.probability(dict(zip(FEATURES, pair["f"], strict=True))) for pair in story["pairs"]]


def held_out(stories_: dict[str, Any], names: Sequence[str], strength: float) -> dict[str, list[float]]:
    """Each story's pair probabilities from a model fitted on the other stories."""
    out = {}
    for slug, story in stories_.items():
        rows, labels = labelled(stories_, names, skip=slug)
        out[slug] = probabilities(story, fit_weights(rows, labels, names, strength))
    return out


def choose(stories_: dict[str, Any], names: Sequence[str], precision: float) -> tuple[float, float, dict[str, int]]:
    """The strength and threshold that cluster most statements while merging no two gold statements, at that
    threshold and one step below it (the held-out curve is steep: a step of margin), with pair precision kept."""
    best: tuple[tuple[int, ...], float, float, dict[str, int]] | None = None
    for strength in STRENGTHS:
        held = held_out(stories_, names, strength)
        figures = []
        for threshold in THRESHOLDS:
            rows = [score_story(s, cluster_story(s, held[slug], threshold), held[slug], threshold)
                    for slug, s in stories_.items()]
            figures.append(totals(rows))
            t = figures[-1]
            print(f"  C={strength:<5} t={threshold:.2f} clustered {t['clustered']}/{t['statements']} "
                  f"merged {t['merged']} pairs {t['right']}/{t['joined']}", file=sys.stderr)
        for k, (threshold, t) in enumerate(zip(THRESHOLDS, figures, strict=True)):
            margin = k > 0 and figures[k - 1]["merged"] == 0
            ok = margin and t["merged"] == 0 and (t["joined"] == 0 or t["right"] / t["joined"] >= precision)
            key = (int(ok), t["clustered"], t["right"] - t["joined"], int(threshold * 100))
            if best is None or key > best[0]:
                best = (key, strength, threshold, t)
    assert best is not None
    return best[1], best[2], best[3]


def fit(precision: float) -> int:
    """Fit the lexical weights, and the embedded ones when the table was collected with embeddings (``--embed``);
    otherwise the shipped embedded weights stay as they are."""
    table = json.loads(table_path("tune").read_text(encoding="utf-8"))
    tune = table["stories"]
    lexical_names = [n for n in FEATURES if n not in EMBEDDING_FEATURES]
    lex_strength, lex_threshold, lex_figures = choose(tune, lexical_names, precision)
    lex_rows, lex_labels = labelled(tune, lexical_names)
    lexical = fit_weights(lex_rows, lex_labels, lexical_names, lex_strength)
    shipped = json.loads(clusters.WEIGHTS.read_text(encoding="utf-8"))
    embedded_about = shipped.get("embedded_about", shipped["about"])
    weights = shipped["weights"]
    if table.get("embedded"):
        strength, threshold, figures = choose(tune, FEATURES, precision)
        weights = fit_weights(*labelled(tune, FEATURES), FEATURES, strength)
        embedded_about = f"with embeddings: C={strength}, pair_threshold_embedded {threshold}, held out {figures}"
        print(f"with embeddings: C={strength} pair_threshold_embedded={threshold} held-out {figures}")
    about = (f"quote pair model for synopsis.quotes.clusters; trained by bench/train_quote_pairs.py on the tune half "
             f"of the stories benchmark ({len(lex_labels)} labelled pairs, {sum(lex_labels)} same statement; L2 "
             f"logistic regressions, C={lex_strength} lexical only)")
    clusters.WEIGHTS.write_text(json.dumps(
        {"about": about, "embedded_about": embedded_about, "features": list(FEATURES), "weights": weights,
         "lexical_weights": lexical}, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {clusters.WEIGHTS}")
    print(f"lexical only:    C={lex_strength} pair_threshold={lex_threshold} held-out {lex_figures}")
    return 0


# --- report ---------------------------------------------------------------------------------------------


def report(halves: Sequence[str]) -> int:
    model = clusters.default_model()
    config = Config.load()
    embedded = bool(config.get("quotes", "paraphrase_embeddings"))
    threshold = float(config.get("quotes", "pair_threshold_embedded" if embedded else "pair_threshold"))
    for half in halves:
        table = json.loads(table_path(half).read_text(encoding="utf-8"))["stories"]
        rows = []
        print(f"{half}: story, statements clustered, statements wrongly merged, joined labelled pairs right")
        for slug, story in table.items():
            probs = [model.probability(dict(zip(FEATURES, p["f"], strict=True)), embedded) for p in story["pairs"]]
            row = score_story(story, cluster_story(story, probs, threshold), probs, threshold)
            rows.append(row)
            print(f"  {slug:40} {row['clustered']}/{row['statements']:<3} merged {row['merged']} "
                  f"pairs {row['right']}/{row['joined']}")
        t = totals(rows)
        share = t["clustered"] / t["statements"] if t["statements"] else 0.0
        print(f"  {half} total: clustered {t['clustered']}/{t['statements']} ({share:.3f}), merged {t['merged']}, "
              f"pairs {t['right']}/{t['joined']}")
    return 0


# --- diagnose -------------------------------------------------------------------------------------------


def diagnose(half: str, parse_cache: Path, cache: Path | None, verbose: bool) -> dict[str, int]:
    """Why each gold statement of ``half`` is or is not clustered by the shipped model, counted per cause:
    a wording no extracted quote covers (extraction), two covering quotes whose speakers are told apart
    (speaker resolution), covering quotes that share no content word (never scored), or a pair the model
    scores below the threshold (features). Union-find joins any chain, so no other cause remains."""
    config = Config.load()
    settings = ClusterSettings.from_config(config)
    model = clusters.default_model()
    causes: dict[str, int] = {}
    for slug, built in built_items(half, parse_cache, cache).items():
        items: list[clusters.ClusterItem] = built["items"]
        cluster = clusters.cluster_quotes(items, settings, model=model)
        table = PairTable(items)
        gold = json.loads((STORIES / slug / "gold.json").read_text(encoding="utf-8")).get("quotes", [])
        for statement, per_file in zip(gold, coverage_of(STORIES / slug, built["articles"], items), strict=True):
            sets = [{cluster[k] for k in ks} for ks in per_file.values()]
            if all(sets) and set.intersection(*sets):
                cause = "clustered"
            elif not all(sets):
                cause = "wording not covered"
            else:
                found = set()
                files = list(per_file)
                for x, file_a in enumerate(files):
                    for file_b in files[x + 1:]:
                        if {cluster[k] for k in per_file[file_a]} & {cluster[k] for k in per_file[file_b]}:
                            continue
                        for a in per_file[file_a]:
                            for b in per_file[file_b]:
                                i, j = min(a, b), max(a, b)
                                if clusters.same_speaker(items[i], items[j]) is False and not \
                                        clusters.compatible_speakers(items[i], items[j]):
                                    found.add("speakers told apart")
                                elif not table.content[i] & table.content[j]:
                                    found.add("no shared content word")
                                else:
                                    found.add("pair model below threshold")
                                if verbose:
                                    p = model.probability(table.features(i, j), table.embedded)
                                    print(f"  {slug} [{statement['speaker']}] {items[i].speaker_name!r} / "
                                          f"{items[j].speaker_name!r}: p={p:.2f}", file=sys.stderr)
                order = ("speakers told apart", "pair model below threshold", "no shared content word")
                cause = next(c for c in order if c in found)
            causes[cause] = causes.get(cause, 0) + 1
    print(f"{half}: " + ", ".join(f"{cause} {n}" for cause, n in sorted(causes.items(), key=lambda c: -c[1])))
    return causes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--collect", action="store_true", help="build both halves and write the pair tables")
    parser.add_argument("--fit", action="store_true", help="fit on the tune table and write the weights")
    parser.add_argument("--report", action="store_true", help="per-story figures with the shipped model")
    parser.add_argument("--diagnose", action="store_true", help="count why gold statements are not clustered")
    parser.add_argument("--half", choices=("tune", "check"), default="tune", help="the half --diagnose reads")
    parser.add_argument("--embed", action="store_true", help="--collect: the embedding features too (slow)")
    parser.add_argument("--items-cache", type=Path, help="folder (outside the repository) for built items")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--precision", type=float, default=0.85, help="least held-out pair precision")
    parser.add_argument("--parse-cache", type=Path, default=ROOT / "bench" / "results" / "parse-cache")
    args = parser.parse_args(argv)
    def cache(half: str) -> Path | None:
        return args.items_cache / f"quote_items_{half}.pickle" if args.items_cache else None

    if args.diagnose:
        diagnose(args.half, args.parse_cache, cache(args.half), args.verbose)
        return 0
    if args.collect:
        for half in ("tune", "check"):
            table = collect(half, args.parse_cache, cache(half), args.embed)
            table_path(half).write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")
    if args.fit:
        fit(args.precision)
    if args.report or not (args.collect or args.fit):
        report(("tune", "check"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
