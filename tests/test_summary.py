"""The cited summary: a quality gate against a hand-written reference, plus faithfulness and readability."""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from itertools import combinations

import pytest

from synopsis.models import Article, Dossier, Sentence, verify_spans
from synopsis.pipeline import Pipeline
from synopsis.render.json import validate
from synopsis.stages import REGISTRY
from synopsis.summary.sentences import ANAPHORIC_OPENERS, CONNECTIVES, pieces, rejection
from synopsis.summary.stage import Summarise

from .conftest import BASELINE, GOLD, annotated_sample, sample_through, shared_context

UPSTREAM = ("entities", "quotes", "claims", "timeline", "positions")


@functools.cache
def summarised_sample() -> Dossier:
    """The sample through every stage, then summary."""
    return sample_through(*UPSTREAM, "summary")


def floors() -> dict[str, float]:
    return tomllib.loads(BASELINE.read_text(encoding="utf-8"))["summary"]


def reference() -> str:
    text = (GOLD / "summary_reference.md").read_text(encoding="utf-8")
    return re.sub(r"<!--.*?-->", "", text, flags=re.S).strip()


def words(dossier: Dossier) -> int:
    return sum(len(s.text.split()) for s in dossier.summary or ())


def test_summary_scores_against_the_reference_at_or_above_the_floors() -> None:
    from rouge_score import rouge_scorer

    dossier = summarised_sample()
    text = " ".join(s.text for s in dossier.summary or ())
    scores = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True).score(reference(), text)
    floor = floors()
    assert scores["rouge1"].fmeasure >= floor["rouge1"], scores
    assert scores["rouge2"].fmeasure >= floor["rouge2"], scores
    assert scores["rougeL"].fmeasure >= floor["rougeL"], scores


def test_summary_carries_the_gold_corroborated_claims_at_or_above_the_floor() -> None:
    import json

    def norm(text: str) -> str:
        return " ".join(text.replace("’", "'").split()).lower()

    gold = json.loads((GOLD / "claims_riyadh.json").read_text(encoding="utf-8"))["corroborated"]
    dossier = summarised_sample()
    texts = [norm(ev.text) for s in dossier.summary or () for ev in s.evidence]
    carried = [c["id"] for c in gold if any(norm(x) in t for g in c["snippets"].values() for x in g for t in texts)]
    assert len(carried) / len(gold) >= floors()["gold_claim_coverage"], carried


def test_summary_length_is_within_the_configured_bounds() -> None:
    config = shared_context().config
    assert config.get("summary", "min_words") <= words(summarised_sample()) <= config.get("summary", "max_words")


def test_every_summary_sentence_is_its_evidence_span_verbatim() -> None:
    dossier = summarised_sample()
    assert dossier.summary
    for s in dossier.summary:
        own = s.evidence[0]
        assert own.text == s.text
        assert dossier.article(own.article_id).text[own.start : own.end] == s.text
        assert own.article_id in s.article_ids
        assert {ev.article_id for ev in s.evidence} <= set(s.article_ids)
    assert verify_spans(dossier) == []
    assert validate(dossier.to_dict()) == []


def test_summary_sentences_do_not_repeat_each_other() -> None:
    dossier = summarised_sample()
    vectors = shared_context().embedder.embed([s.text for s in dossier.summary or ()])
    worst = max((float(a @ b) for a, b in combinations(vectors, 2)), default=0.0)
    assert 1.0 - worst >= floors()["non_redundancy"], worst


def test_summary_sentences_stand_alone() -> None:
    for s in summarised_sample().summary or ():
        first = re.findall(r"[\w’'-]+", s.text)[0].lower()
        assert first not in ANAPHORIC_OPENERS | CONNECTIVES, s.text
        assert s.text[0].isupper() or s.text[0] in "\"“", s.text
        assert s.text.rstrip("\"”’)").endswith((".", "!")), s.text
        assert "?" not in s.text
        assert "\n" not in s.text


def test_single_source_marks_match_the_cited_outlets() -> None:
    dossier = summarised_sample()
    outlets = {a.id: (a.outlet or a.id).casefold() for a in dossier.articles}
    for s in dossier.summary or ():
        assert s.single_source == (len({outlets[a] for a in s.article_ids}) == 1), s
    assert any(not s.single_source for s in dossier.summary or ())


def test_flagged_discrepancies_exist_and_every_overlapping_one_is_flagged() -> None:
    dossier = summarised_sample()
    if dossier.discrepancies is None:
        assert all(not s.discrepancy_ids for s in dossier.summary or ())
        return
    known = {d.id for d in dossier.discrepancies}
    for s in dossier.summary or ():
        assert set(s.discrepancy_ids) <= known
        for d in dossier.discrepancies:
            overlaps = any(
                r.article_id == ev.article_id and min(r.end, ev.end) > max(r.start, ev.start)
                for r in d.readings for ev in s.evidence
            )
            if overlaps:
                assert d.id in s.discrepancy_ids, (d.id, s.text)


def test_summary_degrades_gracefully_without_claims_or_discrepancies() -> None:
    given = [k for spec in REGISTRY.values() if spec.name != "summary" for k in spec.assigns]
    dossier = Pipeline(["summary"], context=shared_context(), given=given).run(annotated_sample())
    assert dossier.claims is None and dossier.summary
    assert 80 <= words(dossier) <= shared_context().config.get("summary", "max_words")
    assert all(s.discrepancy_ids == () for s in dossier.summary)
    assert any(len(s.article_ids) > 1 for s in dossier.summary)


def test_a_shorter_configured_length_is_respected() -> None:
    stage = Summarise(shared_context().embedder, min_words=40, max_words=70)
    summary = stage.summarise(sample_through(*UPSTREAM))
    assert len(summary) >= 1 and sum(len(s.text.split()) for s in summary) <= 70


def _article(text: str) -> Article:
    """An unparsed article whose lines are its sentences (the rules then work from the words alone)."""
    spans, start = [], 0
    for line in text.splitlines(keepends=True):
        spans.append(Sentence(start, start + len(line.rstrip("\n"))))
        start += len(line)
    return Article(id="t1", text=text, source="t.txt", sentences=tuple(spans))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("However, the ministers agreed to meet again in Geneva next month.", "connective opener"),
        ("He said the ministers agreed to meet again in Geneva next month.", "anaphoric opener"),
        ("This move signals a shift in the relationship between the capitals.", "anaphoric opener"),
        ("Will the ministers agree to meet again in Geneva next month?", "no final stop"),
        ("Key Participants in the Negotiations Between the Two Countries", "no final stop"),
        ("Question: what did the ministers agree on at the meeting today.", "label or bullet"),
        ("As the news editor here, I am dedicated to delivering the latest stories.", "first person"),
        ("Follow the coverage at https://example.org/live for the latest updates.", "link"),
        ("The minister said the talks were going well , and ... more to come.", "elided text"),
        ("the ministers agreed to meet again in Geneva next month as planned.", "lowercase start"),
        ("Leave A Comment", "length"),
    ],
)
def test_sentences_that_cannot_stand_alone_are_rejected(line: str, reason: str) -> None:
    (piece,) = pieces(_article(line))
    assert rejection(piece) == reason


def test_a_whole_declarative_sentence_is_accepted_and_list_items_are_not() -> None:
    text = ("The foreign ministers of both countries met in Geneva on Tuesday for five hours.\n"
            "The envoy listed three conditions:\n"
            "Troops must leave the border region before any agreement is signed.\n")
    first, intro, item = pieces(_article(text))
    assert rejection(first) is None
    assert rejection(item, previous=intro) == "list item"
    assert dataclasses.replace(first, text=first.text).text == text[first.start : first.end]
