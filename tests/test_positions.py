"""Stance ledger gate: recall of the sample's main stances per party, against a hand-made gold file."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

import synopsis.stages
from synopsis import Dossier
from synopsis.models import Position, verify_spans
from synopsis.render.json import validate
from synopsis.stages.positions import make
from tests.conftest import BASELINE, GOLD, sample_article, shared_context

GOLD_DATA = json.loads((GOLD / "positions_riyadh.json").read_text())
STAGES = Path(synopsis.stages.__file__).parent
KINDS = {"demand", "reject", "propose", "condition", "promise"}


def floors() -> dict[str, float]:
    return dict(tomllib.loads(BASELINE.read_text())["positions"])


@pytest.fixture(scope="module")
def dossier(sample: Callable[..., Dossier]) -> Dossier:
    if (STAGES / "quotes.py").exists():
        return sample("entities", "quotes", "positions")
    return make(shared_context())(sample("entities"))


def _speaks_for(dossier: Dossier, position: Position, party: str) -> bool:
    aliases = {a.casefold() for a in GOLD_DATA["actors"][party]}
    names = {position.actor}
    entity = next((e for e in dossier.entities or () if e.id == position.actor_id), None)
    if entity is not None:
        names |= {entity.name, *entity.aliases, *([entity.side] if entity.side else [])}
    return any(n.casefold() in aliases for n in names)


def _found(dossier: Dossier, stance: dict[str, str]) -> bool:
    article = sample_article(dossier, stance["file"])
    at = article.text.find(stance["snippet"])
    assert at >= 0, f"gold snippet not in {article.source}: {stance['snippet']!r}"
    return any(
        ev.article_id == article.id and ev.start <= at < ev.end and _speaks_for(dossier, p, stance["actor"])
        for p in dossier.positions or ()
        for ev in p.evidence
    )


def recall_by_actor(dossier: Dossier) -> dict[str, float]:
    by_actor: dict[str, list[bool]] = {}
    for stance in GOLD_DATA["stances"]:
        by_actor.setdefault(stance["actor"], []).append(_found(dossier, stance))
    return {actor: sum(hits) / len(hits) for actor, hits in by_actor.items()}


def test_stance_recall(dossier: Dossier) -> None:
    hits = [_found(dossier, s) for s in GOLD_DATA["stances"]]
    recall = sum(hits) / len(hits)
    missed = [s["snippet"] for s, hit in zip(GOLD_DATA["stances"], hits, strict=True) if not hit]
    assert recall >= floors()["stance_recall"], f"stance recall {recall:.3f}; missed {missed}"


def test_every_main_party_has_its_stances(dossier: Dossier) -> None:
    worst = min(recall_by_actor(dossier).values())
    assert worst >= floors()["min_actor_recall"], recall_by_actor(dossier)


def test_ledger_is_well_formed(dossier: Dossier) -> None:
    positions = dossier.positions or ()
    assert positions
    assert {p.kind for p in positions} <= KINDS
    assert all(p.stance.strip() and p.issue.strip() and p.modality for p in positions)
    assert not verify_spans(dossier)
    validate(dossier.to_dict())


def test_issues_come_from_the_text(dossier: Dossier) -> None:
    """Issues group stances (fewer than stances, some shared by several parties), labelled in the story's words."""
    positions = dossier.positions or ()
    issues: dict[str, set[str]] = {}
    for p in positions:
        issues.setdefault(p.issue, set()).add(p.actor)
    assert 1 < len(issues) < len(positions)
    assert any(len(actors) > 1 for actors in issues.values())
    words = {w.lower() for a in dossier.articles for w in re.findall(r"[\w'’-]+", a.text)}
    for label in issues:
        assert label == "other" or all(w.lower() in words for w in label.split()), label


def test_without_quotes_or_entities_statements_still_count(sample: Callable[..., Dossier]) -> None:
    import dataclasses

    bare = dataclasses.replace(sample("entities"), entities=None, quotes=None)
    out = make(shared_context())(bare)
    assert out.positions and not verify_spans(out)
