"""The few rules kept beside the pair model: shapes of text that make two figures two measurements, whatever the
model would say.

Each family is a veto on a pair of figure mentions; the model only judges pairs no kept family vetoes, and is
trained on those alone. A family stays only where it pays on the tune stories (``bench/train_measure.py
--ablation`` removes each in turn and scores the check half); the kept ones are listed in ``[claims] rules``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .mentions import FigureMention
from .tuning import tuned
from .values import compatible, distance

Rule = Callable[[FigureMention, FigureMention, dict[int, list[FigureMention]]], bool]

#: Roles that make a figure something other than a reading of its measure: the whole a part is counted from,
#: a margin, a change's end points, a frequency, a point in time counted back. (Two times since an event, "the
#: first talks in three years", compare with each other.)
SPECIAL_ROLES = frozenset({"total", "difference", "rate", "change", "offset"})
#: Special roles whose figures still compare with each other: two margins of one race ("a majority of 176", "of
#: 174") read one measurement (on the tune stories; two offsets, "10 minutes later", may count from two events).
COMPARABLE_ROLES = frozenset({"difference"})


def _roles(a: FigureMention, b: FigureMention, _units: dict[int, list[FigureMention]]) -> bool:
    """ "seven of the twelve seats" (a total), "a margin of 17 votes", "from 212 to 187": other roles, and
    two figures of one special role read two measurements unless the role compares (``COMPARABLE_ROLES``)."""
    if a.role != b.role:
        return True
    return a.role in SPECIAL_ROLES and a.role not in COMPARABLE_ROLES


def _subset_nouns(a: FigureMention, b: FigureMention, _units: dict[int, list[FigureMention]]) -> bool:
    """ "19 criminal cases" counts a part of "27 cases": one counted noun extends the other with a modifier."""
    noun_a, noun_b = a.quantity.noun, b.quantity.noun
    if not noun_a or not noun_b or noun_a == noun_b:
        return False
    return noun_a.endswith(" " + noun_b) or noun_b.endswith(" " + noun_a)


def _stance(a: FigureMention, b: FigureMention, _units: dict[int, list[FigureMention]]) -> bool:
    """A figure sought, offered or forecast, a part picked out ("the final two"), a contest's format ("head-to-head")
    against one without: the words that frame them differ."""
    return a.measure.frame != b.measure.frame


def _hypothetical(a: FigureMention, b: FigureMention, _units: dict[int, list[FigureMention]]) -> bool:
    """A figure under a modal or a condition is a possibility, not a reading."""
    return a.measure.hypothetical or b.measure.hypothetical


def _sources(a: FigureMention, b: FigureMention, _units: dict[int, list[FigureMention]]) -> bool:
    """Two named sources give two measurements; a poll's figure opposes only the same poll's."""
    sa, sb = a.measure.source, b.measure.source
    if sa and sb and not sa & sb:
        return True
    return (a.measure.survey or b.measure.survey) and sa != sb


def _period(a: FigureMention, b: FigureMention, _units: dict[int, list[FigureMention]]) -> bool:
    """A rise over the month and one over the year are two figures."""
    return bool(a.measure.period and b.measure.period and a.measure.period != b.measure.period)


def _places(a: FigureMention, b: FigureMention, _units: dict[int, list[FigureMention]]) -> bool:
    """Figures of two different places named in their clauses."""
    return bool(a.measure.places and b.measure.places and not a.measure.places & b.measure.places)


def _ratio(a: FigureMention, b: FigureMention, _units: dict[int, list[FigureMention]]) -> bool:
    """Outlets that disagree give close values; a factor of ``plausible_ratio`` apart is two quantities ("22 months"
    of war, "11 days" of talks)."""
    return distance(a.quantity, b.quantity) > math.log(tuned()["plausible_ratio"])


def _echo(a: FigureMention, b: FigureMention, units: dict[int, list[FigureMention]]) -> bool:
    """One unit gives the other figure's value too: that value is the reading, this one measures something else
    ("$85 million" of costs beside "$240 million" of savings both outlets give)."""
    return _gives(a, b, units) or _gives(b, a, units)


def _gives(a: FigureMention, b: FigureMention, units: dict[int, list[FigureMention]]) -> bool:
    return any(m.index != a.index and m.family == b.family and compatible(m.quantity, b.quantity)
               for m in units.get(a.unit, ()))


#: Every rule family, by the name ``[claims] rules`` lists it under.
RULES: dict[str, Rule] = {
    "roles": _roles,
    "subset nouns": _subset_nouns,
    "stance": _stance,
    "hypothetical": _hypothetical,
    "sources": _sources,
    "period": _period,
    "places": _places,
    "ratio": _ratio,
    "echo": _echo,
}


def fired(a: FigureMention, b: FigureMention, units: dict[int, list[FigureMention]],
          echo: bool | None = None) -> frozenset[str]:
    """The rule families that say the two figures are two measurements (kept or not: the ablation reads all).

    ``echo``: the echo family's answer when the caller has read it already (the pair features read the same
    test over the same units), so that a figure is not compared with every other of its unit twice.
    """
    return frozenset(name for name, rule in RULES.items()
                     if (echo if name == "echo" and echo is not None else rule(a, b, units)))
