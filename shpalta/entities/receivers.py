from .services import article_refresh, refresh_is_deferred


def on_article_changed(sender, article, previous, **kwargs):
    """Extraction, links and «Інші новини» follow every create, edit, publish and
    unpublish, inside the writing transaction; during a bulk import (see
    services.article_refresh_deferred) the article is only noted for the pass after it."""
    if refresh_is_deferred(article):
        return
    article_refresh(article=article)
