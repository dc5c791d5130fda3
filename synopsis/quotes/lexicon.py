"""The quotes stage's own cue vocabulary, chosen from the general lists of ``synopsis.lang.cues``.

Which verbs and nouns signal attribution is general English (``synopsis.lang.cues``); what is
particular to this stage is measured on its training data: which lemmas need a clause before they
count, and which are far more often no cue at all.
"""

from __future__ import annotations

from ..lang.cues import COGNITION_VERBS, SPEECH_VERBS, STANCE_VERBS

#: Lemmas whose cue reading is only taken with a clausal complement or a quote.
NEEDS_CLAUSE: frozenset[str] = frozenset(
    [
        "see", "find", "know", "learn", "hear", "figure", "read", "continue", "point", "call", "rule", "feel",
        "judge", "consider", "find", "show", "decide", "determine", "understand", "realize", "realise", "recognize",
        "recognise", "notice", "trust", "bet", "add"
    ]
)

#: Lemmas that, measured on the PolNeAR train split, are far more often not a cue than a cue.
RARELY_CUES: frozenset[str] = frozenset(
    [
        "release", "see", "feel", "view", "campaign", "maintain", "answer", "advise", "comment", "decide",
        "welcome", "intend", "determine", "publish", "assume", "signal", "understand", "hear", "suppose",
        "discover", "imagine", "lobby", "plead", "contradict", "voice"
    ]
)

CUE_VERBS: frozenset[str] = (SPEECH_VERBS | COGNITION_VERBS | STANCE_VERBS) - RARELY_CUES
