"""Grouping the same statement quoted by several articles into one cluster.

Why a model: outlets quote one statement in different words (translations, trims, a partial quote of a full
sentence), so no single threshold on letters or on embeddings separates "the same statement" from "the same
speaker on the same day". A small logistic model reads, for each pair of quotes from two articles, whether the
speakers agree, how alike the words are (content-word overlap, rapidfuzz partial ratio of all their words and
of their words within quotation marks, and, when embeddings are on, the MiniLM cosine of the whole quotes and
of their best-matching sentences), how their lengths compare, whether they give the same figures, how far
apart they were published, how many letter 4-grams their quoted words share (spelling variants and
inflections: "equalised", "equalized") and how much of their content words' rarity among the story's quotes
they share (a rare word shared says more than a common one), and whether the speakers, when one is unknown or
unresolved, may be one (a body and the spokesperson the text ties to it). Speakers told apart are never
scored: letting a body and its spokesperson through gained nothing held out on tune and merged two statements
on check. Its weights are fitted on the ``quotes`` gold of the tune half of the stories benchmark by
``bench/train_quote_pairs.py`` and ship as ``cluster_weights.json`` beside this module, one set with the
embedding features and one without (the default: on the tune stories the cosines added nothing held out, and
embedding every quote made clustering 10-20 times slower). Pairs the model judges one statement at
``pair_threshold`` (``pair_threshold_embedded``) or above join (union-find); the thresholds are chosen for
precision, since merging two statements is worse than missing one.

Speakers told apart join only when one quote's words, a long run of them, lie verbatim inside the other's: two
outlets crediting one text to two people misattribute it, they do not report two statements. Within one article
only repetitions join (one quote's words inside the other's), never nested
attributions. Every quote gets a cluster; a quote no other matches is a cluster of one.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..entities.pairs import CORPORATE_ENDINGS
from ..lang.function_words import STOP_WORDS
from ..lang.names import fold
from ..lang.numbers import CARDINALS, TENS
from ..util import DisjointSet

WEIGHTS = Path(__file__).with_name("cluster_weights.json")
WORD = re.compile(r"\w+")
#: Double quotation marks: a partial quote's own words lie between them ('called it a "strong wobble"').
_MARKS = re.compile(r"[\"\u201c\u201d]")
DIGITS = re.compile(r"\d(?:[\d,.]*\d)?")
#: Sentence ends inside a quote: a long quote is compared sentence by sentence too.
_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019]?\s+")
#: The features of a pair, in the order the weights file lists them.
FEATURES = (
    "same_speaker", "speaker_unknown", "speaker_similarity",
    "cosine", "piece_cosine", "overlap", "dice", "partial", "quoted_partial", "contained",
    "length_ratio", "short", "day_gap", "day_gap_missing", "figures_shared", "figures_differ",
    "letters_overlap", "speaker_compatible", "rare_dice", "rare_overlap",
)
#: Features read from embeddings: left out (with their weights) when quotes are compared without them.
EMBEDDING_FEATURES = frozenset({"cosine", "piece_cosine"})


@dataclass(frozen=True, slots=True)
class ClusterItem:
    """What clustering needs to know of one quote."""

    article_id: str
    start: int
    end: int
    text: str
    speaker_id: str | None
    speaker_name: str | None
    published: str | None = None
    #: Ids of the bodies the speaker speaks for, as the text ties them (``speakers.BodyTies``).
    speaker_ties: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """The [quotes] keys that clustering reads (synopsis/defaults.toml says what each was fitted on)."""

    pair_threshold: float
    pair_threshold_embedded: float
    candidate_cosine: float
    min_fragment_words: int
    verbatim_words: int

    @classmethod
    def from_config(cls, config: Any) -> ClusterSettings:
        return cls(
            pair_threshold=float(config.get("quotes", "pair_threshold")),
            pair_threshold_embedded=float(config.get("quotes", "pair_threshold_embedded")),
            candidate_cosine=float(config.get("quotes", "candidate_cosine")),
            min_fragment_words=int(config.get("quotes", "min_fragment_words")),
            verbatim_words=int(config.get("quotes", "verbatim_words")),
        )


@dataclass(frozen=True)
class PairModel:
    """Logistic weights over ``FEATURES``: one set with embeddings, one with the lexical features only."""

    weights: Mapping[str, float]
    lexical: Mapping[str, float]

    def probability(self, features: Mapping[str, float], embedded: bool = True) -> float:
        weights = self.weights if embedded else self.lexical
        total = weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    @staticmethod
    def from_file(path: Path) -> PairModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return PairModel({str(k): float(v) for k, v in data["weights"].items()},
                         {str(k): float(v) for k, v in data["lexical_weights"].items()})


@functools.cache
def default_model() -> PairModel:
    """The committed model (``bench/train_quote_pairs.py`` writes it)."""
    return PairModel.from_file(WEIGHTS)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def content_words(words: Sequence[str]) -> frozenset[str]:
    """Words that carry content, cut to five letters so that "chose" and "chosen" meet."""
    return frozenset(w[:5] for w in words if w not in STOP_WORDS)


def quoted_words(text: str) -> list[str]:
    """The words inside double quotation marks (a span may begin inside them), or all words when none."""
    marks = list(_MARKS.finditer(text))
    if not marks:
        return _words(text)
    inside = marks[0].group() == "\u201d"  # the span opens inside a quotation
    pieces, at = [], 0
    for mark in marks:
        if inside:
            pieces.append(text[at:mark.start()])
        inside = mark.group() == "\u201c" or (mark.group() == '"' and not inside)
        at = mark.end()
    if inside:
        pieces.append(text[at:])
    return _words(" ".join(pieces)) or _words(text)


def figures(text: str, words: Sequence[str]) -> frozenset[float]:
    """The numbers a quote gives, in digits or in words ("11", "eleven"): two wordings of one statement
    keep its figures; "13 deaths" and "24 deaths" are two statements."""
    found = {float(m.group().replace(",", "")) for m in DIGITS.finditer(text) if m.group().count(".") <= 1}
    found.update(float(CARDINALS.get(w, TENS.get(w, 0))) for w in words if w in CARDINALS or w in TENS)
    return frozenset(found)


def letter_grams(text: str, size: int = 4) -> frozenset[str]:
    """The letter sequences of ``size`` within each word (padded): "equalised" and "equalized", "Zelensky" and
    "Zelenskyy" share most of theirs, so spelling variants and inflections still meet."""
    return frozenset(padded[k:k + size] for word in text.split() for padded in (f" {word} ",)
                     for k in range(max(1, len(padded) - size + 1)))


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n = len(shorter)
    return n > 0 and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def same_speaker(a: ClusterItem, b: ClusterItem) -> bool | None:
    """True/False when both speakers are known; None when either is unknown."""
    if a.speaker_id and b.speaker_id and a.speaker_id == b.speaker_id:
        return True
    if a.speaker_name and b.speaker_name:
        words_a, words_b = _words(a.speaker_name), _words(b.speaker_name)
        if words_a and words_b and words_a[-1] == words_b[-1]:
            return True  # one person under two entities ("Jane Doe", "Doe")
        core_a, core_b = (set(words) - STOP_WORDS - CORPORATE_ENDINGS for words in (words_a, words_b))
        if core_a and core_b and (core_a <= core_b or core_b <= core_a):
            return True  # "Yoon Suk" and "Yoon Suk-yeol"; "a diplomatic source"; "Acme Corp." and "an Acme spokesman"
    if a.speaker_id and b.speaker_id:
        return False
    return None


def rarity(contents: Sequence[frozenset[str]]) -> dict[str, float]:
    """Each content word's inverse document frequency over the quotes (smoothed, positive)."""
    counts: dict[str, int] = {}
    for words in contents:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return {word: math.log((len(contents) + 1) / (n + 0.5)) for word, n in counts.items()}


def compatible_speakers(a: ClusterItem, b: ClusterItem) -> bool:
    """Two speakers told apart who may still give one statement: a body and the person the text ties to it (its
    spokesperson, its chief), or one name holding the other's surname ('Trump on Truth Social', 'Donald Trump')."""
    if (a.speaker_id and a.speaker_id in b.speaker_ties) or (b.speaker_id and b.speaker_id in a.speaker_ties):
        return True
    words_a, words_b = _words(a.speaker_name or ""), _words(b.speaker_name or "")
    return any(words and len(words[-1]) > 3 and words[-1] not in STOP_WORDS and words[-1] in other[:-1]
               for words, other in ((words_a, words_b), (words_b, words_a)))


class PairTable:
    """Per-quote words, content words, sentences and vectors, computed once; features of any pair."""

    def __init__(self, items: Sequence[ClusterItem], embed: Callable[[list[str]], Any] | None = None) -> None:
        self.items = items
        self.words = [_words(item.text) for item in items]
        self.joined = [" ".join(w) for w in self.words]
        self.quoted = [" ".join(quoted_words(item.text)) for item in items]
        self.content = [content_words(w) for w in self.words]
        self.figures = [figures(item.text, w) for item, w in zip(items, self.words, strict=True)]
        self.days = [_day(item.published) for item in items]
        self.names = [fold(item.speaker_name) if item.speaker_name else "" for item in items]
        self.grams = [letter_grams(text) for text in self.quoted]
        self.rarity = rarity(self.content)
        self.embedded = embed is not None
        self.cosine: Any = None
        self.piece_cosine: Any = None
        if embed is not None and items:
            self._embed(embed)

    def _embed(self, embed: Callable[[list[str]], Any]) -> None:
        import numpy as np

        pieces: list[str] = []
        owner: list[int] = []
        for k, item in enumerate(self.items):
            parts = [p for p in _SENTENCE_END.split(item.text) if WORD.search(p)]
            for part in parts if len(parts) > 1 else ():
                pieces.append(part)
                owner.append(k)
        n = len(self.items)
        vectors = np.asarray(embed([item.text for item in self.items] + pieces), dtype=np.float32)
        whole, parts_v = vectors[:n], vectors[n:]
        self.cosine = whole @ whole.T
        # A quote of one sentence is its own only piece; the best sentence pair is the piece cosine.
        rows = np.concatenate([whole, parts_v]) if len(parts_v) else whole
        owners = np.array(list(range(n)) + owner, dtype=np.int64)
        sims = rows @ rows.T
        best = np.full((n, n), -1.0, dtype=np.float32)
        np.maximum.at(best, (owners[:, None], owners[None, :]), sims)
        self.piece_cosine = best

    def candidates(self, settings: ClusterSettings) -> Iterator[tuple[int, int]]:
        """Pairs of quotes from two articles that share a content word or read alike: the only ones scored.

        Two speakers both known and told apart never made one statement: precision first, whatever the words.
        """
        items = self.items
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                if items[i].article_id == items[j].article_id or same_speaker(items[i], items[j]) is False:
                    continue
                if self.content[i] & self.content[j] or (
                    self.piece_cosine is not None and float(self.piece_cosine[i, j]) >= settings.candidate_cosine
                ):
                    yield i, j

    def features(self, i: int, j: int) -> dict[str, float]:
        """The named features of the pair (i, j)."""
        from rapidfuzz import fuzz

        a, b = self.items[i], self.items[j]
        speaker = same_speaker(a, b)
        known_a, known_b = bool(a.speaker_id or a.speaker_name), bool(b.speaker_id or b.speaker_name)
        short, long_ = sorted((self.words[i], self.words[j]), key=len)
        shared = len(self.content[i] & self.content[j])
        smaller = min(len(self.content[i]), len(self.content[j]))
        total = len(self.content[i]) + len(self.content[j])
        day_a, day_b = self.days[i], self.days[j]
        gap = abs((day_a - day_b).days) if day_a and day_b else None
        return {
            "same_speaker": float(speaker is True),
            "speaker_unknown": float(not (known_a and known_b)),
            "speaker_similarity": fuzz.token_set_ratio(self.names[i], self.names[j]) / 100.0
            if self.names[i] and self.names[j] else 0.0,
            "cosine": float(self.cosine[i, j]) if self.cosine is not None else 0.0,
            "piece_cosine": float(self.piece_cosine[i, j]) if self.piece_cosine is not None else 0.0,
            "overlap": shared / smaller if smaller else 0.0,
            "dice": 2 * shared / total if total else 0.0,
            "partial": fuzz.partial_ratio(self.joined[i], self.joined[j]) / 100.0,
            "quoted_partial": max(fuzz.partial_ratio(self.quoted[i], self.joined[j]),
                                  fuzz.partial_ratio(self.joined[i], self.quoted[j])) / 100.0,
            "contained": float(_contains(long_, short)),
            "length_ratio": len(short) / len(long_) if long_ else 0.0,
            "short": 1.0 / math.sqrt(max(1, len(short))),
            "day_gap": min(gap, 7) / 7.0 if gap is not None else 0.0,
            "day_gap_missing": float(gap is None),
            "figures_shared": float(bool(self.figures[i] & self.figures[j])),
            "figures_differ": float(bool(self.figures[i] and self.figures[j])
                                    and not self.figures[i] & self.figures[j]),
            "letters_overlap": len(self.grams[i] & self.grams[j]) / max(1, min(len(self.grams[i]), len(self.grams[j]))),
            "speaker_compatible": float(speaker is not True and compatible_speakers(a, b)),
            **self._rare_overlap(i, j),
        }

    def _rare_overlap(self, i: int, j: int) -> dict[str, float]:
        """Dice and overlap of content words weighted by rarity among the story's quotes: sharing 'substantive'
        says more than sharing 'talks' when every quote speaks of talks."""
        weight = self.rarity
        mass_a, mass_b = (sum(weight[w] for w in self.content[k]) for k in (i, j))
        shared = sum(weight[w] for w in self.content[i] & self.content[j])
        smaller = min(mass_a, mass_b)
        return {"rare_dice": 2 * shared / (mass_a + mass_b) if mass_a + mass_b > 0 else 0.0,
                "rare_overlap": shared / smaller if smaller > 0 else 0.0}

    def verbatim(self, i: int, j: int, settings: ClusterSettings) -> bool:
        """Two articles giving one long run of words (the shorter quote, of at least ``verbatim_words`` words, inside
        the longer): one statement whoever each outlet credits it to ('said Doe' in one, 'said Roe' in another)."""
        short, long_ = sorted((self.words[i], self.words[j]), key=len)
        if len(short) < settings.verbatim_words:
            return False
        shorter, longer = sorted((self.joined[i], self.joined[j]), key=len)
        return shorter in longer and _contains(long_, short)  # the letters first: a cheap test

    def repeated(self, i: int, j: int, settings: ClusterSettings) -> bool:
        """Within one article: one quote's words inside the other's, not nested spans, speakers not apart."""
        a, b = self.items[i], self.items[j]
        if a.start < b.end and b.start < a.end:
            return False  # one attribution nested in another, not a repetition
        short, long_ = sorted((self.words[i], self.words[j]), key=len)
        if len(short) < min(settings.min_fragment_words, len(long_)):
            return False
        return same_speaker(a, b) is not False and _contains(long_, short)


def cluster_quotes(
    items: Sequence[ClusterItem],
    settings: ClusterSettings,
    embed: Callable[[list[str]], Any] | None = None,
    model: PairModel | None = None,
) -> list[int]:
    """A cluster number (0, 1, ... in order of first member) for every item."""
    model = model or default_model()
    table = PairTable(items, embed)
    groups = DisjointSet(range(len(items)))
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i].article_id == items[j].article_id:
                if table.repeated(i, j, settings):
                    groups.union(i, j)
            elif table.verbatim(i, j, settings) and same_speaker(items[i], items[j]) is False:
                groups.union(i, j)
    threshold = settings.pair_threshold_embedded if table.embedded else settings.pair_threshold
    for i, j in table.candidates(settings):
        if model.probability(table.features(i, j), table.embedded) >= threshold:
            groups.union(i, j)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(groups.find(i), len(numbers)) for i in range(len(items))]


def differ_in_meaning(a: str, b: str, negations: Callable[[str], frozenset[str]]) -> bool:
    """Two wordings of one statement say different things, not the same thing translated or trimmed.

    Their figures disagree (each gives a figure the other lacks: a trim drops figures, a translation keeps
    them), or one denies what the other asserts (judged by ``negations``, the claims stage's reader of
    negating words): the shorter wording negates and the longer does not (a trim may drop a negated clause,
    never add one), or both are about as long and only one negates.
    """
    words_a, words_b = _words(a), _words(b)
    figures_a, figures_b = figures(a, words_a), figures(b, words_b)
    if figures_a and figures_b and not (figures_a <= figures_b or figures_b <= figures_a):
        return True
    (short, short_words), (long_, long_words) = sorted(((a, words_a), (b, words_b)), key=lambda p: len(p[1]))
    denies_short, denies_long = bool(negations(short)), bool(negations(long_))
    if denies_short and not denies_long:
        return True
    alike_length = len(short_words) >= 0.8 * len(long_words)
    return alike_length and denies_long and not denies_short
