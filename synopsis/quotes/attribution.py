"""The attribution record that the extraction rules, the transcript reader and the sanity rules share.

It lives apart from ``extract`` so that imports run one way: ``extract`` uses
``transcript`` and ``sanity``, and all three use this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from .spans import CharSpan


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution; ``content`` may have several pieces (a quote split by its cue)."""

    kind: str
    content: tuple[CharSpan, ...]
    source: CharSpan | None
    cue: CharSpan | None

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]
