"""Errors a user can act on: each message says what went wrong and what to do."""

from __future__ import annotations


class SynopsisError(Exception):
    """Base of every error synopsis raises on purpose."""


class ConfigError(SynopsisError):
    """A configuration file or option is invalid."""


class InputError(SynopsisError):
    """One input (file, URL, stdin) cannot become an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NoUsableInputError(SynopsisError):
    """Every input was rejected, so there is nothing to build from."""


class ModelNotInstalledError(SynopsisError):
    """A language or embedding model package is missing."""


class PipelineError(SynopsisError):
    """The stages asked for cannot run in that order, or a stage broke its declared contract."""


class StoreError(SynopsisError):
    """The DuckDB store cannot be opened or written."""
