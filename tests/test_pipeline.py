"""The stage contract: each stage changes only what it assigns and reads only what it requires.

Stages a user registers (an honest one, and cheats that change or read what they did not
declare) run by name; the whole built-in chain runs on the sample under the same checks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from synopsis import Article, Dossier, Pipeline
from synopsis.context import Context
from synopsis.contract import Absent
from synopsis.errors import PipelineError
from synopsis.ingest.meta import publication_cues
from synopsis.models import Discrepancy, Evidence, Reading, SummarySentence
from synopsis.registry import StageSpec, stage
from synopsis.stages import REGISTRY

from .conftest import annotated_sample, loaded_sample, sample_article, sample_through, shared_context

BUILT_IN = ("annotate", "entities", "quotes", "claims", "timeline", "positions", "summary")


# --- stages a user writes: registered with the decorator, run by name -------------------------------


class Lead:
    """Corpus stage: a summary of each original article's first sentence."""

    def __call__(self, corpus: Dossier) -> Dossier:
        sentences = []
        for article in corpus.articles:
            if article.copy_of is None and article.sentences:
                first = article.sentences[0]
                evidence = Evidence.of(article, first.start, first.end)
                sentences.append(SummarySentence(evidence.text, (article.id,), evidence=(evidence,),
                                                 single_source=True))
        return dataclasses.replace(corpus, summary=tuple(sentences))


@stage("lead", scope="corpus", requires=("article.sentences",), assigns=("summary",))
def make_lead(context: Context) -> Lead:
    return Lead()


class RetitleQuietly:
    """Corpus stage that declares the summary yet also rewrites the first article's title."""

    def __call__(self, corpus: Dossier) -> Dossier:
        first = dataclasses.replace(corpus.articles[0], title="Something else")
        return dataclasses.replace(corpus, articles=(first, *corpus.articles[1:]), summary=())


class AddsQuotes:
    """Corpus stage that declares the summary yet fills in the quotes."""

    def __call__(self, corpus: Dossier) -> Dossier:
        return dataclasses.replace(corpus, summary=(), quotes=())


class Shouting:
    """Article stage that declares the article's mentions yet rewrites its text."""

    def __call__(self, article: Article) -> Article:
        return dataclasses.replace(article, text=article.text.upper(), mentions=())

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        return (self(a) for a in articles)


@stage("retitle_quietly", scope="corpus", assigns=("summary",))
def make_retitle(context: Context) -> RetitleQuietly:
    return RetitleQuietly()


@stage("adds_quotes", scope="corpus", assigns=("summary",))
def make_adds_quotes(context: Context) -> AddsQuotes:
    return AddsQuotes()


@stage("shouting", scope="article", requires=("article.text",), assigns=("article.mentions",))
def make_shouting(context: Context) -> Shouting:
    return Shouting()


@pytest.mark.parametrize(
    ("name", "key"),
    [("retitle_quietly", "article.title"), ("adds_quotes", "quotes"), ("shouting", "article.text")],
)
def test_a_stage_that_changes_what_it_does_not_assign_is_stopped(name: str, key: str) -> None:
    loaded = loaded_sample()
    with pytest.raises(PipelineError) as raised:
        Pipeline([name], context=shared_context())(loaded.articles, loaded.rejected)
    message = str(raised.value)
    assert f"stage {name!r}" in message and f"changed {key}" in message, message


def test_a_stage_cannot_drop_articles() -> None:
    @stage("drops_one", scope="corpus", assigns=("summary",))
    def make(context: Context) -> Any:
        return lambda corpus: dataclasses.replace(corpus, articles=corpus.articles[1:], summary=())

    loaded = loaded_sample()
    with pytest.raises(PipelineError, match=r"drops_one.*removed or reordered articles"):
        Pipeline(["drops_one"], context=shared_context())(loaded.articles)


def test_a_user_registered_stage_runs_by_name() -> None:
    assert REGISTRY["lead"] == StageSpec("lead", "corpus", ("article.sentences",), ("summary",), make_lead)
    assert list(REGISTRY)[: len(BUILT_IN)] == list(BUILT_IN)
    annotated = annotated_sample()
    dossier = Pipeline(["lead"], context=shared_context(), given=REGISTRY["annotate"].assigns).run(annotated)
    originals = [a for a in annotated.articles if a.copy_of is None]
    assert dossier.summary is not None and len(dossier.summary) == len(originals)
    for sentence, article in zip(dossier.summary, originals, strict=True):
        (evidence,) = sentence.evidence
        assert evidence.article_id == article.id and evidence.start == article.sentences[0].start
        assert article.text[evidence.start : evidence.end] == sentence.text
    assert dossier.articles == annotated.articles
    # without a parse first, nothing gives it sentences: refused before anything runs
    with pytest.raises(PipelineError, match=r"'lead' requires article\.sentences"):
        Pipeline(["lead"], context=shared_context())


def test_a_name_taken_by_another_factory_is_refused() -> None:
    with pytest.raises(PipelineError, match="already registered"):
        stage("summary", scope="corpus", assigns=("summary",))(make_lead)
    with pytest.raises(PipelineError, match="neither a dossier section"):
        stage("typo", scope="corpus", assigns=("sumary",))
    with pytest.raises(PipelineError, match=r"'article\.heading'"):
        stage("typo", scope="corpus", requires=("article.heading",), assigns=("summary",))


def test_order_is_checked() -> None:
    with pytest.raises(PipelineError, match="'quotes' requires entities"):
        Pipeline(["annotate", "quotes"], context=shared_context())
    with pytest.raises(PipelineError, match=r"'entities' requires article\.doc"):
        Pipeline(["entities"], context=shared_context())
    with pytest.raises(PipelineError, match="unknown stage 'nonsense'"):
        Pipeline(["annotate", "nonsense"], context=shared_context())
    Pipeline(list(BUILT_IN), context=shared_context())
    Pipeline(["quotes"], context=shared_context(), given=["article.doc", "entities"])


# --- the built-in stages keep their declared contracts ---------------------------------------------


class PeeksAtQuotes:
    """Corpus stage that requires only the parse yet counts the quotes."""

    def __call__(self, corpus: Dossier) -> Dossier:
        return dataclasses.replace(corpus, summary=() if corpus.quotes else None)


class PeeksAtMentions:
    """Corpus stage that requires only the sentences yet reads each article's named entities."""

    def __call__(self, corpus: Dossier) -> Dossier:
        named = [m.text for a in corpus.articles for m in a.mentions]
        return dataclasses.replace(corpus, summary=() if named else None)


@stage("peeks_at_quotes", scope="corpus", requires=("article.doc",), assigns=("summary",))
def make_peeks_at_quotes(context: Context) -> PeeksAtQuotes:
    return PeeksAtQuotes()


@stage("peeks_at_mentions", scope="corpus", requires=("article.sentences",), assigns=("summary",))
def make_peeks_at_mentions(context: Context) -> PeeksAtMentions:
    return PeeksAtMentions()


@pytest.mark.parametrize(("name", "key"), [("peeks_at_quotes", "quotes"), ("peeks_at_mentions", "article.mentions")])
def test_a_stage_that_reads_what_it_does_not_require_is_stopped(name: str, key: str) -> None:
    corpus = sample_through("entities", "quotes")
    given = [k for earlier in BUILT_IN[:3] for k in REGISTRY[earlier].assigns]
    with pytest.raises(PipelineError) as raised:
        Pipeline([name], context=shared_context(), given=given).run(corpus)
    assert f"stage {name!r} read {key}, which it does not require" in str(raised.value)


def test_the_built_in_stages_keep_their_contracts_on_the_sample() -> None:
    """The whole chain, stage by stage, through the pipeline: each saw only what it requires (reading
    anything else raises) and changed only what it assigns (changing anything else raises)."""
    annotated = annotated_sample()
    dossier = sample_through(*BUILT_IN[1:])
    assert all(getattr(dossier, key) is not None for spec in REGISTRY.values() if spec.name in BUILT_IN
               for key in spec.assigns if "." not in key)
    for before, after in zip(annotated.articles, dossier.articles, strict=True):
        assert after == before and after.doc is before.doc


def test_unrequired_fields_stay_out_of_sight_and_come_back_after() -> None:
    """A stage that assigns a key without requiring it starts from nothing; the rest of the corpus is kept."""
    corpus = sample_through("entities", "quotes", "claims")
    seen: list[Dossier] = []

    def looks(view: Dossier) -> Dossier:
        seen.append(view)
        return dataclasses.replace(view, discrepancies=())

    @stage("looks", scope="corpus", requires=("claims",), assigns=("discrepancies",))
    def make(context: Context) -> Any:
        return looks

    given = [k for earlier in BUILT_IN[:4] for k in REGISTRY[earlier].assigns]
    out = Pipeline(["looks"], context=shared_context(), given=given).run(corpus)
    (view,) = seen
    assert view.discrepancies is None and view.claims is corpus.claims
    assert isinstance(view.quotes, Absent) and isinstance(view.articles[0].doc, Absent)
    assert out.discrepancies == () and out.quotes is corpus.quotes and out.articles == corpus.articles


def test_annotate_reads_only_the_text() -> None:
    loaded = loaded_sample()
    bare = [Article(a.id, a.text, a.source) for a in loaded.articles[:2]]
    parsed = Pipeline(["annotate"], context=shared_context())(bare)
    full = annotated_sample().articles[:2]
    assert [(a.sentences, a.mentions) for a in parsed.articles] == [(a.sentences, a.mentions) for a in full]


def test_every_built_in_stage_declares_a_contract() -> None:
    produced = {key for spec in REGISTRY.values() for key in spec.assigns}
    for name in BUILT_IN:
        spec = REGISTRY[name]
        assert spec.assigns, name
        assert all(key in produced or key.startswith("article.") for key in spec.requires), name
    assert REGISTRY["timeline"].assigns == ("timeline", "discrepancies", "inferred_dates")
    assert "article.published" not in produced, "only ingest dates an article"


# --- what used to be done twice is done once ---------------------------------------------------------


def test_discrepancy_ids_are_given_once_by_the_dossier() -> None:
    dossier = sample_through(*BUILT_IN[1:5])
    ids = [d.id for d in dossier.discrepancies or ()]
    assert ids == [f"d{n}" for n in range(1, len(ids) + 1)]
    reading = Reading("a1", "x", "1", "one", 0, 3)
    kept = tuple(Discrepancy(i, "count", "t", (reading,), "d") for i in ("d1", "d2", "d4"))
    found = [Discrepancy("", "count", "u", (reading,), "d"), Discrepancy("d1", "count", "v", (reading,), "d")]
    grown = Dossier(articles=dossier.articles, discrepancies=kept).with_discrepancies(found)
    assert [d.id for d in grown.discrepancies or ()] == ["d1", "d2", "d4", "d5", "d6"]


def test_coverage_is_computed_by_claims_and_kept_in_the_dossier() -> None:
    dossier = sample_through(*BUILT_IN[1:4])
    assert dossier.coverage is not None
    assert [c.outlet for c in dossier.coverage] == list(dict.fromkeys(a.outlet_name for a in dossier.articles))
    claim_ids = {c.id for c in dossier.claims or ()}
    assert all(set(c.missing) | set(c.exclusive) <= claim_ids for c in dossier.coverage)
    assert Dossier.from_dict(dossier.to_dict()).coverage == dossier.coverage


def test_publication_dates_are_found_by_ingest_and_inferred_dates_kept_by_the_timeline() -> None:
    loaded = loaded_sample()
    timed = sample_through(*BUILT_IN[1:5])
    assert [(a.published, a.published_source) for a in timed.articles] == [
        (a.published, a.published_source) for a in loaded.articles]
    for inferred in timed.inferred_dates or ():
        assert timed.article(inferred.article_id).published is None
        assert timed.publication_date(inferred.article_id) == (inferred.date, "cluster")
    printed = sample_article(timed, "003")
    (cue, *_) = publication_cues(printed.removed, printed.text)
    assert (printed.published, printed.published_source) == (cue.date, "text") and cue.kind == "print"


def test_a_cue_in_the_text_dates_an_article_and_says_where_it_stands() -> None:
    text = "KYIV, Feb. 18, 2025 (Reuters) - Talks resumed.\nThe plan was first published 3 March 2024 online."
    cues = publication_cues((), text)
    assert (cues[0].date, cues[0].kind) == ("2025-02-18", "dateline")
    assert text[slice(*cues[0].span or (0, 0))] == "Feb. 18, 2025"
    assert "2024-03-03" not in [c.date for c in cues]  # a date inside a body sentence states no publication
    assert publication_cues((), "Officials met on 18 February 2025 in Riyadh.") == []
