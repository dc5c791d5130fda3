"""Name keys and comparisons that survive outlets' spelling habits.

Outlets write one name in several ways: with or without diacritics (Erdoğan,
Erdogan), in different romanisations (Sergei, Sergey; Zelensky, Zelenskyy),
with Arabic particles spelt differently (al-Aiban, Al Aiban; bin, ibn) or with
a case slip (sergey Lavrov). Everything here is general: folding through
Unicode decomposition, a consonant skeleton for romanisation variants, and a
string-similarity guard so that two short names with one skeleton stay apart.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz.distance import Indel

#: Name particles, each mapped to one spelling ("ibn" and "ben" are "bin"; "el" is "al").
PARTICLES = {
    "bin": "bin", "ibn": "bin", "ben": "bin", "bint": "bint", "binti": "bint",
    "al": "al", "el": "al", "ul": "al", "abu": "abu", "abd": "abd", "abdul": "abd",
    "van": "van", "von": "von", "de": "de", "da": "da", "di": "di", "du": "du", "del": "del",
    "della": "della", "der": "der", "den": "den", "la": "la", "le": "le", "dos": "dos", "das": "das",
    "ter": "ter", "bou": "bou", "ould": "ould",
}

_NON_WORD = re.compile(r"[^\w]+")
_ARABIC_PREFIX = re.compile(r"^(al|el|ul)[-‐‑'’](?=\w)", re.IGNORECASE)
_GLUED_TITLE = re.compile(r"\b([A-Z][a-z]{1,4})\.(?=[A-Z][a-z])")
#: Digraphs that romanisations render differently, folded before the skeleton is taken.
_DIGRAPHS = (
    ("ph", "f"), ("ck", "k"), ("kh", "k"), ("x", "ks"), ("zh", "j"), ("dzh", "j"), ("tch", "ch"), ("sch", "sh"),
)
_SOFT = str.maketrans({"c": "k", "q": "k", "w": "v", "z": "s", "j": "y"})


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII-ish form: diacritics dropped, punctuation removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    return " ".join(_NON_WORD.sub(" ", stripped.casefold()).split())


@functools.lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """Consonant skeleton of one folded token: the part romanisations tend to agree on."""
    word = fold(token).replace(" ", "")
    for a, b in _DIGRAPHS:
        word = word.replace(a, b)
    word = word.translate(_SOFT)
    consonants = [ch for ch in word if ch not in "aeiouy" and not ch.isdigit()]
    collapsed: list[str] = []
    for ch in consonants:
        if not collapsed or collapsed[-1] != ch:
            collapsed.append(ch)
    return "".join(collapsed)


def unglue(text: str) -> str:
    """Put back the space a scraper lost after an abbreviated title ("Dr.Vance" -> "Dr. Vance")."""
    return _GLUED_TITLE.sub(r"\1. ", text)


def name_tokens(text: str) -> tuple[str, ...]:
    """Folded tokens of a name, with particles normalised and "al-X" split into "al", "x"."""
    out: list[str] = []
    for raw in unglue(text).split():
        raw = raw.strip(".,;:()[]\"'“”‘’")
        if not raw:
            continue
        match = _ARABIC_PREFIX.match(raw)
        if match:
            out.append("al")
            raw = raw[match.end():]
        for piece in fold(raw).split():
            out.append(PARTICLES.get(piece, piece))
    return tuple(out)


_PARTICLE_FORMS = frozenset(PARTICLES.values())


def is_particle(token: str) -> bool:
    return token in _PARTICLE_FORMS


@functools.lru_cache(maxsize=65536)
def core_tokens(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens that identify a person: particles dropped."""
    return tuple(t for t in tokens if not is_particle(t))


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
    sa, sb = skeleton(a), skeleton(b)
    if sa != sb or len(sa) < 2:
        return None
    if abs(len(a) - len(b)) > 2:
        return None
    similarity = Indel.normalized_similarity(a, b)
    threshold = 0.6 if min(len(a), len(b)) >= 4 else 0.75
    if similarity < threshold:
        return None
    # "Marco"/"Mark" share a skeleton, but a name that adds a final vowel is another name
    if (a[-1] in "aeiouy") != (b[-1] in "aeiouy"):
        return None
    return "transliteration"


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
    first = token_match(ca[0], cb[0])
    if first is None:
        return None
    last = token_match(ca[-1], cb[-1])
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


def initials(tokens: list[str]) -> str:
    """Initials of the capitalised words of an expansion ("European Union" -> "EU")."""
    skip = {"of", "and", "the", "for", "de", "la", "du", "des", "&"}
    return "".join(t[0].upper() for t in tokens if t and t.casefold() not in skip and t[0].isalpha())


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()
