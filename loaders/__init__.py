"""Loaders: files, folders, globs and JSON Lines into :class:`Article` objects."""
from .article import Article, LoadError, Span, article_id

__all__ = ["Article", "LoadError", "Span", "article_id"]
