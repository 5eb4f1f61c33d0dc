"""The exception loaders raise internally; :func:`loaders.iter_articles` turns it into a LoadError."""
from __future__ import annotations


class LoadFailure(ValueError):
    """A file (or record) cannot become an Article; ``reason`` is meant for people."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
