"""Where the claims stage loses gold items of kinds name, title, negation and quote: a funnel per item.

Run: .venv/bin/python bench/kinds_funnel.py [--half tune|check] [--only slug,slug] [--kinds name,title]
     [--planted] [--json PATH]
     .venv/bin/python bench/kinds_funnel.py --score OUT [--half check]   # found and right by kind, from the
                                                                         # dossiers of a stories_eval --out OUT

Why: these kinds are found by rules over entities, roles, quotes and aligned clauses, and a miss can happen at
any step. For every planted and acceptable item of these kinds the funnel says what the build holds near each
of the item's groups (the article spans a group's patterns recognise, the claim units covering them, the
entity mentions inside them), whether units of two groups were compared at all (their frame score) and grouped
into one claim, and what the stage reported about the item, shown or not (each discrepancy's kind, confidence,
the groups its readings match). The verdict is the first step that fails:

- ``found``: a shown discrepancy matches the item (score.py's rule);
- ``hidden``: one matches but its confidence is below ``[claims] min_confidence``;
- ``wrong kind``: one matches all but the kind (an item of kind name needs a discrepancy of kind name);
- ``span``: a discrepancy's readings lie over spans of two groups but their text does not match the patterns
  (the reading is longer or shorter than the gold expects);
- ``not reported``: units of two groups were compared (or grouped) but no finder reported them;
- ``not linked``: units cover two groups but no pair of them was even compared;
- ``not extracted``: fewer than two groups lie inside any unit (a heading, a caption, a cut-off line).

Then every discrepancy of these kinds the stage reports that matches no gold item (a false report).
Only the TUNE half is read for fitting; ``--half check`` only reports.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.figure_funnel import Built, build  # noqa: E402
from bench.stories_eval import RESULTS, load_scorer, make_context  # noqa: E402
from bench.story_split import stories  # noqa: E402
from synopsis.claims.discrepancy import PendingDiscrepancy  # noqa: E402
from synopsis.models import Dossier  # noqa: E402

KINDS = ("name", "title", "negation", "quote")
#: The anchor gold puts ahead of short-reading patterns; dropped to find the words in the article text.
_ANCHOR = re.compile(r"^" + re.escape("(?:^|\\|\\| )(?=[^|]{0,45}(?:\\|\\||$))[^|]*?"))
#: The discrepancy kinds that can carry an item of each gold kind ("quote" items are reported as "fact").
REPORTED_AS = {"name": ("name",), "title": ("title",), "negation": ("negation",), "quote": ("fact",)}


def text_patterns(group: Sequence[str]) -> list[str]:
    """A group's patterns as they apply to article text: the short-reading anchor dropped, line-break variants
    left out (they only duplicate the plain one)."""
    out = []
    for pattern in group:
        if pattern.startswith("(?:\\n"):
            continue
        out.append(_ANCHOR.sub("", pattern))
    return out


def occurrences(dossier: Dossier, group: Sequence[str]) -> list[tuple[str, int, int]]:
    """(article id, start, end) of every place a group's patterns recognise in the articles' cleaned text."""
    found = []
    for article in dossier.articles:
        for pattern in text_patterns(group):
            try:
                found += [(article.id, m.start(), m.end()) for m in re.finditer(pattern, article.text, re.I)
                          if m.end() > m.start()]
            except re.error:
                continue
    return sorted(set(found))


def as_scored(found: PendingDiscrepancy) -> dict[str, Any]:
    return {"kind": found.kind, "readings": [{"text": r.text, "value": r.value} for r in found.readings]}


def _reading_groups(item: dict[str, Any], found: PendingDiscrepancy) -> list[list[int]]:
    out = []
    for r in found.readings:
        s = f"{r.text} || {r.value}"
        out.append([i for i, group in enumerate(item["groups"]) if any(re.search(p, s, re.I) for p in group)])
    return out


def _span_groups(found: PendingDiscrepancy, spots: list[list[tuple[str, int, int]]]) -> set[int]:
    """The groups whose article spans a discrepancy's readings overlap."""
    hit = set()
    for r in found.readings:
        for g, places in enumerate(spots):
            if any(a == r.article_id and s < r.end and r.start < e for a, s, e in places):
                hit.add(g)
    return hit


def funnel(built: Built, item: dict[str, Any], scorer: Any) -> dict[str, Any]:
    """What the build holds near each group of ``item`` and the first step that fails."""
    dossier, analysis = built.dossier, built.analysis
    units = analysis.unit_set.units
    claim_of = analysis.ordered.claim_of_unit
    spots = [occurrences(dossier, group) for group in item["groups"]]
    outlet = {a.id: a.outlet_name for a in dossier.articles}
    groups_out = []
    units_of: list[set[int]] = []
    for g, places in enumerate(spots):
        covering = {u.index for u in units for a, s, e in places if u.article_id == a and u.start <= s and e <= u.end}
        units_of.append(covering)
        mentions = sorted({
            e.name for e in dossier.entities or () for m in e.mentions
            for a, s, t in places if m.article_id == a and m.start < t and s < m.end
        })
        groups_out.append({
            "group": g, "spots": [(outlet[a], dossier.article(a).text[s:e]) for a, s, e in places][:6],
            "units": [(units[i].outlet, claim_of[i], units[i].text[:140]) for i in sorted(covering)][:6],
            "entities": mentions,
        })
    pair_scores: dict[tuple[int, int], float] = {}
    for (i, j), score in zip(analysis.alignment.pairs.tolist(), analysis.alignment.scores.tolist(), strict=True):
        pair_scores[(i, j)] = score
    compared = []
    for g in range(len(spots)):
        for h in range(g + 1, len(spots)):
            for i in units_of[g]:
                for j in units_of[h]:
                    if units[i].source == units[j].source:
                        continue
                    key = (min(i, j), max(i, j))
                    compared.append({"groups": (g, h), "units": key, "frame": round(pair_scores.get(key, -1.0), 3),
                                     "same_claim": claim_of[i] == claim_of[j]})
    reports = []
    for found in analysis.found:
        by_reading = _reading_groups(item, found)
        spans = _span_groups(found, spots)
        if not any(by_reading) and len(spans) < 2:
            continue
        scored = as_scored(found)
        reports.append({
            "kind": found.kind, "confidence": round(found.confidence, 3), "topic": found.topic[:90],
            "matches": scorer.matches(item, scored), "matches_any_kind": scorer.matches(item, {**scored, "kind": "x"}),
            "reading_groups": by_reading, "span_groups": sorted(spans),
            "readings": [f"{r.outlet}: {r.text[:70]!r} || {r.value[:40]!r}" for r in found.readings][:6],
        })
    floor = built.settings.min_confidence
    if any(r["matches"] and r["confidence"] >= floor for r in reports):
        verdict = "found"
    elif any(r["matches"] for r in reports):
        verdict = "hidden"
    elif any(r["matches_any_kind"] for r in reports):
        verdict = "wrong kind"
    elif any(len(r["span_groups"]) >= 2 for r in reports):
        verdict = "span"
    elif sum(bool(u) for u in units_of) < 2:
        verdict = "not extracted"
    elif any(c["frame"] >= 0 or c["same_claim"] for c in compared):
        verdict = "not reported"
    else:
        verdict = "not linked"
    best = sorted(compared, key=lambda c: -c["frame"])[:5]
    return {"id": item["id"], "kind": item["kind"], "verdict": verdict, "groups": groups_out,
            "best_pairs": best, "reports": reports}


def false_reports(built: Built, gold: dict[str, Any], scorer: Any) -> list[dict[str, Any]]:
    """Discrepancies of the funnel's kinds that match no planted or acceptable item."""
    items = gold.get("planted", []) + gold.get("acceptable", [])
    kinds = {k for kind in KINDS for k in REPORTED_AS[kind]}
    out = []
    for found in built.analysis.found:
        if found.kind in kinds and not any(scorer.matches(p, as_scored(found)) for p in items):
            out.append({"kind": found.kind, "confidence": round(found.confidence, 3), "topic": found.topic[:90],
                        "readings": [f"{r.outlet}: {r.text[:70]!r}" for r in found.readings][:6]})
    return out


def by_kind(out_root: Path, half: str, scorer: Any) -> dict[str, dict[str, int]]:
    """Per kind, from the dossiers a stories_eval run left under ``out_root``: planted items found and planted,
    and reported discrepancies of the kind that match a planted or acceptable item (score.py's rule). Quote
    items are reported as kind ``fact``; a report is counted under its own kind."""
    table: dict[str, dict[str, int]] = {}
    for path in stories(half):
        dossier_path = out_root / path.name / "dossier.json"
        if not dossier_path.exists():
            continue
        dossier = json.loads(dossier_path.read_text(encoding="utf-8"))
        gold = json.loads((path / "gold.json").read_text(encoding="utf-8"))
        discs = dossier.get("discrepancies") or []
        for item in gold.get("planted", []):
            row = table.setdefault(item["kind"], dict.fromkeys(("found", "planted", "right", "reported"), 0))
            row["planted"] += 1
            row["found"] += any(scorer.matches(item, d) for d in discs)
        items = gold.get("planted", []) + gold.get("acceptable", [])
        for disc in discs:
            row = table.setdefault(disc["kind"], dict.fromkeys(("found", "planted", "right", "reported"), 0))
            row["reported"] += 1
            row["right"] += any(scorer.matches(item, disc) for item in items)
    return table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", default="tune", choices=("tune", "check"))
    parser.add_argument("--only", default="")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--planted", action="store_true", help="planted items only")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--score", type=Path, help="only print found and right by kind for the dossiers of a "
                        "stories_eval run (its --out folder)")
    args = parser.parse_args(argv)
    if args.score:
        for kind, row in sorted(by_kind(args.score, args.half, load_scorer()).items()):
            print(f"{kind:10} found {row['found']}/{row['planted']}  right {row['right']}/{row['reported']}")
        return 0
    kinds = set(args.kinds.split(","))
    only = set(filter(None, args.only.split(",")))
    scorer = load_scorer()
    context = make_context(RESULTS / "parse-cache")
    report: dict[str, Any] = {}
    tally: dict[tuple[str, str, str], int] = {}
    for path in stories(args.half):
        if only and path.name not in only:
            continue
        gold = json.loads((path / "gold.json").read_text(encoding="utf-8"))
        chosen = [(section, item) for section in ("planted", "acceptable") for item in gold.get(section, [])
                  if item["kind"] in kinds and (section == "planted" or not args.planted)]
        built = build(path, context)
        rows = [{"section": section, **funnel(built, item, scorer)} for section, item in chosen]
        wrong = false_reports(built, gold, scorer)
        report[path.name] = {"items": rows, "false": wrong}
        print(f"== {path.name}")
        for row in rows:
            key = (row["section"], row["kind"], row["verdict"])
            tally[key] = tally.get(key, 0) + 1
            print(f"  {row['section']:10} {row['kind']:8} {row['id']:32} {row['verdict']}")
            for g in row["groups"]:
                print(f"      g{g['group']}: spots {g['spots'][:3]} entities {g['entities'][:4]}")
                for u in g["units"][:3]:
                    print(f"          unit {u}")
            for c in row["best_pairs"][:3]:
                print(f"      pair {c}")
            for r in row["reports"][:4]:
                print(f"      report {r['kind']} conf {r['confidence']} match {r['matches']} "
                      f"groups {r['reading_groups']} spans {r['span_groups']} {r['readings'][:3]}")
        for r in wrong:
            print(f"  FALSE {r['kind']} conf {r['confidence']} {r['topic']!r} {r['readings'][:3]}")
    print("\nverdicts:")
    for (section, kind, verdict), n in sorted(tally.items()):
        print(f"  {section:10} {kind:8} {verdict:14} {n}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
