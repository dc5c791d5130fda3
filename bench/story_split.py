"""The stories benchmark split once into a tune half and a check half by a stable hash of the folder name.

Why: every threshold, weight and rule is fitted on tune only and reported on check; a new story joins
whichever half its name hashes to, so the split never has to be redrawn.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT.parent / "shared" / "benchmarks" / "stories"


def half(slug: str) -> str:
    """``"tune"`` or ``"check"``: the parity of the first byte of the name's SHA-256."""
    return "tune" if hashlib.sha256(slug.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def stories(which: str | None = None, root: Path = STORIES) -> list[Path]:
    """Story folders (those with a ``gold.json``), sorted; only one half when ``which`` is given."""
    found = sorted(p for p in root.iterdir() if (p / "gold.json").is_file()) if root.is_dir() else []
    return [p for p in found if which is None or half(p.name) == which]
