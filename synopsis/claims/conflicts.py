"""Figure discrepancies: readings of one measurement, as the pair model judges them, whose values clash.

Each pair of figures from two sources whose values cannot both be true (``values.clash``: bounds, ranges and
rounding allowed) is a candidate, most likely first: its confidence is the pair model's probability that both
figures measure one thing. It gathers the readings of other outlets likely (``link``) to measure what each of its
two clashing readings measures, so that a chain of likely pairs cannot glue two quantities together, and a
reading joins one discrepancy at most. When the clashing readings are dated apart by their own
texts ("so far", "as of Tuesday", "rose to", other years or days) the discrepancy says it is an update.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Dossier, Reading
from .discrepancy import SLOT_KIND, PendingDiscrepancy, describe, outlet_count, reading, slot_topic, spread_salience
from .figures import Figures
from .mentions import FigureMention, as_slot
from .pairs import PairModel, logit
from .units import ClaimUnit
from .values import clash, readable


@dataclass(frozen=True)
class ConflictSettings:
    """Thresholds fitted on the tune half of the stories benchmark (``[claims]`` in defaults.toml)."""

    #: a reading joins a measurement when it is this likely to measure what each of its two clashing readings measures
    link: float
    #: clashing pairs less likely than this to be one measurement are not looked at (a bound on the work)
    seed_floor: float


def measurements(figures: Figures, link: float, seed_floor: float) -> list[tuple[list[int], float, int, int]]:
    """Each measurement read with clashing values: its members, confidence and the pair that clashes most surely.

    Seeds are clashing pairs at least ``seed_floor`` likely, most likely first; each grows by the readings of
    other outlets likely (``link``) to measure what both readings of its seed measure. A reading belongs to one
    measurement.

    Why both: a reading let in on its average likelihood over the members gathered so far lets in the next one
    through it ("two nations", "three civilians", "three jets" read as one count), and a discrepancy whose
    readings measure several things helps no reader. Leaving one tune story out, the average let in found 0.388
    of the planted items at macro precision 0.828, both seeds 0.428 at 0.900.
    """
    probability: dict[tuple[int, int], float] = {}
    #: per reading, (the order its pair entered ``probability``, the other reading): its partners in that order
    partners_of: dict[int, list[tuple[int, int]]] = {}
    for (i, j), p in zip(figures.pairs, figures.probabilities, strict=True):
        probability[(i, j)] = probability[(j, i)] = p
        partners_of.setdefault(i, []).append((2 * len(probability), j))
        partners_of.setdefault(j, []).append((2 * len(probability) + 1, i))
    mentions = figures.mentions
    seeds = sorted(((p, i, j) for (i, j), p in zip(figures.pairs, figures.probabilities, strict=True)
                    if p >= seed_floor and clash(mentions[i].quantity, mentions[j].quantity)), reverse=True)
    taken: set[int] = set()
    out: list[tuple[list[int], float, int, int]] = []
    for p, i, j in seeds:
        if i in taken or j in taken:
            continue
        group = [i, j]
        # in the order of ``probability``'s keys, so that the set (and the ties of the sort below) come out alike
        ordered = sorted(partners_of.get(i, []) + partners_of.get(j, []))
        partners = {k for _order, k in ordered if k not in taken and k not in group}
        for k in sorted(partners, key=lambda k: -probability.get((i, k), 0.0) - probability.get((j, k), 0.0)):
            if mentions[k].article_id in {mentions[g].article_id for g in group}:
                continue
            if min(probability.get((k, i), 0.0), probability.get((k, j), 0.0)) >= link:
                group.append(k)
        taken.update(group)
        out.append((group, p, i, j))
    return out


def figure_discrepancies(
    corpus: Dossier,
    units: Sequence[ClaimUnit],
    figures: Figures,
    claim_of_unit: Sequence[int],
    settings: ConflictSettings,
    model: PairModel | None = None,
) -> list[PendingDiscrepancy]:
    """One discrepancy per measurement whose outlets give values that cannot all be true, with its confidence
    (the calibration of ``model``, else the probability of its surest clashing pair)."""
    return [found for found, _features in candidates(corpus, units, figures, claim_of_unit, settings, model)]


def candidates(
    corpus: Dossier,
    units: Sequence[ClaimUnit],
    figures: Figures,
    claim_of_unit: Sequence[int],
    settings: ConflictSettings,
    model: PairModel | None = None,
) -> list[tuple[PendingDiscrepancy, dict[str, float]]]:
    """Each figure discrepancy with the features its confidence is calibrated from."""
    probability: dict[tuple[int, int], float] = {}
    for (i, j), p in zip(figures.pairs, figures.probabilities, strict=True):
        probability[(i, j)] = probability[(j, i)] = p
    mentions = figures.mentions
    outlets = outlet_count(corpus.articles)
    out: list[tuple[PendingDiscrepancy, dict[str, float]]] = []
    for group, surest, first, second in measurements(figures, settings.link, settings.seed_floor):
        chosen = _one_per_outlet(group, mentions, units, {first, second})
        chosen.sort(key=lambda i: (units[mentions[i].unit].article_id, mentions[i].quantity.start))
        readings = [_reading(corpus, mentions[i]) for i in chosen]
        lead = mentions[chosen[0]]
        topic = _topic(chosen, mentions, units, corpus)
        kind = SLOT_KIND[as_slot(lead.quantity).kind]
        description = describe(topic, readings)
        update = _dated_apart(mentions[first], mentions[second])
        if update:
            description += _update_note([mentions[i] for i in chosen], units)
        features = discrepancy_features(chosen, surest, first, second, mentions, probability, update)
        confidence = model.confidence(features) if model is not None and model.calibrated else surest
        salience = spread_salience(kind, len(readings), outlets)
        pending = PendingDiscrepancy(kind, topic, readings, description, salience, claim_of_unit[lead.unit], confidence)
        out.append((pending, features))
    return out


def discrepancy_features(chosen: list[int], surest: float, first: int, second: int,
                         mentions: Sequence[FigureMention], probability: dict[tuple[int, int], float],
                         update: bool) -> dict[str, float]:
    """What says a discrepancy is real: how surely its clashing pair is one measurement, how many outlets stand
    on each side, how tightly its readings hang together, its kind, and whether the texts date it as an update."""
    side_a = [i for i in chosen if not clash(mentions[i].quantity, mentions[first].quantity)]
    side_b = [i for i in chosen if i not in side_a]
    others = [probability.get((i, j), 0.0) for x, i in enumerate(chosen) for j in chosen[x + 1 :]
              if mentions[i].source != mentions[j].source]
    return {
        "bias": 1.0,
        "logit": logit(surest),
        "cohesion": sum(others) / len(others) if others else 0.0,
        "outlets": math.log(len(chosen)),
        "minority": math.log(max(1, min(len(side_a), len(side_b)))),
        "update": float(update),
        "approximate": float(mentions[first].approximate or mentions[second].approximate),
        # figures of the family per outlet in the whole build: a clash among few figures is rarer by chance
        "density": math.log1p(sum(m.family == mentions[first].family for m in mentions)
                              / max(1, len({m.source for m in mentions}))),
        f"kind={mentions[first].family.split(':')[0]}": 1.0,
    }


def _topic(chosen: list[int], mentions: Sequence[FigureMention], units: Sequence[ClaimUnit], corpus: Dossier) -> str:
    """What the readings measure, in the words most of them use (the first article's on a tie)."""
    topics = [slot_topic(as_slot(mentions[i].quantity), units[mentions[i].unit], corpus, mentions[i].measure)
              for i in chosen]
    return max(topics, key=lambda t: (topics.count(t), -topics.index(t)))


def _one_per_outlet(group: list[int], mentions: Sequence[FigureMention], units: Sequence[ClaimUnit],
                    clashing: set[int]) -> list[int]:
    """One member per outlet: the two that clash most surely, else the outlet's most precise reading."""
    best: dict[str, int] = {}
    for i in sorted(group, key=lambda i: (i not in clashing, _width(mentions[i]))):
        best.setdefault(units[mentions[i].unit].outlet, i)
    return list(best.values())


def _width(mention: FigureMention) -> float:
    """How much a reading leaves open, relative to its value: bounds and hedges are wide, exact figures narrow."""
    q = mention.quantity
    high = q.high if q.high != float("inf") else 10 * max(abs(q.low), 1.0)
    return (high - q.low + q.step) / max(abs(q.low), abs(high), 1e-9)


def _reading(corpus: Dossier, mention: FigureMention) -> Reading:
    """The figure's span and value; a rank keeps the noun it ranks ("third referendum")."""
    q = mention.quantity
    article = corpus.article(mention.article_id)
    end = q.end
    if q.kind == "ordinal" and q.noun and article.text[end : end + len(q.noun) + 1].lower() == " " + q.noun:
        end += len(q.noun) + 1
    return reading(article, readable(q), q.start, end)


def _update_note(chosen: list[FigureMention], units: Sequence[ClaimUnit]) -> str:
    """ " The texts date these figures apart (Wire: friday evening; Daily: saturday): an update, not a
    contradiction." — each outlet with the time its text gives the figure, where it gives one."""
    times = [f"{units[m.unit].outlet}: {', '.join(sorted(m.measure.when))}" for m in chosen if m.measure.when]
    return (" The texts date these figures apart" + (f" ({'; '.join(times)})" if times else "")
            + ": an update, not a contradiction.")


def _dated_apart(a: FigureMention, b: FigureMention) -> bool:
    """The texts themselves place the two figures at different times."""
    when_a, when_b = a.measure.when, b.measure.when
    return a.update or b.update or bool(when_a and when_b and not when_a & when_b)
