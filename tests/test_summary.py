"""The cited summary: a quality gate against a hand-written reference, plus faithfulness and readability."""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from synopsis import load_articles
from synopsis.models import Article, Discrepancy, Dossier, Reading, Sentence, verify_spans
from synopsis.pipeline import Pipeline
from synopsis.render.json import validate
from synopsis.stages import REGISTRY
from synopsis.summary.sentences import pieces, rejection
from synopsis.summary.stage import Summarise, SummarySettings

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


#: A small story written for this test (three outlets, nothing from any real article), and what a reader
#: expects of its summary: the lead says who did what, where and when; sentences that lean on an earlier one
#: stay out; a detail only one outlet gives is cited to that outlet alone.
MINE_STORY = {
    "01_north.txt": (
        "North Courier",
        "Firefighters rescued fourteen miners from a flooded coal mine near Tarnow on Tuesday after a two-day "
        "operation in the regional coal basin.\n"
        "He said the rescue had been the hardest of his career and thanked the volunteers from nearby villages.\n"
        "However, the mining company Karbo promised an independent inquiry into the flooding of the lower shafts.\n"
        "The mining company Karbo said all fourteen miners were taken to the district hospital in Tarnow for "
        "checks.\n",
    ),
    "02_south.txt": (
        "South Ledger",
        "Firefighters rescued fourteen miners from a flooded coal mine near Tarnow on Tuesday, regional officials "
        "said at a news conference.\n"
        "The rescue operation took 34 hours, according to the regional fire service in the southern province.\n"
        "Karbo, the mining company that runs the pit, said the miners were taken to the district hospital in "
        "Tarnow for checks.\n",
    ),
    "03_east.txt": (
        "East Review",
        "Rescuers freed fourteen miners trapped in a flooded coal mine near Tarnow on Tuesday after a long "
        "operation.\n"
        "The miners were taken to the district hospital in Tarnow for checks, the mining company Karbo said in a "
        "statement.\n"
        "They had been trapped underground since water broke into the lower shafts on Sunday night.\n",
    ),
}


def summarised_mine_story(folder: Path) -> Dossier:
    for name, (_outlet, text) in MINE_STORY.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sources.csv").write_text(
        "file,outlet,published,url\n" + "".join(f"{n},{o},2025-03-04,\n" for n, (o, _t) in MINE_STORY.items()),
        encoding="utf-8",
    )
    loaded = load_articles([folder], config=shared_context().config)
    return Pipeline(["annotate", *UPSTREAM, "summary"], context=shared_context())(loaded.articles)


@pytest.fixture(scope="module")
def mine_story(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    return summarised_mine_story(tmp_path_factory.mktemp("mine-story"))


def test_the_lead_says_who_did_what_where_and_when(mine_story: Dossier) -> None:
    lead = (mine_story.summary or ())[0]
    assert lead.text.startswith(("Firefighters rescued fourteen miners", "Rescuers freed fourteen miners")), lead.text
    assert "Tarnow" in lead.text and "Tuesday" in lead.text
    assert not lead.single_source and len(lead.article_ids) == 3


def test_sentences_leaning_on_an_earlier_one_stay_out(mine_story: Dossier) -> None:
    texts = [s.text for s in mine_story.summary or ()]
    assert texts
    assert not any(t.startswith(("He said", "However,", "They had been")) for t in texts), texts


def test_a_detail_only_one_outlet_gives_is_cited_to_that_outlet_alone(mine_story: Dossier) -> None:
    outlet = {a.id: a.outlet for a in mine_story.articles}
    for s in mine_story.summary or ():
        if "34 hours" in s.text:
            assert [outlet[a] for a in s.article_ids] == ["South Ledger"] and s.single_source, s
    hospital = [s for s in mine_story.summary or () if "district hospital" in s.text]
    assert hospital and len({outlet[a] for a in hospital[0].article_ids}) >= 2, hospital


def test_single_source_marks_match_the_cited_outlets() -> None:
    dossier = summarised_sample()
    outlets = {a.id: (a.outlet or a.id).casefold() for a in dossier.articles}
    for s in dossier.summary or ():
        assert s.single_source == (len({outlets[a] for a in s.article_ids}) == 1), s
    assert any(not s.single_source for s in dossier.summary or ())


def test_discrepancies_in_a_sentence_itself_are_flagged_and_only_those() -> None:
    """A reading inside the sentence's own span disputes it; a reading in another outlet's cited sentence
    ("former President Donald Trump" beside a sentence that only says "Trump") does not."""
    dossier = summarised_sample()
    assert dossier.discrepancies
    known = {d.id: d for d in dossier.discrepancies}
    for s in dossier.summary or ():
        own = s.evidence[0]
        for d in dossier.discrepancies:
            inside = any(r.article_id == own.article_id and min(r.end, own.end) > max(r.start, own.start)
                         for r in d.readings)
            if inside:
                assert d.id in s.discrepancy_ids, (d.id, s.text)
        for flag in s.discrepancy_ids:
            d = known[flag]
            assert d.claim_id is not None or any(r.article_id == own.article_id for r in d.readings), (flag, s.text)


def test_summary_degrades_gracefully_without_claims_or_discrepancies() -> None:
    given = [k for spec in REGISTRY.values() if spec.name != "summary" for k in spec.assigns]
    dossier = Pipeline(["summary"], context=shared_context(), given=given).run(annotated_sample())
    assert dossier.claims is None and dossier.summary
    assert 80 <= words(dossier) <= shared_context().config.get("summary", "max_words")
    assert all(s.discrepancy_ids == () for s in dossier.summary)
    assert any(len(s.article_ids) > 1 for s in dossier.summary)


def settings(**changes: float) -> SummarySettings:
    return dataclasses.replace(SummarySettings.from_config(shared_context().config), **changes)


def test_only_discrepancies_at_or_above_the_report_threshold_are_flagged() -> None:
    """A discrepancy read inside the lead flags it when its confidence reaches the report threshold
    (``[claims] min_confidence``, which --all-discrepancies lets fall below), and only then."""
    upstream = sample_through(*UPSTREAM)
    stage = Summarise(shared_context().embedder, settings(min_confidence=0.6))
    lead = stage.summarise(upstream)[0].evidence[0]
    reading = Reading(lead.article_id, "outlet", "1", lead.text[:12], lead.start, lead.start + 12)

    def flags(confidence: float) -> list[tuple[str, ...]]:
        disputed = Discrepancy("d99", "number", "a figure", (reading,), "a planted reading", confidence=confidence)
        return [s.discrepancy_ids for s in stage.summarise(dataclasses.replace(upstream, discrepancies=(disputed,)))]

    assert flags(0.9)[0] == ("d99",)
    assert not any(flags(0.3))


def test_a_shorter_configured_length_is_respected() -> None:
    stage = Summarise(shared_context().embedder, settings(min_words=40, max_words=70))
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
    assert first.text == text[first.start : first.end]


#: The stories benchmark (../shared/benchmarks/stories): a fast gate on a few stories of each half, scored by
#: bench/summary_stories.py against the hand-made expectations of bench/data/summary_expectations.json.
STORY_FLOORS = tomllib.loads(BASELINE.read_text(encoding="utf-8")).get("summary_stories", {})


@pytest.fixture(scope="module")
def story_scores(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    import json

    from bench.stories_eval import build_story, make_context
    from bench.story_split import STORIES
    from bench.summary_stories import load_expectations, score_story

    if not (STORIES / "score.py").is_file():
        pytest.skip(f"the stories benchmark is missing ({STORIES})")
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    folder: Path = cache.mkdir("synopsis-parse-cache") if cache else tmp_path_factory.mktemp("parse-cache")
    context = make_context(folder)
    expectations = load_expectations()
    threshold = float(context.config.get("claims", "min_confidence"))
    return [score_story(slug, json.loads(build_story(STORIES / slug, context)), expectations[slug], threshold)
            for slug in STORY_FLOORS["fast_stories"]]


def test_summary_citations_on_stories_are_supported_and_leads_give_the_news(story_scores: list[Any]) -> None:
    sentences = sum(s.sentences for s in story_scores)
    supported = sum(s.supported for s in story_scores) / sentences
    corroborated = sum(s.corroborated for s in story_scores) / sentences
    leads = sum(bool(s.lead_right) for s in story_scores)
    report = {s.slug: (f"{s.supported}/{s.sentences}", s.lead_right, s.lead) for s in story_scores}
    assert supported >= STORY_FLOORS["fast_supported"], report
    assert corroborated >= STORY_FLOORS["fast_corroborated"], report
    assert leads >= STORY_FLOORS["fast_leads"], report
    assert sum(s.false_flags for s in story_scores) == 0, report


@pytest.mark.parametrize(
    ("sentence", "cited", "expected"),
    [
        ("The jet crashed just 34 seconds after takeoff.", "The jet crashed shortly after takeoff.", False),
        ("The jet crashed just 34 seconds after takeoff.", "It came down 34 seconds after it left the runway.", True),
        ("The fund lost $589 billion on Monday.", "The fund shed nearly $600 billion.", True),
        ("The fund lost $589 billion on Monday.", "The fund shed $20 billion.", False),
        ("The final ended 5-0.", "The final ended 5-1.", False),
        ("Turnout reached 64.7% in the runoff.", "Turnout was 64.7 percent.", True),
    ],
)
def test_a_cited_sentence_must_give_the_figures(sentence: str, cited: str, expected: bool) -> None:
    from synopsis.lang.quantities import parse_quantities
    from synopsis.summary.support import Details, supports

    assert supports(Details(tuple(parse_quantities(sentence)), ()), cited, frozenset()) is expected


def test_a_cited_outlet_must_name_what_the_sentence_names() -> None:
    from synopsis.summary.support import Details, supports

    vocabulary = frozenset(["the", "russian", "delegation", "met", "ukrainian", "officials", "in", "istanbul"])
    assert supports(Details((), ("russia", "ukraine", "istanbul")), "", vocabulary)
    assert not supports(Details((), ("russia", "ankara")), "", vocabulary)
