"""Who said what: attribution rules over a spaCy parse, speaker resolution, and quote clusters."""
