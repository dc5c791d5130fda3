"""Linking mentions into entities: short forms inside an article, then names across articles.

Precision comes first. A short form ("Lavrov", "Dr. Vance", a surname the parser took for a
place) joins a full name only when exactly one full name in reach fits it; two full names join
only when first and last names agree (exactly or as transliterations) and every full name already
in the two groups stays compatible. An acronym joins the name it is bracketed after, even when its
letters do not fit ("New Popular Front (NFP)"), unless another name is bracketed with it too; a
name in another word order ("Norfolk South West") joins its other order, and a company named with its
corporate ending ("Acme Corp.") the one body named without it. What the rules leave
apart, the learned pair model of ``pairs`` may join (nicknames, romanisations, acronyms whose
letters fit, short forms of a party, clipped words) above a threshold fitted for zero false merges,
never a pair its guard refuses, and never a short form that fits two longer names the model keeps
apart. Each join records its rule and the spans that justify it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..lang.names import core_tokens, fold, generation_mark, initials, is_acronym, skeleton
from ..models import Article, Evidence, MergeEvidence
from ..util import DisjointSet
from .mentions import NameMention, bracketed_acronym, defined_acronym
from .names import names_compatible, token_match
from .pairs import CORPORATE_ENDINGS, PairModel, Side, admissible, candidates, features, is_national, reason, sides_of

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Whether two full names the rules find incompatible are still one person's (the pair model's word).
Bridge = Callable[[tuple[str, ...], tuple[str, ...]], bool]


@dataclass(frozen=True)
class PairSettings:
    """The learned pair model and how it is used: its threshold, and the largest block it compares."""

    model: PairModel | None = None
    threshold: float = 1.0
    largest_block: int = 40


@dataclass
class Chain:
    """Mentions of one referent inside one article (several chains form an entity)."""

    article_id: str
    mentions: list[NameMention]
    merges: list[MergeEvidence] = field(default_factory=list)
    _longs: set[tuple[str, ...]] | None = None

    @property
    def person(self) -> bool:
        return any(m.label == "PERSON" or m.person_cue for m in self.mentions)

    @property
    def place(self) -> bool:
        votes = label_votes(self.mentions)
        return min(votes, key=lambda k: (-votes[k], k not in PLACE_LABELS)) in PLACE_LABELS

    def longs(self) -> set[tuple[str, ...]]:
        """Full personal names (two or more core tokens) in this chain."""
        if self._longs is None:
            self._longs = {m.tokens for m in self.mentions if len(core_tokens(m.tokens)) >= 2} if self.person else set()
        return self._longs

    def keys(self) -> set[str]:
        return {m.key for m in self.mentions}


def label_votes(mentions: Iterable[NameMention]) -> dict[str, float]:
    """Parser labels weighted by name length, with a bonus for a role word next to the name."""
    votes: dict[str, float] = defaultdict(float)
    for m in mentions:
        votes[m.label] += len(m.tokens)
        if m.person_cue:
            votes["PERSON"] += 1.0
    return votes


def evidence(article: Article, mention: NameMention) -> Evidence:
    return Evidence.of(article, mention.start, mention.end)


class Groups:
    """Chains joined into groups, with the merge evidence and the full names of each group."""

    def __init__(self, chains: list[Chain]) -> None:
        self.chains = chains
        self.sets = DisjointSet(range(len(chains)))
        self.merges: dict[int, list[MergeEvidence]] = {i: list(c.merges) for i, c in enumerate(chains)}
        self.long_names: dict[int, set[tuple[str, ...]]] = {i: c.longs() for i, c in enumerate(chains)}

    def find(self, i: int) -> int:
        return self.sets.find(i)

    def compatible(self, a: int, b: int, bridge: Bridge | None = None) -> bool:
        """No full name of one group may contradict a full name of the other (unless ``bridge`` joins them)."""
        ra, rb = self.find(a), self.find(b)
        return all(names_compatible(x, y) is not None or (bridge is not None and bridge(x, y))
                   for x in self.long_names[ra] for y in self.long_names[rb])

    def union(self, a: int, b: int, record: MergeEvidence, bridge: Bridge | None = None) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not self.compatible(ra, rb, bridge):
            return False
        self.sets.union(ra, rb)
        self.merges[ra].extend(self.merges.pop(rb))
        self.merges[ra].append(record)
        self.long_names[ra] |= self.long_names.pop(rb)
        return True

    def members(self) -> list[list[int]]:
        return self.sets.groups()


def within_article(article: Article, mentions: list[NameMention]) -> list[Chain]:
    """Chains of one article: one per name key, then short forms folded into their full name."""
    by_key: dict[str, Chain] = {}
    for m in mentions:
        by_key.setdefault(m.key, Chain(article.id, [])).mentions.append(m)
    chains = list(by_key.values())
    surnames = {c.mentions[0].key for c in chains if any(m.label == "PERSON" for m in c.mentions)
                and len(c.mentions[0].tokens) == 1}
    for chain in chains:  # "Vasily Nebenzya" tagged ORG next to "Nebenzya" tagged PERSON
        m = chain.mentions[0]
        if not chain.person and len(m.tokens) in (2, 3) and m.tokens[-1] in surnames and _well_cased(m.text):
            for other in chain.mentions:
                other.person_cue = True
            chain._longs = None
    longs = [c for c in chains if c.longs()]
    # full names of one person in one article ("Faisal bin Farhan", "Faisal bin Farhan Al Saud")
    merged: list[Chain] = []
    for chain in longs:
        for host in merged:
            rule = _all_compatible(host.longs(), chain.longs())
            if rule:
                _absorb(article, host, chain, rule)
                break
        else:
            merged.append(chain)
    shorts = [c for c in chains if not c.longs()]
    out = list(merged)
    for chain in shorts:
        found, rule = _short_host(chain, merged)
        if found is None:
            out.append(chain)
        else:
            _absorb(article, found, chain, rule)
    return out


def _well_cased(text: str) -> bool:
    return all(word[:1].isupper() for word in text.split())


def _all_compatible(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> str | None:
    rules = [names_compatible(x, y) for x in sorted(a) for y in sorted(b)]  # sorted: one rule whatever the hash seed
    if not rules or any(r is None for r in rules):
        return None
    return next((r for r in rules if r not in ("exact", "particles")), rules[0])


def _short_host(chain: Chain, hosts: list[Chain]) -> tuple[Chain | None, str]:
    """The one full-name chain a short form can stand for, or None when none or several fit."""
    place = chain.place and not any(m.label == "PERSON" for m in chain.mentions)
    short = core_tokens(chain.mentions[0].tokens)
    if not short or (place and (len(short) != 1 or is_national(short[0]))):
        return None, ""
    found: list[tuple[Chain, str]] = []
    for host in hosts:
        rule = _short_rule(short, host.longs())
        if rule and (not place or any(core_tokens(long)[-1] == short[0] for long in host.longs())):
            found.append((host, rule))
    if len(found) != 1 or (place and found[0][1] != "surname"):
        return None, ""  # a place-tagged word is a person's only as the exact surname of one full name ("Modi")
    return found[0]


def _short_rule(short: tuple[str, ...], longs: set[tuple[str, ...]]) -> str:
    for long in sorted(longs):
        core = core_tokens(long)
        if len(short) >= len(core):
            continue
        if all(token_match(a, b) for a, b in zip(short, core[-len(short):], strict=True)):
            return "surname"
        if len(short) == 1 and token_match(short[0], core[0]) and generation_mark(long) is None:
            return "first-name"  # but "Napoleon" is not "Napoleon III": the bare name may be another bearer
        if len(short) >= 2 and all(token_match(a, b) for a, b in zip(short, core, strict=False)):
            return "short-form"
    return ""


def _absorb(article: Article, host: Chain, guest: Chain, rule: str) -> None:
    anchor = max(host.mentions, key=lambda m: len(m.tokens))
    alias = guest.mentions[0]
    host.mentions.extend(guest.mentions)
    host._longs = None
    host.mentions.sort(key=lambda m: m.start)
    host.merges.extend(guest.merges)
    host.merges.append(MergeEvidence(_refine(rule, alias.text, anchor.text), alias.text,
                                     (evidence(article, alias), evidence(article, anchor))))


def across_articles(chains: list[Chain], articles: dict[str, Article], pairs: PairSettings | None = None) -> Groups:
    """Group chains of all articles into entities, strongest evidence first; the pair model last."""
    groups = Groups(chains)
    _merge_full_names(groups, articles)
    _merge_same_keys(groups, articles)
    _merge_reordered(groups, articles)
    _merge_surnames(groups, articles)
    _merge_transliterated_places(groups, articles)
    _merge_acronyms(groups, articles)
    _merge_dropped_modifiers(groups, articles)
    _merge_corporate(groups, articles)
    if pairs is not None and pairs.model is not None:
        _merge_scored(groups, articles, pairs.model, pairs)
    return groups


def group_side(groups: Groups, members: list[int]) -> Side:
    """What the pair model sees of one group: its forms (full names only, for a person), type and articles."""
    mentions = [m for i in members for m in groups.chains[i].mentions]
    votes = label_votes(mentions)
    top = min(votes, key=lambda k: (-votes[k], k))
    person = top == "PERSON"
    forms = [(m.tokens, " ".join(m.text.split())) for m in mentions]
    if person:
        full = [(t, text) for t, text in forms if len(core_tokens(t)) >= 2]
        forms = full or forms
    return sides_of(forms, person, top in PLACE_LABELS, (m.article_id for m in mentions))


def scored_candidates(groups: Groups, largest_block: int) -> list[tuple[list[int], list[int], dict[str, float]]]:
    """Every candidate pair of groups (members of each) with its features, in a stable order."""
    member_lists = sorted(groups.members(), key=min)
    sides = [group_side(groups, members) for members in member_lists]
    return [(member_lists[a], member_lists[b], features(sides[a], sides[b]))
            for a, b in candidates(sides, largest_block)]


def _merge_scored(groups: Groups, articles: dict[str, Article], model: PairModel, pairs: PairSettings) -> None:
    """Pairs the model scores at or above the threshold, most certain first; each records its carrying feature."""
    scored = []
    shorter: list[tuple[int, int]] = []  # (short form, longer name) of each pair joined as a short form
    for left, right, found in scored_candidates(groups, pairs.largest_block):
        probability = model.probability(found)
        if probability >= pairs.threshold and admissible(found):
            scored.append((-probability, min(left), min(right), found))
            if found["token_gap"] and not groups.chains[left[0]].person:
                size = {side: max(len(m.tokens) for i in side for m in groups.chains[i].mentions)
                        for side in (tuple(left), tuple(right))}
                short, long = sorted((tuple(left), tuple(right)), key=lambda side: size[side])
                shorter.append((min(short), min(long)))
    ambiguous = _ambiguous(shorter, {frozenset((a, b)) for _, a, b, _ in scored})
    scored = sorted(t for t in scored if not {t[1], t[2]} & ambiguous)

    def bridge(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
        one = sides_of([(x, " ".join(x))], True, False, ())
        other = sides_of([(y, " ".join(y))], True, False, ())
        return model.probability(features(one, other)) >= pairs.threshold

    for negative, a, b, found in scored:
        alias = _longest_of(groups, b)
        anchor = _longest_of(groups, a)
        rule = f"{reason(found)} (pair model {-negative:.2f})"
        groups.union(a, b, merge_record(rule, articles, alias, anchor), bridge)


def _ambiguous(shorter: list[tuple[int, int]], linked: set[frozenset[int]]) -> set[int]:
    """Short forms the model fits to two longer names it does not link to each other: "Democratic Party"
    fits "Democratic Party of Japan" and "Democratic Party for the People", so it joins neither."""
    longer: dict[int, set[int]] = defaultdict(set)
    for short, long in shorter:
        longer[short].add(long)
    return {short for short, found in longer.items()
            if any(frozenset((x, y)) not in linked for x in found for y in found if x < y)}


def _longest_of(groups: Groups, index: int) -> NameMention:
    root = groups.find(index)
    chains = [c for i, c in enumerate(groups.chains) if groups.find(i) == root]
    return max((_longest(c) for c in chains), key=lambda m: (len(m.tokens), -m.start, m.article_id))


def merge_record(rule: str, articles: dict[str, Article], alias: NameMention, anchor: NameMention) -> MergeEvidence:
    """The evidence of one merge: the rule that made it and the two spans it joined."""
    spans = (evidence(articles[alias.article_id], alias), evidence(articles[anchor.article_id], anchor))
    return MergeEvidence(_refine(rule, alias.text, anchor.text), alias.text, spans)


def _refine(rule: str, alias: str, anchor: str) -> str:
    """Name what an "exact" match of folded names actually bridged: case, diacritics, punctuation, particles."""
    if rule != "exact" or alias == anchor:
        return rule
    if alias.casefold() == anchor.casefold():
        return "case"
    if fold(alias) != fold(anchor):
        return "particles"
    if alias.isascii() != anchor.isascii():
        return "diacritics"
    return "punctuation"


def _longest(chain: Chain) -> NameMention:
    return max(chain.mentions, key=lambda m: (len(m.tokens), -m.start))


def _merge_full_names(groups: Groups, articles: dict[str, Article]) -> None:
    """Full names across articles: blocked by the skeleton of the family name."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, chain in enumerate(groups.chains):
        for long in chain.longs():
            core = core_tokens(long)
            blocks["last:" + skeleton(core[-1])].append(i)
            blocks["first:" + skeleton(core[0])].append(i)
    for members in blocks.values():
        seen: list[int] = []
        for i in dict.fromkeys(members):
            for j in seen:
                if groups.find(i) == groups.find(j):
                    break
                rule = _all_compatible(groups.chains[i].longs(), groups.chains[j].longs())
                if rule and groups.union(j, i, merge_record(rule, articles, _longest(groups.chains[i]),
                                                      _longest(groups.chains[j]))):
                    break
            else:
                seen.append(i)


def _merge_same_keys(groups: Groups, articles: dict[str, Article]) -> None:
    """Chains with one folded name: the same referent, unless one is a place and the other a person."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, chain in enumerate(groups.chains):
        if not chain.longs():
            by_key[chain.mentions[0].key].append(i)
    for members in by_key.values():
        if len(members) < 2:
            continue
        persons = [i for i in members if groups.chains[i].person]
        first_person = persons[0] if persons else None
        first_other = next((i for i in members if not groups.chains[i].person), None)
        for i in members:
            chain = groups.chains[i]
            anchor = first_person if chain.person else first_other
            if anchor is None or anchor == i:
                continue
            groups.union(anchor, i, merge_record("same-name", articles, chain.mentions[0],
                                            groups.chains[anchor].mentions[0]))
        if first_person is not None and first_other is not None and not groups.chains[first_other].place:
            groups.union(first_person, first_other, merge_record(
                "same-name", articles, groups.chains[first_other].mentions[0],
                groups.chains[first_person].mentions[0]))


def _merge_reordered(groups: Groups, articles: dict[str, Article]) -> None:
    """A place or body named with its words in another order ("South West Norfolk", "Norfolk South West")."""
    by_words: dict[tuple[bool, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, chain in enumerate(groups.chains):
        tokens = chain.mentions[0].tokens
        if not chain.person and len(tokens) >= 2:
            by_words[(chain.place, tuple(sorted(tokens)))].append(i)
    for members in by_words.values():
        first = groups.chains[members[0]].mentions[0]
        for i in members[1:]:
            other = groups.chains[i].mentions[0]
            if other.tokens != first.tokens:
                groups.union(members[0], i, merge_record("word order", articles, other, first))


def _merge_surnames(groups: Groups, articles: dict[str, Article]) -> None:
    """A short form with no full name in its article joins the one full name it fits corpus-wide."""
    by_family: dict[str, set[int]] = defaultdict(set)
    for i, chain in enumerate(groups.chains):
        for long in chain.longs():
            by_family[skeleton(core_tokens(long)[-1])].add(i)
    for i, chain in enumerate(groups.chains):
        if chain.longs() or (not chain.person and chain.place):
            continue
        short = core_tokens(chain.mentions[0].tokens)
        if len(short) != 1:
            continue
        hosts = {groups.find(j) for j in by_family.get(skeleton(short[0]), ())
                 if _short_rule(short, groups.chains[j].longs()) == "surname" and _named_person(groups.chains[j])}
        if len(hosts) == 1 and not groups.long_names[groups.find(i)]:
            host = hosts.pop()
            groups.union(host, i, merge_record("surname", articles, chain.mentions[0], _longest(groups.chains[host])))


def _named_person(chain: Chain) -> bool:
    """A chain the parser calls a person by a full name: a role cue alone ("White House doctor") is not enough."""
    return any(m.label == "PERSON" and len(core_tokens(m.tokens)) >= 2 for m in chain.mentions)


def _merge_transliterated_places(groups: Groups, articles: dict[str, Article]) -> None:
    """Places spelt in two romanisations ("Kyiv", "Kiev"): same first letter and skeleton, close strings."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, chain in enumerate(groups.chains):
        if chain.place and not chain.person:
            tokens = chain.mentions[0].tokens
            blocks[tuple(skeleton(t) for t in tokens)].append(i)
    for members in blocks.values():
        keys = {groups.chains[i].mentions[0].key for i in members}
        if len(keys) < 2:
            continue
        anchor = members[0]
        a = groups.chains[anchor].mentions[0]
        for i in members[1:]:
            b = groups.chains[i].mentions[0]
            if all(token_match(x, y) for x, y in zip(a.tokens, b.tokens, strict=True)):
                groups.union(anchor, i, merge_record("transliteration", articles, b, a))


def _merge_acronyms(groups: Groups, articles: dict[str, Article]) -> None:
    """An acronym joins its expansion: written next to it "(RDIF)", or the one expansion in the corpus."""
    expansions: dict[str, set[int]] = defaultdict(set)
    first_mention: dict[int, NameMention] = {}
    for i, chain in enumerate(groups.chains):
        if chain.person:
            continue
        for m in chain.mentions:
            words = m.text.split()
            if len(words) >= 2 and not is_acronym(m.text) and not m.heading and all(w[:1].isupper() for w in words
                                                                                      if w.islower() is False):
                expansions[initials(words)].add(i)
                first_mention.setdefault(i, m)
    # "Expansion (ACR)" inside an article
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, chain in enumerate(groups.chains):
        if is_acronym(chain.mentions[0].text):
            by_key[chain.mentions[0].key].append(i)
    for i, chain in enumerate(groups.chains):  # a person too: "Les Républicains (LR)" read as a name
        for m in chain.mentions:
            acronym = defined_acronym(articles[m.article_id].text, m)
            if acronym is not None:
                _link_acronym(groups, articles, i, m, acronym, by_key)
    _merge_bracketed(groups, articles, by_key, expansions)
    for i, chain in enumerate(groups.chains):
        m = chain.mentions[0]
        if chain.person or not is_acronym(m.text):
            continue
        # a place's abbreviation ("D.C.") does not stand for an organisation with the same initials
        fitting = [j for j in expansions.get(m.text.replace(".", ""), ()) if groups.chains[j].place == chain.place]
        hosts = {groups.find(j) for j in fitting}
        if len(hosts) == 1:
            host = hosts.pop()
            anchor = next(first_mention[j] for j in fitting if j in first_mention)
            groups.union(host, i, merge_record("acronym", articles, m, anchor))


def _merge_bracketed(groups: Groups, articles: dict[str, Article], by_key: dict[str, list[int]],
                     expansions: dict[str, set[int]]) -> None:
    """An acronym whose letters do not fit the name it follows in brackets (a party's initials in its own
    language): linked when every article that brackets it brackets it after one name, and no other name
    of the corpus has its initials ("National Rally (RN)" and "National Assembly (RN)" link neither)."""
    hosts: dict[str, set[int]] = defaultdict(set)
    anchors: dict[str, tuple[int, NameMention]] = {}
    named: dict[str, list[int]] = defaultdict(list)  # short names in brackets ("Cal Fire") by their key
    for i, chain in enumerate(groups.chains):
        if not chain.person:
            named[chain.mentions[0].key].append(i)
    for i, chain in enumerate(groups.chains):
        if chain.person or chain.place:
            continue
        for m in chain.mentions:
            text = articles[m.article_id].text
            acronym = bracketed_acronym(text, m)
            if acronym is None or defined_acronym(text, m) is not None:
                continue
            hosts[acronym].add(groups.find(i))
            anchors.setdefault(acronym, (i, m))
    for acronym, roots in hosts.items():
        current = {groups.find(r) for r in roots}
        if len(current) != 1 or any(groups.find(j) not in current
                                    for j in expansions.get(acronym.replace(".", "").upper(), ())):
            continue
        host, expansion = anchors[acronym]
        for j in by_key.get(fold(acronym), ()) if is_acronym(acronym) else named.get(fold(acronym), ()):
            if not groups.chains[j].place:
                record = merge_record("acronym (bracketed)", articles, groups.chains[j].mentions[0], expansion)
                groups.union(host, j, record)


def _link_acronym(groups: Groups, articles: dict[str, Article], host: int, expansion: NameMention,
                  acronym: str, by_key: dict[str, list[int]]) -> None:
    for j in by_key.get(fold(acronym), ()):
        groups.union(host, j, merge_record("acronym", articles, groups.chains[j].mentions[0], expansion))


def _merge_dropped_modifiers(groups: Groups, articles: dict[str, Article]) -> None:
    """An organisation named without its national adjective ("Direct Investment Fund") joins the full name
    (its words compared by their consonants: "Centre" and "Center" are one word)."""
    geo_keys = {c.mentions[0].key for c in groups.chains if any(m.label in ("GPE", "NORP") for m in c.mentions)}
    full: dict[tuple[str, ...], set[int]] = defaultdict(set)
    anchors: dict[tuple[str, ...], NameMention] = {}
    for i, chain in enumerate(groups.chains):
        if chain.person or chain.place:
            continue
        for m in chain.mentions:
            if len(m.tokens) >= 3 and m.tokens[0] in geo_keys:
                key = _spelling_key(m.tokens[1:])
                full[key].add(i)
                anchors.setdefault(key, m)
    for i, chain in enumerate(groups.chains):
        m = chain.mentions[0]
        if chain.person or chain.place or len(m.tokens) < 2:
            continue
        key = _spelling_key(m.tokens)
        hosts = {groups.find(j) for j in full.get(key, ())}
        if len(hosts) == 1:
            groups.union(hosts.pop(), i, merge_record("modifier-dropped", articles, m, anchors[key]))


def _spelling_key(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a name by their consonants, so that "Centre" and "Center" are one word."""
    return tuple(skeleton(t) or t for t in tokens)


def _merge_corporate(groups: Groups, articles: dict[str, Article]) -> None:
    """A company named with its corporate ending ("Acme Corp.", "Acme Inc") joins the one body named without it."""
    plain: dict[str, set[int]] = defaultdict(set)
    for i, chain in enumerate(groups.chains):
        if not chain.person:
            plain[chain.mentions[0].key].add(i)
    for i, chain in enumerate(groups.chains):
        m = chain.mentions[0]
        bare = m.tokens
        while len(bare) > 1 and bare[-1] in CORPORATE_ENDINGS:
            bare = bare[:-1]
        if chain.person or bare == m.tokens:
            continue
        hosts = {groups.find(j) for j in plain.get(" ".join(bare), ())}
        if len(hosts) == 1:
            host = hosts.pop()
            groups.union(host, i, merge_record("corporate ending", articles, m, _longest(groups.chains[host])))
