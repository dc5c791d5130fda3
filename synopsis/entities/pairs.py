"""Whether two groups of names the rules left apart name one referent: a learned pair model.

The rules of ``cluster`` join what is certain (one folded name, a surname in reach, a bracketed
acronym). What is left are spellings a rule cannot judge alone: a nickname ("Joe" / "Joseph
Kenny"), a romanisation ("Mikhail" / "Mihail"), an acronym whose letters fit ("ISPR"), a short
form of a party ("Social Democrats"), a name written joined or split ("CalFire" / "Cal Fire").
A logistic model over general string, sound (Metaphone) and context features scores each
candidate pair; its weights are fitted on the gold alias and distinct pairs of the tune half of
the stories benchmark (``bench/train_aliases.py``) and its threshold chosen there for zero false
merges. A guard (``admissible``) refuses what no score may join: two bodies one of whose words has
no match in the other ("National Assembly" / "National Rally"), a body and its event ("NATO
summit"), or two names alike as strings with no rule between them ("UnitedHealth" /
"UnitedHealthcare"). Every merge keeps the feature that carried it as its rule.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from ..lang.names import (
    GENERATION_MARKS,
    acronym_inner_letters,
    acronym_letters_fit,
    core_tokens,
    initials,
    is_acronym,
)
from .demonyms import DEMONYMS, country_for
from .lexicon import INSTITUTION_NOUNS
from .names import names_compatible, nickname, sound

WEIGHTS_FILE = Path(__file__).with_name("alias_weights.json")

#: Features of a candidate pair, in the order of the weights; "person_" ones are 0 unless both are people.
FEATURES = (
    "person_last_match", "person_first_match", "person_first_similarity", "person_last_similarity",
    "person_contained", "nickname", "acronym_initials", "acronym_letters", "joined_equal", "stem_contained",
    "extra_institution", "string_similarity", "token_gap", "place", "share_article", "national",
    "person_last_typo", "extra_party", "clipped", "single_article", "unmatched", "extra_event", "plural",
    "type_mismatch", "misspelt",
)
#: Features of which one must hold for a pair to merge: a rule the merge can name, beyond alike strings.
_EVIDENCE = (
    "person_last_match", "nickname", "acronym_initials", "acronym_letters", "joined_equal", "stem_contained",
    "clipped", "plural", "extra_institution", "extra_party", "person_contained", "person_last_typo", "misspelt",
)
#: Nouns that make a name an event of the body it names ("NATO summit", "Labour conference").
_EVENT_NOUNS = frozenset({
    "summit", "meeting", "meetings", "talks", "conference", "congress", "election", "elections", "vote", "war",
    "attack", "attacks", "strike", "strikes", "crash", "visit", "deal", "agreement", "treaty", "ceasefire",
    "operation", "protest", "protests", "session", "debate", "final",
})
#: The noun a party's short form drops ("Green Party" / "Greens", "New Democratic Party" / "New Democrats").
_PARTY_NOUNS = frozenset({"party", "parties"})
#: Countries, and the regions and regional adjectives that head names the same way ("European Commission").
_COUNTRIES = frozenset(country.casefold() for country in DEMONYMS.values()) | frozenset({
    "europe", "european", "africa", "african", "asia", "asian", "arab", "america", "latin", "western", "eastern",
    "nordic", "baltic",
})
#: Letters a romanisation may write for one opening vowel of a given name.
_VOWELS = frozenset("aeiouy")
#: Given names this short or shorter keep their opening vowel as evidence ("Ivan" / "Evan").
_SHORTEST_VOWEL_GIVEN = 5
#: Letters a grammatical form adds past the stem it shares with another ("democrat-ic", "ukrain-ian"); a longer
#: tail is another word ("UnitedHealth" / "UnitedHealthcare").
_LONGEST_ENDING = 3
#: Letters an acronym of a name of several words takes from inside its words ("PTV": "Pakistan TeleVision"); one
#: that needs more names words the name lacks ("UCLA" is not "University of California").
_MOST_INNER_LETTERS = 1
#: Corporate endings a company's short name drops ("Nvidia Corp.").
CORPORATE_ENDINGS = frozenset({
    "corp", "corporation", "inc", "incorporated", "ltd", "limited", "plc", "co", "company", "group", "llc", "sa",
    "ag", "holdings", "holding", "gmbh",
})


@dataclass(frozen=True)
class Side:
    """What the pair model sees of one group of names."""

    names: tuple[tuple[str, ...], ...]  # folded tokens of each distinct written form
    texts: tuple[str, ...]  # the written forms, as in the text
    person: bool
    place: bool
    articles: frozenset[str]


@functools.lru_cache(maxsize=65536)
def is_national(token: str) -> bool:
    """A nationality or its country ("pakistani", "pakistan"): "Pakistani" and "Pakistan Army" are two."""
    return country_for(token) is not None or token in _COUNTRIES or token.rstrip("s") in _COUNTRIES


def _similar(a: str, b: str) -> float:
    return float(JaroWinkler.normalized_similarity(a, b))


def _stem_match(a: str, b: str) -> bool:
    """"democrats" / "democratic", "greens" / "green": one word in two grammatical forms."""
    shortest = min(len(a), len(b))
    if shortest < 4:
        return a == b
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(4, shortest - 2) and max(len(a), len(b)) - common <= _LONGEST_ENDING


def _clipped(short: str, long: str) -> bool:
    """One word cut short of the other ("lib" / "liberal", "dems" / "democrats"), or the same word."""
    stem = short[:-1] if short.endswith("s") and len(short) > 3 else short
    return short == long or (len(stem) >= 3 and len(long) > len(stem) and long.startswith(stem))


def _misspelt(a: str, b: str) -> bool:
    """One word of a name spelt two ways by one letter inside it ("Councillors" / "Councilors", "Defence" /
    "Defense"), not at its ends, where a letter makes another word ("Catalonia" / "Catalonian")."""
    return (min(len(a), len(b)) >= 5 and a[0] == b[0] and a[-1] == b[-1] and not (is_national(a) or is_national(b))
            and DamerauLevenshtein.distance(a, b) == 1)


def _plural(one: str, many: str) -> bool:
    """"russian" / "russians", "green" / "greens": one word and its plural."""
    return many in (one + "s", one + "es") or (one.endswith("y") and many == one[:-1] + "ies")


def _word_match(a: str, b: str) -> bool:
    """One word of a name in another form: the same, another grammatical form, cut short, or mistyped."""
    return (_stem_match(a, b) or _clipped(a, b) or _clipped(b, a) or _plural(a, b) or _plural(b, a)
            or (min(len(a), len(b)) >= 5 and DamerauLevenshtein.distance(a, b) == 1))


def _in_order(short: tuple[str, ...], long: tuple[str, ...], match: Any) -> bool:
    position = 0
    for token in short:
        while position < len(long) and not match(token, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def _split_words(text: str) -> list[str]:
    return [w for w in text.replace("-", " ").replace("–", " ").split() if any(ch.isalpha() for ch in w)]


def _acronym_features(a: Side, b: Side) -> tuple[float, float]:
    """(initials fit, letters fit) between an acronym of one side and a written form of the other."""
    best_initials = best_letters = 0.0
    for short, other in ((a, b), (b, a)):
        for acronym in (t.replace(".", "") for t in short.texts if is_acronym(t) or mixed_acronym(t)):
            if any(initials(_split_words(t)) == acronym.upper() for t in short.texts):
                continue  # its expansion is known already ("IAF", "Indian Air Force"): no other one
            for text in other.texts:
                words = _split_words(text)
                if len(words) == 1 and 3 <= len(acronym) < len(words[0]) and acronym_letters_fit(acronym, words):
                    best_letters = 1.0  # a ticker or a short form of one word ("NVDA": "Nvidia")
                if len(words) < 2:
                    continue
                capitalised = [w for w in words if w[:1].isupper()]
                folded = acronym.upper()
                if initials(words) == folded or "".join(w[0] for w in words).upper() == folded:
                    best_initials = 1.0
                elif any(initials(capitalised[k:]) == folded for k in range(1, len(capitalised) - 1)):
                    best_initials = max(best_initials, 0.5)  # a leading modifier dropped ("DPS")
                inner = [n for n in (acronym_inner_letters(acronym, capitalised), acronym_inner_letters(acronym, words))
                         if n is not None]
                if inner and min(inner) <= _MOST_INNER_LETTERS:
                    best_letters = 1.0
    return best_initials, best_letters


def mixed_acronym(text: str) -> bool:
    """"AfD", "PoK", "LeT": a short word of capitals with a small letter inside."""
    return 2 < len(text) <= 6 and text.isalpha() and text[0].isupper() and sum(ch.isupper() for ch in text) >= 2


def _pair_features(x: tuple[str, ...], y: tuple[str, ...]) -> dict[str, float]:
    """Token features of one written form of each side."""
    cx, cy = core_tokens(x) or x, core_tokens(y) or y
    short, long = (cx, cy) if len(cx) <= len(cy) else (cy, cx)
    out: dict[str, float] = {}
    out["last_exact"] = float(cx[-1] == cy[-1])
    out["last_sound"] = float(sound(cx[-1]) == sound(cy[-1]) and cx[-1][0] == cy[-1][0])
    out["last_similarity"] = _similar(cx[-1], cy[-1])
    out["first_exact"] = float(cx[0] == cy[0])
    out["first_sound"] = float(sound(cx[0]) == sound(cy[0]) and cx[0][0] == cy[0][0])
    out["first_similarity"] = _similar(cx[0], cy[0])
    out["first_nickname"] = float(nickname(cx[0], cy[0]))
    out["first_initial"] = float(min(len(cx[0]), len(cy[0])) == 1 and cx[0][0] == cy[0][0])
    out["token_gap"] = float(len(long) - len(short))
    out["contained"] = float(len(short) < len(long) and _in_order(short, long, str.__eq__))
    out["joined_equal"] = float("".join(cx) == "".join(cy) and cx != cy)
    stem = len(short) <= len(long) and _in_order(short, long, _stem_match)
    # two names of as many words in two derived forms are two ("Islamic" / "Islamist"), unless plurals
    same_length_plural = len(short) == len(long) and all(
        t == u or _plural(t, u) or _plural(u, t) for t, u in zip(short, long, strict=True))
    out["stem_contained"] = float(stem and cx != cy and (len(short) < len(long) or same_length_plural))
    extra = [t for t in long if not any(_stem_match(t, s) for s in short)]
    out["extra_institution"] = float(bool(extra) and stem and all(t in INSTITUTION_NOUNS or t in CORPORATE_ENDINGS
                                                                  for t in extra))
    out["extra_event"] = float(any(t in _EVENT_NOUNS for t in extra))
    out["extra_party"] = float(bool(extra) and stem and all(t in _PARTY_NOUNS for t in extra))
    out["last_typo"] = float(cx[-1] != cy[-1] and min(len(cx[-1]), len(cy[-1])) >= 5
                             and DamerauLevenshtein.distance(cx[-1], cy[-1]) == 1)
    out["misspelt"] = float(len(short) == len(long) >= 2 and short != long and all(
        a == b or _misspelt(a, b) for a, b in zip(short, long, strict=True)))
    out["clipped"] = float(len(short) == len(long) >= 2 and short != long and all(
        a == b or ((_clipped(a, b) or _clipped(b, a)) and not (is_national(a) or is_national(b)))
        for a, b in zip(short, long, strict=True)))
    out["plural"] = float(same_length_plural and short != long)
    out["unmatched"] = sum(not any(_word_match(t, u) for u in long) for t in short) / len(short)
    out["string_similarity"] = _similar(" ".join(cx), " ".join(cy))
    out["national"] = float(is_national(short[0]))
    return out


def features(a: Side, b: Side) -> dict[str, float]:
    """The pair's features, over the best-matching written form of each side."""
    best: dict[str, float] = {}
    best_key = -1.0
    for x in a.names:
        for y in b.names:
            found = _pair_features(x, y)
            key = (found["last_exact"] + found["last_sound"] + found["first_exact"] + found["contained"]
                   + found["stem_contained"] + found["joined_equal"] + found["clipped"] + found["string_similarity"])
            if key > best_key:
                best, best_key = found, key
    person = float(person_pair(a, b))
    last = best["last_exact"] or (best["last_sound"] and best["last_similarity"] >= 0.8)
    first = best["first_exact"] or best["first_sound"] or best["first_nickname"] or best["first_initial"]
    initials_fit, letters_fit = _acronym_features(a, b)
    return {
        "person_last_match": person * float(bool(last)),
        "person_first_match": person * float(bool(first)),
        "person_first_similarity": person * best["first_similarity"],
        "person_last_similarity": person * best["last_similarity"],
        "person_contained": person * best["contained"],
        "nickname": person * best["first_nickname"],
        "acronym_initials": (1 - person) * initials_fit,
        "acronym_letters": (1 - person) * letters_fit,
        "joined_equal": best["joined_equal"],
        "stem_contained": (1 - person) * best["stem_contained"],
        "extra_institution": (1 - person) * best["extra_institution"],
        "string_similarity": best["string_similarity"],
        "token_gap": best["token_gap"],
        "place": float(a.place or b.place),
        "share_article": float(bool(a.articles & b.articles)),
        "national": best["national"],
        "person_last_typo": person * best["first_exact"] * best["last_typo"],
        "misspelt": (1 - person) * best["misspelt"],
        "extra_party": (1 - person) * best["extra_party"],
        "clipped": (1 - person) * best["clipped"],
        "single_article": float(min(len(a.articles), len(b.articles)) == 1),
        "unmatched": (1 - person) * float(not (initials_fit or letters_fit)) * best["unmatched"],
        "extra_event": (1 - person) * best["extra_event"],
        "plural": (1 - person) * best["plural"],
        "type_mismatch": float(a.person != b.person),
    }


def block_keys(side: Side) -> set[str]:
    """Keys under which two sides may be one referent: the sound of a first or last name, the name
    written joined, the stem of its first word, or the first letter of an acronym and of a long name."""
    keys: set[str] = set()
    for tokens in side.names:
        core = core_tokens(tokens) or tokens
        keys.add("last:" + sound(core[-1]))
        keys.add("joined:" + "".join(core))
        if side.person and len(core) >= 2:
            keys.add("first:" + sound(core[0]))
        if not side.person or len(core) == 1:  # a one-word "person" may be a body the parser mislabelled
            keys.add("stem:" + core[0][:4])
            keys.add("clip:" + core[0][:3])
    for text in side.texts:
        if is_acronym(text) or mixed_acronym(text):
            keys.add("acronym:" + text[0].casefold())
        elif not side.person and len(_split_words(text)) >= 2:
            keys.add("expansion:" + text[0].casefold())
            capitalised = [w for w in _split_words(text) if w[:1].isupper()]
            if len(capitalised) >= 3:  # "Ohio Department of Public Safety" may drop "Ohio" ("DPS")
                keys.add("expansion:" + capitalised[1][0].casefold())
    return keys


def candidates(sides: list[Side], largest_block: int) -> list[tuple[int, int]]:
    """Pairs of sides that share a block key (an acronym pairs with the long names of its first
    letter); blocks larger than ``largest_block`` are skipped as uninformative."""
    blocks: dict[str, list[int]] = {}
    for index, side in enumerate(sides):
        for key in sorted(block_keys(side)):
            blocks.setdefault(key, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if key.startswith("expansion:"):
            continue
        others = members + blocks.get("expansion:" + key[8:], []) if key.startswith("acronym:") else members
        if len(others) > largest_block:
            continue
        for i in members:
            pairs.update((min(i, j), max(i, j)) for j in others if j != i)
    # a person and a non-person, one folded name on both sides, or a generation mark ("Jr.", "III") on one
    # side only: the rules' to judge
    return sorted((i, j) for i, j in pairs
                  if _comparable_types(sides[i], sides[j]) and not set(sides[i].names) & set(sides[j].names)
                  and _generations(sides[i]) == _generations(sides[j])
                  and (not (sides[i].person and sides[j].person) or _given_fit(sides[i], sides[j])))


def _comparable_types(a: Side, b: Side) -> bool:
    """Two people, two others, a one-word "person" and another (the parser often calls a body named by one word
    a person: "Reform" of "Reform UK"), or a person and a full personal name the parser took for something
    else."""
    return (a.person == b.person or not any(len(core_tokens(t)) >= 2 for t in (a.names if a.person else b.names))
            or person_pair(a, b))


def person_pair(a: Side, b: Side) -> bool:
    """Both sides are people, or one is and every name of the other is a full personal name that fits one of
    its names ("Yury Ushakov" tagged a body, "Yuri Ushakov" a person): a mislabel does not keep them apart."""
    if a.person == b.person:
        return a.person
    people, other = (a, b) if a.person else (b, a)
    return bool(other.names) and all(
        len(core_tokens(y)) >= 2 and any(names_compatible(x, y) is not None for x in people.names)
        for y in other.names)


def _given_fit(a: Side, b: Side) -> bool:
    """Two people whose given names may be one: the same initial, the same sound past an opening vowel, or a
    nickname whatever its initial ("Bill" / "William")."""
    return bool(_given_initials(a) & _given_initials(b) or _given_sounds(a) & _given_sounds(b)) or any(
        nickname((core_tokens(x) or x)[0], (core_tokens(y) or y)[0]) for x in a.names for y in b.names)


def _given_initials(side: Side) -> set[str]:
    """First letters of a person's given names: "Maria Lopez" and "Carla Lopez" are two people, whatever
    the rest of the string shares."""
    return {(core_tokens(tokens) or tokens)[0][:1] for tokens in side.names}


def _given_sounds(side: Side) -> set[str]:
    """The sound of a person's given names that open with a vowel, past that vowel: a romanisation may write
    the opening vowel otherwise ("Alexander" / "Oleksander"), never the long rest of the name ("Ivan" / "Evan",
    too short to tell, stay apart)."""
    given = ((core_tokens(tokens) or tokens)[0] for tokens in side.names if len(tokens) >= 2)
    return {sound(name[1:]) for name in given if name[:1] in _VOWELS and len(name) > _SHORTEST_VOWEL_GIVEN}


def _generations(side: Side) -> frozenset[str]:
    return frozenset(t for tokens in side.names for t in tokens if t in GENERATION_MARKS)


def admissible(found: dict[str, float]) -> bool:
    """Whether a pair may merge at all: every word of the shorter of two names (not people, not an acronym)
    has its match in the longer, so that "National Assembly" never joins "National Rally" however alike, the
    longer does not name an event of the shorter ("NATO summit"), and some feature other than the likeness of
    the two strings holds (a name, an acronym, a form of a word): "UnitedHealth" is not "UnitedHealthcare"."""
    return found["unmatched"] == 0 and found["extra_event"] == 0 and any(found[name] for name in _EVIDENCE)


def reason(found: dict[str, float]) -> str:
    """The feature that carries a merge, as the rule its evidence shows."""
    if found["acronym_initials"] or found["acronym_letters"]:
        return "acronym"
    if found["joined_equal"]:
        return "joined spelling"
    if found["nickname"]:
        return "nickname"
    if found["clipped"]:
        return "clipped words"
    if found["person_contained"] or found["stem_contained"]:
        return "short form"
    if found["person_last_typo"]:
        return "misspelling"
    if found["person_last_match"] and found["person_first_match"]:
        return "transliteration"
    return "similar spelling"


@dataclass(frozen=True)
class PairModel:
    """Logistic weights over ``FEATURES``, read from JSON."""

    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]

    def probability(self, found: dict[str, float]) -> float:
        z = self.bias + sum(w * (found[name] - m) / s for name, w, m, s in
                            zip(FEATURES, self.weights, self.means, self.scales, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def as_json(self) -> dict[str, Any]:
        return {"features": list(FEATURES), "weights": list(self.weights), "bias": self.bias,
                "means": list(self.means), "scales": list(self.scales)}


@functools.lru_cache(maxsize=4)
def load_model(path: Path = WEIGHTS_FILE) -> PairModel | None:
    """The shipped pair model, or None when no weights file exists (the rules alone then decide)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        return None
    return PairModel(tuple(data["weights"]), float(data["bias"]), tuple(data["means"]), tuple(data["scales"]))


def vector(found: dict[str, float]) -> list[float]:
    return [found[name] for name in FEATURES]


def sides_of(names: Iterable[tuple[tuple[str, ...], str]], person: bool, place: bool,
             articles: Iterable[str]) -> Side:
    """A side from (folded tokens, written form) pairs: distinct forms, longest first."""
    unique = dict.fromkeys(names)
    tokens = tuple(dict.fromkeys(t for t, _ in sorted(unique, key=lambda p: (-len(p[0]), p[1])) if t))
    texts = tuple(dict.fromkeys(text for _, text in unique))
    return Side(tokens, texts, person, place, frozenset(articles))
