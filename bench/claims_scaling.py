"""How the claims stage scales: candidate search and grouping at 1k, 10k and 50k claim units.

Units are the sample story's claim units plus sentences of PolNeAR (train, then
dev) news articles, each PolNeAR article counted as its own outlet. Reports,
per size, the alignment time (blocking + nearest neighbours + frame and fact
scoring + complete-linkage grouping; best of three runs), candidate pairs, peak
traced memory, and the growth ratio against the previous size: linear cost
gives a time ratio close to the size ratio.

MiniLM on this machine embeds a few hundred sentences a second, so the large
sizes use a hashed bag-of-words embedding by default (same shape, unit
length); ``--embedder minilm`` uses the real model everywhere. The MiniLM
throughput and the full claims stage on the sample (warm models) are measured
separately and printed first.

    .venv/bin/python bench/claims_scaling.py [--sizes 1000,10000,50000] [--embedder hashed|minilm]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import re
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synopsis.claims.align import AlignSettings, align  # noqa: E402
from synopsis.claims.tuning import tuned  # noqa: E402
from synopsis.claims.units import ClaimUnit  # noqa: E402

SHARED = ROOT.parent / "shared"
CLAUSE_END = re.compile(r"[,;]\s+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])|(?<=[.!?][\"\u201d])\s+|\n+")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d,.]*")


def polnear_sentences(limit: int) -> list[tuple[str, str]]:
    """(article stem, sentence) pairs from PolNeAR, split by a plain punctuation rule.

    PolNeAR holds about 33k such sentences; beyond that the pool continues with
    the clauses of its longer sentences (cut at commas and semicolons), which
    are distinct texts of claim-unit length.
    """
    paths = [p for split in ("train", "dev")
             for p in sorted((SHARED / "benchmarks" / "polnear" / split / "text").glob("*.txt"))]
    out: list[tuple[str, str]] = []
    for cut in (SENTENCE_END, CLAUSE_END):
        for path in paths:
            for sentence in SENTENCE_END.split(path.read_text(encoding="utf-8")):
                pieces = [sentence] if cut is SENTENCE_END else CLAUSE_END.split(sentence)
                if cut is CLAUSE_END and len(pieces) < 2:
                    continue
                for piece in pieces:
                    if len(piece.split()) >= 5:
                        out.append((path.stem, piece.strip()))
                        if len(out) >= limit:
                            return out
    return out


def plain_terms(text: str) -> frozenset[str]:
    """Content words of raw text without a parse (lower-cased, stop words out, plural s stripped)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out = set()
    for word in WORD.findall(text):
        lower = word.lower().strip("'-.,")
        if len(lower) < 2 or lower in STOP_WORDS:
            continue
        if len(lower) > 3 and lower.endswith("s") and not lower.endswith("ss"):
            lower = lower[:-1]
        out.add(lower)
    return frozenset(out)


def hashed_vectors(texts: list[str], dim: int = 384) -> Any:
    """Unit vectors from hashed words and word pairs: a stand-in with MiniLM's shape and cost profile of zero."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for row, text in enumerate(texts):
        words = re.findall(r"[a-z]+", text.lower())
        for feature in [*words, *(a + " " + b for a, b in itertools.pairwise(words))]:
            digest = hashlib.blake2b(feature.encode(), digest_size=4).digest()
            out[row, int.from_bytes(digest[:2], "little") % dim] += 1.0 if digest[2] & 1 else -1.0
    return out / np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-9, None)


def sample_story() -> tuple[list[ClaimUnit], float, float]:
    """The sample's claim units, the claims stage time on it (warm), and annotate+entities+claims (warm)."""
    from synopsis import load_articles
    from synopsis.claims.units import extract_units
    from synopsis.context import Context
    from synopsis.pipeline import Pipeline

    context = Context()
    loaded = load_articles([SHARED / "corpus" / "riyadh-2025"], config=context.config)
    pipeline = Pipeline(["annotate", "entities", "claims"], context=context, given=["quotes"])
    pipeline(loaded.articles)  # warm: models loaded, caches filled
    start = time.perf_counter()
    corpus = Pipeline(["annotate", "entities"], context=context)(loaded.articles)
    middle = time.perf_counter()
    Pipeline(["claims"], context=context, given=["article.doc", "article.mentions", "entities", "quotes"]).run(corpus)
    end = time.perf_counter()
    return extract_units(corpus), end - middle, end - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--embedder", choices=("hashed", "minilm"), default="hashed")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    story_units, stage_s, end_to_end_s = sample_story()
    print(f"sample story: {len(story_units)} claim units; claims stage {stage_s:.2f} s; "
          f"annotate+entities+claims {end_to_end_s:.2f} s (warm models)")
    from synopsis.backends import load_embedder

    minilm = load_embedder("onnx")
    extra = polnear_sentences(max(sizes))
    probe = [text for _stem, text in extra[-256:]]  # texts no earlier step embedded: the vector cache is cold
    counts: dict[str, list[int]] = getattr(getattr(minilm, "inner", minilm), "counts", {})
    tokens_before = sum(c[1] for c in counts.values())
    start, cpu = time.perf_counter(), time.process_time()
    minilm.embed(probe)
    rate, cpu = len(probe) / (time.perf_counter() - start), time.process_time() - cpu
    tokens = sum(c[1] for c in counts.values()) - tokens_before
    print(f"MiniLM embedding: {rate:.0f} units/s on this machine; {len(probe)} units, {tokens} tokens in "
          f"{cpu:.2f} s CPU ({tokens / max(cpu, 1e-9):.0f} tokens per CPU second)")

    pool = [(u.source, u.article_id, u.text, u.terms) for u in story_units]
    pool += [(stem, stem, text, plain_terms(text)) for stem, text in extra]
    previous: tuple[int, float] | None = None
    print(f"{'units':>7} {'embed s':>8} {'align s':>8} {'pairs':>9} {'pairs/unit':>10} {'us/pair':>8} {'peak MiB':>9} "
          f"{'growth':>14}")
    for size in sizes:
        chosen = pool[:size]
        units = [ClaimUnit(i, art, src, src, 0, len(text), text, terms)
                 for i, (src, art, text, terms) in enumerate(chosen)]
        texts = [u.text for u in units]
        start = time.perf_counter()
        vectors = minilm.embed(texts) if args.embedder == "minilm" else hashed_vectors(texts)
        embed_s = time.perf_counter() - start
        settings = AlignSettings.from_section(tuned())
        align_s = float("inf")
        for _ in range(3):  # best of three: the machine is shared
            start = time.perf_counter()
            result = align(units, np.asarray(vectors, dtype=np.float32), settings)
            align_s = min(align_s, time.perf_counter() - start)
        tracemalloc.start()
        align(units, np.asarray(vectors, dtype=np.float32), settings)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        growth = ""
        if previous:
            growth = f"x{size / previous[0]:.0f} -> x{align_s / previous[1]:.1f}"
        pairs = result.stats["candidate_pairs"]
        per_pair = 1e6 * align_s / max(1, pairs)  # flat when cost follows the candidate pairs
        print(f"{len(units):>7} {embed_s:>8.2f} {align_s:>8.2f} {pairs:>9} {pairs / len(units):>10.1f} "
              f"{per_pair:>8.1f} {peak:>9.1f} {growth:>14}")
        previous = (size, align_s)


if __name__ == "__main__":
    main()
