"""Exact and near-duplicate articles (syndicated wire copies): kept, but marked ``copy_of``.

Near duplicates are found by word shingles and Jaccard similarity, so a copy with
a different headline, a trimmed last paragraph or reflowed lines is still a copy.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from ..models import Article
from .lexicon import words

SHINGLE = 5


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    """Hashed runs of ``size`` words: what two copies of one text share however their lines are broken."""
    tokens = words(text)
    if len(tokens) < size:
        return frozenset({hash(tuple(tokens))}) if tokens else frozenset()
    return frozenset(hash(tuple(tokens[i : i + size])) for i in range(len(tokens) - size + 1))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def mark_copies(articles: list[Article], threshold: float) -> list[Article]:
    """Each article that repeats an earlier original points to it; originals point nowhere.

    An inverted index from shingle to originals finds the candidates, so the cost grows with the
    shingles shared rather than with every pair of articles.
    """
    originals: list[tuple[Article, frozenset[int]]] = []
    by_hash: dict[str, Article] = {}
    index: dict[int, list[int]] = {}
    out: list[Article] = []
    for article in articles:
        own = shingles(article.text)
        original = by_hash.get(article.content_hash)
        if original is None and own:
            shared = Counter(n for s in own for n in index.get(s, ()))
            for n, inter in shared.most_common():
                theirs = originals[n][1]
                if inter / (len(own) + len(theirs) - inter) >= threshold:
                    original = originals[n][0]
                    break
                if inter / len(own) < threshold:
                    break  # the rest share even less
        if original is not None:
            out.append(dataclasses.replace(article, copy_of=original.id))
            continue
        for s in own:
            index.setdefault(s, []).append(len(originals))
        originals.append((article, own))
        by_hash[article.content_hash] = article
        out.append(article)
    return out
