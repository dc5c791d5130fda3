"""Whether two written names are one person's: the entities stage's rules over folded name tokens.

Folding, particles and consonant skeletons are general and live in ``synopsis.lang.names``; the
rules here decide when two folded names match: the same consonant skeleton guarded by a string
similarity, so that two short names with one skeleton stay apart.
"""

from __future__ import annotations

import functools
from typing import Any

from rapidfuzz.distance import Indel, JaroWinkler

from ..lang.names import core_tokens, skeleton


def token_match(a: str, b: str) -> str | None:
    """How two folded name tokens agree: "exact", "transliteration", or None when they do not.

    A transliteration match needs the same first letter, the same consonant
    skeleton (with at least two consonants, so that "Ali" and "Eli" never
    match), and a high string similarity, so that "Mark" and "Marco" stay apart.
    """
    if a == b:
        return "exact"
    if not a or not b or (a[0] != b[0] and {a[0], b[0]} - {"c", "k"}):
        return None
    # "Marco"/"Mark" share a skeleton and a sound, but a name that adds a final vowel is another name
    if (a[-1] in "aeiouy") != (b[-1] in "aeiouy") or abs(len(a) - len(b)) > 2:
        return None
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb and len(sa) >= 2:
        threshold = 0.6 if min(len(a), len(b)) >= 4 else 0.75
        return "transliteration" if Indel.normalized_similarity(a, b) >= threshold else None
    # "Yuri"/"Yury", "Mikhail"/"Mihail": one sound (Metaphone) and close letters
    if min(len(a), len(b)) >= 4 and sound(a) == sound(b) and JaroWinkler.normalized_similarity(a, b) >= 0.85:
        return "transliteration"
    return None


@functools.lru_cache(maxsize=65536)
def sound(token: str) -> str:
    """The Metaphone key of one folded token (the token itself when it is not all letters)."""
    import jellyfish

    return str(jellyfish.metaphone(token)) if token.isalpha() else token


@functools.lru_cache(maxsize=1)
def _namer() -> Any:
    from nicknames import NickNamer

    return NickNamer()


@functools.lru_cache(maxsize=65536)
def nickname(a: str, b: str) -> bool:
    """One folded given name is a common nickname of the other ("mike" / "michael", "joe" / "joseph")."""
    if a == b or not a.isalpha() or not b.isalpha():
        return False
    namer = _namer()
    return bool(b in namer.nicknames_of(a) or a in namer.nicknames_of(b)
                or namer.canonicals_of(a) & (namer.canonicals_of(b) | {b}))


def given_names_match(a: str, b: str) -> str | None:
    """How two folded given names are one person's: "exact", "transliteration", "nickname", or None.

    The one judgement of the entities stage (which merges on it) and of the claims stage (which then
    reports a spelling, never two first names, for the pair).
    """
    return token_match(a, b) or ("nickname" if nickname(a, b) else None)


def names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """Whether two full personal names (folded tokens, >= 2 core tokens each) name one person.

    Returns the rule that links them, or None. The first and last core tokens must
    match (exactly or as transliterations); one name may add middle names or a
    patronymic ("Mosaad bin Mohamed Al Aiban" / "Musaed al-Aiban"), or a family
    name after a particle ("Faisal bin Farhan" / "Faisal bin Farhan Al Saud").
    """
    ca, cb = core_tokens(a), core_tokens(b)
    if len(ca) < 2 or len(cb) < 2:
        return None
    if ca == cb:
        return "particles" if a != b else "exact"
    first = given_names_match(ca[0], cb[0])
    if first is None:
        return None
    last = token_match(ca[-1], cb[-1])
    if last is None and first == "exact" and len(ca) == len(cb) >= 3 and all(len(t) <= 4 for t in ca[1:] + cb[1:]):
        # a given name of syllables romanised two ways ("Park An-su" / "Park An-soo"): compared whole
        return "transliteration" if token_match("".join(ca[1:]), "".join(cb[1:])) else None
    if first == "nickname":
        return "nickname" if last == "exact" and len(ca) == len(cb) else None
    transliterated = first == "transliteration"
    if last is not None:
        transliterated = transliterated or last == "transliteration"
        if not _middles_fit(ca[1:-1], cb[1:-1]):
            return None
        if len(ca) == len(cb):
            return "transliteration" if transliterated else "particles"
        return "middle-name"
    # one is the other plus a trailing family name introduced by "al"
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(short) >= 3 and long[: len(short)] == short and long[len(short)] == "al":
        return "family-name"
    return None


def _middles_fit(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle tokens agree when the shorter list is an in-order sub-list of the longer."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    position = 0
    for token in short:
        while position < len(long) and token_match(token, long[position]) is None:
            position += 1
        if position == len(long):
            return False
        position += 1
    return True
