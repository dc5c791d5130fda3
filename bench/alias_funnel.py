"""Why each gold alias pair of the stories benchmark is or is not one entity: the alias funnel.

Run: .venv/bin/python bench/alias_funnel.py [--half tune|check] [--only slug,slug] [--verbose]

For every gold ``aliases`` pair the entities stage is run as a build runs it (the parse comes from the shared
parse cache) and the pair is put in the first stage of the funnel where it is lost:

- ``merged``: one entity has both names (score.py's rule);
- ``a:<why>``: one name never becomes an entity name or alias: not in the article text at all (``absent``), only
  in page furniture (``furniture``), only lower-case or inside a longer word (``lower-case``), only inside a
  longer parsed name (``inside:<label>``), never tagged as a name (``untagged``), tagged with a label the
  stage drops (``label:<label>``), cleaned away as junk (``junk:<reason>``), or a mention whose entity was
  dropped as junk (``entity-dropped``);
- ``e:split``: a name is the name or alias of more than one entity, or of an entity holding a distinct pair;
- ``b:<why>``: both are entities but no candidate pair is formed (``person-mismatch``, ``no-block``,
  ``initials``, ``generation``);
- ``c:score``: the pair model scores the pair below the threshold (its features are printed);
- ``d:guard``: scored above the threshold, but a guard (a full name of one group contradicting the other's)
  kept it apart.

A distinct pair of gold found in one entity is listed as ``DISTINCT MERGED`` with the rules of that entity's
merges. Counts per cause are printed at the end. Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.stories_eval import RESULTS, load_scorer, make_context  # noqa: E402
from bench.story_split import stories  # noqa: E402
from synopsis.entities.assemble import chains_of, resolve  # noqa: E402
from synopsis.entities.cluster import Groups, PairSettings, across_articles, group_side  # noqa: E402
from synopsis.entities.mentions import KEPT_LABELS, collect  # noqa: E402
from synopsis.entities.pairs import candidates, features, load_model  # noqa: E402
from synopsis.ingest import load_articles  # noqa: E402
from synopsis.models import Article, Entity  # noqa: E402
from synopsis.pipeline import Pipeline  # noqa: E402


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _holders(entities: list[Entity], name: str) -> list[Entity]:
    key = name.casefold()
    return [e for e in entities if key == e.name.casefold() or key in {a.casefold() for a in e.aliases}]


def why_absent(name: str, articles: tuple[Article, ...], story: Path) -> str:
    """Why ``name`` is no entity's name or alias: where it is lost before resolution."""
    key = _norm(name)
    texts = [(a, a.text) for a in articles]
    occurrences = [(a, i) for a, text in texts for i in _find_all(_norm_keep(text), key)]
    if not occurrences:
        raw = " ".join(_norm(p.read_text(encoding="utf-8", errors="replace"))
                       for p in (story / "articles").glob("*.txt"))
        return "a:furniture" if key in raw else "a:absent"
    reasons: list[str] = []
    for article, at in occurrences:
        written = article.text[at:at + len(name)]
        if not written[:1].isupper() or (at > 0 and article.text[at - 1].isalnum()):
            reasons.append("a:lower-case")
            continue
        mentions = [m for m in collect(article) if m.start < at + len(name) and m.end > at]
        exact = [m for m in mentions if m.start == at and _norm(m.text) == key]
        if exact:
            junk = [m.junk for m in exact if m.junk]
            reasons.append(f"a:junk:{junk[0]}" if junk and len(junk) == len(exact) else "a:entity-dropped")
            continue
        ents = [e for e in article.doc.ents if e.start_char < at + len(name) and e.end_char > at]
        if not ents:
            reasons.append("a:untagged")
        elif all(e.label_ not in KEPT_LABELS for e in ents):
            reasons.append(f"a:label:{ents[0].label_}")
        elif mentions:
            longest = max(mentions, key=lambda m: m.end - m.start)
            reasons.append(f"a:inside:{longest.label}:{longest.text}"
                           if longest.end - longest.start > len(name) else f"a:part:{longest.label}:{longest.text}")
        else:
            reasons.append("a:cleaned")
    counted = Counter(r.split(":")[0] + ":" + r.split(":")[1] for r in reasons)
    top = counted.most_common(1)[0][0]
    detail = next(r for r in reasons if r.startswith(top))
    return detail


def _norm_keep(text: str) -> str:
    """Casefolded with every whitespace run one space, keeping offsets where the text has single spaces."""
    return "".join(" " if ch.isspace() else ch for ch in text).casefold()


def _find_all(text: str, key: str) -> list[int]:
    """Where ``key`` stands as whole words in ``text``."""
    out, at = [], text.find(key)
    while at >= 0:
        end = at + len(key)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            out.append(at)
        at = text.find(key, at + 1)
    return out


def _roots_of(entity: Entity, groups: Groups, spans: dict[tuple[str, int, int], int]) -> set[int]:
    return {groups.find(spans[(m.article_id, m.start, m.end)]) for m in entity.mentions
            if (m.article_id, m.start, m.end) in spans}


def why_apart(left: Entity, right: Entity, groups: Groups, pairs: PairSettings,
              spans: dict[tuple[str, int, int], int]) -> tuple[str, dict[str, float] | None]:
    """Why two entities (one name each) stayed apart: no candidate, a low score, or a guard."""
    ra, rb = _roots_of(left, groups, spans), _roots_of(right, groups, spans)
    members = {root: [i for i in range(len(groups.chains)) if groups.find(i) == root] for root in ra | rb}
    best: tuple[str, dict[str, float] | None] = ("b:no-group", None)
    order = {"b:no-group": 0, "b:person-mismatch": 1, "b:initials": 2, "b:generation": 2, "b:no-block": 3,
             "c:score": 4, "d:guard": 5}
    for a in ra:
        for b in rb:
            side_a, side_b = group_side(groups, members[a]), group_side(groups, members[b])
            found = features(side_a, side_b)
            listed = candidates([side_a, side_b], pairs.largest_block)
            if not listed:
                if side_a.person != side_b.person:
                    cause = "b:person-mismatch"
                elif candidates([side_a, side_b], 10**6) == [] and _shares_key(side_a, side_b):
                    cause = "b:initials" if side_a.person else "b:generation"
                else:
                    cause = "b:no-block"
            else:
                p = pairs.model.probability(found) if pairs.model else 0.0
                found = {**found, "probability": p}
                cause = "d:guard" if p >= pairs.threshold else "c:score"
            if order[cause] > order[best[0]] or best[1] is None:
                best = (cause, found)
    return best


def _shares_key(a: Any, b: Any) -> bool:
    from synopsis.entities.pairs import block_keys

    shared = block_keys(a) & block_keys(b)
    return any(not key.startswith("expansion:") for key in shared)


def story_funnel(story: Path, context: Any, scorer: Any, verbose: bool) -> list[tuple[str, str, str]]:
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    loaded = load_articles([story / "articles"], config=context.config)
    articles = Pipeline(["annotate"], context=context)(loaded.articles).articles
    config = context.config
    pairs = PairSettings(load_model(), float(config.get("entities", "alias_threshold")),
                         int(config.get("entities", "alias_largest_block")))
    entities = resolve(articles, int(config.get("entities", "min_mentions")), pairs)
    groups = across_articles(chains_of(articles), {a.id: a for a in articles}, pairs)
    spans = {(m.article_id, m.start, m.end): i for i, c in enumerate(groups.chains) for m in c.mentions}
    as_dicts = [e.to_dict() for e in entities]
    distinct = [tuple(p) for p in gold.get("distinct", [])]
    out = []
    for a, b in gold.get("aliases", []):
        if scorer._entities_named(as_dicts, a) & scorer._entities_named(as_dicts, b):
            out.append((story.name, f"{a} | {b}", "merged"))
            continue
        ha, hb = _holders(entities, a), _holders(entities, b)
        detail = ""
        if not ha or not hb:
            cause = why_absent(a if not ha else b, articles, story)
            detail = f"({a if not ha else b!r})"
        elif len(ha) > 1 or len(hb) > 1 or any(_holders([e], x) and _holders([e], y)
                                               for e in ha + hb for x, y in distinct):
            cause = "e:split"
            detail = f"holders {[e.name for e in ha]} / {[e.name for e in hb]}"
        else:
            cause, found = why_apart(ha[0], hb[0], groups, pairs, spans)
            detail = f"{ha[0].name} [{ha[0].type}] / {hb[0].name} [{hb[0].type}]"
            if found and verbose:
                detail += " " + " ".join(f"{k}={v:.2f}" for k, v in found.items() if v)
        out.append((story.name, f"{a} | {b}", cause + "  " + detail))
    for a, b in distinct:
        if scorer._entities_named(as_dicts, a) & scorer._entities_named(as_dicts, b):
            rules = [m.rule for e in _holders(entities, a) if e in _holders(entities, b) for m in e.merge_evidence]
            out.append((story.name, f"{a} | {b}", f"DISTINCT MERGED  rules {rules}"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--half", choices=("tune", "check"), default="tune")
    parser.add_argument("--only", default="", help="comma-separated story slugs")
    parser.add_argument("--parse-cache", type=Path, default=RESULTS / "parse-cache")
    parser.add_argument("--verbose", action="store_true", help="print the pair features of scored pairs")
    args = parser.parse_args(argv)
    context = make_context(args.parse_cache)
    scorer = load_scorer()
    only = {s for s in args.only.split(",") if s}
    rows = []
    for story in stories(args.half):
        if only and story.name not in only:
            continue
        for slug, pair, verdict in story_funnel(story, context, scorer, args.verbose):
            rows.append(verdict.split()[0])
            print(f"{slug[:28]:28} {pair[:60]:60} {verdict}")
    counts = Counter(r.split(":")[0] if r not in ("merged", "DISTINCT") else r for r in rows)
    fine = Counter(":".join(r.split(":")[:2]) for r in rows)
    print(f"\n{len(rows)} pairs: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    print("  " + ", ".join(f"{k} {v}" for k, v in fine.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
