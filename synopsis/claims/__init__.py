"""Where outlets agree and where they contradict.

The claims stage cuts articles into claim units (clauses, attributed to an
outlet or to a quoted speaker), reads normalised slots out of them (numbers,
durations, counts, dates...), aligns units that report the same fact across
outlets, and turns conflicting readings into typed discrepancies.

Modules: ``units`` (claim units), ``slots`` (value normalisation), ``align``
(candidate pairs and grouping), ``discrepancy`` (typed conflicts),
``coverage`` (per-outlet gaps and exclusives).
"""
