"""Closed word classes of English news prose that resolution rules lean on.

These are vocabularies of this stage's own (offices, honorifics, group nouns), never
names from a particular story; English function words come from ``synopsis.lang``.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


#: Courtesy titles and honorifics that may precede a name but are not part of it.
HONORIFICS = frozenset(_words("""
    mr mrs ms miss mx dr prof professor sir dame lord lady sheikh sheik shaikh prince princess rev
    reverend hon mme mlle herr sr sra monsieur madame
"""))

#: Head nouns of job titles and offices ("Foreign Minister", "spokesperson", "head of ...").
ROLE_NOUNS = frozenset(_words("""
    president minister secretary chancellor premier king queen prince princess emperor emir sultan shah
    general colonel admiral captain lieutenant sergeant commander marshal officer senator congressman
    congresswoman lawmaker legislator representative deputy mp mep delegate governor mayor ambassador
    envoy diplomat negotiator emissary consul attache adviser advisor aide assistant counsellor
    counselor consultant spokesman spokeswoman spokesperson judge justice prosecutor attorney
    lawyer chairman chairwoman chair chairperson chief head director leader ruler founder ceo cfo coo boss
    manager executive president-elect commissioner administrator coordinator official associate ally
    confidant deputy vice-president vice-chair journalist reporter correspondent editor columnist
    analyst expert researcher scholar professor economist historian author writer commentator citizen
    resident activist dissident critic opponent rival pope cardinal bishop archbishop rabbi
    imam ayatollah cleric pastor priest
"""))

#: Titles after which the bearer acts for whoever modifies the title: a "Russian Foreign Minister"
#: acts for Russia, a "Kremlin aide" for the Kremlin. Critics, citizens or journalists do not.
SIDE_BEARING = frozenset(_words("""
    president minister secretary chancellor premier king queen prince princess emperor emir sultan shah
    general colonel admiral commander marshal officer senator congressman congresswoman lawmaker
    legislator representative deputy mp mep delegate governor mayor ambassador envoy diplomat negotiator
    emissary consul attache adviser advisor aide assistant counsellor counselor spokesman spokeswoman
    spokesperson chairman chairwoman chair chairperson chief head director leader commissioner
    administrator coordinator official associate ally confidant
"""))

#: Titles whose country premodifier may name the destination ("Ukraine envoy"): only an
#: adjective of nationality ("Russian ambassador") is trusted as the side for them.
DESTINATION_TITLES = frozenset(_words("""
    envoy ambassador emissary consul attache representative
"""))

#: Office words that may appear at the start of a parser's person span ("President Putin").
TITLE_WORDS = frozenset(_words("""
    president vice prime minister secretary chancellor premier king queen crown emperor general gen
    colonel col admiral adm captain capt lieutenant lt sergeant sgt senator sen rep representative
    governor gov mayor ambassador envoy judge justice chairman chairwoman chair chief director
    commissioner spokesman spokeswoman spokesperson pope cardinal bishop archbishop rabbi imam ayatollah
    emir sultan shah field marshal former ex acting deputy foreign defence defense national security
    adviser advisor special aide interior finance state speaker
"""))

#: Collective nouns that, with a nationality, name the people acting for a country.
GROUP_NOUNS = frozenset(_words("""
    delegation side team camp negotiators delegates officials diplomats contingent mission
    representatives envoys party
"""))

#: Verbs that list the members of a group ("the delegation comprised X and Y").
MEMBERSHIP_VERBS = frozenset(_words("""
    comprise include consist compose feature be lead head join
"""))

#: Head nouns of organisations: an ORG span ending in one of these is a real body, even when
#: each of its words is an ordinary noun ("State Department", "Foreign Ministry").
INSTITUTION_NOUNS = frozenset(_words("""
    ministry department council fund agency committee office commission parliament assembly bank union
    court army navy force forces service services bureau administration government cabinet party
    organization organisation institute university corporation company group authority federation
    alliance league board senate congress house police guard secretariat headquarters foundation
    association center centre network conference summit
"""))

#: Adverbs that make a title a former one ("previously an ambassador").
FORMER_MARKERS = frozenset(_words("""
    former formerly previously ex once erstwhile onetime one-time then
"""))

#: Dependency labels of clause heads: a parser's person span must not end in one ("Rubio Pave").
CLAUSE_DEPS = frozenset(_words("""
    ROOT advcl ccomp xcomp relcl acl csubj parataxis
"""))

#: Abbreviated words that open a word of a place or body name, spelt out ("St-Germain", "Mt Everest"); at the
#: end of a name "St" is a street ("Wall St").
OPENING_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount"}
CLOSING_ABBREVIATIONS = {"st": "street"}
