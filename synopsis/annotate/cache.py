"""Parses kept on disk, so that building the same articles again skips spaCy.

Why: the parse is most of a build's time, and benchmarks, tests and users who rebuild a story after
changing a later stage parse the same texts every time. An entry is keyed by the SHA-256 of the text
and by the model's name, version and settings and spaCy's version, so a new model or a new spaCy never
reads an old parse; a broken or foreign entry is a miss and is parsed again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..nlp import describe

#: What a cached doc leaves out: our own per-build data, rebuilt after loading.
_EXCLUDE = ["user_data"]


class ParseCache:
    """spaCy docs stored as ``Doc.to_bytes()``, one file per text under a folder per model."""

    def __init__(self, folder: str | Path, nlp: Any) -> None:
        from spacy import about

        self.nlp = nlp
        # the pipeline's own settings too: a component added or configured differently is another parser
        settings = hashlib.sha256(nlp.config.to_str().encode("utf-8")).hexdigest()[:12]
        tag = f"{describe(nlp)} spacy {about.__version__} {settings}"
        self.folder = Path(folder).expanduser() / "".join(c if c.isalnum() or c in ".-" else "_" for c in tag)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"cannot create the parse cache folder {self.folder} ({exc.strerror}); set [nlp] parse_cache "
                "to a writable folder, or to an empty string to parse without a cache"
            ) from None

    def path(self, text: str) -> Path:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.doc"

    def __contains__(self, text: str) -> bool:
        return self.path(text).is_file()

    def get(self, text: str) -> Any | None:
        """The cached parse of ``text``, or None when there is none (or it cannot be read back)."""
        from spacy.tokens import Doc

        try:
            data = self.path(text).read_bytes()
            doc = Doc(self.nlp.vocab).from_bytes(data, exclude=_EXCLUDE)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return doc if doc.text == text else None

    def put(self, text: str, doc: Any) -> None:
        """Store ``doc`` as the parse of ``text``; written whole or not at all, so readers never see half."""
        target = self.path(text)
        temporary: str | None = None
        try:
            target.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
            with os.fdopen(handle, "wb") as out:
                out.write(doc.to_bytes(exclude=_EXCLUDE))
            os.replace(temporary, target)
        except OSError as exc:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
            raise ConfigError(
                f"cannot write to the parse cache {self.folder} ({exc.strerror}); free some space, or set "
                "[nlp] parse_cache to an empty string to parse without a cache"
            ) from None
