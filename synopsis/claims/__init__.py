"""Where outlets agree and where they contradict.

The claims stage cuts articles into claim units (clauses, attributed to an
outlet or to a quoted speaker), reads normalised slots out of them (numbers,
durations, counts, dates...), aligns units that report the same fact across
outlets, and turns conflicting readings into typed discrepancies.

Modules: ``units`` (claim units), ``filters`` (what is not a claim: questions,
headings, interviewer turns), ``slots`` (value normalisation), ``analysis`` (the
stage's work, shared with ``bench/train_measure.py``), ``mentions`` (each figure
with what it attaches to), ``pairs`` (the learned same-measurement model, weights
in ``measure_weights.json``), ``rules`` (the few vetoes kept beside it),
``figures`` (every figure pair scored), ``values`` (bounds, ranges, rounding),
``conflicts`` (figure discrepancies with a calibrated confidence), ``align``
(candidate pairs, same-fact scores and complete-linkage grouping, told by the pair
model where units hold figures), ``discrepancy`` (what every kind of discrepancy
shares, and denials), ``coverage`` (per-outlet gaps and exclusives).
"""
