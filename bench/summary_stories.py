"""Score the cited summary of every story of the stories benchmark: are its citations true, does it lead with the news.

Run: .venv/bin/python bench/summary_stories.py [--half tune|check|all] [--only slug,slug]
     [--dossiers DIR | --build --out DIR] [--json PATH] [-v]

Reads each story's dossier.json from ``--dossiers`` (as bench/stories_eval.py writes them under its
``--out``), or builds them first with ``--build``. Per story, and for each half:

- **supported**: the share of summary sentences whose every cited outlet supports them. An outlet supports a
  sentence when every figure of the sentence (counts, money, durations, dates, scores...) has an equal or
  compatible figure in the text that outlet is cited for, and every name the sentence capitalises occurs in
  that outlet's article. The sentence's own outlet supports it by construction. The rule is written here from
  the text alone, apart from the summary stage's own check, so that the stage does not grade itself.
- **corroborated**: the share of summary sentences citing at least one outlet besides their own (a summary
  citing no one would be trivially supported).
- **claims covered**: the share of the dossier's corroborated claims whose evidence the summary's own sentences
  overlap (what the summary is for: the facts several outlets give).
- **lead**: whether the first summary sentence names the event's main actor and its action, by the hand-made
  expectations of bench/data/summary_expectations.json (any one actor name and any one action word, folded,
  whole words).
- **dated**: whether the lead says when (a weekday, a month, a date or a relative day).
- **false flags**: "disputed" marks pointing at a discrepancy below the report threshold
  (``[claims] min_confidence``), or at none.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make bench.* importable
    sys.path.insert(0, str(ROOT))

from bench.story_split import half, stories  # noqa: E402
from synopsis.config import Config  # noqa: E402
from synopsis.lang.calendar import MONTH_PATTERN, WEEKDAY_PATTERN  # noqa: E402
from synopsis.lang.function_words import STOP_WORDS  # noqa: E402
from synopsis.lang.names import fold  # noqa: E402
from synopsis.lang.quantities import parse_quantities  # noqa: E402
from synopsis.summary.support import figure_supported  # noqa: E402

EXPECTATIONS = ROOT / "bench" / "data" / "summary_expectations.json"
HALVES = ("tune", "check", "all")
#: A capitalised word, hyphenated parts and inner apostrophes kept ("Saint-Germain", "O'Brien"), dots of
#: abbreviations kept ("U.S."), a possessive dropped later.
CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w.]*(?:[-'’][\w.]+)*")
POSSESSIVE = re.compile(r"[’']s$")
WHEN = re.compile(rf"\b(?:{WEEKDAY_PATTERN}|{MONTH_PATTERN}|yesterday|today|tonight|overnight)\b", re.IGNORECASE)


@dataclass
class Citation:
    """One outlet cited by one summary sentence, and what of the sentence its text lacks."""

    outlet: str
    missing_figures: list[str] = field(default_factory=list)
    missing_names: list[str] = field(default_factory=list)

    @property
    def supports(self) -> bool:
        return not self.missing_figures and not self.missing_names


@dataclass
class SentenceVerdict:
    text: str
    citations: list[Citation]

    @property
    def supported(self) -> bool:
        return all(c.supports for c in self.citations)


@dataclass
class StorySummaryScore:
    """One story's summary figures."""

    slug: str
    half: str
    sentences: int
    supported: int
    corroborated: int
    claims: int
    claims_covered: int
    citations: int
    citations_supported: int
    lead_actor: bool | None
    lead_action: bool | None
    lead_dated: bool
    flags: int
    false_flags: int
    lead: str = ""
    verdicts: list[SentenceVerdict] = field(default_factory=list)

    @property
    def lead_right(self) -> bool | None:
        if self.lead_actor is None or self.lead_action is None:
            return None
        return self.lead_actor and self.lead_action


def load_expectations(path: Path = EXPECTATIONS) -> dict[str, dict[str, list[str]]]:
    stories_: dict[str, dict[str, list[str]]] = json.loads(path.read_text(encoding="utf-8"))["stories"]
    return stories_


def names_of(text: str, article: str) -> list[str]:
    """The capitalised words of ``text`` that name something: not function words, and a sentence-initial word
    only when its article also writes it capitalised after a lower-case word (a name, not a capital letter)."""
    found = []
    for match in CAPITALISED.finditer(text):
        word = POSSESSIVE.sub("", match.group().rstrip("."))
        if not word or word.casefold() in STOP_WORDS:
            continue
        initial = not text[: match.start()].strip(" \"“‘'(")
        if initial and not re.search(rf"[a-z,;]\s+{re.escape(word)}\b", article):
            continue
        found += [part for part in word.split("-") if part[:1].isupper()]  # "China-based": "China"
    return found


def _tokens(text: str) -> list[str]:
    return fold(text.replace(".", "")).split()


def name_found(name: str, article_tokens: frozenset[str]) -> bool:
    """Each word of ``name`` is a word of the article, or one is the other's start and the shorter has four
    letters or more (Russia, Russian)."""
    for word in _tokens(name):
        if word in article_tokens:
            continue
        if len(word) < 4 or not any(
            (t.startswith(word) or word.startswith(t)) and len(t) >= 4 for t in article_tokens
        ):
            return False
    return True


def judge(sentence: dict[str, Any], articles: dict[str, dict[str, Any]]) -> SentenceVerdict:
    """Each outlet ``sentence`` cites, other than its own, with what of the sentence its cited text lacks."""
    text = sentence["text"]
    evidence = sentence.get("evidence") or []
    own_id = evidence[0]["article_id"] if evidence else sentence["article_ids"][0]
    own_outlet = _outlet(articles[own_id])
    figures = parse_quantities(text)
    names = names_of(text, articles[own_id]["text"])
    by_outlet: dict[str, list[str]] = {}
    for article_id in sentence["article_ids"]:
        by_outlet.setdefault(_outlet(articles[article_id]), []).append(article_id)
    citations = []
    for outlet, ids in by_outlet.items():
        if outlet == own_outlet:
            continue
        cited = [e["text"] for e in evidence if e["article_id"] in ids] or [articles[i]["text"] for i in ids]
        given = [q for piece in cited for q in parse_quantities(piece)]
        article_tokens = frozenset(t for i in ids for t in _tokens(articles[i]["text"]))
        citations.append(Citation(
            outlet,
            [q.text for q in figures if not figure_supported(q, given)],
            [n for n in names if not name_found(n, article_tokens)],
        ))
    return SentenceVerdict(text, citations)


def _outlet(article: dict[str, Any]) -> str:
    return str(article.get("outlet") or article["id"]).casefold().strip()


def mentions(text: str, phrases: Iterable[str]) -> bool:
    """Whether any phrase occurs in ``text`` as whole folded words."""
    folded = f" {' '.join(_tokens(text))} "
    return any(f" {' '.join(_tokens(p))} " in folded for p in phrases if _tokens(p))


def score_story(
    slug: str, dossier: dict[str, Any], expectation: dict[str, list[str]] | None, min_confidence: float
) -> StorySummaryScore:
    """The summary figures of one story's dossier (JSON as written by the pipeline)."""
    articles = {a["id"]: a for a in dossier.get("articles") or ()}
    summary = dossier.get("summary") or []
    verdicts = [judge(s, articles) for s in summary]
    confidence = {d["id"]: d.get("confidence") for d in dossier.get("discrepancies") or ()}
    flags = [i for s in summary for i in s.get("discrepancy_ids") or ()]
    false_flags = [i for i in flags if i not in confidence
                   or (confidence[i] is not None and confidence[i] < min_confidence)]
    lead = summary[0]["text"] if summary else ""
    corroborated_claims = [c for c in dossier.get("claims") or () if c.get("corroborated")]
    own_spans = [s["evidence"][0] for s in summary if s.get("evidence")]
    return StorySummaryScore(
        slug=slug,
        half=half(slug),
        sentences=len(verdicts),
        supported=sum(v.supported for v in verdicts),
        corroborated=sum(bool(v.citations) for v in verdicts),
        claims=len(corroborated_claims),
        claims_covered=sum(any(_overlaps(e, s) for e in c["evidence"] for s in own_spans) for c in corroborated_claims),
        citations=sum(len(v.citations) for v in verdicts),
        citations_supported=sum(c.supports for v in verdicts for c in v.citations),
        lead_actor=mentions(lead, expectation["actors"]) if expectation else None,
        lead_action=mentions(lead, expectation["actions"]) if expectation else None,
        lead_dated=bool(WHEN.search(lead)) or any(q.kind == "date" for q in parse_quantities(lead)),
        flags=len(flags),
        false_flags=len(false_flags),
        lead=lead,
        verdicts=verdicts,
    )


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["article_id"] == b["article_id"] and min(a["end"], b["end"]) > max(a["start"], b["start"]))


def totals(scores: Sequence[StorySummaryScore]) -> dict[str, dict[str, Any]]:
    """For tune, check and all: supported sentences (micro), leads right, leads dated, false flags."""
    out: dict[str, dict[str, Any]] = {}
    for which in HALVES:
        chosen = [s for s in scores if which in ("all", s.half)]
        if not chosen:
            continue
        sentences = sum(s.sentences for s in chosen)
        judged = [s for s in chosen if s.lead_right is not None]
        out[which] = {
            "stories": len(chosen),
            "sentences": sentences,
            "supported": sum(s.supported for s in chosen) / sentences if sentences else None,
            "corroborated": sum(s.corroborated for s in chosen) / sentences if sentences else None,
            "claims_covered": (sum(s.claims_covered for s in chosen) / c
                               if (c := sum(s.claims for s in chosen)) else None),
            "citations_supported": (sum(s.citations_supported for s in chosen) / c
                                    if (c := sum(s.citations for s in chosen)) else None),
            "lead": sum(bool(s.lead_right) for s in judged) / len(judged) if judged else None,
            "lead_actor": sum(bool(s.lead_actor) for s in judged) / len(judged) if judged else None,
            "lead_action": sum(bool(s.lead_action) for s in judged) / len(judged) if judged else None,
            "lead_dated": sum(s.lead_dated for s in chosen) / len(chosen),
            "false_flags": sum(s.false_flags for s in chosen),
        }
    return out


def score_folder(
    dossiers: Path, folders: Iterable[Path], expectations: dict[str, dict[str, list[str]]] | None = None,
    min_confidence: float | None = None,
) -> list[StorySummaryScore]:
    """Scores of ``dossiers/<slug>/dossier.json`` for each story folder."""
    expectations = load_expectations() if expectations is None else expectations
    threshold = float(Config.load().get("claims", "min_confidence")) if min_confidence is None else min_confidence
    out = []
    for folder in folders:
        path = dossiers / folder.name / "dossier.json"
        dossier = json.loads(path.read_text(encoding="utf-8"))
        out.append(score_story(folder.name, dossier, expectations.get(folder.name), threshold))
    return out


def built_without_summary(folders: Iterable[Path], parse_cache: Path | None) -> tuple[Any, dict[str, Any]]:
    """Every story through every stage but summary, kept in memory: the summary can then be re-run cheaply."""
    from bench.stories_eval import make_context
    from synopsis.ingest import load_articles
    from synopsis.pipeline import Pipeline

    context = make_context(parse_cache)
    names = [name for name in context.config.get("pipeline", "stages") if name != "summary"]
    built = {}
    for folder in folders:
        loaded = load_articles([folder / "articles"], config=context.config)
        built[folder.name] = Pipeline(names, context=context)(loaded.articles, loaded.rejected)
    return context, built


def summary_scores(context: Any, built: dict[str, Any], settings: Any) -> list[StorySummaryScore]:
    """The summary figures of each prebuilt story, summarised with ``settings``."""
    from synopsis.render.json import render_json
    from synopsis.summary.stage import Summarise

    expectations = load_expectations()
    stage = Summarise(context.embedder, settings)
    return [score_story(slug, json.loads(render_json(stage(dossier))), expectations.get(slug), settings.min_confidence)
            for slug, dossier in built.items()]


Trial = tuple[dict[str, Any], dict[str, Any]]


def fit(folders: Sequence[Path], parse_cache: Path | None, what: str) -> list[Trial]:
    """Each candidate setting of the lead weights (``what`` "lead"), of the claim coverage weight ("coverage") or
    of the fact similarity, position weight and MMR trade-off ("selection"), with its figures on ``folders``."""
    import dataclasses

    from synopsis.summary.stage import SummarySettings

    context, built = built_without_summary(folders, parse_cache)
    base = SummarySettings.from_config(context.config)
    trials: list[dict[str, Any]] = [{}]
    if what == "lead":
        for top in (0.5, 1.0, 2.0):
            for shape in (0.0, 0.3, 0.6):
                for corroboration in (0.25, 0.5, 1.0):
                    trials.append({"lead_weights": (top, corroboration, 0.5, shape, shape, shape / 3, shape / 3, 0.5)})
    elif what == "coverage":
        trials += [{"claim_coverage": coverage} for coverage in (0.0, 0.15, 0.3, 0.6, 1.0)]
    else:
        trials += [{"same_fact": value} for value in (0.4, 0.45, 0.55, 0.6)]
        trials += [{"weights": (0.25, 0.15, top, 0.15)} for top in (0.3, 0.6)]
        trials += [{"mmr_lambda": value} for value in (0.5, 0.9)]
    rows = []
    for change in trials:
        figures = totals(summary_scores(context, built, dataclasses.replace(base, **change)))["all"]
        rows.append((change, figures))
        shown = ("supported", "corroborated", "claims_covered", "lead", "lead_dated")
        print(change, {k: figures[k] for k in shown}, flush=True)
    return rows


def _mark(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def table(scores: Sequence[StorySummaryScore], summary: dict[str, dict[str, Any]], verbose: bool = False) -> str:
    lines = [f"{'story':40} {'half':5} {'supported':>9} {'corrob':>6} {'cites':>7} {'actor':>5} {'action':>6} "
             f"{'dated':>5} {'false flags':>11}"]
    for which in ("tune", "check"):
        for s in (s for s in scores if s.half == which):
            lines.append(f"{s.slug:40} {s.half:5} {f'{s.supported}/{s.sentences}':>9} {s.corroborated:>6} "
                         f"{f'{s.citations_supported}/{s.citations}':>7} {_mark(s.lead_actor):>5} "
                         f"{_mark(s.lead_action):>6} {_mark(s.lead_dated):>5} {f'{s.false_flags}/{s.flags}':>11}")
            if verbose:
                lines.append(f"    lead: {s.lead}")
                for v in s.verdicts:
                    for c in v.citations:
                        if not c.supports:
                            lines.append(f"    unsupported by {c.outlet}: figures {c.missing_figures} names "
                                         f"{c.missing_names} in: {v.text[:120]}")
    lines.append("")
    for which, t in summary.items():
        lines.append(f"{which:5} ({t['stories']} stories, {t['sentences']} sentences): supported {_pct(t['supported'])}"
                     f", corroborated {_pct(t['corroborated'])}, corroborated claims covered "
                     f"{_pct(t['claims_covered'])}"
                     f", citations supported {_pct(t['citations_supported'])}, lead right {_pct(t['lead'])} "
                     f"(actor {_pct(t['lead_actor'])}, action {_pct(t['lead_action'])}), dated "
                     f"{_pct(t['lead_dated'])}, false flags {t['false_flags']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--half", choices=HALVES, default="all")
    parser.add_argument("--only", default="", help="comma-separated story folder names")
    parser.add_argument("--dossiers", type=Path, default=ROOT / "bench" / "results" / "stories",
                        help="where <slug>/dossier.json are read (and written with --build)")
    parser.add_argument("--build", action="store_true", help="build the dossiers first (bench/stories_eval.py)")
    parser.add_argument("--parse-cache", type=Path, default=ROOT / "bench" / "results" / "parse-cache")
    parser.add_argument("--json", type=Path, default=None, help="write the figures as JSON")
    parser.add_argument("--min-confidence", type=float, default=None,
                        help="the report threshold the dossiers were built with (default: [claims] min_confidence)")
    parser.add_argument("--fit", choices=("lead", "coverage", "selection"), help="try settings on the stories")
    parser.add_argument("-v", "--verbose", action="store_true", help="show each lead and each unsupported citation")
    args = parser.parse_args(argv)
    folders = stories(None if args.half == "all" else args.half)
    if args.only:
        folders = [f for f in folders if f.name in set(args.only.split(","))]
    if args.fit:
        rows = fit(folders, args.parse_cache, args.fit)
        if args.json:
            args.json.write_text(json.dumps([{"change": c, "figures": f} for c, f in rows], indent=1), "utf-8")
        return 0
    if args.build:
        from bench.stories_eval import evaluate, make_context

        evaluate(folders, make_context(args.parse_cache), args.dossiers)
    scores = score_folder(args.dossiers, folders, min_confidence=args.min_confidence)
    summary = totals(scores)
    print(table(scores, summary, args.verbose))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"summary": summary, "stories": {s.slug: {k: v for k, v in asdict(s).items() if k != "verdicts"}
                                                   | {"lead_right": s.lead_right} for s in scores}}
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
