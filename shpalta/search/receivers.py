"""Keeps the index in step with articles: connected to news.signals.article_changed,
which is sent inside the writing transaction, so the index commits or rolls back with
the article itself."""

from .services import search_document_update


def article_changed_reindex(sender, *, article, previous=None, **kwargs):
    search_document_update(article=article)
