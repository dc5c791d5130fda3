"""Discrepancies of kind ``name``: how outlets write one person's name.

Two cases, both read from the entities stage:

- one person spelled differently ("Sergei" and "Sergey Lavrov", "Zelensky" and
  "Zelenskyy"): the entities stage merged the spellings as one referent; the
  dossier still shows which outlet writes which, at low salience. Differences
  of letter case, accents, spacing or hyphens alone are not reported;
- one office holder given two first names ("Mark Hegseth" against "Pete
  Hegseth"): two person entities with one surname and one role title, each
  named by outlets the other is not named by. That is a likely error in one
  outlet and ranks higher. Two first names the entities stage judges one
  given name ("Yuri" / "Yury", "Mike" / "Michael") are never this case.

And one case read from one claim (units of two outlets the alignment grouped as one fact): a place
both outlets name, put in opposite directions ("northeast Ruritania" against "the northwestern region of
Valdora"). Two named places of one kind in one claim ("Roosevelt Hospital" against "Mount Sinai
Morningside Hospital") were tried as well and left out: one right report on the tune stories, none of
two on the check half (one bridge named two ways, a misread name).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..entities.mentions import spelt_out
from ..entities.names import given_names_match
from ..lang.names import fold, name_tokens
from ..lang.names import fold_spelling as _folded
from ..models import Dossier, Entity, Reading
from .discrepancy import PendingDiscrepancy, describe, outlet_count, reading, spread_salience
from .people import title_parts
from .units import ClaimUnit


def name_discrepancies(corpus: Dossier) -> list[PendingDiscrepancy]:
    people = [e for e in corpus.entities or () if e.type == "PERSON"]
    outlets = outlet_count(corpus.articles)
    return [*_spellings(corpus, people, outlets), *_given_names(corpus, people, outlets)]


def _spellings(corpus: Dossier, people: Sequence[Entity], outlets: int) -> list[PendingDiscrepancy]:
    found: list[PendingDiscrepancy] = []
    for person in people:
        used: dict[str, dict[str, Reading]] = {}  # outlet -> folded full name -> its first reading there
        for ev in sorted(person.mentions, key=lambda m: (m.article_id, m.start)):
            article = corpus.article(ev.article_id)
            form = article.text[ev.start : ev.end]
            if len(form.split()) >= 2:  # a surname alone says nothing about the spelling of the full name
                forms = used.setdefault(article.outlet_name, {})
                forms.setdefault(_folded(form), reading(article, form, ev.start, ev.end))
        spellings = {key for forms in used.values() for key in forms}
        # a shorter form of another ("Faisal bin Farhan" of "Faisal bin Farhan Al Saud", "Yoon Suk" of
        # "Yoon Suk-yeol") is no other spelling
        spellings -= {k for k in spellings if any(set(name_tokens(k)) < set(name_tokens(o)) for o in spellings)}
        # an outlet writing two spellings opposes nobody: each reading is an outlet's one spelling
        readings = [next(iter(own.values())) for own in ({k: r for k, r in forms.items() if k in spellings}
                                                          for forms in used.values()) if len(own) == 1]
        if len({_letters(r.text) for r in readings}) < 2:
            continue  # "J D Vance" / "JD Vance", "Suk-yeol" / "Suk Yeol", "St." / "Saint": no other spelling
        topic = f"spelling of the name of {person.name}"
        description = describe(topic, readings, _fold_text, ("writes", "write"))
        salience = spread_salience("name", len(readings), outlets)
        found.append(PendingDiscrepancy("name", topic, readings, description, salience, finder="spelling"))
    return found


def _given_names(corpus: Dossier, people: Sequence[Entity], outlets: int) -> list[PendingDiscrepancy]:
    by_office: dict[tuple[str, str], list[Entity]] = {}
    titles: dict[tuple[str, str], str] = {}
    for person in people:
        words = person.name.split()
        if len(words) < 2:
            continue
        for role in person.roles:
            head, status = title_parts(role.title)
            if head and not status:
                key = (_folded(words[-1]), head)
                by_office.setdefault(key, []).append(person)
                titles.setdefault(key, role.title)
    found: list[PendingDiscrepancy] = []
    for key, holders in by_office.items():
        holders = list({p.id: p for p in holders}.values())
        if len(holders) != 2:
            continue
        first, second = holders
        outlets_a = {corpus.article(a).outlet_name for a in first.article_ids}
        outlets_b = {corpus.article(a).outlet_name for a in second.article_ids}
        if outlets_a & outlets_b or _one_given_name(first.name, second.name):
            continue
        chosen = [*_full_names(corpus, first), *_full_names(corpus, second)]
        if len({_folded(r.text) for r in chosen}) < 2:
            continue
        topic = f"first name of {titles[key]} {second.name.split()[-1]}"
        found.append(PendingDiscrepancy("name", topic, chosen, describe(topic, chosen, _fold_text),
                                        spread_salience("title", len(chosen), outlets), finder="given_name"))
    return found


def _one_given_name(a: str, b: str) -> bool:
    """The entities stage's judgement: "Yuri" and "Yury", "Mike" and "Michael" are one given name, so the
    pair is one person's spelling (reported by ``_spellings`` once merged), never two first names."""
    ta, tb = name_tokens(a), name_tokens(b)
    return bool(ta and tb) and given_names_match(ta[0], tb[0]) is not None


def _full_names(corpus: Dossier, person: Entity) -> list[Reading]:
    """The first full-name mention of ``person`` in each outlet that names it."""
    out: dict[str, Reading] = {}
    for ev in sorted(person.mentions, key=lambda m: (m.article_id, m.start)):
        article = corpus.article(ev.article_id)
        if len(article.text[ev.start : ev.end].split()) >= 2:
            out.setdefault(article.outlet_name, reading(article, article.text[ev.start : ev.end], ev.start, ev.end))
    return list(out.values())


def _letters(text: str) -> str:
    """The letters of a name as the entities stage compares them: an abbreviated word spelt out ("St. Peter" and
    "Saint Peter" are one spelling)."""
    return "".join(spelt_out(tuple(fold(text).split())))


def _fold_text(r: Reading) -> str:
    return _folded(r.text)


_COMPASS = re.compile(r"^(north|south)?-?(east|west)?(?:ern|erly|ward|wards)?$", re.IGNORECASE)


def direction_discrepancies(
    corpus: Dossier, units: Sequence[ClaimUnit], claim_of_unit: Sequence[int]
) -> list[PendingDiscrepancy]:
    """Places one claim's outlets put in opposite directions: one report per claim at most."""
    by_claim: dict[int, list[ClaimUnit]] = {}
    for unit in units:
        by_claim.setdefault(claim_of_unit[unit.index], []).append(unit)
    mentions = _mentions_by_article(corpus)
    outlets = outlet_count(corpus.articles)
    found: list[PendingDiscrepancy] = []
    for claim_index, members in by_claim.items():
        if len({u.source for u in members}) >= 2:
            found += _directions_apart(corpus, members, mentions, outlets, claim_index)
    return found


Placed = tuple[Entity, int, int]  # an entity mention: the entity, its start and end


def _mentions_by_article(corpus: Dossier) -> dict[str, list[Placed]]:
    out: dict[str, list[Placed]] = {}
    for entity in corpus.entities or ():
        for ev in entity.mentions:
            out.setdefault(ev.article_id, []).append((entity, ev.start, ev.end))
    return out


def _inside(unit: ClaimUnit, mentions: dict[str, list[Placed]]) -> list[Placed]:
    return sorted((m for m in mentions.get(unit.article_id, ()) if unit.start <= m[1] and m[2] <= unit.end),
                  key=lambda m: m[1])


def _directions(text: str) -> set[str]:
    """The compass points a phrase gives ("northwestern" -> north, west)."""
    return {point for point in ("north", "south", "east", "west") if point in text.lower()}


def _point(text: str) -> str:
    """The compass point a phrase gives, written one way ("northwestern" -> "north-west")."""
    found = _directions(text)
    return "-".join(p for p in ("north", "south", "east", "west") if p in found)


_OPPOSITE = {"north": "south", "south": "north", "east": "west", "west": "east"}


def _directions_apart(
    corpus: Dossier, members: Sequence[ClaimUnit], mentions: dict[str, list[Placed]], outlets: int,
    claim_index: int,
) -> list[PendingDiscrepancy]:
    """A place both outlets name, put in opposite directions ("northeast" against "northwestern")."""
    pointed = [(u, _compass_phrase(corpus, u)) for u in members]
    found: list[PendingDiscrepancy] = []
    for k, (unit, phrase) in enumerate(pointed):
        for other, other_phrase in pointed[k + 1 :]:
            if phrase is None or other_phrase is None or unit.source == other.source:
                continue
            mine, theirs = _directions(phrase[2]), _directions(other_phrase[2])
            if not any(_OPPOSITE[p] in theirs and _OPPOSITE[p] not in mine for p in mine):
                continue
            places = {e.id: e for e, _, _ in _inside(unit, mentions) if e.type in ("GPE", "LOC", "FAC")}
            shared = [e for e, _, _ in _inside(other, mentions) if e.id in places]
            if not shared:
                continue
            readings = [reading(corpus.article(u.article_id), _point(p[2]), p[0], p[1])
                        for u, p in ((unit, phrase), (other, other_phrase))]
            topic = f"location of {shared[0].name}"
            found.append(PendingDiscrepancy("name", topic, readings, describe(topic, readings),
                                            spread_salience("name", 2, outlets), claim_index, finder="direction"))
            return found  # one report per claim
    return found


def _compass_phrase(corpus: Dossier, unit: ClaimUnit) -> tuple[int, int, str] | None:
    """(start, end, text) of the one phrase of a unit that gives a compass direction ("northeast Ruritania",
    "the northwestern region of Valdora"), None when it gives none or several. Names ("North Korea") are
    not directions."""
    article = corpus.article(unit.article_id)
    span = article.doc.char_span(unit.start, unit.end, alignment_mode="expand") if article.doc is not None else None
    if span is None:
        return None
    words = [t for t in span if t.is_alpha and _COMPASS.match(t.text) and _directions(t.text)
             and (t.is_lower or not t.ent_type_)]
    if len(words) != 1:
        return None
    word = words[0]
    head = word.head if word.dep_ in ("amod", "compound", "nmod") else word
    start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
    start, end = max(start, unit.start), min(end, unit.end)
    return start, end, article.text[start:end]
