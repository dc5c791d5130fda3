"""English function words: the closed classes that carry grammar rather than content.

Three views of them, each for one job: ``STOP_WORDS`` (dense in English prose, rare in other
languages and in page chrome: the measure of how prose-like a line is, and the words left out
when texts are compared), ``MINOR_WORDS`` (the small words a title-case heading leaves in lower
case) and ``FUNCTION_WORDS`` (the words that never end a name or a noun phrase). The two smaller
views are subsets of ``STOP_WORDS`` apart from "vs" and "via", which only headings use.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a table written as text: the lang layer's and stages' word lists."""
    return frozenset(text.split())


#: English function words: dense in English prose, rare in other languages and in page chrome.
STOP_WORDS = word_set("""
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each either few for from further had has have
    having he her here hers herself him himself his how however i if in into is it its itself just me might
    more most must my myself no nor not now of off on once only or other our ours ourselves out over own said
    same she should since so some such than that the their theirs them themselves then there these they this
    those though through to too under until up upon very was we were what when where whether which while who
    whom whose why will with within without would yet you your yours yourself yourselves
""")

#: Small words a title-case heading leaves in lower case ("Talks in Riyadh: What Is at Stake for Kyiv").
MINOR_WORDS = word_set("""
    a an the and or but nor of in on at to for by with from as vs via into over about after before is be
""")

#: Words that never end a name or a noun phrase: a span ending in one is a cut-off fragment ("Vision for a").
FUNCTION_WORDS = word_set("""
    a an the of for to in on at by with and or but from as into about than that this these those its his
    her their our your my is are was were be been
""")

#: Personal pronouns with the grammatical gender they mark.
PRONOUN_GENDER: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
