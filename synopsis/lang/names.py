"""Name keys that survive outlets' spelling habits.

Outlets write one name in several ways: with or without diacritics (Erdoğan, Erdogan), in
different romanisations (Sergei, Sergey; Zelensky, Zelenskyy), with Arabic particles spelt
differently (al-Aiban, Al Aiban; bin, ibn) or with a case slip (sergey Lavrov). Everything here
is general: folding through Unicode decomposition, particles mapped to one spelling, and a
consonant skeleton for romanisation variants. Whether two names are one person is decided by the
entities stage on top of these keys.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Name particles, each mapped to one spelling ("ibn" and "ben" are "bin"; "el" is "al").
PARTICLES = {
    "bin": "bin", "ibn": "bin", "ben": "bin", "bint": "bint", "binti": "bint",
    "al": "al", "el": "al", "ul": "al", "abu": "abu", "abd": "abd", "abdul": "abd",
    "van": "van", "von": "von", "de": "de", "da": "da", "di": "di", "du": "du", "del": "del",
    "della": "della", "der": "der", "den": "den", "la": "la", "le": "le", "dos": "dos", "das": "das",
    "ter": "ter", "bou": "bou", "ould": "ould",
}
#: Marks of one member of a line of bearers ("Donald Trump Jr.", "Napoleon III"): the bare name may be another.
GENERATION_MARKS = frozenset({
    "jr", "sr", "junior", "senior", "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv",
    "xvi",
})
#: Words an acronym skips when it is made from a name ("Organization of the Petroleum ..." -> "OP...").
INITIALS_SKIP = frozenset({"of", "and", "the", "for", "de", "la", "du", "des", "&"})

_NON_WORD = re.compile(r"[^\w]+")
_ARABIC_PREFIX = re.compile(r"^(al|el|ul)[-‐‑'’](?=\w)", re.IGNORECASE)
_GLUED_TITLE = re.compile(r"\b([A-Z][a-z]{1,4})\.(?=[A-Z][a-z])")
#: Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss"})
#: Digraphs that romanisations render differently, folded before the skeleton is taken.
_DIGRAPHS = (
    ("ph", "f"), ("ck", "k"), ("kh", "k"), ("x", "ks"), ("zh", "j"), ("dzh", "j"), ("tch", "ch"), ("sch", "sh"),
)
_SOFT = str.maketrans({"c": "k", "q": "k", "w": "v", "z": "s", "j": "y"})


@functools.lru_cache(maxsize=65536)
def fold_spelling(text: str) -> str:
    """Case and accents folded, spaces collapsed, punctuation kept: "Erdoğan" and "erdogan" are one
    spelling, "al-Aiban" and "Al Aiban" are two."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_UNDECOMPOSED)
    return " ".join(stripped.split())


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII-ish form: diacritics dropped, punctuation removed, spaces collapsed."""
    return " ".join(_NON_WORD.sub(" ", fold_spelling(text)).split())


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


def initials(tokens: list[str]) -> str:
    """Initials of the capitalised words of an expansion ("European Union" -> "EU")."""
    return "".join(t[0].upper() for t in tokens if t and t.casefold() not in INITIALS_SKIP and t[0].isalpha())


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


def generation_mark(tokens: tuple[str, ...]) -> str | None:
    """The generation or regnal mark a folded name ends with ("iii" of "napoleon iii"), if any."""
    return tokens[-1] if len(tokens) >= 2 and tokens[-1] in GENERATION_MARKS else None


def acronym_letters_fit(acronym: str, words: list[str]) -> bool:
    """The acronym's letters are the words' initials in order, each word free to give more letters from
    inside it and a function word free to give none ("PTV": "Pakistan TeleVision", "LeT": "Lashkar-e-Taiba",
    "REE": "Red Eléctrica de España")."""
    return acronym_inner_letters(acronym, words) is not None


def acronym_inner_letters(acronym: str, words: list[str]) -> int | None:
    """How few of the acronym's letters must come from inside the words rather than their initials for
    ``acronym_letters_fit`` to hold (None when it does not): "PTV" takes one from "Pakistan Television",
    "UCLA" two from "University of California", an acronym of the initials none."""
    letters = fold(acronym).replace(" ", "")
    folded = [fold(w).replace(" ", "") for w in words]
    return _inner(letters, tuple(w for w in folded if w)) if letters else None


@functools.lru_cache(maxsize=8192)
def _inner(letters: str, words: tuple[str, ...]) -> int | None:
    if not words:
        return None if letters else 0
    word, rest_words = words[0], words[1:]
    options: list[int] = []
    if word in INITIALS_SKIP:
        skipped = _inner(letters, rest_words)
        if skipped is not None:
            options.append(skipped)
    if letters and letters[0] == word[0]:
        rest = letters[1:]
        for taken in range(len(rest) + 1):
            if taken and not _subsequence(rest[:taken], word[1:]):
                break
            after = _inner(rest[taken:], rest_words)
            if after is not None:
                options.append(taken + after)
    return min(options) if options else None


def _subsequence(needle: str, hay: str) -> bool:
    found = iter(hay)
    return all(ch in found for ch in needle)
