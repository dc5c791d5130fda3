"""Which day each article's relative expressions count from, and where a missing one comes from.

In order of trust: the article's own ``published`` (from ingest: metadata, its text, or
the user's ``--date``); the other articles of the story, when an undated article names
by weekday an event that a dated article also names by the same weekday. An article with
no such evidence has no day; its expressions are resolved only as far as the story's year
allows. The timeline never changes an article: a day it infers is its own output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..ingest.meta import publication_cues
from ..lang.calendar import WEEKDAYS
from ..models import Article
from .extract import TemporalMention, is_dateline, with_reference
from .normalise import Reference

#: How far back a weekday name may reach: a week's news.
_WEEK = timedelta(days=6)


@dataclass(frozen=True, slots=True)
class Anchor:
    """An article's publication date (as it will be recorded) and the day its deictic words count from."""

    published: str | None
    source: str | None
    reference: Reference
    cue: tuple[int, int] | None = None  # span of the text cue that dated it, if any


def _day(iso: str | None) -> date | None:
    if iso and len(iso) == 10:
        try:
            return date.fromisoformat(iso)
        except ValueError:
            return None
    return None


def _is_weekday(mention: TemporalMention) -> bool:
    return mention.text.lower().split()[-1] in WEEKDAYS


def own_anchor(article: Article, mentions: list[TemporalMention]) -> Anchor:
    """The anchor an article gives itself: its ``published`` day, which a print edition's date only bounds.

    Ingest found the date; the statement it found it in says whether it was a print edition's,
    and where in the text it stands (a date that is no event).
    """
    published, source = article.published, article.published_source
    day = _day(published)
    if day is None:
        year = int(published[:4]) if published else None
        return Anchor(published, source, Reference(year=year), None)
    stated = [cue for cue in publication_cues(article.removed, article.text) if cue.date == published]
    if stated and stated[0].kind == "print":
        day = _writing_day(day, mentions)
    return Anchor(published, source, Reference(day), next((c.span for c in stated if c.span is not None), None))


def _writing_day(printed: date, mentions: list[TemporalMention]) -> date:
    """A print edition bounds the writing day from above; the latest weekday the text reports
    as past bounds it from below, and news is written on the day of the latest event it names."""
    resolved = with_reference([m for m in mentions if _is_weekday(m) and m.tense != "future"], Reference(printed))
    days = [d for m in resolved if m.value and (d := _day(m.value.value)) and printed - _WEEK <= d <= printed]
    return max(days) if days else printed


def cluster_anchors(
    articles: Sequence[Article],
    anchors: dict[str, Anchor],
    mentions: dict[str, list[TemporalMention]],
    sentence_of: Callable[[str, TemporalMention], str],
    similarity: Callable[[list[str], list[str]], list[list[float]]],
    threshold: float,
    spread: int,
) -> dict[str, Anchor]:
    """Anchors for undated articles, from events they share by weekday with dated ones.

    An article still without a day reads its words by its own dateline's day, else by the middle day of
    the story's dated articles when those lie within ``spread`` days of each other (one story's news is
    written within days): "last August" in a May story is 2024's.
    """
    # each dated article's weekdays are resolved and their sentences read once, whatever the undated count
    dated: list[_Weekdays] = []
    for article in articles:
        ref = anchors[article.id].reference
        if ref.day is not None:
            theirs = [m for m in with_reference(mentions[article.id], ref) if _is_weekday(m) and m.value]
            if theirs:
                dated.append(_Weekdays(ref, theirs, [sentence_of(article.id, m) for m in theirs]))
    out = dict(anchors)
    for article in articles:
        if anchors[article.id].reference.day is not None:
            continue
        own = [m for m in mentions[article.id] if _is_weekday(m)]
        inferred = _from_shared_weekday(own, [sentence_of(article.id, m) for m in own], dated, similarity, threshold)
        if inferred is not None:
            out[article.id] = Anchor(inferred.isoformat(), "cluster", Reference(inferred))
    years = Counter(a.reference.year_known for a in out.values() if a.reference.year_known)
    if years:
        story_year = years.most_common(1)[0][0]
        for key, anchor in out.items():
            if anchor.reference.year_known is None:
                out[key] = Anchor(anchor.published, anchor.source, Reference(year=story_year))
    by_id = {a.id: a for a in articles}
    days = sorted(a.reference.day for a in out.values() if a.reference.day is not None)
    story_day = days[len(days) // 2] if days and (days[-1] - days[0]).days <= spread else None
    for key, anchor in out.items():
        if anchor.reference.day is None:
            # a day to read the article's words by, not recorded as its publication date; the story's day is
            # only near the article's own, so it reads a weekday as the nearer one whatever the tense
            lined = _dateline_day(by_id[key].text, mentions[key], anchor.reference)
            if lined is not None:
                out[key] = Anchor(anchor.published, anchor.source, Reference(lined), anchor.cue)
            elif story_day is not None:
                out[key] = Anchor(anchor.published, anchor.source, Reference(story_day, approximate=True), anchor.cue)
    return out


def _dateline_day(text: str, mentions: list[TemporalMention], ref: Reference) -> date | None:
    """The day of an undated article's dateline ("MADRID, April 28. /TASS/"), read in the story's year."""
    lines = [m for m in mentions if is_dateline(text, m.start, m.end)]
    for mention in with_reference(lines[:1], ref):
        if mention.value is not None and (day := _day(mention.value.value)) is not None:
            return day
    return None


@dataclass(frozen=True, slots=True)
class _Weekdays:
    """A dated article's weekday mentions, resolved against its day, with the sentences they sit in."""

    reference: Reference
    mentions: list[TemporalMention]
    sentences: list[str]


def _from_shared_weekday(
    own: list[TemporalMention],
    own_sentences: list[str],
    dated: Sequence[_Weekdays],
    similarity: Callable[[list[str], list[str]], list[list[float]]],
    threshold: float,
) -> date | None:
    if not own:
        return None
    best: tuple[float, Reference] | None = None
    for other in dated:
        scores = similarity(own_sentences, other.sentences)
        for i, mine in enumerate(own):
            for j, their in enumerate(other.mentions):
                same_day = mine.text.lower().split()[-1] == their.text.lower().split()[-1]
                if same_day and scores[i][j] >= threshold and (best is None or scores[i][j] > best[0]):
                    best = (scores[i][j], other.reference)
    if best is None:
        return None
    # Read the article as if written on the dated article's day, then date it by the latest
    # day it reports as past: the shared event fixes its week, its own past events its day.
    resolved = with_reference([m for m in own if m.tense != "future"], best[1])
    days = [d for m in resolved if m.value and (d := _day(m.value.value))]
    return max(days) if days else None
