"""Figures read the same way on any story: a match minute is the time played, comparable with "after N minutes".

Invented sentences; the reader is checked for what it reads and what it leaves alone.
"""

from __future__ import annotations

from synopsis.claims.values import clash, readable
from synopsis.lang.quantities import compatible, parse_quantities


def test_a_match_minute_is_time_played_not_a_rank() -> None:
    (late,) = parse_quantities("He scored in the 85th minute.")
    (later,) = parse_quantities("He scored in the 86th minute.")
    (played,) = parse_quantities("He scored after 85 minutes.")
    assert (late.kind, late.unit, late.written_low, late.text) == ("duration", "minute", 85.0, "85th minute")
    assert clash(late, later)
    assert compatible(late, played)
    assert readable(later) == "86 minutes"


def test_ranks_that_are_no_minute_stay_ranks() -> None:
    assert [q.kind for q in parse_quantities("a last-minute deal in the first round")] == ["ordinal", "ordinal"]
    assert [q.kind for q in parse_quantities("a 90th-minute winner in his third final")] == ["duration", "ordinal"]
    assert [q.kind for q in parse_quantities("the 10th minutes of the meeting")] == ["ordinal"]
