"""Where outlets agree and where they contradict.

The claims stage cuts articles into claim units (clauses, attributed to an
outlet or to a quoted speaker), reads normalised slots out of them (numbers,
durations, counts, dates...), aligns units that report the same fact across
outlets, and turns conflicting readings into typed discrepancies.

Modules: ``units`` (claim units), ``filters`` (what is not a claim: questions,
headings, interviewer turns), ``slots`` (value normalisation), ``align``
(candidate pairs, same-fact scores and complete-linkage grouping), ``discrepancy`` (typed conflicts),
``coverage`` (per-outlet gaps and exclusives).
"""
