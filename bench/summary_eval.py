"""Score the cited summary of the sample story against a hand-written reference, next to LexRank and TextRank.

    .venv/bin/python bench/summary_eval.py

Reports ROUGE-1/2/L F1 (rouge-score, stemmed) against tests/gold/summary_reference.md,
coverage of the gold corroborated claims (when tests/gold/claims_riyadh.json exists),
the word count, and the same figures for plain LexRank and TextRank (sumy) given the
same text and the same word budget. sumy's own tokenizers need nltk data that is not
installed, so a small regex tokenizer stands in for them.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synopsis.config import Config  # noqa: E402
from synopsis.context import Context  # noqa: E402
from synopsis.ingest import load_articles  # noqa: E402
from synopsis.models import Dossier  # noqa: E402
from synopsis.pipeline import Pipeline  # noqa: E402
from synopsis.stages import REGISTRY  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "corpus" / "riyadh-2025"
REFERENCE = ROOT / "tests" / "gold" / "summary_reference.md"
GOLD_CLAIMS = ROOT / "tests" / "gold" / "claims_riyadh.json"
UPSTREAM = ("entities", "quotes", "claims", "timeline", "positions")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z])|(?<=[.!?][\"”’)])\s+|\n+")
WORD = re.compile(r"\w+")


def reference_text(path: Path = REFERENCE) -> str:
    """The reference summary without its HTML comment header."""
    text = path.read_text(encoding="utf-8")
    return re.sub(r"<!--.*?-->", "", text, flags=re.S).strip()


def available_stages() -> list[str]:
    """The upstream stages registered in this tree, in pipeline order."""
    return [name for name in UPSTREAM if name in REGISTRY]


def build_sample(context: Context | None = None) -> Dossier:
    """The sample through annotate, every stage present, then summary (claims None when that stage is absent)."""
    context = context or Context(Config.load())
    loaded = load_articles([SAMPLE], config=context.config)
    dossier = Pipeline(["annotate", *available_stages()], context=context)(loaded.articles, loaded.rejected)
    given = [key for spec in REGISTRY.values() if spec.name != "summary" for key in spec.assigns]
    return Pipeline(["summary"], context=context, given=given).run(dossier)


def rouge(candidate: str, reference: str) -> dict[str, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    scores = scorer.score(reference, candidate)
    return {name: round(score.fmeasure, 4) for name, score in scores.items()}


def gold_claim_coverage(dossier: Dossier, path: Path = GOLD_CLAIMS) -> float | None:
    """Share of the gold corroborated claims that the summary carries.

    The gold file locates each claim by short snippets per article; a summary sentence
    carries a claim when the sentence, or the evidence it cites from other outlets,
    contains one of those snippets.
    """
    if not path.exists():
        return None
    gold = json.loads(path.read_text(encoding="utf-8"))
    claims = gold.get("corroborated", []) if isinstance(gold, dict) else []
    if not claims:
        return None
    texts = [_norm(ev.text) for s in dossier.summary or () for ev in s.evidence] + [
        _norm(s.text) for s in dossier.summary or ()
    ]
    covered = 0
    for claim in claims:
        snippets = [_norm(x) for group in (claim.get("snippets") or {}).values() for x in group]
        if any(snippet and snippet in text for snippet in snippets for text in texts):
            covered += 1
    return round(covered / len(claims), 4)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


class RegexTokenizer:
    """Stands in for sumy's nltk-based Tokenizer: sentences at final stops and line breaks, words by \\w+."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [s.strip() for s in SENTENCE_END.split(paragraph) if s and s.strip()]

    def to_words(self, sentence: str) -> list[str]:
        return WORD.findall(sentence)


def baseline_coverage(text: str, path: Path = GOLD_CLAIMS) -> float | None:
    """The same coverage for a baseline's plain text."""
    if not path.exists():
        return None
    claims = json.loads(path.read_text(encoding="utf-8")).get("corroborated", [])
    body = _norm(text)
    hits = sum(1 for c in claims if any(_norm(x) in body for g in (c.get("snippets") or {}).values() for x in g))
    return round(hits / len(claims), 4) if claims else None


def baseline(kind: str, articles_text: str, budget: int) -> str:
    """LexRank or TextRank over every sentence of the story: the top k sentences, k grown to fill ``budget`` words."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    parser = PlaintextParser.from_string(articles_text, RegexTokenizer())
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    text = ""
    for count in range(1, len(parser.document.sentences) + 1):
        picked = " ".join(str(s) for s in summarizer(parser.document, count))
        if len(picked.split()) > budget and text:
            break
        text = picked
    return text


def main() -> None:
    started = time.perf_counter()
    dossier = build_sample()
    built = time.perf_counter() - started
    summary = dossier.summary or ()
    ours = " ".join(s.text for s in summary)
    reference = reference_text()
    budget = len(ours.split())
    everything = "\n".join(a.text for a in dossier.articles if a.copy_of is None)
    rows: list[tuple[str, dict[str, float], int, float | None]] = [
        ("synopsis", rouge(ours, reference), budget, gold_claim_coverage(dossier)),
    ]
    for kind in ("lexrank", "textrank"):
        text = baseline(kind, everything, budget)
        rows.append((kind, rouge(text, reference), len(text.split()), baseline_coverage(text)))
    print(f"stages: annotate, {', '.join(available_stages()) or '(none)'}, summary  ({built:.1f}s)")
    print(f"{'system':<10} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8} {'words':>6} {'gold claims':>12}")
    for name, scores, words, coverage in rows:
        cov = "n/a" if coverage is None else f"{coverage:.2f}"
        print(
            f"{name:<10} {scores['rouge1']:>8.4f} {scores['rouge2']:>8.4f} {scores['rougeL']:>8.4f} "
            f"{words:>6} {cov:>12}"
        )
    print()
    for s in summary:
        marks = ("single-source " if s.single_source else "") + (f"disputed {list(s.discrepancy_ids)} " if
                                                                 s.discrepancy_ids else "")
        print(f"- [{', '.join(s.article_ids)}] {marks}{s.text}")


if __name__ == "__main__":
    main()
