"""Stories other than the sample: real 2016 election coverage from PolNeAR, built end to end.

Each story is copied from ../shared into a temporary folder at test time (the text
never enters the repository) and built once per module through the full pipeline.
The checks are the failures these stories exposed: a surname typed as an
organisation, the wrong Monday, figures glued to names, feed punctuation in
headlines, dates carried only by file names, a place abbreviation or a "House"
merged into the wrong organisation, and headlines quoted as summary sentences.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from synopsis import Article, Dossier, Entity
from synopsis.ingest import load_articles
from synopsis.ingest.meta import date_from_file, outlet_from_file
from synopsis.models import Discrepancy, Reading
from synopsis.pipeline import Pipeline
from synopsis.positions.actors import Parties
from synopsis.render.markdown import render_markdown
from synopsis.summary.sentences import pieces, rejection
from tests.conftest import POLNEAR, checked, shared_context

#: The first 2016 presidential debate (Monday 2016-09-26), seen before and after it; a sources.csv gives outlets.
DEBATE = (
    ("dev", "usa-today_2016-09-23_trump-questions-the-fairness-of-.txt", "usa-today", "2016-09-23"),
    ("dev", "west-journal_2016-09-30_new-poll-shows-minor-post-debate.txt", "west-journal", "2016-09-30"),
    ("dev", "politico_2016-09-25_poll-clinton-and-trump-in-dead-h.txt", "politico", "2016-09-25"),
)
#: A mixed folder with no sources.csv: dates and outlets only in the file names, plus an identical copy.
MIXED = (
    ("dev", "breitbart_2016-09-12_stealth-over-health-hillary-clin.txt"),
    ("dev", "west-journal_2016-09-14_clinton-hid-past-health-problems.txt"),
    ("dev", "politico_2016-09-12_former-dnc-chairman-calls-for-cl.txt"),
    ("train", "huff-post_2016-09-06_barack-obama-just-nominated-a-mu.txt"),
)
COPY_NAME = "zz-copy.txt"


def _build(folder: Path) -> Dossier:
    context = shared_context()
    loaded = load_articles([folder], config=context.config)
    return checked(Pipeline(context=context)(loaded.articles, loaded.rejected))


@pytest.fixture(scope="module")
def debate(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    folder = tmp_path_factory.mktemp("debate")
    rows = ["file,outlet,published"]
    for part, name, outlet, published in DEBATE:
        shutil.copy(POLNEAR / part / "text" / name, folder / name)
        rows.append(f"{name},{outlet},{published}")
    (folder / "sources.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return _build(folder)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    folder = tmp_path_factory.mktemp("mixed")
    for part, name in MIXED:
        shutil.copy(POLNEAR / part / "text" / name, folder / name)
    shutil.copy(POLNEAR / MIXED[0][0] / "text" / MIXED[0][1], folder / COPY_NAME)
    return _build(folder)


def _article(dossier: Dossier, prefix: str) -> Article:
    return next(a for a in dossier.articles if Path(a.source).name.startswith(prefix))


def _forms(entity: Entity) -> set[str]:
    return {entity.name, *entity.aliases}


def _holder(dossier: Dossier, form: str) -> Entity:
    found = [e for e in dossier.entities or () if form in _forms(e)]
    assert len(found) == 1, [e.name for e in found]
    return found[0]


def test_every_article_of_both_stories_is_built(debate: Dossier, mixed: Dossier) -> None:
    assert [a.outlet for a in debate.articles] == ["politico", "usa-today", "west-journal"]
    assert len(mixed.articles) == len(MIXED) + 1
    for dossier in (debate, mixed):
        assert dossier.entities and dossier.quotes and dossier.timeline and dossier.summary


def test_a_surname_the_parser_calls_an_organisation_is_still_a_person(debate: Dossier) -> None:
    trump = _holder(debate, "Donald Trump")
    assert trump.type == "PERSON"
    assert "Trump" in trump.aliases


def test_the_debate_monday_is_one_day_before_and_after_it(debate: Dossier) -> None:
    """Friday 23rd looks ahead to "Monday night's first debate", Friday 30th back at "Monday's debate"."""
    mondays = [e for e in debate.timeline or () if "Monday" in e.text]
    assert len(mondays) >= 2
    assert {e.date for e in mondays} == {"2016-09-26"}, [(e.date, e.text) for e in mondays]
    dated_in = {ev.article_id for e in mondays for ev in e.evidence}
    assert {_article(debate, "usa-today").id, _article(debate, "west-journal").id} <= dated_in


def test_entity_names_carry_no_figures_or_descriptions(debate: Dossier) -> None:
    forms = {form for e in debate.entities or () for form in _forms(e)}
    glued = [f for f in forms if re.search(r"\d(?:\s*(?:%|percent|points?))?$", f)
             or (" of the " in f and any(w.islower() and w not in ("of", "the", "and") for w in f.split()))]
    assert not glued
    assert "FiveThirtyEight" in forms  # "FiveThirtyEight 2.1 points" in the text


def test_headlines_lose_the_punctuation_a_feed_leaves(debate: Dossier) -> None:
    assert _article(debate, "usa-today").title == "Trump questions the fairness of moderators ahead of debate"
    assert _article(debate, "west-journal").title == "New Poll Shows Minor Post-Debate Bump For Clinton"


def test_a_coordinated_party_is_not_the_next_persons_party(debate: Dossier) -> None:
    """"... the support of the Republican Party and Clinton recovers": Clinton does not speak for the GOP."""
    parties = Parties(debate)
    clinton = parties.of_entity(_holder(debate, "Hillary Clinton").id) or ""
    trump = parties.of_entity(_holder(debate, "Donald Trump").id) or ""
    assert "Republican" not in clinton and clinton != trump


def test_a_highlighted_figure_keeps_the_spaces_around_it(debate: Dossier) -> None:
    politico, poll = _article(debate, "politico"), _article(debate, "west-journal")
    readings = tuple(
        Reading(a.id, a.outlet, value, value, a.text.index(value), a.text.index(value) + len(value))
        for a, value in ((politico, "46 percent"), (poll, "43 percent"))
    )
    clash = Discrepancy("d99", "number", "percentage reported", readings, "46 percent against 43 percent")
    page = render_markdown(dataclasses.replace(debate, discrepancies=(clash,)))
    assert "**46 percent** would choose" in page
    assert not re.search(r"\w\*\*46 percent\*\*|\*\*46 percent\*\*\w", page)


def test_dates_and_outlets_come_from_file_names(mixed: Dossier) -> None:
    for _, name in MIXED:
        article = _article(mixed, name[:12])
        assert article.published == name.split("_")[1] and article.published_source == "metadata", name
        assert article.outlet == name.split("_")[0].replace("-", " ")
    assert outlet_from_file(Path("CNN_20130321_821.tml")) == "CNN"
    assert date_from_file(Path("CNN_20130321_821.tml")) == "2013-03-21"
    assert date_from_file(Path("000_a5a14d12ac471a25.txt")) is None


def test_an_identical_copy_is_marked_and_kept_out_of_the_story(mixed: Dossier) -> None:
    copy, original = _article(mixed, COPY_NAME), _article(mixed, MIXED[0][1])
    assert copy.copy_of == original.id
    assert all(ev.article_id != copy.id for e in mixed.timeline or () for ev in e.evidence)


def test_the_house_is_not_the_white_house(mixed: Dossier) -> None:
    assert not [e.name for e in mixed.entities or () if {"House", "White House"} <= _forms(e)]


def test_an_articles_own_headline_is_no_summary_sentence(mixed: Dossier) -> None:
    article = _article(mixed, "west-journal")
    assert article.title
    headline = [p for p in pieces(article) if p.text.rstrip(".") == article.title]
    assert headline and rejection(headline[0]) == "headline"
    titles = {(a.title or "").casefold() for a in mixed.articles}
    assert not [s.text for s in mixed.summary or () if s.text.rstrip(".").casefold() in titles]
