"""Names the parser missed, recovered when they fit an organisation or place already found.

The parser leaves some names out of its entity spans: an acronym it did not tag ("the XYZ, the main
opposition party"), a name it gave a label the who's who drops (a product, a law), a name it cut in two at a
hyphen or a space ("<City>" + "<Hotel Name>"), or a short form written inside a longer name ("FooCorp" of
"FooCorp Operations"). Each such span is a provisional mention. It joins the one group whose name it fits, in
order of certainty: the body a place written before it names, the same folded name in another spelling, the
same name written joined or split, or the initials of one of the group's names of two words or more; when two
groups fit at that level, or none, it is dropped (the pair model is not asked: its threshold is fitted on pairs
of groups, not on spans the parser missed). A provisional mention joins one group and never two, so recovery
adds spellings to an entity and never merges entities; a spelling the group already has adds nothing and is
left out.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from ..lang.names import acronym_letters_fit, core_tokens, initials, is_acronym
from ..models import Article, MergeEvidence
from .cluster import Chain, Groups, label_votes, merge_record
from .mentions import NameMention, clean, cut_off
from .pairs import mixed_acronym

#: Parser labels the who's who drops whose spans may still be a spelling of a body already found.
RECOVERED_LABELS = frozenset({"PRODUCT", "LAW", "WORK_OF_ART"})
#: A word that may be an acronym: capitals, with at most a few small letters inside ("AfD").
_ACRONYM_WORD = re.compile(r"(?<![\w.&'’\-])[A-Z][A-Za-z]{1,6}(?![\w&'’\-])")
#: A name written joined with capitals inside ("FooCorp", "DeepSeek").
_JOINED_WORD = re.compile(r"(?<![\w\-])[A-Z][a-z]+[A-Z][A-Za-z]*(?![\w])")
#: What may stand between two parser spans that are one name cut in two.
_CUTS = ("-", " ")
_PLACES = frozenset({"GPE", "LOC"})
#: Labels of the two halves of a name cut in two; not two places ("<Country>-<Country> talks").
_CUT_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC"})
_POSSESSIVE = re.compile(r"['’ʼ]s?$")
_HYPHENS = re.compile(r"[\s\-‐‑–]+")
#: The levels of fit, most certain first; a provisional mention joins the one group of the first level any fit.
LEVELS = ("named with its place", "spelling", "joined", "acronym")


@dataclass(frozen=True)
class Provisional:
    """A span that may name a group already found, and how it was found."""

    mention: NameMention
    source: str  # "label", "cut", "untagged", "inside"
    within: tuple[int, int] | None = None  # the span of the name it was found inside
    body: tuple[int, int] | None = None  # the span of the body a place before it names ("<Place> <Body>")


def provisional(article: Article, mentions: list[NameMention]) -> list[Provisional]:
    """Spans of ``article`` the parser did not give as names of their own; ``mentions`` are every mention
    collected from it, junk included (nothing inside junk is recovered)."""
    doc, text = article.doc, article.text
    if doc is None:
        return []
    spans = {(m.start, m.end) for m in mentions}
    junk = [(m.start, m.end) for m in mentions if m.junk is not None]
    found: dict[tuple[int, int], Provisional] = {}

    def add(start: int, end: int, source: str, within: tuple[int, int] | None = None,
            body: tuple[int, int] | None = None, label: str = "ORG") -> None:
        mention = clean(article.id, text, doc, start, end, label)
        if (mention is None or mention.junk is not None or (mention.start, mention.end) in spans
                or cut_off(text, mention) or any(s < mention.end and mention.start < e for s, e in junk)):
            return
        found.setdefault((mention.start, mention.end), Provisional(mention, source, within, body))

    ents = list(doc.ents)
    for ent in ents:
        if ent.label_ in RECOVERED_LABELS:
            add(ent.start_char, ent.end_char, "label", label=ent.label_)
    for left, right in itertools.pairwise(ents):
        if (text[left.end_char:right.start_char] in _CUTS and left.label_ in _CUT_LABELS
                and right.label_ in _CUT_LABELS and not {left.label_, right.label_} <= _PLACES):
            # a place before a body's name of two words or more ("<City> <Hotel Name>"), not its possessor
            named = [(m.start, m.end) for m in mentions if right.start_char <= m.start and m.end <= right.end_char
                     and len(m.text.split()) >= 2]
            place_first = (left.label_ in _PLACES and right.label_ in ("ORG", "FAC") and text[left.end_char] == " "
                           and not _POSSESSIVE.search(left.text))
            add(left.start_char, right.end_char, "cut", body=named[0] if place_first and named else None)
    for match in _ACRONYM_WORD.finditer(text):
        if is_acronym(match.group()) or mixed_acronym(match.group()):
            outer = [m for m in mentions if m.start <= match.start() and match.end() <= m.end]
            if not any(m.text.isupper() for m in outer):  # a word of a name in capitals is no acronym
                add(match.start(), match.end(), "inside" if outer else "untagged",
                    (outer[0].start, outer[0].end) if outer else None)
    for m in mentions:
        if m.junk is None and m.label != "PERSON" and len(m.text.split()) >= 2:
            for match in _JOINED_WORD.finditer(m.text):
                add(m.start + match.start(), m.start + match.end(), "inside", (m.start, m.end))
    return list(found.values())


class _Index:
    """What each group (by its root) is called, for fitting provisional mentions to it."""

    def __init__(self, groups: Groups) -> None:
        self.members = {groups.find(members[0]): members for members in groups.members()}
        self.label: dict[int, str] = {}  # the label most of the group's mentions carry
        self.person: dict[int, bool] = {}
        self.forms: dict[int, set[str]] = {}
        self.spans: dict[tuple[str, int, int], int] = {}
        self.by_level: dict[str, dict[str, set[int]]] = {level: defaultdict(set) for level in LEVELS[1:3]}
        self.expansions: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for root, members in self.members.items():
            mentions = [m for i in members for m in groups.chains[i].mentions]
            votes = label_votes(mentions)
            self.label[root] = max(votes, key=lambda k: (votes[k], k))
            self.person[root] = self.label[root] == "PERSON"
            self.forms[root] = {_form(m.text) for m in mentions}
            for m in mentions:
                self.spans[(m.article_id, m.start, m.end)] = root
                self.by_level["spelling"][m.key].add(root)
                self.by_level["joined"]["".join(m.tokens)].add(root)
                words = _HYPHENS.split(m.text)
                if len(words) >= 2 and not is_acronym(m.text) and not self.person[root]:
                    self.expansions[tuple(words)].add(root)

    def hosts(self, item: Provisional) -> tuple[str, set[int]]:
        """The first level at which some group fits the provisional mention, and the groups that fit there
        (never the group of the name it was found inside)."""
        mention = item.mention
        if item.body is not None:
            root = self.spans.get((mention.article_id, *item.body))
            if root is not None and not self.person[root]:
                return LEVELS[0], {root}
        outer = self.spans.get((mention.article_id, *item.within)) if item.within else None
        keys = {"spelling": mention.key, "joined": "".join(mention.tokens)}
        for level in LEVELS[1:3]:
            found = {root for root in self.by_level[level].get(keys[level], ())
                     if not self.person[root] and root != outer}
            if found:
                return level, found
        if not (is_acronym(mention.text) or mixed_acronym(mention.text)):
            return LEVELS[3], set()
        # the initials of a name of two words or more; letters from inside its words only for an acronym that
        # opens a name of its own ("XTV news"), as a word alone fits too many ("CPR": "Central Park")
        letters = mention.text.replace(".", "")
        return LEVELS[3], {root for words, roots in self.expansions.items() for root in roots
                           if root != outer and (initials(list(words)) == letters.upper()
                                                 or (outer is not None and acronym_letters_fit(letters, list(words))))}


def _form(text: str) -> str:
    return " ".join(text.split()).casefold()


def recover(groups: Groups, articles: dict[str, Article], found: list[Provisional]) -> None:
    """Join each provisional mention to the one group it fits (see the module docstring); others are dropped."""
    if not found:
        return
    index = _Index(groups)
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for item in sorted(found, key=lambda p: (p.mention.article_id, -(p.mention.end - p.mention.start))):
        mention = item.mention
        if any(s < mention.end and mention.start < e for s, e in taken[mention.article_id]):
            continue
        level, hosts = index.hosts(item)
        if len(hosts) != 1:
            continue
        root = hosts.pop()
        if _form(mention.text) in index.forms[root] or not core_tokens(mention.tokens):
            continue
        members = index.members[root]
        mention.label = index.label[root]
        anchor = max((m for i in members for m in groups.chains[i].mentions), key=lambda m: (len(m.tokens), -m.start))
        _join(groups, root, mention, merge_record(f"recovered ({level}, {item.source})", articles, mention, anchor))
        index.forms[root].add(_form(mention.text))
        taken[mention.article_id].append((mention.start, mention.end))


def _join(groups: Groups, root: int, mention: NameMention, record: MergeEvidence) -> None:
    """``mention`` as a chain of its own, joined to ``root``'s group."""
    position = len(groups.chains)
    groups.chains.append(Chain(mention.article_id, [mention]))
    groups.merges[position] = []
    groups.long_names[position] = set()
    groups.union(root, position, record)
