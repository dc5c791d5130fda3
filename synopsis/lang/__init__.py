"""What synopsis knows of English, written once for every stage.

``calendar`` (months, weekdays, seasons, holidays), ``numbers`` (spelled numbers, ordinals, vague
amounts), ``cues`` (speech, cognition, stance, denial and question verbs, speech nouns),
``function_words`` (stop words, title-case small words, pronouns), ``shapes`` (is a line a heading,
a headline, a byline), ``names`` (folding names for comparison) and ``outlets`` (the news outlets and
agencies known by name, a table of data); ``quantities``, with ``measures``
and ``numerals``, reads figures with their units on top of ``numbers`` and ``calendar``. All of it is
general English, never a story's words; a stage's own vocabulary stays in its ``lexicon`` module and
builds on these tables.
"""
