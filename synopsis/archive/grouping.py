"""Stories found in a pile of articles: which articles tell the same story.

Why: a stream mixes many stories, and a dossier built over two of them fakes corroboration. Each pair of
articles gets the probability that they tell one story from a small logistic model (weights in
``grouping_weights.json``, fitted by ``bench/train_grouping.py`` on the tune half of the stories benchmark)
over general features: how alike their leads and titles read, the capitalised names they share (and how rare
those are in the batch: in one election's coverage every article names the candidates), and how far apart they
were published. Stories are then the groups of an average-linkage clustering cut at a probability
chosen on tune for precision first: a wrong merge fakes corroboration, a split story is a smaller harm.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from ..backends import Embedder
from ..models import Article

#: Characters of the text, after the title, read as the article's lead.
LEAD_CHARS = 600
#: Characters of the text searched for names (names past the first screens add little and cost time).
NAME_CHARS = 3000
#: Publication gaps count up to this many days (beyond it, two articles are simply far apart in time).
MAX_GAP_DAYS = 60

#: Articles without any of the names, assumed beside every batch, so that a name all of a small batch shares still
#: counts as rare (part of the model's features: the weights are fitted with it).
RARITY_PRIOR = 50

_NAME = re.compile(r"\b[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)*")


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """One story found among the articles: a stable id, a headline and its articles in input order."""

    id: str
    title: str
    article_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "article_ids": list(self.article_ids)}


@dataclass(frozen=True, slots=True)
class PairModel:
    """Logistic weights over :func:`pair_features`, in the order of ``FEATURES``."""

    weights: tuple[float, ...]
    bias: float

    @classmethod
    def load(cls) -> PairModel:
        raw = json.loads(resources.files(__package__).joinpath("grouping_weights.json").read_text("utf-8"))
        if raw["features"] != list(FEATURES):
            raise ValueError("grouping_weights.json was trained on other features; run bench/train_grouping.py")
        return cls(tuple(raw["weights"]), raw["bias"])


#: The pair features, in the order the weights use.
FEATURES = (
    "lead_cosine", "title_cosine", "shared_names_log", "shared_names_share", "gap", "gap_unknown", "gap_log",
    "shared_rare_names",
)


def salient_names(text: str) -> frozenset[str]:
    """Capitalised word runs of the text's opening screens, folded to lower case."""
    return frozenset(m.group(0).lower() for m in _NAME.finditer(text[:NAME_CHARS]) if len(m.group(0)) > 2)


def _day(article: Article) -> int | None:
    try:
        return date.fromisoformat((article.published or "")[:10]).toordinal()
    except ValueError:
        return None


def _shared_rarity(names: Sequence[frozenset[str]]) -> Any:
    """For every pair, the summed rarity in the batch of the names both share: a name most articles carry (the
    candidates of an election) says little, one a few carry (a place, a witness) says they tell one event."""
    import numpy as np

    counts: dict[str, int] = {}
    for found in names:
        for name in found:
            counts[name] = counts.get(name, 0) + 1
    vocabulary = {name: i for i, name in enumerate(counts)}
    rarity = np.array([np.log((len(names) + RARITY_PRIOR) / (counts[name] + 1.0)) for name in vocabulary])
    member = np.zeros((len(names), len(vocabulary)), dtype=np.float32)
    for row, found in enumerate(names):
        member[row, [vocabulary[name] for name in found]] = 1.0
    return (member * rarity) @ member.T


def pair_features(articles: Sequence[Article], embedder: Embedder) -> Any:
    """An (n, n, len(FEATURES)) array of the features of every pair of articles."""
    import numpy as np

    n = len(articles)
    leads = np.asarray(embedder.embed([f"{a.title or ''}. {a.text[:LEAD_CHARS]}" for a in articles]))
    titles = np.asarray(embedder.embed([a.title or a.text[:150] for a in articles]))
    names = [salient_names(a.text) for a in articles]
    shared = np.array([[len(x & y) for y in names] for x in names], dtype=float)
    sizes = np.array([max(1, len(x)) for x in names], dtype=float)
    days = [_day(a) for a in articles]
    known = np.array([d is not None for d in days])
    ordinal = np.array([d or 0 for d in days], dtype=float)
    days_apart = np.minimum(np.abs(ordinal[:, None] - ordinal[None, :]), MAX_GAP_DAYS)
    gap = days_apart / (MAX_GAP_DAYS / 2)
    unknown = ~(known[:, None] & known[None, :])
    features = np.zeros((n, n, len(FEATURES)))
    features[..., 0] = leads @ leads.T
    features[..., 1] = titles @ titles.T
    features[..., 2] = np.log1p(shared)
    features[..., 3] = shared / np.minimum(sizes[:, None], sizes[None, :])
    features[..., 4] = np.where(unknown, 0.0, gap)
    features[..., 5] = unknown
    features[..., 6] = np.where(unknown, 0.0, np.log1p(days_apart) / np.log1p(MAX_GAP_DAYS))
    features[..., 7] = np.log1p(_shared_rarity(names))
    return features


def same_story_probability(features: Any, model: PairModel, max_days: float | None = None) -> Any:
    """The model's probability, for every pair, that the two articles tell one story; 0 for two articles both
    dated more than ``max_days`` apart (coverage of one event does not last longer)."""
    import numpy as np

    score = features @ np.asarray(model.weights) + model.bias
    probability = 1.0 / (1.0 + np.exp(-score))
    if max_days is not None:
        gap_days = features[..., FEATURES.index("gap")] * (MAX_GAP_DAYS / 2)
        probability[(features[..., FEATURES.index("gap_unknown")] == 0) & (gap_days > max_days)] = 0.0
    np.fill_diagonal(probability, 1.0)
    return probability


def average_linkage(probability: Any, threshold: float) -> list[list[int]]:
    """Groups of indices whose members are, on average, at least ``threshold`` likely to be one story."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = len(probability)
    if n < 2:
        return [[i] for i in range(n)]
    distance = np.clip(1.0 - probability, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])


def story_id(members: Sequence[Article]) -> str:
    """A stable id: the hash of the story's earliest article (by date, then content), unchanged as others join."""
    first = min(members, key=lambda a: (a.published or "9999", a.content_hash or a.text))
    seed = first.content_hash or hashlib.sha256(first.text.encode("utf-8")).hexdigest()
    return "s" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:10]


def central_title(members: Sequence[Article], title_vectors: Any) -> str:
    """The title closest to the group's mean title: the headline most outlets' headlines agree with."""
    import numpy as np

    titled = [i for i, a in enumerate(members) if a.title]
    if not titled:
        return members[0].text[:80].split("\n")[0]
    vectors = title_vectors[titled]
    centre = vectors.mean(axis=0)
    best = titled[int(np.argmax(vectors @ centre))]
    return members[best].title or ""


def group_stories(
    articles: Sequence[Article], embedder: Embedder, threshold: float, max_days: float | None = None
) -> list[StoryGroup]:
    """The stories among ``articles``; copies join the story of the article they copy."""
    import numpy as np

    originals = [a for a in articles if a.copy_of is None]
    if not originals:
        return []
    features = pair_features(originals, embedder)
    groups = average_linkage(same_story_probability(features, _model(), max_days), threshold)
    copies: dict[str, list[str]] = {}
    for article in articles:
        if article.copy_of is not None:
            copies.setdefault(article.copy_of, []).append(article.id)
    order = {a.id: i for i, a in enumerate(articles)}
    found = []
    for group in groups:
        members = [originals[i] for i in group]
        titles = np.asarray(embedder.embed([a.title or a.text[:150] for a in members]))
        ids = [a.id for a in members] + [c for a in members for c in copies.get(a.id, [])]
        ordered = tuple(sorted(ids, key=order.__getitem__))
        found.append(StoryGroup(story_id(members), central_title(members, titles), ordered))
    return sorted(found, key=lambda s: order[s.article_ids[0]])


@cache
def _model() -> PairModel:
    return PairModel.load()


def bcubed(found: Sequence[Sequence[str]], gold: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of ``found`` groups of item ids against each item's gold label."""
    label = {item: k for k, group in enumerate(found) for item in group}
    items = list(label)
    if not items:
        return 0.0, 0.0
    members: dict[str, int] = {}
    for item in items:
        members[gold[item]] = members.get(gold[item], 0) + 1
    precision = recall = 0.0
    for item in items:
        group = found[label[item]]
        right = sum(gold[other] == gold[item] for other in group)
        precision += right / len(group)
        recall += right / members[gold[item]]
    return precision / len(items), recall / len(items)
