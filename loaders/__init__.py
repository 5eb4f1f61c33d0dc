"""Loaders: files, folders, globs and JSON Lines into :class:`Article` objects.

Entry points: :func:`iter_articles` (paths → stream of Article | LoadError),
:func:`load_file` (one path → list) and :func:`load_text` (one document's text → Article,
raising :class:`LoadFailure`, a ValueError, when it cannot).
"""
from .article import Article, LoadError, Span, article_id
from .errors import LoadFailure
from .formats import FORMATS, detect_format, load_text
from .segment import sentence_spans, split_sentences
from .walk import DEFAULT_INCLUDE, DEFAULT_MAX_BYTES, iter_articles, load_file

__all__ = [
    "Article", "LoadError", "LoadFailure", "Span", "article_id",
    "iter_articles", "load_file", "load_text", "detect_format", "FORMATS",
    "DEFAULT_INCLUDE", "DEFAULT_MAX_BYTES", "sentence_spans", "split_sentences",
]
