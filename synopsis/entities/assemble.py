"""From grouped chains to entities: extra mentions, type votes, junk, names, roles, sides, salience."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..lang.function_words import FUNCTION_WORDS
from ..lang.names import core_tokens, fold, is_acronym, is_particle
from ..models import Article, Entity, Evidence, MergeEvidence, Role
from .cluster import Chain, Groups, PairSettings, across_articles, label_votes, within_article
from .lexicon import HONORIFICS, INSTITUTION_NOUNS, ROLE_NOUNS, TITLE_WORDS
from .mentions import NameMention, collect
from .recover import provisional, recover
from .roles import TitleFind, title_key, titles_for
from .sides import WEIGHTS, Clue, Countries, decide, group_clues, title_clues

_PRIORITY = {"PERSON": 0, "GPE": 1, "ORG": 2, "LOC": 3, "NORP": 4, "FAC": 5, "EVENT": 6}
_WORD = re.compile(r"\b[a-z][a-z\-]+\b")
#: A capitalised word right before a name ("Mr. ", "Judge "), and a capitalised word before that one.
_ADDRESS = re.compile(r"(?<![\w.])(?P<word>[A-Z][a-z]{1,11}\.?)[ \u00a0]+$")
#: A country or place owning the name that follows ("Portugal's ").
_POSSESSOR = re.compile(r"(?<![\w.])(?P<owner>[A-Z][\w.\-]+(?: [A-Z][\w.\-]+)?)['’]s $")
_ADDRESS_LEAD = re.compile(r"[A-Z][\w.\-]*[ \u00a0]+$")


@dataclass
class Resolved:
    """An entity under construction."""

    mentions: list[NameMention]
    merges: list[MergeEvidence]
    type: str = ""
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    titles: list[tuple[str, TitleFind]] = field(default_factory=list)
    clues: list[Clue] = field(default_factory=list)
    side: str | None = None
    side_evidence: tuple[Evidence, ...] = ()
    salience: float = 0.0

    @property
    def article_ids(self) -> list[str]:
        return sorted({m.article_id for m in self.mentions})


def collected(articles: tuple[Article, ...]) -> dict[str, list[NameMention]]:
    """Every parsed article's cleaned name mentions, junk flagged."""
    return {article.id: collect(article) for article in articles if article.doc is not None}


def chains_of(articles: tuple[Article, ...], mentions: dict[str, list[NameMention]] | None = None) -> list[Chain]:
    """Every article's chains of name mentions, junk left out."""
    mentions = collected(articles) if mentions is None else mentions
    chains = []
    for article in articles:
        if article.id in mentions:
            chains.extend(within_article(article, [m for m in mentions[article.id] if m.junk is None]))
    return chains


def resolve(articles: tuple[Article, ...], min_mentions: int = 1, pairs: PairSettings | None = None) -> list[Entity]:
    """The who's who of a corpus, most salient first."""
    by_id = {a.id: a for a in articles}
    mentions = collected(articles)
    groups = across_articles(chains_of(articles, mentions), by_id, pairs)
    recover(groups, by_id, [p for a in articles if a.id in mentions for p in provisional(a, mentions[a.id])])
    entities = _entities(groups)
    for entity in entities:
        entity.type = _vote(entity.mentions)
    lowercase_words = _lowercase_words(articles)
    geo_keys = {m.key for e in entities if e.type in ("GPE", "NORP") for m in e.mentions}
    entities = [e for e in entities if not _is_junk(e, lowercase_words, geo_keys)]
    _add_unlabelled_mentions(entities, articles)
    entities = [e for e in entities if len(e.mentions) >= min_mentions]
    for entity in entities:
        entity.name, entity.aliases = _names(entity, {a.id: a.text for a in articles}, geo_keys)
    _find_roles(entities, by_id)
    _find_sides(entities, by_id)
    _score(entities, len(articles))
    entities.sort(key=lambda e: (-e.salience, e.name))
    return [_to_entity(i, e) for i, e in enumerate(entities, 1)]


def _entities(groups: Groups) -> list[Resolved]:
    out = []
    for members in groups.members():
        mentions = sorted((m for i in members for m in groups.chains[i].mentions),
                          key=lambda m: (m.article_id, m.start))
        out.append(Resolved(mentions, groups.merges.get(groups.find(members[0]), [])))
    return out


def _vote(mentions: list[NameMention]) -> str:
    """The entity's type; a full personal name outweighs the labels of its bare parts.

    The parser often tags a lone surname as an organisation ("Trump", "Price"), and a
    story that says the surname twenty times would otherwise out-vote the full name.
    """
    votes = label_votes(mentions)
    full = [m for m in mentions if len(core_tokens(m.tokens)) >= 2]
    if full:
        full_votes = label_votes(full)
        parts = {t for m in full for t in core_tokens(m.tokens)}
        if (full_votes.get("PERSON", 0.0) * 2 > sum(full_votes.values())
                and all(set(core_tokens(m.tokens)) <= parts for m in mentions)):
            return "PERSON"
    return min(votes, key=lambda k: (-votes[k], _PRIORITY.get(k, 9)))


def _add_unlabelled_mentions(entities: list[Resolved], articles: tuple[Article, ...]) -> None:
    """Occurrences of a person's name the parser did not tag ("Dr.Vance", "lavrov also said")."""
    owners: dict[str, set[int]] = defaultdict(set)
    for index, entity in enumerate(entities):
        if entity.type != "PERSON" or not any(len(core_tokens(m.tokens)) >= 2 for m in entity.mentions):
            continue
        for m in entity.mentions:
            if m.text[:1].isupper() and len(m.text) >= 4:
                owners[m.text].add(index)
    forms = {form: next(iter(idx)) for form, idx in owners.items() if len(idx) == 1}
    if not forms:
        return
    folded: dict[str, str] = {}
    for known in forms:
        folded.setdefault(known.casefold(), known)
    pattern = re.compile(r"(?<![\w.@#/-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                         + r")(?![\w@])", re.IGNORECASE)
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    present: dict[int, set[str]] = defaultdict(set)
    for index, entity in enumerate(entities):
        for m in entity.mentions:
            covered[m.article_id].append((m.start, m.end))
            present[index].add(m.article_id)
    for article in articles:
        if article.doc is None:
            continue
        spans = sorted(covered[article.id])
        starts = [s for s, _ in spans]
        for match in pattern.finditer(article.text):
            found = match.group(1)
            form = found if found in forms else folded.get(found.casefold())
            if form is None or (form != found and not _sentence_initial(article.text, match.start())):
                continue
            index = forms[form]
            if article.id not in present[index] and len(form.split()) < 2:
                continue
            start, end = match.span(1)
            k = bisect.bisect_right(starts, end) - 1
            if k >= 0 and spans[k][1] > start:
                continue
            span = article.doc.char_span(start, end, alignment_mode="expand")
            first, last = (span.start, span.end) if span is not None else (0, 0)
            mention = NameMention(article.id, start, end, found, "PERSON", entities[index].mentions[0].tokens
                                  if form == entities[index].mentions[0].text else tuple(fold(found).split()),
                                  first, last)
            entities[index].mentions.append(mention)
    for entity in entities:
        entity.mentions.sort(key=lambda m: (m.article_id, m.start))


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" ")
    return not before or before[-1] in ".!?\n:\"“"


def _lowercase_words(articles: tuple[Article, ...]) -> set[str]:
    words: set[str] = set()
    for article in articles:
        words.update(_WORD.findall(article.text))
    return words


def _common(word: str, lowercase_words: set[str]) -> bool:
    low = word.casefold()
    return low in lowercase_words or low.rstrip("s") in lowercase_words or low + "s" in lowercase_words


def _is_junk(entity: Resolved, lowercase_words: set[str], geo_keys: set[str]) -> bool:
    """Fragments and headings the parser took for names: every form made of ordinary words."""
    forms = {m.text for m in entity.mentions}
    if not any(ch.isupper() for form in forms for ch in form):
        return True
    titles = TITLE_WORDS | HONORIFICS | ROLE_NOUNS
    if all(all(w.casefold().rstrip(".") in titles for w in f.split()) for f in forms):
        return True  # "Crown", "State": a piece of a title
    if entity.type == "PERSON":
        return False
    for form in forms:
        words = [w.strip(".,:;()’'") for w in re.split(r"['’]s\s", form)[-1].split()]
        words = [w for w in words if any(ch.isalpha() for ch in w)]
        if words and words[-1].casefold() in INSTITUTION_NOUNS and len(words) >= 2:
            return False
        content = [w for w in words if w and w.casefold() not in FUNCTION_WORDS and fold(w) not in geo_keys]
        if not content:
            if words and fold(form) in geo_keys | {fold(w) for w in words}:
                return False
            continue
        if any(not _common(w, lowercase_words) and fold(w) not in TITLE_WORDS | HONORIFICS for w in content):
            return False
    return True


def _well_cased(text: str) -> bool:
    return all(w[:1].isupper() or is_particle(fold(w)) or not w[:1].isalpha() for w in text.split())


def _names(entity: Resolved, texts: dict[str, str], geo_keys: set[str]) -> tuple[str, list[str]]:
    """Canonical name (the fullest well-written form) and every other spelling seen."""
    counts = Counter(" ".join(m.text.split()) for m in entity.mentions)
    articles: dict[str, set[str]] = defaultdict(set)
    for m in entity.mentions:
        articles[" ".join(m.text.split())].add(m.article_id)

    def rank(form: str) -> tuple[int, int, int, int, int]:
        shouting = form.isupper() and not is_acronym(form)
        size = len(core_tokens(tuple(fold(form).split()))) if entity.type == "PERSON" else len(form.split())
        return (int(_well_cased(form) and not shouting), size, len(articles[form]), counts[form], len(form))

    name = max(counts, key=rank)
    aliases = sorted((f for f in counts if f != name), key=lambda f: (-counts[f], f))
    if entity.type == "PERSON":
        aliases += [f for f in _addressed_forms(entity, texts) if f not in counts]
    else:
        aliases += [f for f in _article_forms(entity, texts, geo_keys) if f not in counts]
    return name, aliases


def _article_forms(entity: Resolved, texts: dict[str, str], geo_keys: set[str]) -> list[str]:
    """"The Resistance Front": a name whose capitalised article, inside a sentence, is part of the name; and
    "Portugal's National Cybersecurity Centre": a body named with the country it belongs to."""
    found: dict[str, None] = {}
    for m in entity.mentions:
        text = texts[m.article_id]
        if m.start >= 6 and text[m.start - 4:m.start] == "The " and not _sentence_initial(text, m.start - 4):
            found.setdefault("The " + " ".join(m.text.split()))
        owner = _POSSESSOR.search(text, max(0, m.start - 40), m.start)
        if owner is not None and len(m.text.split()) >= 2 and fold(owner.group("owner")) in geo_keys:
            found.setdefault(text[owner.start("owner"):m.start] + " ".join(m.text.split()))
    return list(found)


def _addressed_forms(entity: Resolved, texts: dict[str, str]) -> list[str]:
    """The name with the courtesy title or one-word office the text puts before it ("Mr Sunak",
    "Sir Keir Starmer", "Judge Kelly"): a form readers meet, listed after the spellings."""
    found: dict[str, None] = {}
    for m in entity.mentions:
        text = texts[m.article_id]
        match = _ADDRESS.search(text, max(0, m.start - 24), m.start)
        if match is None or match.end() != m.start:
            continue
        word = match.group("word").rstrip(".").casefold()
        lead = _ADDRESS_LEAD.search(text, max(0, match.start() - 30), match.start())
        one_word_office = word in TITLE_WORDS | ROLE_NOUNS and lead is None
        if word in HONORIFICS or one_word_office:
            found.setdefault(" ".join((match.group("word"), *m.text.split())))
    return list(found)


def _find_roles(entities: list[Resolved], articles: dict[str, Article]) -> None:
    for entity in entities:
        if entity.type != "PERSON":
            continue
        seen: set[tuple[str, str]] = set()
        for m in entity.mentions:
            doc = articles[m.article_id].doc
            for find in titles_for(doc, m.first_token, m.last_token):
                marker = (m.article_id, find.key + f"@{find.start}")
                if marker in seen:
                    continue
                seen.add(marker)
                entity.titles.append((m.article_id, find))


class _Index:
    """Which entity a character span of an article belongs to."""

    def __init__(self, entities: list[Resolved]) -> None:
        spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for index, entity in enumerate(entities):
            for m in entity.mentions:
                spans[m.article_id].append((m.start, m.end, index))
        self.spans = {k: sorted(v) for k, v in spans.items()}
        self.starts = {k: [s for s, _, _ in v] for k, v in self.spans.items()}

    def at(self, article_id: str, start: int, end: int) -> int | None:
        spans = self.spans.get(article_id, [])
        k = bisect.bisect_right(self.starts.get(article_id, []), end - 1) - 1
        while k >= 0 and spans[k][1] > start - 40:
            s, e, index = spans[k]
            if s < end and e > start:
                return index
            k -= 1
        return None

    def before(self, article_id: str, position: int, lo: int) -> list[int]:
        spans = self.spans.get(article_id, [])
        k = bisect.bisect_left(self.starts.get(article_id, []), position) - 1
        out = []
        while k >= 0 and spans[k][0] >= lo:
            out.append(spans[k][2])
            k -= 1
        return out


def _find_sides(entities: list[Resolved], articles: dict[str, Article]) -> None:
    index = _Index(entities)
    places = {i: (e.name, [m.text for m in e.mentions]) for i, e in enumerate(entities) if e.type == "GPE"}
    countries = Countries(places)
    people = [i for i, e in enumerate(entities) if e.type == "PERSON"]
    for i in people:
        for article_id, find in entities[i].titles:
            for clue in title_clues(find, article_id, articles[article_id].text):
                if clue.kind in ("ORG", "PERSON", "PRON"):
                    owner = find.affiliations[0]
                    clue.entity = _owner(index, entities, articles[article_id], owner.start, owner.end, clue.kind)
                entities[i].clues.append(clue)
    for article in articles.values():
        if article.doc is None:
            continue
        roots: dict[int, int] = {}
        for i in people:
            for m in entities[i].mentions:
                if m.article_id == article.id and m.last_token > m.first_token:
                    roots[article.doc[m.first_token:m.last_token].root.i] = i
        for entity_index, clue in group_clues(article.doc, article.id, article.text, roots):
            entities[entity_index].clues.append(clue)
    own = {i: _direct(entities[i], countries) for i in people}
    direct = {i: decide(own[i]) for i in people}
    org_sides = _org_sides(entities, countries, direct)
    for i in people:
        weighed = own[i]
        for clue in entities[i].clues:
            target = clue.entity
            if target is None or target == i:
                continue
            kind = entities[target].type
            if kind == "PERSON":
                side = direct.get(target, (None, ()))[0]
            elif clue.kind == "PERSON":
                side = None  # the owner was read as a person but resolved to something else
            elif kind == "GPE":
                side = entities[target].name
            else:
                side = org_sides[target][0] if target in org_sides else entities[target].name
            if side:
                weighed.append((side, WEIGHTS[clue.kind], clue.evidence))
        entities[i].side, entities[i].side_evidence = decide(weighed)
    for target, (side, evidence) in org_sides.items():
        entities[target].side, entities[target].side_evidence = side, evidence


def _owner(index: _Index, entities: list[Resolved], article: Article, start: int, end: int, kind: str) -> int | None:
    """The entity a title's owner names; for "its", the nearest place or body before it in the sentence."""
    if kind != "PRON":
        return index.at(article.id, start, end)
    sentence_start = max(article.text.rfind(". ", 0, start), article.text.rfind("\n", 0, start)) + 1
    for candidate in index.before(article.id, start, sentence_start):
        if entities[candidate].type in ("GPE", "ORG"):
            return candidate
    return None


def _direct(entity: Resolved, countries: Countries) -> list[tuple[str, float, Evidence]]:
    out = []
    for clue in entity.clues:
        if clue.kind in ("NORP", "GPE", "group"):
            side = countries.name_of(clue.text)
            if side:
                out.append((side, WEIGHTS[clue.kind], clue.evidence))
    return out


Sided = tuple[str, tuple[Evidence, ...]]


def _org_sides(entities: list[Resolved], countries: Countries,
               direct: dict[int, tuple[str | None, tuple[Evidence, ...]]]) -> dict[int, Sided]:
    """The country an organisation belongs to: a national word in its name, or its people's sides."""
    out: dict[int, Sided] = {}
    members: dict[int, dict[str | None, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    for i, (side, side_evidence) in direct.items():
        for clue in entities[i].clues:
            if clue.kind == "ORG" and clue.entity is not None:
                members[clue.entity][side].extend([clue.evidence, *side_evidence])
    for target, entity in enumerate(entities):
        if entity.type not in ("ORG", "FAC"):
            continue
        named: dict[str, Evidence] = {}
        for m in entity.mentions:
            for word in m.text.split():
                side = countries.name_of(word) if word[:1].isupper() and fold(word) not in INSTITUTION_NOUNS else None
                if side:
                    named.setdefault(side, Evidence(m.article_id, m.start, m.end, m.text))
        if len(named) == 1:
            side, evidence = next(iter(named.items()))
            out[target] = (side, (evidence,))
            continue
        sides = {k: v for k, v in members.get(target, {}).items() if k is not None}
        if len(sides) == 1:
            side, spans = next(iter(sides.items()))
            out[target] = (str(side), tuple(dict.fromkeys(spans)))
    return out


def _score(entities: list[Resolved], n_articles: int) -> None:
    """Salience: share of outlets that name the entity, then how often they do (log-scaled)."""
    most = max((len(e.mentions) for e in entities), default=1)
    for entity in entities:
        outlets = len(entity.article_ids) / max(n_articles, 1)
        volume = math.log1p(len(entity.mentions)) / math.log1p(most)
        entity.salience = round(0.6 * outlets + 0.4 * volume, 4)


def _to_entity(number: int, entity: Resolved) -> Entity:
    roles: dict[str, list[tuple[str, TitleFind]]] = defaultdict(list)
    for article_id, find in entity.titles:
        roles[title_key(find.title)].append((article_id, find))
    built = []
    for finds in sorted(roles.values(), key=lambda fs: (-len({a for a, _ in fs}), fs[0][1].title)):
        display = Counter(f.title for _, f in finds).most_common(1)[0][0]
        article_ids = tuple(sorted({a for a, _ in finds}))
        first_per_article: dict[str, Evidence] = {}
        for article_id, f in finds:
            first_per_article.setdefault(article_id, Evidence(article_id, f.start, f.end, f.text))
        built.append(Role(display, article_ids, tuple(first_per_article.values())))
    return Entity(
        id=f"e{number}",
        name=entity.name,
        type=entity.type,
        aliases=tuple(entity.aliases),
        side=entity.side,
        side_evidence=entity.side_evidence,
        roles=tuple(built),
        article_ids=tuple(entity.article_ids),
        mentions=tuple(Evidence(m.article_id, m.start, m.end, m.text) for m in entity.mentions),
        merge_evidence=tuple(entity.merges),
        salience=entity.salience,
    )
