"""Word lists that signal attribution: speech, cognition and stance verbs and nouns.

The lists are general English, not tied to any story. Verbs are lemmas; a verb in
``SPEECH_VERBS`` reports what someone said or wrote, one in ``COGNITION_VERBS`` what
someone thinks, and ``STANCE_VERBS`` report a position taken (they count as cues
only when they govern a clause or an object).
"""

from __future__ import annotations

SPEECH_VERBS: frozenset[str] = frozenset(
    [
        "say", "tell", "state", "add", "note", "write", "ask", "report", "announce", "suggest", "claim", "argue",
        "explain", "insist", "warn", "stress", "deny", "confirm", "acknowledge", "admit", "declare", "assert",
        "maintain", "contend", "allege", "predict", "promise", "pledge", "vow", "urge", "demand", "describe",
        "tweet", "post", "reply", "respond", "answer", "recall", "reveal", "disclose", "indicate", "signal",
        "emphasize", "emphasise", "underline", "underscore", "reiterate", "repeat", "mention", "comment", "remark",
        "observe", "conclude", "concede", "complain", "criticize", "criticise", "praise", "accuse", "blame",
        "charge", "question", "testify", "inform", "assure", "reassure", "tout", "brag", "boast", "lament", "joke",
        "quip", "shout", "yell", "scream", "whisper", "murmur", "mutter", "hint", "imply", "caution", "threaten",
        "proclaim", "pronounce", "convey", "relay", "voice", "outline", "characterize", "characterise", "portray",
        "label", "dub", "brand", "term", "counter", "retort", "rebut", "dispute", "contest", "interject", "clarify",
        "elaborate", "specify", "swear", "affirm", "reaffirm", "advise", "recommend", "propose", "announce",
        "estimate", "forecast", "project", "calculate", "speculate", "muse", "concur", "agree", "disagree",
        "object", "protest", "plead", "beg", "request", "order", "instruct", "command", "tell", "inquire",
        "enquire", "query", "read", "continue", "highlight", "point", "cite", "quote", "release", "publish",
        "broadcast", "acknowledge", "attest", "certify", "contradict", "correct", "summarize", "summarise", "sum",
        "recount", "narrate", "describe", "admonish", "scold", "slam", "blast", "attack", "condemn", "denounce",
        "decry", "applaud", "welcome", "hail", "commend", "thank", "congratulate", "apologize", "apologise",
        "vouch", "lobby", "campaign", "call", "reject", "dismiss", "refuse", "decline", "rule"
    ]
)

COGNITION_VERBS: frozenset[str] = frozenset(
    [
        "think", "believe", "feel", "know", "hope", "fear", "worry", "expect", "doubt", "assume", "suspect",
        "reckon", "consider", "guess", "understand", "realize", "realise", "recognize", "recognise", "imagine",
        "suppose", "presume", "wonder", "figure", "learn", "hear", "conclude", "decide", "judge", "deem", "find",
        "discover", "determine", "notice", "see", "view", "regard", "envision", "foresee", "anticipate", "trust",
        "bet", "wish", "want", "prefer", "intend", "plan", "seek"
    ]
)

STANCE_VERBS: frozenset[str] = frozenset(
    [
        "support", "oppose", "endorse", "back", "defend", "favor", "favour", "criticize", "criticise", "praise",
        "blame", "accuse", "reject", "dismiss", "refuse", "decline", "welcome", "condemn", "question", "challenge",
        "dispute", "propose", "vow", "pledge", "promise", "threaten", "demand", "urge", "call", "show"
    ]
)

#: Verbs that report a source without a subject of their own ("it appears that ...").
IMPERSONAL_VERBS: frozenset[str] = frozenset({"appear", "seem"})

#: Nouns that carry an attribution when they govern a clause or quote ("his claim that ...").
SPEECH_NOUNS: frozenset[str] = frozenset(
    [
        "statement", "claim", "remark", "remarks", "comment", "comments", "assertion", "allegation", "announcement",
        "warning", "argument", "assurance", "promise", "pledge", "vow", "denial", "admission", "testimony",
        "interview", "speech", "tweet", "post", "message", "letter", "report", "memo", "note", "op-ed", "editorial",
        "column", "essay", "belief", "view", "opinion", "fear", "hope", "concern", "worry", "suggestion",
        "proposal", "demand", "call", "insistence", "contention", "prediction", "estimate", "conclusion", "finding",
        "findings", "accusation", "charge", "criticism", "explanation", "response", "reply", "answer", "question"
    ]
) - frozenset({"accusation", "assertion", "belief", "suggestion", "concern"})

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

#: Words that speak for an institution rather than a person ("a spokesman", "officials").
SPOKESPERSON_NOUNS: frozenset[str] = frozenset(
    [
        "spokesman", "spokeswoman", "spokesperson", "official", "officials", "source", "sources", "aide", "aides",
        "adviser", "advisers", "advisor", "advisors", "representative", "representatives"
    ]
)

PRONOUN_GENDER: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}

PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them", "their", "we", "us", "our"})
