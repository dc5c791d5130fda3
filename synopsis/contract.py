"""The stage contract, enforced: a stage reads only what it requires and changes only what it assigns.

Keys are dossier sections (``claims``) and article fields (``article.doc``). Before a run,
every key a stage requires must be given by ingest or an earlier stage (``check_order``).
During the run each stage sees a view of the corpus (``view``) in which every key some
stage makes, and this one does not require, stands in for itself: touching it stops the
pipeline with the stage and the key named. A key the stage assigns without requiring
starts empty. After the stage, the view and what it returned may differ only in the keys
it assigns (``check_assigns``), and only those are taken into the corpus (``merge``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, NoReturn

from .errors import PipelineError
from .models import Article, Dossier
from .registry import INGESTED, StageSpec
from .stages import REGISTRY


class Absent:
    """What a stage finds in place of a key it does not require: any use of it raises ``PipelineError``.

    Only identity and equality work (so records holding it still compare); ``is None`` is False.
    """

    __slots__ = ("key", "stage")

    def __init__(self, stage: str, key: str) -> None:
        self.stage = stage
        self.key = key

    def refuse(self) -> NoReturn:
        raise PipelineError(
            f"stage {self.stage!r} read {self.key}, which it does not require; add {self.key!r} to the "
            "requires of its @stage registration (and run the stage that assigns it before it)"
        )

    def __getattr__(self, name: str) -> NoReturn:
        if name.startswith("__"):
            raise AttributeError(name)
        self.refuse()

    def __bool__(self) -> NoReturn:
        self.refuse()

    def __len__(self) -> NoReturn:
        self.refuse()

    def __iter__(self) -> NoReturn:
        self.refuse()

    def __contains__(self, item: object) -> NoReturn:
        self.refuse()

    def __getitem__(self, item: object) -> NoReturn:
        self.refuse()

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"<{self.key}: not required by {self.stage}>"


def check_order(specs: Sequence[StageSpec], given: Sequence[str] = ()) -> None:
    """Raise if a stage requires a key that no earlier stage, ingest, or ``given`` assigns."""
    assigned = set(INGESTED) | set(given)
    for spec in specs:
        missing = [key for key in spec.requires if key not in assigned]
        if missing:
            raise PipelineError(
                f"stage {spec.name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                "add the stages that provide them before it"
            )
        assigned.update(spec.assigns)


def view(corpus: Dossier, spec: StageSpec) -> Dossier:
    """The corpus as ``spec``'s stage may see it: ingest's fields, what it requires, empty what it assigns."""
    made = {key for other in REGISTRY.values() for key in other.assigns} | set(spec.assigns)
    hidden = made - set(spec.requires)
    defaults = {f.name: f.default for f in dataclasses.fields(Article)}
    sections: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    for key in hidden:
        if key.startswith("article."):
            field = key.removeprefix("article.")
            fields[field] = defaults[field] if key in spec.assigns else Absent(spec.name, key)
        else:
            sections[key] = None if key in spec.assigns else Absent(spec.name, key)
    articles = tuple(dataclasses.replace(a, **fields) for a in corpus.articles) if fields else corpus.articles
    return dataclasses.replace(corpus, articles=articles, **sections)


def merge(corpus: Dossier, result: Dossier, spec: StageSpec) -> Dossier:
    """``corpus`` with the keys ``spec`` assigns taken from the stage's ``result``."""
    sections = {key: getattr(result, key) for key in spec.assigns if not key.startswith("article.")}
    fields = [key.removeprefix("article.") for key in spec.assigns if key.startswith("article.")]
    articles = corpus.articles
    if fields:
        articles = tuple(dataclasses.replace(old, **{f: getattr(new, f) for f in fields})
                         for old, new in zip(corpus.articles, result.articles, strict=True))
    return dataclasses.replace(corpus, articles=articles, **sections)


def check_assigns(spec: StageSpec, before: Dossier, after: object) -> Dossier:
    """``after``, once it is a dossier that differs from ``before`` only in the keys ``spec`` assigns."""
    if not isinstance(after, Dossier):
        raise PipelineError(f"stage {spec.name!r} returned {type(after).__name__}, not the corpus (a Dossier); "
                            "return dataclasses.replace(corpus, ...)")
    allowed = set(spec.assigns)
    for field in dataclasses.fields(Dossier):
        if field.name != "articles" and _changed(getattr(before, field.name), getattr(after, field.name)):
            _refuse(spec, field.name, allowed)
    if before.articles is after.articles:
        return after
    if [a.id for a in before.articles] != [a.id for a in after.articles]:
        raise PipelineError(f"stage {spec.name!r} added, removed or reordered articles; a stage may change "
                            "articles' fields it assigns, never the list of articles")
    for old, new in zip(before.articles, after.articles, strict=True):
        if old is new:
            continue
        for field in dataclasses.fields(Article):
            if _changed(getattr(old, field.name), getattr(new, field.name)):
                _refuse(spec, f"article.{field.name}", allowed, old.id)
    return after


def _changed(old: object, new: object) -> bool:
    return old is not new and bool(old != new)


def _refuse(spec: StageSpec, key: str, allowed: set[str], article_id: str | None = None) -> None:
    if key in allowed:
        return
    where = f" of article {article_id}" if article_id else ""
    declared = ", ".join(spec.assigns) or "nothing"
    raise PipelineError(
        f"stage {spec.name!r} changed {key}{where}, which it does not assign (it declares {declared}); "
        f"add {key!r} to the assigns of its @stage registration, or leave that field as it was"
    )
