"""From aligned groups of units to the dossier's claims and ranked discrepancies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Claim, Discrepancy, Dossier, Evidence
from .align import Alignment
from .discrepancy import PendingDiscrepancy
from .slots import Slot
from .units import ClaimUnit


@dataclass(frozen=True)
class Ordered:
    """Claims in report order and, for each unit, the index of its claim."""

    claims: tuple[Claim, ...]
    claim_of_unit: list[int]


def build_claims(
    corpus: Dossier, units: Sequence[ClaimUnit], vectors: Any, alignment: Alignment, slots: Sequence[Sequence[Slot]]
) -> Ordered:
    """One claim per group: corroborated first (most outlets first), then in reading order."""
    import numpy as np

    groups = sorted(alignment.groups, key=lambda g: (-len({units[i].source for i in g}), min(g)))
    claim_of_unit = [0] * len(units)
    claims: list[Claim] = []
    for number, members in enumerate(groups):
        members = sorted(members, key=lambda i: (units[i].article_id, units[i].start))
        for i in members:
            claim_of_unit[i] = number
        centroid = vectors[members].sum(axis=0)
        representative = members[int(np.argmax(vectors[members] @ centroid))]
        outlets = tuple(dict.fromkeys(units[i].source for i in members))
        speakers = Counter(units[i].speaker_id for i in members)
        speaker, count = speakers.most_common(1)[0]
        claims.append(
            Claim(
                id=f"c{number + 1}",
                text=units[representative].text,
                evidence=tuple(Evidence.of(corpus.article(units[i].article_id), units[i].start, units[i].end)
                               for i in members),
                outlets=outlets,
                support=len(outlets),
                speaker_id=speaker if count == len(members) else None,
                corroborated=len(outlets) >= 2,
                slots=_slots_record(members, units, slots),
            )
        )
    return Ordered(tuple(claims), claim_of_unit)


def _slots_record(
    members: Sequence[int], units: Sequence[ClaimUnit], slots: Sequence[Sequence[Slot]]
) -> dict[str, Any]:
    values = [
        {"kind": s.kind, "value": s.readable, "text": s.text, "article_id": units[i].article_id,
         "start": s.start, "end": s.end, **({"role": s.role} if s.role else {})}
        for i in members
        for s in slots[i]
    ]
    record: dict[str, Any] = {"values": values} if values else {}
    if any(units[i].negated for i in members):
        record["negated"] = [units[i].article_id for i in members if units[i].negated]
    return record


def rank(found: Sequence[PendingDiscrepancy], claims: Sequence[Claim]) -> tuple[Discrepancy, ...]:
    """Most salient first, without ids: ``Dossier.with_discrepancies`` numbers them."""
    ordered = sorted(found, key=lambda f: (-f.salience, f.kind, f.topic))
    return tuple(
        Discrepancy(
            id="",
            kind=f.kind,
            topic=f.topic,
            readings=tuple(f.readings),
            description=f.description,
            salience=round(f.salience, 4),
            claim_id=claims[f.claim_index].id if f.claim_index is not None else None,
            confidence=round(f.confidence, 4),
        )
        for f in ordered
    )
