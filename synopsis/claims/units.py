"""Claim units: sentences cut into clauses, each attributed to an outlet or a speaker.

A unit is the smallest stretch of text that states one fact. Coordinated main
clauses that each carry their own subject ("the talks ended and the delegations
left") become separate units, so that two outlets reporting only one half of
such a sentence still align. A unit lying inside a quote belongs to the quoted
speaker, not to the outlet. Questions, headings, interviewer turns and the
writer's own voice are not claims and give no unit (see ``filters``); a
leading label ("Key Issue: ...") is cut off the unit.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..lang.cues import DENIAL_VERBS, REPORTING_VERBS
from ..models import Article, Dossier, Quote
from .filters import excluded_lines, in_writer_voice, is_question, label_end

#: Parts of speech whose lemmas carry a clause's content (blocking and lexical overlap).
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
#: Dependents of a name that describe who the entity is rather than what the clause asserts.
_DESCRIBING = frozenset({"appos", "compound", "amod", "nmod"})


@dataclass(frozen=True, slots=True)
class ClaimUnit:
    """One clause of one article, with what alignment and slot reading need."""

    index: int
    article_id: str
    outlet: str
    source: str  # the outlet of the independent original: copies share their original's source
    start: int
    end: int
    text: str
    terms: frozenset[str]
    speaker_id: str | None = None
    #: the lemma of the verb a negation denies ("challenge" in "said it would not challenge"), "" if none
    denied: str = ""
    #: lemmas of the clause's verbs: a denial opposes only a clause that asserts its verb
    verbs: frozenset[str] = frozenset()
    #: What the clause asserts: content lemmas without speech verbs, each entity mention as one ``@key``.
    core: frozenset[str] = frozenset()

    @property
    def negated(self) -> bool:
        """Whether the clause's main predicate is denied."""
        return bool(self.denied)


def source_of(article: Article, by_id: dict[str, Article]) -> str:
    """The outlet that first published the text: a chain of copies resolves to its original."""
    seen = {article.id}
    current = article
    while current.copy_of and current.copy_of in by_id and current.copy_of not in seen:
        seen.add(current.copy_of)
        current = by_id[current.copy_of]
    return current.outlet_name


def quotes_by_article(quotes: Iterable[Quote]) -> dict[str, list[Quote]]:
    """Article id -> the quotes found in it, in the order given."""
    grouped: dict[str, list[Quote]] = {}
    for quote in quotes:
        grouped.setdefault(quote.article_id, []).append(quote)
    return grouped


def extract_units(
    corpus: Dossier,
    min_words: int = 5,
    quotes: Sequence[Quote] | None = None,
) -> list[ClaimUnit]:
    """Every claim unit of every parsed article, in article order."""
    by_id = {a.id: a for a in corpus.articles}
    mentions = entity_spans(corpus)
    quoted_in = quotes_by_article(quotes or ())
    units: list[ClaimUnit] = []
    for article in corpus.articles:
        if article.doc is None:
            continue
        outlet, source = article.outlet_name, source_of(article, by_id)
        spans = mentions.get(article.id, [])
        skipped = excluded_lines(article.text)
        for sent in article.doc.sents:
            for start_tok, end_tok in _clauses(sent):
                tokens = sent.doc[start_tok:end_tok]
                if is_question(sent, tokens, article.text) or any(s < tokens.end_char and tokens.start_char < e
                                                    for s, e in skipped):
                    continue
                labelled = label_end(article.text, _line_start(article.text, tokens.start_char), tokens.end_char)
                tokens = _after_label(tokens, article.text)
                words = [t for t in tokens if t.is_alpha]
                if len(words) < min_words or not any(t.pos_ in ("VERB", "AUX") for t in tokens):
                    continue
                start, end = tokens.start_char, tokens.end_char
                speaker, quoted = _attribution(start, end, article.text, quoted_in.get(article.id, ()))
                if speaker is None and not quoted and labelled == _line_start(article.text, start) and in_writer_voice(
                    tokens
                ):
                    continue
                inside = [s for s in spans if s[0] >= start and s[1] <= end]
                units.append(
                    ClaimUnit(
                        index=len(units),
                        article_id=article.id,
                        outlet=outlet,
                        source=source,
                        start=start,
                        end=end,
                        text=article.text[start:end],
                        terms=_terms(tokens) | {f"@{key}" for _s, _e, key in inside},
                        speaker_id=speaker,
                        denied=_denied(tokens),
                        verbs=frozenset(t.lemma_.lower() for t in tokens if t.pos_ == "VERB"),
                        core=_core(tokens, inside),
                    )
                )
    return units


def _is_content(token: Any) -> bool:
    """A word that carries what a clause says: a content part of speech, no stop word, no single letter."""
    return (token.pos_ in CONTENT_POS and not token.is_stop and (token.is_alpha or token.like_num)
            and len(token.text) > 1)


def _terms(tokens: Iterable[Any]) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in tokens if _is_content(t))


def _core(tokens: Any, spans: list[tuple[int, int, str]]) -> frozenset[str]:
    """Content lemmas of what the clause asserts, each named entity counted once as ``@key``.

    Speech verbs are left out, and so is what only tells who an entity is (the title or apposition
    around a name: "head of the investment fund" in "Dmitriev, head of the investment fund, said").
    """
    # token index -> entity key; the spans lie inside the clause, so a token outside it is in none
    entity_at: dict[int, str] = {}
    for token in tokens:
        key = next((k for s, e, k in spans if s <= token.idx < e), None)
        if key is not None:
            entity_at[token.i] = key
    described: set[int] = set()
    for i in entity_at:
        for child in tokens.doc[i].children:
            if child.dep_ in _DESCRIBING and child.i not in entity_at:
                described.update(t.i for t in child.subtree)
    out: set[str] = set()
    for token in tokens:
        if token.i in described:
            continue
        if token.i in entity_at:
            out.add(f"@{entity_at[token.i]}")
        elif _is_content(token) and token.lemma_.lower() not in REPORTING_VERBS:
            out.add(token.lemma_.lower())
    return frozenset(out)


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _after_label(tokens: Any, text: str) -> Any:
    """The clause without a leading "Label:" (a heading run into its paragraph)."""
    cut = label_end(text, tokens.start_char, tokens.end_char)
    if cut == tokens.start_char:
        return tokens
    rest = [t for t in tokens if t.idx >= cut]
    return tokens.doc[rest[0].i : tokens.end] if rest else tokens


def _clauses(sent: Any) -> list[tuple[int, int]]:
    """Token ranges of the sentence's main clauses: split before each coordinated clause with its own subject."""
    root = sent.root
    cuts: list[int] = []
    for child in root.children:
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and any(
            c.dep_ in SUBJECT_DEPS for c in child.children
        ):
            cuts.append(child.left_edge.i)
    for token in sent:
        if (token.text == ";" or (token.is_space and "\n" in token.text)) and token.i + 1 < sent.end:
            cuts.append(token.i + 1)
    bounds = [sent.start, *sorted(set(cuts)), sent.end]
    ranges: list[tuple[int, int]] = []
    for begin, end in itertools.pairwise(bounds):
        while begin < end and (sent.doc[begin].is_punct or sent.doc[begin].is_space or sent.doc[begin].dep_ == "cc"):
            begin += 1
        while end > begin and (sent.doc[end - 1].is_space or sent.doc[end - 1].dep_ == "cc"
                               or sent.doc[end - 1].text in {",", ";", "-", "–", "—"}):
            end -= 1
        if end > begin:
            ranges.append((begin, end))
    return ranges


def _denied(tokens: Any) -> str:
    """The lemma of the verb the clause's main predicate denies ("did not", "never", "no ... were present",
    "denied that it planned"), or "" when it denies nothing.

    Under a speech verb the predicate is what was reported: "said her party would not appeal" denies "appeal".
    """
    heads = [t for t in tokens if t.dep_ in ("ROOT", "conj", "ccomp") and t.pos_ in ("VERB", "AUX")]
    if not heads:
        return ""
    inside = {t.i for t in tokens}

    def reported(verb: Any) -> Any:
        return next((c for c in verb.children if c.dep_ == "ccomp" and c.i in inside), None)

    # the main predicate, and what the first speech verb among it and its coordinated verbs reports
    chain = [heads[0], *(c for c in heads[0].children if c.dep_ == "conj" and c.i in inside)]
    for verb in chain:
        if verb.lemma_.lower() in DENIAL_VERBS:  # "denied that it planned job cuts" denies "plan"
            governed = reported(verb)
            return str((governed if governed is not None else verb).lemma_).lower()
    if _denies(heads[0]):
        return str(heads[0].lemma_).lower()
    speech = next((t for t in chain if t.lemma_.lower() in REPORTING_VERBS), None)
    said = reported(speech) if speech is not None else None
    return str(said.lemma_).lower() if said is not None and _denies(said) else ""


def _denies(head: Any) -> bool:
    for child in head.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in SUBJECT_DEPS and any(g.lower_ == "no" and g.dep_ == "det" for g in child.children):
            return True
    return False


def _attribution(start: int, end: int, text: str, quotes: Iterable[Quote]) -> tuple[str | None, bool]:
    """The speaker of a quote that covers most of the unit, and whether the unit sits in quotation marks."""
    length = max(1, end - start)
    for quote in quotes:
        overlap = min(end, quote.end) - max(start, quote.start)
        if overlap > 0.5 * length or (overlap > 0 and overlap >= 0.8 * (quote.end - quote.start)):
            return quote.speaker_id, quote.kind in ("direct", "partial")
    marks = sum(text[start:end].count(c) for c in "\u201c\u201d\"")
    return None, marks >= 2 and _mostly_quoted(text[start:end])


def _mostly_quoted(text: str) -> bool:
    inside = sum(len(m) for m in re.findall(r"[\"\u201c]([^\"\u201d]*)[\"\u201d]", text))
    return inside > 0.5 * len(text)


def entity_spans(corpus: Dossier) -> dict[str, list[tuple[int, int, str]]]:
    """Per article, (start, end, key) of entity mentions: entity ids when known, else normalised names."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    if corpus.entities:
        for entity in corpus.entities:
            for ev in entity.mentions:
                spans.setdefault(ev.article_id, []).append((ev.start, ev.end, entity.id))
    else:
        for article in corpus.articles:
            spans[article.id] = [(m.start, m.end, m.text.lower()) for m in article.mentions]
    return spans
