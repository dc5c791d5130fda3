"""Words that signal attribution: speech, cognition, stance, denial and question verbs, speech nouns.

The lists are general English, not tied to any story. Verbs are lemmas. A verb in
``SPEECH_VERBS`` reports what someone said or wrote, one in ``COGNITION_VERBS`` what someone
thinks, and ``STANCE_VERBS`` report a position taken. The narrower classes below are chosen from
the same vocabulary for one job each and say why they leave the rest out; ``verb_forms`` gives the
inflected forms for readers that see words, not lemmas ("said on Monday").
"""

from __future__ import annotations

from collections.abc import Iterable

from .function_words import word_set

#: Verbs that report what someone said or wrote.
SPEECH_VERBS: frozenset[str] = word_set("""
    say tell state add note write ask report announce suggest claim argue explain insist warn stress deny confirm
    acknowledge admit declare assert maintain contend allege predict promise pledge vow urge demand describe tweet
    post reply respond answer recall reveal disclose indicate signal emphasize emphasise underline underscore
    reiterate repeat mention comment remark observe conclude concede complain criticize criticise praise accuse
    blame charge question testify inform assure reassure tout brag boast lament joke quip shout yell scream whisper
    murmur mutter hint imply caution threaten proclaim pronounce convey relay voice outline characterize
    characterise portray label dub brand term counter retort rebut dispute contest interject clarify elaborate
    specify swear affirm reaffirm advise recommend propose estimate forecast project calculate speculate muse
    concur agree disagree object protest plead beg request order instruct command inquire enquire query read
    continue highlight point cite quote release publish broadcast attest certify contradict correct summarize
    summarise sum recount narrate admonish scold slam blast attack condemn denounce decry applaud welcome hail
    commend thank congratulate apologize apologise vouch lobby campaign call reject dismiss refuse decline rule
""")

#: Verbs that report what someone thinks, knows or wants.
COGNITION_VERBS: frozenset[str] = word_set("""
    think believe feel know hope fear worry expect doubt assume suspect reckon consider guess understand realize
    realise recognize recognise imagine suppose presume wonder figure learn hear conclude decide judge deem find
    discover determine notice see view regard envision foresee anticipate trust bet wish want prefer intend plan
    seek
""")

#: Verbs that report a position taken; they count as cues only when they govern a clause or an object.
STANCE_VERBS: frozenset[str] = word_set("""
    support oppose endorse back defend favor favour criticize criticise praise blame accuse reject dismiss refuse
    decline welcome condemn question challenge dispute propose vow pledge promise threaten demand urge call show
""")

#: Verbs that report a source without a subject of their own ("it appears that ...").
IMPERSONAL_VERBS: frozenset[str] = word_set("appear seem")

#: Verbs that say something was said through their object, which names what was said: "stressed the
#: need", "voiced concern", "issued a warning", "set conditions", "laid out demands".
DELIVERY_VERBS: frozenset[str] = word_set("""
    emphasize emphasise stress underline underscore highlight articulate reiterate express voice repeat signal
    maintain issue set make outline lay
""")

#: Verbs that deny or turn down what they govern: "denied that it planned job cuts" negates "plan".
DENIAL_VERBS: frozenset[str] = word_set("deny reject refuse dismiss decline")

#: Verbs that report a question: what they govern is asked, not asserted.
QUESTION_VERBS: frozenset[str] = word_set("ask question wonder inquire enquire query")

#: Verbs whose object is the person spoken to ("told reporters", "assured allies", "briefed the council").
LISTENER_VERBS: frozenset[str] = word_set("""
    tell ask inform assure reassure remind warn urge advise convince persuade notify brief caution answer reply
    write email promise beg
""")

#: Verbs whose subject holds the position that the clause or statement they govern states: "Lavrov
#: insisted that ...", "made clear that ...", "issued a warning that ...". A verb that passes on a fact
#: ("confirmed", "reported", "mentioned") or a question or denial is left out: its subject takes no stand.
ASSERTING_VERBS: frozenset[str] = word_set("""
    say tell state add note announce declare claim stress emphasize emphasise insist warn reiterate indicate
    argue assert write acknowledge explain suggest express voice signal outline make issue
""")

#: The verbs that frame reported speech or thought: over a clause ("Lavrov said that ...", "she asked,
#: ...?"), they make it someone's words rather than the outlet's. Speech, question and delivery verbs
#: only: a verb with another common sense ("call", "rule", "order", "attack", "make") is left out.
REPORTING_VERBS: frozenset[str] = (ASSERTING_VERBS - {"make", "issue"}) | QUESTION_VERBS | word_set("""
    describe report confirm remark tweet underline underscore highlight mention reply respond urge deny admit
    articulate
""")

#: Nouns that carry an attribution when they govern a clause or quote ("his claim that ...").
SPEECH_NOUNS: frozenset[str] = word_set("""
    statement claim remark remarks comment comments allegation announcement warning argument assurance promise
    pledge vow denial admission testimony interview speech tweet post message letter report memo note op-ed
    editorial column essay view opinion fear hope worry proposal demand call insistence contention prediction
    estimate conclusion finding findings charge criticism explanation response reply answer question
""")

#: Past and third-person forms English spells its own way.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("says", "said"), "tell": ("tells", "told"), "write": ("writes", "wrote", "written"),
    "speak": ("speaks", "spoke", "spoken"), "think": ("thinks", "thought"), "know": ("knows", "knew", "known"),
    "hear": ("hears", "heard"), "see": ("sees", "saw", "seen"), "find": ("finds", "found"),
    "feel": ("feels", "felt"), "understand": ("understands", "understood"), "read": ("reads",),
    "swear": ("swears", "swore", "sworn"), "make": ("makes", "made"), "set": ("sets",), "lay": ("lays", "laid"),
    "do": ("does", "did", "done"), "bet": ("bets",), "forecast": ("forecasts",), "broadcast": ("broadcasts",),
    "admit": ("admits", "admitted"), "quip": ("quips", "quipped"), "rebut": ("rebuts", "rebutted"),
    "signal": ("signals", "signalled", "signaled"), "label": ("labels", "labelled", "labeled"),
    "beg": ("begs", "begged"), "plan": ("plans", "planned"), "prefer": ("prefers", "preferred"),
    "commit": ("commits", "committed"), "refer": ("refers", "referred"), "regret": ("regrets", "regretted"),
    "submit": ("submits", "submitted"), "permit": ("permits", "permitted"), "omit": ("omits", "omitted"),
}


def verb_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """The lemmas with their third-person, past and past-participle forms ("say" -> say, says, said)."""
    out: set[str] = set()
    for lemma in lemmas:
        out.add(lemma)
        if lemma in _IRREGULAR:
            out.update(_IRREGULAR[lemma])
            continue
        if lemma.endswith("y") and lemma[-2:-1] not in tuple("aeiou"):
            out.update((lemma[:-1] + "ies", lemma[:-1] + "ied"))
        elif lemma.endswith("e"):
            out.update((lemma + "s", lemma + "d"))
        else:
            out.update((lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"), lemma + "ed"))
    return frozenset(out)
