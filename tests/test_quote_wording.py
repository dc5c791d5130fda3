"""Wording discrepancies of one quoted statement: reported only when the wordings differ in meaning.

Outlets that translate or trim one statement ("an entire nation" against "the whole nation") quote it in
different words that say the same thing; on the stories benchmark every such item in the gold is acceptable,
never planted. A wording discrepancy is left for figures that disagree and for a denial against an assertion.
The statements below are written for these tests; the sample test reads the real sample.
"""

from __future__ import annotations

from pathlib import Path

from synopsis.claims.people import _worded_differently, quote_wording_discrepancies
from synopsis.models import Article, Dossier, Quote
from tests.test_claims import found_dossier


def _dossier(*wordings: tuple[str, str]) -> Dossier:
    """One article per (outlet, text), each quoting its whole text as one statement of one cluster."""
    articles = tuple(Article(id=f"a{i}", text=text, source=f"{i:03}.txt", outlet=outlet)
                     for i, (outlet, text) in enumerate(wordings))
    quotes = tuple(Quote(id=f"q{i}", text=a.text, kind="direct", article_id=a.id, start=0, end=len(a.text),
                         speaker_name="Ada Minister", cluster_id="k1") for i, a in enumerate(articles))
    return Dossier(articles=articles, quotes=quotes)


def _found(*wordings: tuple[str, str]) -> list[str]:
    dossier = _dossier(*wordings)
    return [f.topic for f in quote_wording_discrepancies(dossier, dossier.quotes or ())]


def test_a_translated_statement_is_no_discrepancy() -> None:
    assert _found(("Tribune", "We studied every possible cause and rejected no hypothesis"),
                  ("Herald", "All potential causes are examined; nothing is ruled out")) == []
    assert _found(("Tribune", "The harbour talks were long and fruitful"),
                  ("Herald", "The port negotiations were lengthy and productive")) == []


def test_a_trimmed_statement_is_no_discrepancy() -> None:
    assert _found(("Tribune", "We counted 12 boats, 4 of them damaged, and we will not stop looking"),
                  ("Herald", "We counted 12 boats")) == []


def test_figures_that_disagree_or_a_denial_are_a_discrepancy() -> None:
    assert _found(("Tribune", "Nine boats sank in the storm"),
                  ("Herald", "Fourteen boats sank in the storm")) == ["wording of Ada Minister\u2019s statement"]
    assert _found(("Tribune", "We will sign the harbour agreement"),
                  ("Herald", "We will not sign the harbour agreement")) == ["wording of Ada Minister\u2019s statement"]


def test_only_the_words_within_quotation_marks_are_compared() -> None:
    """Narration around a partial quote (its own figures) is the outlet's, not the speaker's wording."""
    assert not _worded_differently("The toll, now 16, was \u201cthe darkest day\u201d of the year",
                                   "\u201cThe darkest day of the year,\u201d she said as 13 were counted dead")
    assert _worded_differently("she said \u201c16 died\u201d that night", "\u201c13 died,\u201d she said")


def test_the_sample_reports_no_wording_discrepancy_for_a_translated_remark() -> None:
    """Two outlets render one Kremlin aide's remark on the talks ("went well" against "very good"): a
    translation, so no wording discrepancy joins them, even with every discrepancy kept."""
    dossier = found_dossier()
    files = {a.id: Path(a.source).name[:3] for a in dossier.articles}
    texts = {a.id: a.text for a in dossier.articles}
    for disc in dossier.discrepancies or ():
        if disc.topic.startswith("wording of"):
            spans = {files[r.article_id]: texts[r.article_id][r.start : r.end] for r in disc.readings}
            assert not ("went well" in spans.get("001", "") and "very good" in spans.get("003", ""))
