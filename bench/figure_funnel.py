"""Where each planted figure disagreement of the tune stories is lost on its way to a reported discrepancy.

Run: .venv/bin/python bench/figure_funnel.py [--half tune|check] [--only slug,slug] [--features] [--json PATH]

For every planted item of a figure kind (count, number, duration, time, date) the claims stage is run as a
build runs it (``synopsis.claims.analysis.analyse`` with the committed pair model and the ``[claims]``
settings), and the item is placed at the first stage it does not pass:

(a) unread: fewer than two of its groups have a figure mention from two sources (the quantity reader reads
    no figure there, reads another kind, the text is no claim unit: a heading, a question, a short line...);
    also two groups read only as kinds that never compare (a rank against a duration);
(b) low probability: the cross-group pairs from two outlets whose values clash have a pair probability below
    ``seed_floor``, or their discrepancy's confidence is below ``min_confidence`` (printed with the features);
(c) compatible: the cross-group pairs are judged readings whose values can both be true;
(d) dropped: every clashing cross-group pair is vetoed by a kept rule family, or its figures were taken by
    another measurement seeded first (``figure_link``);
(e) unmatched: a discrepancy holds readings of two groups, but score.py's rule does not match it (it chains
    unrelated readings);
found: a reported discrepancy matches the item.

It also lists the false figure reports (shown discrepancies of a figure kind that match no planted or
acceptable item) with the pair that seeded each, its probability and the features that weigh most.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.stories_eval import RESULTS, load_scorer, make_context  # noqa: E402
from bench.story_split import stories  # noqa: E402
from bench.train_measure import FIGURE_KINDS, mention_groups  # noqa: E402
from synopsis.claims.analysis import Analysis, ClaimSettings, analyse  # noqa: E402
from synopsis.claims.conflicts import candidates, measurements  # noqa: E402
from synopsis.claims.discrepancy import PendingDiscrepancy  # noqa: E402
from synopsis.claims.filters import excluded_lines  # noqa: E402
from synopsis.claims.pairs import PairModel, default_model  # noqa: E402
from synopsis.claims.values import clash, readable  # noqa: E402
from synopsis.context import Context  # noqa: E402
from synopsis.ingest import load_articles  # noqa: E402
from synopsis.lang.quantities import parse_quantities  # noqa: E402
from synopsis.models import Dossier  # noqa: E402
from synopsis.pipeline import Pipeline  # noqa: E402

STAGES = ("found", "a unread", "b low probability", "c compatible", "d dropped", "e unmatched")


@dataclass
class Built:
    """One story read as the claims stage reads it, with every candidate discrepancy and its confidence."""

    path: Path
    dossier: Dossier
    analysis: Analysis
    settings: ClaimSettings
    model: PairModel
    candidates: list[tuple[PendingDiscrepancy, dict[str, float]]] = field(default_factory=list)
    #: measurement members (mention indices) of each candidate, in the same order
    members: list[list[int]] = field(default_factory=list)


def build(path: Path, context: Context, model: PairModel | None = None) -> Built:
    loaded = load_articles([path / "articles"], config=context.config)
    dossier = Pipeline(["annotate", "entities", "quotes"], context=context)(loaded.articles, loaded.rejected)
    section = context.config.section("claims")
    settings = ClaimSettings.from_section(section)
    from synopsis.claims.tuning import active

    model = model or default_model()
    with active(section):
        analysis = analyse(dossier, context.embedder, settings, model)
        built = Built(path, dossier, analysis, settings, model)
        figures = analysis.figures
        built.candidates = candidates(dossier, analysis.unit_set.units, figures, analysis.ordered.claim_of_unit,
                                      settings.conflicts, model)
        built.members = [group for group, *_ in measurements(figures, settings.conflicts.link,
                                                              settings.conflicts.seed_floor)]
    return built


def _as_scored(found: PendingDiscrepancy) -> dict[str, Any]:
    return {"kind": found.kind, "readings": [{"text": r.text, "value": r.value} for r in found.readings]}


def _top_features(model: PairModel, features: dict[str, float], n: int = 8) -> str:
    weighed = sorted(((model.weights.get(k, 0.0) * v, k, v) for k, v in features.items()), key=lambda t: -abs(t[0]))
    return ", ".join(f"{k}={v:.2f}({w:+.2f})" for w, k, v in weighed[:n] if w)


def _unread_reason(built: Built, item: dict[str, Any], group: Sequence[str]) -> list[str]:
    """Why no figure mention reads this group: each place its patterns hit an article, and what is there."""
    units = built.analysis.unit_set.units
    reasons = []
    for article in built.dossier.articles:
        name = Path(article.source).name
        if item.get("files") and name not in item["files"]:
            continue
        text = article.text
        for pattern in group:
            for hit in re.finditer(pattern.lstrip("^").split("\\|\\|")[0].strip(), text, re.I):
                start, end = hit.start(), hit.end()
                quantities = [q for q in parse_quantities(text) if q.start < end and start < q.end]
                inside = [u for u in units if u.article_id == article.id and u.start <= start and end <= u.end]
                skipped = any(s < end and start < e for s, e in excluded_lines(text))
                if not quantities:
                    why = "the quantity reader reads no figure"
                elif not inside:
                    why = ("in an excluded line (heading, label, furniture)" if skipped
                           else "in no claim unit (question, writer's voice, short or verbless clause)")
                    why += f"; read as {quantities[0].kind} {quantities[0].text!r}"
                else:
                    in_unit = [q for q in parse_quantities(inside[0].text, inside[0].start)
                               if q.start < end and start < q.end]
                    kinds = ", ".join(f"{q.kind} {q.text!r}" for q in in_unit) or "nothing"
                    why = f"in a unit, read there as {kinds}"
                reasons.append(f"{name}@{start} {text[start:end]!r}: {why}")
                break
    return reasons or ["no pattern of the group hits the cleaned texts of its files"]


def diagnose(built: Built, item: dict[str, Any], reported: Sequence[dict[str, Any]], scorer: Any,
             verbose: bool) -> tuple[str, list[str]]:
    """The stage the item is lost at, and lines that say why."""
    if any(scorer.matches(item, d) for d in reported):
        return "found", []
    figures = built.analysis.figures
    mentions = figures.mentions
    groups = [mention_groups(built.dossier, m, [item]) for m in mentions]
    by_group: dict[int, list[int]] = {}
    for index, hit in enumerate(groups):
        for _id, g in hit:
            by_group.setdefault(g, []).append(index)
    lines: list[str] = []
    readable_groups = [g for g, members in by_group.items() if members]
    for g, group in enumerate(item["groups"]):
        if g not in by_group:
            lines += [f"group {g} unread: {r}" for r in _unread_reason(built, item, group)]
    sources = {mentions[i].source for members in by_group.values() for i in members}
    if len(readable_groups) < 2 or len(sources) < 2:
        return "a unread", lines
    cross = []
    for k, (i, j) in enumerate(figures.pairs):
        gi, gj = {g for _x, g in groups[i]}, {g for _x, g in groups[j]}
        if any(a != b for a in gi for b in gj):
            cross.append(k)
    if not cross:
        kinds = {f"{g}:{mentions[i].quantity.kind}" for g, members in by_group.items() for i in members}
        lines.append(f"no candidate pair across groups from two sources (kinds read: {sorted(kinds)})")
        return "a unread", lines
    clashing = [k for k in cross
                if clash(mentions[figures.pairs[k][0]].quantity, mentions[figures.pairs[k][1]].quantity)]
    if not clashing:
        for k in cross[:3]:
            i, j = figures.pairs[k]
            lines.append(f"compatible: {mentions[i].quantity.text!r} ~ {mentions[j].quantity.text!r}")
        return "c compatible", lines
    live = [k for k in clashing if not figures.vetoed[k]]
    if not live:
        for k in clashing[:4]:
            i, j = figures.pairs[k]
            lines.append(f"vetoed by {sorted(figures.fired[k] & set(built.settings.rules))}: "
                         f"{_pair_text(built, i, j)}")
        return "d dropped", lines
    best = max(live, key=lambda k: figures.probabilities[k])
    i, j = figures.pairs[best]
    p = figures.probabilities[best]
    lines.append(f"best clashing pair p={p:.3f}: {_pair_text(built, i, j)}")
    if verbose or p < built.settings.conflicts.seed_floor:
        lines.append("  features: " + _top_features(built.model, figures.features[best]))
    if p < built.settings.conflicts.seed_floor:
        return "b low probability", lines
    # which candidate holds the item's readings
    holding = [c for c, members in enumerate(built.members)
               if len({g for m in members for _x, g in groups[m]}) >= 2]
    for c in holding:
        found, _features = built.candidates[c]
        matched = scorer.matches(item, _as_scored(found))
        lines.append(f"candidate conf={found.confidence:.3f} matched={matched}: "
                     + " | ".join(f"{r.outlet[:14]}:{r.text!r}" for r in found.readings))
        if matched and found.confidence < built.settings.min_confidence:
            return "b low probability", lines
    if holding:
        return "e unmatched", lines
    taken = [c for c, members in enumerate(built.members) if i in members or j in members]
    for c in taken:
        found, _features = built.candidates[c]
        lines.append(f"taken by another measurement (conf={found.confidence:.3f}): "
                     + " | ".join(f"{r.outlet[:14]}:{r.text!r}" for r in found.readings))
    return "d dropped", lines


def _pair_text(built: Built, i: int, j: int) -> str:
    mentions, units = built.analysis.figures.mentions, built.analysis.unit_set.units
    out = []
    for m in (mentions[i], mentions[j]):
        unit = units[m.unit]
        out.append(f"[{unit.outlet[:14]}] {readable(m.quantity)!r} in \u201c{' '.join(unit.text.split())[:110]}\u201d")
    return " <> ".join(out)


def false_reports(built: Built, reported: Sequence[PendingDiscrepancy], items: Sequence[dict[str, Any]],
                  scorer: Any) -> list[str]:
    """Each shown figure discrepancy that matches no planted or acceptable item, with the pair that seeded it."""
    figures = built.analysis.figures
    out = []
    for (found, features), members in zip(built.candidates, built.members, strict=True):
        if found not in reported or any(scorer.matches(item, _as_scored(found)) for item in items):
            continue
        out.append(f"  FALSE {found.kind} conf={found.confidence:.3f}: {found.description[:230]}")
        pair = max(((k, figures.probabilities[k]) for k, (i, j) in enumerate(figures.pairs)
                    if i in members and j in members
                    and clash(figures.mentions[i].quantity, figures.mentions[j].quantity)),
                   key=lambda t: t[1], default=None)
        if pair is not None:
            k, p = pair
            i, j = figures.pairs[k]
            out.append(f"    seed p={p:.3f}: {_pair_text(built, i, j)}")
            out.append("    features: " + _top_features(built.model, figures.features[k]))
            out.append("    calibration: " + ", ".join(f"{k}={v:.2f}" for k, v in features.items() if v))
    return out


def timeline_reports(built: Built, context: Context, items: Sequence[dict[str, Any]], scorer: Any) -> list[str]:
    """The date discrepancies the timeline stage adds (two dated events it judges one, whose days differ) that
    match no planted or acceptable item: they carry no confidence, so ``min_confidence`` never drops them."""
    from synopsis.stages import REGISTRY

    given = [*REGISTRY["annotate"].assigns, *REGISTRY["entities"].assigns, *REGISTRY["quotes"].assigns]
    dossier = Pipeline(["claims", "timeline"], context=context, given=given).run(built.dossier)
    out = []
    for disc in dossier.discrepancies or ():
        if disc.kind != "date" or disc.confidence is not None:
            continue
        scored = {"kind": disc.kind, "readings": [{"text": r.text, "value": r.value} for r in disc.readings]}
        if any(scorer.matches(item, scored) for item in items):
            continue
        out.append(f"  FALSE date (timeline stage, no confidence): {disc.description[:230]}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--half", choices=("tune", "check"), default="tune")
    parser.add_argument("--only", default="")
    parser.add_argument("--features", action="store_true", help="print the features of every best pair")
    parser.add_argument("--json", type=Path, default=None, help="the stage of every item as JSON")
    parser.add_argument("--parse-cache", type=Path, default=RESULTS / "parse-cache")
    args = parser.parse_args(argv)
    context = make_context(args.parse_cache)
    scorer = load_scorer()
    folders = [p for p in stories(args.half) if not args.only or p.name in args.only.split(",")]
    stages: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {}
    record: dict[str, dict[str, str]] = {}
    false_by_kind: Counter[str] = Counter()
    for path in folders:
        built = build(path, context)
        gold = json.loads((path / "gold.json").read_text(encoding="utf-8"))
        figure_items = [p for p in gold.get("planted", []) if p.get("kind") in FIGURE_KINDS]
        every = gold.get("planted", []) + gold.get("acceptable", [])
        shown = [f for f, _ in built.candidates if f.confidence >= built.settings.min_confidence]
        reported = [_as_scored(f) for f in [*shown, *(f for f in built.analysis.found
                                                      if f.kind not in ("count", "number", "date", "time",
                                                                        "duration")
                                                      and f.confidence >= built.settings.min_confidence)]]
        print(f"== {path.name}")
        for item in figure_items:
            stage, lines = diagnose(built, item, reported, scorer, args.features)
            stages[stage] += 1
            by_kind.setdefault(item["kind"], Counter())[stage] += 1
            record.setdefault(path.name, {})[item["id"]] = stage
            print(f"  {item['id']} ({item['kind']}): {stage}")
            for line in lines:
                print(f"      {line}")
        lines = false_reports(built, shown, every, scorer)
        lines += timeline_reports(built, context, every, scorer)
        for line in lines:
            print(line)
        false_by_kind["date (timeline stage)"] += sum(line.startswith("  FALSE date (timeline") for line in lines)
        for found in shown:
            if not any(scorer.matches(item, _as_scored(found)) for item in every):
                false_by_kind[found.kind] += 1
    total = sum(stages.values())
    print(f"\nplanted figure items: {total}")
    for stage in STAGES:
        print(f"  {stage:20} {stages[stage]:3}  " + " ".join(
            f"{kind}={counts[stage]}" for kind, counts in sorted(by_kind.items()) if counts[stage]))
    print("false figure reports by kind: " + ", ".join(f"{k}={v}" for k, v in sorted(false_by_kind.items())))
    if args.json:
        args.json.write_text(json.dumps(record, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
