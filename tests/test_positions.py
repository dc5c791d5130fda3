"""Stance ledger gate against a hand-made gold file: recall of the sample's main stances per party,
precision on the judged sentences, the party each stance is filed under, and issue labels that name a matter."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable

import pytest

from synopsis import Dossier
from synopsis.models import Position, verify_spans
from synopsis.positions.stage import make
from synopsis.render.json import validate
from tests.conftest import BASELINE, GOLD, sample_article, shared_context

GOLD_DATA = json.loads((GOLD / "positions_riyadh.json").read_text())
KINDS = {"demand", "reject", "propose", "condition", "promise"}
#: Labels that name no disputed matter: a ledger row under one of them tells the reader nothing.
GENERIC_LABELS = {"side", "sides", "issue", "issues", "other", "thing", "things", "way", "ways", "action", "actions",
                  "proposition", "talks", "conflict", "idea", "point", "part", "matter", "statement", "step", "steps"}


def floors() -> dict[str, float]:
    return dict(tomllib.loads(BASELINE.read_text())["positions"])


@pytest.fixture(scope="module")
def dossier(sample: Callable[..., Dossier]) -> Dossier:
    return sample("entities", "quotes", "positions")


def _members(actor: str) -> list[str]:
    """The parties a ledger row names: one, or each of a joint actor ("France, Germany and Spain")."""
    return [m.strip() for m in re.split(r",|\band\b", actor) if m.strip()]


def _speaks_for(dossier: Dossier, position: Position, party: str) -> bool:
    aliases = {a.casefold() for a in GOLD_DATA["actors"][party]}
    members = _members(position.actor)
    if len(members) > 1:
        return all(m.casefold() in aliases for m in members)
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


def _covers(dossier: Dossier, position: Position, item: dict[str, str]) -> bool:
    """True when one of the position's evidence spans holds the item's snippet."""
    article = sample_article(dossier, item["file"])
    at = article.text.find(item["snippet"])
    assert at >= 0, f"gold snippet not in {article.source}: {item['snippet']!r}"
    return any(ev.article_id == article.id and ev.start <= at < ev.end for ev in position.evidence)


def _named_as(position: Position, party: str) -> bool:
    """The ledger row's own name is the party's (a joint actor: every member is)."""
    names = {n.casefold() for n in GOLD_DATA["party_names"][party]}
    members = _members(position.actor)
    return bool(members) and all(m.casefold() in names for m in members)


def judged(dossier: Dossier) -> tuple[int, int, list[str]]:
    """Positions on a gold stance with its party, and positions on a sentence judged to hold no such stance."""
    right, wrong, examples = 0, 0, []
    for position in dossier.positions or ():
        if any(_covers(dossier, position, s) and _speaks_for(dossier, position, s["actor"])
               for s in GOLD_DATA["stances"]):
            right += 1
        elif any(_covers(dossier, position, n) and ("actor" not in n or _speaks_for(dossier, position, n["actor"]))
                 for n in GOLD_DATA["not_a_position"]):
            wrong += 1
            examples.append(f"{position.actor}: {position.stance[:60]}")
    return right, wrong, examples


def precision(dossier: Dossier) -> float:
    right, wrong, _ = judged(dossier)
    return right / max(1, right + wrong)


def actor_accuracy(dossier: Dossier) -> float:
    """Of the positions on a gold stance's sentence, the share filed under that party's own name."""
    on_gold = [(p, [s for s in GOLD_DATA["stances"] if _covers(dossier, p, s)]) for p in dossier.positions or ()]
    on_gold = [(p, stances) for p, stances in on_gold if stances]
    return sum(any(_named_as(p, s["actor"]) for s in stances) for p, stances in on_gold) / max(1, len(on_gold))


def label_accuracy(dossier: Dossier) -> float:
    """Of the gold stances that say what their issue is about, the share found under a label that names it."""
    graded = [s for s in GOLD_DATA["stances"] if "issue_words" in s]
    hits = 0
    for stance in graded:
        labels = [p.issue.casefold() for p in dossier.positions or () if _covers(dossier, p, stance)
                  and _speaks_for(dossier, p, stance["actor"])]
        hits += any(w.casefold() in label for label in labels for w in stance["issue_words"])
    return hits / len(graded)


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


def test_precision_on_judged_sentences(dossier: Dossier) -> None:
    right, wrong, examples = judged(dossier)
    assert right / max(1, right + wrong) >= floors()["precision"], f"{right} right, {wrong} wrong: {examples}"


def test_stances_are_filed_under_the_party_name(dossier: Dossier) -> None:
    """Capitals, spokespeople and the last member of a list do not become rows of their own."""
    assert actor_accuracy(dossier) >= floors()["actor_accuracy"]


def test_issue_labels_name_the_matter(dossier: Dossier) -> None:
    labels = {p.issue for p in dossier.positions or ()}
    generic = sorted(label for label in labels if label.casefold() in GENERIC_LABELS)
    assert not generic, generic
    assert label_accuracy(dossier) >= floors()["label_accuracy"]


def test_stance_text_reads_as_a_clause(dossier: Dossier) -> None:
    starts = [p.stance for p in dossier.positions or () if p.stance.split()[0].casefold() in {"that", "to"}]
    assert not starts, starts


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
        assert all(w.lower() in words for w in label.split()), label


def test_without_quotes_or_entities_statements_still_count(sample: Callable[..., Dossier]) -> None:
    import dataclasses

    bare = dataclasses.replace(sample("entities"), entities=None, quotes=None)
    out = make(shared_context())(bare)
    assert out.positions and not verify_spans(out)


def test_country_index_answers_as_pycountry_fuzzy_search(dossier: Dossier) -> None:
    """The precomputed index returns the same set of countries as pycountry's own fuzzy search (which the stage
    no longer calls), for every name and alias of the sample's entities and for pieces of the gazetteer's names."""
    import random

    import pycountry

    from synopsis.positions.gazetteer import country_index

    names = {n for e in dossier.entities or () for n in (e.name, *e.aliases)}
    gazetteer = [s.name for s in pycountry.subdivisions] + [c.name for c in pycountry.countries]
    pick = random.Random(3)
    for name in pick.sample(gazetteer, 60):
        begin = pick.randrange(len(name))
        names |= {name, name.upper(), name[begin : pick.randrange(begin, len(name) + 1)]}
    names |= {"", "a", "U.S.", "state", "Île-de-France", "Sao Paulo", "GB-ENG", ";"}
    index = country_index()
    for name in sorted(names):
        try:
            expected = {str(c.alpha_2) for c in pycountry.countries.search_fuzzy(name)}
        except LookupError:
            expected = set()
        assert index.codes(name) == expected, name
