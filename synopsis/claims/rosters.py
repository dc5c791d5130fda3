"""A counted group against a named one: "three Americans and two Russians" against an outlet that names
three Russians taking part.

One outlet counts the members of a side ("two Russians"); another names more
people of that side in a clause about the same gathering. Naming fewer is no
contradiction (not everyone is named), naming more is. The count must be exact
and name a nationality, both clauses must speak of taking part (a delegation,
attending, accompanying, representing...), and a person named only as someone's
principal ("Putin's adviser") is not counted as present.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..entities.demonyms import country_for
from ..models import Dossier, Reading
from .discrepancy import PendingDiscrepancy, outlet_count, reading, spread_salience
from .slots import Slot
from .units import ClaimUnit

#: Words of a clause that tells who took part in a gathering.
TAKING_PART = re.compile(
    r"\b(?:delegations?|attend(?:ed|ing|s|ance)?|accompan(?:ied|ies|y|ying)|represent(?:ed|ing|s)?|"
    r"compris(?:ed|es|ing)|consist(?:ed|s|ing)|participa(?:nts?|ted|ting|tion)|join(?:ed|s)|"
    r"led|heads?|headed|side|teams?|met|meeting)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"\s*['\u2019]s?\b")


def roster_discrepancies(
    corpus: Dossier, units: Sequence[ClaimUnit], slots: Sequence[Sequence[Slot]]
) -> list[PendingDiscrepancy]:
    """One discrepancy per counted side that another outlet names more members of."""
    sides = _sides(corpus)
    present = _present_people(corpus, sides)
    outlets = outlet_count(corpus.articles)
    found: list[PendingDiscrepancy] = []
    taking_part = [u for u in units if TAKING_PART.search(u.text)]  # read once, not once per counted side
    for unit in taking_part:
        for slot in slots[unit.index]:
            country = country_for(slot.noun) if slot.kind == "count" and not slot.qualifier else None
            if country is None:
                continue
            best: tuple[ClaimUnit, list[str]] | None = None
            for other in taking_part:
                if other.source == unit.source:
                    continue
                named = [name for start, end, name, side in present.get(other.article_id, ())
                         if country.casefold() in side and other.start <= start and end <= other.end]
                named = list(dict.fromkeys(named))
                if len(named) > slot.value and (best is None or len(named) > len(best[1])):
                    best = (other, named)
            if best is not None:
                found.append(_found(corpus, unit, slot, *best, outlets))
    return found


def _found(corpus: Dossier, unit: ClaimUnit, slot: Slot, other: ClaimUnit, named: list[str],
           outlets: int) -> PendingDiscrepancy:
    counted = reading(corpus.article(unit.article_id), slot.readable, slot.start, slot.end)
    listed = reading(corpus.article(other.article_id), f"{len(named)} named", other.start, other.end)
    topic = f"number of {slot.text.split()[-1]} taking part"  # the nationality as the outlet spells it
    description = (f"On the {topic}, {counted.outlet} says \u201c{counted.text}\u201d; {listed.outlet} names "
                   f"{len(named)}: {', '.join(named)}.")
    readings: list[Reading] = [counted, listed]
    return PendingDiscrepancy("count", topic, readings, description, spread_salience("count", 2, outlets),
                              finder="roster")


def _sides(corpus: Dossier) -> dict[str, frozenset[str]]:
    """Person entity id -> the casefolded names of the side it acts for ("UK" with "United Kingdom" when the
    story's own place entity holds both spellings)."""
    forms_of: dict[str, frozenset[str]] = {}
    for entity in corpus.entities or ():
        if entity.type in ("GPE", "NORP"):
            forms = frozenset(f.casefold() for f in (entity.name, *entity.aliases))
            for form in forms:
                forms_of[form] = forms_of.get(form, frozenset()) | forms
    return {e.id: forms_of.get(e.side.casefold(), frozenset()) | {e.side.casefold()}
            for e in corpus.entities or () if e.type == "PERSON" and e.side}


def _present_people(
    corpus: Dossier, sides: dict[str, frozenset[str]]
) -> dict[str, list[tuple[int, int, str, frozenset[str]]]]:
    """Per article, (start, end, name, side names) of each mention of a person with a side, possessives
    left out."""
    out: dict[str, list[tuple[int, int, str, frozenset[str]]]] = {}
    for entity in corpus.entities or ():
        side = sides.get(entity.id)
        if side is None:
            continue
        for ev in entity.mentions:
            text = corpus.article(ev.article_id).text
            if _POSSESSIVE.match(text, ev.end):
                continue
            out.setdefault(ev.article_id, []).append((ev.start, ev.end, entity.name, side))
    return out
