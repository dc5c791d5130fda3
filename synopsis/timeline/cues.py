"""Publication-date cues written in an article's own text.

Print-edition notes ("appears in print in the 20 February, 2025 edition"),
by-lines ("Published 18 February 2025", "Updated: Feb. 18, 2025") and wire
datelines ("RIYADH, Feb 18 (Reuters) -"). A print edition only bounds the
writing date from above: the text may have been written days before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import _DAY, _MONTH, _YEAR
from .normalise import Reference, resolve

_DATE = rf"(?:{_DAY}\s+{_MONTH},?\s*{_YEAR}|{_MONTH}\s+{_DAY},?\s*{_YEAR}|{_YEAR}-\d\d-\d\d)"
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("print", re.compile(rf"\bin print\b[^\n]{{0,40}}?\b(?P<date>{_DATE})", re.IGNORECASE)),
    ("published", re.compile(rf"\b(?:published|posted|first published)(?:\s+on)?:?\s+(?:\w+day,?\s+)?"
                             rf"(?P<date>{_DATE})", re.IGNORECASE)),
    ("updated", re.compile(rf"\b(?:updated|last updated)(?:\s+on)?:?\s+(?:\w+day,?\s+)?(?P<date>{_DATE})",
                           re.IGNORECASE)),
    ("dateline", re.compile(rf"^[A-Z][A-Z .'-]{{2,40}},\s+(?P<date>{_MONTH}\s+{_DAY}(?:,?\s*{_YEAR})?)\s*"
                            r"(?:\([^)]{1,30}\))?\s*[-–—]", re.MULTILINE)),
)


@dataclass(frozen=True, slots=True)
class DateCue:
    """A publication date found in the text: ISO day, the kind of cue, and its span."""

    date: str
    kind: str  # print | published | updated | dateline
    start: int
    end: int


def publication_cues(text: str) -> list[DateCue]:
    """Every publication-date cue in ``text``, most reliable kind first."""
    found: list[DateCue] = []
    for kind, pattern in _CUES:
        for m in pattern.finditer(text):
            value = resolve(m.group("date"), Reference())
            if value is not None and value.granularity == "day":
                found.append(DateCue(value.value, kind, m.start("date"), m.end("date")))
    return found


def publication_cue(text: str) -> DateCue | None:
    """The cue to date an article by: an explicit by-line first, then a dateline, then a print edition."""
    order = {"published": 0, "dateline": 1, "updated": 2, "print": 3}
    cues = sorted(publication_cues(text), key=lambda c: order[c.kind])
    return cues[0] if cues else None
