"""Temporal expressions: finding them (``extract``), resolving them to ISO 8601 (``normalise``),
publication-date cues (``cues``), which day an article counts from (``anchor``), and dated
events merged across outlets (``events``, ``merge``)."""
