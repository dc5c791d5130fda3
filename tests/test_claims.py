"""Claims and discrepancies on the real sample, scored against a hand-made gold file.

Gold items are located by short snippets of article text, so the scores do not
depend on ingest offsets. Floors live in tests/baseline.toml [claims].
"""

from __future__ import annotations

import functools
import importlib.util
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from synopsis.claims.coverage import coverage_by_outlet
from synopsis.claims.slots import extract_slots
from synopsis.models import Article, Discrepancy, Dossier, Reading, verify_spans
from synopsis.render.json import validate
from synopsis.stages.claims import make
from tests.conftest import BASELINE, GOLD, sample_through, shared_context

GOLD_FILE = GOLD / "claims_riyadh.json"


@functools.cache
def claims_dossier() -> Dossier:
    """The sample through the registered chain when the quotes stage exists, else straight after entities."""
    if importlib.util.find_spec("synopsis.stages.quotes") is not None:
        return sample_through("entities", "quotes", "claims")
    stage = make(shared_context())
    return stage(sample_through("entities"))


def _articles(dossier: Dossier) -> dict[str, Article]:
    return {Path(a.source).name[:3]: a for a in dossier.articles}


def _spans(article: Article, snippets: list[str]) -> list[tuple[int, int]]:
    out = []
    for snippet in snippets:
        at = article.text.find(snippet)
        assert at >= 0, f"gold snippet {snippet!r} not found in {article.source}"
        out.append((at, at + len(snippet)))
    return out


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _claims_at(dossier: Dossier, article: Article, spans: list[tuple[int, int]]) -> set[str]:
    return {c.id for c in dossier.claims or () for ev in c.evidence
            if ev.article_id == article.id and _overlaps(ev.start, ev.end, spans)}


def corroboration_accuracy(dossier: Dossier, gold: dict[str, Any]) -> float:
    """Share of gold claims judged right: a corroborated claim must sit in one predicted claim with at least
    two of its gold outlets; a single-outlet claim must not be marked corroborated."""
    articles = _articles(dossier)
    by_id = {c.id: c for c in dossier.claims or ()}
    right = 0
    for item in gold["corroborated"]:
        files_by_claim: dict[str, set[str]] = {}
        for file, snippets in item["snippets"].items():
            for claim_id in _claims_at(dossier, articles[file], _spans(articles[file], snippets)):
                files_by_claim.setdefault(claim_id, set()).add(file)
        right += any(len(files) >= 2 and by_id[c].corroborated for c, files in files_by_claim.items())
    for item in gold["single"]:
        ((file, snippets),) = item["snippets"].items()
        found = _claims_at(dossier, articles[file], _spans(articles[file], snippets))
        right += bool(found) and not any(by_id[c].corroborated for c in found)
    return right / (len(gold["corroborated"]) + len(gold["single"]))


def _matches(disc: Discrepancy, item: dict[str, Any], articles: dict[str, Article]) -> bool:
    if disc.kind not in item["kinds"]:
        return False
    files = set()
    for file, snippets in item["readings"].items():
        spans = _spans(articles[file], snippets)
        if any(r.article_id == articles[file].id and _overlaps(r.start, r.end, spans) for r in disc.readings):
            files.add(file)
    return len(files) >= 2


def discrepancy_scores(dossier: Dossier, gold: dict[str, Any]) -> tuple[float, float]:
    """(recall over real gold discrepancies, precision over predictions not merely acceptable)."""
    articles = _articles(dossier)
    real = [d for d in gold["discrepancies"] if d["status"] == "real"]
    acceptable = [d for d in gold["discrepancies"] if d["status"] == "acceptable"]
    predicted = list(dossier.discrepancies or ())
    hits = [p for p in predicted if any(_matches(p, g, articles) for g in real)]
    judged = [p for p in predicted if p in hits or not any(_matches(p, g, articles) for g in acceptable)]
    recall = sum(any(_matches(p, g, articles) for p in predicted) for g in real) / len(real)
    precision = len(hits) / len(judged) if judged else 0.0
    return recall, precision


def test_gate_against_gold() -> None:
    dossier = claims_dossier()
    gold = json.loads(GOLD_FILE.read_text(encoding="utf-8"))
    floors = tomllib.loads(BASELINE.read_text(encoding="utf-8"))["claims"]
    recall, precision = discrepancy_scores(dossier, gold)
    accuracy = corroboration_accuracy(dossier, gold)
    scores = {"discrepancy_recall": recall, "discrepancy_precision": precision, "corroboration_accuracy": accuracy}
    for name, score in scores.items():
        assert score >= floors[name], f"{name} {score:.3f} fell below its floor {floors[name]}"


def test_dossier_is_valid_and_every_span_gives_back_its_text() -> None:
    dossier = claims_dossier()
    assert dossier.claims and dossier.discrepancies is not None
    assert verify_spans(dossier) == []
    validate(dossier.to_dict())
    assert [c.id for c in dossier.claims] == [f"c{i}" for i in range(1, len(dossier.claims) + 1)]
    for claim in dossier.claims:
        assert claim.support == len(set(claim.outlets)) >= 1
        assert claim.corroborated == (claim.support >= 2)
    for disc in dossier.discrepancies:
        assert len({r.outlet for r in disc.readings}) == len(disc.readings) >= 2
    saliences = [d.salience for d in dossier.discrepancies]
    assert saliences == sorted(saliences, reverse=True)


def test_discrepancy_ids_continue_after_an_earlier_writer() -> None:
    earlier = Discrepancy("d1", "date", "date of a meeting", (Reading("a1", "x", "1", "a", 0, 1),
                                                            Reading("a2", "y", "2", "b", 0, 1)), "x")
    corpus = sample_through("entities")
    import dataclasses

    out = make(shared_context())(dataclasses.replace(corpus, discrepancies=(earlier,)))
    assert out.discrepancies is not None and out.discrepancies[0] is earlier
    assert [d.id for d in out.discrepancies] == [f"d{i}" for i in range(1, len(out.discrepancies) + 1)]


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ("talks lasted nearly five hours", "talks lasted four and a half hours", True),
        ("talks lasted about 5 hours", "talks lasted 5 hours", False),
        ("first talks in three years", "first talks in nearly two years", True),
        ("more than 20 per cent", "25 per cent", False),
        ("more than 20 per cent", "15 per cent", True),
        ("three Americans", "three Americans", False),
        ("two Russians", "three Russians", True),
        ("two Russians", "three Americans", False),
    ],
)
def test_slots_compare_with_tolerance(first: str, second: str, conflict: bool) -> None:
    (a,) = [s for s in extract_slots(first) if s.kind != "ordinal"]
    (b,) = [s for s in extract_slots(second) if s.kind != "ordinal"]
    assert a.conflicts(b) is conflict


def test_slot_values_read_like_a_reader_says_them() -> None:
    (nearly,) = extract_slots("after nearly five hours of talks")
    (half,) = extract_slots("closed after four and a half hours")
    assert (nearly.readable, nearly.high, nearly.text) == ("just under 5 hours", 5.0, "nearly five hours")
    assert (half.value, half.text) == (4.5, "four and a half hours")
    counts = extract_slots("the meeting consisted of three Americans and two Russians")
    assert [(s.kind, s.value, s.noun) for s in counts] == [("count", 3, "americans"), ("count", 2, "russians")]


def test_coverage_lists_missing_and_exclusive_claims() -> None:
    dossier = claims_dossier()
    coverage = coverage_by_outlet(dossier)
    assert set(coverage) == {a.outlet or a.id for a in dossier.articles}
    by_id = {c.id: c for c in dossier.claims or ()}
    for outlet, lists in coverage.items():
        for claim_id in lists["exclusive"]:
            assert by_id[claim_id].outlets == (outlet,)
        for claim_id in lists["missing"]:
            assert outlet not in by_id[claim_id].outlets and by_id[claim_id].support >= 2
    assert any(lists["exclusive"] for lists in coverage.values())
