"""The quotes stage's own cue vocabulary, chosen from the general lists of ``synopsis.lang.cues``.

Which verbs and nouns signal attribution is general English (``synopsis.lang.cues``); what is
particular to this stage is measured on its training data: which lemmas need a clause before they
count, and which are far more often no cue at all.
"""

from __future__ import annotations

from ..lang.cues import COGNITION_VERBS, SPEECH_VERBS, STANCE_VERBS
from ..lang.function_words import word_set

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


#: Head nouns of a source that name people, groups or bodies who can speak ("officials", "witnesses",
#: "state media"), beyond the offices, groups and institutions of ``synopsis.entities.lexicon``. A source
#: headed by another noun ("the death toll", "the deal", "Details") names no speaker. Completed from the
#: sources this filter dropped on the stories benchmark's tune half ("the sheriff", "Spanish state TV").
SPEAKER_NOUNS: frozenset[str] = word_set("""
    people person man woman men women child children boy girl family families parent parents mother father son
    daughter wife husband brother sister relative relatives friend friends neighbour neighbor neighbours neighbors
    witness witnesses eyewitness eyewitnesses survivor survivors victim victims resident residents local locals
    citizen citizens voter voters protester protesters demonstrator demonstrators supporter supporters fan fans
    worker workers employee employees staff member members student students teacher doctor doctors nurse nurses
    medic medics rescuer rescuers firefighter firefighters soldier soldiers troops officer officers police
    policeman cop cops detective detectives investigator investigators prosecutor prosecutors lawyer lawyers
    source sources insider insiders expert experts analyst analysts observer observers scientist scientists
    researcher researchers economist economists forecaster forecasters meteorologist official officials
    authority authorities leader leaders spokesman spokeswoman spokesperson representative representatives
    negotiator negotiators diplomat diplomats lawmaker lawmakers legislator legislators politician politicians
    minister ministers administration government ministry agency media outlet outlets newspaper newspapers
    paper broadcaster channel network daily tabloid magazine agency wire correspondent correspondents reporter
    reporters journalist journalists editor editors commentator commentators critic critics opponent opponents
    rival rivals ally allies partner partners owner owners operator operators company companies firm firms
    group groups organisation organization organisations organizations body bodies union unions team side
    club manager coach player players captain driver pilot pilots crew passenger passengers customer customers
    user users executive executives chief boss founder president director chairman board panel committee
    council court judge jury military army navy regulator regulators operator party parties campaign
    delegation delegations camp coalition opposition sheriff coroner examiner interlocutor others ones press
    publication portal tv television radio station website site
""")

#: Verbs that report a figure as their object ('the sheriff confirmed 24 deaths', 'the army reported eight
#: casualties'): a statement even without a clause, when the object holds a number.
FIGURE_VERBS = frozenset({"confirm", "report", "estimate"})

#: One-word labels of a page's sections and credits ('Details: ...', 'Background: ...', 'Photo: ...'): a line they
#: open is the article's own text, not a speaker's turn.
HEADING_LABELS = word_set(
    "details detail background context update updates breaking summary analysis highlights explainer timeline "
    "note advertisement photo photos image video source sources credit credits read watch"
)
