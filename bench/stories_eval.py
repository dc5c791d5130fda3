"""Build every story of the stories benchmark and score each dossier with the benchmark's own score.py.

Run: .venv/bin/python bench/stories_eval.py [--half tune|check|all] [--only slug,slug] [--out DIR]
     [--json PATH] [--parse-cache DIR | --no-parse-cache] [--timings]

Each story's ``articles/`` folder is built as ``synopsis build <slug>/articles`` would build it, in one
process so that the models load once; its dossier.json is kept under ``--out`` (default
bench/results/stories/<slug>/dossier.json) for others to read. The figures, per story and for the tune
half, the check half and both (micro totals and macro averages over stories), are those of score.py:
planted discrepancies found, reported discrepancies that are right, alias pairs merged, distinct pairs
merged (must stay 0), shared quotes clustered, furniture lines removed, body lines kept. Parses are kept
in a parse cache (default bench/results/parse-cache), so a second run skips spaCy. ``--timings`` adds the
seconds of each stage summed over the stories, next to spaCy's own uncached parse of the same texts.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make bench.story_split importable
    sys.path.insert(0, str(ROOT))

from bench.story_split import STORIES, half, stories  # noqa: E402
from synopsis.config import Config  # noqa: E402
from synopsis.context import Context  # noqa: E402
from synopsis.ingest import load_articles  # noqa: E402
from synopsis.pipeline import Pipeline  # noqa: E402
from synopsis.render.json import render_json  # noqa: E402

RESULTS = ROOT / "bench" / "results"
HALVES = ("tune", "check", "all")

#: Each figure: (score.py count, score.py denominator). ``false_merges`` is a plain count.
RATIOS: dict[str, tuple[str, str]] = {
    "found": ("found", "planted"),
    "precision": ("right", "reported"),
    "aliases": ("merged", "aliases"),
    "quotes": ("clustered", "quotes"),
    "furniture": ("furniture_removed", "furniture"),
    "body": ("body_kept", "body"),
}


@dataclass
class StoryResult:
    """One story's build and score.py's counts for it."""

    slug: str
    half: str
    articles: int
    rejected: int
    seconds: float
    counts: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)

    def ratio(self, name: str) -> float | None:
        top, bottom = RATIOS[name]
        return self.counts[top] / self.counts[bottom] if self.counts[bottom] else None


def load_scorer(root: Path = STORIES) -> ModuleType:
    """The benchmark's score.py, imported from its file so its rule is the one applied."""
    spec = importlib.util.spec_from_file_location("stories_score", root / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(root / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_context(parse_cache: Path | None) -> Context:
    """Default settings, with the parse cache in ``parse_cache`` (None: no cache)."""
    return Context(Config.load(nlp__parse_cache=str(parse_cache) if parse_cache else ""))


def build_story(story: Path, context: Context, timings: dict[str, float] | None = None) -> str:
    """The dossier.json of ``story/articles``; ``timings`` gets seconds per step."""
    steps = timings if timings is not None else {}
    started = last = time.perf_counter()
    loaded = load_articles([story / "articles"], config=context.config)
    steps["ingest"] = time.perf_counter() - started
    last = time.perf_counter()

    def progress(name: str, done: int, total: int) -> None:
        nonlocal last
        if done < total:  # a stage under way: only its end is timed
            return
        now = time.perf_counter()
        steps[name] = now - last
        if name == "annotate" and timings is not None:
            context.embedder.embed([])  # waits for the sentence vectors still being computed
            steps["embed (after parse)"] = time.perf_counter() - now
        last = time.perf_counter()

    dossier = Pipeline(context=context)(loaded.articles, loaded.rejected, progress=progress)
    last = time.perf_counter()
    text = render_json(dossier)
    steps["json"] = time.perf_counter() - last
    return text


def evaluate(
    folders: Iterable[Path],
    context: Context,
    out_root: Path | None = None,
    timings: bool = False,
    scorer: ModuleType | None = None,
    report: Callable[[StoryResult], None] | None = None,
) -> list[StoryResult]:
    """Build and score every story; keep each dossier under ``out_root/<slug>/dossier.json`` when given."""
    scorer = scorer or load_scorer()
    results = []
    for story in folders:
        steps: dict[str, float] = {}
        started = time.perf_counter()
        text = build_story(story, context, steps if timings else None)
        seconds = time.perf_counter() - started
        if out_root is not None:
            (out_root / story.name).mkdir(parents=True, exist_ok=True)
            (out_root / story.name / "dossier.json").write_text(text, encoding="utf-8")
        dossier = json.loads(text)
        gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
        counts = scorer.score_story(dossier, gold, story)
        result = StoryResult(story.name, half(story.name), len(dossier.get("articles") or ()),
                             len(dossier.get("rejected") or ()), seconds, counts, steps)
        results.append(result)
        if report:
            report(result)
    return results


def summarise(results: Sequence[StoryResult]) -> dict[str, dict[str, Any]]:
    """For tune, check and all: micro totals of every count, micro and macro figures, false merges."""
    summary: dict[str, dict[str, Any]] = {}
    for which in HALVES:
        chosen = [r for r in results if which in ("all", r.half)]
        if not chosen:
            continue
        totals: dict[str, int] = defaultdict(int)
        for r in chosen:
            for key, value in r.counts.items():
                if isinstance(value, int):
                    totals[key] += value
        micro = {name: totals[top] / totals[bottom] if totals[bottom] else None
                 for name, (top, bottom) in RATIOS.items()}
        macro = {}
        for name in RATIOS:
            values = [v for r in chosen if (v := r.ratio(name)) is not None]
            macro[name] = sum(values) / len(values) if values else None
        summary[which] = {"stories": len(chosen), "totals": dict(totals), "micro": micro, "macro": macro,
                          "false_merges": totals["false_merges"]}
    return summary


def stage_seconds(results: Sequence[StoryResult]) -> dict[str, float]:
    """Seconds of each step summed over the stories, in the order the steps ran."""
    summed: dict[str, float] = {}
    for r in results:
        for step, seconds in r.timings.items():
            summed[step] = summed.get(step, 0.0) + seconds
    return summed


def reference_parse(folders: Iterable[Path], context: Context) -> float:
    """Seconds spaCy's own ``nlp.pipe`` takes over every article text of ``folders``, without any cache."""
    texts = [a.text for story in folders for a in load_articles([story / "articles"], config=context.config).articles]
    started = time.perf_counter()
    for _ in context.nlp.pipe(texts, batch_size=context.config.get("nlp", "batch_size")):
        pass
    return time.perf_counter() - started


def _cell(r: StoryResult | dict[str, Any], name: str) -> str:
    top, bottom = RATIOS[name]
    counts = r.counts if isinstance(r, StoryResult) else r
    return f"{counts[top]}/{counts[bottom]}" if counts[bottom] else "-"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


HEADER = f"{'story':40} {'half':5} {'found':>6} {'prec':>6} {'alias':>6} {'false':>5} {'quotes':>6} " \
         f"{'furn':>8} {'body':>8} {'sec':>5}"


def story_line(r: StoryResult) -> str:
    return (f"{r.slug:40} {r.half:5} {_cell(r, 'found'):>6} {_cell(r, 'precision'):>6} {_cell(r, 'aliases'):>6} "
            f"{r.counts['false_merges']:>5} {_cell(r, 'quotes'):>6} {_cell(r, 'furniture'):>8} "
            f"{_cell(r, 'body'):>8} {r.seconds:5.1f}")


def table(results: Sequence[StoryResult], summary: dict[str, dict[str, Any]]) -> str:
    """The per-story table (tune stories first), then each half's totals, micro and macro figures."""
    lines = [HEADER]
    for which in ("tune", "check"):
        lines += [story_line(r) for r in results if r.half == which]
    lines.append("")
    lines.append(f"{'':46} {'found':>6} {'prec':>6} {'alias':>6} {'false':>5} {'quotes':>6} {'furn':>8} {'body':>8}")
    for which, s in summary.items():
        t = s["totals"]
        lines.append(f"{which + ' total (' + str(s['stories']) + ' stories)':46} " + " ".join(
            f"{_cell(t, n):>{w}}" for n, w in (("found", 6), ("precision", 6), ("aliases", 6))
        ) + f" {s['false_merges']:>5} " + " ".join(
            f"{_cell(t, n):>{w}}" for n, w in (("quotes", 6), ("furniture", 8), ("body", 8))))
        for kind in ("micro", "macro"):
            v = s[kind]
            lines.append(f"{'  ' + which + ' ' + kind:46} {_pct(v['found']):>6} {_pct(v['precision']):>6} "
                         f"{_pct(v['aliases']):>6} {'':>5} {_pct(v['quotes']):>6} {_pct(v['furniture']):>8} "
                         f"{_pct(v['body']):>8}")
    return "\n".join(lines)


def timing_lines(summed: dict[str, float], parse_seconds: float | None) -> list[str]:
    lines = ["seconds per step, summed over the stories:"]
    lines += [f"  {step:22} {seconds:7.2f}" for step, seconds in summed.items()]
    if parse_seconds is not None:
        lines.append(f"  {'spaCy nlp.pipe, uncached':22} {parse_seconds:7.2f}  (the parse every cold build needs)")
        if parse_seconds:
            lines.append(f"  claims / parse = {summed.get('claims', 0.0) / parse_seconds:.1%} (target < 15%)")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--half", choices=HALVES, default="all")
    parser.add_argument("--only", default="", help="comma-separated story folder names")
    parser.add_argument("--out", type=Path, default=RESULTS / "stories", help="where each <slug>/dossier.json goes")
    parser.add_argument("--json", type=Path, default=None, help="the scores as JSON (default: OUT/scores.json)")
    parser.add_argument("--parse-cache", type=Path, default=RESULTS / "parse-cache")
    parser.add_argument("--no-parse-cache", action="store_true", help="parse every article afresh")
    parser.add_argument("--timings", action="store_true", help="seconds per stage, and spaCy's uncached parse")
    args = parser.parse_args(argv)
    if not STORIES.is_dir():
        print(f"no stories benchmark at {STORIES}", file=sys.stderr)
        return 2
    folders = stories(None if args.half == "all" else args.half)
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {f.name for f in stories()}
        if unknown:
            print(f"unknown stories: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        folders = [f for f in folders if f.name in wanted]
    context = make_context(None if args.no_parse_cache else args.parse_cache)
    started = time.perf_counter()
    context.nlp, context.embedder  # noqa: B018 - load the models before any story is timed
    loading = time.perf_counter() - started
    print(f"{len(folders)} stories; models loaded in {loading:.1f} s; parse cache: "
          f"{'off' if args.no_parse_cache else args.parse_cache}", file=sys.stderr)
    started = time.perf_counter()
    results = evaluate(folders, context, args.out, args.timings,
                       report=lambda r: print(story_line(r), file=sys.stderr, flush=True))
    building = time.perf_counter() - started
    summary = summarise(results)
    print(table(results, summary))
    print(f"\n{len(results)} stories built and scored in {building:.1f} s (models loaded in {loading:.1f} s)")
    payload: dict[str, Any] = {
        "half": args.half, "parse_cache": None if args.no_parse_cache else str(args.parse_cache),
        "seconds": {"models": loading, "stories": building},
        "summary": summary,
        "stories": {r.slug: {"half": r.half, "articles": r.articles, "rejected": r.rejected, "seconds": r.seconds,
                             "figures": {n: r.ratio(n) for n in RATIOS}, "counts": r.counts} for r in results},
    }
    if args.timings:
        summed = stage_seconds(results)
        parse_seconds = reference_parse(folders, context)
        print("\n" + "\n".join(timing_lines(summed, parse_seconds)))
        payload["timings"] = {"stages": summed, "spacy_parse_uncached": parse_seconds}
    out_json = args.json or args.out / "scores.json"
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    print(f"scores: {out_json}; dossiers: {args.out}/<slug>/dossier.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
